/*
 * assess.c — what the risk and report queries both do before they differ
 * (risk.h "The assessment for the queries"): load the policy (if any), the
 * catalogues and a snapshot's model, then run the national assessment with
 * the kill-switch of every vendor and 1,000 Monte Carlo trials (seed 1).
 * Also the catalogues alone, for the measures queries (catalog.h).
 */
#include <string.h>

#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/query.h"
#include "nis5g/risk.h"

const struct nis5g_opt nis5g_assess_opts[] = {
    NIS5G_OPT_STR_(struct nis5g_assess_params, "policy", 0, "FILE", policy,
                   "evaluate this policy: its designations set the supplier profiles, its violations raise R5"),
    NIS5G_OPT_AT(struct nis5g_assess_params, at),
    NIS5G_OPT_SNAPSHOT(struct nis5g_assess_params, snapshot),
    NIS5G_OPT_END_,
};

void nis5g_assess_params_init(struct nis5g_assess_params *p)
{
    memset(p, 0, sizeof *p);
    p->at = NIS5G_NO_DATE;
    p->snapshot = NIS5G_NO_DATE;
}

int nis5g_query_catalog(const struct nis5g_query_env *env, struct nis5g_catalog *c, struct nis5g_err *err)
{
    size_t before = env->diags->errors;
    int rc = nis5g_catalog_load(c, env->diags);
    if (rc) {
        size_t n = env->diags->errors - before;
        return nis5g_err_set(err, rc, "%zu error%s in the catalogues", n, n == 1 ? "" : "s");
    }
    return 0;
}

int nis5g_query_assess_load(const struct nis5g_query_env *env, const struct nis5g_assess_params *p,
                            struct nis5g_assess_run *x, struct nis5g_err *err)
{
    if (p->at != NIS5G_NO_DATE && !p->policy)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--at sets the date of a policy's deadlines: it needs --policy");
    if (p->policy) {
        const char *one[1] = { p->policy };
        struct nis5g_strlist names = { one, 1 };
        int rc = nis5g_query_policy(env, &names, &x->policy, err);
        if (rc)
            return rc;
    }
    int rc = nis5g_query_catalog(env, &x->cat, err);
    if (rc)
        return rc;
    x->loaded = 1;
    return env->load_model(env, p->snapshot, NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_DETAIL | NIS5G_PART_LINKS,
                           &x->m, &x->snap, err);
}

int nis5g_query_assess_run(const struct nis5g_query_env *env, const struct nis5g_assess_params *p,
                           struct nis5g_assess_run *x, struct nis5g_err *err)
{
    struct nis5g_assess_opts ao = { .resilience = 1,
                                    .mc_trials = 1000,
                                    .mc_seed = 1,
                                    .policy = x->policy,
                                    .at = p->at == NIS5G_NO_DATE ? env->today : p->at,
                                    .progress = env->progress,
                                    .progress_ctx = env->ctx };
    int rc = nis5g_assess(env->store, &x->snap, (struct nis5g_model *)x->m, &x->cat, &ao, &x->a, env->diags, err);
    if (rc)
        return err->code ? err->code : rc;
    x->assessed = 1;
    return 0;
}

void nis5g_query_assess_release(const struct nis5g_query_env *env, struct nis5g_assess_run *x)
{
    if (x->assessed)
        nis5g_assessment_release(&x->a);
    if (x->m)
        env->release_model(env, x->m);
    if (x->loaded)
        nis5g_catalog_release(&x->cat);
    nis5g_policy_free(x->policy);
    memset(x, 0, sizeof *x);
}
