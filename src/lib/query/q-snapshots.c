/*
 * q-snapshots.c — the snapshots query: the imports held, one per as-of
 * date (snapshots.h), and its JSON document {"snapshots":[...]}.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/model.h"
#include "nis5g/query.h"
#include "nis5g/snapshots.h"

const struct nis5g_opt nis5g_snapshots_opts[] = {
    NIS5G_OPT_STR_(struct nis5g_snapshots_params, "operator", 0, "OP", operator_id,
                   "the counts of this operator's part only (an operator's view)"),
    NIS5G_OPT_END_,
};

/* The counts of s as the store keeps them for a whole model. */
static void count_model(struct nis5g_snapshot *s, const struct nis5g_model *m)
{
    int64_t sup = 0;
    for (uint32_t v = 0; v < m->vendors.n; v++)
        sup += m->sup_known[v];
    s->n_operators = m->operators.n;
    s->n_sites = m->sites.n;
    s->n_elements = m->n_elements;
    s->n_links = m->n_links;
    s->n_suppliers = sup;
    s->n_products = m->n_products;
    s->n_measures = m->n_measures;
}

/* s's counts become those of op's part of it (through the environment's
 * model: on the server an operator's user already gets its own part);
 * *found tells whether op is in it. */
static int scope_counts(const struct nis5g_query_env *env, struct nis5g_snapshot *s, const char *op, int *found,
                        struct nis5g_err *err)
{
    const struct nis5g_model *m = NULL;
    if (env->load_model(env, s->as_of, NIS5G_PART_ALL, &m, NULL, err))
        return err->code;
    uint32_t id = nis5g_dict_find((struct nis5g_dict *)&m->operators, op, strlen(op)); /* indexed on a shared model */
    struct nis5g_model *own = NULL;
    int rc = nis5g_model_scope_operator(m, id, &own, err);
    if (!rc) {
        count_model(s, own);
        *found |= id != NIS5G_NONE;
    }
    nis5g_model_free(own);
    env->release_model(env, m);
    s->source[0] = '\0'; /* it may name other operators */
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_snapshots_params *p = params;
    struct nis5g_snapshots_result *r = result;
    r->path = nis5g_store_path(env->store);
    if (nis5g_store_snapshots(env->store, &r->list, &r->n, err))
        return err->code;
    /* --operator, or on the server the asking operator's own view */
    const char *op = p->operator_id ? p->operator_id : env->operator_id;
    if (!op)
        return 0;
    int found = 0;
    for (size_t i = 0; i < r->n; i++)
        if (scope_counts(env, &r->list[i], op, &found, err))
            return err->code;
    if (!found)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "unknown operator '%s' (in no snapshot)", op);
    return 0;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_snapshots_result *r = result;
    (void)env;
    free(r->list);
    r->list = NULL;
}

json_t *nis5g_snapshots_json(const void *result)
{
    const struct nis5g_snapshots_result *r = result;
    json_t *arr = json_array();
    char d[11];
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_snapshot *s = &r->list[i];
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "as_of",
                                             nis5g_date_format(s->as_of, d), "imported_at", s->imported_at, "source",
                                             s->source, "operators", (json_int_t)s->n_operators, "sites",
                                             (json_int_t)s->n_sites, "elements", (json_int_t)s->n_elements, "links",
                                             (json_int_t)s->n_links, "suppliers", (json_int_t)s->n_suppliers,
                                             "products", (json_int_t)s->n_products, "measures",
                                             (json_int_t)s->n_measures));
    }
    return json_pack("{s:o}", "snapshots", arr);
}

const struct nis5g_query nis5g_query_snapshots = {
    .name = "snapshots",
    .summary = "list the imported snapshots (one per as-of date)",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_snapshots_opts,
    .params_size = sizeof(struct nis5g_snapshots_params),
    .result_size = sizeof(struct nis5g_snapshots_result),
    .compute = compute,
    .to_json = nis5g_snapshots_json,
    .release = release,
};
