/*
 * assess.c — loading and running the national assessment for the CLI
 * (see assess.h).
 */
#include <string.h>

#include "assess.h"
#include "nis5g/date.h"
#include "policy-load.h"

void cli_assess_args_init(struct cli_assess_args *a)
{
    memset(a, 0, sizeof *a);
    a->snapday = NIS5G_NO_DATE;
    a->at = nis5g_date_today();
}

int cli_assess_opt(struct nis5g_ctx *ctx, int argc, char **argv, int *i, struct cli_assess_args *a)
{
    const char *v;
    int r;
    if ((r = cli_opt(ctx, argc, argv, i, "--policy", &v))) {
        if (r < 0)
            return -1;
        if (a->policy) { /* not silently the last one */
            cli_fail(ctx, NIS5G_EUSAGE, "--policy is taken once here, got '%s' and '%s'", a->policy, v);
            return -1;
        }
        a->policy = (char *)v;
        return 1;
    }
    if ((r = cli_opt(ctx, argc, argv, i, "--at", &v))) {
        if (r < 0 || cli_date(ctx, "--at", v, &a->at))
            return -1;
        a->at_given = 1;
        return 1;
    }
    if ((r = cli_opt(ctx, argc, argv, i, "--snapshot", &v))) {
        if (r < 0 || cli_date(ctx, "--snapshot", v, &a->snapday))
            return -1;
        return 1;
    }
    return 0;
}

int cli_assess_args_check(struct nis5g_ctx *ctx, const struct cli_assess_args *a)
{
    if (a->at_given && !a->policy)
        return cli_fail(ctx, NIS5G_EUSAGE, "--at sets the date of a policy's deadlines: it needs --policy");
    return 0;
}

int cli_assess_load(struct nis5g_ctx *ctx, int32_t snapday, char *policy_file, struct cli_assess *x)
{
    memset(x, 0, sizeof *x);
    if (policy_file) {
        int rc = cli_load_policies(ctx, &policy_file, 1, &x->pol);
        if (rc)
            return rc;
    }
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load(&x->cat, &d);
    if (rc) {
        cli_print_diags(ctx, &d);
        nis5g_diags_release(&d);
        return nis5g_exit_status(rc);
    }
    nis5g_diags_release(&d);
    x->loaded = 1;
    return cli_load_model(ctx, snapday, NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_DETAIL | NIS5G_PART_LINKS, &x->m,
                          &x->snap);
}

int cli_assess_run(struct nis5g_ctx *ctx, int32_t at, struct cli_assess *x)
{
    struct nis5g_assess_opts ao = { .resilience = 1, .mc_trials = 1000, .mc_seed = 1, .policy = x->pol, .at = at,
                                    .progress = cli_progress, .progress_ctx = ctx };
    struct nis5g_err err = { 0 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    double t0 = cli_now();
    int rc = nis5g_assess(ctx->store, &x->snap, x->m, &x->cat, &ao, &x->a, &d, &err);
    cli_progress_done(ctx);
    cli_print_diags(ctx, &d);
    nis5g_diags_release(&d);
    if (rc)
        return cli_fail_err(ctx, &err);
    x->assessed = 1;
    cli_timing("assessment", t0);
    return 0;
}

void cli_assess_release(struct cli_assess *x)
{
    if (x->assessed)
        nis5g_assessment_release(&x->a);
    nis5g_model_free(x->m);
    if (x->loaded)
        nis5g_catalog_release(&x->cat);
    nis5g_policy_free(x->pol);
    memset(x, 0, sizeof *x);
}
