/*
 * main.c — nis5g's entry point: global flags, command lookup, help, opening
 * the workspace for the command, and the final check that stdout was
 * written without error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/suggest.h"
#include "nis5g/data.h"
#include "nis5g/version.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: nis5g [--db PATH] COMMAND [ARGS...]\n\n"
               "5G supply-chain security for national authorities and operators.\n\n"
               "Commands:\n");
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++)
        fprintf(f, "  %-16s %s\n", (*c)->name, (*c)->summary);
    fprintf(f, "\nGlobal options:\n"
               "  --db PATH        the workspace (default: $NIS5G_DB, else ./nis5g.db)\n"
               "  --version        print the version\n\n"
               "'nis5g help COMMAND' or 'nis5g COMMAND --help' for a command's options.\n"
               "Exit status: 0 success, 1 violations found, 2 bad input or usage, 3 other failure.\n");
}

static int unknown_command(const char *name)
{
    fprintf(stderr, "nis5g: '%s' is not a nis5g command. See 'nis5g help'.\n", name);
    const char *best = NULL;
    size_t bestd = 99;
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++) {
        size_t d = (size_t)nis5g_edit_distance(name, strlen(name), (*c)->name, strlen((*c)->name), 0);
        if (strncmp(name, (*c)->name, strlen(name)) == 0 && strlen(name) >= 2)
            d = 1;
        if (d < bestd) {
            bestd = d;
            best = (*c)->name;
        }
    }
    if (best && bestd <= 2)
        fprintf(stderr, "\nThe most similar command is\n\t%s\n", best);
    return 2;
}

static int cmd_help_run(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--man") == 0)
        return cli_man(stdout, argc >= 3 ? argv[2] : NULL);
    if (argc >= 2 && strcmp(argv[1], "--completion") == 0)
        return cli_completion(stdout);
    if (argc < 2) {
        usage(stdout);
        return 0;
    }
    const struct nis5g_cmd *c = cmd_find(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    cmd_print_help(stdout, c);
    return 0;
}

static void say_waiting(void *arg)
{
    const struct nis5g_ctx *ctx = arg;
    fprintf(stderr, "nis5g %s: waiting for another program writing to %s ...\n", ctx->cmd_name, ctx->db_path);
}

/* Open the workspace as the command asks: read-only commands never create
 * or change a file (a mistyped --db is an error, not a new workspace). */
static int open_store(struct nis5g_ctx *ctx, unsigned flags)
{
    if (!(flags & (CMD_STORE_READ | CMD_STORE_WRITE | CMD_STORE_EXISTING)))
        return 0;
    struct nis5g_err err = { 0 };
    /* EXISTING: read-write, but a missing workspace is an error, not a new one */
    int mode = (flags & CMD_STORE_WRITE)      ? NIS5G_STORE_CREATE
               : (flags & CMD_STORE_EXISTING) ? 0
                                              : NIS5G_STORE_READONLY;
    if (nis5g_store_open(ctx->db_path, mode, &ctx->store, &err))
        return cli_fail_err(ctx, &err);
    nis5g_store_on_wait(ctx->store, say_waiting, ctx);
    return 0;
}

/* A subcommand named by argv[1] runs instead of c; then the options are
 * parsed from c's table into a fresh parameters struct. */
static int run_command(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, int argc, char **argv)
{
    if (c->subs && argc > 1) {
        for (const struct nis5g_cmd *const *s = c->subs; *s; s++)
            if (strcmp((*s)->name, argv[1]) == 0)
                return run_command(ctx, *s, argc - 1, argv + 1);
    }
    if (!c->run && !c->query) {
        if (argc > 1)
            fprintf(stderr, "nis5g %s: unknown subcommand '%s'\n", ctx->cmd_name, argv[1]);
        else
            fprintf(stderr, "nis5g %s: which one?\n", ctx->cmd_name);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        cli_usage(&b, ctx->top, "usage: ");
        fputs(b.data, stderr);
        nis5g_buf_release(&b);
        return 2;
    }
    size_t size = c->query ? offsetof(struct cli_query_params, q) + c->query->params_size : c->params_size;
    void *params = nis5g_xcalloc(1, size ? size : 1);
    if (c->query && c->query->params_init)
        c->query->params_init(((struct cli_query_params *)params)->q);
    if (c->init)
        c->init(c->query ? (void *)((struct cli_query_params *)params)->q : params);
    int rc = cli_parse_opts(ctx, c, params, argc, argv);
    if (!rc)
        rc = open_store(ctx, c->flags);
    if (!rc)
        rc = c->query ? cli_query_cmd_run(ctx, c, params) : c->run(ctx, params);
    if (c->opts)
        nis5g_opts_release(c->opts, params);
    free(params);
    return rc;
}

int main(int argc, char **argv)
{
    struct nis5g_ctx ctx = { 0 };
    ctx.out = stdout;
    ctx.err_tty = isatty(STDERR_FILENO);
    ctx.db_path = NULL;

    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--db") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "nis5g: --db needs a path\n");
                return 2;
            }
            ctx.db_path = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            ctx.db_path = a + 5;
        } else if (strcmp(a, "--version") == 0) {
            struct nis5g_buf d = NIS5G_BUF_INIT;
            struct nis5g_err err = { 0 };
            int found = nis5g_data_path("toolbox.csv", &d, &err) == 0;
            if (found)
                d.data[d.len - strlen("/toolbox.csv")] = 0;
            printf("nis5g %s\ndata: %s\n", NIS5G_VERSION, found ? d.data : "(not found)");
            nis5g_buf_release(&d);
            return 0;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (a[0] == '-') {
            fprintf(stderr, "nis5g: unknown option '%s'\n\n", a);
            usage(stderr);
            return 2;
        } else {
            break;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    if (ctx.db_path && !*ctx.db_path) {
        /* SQLite would open a temporary database and drop it on exit */
        fprintf(stderr, "nis5g: --db needs a path\n");
        return 2;
    }
    if (!ctx.db_path)
        ctx.db_path = nis5g_store_default_path();

    const char *name = argv[i];
    if (strcmp(name, "help") == 0)
        return cmd_help_run(argc - i, argv + i);
    const struct nis5g_cmd *c = cmd_find(name);
    if (!c)
        return unknown_command(name);
    ctx.cmd_name = c->name;
    ctx.top = c;
    for (int j = i + 1; j < argc; j++) {
        if (strcmp(argv[j], "--") == 0)
            break;
        if (strcmp(argv[j], "--help") == 0 || strcmp(argv[j], "-h") == 0) {
            cmd_print_help(stdout, c);
            return 0;
        }
    }
    int status = run_command(&ctx, c, argc - i, argv + i);
    if (ctx.store)
        nis5g_store_close(ctx.store);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            fprintf(stderr, "nis5g %s: cannot write the output: %s\n", c->name, strerror(errno));
        return 3;
    }
    return status;
}
