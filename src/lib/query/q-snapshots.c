/*
 * q-snapshots.c — the snapshots query: the imports held, one per as-of
 * date (snapshots.h), and its JSON document {"snapshots":[...]}.
 */
#include <stdlib.h>

#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/snapshots.h"

const struct nis5g_opt nis5g_snapshots_opts[] = {
    NIS5G_OPT_END_,
};

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    struct nis5g_snapshots_result *r = result;
    (void)params;
    r->path = nis5g_store_path(env->store);
    return nis5g_store_snapshots(env->store, &r->list, &r->n, err);
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
