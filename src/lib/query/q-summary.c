/*
 * q-summary.c — the summary query: the national picture of one snapshot
 * (summary.h) and its JSON document (docs/json.md#summary).
 */
#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/summary.h"

const struct nis5g_opt nis5g_summary_opts[] = {
    NIS5G_OPT_SNAPSHOT(struct nis5g_summary_params, snapshot),
    NIS5G_OPT_END_,
};

void nis5g_summary_params_init(void *params)
{
    struct nis5g_summary_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_summary_params *p = params;
    struct nis5g_summary_result *r = result;
    int rc = env->load_model(env, p->snapshot, NIS5G_PART_ELEMENTS, &r->m, &r->snap, err);
    return rc ? rc : nis5g_summary_compute(r->m, &r->s, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_summary_result *r = result;
    nis5g_summary_release(&r->s);
    if (r->m)
        env->release_model(env, r->m);
}

json_t *nis5g_summary_json(const void *result)
{
    const struct nis5g_summary_result *r = result;
    const struct nis5g_model *m = r->m;
    const struct nis5g_summary *s = &r->s;
    char day[11];
    json_t *ops = json_array();
    for (uint32_t o = 0; o < s->n_ops; o++) {
        const struct nis5g_summary_op *x = &s->ops[o];
        json_t *j = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:{s:I, s:I, s:I}}", "operator",
                              nis5g_dict_str(&m->operators, o), "name",
                              nis5g_dict_str(&m->text, m->op_name[o]), "country",
                              nis5g_dict_str(&m->countries, m->op_country[o]), "subscribers",
                              (json_int_t)(m->op_subscribers[o] < 0 ? 0 : m->op_subscribers[o]), "sites",
                              (json_int_t)x->sites, "radio_sites", (json_int_t)x->radio_sites, "site_subscribers",
                              (json_int_t)x->site_subscribers, "elements", "active",
                              (json_int_t)x->elements[NIS5G_ST_ACTIVE], "planned",
                              (json_int_t)x->elements[NIS5G_ST_PLANNED], "retired",
                              (json_int_t)x->elements[NIS5G_ST_RETIRED]);
        json_array_append_new(ops, j);
    }
    json_t *counts = json_array();
    for (size_t i = 0; i < s->n_cells; i++) {
        const struct nis5g_summary_cell *c = &s->cells[i];
        json_array_append_new(counts, json_pack("{s:s, s:s, s:s, s:I}", "operator",
                                                nis5g_dict_str(&m->operators, c->op), "domain",
                                                nis5g_domain_names[c->domain], "vendor",
                                                nis5g_dict_str(&m->vendors, c->vendor), "elements",
                                                (json_int_t)c->count));
    }
    json_t *top = json_object();
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        json_t *arr = json_array();
        for (uint32_t k = 0; k < s->n_top[d]; k++)
            json_array_append_new(arr, json_pack("{s:s, s:I, s:f}", "vendor",
                                                 nis5g_dict_str(&m->vendors, s->top[d][k].vendor), "elements",
                                                 (json_int_t)s->top[d][k].count, "share",
                                                 (double)s->top[d][k].count / (double)s->domain_total[d]));
        json_object_set_new(top, nis5g_domain_names[d], arr);
    }
    return json_pack("{s:s, s:{s:I, s:I, s:I, s:I, s:I}, s:o, s:o, s:o}", "as_of",
                     nis5g_date_format(m->as_of, day), "totals", "operators", (json_int_t)s->n_ops, "sites",
                     (json_int_t)m->sites.n, "elements", (json_int_t)s->total, "active_elements",
                     (json_int_t)s->active, "vendors", (json_int_t)s->vendors_active, "operators", ops, "counts",
                     counts, "top_vendors", top);
}

const struct nis5g_query nis5g_query_summary = {
    .name = "summary",
    .summary = "the national summary: operators, sites, active elements by domain and vendor",
    .flags = NIS5G_Q_READ | NIS5G_Q_MODEL_ONLY,
    .opts = nis5g_summary_opts,
    .params_size = sizeof(struct nis5g_summary_params),
    .params_init = nis5g_summary_params_init,
    .result_size = sizeof(struct nis5g_summary_result),
    .compute = compute,
    .to_json = nis5g_summary_json,
    .release = release,
};
