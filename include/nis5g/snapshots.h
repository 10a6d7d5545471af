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

/* The query (query.h; query/q-snapshots.c). It takes no option. */
struct nis5g_snapshots_params {
    int unused;
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
