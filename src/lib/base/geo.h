/*
 * geo.h — great-circle distances and a spatial index for "near" questions.
 *
 * Distances use the haversine formula on a sphere of radius 6371.0 km. The
 * index is a grid of latitude/longitude cells holding a set of points; a
 * query looks only at the cells that a circle of the query radius can
 * touch, so asking for 100,000 sites against 1,000 points costs about
 * 100,000 small cell scans, not 10^8 distances.
 */
#ifndef NIS5G_GEO_H
#define NIS5G_GEO_H

#include <stddef.h>

#define NIS5G_EARTH_RADIUS_KM 6371.0

/* Great-circle distance in km between two points in degrees. */
double nis5g_geo_distance_km(double lat1, double lon1, double lat2, double lon2);

struct nis5g_geo_index;

/* Index n points (degrees; points with a NaN coordinate are skipped) for
 * queries of radius up to km. Arrays are copied. */
struct nis5g_geo_index *nis5g_geo_index_new(const double *lat, const double *lon, size_t n, double km);
void nis5g_geo_index_free(struct nis5g_geo_index *ix);
/* 1 when some indexed point lies within km (the index's radius) of
 * (lat, lon), boundary included (1 mm tolerance for rounding); 0 otherwise
 * and for NaN coordinates. */
int nis5g_geo_index_any_within(const struct nis5g_geo_index *ix, double lat, double lon);

#endif
