/*
 * cmd-keygen.c — `nis5g keygen --state CC -o FILE`: an Ed25519 key pair for
 * a Member State (keys.h). The workspace records the state and public key
 * as its own identity, so that import-package knows who it is.
 */
#include "cmd.h"
#include "nis5g/keys.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *state = NULL, *out = NULL, *v;
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_opt(ctx, argc, argv, &i, "--state", &v)) != 0) {
            if (r < 0)
                return 2;
            state = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "-o", &v)) != 0) {
            if (r < 0)
                return 2;
            out = v;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    if (!state || !out)
        return cli_fail(ctx, NIS5G_EUSAGE, "needs --state CC and -o FILE\nusage: nis5g keygen --state CC -o FILE");
    struct nis5g_err err = { 0 };
    char cc[3];
    if (nis5g_state_norm(state, cc, &err))
        return cli_fail_err(ctx, &err);
    struct nis5g_pubkey pub;
    if (nis5g_keygen(cc, out, &pub, &err) || nis5g_identity_set(ctx->store, &pub, &err))
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out,
            "secret key: %s (mode 0600; keep it secret)\n"
            "public key: %s.pub (give it to your peers: nis5g trust add %s %s.pub)\n"
            "state:      %s\n"
            "fingerprint: %s\n",
            out, out, pub.state, out, pub.state, pub.fpr);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_keygen = {
    .name = "keygen",
    .usage = "keygen --state CC -o FILE",
    .summary = "make an Ed25519 key pair for a Member State (secret in FILE, public in FILE.pub)",
    .help = "Options:\n"
            "  --state CC   the state the key signs for (ISO 3166-1, EL is stored as GR)\n"
            "  -o FILE      the secret key file (created with mode 0600, never overwritten);\n"
            "               the public key goes to FILE.pub\n"
            "The workspace records the state and public key as its own identity.\n",
    .flags = CMD_STORE_WRITE,
    .run_argv = run,
};
