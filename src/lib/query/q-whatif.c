/*
 * q-whatif.c — the what-if ban query: the elements to replace, their cost,
 * the months needed at a replacement rate and the vendor shares after
 * (whatif.h); and its JSON document (docs/json.md#whatif).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/data.h"
#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/whatif.h"

/* --domains ran,core: adds to the mask (repeatable). */
static int parse_domains(const char *value, void *field, struct nis5g_err *err)
{
    const char *bad;
    size_t n;
    if (nis5g_parse_name_list(value, nis5g_domain_names, NIS5G_DOM_COUNT, field, &bad, &n))
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "unknown domain '%.*s' (expected ran, transport, core, management, edge, "
                             "interconnect or infrastructure)",
                             (int)n, bad);
    return 0;
}

/* --rate N or N/month, N > 0. */
static int parse_rate(const char *value, void *field, struct nis5g_err *err)
{
    char num[64];
    size_t n = strlen(value), suffix = strlen("/month");
    if (n > suffix && strcmp(value + n - suffix, "/month") == 0)
        n -= suffix;
    double v = 0;
    if (n >= sizeof num)
        n = 0;
    memcpy(num, value, n);
    num[n] = 0;
    if (!n || nis5g_parse_number(num, &v) || !(v > 0))
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected --rate N/month with N > 0, got '%s'", value);
    *(double *)field = v;
    return 0;
}

#define P struct nis5g_whatif_params
const struct nis5g_opt nis5g_whatif_ban_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "vendor", .arg = "VENDOR", .help = "the vendor to ban", .offset = offsetof(P, vendor),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL },
    { .type = NIS5G_OPT_CUSTOM, .name = "domains", .arg = "D,...",
      .help = "ban from these domains only (default: every domain)", .offset = offsetof(P, domains),
      .parse = parse_domains },
    { .type = NIS5G_OPT_CUSTOM, .name = "rate", .arg = "N/month",
      .help = "replacements a month; gives the months needed", .offset = offsetof(P, rate),
      .flags = NIS5G_OPT_GIVEN_ONCE, .parse = parse_rate },
    NIS5G_OPT_STR_(P, "costs", 0, "FILE", costs,
                   "unit costs overriding data/costs.csv (same columns; see docs/whatif.md)"),
    NIS5G_OPT_SNAPSHOT(P, snapshot),
    NIS5G_OPT_END_,
};
#undef P

void nis5g_whatif_ban_params_init(void *params)
{
    struct nis5g_whatif_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

/* The shipped unit costs, then --costs over them. */
static int load_costs(const struct nis5g_query_env *env, const struct nis5g_whatif_params *p,
                      struct nis5g_whatif_result *r, struct nis5g_err *err)
{
    nis5g_costs_init(&r->costs);
    struct nis5g_err e = { 0 };
    if (nis5g_data_path("costs.csv", &r->default_costs, &e) == NIS5G_OK) {
        if (nis5g_costs_load(&r->costs, r->default_costs.data, err))
            return err->code;
    } else {
        nis5g_buf_release(&r->default_costs);
        if (!p->costs) {
            *err = e;
            return e.code;
        }
    }
    if (!p->costs)
        return 0;
    r->costs_source = nis5g_xstrdup(p->costs);
    struct nis5g_buf text = NIS5G_BUF_INIT;
    if (env->read_source(env, r->costs_source, &text, &e)) {
        nis5g_buf_release(&text);
        return nis5g_err_set(err, NIS5G_EIO, "cannot read costs file '%s': %s", r->costs_source, e.msg);
    }
    size_t len = text.len;
    char *data = text.data ? nis5g_buf_detach(&text, NULL) : nis5g_xstrdup("");
    return nis5g_costs_parse(&r->costs, r->costs_source, data, len, err);
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_whatif_params *p = params;
    struct nis5g_whatif_result *r = result;
    if (!p->vendor)
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected the vendor to ban: nis5g whatif ban VENDOR");
    r->rate = p->rate;
    r->months = -1;
    int rc = load_costs(env, p, r, err);
    if (rc || (rc = env->load_model(env, p->snapshot, NIS5G_PART_ELEMENTS, &r->m, &r->snap, err)))
        return rc;
    uint32_t vid = nis5g_dict_finds((struct nis5g_dict *)&r->m->vendors, p->vendor);
    if (vid == NIS5G_NONE)
        return nis5g_err_set(err, NIS5G_EUSAGE, "unknown vendor '%s'", p->vendor);
    r->vendor = nis5g_dict_str(&r->m->vendors, vid);
    if ((rc = nis5g_whatif_ban(r->m, (uint16_t)vid, p->domains, &r->costs, &r->w, err)))
        return rc;
    if (r->rate > 0)
        r->months = ceil((double)r->w.elements / r->rate);
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_whatif_result *r = result;
    nis5g_whatif_release(&r->w);
    nis5g_costs_release(&r->costs);
    nis5g_buf_release(&r->default_costs);
    free(r->costs_source);
    if (r->m)
        env->release_model(env, r->m);
}

static json_t *groups_json(const struct nis5g_model *m, const struct nis5g_diversity *d)
{
    json_t *groups = json_array();
    for (size_t i = 0; i < d->n_groups; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        json_t *o = json_object();
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                json_object_set_new(o, nis5g_div_field_names[f], json_string(nis5g_div_key_name(m, f, g->key[f])));
        json_object_set_new(o, "total", json_real(g->total));
        json_object_set_new(o, "hhi", json_real(g->hhi));
        json_t *vs = json_array();
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
            json_array_append_new(vs, json_pack("{s:s, s:f, s:f}", "vendor", nis5g_div_vendor_name(m, v->vendor),
                                                "count", v->count, "share", v->share));
        }
        json_object_set_new(o, "vendors", vs);
        json_array_append_new(groups, o);
    }
    return json_pack("{s:o}", "groups", groups);
}

