/*
 * package-sections.c — what goes into a national package, computed from a
 * snapshot's model (package.h). By default only aggregates leave the
 * country: vendor shares and HHI per operator and domain and nationally,
 * supplier profiles with their factors, measure status per scope. The
 * element and site lists are detail, written only for --detail packages.
 *
 * Figures are rounded before they are written (shares to 6 decimals, HHI
 * to 2) so that the canonical bytes do not depend on the last bits of a
 * floating-point sum.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/package.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/summary.h"

const struct nis5g_section_info nis5g_sections[] = {
    { "national_shares", NIS5G_SECTION_AGGREGATE, "vendor shares and HHI per domain, nationally (active elements)" },
    { "vendor_shares", NIS5G_SECTION_AGGREGATE, "vendor shares and HHI per operator and domain (active elements)" },
    { "suppliers", NIS5G_SECTION_AGGREGATE, "supplier profiles with their risk factors and designations" },
    { "measures", NIS5G_SECTION_AGGREGATE, "toolbox measure status per scope (operator or state)" },
    { "policy_findings", NIS5G_SECTION_AGGREGATE, "policy findings per rule and operator (counts, no elements)" },
    { "killswitch", NIS5G_SECTION_AGGREGATE, "per vendor: share of radio sites and subscribers lost if it fails" },
    { "risk", NIS5G_SECTION_AGGREGATE, "risk scenarios R1-R9: likelihood, impact, score and explanation" },
    { "elements", NIS5G_SECTION_DETAIL, "every element: id, operator, site, domain, function, vendor, product" },
    { "sites", NIS5G_SECTION_DETAIL, "every site: id, operator, region, coordinates, tags, subscribers" },
};
const size_t nis5g_n_sections = sizeof nis5g_sections / sizeof nis5g_sections[0];

const struct nis5g_section_info *nis5g_section_find(const char *name)
{
    for (size_t i = 0; i < nis5g_n_sections; i++)
        if (strcmp(nis5g_sections[i].name, name) == 0)
            return &nis5g_sections[i];
    return NULL;
}

static json_t *rounded(double x, double scale)
{
    double r = round(x * scale) / scale;
    return json_real(r == 0 ? 0 : r);
}

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

/* One share group: {elements, hhi, vendors: [{vendor, elements, share}]}
 * from counts of vendors (largest first, as the summary orders them). */
static json_t *share_group(const struct nis5g_model *m, const struct nis5g_summary_vendor *v, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += v[i].count;
    json_t *vs = json_array();
    double hhi = 0;
    for (size_t i = 0; i < n; i++) {
        if (!v[i].count)
            continue;
        double sh = (double)v[i].count / (double)total;
        hhi += (100 * sh) * (100 * sh);
        json_array_append_new(vs, json_pack("{s:s, s:I, s:o}", "vendor", nis5g_dict_str(&m->vendors, v[i].vendor),
                                            "elements", (json_int_t)v[i].count, "share", rounded(sh, 1e6)));
    }
    return json_pack("{s:I, s:o, s:o}", "elements", (json_int_t)total, "hhi", rounded(hhi, 100), "vendors", vs);
}

static void add_shares(const struct nis5g_model *m, const struct nis5g_summary *s, json_t *sections)
{
    json_t *nat = json_array(), *ops = json_array();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        if (!s->n_top[d])
            continue;
        json_t *g = share_group(m, s->top[d], s->n_top[d]);
        json_object_set_new(g, "domain", json_string(nis5g_domain_names[d]));
        json_array_append_new(nat, g);
    }
    struct nis5g_summary_vendor *tmp = nis5g_xmalloc((m->vendors.n ? m->vendors.n : 1) * sizeof *tmp);
    for (size_t i = 0; i < s->n_cells;) {
        size_t j = i, k = 0;
        while (j < s->n_cells && s->cells[j].op == s->cells[i].op && s->cells[j].domain == s->cells[i].domain) {
            tmp[k].vendor = s->cells[j].vendor;
            tmp[k++].count = s->cells[j].count;
            j++;
        }
        json_t *g = share_group(m, tmp, k);
        json_object_set_new(g, "operator", json_string(nis5g_dict_str(&m->operators, s->cells[i].op)));
        json_object_set_new(g, "domain", json_string(nis5g_domain_names[s->cells[i].domain]));
        json_array_append_new(ops, g);
        i = j;
    }
    free(tmp);
    json_object_set_new(sections, "national_shares", nat);
    json_object_set_new(sections, "vendor_shares", ops);
}

