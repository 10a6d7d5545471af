/*
 * model.h — the in-memory columnar form of one snapshot.
 *
 * Every analysis (summary, policy check, diversity, kill-switch, Monte Carlo,
 * risk scoring, export) runs on this structure. Strings are interned into
 * dictionaries (dict.h) and columns hold their ids; dates are day numbers
 * (date.h); dependencies are compressed adjacency arrays (CSR) with pool
 * groups and a topological order. Rows keep the order of the input files:
 * element i is line i+2 of elements.csv (after the header), and its id is
 * nis5g_dict_str(&m->elements, i).
 *
 * A model comes from the importer (import.h: parse + validate CSV) or from
 * the workspace (nis5g_model_load: the columns saved as BLOBs at import time,
 * read back in one go). Loading can be partial: ask only for the parts an
 * analysis needs; the arrays of parts not loaded are NULL.
 *
 * Conventions: NIS5G_NONE (UINT32_MAX) in a uint32 id column and
 * NIS5G_NONE16 in a uint16 one mean "empty"; NaN in a double column means
 * "empty"; -1 in a count column means "empty"; NIS5G_NO_DATE in a date column
 * means "empty".
 */
#ifndef NIS5G_MODEL_H
#define NIS5G_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "nis5g/dict.h"
#include "nis5g/err.h"
#include "nis5g/factors.h"

#define NIS5G_NONE16 UINT16_MAX
/* Limits that follow from the column widths (checked at import). */
#define NIS5G_MAX_OPERATORS 65534u
#define NIS5G_MAX_VENDORS 65534u
#define NIS5G_MAX_FUNCTIONS 65534u

enum nis5g_domain {
    NIS5G_DOM_RAN,
    NIS5G_DOM_TRANSPORT,
    NIS5G_DOM_CORE,
    NIS5G_DOM_MANAGEMENT,
    NIS5G_DOM_EDGE,
    NIS5G_DOM_INTERCONNECT,
    NIS5G_DOM_INFRASTRUCTURE,
    NIS5G_DOM_COUNT
};

enum nis5g_status { NIS5G_ST_ACTIVE, NIS5G_ST_PLANNED, NIS5G_ST_RETIRED, NIS5G_ST_COUNT };

/* Profile levels; also the values of a designation (NIS5G_RISK_UNKNOWN there
 * means "no designation"). */
enum nis5g_risk { NIS5G_RISK_UNKNOWN, NIS5G_RISK_LOW, NIS5G_RISK_MEDIUM, NIS5G_RISK_HIGH, NIS5G_RISK_COUNT };

enum nis5g_mstatus { NIS5G_MS_NONE, NIS5G_MS_PLANNED, NIS5G_MS_PARTIAL, NIS5G_MS_IMPLEMENTED, NIS5G_MS_COUNT };

#define NIS5G_FACTOR_UNSET 255

/* Names as they appear in the CSV files ("ran", "active", "high", "gov_links"). */
extern const char *const nis5g_domain_names[NIS5G_DOM_COUNT];
extern const char *const nis5g_status_names[NIS5G_ST_COUNT];
extern const char *const nis5g_risk_names[NIS5G_RISK_COUNT]; /* "unknown","low","medium","high" */
extern const char *const nis5g_mstatus_names[NIS5G_MS_COUNT];
extern const char *const nis5g_factor_names[NIS5G_F_COUNT];
/* Index of name in a names table, or -1. */
int nis5g_name_index(const char *const *names, int count, const char *s, size_t n);

/* Parts of a model, for partial loads. */
enum {
    NIS5G_PART_BASE = 0,            /* always: operators, sites, suppliers, products, measures, small dicts */
    NIS5G_PART_ELEMENTS = 1u << 0,  /* el_operator, el_site, el_domain, el_function, el_vendor, el_status, el_installed */
    NIS5G_PART_ELEMENT_IDS = 1u << 1,   /* the elements dictionary (ids as strings) */
    NIS5G_PART_ELEMENT_DETAIL = 1u << 2,/* el_product, el_sw */
    NIS5G_PART_LINKS = 1u << 3,     /* dep_off, dep, dep_group, groups, topo */
    NIS5G_PART_ALL = 0xfu
};

struct nis5g_model {
    int32_t as_of;        /* snapshot date (day number) */
    unsigned parts;       /* what is loaded */
    uint32_t n_elements;  /* known even when NIS5G_PART_ELEMENTS is not loaded */
    uint32_t n_links;

    /* Dictionaries. Ids index the per-entity arrays below. */
    struct nis5g_dict operators; /* operator ids; index = operator number */
    struct nis5g_dict sites;     /* site ids; index = site number */
    struct nis5g_dict elements;  /* element ids (PART_ELEMENT_IDS) */
    struct nis5g_dict vendors;   /* from elements, suppliers.csv and products.csv */
    struct nis5g_dict functions; /* "RU", "AMF", ... as given */
    struct nis5g_dict regions;
    struct nis5g_dict countries; /* ISO 3166-1 alpha-2, EL stored as GR */
    struct nis5g_dict tags;
    struct nis5g_dict products;  /* product names (a product is vendor + name) */
    struct nis5g_dict certs;     /* certification names */
    struct nis5g_dict groups;    /* link group names (PART_LINKS) */
    struct nis5g_dict text;      /* free text: names, sw versions, notes, measure codes, evidence */

    /* Operators: operators.n rows. */
    uint32_t *op_name;        /* text id */
    uint32_t *op_country;     /* countries id */
    int64_t *op_subscribers;  /* -1 empty */

