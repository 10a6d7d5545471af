/*
 * cmd-snapshots.c — `nis5g snapshots`: the imports held, one per as-of date.
 */
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/date.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is(argv[i], "--json"))
            json = 1;
        else
            return cli_bad_option(ctx, argv[i]);
    }
    struct nis5g_snapshot *list;
    size_t n;
    struct nis5g_err err = { 0 };
    if (nis5g_store_snapshots(ctx->store, &list, &n, &err))
        return cli_fail_err(ctx, &err);
    char d[11];
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            const struct nis5g_snapshot *s = &list[i];
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "as_of",
                               nis5g_date_format(s->as_of, d), "imported_at", s->imported_at, "source", s->source,
                               "operators", (json_int_t)s->n_operators, "sites", (json_int_t)s->n_sites,
                               "elements", (json_int_t)s->n_elements, "links", (json_int_t)s->n_links,
                               "suppliers", (json_int_t)s->n_suppliers, "products", (json_int_t)s->n_products,
                               "measures", (json_int_t)s->n_measures));
        }
        free(list);
        return cli_print_json(ctx, json_pack("{s:o}", "snapshots", arr));
    }
    if (n == 0) {
        fprintf(ctx->out, "no snapshots in %s yet; run 'nis5g import DIR'\n", nis5g_store_path(ctx->store));
        free(list);
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
    char b[32];
    for (size_t i = 0; i < n; i++) {
        const struct nis5g_snapshot *s = &list[i];
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
    free(list);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_snapshots = {
    .name = "snapshots",
    .usage = "snapshots [--json]",
    .summary = "list the imported snapshots (one per as-of date)",
    .help = "Options:\n"
            "  --json     print the list as JSON: {\"snapshots\":[{\"as_of\":...,\"elements\":N,...}]}\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
