/*
 * measures.h — the implementation status of the toolbox measures per
 * operator and per state (docs/measures.md).
 *
 * A snapshot carries the statuses of its measures.csv; they are never
 * modified. `nis5g measures set` records a new status in the workspace's
 * measure_history table (scope, measure, status, evidence, who, when,
 * source 'set'); the imports can record theirs there too (source
 * 'import'). The effective status of a (scope, measure) for a snapshot is
 * the latest `set` made at or after that snapshot's import, else the
 * snapshot's value, else "not given"; each cell says where it came from.
 */
#ifndef NIS5G_MEASURES_H
#define NIS5G_MEASURES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/catalog.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

enum nis5g_msource { NIS5G_MSRC_NONE, NIS5G_MSRC_SNAPSHOT, NIS5G_MSRC_SET };
extern const char *const nis5g_msource_names[3]; /* "none", "snapshot", "set" */

struct nis5g_mcell {
    uint8_t status;  /* enum nis5g_mstatus, or NIS5G_MS_UNSET (255) when not given */
    uint8_t source;  /* enum nis5g_msource */
    int32_t date;    /* snapshot: measures.csv date (or NIS5G_NO_DATE); set: the day it was set */
    char *evidence;  /* owned, may be NULL */
    char *by, *at;   /* set: who and when (UTC ISO 8601); owned, NULL otherwise */
};

/* Scopes: the states of the snapshot's operators (country codes) first,
 * then its operators, in model order. */
struct nis5g_mtable {
    size_t n_scopes, n_measures;
    char **scope;          /* owned names */
    uint8_t *is_country;
    uint32_t *scope_id;    /* countries id or operators id */
    struct nis5g_mcell *cell; /* n_scopes × n_measures, scope-major */
    /* The same statuses laid out for nis5g_risk_indicators: operators.n ×
     * n_measures and countries.n × n_measures (NIS5G_MS_UNSET when none). */
    uint8_t *op_status, *country_status;
};

/* The effective statuses for snapshot snap (its model m, BASE part). */
int nis5g_measures_effective(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                             const struct nis5g_catalog *c, struct nis5g_mtable *out, struct nis5g_err *err);
void nis5g_mtable_release(struct nis5g_mtable *t);

/* Record a status. scope must be an operator of m or the country of one of
 * its operators, measure a catalogue measure, status a status name:
 * otherwise NIS5G_EINPUT with a message naming the value and what is
 * allowed. One transaction. by: who (never NULL). snap: the snapshot m
 * belongs to (recorded for the history). */
int nis5g_measures_set(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                       const struct nis5g_catalog *c, const char *scope, const char *measure, const char *status,
                       const char *evidence, const char *by, struct nis5g_err *err);

/* Record a snapshot's measures.csv rows in the history (source 'import').
 * A savepoint: its own transaction, or part of the caller's (the import
 * calls it inside the snapshot's save, so both land or neither). */
int nis5g_measures_record_import(struct nis5g_store *st, const struct nis5g_snapshot *snap,
                                 const struct nis5g_model *m, const char *by, struct nis5g_err *err);

struct nis5g_mhist {
    char *scope, *measure, *status, *evidence, *who, *at, *source, *snapshot_as_of; /* owned; evidence may be NULL */
};
/* The history, oldest first, filtered by scope and/or measure (NULL: all).
 * *out is the caller's (nis5g_mhist_free). */
int nis5g_measures_history(struct nis5g_store *st, const char *scope, const char *measure, struct nis5g_mhist **out,
                           size_t *n, struct nis5g_err *err);
void nis5g_mhist_free(struct nis5g_mhist *h, size_t n);

/* ---- The queries (query.h; query/q-measures.c) ---- */

/* `nis5g measures`, GET /api/v1/measures: the effective statuses. */
struct nis5g_measures_params {
    const char *scope; /* one operator or state; NULL: all */
    int32_t snapshot;  /* NIS5G_NO_DATE: the latest */
};
struct nis5g_measures_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_catalog cat;
    struct nis5g_mtable t;
    int only; /* the scope asked for, an index of t; -1: all */
    int cat_loaded, t_loaded;
};
extern const struct nis5g_opt nis5g_measures_opts[];
void nis5g_measures_params_init(void *params);
json_t *nis5g_measures_json(const void *result);

/* `nis5g measures history`, GET /api/v1/measures/history. */
/* With operator_id, the operator's view: only the entries of that
 * operator's scope and of its state's (the national measures, which
 * concern every operator; the state is the operator's in the latest
 * snapshot), never another operator's. An operator not in the latest
 * snapshot is NIS5G_ENOTFOUND. The server sets it for an operator's user. */
struct nis5g_measures_history_params {
    const char *scope, *measure; /* NULL: all */
    const char *operator_id;     /* NULL: every scope */
};
struct nis5g_measures_history_result {
    struct nis5g_mhist *h;
    size_t n;
};
extern const struct nis5g_opt nis5g_measures_history_opts[];
json_t *nis5g_measures_history_json(const void *result);

/* `nis5g measures set`, POST /api/v1/measures: record a status
 * (nis5g_measures_set) against a snapshot. by must name someone: a blank
 * one is NIS5G_EUSAGE; NULL records "unknown" (the CLI passes $USER). */
struct nis5g_measures_set_params {
    const char *scope, *measure, *status, *evidence, *by;
    int32_t snapshot; /* NIS5G_NO_DATE: the latest */
};
struct nis5g_measures_set_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_catalog cat;
    int cat_loaded;
    const char *scope, *measure, *status, *evidence, *by; /* what was recorded, borrowed from the params */
};
extern const struct nis5g_opt nis5g_measures_set_opts[];
void nis5g_measures_set_params_init(void *params);
json_t *nis5g_measures_set_json(const void *result);

struct nis5g_query;
extern const struct nis5g_query nis5g_query_measures, nis5g_query_measures_history, nis5g_query_measures_set;

#endif
