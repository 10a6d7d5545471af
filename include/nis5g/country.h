/*
 * country.h — ISO 3166-1 alpha-2 country codes.
 */
#ifndef NIS5G_COUNTRY_H
#define NIS5G_COUNTRY_H

#include <stddef.h>

/* 1 when s (length n) is an officially assigned ISO 3166-1 alpha-2 code
 * (upper case), else 0. "EL" (the EU's code for Greece) is not ISO: callers
 * map it to "GR" first with nis5g_country_normalise. */
int nis5g_country_valid(const char *s, size_t n);
/* The code to store for s: "GR" for "EL", else s itself (borrowed). */
const char *nis5g_country_normalise(const char *s, size_t n, size_t *out_n);
/* 1 for the 27 EU Member States (as ISO codes). */
int nis5g_country_eu27(const char *s, size_t n);

#endif
