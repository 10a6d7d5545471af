/*
 * server.h — the HTTP server's private interface: the daemon (http.c), the
 * shared snapshot cache (cache.c), the route table (routes.c) and the
 * handlers (api-*.c). The server is a thin client of the library like the
 * CLI: every answer comes from the query table (query.h), so the API and
 * `nis5g CMD --json` give the same bytes.
 */
#ifndef NIS5G_SERVER_H
#define NIS5G_SERVER_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/query.h"
#include "nis5g/store.h"
#include "nis5g/users.h"
#include "serve.h"

struct MHD_Connection;


/* ---- the shared snapshot cache (cache.c) ----
 * The latest snapshot's model, fully loaded once and shared read-only by
 * every request. When an import commits (through the API or the CLI on the
 * same workspace) the next request loads the new one; requests in flight
 * keep the old one until they release it. Beside it, the models scoped to
 * one operator (nis5g_model_scope_operator) that operators' users have
 * asked for, built on first use and freed with the snapshot. */
struct srv_scoped {
    char op[72]; /* the operator id the users are bound to */
    struct nis5g_model *m;
};
struct srv_model {
    struct nis5g_model *m;
    struct nis5g_snapshot snap;
    int refs; /* guarded by the cache's mutex */
    struct srv_scoped *scoped; /* n_scoped; guarded by the cache's mutex */
    size_t n_scoped;
};

struct srv_cache {
    pthread_mutex_t mu;
    pthread_cond_t loaded;   /* signalled when a load of the latest ends */
    int loading;             /* a request (or the warm-up) is loading the latest */
    struct srv_model *cur;
    struct srv_model *other; /* the last other snapshot asked for */
};

void srv_cache_init(struct srv_cache *c);
void srv_cache_release_all(struct srv_cache *c);
/* The model of `day` (NIS5G_NO_DATE: the latest) read through st, shared
 * (the latest, and the last other snapshot asked for); release with
 * srv_cache_put. */
int srv_cache_get(struct srv_cache *c, struct nis5g_store *st, int32_t day, struct srv_model **out,
                  struct nis5g_err *err);
void srv_cache_put(struct srv_cache *c, struct srv_model *sm);
/* The model of sm scoped to operator op (an operator id; one that is not
 * in the snapshot gets the model of nobody), indexed, borrowed as long as
 * sm is held. */
int srv_cache_scoped(struct srv_cache *c, struct srv_model *sm, const char *op, const struct nis5g_model **out,
                     struct nis5g_err *err);

/* ---- documents kept (cache.c) ----
 * The bytes of the documents of NIS5G_Q_MODEL_ONLY queries, by query,
 * parameters, snapshots and day: a repeated question is answered without
 * recomputing it. A snapshot added, removed or replaced makes the old
 * entries unreachable (their tag no longer matches); they age out. */
#define SRV_DOCS 64
struct srv_doc {
    char *key;
    char tag[80]; /* the snapshots it was made from (srv_docs_tag) */
    int32_t today;
    struct nis5g_buf bytes;
    uint64_t used; /* for least recently used */
};
struct srv_docs {
    pthread_mutex_t mu;
    struct srv_doc v[SRV_DOCS];
    uint64_t clock;
};
void srv_docs_init(struct srv_docs *d);
void srv_docs_release(struct srv_docs *d);
/* Copy the kept bytes of key into out: 1 when there are some. */
/* The state of the workspace's snapshots as a short string: it changes
 * when one is added, removed or replaced in place (an import or an
 * accepted submission of a date that has one keeps its id). 0, or err. */
int srv_docs_tag(struct nis5g_store *st, char *tag, size_t size, struct nis5g_err *err);
int srv_docs_get(struct srv_docs *d, const char *key, const char *tag, int32_t today, struct nis5g_buf *out);
void srv_docs_put(struct srv_docs *d, const char *key, const char *tag, int32_t today, const char *bytes,
                  size_t len);

/* ---- one request ---- */
struct srv {
    struct nis5g_serve_opts cfg;
    struct srv_cache cache;
    struct srv_docs docs;
    int tls;
    pthread_mutex_t inflight_mu;
    pthread_cond_t inflight_cv;
    int inflight;
};

/* A role as a bit for the route table's sets: bit r for enum nis5g_role r
 * (users.h), whose names (nis5g_role_names) they share. */
enum srv_role {
    SRV_ROLE_ADMIN = 1u << NIS5G_ROLE_ADMIN,
    SRV_ROLE_ANALYST = 1u << NIS5G_ROLE_ANALYST,
    SRV_ROLE_OPERATOR = 1u << NIS5G_ROLE_OPERATOR,
    SRV_ROLE_PEER = 1u << NIS5G_ROLE_PEER,
};
#define SRV_ANYONE 0u /* no authentication needed (healthz, static files, login) */
#define SRV_NATIONAL (SRV_ROLE_ADMIN | SRV_ROLE_ANALYST)

