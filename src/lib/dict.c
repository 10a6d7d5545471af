/*
 * dict.c — string interning with an open-addressing hash index.
 *
 * The index stores id+1 per slot and a parallel array of full hashes, so a
 * probe compares 32-bit hashes before touching the string heap. Load factor
 * stays at or below 1/2.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/dict.h"

static inline uint64_t rd64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

/* A small multiply-mix hash, 8 bytes a step; good enough for ids. */
uint32_t nis5g_dict_hash(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (n * 0xff51afd7ed558ccdull);
    while (n >= 8) {
        h = (h ^ rd64(p)) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 29;
        p += 8;
        n -= 8;
    }
    uint64_t t = 0;
    memcpy(&t, p, n);
    h = (h ^ t) * 0x94d049bb133111ebull;
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return (uint32_t)h;
}

void nis5g_dict_init(struct nis5g_dict *d)
{
    memset(d, 0, sizeof *d);
}

void nis5g_dict_release(struct nis5g_dict *d)
{
    free(d->off);
    free(d->heap);
    free(d->slots);
    free(d->hashes);
    nis5g_dict_init(d);
}

void nis5g_dict_unindex(struct nis5g_dict *d)
{
    free(d->slots);
    free(d->hashes);
    d->slots = NULL;
    d->hashes = NULL;
    d->mask = 0;
}

static void reindex(struct nis5g_dict *d, uint32_t want)
{
    uint32_t size = 16;
    while (size < 2 * (uint64_t)want + 2)
        size *= 2;
    free(d->slots);
    d->slots = nis5g_xmalloc((size_t)size * sizeof *d->slots);
    nis5g_advise_huge(d->slots, (size_t)size * sizeof *d->slots);
    memset(d->slots, 0, (size_t)size * sizeof *d->slots);
    d->mask = size - 1;
    if (!d->hashes) {
        d->hashes = nis5g_xmalloc((size_t)(d->off_cap ? d->off_cap : d->n + 1) * sizeof *d->hashes);
        for (uint32_t i = 0; i < d->n; i++)
            d->hashes[i] = nis5g_dict_hash(d->heap + d->off[i], nis5g_dict_len(d, i));
    }
    for (uint32_t i = 0; i < d->n; i++) {
        uint32_t j = d->hashes[i] & d->mask;
        while (d->slots[j])
            j = (j + 1) & d->mask;
        d->slots[j] = i + 1;
    }
}

static uint32_t lookup(struct nis5g_dict *d, const char *s, size_t n, uint32_t h, uint32_t *slot)
{
    uint32_t j = h & d->mask;
    for (;;) {
        uint32_t id1 = d->slots[j];
        if (!id1) {
            *slot = j;
            return NIS5G_NONE;
        }
        uint32_t id = id1 - 1;
        if (d->hashes[id] == h && d->off[id + 1] - d->off[id] - 1 == n &&
            memcmp(d->heap + d->off[id], s, n) == 0)
            return id;
        j = (j + 1) & d->mask;
    }
}

uint32_t nis5g_dict_find(struct nis5g_dict *d, const char *s, size_t n)
{
    return nis5g_dict_find_h(d, s, n, nis5g_dict_hash(s, n));
}

uint32_t nis5g_dict_find_h(struct nis5g_dict *d, const char *s, size_t n, uint32_t h)
{
    if (d->n == 0)
        return NIS5G_NONE;
    if (!d->slots)
        reindex(d, d->n);
    uint32_t slot;
    return lookup(d, s, n, h, &slot);
}

void nis5g_dict_prefetch(const struct nis5g_dict *d, uint32_t h)
{
    if (d->slots)
        __builtin_prefetch(&d->slots[h & d->mask]);
}

void nis5g_dict_reserve(struct nis5g_dict *d, uint32_t n, size_t heap_bytes)
{
    if (n > d->off_cap) {
        d->off_cap = n + 1;
        d->off = nis5g_xreallocarray(d->off, d->off_cap, sizeof *d->off);
        if (d->n == 0)
            d->off[0] = 0;
        if (d->hashes)
            d->hashes = nis5g_xreallocarray(d->hashes, d->off_cap, sizeof *d->hashes);
    }
    if (heap_bytes > d->heap_cap) {
        d->heap = nis5g_xrealloc(d->heap, heap_bytes);
        d->heap_cap = heap_bytes;
    }
    if (!d->slots || 2 * (uint64_t)n > d->mask) {
        if (!d->hashes) {
            d->hashes = nis5g_xmalloc((size_t)(d->off_cap ? d->off_cap : n + 1) * sizeof *d->hashes);
            for (uint32_t i = 0; i < d->n; i++)
                d->hashes[i] = nis5g_dict_hash(d->heap + d->off[i], nis5g_dict_len(d, i));
        }
        reindex(d, n);
    }
}

uint32_t nis5g_dict_intern(struct nis5g_dict *d, const char *s, size_t n)
{
    return nis5g_dict_intern_h(d, s, n, nis5g_dict_hash(s, n));
}

uint32_t nis5g_dict_intern_h(struct nis5g_dict *d, const char *s, size_t n, uint32_t h)
{
    if (!d->off) {
        d->off_cap = 16;
        d->off = nis5g_xmalloc(d->off_cap * sizeof *d->off);
        d->off[0] = 0;
    }
    if (!d->slots || 2 * (uint64_t)(d->n + 1) > d->mask)
        reindex(d, 2 * (d->n + 1));
    uint32_t slot;
    uint32_t id = lookup(d, s, n, h, &slot);
    if (id != NIS5G_NONE)
        return id;
    if (d->n + 2 > d->off_cap) {
        d->off_cap = d->off_cap * 2 > d->n + 2 ? d->off_cap * 2 : d->n + 2;
        d->off = nis5g_xreallocarray(d->off, d->off_cap, sizeof *d->off);
        d->hashes = nis5g_xreallocarray(d->hashes, d->off_cap, sizeof *d->hashes);
    }
    if (d->heap_len + n + 1 > d->heap_cap) {
        size_t cap = d->heap_cap ? d->heap_cap : 256;
        while (cap < d->heap_len + n + 1)
            cap *= 2;
        d->heap = nis5g_xrealloc(d->heap, cap);
        d->heap_cap = cap;
    }
    if (d->heap_len + n + 1 > UINT32_MAX)
        abort(); /* the importer checks sizes long before this */
    memcpy(d->heap + d->heap_len, s, n);
    d->heap[d->heap_len + n] = 0;
    d->heap_len += n + 1;
    id = d->n++;
    d->off[d->n] = (uint32_t)d->heap_len;
    d->hashes[id] = h;
    d->slots[slot] = id + 1;
    return id;
}
