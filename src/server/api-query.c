/*
 * api-query.c — GET /api/v1/NAME for every read-only query of the query
 * table: the query string goes through the query's own option table (the
 * same parser as the command line's options), the query runs on the
 * shared snapshot, and the body is the document's bytes, exactly what
 * `nis5g NAME --json` prints for the same parameters.
 */
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "nis5g/report.h"
#include "server.h"

#define MAX_MODELS 4

struct qctx {
    struct srv_req *r;
    struct srv_model *held[MAX_MODELS];
    int n_held;
};

static int env_load_model(const struct nis5g_query_env *env, int32_t day, unsigned parts,
                          const struct nis5g_model **m, struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    struct qctx *q = env->ctx;
    if (q->n_held == MAX_MODELS)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "a query asked for more than %d snapshots", MAX_MODELS);
    struct srv_model *sm;
    if (srv_cache_get(&q->r->srv->cache, env->store, day, &sm, err))
        return err->code;
    q->held[q->n_held++] = sm;
    *m = sm->m;
    if (snap)
        *snap = sm->snap;
    return 0;
}

static void env_release_model(const struct nis5g_query_env *env, const struct nis5g_model *m)
{
    struct qctx *q = env->ctx;
    for (int i = 0; i < q->n_held; i++)
        if (q->held[i] && q->held[i]->m == m) {
            srv_cache_put(&q->r->srv->cache, q->held[i]);
            q->held[i] = NULL;
            return;
        }
}

struct args {
    struct srv_req *r;
    const struct nis5g_query *q;
    void *params;
    struct nis5g_err err;
    int failed;
};

static enum MHD_Result one_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct args *a = cls;
    if (a->failed)
        return MHD_NO;
    size_t base = 0;
    const struct nis5g_opt *o = nis5g_opt_find(a->q->opts, key, &base);
    if (!o) {
        nis5g_err_set(&a->err, NIS5G_EUSAGE, "unknown parameter '%s' for %s", key, a->q->name);
        a->failed = 1;
        return MHD_NO;
    }
    if (o->type == NIS5G_OPT_FLAG) {
        /* ?all, ?all=1, ?all=true; ?all=0 and ?all=false leave it unset */
        if (value && (strcmp(value, "0") == 0 || strcmp(value, "false") == 0))
            return MHD_YES;
        value = NULL;
    } else if (!value) {
        nis5g_err_set(&a->err, NIS5G_EUSAGE, "parameter '%s' needs a value", key);
        a->failed = 1;
        return MHD_NO;
    }
    if (nis5g_opt_set(o, (char *)a->params + base, value, &a->err)) {
        a->failed = 1;
        return MHD_NO;
    }
    return MHD_YES;
}

int srv_query_exec(struct srv_req *r, const struct nis5g_query *q, const void *params, json_t **doc,
                   struct nis5g_diags *diags, struct nis5g_err *err)
{
    struct nis5g_store *st = NULL;
    if (srv_req_store(r, &st, err))
        return err->code;
    struct qctx qc = { .r = r };
    struct nis5g_query_env env = {
        .store = st,
        .today = nis5g_date_today(),
        .load_model = env_load_model,
        .release_model = env_release_model,
        .read_source = srv_read_stored_source,
        .ctx = &qc,
        .diags = diags,
        .who = r->user,
    };
    int rc = nis5g_query_run(q, &env, params, doc, err);
    for (int i = 0; i < qc.n_held; i++)
        srv_cache_put(&r->srv->cache, qc.held[i]);
    return rc;
}

/* Parameters from a JSON body: each member through the query's option
 * table, strings as given, numbers and booleans as their text, arrays as
 * repeated values. */
int srv_params_from_json(const struct nis5g_query *q, void *params, const json_t *body, struct nis5g_err *err)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)body, key, v)
    {
        size_t base = 0;
        const struct nis5g_opt *o = nis5g_opt_find(q->opts, key, &base);
        if (!o)
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown member '%.80s' for %s", key, q->name);
        size_t n = json_is_array(v) ? json_array_size(v) : 1;
        for (size_t i = 0; i < n; i++) {
            json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
            char num[64];
            const char *val = NULL;
            if (json_is_string(x))
                val = json_string_value(x);
            else if (json_is_integer(x))
                snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(x)), val = num;
            else if (json_is_real(x))
                snprintf(num, sizeof num, "%.17g", json_real_value(x)), val = num;
            else if (json_is_true(x) && o->type == NIS5G_OPT_FLAG)
                val = NULL;
            else if (json_is_false(x) && o->type == NIS5G_OPT_FLAG)
                continue;
            else
                return nis5g_err_set(err, NIS5G_EUSAGE, "member '%.80s' has a value of the wrong kind", key);
            if (nis5g_opt_set(o, (char *)params + base, val, err))
                return err->code;
        }
    }
    return 0;
}

/* The document's bytes: those of `nis5g NAME --json`, and for the report
 * those of report.json (non-ASCII escaped, no final newline: report.h). */
static int send_doc(struct srv_req *r, const struct nis5g_query *q, json_t *doc)
{
    if (q != &nis5g_query_report)
        return srv_send_json(r, 200, doc);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    struct nis5g_err err = { 0 };
    int rc = nis5g_report_dump(doc, &b, &err) ? srv_send_err(r, &err, NULL)
                                               : srv_send(r, 200, "application/json", b.data, b.len);
    nis5g_buf_release(&b);
    json_decref(doc);
    return rc;
}

int srv_api_query(struct srv_req *r, const struct srv_route *route)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    struct nis5g_err err = { 0 };
    if (!q)
        return srv_send_error(r, 500, "internal", "the route names no query of the table", NULL);
    void *params = nis5g_xcalloc(1, q->params_size ? q->params_size : 1);
    if (q->params_init)
        q->params_init(params);
    struct args a = { .r = r, .q = q, .params = params };
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, one_arg, &a);
    int rc;
    if (a.failed) {
        rc = srv_send_err(r, &a.err, NULL);
    } else {
        struct nis5g_diags diags;
        nis5g_diags_init(&diags);
        json_t *doc = NULL;
        if (srv_query_exec(r, q, params, &doc, &diags, &err))
            rc = srv_send_err(r, &err, &diags);
        else
            rc = send_doc(r, q, doc);
        nis5g_diags_release(&diags);
    }
    nis5g_opts_release(q->opts, params);
    free(params);
    return rc;
}
