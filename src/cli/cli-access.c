/*
 * cli-access.c — passwords from stdin and audited changes for the user,
 * token, backup and submission commands (cli-access.h).
 *
 * A password is one line of stdin so that scripts can pipe it in
 * (`printf '%s\n' "$PW" | nis5g user add ...`); on a terminal the echo is
 * turned off and the password asked twice, since a typo would otherwise
 * lock the user out. No getpass(3): it is obsolete and reads /dev/tty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli-access.h"
#include "nis5g/audit.h"
#include "nis5g/buf.h"

int64_t cli_time(void)
{
    return (int64_t)time(NULL);
}

void cli_password_free(char *pw)
{
    if (!pw)
        return;
    explicit_bzero(pw, strlen(pw));
    free(pw);
}

/* One line of stdin without its newline, or NULL at end of input. */
static char *read_line(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n = getline(&line, &cap, stdin);
    if (n < 0) {
        free(line);
        return NULL;
    }
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = 0;
    return line;
}

/* On a terminal: prompt on stderr and read with echo off. */
static char *read_tty(const char *prompt)
{
    struct termios old, quiet;
    int have = tcgetattr(STDIN_FILENO, &old) == 0;
    fprintf(stderr, "%s", prompt);
    fflush(stderr);
    if (have) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *line = read_line();
    if (have)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    fputc('\n', stderr);
    return line;
}

char *cli_read_password(struct nis5g_ctx *ctx, const char *what)
{
    if (!isatty(STDIN_FILENO)) {
        char *pw = read_line();
        if (!pw)
            cli_fail(ctx, NIS5G_EUSAGE, "no %s on standard input (give it as one line)", what);
        return pw;
    }
    char prompt[128];
    snprintf(prompt, sizeof prompt, "%s: ", what);
    char *pw = read_tty(prompt);
    if (!pw) {
        cli_fail(ctx, NIS5G_EUSAGE, "no password given");
        return NULL;
    }
    snprintf(prompt, sizeof prompt, "%s again: ", what);
    char *again = read_tty(prompt);
    int same = again && strcmp(pw, again) == 0;
    cli_password_free(again);
    if (!same) {
        cli_password_free(pw);
        cli_fail(ctx, NIS5G_EINPUT, "the two passwords differ; nothing changed");
        return NULL;
    }
    return pw;
}

int cli_change_begin(struct nis5g_ctx *ctx, struct nis5g_err *err)
{
    return nis5g_store_exec(ctx->store, "BEGIN IMMEDIATE", err);
}

int cli_change_end(struct nis5g_ctx *ctx, int rc, const char *action, const char *target, const char *detail,
                   struct nis5g_err *err)
{
    if (!rc) {
        struct nis5g_audit_entry e = {
            .user = CLI_AUDIT_USER, .role = CLI_AUDIT_ROLE, .address = CLI_AUDIT_ADDRESS,
            .action = (char *)action, .target = (char *)target, .outcome = "ok", .detail = (char *)detail,
        };
        rc = nis5g_audit_append(ctx->store, &e, NULL, err);
    }
    if (!rc)
        rc = nis5g_store_exec(ctx->store, "COMMIT", err);
    if (rc) {
        struct nis5g_err ignored = { 0 };
        nis5g_store_exec(ctx->store, "ROLLBACK", &ignored);
    }
    return rc;
}

int cli_change_query(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *params, void *result,
                     const char *action, cli_change_describe *describe)
{
    struct nis5g_err err = { 0 };
    if (cli_change_begin(ctx, &err))
        return cli_fail_err(ctx, &err);
    int rc = cli_query_compute(ctx, q, params, result);
    struct nis5g_buf target = NIS5G_BUF_INIT, detail = NIS5G_BUF_INIT;
    if (!rc)
        describe(params, result, &target, &detail);
    if (cli_change_end(ctx, rc, action, target.data, detail.data, &err) && !rc)
        rc = cli_fail_err(ctx, &err);
    nis5g_buf_release(&target);
    nis5g_buf_release(&detail);
    return rc;
}
