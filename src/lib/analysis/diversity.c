/*
 * diversity.c — vendor shares and HHI per group of active elements
 * (diversity.h), in one pass over the element columns.
 *
 * Each element's group is a mixed-radix number over the grouping fields'
 * cardinalities. When groups × vendors is small (the usual case: operators,
 * domains, functions, regions number in the hundreds) the counts go to a
 * dense array; otherwise to a hash table. Either way the counts become
 * cells, and cells become sorted groups (nis5g_diversity_from_cells).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/diversity.h"
#include "base/intmap.h"

const char *const nis5g_div_field_names[NIS5G_DIV_NFIELDS] = { "operator", "domain", "function", "region",
                                                               "country" };

#define DENSE_MAX ((uint64_t)1 << 22)

int nis5g_div_field_parse(const char *s)
{
    return nis5g_name_index(nis5g_div_field_names, NIS5G_DIV_NFIELDS, s, strlen(s));
}

const char *nis5g_div_key_name(const struct nis5g_model *m, enum nis5g_div_field f, uint32_t v)
{
    if (v == NIS5G_NONE)
        return "";
    switch (f) {
    case NIS5G_DIV_OPERATOR: return nis5g_dict_str(&m->operators, v);
    case NIS5G_DIV_DOMAIN: return v < NIS5G_DOM_COUNT ? nis5g_domain_names[v] : "";
    case NIS5G_DIV_FUNCTION: return nis5g_dict_str(&m->functions, v);
    case NIS5G_DIV_REGION: return nis5g_dict_str(&m->regions, v);
    case NIS5G_DIV_COUNTRY: return nis5g_dict_str(&m->countries, v);
    case NIS5G_DIV_NFIELDS: break;
    }
    return "";
}

const char *nis5g_div_vendor_name(const struct nis5g_model *m, uint16_t vendor)
{
    return vendor == NIS5G_DIV_NEW_VENDOR ? "(new vendor)" : nis5g_dict_str(&m->vendors, vendor);
}

/* Index of key in h (added when new); returns 1 when it was new. */
static int intmap_added(struct nis5g_intmap *h, uint64_t key, uint32_t *val)
{
    int added;
    *val = nis5g_intmap_get(h, key, &added);
    return added;
}

/* ---- subscriber weights -------------------------------------------------- */

/* True when element e serves the subscribers of its own site. */
static inline int at_site(const struct nis5g_model *m, uint32_t e)
{
    return m->el_site[e] != NIS5G_NONE && nis5g_site_subs(m, m->el_site[e]) > 0;
}

void nis5g_diversity_subscriber_weights(const struct nis5g_model *m, double **out)
{
    uint32_t n = m->n_elements, nf = m->functions.n ? m->functions.n : 1, nops = m->operators.n;
    double *w = nis5g_xcalloc(n ? n : 1, sizeof *w);
    /* Operator subscribers: operators.csv, else the sum of its sites'. */
    double *op_subs = nis5g_xcalloc(nops ? nops : 1, sizeof *op_subs);
    for (uint32_t s = 0; s < m->sites.n; s++)
        op_subs[m->site_operator[s]] += (double)nis5g_site_subs(m, s);
    for (uint32_t o = 0; o < nops; o++)
        if (m->op_subscribers[o] >= 0)
            op_subs[o] = (double)m->op_subscribers[o];
    /* Elements at a site with subscribers share the site's subscribers with
     * the site's other active elements of the same function: group the
     * elements by site (a counting sort), then count functions site by site
     * in a small array. The others share their operator's subscribers with
     * the operator's other such elements of the function: an operator ×
     * function table (hashed when it would be huge). */
    uint32_t ns = m->sites.n;
    uint32_t *soff = nis5g_xcalloc((size_t)ns + 2, sizeof *soff);
    for (uint32_t e = 0; e < n; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE && at_site(m, e))
            soff[m->el_site[e] + 2]++;
    for (uint32_t x = 0; x < ns; x++)
        soff[x + 2] += soff[x + 1];
    uint32_t *by_site = nis5g_xmalloc(((size_t)soff[ns + 1] + 1) * sizeof *by_site);
    for (uint32_t e = 0; e < n; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE && at_site(m, e))
            by_site[soff[m->el_site[e] + 1]++] = e;
    uint32_t *fcnt = nis5g_xcalloc(nf, sizeof *fcnt);
    for (uint32_t x = 0; x < ns; x++) {
        for (uint32_t k = soff[x]; k < soff[x + 1]; k++)
            fcnt[m->el_function[by_site[k]]]++;
        double subs = (double)nis5g_site_subs(m, x);
        for (uint32_t k = soff[x]; k < soff[x + 1]; k++)
            w[by_site[k]] = subs / fcnt[m->el_function[by_site[k]]];
        for (uint32_t k = soff[x]; k < soff[x + 1]; k++)
            fcnt[m->el_function[by_site[k]]] = 0;
    }
    free(fcnt);
    free(by_site);
    free(soff);

    int dense = (uint64_t)(nops ? nops : 1) * nf <= ((uint64_t)1 << 24);
    uint32_t *ocnt = dense ? nis5g_xcalloc((size_t)(nops ? nops : 1) * nf, sizeof *ocnt) : NULL;
    struct nis5g_intmap h = { 0 };
    uint32_t *cnt = NULL;
    size_t cnt_cap = 0;
    if (!dense)
        nis5g_intmap_init(&h, 1024);
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t e = 0; e < n; e++) {
            if (m->el_status[e] != NIS5G_ST_ACTIVE || at_site(m, e))
                continue;
            uint64_t key = (uint64_t)m->el_operator[e] * nf + m->el_function[e];
            uint32_t *c;
            if (dense) {
                c = &ocnt[key];
            } else {
                uint32_t v;
                if (intmap_added(&h, key, &v)) {
                    if (v >= cnt_cap) {
                        cnt_cap = cnt_cap ? cnt_cap * 2 : 1024;
                        cnt = nis5g_xreallocarray(cnt, cnt_cap, sizeof *cnt);
                    }
                    cnt[v] = 0;
                }
                c = &cnt[v];
            }
            if (pass == 0)
                (*c)++;
            else
                w[e] = op_subs[m->el_operator[e]] / *c;
        }
    free(ocnt);
    free(cnt);
    if (!dense)
        nis5g_intmap_release(&h);
    free(op_subs);
    *out = w;
}

