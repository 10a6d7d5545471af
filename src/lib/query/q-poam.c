/*
 * q-poam.c — the oscal poam query (oscal.h, docs/oscal.md#poam): what is
 * still to do as an OSCAL plan of action and milestones. It asks the check
 * query for the rules with a deadline (their elements per operator and the
 * phase-out forecast) and the measures query for the measures not
 * implemented, and hands both as items to the share layer's writer.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/measures.h"
#include "nis5g/oscal.h"
#include "nis5g/policy.h"
#include "nis5g/query.h"

#define T struct nis5g_oscal_params
const struct nis5g_opt nis5g_oscal_poam_opts[] = {
    { .type = NIS5G_OPT_LIST, .name = "policy", .arg = "FILE", .flags = NIS5G_OPT_GREEDY,
      .help = "plan the deadlines of this policy's rules (repeatable; without: the measures only)",
      .offset = offsetof(T, policy) },
    NIS5G_OPT_AT(T, at),
    NIS5G_OPT_DATE_(T, "snapshot", snapshot, "the snapshot (default: the latest)"),
    NIS5G_OPT_OSCAL_VERSION(T, version),
    NIS5G_OPT_END_,
};
#undef T

/* The items being built, and what they borrow that must be freed. */
struct plan {
    struct nis5g_poam_item *it;
    size_t n, cap;
    const char ***idsv; /* the items' element ids, one allocation per deny rule */
    size_t n_idsv;
    char **texts; /* group labels */
    size_t n_texts;
};

static struct nis5g_poam_item *add(struct plan *p)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 64;
        p->it = nis5g_xrealloc(p->it, p->cap * sizeof *p->it);
    }
    struct nis5g_poam_item *it = &p->it[p->n++];
    memset(it, 0, sizeof *it);
    it->deadline = NIS5G_NO_DATE;
    return it;
}

static void plan_release(struct plan *p)
{
    for (size_t i = 0; i < p->n_idsv; i++)
        free(p->idsv[i]);
    for (size_t i = 0; i < p->n_texts; i++)
        free(p->texts[i]);
    free(p->idsv);
    free(p->texts);
    free(p->it);
}

static void rule_item(struct nis5g_poam_item *it, const struct nis5g_rule_result *r, const struct nis5g_forecast *f)
{
    it->kind = "rule";
    it->id = r->rule->id;
    it->title = r->rule->title;
    it->statement = r->rule->clause;
    it->severity = r->rule->severity;
    it->detail = nis5g_rule_status_names[r->status];
    it->deadline = r->rule->deadline;
    it->forecast = f;
}

/* A deny rule: one item per operator of the snapshot, with its elements
 * (one pass to count them per operator, one to place them). */
static void deny_items(struct plan *p, const struct nis5g_model *m, const struct nis5g_rule_result *r,
                       const struct nis5g_forecast *f)
{
    size_t n_ops = m->operators.n;
    size_t *at = nis5g_xcalloc(n_ops + 1, sizeof *at);
    for (size_t e = 0; e < r->n_elements; e++)
        at[m->el_operator[r->elements[e]] + 1]++;
    for (size_t op = 0; op < n_ops; op++)
        at[op + 1] += at[op]; /* at[op]: where operator op's ids start */
    const char **ids = nis5g_xcalloc(r->n_elements + 1, sizeof *ids);
    size_t *fill = nis5g_xcalloc(n_ops + 1, sizeof *fill);
    for (size_t e = 0; e < r->n_elements; e++) {
        uint16_t op = m->el_operator[r->elements[e]];
        ids[at[op] + fill[op]++] = nis5g_dict_str(&m->elements, r->elements[e]);
    }
    p->idsv = nis5g_xrealloc(p->idsv, (p->n_idsv + 1) * sizeof *p->idsv);
    p->idsv[p->n_idsv++] = ids;
    for (size_t op = 0; op < n_ops; op++) {
        struct nis5g_poam_item *it = add(p);
        rule_item(it, r, f);
        it->scope = nis5g_dict_str(&m->operators, (uint32_t)op);
        it->elements = ids + at[op];
        it->n_elements = at[op + 1] - at[op];
        it->count = (int64_t)it->n_elements;
        it->open = it->n_elements > 0;
    }
    free(fill);
    free(at);
}

