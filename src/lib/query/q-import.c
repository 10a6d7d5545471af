/*
 * q-import.c — the import operation (import.h): read a dataset, check it,
 * and save it as the snapshot of its date in one transaction.
 */
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/import.h"
#include "nis5g/measures.h"
#include "nis5g/query.h"

#define T struct nis5g_import_params
const struct nis5g_opt nis5g_import_opts[] = {
    NIS5G_OPT_NAMED_POS_(T, "paths", "DIR|FILE", paths, NIS5G_OPT_REQUIRED,
                   "folders holding the dataset's CSV files, or the files themselves"),
    NIS5G_OPT_DATE_(T, "as-of", as_of,
                    "the snapshot date (default: today); importing the same date again replaces that snapshot"),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_import_params_init(void *params)
{
    struct nis5g_import_params *p = params;
    memset(p, 0, sizeof *p);
    p->as_of = NIS5G_NO_DATE;
    p->by = "unknown";
}

/* Inside the import's transaction: the measures.csv rows go into the
 * measure history too (source 'import'). */
struct record {
    const struct nis5g_model *m;
    const char *by;
};

static int record_measures(void *arg, struct nis5g_store *st, const struct nis5g_snapshot *saved,
                           struct nis5g_err *err)
{
    struct record *r = arg;
    return nis5g_measures_record_import(st, saved, r->m, r->by, err);
}

static int save(const struct nis5g_query_env *env, const struct nis5g_import_params *p, const struct nis5g_model *m,
                struct nis5g_import_query_result *r, struct nis5g_err *err)
{
    struct nis5g_buf src = NIS5G_BUF_INIT;
    for (size_t i = 0; i < p->paths.n; i++)
        nis5g_buf_addf(&src, "%s%s", i ? " " : "", p->paths.v[i]);
    struct nis5g_snapshot prev;
    struct nis5g_err e = { 0 };
    r->replaced = nis5g_store_snapshot(env->store, m->as_of, &prev, &e) == 0;
    if (env->progress)
        env->progress(env->ctx, "saving", 0, 0);
    struct record rec = { m, env->who ? env->who : p->by && *p->by ? p->by : "unknown" };
    int rc = nis5g_store_save_model_with(env->store, m, src.data, record_measures, &rec, &r->saved, err);
    nis5g_buf_release(&src);
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_import_params *p = params;
    struct nis5g_import_query_result *r = result;
    struct nis5g_import_opts o = { .as_of = p->as_of, .progress = env->progress, .progress_ctx = env->ctx };
    struct nis5g_diags *d = env->diags;
    struct nis5g_model *m = NULL;
    int rc = nis5g_import(p->paths.v, p->paths.n, &o, &m, d);
    if (rc) {
        nis5g_model_free(m);
        return nis5g_err_set(err, rc, "%zu error%s%s; nothing was imported", d->errors, d->errors == 1 ? "" : "s",
                             nis5g_diags_full(d) ? " (stopped at the limit)" : "");
    }
    r->warnings = d->warnings;
    rc = save(env, p, m, r, err);
    nis5g_model_free(m);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    (void)result;
}

json_t *nis5g_import_json(const void *result)
{
    const struct nis5g_import_query_result *r = result;
    const struct nis5g_snapshot *s = &r->saved;
    char day[11];
    return json_pack("{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "as_of", nis5g_date_format(s->as_of, day),
                     "replaced", r->replaced, "operators", (json_int_t)s->n_operators, "sites",
                     (json_int_t)s->n_sites, "elements", (json_int_t)s->n_elements, "links", (json_int_t)s->n_links,
                     "suppliers", (json_int_t)s->n_suppliers, "products", (json_int_t)s->n_products, "measures",
                     (json_int_t)s->n_measures, "warnings", (json_int_t)r->warnings);
}

const struct nis5g_query nis5g_query_import = {
    .name = "import",
    .summary = "check a dataset (CSV files) and save it as a snapshot",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_import_opts,
    .params_size = sizeof(struct nis5g_import_params),
    .params_init = nis5g_import_params_init,
    .result_size = sizeof(struct nis5g_import_query_result),
    .compute = compute,
    .to_json = nis5g_import_json,
    .release = release,
};
