/*
 * cmd-risk.c — `nis5g risk`: the risk scenarios R1–R9, nationally and per
 * operator: likelihood, impact, level, the figures behind each score, the
 * residual risk after the measures in place (docs/risk.md).
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "policy-load.h"
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

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    const char *op = NULL;
    struct cli_assess_args args;
    cli_assess_args_init(&args);
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if ((r = cli_assess_opt(ctx, argc, argv, &i, &args))) {
            if (r < 0)
                return 2;
        } else if (cli_is(argv[i], "--json"))
            json = 1;
        else if ((r = cli_opt(ctx, argc, argv, &i, "--operator", &v))) {
            if (r < 0)
                return 2;
            op = v;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    int bad = cli_assess_args_check(ctx, &args);
    if (bad)
        return bad;
    struct cli_assess x;
    int rc = cli_assess_load(ctx, args.snapday, args.policy, &x);
    if (rc)
        goto out;
    struct nis5g_model *m = x.m;
    int only = -1;
    if (op) {
        uint32_t o = nis5g_dict_finds(&m->operators, op);
        if (o == NIS5G_NONE) {
            rc = cli_fail(ctx, NIS5G_EINPUT, "unknown operator '%s'", op);
            goto out;
        }
        only = 1 + (int)o;
    }
    if ((rc = cli_assess_run(ctx, args.at, &x)))
        goto out;
    const struct nis5g_assessment *ap = &x.a;
    if (json) {
        char day[11];
        json_t *j = nis5g_risk_json(ap, only);
        json_object_set_new(j, "as_of", json_string(nis5g_date_format(m->as_of, day)));
        rc = cli_print_json(ctx, j);
    } else {
        char day[11];
        fprintf(ctx->out, "Risk assessment of %s, snapshot %s (method: docs/risk-method.md)\n\n",
                only >= 0 ? op : ap->data.in[0].scope, nis5g_date_format(m->as_of, day));
        detail(ctx, ap, only >= 0 ? (size_t)only : 0);
        if (only < 0)
            overview(ctx, ap);
    }
out:
    cli_assess_release(&x);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_risk = {
    .name = "risk",
    .usage = "risk [--operator OP] [--policy FILE [--at DATE]] [--snapshot DATE] [--json]",
    .summary = "risk scenarios R1-R9: likelihood, impact, level, why, and the residual risk after the measures",
    .help = "Options:\n"
            "  --operator OP    one operator's scores (default: the nation, then every operator)\n"
            "  --policy FILE    evaluate this policy: its designations set the supplier profiles and its\n"
            "                   violations raise the likelihood of R5 (docs/risk-method.md)\n"
            "  --at DATE        evaluate the policy's deadlines as of DATE (default: today)\n"
            "  --snapshot DATE  assess that snapshot (default: the latest)\n"
            "  --json           print as JSON (see docs/json.md)\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
