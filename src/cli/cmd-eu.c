/*
 * cmd-eu.c — `nis5g eu`: the EU view from the packages held and this
 * state's own assessment (eu.h, docs/eu.md).
 */
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/date.h"
#include "nis5g/country.h"
#include "nis5g/eu.h"
#include "nis5g/eumap.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"
#include "share-gather.h"

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

/* The Natural Earth borders (web/eu, npm world-atlas): $NIS5G_WEB/eu/...,
 * then beside the executable (build/nis5g -> web/), then the source tree. */
static int read_topojson(char **text, size_t *len, struct nis5g_buf *path)
{
    static const char rel[] = "eu/node_modules/world-atlas/countries-50m.json";
    const char *env = getenv("NIS5G_WEB");
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = 0;
    } else
        exe[0] = 0;
    const char *dirs[3] = { env, exe[0] ? exe : NULL, NIS5G_DATADIR };
    const char *fmt[3] = { "%s/%s", "%s/../web/%s", "%s/../web/%s" };
    for (int i = 0; i < 3; i++) {
        if (!dirs[i] || !*dirs[i])
            continue;
        nis5g_buf_reset(path);
        nis5g_buf_addf(path, fmt[i], dirs[i], rel);
        if (nis5g_read_file(path->data, text, len) == 0)
            return 0;
    }
    return -1;
}

/* One value per state for the map, from the view. */
static int map_values(const json_t *v, const char *figure, struct nis5g_eumap_value *vals, char (*labels)[160],
                      size_t *n, double *vmin, double *vmax, struct nis5g_buf *title)
{
    size_t i, j;
    json_t *s, *x;
    *n = 0;
    const char *vt = str(v, "tlp");
    int t = nis5g_tlp_parse(vt);
    const char *mark = t < 0 ? "TLP:CLEAR" : nis5g_tlp_labels[t];
    if (strncmp(figure, "high-risk", 9) == 0) {
        const char *dom = figure[9] == ':' ? figure + 10 : "ran";
        if (nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, dom, strlen(dom)) < 0)
            return -1;
        *vmin = 0, *vmax = 1;
        nis5g_buf_addf(title, "High-risk vendors' share of %s elements (%s)", dom, mark);
        json_array_foreach(json_object_get(json_object_get(v, "high_risk_shares"), "by_state"), i, s) {
            if (strcmp(str(s, "domain"), dom) != 0 || !nis5g_country_eu27(str(s, "state"), strlen(str(s, "state"))))
                continue;
            memcpy(vals[*n].state, str(s, "state"), 3);
            vals[*n].value = json_number_value(json_object_get(s, "high_risk_share"));
            snprintf(labels[*n], 160, "%s: %.1f%%", str(s, "state"), 100 * vals[*n].value);
            vals[*n].label = labels[*n];
            (*n)++;
        }
        return 0;
    }
    if (strcmp(figure, "toolbox") == 0) {
        *vmin = 0, *vmax = 1;
        nis5g_buf_addf(title, "Toolbox implementation: mean measure score (%s)", mark);
        json_array_foreach(json_object_get(v, "states"), i, s) {
            double sum = 0;
            int cnt = 0;
            json_array_foreach(json_object_get(json_object_get(v, "measures"), "by_state"), j, x)
                if (strcmp(str(x, "state"), str(s, "state")) == 0)
                    sum += json_number_value(json_object_get(x, "score")), cnt++;
            if (!cnt || !nis5g_country_eu27(str(s, "state"), strlen(str(s, "state"))))
                continue;
            memcpy(vals[*n].state, str(s, "state"), 3);
            vals[*n].value = sum / cnt;
            snprintf(labels[*n], 160, "%s: %.2f over %d measures", str(s, "state"), sum / cnt, cnt);
            vals[*n].label = labels[*n];
            (*n)++;
        }
        return 0;
    }
    if (strcmp(figure, "killswitch") == 0) {
        *vmin = 0, *vmax = 100;
        nis5g_buf_addf(title, "Largest single-vendor kill-switch loss, %% of subscribers (%s)", mark);
        json_array_foreach(json_object_get(v, "largest_killswitch"), i, s) {
            if (!nis5g_country_eu27(str(s, "state"), strlen(str(s, "state"))))
                continue;
            memcpy(vals[*n].state, str(s, "state"), 3);
            vals[*n].value = json_number_value(json_object_get(s, "subscribers_lost_pct"));
            snprintf(labels[*n], 160, "%s: %.1f%% if %s fails", str(s, "state"), vals[*n].value, str(s, "vendor"));
            vals[*n].label = labels[*n];
            (*n)++;
        }
        return 0;
    }
    if (strcmp(figure, "restricts") == 0) {
        *vmin = 0, *vmax = 1;
        nis5g_buf_addf(title, "States restricting high-risk suppliers (%s)", mark);
        json_array_foreach(json_object_get(json_object_get(v, "restrictions"), "by_state"), i, s) {
            if (!nis5g_country_eu27(str(s, "state"), strlen(str(s, "state"))))
                continue;
            memcpy(vals[*n].state, str(s, "state"), 3);
            vals[*n].value = json_is_true(json_object_get(s, "restricts"));
            snprintf(labels[*n], 160, "%s: %s", str(s, "state"), vals[*n].value ? "restricts" : "no restriction shared");
            vals[*n].label = labels[*n];
            (*n)++;
        }
        return 0;
    }
    return -1;
}

