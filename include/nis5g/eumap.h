/*
 * eumap.h — a choropleth map of the EU Member States as SVG, drawn from
 * Natural Earth country borders in TopoJSON (npm world-atlas, pinned in
 * web/eu/package.json; countries-50m.json).
 *
 * The map uses a Lambert azimuthal equal-area projection centred on
 * 52°N 10°E (as EPSG:3035, on a sphere), shows the window 25°W–45°E,
 * 34°N–71°N, draws every country in it (polygons elsewhere, such as
 * overseas territories, are left out) and colours the EU27 by a value in
 * five equal classes between vmin and vmax; states without a value are
 * hatched grey "no data". Each state's path carries its code
 * (data-state) and a <title> with its label, so the SVG can be inlined in
 * the HTML report as is.
 */
#ifndef NIS5G_EUMAP_H
#define NIS5G_EUMAP_H

#include <stddef.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"

struct nis5g_eumap_value {
    char state[3];      /* ISO 3166-1 alpha-2, an EU27 state */
    double value;
    const char *label;  /* shown on hover, e.g. "SE: 22.0%"; may be NULL */
};

/* Append the SVG to out. topo: the TopoJSON text (len bytes) with an
 * object "countries" whose geometries carry ISO 3166-1 numeric ids.
 * NIS5G_EPARSE when it is not such a TopoJSON. */
int nis5g_eumap_svg(const char *topo, size_t len, const struct nis5g_eumap_value *v, size_t n, double vmin,
                    double vmax, const char *title, struct nis5g_buf *out, struct nis5g_err *err);

/* The alpha-2 code of an EU27 state's ISO numeric code ("752" -> "SE"),
 * or NULL. */
const char *nis5g_eumap_alpha2(const char *numeric);

#endif
