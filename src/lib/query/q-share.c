/*
 * q-share.c — what this state shares, gathered once for the sharing
 * queries (package.h "The sharing queries"): the snapshot's package
 * sections, the supplier profiles in force, the kill-switch losses per
 * vendor, the risk assessment and, with policies, their findings. export,
 * eu, stix and oscal build their documents from it.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/package.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/query.h"
#include "nis5g/risk.h"

/* The risk assessment reads products: certifications, end of support. */
#define RISK_PARTS NIS5G_PART_ELEMENT_DETAIL

/* The assessment as `nis5g risk` makes it (kill-switch of every vendor,
 * 1,000 Monte Carlo trials, seed 1, the policy as of the snapshot). Its
 * own diagnostics are not the user's inputs' and are not reported. */
static int add_risk(const struct nis5g_query_env *env, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                    const struct nis5g_policy *p, json_t *s, struct nis5g_err *err)
{
    struct nis5g_catalog c;
    if (nis5g_catalog_load(&c, env->diags))
        return nis5g_err_set(err, NIS5G_EPARSE, "the toolbox catalogue has errors; nothing shared");
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_assessment a;
    struct nis5g_assess_opts ao = { .resilience = 1, .mc_trials = 1000, .mc_seed = 1, .policy = p, .at = snap->as_of };
    int rc = nis5g_assess(env->store, snap, m, &c, &ao, &a, &d, err);
    nis5g_diags_release(&d);
    if (!rc) {
        nis5g_package_add_risk(s, &a);
        nis5g_assessment_release(&a);
    }
    nis5g_catalog_release(&c);
    return rc;
}

/* The profiles in force and, with a policy, its findings as of the
 * snapshot's date. */
static int add_policy(const struct nis5g_query_env *env, const struct nis5g_policy *p, struct nis5g_model *m,
                      int32_t as_of, json_t *s, struct nis5g_err *err)
{
    if (!p) {
        struct nis5g_profile *prof = nis5g_xcalloc(m->vendors.n + 1, sizeof *prof);
        nis5g_profiles(m, NULL, 0, prof);
        nis5g_package_add_profiles(s, m, prof);
        free(prof);
        return 0;
    }
    struct nis5g_check_opts o = { as_of, 0, 0 };
    struct nis5g_check *c = NULL;
    int rc = nis5g_policy_check(p, m, &o, &c, env->diags);
    if (rc)
        return nis5g_err_set(err, rc, "the policy could not be evaluated; nothing shared");
    nis5g_package_add_profiles(s, m, c->profiles);
    nis5g_package_add_findings(s, m, c);
    nis5g_check_free(c);
    return 0;
}

static int gather(const struct nis5g_query_env *env, const struct nis5g_share_params *g,
                  const struct nis5g_policy *p, const struct nis5g_assessment *a, json_t **sections,
                  struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    unsigned parts = NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS | RISK_PARTS |
                     (g->detail ? NIS5G_PART_ELEMENT_IDS | NIS5G_PART_ELEMENT_DETAIL : 0) |
                     (p ? nis5g_policy_parts(p) : 0);
    const struct nis5g_model *cm = NULL;
    int rc = env->load_model(env, g->snapshot, parts, &cm, snap, err);
    if (rc)
        return rc;
    /* not const only because name lookups build hash indexes (policy.h) */
    struct nis5g_model *m = (struct nis5g_model *)cm;
    json_t *s = nis5g_package_sections(m, g->detail, err);
    if (!s)
        rc = err->code ? err->code : NIS5G_EINTERNAL;
    if (!rc)
        rc = add_policy(env, p, m, snap->as_of, s, err);
    if (!rc)
        rc = nis5g_package_add_killswitch(s, m, err);
    if (!rc && a)
        nis5g_package_add_risk(s, a);
    else if (!rc)
        rc = add_risk(env, snap, m, p, s, err);
    env->release_model(env, cm);
    if (rc)
        json_decref(s);
    else
        *sections = s;
    return rc;
}

int nis5g_share_sections(const struct nis5g_query_env *env, const struct nis5g_share_params *g,
                         const struct nis5g_assessment *a, json_t **sections, struct nis5g_snapshot *snap,
                         struct nis5g_err *err)
{
    *sections = NULL;
    struct nis5g_policy *p = NULL;
    int rc = g->policy.n ? nis5g_query_policy(env, &g->policy, &p, err) : 0;
    if (!rc)
        rc = gather(env, g, p, a, sections, snap, err);
    nis5g_policy_free(p);
    return rc;
}

int nis5g_share_package(const struct nis5g_query_env *env, const struct nis5g_share_params *g,
                        const struct nis5g_assessment *a, struct nis5g_export_opts *o, json_t **pkg,
                        struct nis5g_err *err)
{
    *pkg = NULL;
    struct nis5g_snapshot snap;
    json_t *sections;
    int rc = nis5g_share_sections(env, g, a, &sections, &snap, err);
    if (rc)
        return rc;
    nis5g_date_format(snap.as_of, o->snapshot);
    /* The package's time is its data's: the snapshot's import time. The same
     * workspace thus always gives the same bytes, and a re-import of the
     * snapshot gives a newer package. */
    snprintf(o->created, sizeof o->created, "%s", snap.imported_at);
    *pkg = nis5g_package_new(o, sections);
    return 0;
}

void nis5g_share_params_init(struct nis5g_share_params *g)
{
    memset(g, 0, sizeof *g);
    g->snapshot = NIS5G_NO_DATE;
}

int nis5g_share_state(const struct nis5g_query_env *env, const char *given, char out[3], struct nis5g_err *err)
{
    if (given)
        return nis5g_state_norm(given, out, err);
    struct nis5g_pubkey self;
    if (nis5g_identity_get(env->store, &self, err))
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "which state is this? give --state CC (or run keygen in this workspace)");
    memcpy(out, self.state, 3);
    return 0;
}
