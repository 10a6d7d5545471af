/*
 * api-admin.c — the admin's routes: users, API tokens and the audit trail
 * (users.h, tokens.h, audit.h). Each change runs in one transaction with
 * its audit entry; the documents are those of `nis5g user list --json`,
 * `nis5g token list --json` and `nis5g audit --json`.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/audit.h"
#include "nis5g/date.h"
#include "nis5g/opts.h"
#include "nis5g/tokens.h"
#include "nis5g/users.h"
#include "server.h"

SRV_HANDLER(srv_api_users)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_user *l;
    size_t n;
    if (srv_req_store(r, &st, &err) || nis5g_user_list(st, &l, &n, &err))
        return srv_send_err(r, &err, NULL);
    json_t *doc = nis5g_users_json(l, n);
    free(l);
    return srv_send_json(r, 200, doc);
}

static int role_of(const char *name)
{
    for (int i = 0; i < 4; i++)
        if (name && strcmp(nis5g_role_names[i], name) == 0)
            return i;
    return -1;
}

SRV_HANDLER(srv_api_user_add)
{
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    struct nis5g_err err = { 0 };
    struct nis5g_user u = { 0 };
    const char *name = srv_json_str(body, "name"), *role = srv_json_str(body, "role");
    const char *op = srv_json_str(body, "operator"), *state = srv_json_str(body, "state");
    const char *pw = srv_json_str(body, "password");
    int rc, ri = role_of(role);
    if (!name || ri < 0 || !pw) {
        rc = srv_send_error(r, 400, "input",
                            "the body must be {\"name\", \"role\": admin|analyst|operator|peer, \"password\"} "
                            "with \"operator\" for an operator and \"state\" for a peer",
                            NULL);
        json_decref(body);
        return rc;
    }
    snprintf(u.name, sizeof u.name, "%.64s", name);
    u.role = (enum nis5g_role)ri;
    snprintf(u.operator_id, sizeof u.operator_id, "%.64s", op ? op : "");
    snprintf(u.state, sizeof u.state, "%.2s", state ? state : "");
    rc = nis5g_user_check(&u, &err);
    if (!rc && !(rc = srv_change_begin(r, &err))) {
        rc = nis5g_user_add(r->st, &u, pw, srv_now(), &err);
        rc = srv_change_end(r, rc, "user.add", u.name, &err);
    }
    json_decref(body);
    if (rc)
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 201, json_pack("{s:s, s:s}", "added", u.name, "role", nis5g_role_names[u.role]));
}

SRV_HANDLER(srv_api_user_disable)
{
    struct nis5g_err err = { 0 };
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        rc = nis5g_user_disable(r->st, r->param, srv_now(), &err);
        rc = srv_change_end(r, rc, "user.disable", r->param, &err);
    }
    if (rc)
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 200, json_pack("{s:s}", "disabled", r->param));
}

SRV_HANDLER(srv_api_tokens)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_token *l;
    size_t n;
    if (srv_req_store(r, &st, &err) || nis5g_token_list(st, &l, &n, &err))
        return srv_send_err(r, &err, NULL);
    json_t *doc = nis5g_tokens_json(l, n, srv_now());
    free(l);
    return srv_send_json(r, 200, doc);
}

SRV_HANDLER(srv_api_token_create)
{
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    struct nis5g_err err = { 0 };
    const char *user = srv_json_str(body, "user");
    json_t *jd = json_object_get(body, "expires_days");
    uint64_t days = NIS5G_TOKEN_DAYS_DEFAULT;
    int rc;
    if (!user || (jd && (!json_is_integer(jd) || json_integer_value(jd) < 1))) {
        json_decref(body);
        return srv_send_error(r, 400, "input", "the body must be {\"user\": NAME, \"expires_days\": DAYS (optional)}",
                              NULL);
    }
    if (jd)
        days = (uint64_t)json_integer_value(jd);
    char secret[NIS5G_TOKEN_LEN + 1];
    struct nis5g_token t;
    if (!(rc = srv_change_begin(r, &err))) {
        rc = nis5g_token_create(r->st, user, days, srv_now(), secret, &t, &err);
        rc = srv_change_end(r, rc, "token.create", rc ? user : t.id, &err);
    }
    json_decref(body);
    if (rc)
        return srv_send_err(r, &err, NULL);
    char exp[32];
    rc = srv_send_json(r, 201, json_pack("{s:s, s:s, s:s, s:s}", "id", t.id, "user", t.user, "expires",
                                         nis5g_utc_format(t.expires, exp), "token", secret));
    explicit_bzero(secret, sizeof secret);
    return rc;
}

SRV_HANDLER(srv_api_token_revoke)
{
    struct nis5g_err err = { 0 };
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        rc = nis5g_token_revoke(r->st, r->param, srv_now(), &err);
        rc = srv_change_end(r, rc, "token.revoke", r->param, &err);
    }
    if (rc)
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 200, json_pack("{s:s}", "revoked", r->param));
}

SRV_HANDLER(srv_api_audit)
{
    struct nis5g_err err = { 0 };
    struct nis5g_audit_filter f = { .since = NIS5G_NO_DATE };
    const char *since = srv_arg(r, "since");
    if (since) {
        static const struct nis5g_opt o = { .type = NIS5G_OPT_DATE, .name = "since" };
        if (nis5g_opt_set(&o, &f.since, since, &err))
            return srv_send_err(r, &err, NULL);
    }
    f.user = srv_arg(r, "user");
    f.action = srv_arg(r, "action");
    struct nis5g_store *st = NULL;
    struct nis5g_audit_list l = { 0 };
    if (srv_req_store(r, &st, &err) || nis5g_audit_list(st, &f, &l, &err))
        return srv_send_err(r, &err, NULL);
    json_t *doc = nis5g_audit_list_json(&l);
    nis5g_audit_list_release(&l);
    return srv_send_json(r, 200, doc);
}

SRV_HANDLER(srv_api_audit_verify)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_audit_check c;
    if (srv_req_store(r, &st, &err) || nis5g_audit_verify(st, &c, &err))
        return srv_send_err(r, &err, NULL);
    return srv_send_json(r, 200,
                         json_pack("{s:b, s:I, s:o?, s:s?}", "intact", c.intact, "entries", (json_int_t)c.entries,
                                   "first_bad_id", c.intact ? NULL : json_integer(c.id), "what",
                                   c.intact ? NULL : c.what));
}
