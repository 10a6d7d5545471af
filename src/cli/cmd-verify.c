/*
 * cmd-verify.c — `nis5g verify`: the workspace checked whole
 * (query/q-verify.c, docs/verify.md). Exit status 1 when something is
 * wrong.
 */
#include "cmd.h"
#include "nis5g/verify.h"

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_verify_result *r = result;
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "check", 0);
    cli_table_col(t, "target", 0);
    cli_table_col(t, "result", 0);
    size_t i;
    json_t *c;
    json_array_foreach(r->checks, i, c)
    {
        const char *detail = json_string_value(json_object_get(c, "detail"));
        cli_table_cell(t, json_string_value(json_object_get(c, "check")));
        cli_table_cell(t, json_string_value(json_object_get(c, "target")));
        cli_table_cell(t, json_is_true(json_object_get(c, "ok")) ? "ok" : detail ? detail : "wrong");
    }
    cli_table_print(t, ctx->out);
    fprintf(ctx->out, "\n%s\n", r->problems ? "the workspace is damaged: see above" : "the workspace is sound");
    return r->problems ? 1 : 0;
}

static int status(const void *result)
{
    return ((const struct nis5g_verify_result *)result)->problems ? 1 : 0;
}

static const struct nis5g_opt opts[] = { CLI_QUERY_OPTS(nis5g_verify_opts, "print the checks as JSON") };

const struct nis5g_cmd nis5g_cmd_verify = {
    .name = "verify",
    .summary = "check the whole workspace: SQLite integrity, every snapshot, the audit chain, the trusted keys",
    .opts = opts,
    .flags = CMD_STORE_READ,
    .query = &nis5g_query_verify,
    .print = print_text,
    .status = status,
};
