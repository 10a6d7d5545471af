/*
 * cmd-snapshots.c — `nis5g snapshots`: the imports held, one per as-of date.
 */
#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/snapshots.h"

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_snapshots_result *r = result;
    if (r->n == 0) {
        fprintf(ctx->out, "no snapshots in %s yet; run 'nis5g import DIR'\n", r->path);
        return 0;
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
        cli_table_cell(t, nis5g_thousands(s->n_operators, b));
        cli_table_cell(t, nis5g_thousands(s->n_sites, b));
        cli_table_cell(t, nis5g_thousands(s->n_elements, b));
        cli_table_cell(t, nis5g_thousands(s->n_links, b));
        cli_table_cell(t, nis5g_thousands(s->n_suppliers, b));
        cli_table_cell(t, s->imported_at);
        cli_table_cell(t, s->source);
    }
    cli_table_print(t, ctx->out);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_snapshots_opts, "print JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_snapshots = {
    .name = "snapshots",
    .summary = "list the imported snapshots (one per as-of date)",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_snapshots,
    .print = print_text,
};
