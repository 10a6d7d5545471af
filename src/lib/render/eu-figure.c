/*
 * eu-figure.c — the EU view's map (eu.h nis5g_eu_map): one value per
 * state taken from the view for the chosen figure, drawn over the Natural
 * Earth borders by eumap.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/country.h"
#include "nis5g/data.h"
#include "nis5g/eu.h"
#include "nis5g/eumap.h"
#include "nis5g/model.h"
#include "nis5g/package.h"

#define MAX_STATES 64

struct values {
    struct nis5g_eumap_value v[MAX_STATES];
    char labels[MAX_STATES][160];
    size_t n;
    double vmin, vmax;
    struct nis5g_buf title;
};

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* The next value for the state of o, or NULL for a state outside the EU27
 * (or when the table is full). */
static struct nis5g_eumap_value *next(struct values *x, const json_t *o)
{
    const char *st = str(o, "state");
    if (!nis5g_country_eu27(st, strlen(st)) || x->n == MAX_STATES)
        return NULL;
    struct nis5g_eumap_value *v = &x->v[x->n];
    memcpy(v->state, st, 3);
    v->label = x->labels[x->n];
    return v;
}

static int high_risk(const json_t *view, const char *figure, struct values *x)
{
    const char *dom = figure[9] == ':' ? figure + 10 : "ran";
    if (nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, dom, strlen(dom)) < 0)
        return -1;
    x->vmin = 0, x->vmax = 1;
    nis5g_buf_addf(&x->title, "High-risk vendors' share of %s elements", dom);
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(json_object_get(view, "high_risk_shares"), "by_state"), i, s) {
        struct nis5g_eumap_value *v = strcmp(str(s, "domain"), dom) == 0 ? next(x, s) : NULL;
        if (!v)
            continue;
        v->value = json_number_value(json_object_get(s, "high_risk_share"));
        snprintf(x->labels[x->n++], 160, "%s: %.1f%%", str(s, "state"), 100 * v->value);
    }
    return 0;
}

static void toolbox(const json_t *view, struct values *x)
{
    x->vmin = 0, x->vmax = 1;
    nis5g_buf_addf(&x->title, "Toolbox implementation: mean measure score");
    size_t i, j;
    json_t *s, *m;
    json_array_foreach(json_object_get(view, "states"), i, s) {
        double sum = 0;
        int cnt = 0;
        json_array_foreach(json_object_get(json_object_get(view, "measures"), "by_state"), j, m)
            if (strcmp(str(m, "state"), str(s, "state")) == 0)
                sum += json_number_value(json_object_get(m, "score")), cnt++;
        struct nis5g_eumap_value *v = cnt ? next(x, s) : NULL;
        if (!v)
            continue;
        v->value = sum / cnt;
        snprintf(x->labels[x->n++], 160, "%s: %.2f over %d measures", str(s, "state"), sum / cnt, cnt);
    }
}

static void killswitch(const json_t *view, struct values *x)
{
    x->vmin = 0, x->vmax = 100;
    nis5g_buf_addf(&x->title, "Largest single-vendor kill-switch loss, %% of subscribers");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(view, "largest_killswitch"), i, s) {
        struct nis5g_eumap_value *v = next(x, s);
        if (!v)
            continue;
        v->value = json_number_value(json_object_get(s, "subscribers_lost_pct"));
        snprintf(x->labels[x->n++], 160, "%s: %.1f%% if %s fails", str(s, "state"), v->value, str(s, "vendor"));
    }
}

static void restricts(const json_t *view, struct values *x)
{
    x->vmin = 0, x->vmax = 1;
    nis5g_buf_addf(&x->title, "States restricting high-risk suppliers");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(json_object_get(view, "restrictions"), "by_state"), i, s) {
        struct nis5g_eumap_value *v = next(x, s);
        if (!v)
            continue;
        v->value = json_is_true(json_object_get(s, "restricts"));
        snprintf(x->labels[x->n++], 160, "%s: %s", str(s, "state"), v->value ? "restricts" : "no restriction shared");
    }
}

/* One value per state for the map, and its title with the view's marking. */
static int map_values(const json_t *view, const char *figure, struct values *x)
{
    int rc = 0;
    if (strncmp(figure, "high-risk", 9) == 0 && (figure[9] == 0 || figure[9] == ':'))
        rc = high_risk(view, figure, x);
    else if (strcmp(figure, "toolbox") == 0)
        toolbox(view, x);
    else if (strcmp(figure, "killswitch") == 0)
        killswitch(view, x);
    else if (strcmp(figure, "restricts") == 0)
        restricts(view, x);
    else
        rc = -1;
    int t = nis5g_tlp_parse(str(view, "tlp"));
    nis5g_buf_addf(&x->title, " (%s)", t < 0 ? "TLP:CLEAR" : nis5g_tlp_labels[t]);
    return rc;
}

int nis5g_eu_map(const json_t *view, const char *figure, struct nis5g_buf *svg, struct nis5g_err *err)
{
    struct values *x = nis5g_xcalloc(1, sizeof *x);
    struct nis5g_buf path = NIS5G_BUF_INIT;
    char *topo = NULL;
    size_t len;
    int rc = 0;
    if (map_values(view, figure, x))
        rc = nis5g_err_set(err, NIS5G_EUSAGE,
                           "--figure expects high-risk[:DOMAIN], toolbox, killswitch or restricts, got '%s'", figure);
    else if ((rc = nis5g_web_path("eu/node_modules/world-atlas/countries-50m.json", &path, err)) != 0)
        ;
    else if (nis5g_read_file(path.data, &topo, &len))
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot read the map's borders %s", path.data);
    else
        rc = nis5g_eumap_svg(topo, len, x->v, x->n, x->vmin, x->vmax, x->title.data, svg, err);
    free(topo);
    nis5g_buf_release(&x->title);
    nis5g_buf_release(&path);
    free(x);
    return rc;
}
