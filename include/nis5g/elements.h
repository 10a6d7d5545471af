/*
 * elements.h — the element listing behind every figure (docs/elements.md):
 * the network elements of a snapshot that match a set of filters, sorted
 * and paged. The dashboard's drill-down and `nis5g elements` ask it.
 *
 * Filters are compiled once into lookup tables over the model's ids
 * (operators, vendors, sites with their regions, domains, statuses, and
 * optionally a set of elements such as a rule's findings), so the pass
 * over the element columns reads a few bytes per element and compares no
 * strings. Within one filter the values are alternatives (OR); different
 * filters all hold (AND). Sorting ranks the distinct values of the sort
 * column once (strings by their bytes) and keeps only the first
 * offset+limit rows (a bounded heap), or, for a page deep in the list,
 * selects the page and sorts it alone. Ties are always broken by the
 * element id, ascending, so a listing is stable from page to page.
 */
#ifndef NIS5G_ELEMENTS_H
#define NIS5G_ELEMENTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

/* The sort fields, in the order of the JSON document's keys. */
enum nis5g_el_sort {
    NIS5G_ES_ID,
    NIS5G_ES_OPERATOR,
    NIS5G_ES_SITE,
    NIS5G_ES_REGION,
    NIS5G_ES_DOMAIN,
    NIS5G_ES_FUNCTION,
    NIS5G_ES_VENDOR,
    NIS5G_ES_PRODUCT,
    NIS5G_ES_STATUS,
    NIS5G_ES_INSTALLED,
    NIS5G_ES_COUNT
};
/* "id", "operator", ... "installed", then NULL (an option's choices). */
extern const char *const nis5g_el_sort_names[NIS5G_ES_COUNT + 1];

/* No limit: every element from the offset on. */
#define NIS5G_EL_ALL UINT64_MAX

/* A compiled question. Tables are NULL when the filter is not given (every
 * value passes); nis5g_el_select_release frees them. */
struct nis5g_el_select {
    uint8_t *op;         /* operators.n: 1 keep */
    uint8_t *vendor;     /* vendors.n */
    uint8_t *site;       /* sites.n + 1 (the last: no site): the site and region filters together */
    unsigned site_given; /* which of the two the site table holds (elements.c) */
    unsigned domains;    /* bit per enum nis5g_domain; 0: any */
    unsigned statuses;   /* bit per enum nis5g_status; 0: any */
    const uint8_t *high; /* vendors.n: 1 when the vendor's profile is high (borrowed; may be NULL: none) */
    int high_only;       /* keep only the elements of high-risk vendors */
    const uint32_t *only; /* borrowed: keep only these element indices (ascending), when only_set */
    size_t n_only;
    int only_set;
    int sort;            /* enum nis5g_el_sort */
    int desc;            /* descending on the sort field (ties still by id, ascending) */
    uint64_t offset, limit; /* limit NIS5G_EL_ALL: no limit */
};

/* Kinds of names a filter takes. */
enum nis5g_el_filter { NIS5G_EF_OPERATOR, NIS5G_EF_VENDOR, NIS5G_EF_DOMAIN, NIS5G_EF_REGION, NIS5G_EF_SITE,
                       NIS5G_EF_STATUS };

/* Add the value name to filter f of s (the values of one filter are
 * alternatives). m is read only (not const: a name lookup builds a
 * dictionary's index on first use). 0, or NIS5G_EUSAGE "unknown vendor
 * 'X'" when m has no such name (an operator's scoped model knows no other
 * operator: the same answer as for one that does not exist). */
int nis5g_el_select_add(struct nis5g_el_select *s, struct nis5g_model *m, enum nis5g_el_filter f, const char *name,
                        struct nis5g_err *err);
void nis5g_el_select_release(struct nis5g_el_select *s);

/* One page of the listing. */
struct nis5g_el_page {
    uint64_t total;   /* elements matching every filter */
    uint32_t *rows;   /* the page's element indices, in order (owned) */
    size_t n;
};

/* The page of m that s asks for (needs NIS5G_PART_ELEMENTS and
 * NIS5G_PART_ELEMENT_IDS; NIS5G_PART_ELEMENT_DETAIL for the product).
 * An offset past the end gives an empty page with the total. 0. */
int nis5g_elements_list(const struct nis5g_model *m, const struct nis5g_el_select *s, struct nis5g_el_page *out,
                        struct nis5g_err *err);
void nis5g_el_page_release(struct nis5g_el_page *p);

/* The page as CSV (docs/elements.md#csv): the header line, then one line
 * per row; RFC 4180 quoting, and a cell starting with = + - @ TAB or CR
 * prefixed with ' and quoted so that a spreadsheet does not run it as a
 * formula. high (per vendor, may be NULL) gives the high_risk column.
 * Appended to out. */
void nis5g_elements_csv(const struct nis5g_model *m, const struct nis5g_el_page *p, const uint8_t *high,
                        struct nis5g_buf *out);

/* ---- The query (query.h; query/q-elements.c): `nis5g elements`,
 * GET /api/v1/elements ---- */

struct nis5g_elements_params {
    struct nis5g_strlist operator, vendor, domain, region, site, status;
    int high_risk;               /* --high-risk */
    const char *rule;            /* --rule NAME: that rule's findings, NULL: no rule */
    struct nis5g_strlist policy; /* the policy the rule is in; designations apply to high_risk */
    int32_t at;                  /* the rule's status as of (NIS5G_NO_DATE: today) */
    int sort;                    /* enum nis5g_el_sort */
    int desc;
    uint64_t offset, limit;      /* limit NIS5G_EL_ALL: not given */
    int32_t snapshot;            /* NIS5G_NO_DATE: the latest */
};
struct nis5g_policy;
struct nis5g_check;
struct nis5g_elements_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_policy *policy; /* NULL without --policy */
    struct nis5g_check *check;   /* the rule's check, NULL without --rule */
    int32_t at;
    uint8_t *high;               /* per vendor: 1 when its profile is high */
    struct nis5g_el_select sel;
    struct nis5g_el_page page;
    uint32_t *only;              /* the rule's elements, ascending */
};
extern const struct nis5g_opt nis5g_elements_opts[];
void nis5g_elements_params_init(void *params);
json_t *nis5g_elements_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_elements;

#endif
