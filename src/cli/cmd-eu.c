/*
 * cmd-eu.c — `nis5g eu`: the EU view from the packages held and this
 * state's own assessment (eu.h, docs/eu.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/eu.h"
#include "nis5g/package.h"
#include "share-eu.h"

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* "TLP:AMBER" for a member holding "amber"; "(own)" for null. */
static const char *label(const json_t *o, const char *key)
{
    int t = nis5g_tlp_parse(str(o, key));
    return t < 0 ? "(own)" : nis5g_tlp_labels[t];
}

/* A state × key matrix: rows from `eu` (key field), one column per state
 * from `by` (matched on key field and state), cells printed as
 * percentages or plain numbers. */
static void matrix(struct nis5g_ctx *ctx, const json_t *states, const json_t *eu, const json_t *by,
                   const char *key, const char *eu_val, const char *by_val, int pct)
{
    struct cli_table *t = cli_table_new();
    cli_table_col(t, key, 0);
    cli_table_col(t, "EU", 1);
    size_t i, j, k;
    json_t *s, *e, *b;
    json_array_foreach(states, i, s) cli_table_col(t, str(s, "state"), 1);
    cli_table_col(t, "marking", 0);
    json_array_foreach(eu, j, e) {
        cli_table_cell(t, str(e, key));
        double v = json_number_value(json_object_get(e, eu_val));
        if (pct)
            cli_table_cellf(t, "%.1f%%", 100 * v);
        else
            cli_table_cellf(t, "%.2f", v);
        json_array_foreach(states, i, s) {
            const json_t *hit = NULL;
            json_array_foreach(by, k, b) if (strcmp(str(b, key), str(e, key)) == 0 &&
                                             strcmp(str(b, "state"), str(s, "state")) == 0) hit = b;
            if (!hit)
                cli_table_cell(t, "-");
            else if (pct)
                cli_table_cellf(t, "%.1f%%", 100 * json_number_value(json_object_get(hit, by_val)));
            else
                cli_table_cellf(t, "%.2f", json_number_value(json_object_get(hit, by_val)));
        }
        cli_table_cell(t, label(e, "tlp"));
    }
    cli_table_print(t, ctx->out);
}

