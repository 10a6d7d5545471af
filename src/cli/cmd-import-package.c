/*
 * cmd-import-package.c — `nis5g import-package FILE...`: verify peers'
 * packages and keep them (the import-package operation, package.h). All or
 * nothing: one refused package and nothing changes.
 */
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/package.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_package_import_params q;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_package_import_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1,
                    "{\"imported\": bool, \"packages\": [{\"file\", \"accepted\", \"result\"|\"reason\", ...}]}"),
    NIS5G_OPT_END_,
};

/* Accepted packages on stdout, refusals on stderr, then why nothing was
 * imported. */
static void print_text(struct nis5g_ctx *ctx, const struct nis5g_package_import_result *r)
{
    for (size_t i = 0; i < r->n; i++) {
        if (r->res[i].code)
            fprintf(stderr, "%s: refused: %s\n", r->files[i], r->res[i].msg);
        else if (r->status) /* all or nothing: it passed its checks, but was not kept */
            fprintf(ctx->out, "%s: not imported, though it passed its checks (%s)\n", r->files[i], r->res[i].msg);
        else
            fprintf(ctx->out, "%s: %s\n", r->files[i], r->res[i].msg);
    }
    if (r->status)
        fprintf(stderr, "nis5g import-package: %s\n", r->msg);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_import_package;
    p->q.by = cli_login_name();
    struct nis5g_package_import_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_text(ctx, &r);
    if (!rc && r.status)
        rc = nis5g_exit_status(r.status);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_import_package = {
    .name = "import-package",
    .summary = "verify peers' signed national packages and keep them (all or nothing)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run,
    .help_extra = "Each package must be signed by the key trusted for the state it names (nis5g trust),\n"
                  "unaltered, addressed to this workspace's state (or to no named recipients), and not\n"
                  "older than the one held from that state for the same snapshot. One refusal and\n"
                  "nothing is imported.\n",
};
