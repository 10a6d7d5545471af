/*
 * cmd-audit.c — `nis5g audit [--since DATE] [--user NAME] [--action A]`
 * lists the audit trail; `nis5g audit verify` walks its hash chain and
 * names the first entry altered or removed (audit.h, docs/audit.md).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/audit.h"
#include "nis5g/date.h"

struct params {
    struct nis5g_audit_filter f;
    int json;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_DATE_(struct params, "since", f.since, "entries from that day on (UTC)"),
    NIS5G_OPT_STR_(struct params, "user", 0, "NAME", f.user, "entries of that user ('cli' for the command line)"),
    NIS5G_OPT_STR_(struct params, "action", 0, "A", f.action, "entries of that action (user.add, login, ...)"),
    NIS5G_OPT_JSON(struct params, json),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    ((struct params *)params)->f.since = NIS5G_NO_DATE;
}

static void print_text(struct nis5g_ctx *ctx, const struct nis5g_audit_list *l)
{
    if (l->n == 0) {
        fprintf(ctx->out, "no audit entries\n");
        return;
    }
    struct cli_table *t = cli_table_new();
    const char *cols[] = { "id", "at", "user", "role", "address", "action", "target", "outcome", "detail" };
    for (size_t c = 0; c < 9; c++)
        cli_table_col(t, cols[c], c == 0);
    for (size_t i = 0; i < l->n; i++) {
        const struct nis5g_audit_entry *e = &l->v[i];
        cli_table_cellf(t, "%" PRId64, e->id);
        cli_table_cell(t, e->at);
        cli_table_cell(t, e->user);
        cli_table_cell(t, e->role);
        cli_table_cell(t, e->address);
        cli_table_cell(t, e->action);
        cli_table_cell(t, e->target);
        cli_table_cell(t, e->outcome);
        cli_table_cell(t, e->detail);
    }
    cli_table_print(t, ctx->out);
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_audit_list l;
    struct nis5g_err err = { 0 };
    if (nis5g_audit_list(ctx->store, &p->f, &l, &err))
        return cli_fail_err(ctx, &err);
    int rc = 0;
    if (p->json)
        rc = cli_print_json(ctx, nis5g_audit_list_json(&l));
    else
        print_text(ctx, &l);
    nis5g_audit_list_release(&l);
    return rc;
}

static int verify_run(struct nis5g_ctx *ctx, void *params)
{
    struct nis5g_audit_check c;
    struct nis5g_err err = { 0 };
    if (nis5g_audit_verify(ctx->store, &c, &err))
        return cli_fail_err(ctx, &err);
    if (c.intact) {
        fprintf(ctx->out, "audit trail intact: %" PRId64 " entries\n", c.entries);
        return 0;
    }
    fprintf(ctx->out, "audit trail altered: entry %" PRId64 ": %s\n", c.id, c.what);
    return 1;
}

static const struct nis5g_cmd audit_verify = {
    .name = "verify",
    .summary = "check the hash chain: exit 0 when intact, 1 naming the first entry altered or removed",
    .flags = CMD_STORE_READ,
    .run = verify_run,
};

static const struct nis5g_cmd *const subs[] = { &audit_verify, NULL };

const struct nis5g_cmd nis5g_cmd_audit = {
    .name = "audit",
    .summary = "the audit trail: who changed what, logins, refusals, exports; and its verification",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .subs = subs,
};
