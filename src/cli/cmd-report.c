/*
 * cmd-report.c — `nis5g report -o DIR`: the national risk assessment (the
 * query in query/q-report.c) written as report.json and report.html
 * (self-contained, with charts; docs/report.md). With --eu, the EU view of
 * the packages held is added to both.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd.h"
#include "nis5g/eu.h"
#include "nis5g/fileio.h"
#include "nis5g/report.h"

struct params {
    const char *dir;
    struct nis5g_report_params q;
};

static const struct nis5g_opt opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "output", .short_name = 'o', .arg = "DIR",
      .help = "where to write report.html and report.json (created when missing)", .offset = offsetof(struct params, dir),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_report_opts),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_report_params_init(&((struct params *)params)->q);
}

/* The document's bytes and the page; then DIR/report.json and
 * DIR/report.html, each whole or not at all. */
static int write_report(struct nis5g_ctx *ctx, const char *dir, json_t *doc, const char *eu_html)
{
    struct nis5g_err err = { 0 };
    struct nis5g_buf js = NIS5G_BUF_INIT, html = NIS5G_BUF_INIT, path = NIS5G_BUF_INIT;
    int rc = doc ? nis5g_report_dump(doc, &js, &err) : nis5g_err_set(&err, NIS5G_ENOMEM, "out of memory");
    if (!rc)
        rc = nis5g_report_html(js.data, js.len, eu_html, &html, &err);
    if (!rc && mkdir(dir, 0777) && errno != EEXIST)
        rc = nis5g_err_set(&err, NIS5G_EIO, "cannot create '%s': %s", dir, strerror(errno));
    if (!rc) {
        nis5g_buf_addf(&path, "%s/report.json", dir);
        rc = nis5g_write_file_atomic(path.data, js.data, js.len, 0644, 0, &err);
    }
    if (!rc) {
        nis5g_buf_reset(&path);
        nis5g_buf_addf(&path, "%s/report.html", dir);
        rc = nis5g_write_file_atomic(path.data, html.data, html.len, 0644, 0, &err);
    }
    nis5g_buf_release(&js);
    nis5g_buf_release(&html);
    nis5g_buf_release(&path);
    return rc ? cli_fail_err(ctx, &err) : 0;
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_report;
    struct nis5g_report_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    double t0 = cli_now();
    if (!rc) {
        json_t *doc = q->to_json(&r);
        rc = write_report(ctx, p->dir, doc, p->q.eu ? r.eu_html.data : NULL);
        json_decref(doc);
    }
    if (!rc)
        fprintf(ctx->out, "wrote %s/report.html and %s/report.json\n", p->dir, p->dir);
    cli_timing("report", t0);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_report = {
    .name = "report",
    .summary = "the national risk assessment: report.html (self-contained, with charts) and report.json",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
};
