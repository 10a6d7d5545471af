/*
 * eu-html.c — the EU view as an HTML section for the report (eu.h):
 * tables in the order of `nis5g eu`, every figure with its TLP marking,
 * and the map inlined. Plain HTML, escaped, no scripts.
 */
#include <string.h>

#include "nis5g/eu.h"
#include "nis5g/package.h"

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

static void esc(struct nis5g_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': nis5g_buf_adds(b, "&lt;"); break;
        case '>': nis5g_buf_adds(b, "&gt;"); break;
        case '&': nis5g_buf_adds(b, "&amp;"); break;
        case '"': nis5g_buf_adds(b, "&quot;"); break;
        default: nis5g_buf_addch(b, *s);
        }
    }
}

static const char *marking(const json_t *o)
{
    int t = nis5g_tlp_parse(str(o, "tlp"));
    return t < 0 ? "own" : nis5g_tlp_labels[t];
}

static void td(struct nis5g_buf *b, const char *s)
{
    nis5g_buf_adds(b, "<td>");
    esc(b, s);
    nis5g_buf_adds(b, "</td>");
}

static void tdm(struct nis5g_buf *b, const json_t *o)
{
    nis5g_buf_addf(b, "<td class=\"tlp tlp-%s\">%s</td>", str(o, "tlp")[0] ? str(o, "tlp") : "own", marking(o));
}

/* rows from eu (by key), a column per state from by */
static void matrix(struct nis5g_buf *b, const json_t *states, const json_t *eu, const json_t *by, const char *key,
                   const char *val, int pct)
{
    size_t i, j, k;
    json_t *s, *e, *x;
    nis5g_buf_addf(b, "<table><thead><tr><th>%s</th><th>EU</th>", key);
    json_array_foreach(states, i, s) nis5g_buf_addf(b, "<th>%s</th>", str(s, "state"));
    nis5g_buf_adds(b, "<th>marking</th></tr></thead><tbody>\n");
    json_array_foreach(eu, j, e) {
        nis5g_buf_adds(b, "<tr>");
        td(b, str(e, key));
        double v = json_number_value(json_object_get(e, val));
        nis5g_buf_addf(b, pct ? "<td class=\"num\">%.1f%%</td>" : "<td class=\"num\">%.2f</td>", pct ? 100 * v : v);
        json_array_foreach(states, i, s) {
            const json_t *hit = NULL;
            json_array_foreach(by, k, x) if (strcmp(str(x, key), str(e, key)) == 0 &&
                                             strcmp(str(x, "state"), str(s, "state")) == 0) hit = x;
            double w = hit ? json_number_value(json_object_get(hit, val)) : 0;
            if (!hit)
                nis5g_buf_adds(b, "<td class=\"num\">&ndash;</td>");
            else
                nis5g_buf_addf(b, pct ? "<td class=\"num\">%.1f%%</td>" : "<td class=\"num\">%.2f</td>", pct ? 100 * w : w);
        }
        tdm(b, e);
        nis5g_buf_adds(b, "</tr>\n");
    }
    nis5g_buf_adds(b, "</tbody></table>\n");
}

