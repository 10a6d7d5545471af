/*
 * eu.h — the EU view: what the packages held (and this state's own
 * assessment) say together (SPEC §6, docs/eu.md).
 *
 * Every figure is computed only from what the states chose to share: the
 * sections of their packages. Each figure carries the TLP marking of its
 * inputs: the most restrictive marking among the packages it was computed
 * from (an EU-level figure built from a TLP:AMBER package is TLP:AMBER).
 * The own state's assessment is unmarked (it is this state's to share or
 * not) and so does not raise a marking.
 */
#ifndef NIS5G_EU_H
#define NIS5G_EU_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/package.h"

struct nis5g_eu_input {
    char state[3];
    int own;                 /* 1: this workspace's own assessment */
    int tlp;                 /* enum nis5g_tlp of the package; ignored when own */
    const json_t *doc;       /* a package member (header + sections), borrowed */
    const char *fingerprint; /* provenance (NULL for own) */
    const char *received_at;
    const char *received_by;
};

/* The EU view as a JSON object (the layout of docs/json.md "eu"). Inputs
 * are taken in the order given; a state given twice is an error
 * (NIS5G_EINPUT). Sections a state did not share are simply absent from
 * its figures. Returns NULL with err set on error. */
json_t *nis5g_eu_view(const struct nis5g_eu_input *in, size_t n, struct nis5g_err *err);

/* Append the view as an HTML <section id="eu-view"> for the national
 * report: the marking, the states and their provenance, the map (map_svg,
 * inlined as is; may be NULL), and tables of every part with each figure's
 * marking. Text is escaped; no script, no external resource. */
void nis5g_eu_html(const json_t *view, const char *map_svg, struct nis5g_buf *out);

/* A vendor is high-risk for a state when that state's suppliers section
 * says so: its "profile" when given, else its "designation". */
int nis5g_eu_vendor_high(const json_t *suppliers, const char *vendor);

/* ---- The map and the page --------------------------------------------- */

/* Append to svg the map of the view coloured by figure: high-risk[:DOMAIN]
 * (default domain ran), toolbox, killswitch or restricts. The borders are
 * web/eu/node_modules/world-atlas/countries-50m.json, found as a web asset
 * (data.h). NIS5G_EUSAGE for an unknown figure ("--figure expects ..."),
 * else the error of reading the borders or drawing. */
int nis5g_eu_map(const json_t *view, const char *figure, struct nis5g_buf *svg, struct nis5g_err *err);

/* Append a standalone HTML page holding nis5g_eu_html's section. */
void nis5g_eu_page(const json_t *view, const char *map_svg, struct nis5g_buf *out);

/* ---- The query (query.h; query/q-eu.c): `nis5g eu`, GET /api/v1/eu ---- */

struct nis5g_query_env;
struct nis5g_assessment;
struct nis5g_eu_params {
    struct nis5g_share_params share; /* --policy; the own part is of the snapshot .snapshot */
    int no_own;                      /* leave this state's own assessment out */
    /* report --eu: the own part's risk section from this assessment
     * instead of a new one. Not an option. */
    const struct nis5g_assessment *assessment;
};
struct nis5g_eu_result {
    json_t *view;
};
extern const struct nis5g_opt nis5g_eu_opts[];
void nis5g_eu_params_init(void *params);
json_t *nis5g_eu_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_eu;

#endif
