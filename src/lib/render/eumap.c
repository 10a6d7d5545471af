/*
 * eumap.c — TopoJSON country borders to an SVG choropleth of the EU
 * (eumap.h). TopoJSON stores shared borders once as quantized,
 * delta-encoded arcs; a ring is a list of arc indexes (~i: arc i
 * reversed). We decode the arcs once, project every point, and write each
 * country as one path.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "nis5g/eumap.h"

static const struct {
    const char *num, *a2;
} eu27[] = {
    { "040", "AT" }, { "056", "BE" }, { "100", "BG" }, { "191", "HR" }, { "196", "CY" }, { "203", "CZ" },
    { "208", "DK" }, { "233", "EE" }, { "246", "FI" }, { "250", "FR" }, { "276", "DE" }, { "300", "GR" },
    { "348", "HU" }, { "372", "IE" }, { "380", "IT" }, { "428", "LV" }, { "440", "LT" }, { "442", "LU" },
    { "470", "MT" }, { "528", "NL" }, { "616", "PL" }, { "620", "PT" }, { "642", "RO" }, { "703", "SK" },
    { "705", "SI" }, { "724", "ES" }, { "752", "SE" },
};

const char *nis5g_eumap_alpha2(const char *numeric)
{
    for (size_t i = 0; numeric && i < sizeof eu27 / sizeof eu27[0]; i++)
        if (strcmp(eu27[i].num, numeric) == 0)
            return eu27[i].a2;
    return NULL;
}

#define W 800.0
#define DEG (M_PI / 180)
static const double lat0 = 52 * DEG, lon0 = 10 * DEG;

/* Lambert azimuthal equal-area on the unit sphere. */
static void project(double lon, double lat, double *x, double *y)
{
    double l = lon * DEG - lon0, p = lat * DEG;
    double k = sqrt(2 / (1 + sin(lat0) * sin(p) + cos(lat0) * cos(p) * cos(l)));
    *x = k * cos(p) * sin(l);
    *y = k * (cos(lat0) * sin(p) - sin(lat0) * cos(p) * cos(l));
}

struct view {
    double x0, y1, scale, h;
};

static void window(struct view *v)
{
    /* the bounds of the window's edges, sampled */
    double xmin = 1e9, xmax = -1e9, ymin = 1e9, ymax = -1e9, x, y;
    for (int i = 0; i <= 40; i++) {
        double lon = -25 + 70.0 * i / 40, lat = 34 + 37.0 * i / 40;
        double pts[4][2] = { { lon, 34 }, { lon, 71 }, { -25, lat }, { 45, lat } };
        for (int k = 0; k < 4; k++) {
            project(pts[k][0], pts[k][1], &x, &y);
            xmin = fmin(xmin, x), xmax = fmax(xmax, x), ymin = fmin(ymin, y), ymax = fmax(ymax, y);
        }
    }
    /* trim the empty corners of the curved window a little */
    double dx = xmax - xmin, dy = ymax - ymin;
    xmin += 0.08 * dx, xmax -= 0.04 * dx, ymax -= 0.02 * dy;
    v->x0 = xmin;
    v->y1 = ymax;
    v->scale = W / (xmax - xmin);
    v->h = (ymax - ymin) * v->scale;
}

struct arcs {
    size_t n;
    size_t *off;   /* n+1 */
    double *lon, *lat;
};

static int decode_arcs(const json_t *topo, struct arcs *a)
{
    json_t *arr = json_object_get(topo, "arcs"), *tr = json_object_get(topo, "transform");
    if (!json_is_array(arr))
        return -1;
    double sx = 1, sy = 1, tx = 0, ty = 0;
    int quant = json_is_object(tr);
    if (quant) {
        sx = json_number_value(json_array_get(json_object_get(tr, "scale"), 0));
        sy = json_number_value(json_array_get(json_object_get(tr, "scale"), 1));
        tx = json_number_value(json_array_get(json_object_get(tr, "translate"), 0));
        ty = json_number_value(json_array_get(json_object_get(tr, "translate"), 1));
    }
    a->n = json_array_size(arr);
    a->off = nis5g_xcalloc(a->n + 1, sizeof *a->off);
    size_t total = 0;
    for (size_t i = 0; i < a->n; i++) {
        if (!json_is_array(json_array_get(arr, i)))
            return -1;
        total += json_array_size(json_array_get(arr, i));
        a->off[i + 1] = total;
    }
    a->lon = nis5g_xcalloc(total ? total : 1, sizeof *a->lon);
    a->lat = nis5g_xcalloc(total ? total : 1, sizeof *a->lat);
    for (size_t i = 0; i < a->n; i++) {
        json_t *arc = json_array_get(arr, i);
        double qx = 0, qy = 0;
        for (size_t k = 0; k < json_array_size(arc); k++) {
            json_t *pt = json_array_get(arc, k);
            double px = json_number_value(json_array_get(pt, 0)), py = json_number_value(json_array_get(pt, 1));
            if (quant)
                qx += px, qy += py, px = qx * sx + tx, py = qy * sy + ty;
            a->lon[a->off[i] + k] = px;
            a->lat[a->off[i] + k] = py;
        }
    }
    return 0;
}

