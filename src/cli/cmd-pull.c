/*
 * cmd-pull.c — `nis5g pull URL --token-file F`: fetch the packages a
 * peer's server approved for this state and import them like
 * import-package (the pull operation, exports.h, docs/pull.md).
 */
#include "cmd.h"
#include "nis5g/exports.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_pull_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_pull_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1,
                    "{\"url\", \"since\", \"version\", \"listed\", \"imported\", \"held\", \"packages\": [...]}"),
    NIS5G_OPT_END_,
};

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_pull_result *r)
{
    for (size_t i = 0; i < r->n; i++)
        fprintf(ctx->out, "package %lld (version %lld): %s\n", (long long)r->v[i].id, (long long)r->v[i].version,
                r->v[i].msg);
    fprintf(ctx->out, "%s: %zu imported, %zu already held; pulled up to version %lld\n", r->url, r->imported,
            r->held, (long long)r->version);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_pull;
    p->q.by = cli_login_name();
    struct nis5g_pull_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_pull = {
    .name = "pull",
    .summary = "fetch the approved packages a peer's server exported to this state and import them",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run,
    .help_extra = "Each package is checked and kept exactly as import-package does (signature against the\n"
                  "trusted key, recipients, replays), one transaction per package; the last version\n"
                  "pulled from URL is kept in the workspace, so a pull cut short goes on from there\n"
                  "and pulling again changes nothing.\n",
};
