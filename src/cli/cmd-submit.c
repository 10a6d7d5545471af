/*
 * cmd-submit.c — `nis5g submit --operator OP DIR`: check an operator's
 * part of the dataset and record it as a pending submission (submission.h,
 * docs/submit.md). The last line printed is the submission's id alone.
 */
#include <stdlib.h>

#include "cli-access.h"
#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/submission.h"

static const struct nis5g_opt opts[] = {
    CLI_QUERY_OPTS(nis5g_submit_opts, "print the submission as JSON (see docs/json.md)"),
};

static void init(void *params)
{
    ((struct nis5g_submit_params *)params)->by = cli_login_name();
}

/* The audit entry: the new submission, its operator, where from and who. */
static void describe(const void *params, const void *result, struct nis5g_buf *target, struct nis5g_buf *detail)
{
    const struct nis5g_submit_params *q = params;
    const struct nis5g_submit_result *r = result;
    nis5g_buf_addf(target, "submission %lld", (long long)r->sub.id);
    nis5g_buf_addf(detail, "operator %s, from %s, by %s", q->operator_id, q->dir, q->by);
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_submission *s = &((const struct nis5g_submit_result *)result)->sub;
    fprintf(ctx->out, "submission %lld of %s is pending review: %lld sites, %lld elements, %lld links, "
            "%lld products, %lld measures\n%lld\n", (long long)s->id, s->operator_id, (long long)s->n_sites,
            (long long)s->n_elements, (long long)s->n_links, (long long)s->n_products, (long long)s->n_measures,
            (long long)s->id);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_submit = {
    .name = "submit",
    .summary = "check an operator's part of the dataset and record it as a pending submission",
    .opts = opts,
    .init = init,
    .flags = CMD_STORE_WRITE,
    .query = &nis5g_query_submit,
    .print = print_text,
    .audit = "submission.submit",
    .describe = describe,
    .help_extra = "DIR holds the operator's dataset files with its own rows only: operators.csv (optional, its\n"
                  "own row), sites.csv, elements.csv, links.csv (links from its elements), products.csv and\n"
                  "measures.csv (its own scope). suppliers.csv is refused: supplier profiles are the authority's.\n"
                  "The files are checked as `nis5g import` checks a dataset and against the national snapshot;\n"
                  "any error records nothing. The last line printed is the new submission's id.\n",
};
