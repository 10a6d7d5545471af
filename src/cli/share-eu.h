/*
 * share-eu.h — transitional: what `nis5g report --eu` still calls while it
 * parses its own argv. The work is the library's (the eu query and
 * nis5g_eu_map, eu.h); these only print its errors. Delete this file when
 * report calls them itself.
 */
#ifndef NIS5G_CLI_SHARE_EU_H
#define NIS5G_CLI_SHARE_EU_H

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/risk.h"

struct share_gather {
    int32_t snap_day; /* NIS5G_NO_DATE: the latest */
    int detail;
    char **policies; /* --policy files */
    size_t n_policies;
    /* the risk section from this assessment instead of a new one */
    const struct nis5g_assessment *assessment;
};

/* The EU view (the eu query) with, when own, this workspace's own part
 * made with g. 0 and *out (the caller's), or the exit status (printed). */
int share_eu_view(struct nis5g_ctx *ctx, const struct share_gather *g, int own, json_t **out);

/* nis5g_eu_map, printing its error. */
int share_eu_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, struct nis5g_buf *svg);

#endif