    /* Sites: sites.n rows. */
    uint16_t *site_operator;
    double *site_lat, *site_lon;  /* NaN empty */
    uint32_t *site_region;        /* regions id or NIS5G_NONE */
    uint32_t *site_tag_off;       /* sites.n+1 offsets into site_tags */
    uint32_t *site_tags;          /* tags ids */
    double *site_backup_hours;    /* NaN empty */
    int64_t *site_subscribers;    /* -1 empty */

    /* Elements: n_elements rows (PART_ELEMENTS unless said otherwise). */
    uint16_t *el_operator;
    uint32_t *el_site;        /* NIS5G_NONE: no site */
    uint8_t *el_domain;       /* enum nis5g_domain */
    uint16_t *el_function;    /* functions id */
    uint16_t *el_vendor;      /* vendors id */
    uint8_t *el_status;       /* enum nis5g_status */
    int32_t *el_installed;    /* day or NIS5G_NO_DATE */
    uint32_t *el_product;     /* products id or NIS5G_NONE (PART_ELEMENT_DETAIL) */
    uint32_t *el_sw;          /* text id or NIS5G_NONE (PART_ELEMENT_DETAIL) */

    /* Dependencies (PART_LINKS): element e needs dep[k] for
     * k in [dep_off[e], dep_off[e+1]). Within an element, links without a
     * group come first (dep_group[k] == NIS5G_NONE, each one required), then
     * the pools sorted by group id: a run of equal dep_group values is one
     * pool, met when any member works. */
    uint32_t *dep_off;        /* n_elements+1 */
    uint32_t *dep;            /* n_links */
    uint32_t *dep_group;      /* n_links: groups id or NIS5G_NONE */
    uint32_t *topo;           /* n_elements: every element after all it depends on */

    /* Suppliers: indexed by vendor id (vendors.n entries). */
    uint8_t *sup_known;       /* 1 when suppliers.csv has a row for the vendor */
    uint32_t *sup_country;    /* countries id or NIS5G_NONE */
    int8_t *sup_state_owned;  /* 0, 1, or -1 empty */
    uint8_t *sup_factors;     /* vendors.n * NIS5G_F_COUNT, 0-3 or NIS5G_FACTOR_UNSET */
    uint8_t *sup_designation; /* enum nis5g_risk; UNKNOWN = no designation */
    uint32_t *sup_notes;      /* text id or NIS5G_NONE */

    /* Products: n_products rows. */
    uint32_t n_products;
    uint16_t *prod_vendor;
    uint32_t *prod_name;      /* products id */
    uint32_t *prod_cert_off;  /* n_products+1 offsets into prod_certs */
    uint32_t *prod_certs;     /* certs ids */
    int32_t *prod_end_of_support; /* day or NIS5G_NO_DATE */
    int32_t *prod_critical_vulns; /* -1 empty */

    /* Measures: n_measures rows. A scope is an operator or a country. */
    uint32_t n_measures;
    uint32_t *ms_operator;    /* operators id, or NIS5G_NONE when the scope is a country */
    uint32_t *ms_country;     /* countries id, or NIS5G_NONE when the scope is an operator */
    uint32_t *ms_measure;     /* text id ("TM03") */
    uint8_t *ms_status;       /* enum nis5g_mstatus */
    uint32_t *ms_evidence;    /* text id or NIS5G_NONE */
    int32_t *ms_date;         /* day or NIS5G_NO_DATE */

    /* Private: memory owned by the model. */
    void *priv;
};

/* An empty model (all arrays NULL, dictionaries empty). */
struct nis5g_model *nis5g_model_new(void);
void nis5g_model_free(struct nis5g_model *m);
/* Build every dictionary's lookup index, so that a model shared read-only
 * between threads (the server's snapshot) is never written by a lookup. */
void nis5g_model_index(struct nis5g_model *m);

/* A new model holding only operator op (an operators id) of m: its row,
 * its sites, its elements with every column of the parts m has loaded
 * (NIS5G_PART_ELEMENTS at least), the links among its own elements (a link
 * to another operator's element is dropped: what it does not own is taken
 * as given), the pool groups renumbered, a topological order, and the
 * measures of its own scope and of its state. The operators, sites,
 * elements, groups and text dictionaries hold only what the kept rows use,
 * so no other operator's id or name is anywhere in it; the vendors,
 * functions, regions, countries, tags, products and certifications (the
 * authority's catalogue) are copied whole, with the same ids as in m.
 * The operator is number 0 of the new model. op NIS5G_NONE gives the
 * model of nobody: the catalogue alone, no operator, site, element or
 * measure (what a user bound to an operator that is not in a snapshot
 * sees of it). 0 and *out (the caller's:
 * nis5g_model_free), NIS5G_ENOTFOUND when op is not an operator of m, or
 * NIS5G_EINTERNAL when m has no elements loaded. m is only read. */
int nis5g_model_scope_operator(const struct nis5g_model *m, uint32_t op, struct nis5g_model **out,
                               struct nis5g_err *err);

/* Subscribers of a site, 0 when empty. */
static inline int64_t nis5g_site_subs(const struct nis5g_model *m, uint32_t site)
{
    return m->site_subscribers[site] < 0 ? 0 : m->site_subscribers[site];
}
/* Factor f of vendor v (0-3 or NIS5G_FACTOR_UNSET). */
static inline uint8_t nis5g_factor(const struct nis5g_model *m, uint32_t v, enum nis5g_factor f)
{
    return m->sup_factors[(size_t)v * NIS5G_F_COUNT + f];
}
/* True when the element is a radio: function RU or gNB (SPEC §1). */
int nis5g_model_is_radio_function(const struct nis5g_model *m, uint16_t function);
/* Row of product (vendor, products id) in the products table, or NIS5G_NONE. */
uint32_t nis5g_model_product_row(const struct nis5g_model *m, uint16_t vendor, uint32_t product);

#endif