/* Append one ring as "M...Z" when its first point lies in the window. */
static void ring(const struct arcs *a, const json_t *r, const struct view *v, struct nis5g_buf *d)
{
    size_t start = d->len;
    int first = 1, in = -1;
    double lx = 0, ly = 0;
    size_t i;
    json_t *ai;
    json_array_foreach(r, i, ai) {
        long long k = json_integer_value(ai);
        int rev = k < 0;
        size_t arc = (size_t)(rev ? ~k : k);
        if (arc >= a->n)
            continue;
        size_t n = a->off[arc + 1] - a->off[arc];
        for (size_t j = i ? 1 : 0; j < n; j++) { /* later arcs repeat the previous end point */
            size_t p = a->off[arc] + (rev ? n - 1 - j : j);
            if (in < 0) {
                in = a->lon[p] > -30 && a->lon[p] < 50 && a->lat[p] > 30 && a->lat[p] < 75;
                if (!in)
                    return;
            }
            double x, y;
            project(a->lon[p], a->lat[p], &x, &y);
            x = (x - v->x0) * v->scale;
            y = (v->y1 - y) * v->scale;
            if (!first && fabs(x - lx) < 0.6 && fabs(y - ly) < 0.6)
                continue; /* below what the map can show */
            nis5g_buf_addf(d, "%s%.1f %.1f", first ? "M" : "L", x, y);
            first = 0;
            lx = x, ly = y;
        }
    }
    if (first) /* nothing left at this scale */
        d->len = start, d->data[start] = 0;
    else
        nis5g_buf_addch(d, 'Z');
}

static const char *const classes[5] = { "#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15" };

static void add_text(struct nis5g_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<')
            nis5g_buf_adds(b, "&lt;");
        else if (*s == '>')
            nis5g_buf_adds(b, "&gt;");
        else if (*s == '&')
            nis5g_buf_adds(b, "&amp;");
        else if (*s == '"')
            nis5g_buf_adds(b, "&quot;");
        else
            nis5g_buf_addch(b, *s);
    }
}

