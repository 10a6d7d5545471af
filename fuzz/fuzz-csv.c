/*
 * fuzz-csv.c — libFuzzer driver for the RFC 4180 reader: any bytes must
 * give records or a located error, never a crash, a hang or a read outside
 * the text. The text is never modified; every field is its slice of the
 * text, or for a quoted field the text between its quotes with doubled
 * quotes made single; every error must name a line and column that exist;
 * two readers split where nis5g_csv_split says read what one reads.
 *
 *   make fuzz            (all drivers, FUZZ_TIME seconds each)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every record and error of a reader, as text. */
static void records(struct nis5g_csv *c, struct nis5g_buf *out)
{
    struct nis5g_err err = { 0 };
    int rc;
    while ((rc = nis5g_csv_next(c, &err)) != 0) {
        if (rc < 0) {
            nis5g_buf_addf(out, "E%d:%d:%s\n", err.line, err.col, err.msg);
            continue;
        }
        for (size_t i = 0; i < c->nf; i++) {
            nis5g_buf_addf(out, "%u:%d:%u:", c->f[i].line, nis5g_csv_col(c, c->f[i].line_at, c->f[i].at), c->f[i].n);
            nis5g_buf_add(out, c->f[i].p, c->f[i].n);
        }
        nis5g_buf_addch(out, '\n');
    }
}

/* Two views split where nis5g_csv_split says give what one reader gives,
 * unless the first view ends in an unclosed quote (csv.h). */
static void check_split(struct nis5g_csv *c)
{
    size_t s = nis5g_csv_split(c, 0);
    if (s > c->len || (s < c->len && (s == 0 || c->data[s - 1] != '\n')))
        abort();
    if (s == c->len)
        return;
    c->pos = 0;
    c->line = 1;
    c->line_at = 0;
    struct nis5g_buf one = NIS5G_BUF_INIT, two = NIS5G_BUF_INIT;
    records(c, &one);
    struct nis5g_csv v0, v1;
    nis5g_csv_view(&v0, c, 0, s);
    nis5g_csv_view(&v1, c, s, c->len);
    records(&v0, &two);
    records(&v1, &two);
    if (!v0.unclosed && (one.len != two.len || (one.len && memcmp(one.data, two.data, one.len) != 0)))
        abort();
    nis5g_buf_release(&one);
    nis5g_buf_release(&two);
    nis5g_csv_view_release(&v0);
    nis5g_csv_view_release(&v1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = nis5g_xmalloc(size + 1);
    memcpy(copy, data, size);
    struct nis5g_csv c;
    struct nis5g_err err = { 0 };
    if (nis5g_csv_open(&c, "f.csv", copy, size, &err)) {
        if (err.line < 1 || err.col < 1)
            abort();
        return 0;
    }
    int rc, guard = 0;
    while ((rc = nis5g_csv_next(&c, &err)) != 0) {
        if (rc < 0) {
            if (err.line < 1 || err.col < 1)
                abort();
            continue;
        }
        for (size_t i = 0; i < c.nf; i++) {
            const struct nis5g_csv_field *f = &c.f[i];
            if (f->at > f->end || f->end > c.len || f->line_at > f->at)
                abort();
            const char *raw = c.data + f->at;
            size_t rn = f->end - f->at;
            if (rn && raw[0] == '"') { /* quoted: compare unescaped */
                if (rn < 2 || raw[rn - 1] != '"')
                    abort();
                size_t k = 1, j = 0;
                for (; k < rn - 1; k++, j++) {
                    if (j >= f->n || f->p[j] != raw[k])
                        abort();
                    if (raw[k] == '"' && raw[++k] != '"')
                        abort();
                }
                if (j != f->n)
                    abort();
            } else if (f->n != rn || (rn && f->p != raw)) {
                abort();
            }
            if (nis5g_csv_col(&c, f->line_at, f->at) < 1)
                abort();
        }
        if (++guard > (int)size + 2)
            abort(); /* every record consumes at least one byte */
    }
    /* the text as given (after a BOM) */
    if (c.len > size || memcmp(c.data, data + (size - c.len), c.len) != 0)
        abort();
    check_split(&c);
    nis5g_csv_close(&c);
    return 0;
}