/* ---- cells → groups ------------------------------------------------------- */

static int cmp_cell(const void *a, const void *b)
{
    const struct nis5g_div_cell *x = a, *y = b;
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (x->key[f] != y->key[f])
            return x->key[f] < y->key[f] ? -1 : 1;
    return (x->vendor > y->vendor) - (x->vendor < y->vendor);
}

struct named {
    const char *s;
    uint32_t id;
};

static int cmp_named(const void *a, const void *b)
{
    return strcmp(((const struct named *)a)->s, ((const struct named *)b)->s);
}

/* Rank of each id of a dictionary in name order; rank[d->n] is where
 * NIS5G_NONE goes (last). */
static uint32_t *name_ranks(const struct nis5g_dict *d)
{
    struct named *v = nis5g_xmalloc((d->n ? d->n : 1) * sizeof *v);
    uint32_t *rank = nis5g_xmalloc(((size_t)d->n + 1) * sizeof *rank);
    for (uint32_t i = 0; i < d->n; i++) {
        v[i].s = nis5g_dict_str(d, i);
        v[i].id = i;
    }
    qsort(v, d->n, sizeof *v, cmp_named);
    for (uint32_t i = 0; i < d->n; i++)
        rank[v[i].id] = i;
    rank[d->n] = d->n;
    free(v);
    return rank;
}

struct gsort {
    uint32_t single; /* 0 for single-vendor groups, so they come first */
    uint32_t r[NIS5G_DIV_NFIELDS];
    size_t idx;
};

static int cmp_gsort(const void *a, const void *b)
{
    const struct gsort *x = a, *y = b;
    if (x->single != y->single)
        return x->single < y->single ? -1 : 1;
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (x->r[f] != y->r[f])
            return x->r[f] < y->r[f] ? -1 : 1;
    return (x->idx > y->idx) - (x->idx < y->idx);
}

struct vsort {
    struct nis5g_div_vendor v;
    uint32_t rank;
};

/* Largest first; ties by vendor name, the new-vendor placeholder last. */
static int cmp_vsort(const void *a, const void *b)
{
    const struct vsort *x = a, *y = b;
    if (x->v.count != y->v.count)
        return x->v.count > y->v.count ? -1 : 1;
    return (x->rank > y->rank) - (x->rank < y->rank);
}

