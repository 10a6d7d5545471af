/*
 * dict.h — string interning: each distinct string gets a small integer id,
 * in first-seen order (0, 1, 2...). Columns store ids; names are looked up
 * once per answer, not once per element.
 *
 * The strings live in one heap (NUL-separated) with an offset array, so a
 * dictionary is two flat arrays and can be saved and loaded as BLOBs. The
 * hash index is built lazily by the first lookup after a load. Each slot
 * holds the string's hash beside its id, so a probe that does not match
 * never touches the strings (at millions of ids, every touch is a cache
 * miss).
 */
#ifndef NIS5G_DICT_H
#define NIS5G_DICT_H

#include <stddef.h>
#include <stdint.h>

#define NIS5G_NONE UINT32_MAX

struct nis5g_dict {
    uint32_t n;        /* number of strings */
    uint32_t *off;     /* n+1 offsets into heap; string i is heap+off[i] */
    char *heap;        /* the strings, each NUL-terminated */
    size_t heap_len, heap_cap;
    uint32_t off_cap;
    uint64_t *slots;   /* open addressing: hash << 32 | (id+1), 0 = empty; NULL until needed */
    uint32_t mask;
};

void nis5g_dict_init(struct nis5g_dict *d);
void nis5g_dict_release(struct nis5g_dict *d);
/* The id of s (length n), adding it if new. Aborts on out-of-memory. */
uint32_t nis5g_dict_intern(struct nis5g_dict *d, const char *s, size_t n);
/* The id of s, or NIS5G_NONE. Builds the index on first use (not const). */
uint32_t nis5g_dict_find(struct nis5g_dict *d, const char *s, size_t n);
/* Build the lookup index now (it is otherwise built by the first find), so
 * that a dictionary shared between threads is only read afterwards. */
void nis5g_dict_index(struct nis5g_dict *d);
static inline uint32_t nis5g_dict_finds(struct nis5g_dict *d, const char *s);
/* The string of id (borrowed, valid until the dict changes); "" for NIS5G_NONE. */
static inline const char *nis5g_dict_str(const struct nis5g_dict *d, uint32_t id)
{
    return id == NIS5G_NONE ? "" : d->heap + d->off[id];
}
static inline uint32_t nis5g_dict_len(const struct nis5g_dict *d, uint32_t id)
{
    return id == NIS5G_NONE ? 0 : d->off[id + 1] - d->off[id] - 1;
}
/* The same, with a hash computed earlier by nis5g_dict_hash; with
 * nis5g_dict_prefetch in between, a bulk loader overlaps the memory miss
 * of the probe with other work. */
uint32_t nis5g_dict_hash(const char *s, size_t n);
void nis5g_dict_prefetch(const struct nis5g_dict *d, uint32_t h);
uint32_t nis5g_dict_intern_h(struct nis5g_dict *d, const char *s, size_t n, uint32_t h);
uint32_t nis5g_dict_find_h(struct nis5g_dict *d, const char *s, size_t n, uint32_t h);
/* Make room for n strings and heap_bytes of text, so that bulk interning
 * does not rehash on the way. */
void nis5g_dict_reserve(struct nis5g_dict *d, uint32_t n, size_t heap_bytes);

/* Drop the hash index (e.g. after bulk loading heap/off directly). */
void nis5g_dict_unindex(struct nis5g_dict *d);

#include <string.h>
static inline uint32_t nis5g_dict_finds(struct nis5g_dict *d, const char *s)
{
    return nis5g_dict_find(d, s, strlen(s));
}

#endif
