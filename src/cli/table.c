/*
 * table.c — aligned text tables for people. Columns size to their widest
 * cell, counted in characters (UTF-8), not bytes.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/text.h"
#include "nis5g/buf.h"

#define MAX_COLS 32

struct cli_table {
    int ncols;
    const char *head[MAX_COLS];
    int right[MAX_COLS];
    char **cells;
    size_t n, cap;
};

struct cli_table *cli_table_new(void)
{
    return nis5g_xcalloc(1, sizeof(struct cli_table));
}

void cli_table_col(struct cli_table *t, const char *header, int right_align)
{
    if (t->ncols < MAX_COLS) {
        t->head[t->ncols] = header;
        t->right[t->ncols++] = right_align;
    }
}

void cli_table_cell(struct cli_table *t, const char *s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->cells = nis5g_xreallocarray(t->cells, t->cap, sizeof *t->cells);
    }
    /* Cells come from datasets: control characters (a name with a newline,
     * a terminal escape sequence) would break the table or drive the
     * terminal. */
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_sanitize(&b, s ? s : "", s ? strlen(s) : 0);
    char *c = b.data ? nis5g_buf_detach(&b, NULL) : nis5g_xstrdup("");
    t->cells[t->n++] = c;
}

void cli_table_cellf(struct cli_table *t, const char *fmt, ...)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    nis5g_buf_vaddf(&b, fmt, ap);
    va_end(ap);
    cli_table_cell(t, b.data);
    nis5g_buf_release(&b);
}

static int width(const char *s)
{
    int w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

static void pad(FILE *f, int n)
{
    while (n-- > 0)
        fputc(' ', f);
}

void cli_table_print(struct cli_table *t, FILE *f)
{
    int w[MAX_COLS];
    int nc = t->ncols ? t->ncols : 1;
    for (int c = 0; c < nc; c++)
        w[c] = t->head[c] ? width(t->head[c]) : 0;
    for (size_t i = 0; i < t->n; i++) {
        int c = (int)(i % (size_t)nc), cw = width(t->cells[i]);
        if (cw > w[c])
            w[c] = cw;
    }
    for (int c = 0; c < nc; c++) {
        const char *h = t->head[c] ? t->head[c] : "";
        if (t->right[c])
            pad(f, w[c] - width(h));
        fputs(h, f);
        if (c + 1 < nc) {
            if (!t->right[c])
                pad(f, w[c] - width(h));
            fputs("  ", f);
        }
    }
    fputc('\n', f);
    for (int c = 0; c < nc; c++) {
        for (int k = 0; k < w[c]; k++)
            fputc('-', f);
        if (c + 1 < nc)
            fputs("  ", f);
    }
    fputc('\n', f);
    for (size_t i = 0; i < t->n; i++) {
        int c = (int)(i % (size_t)nc);
        const char *s = t->cells[i];
        if (t->right[c])
            pad(f, w[c] - width(s));
        fputs(s, f);
        if (c + 1 < nc) {
            if (!t->right[c])
                pad(f, w[c] - width(s));
            fputs("  ", f);
        } else {
            fputc('\n', f);
        }
    }
    for (size_t i = 0; i < t->n; i++)
        free(t->cells[i]);
    free(t->cells);
    free(t);
}
