/*
 * query.c — running an entry of the query table (query.h) and the one way
 * a document becomes bytes, so that the CLI's --json and the server's
 * response body are the same.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/query.h"

const struct nis5g_query *nis5g_query_find(const char *name)
{
    for (const struct nis5g_query *const *q = nis5g_queries; *q; q++)
        if (strcmp((*q)->name, name) == 0)
            return *q;
    return NULL;
}

int nis5g_query_run(const struct nis5g_query *q, const struct nis5g_query_env *env, const void *params,
                    json_t **doc, struct nis5g_err *err)
{
    *doc = NULL;
    void *result = nis5g_xcalloc(1, q->result_size ? q->result_size : 1);
    int rc = q->compute(env, params, result, err);
    if (!rc) {
        *doc = q->to_json(result);
        if (!*doc)
            rc = nis5g_err_set(err, NIS5G_ENOMEM, "out of memory building the %s document", q->name);
    }
    q->release(env, result);
    free(result);
    return rc;
}

static int dump_cb(const char *p, size_t n, void *data)
{
    nis5g_buf_add(data, p, n);
    return 0;
}

int nis5g_json_dump(const json_t *doc, struct nis5g_buf *out)
{
    if (json_dump_callback(doc, dump_cb, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(10)))
        return NIS5G_ENOMEM;
    nis5g_buf_add(out, "\n", 1);
    return 0;
}

int nis5g_query_store_model(const struct nis5g_query_env *env, int32_t day, unsigned parts,
                            const struct nis5g_model **m, struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    struct nis5g_snapshot s;
    struct nis5g_model *mm = NULL;
    *m = NULL;
    if (nis5g_store_snapshot(env->store, day, &s, err) || nis5g_store_load_model(env->store, s.id, parts, &mm, err))
        return err->code ? err->code : NIS5G_ESTORE;
    *m = mm;
    if (snap)
        *snap = s;
    return 0;
}

void nis5g_query_free_model(const struct nis5g_query_env *env, const struct nis5g_model *m)
{
    nis5g_model_free((struct nis5g_model *)m);
}
