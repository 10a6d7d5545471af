/*
 * q-check.c — the check query: restriction policies evaluated on a
 * snapshot as of a date, with a phase-out forecast for the pending rules
 * from the snapshot before (policy.h "The query"), and its JSON document
 * (docs/json.md#check).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "nis5g/query.h"

/* --policy is repeatable; the files after one --policy, up to the next
 * option, are policies too (`--policy a.policy b.policy`). */
const struct nis5g_opt nis5g_check_opts[] = {
    { .type = NIS5G_OPT_LIST, .name = "policy", .arg = "FILE", .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GREEDY,
      .help = "a policy to apply (rules and designate lines; repeatable, several files add up)",
      .offset = offsetof(struct nis5g_check_params, policy) },
    NIS5G_OPT_AT(struct nis5g_check_params, at),
    NIS5G_OPT_DATE_(struct nis5g_check_params, "snapshot", snapshot,
                    "check the snapshot of this as-of date (default: the latest)"),
    NIS5G_OPT_END_,
};

void nis5g_check_params_init(void *params)
{
    struct nis5g_check_params *p = params;
    p->at = NIS5G_NO_DATE;
    p->snapshot = NIS5G_NO_DATE;
}

static const struct nis5g_dict *gdict(const struct nis5g_model *m, int g)
{
    switch (g) {
    case NIS5G_G_OPERATOR: return &m->operators;
    case NIS5G_G_REGION: return &m->regions;
    case NIS5G_G_COUNTRY: return &m->countries;
    default: return &m->sites;
    }
}

const char *nis5g_check_key_name(const struct nis5g_model *m, int g, uint32_t k)
{
    if (k == NIS5G_NONE)
        return g == NIS5G_G_SITE ? "(no site)" : g == NIS5G_G_REGION ? "(no region)" : "(none)";
    return nis5g_dict_str(gdict(m, g), k);
}

void nis5g_check_group_label(const struct nis5g_model *m, const struct nis5g_rule *r,
                             const struct nis5g_group_result *g, struct nis5g_buf *b)
{
    nis5g_buf_reset(b);
    nis5g_buf_adds(b, nis5g_check_key_name(m, r->group[0], g->key[0]));
    if (r->n_group > 1) {
        nis5g_buf_adds(b, ", ");
        nis5g_buf_adds(b, nis5g_check_key_name(m, r->group[1], g->key[1]));
    }
}

const char *nis5g_check_function_name(const struct nis5g_model *m, uint16_t f)
{
    return f == NIS5G_NONE16 || f >= m->functions.n ? "" : nis5g_dict_str(&m->functions, f);
}

/* The snapshot before snap, or 0 when there is none. */
static int previous_day(const struct nis5g_query_env *env, const struct nis5g_snapshot *snap, int32_t *day,
                        struct nis5g_err *err)
{
    struct nis5g_snapshot *list;
    size_t n;
    *day = NIS5G_NO_DATE;
    if (nis5g_store_snapshots(env->store, &list, &n, err))
        return err->code ? err->code : NIS5G_ESTORE;
    for (size_t i = 0; i < n; i++)
        if (list[i].as_of < snap->as_of)
            *day = list[i].as_of;
    free(list);
    return 0;
}

/* Forecasts for pending rules with a deadline: the same policy on the
 * snapshot before the one checked, counts only. */
