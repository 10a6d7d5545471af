/*
 * intmap.h — a map from 64-bit keys to dense indexes (0, 1, 2... in order
 * of first insertion), for grouping rows by composite integer keys
 * (operator << 32 | region, ...). Open addressing, load at most 1/2.
 */
#ifndef NIS5G_INTMAP_H
#define NIS5G_INTMAP_H

#include <stddef.h>
#include <stdint.h>

struct nis5g_intmap {
    uint64_t *keys;
    uint32_t *vals; /* index + 1; 0 = empty */
    size_t mask, n; /* n: keys held */
};

/* Room for about hint keys before the first growth. */
void nis5g_intmap_init(struct nis5g_intmap *m, size_t hint);
void nis5g_intmap_release(struct nis5g_intmap *m);
/* The index of key, adding it (as index n) when new; *added says which
 * (added may be NULL). */
uint32_t nis5g_intmap_get(struct nis5g_intmap *m, uint64_t key, int *added);

/* The index of key, or UINT32_MAX when it is not in the map. */
uint32_t nis5g_intmap_find(const struct nis5g_intmap *m, uint64_t key);

#endif
