/*
 * api-submissions.c — operators' submissions on the server (submission.h,
 * docs/submit.md): the list and one submission, with the bytes of
 * `nis5g submissions --json`, an operator's user seeing its own only (another
 * operator's is answered like one that does not exist); the review, for
 * analysts and admins. The upload of a submission is api-upload.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/submission.h"
#include "server.h"

SRV_HANDLER(srv_api_submissions)
{
    return srv_with_args(r, route, srv_query_answer);
}

SRV_HANDLER(srv_api_submission)
{
    (void)route;
    const struct nis5g_query *q = &nis5g_query_submissions;
    struct nis5g_submissions_params *p = srv_query_params_new(q);
    p->id_given = (uint64_t)srv_path_id(r);
    int rc = p->id_given ? srv_query_answer(r, q, p, "")
                         : srv_send_error(r, 404, "not_found", "no such submission", NULL);
    nis5g_opts_release(q->opts, p);
    free(p);
    return rc;
}

SRV_HANDLER(srv_api_review)
{
    const struct nis5g_query *q = nis5g_query_find(route->query);
    json_t *body = srv_body_object(r);
    if (!body)
        return 1;
    struct nis5g_review_params *p = srv_query_params_new(q);
    const char *decision = srv_json_str(body, "decision"), *comment = srv_json_str(body, "comment");
    int rc;
    p->id = (uint64_t)srv_path_id(r);
    if (json_object_get(body, "by")) {
        rc = srv_send_error(r, 400, "usage", "'by' is who asks, taken from the login, not from the body", NULL);
    } else if (!decision || !comment || !*comment) {
        rc = srv_send_error(r, 400, "usage", "the body needs \"decision\" (accept or reject) and \"comment\"", NULL);
    } else if (srv_query_param_set(q, p, "decision", decision)) {
        rc = srv_send_error(r, 400, "usage", "\"decision\" is accept or reject", NULL);
    } else if (!p->id) {
        rc = srv_send_error(r, 404, "not_found", "no such submission", NULL);
    } else {
        p->comment = comment;
        rc = srv_run_change(r, q, p, "submission.review", r->param, NULL);
    }
    nis5g_opts_release(q->opts, p);
    free(p);
    json_decref(body);
    return rc;
}
