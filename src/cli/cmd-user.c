/*
 * cmd-user.c — `nis5g user add|list|disable|passwd`: the server's users
 * (users.h, docs/user.md). Every change is recorded in the audit trail in
 * the same transaction.
 */
#include <stdlib.h>
#include <string.h>

#include "cli-access.h"
#include "cmd.h"
#include "nis5g/users.h"

/* ---- user add ---- */

struct add_params {
    const char *name;
    int role;
    const char *operator_id;
    const char *state;
};

static const struct nis5g_opt add_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "NAME", .help = "the user name: 1-64 of A-Z a-z 0-9 . _ @ -",
      .offset = offsetof(struct add_params, name), .flags = NIS5G_OPT_REQUIRED },
    { .type = NIS5G_OPT_CHOICE, .name = "role", .arg = "ROLE", .help = "admin, analyst, operator or peer",
      .offset = offsetof(struct add_params, role), .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE,
      .choices = nis5g_role_names },
    NIS5G_OPT_STR_(struct add_params, "operator", 0, "OP", operator_id,
                   "the operator id of a user of role operator (required for it, refused for others)"),
    NIS5G_OPT_STR_(struct add_params, "state", 0, "CC",
                   state, "the state (two capital letters) of a user of role peer (required for it only)"),
    NIS5G_OPT_END_,
};

static int add_run(struct nis5g_ctx *ctx, void *params)
{
    const struct add_params *p = params;
    struct nis5g_user u = { .role = (enum nis5g_role)p->role };
    struct nis5g_err err = { 0 };
    /* check what can be checked before asking for the password */
    if (nis5g_user_name_check(p->name, &err))
        return cli_fail_err(ctx, &err);
    if (p->operator_id && strlen(p->operator_id) >= sizeof u.operator_id)
        return cli_fail(ctx, NIS5G_EINPUT, "an operator id has at most %d characters — got '%s'",
                        NIS5G_USER_NAME_MAX, p->operator_id);
    if (p->state && strlen(p->state) >= sizeof u.state) {
        if (u.role == NIS5G_ROLE_PEER)
            return cli_fail(ctx, NIS5G_EINPUT, "a user of role peer needs its state: two capital letters"
                                               " (ISO 3166-1 alpha-2) — got '%s'", p->state);
        return cli_fail(ctx, NIS5G_EINPUT, "only a user of role peer has a state, not a %s",
                        nis5g_role_names[u.role]);
    }
    snprintf(u.name, sizeof u.name, "%s", p->name);
    snprintf(u.operator_id, sizeof u.operator_id, "%s", p->operator_id ? p->operator_id : "");
    snprintf(u.state, sizeof u.state, "%s", p->state ? p->state : "");
    if (nis5g_user_check(&u, &err))
        return cli_fail_err(ctx, &err);
    char *pw = cli_read_password(ctx, "password");
    if (!pw)
        return 2;
    int rc = cli_change_begin(ctx, &err);
    if (!rc) {
        rc = nis5g_user_add(ctx->store, &u, pw, cli_time(), &err);
        char detail[128];
        snprintf(detail, sizeof detail, "role %s%s%s%s%s", nis5g_role_names[u.role], u.operator_id[0] ? ", operator " : "",
                 u.operator_id, u.state[0] ? ", state " : "", u.state);
        rc = cli_change_end(ctx, rc, "user.add", u.name, detail, &err);
    }
    cli_password_free(pw);
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "added user %s (%s)\n", u.name, nis5g_role_names[u.role]);
    return 0;
}

static const struct nis5g_cmd user_add = {
    .name = "add",
    .summary = "add a user; its password is read from standard input",
    .opts = add_opts,
    .params_size = sizeof(struct add_params),
    .flags = CMD_STORE_WRITE,
    .run = add_run,
};

