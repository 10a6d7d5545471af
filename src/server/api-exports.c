/*
 * api-exports.c — four-eyes exports and the peers' feed (docs/exports.md,
 * docs/pull.md). An analyst prepares a package, signed with the server's
 * key and kept as exact bytes with their digest; it leaves the server
 * only after a second person approves that digest. Peers list and fetch
 * the approved packages addressed to their state; the bytes are hashed
 * again before each serving and refused when they are not those approved.
 * Every step is in the audit trail.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/exports.h"
#include "nis5g/opts.h"
#include "nis5g/package.h"
#include "server.h"

static int not_found(struct srv_req *r, const char *what)
{
    char msg[320];
    snprintf(msg, sizeof msg, "no %s '%.200s'", what, r->param);
    return srv_send_error(r, 404, "not_found", msg, NULL);
}

/* The workspace's export of id, or its list through f: 0, or an error. */
static int export_get(struct srv_req *r, int64_t id, struct nis5g_prepared *x, struct nis5g_err *err)
{
    struct nis5g_store *st;
    int rc = srv_req_store(r, &st, err);
    return rc ? rc : nis5g_exports_get(st, id, x, err);
}

static int export_list(struct srv_req *r, const struct nis5g_exports_filter *f, struct nis5g_prepared **v, size_t *n,
                       struct nis5g_err *err)
{
    struct nis5g_store *st;
    int rc = srv_req_store(r, &st, err);
    return rc ? rc : nis5g_exports_list(st, f, v, n, err);
}

/* The export the path names (the analysts' routes): 0 with *id and *x,
 * or answered: 404 when the path is no id, else the error. */
static int path_export(struct srv_req *r, int64_t *id, struct nis5g_prepared *x, int *answered)
{
    struct nis5g_err err = { 0 };
    *answered = 1;
    if (!(*id = srv_path_id(r)))
        return not_found(r, "export");
    if (export_get(r, *id, x, &err))
        return srv_send_err(r, &err, NULL);
    *answered = 0;
    return 0;
}

static void take_file(const void *result, void *arg)
{
    const struct nis5g_export_result *x = result;
    nis5g_buf_add(arg, x->file.data ? x->file.data : "", x->file.len);
}

/* The export query's parameters from the body, signed with the server's
 * key; 0, or answered. */
static int export_params(struct srv_req *r, const struct nis5g_query *q, const json_t *body, void *p, int *answered)
{
    struct nis5g_err err = { 0 };
    *answered = 1;
    if (json_object_get(body, "key") || json_object_get(body, "dry-run"))
        return srv_send_error(r, 400, "usage", "the key is the server's (serve --key): 'key' is not a member", NULL);
    if (srv_params_from_json(q, p, body, &err) || srv_query_param_set(q, p, "key", r->srv->cfg.key_file))
        return srv_send_err(r, &err, NULL);
    *answered = 0;
    return 0;
}

/* Build and sign the package, keep its bytes as a prepared export: one
 * transaction with its audit entry. 0 with *out, or answered. */
static int prepare(struct srv_req *r, const struct nis5g_query *q, const void *p, struct nis5g_prepared *out,
                   int *answered)
{
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    struct nis5g_buf file = NIS5G_BUF_INIT;
    struct nis5g_err err = { 0 };
    json_t *doc = NULL;
    char target[32] = "";
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        int64_t id = 0;
        rc = srv_query_exec_take(r, q, p, &doc, &diags, &err, take_file, &file);
        if (!rc)
            rc = nis5g_exports_prepare(r->st, file.data, file.len, r->user, &id, &err);
        if (!rc)
            rc = nis5g_exports_get(r->st, id, out, &err);
        snprintf(target, sizeof target, "export %" PRId64, id);
        rc = srv_change_end(r, rc, "export.prepare", target, &err);
    }
    json_decref(doc);
    *answered = rc != 0;
    if (rc)
        rc = srv_send_err(r, &err, &diags);
    nis5g_buf_release(&file);
    nis5g_diags_release(&diags);
    return rc;
}

SRV_HANDLER(srv_api_exports_create)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    if (!r->srv->cfg.key_file)
        return srv_send_error(r, 409, "exists", "this server has no key to sign with: start it with --key FILE",
                              NULL);
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    void *p = srv_query_params_new(q);
    int answered, rc = export_params(r, q, body, p, &answered);
    if (!answered) {
        struct nis5g_prepared x;
        rc = prepare(r, q, p, &x, &answered);
        if (!answered)
            rc = srv_send_json(r, 201, nis5g_prepared_json(&x));
    }
    nis5g_opts_release(q->opts, p);
    free(p);
    json_decref(body);
    return rc;
}

SRV_HANDLER(srv_api_exports_list)
{
    (void)route;
    struct nis5g_err err = { 0 };
    struct nis5g_prepared *v = NULL;
    size_t n = 0;
    struct nis5g_exports_filter f = { 0 };
    if (export_list(r, &f, &v, &n, &err))
        return srv_send_err(r, &err, NULL);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, nis5g_prepared_json(&v[i]));
    free(v);
    return srv_send_json(r, 200, json_pack("{s:o}", "exports", a));
}

