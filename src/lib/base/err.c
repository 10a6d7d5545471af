/*
 * err.c — error codes (from the X-macro table in err.h) and diagnostic lists.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/text.h"

static const char *const names[] = {
#define X(c, s, e) s,
    NIS5G_ERRORS(X)
#undef X
};
static const int exits[] = {
#define X(c, s, e) e,
    NIS5G_ERRORS(X)
#undef X
};

const char *nis5g_strerror(int code)
{
    if (code < 0 || code >= NIS5G_ERR_COUNT)
        return "unknown";
    return names[code];
}

int nis5g_exit_status(int code)
{
    if (code < 0 || code >= NIS5G_ERR_COUNT)
        return 3;
    return exits[code];
}

int nis5g_err_set(struct nis5g_err *err, int code, const char *fmt, ...)
{
    if (!err)
        return code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->code = code;
    err->file = NULL;
    err->line = err->col = 0;
    return code;
}

void nis5g_diags_init(struct nis5g_diags *d)
{
    memset(d, 0, sizeof *d);
}

/* Warnings seen of one kind, and the note that counts those not kept. */
struct nis5g_diag_kind {
    char *tmpl;
    size_t seen;
    size_t note; /* index of the note in v once there is one, else SIZE_MAX */
};

void nis5g_diags_release(struct nis5g_diags *d)
{
    for (size_t i = 0; i < d->n_kinds; i++)
        free(d->kinds[i].tmpl);
    free(d->kinds);
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
        free(d->v[i].got);
        free(d->v[i].source);
    }
    free(d->v);
    size_t max = d->max_errors, maxw = d->max_warnings;
    nis5g_diags_init(d);
    d->max_errors = max;
    d->max_warnings = maxw;
}

int nis5g_diags_full(const struct nis5g_diags *d)
{
    return d->errors >= (d->max_errors ? d->max_errors : 20);
}

static int word_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || (ch & 0x80);
}

/* The kind of a warning: its message with each quoted value ('…') left
 * out, so that "pool 'p1' of element 'E1' ..." and "pool 'p2' of element
 * 'E7' ..." are one kind. An apostrophe inside a word opens no value. */
static char *kind_of(const char *msg)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    for (const char *p = msg; *p; p++) {
        const char *close = NULL;
        if (*p == '\'' && (p == msg || !word_char(p[-1])))
            for (const char *q = p + 1; *q && !close; q++)
                if (*q == '\'' && !word_char(q[1]))
                    close = q;
        if (close) {
            nis5g_buf_adds(&b, "'\xe2\x80\xa6'");
            p = close;
        } else {
            nis5g_buf_addch(&b, *p);
        }
    }
    return nis5g_buf_detach(&b, NULL);
}

static struct nis5g_diag *push(struct nis5g_diags *d)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->v = nis5g_xreallocarray(d->v, d->cap, sizeof *d->v);
    }
    struct nis5g_diag *g = &d->v[d->n++];
    memset(g, 0, sizeof *g);
    return g;
}

/* Count a warning against its kind: 1 when it is to be kept, 0 when it
 * only adds to its kind's note. */
static int keep_warning(struct nis5g_diags *d, const char *msg)
{
    d->warnings++;
    if (d->max_warnings == SIZE_MAX)
        return 1;
    size_t max = d->max_warnings ? d->max_warnings : 20;
    char *tmpl = kind_of(msg);
    struct nis5g_diag_kind *k = NULL;
    for (size_t i = 0; i < d->n_kinds && !k; i++)
        if (strcmp(d->kinds[i].tmpl, tmpl) == 0)
            k = &d->kinds[i];
    if (!k) {
        d->kinds = nis5g_xreallocarray(d->kinds, d->n_kinds + 1, sizeof *d->kinds);
        k = &d->kinds[d->n_kinds++];
        k->tmpl = tmpl;
        k->seen = 0;
        k->note = SIZE_MAX;
    } else {
        free(tmpl);
    }
    if (++k->seen <= max)
        return 1;
    if (k->note == SIZE_MAX) {
        k->note = d->n;
        struct nis5g_diag *g = push(d);
        g->severity = NIS5G_NOTE;
        g->code = NIS5G_OK;
    }
    char num[32];
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&b, "... and %s more warning%s like \"%s\" (the first %zu are shown)",
                   nis5g_thousands((long long)(k->seen - max), num), k->seen - max == 1 ? "" : "s", k->tmpl, max);
    free(d->v[k->note].msg);
    d->v[k->note].msg = nis5g_buf_detach(&b, NULL);
    return 0;
}

struct nis5g_diag *nis5g_diags_add(struct nis5g_diags *d, enum nis5g_severity sev, int code,
                                   const char *file, int line, int col, const char *source,
                                   size_t source_len, const char *got, size_t got_len,
                                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct nis5g_diag *g = nis5g_diags_vadd(d, sev, code, file, line, col, source, source_len, got, got_len, fmt, ap);
    va_end(ap);
    return g;
}

struct nis5g_diag *nis5g_diags_vadd(struct nis5g_diags *d, enum nis5g_severity sev, int code,
                                    const char *file, int line, int col, const char *source,
                                    size_t source_len, const char *got, size_t got_len,
                                    const char *fmt, va_list ap)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_vaddf(&b, fmt, ap);
    if (sev == NIS5G_WARNING && !keep_warning(d, b.data)) {
        nis5g_buf_release(&b);
        return NULL;
    }
    struct nis5g_diag *g = push(d);
    g->severity = sev;
    g->code = code;
    g->file = file ? nis5g_xstrdup(file) : NULL;
    g->line = line;
    g->col = col;
    g->msg = nis5g_buf_detach(&b, NULL);
    if (got)
        g->got = nis5g_xstrndup(got, got_len);
    if (source) {
        /* keep one line: cut at the first newline */
        const char *nl = memchr(source, '\n', source_len);
        size_t n = nl ? (size_t)(nl - source) : source_len;
        if (n && source[n - 1] == '\r')
            n--;
        g->source = nis5g_xstrndup(source, n);
    }
    if (sev == NIS5G_ERROR)
        d->errors++;
    return g;
}

void nis5g_diags_add_err(struct nis5g_diags *d, const struct nis5g_err *err)
{
    nis5g_diags_add(d, NIS5G_ERROR, err->code, err->file, err->line, err->col, NULL, 0, NULL, 0, "%s",
                    err->msg);
}