/* A cap or require rule: one item per group (per operator, region, ...). */
static void group_items(struct plan *p, const struct nis5g_model *m, const struct nis5g_rule_result *r,
                        const struct nis5g_forecast *f)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_init(&b);
    for (size_t g = 0; g < r->n_groups; g++) {
        nis5g_check_group_label(m, r->rule, &r->groups[g], &b);
        p->texts = nis5g_xrealloc(p->texts, (p->n_texts + 1) * sizeof *p->texts);
        p->texts[p->n_texts++] = nis5g_xstrdup(b.data);
        struct nis5g_poam_item *it = add(p);
        rule_item(it, r, f);
        it->scope = p->texts[p->n_texts - 1];
        it->count = r->groups[g].must_change;
        it->open = it->count > 0;
    }
    nis5g_buf_release(&b);
}

static void rules(struct plan *p, const struct nis5g_check_result *c)
{
    for (size_t i = 0; i < c->check->n; i++) {
        const struct nis5g_rule_result *r = &c->check->r[i];
        if (r->rule->deadline == NIS5G_NO_DATE)
            continue;
        if (r->rule->kind == NIS5G_RULE_DENY)
            deny_items(p, c->m, r, &c->forecast[i]);
        else
            group_items(p, c->m, r, &c->forecast[i]);
    }
}

/* The measures not implemented, from the measures document (docs/json.md):
 * scopes[].measures[] {measure, status, date}, titles in catalogue[]. */
static void measures(struct plan *p, const json_t *doc)
{
    size_t i, j, k;
    json_t *s, *x, *c;
    json_array_foreach(json_object_get(doc, "scopes"), i, s) {
        json_array_foreach(json_object_get(s, "measures"), j, x) {
            const char *status = json_string_value(json_object_get(x, "status"));
            if (!status || strcmp(status, "implemented") == 0)
                continue;
            struct nis5g_poam_item *it = add(p);
            it->kind = "measure";
            it->id = json_string_value(json_object_get(x, "measure"));
            it->scope = json_string_value(json_object_get(s, "scope"));
            it->detail = status;
            it->open = 1;
            json_array_foreach(json_object_get(doc, "catalogue"), k, c)
                if (json_equal(json_object_get(c, "measure"), json_object_get(x, "measure")))
                    it->title = json_string_value(json_object_get(c, "title"));
            const char *date = json_string_value(json_object_get(x, "date"));
            int32_t d;
            if (strcmp(status, "planned") == 0 && date && nis5g_date_parse(date, strlen(date), &d) == 0)
                it->deadline = d;
        }
    }
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_oscal_params *p = params;
    struct nis5g_oscal_result *r = result;
    struct nis5g_check_params cp;
    memset(&cp, 0, sizeof cp);
    nis5g_check_params_init(&cp);
    cp.policy = p->policy;
    cp.at = p->at;
    cp.snapshot = p->snapshot;
    struct nis5g_check_result cr;
    memset(&cr, 0, sizeof cr);
    struct nis5g_measures_params mp;
    memset(&mp, 0, sizeof mp);
    nis5g_measures_params_init(&mp);
    mp.snapshot = p->snapshot;
    struct nis5g_measures_result mr;
    memset(&mr, 0, sizeof mr);
    struct plan plan;
    memset(&plan, 0, sizeof plan);
    json_t *mdoc = NULL;
    int rc = p->policy.n ? nis5g_query_check.compute(env, &cp, &cr, err) : 0;
    if (!rc)
        rc = nis5g_query_measures.compute(env, &mp, &mr, err);
    if (!rc) {
        if (cr.check)
            rules(&plan, &cr);
        measures(&plan, mdoc = nis5g_measures_json(&mr));
        if (!(r->doc = nis5g_oscal_poam(plan.it, plan.n, mr.snap.as_of, p->at == NIS5G_NO_DATE ? env->today : p->at,
                                        nis5g_oscal_versions[p->version], err)))
            rc = err->code ? err->code : NIS5G_EINTERNAL;
    }
    json_decref(mdoc);
    plan_release(&plan);
    if (p->policy.n)
        nis5g_query_check.release(env, &cr);
    nis5g_query_measures.release(env, &mr);
    return rc;
}

const struct nis5g_query nis5g_query_oscal_poam = {
    .name = "oscal poam",
    .summary = "the phase-outs with deadlines and the measures not in place as an OSCAL POA&M",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_oscal_poam_opts,
    .params_size = sizeof(struct nis5g_oscal_params),
    .params_init = nis5g_oscal_params_init,
    .result_size = sizeof(struct nis5g_oscal_result),
    .compute = compute,
    .to_json = nis5g_oscal_json,
    .release = nis5g_oscal_release,
};
