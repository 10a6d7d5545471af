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

#include "nis5g/elements.h"
#include "nis5g/report.h"
#include "server.h"

#define MAX_MODELS 4

struct qctx {
    struct srv_req *r;
    struct srv_model *held[MAX_MODELS];
    const struct nis5g_model *given[MAX_MODELS]; /* held[i]'s model, or its operator's part */
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
    /* An operator's user sees its own operator's model: every query then
     * answers for it alone, and another operator's ids are unknown ids. */
    const struct nis5g_model *given = sm->m;
    if (q->r->role == SRV_ROLE_OPERATOR &&
        srv_cache_scoped(&q->r->srv->cache, sm, q->r->operator_id, &given, err)) {
        srv_cache_put(&q->r->srv->cache, sm);
        return err->code;
    }
    q->held[q->n_held] = sm;
    q->given[q->n_held++] = given;
    *m = given;
    if (snap)
        *snap = sm->snap;
    return 0;
}

static void env_release_model(const struct nis5g_query_env *env, const struct nis5g_model *m)
{
    struct qctx *q = env->ctx;
    for (int i = 0; i < q->n_held; i++)
        if (q->held[i] && q->given[i] == m) {
            srv_cache_put(&q->r->srv->cache, q->held[i]);
            q->held[i] = NULL;
            return;
        }
}

struct args {
    struct srv_req *r;
    const struct nis5g_query *q;
    void *params;
    struct nis5g_buf key; /* the query and its arguments, for the kept documents */
    struct nis5g_err err;
    int failed;
    int *csv; /* a route that also answers in CSV: format=json|csv lands here (NULL: no format) */
};

static enum MHD_Result one_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
    struct args *a = cls;
    if (a->failed)
        return MHD_NO;
    /* lengths first: a value holding "&x=y" cannot pass for two arguments */
    nis5g_buf_addf(&a->key, "&%zu:%s=%zu:%s", strlen(key), key, value ? strlen(value) : 0, value ? value : "");
    if (a->csv && strcmp(key, "format") == 0) {
        if (value && (strcmp(value, "json") == 0 || strcmp(value, "csv") == 0)) {
            *a->csv = value[0] == 'c';
            return MHD_YES;
        }
        nis5g_err_set(&a->err, NIS5G_EUSAGE, "format expects json or csv — got '%s'", value ? value : "");
        a->failed = 1;
        return MHD_NO;
    }
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

int srv_query_exec_take(struct srv_req *r, const struct nis5g_query *q, const void *params, json_t **doc,
                        struct nis5g_diags *diags, struct nis5g_err *err,
                        void (*take)(const void *result, void *arg), void *arg)
{
    struct nis5g_store *st = NULL;
    *doc = NULL;
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
        .operator_id = r->role == SRV_ROLE_OPERATOR ? r->operator_id : NULL,
    };
    void *result = nis5g_xcalloc(1, q->result_size ? q->result_size : 1);
    int rc = q->compute(&env, params, result, err);
    if (!rc && !(*doc = q->to_json(result)))
        rc = nis5g_err_set(err, NIS5G_ENOMEM, "out of memory building the %s document", q->name);
    if (!rc && take)
        take(result, arg);
    q->release(&env, result);
    free(result);
    for (int i = 0; i < qc.n_held; i++)
        srv_cache_put(&r->srv->cache, qc.held[i]);
    return rc;
}

int srv_query_exec(struct srv_req *r, const struct nis5g_query *q, const void *params, json_t **doc,
                   struct nis5g_diags *diags, struct nis5g_err *err)
{
    return srv_query_exec_take(r, q, params, doc, diags, err, NULL, NULL);
}

void *srv_query_params_new(const struct nis5g_query *q)
{
    void *p = nis5g_xcalloc(1, q->params_size ? q->params_size : 1);
    if (q->params_init)
        q->params_init(p);
    return p;
}

