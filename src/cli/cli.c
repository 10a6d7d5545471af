/*
 * cli.c — helpers every command shares: option parsing, error and
 * diagnostic printing, JSON output, progress, loading a snapshot's model.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <time.h>
#include <unistd.h>

#include "cli-access.h"
#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/fileio.h"
#include "nis5g/text.h"

int cli_fail(struct nis5g_ctx *ctx, int code, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "nis5g %s: ", ctx->cmd_name ? ctx->cmd_name : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return nis5g_exit_status(code);
}

int cli_fail_err(struct nis5g_ctx *ctx, const struct nis5g_err *err)
{
    if (err->file && err->line)
        fprintf(stderr, "%s:%d:%d: error: %s\n", err->file, err->line, err->col, err->msg);
    else if (err->file)
        fprintf(stderr, "%s: error: %s\n", err->file, err->msg);
    else
        fprintf(stderr, "nis5g%s%s: %s\n", ctx->cmd_name ? " " : "", ctx->cmd_name ? ctx->cmd_name : "",
                err->msg);
    return nis5g_exit_status(err->code ? err->code : NIS5G_EINTERNAL);
}

/* Width in characters of the first `bytes` bytes of a UTF-8 string. */
static int utf8_width(const char *s, size_t bytes)
{
    int w = 0;
    for (size_t i = 0; i < bytes && s[i]; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            w++;
    return w;
}

/* Text from a dataset on stderr, sanitised (text.h) so that a value can
 * neither break the caret's line nor drive the terminal. */
static void put_clean(const char *s, size_t n)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_sanitize(&b, s, n);
    if (b.len)
        fwrite(b.data, 1, b.len, stderr);
    nis5g_buf_release(&b);
}

void cli_print_diags(struct nis5g_ctx *ctx, const struct nis5g_diags *d)
{
    static const char *const sev[] = { "error", "warning", "note" };
    for (size_t i = 0; i < d->n; i++) {
        const struct nis5g_diag *g = &d->v[i];
        if (g->file && g->line)
            fprintf(stderr, "%s:%d:%d: ", g->file, g->line, g->col);
        else if (g->file)
            fprintf(stderr, "%s: ", g->file);
        else
            fprintf(stderr, "nis5g %s: ", ctx->cmd_name ? ctx->cmd_name : "");
        fprintf(stderr, "%s: %s", sev[g->severity], g->msg);
        if (g->got) {
            fputs(" \xe2\x80\x94 got '", stderr);
            put_clean(g->got, strlen(g->got));
            fputc('\'', stderr);
        }
        fputc('\n', stderr);
        if (g->source && g->line) {
            /* Show at most 160 characters around the column. */
            const char *src = g->source;
            int col = g->col > 0 ? g->col : 1;
            size_t len = strlen(src), start = 0;
            int skipped = 0;
            if (col > 120) {
                /* move start forward by (col - 60) characters */
                int chars = 0;
                while (start < len && chars < col - 60) {
                    start++;
                    while (start < len && ((unsigned char)src[start] & 0xC0) == 0x80)
                        start++;
                    chars++;
                }
                skipped = chars;
            }
            size_t end = start;
            int chars = 0;
            while (end < len && chars < 160) {
                end++;
                while (end < len && ((unsigned char)src[end] & 0xC0) == 0x80)
                    end++;
                chars++;
            }
            char num[16];
            int nw = snprintf(num, sizeof num, "%d", g->line);
            fprintf(stderr, " %s | %s", num, skipped ? "..." : "");
            put_clean(src + start, end - start);
            fprintf(stderr, "%s\n %*s | %*s^\n", end < len ? "..." : "", nw, "",
                    (skipped ? 3 : 0) + col - 1 - skipped, "");
            (void)utf8_width;
        }
    }
}

int cli_print_json(struct nis5g_ctx *ctx, json_t *v)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    int rc = v ? nis5g_json_dump(v, &b) : NIS5G_ENOMEM;
    if (!rc)
        fwrite(b.data, 1, b.len, ctx->out);
    nis5g_buf_release(&b);
    json_decref(v);
    return rc == 0 ? 0 : 3;
}

static int read_file_source(const struct nis5g_query_env *env, const char *name, struct nis5g_buf *text,
                            struct nis5g_err *err)
{
    char *data;
    size_t len;
    if (nis5g_read_file(name, &data, &len) != 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "%s", strerror(errno));
    nis5g_buf_release(text);
    text->data = data;
    text->len = len;
    text->cap = len + 1;
    return 0;
}

/* The workspace's model loader, its time shown with NIS5G_TIMING=1. */
static int timed_load(const struct nis5g_query_env *env, int32_t day, unsigned parts, const struct nis5g_model **m,
                      struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    double t0 = cli_now();
    int rc = nis5g_query_store_model(env, day, parts, m, snap, err);
    cli_timing("model load", t0);
    return rc;
}

