/*
 * csv.h — a strict RFC 4180 reader over a file held in memory.
 *
 * Fields may be quoted ("a, b", "say ""hi""", embedded newlines); CRLF and
 * LF line ends and a leading UTF-8 BOM are accepted; the text must be valid
 * UTF-8 without NUL bytes (nis5g_csv_open checks that first, in one pass).
 * The text is never modified, so an error can always show the line as it
 * is in the file: a quoted field is a slice of the text between its
 * quotes, or, when it holds doubled quotes, an unescaped copy in memory the
 * reader owns. Field slices stay valid until nis5g_csv_close (or
 * nis5g_csv_view_release for a view).
 *
 * Every field knows where it starts (line, and the byte offset of its line)
 * so that an error can name line and column the way an editor counts them
 * (characters, not bytes).
 */
#ifndef NIS5G_CSV_H
#define NIS5G_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "nis5g/err.h"

struct nis5g_csv_field {
    const char *p;  /* the (unescaped) value, not NUL-terminated */
    uint32_t n;
    uint32_t line;  /* 1-based line where the field starts */
    size_t at;      /* byte offset of the field's first byte (the quote, if quoted) */
    size_t line_at; /* byte offset of the start of that line */
    size_t end;     /* byte offset just past the field (after its closing quote) */
};

struct nis5g_csv_chunk; /* unescaped copies of quoted fields with doubled quotes */

struct nis5g_csv {
    const char *name; /* display name, borrowed */
    char *data;       /* the text (after any BOM), inside base */
    char *base;       /* owned: malloc'ed, or mapped when map_len > 0 */
    size_t map_len;
    size_t len, pos;
    uint32_t line;    /* line at pos */
    size_t line_at;   /* start of the line at pos */
    struct nis5g_csv_field *f;
    size_t nf, capf;
    uint32_t rec_line; /* line where the current record starts */
    uint32_t line_base;/* lines before data (a view into a larger text) */
    int has_quote;     /* the text holds a '"' somewhere (set by open) */
    size_t mark, mark_quotes; /* the '"' in [0, mark) (set by open) */
    int unclosed;      /* nis5g_csv_next met a quoted field left open at the end */
    struct nis5g_csv_chunk *chunks; /* owned, also by a view */
};

/* Take ownership of data (malloc'ed, len bytes) and check the encoding. On
 * a bad byte, fills err with file, line and column and returns NIS5G_EPARSE
 * (the data is released either way on failure). The text need not be
 * NUL-terminated. */
int nis5g_csv_open(struct nis5g_csv *c, const char *name, char *data, size_t len, struct nis5g_err *err);
/* The same for a file, mapped privately (no copy); name is for messages.
 * NIS5G_EIO when it cannot be read. */
int nis5g_csv_open_file(struct nis5g_csv *c, const char *path, const char *name, struct nis5g_err *err);
void nis5g_csv_close(struct nis5g_csv *c);

/* Read the next record into c->f / c->nf. Returns 1 for a record, 0 at the
 * end, or NIS5G_EPARSE-negated (-NIS5G_EPARSE) with err filled (unclosed
 * quote, text after a closing quote). A blank line is a record of one empty
 * field, which callers treat as they like (the importer rejects it unless
 * it is the last line). */
int nis5g_csv_next(struct nis5g_csv *c, struct nis5g_err *err);

/* A reader over bytes [start, end) of c's text, which must start a line,
 * with line numbers as in c. It borrows c's text (c must outlive it) and
 * is released with nis5g_csv_view_release, not nis5g_csv_close. Lets
 * threads read parts of one file. */
void nis5g_csv_view(struct nis5g_csv *view, const struct nis5g_csv *c, size_t start, size_t end);
void nis5g_csv_view_release(struct nis5g_csv *view);

/* Where to split the records from byte `from` (a record start) to the end
 * over two readers: the start of a line near the middle that is outside
 * quotes, found from the parity of the quotes before it; c->len when there
 * is none. Exact for RFC 4180 text. For any text, reading [from, split)
 * and [split, len) as two views gives what one reader gives exactly when
 * the first view ends without an unclosed quote (its `unclosed` is 0 after
 * it was read to the end): callers must check that and otherwise read the
 * whole with one reader. */
size_t nis5g_csv_split(const struct nis5g_csv *c, size_t from);

/* Add empty fields to the current record until it has n fields. */
void nis5g_csv_pad(struct nis5g_csv *c, size_t n);

/* Column (1-based, in characters) of byte offset `at` on the line starting
 * at line_at. */
int nis5g_csv_col(const struct nis5g_csv *c, size_t line_at, size_t at);
/* The text of the line starting at line_at (up to the newline), for carets. */
const char *nis5g_csv_line_text(const struct nis5g_csv *c, size_t line_at, size_t *len);

#endif
