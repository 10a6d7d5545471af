/*
 * summary.c — one pass over the element columns into a dense
 * operator × domain × vendor count table (or, when that table would be
 * huge, an intmap keyed the same way), then small sorts for the output.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "base/intmap.h"
#include "nis5g/summary.h"

#ifndef DENSE_MAX
#define DENSE_MAX (1u << 24)
#endif

static _Thread_local const struct nis5g_model *sort_model; /* per thread: the server sums in parallel */

static int cell_cmp(const void *a, const void *b)
{
    const struct nis5g_summary_cell *x = a, *y = b;
    if (x->op != y->op)
        return x->op < y->op ? -1 : 1;
    if (x->domain != y->domain)
        return x->domain < y->domain ? -1 : 1;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(nis5g_dict_str(&sort_model->vendors, x->vendor), nis5g_dict_str(&sort_model->vendors, y->vendor));
}

static int vendor_cmp(const void *a, const void *b)
{
    const struct nis5g_summary_vendor *x = a, *y = b;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(nis5g_dict_str(&sort_model->vendors, x->vendor), nis5g_dict_str(&sort_model->vendors, y->vendor));
}

/* The non-zero cells of the count table, dense (cells entries) or
 * sparse (keys in sparse, counts in counts), into s->cells. */
static void gather_cells(struct nis5g_summary *s, const uint32_t *dense, uint64_t cells,
                         const struct nis5g_intmap *sparse, const uint64_t *counts, uint32_t nv)
{
    size_t cap = 256;
    s->cells = nis5g_xmalloc(cap * sizeof *s->cells);
    if (dense) {
        for (uint64_t i = 0; i < cells; i++) {
            if (!dense[i])
                continue;
            if (s->n_cells == cap) {
                cap *= 2;
                s->cells = nis5g_xreallocarray(s->cells, cap, sizeof *s->cells);
            }
            struct nis5g_summary_cell *c = &s->cells[s->n_cells++];
            c->vendor = (uint16_t)(i % nv);
            c->domain = (uint8_t)((i / nv) % NIS5G_DOM_COUNT);
            c->op = (uint16_t)(i / nv / NIS5G_DOM_COUNT);
            c->count = dense[i];
        }
        return;
    }
    for (size_t i = 0; i <= sparse->mask; i++) {
        if (!sparse->vals[i])
            continue;
        if (s->n_cells == cap) {
            cap *= 2;
            s->cells = nis5g_xreallocarray(s->cells, cap, sizeof *s->cells);
        }
        uint64_t k = sparse->keys[i];
        struct nis5g_summary_cell *c = &s->cells[s->n_cells++];
        c->vendor = (uint16_t)(k & 0xffff);
        c->domain = (uint8_t)((k >> 16) % NIS5G_DOM_COUNT);
        c->op = (uint16_t)((k >> 16) / NIS5G_DOM_COUNT);
        c->count = counts[sparse->vals[i] - 1];
    }
}