static void print_view(struct nis5g_ctx *ctx, const json_t *v)
{
    FILE *f = ctx->out;
    const json_t *states = json_object_get(v, "states");
    size_t i;
    json_t *s;
    fprintf(f, "EU view from %zu state%s; marking of the whole view: %s\n\n", json_array_size(states),
            json_array_size(states) == 1 ? "" : "s", label(v, "tlp"));
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "state", 0);
    cli_table_col(t, "source", 0);
    cli_table_col(t, "snapshot", 0);
    cli_table_col(t, "marking", 0);
    cli_table_col(t, "key", 0);
    cli_table_col(t, "received", 0);
    cli_table_col(t, "sections", 0);
    json_array_foreach(states, i, s) {
        cli_table_cell(t, str(s, "state"));
        cli_table_cell(t, str(s, "source"));
        cli_table_cell(t, str(s, "snapshot"));
        cli_table_cell(t, label(s, "tlp"));
        cli_table_cell(t, *str(s, "fingerprint") ? str(s, "fingerprint") : "-");
        cli_table_cell(t, *str(s, "received_at") ? str(s, "received_at") : "-");
        struct nis5g_buf b = NIS5G_BUF_INIT;
        size_t j;
        json_t *x;
        json_array_foreach(json_object_get(s, "sections"), j, x) nis5g_buf_addf(&b, "%s%s", j ? " " : "",
                                                                               json_string_value(x));
        cli_table_cell(t, b.data);
        nis5g_buf_release(&b);
    }
    cli_table_print(t, f);

    const json_t *hr = json_object_get(v, "high_risk_shares");
    fprintf(f, "\nHigh-risk vendors' share of active elements by domain (each state's own profiles)\n");
    matrix(ctx, states, json_object_get(hr, "eu"), json_object_get(hr, "by_state"), "domain", "high_risk_share",
           "high_risk_share", 1);

    fprintf(f, "\nLargest vendors EU-wide by domain\n");
    t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "vendors (share, states)", 0);
    cli_table_col(t, "marking", 0);
    json_array_foreach(json_object_get(v, "vendor_shares"), i, s) {
        cli_table_cell(t, str(s, "domain"));
        char nb[32];
        cli_table_cell(t, cli_num((long long)json_integer_value(json_object_get(s, "elements")), nb));
        struct nis5g_buf b = NIS5G_BUF_INIT;
        size_t j;
        json_t *x;
        json_array_foreach(json_object_get(s, "vendors"), j, x) {
            if (j == 5) {
                nis5g_buf_addf(&b, ", ...");
                break;
            }
            nis5g_buf_addf(&b, "%s%s %.1f%% (%d)", j ? ", " : "", str(x, "vendor"),
                           100 * json_number_value(json_object_get(x, "share")),
                           (int)json_integer_value(json_object_get(x, "states")));
        }
        cli_table_cell(t, b.data);
        nis5g_buf_release(&b);
        cli_table_cell(t, label(s, "tlp"));
    }
    cli_table_print(t, f);

    const json_t *re = json_object_get(v, "restrictions");
    fprintf(f, "\nStates restricting high-risk suppliers: %d of %zu (marking %s)\n",
            (int)json_integer_value(json_object_get(re, "states_restricting")), json_array_size(states), label(re, "tlp"));
    t = cli_table_new();
    cli_table_col(t, "state", 0);
    cli_table_col(t, "restricts", 0);
    cli_table_col(t, "designated high", 0);
    cli_table_col(t, "how (rules)", 0);
    json_array_foreach(json_object_get(re, "by_state"), i, s) {
        cli_table_cell(t, str(s, "state"));
        cli_table_cell(t, json_is_true(json_object_get(s, "restricts")) ? "yes" : "no");
        struct nis5g_buf b = NIS5G_BUF_INIT;
        size_t j;
        json_t *x;
        json_array_foreach(json_object_get(s, "designated_high"), j, x) nis5g_buf_addf(&b, "%s%s", j ? ", " : "",
                                                                                      json_string_value(x));
        cli_table_cell(t, b.len ? b.data : "-");
        nis5g_buf_reset(&b);
        json_array_foreach(json_object_get(s, "rules"), j, x) {
            nis5g_buf_addf(&b, "%s%s (%s", j ? "; " : "", str(x, "rule"), str(x, "kind"));
            if (*str(x, "deadline"))
                nis5g_buf_addf(&b, " by %s", str(x, "deadline"));
            nis5g_buf_addf(&b, ", %s)", str(x, "status"));
        }
        if (!b.len)
            nis5g_buf_adds(&b, json_is_true(json_object_get(s, "policy_shared")) ? "-" : "(no policy findings shared)");
        cli_table_cell(t, b.data);
        nis5g_buf_release(&b);
    }
    cli_table_print(t, f);

    const json_t *ms = json_object_get(v, "measures");
    fprintf(f, "\nToolbox implementation (score: none 0, planned 1/3, partial 2/3, implemented 1; mean over scopes)\n");
    matrix(ctx, states, json_object_get(ms, "eu"), json_object_get(ms, "by_state"), "measure", "score", "score", 0);

    const json_t *rk = json_object_get(v, "risk_ranking");
    fprintf(f, "\nRisk scenarios ranked across states (mean score)\n");
    if (json_array_size(rk) == 0)
        fprintf(f, "no state shared risk scores\n");
    else {
        t = cli_table_new();
        cli_table_col(t, "rank", 1);
        cli_table_col(t, "scenario", 0);
        cli_table_col(t, "mean", 1);
        cli_table_col(t, "states", 1);
        cli_table_col(t, "marking", 0);
        json_array_foreach(rk, i, s) {
            cli_table_cellf(t, "%d", (int)json_integer_value(json_object_get(s, "rank")));
            cli_table_cell(t, str(s, "scenario"));
            cli_table_cellf(t, "%.2f", json_number_value(json_object_get(s, "mean_score")));
            cli_table_cellf(t, "%d", (int)json_integer_value(json_object_get(s, "states")));
            cli_table_cell(t, label(s, "tlp"));
        }
        cli_table_print(t, f);
    }

    const json_t *ks = json_object_get(v, "largest_killswitch");
    fprintf(f, "\nLargest single-vendor kill-switch exposure per state\n");
    if (json_array_size(ks) == 0)
        fprintf(f, "no state shared kill-switch losses\n");
    else {
        t = cli_table_new();
        cli_table_col(t, "state", 0);
        cli_table_col(t, "vendor", 0);
        cli_table_col(t, "subscribers lost", 1);
        cli_table_col(t, "radio sites lost", 1);
        json_array_foreach(ks, i, s) {
            cli_table_cell(t, str(s, "state"));
            cli_table_cell(t, str(s, "vendor"));
            cli_table_cellf(t, "%.1f%%", json_number_value(json_object_get(s, "subscribers_lost_pct")));
            cli_table_cellf(t, "%.1f%%", json_number_value(json_object_get(s, "sites_lost_pct")));
        }
        cli_table_print(t, f);
    }
}