void nis5g_diversity_from_cells(const struct nis5g_model *m, unsigned fields, const struct nis5g_div_cell *cells,
                                size_t n, struct nis5g_diversity *out)
{
    memset(out, 0, sizeof *out);
    out->fields = fields;
    struct nis5g_div_cell *c = nis5g_xmalloc((n ? n : 1) * sizeof *c);
    if (n) /* cells may be NULL when there is nothing */
        memcpy(c, cells, n * sizeof *c);
    for (size_t i = 0; i < n; i++)
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
            if (!(fields & (1u << f)))
                c[i].key[f] = NIS5G_NONE;
    qsort(c, n, sizeof *c, cmp_cell);

    /* Merge equal cells, drop empty ones, cut into groups. */
    struct nis5g_div_group *g = nis5g_xcalloc(n ? n : 1, sizeof *g);
    struct nis5g_div_vendor *v = nis5g_xcalloc(n ? n : 1, sizeof *v);
    size_t ng = 0, nv = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        double wsum = 0;
        for (; j < n && cmp_cell(&c[i], &c[j]) == 0; j++)
            wsum += c[j].weight;
        if (wsum > 0) {
            int same = ng > 0 && memcmp(g[ng - 1].key, c[i].key, sizeof c[i].key) == 0;
            if (!same) {
                memcpy(g[ng].key, c[i].key, sizeof c[i].key);
                g[ng].vend_off = (uint32_t)nv;
                ng++;
            }
            v[nv].vendor = c[i].vendor;
            v[nv].count = wsum;
            nv++;
            g[ng - 1].n_vendors++;
            g[ng - 1].total += wsum;
        }
        i = j;
    }
    free(c);

    uint32_t *vr = name_ranks(&m->vendors);
    struct vsort *tmp = nis5g_xmalloc((nv ? nv : 1) * sizeof *tmp);
    for (size_t i = 0; i < ng; i++) {
        struct nis5g_div_vendor *gv = v + g[i].vend_off;
        double hhi = 0;
        for (uint32_t k = 0; k < g[i].n_vendors; k++) {
            gv[k].share = gv[k].count / g[i].total;
            hhi += (100 * gv[k].share) * (100 * gv[k].share);
            tmp[k].v = gv[k];
            tmp[k].rank = gv[k].vendor == NIS5G_DIV_NEW_VENDOR || gv[k].vendor >= m->vendors.n ? UINT32_MAX
                                                                                               : vr[gv[k].vendor];
        }
        g[i].hhi = g[i].n_vendors == 1 ? 10000 : hhi;
        qsort(tmp, g[i].n_vendors, sizeof *tmp, cmp_vsort);
        for (uint32_t k = 0; k < g[i].n_vendors; k++)
            gv[k] = tmp[k].v;
    }
    free(tmp);
    free(vr);

    /* Order: single-vendor groups first, then by the fields' names. */
    uint32_t *ranks[NIS5G_DIV_NFIELDS] = { 0 };
    const struct nis5g_dict *dicts[NIS5G_DIV_NFIELDS] = { &m->operators, NULL, &m->functions, &m->regions,
                                                          &m->countries };
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if ((fields & (1u << f)) && dicts[f])
            ranks[f] = name_ranks(dicts[f]);
    struct gsort *gs = nis5g_xmalloc((ng ? ng : 1) * sizeof *gs);
    for (size_t i = 0; i < ng; i++) {
        gs[i].single = g[i].n_vendors == 1 ? 0 : 1;
        gs[i].idx = i;
        for (int f = 0; f < NIS5G_DIV_NFIELDS; f++) {
            uint32_t k = g[i].key[f];
            if (!ranks[f])
                gs[i].r[f] = k;
            else
                gs[i].r[f] = k == NIS5G_NONE ? UINT32_MAX : ranks[f][k];
        }
    }
    qsort(gs, ng, sizeof *gs, cmp_gsort);
    struct nis5g_div_group *sorted = nis5g_xmalloc((ng ? ng : 1) * sizeof *sorted);
    for (size_t i = 0; i < ng; i++)
        sorted[i] = g[gs[i].idx];
    free(gs);
    free(g);
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        free(ranks[f]);
    out->groups = sorted;
    out->n_groups = ng;
    out->vendors = v;
    out->n_vendors = nv;
}

/* ---- the pass over the elements ---------------------------------------- */

/* Group number of element e: mixed radix over the grouping fields; region
 * and country use their last digit for "none". */