int nis5g_eumap_svg(const char *topo, size_t len, const struct nis5g_eumap_value *v, size_t n, double vmin,
                    double vmax, const char *title, struct nis5g_buf *out, struct nis5g_err *err)
{
    json_error_t je;
    json_t *t = json_loadb(topo, len, 0, &je);
    json_t *geoms = json_object_get(json_object_get(json_object_get(t, "objects"), "countries"), "geometries");
    struct arcs a = { 0, NULL, NULL, NULL };
    if (!t || !json_is_array(geoms) || decode_arcs(t, &a)) {
        json_decref(t);
        free(a.off), free(a.lon), free(a.lat);
        return nis5g_err_set(err, NIS5G_EPARSE, "not a TopoJSON file with a 'countries' object%s%s", t ? "" : ": ",
                             t ? "" : je.text);
    }
    struct view vw;
    window(&vw);
    nis5g_buf_addf(out,
                   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" class=\"nis5g-eumap\" "
                   "font-family=\"sans-serif\" font-size=\"12\">\n<title>",
                   W, vw.h + 40);
    add_text(out, title);
    nis5g_buf_adds(out, "</title>\n<defs><pattern id=\"nodata\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                        "<rect width=\"6\" height=\"6\" fill=\"#eeeeee\"/><path d=\"M0 6L6 0\" stroke=\"#bbbbbb\"/>"
                        "</pattern></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#dfeaf3\"/>\n");
    struct nis5g_buf d = NIS5G_BUF_INIT;
    /* others first, the EU on top so that its borders are not hidden */
    for (int pass = 0; pass < 2; pass++) {
        size_t i;
        json_t *g;
        json_array_foreach(geoms, i, g) {
            const char *a2 = nis5g_eumap_alpha2(json_string_value(json_object_get(g, "id")));
            if ((a2 != NULL) != pass)
                continue;
            nis5g_buf_reset(&d);
            const char *type = json_string_value(json_object_get(g, "type"));
            json_t *arcs = json_object_get(g, "arcs");
            size_t j, k;
            json_t *poly, *r;
            if (type && strcmp(type, "Polygon") == 0) {
                json_array_foreach(arcs, j, r) ring(&a, r, &vw, &d);
            } else if (type && strcmp(type, "MultiPolygon") == 0) {
                json_array_foreach(arcs, j, poly) json_array_foreach(poly, k, r) ring(&a, r, &vw, &d);
            }
            if (!d.len)
                continue;
            const struct nis5g_eumap_value *val = NULL;
            for (size_t x = 0; a2 && x < n; x++)
                if (strcmp(v[x].state, a2) == 0)
                    val = &v[x];
            const char *fill = "#f7f7f7";
            if (a2 && !val)
                fill = "url(#nodata)";
            else if (val) {
                double f = vmax > vmin ? (val->value - vmin) / (vmax - vmin) : 0;
                int c = f <= 0 ? 0 : f >= 1 ? 4 : (int)(f * 5);
                fill = classes[c < 0 ? 0 : c > 4 ? 4 : c];
            }
            nis5g_buf_addf(out, "<path d=\"%s\" fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\" fill-rule=\"evenodd\"", d.data,
                           fill, a2 ? "#555555" : "#bbbbbb", a2 ? "0.7" : "0.5");
            if (a2) {
                nis5g_buf_addf(out, " data-state=\"%s\"><title>", a2);
                if (val && val->label)
                    add_text(out, val->label);
                else if (val)
                    nis5g_buf_addf(out, "%s: %g", a2, val->value);
                else
                    nis5g_buf_addf(out, "%s: no data", a2);
                nis5g_buf_adds(out, "</title></path>\n");
                if (strcmp(a2, "MT") == 0) { /* a few pixels at this scale: mark it */
                    double x, y;
                    project(14.4, 35.9, &x, &y);
                    nis5g_buf_addf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"#555555\" "
                                        "data-state=\"MT\"><title>",
                                   (x - vw.x0) * vw.scale, (vw.y1 - y) * vw.scale, fill);
                    if (val && val->label)
                        add_text(out, val->label);
                    else
                        nis5g_buf_adds(out, "MT: no data");
                    nis5g_buf_adds(out, "</title></circle>\n");
                }
            } else
                nis5g_buf_adds(out, "/>\n");
        }
    }
    nis5g_buf_release(&d);
    /* legend: five classes, then "no data" */
    double ly = vw.h + 12;
    for (int c = 0; c < 5; c++) {
        nis5g_buf_addf(out, "<rect x=\"%d\" y=\"%.0f\" width=\"16\" height=\"12\" fill=\"%s\" stroke=\"#555555\"/>", 10 + c * 110,
                       ly, classes[c]);
        nis5g_buf_addf(out, "<text x=\"%d\" y=\"%.0f\">%.3g–%.3g</text>\n", 30 + c * 110, ly + 11,
                       vmin + (vmax - vmin) * c / 5, vmin + (vmax - vmin) * (c + 1) / 5);
    }
    nis5g_buf_addf(out, "<rect x=\"560\" y=\"%.0f\" width=\"16\" height=\"12\" fill=\"url(#nodata)\" stroke=\"#555555\"/>"
                        "<text x=\"580\" y=\"%.0f\">no data shared</text>\n",
                   ly, ly + 11);
    nis5g_buf_adds(out, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">");
    add_text(out, title);
    nis5g_buf_adds(out, "</text>\n<text x=\"790\" y=\"20\" text-anchor=\"end\" fill=\"#555555\">Borders: Natural Earth "
                        "(world-atlas)</text>\n</svg>\n");
    free(a.off), free(a.lon), free(a.lat);
    json_decref(t);
    return 0;
}
