/*
 * summary.h — the national summary: active elements per operator × domain ×
 * vendor, sites and subscribers per operator, top vendors by domain.
 * Computed in one pass over the element columns.
 */
#ifndef NIS5G_SUMMARY_H
#define NIS5G_SUMMARY_H

#include <stdint.h>

#include <jansson.h>

#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

struct nis5g_summary_cell {
    uint16_t op;
    uint8_t domain;
    uint16_t vendor;
    uint64_t count; /* active elements */
};

struct nis5g_summary_op {
    uint64_t elements[NIS5G_ST_COUNT]; /* by status */
    uint64_t sites;                    /* sites of the operator in sites.csv */
    uint64_t radio_sites;              /* of which with an active RU or gNB */
    uint64_t site_subscribers;         /* sum of its sites' subscribers */
};

struct nis5g_summary_vendor {
    uint16_t vendor;
    uint64_t count;
};

struct nis5g_summary {
    uint32_t n_ops;
    struct nis5g_summary_op *ops;    /* n_ops, indexed by operator id */
    struct nis5g_summary_cell *cells;/* non-zero cells, sorted by op, domain, count desc, vendor name */
    size_t n_cells;
    /* per domain: vendors by active count, descending (ties by name) */
    struct nis5g_summary_vendor *top[NIS5G_DOM_COUNT];
    uint32_t n_top[NIS5G_DOM_COUNT];
    uint64_t domain_total[NIS5G_DOM_COUNT];
    uint64_t active, total;
    uint32_t vendors_active; /* vendors with at least one active element */
};

/* Needs NIS5G_PART_ELEMENTS. Fills *s (release with nis5g_summary_release). */
int nis5g_summary_compute(const struct nis5g_model *m, struct nis5g_summary *s, struct nis5g_err *err);
void nis5g_summary_release(struct nis5g_summary *s);

/* The query (query.h; query/q-summary.c): `nis5g summary`,
 * GET /api/v1/summary. */
struct nis5g_summary_params {
    int32_t snapshot; /* NIS5G_NO_DATE: the latest */
};
struct nis5g_summary_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_summary s;
};
extern const struct nis5g_opt nis5g_summary_opts[];
void nis5g_summary_params_init(void *params);
json_t *nis5g_summary_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_summary;

#endif
