/*
 * cmd-killswitch.c — `nis5g killswitch`: for each vendor (or set of
 * vendors, A+B), the radio sites and subscribers left without service if
 * all its equipment fails at once; optionally why one site is cut off.
 */
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/resilience.h"

static void scen_name(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, struct nis5g_buf *b)
{
    for (size_t k = 0; k < sc->n_vendors; k++)
        nis5g_buf_addf(b, "%s%s", k ? "+" : "", nis5g_dict_str(&m->vendors, sc->vendors[k]));
}

static double pct(int64_t a, int64_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

/* The table of scenarios: what fails and what is lost. */
static void print_scenarios(struct nis5g_ctx *ctx, const struct nis5g_killswitch_result *r)
{
    const struct nis5g_radio_sites *rs = &r->rs;
    const struct nis5g_ks_result *res = r->res;
    FILE *f = ctx->out;
    char a[32], b[32], c[32];
    fprintf(f, "Radio sites: %s with %s subscribers; %s already without service with nothing failed\n\n",
            nis5g_thousands(rs->n, a), nis5g_thousands(rs->subs_total, b), nis5g_thousands(rs->n - rs->n_base, c));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "failing", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "+ through deps", 1);
    cli_table_col(t, "sites lost", 1);
    cli_table_col(t, "%", 1);
    cli_table_col(t, "subscribers lost", 1);
    cli_table_col(t, "%", 1);
    for (size_t i = 0; i < r->n; i++) {
        struct nis5g_buf nb = NIS5G_BUF_INIT;
        scen_name(r->m, &r->sc[i], &nb);
        cli_table_cell(t, nb.data);
        nis5g_buf_release(&nb);
        cli_table_cell(t, nis5g_thousands((long long)res[i].elements_failed, a));
        cli_table_cell(t, nis5g_thousands((long long)res[i].collateral, a));
        cli_table_cell(t, nis5g_thousands(res[i].sites_lost, a));
        cli_table_cellf(t, "%.1f", pct(res[i].sites_lost, rs->n_base));
        cli_table_cell(t, nis5g_thousands(res[i].subs_lost, a));
        cli_table_cellf(t, "%.1f", pct(res[i].subs_lost, rs->subs_base));
    }
    cli_table_print(t, f);
}

/* The losses of scenario i by operator. */
static void print_operators(struct nis5g_ctx *ctx, const struct nis5g_killswitch_result *r, size_t i)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_ks_result *x = &r->res[i];
    char a[32];
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "radio sites", 1);
    cli_table_col(t, "sites lost", 1);
    cli_table_col(t, "%", 1);
    cli_table_col(t, "subscribers lost", 1);
    for (uint32_t o = 0; o < m->operators.n; o++) {
        if (!x->op_sites_lost[o])
            continue;
        cli_table_cell(t, nis5g_dict_str(&m->operators, o));
        cli_table_cell(t, nis5g_thousands(r->op_sites[o], a));
        cli_table_cell(t, nis5g_thousands(x->op_sites_lost[o], a));
        cli_table_cellf(t, "%.1f", pct(x->op_sites_lost[o], r->op_sites[o]));
        cli_table_cell(t, nis5g_thousands(x->op_subs_lost[o], a));
    }
    cli_table_print(t, ctx->out);
}

/* The most affected regions of scenario i (at most 10). */
static void print_regions(struct nis5g_ctx *ctx, const struct nis5g_killswitch_result *r, size_t i)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_ks_result *x = &r->res[i];
    uint32_t nreg = m->regions.n, shown = 0;
    uint8_t *done = nis5g_xcalloc((size_t)nreg + 1, 1);
    char a[32];
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "region", 0);
    cli_table_col(t, "sites lost", 1);
    cli_table_col(t, "subscribers lost", 1);
    while (shown < 10) {
        uint32_t best = NIS5G_NONE;
        for (uint32_t g = 0; g <= nreg; g++)
            if (!done[g] && x->reg_sites_lost[g] &&
                (best == NIS5G_NONE || x->reg_subs_lost[g] > x->reg_subs_lost[best]))
                best = g;
        if (best == NIS5G_NONE)
            break;
        done[best] = 1;
        cli_table_cell(t, best == nreg ? "-" : nis5g_dict_str(&m->regions, best));
        cli_table_cell(t, nis5g_thousands(x->reg_sites_lost[best], a));
        cli_table_cell(t, nis5g_thousands(x->reg_subs_lost[best], a));
        shown++;
    }
    free(done);
    fprintf(ctx->out, "\nmost affected regions\n");
    cli_table_print(t, ctx->out);
}

static void print_lost(struct nis5g_ctx *ctx, const struct nis5g_killswitch_result *r, size_t i)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_ks_lost *lost = &r->lost[i];
    char a[32];
    fprintf(ctx->out, "\nsites lost (%s%zu of %s) and why\n", lost->n < r->res[i].sites_lost ? "first " : "",
            lost->n, nis5g_thousands(r->res[i].sites_lost, a));
    for (size_t k = 0; k < lost->n; k++) {
        uint32_t site = lost->sites[k];
        fprintf(ctx->out, "  %s (%s%s%s): %s\n", nis5g_dict_str(&m->sites, site),
                nis5g_dict_str(&m->operators, m->site_operator[site]), m->site_region[site] == NIS5G_NONE ? "" : ", ",
                nis5g_dict_str(&m->regions, m->site_region[site]), lost->chains[k]);
    }
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_killswitch_result *r = result;
    FILE *f = ctx->out;
    print_scenarios(ctx, r);
    for (size_t i = 0; i < r->n; i++) {
        if (!r->res[i].sites_lost)
            continue;
        struct nis5g_buf nb = NIS5G_BUF_INIT;
        scen_name(r->m, &r->sc[i], &nb);
        fprintf(f, "\n%s: losses by operator\n", nb.data);
        nis5g_buf_release(&nb);
        print_operators(ctx, r, i);
        print_regions(ctx, r, i);
        if (r->lost && r->lost[i].n)
            print_lost(ctx, r, i);
    }
    if (r->explain) {
        fprintf(f, "\nWhy site '%s' loses service\n", r->explain_site);
        for (size_t i = 0; i < r->n; i++) {
            struct nis5g_buf nb = NIS5G_BUF_INIT;
            scen_name(r->m, &r->sc[i], &nb);
            fprintf(f, "  %s: %s\n", nb.data, r->explain[i] ? r->explain[i] : "keeps service");
            nis5g_buf_release(&nb);
        }
    }
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_killswitch_opts, "print the scenarios as JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_killswitch = {
    .name = "killswitch",
    .summary = "sites and subscribers without service if all of a vendor's equipment fails at once",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_killswitch,
    .print = print_text,
};
