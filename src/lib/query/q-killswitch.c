/*
 * q-killswitch.c — the killswitch query: for each vendor or set of vendors,
 * the radio sites and subscribers left without service if all its
 * equipment fails at once, optionally why a site is cut off and which
 * sites are lost (resilience.h); and its JSON document
 * (docs/json.md#killswitch).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/resilience.h"

#define P struct nis5g_killswitch_params
const struct nis5g_opt nis5g_killswitch_opts[] = {
    NIS5G_OPT_NAMED_POS_(P, "vendors", "VENDOR[+VENDOR...]", vendors, 0,
                   "one scenario each; A+B is one scenario in which A and B fail together"),
    NIS5G_OPT_FLAG_(P, "all", all, 1, "add one scenario per vendor with active equipment (the default with no VENDOR)"),
    NIS5G_OPT_STR_(P, "explain", 0, "SITE", explain, "show a dependency chain that cuts the radio site off"),
    NIS5G_OPT_UINT_(P, "lost", "N", lost, "list the first N sites lost in each scenario, each with its chain"),
    NIS5G_OPT_SNAPSHOT(P, snapshot),
    NIS5G_OPT_END_,
};
#undef P

void nis5g_killswitch_params_init(void *params)
{
    struct nis5g_killswitch_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

/* The vendor ids taken by the scenarios so far. */
static size_t ids_used(const struct nis5g_killswitch_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += r->sc[i].n_vendors;
    return n;
}

/* The vendors of "A+B" into r->ids: at each '+' the longest known name, as
 * a vendor may be called "A+B" itself. */
static int scenario_parse(struct nis5g_killswitch_result *r, const char *arg, struct nis5g_err *err)
{
    const struct nis5g_model *m = r->m;
    size_t start = ids_used(r), at = start;
    for (const char *p = arg;;) {
        size_t rest = strlen(p), len = rest;
        uint32_t v = NIS5G_NONE;
        for (;;) {
            v = nis5g_dict_find((struct nis5g_dict *)&m->vendors, p, len);
            if (v != NIS5G_NONE)
                break;
            while (len > 0 && p[--len] != '+')
                ;
            if (len == 0)
                break;
        }
        if (v == NIS5G_NONE) {
            const char *q = strchr(p, '+');
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown vendor '%.*s'", (int)(q ? (size_t)(q - p) : rest), p);
        }
        r->ids[at++] = (uint16_t)v;
        if (len == rest)
            break;
        p += len + 1;
    }
    r->sc[r->n++] = (struct nis5g_ks_scenario){ r->ids + start, at - start };
    return 0;
}

/* One scenario per vendor with active equipment, in name order. */
static void scenario_all(struct nis5g_killswitch_result *r, size_t first)
{
    const struct nis5g_model *m = r->m;
    uint8_t *has = nis5g_xcalloc(m->vendors.n ? m->vendors.n : 1, 1);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE)
            has[m->el_vendor[e]] = 1;
    size_t end = first;
    for (uint32_t v = 0; v < m->vendors.n; v++)
        if (has[v])
            r->ids[end++] = (uint16_t)v;
    free(has);
    /* insertion sort by name: vendors are few */
    for (size_t i = first + 1; i < end; i++)
        for (size_t j = i; j > first && strcmp(nis5g_dict_str(&m->vendors, r->ids[j - 1]),
                                               nis5g_dict_str(&m->vendors, r->ids[j])) > 0;
             j--) {
            uint16_t x = r->ids[j];
            r->ids[j] = r->ids[j - 1];
            r->ids[j - 1] = x;
        }
    for (size_t i = first; i < end; i++)
        r->sc[r->n++] = (struct nis5g_ks_scenario){ r->ids + i, 1 };
}

static int scenarios(const struct nis5g_killswitch_params *p, struct nis5g_killswitch_result *r,
                     struct nis5g_err *err)
{
    int all = p->all || !p->vendors.n;
    size_t nv = r->m->vendors.n, cap = p->vendors.n + (all ? nv : 0), nsc = cap;
    for (size_t i = 0; i < p->vendors.n; i++)
        for (const char *s = p->vendors.v[i]; *s; s++)
            cap += *s == '+';
    r->ids = nis5g_xcalloc(cap ? cap : 1, sizeof *r->ids);
    r->sc = nis5g_xcalloc(nsc ? nsc : 1, sizeof *r->sc);
    for (size_t i = 0; i < p->vendors.n; i++)
        if (scenario_parse(r, p->vendors.v[i], err))
            return NIS5G_EUSAGE;
    if (all)
        scenario_all(r, ids_used(r));
    return 0;
}

