/*
 * cmd-keygen.c — `nis5g keygen --state CC -o FILE`: an Ed25519 key pair for
 * a Member State (keys.h). The workspace records the state and public key
 * as its own identity, so that import-package knows who it is.
 */
#include "cmd.h"
#include "nis5g/keys.h"

struct params {
    const char *state;
    const char *out;
};

static const struct nis5g_opt opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "state", .arg = "CC", .offset = offsetof(struct params, state),
      .help = "the state the key signs for (ISO 3166-1, EL is stored as GR)",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    { .type = NIS5G_OPT_STRING, .short_name = 'o', .arg = "FILE", .offset = offsetof(struct params, out),
      .help = "the secret key file (mode 0600, never overwritten); the public key goes to FILE.pub",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_err err = { 0 };
    char cc[3];
    if (nis5g_state_norm(p->state, cc, &err))
        return cli_fail_err(ctx, &err);
    struct nis5g_pubkey pub;
    if (nis5g_keygen(cc, p->out, &pub, &err) || nis5g_identity_set(ctx->store, &pub, &err))
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out,
            "secret key: %s (mode 0600; keep it secret)\n"
            "public key: %s.pub (give it to your peers: nis5g trust add %s %s.pub)\n"
            "state:      %s\n"
            "fingerprint: %s\n",
            p->out, p->out, pub.state, p->out, pub.state, pub.fpr);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_keygen = {
    .name = "keygen",
    .summary = "make an Ed25519 key pair for a Member State (secret in FILE, public in FILE.pub)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run,
    .help_extra = "The workspace records the state and public key as its own identity.\n",
};
