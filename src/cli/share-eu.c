/*
 * share-eu.c — the EU view and its map for the CLI (share-eu.h): used by
 * `nis5g eu` and meant for `nis5g report --eu`.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/country.h"
#include "nis5g/date.h"
#include "nis5g/eu.h"
#include "nis5g/eumap.h"
#include "nis5g/keys.h"
#include "nis5g/data.h"
#include "share-eu.h"

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The Natural Earth borders (web/eu, npm world-atlas), found as web assets. */
static int read_topojson(char **text, size_t *len, struct nis5g_buf *path, struct nis5g_err *err)
{
    if (nis5g_web_path("eu/node_modules/world-atlas/countries-50m.json", path, err))
        return err->code;
    if (nis5g_read_file(path->data, text, len))
        return nis5g_err_set(err, NIS5G_EIO, "cannot read the map's borders %s", path->data);
    return 0;
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

int share_eu_view(struct nis5g_ctx *ctx, const struct share_gather *g, int own, json_t **out)
{
    *out = NULL;
    struct nis5g_err err = { 0 };
    struct nis5g_pubkey self;
    int have_self = nis5g_identity_get(ctx->store, &self, &err) == 0;
    struct nis5g_held *held;
    size_t n;
    json_t *docs;
    if (nis5g_packages_held(ctx->store, 1, &held, &n, &docs, &err))
        return cli_fail_err(ctx, &err);
    struct nis5g_eu_input *in = nis5g_xcalloc(n + 1, sizeof *in);
    size_t k = 0;
    json_t *own_doc = NULL;
    int rc = 0;
    struct nis5g_snapshot snap;
    if (own && have_self && nis5g_store_snapshot(ctx->store, NIS5G_NO_DATE, &snap, &err) == 0) {
        json_t *sections;
        if ((rc = share_gather(ctx, g, &sections, &snap)))
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
    *out = view;
out:
    json_decref(own_doc);
    json_decref(docs);
    free(in);
    free(held);
    return rc;
}

int share_eu_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, struct nis5g_buf *svg)
{
    struct nis5g_eumap_value vals[64];
    char labels[64][160];
    size_t n;
    double vmin, vmax;
    struct nis5g_buf title = NIS5G_BUF_INIT, path = NIS5G_BUF_INIT;
    int rc = 0;
    char *topo = NULL;
    size_t len;
    if (map_values(view, figure, vals, labels, &n, &vmin, &vmax, &title)) {
        rc = cli_fail(ctx, NIS5G_EUSAGE, "--figure expects high-risk[:DOMAIN], toolbox, killswitch or restricts, got '%s'",
                      figure);
        goto out;
    }
    struct nis5g_err err = { 0 };
    if (read_topojson(&topo, &len, &path, &err)) {
        rc = cli_fail_err(ctx, &err);
        goto out;
    }
    if (nis5g_eumap_svg(topo, len, vals, n, vmin, vmax, title.data, svg, &err))
        rc = cli_fail_err(ctx, &err);
out:
    free(topo);
    nis5g_buf_release(&title);
    nis5g_buf_release(&path);
    return rc;
}