/* The site of --explain: a radio site with service at baseline. */
static int explain_site(const struct nis5g_killswitch_params *p, struct nis5g_killswitch_result *r, uint32_t *site,
                        struct nis5g_err *err)
{
    *site = nis5g_dict_finds((struct nis5g_dict *)&r->m->sites, p->explain);
    if (*site == NIS5G_NONE)
        return nis5g_err_set(err, NIS5G_EUSAGE, "unknown site '%s'", p->explain);
    r->explain_site = nis5g_dict_str(&r->m->sites, *site);
    return 0;
}

static int explain_all(const struct nis5g_killswitch_params *p, struct nis5g_killswitch_result *r, uint32_t site,
                       struct nis5g_err *err)
{
    const struct nis5g_radio_sites *rs = &r->rs;
    uint32_t i = 0;
    while (i < rs->n && rs->site[i] != site)
        i++;
    if (i == rs->n)
        return nis5g_err_set(err, NIS5G_EUSAGE, "not a radio site (no active RU or gNB): '%s'", p->explain);
    if (!rs->base[i])
        return nis5g_err_set(err, NIS5G_EUSAGE, "site has no service even with nothing failed: '%s'", p->explain);
    r->explain = nis5g_xcalloc(r->n ? r->n : 1, sizeof *r->explain);
    for (size_t k = 0; k < r->n; k++) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        struct nis5g_err e = { 0 };
        int rc = nis5g_killswitch_explain(r->m, &r->sc[k], site, &b, &e);
        if (rc == NIS5G_OK)
            r->explain[k] = nis5g_buf_detach(&b, NULL);
        nis5g_buf_release(&b);
        if (rc != NIS5G_OK && rc != NIS5G_ENOTFOUND) {
            *err = e;
            return rc;
        }
    }
    return 0;
}

static void lost_all(const struct nis5g_killswitch_params *p, struct nis5g_killswitch_result *r)
{
    r->lost = nis5g_xcalloc(r->n ? r->n : 1, sizeof *r->lost);
    size_t max = p->lost < r->rs.n ? (size_t)p->lost : r->rs.n;
    for (size_t i = 0; i < r->n; i++) {
        if (!r->res[i].sites_lost)
            continue;
        r->lost[i].sites = nis5g_xcalloc(max ? max : 1, sizeof *r->lost[i].sites);
        r->lost[i].chains = nis5g_xcalloc(max ? max : 1, sizeof *r->lost[i].chains);
        r->lost[i].n = nis5g_killswitch_lost_sites(r->m, &r->rs, &r->sc[i], max, r->lost[i].sites, r->lost[i].chains);
    }
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_killswitch_params *p = params;
    struct nis5g_killswitch_result *r = result;
    unsigned parts = NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS | (p->explain || p->lost ? NIS5G_PART_ELEMENT_IDS : 0);
    uint32_t site = NIS5G_NONE;
    int rc = env->load_model(env, p->snapshot, parts, &r->m, &r->snap, err);
    if (rc || (rc = scenarios(p, r, err)) || (p->explain && (rc = explain_site(p, r, &site, err))))
        return rc;
    const struct nis5g_model *m = r->m;
    nis5g_radio_sites_prepare(m, &r->rs);
    r->res = nis5g_xcalloc(r->n ? r->n : 1, sizeof *r->res);
    nis5g_killswitch_run(m, &r->rs, r->sc, r->n, r->res, env->progress, env->ctx);
    r->op_sites = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, sizeof *r->op_sites);
    r->op_subs = nis5g_xcalloc(m->operators.n ? m->operators.n : 1, sizeof *r->op_subs);
    for (uint32_t i = 0; i < r->rs.n; i++) {
        r->op_sites[m->site_operator[r->rs.site[i]]]++;
        r->op_subs[m->site_operator[r->rs.site[i]]] += nis5g_site_subs(m, r->rs.site[i]);
    }
    if (p->explain && (rc = explain_all(p, r, site, err)))
        return rc;
    if (p->lost)
        lost_all(p, r);
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_killswitch_result *r = result;
    for (size_t i = 0; r->lost && i < r->n; i++) {
        for (size_t k = 0; k < r->lost[i].n; k++)
            free(r->lost[i].chains[k]);
        free(r->lost[i].chains);
        free(r->lost[i].sites);
    }
    free(r->lost);
    for (size_t i = 0; r->explain && i < r->n; i++)
        free(r->explain[i]);
    free(r->explain);
    free(r->op_sites);
    free(r->op_subs);
    for (size_t i = 0; r->res && i < r->n; i++)
        nis5g_ks_result_release(&r->res[i]);
    free(r->res);
    nis5g_radio_sites_release(&r->rs);
    free(r->sc);
    free(r->ids);
    if (r->m)
        env->release_model(env, r->m);
}

