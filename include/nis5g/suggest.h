/*
 * suggest.h — "did you mean": edit distances between short words (command
 * names, column names, policy keywords, country names).
 */
#ifndef NIS5G_SUGGEST_H
#define NIS5G_SUGGEST_H

#include <stddef.h>

/* Levenshtein distance between a (la bytes) and b (lb bytes); with fold,
 * ASCII letters compare without case. Words over 63 bytes are "far" (99). */
int nis5g_edit_distance(const char *a, size_t la, const char *b, size_t lb, int fold);

/* The name closest to s (n bytes) among names (count of them, or up to a
 * NULL entry when count < 0), if its distance is at most max; ties go to
 * the first. NULL when none is close enough. */
const char *nis5g_suggest(const char *s, size_t n, const char *const *names, int count, int max, int fold);

#endif