struct srv_req {
    struct srv *srv;
    struct MHD_Connection *conn;
    const char *method, *url;
    char addr[64];          /* the client's address, for the audit trail */
    struct nis5g_buf body;  /* the request body, up to cfg.max_body */
    int too_large;
    struct nis5g_store *st; /* this request's read-only connection, opened on demand */
    /* the route's path parameter ({name}), borrowed from url */
    char param[256];
    /* who asks (auth.c) */
    unsigned role;          /* one SRV_ROLE_*, 0 when not authenticated */
    char user[72], operator_id[72], state[4];
    char session[80]; /* the session id when it came with the cookie */
    int csv;          /* format=csv on a route that offers it (api-query.c) */
};

/* The route's {id} as a whole number, 1 to INT64_MAX; 0 when it is not one
 * (no object has it: the caller answers 404). */
int64_t srv_path_id(const struct srv_req *r);

/* Open (once) the request's workspace connection (read-write: a session's
 * last use and the audit trail are written; queries only read). */
int srv_req_store(struct srv_req *r, struct nis5g_store **out, struct nis5g_err *err);

/* Responses. Every response carries the security headers (CSP, nosniff,
 * no-referrer, HSTS under TLS). The body is copied. */
int srv_send(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len);
int srv_send_json(struct srv_req *r, unsigned status, json_t *doc); /* takes doc */
/* srv_send with one more header (Content-Disposition ...). */
int srv_send_with(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len,
                  const char *hname, const char *hval);
/* The same with one more header (Set-Cookie, Retry-After ...). */
int srv_send_json_with(struct srv_req *r, unsigned status, json_t *doc, const char *hname, const char *hval);
/* The same with a content type and more headers: name, value, ..., NULL. */
int srv_send_headers(struct srv_req *r, unsigned status, const char *type, const void *body, size_t len,
                     const char *const *headers);
/* {"error":{"code","message","diagnostics":[...]}} */
int srv_send_error(struct srv_req *r, unsigned status, const char *code, const char *msg,
                   const struct nis5g_diags *diags);
int srv_send_error_headers(struct srv_req *r, unsigned status, const char *code, const char *msg, const char *hname,
                           const char *hval);
/* The HTTP status for a library error code (400, 404, 409, 500 ...). */
unsigned srv_status_for(int code);
int srv_send_err(struct srv_req *r, const struct nis5g_err *err, const struct nis5g_diags *diags);

/* A query-string argument, or NULL. */
const char *srv_arg(struct srv_req *r, const char *name);

/* ---- routes (routes.c) ---- */
struct srv_route {
    const char *method;  /* "GET", "POST", ... */
    const char *pattern; /* "/api/v1/summary", "/api/v1/policies/{name}" */
    int (*handler)(struct srv_req *r, const struct srv_route *route);
    unsigned roles;      /* who may call it; SRV_ANYONE for everyone */
    const char *query;   /* the query table entry the query handler runs */
    const char *summary; /* one line for the OpenAPI document */
};
extern const struct srv_route srv_routes[];
extern const size_t srv_n_routes;
/* The route for method and path (path parameter into r->param), or NULL;
 * *path_known is set when the path exists with another method (405). */
const struct srv_route *srv_route_find(struct srv_req *r, const char *method, const char *path, int *path_known);

/* ---- who asks (auth.c) ---- */
int64_t srv_now(void);
const char *srv_role_name(unsigned role);
/* The names of the roles in a set, as a JSON array. */
json_t *srv_roles_json(unsigned roles);
const char *srv_cookie_name(void);
struct nis5g_user;
void srv_set_user(struct srv_req *r, const struct nis5g_user *u);
/* MHD_YES + 1 to go on, else the request was answered (401, 403). */
int srv_authenticate(struct srv_req *r);
int srv_authorize(struct srv_req *r, const struct srv_route *route);
/* Append an audit entry for this request (in the open transaction, if any). */
int srv_audit(struct srv_req *r, const char *action, const char *target, const char *outcome, const char *detail,
              struct nis5g_err *err);

/* The request body as a JSON object; NULL after answering 400. */
json_t *srv_body_object(struct srv_req *r);
/* A string member of a JSON body, or NULL. */
const char *srv_json_str(const json_t *o, const char *key);

/* Run a change in one transaction with its audit entry: begin (BEGIN
 * IMMEDIATE), then end with the change's rc — commit with an "ok" entry,
 * or roll back and record the failure in an entry of its own. */
int srv_change_begin(struct srv_req *r, struct nis5g_err *err);
int srv_change_end(struct srv_req *r, int rc, const char *action, const char *target, struct nis5g_err *err);

