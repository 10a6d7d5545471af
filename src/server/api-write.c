/*
 * api-write.c — the changes of the query table over HTTP: the parameters
 * come as a JSON object with the names of the command line's options, the
 * change runs in one transaction with its audit entry, and the answer is
 * the document `nis5g CMD --json` prints. Who asks is recorded as the
 * user, never taken from the body.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/measures.h"
#include "server.h"


int srv_run_change(struct srv_req *r, const struct nis5g_query *q, void *params, const char *action,
                   const char *target, const char *strip)
{
    struct nis5g_err err = { 0 };
    struct nis5g_diags diags;
    nis5g_diags_init(&diags);
    json_t *doc = NULL;
    int rc = srv_change_begin(r, &err);
    if (!rc) {
        rc = srv_query_exec(r, q, params, &doc, &diags, &err);
        rc = srv_change_end(r, rc, action, target, &err);
    }
    if (strip)
        srv_diags_strip(&diags, strip);
    if (rc) {
        json_decref(doc);
        rc = srv_send_err(r, &err, &diags);
    } else {
        rc = srv_send_json(r, 200, doc);
    }
    nis5g_diags_release(&diags);
    return rc;
}

SRV_HANDLER(srv_api_measures_set)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    struct nis5g_measures_set_params *p = srv_query_params_new(q);
    struct nis5g_err err = { 0 };
    int rc;
    if (json_object_get(body, "by")) {
        rc = srv_send_error(r, 400, "usage", "'by' is who asks, taken from the login, not from the body", NULL);
    } else if (srv_params_from_json(q, p, body, &err)) {
        rc = srv_send_err(r, &err, NULL);
    } else if (!p->scope || !p->measure || !p->status) {
        rc = srv_send_error(r, 400, "usage", "the body needs \"scope\", \"measure\" and \"status\"", NULL);
    } else if (r->role == SRV_ROLE_OPERATOR && strcmp(p->scope, r->operator_id) != 0) {
        /* another operator's scope is answered like one that does not exist */
        char msg[160];
        snprintf(msg, sizeof msg, "unknown scope '%.80s'", p->scope);
        rc = srv_send_error(r, 404, "not_found", msg, NULL);
    } else {
        char target[160];
        snprintf(target, sizeof target, "%.64s %.16s", p->scope, p->measure);
        rc = srv_run_change(r, q, p, "measures.set", target, NULL);
    }
    nis5g_opts_release(q->opts, p);
    free(p);
    json_decref(body);
    return rc;
}

SRV_HANDLER(srv_api_trust_remove)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    void *p = srv_query_params_new(q);
    struct nis5g_err err = { 0 };
    size_t base = 0;
    const struct nis5g_opt *o = nis5g_opt_find(q->opts, "state", &base);
    int rc = o && !nis5g_opt_set(o, (char *)p + base, r->param, &err) ? srv_run_change(r, q, p, "trust.remove", r->param, NULL)
                                                                      : srv_send_err(r, &err, NULL);
    nis5g_opts_release(q->opts, p);
    free(p);
    return rc;
}
