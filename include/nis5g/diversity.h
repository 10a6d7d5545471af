/*
 * diversity.h — vendor shares and the Herfindahl–Hirschman index of the
 * active elements, per group (SPEC §4 "Diversity").
 *
 * A group is a combination of grouping fields (operator, domain, function,
 * region, country); with no field, all active elements form one group. The
 * HHI is the sum of the squared percentage shares, 0–10,000 (10,000: one
 * vendor). Groups served by a single vendor are single-vendor dependencies.
 *
 * Weights: by element count, or by subscribers served. An element's
 * subscriber weight is the subscribers it serves, shared evenly among the
 * elements of the same function that serve them:
 *   - an element at a site with subscribers: the site's subscribers divided
 *     by the number of active elements of that function at the site;
 *   - any other element (no site, or a site without subscribers: data
 *     centres, aggregation points): its operator's subscribers
 *     (operators.csv, or when empty the sum of its sites' subscribers)
 *     divided by the number of the operator's other active elements of
 *     that function (those not at a site with subscribers).
 * So, for each operator and function, the weights add up to the
 * subscribers it covers, and a vendor's share by subscribers is the share
 * of subscribers whose equipment of that kind comes from it.
 *
 * Needs NIS5G_PART_ELEMENTS.
 */
#ifndef NIS5G_DIVERSITY_H
#define NIS5G_DIVERSITY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

enum nis5g_div_field {
    NIS5G_DIV_OPERATOR,
    NIS5G_DIV_DOMAIN,
    NIS5G_DIV_FUNCTION,
    NIS5G_DIV_REGION,
    NIS5G_DIV_COUNTRY,
    NIS5G_DIV_NFIELDS
};
/* "operator", "domain", "function", "region", "country". */
extern const char *const nis5g_div_field_names[NIS5G_DIV_NFIELDS];

enum nis5g_div_weight { NIS5G_DIV_BY_ELEMENTS, NIS5G_DIV_BY_SUBSCRIBERS };

/* The vendor id used for capacity that has no vendor yet (what-if). */
#define NIS5G_DIV_NEW_VENDOR NIS5G_NONE16

struct nis5g_div_vendor {
    uint16_t vendor; /* vendors id, or NIS5G_DIV_NEW_VENDOR */
    double count;    /* elements, or subscribers (weights) */
    double share;    /* count / group total, in [0, 1] */
};

struct nis5g_div_group {
    /* The group's value of each field in the grouping (operators id,
     * enum nis5g_domain, functions id, regions id, countries id); NIS5G_NONE
     * for a field not in the grouping, or an element without a region. */
    uint32_t key[NIS5G_DIV_NFIELDS];
    double total;
    double hhi;             /* 0-10,000 */
    uint32_t vend_off, n_vendors; /* into nis5g_diversity.vendors, largest first */
};

/* Groups: single-vendor groups first, then the others; each part ordered
 * by the fields' names (domain in the order of SPEC §1). */
struct nis5g_diversity {
    unsigned fields; /* bit (1 << field) for each grouping field */
    size_t n_groups;
    struct nis5g_div_group *groups;
    size_t n_vendors;
    struct nis5g_div_vendor *vendors;
};

/* One weighted count: what a group of the result is made of. */
struct nis5g_div_cell {
    uint32_t key[NIS5G_DIV_NFIELDS];
    uint16_t vendor;
    double weight;
};

/* Shares and HHI of the active elements, grouped by `fields`. out is the
 * caller's (nis5g_diversity_release). */
int nis5g_diversity_compute(const struct nis5g_model *m, unsigned fields, enum nis5g_div_weight weight,
                            struct nis5g_diversity *out, struct nis5g_err *err);
/* The subscriber weight of every active element (0 for inactive ones), per
 * the rule above. *w is the caller's (free()). */
void nis5g_diversity_subscriber_weights(const struct nis5g_model *m, double **w);
/* Build a result from cells (cells with equal keys and vendor add up);
 * used by what-if to report the diversity after a replacement. */
void nis5g_diversity_from_cells(const struct nis5g_model *m, unsigned fields, const struct nis5g_div_cell *cells,
                                size_t n, struct nis5g_diversity *out);
void nis5g_diversity_release(struct nis5g_diversity *d);

/* The name of a group's value for a field ("" when NIS5G_NONE), and of a
 * vendor ("(new vendor)" for NIS5G_DIV_NEW_VENDOR). Borrowed. */
const char *nis5g_div_key_name(const struct nis5g_model *m, enum nis5g_div_field f, uint32_t v);
const char *nis5g_div_vendor_name(const struct nis5g_model *m, uint16_t vendor);
/* Parse a field name; -1 when unknown. */
int nis5g_div_field_parse(const char *s);

/* The query (query.h; query/q-diversity.c): `nis5g diversity`,
 * GET /api/v1/diversity. Besides the groups of --by, the result holds the
 * single-vendor dependencies: an operator's domain, function or region
 * served by one vendor (element counts), from three groupings. */
struct nis5g_diversity_params {
    int32_t snapshot;             /* NIS5G_NO_DATE: the latest */
    struct nis5g_strlist by;      /* --by: fields, comma-separated, or "none"; none given: operator,domain */
    int weight;                   /* enum nis5g_div_weight */
};
/* The grouping of each of the result's deps[] besides the operator. */
extern const int nis5g_div_dep_fields[3];
struct nis5g_diversity_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    enum nis5g_div_weight weight;
    struct nis5g_diversity d;       /* the groups of --by */
    struct nis5g_diversity deps[3]; /* operator × each of nis5g_div_dep_fields, by elements */
};
extern const struct nis5g_opt nis5g_diversity_opts[];
void nis5g_diversity_params_init(void *params);
json_t *nis5g_diversity_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_diversity;

#endif
