/*
 * cmd-init.c — `nis5g init`: create (or upgrade) the workspace.
 */
#include "cmd.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is(argv[i], "--json"))
            json = 1;
        else
            return cli_bad_option(ctx, argv[i]);
    }
    /* main.c already created and migrated the file. */
    int v = nis5g_store_file_version(ctx->store);
    if (json)
        return cli_print_json(ctx, json_pack("{s:s, s:i}", "workspace", nis5g_store_path(ctx->store),
                                             "schema_version", v));
    fprintf(ctx->out, "workspace %s ready (schema version %d)\n", nis5g_store_path(ctx->store), v);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_init = {
    .name = "init",
    .usage = "init [--json]",
    .summary = "create the workspace (an SQLite file), or bring its schema up to date",
    .help = "Options:\n"
            "  --json     print the result as JSON\n"
            "Other commands create the workspace on first use too.\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
