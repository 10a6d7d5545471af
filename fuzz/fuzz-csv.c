/*
 * fuzz-csv.c — libFuzzer driver for the RFC 4180 reader: any bytes must
 * give records or a located error, never a crash, a hang or a read outside
 * the text. Every field must lie inside the text and every error must name
 * a line and column that exist.
 *
 *   make fuzz            (all drivers, FUZZ_TIME seconds each)
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/csv.h"

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
            if (f->n && (f->p < c.data || f->p + f->n > c.data + c.len))
                abort();
            if (nis5g_csv_col(&c, f->line_at, f->at) < 1)
                abort();
        }
        if (++guard > (int)size + 2)
            abort(); /* every record consumes at least one byte */
    }
    nis5g_csv_close(&c);
    return 0;
}
