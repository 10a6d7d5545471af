/*
 * snapshots.h — the snapshots held in a workspace, one per as-of date
 * (store.h), as a query: `nis5g snapshots`, GET /api/v1/snapshots.
 */
#ifndef NIS5G_SNAPSHOTS_H
#define NIS5G_SNAPSHOTS_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/opts.h"
#include "nis5g/store.h"

/* The query (query.h; query/q-snapshots.c). With operator_id, the
 * operator's view: each snapshot's counts are those of that operator's
 * part of it (nis5g_model_scope_operator: its own row, sites, elements,
 * links among them, the measures of its scope and state; the catalogue's
 * suppliers and products whole), 0 where it is absent, and no source (it
 * may name other operators). An operator in no snapshot is
 * NIS5G_ENOTFOUND. The server sets it for an operator's user. */
struct nis5g_snapshots_params {
    const char *operator_id; /* NULL: the national counts */
};
struct nis5g_snapshots_result {
    struct nis5g_snapshot *list; /* oldest first; the result's own */
    size_t n;
    const char *path; /* the workspace's path (borrowed from the environment's store) */
};
extern const struct nis5g_opt nis5g_snapshots_opts[];
json_t *nis5g_snapshots_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_snapshots;

#endif