static int write_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, const char *file)
{
    struct nis5g_eumap_value vals[64];
    char labels[64][160];
    size_t n;
    double vmin, vmax;
    struct nis5g_buf title = NIS5G_BUF_INIT, path = NIS5G_BUF_INIT, svg = NIS5G_BUF_INIT;
    int rc = 0;
    char *topo = NULL;
    size_t len;
    if (map_values(view, figure, vals, labels, &n, &vmin, &vmax, &title)) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "--figure expects high-risk[:DOMAIN], toolbox, killswitch or restricts, got '%s'",
                      figure);
        goto out;
    }
    if (read_topojson(&topo, &len, &path)) {
        rc = cli_fail(ctx, NIS5G_ENOTFOUND,
                      "cannot find the map's borders (%s); install them with 'npm ci' in web/eu", path.data);
        goto out;
    }
    struct nis5g_err err = { 0 };
    if (nis5g_eumap_svg(topo, len, vals, n, vmin, vmax, title.data, &svg, &err)) {
        rc = cli_fail_err(ctx, &err);
        goto out;
    }
    FILE *f = fopen(file, "w");
    if (!f || fwrite(svg.data, 1, svg.len, f) != svg.len || fclose(f) != 0) {
        rc = cli_fail(ctx, NIS5G_EIO, "cannot write '%s'", file);
        goto out;
    }
    fprintf(stderr, "wrote %s: %s\n", file, title.data);
out:
    free(topo);
    nis5g_buf_release(&title);
    nis5g_buf_release(&path);
    nis5g_buf_release(&svg);
    return rc;
}

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    int json = 0, own = 1;
    const char *svg = NULL, *figure = "high-risk:ran", *v;
    struct share_gather g = { NIS5G_NO_DATE, 0, NULL, 0 };
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
    struct nis5g_err err = { 0 };
    struct nis5g_pubkey self;
    int have_self = nis5g_identity_get(ctx->store, &self, &err) == 0;
    struct nis5g_held *held;
    size_t n;
    json_t *docs;
    if (nis5g_packages_held(ctx->store, 1, &held, &n, &docs, &err)) {
        share_gather_release(&g);
        return cli_fail_err(ctx, &err);
    }
    struct nis5g_eu_input *in = nis5g_xcalloc(n + 1, sizeof *in);
    size_t k = 0;
    json_t *own_doc = NULL;
    int rc = 0;
    struct nis5g_snapshot snap;
    if (own && have_self && nis5g_store_snapshot(ctx->store, NIS5G_NO_DATE, &snap, &err) == 0) {
        json_t *sections;
        if ((rc = share_gather(ctx, &g, &sections, &snap)))
            goto out;
        struct nis5g_export_opts o;
        memset(&o, 0, sizeof o);
        memcpy(o.state, self.state, 3);
        nis5g_date_format(snap.as_of, o.snapshot);
        snprintf(o.created, sizeof o.created, "%s", snap.imported_at);
        own_doc = nis5g_package_new(&o, sections);
        memcpy(in[k].state, self.state, 3);
        in[k].own = 1;
        in[k++].doc = own_doc;
    }
    for (size_t i = 0; i < n; i++) {
        if (have_self && strcmp(held[i].signer, self.state) == 0)
            continue;
        memcpy(in[k].state, held[i].signer, 3);
        in[k].tlp = held[i].tlp;
        in[k].doc = json_array_get(docs, i);
        in[k].fingerprint = held[i].fpr;
        in[k].received_at = held[i].received_at;
        in[k++].received_by = held[i].received_by;
    }
    if (k == 0) {
        rc = cli_fail(ctx, NIS5G_ENOTFOUND,
                      "nothing to aggregate: no packages held and no own assessment (import a dataset, run keygen, "
                      "import-package)");
        goto out;
    }
    json_t *view = nis5g_eu_view(in, k, &err);
    if (!view) {
        rc = cli_fail_err(ctx, &err);
        goto out;
    }
    if (svg && (rc = write_map(ctx, view, figure, svg)) != 0) {
        json_decref(view);
        goto out;
    }
    if (json)
        rc = cli_print_json(ctx, view);
    else {
        print_view(ctx, view);
        json_decref(view);
    }
out:
    share_gather_release(&g);
    json_decref(own_doc);
    json_decref(docs);
    free(in);
    free(held);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_eu = {
    .name = "eu",
    .usage = "eu [--json] [--no-own] [--policy FILE]... [--svg FILE [--figure NAME]]",
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
            "  --figure NAME  high-risk[:DOMAIN] (default high-risk:ran), toolbox, killswitch, restricts\n",
    .flags = CMD_STORE_READ,
    .run = run,
};
