/*
 * cmd-snapshots.c — `nis5g snapshots`: the imports held, one per as-of date.
 */
#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/snapshots.h"

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_snapshots_result *r)
{
    if (r->n == 0) {
        fprintf(ctx->out, "no snapshots in %s yet; run 'nis5g import DIR'\n", r->path);
        return;
    }
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "as of", 0);
    cli_table_col(t, "operators", 1);
    cli_table_col(t, "sites", 1);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "links", 1);
    cli_table_col(t, "suppliers", 1);
    cli_table_col(t, "imported", 0);
    cli_table_col(t, "source", 0);
    char d[11], b[32];
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_snapshot *s = &r->list[i];
        cli_table_cell(t, nis5g_date_format(s->as_of, d));
        cli_table_cell(t, cli_num(s->n_operators, b));
        cli_table_cell(t, cli_num(s->n_sites, b));
        cli_table_cell(t, cli_num(s->n_elements, b));
        cli_table_cell(t, cli_num(s->n_links, b));
        cli_table_cell(t, cli_num(s->n_suppliers, b));
        cli_table_cell(t, s->imported_at);
        cli_table_cell(t, s->source);
    }
    cli_table_print(t, ctx->out);
}

struct params {
    struct nis5g_snapshots_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_snapshots_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1,
                    "print the list as JSON: {\"snapshots\":[{\"as_of\":...,\"elements\":N,...}]}"),
    NIS5G_OPT_END_,
};

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_snapshots;
    struct nis5g_snapshots_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_snapshots = {
    .name = "snapshots",
    .summary = "list the imported snapshots (one per as-of date)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_READ,
    .run = run,
};
