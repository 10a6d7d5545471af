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
#include "nis5g/risk.h"

struct json_t;

/* The report's JSON (a new reference). generated: today's date. */
struct json_t *nis5g_report_json(const struct nis5g_assessment *a);


/* Write DIR/report.json and DIR/report.html (DIR is created when missing).
 * With eu_view (the EU view of eu.h) the JSON gains an "eu" member, and
 * eu_html (its HTML section, nis5g_eu_html) is placed after the national
 * report; both may be NULL. NIS5G_EIO / NIS5G_ENOTFOUND with err on failure. */
int nis5g_report_write(const struct nis5g_assessment *a, const struct json_t *eu_view, const char *eu_html,
                       const char *dir, struct nis5g_err *err);

#endif