SRV_HANDLER(srv_api_exports_get)
{
    (void)route;
    int64_t id;
    struct nis5g_prepared x;
    int answered, rc = path_export(r, &id, &x, &answered);
    return answered ? rc : srv_send_json(r, 200, nis5g_prepared_json(&x));
}

/* Bytes of export id served, audited as action: checked against the
 * approved digest (approved) or the prepared one. An alteration is
 * refused with 500 and recorded. */
static int serve_bytes(struct srv_req *r, int64_t id, int approved, const char *action)
{
    struct nis5g_store *st;
    struct nis5g_err err = { 0 }, e2 = { 0 };
    struct nis5g_buf bytes = NIS5G_BUF_INIT;
    char target[32];
    snprintf(target, sizeof target, "export %" PRId64, id);
    int rc = srv_req_store(r, &st, &err);
    if (!rc)
        rc = nis5g_exports_bytes(st, id, approved, &bytes, &err);
    if (rc == NIS5G_EVERIFY) {
        srv_audit(r, action, target, "refused", err.msg, &e2);
        rc = srv_send_error(r, 500, "verify", err.msg, NULL);
    } else if (rc == NIS5G_ENOTFOUND) {
        rc = not_found(r, approved ? "package" : "export");
    } else if (rc) {
        rc = srv_send_err(r, &err, NULL);
    } else if (srv_audit(r, action, target, "ok", NULL, &err)) {
        rc = srv_send_err(r, &err, NULL);
    } else {
        rc = srv_send(r, 200, "application/json", bytes.data ? bytes.data : "", bytes.len);
    }
    nis5g_buf_release(&bytes);
    return rc;
}

SRV_HANDLER(srv_api_exports_package)
{
    (void)route;
    int64_t id = srv_path_id(r);
    return id ? serve_bytes(r, id, 0, "export.review") : not_found(r, "export");
}

static int approve(struct srv_req *r, int64_t id, const char *digest)
{
    struct nis5g_err err = { 0 };
    char target[128];
    snprintf(target, sizeof target, "export %" PRId64 " sha256:%.64s", id, digest);
    int64_t version = 0;
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        rc = nis5g_exports_approve(r->st, id, r->user, digest, &version, &err);
        rc = srv_change_end(r, rc, "export.approve", target, &err);
    }
    struct nis5g_prepared x;
    if (!rc)
        rc = nis5g_exports_get(r->st, id, &x, &err);
    if (rc)
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 200, nis5g_prepared_json(&x));
}

SRV_HANDLER(srv_api_exports_approve)
{
    (void)route;
    int64_t id;
    struct nis5g_prepared x;
    int answered, rc = path_export(r, &id, &x, &answered);
    if (answered)
        return rc;
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    const char *digest = srv_json_str(body, "digest");
    rc = digest ? approve(r, id, digest)
                    : srv_send_error(r, 400, "usage",
                                     "the body must be {\"digest\": the SHA-256 of the package's bytes, in hex}", NULL);
    json_decref(body);
    return rc;
}

/* A peer sees only what its state may receive; the others every approved
 * package. */
SRV_HANDLER(srv_api_packages_list)
{
    (void)route;
    struct nis5g_err err = { 0 };
    struct nis5g_exports_filter f = { .approved_only = 1,
                                      .peer_state = r->role == SRV_ROLE_PEER ? r->state : NULL };
    const char *since = srv_arg(r, "since");
    uint64_t v_since = 0;
    if (since && (nis5g_parse_uint(since, &v_since) || v_since > INT64_MAX))
        return srv_send_error(r, 400, "usage", "since must be a package version (a whole number, 0 or more)", NULL);
    f.since = (int64_t)v_since;
    struct nis5g_prepared *v = NULL;
    size_t n = 0;
    if (export_list(r, &f, &v, &n, &err))
        return srv_send_err(r, &err, NULL);
    json_t *a = json_array();
    int64_t last = f.since;
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(a, nis5g_prepared_peer_json(&v[i]));
        last = v[i].version > last ? v[i].version : last;
    }
    free(v);
    return srv_send_json(r, 200, json_pack("{s:I, s:o}", "version", (json_int_t)last, "packages", a));
}

SRV_HANDLER(srv_api_packages_get)
{
    (void)route;
    struct nis5g_err err = { 0 };
    struct nis5g_prepared x;
    int64_t id = srv_path_id(r);
    if (!id)
        return not_found(r, "package");
    int rc = export_get(r, id, &x, &err);
    /* not approved, or not for this peer: answered like one that does not exist */
    if (rc == NIS5G_ENOTFOUND || (!rc && (!x.version || (r->role == SRV_ROLE_PEER &&
                                                        !nis5g_exports_visible(&x, r->state)))))
        return not_found(r, "package");
    if (rc)
        return srv_send_err(r, &err, NULL);
    return serve_bytes(r, id, 1, "package.serve");
}
