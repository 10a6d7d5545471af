/*
 * cmd-trust.c — `nis5g trust add|list|remove`: the peer keys this
 * workspace accepts packages from (keys.h).
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/keys.h"

extern const struct nis5g_cmd nis5g_cmd_trust;

static const char *login_name(void)
{
    const char *u = getenv("USER");
    if (u && *u)
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "unknown";
}

static int add(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *cc = NULL, *file = NULL;
    int replace = 0;
    for (int i = 2; i < argc; i++) {
        if (cli_is(argv[i], "--replace"))
            replace = 1;
        else if (argv[i][0] == '-')
            return cli_bad_option(ctx, argv[i]);
        else if (!cc)
            cc = argv[i];
        else if (!file)
            file = argv[i];
        else
            return cli_bad_option(ctx, argv[i]);
    }
    if (!file)
        return cli_fail(ctx, NIS5G_EUSAGE, "usage: nis5g trust add CC PUBKEY_FILE [--replace]");
    struct nis5g_err err = { 0 };
    char state[3];
    struct nis5g_pubkey k;
    if (nis5g_state_norm(cc, state, &err) || nis5g_pubkey_read(file, &k, &err))
        return cli_fail_err(ctx, &err);
    if (strcmp(k.state, state) != 0)
        return cli_fail(ctx, NIS5G_EINPUT, "'%s' is a key of %s, not of %s", file, k.state, state);
    if (nis5g_trust_add(ctx->store, &k, login_name(), replace, &err))
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "trusted %s: key %s\n", k.state, k.fpr);
    return 0;
}

static int list(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    for (int i = 2; i < argc; i++) {
        if (cli_is(argv[i], "--json"))
            json = 1;
        else
            return cli_bad_option(ctx, argv[i]);
    }
    struct nis5g_trusted *t;
    size_t n;
    struct nis5g_err err = { 0 };
    if (nis5g_trust_list(ctx->store, &t, &n, &err))
        return cli_fail_err(ctx, &err);
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s}", "state", t[i].key.state, "fingerprint",
                                                 t[i].key.fpr, "added_at", t[i].added_at, "added_by",
                                                 t[i].added_by));
        free(t);
        return cli_print_json(ctx, json_pack("{s:o}", "trusted", arr));
    }
    if (n == 0) {
        fprintf(ctx->out, "no trusted keys; add one with 'nis5g trust add CC PUBKEY_FILE'\n");
    } else {
        struct cli_table *tb = cli_table_new();
        cli_table_col(tb, "state", 0);
        cli_table_col(tb, "fingerprint", 0);
        cli_table_col(tb, "added", 0);
        cli_table_col(tb, "by", 0);
        for (size_t i = 0; i < n; i++) {
            cli_table_cell(tb, t[i].key.state);
            cli_table_cell(tb, t[i].key.fpr);
            cli_table_cell(tb, t[i].added_at);
            cli_table_cell(tb, t[i].added_by);
        }
        cli_table_print(tb, ctx->out);
    }
    free(t);
    return 0;
}

static int remove_key(struct nis5g_ctx *ctx, int argc, char **argv)
{
    if (argc != 3)
        return cli_fail(ctx, NIS5G_EUSAGE, "usage: nis5g trust remove CC");
    struct nis5g_err err = { 0 };
    char state[3];
    if (nis5g_state_norm(argv[2], state, &err) || nis5g_trust_remove(ctx->store, state, &err))
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "no longer trusted: %s (packages already held from it stay)\n", state);
    return 0;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2 && cli_is(argv[1], "add"))
        return add(ctx, argc, argv);
    if (argc >= 2 && cli_is(argv[1], "list"))
        return list(ctx, argc, argv);
    if (argc >= 2 && cli_is(argv[1], "remove"))
        return remove_key(ctx, argc, argv);
    return cli_fail(ctx, NIS5G_EUSAGE, "expected add, list or remove\nusage: nis5g %s", nis5g_cmd_trust.usage);
}

const struct nis5g_cmd nis5g_cmd_trust = {
    .name = "trust",
    .usage = "trust add CC PUBKEY_FILE [--replace] | trust list [--json] | trust remove CC",
    .summary = "manage the peer states' public keys that packages are verified against",
    .help = "Subcommands:\n"
            "  add CC FILE   trust the public key in FILE (made by keygen) for state CC;\n"
            "                --replace changes the key of a state already trusted\n"
            "  list          the trusted keys: state, fingerprint, added when and by whom\n"
            "  remove CC     forget CC's key (packages already held from it stay)\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
