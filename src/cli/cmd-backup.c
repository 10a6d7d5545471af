/*
 * cmd-backup.c — `nis5g backup FILE` and `nis5g restore FILE`: a consistent
 * copy of the workspace while others write to it, and putting one back;
 * a damaged or newer-format copy is refused (backup.h, docs/backup.md).
 * Both are in the audit trail.
 */
#include "cli-access.h"
#include "cmd.h"
#include "nis5g/backup.h"

struct params {
    const char *file;
};

static const struct nis5g_opt backup_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "FILE", .help = "the copy to write (never an existing file)",
      .offset = offsetof(struct params, file), .flags = NIS5G_OPT_REQUIRED },
    NIS5G_OPT_END_,
};

static const struct nis5g_opt restore_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "FILE", .help = "a copy made by nis5g backup",
      .offset = offsetof(struct params, file), .flags = NIS5G_OPT_REQUIRED },
    NIS5G_OPT_END_,
};

/* An audit entry of its own for what was just done. */
static int audited(struct nis5g_ctx *ctx, const char *action, const char *file)
{
    struct nis5g_err err = { 0 };
    int rc = cli_change_begin(ctx, &err);
    if (!rc)
        rc = cli_change_end(ctx, 0, action, file, "", &err);
    return rc ? cli_fail_err(ctx, &err) : 0;
}

static int backup_run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_err err = { 0 };
    if (nis5g_store_backup(ctx->store, p->file, &err))
        return cli_fail_err(ctx, &err);
    int rc = audited(ctx, "backup", p->file);
    if (!rc)
        fprintf(ctx->out, "wrote %s: a copy of %s\n", p->file, ctx->db_path);
    return rc;
}

/* The restore's audit entry, written into the restored content before it
 * replaces the workspace. */
struct restore_audit {
    struct nis5g_ctx *ctx;
    const char *file;
};

static int audit_restore(void *arg, struct nis5g_store *copy, struct nis5g_err *err)
{
    struct restore_audit *a = arg;
    struct nis5g_store *own = a->ctx->store;
    a->ctx->store = copy;
    int rc = cli_change_begin(a->ctx, err);
    if (!rc)
        rc = cli_change_end(a->ctx, 0, "restore", a->file, "", err);
    a->ctx->store = own;
    return rc;
}

static int restore_run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    struct nis5g_err err = { 0 };
    struct restore_audit a = { ctx, p->file };
    if (nis5g_store_restore_with(ctx->store, p->file, audit_restore, &a, &err))
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "restored %s from %s\n", ctx->db_path, p->file);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_backup = {
    .name = "backup",
    .summary = "write a consistent copy of the workspace, even while it is in use",
    .opts = backup_opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_EXISTING,
    .run = backup_run,
};

const struct nis5g_cmd nis5g_cmd_restore = {
    .name = "restore",
    .summary = "replace the workspace with a backup (a damaged or newer one is refused)",
    .opts = restore_opts,
    .params_size = sizeof(struct params),
    .flags = CMD_STORE_WRITE,
    .run = restore_run,
};
