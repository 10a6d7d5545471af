/*
 * cmd-simulate.c — `nis5g simulate`: Monte Carlo trials of random
 * independent failures and a power outage; the distribution of radio sites
 * and subscribers left without service, nationally and per operator.
 */
#include "cmd.h"
#include "nis5g/resilience.h"

static void dist_cells(struct cli_table *t, const struct nis5g_dist *d)
{
    char a[32];
    cli_table_cellf(t, "%.2f", d->mean);
    cli_table_cell(t, nis5g_thousands(d->p50, a));
    cli_table_cell(t, nis5g_thousands(d->p95, a));
    cli_table_cell(t, nis5g_thousands(d->p99, a));
    cli_table_cell(t, nis5g_thousands(d->max, a));
}

static void dist_cols(struct cli_table *t)
{
    cli_table_col(t, "mean", 1);
    cli_table_col(t, "p50", 1);
    cli_table_col(t, "p95", 1);
    cli_table_col(t, "p99", 1);
    cli_table_col(t, "max", 1);
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_simulate_result *r = result;
    const struct nis5g_model *m = r->m;
    FILE *f = ctx->out;
    char a[32], b[32], c[32], d[32];
    fprintf(f, "%s trials (seed %llu); radio sites: %s with %s subscribers, %s already without service\n",
            nis5g_thousands((long long)r->trials, a), (unsigned long long)r->seed, nis5g_thousands(r->rs.n, b),
            nis5g_thousands(r->rs.subs_total, c), nis5g_thousands(r->rs.n - r->rs.n_base, d));
    if (r->outage_hours > 0)
        fprintf(f, "power outage of %g hours %s%s\n", r->outage_hours, r->region ? "in " : "everywhere",
                r->region ? r->region : "");
    fprintf(f, "\n");
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "without service", 0);
    dist_cols(t);
    cli_table_cell(t, "radio sites");
    dist_cells(t, &r->sites_lost);
    cli_table_cell(t, "subscribers");
    dist_cells(t, &r->subs_lost);
    cli_table_print(t, f);
    fprintf(f, "\nper operator\n");
    t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "radio sites", 1);
    cli_table_col(t, "lost", 0);
    dist_cols(t);
    for (uint32_t op = 0; op < m->operators.n; op++) {
        if (!r->op_sites[op])
            continue;
        cli_table_cell(t, nis5g_dict_str(&m->operators, op));
        cli_table_cell(t, nis5g_thousands(r->op_sites[op], a));
        cli_table_cell(t, "sites");
        dist_cells(t, &r->op_sites_lost[op]);
        cli_table_cell(t, "");
        cli_table_cell(t, "");
        cli_table_cell(t, "subscribers");
        dist_cells(t, &r->op_subs_lost[op]);
    }
    cli_table_print(t, f);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_simulate_opts, "print the distributions as JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_simulate = {
    .name = "simulate",
    .summary = "Monte Carlo: random failures and power outages; sites and subscribers without service",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_simulate,
    .print = print_text,
};
