/*
 * cmd-suppliers.c — `nis5g suppliers`: each vendor's risk factors, its
 * profile and what decided it (the factor rule of docs/profile.md, the
 * suppliers.csv designation, or a policy's designate line); the query is
 * query/q-suppliers.c.
 */
#include "cmd.h"
#include "nis5g/profile.h"

static void print_text(FILE *f, const struct nis5g_suppliers_result *r)
{
    const struct nis5g_model *m = r->m;
    struct cli_table *t = cli_table_new();
    static const char *const short_names[NIS5G_F_COUNT] = { "gov", "law", "chk", "own", "prs", "sup", "qlt" };
    cli_table_col(t, "vendor", 0);
    cli_table_col(t, "country", 0);
    for (int k = 0; k < NIS5G_F_COUNT; k++)
        cli_table_col(t, short_names[k], 1);
    cli_table_col(t, "profile", 0);
    cli_table_col(t, "decided by", 0);
    cli_table_col(t, "why", 0);
    for (uint32_t i = 0; i < m->vendors.n; i++) {
        uint32_t v = r->order[i];
        int known = m->sup_known && m->sup_known[v];
        cli_table_cell(t, nis5g_dict_str(&m->vendors, v));
        uint32_t cc = known && m->sup_country ? m->sup_country[v] : NIS5G_NONE;
        cli_table_cell(t, cc == NIS5G_NONE ? "-" : nis5g_dict_str(&m->countries, cc));
        for (int k = 0; k < NIS5G_F_COUNT; k++) {
            uint8_t x = known ? nis5g_factor(m, v, (enum nis5g_factor)k) : NIS5G_FACTOR_UNSET;
            if (x == NIS5G_FACTOR_UNSET)
                cli_table_cell(t, "-");
            else
                cli_table_cellf(t, "%d", x);
        }
        cli_table_cell(t, nis5g_risk_names[r->profiles[v].risk]);
        cli_table_cell(t, nis5g_profile_source_names[r->profiles[v].source]);
        cli_table_cell(t, r->profiles[v].why);
    }
    cli_table_print(t, f);
    fprintf(f, "\nfactors: gov=gov_links law=intel_law chk=no_checks own=opaque_ownership "
               "prs=pressure sup=supply_risk qlt=quality_issues (0-3); rule: docs/profile.md\n");
}

struct params {
    struct nis5g_suppliers_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_suppliers_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1,
                    "print {\"suppliers\":[{\"vendor\",\"factors\",\"profile\",\"decided_by\",\"why\",...}]}"),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_suppliers_params_init(&((struct params *)params)->q);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_suppliers;
    struct nis5g_suppliers_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx->out, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_suppliers = {
    .name = "suppliers",
    .summary = "supplier risk profiles: factors, profile and what decided it",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
};
