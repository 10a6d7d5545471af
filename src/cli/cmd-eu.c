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
#include "nis5g/fileio.h"
#include "nis5g/query.h"

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

static void print_states(struct nis5g_ctx *ctx, const json_t *v, const json_t *states)
{
    FILE *f = ctx->out;
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
}

static void print_vendors(struct nis5g_ctx *ctx, const json_t *v, const json_t *states)
{
    FILE *f = ctx->out;
    size_t i;
    json_t *s;
    const json_t *hr = json_object_get(v, "high_risk_shares");
    fprintf(f, "\nHigh-risk vendors' share of active elements by domain (each state's own profiles)\n");
    matrix(ctx, states, json_object_get(hr, "eu"), json_object_get(hr, "by_state"), "domain", "high_risk_share",
           "high_risk_share", 1);

    fprintf(f, "\nLargest vendors EU-wide by domain\n");
    struct cli_table *t = cli_table_new();
    cli_table_col(t, "domain", 0);
    cli_table_col(t, "elements", 1);
    cli_table_col(t, "vendors (share, states)", 0);
    cli_table_col(t, "marking", 0);
    json_array_foreach(json_object_get(v, "vendor_shares"), i, s) {
        cli_table_cell(t, str(s, "domain"));
        char nb[32];
        cli_table_cell(t, nis5g_thousands((long long)json_integer_value(json_object_get(s, "elements")), nb));
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
}

static void print_restrictions(struct nis5g_ctx *ctx, const json_t *v, const json_t *states)
{
    FILE *f = ctx->out;
    size_t i;
    json_t *s;
    const json_t *re = json_object_get(v, "restrictions");
    fprintf(f, "\nStates restricting high-risk suppliers: %d of %zu (marking %s)\n",
            (int)json_integer_value(json_object_get(re, "states_restricting")), json_array_size(states), label(re, "tlp"));
    struct cli_table *t = cli_table_new();
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
}

static void print_rankings(struct nis5g_ctx *ctx, const json_t *v, const json_t *states)
{
    FILE *f = ctx->out;
    size_t i;
    json_t *s;
    struct cli_table *t;
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

static void print_view(struct nis5g_ctx *ctx, const json_t *v)
{
    const json_t *states = json_object_get(v, "states");
    print_states(ctx, v, states);
    print_vendors(ctx, v, states);
    print_restrictions(ctx, v, states);
    print_rankings(ctx, v, states);
}

/* The map of the view as an SVG file. */
static int write_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, const char *file)
{
    struct nis5g_buf svg = NIS5G_BUF_INIT;
    struct nis5g_err err = { 0 };
    int rc = nis5g_eu_map(view, figure, &svg, &err);
    if (!rc)
        rc = nis5g_write_file_atomic(file, svg.data, svg.len, 0644, 0, &err);
    nis5g_buf_release(&svg);
    return rc ? cli_fail_err(ctx, &err) : 0;
}

/* A standalone page with the report's EU section: with the map when it can
 * be drawn, else without it (the reason is said). */
static int write_html(struct nis5g_ctx *ctx, const json_t *view, const char *figure, const char *file)
{
    struct nis5g_buf svg = NIS5G_BUF_INIT, page = NIS5G_BUF_INIT;
    struct nis5g_err err = { 0 };
    int have_map = nis5g_eu_map(view, figure, &svg, &err) == 0;
    if (!have_map)
        cli_fail_err(ctx, &err);
    nis5g_eu_page(view, have_map ? svg.data : NULL, &page);
    memset(&err, 0, sizeof err);
    int rc = nis5g_write_file_atomic(file, page.data, page.len, 0644, 0, &err);
    nis5g_buf_release(&svg);
    nis5g_buf_release(&page);
    return rc ? cli_fail_err(ctx, &err) : 0;
}

struct params {
    struct nis5g_eu_params q;
    int json;
    const char *svg, *html, *figure;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_JSON(struct params, json),
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_eu_opts),
    NIS5G_OPT_STR_(struct params, "svg", 0, "FILE", svg,
                   "also write a map of the EU coloured by --figure (borders: npm ci in web/eu)"),
    NIS5G_OPT_STR_(struct params, "html", 0, "FILE", html,
                   "also write the view as an HTML page, with the map"),
    NIS5G_OPT_STR_(struct params, "figure", 0, "NAME", figure,
                   "high-risk[:DOMAIN] (default high-risk:ran), toolbox, killswitch, restricts"),
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    struct params *p = params;
    nis5g_eu_params_init(&p->q);
    p->figure = "high-risk:ran";
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_eu;
    struct nis5g_eu_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc && p->svg)
        rc = write_map(ctx, r.view, p->figure, p->svg);
    if (!rc && p->html)
        rc = write_html(ctx, r.view, p->figure, p->html);
    if (!rc && p->json)
        rc = cli_query_print_json(ctx, q, &r);
    else if (!rc)
        print_view(ctx, r.view);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_eu = {
    .name = "eu",
    .summary = "the EU view: what the packages held and the own assessment say together",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .help_extra = "Per state and EU-wide: high-risk vendor shares by domain, vendor shares, the states\n"
                  "restricting high-risk suppliers and how, toolbox implementation per measure, the\n"
                  "ranking of R1-R9, the largest single-vendor kill-switch exposure. Each figure carries\n"
                  "the most restrictive TLP marking of the packages it was computed from.\n",
};
