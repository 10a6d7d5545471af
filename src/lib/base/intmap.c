/*
 * intmap.c — 64-bit keys to dense indexes (see intmap.h).
 */
#include <stdlib.h>

#include "nis5g/buf.h"
#include "base/intmap.h"

static inline size_t mix(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return (size_t)x;
}

void nis5g_intmap_init(struct nis5g_intmap *m, size_t hint)
{
    size_t cap = 64;
    while (cap < hint * 2)
        cap <<= 1;
    m->keys = nis5g_xmalloc(cap * sizeof *m->keys);
    m->vals = nis5g_xcalloc(cap, sizeof *m->vals);
    m->mask = cap - 1;
    m->n = 0;
}

void nis5g_intmap_release(struct nis5g_intmap *m)
{
    free(m->keys);
    free(m->vals);
    m->keys = NULL;
    m->vals = NULL;
    m->mask = m->n = 0;
}

uint32_t nis5g_intmap_get(struct nis5g_intmap *m, uint64_t key, int *added)
{
    if ((m->n + 1) * 2 > m->mask + 1) {
        struct nis5g_intmap big;
        nis5g_intmap_init(&big, m->mask + 1);
        for (size_t j = 0; j <= m->mask; j++) {
            if (!m->vals[j])
                continue;
            size_t h = mix(m->keys[j]) & big.mask;
            while (big.vals[h])
                h = (h + 1) & big.mask;
            big.keys[h] = m->keys[j];
            big.vals[h] = m->vals[j];
        }
        big.n = m->n;
        nis5g_intmap_release(m);
        *m = big;
    }
    size_t i = mix(key) & m->mask;
    while (m->vals[i]) {
        if (m->keys[i] == key) {
            if (added)
                *added = 0;
            return m->vals[i] - 1;
        }
        i = (i + 1) & m->mask;
    }
    m->keys[i] = key;
    m->vals[i] = (uint32_t)++m->n;
    if (added)
        *added = 1;
    return m->vals[i] - 1;
}

uint32_t nis5g_intmap_find(const struct nis5g_intmap *m, uint64_t key)
{
    if (!m->vals)
        return UINT32_MAX;
    size_t i = mix(key) & m->mask;
    while (m->vals[i]) {
        if (m->keys[i] == key)
            return m->vals[i] - 1;
        i = (i + 1) & m->mask;
    }
    return UINT32_MAX;
}