void nis5g_eu_html(const json_t *v, const char *map_svg, struct nis5g_buf *b)
{
    const json_t *states = json_object_get(v, "states");
    size_t i, j;
    json_t *s, *x;
    nis5g_buf_addf(b, "<section id=\"eu-view\">\n<h2>EU view</h2>\n<p class=\"marking\">Marking of this section: "
                      "<strong>%s</strong> (the most restrictive marking of the packages it was computed from).</p>\n",
                   marking(v));
    nis5g_buf_adds(b, "<h3>States</h3>\n<table><thead><tr><th>state</th><th>source</th><th>snapshot</th><th>marking</th>"
                      "<th>key</th><th>received</th><th>by</th><th>sections shared</th></tr></thead><tbody>\n");
    json_array_foreach(states, i, s) {
        nis5g_buf_adds(b, "<tr>");
        td(b, str(s, "state"));
        td(b, str(s, "source"));
        td(b, str(s, "snapshot"));
        tdm(b, s);
        td(b, str(s, "fingerprint"));
        td(b, str(s, "received_at"));
        td(b, str(s, "received_by"));
        nis5g_buf_adds(b, "<td>");
        json_array_foreach(json_object_get(s, "sections"), j, x) {
            if (j)
                nis5g_buf_adds(b, ", ");
            esc(b, json_string_value(x));
        }
        nis5g_buf_adds(b, "</td></tr>\n");
    }
    nis5g_buf_adds(b, "</tbody></table>\n");
    if (map_svg)
        nis5g_buf_addf(b, "<figure class=\"eu-map\">\n%s</figure>\n", map_svg);

    const json_t *hr = json_object_get(v, "high_risk_shares");
    nis5g_buf_adds(b, "<h3>High-risk vendors' share of active elements by domain</h3>\n");
    matrix(b, states, json_object_get(hr, "eu"), json_object_get(hr, "by_state"), "domain", "high_risk_share", 1);

    const json_t *re = json_object_get(v, "restrictions");
    nis5g_buf_addf(b, "<h3>States restricting high-risk suppliers: %d of %zu</h3>\n",
                   (int)json_integer_value(json_object_get(re, "states_restricting")), json_array_size(states));
    nis5g_buf_adds(b, "<table><thead><tr><th>state</th><th>restricts</th><th>designated high</th><th>rules</th>"
                      "<th>marking</th></tr></thead><tbody>\n");
    json_array_foreach(json_object_get(re, "by_state"), i, s) {
        nis5g_buf_adds(b, "<tr>");
        td(b, str(s, "state"));
        td(b, json_is_true(json_object_get(s, "restricts")) ? "yes" : "no");
        nis5g_buf_adds(b, "<td>");
        json_array_foreach(json_object_get(s, "designated_high"), j, x) {
            if (j)
                nis5g_buf_adds(b, ", ");
            esc(b, json_string_value(x));
        }
        nis5g_buf_adds(b, "</td><td>");
        json_array_foreach(json_object_get(s, "rules"), j, x) {
            nis5g_buf_adds(b, j ? "<br>" : "");
            esc(b, str(x, "rule"));
            nis5g_buf_adds(b, " ");
            esc(b, str(x, "title"));
            nis5g_buf_adds(b, " (");
            esc(b, str(x, "kind"));
            if (*str(x, "deadline")) {
                nis5g_buf_adds(b, " by ");
                esc(b, str(x, "deadline"));
            }
            nis5g_buf_adds(b, ", ");
            esc(b, str(x, "status"));
            nis5g_buf_adds(b, ")");
        }
        nis5g_buf_adds(b, "</td>");
        tdm(b, s);
        nis5g_buf_adds(b, "</tr>\n");
    }
    nis5g_buf_adds(b, "</tbody></table>\n");

    const json_t *ms = json_object_get(v, "measures");
    nis5g_buf_adds(b, "<h3>Toolbox implementation</h3>\n<p>Score per state: the mean over its scopes of none 0, "
                      "planned &#8531;, partial &#8532;, implemented 1; EU: the mean over states.</p>\n");
    matrix(b, states, json_object_get(ms, "eu"), json_object_get(ms, "by_state"), "measure", "score", 0);

    nis5g_buf_adds(b, "<h3>Risk scenarios ranked across states</h3>\n");
    const json_t *rk = json_object_get(v, "risk_ranking");
    if (!json_array_size(rk))
        nis5g_buf_adds(b, "<p>No state shared risk scores.</p>\n");
    else {
        nis5g_buf_adds(b, "<table><thead><tr><th>rank</th><th>scenario</th><th>mean score</th><th>states</th>"
                          "<th>marking</th></tr></thead><tbody>\n");
        json_array_foreach(rk, i, s) {
            nis5g_buf_addf(b, "<tr><td class=\"num\">%d</td>", (int)json_integer_value(json_object_get(s, "rank")));
            td(b, str(s, "scenario"));
            nis5g_buf_addf(b, "<td class=\"num\">%.2f</td><td class=\"num\">%d</td>",
                           json_number_value(json_object_get(s, "mean_score")),
                           (int)json_integer_value(json_object_get(s, "states")));
            tdm(b, s);
            nis5g_buf_adds(b, "</tr>\n");
        }
        nis5g_buf_adds(b, "</tbody></table>\n");
    }

    nis5g_buf_adds(b, "<h3>Largest single-vendor kill-switch exposure</h3>\n");
    const json_t *ks = json_object_get(v, "largest_killswitch");
    if (!json_array_size(ks))
        nis5g_buf_adds(b, "<p>No state shared kill-switch losses.</p>\n");
    else {
        nis5g_buf_adds(b, "<table><thead><tr><th>state</th><th>vendor</th><th>subscribers lost</th><th>radio sites "
                          "lost</th><th>marking</th></tr></thead><tbody>\n");
        json_array_foreach(ks, i, s) {
            nis5g_buf_adds(b, "<tr>");
            td(b, str(s, "state"));
            td(b, str(s, "vendor"));
            nis5g_buf_addf(b, "<td class=\"num\">%.1f%%</td><td class=\"num\">%.1f%%</td>",
                           json_number_value(json_object_get(s, "subscribers_lost_pct")),
                           json_number_value(json_object_get(s, "sites_lost_pct")));
            tdm(b, s);
            nis5g_buf_adds(b, "</tr>\n");
        }
        nis5g_buf_adds(b, "</tbody></table>\n");
    }
    nis5g_buf_adds(b, "</section>\n");
}

void nis5g_eu_page(const json_t *view, const char *map_svg, struct nis5g_buf *out)
{
    nis5g_buf_adds(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>nis5g: EU view</title>\n"
                        "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;"
                        "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px}td.num{text-align:right}"
                        ".tlp-red{background:#ff2b2b;color:#fff}.tlp-amber,.tlp-amber\\+strict{background:#ffc000}"
                        ".tlp-green{background:#33ff00}.tlp-clear{background:#fff}.eu-map svg{max-width:800px}</style>"
                        "</head><body>\n");
    nis5g_eu_html(view, map_svg, out);
    nis5g_buf_adds(out, "</body></html>\n");
}