/* ---- user list ---- */

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
    struct nis5g_user *l;
    size_t n;
    struct nis5g_err err = { 0 };
    if (nis5g_user_list(ctx->store, &l, &n, &err))
        return cli_fail_err(ctx, &err);
    if (p->json) {
        json_t *j = nis5g_users_json(l, n);
        free(l);
        return cli_print_json(ctx, j);
    }
    if (n == 0) {
        fprintf(ctx->out, "no users; add one with 'nis5g user add NAME --role ROLE'\n");
    } else {
        struct cli_table *t = cli_table_new();
        const char *cols[] = { "name", "role", "operator", "state", "status", "created" };
        for (size_t c = 0; c < 6; c++)
            cli_table_col(t, cols[c], 0);
        for (size_t i = 0; i < n; i++) {
            cli_table_cell(t, l[i].name);
            cli_table_cell(t, nis5g_role_names[l[i].role]);
            cli_table_cell(t, l[i].operator_id[0] ? l[i].operator_id : "-");
            cli_table_cell(t, l[i].state[0] ? l[i].state : "-");
            cli_table_cell(t, l[i].disabled ? "disabled" : "enabled");
            cli_table_cell(t, l[i].created);
        }
        cli_table_print(t, ctx->out);
    }
    free(l);
    return 0;
}

static const struct nis5g_cmd user_list = {
    .name = "list",
    .summary = "the users, by name",
    .opts = list_opts,
    .params_size = sizeof(struct list_params),
    .flags = CMD_STORE_READ,
    .run = list_run,
};

/* ---- user disable, user passwd ---- */

struct name_params {
    const char *name;
};

static const struct nis5g_opt name_opts[] = {
    { .type = NIS5G_OPT_STRING, .arg = "NAME", .help = "the user name",
      .offset = offsetof(struct name_params, name), .flags = NIS5G_OPT_REQUIRED },
    NIS5G_OPT_END_,
};

static int disable_run(struct nis5g_ctx *ctx, void *params)
{
    const struct name_params *p = params;
    struct nis5g_err err = { 0 };
    int rc = cli_change_begin(ctx, &err);
    if (!rc) {
        rc = nis5g_user_disable(ctx->store, p->name, cli_time(), &err);
        rc = cli_change_end(ctx, rc, "user.disable", p->name, "", &err);
    }
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "disabled user %s; its sessions and tokens have ended\n", p->name);
    return 0;
}

static int passwd_run(struct nis5g_ctx *ctx, void *params)
{
    const struct name_params *p = params;
    struct nis5g_err err = { 0 };
    struct nis5g_user u;
    if (nis5g_user_get(ctx->store, p->name, &u, &err))
        return cli_fail_err(ctx, &err);
    char *pw = cli_read_password(ctx, "new password");
    if (!pw)
        return 2;
    int rc = cli_change_begin(ctx, &err);
    if (!rc) {
        rc = nis5g_user_set_password(ctx->store, p->name, pw, cli_time(), &err);
        rc = cli_change_end(ctx, rc, "user.passwd", p->name, "", &err);
    }
    cli_password_free(pw);
    if (rc)
        return cli_fail_err(ctx, &err);
    fprintf(ctx->out, "changed the password of %s; its sessions and tokens have ended\n", p->name);
    return 0;
}

static const struct nis5g_cmd user_disable = {
    .name = "disable",
    .summary = "disable a user: no more logins; its sessions and tokens end at once",
    .opts = name_opts,
    .params_size = sizeof(struct name_params),
    .flags = CMD_STORE_WRITE,
    .run = disable_run,
};

static const struct nis5g_cmd user_passwd = {
    .name = "passwd",
    .summary = "set a user's password (read from standard input); its sessions and tokens end",
    .opts = name_opts,
    .params_size = sizeof(struct name_params),
    .flags = CMD_STORE_WRITE,
    .run = passwd_run,
};

static const struct nis5g_cmd *const user_subs[] = { &user_add, &user_list, &user_disable, &user_passwd, NULL };

const struct nis5g_cmd nis5g_cmd_user = {
    .name = "user",
    .summary = "the server's users: add, list, disable, change a password",
    .flags = CMD_STORE_WRITE,
    .subs = user_subs,
    .help_extra = "A password is one line of standard input (at least 10 characters); on a terminal it is\n"
                  "asked twice, without echo. Every change is recorded in the audit trail as user 'cli'.\n",
};
