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

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_review;
    struct nis5g_submit_result r = { 0 };
    struct nis5g_err err = { 0 };
    if (cli_change_begin(ctx, &err))
        return cli_fail_err(ctx, &err);
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    struct nis5g_buf target = NIS5G_BUF_INIT, detail = NIS5G_BUF_INIT;
    nis5g_buf_addf(&target, "submission %llu", (unsigned long long)p->q.id);
    nis5g_buf_addf(&detail, "%s by %s: %s", p->q.decision == 0 ? "accepted" : "rejected", p->q.by, p->q.comment);
    int end = cli_change_end(ctx, rc, "submission.review", target.data, detail.data, &err);
    if (!rc && end)
        rc = cli_fail_err(ctx, &err);
    if (!rc && p->json) {
        rc = cli_query_print_json(ctx, q, &r);
    } else if (!rc) {
        const struct nis5g_submission *s = &r.sub;
        char day[11];
        if (s->status == NIS5G_SUB_ACCEPTED)
            fprintf(ctx->out, "submission %lld of %s accepted: snapshot %s\n", (long long)s->id, s->operator_id,
                    nis5g_date_format(s->snapshot_as_of, day));
        else
            fprintf(ctx->out, "submission %lld of %s rejected\n", (long long)s->id, s->operator_id);
    }
    nis5g_buf_release(&target);
    nis5g_buf_release(&detail);
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
