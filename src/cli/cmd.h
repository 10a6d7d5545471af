/*
 * cmd.h — the CLI's command table and the helpers every command shares.
 *
 * Each cmd-foo.c defines `const struct nis5g_cmd nis5g_cmd_foo`; cmd.c lists
 * them. main.c does the shared work once: global flags (--db), lookup with a
 * "did you mean", --help, opening the workspace in the mode the command asks
 * for, and checking that stdout was written without error.
 */
#ifndef NIS5G_CLI_CMD_H
#define NIS5G_CLI_CMD_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/import.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/query.h"
#include "nis5g/text.h"
#include "nis5g/store.h"

enum {
    CMD_NO_STORE = 0,    /* the command does not touch a workspace */
    CMD_STORE_READ = 1,  /* open the workspace (created on first use) */
    CMD_STORE_WRITE = 2, /* open it for writing (created on first use) */
    CMD_STORE_SELF = 4,  /* uses the workspace of --db but opens it itself (serve) */
    CMD_STORE_EXISTING = 8, /* open an existing workspace for writing; never create one */
};

struct nis5g_cmd;
struct nis5g_buf;

/* What an audited change's entry says (cli_change_query, cli-access.h):
 * describe appends its target and detail, from the query's parameters and
 * its computed result. */
typedef void cli_change_describe(const void *params, const void *result, struct nis5g_buf *target,
                                 struct nis5g_buf *detail);

struct nis5g_ctx {
    const char *db_path;       /* --db, $NIS5G_DB or ./nis5g.db */
    struct nis5g_store *store; /* opened by main.c per the command's flags */
    FILE *out;                 /* stdout */
    int err_tty;               /* stderr is a terminal: show progress */
    const char *cmd_name;       /* the top-level command's name, for messages */
    const struct nis5g_cmd *top; /* the top-level command (its usage on errors) */
    struct nis5g_query_env env;  /* for the library's queries (query.c) */
    struct nis5g_diags diags;    /* what the queries' parsers said */
};

struct nis5g_cmd {
    const char *name;    /* "import", or a subcommand's own word: "set" */
    const char *summary; /* one line for `nis5g help` */
    /* The options (opts.h): parsed by main.c into a zeroed parameters
     * struct of params_size bytes, after init() has set the defaults. A
     * query command's init runs on the query's own parameters after the
     * query's params_init: what the command line adds (who runs it). */
    const struct nis5g_opt *opts;
    size_t params_size;
    void (*init)(void *params);
    unsigned flags; /* CMD_* */
    /* Returns an exit status 0-3. params is released after it returns. */
    int (*run)(struct nis5g_ctx *ctx, void *params);
    /* Subcommands ("measures set"): argv[1] naming one runs it instead. */
    const struct nis5g_cmd *const *subs;
    const char *help_extra; /* paragraphs after the options in `nis5g help CMD` */

    /* A command that is one query of the table (summary, diversity ...):
     * main.c runs it. Its options are CLI_QUERY_OPTS(the query's table);
     * --json prints the query's document, else print(ctx, result) renders
     * the same result for people (0, or the exit status). */
    const struct nis5g_query *query;
    int (*print)(struct nis5g_ctx *ctx, const void *result);
    /* The exit status of a result when it is not 0 with --json too (verify). */
    int (*status)(const void *result);
    /* A query that the command line runs as one audited change (submit,
     * review; cli_change_query): the audit entry's action and what it names. */
    const char *audit;
    cli_change_describe *describe;
};

extern const struct nis5g_cmd *const nis5g_commands[];
const struct nis5g_cmd *cmd_find(const char *name);
void cmd_print_help(FILE *f, const struct nis5g_cmd *c);
/* manpage.c: the man page of a command (the overview for NULL) and the
 * bash completion, from the tables. 0, or 2 for an unknown command. */
int cli_man(FILE *f, const char *name);
int cli_completion(FILE *f);

/* options.c: argv (argv[0] is the command's word) into params through
 * c->opts. 0, or the exit status after printing the error and the usage. */
int cli_parse_opts(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, void *params, int argc, char **argv);
/* The usage lines of c and its subcommands, the first after prefix. */
void cli_usage(struct nis5g_buf *b, const struct nis5g_cmd *c, const char *prefix);

/* Print "nis5g CMD: <message>" and returns the exit status for code. */
int cli_fail(struct nis5g_ctx *ctx, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int cli_fail_err(struct nis5g_ctx *ctx, const struct nis5g_err *err);
/* Print diagnostics: "file:line:col: error: msg — got 'v'", the line, a caret. */
void cli_print_diags(struct nis5g_ctx *ctx, const struct nis5g_diags *d);

/* Who runs the command: $USER, else the account's name, else "unknown". */
const char *cli_login_name(void);
/* Write doc to path (two-space indent, keys in order, a final newline)
 * with the atomic writer. 0, or the exit status after printing why. */
int cli_write_json_file(struct nis5g_ctx *ctx, const char *path, const json_t *doc);

/* Dump a JSON value to ctx->out as nis5g_json_dump writes it, and release it. */
int cli_print_json(struct nis5g_ctx *ctx, json_t *v);

/* The parameters of a query command: --json, then the query's own. */
struct cli_query_params {
    int json;
    max_align_t q[];
};
#define CLI_QUERY_OPTS(table, json_help)                                         \
    NIS5G_OPT_INCLUDE_(struct cli_query_params, q, table),                       \
        NIS5G_OPT_FLAG_(struct cli_query_params, "json", json, 1, json_help), NIS5G_OPT_END_
/* Run a query command (main.c): compute, print, release. */
int cli_query_cmd_run(struct nis5g_ctx *ctx, const struct nis5g_cmd *c, struct cli_query_params *p);

/* Queries (query.c): compute q into result (zeroed, q->result_size bytes)
 * with the command line's environment (the workspace, policy files read
 * from disk), printing diagnostics and errors. 0, or the exit status.
 * Release the result with cli_query_release either way. */
int cli_query_compute(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *params, void *result);
/* Print q's JSON document of result. 0, or 3 when it cannot be written. */
int cli_query_print_json(struct nis5g_ctx *ctx, const struct nis5g_query *q, const void *result);
void cli_query_release(struct nis5g_ctx *ctx, const struct nis5g_query *q, void *result);

/* A progress callback for the library: prints to stderr on a terminal only. */
void cli_progress(void *ctx, const char *phase, uint64_t done, uint64_t total);
void cli_progress_done(struct nis5g_ctx *ctx);

/* Load the model of a snapshot: --snapshot DATE, or the latest (snapshot_day
 * NIS5G_NO_DATE). On failure prints the error and returns the exit status
 * (>0); on success returns 0. */
int cli_load_model(struct nis5g_ctx *ctx, int32_t snapshot_day, unsigned parts, struct nis5g_model **out,
                   struct nis5g_snapshot *snap);

/* Phase timings for benchmarks: with NIS5G_TIMING=1 in the environment,
 * cli_timing prints "timing: WHAT S s" to stderr (seconds since `since`,
 * a cli_now() value). Silent otherwise. */
double cli_now(void);
void cli_timing(const char *what, double since);

/* Text tables for people: columns are left-aligned, or right-aligned when
 * their header is added with cli_table_num. Cells are copied. */
struct cli_table;
struct cli_table *cli_table_new(void);
void cli_table_col(struct cli_table *t, const char *header, int right_align);
void cli_table_cell(struct cli_table *t, const char *s);
void cli_table_cellf(struct cli_table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void cli_table_print(struct cli_table *t, FILE *f); /* then frees it */

#endif
