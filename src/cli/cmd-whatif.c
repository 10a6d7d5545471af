/*
 * cmd-whatif.c — `nis5g whatif ban VENDOR`: the elements to replace, the
 * estimated cost, the months needed at a replacement rate, and the vendor
 * shares and HHI after the replacement (whatif.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/whatif.h"

static const struct nis5g_div_group *same_group(const struct nis5g_diversity *d, const struct nis5g_div_group *g)
{
    for (size_t i = 0; i < d->n_groups; i++)
        if (memcmp(d->groups[i].key, g->key, sizeof g->key) == 0)
            return &d->groups[i];
    return NULL;
}

static void vendors_text(const struct nis5g_model *m, const struct nis5g_diversity *d,
                         const struct nis5g_div_group *g, struct nis5g_buf *b)
{
    for (uint32_t k = 0; g && k < g->n_vendors; k++) {
        if (k == 5) {
            nis5g_buf_addf(b, ", +%u more", g->n_vendors - k);
            break;
        }
        const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
        nis5g_buf_addf(b, "%s%s %.1f%%", k ? ", " : "", nis5g_div_vendor_name(m, v->vendor), 100 * v->share);
    }
}

/* Before/after table of the groups whose vendor list changed. */
static void change_table(struct nis5g_ctx *ctx, const struct nis5g_model *m, const struct nis5g_diversity *before,
                         const struct nis5g_diversity *after)
{
    struct cli_table *t = cli_table_new();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (before->fields & (1u << f))
            cli_table_col(t, nis5g_div_field_names[f], 0);
    cli_table_col(t, "HHI before", 1);
    cli_table_col(t, "HHI after", 1);
    cli_table_col(t, "vendors after (share)", 0);
    for (size_t i = 0; i < before->n_groups; i++) {
        const struct nis5g_div_group *g = &before->groups[i], *a = same_group(after, g);
        int changed = !a || a->n_vendors != g->n_vendors || fabs(a->hhi - g->hhi) > 1e-9;
        for (uint32_t k = 0; a && !changed && k < g->n_vendors; k++)
            changed = before->vendors[g->vend_off + k].vendor != after->vendors[a->vend_off + k].vendor;
        if (!changed)
            continue;
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (before->fields & (1u << f))
                cli_table_cell(t, nis5g_div_key_name(m, f, g->key[f]));
        cli_table_cellf(t, "%.0f", g->hhi);
        cli_table_cellf(t, "%.0f", a ? a->hhi : 0.0);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        vendors_text(m, after, a, &b);
        cli_table_cell(t, b.data);
        nis5g_buf_release(&b);
    }
    cli_table_print(t, ctx->out);
}

/* The elements to replace by domain and function, with their cost. */
static void print_lines(struct nis5g_ctx *ctx, const struct nis5g_whatif_result *r)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_whatif *w = &r->w;
    char a[32], b[32];
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "function", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "unit cost (EUR)", 1);
    cli_table_col(t, "cost (EUR)", 1);
    for (size_t i = 0; i < w->n_lines; i++) {
        const struct nis5g_whatif_line *l = &w->lines[i];
        cli_table_cell(t, nis5g_domain_names[l->domain]);
        cli_table_cell(t, nis5g_dict_str(&m->functions, l->function));
        cli_table_cell(t, nis5g_thousands((long long)l->elements, a));
        cli_table_cell(t, l->unit_cost >= 0 ? nis5g_thousands(llround(l->unit_cost), a) : "unknown");
        cli_table_cell(t, l->unit_cost >= 0 ? nis5g_thousands(llround(l->cost), b) : "unknown");
    }
    cli_table_cell(t, "total");
    cli_table_cell(t, "");
    cli_table_cell(t, nis5g_thousands((long long)w->elements, a));
    cli_table_cell(t, "");
    cli_table_cell(t, nis5g_thousands(llround(w->cost), b));
    cli_table_print(t, ctx->out);
    if (!w->cost_complete)
        fprintf(ctx->out, "(some functions have no unit cost; the total leaves them out)\n");
    fprintf(ctx->out, "unit costs: %s%s%s\n", r->default_costs.len ? "data/costs.csv (assumptions, see data/costs.md)" : "",
            r->costs_source && r->default_costs.len ? " overridden by " : "", r->costs_source ? r->costs_source : "");
}

/* Per operator, most elements first (at most 10 named). */
static void print_operators(struct nis5g_ctx *ctx, const struct nis5g_whatif_result *r)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_whatif *w = &r->w;
    FILE *f = ctx->out;
    char a[32];
    uint32_t nop = 0, shown = 0;
    for (uint32_t o = 0; o < m->operators.n; o++)
        nop += w->op_elements[o] != 0;
    uint8_t *done = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, 1);
    fprintf(f, "\nper operator:");
    while (shown < nop && shown < 10) {
        uint32_t best = NIS5G_NONE;
        for (uint32_t o = 0; o < m->operators.n; o++)
            if (!done[o] && w->op_elements[o] && (best == NIS5G_NONE || w->op_elements[o] > w->op_elements[best]))
                best = o;
        done[best] = 1;
        fprintf(f, "%s %s %s", shown ? "," : "", nis5g_dict_str(&m->operators, best),
                nis5g_thousands((long long)w->op_elements[best], a));
        shown++;
    }
    free(done);
    if (nop > shown)
        fprintf(f, ", +%u more operators", nop - shown);
    fprintf(f, "\n");
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_whatif_result *r = result;
    const struct nis5g_whatif *w = &r->w;
    FILE *f = ctx->out;
    char a[32];
    struct nis5g_buf doms = NIS5G_BUF_INIT;
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        if (w->domains & (1u << d))
            nis5g_buf_addf(&doms, "%s%s", doms.len ? ", " : "", nis5g_domain_names[d]);
    fprintf(f, "Ban %s from %s: %s active element%s to replace\n", r->vendor,
            w->domains == (1u << NIS5G_DOM_COUNT) - 1 ? "every domain" : doms.data, nis5g_thousands((long long)w->elements, a),
            w->elements == 1 ? "" : "s");
    nis5g_buf_release(&doms);
    if (!w->elements) {
        fprintf(f, "nothing to replace\n");
        return 0;
    }
    print_lines(ctx, r);
    print_operators(ctx, r);
    if (r->rate > 0)
        fprintf(f, "at %g a month: %.0f month%s\n", r->rate, r->months, r->months == 1 ? "" : "s");
    fprintf(f, "\nNational shares by domain, before and after the replacement\n");
    change_table(ctx, r->m, &w->before_dom, &w->after_dom);
    fprintf(f, "\nBy operator and domain\n");
    change_table(ctx, r->m, &w->before, &w->after);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_whatif_ban_opts, "print the plan as JSON (see docs/json.md)") };

static const struct nis5g_cmd cmd_whatif_ban = {
    .name = "ban",
    .summary = "what banning a vendor would take: elements, cost, months, diversity after",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_whatif_ban,
    .print = print_text,
};

static const struct nis5g_cmd *const whatif_subs[] = { &cmd_whatif_ban, NULL };

const struct nis5g_cmd nis5g_cmd_whatif = {
    .name = "whatif",
    .summary = "what banning a vendor would take: elements, cost, months, diversity after",
    .flags = CMD_STORE_READ,
    .subs = whatif_subs,
};
