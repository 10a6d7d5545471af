/*
 * geo.c — haversine distance and a grid index of points (geo.h).
 *
 * The grid cells are square in degrees, about the query radius in latitude.
 * Points are sorted by cell key (row * columns + column), so the points of
 * a run of cells in one row form one contiguous range found by binary
 * search. A query scans the rows its latitude band covers and, in each,
 * the columns its longitude extent covers (widened by 1/cos(latitude) and
 * wrapped at ±180°; near a pole, the whole row).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "nis5g/buf.h"
#include "base/geo.h"

#define DEG (M_PI / 180.0)

double nis5g_geo_distance_km(double lat1, double lon1, double lat2, double lon2)
{
    double dlat = (lat2 - lat1) * DEG, dlon = (lon2 - lon1) * DEG;
    double s1 = sin(dlat / 2), s2 = sin(dlon / 2);
    double h = s1 * s1 + cos(lat1 * DEG) * cos(lat2 * DEG) * s2 * s2;
    if (h > 1)
        h = 1;
    return 2 * NIS5G_EARTH_RADIUS_KM * asin(sqrt(h));
}

struct gpoint {
    int64_t key;
    double lat, lon;
};

struct nis5g_geo_index {
    struct gpoint *p;
    size_t n;
    double km, cell; /* cell size in degrees */
    int64_t rows, cols;
};

static int cmp_gpoint(const void *a, const void *b)
{
    int64_t x = ((const struct gpoint *)a)->key, y = ((const struct gpoint *)b)->key;
    return (x > y) - (x < y);
}

static int64_t row_of(const struct nis5g_geo_index *ix, double lat)
{
    int64_t r = (int64_t)floor((lat + 90.0) / ix->cell);
    return r < 0 ? 0 : r >= ix->rows ? ix->rows - 1 : r;
}

static int64_t col_of(const struct nis5g_geo_index *ix, double lon)
{
    int64_t c = (int64_t)floor((lon + 180.0) / ix->cell);
    return c < 0 ? 0 : c >= ix->cols ? ix->cols - 1 : c;
}

struct nis5g_geo_index *nis5g_geo_index_new(const double *lat, const double *lon, size_t n, double km)
{
    struct nis5g_geo_index *ix = nis5g_xcalloc(1, sizeof *ix);
    ix->km = km;
    /* The radius in degrees of latitude; cells no smaller than 0.01° (about
     * 1 km) so that the key space stays small, no larger than 10°. */
    double cell = km / (NIS5G_EARTH_RADIUS_KM * DEG);
    ix->cell = cell < 0.01 ? 0.01 : cell > 10 ? 10 : cell;
    ix->rows = (int64_t)ceil(180.0 / ix->cell) + 1;
    ix->cols = (int64_t)ceil(360.0 / ix->cell) + 1;
    ix->p = nis5g_xcalloc(n ? n : 1, sizeof *ix->p);
    for (size_t i = 0; i < n; i++) {
        if (isnan(lat[i]) || isnan(lon[i]))
            continue;
        struct gpoint *g = &ix->p[ix->n++];
        g->lat = lat[i];
        g->lon = lon[i];
        g->key = row_of(ix, lat[i]) * ix->cols + col_of(ix, lon[i]);
    }
    qsort(ix->p, ix->n, sizeof *ix->p, cmp_gpoint);
    return ix;
}

void nis5g_geo_index_free(struct nis5g_geo_index *ix)
{
    if (!ix)
        return;
    free(ix->p);
    free(ix);
}

/* First point with key >= k. */
static size_t lower(const struct nis5g_geo_index *ix, int64_t k)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ix->p[mid].key < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int scan(const struct nis5g_geo_index *ix, int64_t row, int64_t c0, int64_t c1, double lat, double lon)
{
    const double limit = ix->km + 1e-6; /* 1 mm: the boundary itself is "within" */
    for (size_t i = lower(ix, row * ix->cols + c0); i < ix->n && ix->p[i].key <= row * ix->cols + c1; i++)
        if (nis5g_geo_distance_km(lat, lon, ix->p[i].lat, ix->p[i].lon) <= limit)
            return 1;
    return 0;
}

int nis5g_geo_index_any_within(const struct nis5g_geo_index *ix, double lat, double lon)
{
    if (isnan(lat) || isnan(lon) || ix->n == 0)
        return 0;
    double dlat = ix->km / (NIS5G_EARTH_RADIUS_KM * DEG) + 1e-9;
    double lat0 = lat - dlat, lat1 = lat + dlat;
    int64_t r0 = row_of(ix, lat0 < -90 ? -90 : lat0), r1 = row_of(ix, lat1 > 90 ? 90 : lat1);
    /* Longitude half-width at the band's widest (most poleward) latitude. */
    double far = fmax(fabs(lat0), fabs(lat1));
    double dlon = far >= 89.9 ? 360 : dlat / cos(far * DEG);
    for (int64_t r = r0; r <= r1; r++) {
        if (dlon >= 180) {
            if (scan(ix, r, 0, ix->cols - 1, lat, lon))
                return 1;
            continue;
        }
        double lo = lon - dlon, hi = lon + dlon;
        if (lo < -180) {
            if (scan(ix, r, col_of(ix, lo + 360), ix->cols - 1, lat, lon))
                return 1;
            lo = -180;
        }
        if (hi > 180) {
            if (scan(ix, r, 0, col_of(ix, hi - 360), lat, lon))
                return 1;
            hi = 180;
        }
        if (scan(ix, r, col_of(ix, lo), col_of(ix, hi), lat, lon))
            return 1;
    }
    return 0;
}