static void add_suppliers(const struct nis5g_model *m, const struct nis5g_summary *s, json_t *sections)
{
    uint64_t *active = nis5g_xcalloc(m->vendors.n ? m->vendors.n : 1, sizeof *active);
    for (size_t i = 0; i < s->n_cells; i++)
        active[s->cells[i].vendor] += s->cells[i].count;
    json_t *arr = json_array();
    for (uint32_t v = 0; v < m->vendors.n; v++) {
        if (!active[v] && !m->sup_known[v])
            continue;
        json_t *f = json_object();
        for (int k = 0; k < NIS5G_F_COUNT; k++) {
            uint8_t x = m->sup_known[v] ? nis5g_factor(m, v, k) : NIS5G_FACTOR_UNSET;
            json_object_set_new(f, nis5g_factor_names[k], x == NIS5G_FACTOR_UNSET ? json_null() : json_integer(x));
        }
        json_t *o = json_pack("{s:s, s:b, s:I, s:o, s:o}", "vendor", nis5g_dict_str(&m->vendors, v), "known",
                              m->sup_known[v] != 0, "active_elements", (json_int_t)active[v], "factors", f,
                              "country", str_or_null(nis5g_dict_str(&m->countries, m->sup_country[v])));
        json_object_set_new(o, "state_owned",
                            m->sup_state_owned[v] < 0 ? json_null() : json_boolean(m->sup_state_owned[v]));
        json_object_set_new(o, "designation", m->sup_designation[v] == NIS5G_RISK_UNKNOWN
                                                  ? json_null()
                                                  : json_string(nis5g_risk_names[m->sup_designation[v]]));
        json_array_append_new(arr, o);
    }
    free(active);
    json_object_set_new(sections, "suppliers", arr);
}

static void add_measures(const struct nis5g_model *m, json_t *sections)
{
    json_t *arr = json_array();
    char d[11];
    for (uint32_t i = 0; i < m->n_measures; i++) {
        int op = m->ms_operator[i] != NIS5G_NONE;
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:s, s:s, s:o}", "scope",
                           op ? nis5g_dict_str(&m->operators, m->ms_operator[i])
                              : nis5g_dict_str(&m->countries, m->ms_country[i]),
                           "scope_kind", op ? "operator" : "state", "measure", nis5g_dict_str(&m->text, m->ms_measure[i]),
                           "status", nis5g_mstatus_names[m->ms_status[i]], "date",
                           m->ms_date[i] == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(m->ms_date[i], d))));
    }
    json_object_set_new(sections, "measures", arr);
}

static json_t *num_or_null(double x, double scale)
{
    return isnan(x) ? json_null() : rounded(x, scale);
}

static void add_detail(const struct nis5g_model *m, json_t *sections)
{
    json_t *els = json_array(), *sites = json_array();
    char d[11];
    for (uint32_t e = 0; e < m->n_elements; e++) {
        json_t *o = json_pack("{s:s, s:s, s:o, s:s, s:s, s:s, s:s}", "element", nis5g_dict_str(&m->elements, e),
                              "operator", nis5g_dict_str(&m->operators, m->el_operator[e]), "site",
                              m->el_site[e] == NIS5G_NONE ? json_null()
                                                          : json_string(nis5g_dict_str(&m->sites, m->el_site[e])),
                              "domain", nis5g_domain_names[m->el_domain[e]], "function",
                              nis5g_dict_str(&m->functions, m->el_function[e]), "vendor",
                              nis5g_dict_str(&m->vendors, m->el_vendor[e]), "status",
                              nis5g_status_names[m->el_status[e]]);
        json_object_set_new(o, "product", m->el_product ? str_or_null(nis5g_dict_str(&m->products, m->el_product[e]))
                                                        : json_null());
        json_object_set_new(o, "installed", m->el_installed[e] == NIS5G_NO_DATE
                                                ? json_null()
                                                : json_string(nis5g_date_format(m->el_installed[e], d)));
        json_array_append_new(els, o);
    }
    for (uint32_t s = 0; s < m->sites.n; s++) {
        json_t *tags = json_array();
        for (uint32_t k = m->site_tag_off[s]; k < m->site_tag_off[s + 1]; k++)
            json_array_append_new(tags, json_string(nis5g_dict_str(&m->tags, m->site_tags[k])));
        json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "site", nis5g_dict_str(&m->sites, s), "operator",
                              nis5g_dict_str(&m->operators, m->site_operator[s]), "region",
                              str_or_null(nis5g_dict_str(&m->regions, m->site_region[s])), "lat",
                              num_or_null(m->site_lat[s], 1e6), "lon", num_or_null(m->site_lon[s], 1e6), "tags", tags,
                              "backup_hours", num_or_null(m->site_backup_hours[s], 100));
        json_object_set_new(o, "subscribers", m->site_subscribers[s] < 0 ? json_null()
                                                                          : json_integer(m->site_subscribers[s]));
        json_array_append_new(sites, o);
    }
    json_object_set_new(sections, "elements", els);
    json_object_set_new(sections, "sites", sites);
}