static json_t *lost_json(const struct nis5g_model *m, const struct nis5g_ks_lost *lost)
{
    json_t *ls = json_array();
    for (size_t k = 0; k < lost->n; k++) {
        uint32_t site = lost->sites[k];
        json_array_append_new(ls, json_pack("{s:s, s:s, s:o, s:s}", "site", nis5g_dict_str(&m->sites, site),
                                            "operator", nis5g_dict_str(&m->operators, m->site_operator[site]),
                                            "region",
                                            m->site_region[site] == NIS5G_NONE
                                                ? json_null()
                                                : json_string(nis5g_dict_str(&m->regions, m->site_region[site])),
                                            "chain", lost->chains[k]));
    }
    return ls;
}

static json_t *scenario_json(const struct nis5g_killswitch_result *r, size_t i)
{
    const struct nis5g_model *m = r->m;
    const struct nis5g_ks_result *x = &r->res[i];
    json_t *vs = json_array();
    for (size_t k = 0; k < r->sc[i].n_vendors; k++)
        json_array_append_new(vs, json_string(nis5g_dict_str(&m->vendors, r->sc[i].vendors[k])));
    json_t *per_op = json_object();
    for (uint32_t o = 0; o < m->operators.n; o++)
        json_object_set_new(per_op, nis5g_dict_str(&m->operators, o),
                            json_pack("{s:I, s:I, s:I, s:I}", "sites", (json_int_t)r->op_sites[o], "subscribers",
                                      (json_int_t)r->op_subs[o], "sites_lost", (json_int_t)x->op_sites_lost[o],
                                      "subscribers_lost", (json_int_t)x->op_subs_lost[o]));
    json_t *per_reg = json_object();
    for (uint32_t g = 0; g <= m->regions.n; g++)
        if (x->reg_sites_lost[g])
            json_object_set_new(per_reg, g == m->regions.n ? "" : nis5g_dict_str(&m->regions, g),
                                json_pack("{s:I, s:I}", "sites_lost", (json_int_t)x->reg_sites_lost[g],
                                          "subscribers_lost", (json_int_t)x->reg_subs_lost[g]));
    json_t *coll = json_object();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        if (x->collateral_dom[d])
            json_object_set_new(coll, nis5g_domain_names[d], json_integer((json_int_t)x->collateral_dom[d]));
    json_t *o = json_pack("{s:o, s:I, s:I, s:I, s:I, s:o, s:o, s:o}", "vendors", vs, "sites_lost",
                          (json_int_t)x->sites_lost, "subscribers_lost", (json_int_t)x->subs_lost, "elements_failed",
                          (json_int_t)x->elements_failed, "elements_failed_through_dependencies",
                          (json_int_t)x->collateral, "through_dependencies_by_domain", coll, "per_operator", per_op,
                          "per_region", per_reg);
    if (r->explain)
        json_object_set_new(o, "explain", r->explain[i] ? json_string(r->explain[i]) : json_null());
    if (r->lost)
        json_object_set_new(o, "lost_sites", lost_json(m, &r->lost[i]));
    return o;
}

json_t *nis5g_killswitch_json(const void *result)
{
    const struct nis5g_killswitch_result *r = result;
    const struct nis5g_radio_sites *rs = &r->rs;
    json_t *scen = json_array();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(scen, scenario_json(r, i));
    char day[11];
    return json_pack("{s:s, s:{s:I, s:I, s:I, s:I}, s:o}", "as_of", nis5g_date_format(r->m->as_of, day),
                     "baseline", "sites", (json_int_t)rs->n, "subscribers", (json_int_t)rs->subs_total,
                     "sites_without_service", (json_int_t)(rs->n - rs->n_base), "subscribers_without_service",
                     (json_int_t)(rs->subs_total - rs->subs_base), "scenarios", scen);
}

const struct nis5g_query nis5g_query_killswitch = {
    .name = "killswitch",
    .summary = "sites and subscribers without service if all of a vendor's equipment fails at once",
    .flags = NIS5G_Q_READ | NIS5G_Q_MODEL_ONLY,
    .opts = nis5g_killswitch_opts,
    .params_size = sizeof(struct nis5g_killswitch_params),
    .params_init = nis5g_killswitch_params_init,
    .result_size = sizeof(struct nis5g_killswitch_result),
    .compute = compute,
    .to_json = nis5g_killswitch_json,
    .release = release,
};
