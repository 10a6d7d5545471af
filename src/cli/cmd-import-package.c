/*
 * cmd-import-package.c — `nis5g import-package FILE...`: verify peers'
 * packages and keep them (package.h). All or nothing: one refused package
 * and nothing changes.
 */
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"

static const char *login_name(void)
{
    const char *u = getenv("USER");
    if (u && *u)
        return u;
    struct passwd *pw = getpwuid(getuid());
    return pw ? pw->pw_name : "unknown";
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    const char **files = nis5g_xcalloc((size_t)argc, sizeof *files);
    size_t n = 0;
    for (int i = 1; i < argc; i++) {
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-' && argv[i][1]) {
            free(files);
            return cli_bad_option(ctx, argv[i]);
        } else
            files[n++] = argv[i];
    }
    if (!n) {
        free(files);
        return cli_fail(ctx, NIS5G_EUSAGE, "needs at least one package file\nusage: nis5g import-package FILE...");
    }
    struct nis5g_err err = { 0 };
    struct nis5g_pubkey self;
    if (nis5g_identity_get(ctx->store, &self, &err)) {
        free(files);
        return cli_fail_err(ctx, &err);
    }
    struct nis5g_import_result *res = nis5g_xcalloc(n, sizeof *res);
    int rc = nis5g_package_import(ctx->store, files, n, self.state, login_name(), res, &err);
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_pack("{s:s, s:b, s:s}", "file", files[i], "accepted", res[i].code == 0,
                                  res[i].code ? "reason" : "result", res[i].msg);
            if (res[i].signer[0])
                json_object_set_new(o, "signer", json_string(res[i].signer));
            if (res[i].snapshot[0])
                json_object_set_new(o, "snapshot", json_string(res[i].snapshot));
            if (res[i].fpr[0])
                json_object_set_new(o, "fingerprint", json_string(res[i].fpr));
            if (res[i].code)
                json_object_set_new(o, "code", json_string(nis5g_strerror(res[i].code)));
            json_array_append_new(arr, o);
        }
        cli_print_json(ctx, json_pack("{s:b, s:o}", "imported", rc == 0, "packages", arr));
    } else {
        for (size_t i = 0; i < n; i++) {
            if (res[i].code)
                fprintf(stderr, "%s: refused: %s\n", files[i], res[i].msg);
            else if (rc) /* all or nothing: it passed its checks, but was not kept */
                fprintf(ctx->out, "%s: not imported, though it passed its checks (%s)\n", files[i], res[i].msg);
            else
                fprintf(ctx->out, "%s: %s\n", files[i], res[i].msg);
        }
    }
    int status = 0;
    if (rc) {
        if (!json)
            fprintf(stderr, "nis5g import-package: %s\n", err.msg);
        status = nis5g_exit_status(rc);
    }
    free(res);
    free(files);
    return status;
}

const struct nis5g_cmd nis5g_cmd_import_package = {
    .name = "import-package",
    .usage = "import-package FILE... [--json]",
    .summary = "verify peers' signed national packages and keep them (all or nothing)",
    .help = "Each package must be signed by the key trusted for the state it names (nis5g trust),\n"
            "unaltered, addressed to this workspace's state (or to no named recipients), and not\n"
            "older than the one held from that state for the same snapshot. One refusal and\n"
            "nothing is imported.\n"
            "Options:\n"
            "  --json     {\"imported\": bool, \"packages\": [{\"file\", \"accepted\", \"result\"|\"reason\", ...}]}\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