json_t *nis5g_package_sections(const struct nis5g_model *m, int detail, struct nis5g_err *err)
{
    unsigned need = NIS5G_PART_ELEMENTS | (detail ? NIS5G_PART_ELEMENT_IDS | NIS5G_PART_ELEMENT_DETAIL : 0);
    if ((m->parts & need) != need) {
        nis5g_err_set(err, NIS5G_EINTERNAL, "the model lacks the parts a package needs");
        return NULL;
    }
    struct nis5g_summary s;
    if (nis5g_summary_compute(m, &s, err))
        return NULL;
    json_t *sections = json_object();
    add_shares(m, &s, sections);
    add_suppliers(m, &s, sections);
    add_measures(m, sections);
    if (detail)
        add_detail(m, sections);
    nis5g_summary_release(&s);
    return sections;
}

void nis5g_package_add_profiles(json_t *sections, const struct nis5g_model *m, const struct nis5g_profile *prof)
{
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(sections, "suppliers"), i, s) {
        uint32_t v = nis5g_dict_find((struct nis5g_dict *)&m->vendors, json_string_value(json_object_get(s, "vendor")),
                                     strlen(json_string_value(json_object_get(s, "vendor"))));
        if (v == NIS5G_NONE)
            continue;
        const struct nis5g_profile *p = &prof[v];
        json_object_set_new(s, "profile", json_string(nis5g_risk_names[p->risk]));
        json_object_set_new(s, "rule_risk", json_string(nis5g_risk_names[p->rule_risk]));
        json_object_set_new(s, "decided_by", json_string(nis5g_profile_source_names[p->source]));
        json_object_set_new(s, "why", json_string(p->why));
    }
}

static json_t *finding_row(const struct nis5g_rule_result *r, const char *op, int64_t findings, int64_t must_change)
{
    const struct nis5g_rule *u = r->rule;
    json_t *basis = json_array();
    for (size_t k = 0; k < u->n_basis; k++)
        json_array_append_new(basis, json_string(u->basis[k]));
    char d[11];
    json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:s, s:o, s:s, s:o, s:I, s:I}", "rule", u->id, "title",
                          u->title ? u->title : "", "kind", nis5g_rule_kind_names[u->kind], "basis", basis, "clause",
                          u->clause ? u->clause : "", "deadline",
                          u->deadline == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(u->deadline, d)),
                          "status", findings ? nis5g_rule_status_names[r->status] : "ok", "operator",
                          op ? json_string(op) : json_null(), "findings", (json_int_t)findings, "must_change",
                          (json_int_t)must_change);
    if (u->severity)
        json_object_set_new(o, "severity", json_string(u->severity));
    return o;
}

void nis5g_package_add_findings(json_t *sections, const struct nis5g_model *m, const struct nis5g_check *c)
{
    json_t *arr = json_array();
    uint32_t nops = m->operators.n;
    int64_t *f = nis5g_xcalloc((size_t)nops + 1, sizeof *f), *mc = nis5g_xcalloc((size_t)nops + 1, sizeof *mc);
    for (size_t i = 0; i < c->n; i++) {
        const struct nis5g_rule_result *r = &c->r[i];
        const struct nis5g_rule *u = r->rule;
        memset(f, 0, ((size_t)nops + 1) * sizeof *f);
        memset(mc, 0, ((size_t)nops + 1) * sizeof *mc);
        int by_op = -1; /* which group key is the operator, if any */
        if (u->kind == NIS5G_RULE_DENY) {
            for (size_t k = 0; k < r->n_elements; k++) {
                f[m->el_operator[r->elements[k]]]++;
                mc[m->el_operator[r->elements[k]]]++;
            }
            by_op = 0;
        } else {
            for (int g = 0; g < u->n_group; g++)
                if (u->group[g] == NIS5G_G_OPERATOR)
                    by_op = g;
            for (size_t k = 0; k < r->n_groups; k++) {
                const struct nis5g_group_result *g = &r->groups[k];
                if (!g->must_change)
                    continue;
                uint32_t op = by_op >= 0 && g->key[by_op] != NIS5G_NONE ? g->key[by_op] : nops;
                f[op]++;
                mc[op] += g->must_change;
            }
        }
        size_t before = json_array_size(arr);
        for (uint32_t op = 0; op < nops; op++)
            if (f[op])
                json_array_append_new(arr, finding_row(r, nis5g_dict_str(&m->operators, op), f[op], mc[op]));
        if (f[nops] || json_array_size(arr) == before)
            json_array_append_new(arr, finding_row(r, NULL, f[nops], mc[nops]));
    }
    free(f);
    free(mc);
    json_object_set_new(sections, "policy_findings", arr);
}