static int write_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, const char *file)
{
    struct nis5g_buf svg = NIS5G_BUF_INIT;
    int rc = share_eu_map(ctx, view, figure, &svg);
    if (!rc) {
        FILE *f = fopen(file, "w");
        if (!f || fwrite(svg.data, 1, svg.len, f) != svg.len || fclose(f) != 0)
            rc = cli_fail(ctx, NIS5G_EIO, "cannot write '%s'", file);
    }
    nis5g_buf_release(&svg);
    return rc;
}

/* A standalone page with the report's EU section (the map when the
 * borders are installed). */
static int write_html(struct nis5g_ctx *ctx, const json_t *view, const char *figure, const char *file)
{
    struct nis5g_buf svg = NIS5G_BUF_INIT, page = NIS5G_BUF_INIT;
    int have_map = share_eu_map(ctx, view, figure, &svg) == 0;
    nis5g_buf_adds(&page, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>nis5g: EU view</title>\n"
                          "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;"
                          "margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px}td.num{text-align:right}"
                          ".tlp-red{background:#ff2b2b;color:#fff}.tlp-amber,.tlp-amber\\+strict{background:#ffc000}"
                          ".tlp-green{background:#33ff00}.tlp-clear{background:#fff}.eu-map svg{max-width:800px}</style>"
                          "</head><body>\n");
    nis5g_eu_html(view, have_map ? svg.data : NULL, &page);
    nis5g_buf_adds(&page, "</body></html>\n");
    FILE *f = fopen(file, "w");
    int rc = 0;
    if (!f || fwrite(page.data, 1, page.len, f) != page.len || fclose(f) != 0)
        rc = cli_fail(ctx, NIS5G_EIO, "cannot write '%s'", file);
    nis5g_buf_release(&svg);
    nis5g_buf_release(&page);
    return rc;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0, own = 1;
    const char *svg = NULL, *html = NULL, *figure = "high-risk:ran", *v;
    struct share_gather g = { .snap_day = NIS5G_NO_DATE };
    for (int i = 1; i < argc; i++) {
        int r = share_gather_opt(ctx, argc, argv, &i, &g);
        if (r < 0) {
            share_gather_release(&g);
            return 2;
        }
        if (r > 0)
            continue;
        if ((r = cli_opt(ctx, argc, argv, &i, "--svg", &v)) > 0) {
            svg = v;
            continue;
        }
        if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--html", &v)) > 0) {
            html = v;
            continue;
        }
        if (r == 0 && (r = cli_opt(ctx, argc, argv, &i, "--figure", &v)) > 0) {
            figure = v;
            continue;
        }
        if (r < 0) {
            share_gather_release(&g);
            return 2;
        }
        if (cli_is(argv[i], "--json"))
            json = 1;
        else if (cli_is(argv[i], "--no-own"))
            own = 0;
        else {
            share_gather_release(&g);
            return cli_bad_option(ctx, argv[i]);
        }
    }
    json_t *view;
    int rc = share_eu_view(ctx, &g, own, &view);
    share_gather_release(&g);
    if (rc)
        return rc;
    if ((svg && (rc = write_map(ctx, view, figure, svg)) != 0) || (html && (rc = write_html(ctx, view, figure, html)) != 0)) {
        json_decref(view);
        return rc;
    }
    if (json)
        return cli_print_json(ctx, view);
    print_view(ctx, view);
    json_decref(view);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_eu = {
    .name = "eu",
    .usage = "eu [--json] [--no-own] [--policy FILE]... [--svg FILE] [--html FILE] [--figure NAME]",
    .summary = "the EU view: what the packages held and the own assessment say together",
    .help = "Per state and EU-wide: high-risk vendor shares by domain, vendor shares, the states\n"
            "restricting high-risk suppliers and how, toolbox implementation per measure, the\n"
            "ranking of R1-R9, the largest single-vendor kill-switch exposure. Each figure carries\n"
            "the most restrictive TLP marking of the packages it was computed from.\n"
            "Options:\n"
            "  --json     the view as JSON (docs/json.md, \"eu\")\n"
            "  --no-own   leave this state's own assessment out\n"
            "  --policy FILE  evaluate this state's policy for its own part (as export does)\n"
            "  --svg FILE     also write a map of the EU coloured by a figure (Natural Earth borders,\n"
            "                 web/eu: npm ci there first)\n"
            "  --html FILE    also write the view as an HTML page (the report's EU section, with the map)\n"
            "  --figure NAME  the map's figure: high-risk[:DOMAIN] (default high-risk:ran), toolbox,\n"
            "                 killswitch, restricts\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
