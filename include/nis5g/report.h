/*
 * report.h — the national risk assessment as a report: report.json (every
 * figure, documented in docs/json.md "report") and report.html, one
 * self-contained file that renders the same JSON with charts.
 *
 * The HTML is assembled from web/report.html (the page), web/report.css,
 * web/report.js (the sections and charts) and the charting library
 * web/node_modules/chart.js/dist/chart.umd.js (pinned in
 * web/package-lock.json, installed by scripts/web-deps.sh), all inlined:
 * the page makes no network request (a Content-Security-Policy forbids
 * it). Web assets are looked up in $NIS5G_WEB, then next to the program
 * (DIR/../web), then in the source tree's web/.
 */
#ifndef NIS5G_REPORT_H
#define NIS5G_REPORT_H

#include "nis5g/buf.h"
#include "nis5g/data.h"
#include "nis5g/err.h"
#include "nis5g/opts.h"
#include "nis5g/risk.h"

struct json_t;

/* The report's JSON (a new reference). generated: today's date. */
struct json_t *nis5g_report_json(const struct nis5g_assessment *a);


/* The bytes of report.json: as nis5g_json_dump but with every non-ASCII
 * character escaped and no final newline (the page inlines them).
 * Appends to out; NIS5G_ENOMEM on failure. */
int nis5g_report_dump(const struct json_t *doc, struct nis5g_buf *out, struct nis5g_err *err);

/* report.html: the page with the report's JSON bytes (json, json_len) and
 * eu_html (the EU view's section, nis5g_eu_html; may be NULL) inlined.
 * Appends to html. NIS5G_EIO / NIS5G_ENOTFOUND when a web asset cannot be
 * read, NIS5G_EINPUT when the page lacks a placeholder. */
int nis5g_report_html(const char *json, size_t json_len, const char *eu_html, struct nis5g_buf *html,
                      struct nis5g_err *err);

/* ---- The query (query.h; query/q-report.c): `nis5g report`,
 * GET /api/v1/report ---- */

struct nis5g_report_params {
    struct nis5g_assess_params a;
    int eu;             /* add the EU view (docs/eu.md) */
    const char *figure; /* what colours its map (only with eu); NULL: high-risk */
};
struct nis5g_report_result {
    struct nis5g_assess_run x;
    /* With eu: the EU view (eu.h) of the packages held and this state's
     * own part from this assessment (the document gains it as "eu"), and
     * its section of report.html with the map (nis5g_eu_html). */
    struct json_t *eu_view;
    struct nis5g_buf eu_html;
};
extern const struct nis5g_opt nis5g_report_opts[];
void nis5g_report_params_init(void *params);
/* nis5g_report_json of the assessment, with "eu" when eu_view is set. */
struct json_t *nis5g_report_query_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_report;

#endif