/* handlers: one per route (routes.c) */
#define SRV_HANDLER(name) int name(struct srv_req *r, const struct srv_route *route)
SRV_HANDLER(srv_api_query);
SRV_HANDLER(srv_api_report_html);
SRV_HANDLER(srv_api_library);
SRV_HANDLER(srv_api_elements);
SRV_HANDLER(srv_api_healthz);
SRV_HANDLER(srv_api_static);
SRV_HANDLER(srv_api_openapi);
SRV_HANDLER(srv_api_login);
SRV_HANDLER(srv_api_logout);
SRV_HANDLER(srv_api_me);
SRV_HANDLER(srv_api_measures_set);
SRV_HANDLER(srv_api_trust_remove);
SRV_HANDLER(srv_api_trust_add);
SRV_HANDLER(srv_api_import);
SRV_HANDLER(srv_api_import_package);
SRV_HANDLER(srv_api_exports_create);
SRV_HANDLER(srv_api_exports_list);
SRV_HANDLER(srv_api_exports_get);
SRV_HANDLER(srv_api_exports_package);
SRV_HANDLER(srv_api_exports_approve);
SRV_HANDLER(srv_api_packages_list);
SRV_HANDLER(srv_api_packages_get);
SRV_HANDLER(srv_api_taxii_discovery);
SRV_HANDLER(srv_api_taxii_root);
SRV_HANDLER(srv_api_taxii_collections);
SRV_HANDLER(srv_api_taxii_collection);
SRV_HANDLER(srv_api_taxii_objects);
SRV_HANDLER(srv_api_taxii_manifest);
SRV_HANDLER(srv_api_taxii_object);
SRV_HANDLER(srv_api_policy_list);
SRV_HANDLER(srv_api_policy_get);
SRV_HANDLER(srv_api_policy_put);
SRV_HANDLER(srv_api_policy_delete);
SRV_HANDLER(srv_api_users);
SRV_HANDLER(srv_api_user_add);
SRV_HANDLER(srv_api_user_disable);
SRV_HANDLER(srv_api_tokens);
SRV_HANDLER(srv_api_token_create);
SRV_HANDLER(srv_api_token_revoke);
SRV_HANDLER(srv_api_audit);
SRV_HANDLER(srv_api_audit_verify);
SRV_HANDLER(srv_api_submit);
SRV_HANDLER(srv_api_submissions);
SRV_HANDLER(srv_api_submission);
SRV_HANDLER(srv_api_review);

/* Answer with q's document for params — the bytes of `nis5g NAME --json`,
 * kept for the next asker when the query is model-only — or its error. */
int srv_query_answer(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key);

/* The route's query with its parameters from the query string, then
 * fn(r, q, params, key) answers; key names the question for the kept
 * documents (api-query.c). */
int srv_with_args(struct srv_req *r, const struct srv_route *route,
                  int (*fn)(struct srv_req *r, const struct nis5g_query *q, void *params, const char *key));

/* Run q with params on this request's workspace and the shared snapshot. */
int srv_query_exec(struct srv_req *r, const struct nis5g_query *q, const void *params, json_t **doc,
                   struct nis5g_diags *diags, struct nis5g_err *err);
/* The same, calling take(result, arg) before the result is released (to
 * keep what the document does not hold, such as a package's bytes). */
int srv_query_exec_take(struct srv_req *r, const struct nis5g_query *q, const void *params, json_t **doc,
                        struct nis5g_diags *diags, struct nis5g_err *err,
                        void (*take)(const void *result, void *arg), void *arg);
/* A query's parameters with their defaults (free with nis5g_opts_release
 * and free), and one of them set by its name. */
void *srv_query_params_new(const struct nis5g_query *q);
int srv_query_param_set(const struct nis5g_query *q, void *params, const char *name, const char *value);
/* Run the change q with params in one transaction with its audit entry
 * (action on target) and answer with its document or its error; file
 * names under the folder strip (may be NULL) lose it in the diagnostics. */
int srv_run_change(struct srv_req *r, const struct nis5g_query *q, void *params, const char *action,
                   const char *target, const char *strip);
/* Diagnostics name uploaded files, not the server's folder dir. */
void srv_diags_strip(struct nis5g_diags *d, const char *dir);
int srv_params_from_json(const struct nis5g_query *q, void *params, const json_t *body, struct nis5g_err *err);

/* The OpenAPI 3.1 document of the route table (openapi.c). */
json_t *srv_openapi(void);

/* Stored policies as the queries' named sources (api-policies.c). */
int srv_read_stored_source(const struct nis5g_query_env *env, const char *name, struct nis5g_buf *text,
                           struct nis5g_err *err);

/* ---- the daemon (http.c) ---- */
/* Run until SIGTERM or SIGINT; then stop taking connections, finish the
 * requests in flight and return. Prints "listening on URL" to out once
 * the socket is bound. 0, or an error. */
int srv_run(struct srv *s, FILE *out, struct nis5g_err *err);

/* The same request handling with no socket and no thread: the caller
 * hands connections over with MHD_add_connection and serves them with
 * MHD_run (the fuzz driver fuzz/fuzz-http.c). Stop with MHD_stop_daemon. */
struct MHD_Daemon;
struct MHD_Daemon *srv_start_inprocess(struct srv *s);

#endif
