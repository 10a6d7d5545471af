/*
 * q-elements.c — the elements query: the network elements behind a
 * figure, filtered, sorted and paged (elements.h), optionally only those a
 * policy rule finds (the policy check's own findings, policy.h), and its
 * JSON document (docs/json.md#elements).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/elements.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/query.h"

#define P struct nis5g_elements_params
const struct nis5g_opt nis5g_elements_opts[] = {
    NIS5G_OPT_LIST_(P, "operator", "OP", operator, "only this operator's elements (repeatable: any of them)"),
    NIS5G_OPT_LIST_(P, "vendor", "V", vendor, "only this vendor's elements (repeatable)"),
    NIS5G_OPT_LIST_(P, "domain", "D", domain, "only this domain: ran, transport, core ... (repeatable)"),
    NIS5G_OPT_LIST_(P, "region", "R", region, "only elements at sites of this region (repeatable)"),
    NIS5G_OPT_LIST_(P, "site", "S", site, "only elements at this site (repeatable)"),
    NIS5G_OPT_LIST_(P, "status", "S", status, "only this status: active, planned or retired (repeatable)"),
    NIS5G_OPT_FLAG_(P, "high-risk", high_risk, 1, "only elements of vendors whose profile is high"),
    { .type = NIS5G_OPT_FLAG, .name = "high_risk", .offset = offsetof(P, high_risk), .value = 1,
      .flags = NIS5G_OPT_HIDDEN }, /* the API's spelling, ?high_risk=1 */
    NIS5G_OPT_STR_(P, "rule", 0, "NAME", rule, "only the elements that rule of the policy finds"),
    NIS5G_OPT_POLICY(P, policy),
    NIS5G_OPT_AT(P, at),
    { .type = NIS5G_OPT_CHOICE, .name = "sort", .arg = "FIELD", .offset = offsetof(P, sort),
      .flags = NIS5G_OPT_GIVEN_ONCE, .choices = nis5g_el_sort_names,
      .help = "sort by id (the default), operator, site, region, domain, function, vendor, product, status or "
              "installed; ties by id" },
    NIS5G_OPT_FLAG_(P, "desc", desc, 1, "sort in descending order"),
    NIS5G_OPT_UINT_(P, "offset", "N", offset, "skip the first N elements of the list"),
    NIS5G_OPT_UINT_(P, "limit", "N", limit, "list at most N elements (default: all)"),
    NIS5G_OPT_SNAPSHOT(P, snapshot),
    NIS5G_OPT_END_,
};
#undef P

void nis5g_elements_params_init(void *params)
{
    struct nis5g_elements_params *p = params;
    p->at = NIS5G_NO_DATE;
    p->snapshot = NIS5G_NO_DATE;
    p->limit = NIS5G_EL_ALL;
}

/* The vendors whose profile is high: the check's profiles with --rule,
 * else the profiles with the policy's designations (if any). */
static void high_vendors(const struct nis5g_query_env *env, struct nis5g_elements_result *r)
{
    const struct nis5g_model *m = r->m;
    struct nis5g_profile *prof = r->check ? r->check->profiles : NULL;
    struct nis5g_profile *own = NULL;
    if (!prof)
        prof = own = nis5g_policy_profiles(r->policy, (struct nis5g_model *)m, env->diags);
    r->high = nis5g_xcalloc(m->vendors.n + 1, 1);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        r->high[v] = prof[v].risk == NIS5G_RISK_HIGH;
    free(own);
}

/* --rule: the policy with that rule alone (its designations whole) checked
 * as of --at, and the elements behind its findings. */
static int rule_findings(const struct nis5g_query_env *env, const struct nis5g_elements_params *p,
                         struct nis5g_elements_result *r, struct nis5g_err *err)
{
    size_t i = 0;
    while (i < r->policy->n_rules && strcmp(r->policy->rules[i].id, p->rule) != 0)
        i++;
    if (i == r->policy->n_rules)
        return nis5g_err_set(err, NIS5G_EUSAGE, "no rule '%s' in the policy", p->rule);
    struct nis5g_policy one = *r->policy; /* borrowed parts: never freed */
    one.rules = &r->policy->rules[i];
    one.n_rules = 1;
    struct nis5g_check_opts o = { r->at, 0, 0 };
    int rc = nis5g_policy_check(&one, (struct nis5g_model *)r->m, &o, &r->check, env->diags);
    if (rc)
        return nis5g_err_set(err, rc, "errors evaluating the policy; nothing listed");
    size_t n;
    nis5g_rule_elements(&one, 0, (struct nis5g_model *)r->m, r->check, &r->only, &n);
    r->sel.only = r->only;
    r->sel.n_only = n;
    r->sel.only_set = 1;
    return 0;
}

