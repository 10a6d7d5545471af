/*
 * api-policies.c — policies stored in the workspace by name
 * (policystore.h): list, read, store and delete them, and read them as
 * the queries' named sources, so `GET /api/v1/check?policy=se` runs the
 * stored policy "se". A policy is stored only when it parses; otherwise
 * the diagnostics come back with line and column, and nothing changes.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/policy.h"
#include "nis5g/policystore.h"
#include "server.h"

int srv_read_stored_source(const struct nis5g_query_env *env, const char *name, struct nis5g_buf *text,
                           struct nis5g_err *err)
{
    struct nis5g_err e = { 0 };
    int rc = nis5g_policystore_get(env->store, name, text, &e);
    if (rc)
        return nis5g_err_set(err, rc == NIS5G_ENOTFOUND ? NIS5G_ENOTFOUND : rc, "%s",
                             rc == NIS5G_ENOTFOUND ? "no such stored policy" : e.msg);
    return 0;
}

SRV_HANDLER(srv_api_policy_list)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_stored_policy *l;
    size_t n;
    if (srv_req_store(r, &st, &err) || nis5g_policystore_list(st, &l, &n, &err))
        return srv_send_err(r, &err, NULL);
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:I, s:s, s:s}", "name", l[i].name, "bytes",
                                             (json_int_t)l[i].bytes, "updated_at", l[i].updated_at, "updated_by",
                                             l[i].updated_by));
    free(l);
    return srv_send_json(r, 200, json_pack("{s:o}", "policies", arr));
}

SRV_HANDLER(srv_api_policy_get)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_buf text = NIS5G_BUF_INIT;
    if (srv_req_store(r, &st, &err) || nis5g_policystore_get(st, r->param, &text, &err)) {
        nis5g_buf_release(&text);
        return srv_send_err(r, &err, NULL);
    }
    int rc = srv_send(r, 200, "text/plain; charset=utf-8", text.data ? text.data : "", text.len);
    nis5g_buf_release(&text);
    return rc;
}

/* ?check=1: the dashboard's editor asks as the user types; the answer is
 * 200 either way, {"valid", "diagnostics"}, and nothing is stored */
static int check_only(struct srv_req *r, struct nis5g_diags *d, int bad)
{
    static const char *const sev[] = { "error", "warning", "note" };
    json_t *list = json_array();
    for (size_t i = 0; i < d->n; i++)
        json_array_append_new(list, json_pack("{s:s, s:i, s:i, s:s}", "severity", sev[d->v[i].severity % 3], "line",
                                              d->v[i].line, "col", d->v[i].col, "message",
                                              d->v[i].msg ? d->v[i].msg : ""));
    json_t *doc = json_pack("{s:b, s:o}", "valid", !bad, "diagnostics", list);
    nis5g_diags_release(d);
    return srv_send_json(r, 200, doc);
}

SRV_HANDLER(srv_api_policy_put)
{
    struct nis5g_err err = { 0 };
    if (nis5g_policystore_name_check(r->param, &err))
        return srv_send_err(r, &err, NULL);
    /* parse first: a policy that does not parse is never stored */
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_policy *p = nis5g_policy_new();
    char file[NIS5G_POLICY_NAME_MAX + 1];
    snprintf(file, sizeof file, "%.64s", r->param);
    int bad = nis5g_policy_parse(p, file, r->body.data ? r->body.data : "", r->body.len, &d) != NIS5G_OK ||
              d.errors;
    nis5g_policy_free(p);
    int rc;
    const char *check = srv_arg(r, "check");
    if (check && strcmp(check, "1") == 0)
        return check_only(r, &d, bad);
    if (bad) {
        char msg[96];
        snprintf(msg, sizeof msg, "%zu error%s in the policy; nothing stored", d.errors, d.errors == 1 ? "" : "s");
        rc = srv_send_error(r, 400, "parse", msg, &d);
        nis5g_diags_release(&d);
        return rc;
    }
    if (!(rc = srv_change_begin(r, &err))) {
        rc = nis5g_policystore_put(r->st, r->param, r->body.data ? r->body.data : "", r->body.len, r->user, &err);
        rc = srv_change_end(r, rc, "policy.put", r->param, &err);
    }
    if (rc) {
        nis5g_diags_release(&d);
        return srv_send_err(r, &err, NULL);
    }
    /* warnings (a designated vendor the data does not know ...) come along */
    json_t *warn = json_array();
    for (size_t i = 0; i < d.n; i++)
        json_array_append_new(warn, json_pack("{s:i, s:i, s:s}", "line", d.v[i].line, "col", d.v[i].col,
                                              "message", d.v[i].msg ? d.v[i].msg : ""));
    nis5g_diags_release(&d);
    return srv_send_json(r, 200, json_pack("{s:s, s:I, s:o}", "stored", r->param, "bytes", (json_int_t)r->body.len,
                                           "warnings", warn));
}

SRV_HANDLER(srv_api_policy_delete)
{
    struct nis5g_err err = { 0 };
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        rc = nis5g_policystore_delete(r->st, r->param, &err);
        rc = srv_change_end(r, rc, "policy.delete", r->param, &err);
    }
    if (rc)
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 200, json_pack("{s:s}", "deleted", r->param));
}
