/*
 * fuzz-csv.c — libFuzzer driver for the RFC 4180 reader: any bytes must
 * give records or a located error, never a crash, a hang or a read outside
 * the text. The text is never modified; every field is its slice of the
 * text, or for a quoted field the text between its quotes with doubled
 * quotes made single; every error must name a line and column that exist.
 *
 *   make fuzz            (all drivers, FUZZ_TIME seconds each)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    nis5g_csv_close(&c);
    return 0;
}
