/*
 * cmd-init.c — `nis5g init`: create (or upgrade) the workspace.
 */
#include "cmd.h"

struct params {
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_FLAG_(struct params, "json", json, 1, "print the result as JSON"),
    NIS5G_OPT_END_,
};

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    /* main.c already created and migrated the file. */
    int v = nis5g_store_file_version(ctx->store);
    if (p->json)
        return cli_print_json(ctx, json_pack("{s:s, s:i}", "workspace", nis5g_store_path(ctx->store),
                                             "schema_version", v));
    fprintf(ctx->out, "workspace %s ready (schema version %d)\n", nis5g_store_path(ctx->store), v);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_init = {
    .name = "init",
    .summary = "create the workspace (an SQLite file), or bring its schema up to date",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run,
    .help_extra = "Other commands create the workspace on first use too.\n",
};