static int forecasts(const struct nis5g_query_env *env, struct nis5g_check_result *r, struct nis5g_err *err)
{
    const struct nis5g_check *c = r->check;
    int any = 0;
    for (size_t i = 0; i < c->n; i++)
        any |= c->r[i].status == NIS5G_RS_PENDING;
    if (!any)
        return 0;
    int32_t prev_day;
    int rc = previous_day(env, &r->snap, &prev_day, err);
    if (rc)
        return rc;
    struct nis5g_check *pc = NULL;
    if (prev_day != NIS5G_NO_DATE) {
        const struct nis5g_model *pm = NULL;
        struct nis5g_snapshot ps;
        if ((rc = env->load_model(env, prev_day, nis5g_policy_parts(r->policy), &pm, &ps, err)))
            return rc;
        struct nis5g_check_opts po = { c->at, 1, 0 };
        nis5g_policy_check(r->policy, (struct nis5g_model *)pm, &po, &pc, NULL);
        env->release_model(env, pm);
    }
    for (size_t i = 0; i < c->n; i++) {
        if (c->r[i].status != NIS5G_RS_PENDING)
            continue;
        if (!pc) {
            r->forecast[i].kind = NIS5G_FC_ONE_SNAPSHOT;
            continue;
        }
        nis5g_forecast(nis5g_rule_remaining(&pc->r[i]), prev_day, nis5g_rule_remaining(&c->r[i]), r->snap.as_of,
                       c->r[i].rule->deadline, &r->forecast[i]);
    }
    nis5g_check_free(pc);
    return 0;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_check_params *p = params;
    struct nis5g_check_result *r = result;
    if (!p->policy.n)
        return nis5g_err_set(err, NIS5G_EUSAGE, "missing --policy FILE (e.g. --policy data/policies/se.policy)");
    int rc = nis5g_query_policy(env, &p->policy, &r->policy, err);
    if (!rc)
        rc = env->load_model(env, p->snapshot, nis5g_policy_parts(r->policy) | NIS5G_PART_ELEMENT_IDS, &r->m,
                             &r->snap, err);
    if (rc)
        return rc;
    struct nis5g_check_opts opts = { p->at == NIS5G_NO_DATE ? env->today : p->at, 0, 0 };
    size_t errors = env->diags->errors;
    if ((rc = nis5g_policy_check(r->policy, (struct nis5g_model *)r->m, &opts, &r->check, env->diags)))
        return nis5g_err_set(err, rc, "%zu error%s evaluating the policy; nothing checked",
                             env->diags->errors - errors, env->diags->errors - errors == 1 ? "" : "s");
    r->forecast = nis5g_xcalloc(r->check->n + 1, sizeof *r->forecast);
    return forecasts(env, r, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_check_result *r = result;
    free(r->forecast);
    nis5g_check_free(r->check);
    if (r->m)
        env->release_model(env, r->m);
    nis5g_policy_free(r->policy);
}

static json_t *jdate(int32_t d)
{
    char s[11];
    return d == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(d, s));
}

static void json_deny(json_t *j, const struct nis5g_model *m, const struct nis5g_rule_result *r)
{
    json_t *els = json_array(), *eg = json_array();
    for (size_t k = 0; k < r->n_elements; k++)
        json_array_append_new(els, json_string(nis5g_dict_str(&m->elements, r->elements[k])));
    for (size_t k = 0; k < r->n_elgroups; k++) {
        const struct nis5g_elgroup *e = &r->elgroups[k];
        json_t *first = json_array();
        for (uint32_t x = 0; x < e->count && x < 3; x++)
            json_array_append_new(first, json_string(nis5g_dict_str(&m->elements, e->first[x])));
        json_array_append_new(
            eg, json_pack("{s:s, s:s, s:s, s:o, s:I, s:o}", "operator", nis5g_dict_str(&m->operators, e->op),
                          "domain", nis5g_domain_names[e->domain], "function",
                          nis5g_check_function_name(m, e->function), "site",
                          e->site == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->sites, e->site)),
                          "count", (json_int_t)e->count, "first", first));
    }
    json_object_set_new(j, "elements", els);
    json_object_set_new(j, "element_groups", eg);
}

static json_t *json_group(const struct nis5g_model *m, const struct nis5g_rule *ru,
                          const struct nis5g_group_result *g, struct nis5g_buf *b)
{
    nis5g_check_group_label(m, ru, g, b);
    json_t *keys = json_object();
    for (int x = 0; x < ru->n_group; x++)
        json_object_set_new(keys, nis5g_gkey_names[ru->group[x]],
                            g->key[x] == NIS5G_NONE ? json_null()
                                                    : json_string(nis5g_dict_str(gdict(m, ru->group[x]), g->key[x])));
    json_t *gj = json_pack("{s:s, s:o}", "group", b->data, "keys", keys);
    if (ru->kind == NIS5G_RULE_CAP) {
        json_object_set_new(gj, "actual", json_real(g->n ? (double)g->c / (double)g->n : 0.0));
        json_object_set_new(gj, "limit", json_real(ru->pct_bp / 10000.0));
        json_object_set_new(gj, "size", json_integer(g->n));
        json_object_set_new(gj, "matching", json_integer(g->c));
        json_object_set_new(gj, "allowed", json_integer(g->limit));
    } else {
        json_object_set_new(gj, "actual", json_integer(g->c));
        json_object_set_new(gj, "limit", json_integer(g->limit));
    }
    json_object_set_new(gj, "must_change", json_integer(g->must_change));
    return gj;
}

static void json_groups(json_t *j, const struct nis5g_model *m, const struct nis5g_rule_result *r)
{
    const struct nis5g_rule *ru = r->rule;
    json_t *by = json_array();
    for (int k = 0; k < ru->n_group; k++)
        json_array_append_new(by, json_string(nis5g_gkey_names[ru->group[k]]));
    json_object_set_new(j, "per", by);
    if (ru->kind == NIS5G_RULE_CAP) {
        json_object_set_new(j, "limit", json_real(ru->pct_bp / 10000.0));
        json_object_set_new(j, "weighted_by", ru->weighted ? json_string("subscribers") : json_null());
    } else {
        json_object_set_new(j, "limit", json_integer(ru->min_vendors));
    }
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    json_t *gs = json_array();
    for (size_t k = 0; k < r->n_groups; k++)
        json_array_append_new(gs, json_group(m, ru, &r->groups[k], &b));
    nis5g_buf_release(&b);
    json_object_set_new(j, "groups", gs);
}

