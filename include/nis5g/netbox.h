/*
 * netbox.h — a NetBox inventory into a submission folder
 * (docs/from-netbox.md).
 *
 * NetBox 4's REST API lists devices (/api/dcim/devices/) and sites
 * (/api/dcim/sites/) as pages {"count", "next", "previous", "results": [...]};
 * each result is a record with nested objects ({id, url, display, name,
 * slug}), choices as {value, label} and custom fields under custom_fields.
 * nis5g_netbox_convert reads any number of such pages of each, a map of
 * NetBox device roles to nis5g domains and functions (CSV role,domain,
 * function) and optionally a links.csv, and writes sites.csv, elements.csv
 * and links.csv (when given) of one operator into a new folder: the files
 * of a dataset (docs/formats.md) that `nis5g import` reads beside the
 * national ones.
 *
 * Everything is checked before anything is written: an unmapped role, a
 * duplicate device name or site slug, a missing or ill-typed field is an
 * error naming the file, the record's index in results and the field
 * ("results[12].role.slug"); the map and links.csv errors name file, line
 * and column. On any error nothing is written.
 */
#ifndef NIS5G_NETBOX_H
#define NIS5G_NETBOX_H

#include <stddef.h>

#include "nis5g/err.h"

struct nis5g_netbox_opts {
    const char *operator_id;   /* the operator every site and element belongs to */
    const char *const *devices; /* page files of /api/dcim/devices/ */
    size_t n_devices;
    const char *const *sites;  /* page files of /api/dcim/sites/ */
    size_t n_sites;
    const char *map;           /* CSV role,domain,function */
    const char *links;         /* links.csv, or NULL */
    const char *dir;           /* the folder to create (missing, or empty) */
};

struct nis5g_netbox_stats {
    size_t sites, elements, links;
    size_t inventory; /* devices with status inventory, left out */
    size_t by_status[3]; /* elements active, planned, retired */
};

/* Convert. 0 with the folder written; NIS5G_EPARSE / NIS5G_EINPUT with the
 * problems in d (nothing written); NIS5G_EUSAGE, NIS5G_EEXIST (the folder
 * is not empty) or NIS5G_EIO in err. Warnings (page files whose results do
 * not add up to their count) go to d too. */
int nis5g_netbox_convert(const struct nis5g_netbox_opts *o, struct nis5g_netbox_stats *st, struct nis5g_diags *d,
                         struct nis5g_err *err);

#endif
