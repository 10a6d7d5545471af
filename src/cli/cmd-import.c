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

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_import_opts, "print the result as JSON") };

static void init(void *params)
{
    const char *by = getenv("USER"); /* unset: "unknown", as recorded since the first import */
    if (by && *by)
        ((struct nis5g_import_params *)params)->by = by;
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_import_query_result *r = result;
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
    return 0;
}

const struct nis5g_cmd nis5g_cmd_import = {
    .name = "import",
    .summary = "check a dataset (CSV files) and save it as a snapshot",
    .opts = opts,
    .init = init,
    .flags = CMD_STORE_WRITE,
    .query = &nis5g_query_import,
    .print = print_text,
    .help_extra = "Reads operators.csv, sites.csv, elements.csv, links.csv, suppliers.csv, products.csv and\n"
                  "measures.csv from the folders or files given (operators.csv and elements.csv are required).\n"
                  "Any error changes nothing; up to 20 errors are reported with file:line:column.\n",
};
