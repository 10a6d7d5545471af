/*
 * share-gather.c — the sections a state shares, from its snapshot and
 * optional policy (share-gather.h).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "policy-load.h"
#include "share-gather.h"

#include "nis5g/catalog.h"
#include "nis5g/risk.h"

/* The risk assessment reads products: certifications, end of support. */
#define RISK_PARTS NIS5G_PART_ELEMENT_DETAIL

/* The assessment as `nis5g risk` makes it (kill-switch of every vendor,
 * 1,000 Monte Carlo trials, seed 1, the policy as of the snapshot). */
static int add_risk(struct nis5g_ctx *ctx, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                    const struct nis5g_policy *p, json_t *s)
{
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    if (nis5g_catalog_load(&c, &d)) {
        cli_print_diags(ctx, &d);
        nis5g_diags_release(&d);
        return 2;
    }
    struct nis5g_assessment a;
    struct nis5g_assess_opts ao = { .resilience = 1, .mc_trials = 1000, .mc_seed = 1, .policy = p, .at = snap->as_of };
    struct nis5g_err err = { 0 };
    int rc = nis5g_assess(ctx->store, snap, m, &c, &ao, &a, &d, &err);
    nis5g_diags_release(&d);
    if (rc) {
        nis5g_catalog_release(&c);
        return cli_fail_err(ctx, &err);
    }
    nis5g_package_add_risk(s, &a);
    nis5g_assessment_release(&a);
    nis5g_catalog_release(&c);
    return 0;
}

int share_gather_opt(struct nis5g_ctx *ctx, int argc, char **argv, int *i, struct share_gather *g)
{
    const char *v;
    int r = cli_opt(ctx, argc, argv, i, "--policy", &v);
    if (r <= 0)
        return r;
    g->policies = nis5g_xreallocarray(g->policies, g->n_policies + 1, sizeof *g->policies);
    g->policies[g->n_policies++] = (char *)v;
    return 1;
}

void share_gather_release(struct share_gather *g)
{
    free(g->policies);
    g->policies = NULL;
    g->n_policies = 0;
}

int share_gather(struct nis5g_ctx *ctx, const struct share_gather *g, json_t **sections, struct nis5g_snapshot *snap)
{
    *sections = NULL;
    struct nis5g_policy *p = NULL;
    int rc;
    if (g->n_policies && (rc = cli_load_policies(ctx, g->policies, g->n_policies, &p)) != 0)
        return rc;
    unsigned parts = NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS | RISK_PARTS | (g->detail ? NIS5G_PART_ELEMENT_IDS | NIS5G_PART_ELEMENT_DETAIL : 0) |
                     (p ? nis5g_policy_parts(p) : 0);
    struct nis5g_model *m = NULL;
    if ((rc = cli_load_model(ctx, g->snap_day, parts, &m, snap)) != 0) {
        nis5g_policy_free(p);
        return rc;
    }
    struct nis5g_err err = { 0 };
    json_t *s = nis5g_package_sections(m, g->detail, &err);
    if (!s) {
        nis5g_model_free(m);
        nis5g_policy_free(p);
        return cli_fail_err(ctx, &err);
    }
    if (p) {
        struct nis5g_diags d;
        nis5g_diags_init(&d);
        struct nis5g_check_opts o = { snap->as_of, 0, 0 };
        struct nis5g_check *c = NULL;
        rc = nis5g_policy_check(p, m, &o, &c, &d);
        cli_print_diags(ctx, &d);
        nis5g_diags_release(&d);
        if (rc) {
            json_decref(s);
            nis5g_model_free(m);
            nis5g_policy_free(p);
            return nis5g_exit_status(rc);
        }
        nis5g_package_add_profiles(s, m, c->profiles);
        nis5g_package_add_findings(s, m, c);
        nis5g_check_free(c);
    } else {
        struct nis5g_profile *prof = nis5g_xcalloc(m->vendors.n + 1, sizeof *prof);
        nis5g_profiles(m, NULL, 0, prof);
        nis5g_package_add_profiles(s, m, prof);
        free(prof);
    }
    if ((rc = nis5g_package_add_killswitch(s, m, &err)) != 0) {
        json_decref(s);
        nis5g_model_free(m);
        nis5g_policy_free(p);
        return cli_fail_err(ctx, &err);
    }
    if (g->assessment)
        nis5g_package_add_risk(s, g->assessment);
    else if ((rc = add_risk(ctx, snap, m, p, s)) != 0) {
        json_decref(s);
        nis5g_model_free(m);
        nis5g_policy_free(p);
        return rc;
    }
    nis5g_model_free(m);
    nis5g_policy_free(p);
    *sections = s;
    return 0;
}
