/*
 * err.c — error codes (from the X-macro table in err.h) and diagnostic lists.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"

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

void nis5g_diags_release(struct nis5g_diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
        free(d->v[i].got);
        free(d->v[i].source);
    }
    free(d->v);
    size_t max = d->max_errors;
    nis5g_diags_init(d);
    d->max_errors = max;
}

int nis5g_diags_full(const struct nis5g_diags *d)
{
    return d->errors >= (d->max_errors ? d->max_errors : 20);
}

struct nis5g_diag *nis5g_diags_add(struct nis5g_diags *d, enum nis5g_severity sev, int code,
                                   const char *file, int line, int col, const char *source,
                                   size_t source_len, const char *got, size_t got_len,
                                   const char *fmt, ...)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->v = nis5g_xreallocarray(d->v, d->cap, sizeof *d->v);
    }
    struct nis5g_diag *g = &d->v[d->n++];
    memset(g, 0, sizeof *g);
    g->severity = sev;
    g->code = code;
    g->file = file ? nis5g_xstrdup(file) : NULL;
    g->line = line;
    g->col = col;
    struct nis5g_buf b = NIS5G_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    nis5g_buf_vaddf(&b, fmt, ap);
    va_end(ap);
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
    else if (sev == NIS5G_WARNING)
        d->warnings++;
    return g;
}

void nis5g_diags_add_err(struct nis5g_diags *d, const struct nis5g_err *err)
{
    nis5g_diags_add(d, NIS5G_ERROR, err->code, err->file, err->line, err->col, NULL, 0, NULL, 0, "%s",
                    err->msg);
}