static json_t *json_forecast(const struct nis5g_forecast *f)
{
    json_t *fj = json_pack("{s:s}", "status", nis5g_forecast_kind_names[f->kind]);
    if (f->kind != NIS5G_FC_ONE_SNAPSHOT) {
        json_object_set_new(fj, "from", jdate(f->prev_as_of));
        json_object_set_new(fj, "to", jdate(f->as_of));
        json_object_set_new(fj, "remaining_before", json_integer(f->prev_remaining));
        json_object_set_new(fj, "remaining", json_integer(f->remaining));
        json_object_set_new(fj, "rate_per_month", json_real(f->rate_per_month));
    }
    if (f->kind == NIS5G_FC_DATE) {
        json_object_set_new(fj, "date", jdate(f->date));
        json_object_set_new(fj, "before_deadline", json_boolean(f->before_deadline));
    }
    return fj;
}

static json_t *json_rule(const struct nis5g_model *m, const struct nis5g_rule_result *r,
                         const struct nis5g_forecast *f)
{
    const struct nis5g_rule *ru = r->rule;
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(ru->id));
    json_object_set_new(j, "title", ru->title ? json_string(ru->title) : json_null());
    json_object_set_new(j, "kind", json_string(nis5g_rule_kind_names[ru->kind]));
    json_object_set_new(j, "clause", json_string(ru->clause ? ru->clause : ""));
    json_t *basis = json_array();
    for (size_t k = 0; k < ru->n_basis; k++)
        json_array_append_new(basis, json_string(ru->basis[k]));
    json_object_set_new(j, "basis", basis);
    json_object_set_new(j, "severity", ru->severity ? json_string(ru->severity) : json_null());
    json_object_set_new(j, "file", json_string(ru->file));
    json_object_set_new(j, "line", json_integer(ru->line));
    json_object_set_new(j, "status", json_string(nis5g_rule_status_names[r->status]));
    json_object_set_new(j, "deadline", jdate(ru->deadline));
    json_object_set_new(j, "days_left", r->status == NIS5G_RS_PENDING ? json_integer(r->days_left) : json_null());
    json_object_set_new(j, "findings", json_integer(r->findings));
    json_object_set_new(j, "must_change", json_integer(r->must_change));
    if (ru->kind == NIS5G_RULE_DENY)
        json_deny(j, m, r);
    else
        json_groups(j, m, r);
    if (f->kind != NIS5G_FC_NONE)
        json_object_set_new(j, "forecast", json_forecast(f));
    return j;
}

json_t *nis5g_check_json(const void *result)
{
    const struct nis5g_check_result *r = result;
    const struct nis5g_check *c = r->check;
    const struct nis5g_policy *p = r->policy;
    json_t *rules = json_array();
    size_t n_ok = 0;
    for (size_t i = 0; i < c->n; i++) {
        n_ok += c->r[i].status == NIS5G_RS_OK;
        json_array_append_new(rules, json_rule(r->m, &c->r[i], &r->forecast[i]));
    }
    json_t *des = json_array();
    for (size_t i = 0; i < p->n_des; i++)
        json_array_append_new(des, json_pack("{s:s, s:s, s:o, s:s}", "vendor", p->des[i].vendor, "profile",
                                             nis5g_risk_names[p->des[i].risk], "reason",
                                             p->des[i].reason ? json_string(p->des[i].reason) : json_null(),
                                             "where", p->des[i].where));
    return json_pack("{s:o, s:o, s:{s:I, s:I, s:I, s:I}, s:o, s:o}", "at", jdate(c->at), "snapshot",
                     jdate(r->snap.as_of), "summary", "rules", (json_int_t)c->n, "ok", (json_int_t)n_ok, "pending",
                     (json_int_t)c->n_pending, "violation", (json_int_t)c->n_violations, "designations", des, "rules",
                     rules);
}

const struct nis5g_query nis5g_query_check = {
    .name = "check",
    .summary = "check restriction policies: each rule ok, pending (days left) or in violation, with findings",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_check_opts,
    .params_size = sizeof(struct nis5g_check_params),
    .params_init = nis5g_check_params_init,
    .result_size = sizeof(struct nis5g_check_result),
    .compute = compute,
    .to_json = nis5g_check_json,
    .release = release,
};
