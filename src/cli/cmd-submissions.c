/*
 * cmd-submissions.c — `nis5g submissions [ID] [--status S] [--operator OP]`:
 * operators' submissions with their status and the reviewer's comment
 * (submission.h, docs/submissions.md).
 */
#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/submission.h"

static void one(FILE *f, const struct nis5g_submission *s)
{
    char day[11];
    fprintf(f, "submission %lld\n  operator      %s\n  status        %s\n  submitted     %s by %s\n  source        %s\n",
            (long long)s->id, s->operator_id, nis5g_sub_status_names[s->status], s->submitted_at, s->submitted_by,
            s->source);
    fprintf(f, "  rows          %lld sites, %lld elements, %lld links, %lld products, %lld measures\n",
            (long long)s->n_sites, (long long)s->n_elements, (long long)s->n_links, (long long)s->n_products,
            (long long)s->n_measures);
    if (s->reviewed_by)
        fprintf(f, "  reviewed      %s by %s\n  comment       %s\n", s->reviewed_at, s->reviewed_by,
                s->comment ? s->comment : "");
    if (s->snapshot_as_of != NIS5G_NO_DATE)
        fprintf(f, "  snapshot      %s\n", nis5g_date_format(s->snapshot_as_of, day));
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_submissions_result *r = result;
    if (r->one) {
        one(ctx->out, &r->v[0]);
        return 0;
    }
    if (!r->n) {
        fprintf(ctx->out, "no submissions\n");
        return 0;
    }
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "id", 1);
    cli_table_col(t, "operator", 0);
    cli_table_col(t, "status", 0);
    cli_table_col(t, "submitted", 0);
    cli_table_col(t, "by", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "reviewed by", 0);
    cli_table_col(t, "comment", 0);
    for (size_t i = 0; i < r->n; i++) {
        const struct nis5g_submission *s = &r->v[i];
        char id[32], n[32];
        snprintf(id, sizeof id, "%lld", (long long)s->id);
        cli_table_cell(t, id);
        cli_table_cell(t, s->operator_id);
        cli_table_cell(t, nis5g_sub_status_names[s->status]);
        cli_table_cell(t, s->submitted_at);
        cli_table_cell(t, s->submitted_by);
        cli_table_cell(t, nis5g_thousands(s->n_elements, n));
        cli_table_cell(t, s->reviewed_by ? s->reviewed_by : "");
        cli_table_cell(t, s->comment ? s->comment : "");
    }
    cli_table_print(t, ctx->out);
    return 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_submissions_opts, "print JSON (see docs/json.md)") };

const struct nis5g_cmd nis5g_cmd_submissions = {
    .name = "submissions",
    .summary = "list operators' submissions with their status and the reviewer's comment",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_submissions,
    .print = print_text,
};
