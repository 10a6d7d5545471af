/*
 * whatif.h — what banning a vendor from some domains would take (SPEC §4
 * "What-if ban"): the active elements to replace by domain and function,
 * their estimated cost from per-function unit costs, and the vendor shares
 * and HHI after the replacement.
 *
 * Unit costs are data (data/costs.csv, documented in data/costs.md): rows
 * `domain,function,unit_cost_eur,source`. A row with an empty function is
 * the domain's default; the row `*,` (domain "*", empty function) is the
 * default for everything else. The unit cost of an element is its
 * function's row, else its domain's default, else the overall default.
 *
 * Replacement: the elements of each operator, domain and function go to
 * the operator's other vendors of that domain and function, in proportion
 * to their current counts; when there are none, to the operator's other
 * vendors of that domain; then to the other vendors of that function in the
 * whole model (the other operators' suppliers); failing that to "(new
 * vendor)" (NIS5G_DIV_NEW_VENDOR). Counts after the replacement are
 * therefore fractional.
 *
 * Needs NIS5G_PART_ELEMENTS.
 */
#ifndef NIS5G_WHATIF_H
#define NIS5G_WHATIF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/diversity.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

struct nis5g_cost_row {
    char *domain;   /* a domain name or "*" */
    char *function; /* "" for the domain's default */
    double unit;    /* EUR per element */
    char *source;   /* where the figure comes from, or why it is assumed */
};

struct nis5g_costs {
    size_t n, cap;
    struct nis5g_cost_row *rows;
};

void nis5g_costs_init(struct nis5g_costs *c);
/* Read a costs file; its rows replace the rows of c with the same domain
 * and function and add the others (so a small file overrides a few
 * defaults). Errors name file, line and column: NIS5G_EIO, NIS5G_EPARSE
 * (bad CSV), NIS5G_EINPUT (unknown column or domain, bad number). */
int nis5g_costs_load(struct nis5g_costs *c, const char *path, struct nis5g_err *err);
/* The same for the text of a costs file: takes ownership of data
 * (malloc'ed, len bytes; freed either way); name is for messages and must
 * outlive err. */
int nis5g_costs_parse(struct nis5g_costs *c, const char *name, char *data, size_t len, struct nis5g_err *err);
void nis5g_costs_release(struct nis5g_costs *c);
/* Unit cost of an element of this domain and function; *source is the
 * row's source (borrowed). -1 when no row applies. */
double nis5g_costs_unit(const struct nis5g_costs *c, enum nis5g_domain d, const char *function, const char **source);

struct nis5g_whatif_line {
    uint8_t domain;
    uint16_t function;
    uint64_t elements;
    double unit_cost;   /* -1 when unknown */
    double cost;        /* elements * unit_cost, 0 when unknown */
    const char *source; /* borrowed from the costs */
};

struct nis5g_whatif {
    uint16_t vendor;
    unsigned domains;               /* bit (1 << domain) for each domain banned from */
    size_t n_lines;
    struct nis5g_whatif_line *lines;/* by domain, then function name */
    uint64_t elements;              /* all to replace */
    double cost;                    /* sum of the known costs */
    int cost_complete;              /* 1 when every line has a unit cost */
    uint64_t *op_elements;          /* operators.n: to replace per operator */
    /* Shares per operator and domain, and per domain nationally, before
     * and after the replacement (element counts). */
    struct nis5g_diversity before, after, before_dom, after_dom;
};

/* Plan the ban of `vendor` from the domains in the mask (0: all). out is
 * the caller's (nis5g_whatif_release). costs may be NULL (no costs). */
int nis5g_whatif_ban(const struct nis5g_model *m, uint16_t vendor, unsigned domains, const struct nis5g_costs *costs,
                     struct nis5g_whatif *out, struct nis5g_err *err);
void nis5g_whatif_release(struct nis5g_whatif *w);

/* The query (query.h; query/q-whatif.c): `nis5g whatif ban VENDOR`,
 * GET /api/v1/whatif/ban. Unit costs: data/costs.csv, then the rows of
 * the named source `costs` (read through the environment) over them. */
struct nis5g_whatif_params {
    int32_t snapshot;    /* NIS5G_NO_DATE: the latest */
    const char *vendor;  /* required */
    unsigned domains;    /* --domains: bit (1 << domain) each; 0: every domain */
    double rate;         /* --rate N/month: replacements a month; 0: not given */
    const char *costs;   /* --costs: a costs source overriding data/costs.csv */
};
struct nis5g_whatif_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    const char *vendor;          /* borrowed from the model */
    double rate;                 /* 0: not given */
    double months;               /* ceil(elements / rate), -1 without a rate */
    struct nis5g_buf default_costs; /* the path of data/costs.csv; empty when there is none */
    char *costs_source;          /* --costs, or NULL */
    struct nis5g_costs costs;
    struct nis5g_whatif w;
};
extern const struct nis5g_opt nis5g_whatif_ban_opts[];
void nis5g_whatif_ban_params_init(void *params);
json_t *nis5g_whatif_ban_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_whatif_ban;

#endif
