/*
 * api-session.c — logging in and out of the dashboard, and "who am I".
 * A login is throttled per account and per address with growing delays
 * (429 with Retry-After, throttle.h) and every attempt, good or bad, is
 * in the audit trail. The session cookie is __Host- prefixed, HttpOnly,
 * Secure and SameSite=Strict; the CSRF token comes back in the body for
 * the dashboard to send with every change.
 */
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "nis5g/sessions.h"
#include "nis5g/throttle.h"
#include "nis5g/users.h"
#include "server.h"

static int too_many(struct srv_req *r, int64_t seconds)
{
    char retry[32], msg[128];
    snprintf(retry, sizeof retry, "%lld", (long long)seconds);
    snprintf(msg, sizeof msg, "too many failed logins; try again in %lld s", (long long)seconds);
    struct nis5g_err err = { 0 };
    srv_audit(r, "login", r->user, "denied", "throttled", &err);
    return srv_send_error_headers(r, 429, "throttled", msg, "Retry-After", retry);
}

SRV_HANDLER(srv_api_login)
{
    json_t *body = srv_body_object(r);
    if (!body)
        return MHD_YES;
    const char *name = srv_json_str(body, "user"), *pw = srv_json_str(body, "password");
    int rc;
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    if (!name || !pw) {
        rc = srv_send_error(r, 400, "input", "the body must be {\"user\": NAME, \"password\": P}", NULL);
        goto out;
    }
    if (srv_req_store(r, &st, &err)) {
        rc = srv_send_err(r, &err, NULL);
        goto out;
    }
    snprintf(r->user, sizeof r->user, "%.64s", name);
    int64_t wait = 0, now = srv_now();
    if (nis5g_throttle_retry_after(st, name, r->addr, now, &wait, &err) == 0 && wait > 0) {
        rc = too_many(r, wait);
        goto out;
    }
    struct nis5g_user u;
    if (nis5g_user_login(st, name, pw, &u, &err)) {
        struct nis5g_err e2 = { 0 };
        nis5g_throttle_failure(st, name, r->addr, now, &e2);
        srv_audit(r, "login", name, "failed", err.msg, &e2);
        rc = srv_send_error(r, 401, "unauthenticated", "wrong user name or password", NULL);
        goto out;
    }
    struct nis5g_session s;
    if (nis5g_throttle_success(st, name, &err) || nis5g_session_create(st, u.id, now, &s, &err)) {
        rc = srv_send_err(r, &err, NULL);
        goto out;
    }
    srv_set_user(r, &u);
    srv_audit(r, "login", name, "ok", NULL, &err);
    char cookie[256];
    snprintf(cookie, sizeof cookie, "%s=%s; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=%d",
             srv_cookie_name(), s.id, NIS5G_SESSION_MAX);
    json_t *doc = json_pack("{s:s, s:s, s:s?, s:s?, s:s}", "user", u.name, "role", srv_role_name(r->role),
                            "operator", u.operator_id[0] ? u.operator_id : NULL, "state",
                            u.state[0] ? u.state : NULL, "csrf", s.csrf);
    rc = srv_send_json_with(r, 200, doc, "Set-Cookie", cookie);
out:
    json_decref(body);
    return rc;
}

SRV_HANDLER(srv_api_logout)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    if (srv_req_store(r, &st, &err))
        return srv_send_err(r, &err, NULL);
    if (r->session[0] && nis5g_session_delete(st, r->session, &err))
        return srv_send_err(r, &err, NULL);
    srv_audit(r, "logout", r->user, "ok", NULL, &err);
    char cookie[160];
    snprintf(cookie, sizeof cookie, "%s=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0", srv_cookie_name());
    return srv_send_json_with(r, 200, json_pack("{s:b}", "logged_out", 1), "Set-Cookie", cookie);
}

SRV_HANDLER(srv_api_me)
{
    return srv_send_json(r, 200,
                         json_pack("{s:s, s:s, s:s?, s:s?}", "user", r->user, "role", srv_role_name(r->role),
                                   "operator", r->operator_id[0] ? r->operator_id : NULL, "state",
                                   r->state[0] ? r->state : NULL));
}
