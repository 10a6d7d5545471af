/*
 * q-stix.c — the stix query: this state's assessment as a STIX 2.1 bundle
 * with the OASIS TLP 2.0 marking (stix.h, docs/stix.md).
 */
#include <string.h>

#include "nis5g/query.h"
#include "nis5g/stix.h"

#define T struct nis5g_stix_params
const struct nis5g_opt nis5g_stix_opts[] = {
    { .type = NIS5G_OPT_CHOICE, .name = "tlp", .arg = "LEVEL", .offset = offsetof(T, tlp),
      .help = "marking of every object: clear, green, amber (default), amber+strict, red",
      .choices = nis5g_tlp_choices, .flags = NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_STR_(T, "state", 0, "CC", state, "the exporting state (default: the workspace's, from keygen)"),
    NIS5G_OPT_LIST_(T, "policy", "FILE", share.policy,
                    "include this policy's findings (rules as courses of action; repeatable)"),
    NIS5G_OPT_DATE_(T, "snapshot", share.snapshot, "the snapshot (default: the latest)"),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_stix_params_init(void *params)
{
    struct nis5g_stix_params *p = params;
    memset(p, 0, sizeof *p);
    nis5g_share_params_init(&p->share);
    p->tlp = NIS5G_TLP_AMBER;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_stix_params *p = params;
    struct nis5g_stix_result *r = result;
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    o.tlp = r->tlp = p->tlp;
    json_t *pkg = NULL;
    int rc = nis5g_share_state(env, p->state, o.state, err);
    if (!rc)
        rc = nis5g_share_package(env, &p->share, NULL, &o, &pkg, err);
    if (!rc && !(r->bundle = nis5g_stix_bundle(pkg, p->tlp, err)))
        rc = err->code ? err->code : NIS5G_EINTERNAL;
    json_decref(pkg);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_stix_result *r = result;
    json_decref(r->bundle);
    r->bundle = NULL;
}

json_t *nis5g_stix_json(const void *result)
{
    return json_incref(((const struct nis5g_stix_result *)result)->bundle);
}

const struct nis5g_query nis5g_query_stix = {
    .name = "stix",
    .summary = "suppliers, risk profiles and policy findings as a STIX 2.1 bundle (MISP, OpenCTI)",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_stix_opts,
    .params_size = sizeof(struct nis5g_stix_params),
    .params_init = nis5g_stix_params_init,
    .result_size = sizeof(struct nis5g_stix_result),
    .compute = compute,
    .to_json = nis5g_stix_json,
    .release = release,
};
