/*
 * cmd-token.c — `nis5g token create|list|revoke`: API tokens for scripts
 * (tokens.h, docs/token.md). A token is printed once, alone on the last
 * line of `create`'s output, so that a script can take it with tail -1.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli-access.h"
#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/tokens.h"

/* Unix seconds as the workspace writes times (UTC, ISO 8601). */
/* ---- token create ---- */

struct create_params {
    const char *user;
    uint64_t days;
};

static const struct nis5g_opt create_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "NAME", .help = "the user the token acts as",
      .offset = offsetof(struct create_params, user), .flags = NIS5G_OPT_REQUIRED },
    NIS5G_OPT_UINT_(struct create_params, "expires", "DAYS", days,
                    "days until it expires: 1 to 3650 (default: 90; there are no tokens without expiry)"),
    NIS5G_OPT_END_,
};

static void create_init(void *params)
{
    ((struct create_params *)params)->days = NIS5G_TOKEN_DAYS_DEFAULT;
}

static int create_run(struct nis5g_ctx *ctx, void *params)
{
    const struct create_params *p = params;
    struct nis5g_err err = { 0 };
    char secret[NIS5G_TOKEN_LEN + 1], expires[32], detail[64];
    struct nis5g_token t;
    int rc = cli_change_begin(ctx, &err);
    if (!rc) {
        rc = nis5g_token_create(ctx->store, p->user, p->days, cli_time(), secret, &t, &err);
        snprintf(detail, sizeof detail, "user %s, %llu days", p->user, (unsigned long long)p->days);
        rc = cli_change_end(ctx, rc, "token.create", rc ? "" : t.id, detail, &err);
    }
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "token %s for %s, expires %s; it is shown only this once:\n%s\n", t.id, t.user,
            nis5g_utc_format(t.expires, expires), secret);
    explicit_bzero(secret, sizeof secret);
    return 0;
}

static const struct nis5g_cmd token_create = {
    .name = "create",
    .summary = "create a token for a user; printed once, alone on the last line",
    .opts = create_opts,
    .params_size = sizeof(struct create_params),
    .init = create_init,
    .flags = CMD_STORE_WRITE,
    .run = create_run,
};

/* ---- token list ---- */

struct list_params {
    int json;
};

static const struct nis5g_opt list_opts[] = {
    NIS5G_OPT_JSON(struct list_params, json),
    NIS5G_OPT_END_,
};

static int list_run(struct nis5g_ctx *ctx, void *params)
{
    const struct list_params *p = params;
    struct nis5g_token *l;
    size_t n;
    struct nis5g_err err = { 0 };
    int64_t now = cli_time();
    if (nis5g_token_list(ctx->store, &l, &n, &err))
        return cli_fail_err(ctx, &err);
    if (p->json) {
        json_t *j = nis5g_tokens_json(l, n, now);
        free(l);
        return cli_print_json(ctx, j);
    }
    if (n == 0) {
        fprintf(ctx->out, "no tokens; create one with 'nis5g token create NAME'\n");
    } else {
        struct cli_table *t = cli_table_new();
        const char *cols[] = { "id", "user", "created", "expires", "revoked", "state" };
        for (size_t c = 0; c < 6; c++)
            cli_table_col(t, cols[c], 0);
        char b[32];
        for (size_t i = 0; i < n; i++) {
            cli_table_cell(t, l[i].id);
            cli_table_cell(t, l[i].user);
            cli_table_cell(t, nis5g_utc_format(l[i].created, b));
            cli_table_cell(t, nis5g_utc_format(l[i].expires, b));
            cli_table_cell(t, l[i].revoked ? nis5g_utc_format(l[i].revoked, b) : "-");
            cli_table_cell(t, nis5g_token_state(&l[i], now));
        }
        cli_table_print(t, ctx->out);
    }
    free(l);
    return 0;
}

static const struct nis5g_cmd token_list = {
    .name = "list",
    .summary = "the tokens (never the tokens themselves): id, user, created, expires, revoked",
    .opts = list_opts,
    .params_size = sizeof(struct list_params),
    .flags = CMD_STORE_READ,
    .run = list_run,
};

/* ---- token revoke ---- */

struct revoke_params {
    const char *id;
};

static const struct nis5g_opt revoke_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "ID", .help = "the token's id (see 'nis5g token list')",
      .offset = offsetof(struct revoke_params, id), .flags = NIS5G_OPT_REQUIRED },
    NIS5G_OPT_END_,
};

static int revoke_run(struct nis5g_ctx *ctx, void *params)
{
    const struct revoke_params *p = params;
    struct nis5g_err err = { 0 };
    int rc = cli_change_begin(ctx, &err);
    if (!rc) {
        rc = nis5g_token_revoke(ctx->store, p->id, cli_time(), &err);
        rc = cli_change_end(ctx, rc, "token.revoke", p->id, "", &err);
    }
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "revoked token %s\n", p->id);
    return 0;
}

static const struct nis5g_cmd token_revoke = {
    .name = "revoke",
    .summary = "revoke a token at once",
    .opts = revoke_opts,
    .params_size = sizeof(struct revoke_params),
    .flags = CMD_STORE_WRITE,
    .run = revoke_run,
};

static const struct nis5g_cmd *const token_subs[] = { &token_create, &token_list, &token_revoke, NULL };

const struct nis5g_cmd nis5g_cmd_token = {
    .name = "token",
    .summary = "API tokens for scripts (Authorization: Bearer TOKEN): create, list, revoke",
    .flags = CMD_STORE_WRITE,
    .subs = token_subs,
    .help_extra = "A token is stored only as a hash: 'create' prints it once; a lost token is revoked\n"
                  "and replaced. Every change is recorded in the audit trail as user 'cli'.\n",
};
