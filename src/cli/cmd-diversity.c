/*
 * cmd-diversity.c — `nis5g diversity`: vendor shares and HHI per group,
 * single-vendor dependencies first (diversity.h).
 */
#include <math.h>
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/diversity.h"

static void print_table(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *d,
                        size_t from, size_t to, int max_vendors)
{
    struct cli_table *t = cli_table_new();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            cli_table_col(t, nis5g_div_field_names[f], 0);
    cli_table_col(t, "total", 1);
    cli_table_col(t, "HHI", 1);
    cli_table_col(t, "vendors (share)", 0);
    char a[32];
    for (size_t i = from; i < to; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                cli_table_cell(t, g->key[f] == NIS5G_NONE ? "-" : nis5g_div_key_name(m, f, g->key[f]));
        cli_table_cell(t, nis5g_thousands(llround(g->total), a));
        cli_table_cellf(t, "%.0f", g->hhi);
        struct nis5g_buf v = NIS5G_BUF_INIT;
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            if ((int)k == max_vendors) {
                nis5g_buf_addf(&v, ", +%u more", g->n_vendors - k);
                break;
            }
            const struct nis5g_div_vendor *x = &d->vendors[g->vend_off + k];
            nis5g_buf_addf(&v, "%s%s %.1f%%", k ? ", " : "", nis5g_div_vendor_name(m, x->vendor), 100 * x->share);
        }
        cli_table_cell(t, v.data);
        nis5g_buf_release(&v);
    }
    cli_table_print(t, ctx->out);
}

/* Single-vendor dependencies: an operator's domain, function or region
 * served by one vendor, the first 25 (--json lists them all). */
static void print_deps(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *deps)
{
    const int *dep_kinds = nis5g_div_dep_fields;
    size_t n = 0, shown = 0, limit = 25;
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1; i++)
            n += deps[k].groups[i].key[dep_kinds[k]] != NIS5G_NONE;
    fprintf(ctx->out, "Single-vendor dependencies: %zu (an operator's domain, function or region served by one vendor)\n",
            n);
    if (!n)
        return;
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "kind", 0);
    cli_table_col(t, "value", 0);
    cli_table_col(t, "vendor", 0);
    cli_table_col(t, "elements", 1);
    char a[32];
    for (int k = 0; k < 3; k++)
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1 && shown < limit; i++) {
            const struct nis5g_div_group *g = &deps[k].groups[i];
            if (g->key[dep_kinds[k]] == NIS5G_NONE)
                continue;
            cli_table_cell(t, nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, g->key[NIS5G_DIV_OPERATOR]));
            cli_table_cell(t, nis5g_div_field_names[dep_kinds[k]]);
            cli_table_cell(t, nis5g_div_key_name(m, dep_kinds[k], g->key[dep_kinds[k]]));
            cli_table_cell(t, nis5g_div_vendor_name(m, deps[k].vendors[g->vend_off].vendor));
            cli_table_cell(t, nis5g_thousands(llround(g->total), a));
            shown++;
        }
    cli_table_print(t, ctx->out);
    if (n > shown)
        fprintf(ctx->out, "(+%zu more; --json lists them all)\n", n - shown);
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_diversity_result *r = result;
    const struct nis5g_model *m = r->m;
    const struct nis5g_diversity *d = &r->d;
    print_deps(ctx, m, r->deps);
    struct nis5g_buf by;
    nis5g_buf_init(&by);
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            nis5g_buf_addf(&by, "%s%s", by.len ? " and " : ", per ", nis5g_div_field_names[f]);
    fprintf(ctx->out, "\nVendor shares by %s%s (%zu group%s%s)\n",
            r->weight == NIS5G_DIV_BY_ELEMENTS ? "active elements" : "subscribers served", by.data, d->n_groups,
            d->n_groups == 1 ? "" : "s", d->fields ? "; single-vendor groups first" : "");
    nis5g_buf_release(&by);
    print_table(ctx, m, d, 0, d->n_groups, d->fields ? 5 : 12);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_diversity_opts, "print the groups as JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_diversity = {
    .name = "diversity",
    .summary = "vendor shares and concentration (HHI) per group; single-vendor dependencies first",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_diversity,
    .print = print_text,
};
