/*
 * date.h — calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian). Columns store int32_t day numbers; NIS5G_NO_DATE marks an
 * empty date.
 */
#ifndef NIS5G_DATE_H
#define NIS5G_DATE_H

#include <stddef.h>
#include <stdint.h>

#define NIS5G_NO_DATE INT32_MIN

/* Strictly YYYY-MM-DD, a real calendar day (2023-02-30 is rejected), years
 * 1900–2199. Returns 0 and sets *day, or -1. */
int nis5g_date_parse(const char *s, size_t n, int32_t *day);
/* Write YYYY-MM-DD and a NUL into out (at least 11 bytes). Returns out. */
char *nis5g_date_format(int32_t day, char out[11]);
int32_t nis5g_date_from_ymd(int y, int m, int d);
void nis5g_date_to_ymd(int32_t day, int *y, int *m, int *d);
/* Today in UTC (NIS5G_TODAY=YYYY-MM-DD in the environment overrides it, for
 * tests and reproducible demos). */
int32_t nis5g_date_today(void);

/* The current time in UTC as "YYYY-MM-DDTHH:MM:SSZ" (the one timestamp
 * format of the workspace: imports, measures, keys, packages). */
void nis5g_utc_now(char out[32]);
/* The same for a time in Unix seconds ("?" when it cannot be shown);
 * returns out. */
const char *nis5g_utc_format(int64_t t, char out[32]);

#endif
