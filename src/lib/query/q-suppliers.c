/*
 * q-suppliers.c — the suppliers query: each vendor's risk factors, its
 * profile and what decided it, with a policy's designate lines applied
 * (profile.h "The query"), and its JSON document (docs/json.md#suppliers).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/query.h"

/* As for check: the files after one --policy are policies too. */
const struct nis5g_opt nis5g_suppliers_opts[] = {
    { .type = NIS5G_OPT_LIST, .name = "policy", .arg = "FILE", .flags = NIS5G_OPT_GREEDY,
      .help = "apply the designate lines of this policy (repeatable; they win over suppliers.csv)",
      .offset = offsetof(struct nis5g_suppliers_params, policy) },
    NIS5G_OPT_SNAPSHOT(struct nis5g_suppliers_params, snapshot),
    NIS5G_OPT_END_,
};

void nis5g_suppliers_params_init(void *params)
{
    struct nis5g_suppliers_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_suppliers_params *p = params;
    struct nis5g_suppliers_result *r = result;
    int rc = p->policy.n ? nis5g_query_policy(env, &p->policy, &r->policy, err) : 0;
    if (!rc)
        rc = env->load_model(env, p->snapshot, NIS5G_PART_BASE, &r->m, &r->snap, err);
    if (rc)
        return rc;
    const struct nis5g_model *m = r->m;
    r->profiles = nis5g_policy_profiles(r->policy, (struct nis5g_model *)m, env->diags);
    /* Vendors in name order, for people and diffs alike. */
    r->order = nis5g_xcalloc(m->vendors.n + 1, sizeof *r->order);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        r->order[v] = v;
    for (uint32_t i = 1; i < m->vendors.n; i++) { /* insertion sort: vendors are few */
        uint32_t x = r->order[i], j = i;
        while (j > 0 && strcmp(nis5g_dict_str(&m->vendors, r->order[j - 1]), nis5g_dict_str(&m->vendors, x)) > 0) {
            r->order[j] = r->order[j - 1];
            j--;
        }
        r->order[j] = x;
    }
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_suppliers_result *r = result;
    free(r->order);
    free(r->profiles);
    if (r->m)
        env->release_model(env, r->m);
    nis5g_policy_free(r->policy);
}

static json_t *vendor_json(const struct nis5g_model *m, uint32_t v, const struct nis5g_profile *pr)
{
    json_t *o = json_object();
    json_object_set_new(o, "vendor", json_string(nis5g_dict_str(&m->vendors, v)));
    int known = m->sup_known && m->sup_known[v];
    uint32_t cc = known && m->sup_country ? m->sup_country[v] : NIS5G_NONE;
    json_object_set_new(o, "country", cc == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->countries, cc)));
    int so = known && m->sup_state_owned ? m->sup_state_owned[v] : -1;
    json_object_set_new(o, "state_owned", so < 0 ? json_null() : json_boolean(so));
    json_t *f = json_object();
    for (int k = 0; k < NIS5G_F_COUNT; k++) {
        uint8_t x = known ? nis5g_factor(m, v, (enum nis5g_factor)k) : NIS5G_FACTOR_UNSET;
        json_object_set_new(f, nis5g_factor_names[k], x == NIS5G_FACTOR_UNSET ? json_null() : json_integer(x));
    }
    json_object_set_new(o, "factors", f);
    json_object_set_new(o, "profile", json_string(nis5g_risk_names[pr->risk]));
    json_object_set_new(o, "rule_profile", known ? json_string(nis5g_risk_names[pr->rule_risk]) : json_null());
    json_object_set_new(o, "rule", pr->rule ? json_string(pr->rule) : json_null());
    json_object_set_new(o, "decided_by", json_string(nis5g_profile_source_names[pr->source]));
    json_object_set_new(o, "why", json_string(pr->why));
    uint32_t notes = known && m->sup_notes ? m->sup_notes[v] : NIS5G_NONE;
    json_object_set_new(o, "notes", notes == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->text, notes)));
    return o;
}

json_t *nis5g_suppliers_json(const void *result)
{
    const struct nis5g_suppliers_result *r = result;
    json_t *arr = json_array();
    for (uint32_t i = 0; i < r->m->vendors.n; i++)
        json_array_append_new(arr, vendor_json(r->m, r->order[i], &r->profiles[r->order[i]]));
    char d1[11];
    return json_pack("{s:s, s:o}", "snapshot", nis5g_date_format(r->snap.as_of, d1), "suppliers", arr);
}

const struct nis5g_query nis5g_query_suppliers = {
    .name = "suppliers",
    .summary = "supplier risk profiles: factors, profile and what decided it",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_suppliers_opts,
    .params_size = sizeof(struct nis5g_suppliers_params),
    .params_init = nis5g_suppliers_params_init,
    .result_size = sizeof(struct nis5g_suppliers_result),
    .compute = compute,
    .to_json = nis5g_suppliers_json,
    .release = release,
};
