/*
 * dict.c — string interning with an open-addressing hash index.
 *
 * A slot is 64 bits: the string's 32-bit hash above its id+1 (0 = empty).
 * Probes compare hashes inside the slot array and only touch the string
 * heap on a hash match, so a lookup costs about one cache miss however
 * full the table is. Load factor stays at or below 1/2.
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
    nis5g_dict_init(d);
}

void nis5g_dict_unindex(struct nis5g_dict *d)
{
    free(d->slots);
    d->slots = NULL;
    d->mask = 0;
}

static void place(uint64_t *slots, uint32_t mask, uint64_t v)
{
    uint32_t j = (uint32_t)(v >> 32) & mask;
    while (slots[j])
        j = (j + 1) & mask;
    slots[j] = v;
}

/* Size the index for `want` strings and rebuild it. */
static void reindex(struct nis5g_dict *d, uint32_t want)
{
    uint64_t size = 16;
    while (size < 2 * (uint64_t)want + 2)
        size *= 2;
    uint64_t *slots = nis5g_xmalloc(size * sizeof *slots);
    nis5g_advise_huge(slots, size * sizeof *slots);
    memset(slots, 0, size * sizeof *slots);
    uint32_t mask = (uint32_t)(size - 1);
    if (d->slots) {
        for (uint64_t j = 0; j <= d->mask; j++)
            if (d->slots[j])
                place(slots, mask, d->slots[j]);
    } else {
        for (uint32_t i = 0; i < d->n; i++)
            place(slots, mask, (uint64_t)nis5g_dict_hash(d->heap + d->off[i], nis5g_dict_len(d, i)) << 32 | (i + 1));
    }
    free(d->slots);
    d->slots = slots;
    d->mask = mask;
}

static uint32_t lookup(const struct nis5g_dict *d, const char *s, size_t n, uint32_t h, uint32_t *slot)
{
    uint32_t j = h & d->mask;
    for (;;) {
        uint64_t v = d->slots[j];
        if (!v) {
            *slot = j;
            return NIS5G_NONE;
        }
        if ((uint32_t)(v >> 32) == h) {
            uint32_t id = (uint32_t)v - 1;
            if (d->off[id + 1] - d->off[id] - 1 == n && memcmp(d->heap + d->off[id], s, n) == 0)
                return id;
        }
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

void nis5g_dict_index(struct nis5g_dict *d)
{
    if (d->n && !d->slots)
        reindex(d, d->n);
}

void nis5g_dict_prefetch(const struct nis5g_dict *d, uint32_t h)
{
    if (d->slots)
        __builtin_prefetch(&d->slots[h & d->mask]);
}

void nis5g_dict_reserve(struct nis5g_dict *d, uint32_t n, size_t heap_bytes)
{
    if (n + 1 > d->off_cap) {
        d->off_cap = n + 1;
        d->off = nis5g_xreallocarray(d->off, d->off_cap, sizeof *d->off);
        if (d->n == 0)
            d->off[0] = 0;
    }
    if (heap_bytes > d->heap_cap) {
        d->heap = nis5g_xrealloc(d->heap, heap_bytes);
        d->heap_cap = heap_bytes;
    }
    if (!d->slots || 2 * (uint64_t)n > d->mask)
        reindex(d, n);
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
    d->slots[slot] = (uint64_t)h << 32 | (id + 1);
    return id;
}
