/*
 * cmd-review.c — `nis5g review ID accept|reject --comment TEXT`: decide on
 * a pending submission (submission.h, docs/review.md). Accepting saves
 * the composed national snapshot with the decision, in one transaction.
 */
#include <stdlib.h>

#include "cli-access.h"
#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/submission.h"

struct params {
    struct nis5g_review_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_review_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1, "print the submission after the review as JSON"),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    struct params *p = params;
    nis5g_review_params_init(&p->q);
    p->q.by = cli_login_name();
}

/* The audit entry: the submission, the decision, who and why. */
static void describe(const void *params, const void *result, struct nis5g_buf *target, struct nis5g_buf *detail)
{
    const struct nis5g_review_params *q = params;
    nis5g_buf_addf(target, "submission %llu", (unsigned long long)q->id);
    nis5g_buf_addf(detail, "%s by %s: %s", q->decision == 0 ? "accepted" : "rejected", q->by, q->comment);
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_submission *s)
{
    char day[11];
    if (s->status == NIS5G_SUB_ACCEPTED)
        fprintf(ctx->out, "submission %lld of %s accepted: snapshot %s\n", (long long)s->id, s->operator_id,
                nis5g_date_format(s->snapshot_as_of, day));
    else
        fprintf(ctx->out, "submission %lld of %s rejected\n", (long long)s->id, s->operator_id);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_review;
    struct nis5g_submit_result r = { 0 };
    int rc = cli_change_query(ctx, q, &p->q, &r, "submission.review", describe);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx, &r.sub);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_review = {
    .name = "review",
    .summary = "accept or reject a pending submission, with a comment",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_EXISTING,
    .run = run,
    .help_extra = "Accepting checks the submission again against the national snapshot current now and saves\n"
                  "a new snapshot: that one with the operator's rows replaced by the submission's. A reviewed\n"
                  "submission cannot be reviewed again.\n",
};
