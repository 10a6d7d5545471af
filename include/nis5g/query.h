/*
 * query.h — the one query layer that both front ends dispatch from.
 *
 * Every read-only question (summary, diversity, check, ...) and every
 * operation that changes the workspace (import, measures set, trust, ...)
 * is an entry of nis5g_queries[]: its name (the CLI command and the API
 * route /api/v1/NAME), its typed parameters as an option table (opts.h),
 * and three functions — compute a result struct, turn it into the JSON
 * document, release it. The CLI prints that document for --json and renders
 * its text tables from the same result struct; the server returns the
 * document's bytes (nis5g_json_dump) for the same parameters, so both give
 * the same answer byte for byte. docs/json.md documents each document.
 *
 * A query does not open files or the workspace itself: it asks its
 * environment for a snapshot's model and for named sources (policies),
 * which the CLI reads from the workspace and from files, and the server
 * from its shared, already loaded snapshot and from stored policies.
 */
#ifndef NIS5G_QUERY_H
#define NIS5G_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/progress.h"
#include "nis5g/store.h"

struct nis5g_query_env {
    struct nis5g_store *store; /* the open workspace (read-only for queries) */
    int32_t today;             /* "now" for deadlines and dates (date.h's today) */

    /* The model of the snapshot of `day` (NIS5G_NO_DATE: the latest), with
     * at least `parts` loaded, and which snapshot it is. The model is
     * borrowed until release_model. */
    int (*load_model)(const struct nis5g_query_env *env, int32_t day, unsigned parts,
                      const struct nis5g_model **m, struct nis5g_snapshot *snap, struct nis5g_err *err);
    void (*release_model)(const struct nis5g_query_env *env, const struct nis5g_model *m);

    /* The text of a named source: a policy file on the command line, a
     * stored policy on the server. 0, or an error whose message is the
     * reason alone ("No such file or directory"); the caller names it. */
    int (*read_source)(const struct nis5g_query_env *env, const char *name, struct nis5g_buf *text,
                       struct nis5g_err *err);

    nis5g_progress_fn progress; /* may be NULL */
    void *ctx;                  /* the front end's, for the callbacks */

    /* Diagnostics of the inputs a query parses (policies, catalogues): the
     * query adds them here; the CLI prints them, the server returns them. */
    struct nis5g_diags *diags;

    /* Who asks, for what a change records (the server's user name; NULL
     * on the command line, where an operation's own --by or $USER says). */
    const char *who;

    /* The operator whose data alone an answer may hold (the server's
     * operator users: load_model gives them their operator's part); NULL:
     * national. Queries that build a model themselves (a submission's)
     * scope it to this operator; snapshots and measures history narrow to
     * it when their --operator is not given, submissions whatever it is. */
    const char *operator_id;
};

/* The environment's default model loader and releaser: from env->store,
 * freeing the model on release. The CLI uses them; so can tests. */
int nis5g_query_store_model(const struct nis5g_query_env *env, int32_t day, unsigned parts,
                            const struct nis5g_model **m, struct nis5g_snapshot *snap, struct nis5g_err *err);
void nis5g_query_free_model(const struct nis5g_query_env *env, const struct nis5g_model *m);

enum {
    NIS5G_Q_READ = 1u << 0,  /* reads the workspace (a GET) */
    NIS5G_Q_WRITE = 1u << 1, /* changes it (a POST/PUT) */
    NIS5G_Q_MODEL_ONLY = 1u << 2, /* its document depends only on the snapshot's model, the
                                     parameters and today: a server may keep it */
};

struct nis5g_query {
    const char *name;    /* "summary"; "measures set" for a sub-operation */
    const char *summary; /* one line */
    unsigned flags;      /* NIS5G_Q_* */
    const struct nis5g_opt *opts;
    size_t params_size;
    void (*params_init)(void *params); /* the defaults; may be NULL (zeroed) */
    size_t result_size;
    /* Fill *result (zeroed by the caller) from params. On failure the
     * result is still released. */
    int (*compute)(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err);
    json_t *(*to_json)(const void *result);
    void (*release)(const struct nis5g_query_env *env, void *result);
};

/* The policy made of the named sources (a query's --policy values), read
 * through env->read_source and parsed into one policy, every diagnostic
 * added to env->diags. 0 and *out (nis5g_policy_free), or NIS5G_EUSAGE
 * ("cannot read policy 'F': reason") or NIS5G_EPARSE ("N errors in the
 * policy; nothing checked"). */
struct nis5g_policy;
int nis5g_query_policy(const struct nis5g_query_env *env, const struct nis5g_strlist *names,
                       struct nis5g_policy **out, struct nis5g_err *err);

/* Every query and operation, NULL-terminated (query/table.c). */
extern const struct nis5g_query *const nis5g_queries[];
const struct nis5g_query *nis5g_query_find(const char *name);

/* Run q from start to end: compute, the JSON document, release. *doc is the
 * caller's (json_decref). */
int nis5g_query_run(const struct nis5g_query *q, const struct nis5g_query_env *env, const void *params,
                    json_t **doc, struct nis5g_err *err);

/* The bytes of a document as both front ends give them: two-space indent,
 * keys in insertion order, reals with 10 significant digits, a final
 * newline. Appends to out. */
int nis5g_json_dump(const json_t *doc, struct nis5g_buf *out);

#endif
