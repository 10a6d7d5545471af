/*
 * cmd-pull.c — `nis5g pull URL --token-file F`: fetch the packages a
 * peer's server approved for this state and import them like
 * import-package (the pull operation, exports.h, docs/pull.md).
 */
#include "cmd.h"
#include "nis5g/exports.h"
#include "nis5g/query.h"

static const struct nis5g_opt opts[] = {
    CLI_QUERY_OPTS(nis5g_pull_opts,
                   "{\"url\", \"since\", \"version\", \"listed\", \"imported\", \"held\", \"packages\": [...]}"),
};

static void init(void *params)
{
    ((struct nis5g_pull_params *)params)->by = cli_login_name();
}

static int print_text(struct nis5g_ctx *ctx, const void *result)
{
    const struct nis5g_pull_result *r = result;
    for (size_t i = 0; i < r->n; i++)
        fprintf(ctx->out, "package %lld (version %lld): %s\n", (long long)r->v[i].id, (long long)r->v[i].version,
                r->v[i].msg);
    fprintf(ctx->out, "%s: %zu imported, %zu already held; pulled up to version %lld\n", r->url, r->imported,
            r->held, (long long)r->version);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_pull = {
    .name = "pull",
    .summary = "fetch the approved packages a peer's server exported to this state and import them",
    .opts = opts,
    .init = init,
    .flags = CMD_STORE_WRITE,
    .query = &nis5g_query_pull,
    .print = print_text,
    .help_extra = "Each package is checked and kept exactly as import-package does (signature against the\n"
                  "trusted key, recipients, replays), one transaction per package; the last version\n"
                  "pulled from URL is kept in the workspace, so a pull cut short goes on from there\n"
                  "and pulling again changes nothing.\n",
};
