/*
 * cmd-risk.c — `nis5g risk`: the risk scenarios R1–R9, nationally and per
 * operator: likelihood, impact, level, the figures behind each score, the
 * residual risk after the measures in place (docs/risk.md); the query is
 * query/q-risk.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/risk.h"

static void detail(struct nis5g_ctx *ctx, const struct nis5g_assessment *a, size_t k)
{
    FILE *f = ctx->out;
    const struct nis5g_catalog *c = a->cat;
    const struct nis5g_risk_inputs *in = &a->data.in[k];
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "scenario", 0);
    cli_table_col(t, "L", 1);
    cli_table_col(t, "I", 1);
    cli_table_col(t, "inherent", 0);
    cli_table_col(t, "residual", 0);
    cli_table_col(t, "title", 0);
    for (int s = 0; s < NIS5G_N_SCENARIOS; s++) {
        const struct nis5g_risk_scenario *r = &a->res[k].s[s];
        cli_table_cell(t, c->scenarios[s].id);
        cli_table_cellf(t, "%d", r->likelihood);
        cli_table_cellf(t, "%d", r->impact);
        cli_table_cellf(t, "%2d %s", r->score, nis5g_level_names[r->level]);
        cli_table_cellf(t, "%2d %s", r->res_score, nis5g_level_names[r->res_level]);
        const char *title = c->scenarios[s].title;
        cli_table_cellf(t, "%.64s%s", title, strlen(title) > 64 ? "..." : "");
    }
    cli_table_print(t, f);
    fprintf(f, "\n");
    for (int s = 0; s < NIS5G_N_SCENARIOS; s++) {
        const struct nis5g_risk_scenario *r = &a->res[k].s[s];
        fprintf(f, "%s %s\n", c->scenarios[s].id, c->scenarios[s].title);
        fprintf(f, "  inherent %d x %d = %d %s; residual %d x %d = %d %s; with every mapped measure implemented "
                   "%d x %d = %d %s\n",
                r->likelihood, r->impact, r->score, nis5g_level_names[r->level], r->res_likelihood, r->res_impact,
                r->res_score, nis5g_level_names[r->res_level], r->best_likelihood, r->best_impact, r->best_score,
                nis5g_level_names[r->best_level]);
        fprintf(f, "  %s\n  %s\n  residual: %s\n", r->why_likelihood, r->why_impact, r->why_residual);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        for (size_t i = 0; i < c->n_mapping; i++) {
            const struct nis5g_mapping *mp = &c->mapping[i];
            if (mp->scenario != (uint32_t)s)
                continue;
            double v = in->measure_value[mp->measure];
            nis5g_buf_addf(&b, "%s%s %.0f%%%s", b.len ? ", " : "", c->measures[mp->measure].code, 100 * v,
                           mp->lowers == NIS5G_LOWERS_IMPACT ? " (impact)" : "");
        }
        fprintf(f, "  measures (share in place): %s\n\n", b.data ? b.data : "none mapped");
        nis5g_buf_release(&b);
    }
}

static void overview(struct nis5g_ctx *ctx, const struct nis5g_assessment *a)
{
    const struct nis5g_catalog *c = a->cat;
    fprintf(ctx->out, "Per operator: inherent score L x I (residual in brackets)\n");
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "scope", 0);
    for (int s = 0; s < NIS5G_N_SCENARIOS; s++)
        cli_table_col(t, c->scenarios[s].id, 1);
    for (size_t k = 0; k < a->data.n_scopes; k++) {
        cli_table_cell(t, a->data.in[k].scope);
        for (int s = 0; s < NIS5G_N_SCENARIOS; s++)
            cli_table_cellf(t, "%d (%d)", a->res[k].s[s].score, a->res[k].s[s].res_score);
    }
    cli_table_print(t, ctx->out);
}

struct params {
    struct nis5g_risk_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_risk_opts),
    NIS5G_OPT_JSON(struct params, json),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_risk_params_init(&((struct params *)params)->q);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_risk;
    struct nis5g_risk_query_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json) {
        rc = cli_query_print_json(ctx, q, &r);
    } else if (!rc) {
        const struct nis5g_assessment *a = &r.x.a;
        char day[11];
        fprintf(ctx->out, "Risk assessment of %s, snapshot %s (method: docs/risk-method.md)\n\n",
                r.only >= 0 ? p->q.operator : a->data.in[0].scope, nis5g_date_format(r.x.m->as_of, day));
        detail(ctx, a, r.only >= 0 ? (size_t)r.only : 0);
        if (r.only < 0)
            overview(ctx, a);
    }
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_risk = {
    .name = "risk",
    .summary = "risk scenarios R1-R9: likelihood, impact, level, why, and the residual risk after the measures",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .help_extra = "Method: docs/risk-method.md; output: docs/risk.md.\n",
};