int srv_query_param_set(const struct nis5g_query *q, void *params, const char *name, const char *value)
{
    size_t base = 0;
    struct nis5g_err err = { 0 };
    const struct nis5g_opt *o = nis5g_opt_find(q->opts, name, &base);
    return o ? nis5g_opt_set(o, (char *)params + base, value, &err) : NIS5G_EINTERNAL;
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

/* A kept document of a model-only query: sent when there is one. */
static int send_kept(struct srv_req *r, const char *key, char *tag, size_t size, int32_t today)
{
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    if (srv_req_store(r, &st, &err) || srv_docs_tag(st, tag, size, &err)) {
        tag[0] = 0;
        return 0;
    }
    struct nis5g_buf b = NIS5G_BUF_INIT;
    int hit = srv_docs_get(&r->srv->docs, key, tag, today, &b);
    if (hit)
        srv_send(r, 200, "application/json", b.data, b.len);
    nis5g_buf_release(&b);
    return hit;
}

int srv_query_answer(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key)
{
    int32_t today = nis5g_date_today();
    char tag[80] = "";
    int keep = (q->flags & NIS5G_Q_MODEL_ONLY) != 0;
    if (keep && send_kept(r, key, tag, sizeof tag, today))
        return MHD_YES;
    struct nis5g_err err = { 0 };
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    json_t *doc = NULL;
    int rc;
    if (srv_query_exec(r, q, params, &doc, &diags, &err)) {
        rc = srv_send_err(r, &err, &diags);
    } else {
        /* the bytes of `nis5g NAME --json`; for the report, those of
         * report.json (non-ASCII escaped, no final newline: report.h) */
        struct nis5g_buf b = NIS5G_BUF_INIT;
        if (q == &nis5g_query_report ? nis5g_report_dump(doc, &b, &err) != 0 : nis5g_json_dump(doc, &b) != 0) {
            rc = srv_send_error(r, 500, "nomem", "out of memory", NULL);
        } else {
            if (keep && tag[0])
                srv_docs_put(&r->srv->docs, key, tag, today, b.data, b.len);
            rc = srv_send(r, 200, "application/json", b.data, b.len);
        }
        nis5g_buf_release(&b);
        json_decref(doc);
    }
    nis5g_diags_release(&diags);
    return rc;
}

/* The route's query with its parameters from the query string, then
 * fn(r, q, params, key) answers; key names the question for the kept
 * documents. */
static int with_args_csv(struct srv_req *r, const struct srv_route *route,
                         int (*fn)(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key),
                         int *csv)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    if (!q)
        return srv_send_error(r, 500, "internal", "the route names no query of the table", NULL);
    void *params = srv_query_params_new(q);
    struct args a = { .r = r, .q = q, .params = params, .csv = csv };
    nis5g_buf_adds(&a.key, q->name);
    if (r->role == SRV_ROLE_OPERATOR) /* its own documents, apart from the national ones */
        nis5g_buf_addf(&a.key, "@operator=%s", r->operator_id);
    MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, one_arg, &a);
    int rc = a.failed ? srv_send_err(r, &a.err, NULL) : fn(r, q, params, a.key.data);
    nis5g_buf_release(&a.key);
    nis5g_opts_release(q->opts, params);
    free(params);
    return rc;
}

int srv_with_args(struct srv_req *r, const struct srv_route *route,
                  int (*fn)(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key))
{
    return with_args_csv(r, route, fn, NULL);
}

int srv_api_query(struct srv_req *r, const struct srv_route *route)
{
    return srv_with_args(r, route, srv_query_answer);
}

static void take_eu_html(const void *result, void *arg)
{
    const struct nis5g_report_result *x = result;
    if (x->eu_html.len)
        nis5g_buf_add(arg, x->eu_html.data, x->eu_html.len);
}

/* The page `nis5g report` writes as report.html, made from the same document. */
static int answer_html(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key)
{
    struct nis5g_err err = { 0 };
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    struct nis5g_buf eu = NIS5G_BUF_INIT, js = NIS5G_BUF_INIT, html = NIS5G_BUF_INIT;
    json_t *doc = NULL;
    int e = srv_query_exec_take(r, q, params, &doc, &diags, &err, take_eu_html, &eu);
    if (!e)
        e = nis5g_report_dump(doc, &js, &err);
    if (!e)
        e = nis5g_report_html(js.data, js.len, eu.len ? eu.data : NULL, &html, &err);
    int rc = e ? srv_send_err(r, &err, &diags) : srv_send(r, 200, "text/html; charset=utf-8", html.data, html.len);
    json_decref(doc);
    nis5g_buf_release(&eu);
    nis5g_buf_release(&js);
    nis5g_buf_release(&html);
    nis5g_diags_release(&diags);
    return rc;
}

/* GET /api/v1/report.html, with the report's parameters. */
SRV_HANDLER(srv_api_report_html)
{
    return srv_with_args(r, route, answer_html);
}

/* ---- GET /api/v1/elements: a page of the element listing ---- */

#define ELEMENTS_PAGE 100     /* the page when no limit is asked */
#define ELEMENTS_MAX 10000    /* the largest page served */

static void take_csv(const void *result, void *arg)
{
    const struct nis5g_elements_result *x = result;
    nis5g_elements_csv(x->m, &x->page, x->high, arg);
}

/* The JSON of `nis5g elements --json`, or with format=csv the bytes of
 * `nis5g elements --csv`, for the same parameters; a page is at most
 * ELEMENTS_MAX elements (ELEMENTS_PAGE when not said). */
static int answer_elements(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key)
{
    int csv = r->csv;
    struct nis5g_elements_params *p = params;
    if (p->limit == NIS5G_EL_ALL) {
        p->limit = ELEMENTS_PAGE;
    } else if (p->limit > ELEMENTS_MAX) {
        char msg[128];
        snprintf(msg, sizeof msg, "limit must be at most %d — got '%llu'", ELEMENTS_MAX, (unsigned long long)p->limit);
        return srv_send_error(r, 400, "usage", msg, NULL);
    }
    if (!csv)
        return srv_query_answer(r, q, params, key);
    struct nis5g_err err = { 0 };
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    json_t *doc = NULL;
    int rc = srv_query_exec_take(r, q, params, &doc, &diags, &err, take_csv, &b)
                 ? srv_send_err(r, &err, &diags)
                 : srv_send_with(r, 200, "text/csv; charset=utf-8", b.data ? b.data : "", b.len,
                                 "Content-Disposition", "attachment; filename=\"elements.csv\"");
    json_decref(doc);
    nis5g_buf_release(&b);
    nis5g_diags_release(&diags);
    return rc;
}

SRV_HANDLER(srv_api_elements)
{
    return with_args_csv(r, route, answer_elements, &r->csv);
}
