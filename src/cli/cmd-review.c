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

static const struct nis5g_opt opts[] = {
    CLI_QUERY_OPTS(nis5g_review_opts, "print the submission after the review as JSON"),
};

static void init(void *params)
{
    ((struct nis5g_review_params *)params)->by = cli_login_name();
}

/* The audit entry: the submission, the decision, who and why. */
static void describe(const void *params, const void *result, struct nis5g_buf *target, struct nis5g_buf *detail)
{
    const struct nis5g_review_params *q = params;
    nis5g_buf_addf(target, "submission %llu", (unsigned long long)q->id);
    nis5g_buf_addf(detail, "%s by %s: %s", q->decision == 0 ? "accepted" : "rejected", q->by, q->comment);
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_submission *s = &((const struct nis5g_submit_result *)result)->sub;
    char day[11];
    if (s->status == NIS5G_SUB_ACCEPTED)
        fprintf(ctx->out, "submission %lld of %s accepted: snapshot %s\n", (long long)s->id, s->operator_id,
                nis5g_date_format(s->snapshot_as_of, day));
    else
        fprintf(ctx->out, "submission %lld of %s rejected\n", (long long)s->id, s->operator_id);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_review = {
    .name = "review",
    .summary = "accept or reject a pending submission, with a comment",
    .opts = opts,
    .init = init,
    .flags = CMD_STORE_EXISTING,
    .query = &nis5g_query_review,
    .print = print_text,
    .audit = "submission.review",
    .describe = describe,
    .help_extra = "Accepting checks the submission again against the national snapshot current now and saves\n"
                  "a new snapshot: that one with the operator's rows replaced by the submission's. A reviewed\n"
                  "submission cannot be reviewed again.\n",
};
