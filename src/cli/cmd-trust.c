/*
 * cmd-trust.c — `nis5g trust add|list|remove`: the peer keys this
 * workspace accepts packages from (the trust operations, keys.h).
 */
#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "cmd.h"
#include "nis5g/keys.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_trust_params q;
    int json;
};

static const struct nis5g_opt add_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_trust_add_opts),
    NIS5G_OPT_END_,
};
static const struct nis5g_opt list_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_trust_list_opts),
    NIS5G_OPT_FLAG_(struct params, "json", json, 1, "print the list as JSON"),
    NIS5G_OPT_END_,
};
static const struct nis5g_opt remove_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_trust_remove_opts),
    NIS5G_OPT_END_,
};

static int run_add(struct nis5g_ctx *ctx, void *params)
{
    struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_trust_add;
    p->q.by = cli_login_name();
    struct nis5g_trust_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc)
        fprintf(ctx->out, "trusted %s: key %s\n", r.key.state, r.key.fpr);
    cli_query_release(ctx, q, &r);
    return rc;
}

static void print_list(struct nis5g_ctx *ctx, const struct nis5g_trust_result *r)
{
    if (r->n == 0) {
        fprintf(ctx->out, "no trusted keys; add one with 'nis5g trust add CC PUBKEY_FILE'\n");
        return;
    }
    struct cli_table *tb = cli_table_new();
    cli_table_col(tb, "state", 0);
    cli_table_col(tb, "fingerprint", 0);
    cli_table_col(tb, "added", 0);
    cli_table_col(tb, "by", 0);
    for (size_t i = 0; i < r->n; i++) {
        cli_table_cell(tb, r->list[i].key.state);
        cli_table_cell(tb, r->list[i].key.fpr);
        cli_table_cell(tb, r->list[i].added_at);
        cli_table_cell(tb, r->list[i].added_by);
    }
    cli_table_print(tb, ctx->out);
}

static int run_list(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_trust_list;
    struct nis5g_trust_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_list(ctx, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

static int run_remove(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_trust_remove;
    struct nis5g_trust_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc)
        fprintf(ctx->out, "no longer trusted: %s (packages already held from it stay)\n", r.key.state);
    cli_query_release(ctx, q, &r);
    return rc;
}

static const struct nis5g_cmd add = {
    .name = "add",
    .summary = "trust the public key in PUBKEY_FILE (made by keygen) for state CC",
    .opts = add_opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run_add,
};
static const struct nis5g_cmd list = {
    .name = "list",
    .summary = "the trusted keys: state, fingerprint, added when and by whom",
    .opts = list_opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_READ,
    .run = run_list,
};
static const struct nis5g_cmd remove_cmd = {
    .name = "remove",
    .summary = "forget CC's key (packages already held from it stay)",
    .opts = remove_opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = run_remove,
};
static const struct nis5g_cmd *const subs[] = { &add, &list, &remove_cmd, NULL };

const struct nis5g_cmd nis5g_cmd_trust = {
    .name = "trust",
    .summary = "manage the peer states' public keys that packages are verified against",
    .flags = CMD_STORE_WRITE,
    .subs = subs,
    .help_extra = "add trusts the public key in PUBKEY_FILE (made by keygen) for state CC; list shows the\n"
                  "trusted keys: state, fingerprint, added when and by whom; remove forgets CC's key.\n",
};