static int filters(const struct nis5g_elements_params *p, struct nis5g_elements_result *r, struct nis5g_err *err)
{
    struct nis5g_model *m = (struct nis5g_model *)r->m;
    const struct nis5g_strlist *lists[] = { &p->operator, &p->vendor, &p->domain, &p->region, &p->site, &p->status };
    static const enum nis5g_el_filter kinds[] = { NIS5G_EF_OPERATOR, NIS5G_EF_VENDOR, NIS5G_EF_DOMAIN,
                                                  NIS5G_EF_REGION,   NIS5G_EF_SITE,   NIS5G_EF_STATUS };
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        for (size_t i = 0; i < lists[k]->n; i++)
            if (nis5g_el_select_add(&r->sel, m, kinds[k], lists[k]->v[i], err))
                return err->code;
    r->sel.high = r->high;
    r->sel.high_only = p->high_risk;
    r->sel.sort = p->sort;
    r->sel.desc = p->desc;
    r->sel.offset = p->offset;
    r->sel.limit = p->limit;
    return 0;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_elements_params *p = params;
    struct nis5g_elements_result *r = result;
    if (p->rule && !p->policy.n)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--rule %s needs the --policy FILE that has it", p->rule);
    int rc = p->policy.n ? nis5g_query_policy(env, &p->policy, &r->policy, err) : 0;
    unsigned parts = NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_IDS | NIS5G_PART_ELEMENT_DETAIL;
    if (!rc)
        rc = env->load_model(env, p->snapshot, parts | (r->policy ? nis5g_policy_parts(r->policy) : 0), &r->m,
                             &r->snap, err);
    if (rc)
        return rc;
    r->at = p->at == NIS5G_NO_DATE ? env->today : p->at;
    if (p->rule && (rc = rule_findings(env, p, r, err)))
        return rc;
    high_vendors(env, r);
    if ((rc = filters(p, r, err)))
        return rc;
    return nis5g_elements_list(r->m, &r->sel, &r->page, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_elements_result *r = result;
    nis5g_el_page_release(&r->page);
    nis5g_el_select_release(&r->sel);
    free(r->only);
    free(r->high);
    nis5g_check_free(r->check);
    if (r->m)
        env->release_model(env, r->m);
    nis5g_policy_free(r->policy);
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *element_json(const struct nis5g_elements_result *r, uint32_t e)
{
    const struct nis5g_model *m = r->m;
    uint32_t site = m->el_site[e];
    uint16_t f = m->el_function[e], v = m->el_vendor[e];
    char day[11];
    json_t *j = json_object();
    json_object_set_new(j, "id", json_string(nis5g_dict_str(&m->elements, e)));
    json_object_set_new(j, "operator", json_string(nis5g_dict_str(&m->operators, m->el_operator[e])));
    json_object_set_new(j, "site", site == NIS5G_NONE ? json_null() : json_string(nis5g_dict_str(&m->sites, site)));
    json_object_set_new(j, "region",
                        site == NIS5G_NONE ? json_null() : str_or_null(nis5g_dict_str(&m->regions, m->site_region[site])));
    json_object_set_new(j, "domain", json_string(nis5g_domain_names[m->el_domain[e]]));
    json_object_set_new(j, "function", f == NIS5G_NONE16 || f >= m->functions.n
                                           ? json_null()
                                           : str_or_null(nis5g_dict_str(&m->functions, f)));
    json_object_set_new(j, "vendor", json_string(nis5g_dict_str(&m->vendors, v)));
    json_object_set_new(j, "product", m->el_product ? str_or_null(nis5g_dict_str(&m->products, m->el_product[e]))
                                                    : json_null());
    json_object_set_new(j, "status", json_string(nis5g_status_names[m->el_status[e]]));
    json_object_set_new(j, "installed", m->el_installed[e] == NIS5G_NO_DATE
                                            ? json_null()
                                            : json_string(nis5g_date_format(m->el_installed[e], day)));
    json_object_set_new(j, "high_risk", json_boolean(r->high && r->high[v]));
    return j;
}

json_t *nis5g_elements_json(const void *result)
{
    const struct nis5g_elements_result *r = result;
    char day[11];
    json_t *j = json_object();
    json_object_set_new(j, "as_of", json_string(nis5g_date_format(r->snap.as_of, day)));
    json_object_set_new(j, "total", json_integer((json_int_t)r->page.total));
    json_object_set_new(j, "offset", json_integer((json_int_t)r->sel.offset));
    /* no limit (the command line's default): the page holds every element from the offset on */
    json_object_set_new(j, "limit", json_integer((json_int_t)(r->sel.limit == NIS5G_EL_ALL ? r->page.total
                                                                                             : r->sel.limit)));
    json_object_set_new(j, "sort", json_string(nis5g_el_sort_names[r->sel.sort]));
    json_object_set_new(j, "desc", json_boolean(r->sel.desc));
    if (r->check) {
        const struct nis5g_rule_result *rr = &r->check->r[0];
        json_object_set_new(j, "rule", json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", rr->rule->id, "kind",
                                                 nis5g_rule_kind_names[rr->rule->kind], "at",
                                                 nis5g_date_format(r->at, day), "status",
                                                 nis5g_rule_status_names[rr->status], "findings",
                                                 (json_int_t)rr->findings));
    }
    json_t *els = json_array();
    for (size_t i = 0; i < r->page.n; i++)
        json_array_append_new(els, element_json(r, r->page.rows[i]));
    json_object_set_new(j, "elements", els);
    return j;
}

const struct nis5g_query nis5g_query_elements = {
    .name = "elements",
    .summary = "the network elements behind a figure: filtered, sorted, paged",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_elements_opts,
    .params_size = sizeof(struct nis5g_elements_params),
    .params_init = nis5g_elements_params_init,
    .result_size = sizeof(struct nis5g_elements_result),
    .compute = compute,
    .to_json = nis5g_elements_json,
    .release = release,
};