static void query_env_init(struct nis5g_ctx *ctx)
{
    if (ctx->env.load_model)
        return;
    ctx->env.store = ctx->store;
    ctx->env.today = nis5g_date_today();
    ctx->env.load_model = timed_load;
    ctx->env.release_model = nis5g_query_free_model;
    ctx->env.read_source = read_file_source;
    ctx->env.progress = cli_progress;
    ctx->env.ctx = ctx;
    nis5g_diags_init(&ctx->diags);
    ctx->env.diags = &ctx->diags;
}

int cli_query_compute(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *params, void *result)
{
    query_env_init(ctx);
    struct nis5g_err err = { 0 };
    double t0 = cli_now();
    int rc = q->compute(&ctx->env, params, result, &err);
    cli_progress_done(ctx);
    cli_timing(q->name, t0);
    if (ctx->diags.n)
        cli_print_diags(ctx, &ctx->diags);
    return rc ? cli_fail_err(ctx, &err) : 0;
}

int cli_query_print_json(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *result)
{
    return cli_print_json(ctx, q->to_json(result));
}

void cli_query_release(struct nis5g_ctx *ctx, const struct nis5g_query *q, void *result)
{
    q->release(&ctx->env, result);
    nis5g_diags_release(&ctx->diags);
    nis5g_diags_init(&ctx->diags);
}

static int progress_shown;

static int timing_on(void)
{
    static int on = -1;
    if (on < 0) {
        const char *e = getenv("NIS5G_TIMING");
        on = e && *e && strcmp(e, "0") != 0;
    }
    return on;
}

/* With NIS5G_TIMING, the time spent in each phase that reports progress. */
static char timing_phase[64];
static double timing_since;

static void timing_phase_switch(const char *phase)
{
    if (!timing_on() || strcmp(phase ? phase : "", timing_phase) == 0)
        return;
    double now = cli_now();
    if (timing_phase[0])
        fprintf(stderr, "timing:   phase %s %.3f s\n", timing_phase, now - timing_since);
    snprintf(timing_phase, sizeof timing_phase, "%s", phase ? phase : "");
    timing_since = now;
}

void cli_progress(void *vctx, const char *phase, uint64_t done, uint64_t total)
{
    struct nis5g_ctx *ctx = vctx;
    timing_phase_switch(phase);
    if (!ctx || !ctx->err_tty)
        return;
    if (total)
        fprintf(stderr, "\r\033[K%s: %3d%%", phase, (int)(100.0 * (double)done / (double)total));
    else
        fprintf(stderr, "\r\033[K%s: %llu", phase, (unsigned long long)done);
    progress_shown = 1;
}

void cli_progress_done(struct nis5g_ctx *ctx)
{
    timing_phase_switch(NULL);
    if (ctx->err_tty && progress_shown)
        fprintf(stderr, "\r\033[K");
    progress_shown = 0;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int timing_on(void);

void cli_timing(const char *what, double since)
{
    if (timing_on())
        fprintf(stderr, "timing: %s %.3f s\n", what, cli_now() - since);
}

int cli_load_model(struct nis5g_ctx *ctx, int32_t snapshot_day, unsigned parts, struct nis5g_model **out,
                   struct nis5g_snapshot *snap)
{
    struct nis5g_err err = { 0 };
    struct nis5g_snapshot s;
    double t0 = cli_now();
    if (nis5g_store_snapshot(ctx->store, snapshot_day, &s, &err))
        return cli_fail_err(ctx, &err);
    if (nis5g_store_load_model(ctx->store, s.id, parts, out, &err))
        return cli_fail_err(ctx, &err);
    cli_timing("model load", t0);
    if (snap)
        *snap = s;
    return 0;
}


int cli_query_cmd_run(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, struct cli_query_params *p)
{
    const struct nis5g_query *q = c->query;
    void *r = nis5g_xcalloc(1, q->result_size ? q->result_size : 1);
    int rc = c->audit ? cli_change_query(ctx, q, p->q, r, c->audit, c->describe) : cli_query_compute(ctx, q, p->q, r);
    if (!rc)
        rc = p->json ? cli_query_print_json(ctx, q, r) : c->print(ctx, r);
    if (!rc && p->json && c->status)
        rc = c->status(r);
    cli_query_release(ctx, q, r);
    free(r);
    return rc;
}

const char *cli_login_name(void)
{
    const char *u = getenv("USER");
    if (u && *u)
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "unknown";
}

int cli_write_json_file(struct nis5g_ctx *ctx, const char *path, const json_t *doc)
{
    struct nis5g_err err = { 0 };
    struct nis5g_buf b = NIS5G_BUF_INIT;
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    int rc = text ? 0 : nis5g_err_set(&err, NIS5G_ENOMEM, "out of memory writing '%s'", path);
    if (!rc) {
        nis5g_buf_adds(&b, text);
        nis5g_buf_adds(&b, "\n");
        rc = nis5g_write_file_atomic(path, b.data, b.len, 0644, 0, &err);
    }
    free(text);
    nis5g_buf_release(&b);
    return rc ? cli_fail_err(ctx, &err) : 0;
}