static json_t *lines_json(const struct nis5g_model *m, const struct nis5g_whatif *w)
{
    json_t *lines = json_array();
    for (size_t i = 0; i < w->n_lines; i++) {
        const struct nis5g_whatif_line *l = &w->lines[i];
        json_array_append_new(
            lines, json_pack("{s:s, s:s, s:I, s:o, s:o, s:s}", "domain", nis5g_domain_names[l->domain], "function",
                             nis5g_dict_str(&m->functions, l->function), "elements", (json_int_t)l->elements,
                             "unit_cost_eur", l->unit_cost >= 0 ? json_real(l->unit_cost) : json_null(), "cost_eur",
                             l->unit_cost >= 0 ? json_real(l->cost) : json_null(), "source", l->source));
    }
    return lines;
}

json_t *nis5g_whatif_ban_json(const void *result)
{
    const struct nis5g_whatif_result *r = result;
    const struct nis5g_model *m = r->m;
    const struct nis5g_whatif *w = &r->w;
    json_t *doms = json_array();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        if (w->domains & (1u << d))
            json_array_append_new(doms, json_string(nis5g_domain_names[d]));
    json_t *per_op = json_object();
    for (uint32_t o = 0; o < m->operators.n; o++)
        if (w->op_elements[o])
            json_object_set_new(per_op, nis5g_dict_str(&m->operators, o), json_integer((json_int_t)w->op_elements[o]));
    char day[11];
    return json_pack("{s:s, s:s, s:o, s:I, s:o, s:o, s:f, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "as_of",
                     nis5g_date_format(m->as_of, day), "vendor", r->vendor, "domains", doms, "elements",
                     (json_int_t)w->elements, "per_operator", per_op, "replace", lines_json(m, w), "cost_eur", w->cost,
                     "cost_complete", w->cost_complete, "rate_per_month",
                     r->rate > 0 ? json_real(r->rate) : json_null(), "months",
                     r->months >= 0 ? json_integer((json_int_t)r->months) : json_null(), "before",
                     groups_json(m, &w->before), "after", groups_json(m, &w->after), "national_before",
                     groups_json(m, &w->before_dom), "national_after", groups_json(m, &w->after_dom));
}

const struct nis5g_query nis5g_query_whatif_ban = {
    .name = "whatif ban",
    .summary = "what banning a vendor would take: elements, cost, months, diversity after",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_whatif_ban_opts,
    .params_size = sizeof(struct nis5g_whatif_params),
    .params_init = nis5g_whatif_ban_params_init,
    .result_size = sizeof(struct nis5g_whatif_result),
    .compute = compute,
    .to_json = nis5g_whatif_ban_json,
    .release = release,
};
