/*
 * cli-access.h — what the commands that change the access records or
 * run an audited change (user, token, backup, submit, review) share:
 * reading a password from stdin, and running a change in one transaction
 * with its audit entry.
 */
#ifndef NIS5G_CLI_ACCESS_H
#define NIS5G_CLI_ACCESS_H

#include <stdint.h>

#include "cmd.h"

/* Who the command line is in the audit trail (docs/audit.md). */
#define CLI_AUDIT_USER "cli"
#define CLI_AUDIT_ROLE "admin"
#define CLI_AUDIT_ADDRESS "local"

/* The clock for the library's access functions: Unix seconds now. */
int64_t cli_time(void);

/* Read a password: one line of stdin, its newline (and a CR) stripped.
 * On a terminal it prompts on stderr with echo off and asks twice. A new
 * string (cli_password_free), or NULL after printing why. */
char *cli_read_password(struct nis5g_ctx *ctx, const char *what);
void cli_password_free(char *pw);

/* Begin a change: BEGIN IMMEDIATE. Then cli_change_end commits it with an
 * audit entry (action, target, detail, outcome "ok") when rc is 0, else
 * rolls it back. Both return 0 or an error code, with err filled. */
int cli_change_begin(struct nis5g_ctx *ctx, struct nis5g_err *err);
int cli_change_end(struct nis5g_ctx *ctx, int rc, const char *action, const char *target, const char *detail,
                   struct nis5g_err *err);

/* Run the query q as one audited change: cli_change_begin, compute q into
 * result (cli_query_compute), then cli_change_end with action and what
 * describe says of it. 0, or the exit status after printing why (nothing
 * changed). Release result with cli_query_release either way. */
int cli_change_query(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *params, void *result,
                     const char *action, cli_change_describe *describe);

#endif
