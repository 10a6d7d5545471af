/*
 * q-submit.c — the submission workflow's entries of the query table
 * (submission.h): submit, list or show, review.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/query.h"
#include "nis5g/submission.h"

/* ---- submit ---- */

#define T struct nis5g_submit_params
const struct nis5g_opt nis5g_submit_opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "operator", .arg = "OP", .offset = offsetof(T, operator_id),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE, .help = "the operator the files are the part of" },
    { .type = NIS5G_OPT_STRING, .name = "dir", .arg = "DIR", .offset = offsetof(T, dir),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL,
      .help = "a folder holding the operator's dataset files (no suppliers.csv)" },
    NIS5G_OPT_END_,
};
#undef T

void nis5g_submit_params_init(void *params)
{
    struct nis5g_submit_params *p = params;
    memset(p, 0, sizeof *p);
    p->by = "unknown";
}

static int submit_compute(const struct nis5g_query_env *env, const void *params, void *result,
                          struct nis5g_err *err)
{
    const struct nis5g_submit_params *p = params;
    struct nis5g_submit_result *r = result;
    const char *shown = p->shown;
    struct nis5g_buf b = NIS5G_BUF_INIT;
    if (!shown) {
        size_t l = strlen(p->dir);
        while (l > 1 && p->dir[l - 1] == '/')
            l--;
        if (!(l == 1 && p->dir[0] == '.'))
            nis5g_buf_addf(&b, "%.*s/", (int)l, p->dir);
        else
            nis5g_buf_adds(&b, "");
        shown = b.data;
    }
    int rc = nis5g_submission_submit(env->store, p->operator_id, p->dir, shown, p->source,
                                     env->who ? env->who : p->by, &r->sub, env->diags, err);
    nis5g_buf_release(&b);
    return rc;
}

static json_t *submit_json(const void *result)
{
    return nis5g_submission_json(&((const struct nis5g_submit_result *)result)->sub);
}

static void submit_release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    nis5g_submission_release(&((struct nis5g_submit_result *)result)->sub);
}

const struct nis5g_query nis5g_query_submit = {
    .name = "submit",
    .summary = "check an operator's part of the dataset and record it as a pending submission",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_submit_opts,
    .params_size = sizeof(struct nis5g_submit_params),
    .params_init = nis5g_submit_params_init,
    .result_size = sizeof(struct nis5g_submit_result),
    .compute = submit_compute,
    .to_json = submit_json,
    .release = submit_release,
};

/* ---- submissions ---- */

static const char *const status_choices[] = { "pending", "accepted", "rejected", NULL };

#define T struct nis5g_submissions_params
const struct nis5g_opt nis5g_submissions_opts[] = {
    { .type = NIS5G_OPT_UINT, .name = "id", .arg = "ID", .offset = offsetof(T, id_given),
      .flags = NIS5G_OPT_POSITIONAL | NIS5G_OPT_GIVEN_ONCE, .help = "show this submission only" },
    { .type = NIS5G_OPT_CHOICE, .name = "status", .arg = "pending|accepted|rejected", .offset = offsetof(T, status),
      .flags = NIS5G_OPT_GIVEN_ONCE, .choices = status_choices, .help = "only the submissions in that state" },
    NIS5G_OPT_STR_(T, "operator", 0, "OP", operator_id, "only that operator's submissions"),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_submissions_params_init(void *params)
{
    struct nis5g_submissions_params *p = params;
    memset(p, 0, sizeof *p);
    p->status = -1;
}

static int submissions_compute(const struct nis5g_query_env *env, const void *params, void *result,
                               struct nis5g_err *err)
{
    const struct nis5g_submissions_params *p = params;
    struct nis5g_submissions_result *r = result;
    /* on the server an operator's user sees its own, whatever it asked */
    const char *op = env->operator_id ? env->operator_id : p->operator_id;
    if (!p->id_given)
        return nis5g_submission_list(env->store, p->status, op, &r->v, &r->n, err);
    r->v = nis5g_xcalloc(1, sizeof *r->v);
    int rc = nis5g_submission_get(env->store, (int64_t)p->id_given, r->v, err);
    if (!rc && op && strcmp(r->v->operator_id, op) != 0) {
        /* another operator's is answered like one that does not exist */
        nis5g_submission_release(r->v);
        rc = nis5g_err_set(err, NIS5G_ENOTFOUND, "no submission %llu", (unsigned long long)p->id_given);
    }
    r->n = rc ? 0 : 1;
    r->one = 1;
    return rc;
}

json_t *nis5g_submissions_json(const void *result)
{
    const struct nis5g_submissions_result *r = result;
    if (r->one)
        return nis5g_submission_json(&r->v[0]);
    json_t *a = json_array();
    for (size_t i = 0; i < r->n; i++)
        json_array_append_new(a, nis5g_submission_json(&r->v[i]));
    return json_pack("{s:o}", "submissions", a);
}

static void submissions_release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_submissions_result *r = result;
    nis5g_submission_list_free(r->v, r->n);
    r->v = NULL;
}

const struct nis5g_query nis5g_query_submissions = {
    .name = "submissions",
    .summary = "list operators' submissions with their status and the reviewer's comment",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_submissions_opts,
    .params_size = sizeof(struct nis5g_submissions_params),
    .params_init = nis5g_submissions_params_init,
    .result_size = sizeof(struct nis5g_submissions_result),
    .compute = submissions_compute,
    .to_json = nis5g_submissions_json,
    .release = submissions_release,
};

/* ---- review ---- */

static const char *const decisions[] = { "accept", "reject", NULL };

#define T struct nis5g_review_params
const struct nis5g_opt nis5g_review_opts[] = {
    { .type = NIS5G_OPT_UINT, .name = "id", .arg = "ID", .offset = offsetof(T, id),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL, .help = "the submission" },
    { .type = NIS5G_OPT_CHOICE, .name = "decision", .arg = "accept|reject", .offset = offsetof(T, decision),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_POSITIONAL, .choices = decisions,
      .help = "accept (a new national snapshot) or reject it" },
    { .type = NIS5G_OPT_STRING, .name = "comment", .arg = "TEXT", .offset = offsetof(T, comment),
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE, .help = "why; the operator sees it" },
    NIS5G_OPT_END_,
};
#undef T

void nis5g_review_params_init(void *params)
{
    struct nis5g_review_params *p = params;
    memset(p, 0, sizeof *p);
    p->by = "unknown";
}

static int review_compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_review_params *p = params;
    struct nis5g_submit_result *r = result;
    if (p->id > INT64_MAX)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no submission %llu", (unsigned long long)p->id);
    return nis5g_submission_review(env->store, (int64_t)p->id, p->decision == 0, p->comment,
                                   env->who ? env->who : p->by, env->today, &r->sub, env->diags, err);
}

const struct nis5g_query nis5g_query_review = {
    .name = "review",
    .summary = "accept or reject a pending submission, with a comment",
    .flags = NIS5G_Q_WRITE,
    .opts = nis5g_review_opts,
    .params_size = sizeof(struct nis5g_review_params),
    .params_init = nis5g_review_params_init,
    .result_size = sizeof(struct nis5g_submit_result),
    .compute = review_compute,
    .to_json = submit_json,
    .release = submit_release,
};