static inline uint64_t group_of(const struct nis5g_model *m, const uint64_t *card, unsigned fields, uint32_t e)
{
    uint64_t g = 0;
    if (fields & (1u << NIS5G_DIV_OPERATOR))
        g = m->el_operator[e];
    if (fields & (1u << NIS5G_DIV_DOMAIN))
        g = g * card[NIS5G_DIV_DOMAIN] + m->el_domain[e];
    if (fields & (1u << NIS5G_DIV_FUNCTION))
        g = g * card[NIS5G_DIV_FUNCTION] + m->el_function[e];
    if (fields & (1u << NIS5G_DIV_REGION)) {
        uint32_t s = m->el_site[e], r = s == NIS5G_NONE ? NIS5G_NONE : m->site_region[s];
        g = g * card[NIS5G_DIV_REGION] + (r == NIS5G_NONE ? m->regions.n : r);
    }
    if (fields & (1u << NIS5G_DIV_COUNTRY)) {
        uint32_t c = m->op_country[m->el_operator[e]];
        g = g * card[NIS5G_DIV_COUNTRY] + (c == NIS5G_NONE ? m->countries.n : c);
    }
    return g;
}

int nis5g_diversity_compute(const struct nis5g_model *m, unsigned fields, enum nis5g_div_weight weight,
                            struct nis5g_diversity *out, struct nis5g_err *err)
{
    if (!(m->parts & NIS5G_PART_ELEMENTS))
        return nis5g_err_set(err, NIS5G_EINTERNAL, "diversity needs the elements of the model");
    uint64_t card[NIS5G_DIV_NFIELDS] = {
        m->operators.n ? m->operators.n : 1, NIS5G_DOM_COUNT, m->functions.n ? m->functions.n : 1,
        (uint64_t)m->regions.n + 1, (uint64_t)m->countries.n + 1,
    };
    uint64_t ngroups = 1;
    for (int f = 0; f < NIS5G_DIV_NFIELDS; f++)
        if (fields & (1u << f))
            ngroups *= card[f];
    uint64_t nv = m->vendors.n ? m->vendors.n : 1;
    double *sw = NULL;
    if (weight == NIS5G_DIV_BY_SUBSCRIBERS)
        nis5g_diversity_subscriber_weights(m, &sw);

    double *dense = NULL;
    struct nis5g_intmap h = { 0 };
    double *hw = NULL;
    size_t hw_cap = 0;
    int use_dense = ngroups * nv <= DENSE_MAX;
    if (use_dense)
        dense = nis5g_xcalloc(ngroups * nv, sizeof *dense);
    else
        nis5g_intmap_init(&h, 4096);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        if (m->el_status[e] != NIS5G_ST_ACTIVE)
            continue;
        uint64_t cell = group_of(m, card, fields, e) * nv + m->el_vendor[e];
        double x = sw ? sw[e] : 1.0;
        if (use_dense) {
            dense[cell] += x;
        } else {
            uint32_t k;
            if (intmap_added(&h, cell, &k)) {
                if (k >= hw_cap) {
                    hw_cap = hw_cap ? hw_cap * 2 : 4096;
                    hw = nis5g_xreallocarray(hw, hw_cap, sizeof *hw);
                }
                hw[k] = 0;
            }
            hw[k] += x;
        }
    }
    free(sw);

    /* Decode cells. */
    size_t ncells = 0, cap = 1024;
    struct nis5g_div_cell *cells = nis5g_xmalloc(cap * sizeof *cells);
    size_t limit = use_dense ? (size_t)(ngroups * nv) : h.mask + 1;
    for (size_t i = 0; i < limit; i++) {
        uint64_t cell;
        double x;
        if (use_dense) {
            if (dense[i] == 0)
                continue;
            cell = i;
            x = dense[i];
        } else {
            if (!h.vals[i])
                continue;
            cell = h.keys[i];
            x = hw[h.vals[i] - 1];
        }
        if (ncells == cap) {
            cap *= 2;
            cells = nis5g_xreallocarray(cells, cap, sizeof *cells);
        }
        struct nis5g_div_cell *c = &cells[ncells++];
        c->vendor = (uint16_t)(cell % nv);
        c->weight = x;
        uint64_t g = cell / nv;
        for (int f = NIS5G_DIV_NFIELDS - 1; f >= 0; f--) {
            c->key[f] = NIS5G_NONE;
            if (!(fields & (1u << f)))
                continue;
            uint32_t d = (uint32_t)(g % card[f]);
            g /= card[f];
            if ((f == NIS5G_DIV_REGION && d == m->regions.n) || (f == NIS5G_DIV_COUNTRY && d == m->countries.n))
                d = NIS5G_NONE;
            c->key[f] = d;
        }
    }
    free(dense);
    free(hw);
    if (!use_dense)
        nis5g_intmap_release(&h);
    nis5g_diversity_from_cells(m, fields, cells, ncells, out);
    free(cells);
    return NIS5G_OK;
}

void nis5g_diversity_release(struct nis5g_diversity *d)
{
    free(d->groups);
    free(d->vendors);
    memset(d, 0, sizeof *d);
}
