/*
 * cmd-import.c — `nis5g import DIR|FILE... [--as-of DATE]`: read a dataset,
 * check it, and save it as the snapshot of that date in one transaction
 * (the import operation, import.h).
 */
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/import.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_import_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_import_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1, "print the result as JSON"),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    struct params *p = params;
    nis5g_import_params_init(&p->q);
    const char *by = getenv("USER"); /* unset: "unknown", as recorded since the first import */
    if (by && *by)
        p->q.by = by;
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_import_query_result *r)
{
    const struct nis5g_snapshot *s = &r->saved;
    char day[11], b1[32], b2[32], b3[32], b4[32];
    fprintf(ctx->out, "imported snapshot %s%s: %s operators, %s sites, %s elements, %s links",
            nis5g_date_format(s->as_of, day), r->replaced ? " (replacing the earlier import of that date)" : "",
            nis5g_thousands(s->n_operators, b1), nis5g_thousands(s->n_sites, b2), nis5g_thousands(s->n_elements, b3),
            nis5g_thousands(s->n_links, b4));
    fprintf(ctx->out, ", %s suppliers, %s products, %s measures", nis5g_thousands(s->n_suppliers, b1),
            nis5g_thousands(s->n_products, b2), nis5g_thousands(s->n_measures, b3));
    if (r->warnings)
        fprintf(ctx->out, " (%zu warning%s)", r->warnings, r->warnings == 1 ? "" : "s");
    fputc('\n', ctx->out);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_import;
    struct nis5g_import_query_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_import = {
    .name = "import",
    .summary = "check a dataset (CSV files) and save it as a snapshot",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_WRITE,
    .run = run,
    .help_extra = "Reads operators.csv, sites.csv, elements.csv, links.csv, suppliers.csv, products.csv and\n"
                  "measures.csv from the folders or files given (operators.csv and elements.csv are required).\n"
                  "Any error changes nothing; up to 20 errors are reported with file:line:column.\n",
};
