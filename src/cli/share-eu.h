/*
 * share-eu.h — the EU view for the CLI: gathered from the packages held
 * and this state's own assessment, and drawn as a map. `nis5g eu` uses
 * both; `nis5g report --eu` is meant to call them too and inline the
 * result (nis5g_eu_html in eu.h gives the HTML section).
 */
#ifndef NIS5G_CLI_SHARE_EU_H
#define NIS5G_CLI_SHARE_EU_H

#include "cmd.h"
#include "nis5g/buf.h"
#include "share-gather.h"

/* The EU view (eu.h) from the latest package of each state held and,
 * with own, this workspace's own assessment (its latest snapshot, through
 * share_gather with g). Returns 0 and *out (the caller's), or prints the
 * error and returns the exit status. */
int share_eu_view(struct nis5g_ctx *ctx, const struct share_gather *g, int own, json_t **out);

/* Append to svg the map of the view coloured by figure: high-risk[:DOMAIN]
 * (default domain ran), toolbox, killswitch or restricts. The borders are
 * web/eu/node_modules/world-atlas/countries-50m.json, found under
 * $NIS5G_WEB, beside the executable (../web) or in the source tree.
 * Prints the error and returns the exit status on failure. */
int share_eu_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, struct nis5g_buf *svg);

#endif
