/*
 * auth.c — who asks, and may they (docs/security.md). A request proves
 * who it is with a bearer token (scripts) or the session cookie (the
 * dashboard; unsafe methods must also carry the session's CSRF token in a
 * header). Every route names the roles that may call it; anything else is
 * refused, and every refusal is recorded in the audit trail.
 */
#include <string.h>
#include <time.h>

#include <microhttpd.h>

#include "nis5g/audit.h"
#include "nis5g/sessions.h"
#include "nis5g/tokens.h"
#include "nis5g/users.h"
#include "server.h"

#define CONTINUE (MHD_YES + 1)

int64_t srv_now(void)
{
    return (int64_t)time(NULL);
}

const char *srv_role_name(unsigned role)
{
    for (int r = 0; r < 4; r++)
        if (role == 1u << r)
            return nis5g_role_names[r];
    return "-";
}

json_t *srv_roles_json(unsigned roles)
{
    json_t *a = json_array();
    for (int r = 0; r < 4; r++)
        if (roles & (1u << r))
            json_array_append_new(a, json_string(nis5g_role_names[r]));
    return a;
}

void srv_set_user(struct srv_req *r, const struct nis5g_user *u)
{
    r->role = 1u << u->role;
    snprintf(r->user, sizeof r->user, "%s", u->name);
    snprintf(r->operator_id, sizeof r->operator_id, "%s", u->operator_id);
    snprintf(r->state, sizeof r->state, "%s", u->state);
}

int srv_audit(struct srv_req *r, const char *action, const char *target, const char *outcome, const char *detail,
              struct nis5g_err *err)
{
    struct nis5g_store *st = NULL;
    if (srv_req_store(r, &st, err))
        return err->code;
    char act[160];
    snprintf(act, sizeof act, "%s", action);
    struct nis5g_audit_entry e = {
        .user = r->user[0] ? r->user : (char *)"-",
        .role = (char *)srv_role_name(r->role),
        .address = r->addr,
        .action = act,
        .target = (char *)(target ? target : ""),
        .outcome = (char *)outcome,
        .detail = (char *)detail,
    };
    return nis5g_audit_append(st, &e, NULL, err);
}

/* A refusal: recorded, then answered. */
static int refuse(struct srv_req *r, unsigned status, const char *code, const char *msg)
{
    struct nis5g_err err = { 0 };
    char target[300];
    snprintf(target, sizeof target, "%s %s", r->method, r->url);
    srv_audit(r, "request", target, "denied", msg, &err);
    return srv_send_error(r, status, code, msg, NULL);
}

const char *srv_cookie_name(void)
{
    return "__Host-nis5g";
}

static int unsafe(const char *method)
{
    return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

int srv_authenticate(struct srv_req *r)
{
    struct nis5g_err err = { 0 };
    struct nis5g_store *st = NULL;
    struct nis5g_user u;
    const char *authz = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION);
    const char *sid = MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, srv_cookie_name());
    if (!authz && !sid)
        return CONTINUE; /* anonymous: only SRV_ANYONE routes */
    if (srv_req_store(r, &st, &err))
        return srv_send_err(r, &err, NULL);
    if (authz) {
        if (strncmp(authz, "Bearer ", 7) != 0)
            return refuse(r, 401, "unauthenticated", "the Authorization header must be 'Bearer TOKEN'");
        if (nis5g_token_lookup(st, authz + 7, srv_now(), &u, NULL, &err))
            return refuse(r, 401, "unauthenticated", "invalid or expired token");
        srv_set_user(r, &u);
        return CONTINUE;
    }
    struct nis5g_session s;
    if (nis5g_session_lookup(st, sid, srv_now(), &u, &s, &err))
        return refuse(r, 401, "unauthenticated", "session expired or unknown; log in again");
    srv_set_user(r, &u);
    snprintf(r->session, sizeof r->session, "%s", sid);
    if (unsafe(r->method)) {
        const char *csrf = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "X-CSRF-Token");
        if (!csrf || !nis5g_session_csrf_ok(&s, csrf))
            return refuse(r, 403, "csrf", "a change from the dashboard needs the session's X-CSRF-Token header");
    }
    return CONTINUE;
}

int srv_authorize(struct srv_req *r, const struct srv_route *route)
{
    if (route->roles == SRV_ANYONE)
        return CONTINUE;
    if (!r->role)
        return refuse(r, 401, "unauthenticated", "authentication required");
    if (!(route->roles & r->role))
        return refuse(r, 403, "forbidden", "your role may not do this");
    return CONTINUE;
}
