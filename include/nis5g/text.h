/*
 * text.h — the small text conversions every writer shares: CSV quoting,
 * thousands separators, and making dataset text safe to show on a
 * terminal. One of each, so that every table and file agrees.
 */
#ifndef NIS5G_TEXT_H
#define NIS5G_TEXT_H

#include <stddef.h>

#include "nis5g/buf.h"

/* Append s as one CSV field (RFC 4180): quoted, with quotes doubled, when
 * it holds a '"', ',', CR or LF; as it is otherwise. */
void nis5g_csv_quote(struct nis5g_buf *b, const char *s);
/* 1 when s must be quoted as a CSV field. */
int nis5g_csv_needs_quote(const char *s);
/* The same for a file a person may open in a spreadsheet: a cell that
 * starts with = + - @ TAB or CR (a formula to Excel, LibreOffice, Google
 * Sheets) gets a ' in front and is quoted, as OWASP's "CSV Injection" page
 * advises; every other cell as nis5g_csv_quote. */
void nis5g_csv_quote_safe(struct nis5g_buf *b, const char *s);

/* v with a comma every three digits ("-1,234,567") into out; returns out. */
const char *nis5g_thousands(long long v, char out[32]);

/* Append the n bytes of s so that they can neither break a line nor drive
 * a terminal: tab, CR and LF become a space, other control characters (C0,
 * DEL and the two-byte UTF-8 C1 controls) become '?'. The rest is kept. */
void nis5g_sanitize(struct nis5g_buf *out, const char *s, size_t n);

#endif
