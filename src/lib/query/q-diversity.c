/*
 * q-diversity.c — the diversity query: vendor shares and HHI per group and
 * the single-vendor dependencies (diversity.h), and its JSON document
 * (docs/json.md#diversity).
 */
#include <math.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/diversity.h"
#include "nis5g/query.h"

static const char *const weight_names[] = { "elements", "subscribers", NULL };

const struct nis5g_opt nis5g_diversity_opts[] = {
    /* greedy: `--by operator domain` reads as `--by operator,domain` */
    { .type = NIS5G_OPT_LIST, .name = "by", .arg = "FIELD,...", .flags = NIS5G_OPT_GREEDY,
      .help = "group by operator, domain, function, region, country (default: operator,domain; none: one "
              "national group)",
      .offset = offsetof(struct nis5g_diversity_params, by) },
    { .type = NIS5G_OPT_CHOICE, .name = "weight", .arg = "elements|subscribers",
      .help = "count elements (default) or subscribers served (docs/diversity.md)",
      .offset = offsetof(struct nis5g_diversity_params, weight), .flags = NIS5G_OPT_GIVEN_ONCE,
      .choices = weight_names },
    NIS5G_OPT_SNAPSHOT(struct nis5g_diversity_params, snapshot),
    NIS5G_OPT_END_,
};

const int nis5g_div_dep_fields[3] = { NIS5G_DIV_DOMAIN, NIS5G_DIV_FUNCTION, NIS5G_DIV_REGION };

void nis5g_diversity_params_init(void *params)
{
    struct nis5g_diversity_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
    p->weight = NIS5G_DIV_BY_ELEMENTS;
}

/* Add the fields of "a,b" (or "none": no field) to *fields. */
static int parse_fields(const char *v, unsigned *fields, struct nis5g_err *err)
{
    if (strcmp(v, "none") == 0)
        return 0;
    const char *bad;
    size_t n;
    if (nis5g_parse_name_list(v, nis5g_div_field_names, NIS5G_DIV_NFIELDS, fields, &bad, &n))
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "unknown grouping field '%.*s' (expected operator, domain, function, region or "
                             "country)",
                             (int)n, bad);
    return 0;
}

static int grouping(const struct nis5g_diversity_params *p, unsigned *fields, struct nis5g_err *err)
{
    *fields = 0;
    for (size_t i = 0; i < p->by.n; i++)
        if (parse_fields(p->by.v[i], fields, err))
            return NIS5G_EUSAGE;
    if (!p->by.n)
        *fields = (1u << NIS5G_DIV_OPERATOR) | (1u << NIS5G_DIV_DOMAIN);
    return 0;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_diversity_params *p = params;
    struct nis5g_diversity_result *r = result;
    unsigned fields;
    int rc = grouping(p, &fields, err);
    if (rc)
        return rc;
    r->weight = (enum nis5g_div_weight)p->weight;
    if ((rc = env->load_model(env, p->snapshot, NIS5G_PART_ELEMENTS, &r->m, &r->snap, err)))
        return rc;
    if ((rc = nis5g_diversity_compute(r->m, fields, r->weight, &r->d, err)))
        return rc;
    for (int k = 0; k < 3 && !rc; k++)
        rc = nis5g_diversity_compute(r->m, (1u << NIS5G_DIV_OPERATOR) | (1u << nis5g_div_dep_fields[k]),
                                     NIS5G_DIV_BY_ELEMENTS, &r->deps[k], err);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_diversity_result *r = result;
    for (int k = 0; k < 3; k++)
        nis5g_diversity_release(&r->deps[k]);
    nis5g_diversity_release(&r->d);
    if (r->m)
        env->release_model(env, r->m);
}

static json_t *num(double x)
{
    return json_integer((json_int_t)llround(x));
}

static json_t *groups_json(const struct nis5g_model *m, const struct nis5g_diversity *d)
{
    json_t *groups = json_array();
    for (size_t i = 0; i < d->n_groups; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        json_t *o = json_object();
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (d->fields & (1u << f))
                json_object_set_new(o, nis5g_div_field_names[f],
                                    g->key[f] == NIS5G_NONE ? json_null()
                                                            : json_string(nis5g_div_key_name(m, f, g->key[f])));
        json_object_set_new(o, "total", num(g->total));
        json_object_set_new(o, "hhi", json_real(g->hhi));
        json_object_set_new(o, "single_vendor", json_boolean(g->n_vendors == 1));
        json_t *vs = json_array();
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
            json_array_append_new(vs, json_pack("{s:s, s:o, s:f}", "vendor", nis5g_div_vendor_name(m, v->vendor),
                                                "count", num(v->count), "share", v->share));
        }
        json_object_set_new(o, "vendors", vs);
        json_array_append_new(groups, o);
    }
    return groups;
}

static json_t *deps_json(const struct nis5g_model *m, const struct nis5g_diversity *deps)
{
    json_t *arr = json_array();
    for (int k = 0; k < 3; k++) {
        int kind = nis5g_div_dep_fields[k];
        for (size_t i = 0; i < deps[k].n_groups && deps[k].groups[i].n_vendors == 1; i++) {
            const struct nis5g_div_group *g = &deps[k].groups[i];
            if (g->key[kind] == NIS5G_NONE)
                continue;
            json_array_append_new(
                arr, json_pack("{s:s, s:s, s:s, s:s, s:I}", "operator",
                               nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, g->key[NIS5G_DIV_OPERATOR]), "kind",
                               nis5g_div_field_names[kind], "value", nis5g_div_key_name(m, kind, g->key[kind]),
                               "vendor", nis5g_div_vendor_name(m, deps[k].vendors[g->vend_off].vendor), "elements",
                               (json_int_t)llround(g->total)));
        }
    }
    return arr;
}

json_t *nis5g_diversity_json(const void *result)
{
    const struct nis5g_diversity_result *r = result;
    const struct nis5g_diversity *d = &r->d;
    json_t *by = json_array();
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (d->fields & (1u << f))
            json_array_append_new(by, json_string(nis5g_div_field_names[f]));
    char day[11];
    return json_pack("{s:s, s:s, s:o, s:o, s:o}", "as_of", nis5g_date_format(r->m->as_of, day), "weight",
                     weight_names[r->weight], "by", by, "groups", groups_json(r->m, d), "single_vendor_dependencies",
                     deps_json(r->m, r->deps));
}

const struct nis5g_query nis5g_query_diversity = {
    .name = "diversity",
    .summary = "vendor shares and concentration (HHI) per group; single-vendor dependencies first",
    .flags = NIS5G_Q_READ | NIS5G_Q_MODEL_ONLY,
    .opts = nis5g_diversity_opts,
    .params_size = sizeof(struct nis5g_diversity_params),
    .params_init = nis5g_diversity_params_init,
    .result_size = sizeof(struct nis5g_diversity_result),
    .compute = compute,
    .to_json = nis5g_diversity_json,
    .release = release,
};