int nis5g_summary_compute(const struct nis5g_model *m, struct nis5g_summary *s, struct nis5g_err *err)
{
    memset(s, 0, sizeof *s);
    if (!m->el_operator)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "summary needs the element columns");
    uint32_t no = m->operators.n, nv = m->vendors.n, n = m->n_elements;
    s->n_ops = no;
    s->ops = nis5g_xcalloc(no ? no : 1, sizeof *s->ops);
    uint64_t cells = (uint64_t)no * NIS5G_DOM_COUNT * nv;
    uint32_t *dense = NULL;
    /* sparse case: cell key -> index into counts */
    struct nis5g_intmap sparse = { 0 };
    uint64_t *counts = NULL;
    size_t counts_cap = 0;
    if (cells <= DENSE_MAX)
        dense = nis5g_xcalloc(cells ? cells : 1, sizeof *dense);
    else
        nis5g_intmap_init(&sparse, 4096);
    /* radio sites: a byte per site */
    uint8_t *radio = nis5g_xcalloc(m->sites.n ? m->sites.n : 1, 1);
    uint8_t *is_radio_fn = nis5g_xcalloc(m->functions.n ? m->functions.n : 1, 1);
    for (uint32_t f = 0; f < m->functions.n; f++)
        is_radio_fn[f] = (uint8_t)nis5g_model_is_radio_function(m, (uint16_t)f);

    const uint16_t *eo = m->el_operator, *ev = m->el_vendor, *ef = m->el_function;
    const uint8_t *ed = m->el_domain, *es = m->el_status;
    const uint32_t *esite = m->el_site;
    uint64_t active = 0;
    for (uint32_t e = 0; e < n; e++) {
        uint16_t o = eo[e];
        s->ops[o].elements[es[e]]++;
        if (es[e] != NIS5G_ST_ACTIVE)
            continue;
        active++;
        if (dense) {
            dense[((size_t)o * NIS5G_DOM_COUNT + ed[e]) * nv + ev[e]]++;
        } else {
            uint32_t i = nis5g_intmap_get(&sparse, ((uint64_t)o * NIS5G_DOM_COUNT + ed[e]) << 16 | ev[e], NULL);
            if (i >= counts_cap) {
                counts_cap = counts_cap ? 2 * counts_cap : 4096;
                counts = nis5g_xreallocarray(counts, counts_cap, sizeof *counts);
                memset(counts + sparse.n - 1, 0, (counts_cap - (sparse.n - 1)) * sizeof *counts);
            }
            counts[i]++;
        }
        if (esite[e] != NIS5G_NONE && is_radio_fn[ef[e]])
            radio[esite[e]] = 1;
    }
    s->active = active;
    s->total = n;
    for (uint32_t st = 0; st < m->sites.n; st++) {
        uint16_t o = m->site_operator[st];
        if (o == NIS5G_NONE16)
            continue;
        s->ops[o].sites++;
        s->ops[o].radio_sites += radio[st];
        s->ops[o].site_subscribers += (uint64_t)nis5g_site_subs(m, st);
    }

    gather_cells(s, dense, cells, &sparse, counts, nv);
    uint64_t *by_dom_vendor = nis5g_xcalloc((size_t)NIS5G_DOM_COUNT * (nv ? nv : 1), sizeof *by_dom_vendor);
    uint8_t *vendor_seen = nis5g_xcalloc(nv ? nv : 1, 1);
    for (size_t i = 0; i < s->n_cells; i++) {
        const struct nis5g_summary_cell *c = &s->cells[i];
        by_dom_vendor[(size_t)c->domain * nv + c->vendor] += c->count;
        s->domain_total[c->domain] += c->count;
        vendor_seen[c->vendor] = 1;
    }
    for (uint32_t v = 0; v < nv; v++)
        s->vendors_active += vendor_seen[v];
    sort_model = m;
    qsort(s->cells, s->n_cells, sizeof *s->cells, cell_cmp);
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        s->top[d] = nis5g_xmalloc((nv ? nv : 1) * sizeof *s->top[d]);
        for (uint32_t v = 0; v < nv; v++)
            if (by_dom_vendor[(size_t)d * nv + v]) {
                struct nis5g_summary_vendor *t = &s->top[d][s->n_top[d]++];
                t->vendor = (uint16_t)v;
                t->count = by_dom_vendor[(size_t)d * nv + v];
            }
        qsort(s->top[d], s->n_top[d], sizeof *s->top[d], vendor_cmp);
    }
    sort_model = NULL;
    free(vendor_seen);
    free(by_dom_vendor);
    free(dense);
    nis5g_intmap_release(&sparse);
    free(counts);
    free(radio);
    free(is_radio_fn);
    return 0;
}

void nis5g_summary_release(struct nis5g_summary *s)
{
    free(s->ops);
    free(s->cells);
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        free(s->top[d]);
    memset(s, 0, sizeof *s);
}
