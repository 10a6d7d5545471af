/*
 * whatif.c — the what-if ban (whatif.h): elements to replace, their cost
 * from the unit-cost table, and the diversity after giving their capacity
 * to each operator's other vendors in proportion to their current counts.
 *
 * The replacement works on the operator × domain × function groups of
 * diversity.c, so it costs one pass over the elements plus work in the
 * number of groups.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "base/csv.h"
#include "nis5g/whatif.h"

/* ---- unit costs -------------------------------------------------------- */

void nis5g_costs_init(struct nis5g_costs *c)
{
    memset(c, 0, sizeof *c);
}

void nis5g_costs_release(struct nis5g_costs *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->rows[i].domain);
        free(c->rows[i].function);
        free(c->rows[i].source);
    }
    free(c->rows);
    memset(c, 0, sizeof *c);
}

static int field_err(struct nis5g_err *err, const struct nis5g_csv *csv, const struct nis5g_csv_field *f,
                     const char *path, int code, const char *what)
{
    nis5g_err_set(err, code, "%s, got '%.*s'", what, (int)(f->n > 60 ? 60 : f->n), f->p);
    if (err) {
        err->file = path;
        err->line = (int)f->line;
        err->col = nis5g_csv_col(csv, f->line_at, f->at);
    }
    return code;
}

int nis5g_costs_load(struct nis5g_costs *c, const char *path, struct nis5g_err *err)
{
    char *data;
    size_t len;
    if (nis5g_read_file(path, &data, &len) != 0)
        return nis5g_err_set(err, NIS5G_EIO, "cannot read costs file '%s'", path);
    return nis5g_costs_parse(c, path, data, len, err);
}

int nis5g_costs_parse(struct nis5g_costs *c, const char *path, char *data, size_t len, struct nis5g_err *err)
{
    struct nis5g_csv csv;
    if (nis5g_csv_open(&csv, path, data, len, err))
        return NIS5G_EPARSE;
    enum { C_DOMAIN, C_FUNCTION, C_UNIT, C_SOURCE, C_N };
    static const char *const names[C_N] = { "domain", "function", "unit_cost_eur", "source" };
    int col[C_N] = { -1, -1, -1, -1 };
    int rc = nis5g_csv_next(&csv, err);
    if (rc < 0) {
        nis5g_csv_close(&csv);
        return -rc;
    }
    if (rc == 0) {
        nis5g_csv_close(&csv);
        return nis5g_err_set(err, NIS5G_EINPUT, "empty costs file '%s'", path);
    }
    size_t ncols = csv.nf;
    for (size_t i = 0; i < csv.nf; i++) {
        int k = nis5g_name_index(names, C_N, csv.f[i].p, csv.f[i].n);
        if (k < 0 || col[k] >= 0) {
            rc = field_err(err, &csv, &csv.f[i], path, NIS5G_EINPUT,
                           k < 0 ? "unknown column (expected domain, function, unit_cost_eur, source)"
                                 : "duplicate column");
            nis5g_csv_close(&csv);
            return rc;
        }
        col[k] = (int)i;
    }
    if (col[C_DOMAIN] < 0 || col[C_FUNCTION] < 0 || col[C_UNIT] < 0) {
        nis5g_csv_close(&csv);
        nis5g_err_set(err, NIS5G_EINPUT, "missing column: the header needs domain, function and unit_cost_eur");
        if (err) {
            err->file = path;
            err->line = 1;
            err->col = 1;
        }
        return NIS5G_EINPUT;
    }
    while ((rc = nis5g_csv_next(&csv, err)) == 1) {
        if (csv.nf == 1 && csv.f[0].n == 0)
            continue; /* blank line */
        if (csv.nf != ncols) {
            rc = field_err(err, &csv, &csv.f[0], path, NIS5G_EINPUT, "wrong number of fields in the row");
            nis5g_csv_close(&csv);
            return rc;
        }
        const struct nis5g_csv_field *fd = &csv.f[col[C_DOMAIN]], *ff = &csv.f[col[C_FUNCTION]],
                                     *fu = &csv.f[col[C_UNIT]];
        if (!(fd->n == 1 && fd->p[0] == '*') && nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, fd->p, fd->n) < 0) {
            rc = field_err(err, &csv, fd, path, NIS5G_EINPUT, "expected a domain (ran, core, ...) or '*'");
            nis5g_csv_close(&csv);
            return rc;
        }
        char num[64];
        double unit = -1;
        if (fu->n > 0 && fu->n < sizeof num) {
            memcpy(num, fu->p, fu->n);
            num[fu->n] = 0;
            char *end;
            unit = strtod(num, &end);
            /* bounded so that costs stay exact integers of euros when
             * printed (10 billion a unit: far above any real equipment) */
            if (*end || !(unit >= 0) || unit > 1e10)
                unit = -1;
        }
        if (unit < 0) {
            rc = field_err(err, &csv, fu, path, NIS5G_EINPUT, "expected a number of euros from 0 to 10000000000");
            nis5g_csv_close(&csv);
            return rc;
        }
        char *dom = nis5g_xstrndup(fd->p, fd->n), *fn = nis5g_xstrndup(ff->p, ff->n);
        char *src = col[C_SOURCE] >= 0 ? nis5g_xstrndup(csv.f[col[C_SOURCE]].p, csv.f[col[C_SOURCE]].n)
                                       : nis5g_xstrdup("");
        size_t i = 0;
        while (i < c->n && !(strcmp(c->rows[i].domain, dom) == 0 && strcmp(c->rows[i].function, fn) == 0))
            i++;
        if (i == c->n) {
            if (c->n == c->cap) {
                c->cap = c->cap ? c->cap * 2 : 32;
                c->rows = nis5g_xreallocarray(c->rows, c->cap, sizeof *c->rows);
            }
            c->n++;
        } else {
            free(c->rows[i].domain);
            free(c->rows[i].function);
            free(c->rows[i].source);
        }
        c->rows[i] = (struct nis5g_cost_row){ dom, fn, unit, src };
    }
    nis5g_csv_close(&csv);
    return rc < 0 ? -rc : NIS5G_OK;
}

double nis5g_costs_unit(const struct nis5g_costs *c, enum nis5g_domain d, const char *function, const char **source)
{
    const struct nis5g_cost_row *fn = NULL, *dom = NULL, *any = NULL;
    for (size_t i = 0; c && i < c->n; i++) {
        const struct nis5g_cost_row *r = &c->rows[i];
        if (strcmp(r->domain, "*") == 0) {
            if (!*r->function)
                any = r;
            else if (strcmp(r->function, function) == 0 && !fn)
                fn = r;
        } else if (strcmp(r->domain, nis5g_domain_names[d]) == 0) {
            if (!*r->function)
                dom = r;
            else if (strcmp(r->function, function) == 0)
                fn = r;
        }
    }
    const struct nis5g_cost_row *r = fn ? fn : dom ? dom : any;
    if (source)
        *source = r ? r->source : "";
    return r ? r->unit : -1;
}

/* ---- the ban ----------------------------------------------------------- */

/* The count of the vendors of group g other than `ban`. */
static double others(const struct nis5g_diversity *d, const struct nis5g_div_group *g, uint16_t ban)
{
    double t = 0;
    for (uint32_t k = 0; k < g->n_vendors; k++)
        if (d->vendors[g->vend_off + k].vendor != ban)
            t += d->vendors[g->vend_off + k].count;
    return t;
}

/* The group with this operator and domain, or this domain and function.
 * Linear scans: such groups number in the thousands at most, and they run
 * only for the groups whose operator has no other vendor of the function. */
static const struct nis5g_div_group *find_group(const struct nis5g_diversity *d, uint32_t op, uint32_t dom)
{
    for (size_t i = 0; i < d->n_groups; i++)
        if (d->groups[i].key[NIS5G_DIV_OPERATOR] == op && d->groups[i].key[NIS5G_DIV_DOMAIN] == dom)
            return &d->groups[i];
    return NULL;
}

static const struct nis5g_div_group *find_fn_group(const struct nis5g_diversity *d, uint32_t dom, uint32_t fn)
{
    for (size_t i = 0; i < d->n_groups; i++)
        if (d->groups[i].key[NIS5G_DIV_DOMAIN] == dom && d->groups[i].key[NIS5G_DIV_FUNCTION] == fn)
            return &d->groups[i];
    return NULL;
}

static void add_cell(struct nis5g_div_cell **cells, size_t *n, size_t *cap, const uint32_t *key, uint16_t vendor,
                     double w)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 1024;
        *cells = nis5g_xreallocarray(*cells, *cap, sizeof **cells);
    }
    struct nis5g_div_cell *c = &(*cells)[(*n)++];
    memcpy(c->key, key, sizeof c->key);
    c->vendor = vendor;
    c->weight = w;
}

/* Give weight w to the vendors of group g other than ban, in proportion. */
static void spread(struct nis5g_div_cell **cells, size_t *n, size_t *cap, const uint32_t *key,
                   const struct nis5g_diversity *d, const struct nis5g_div_group *g, uint16_t ban, double w)
{
    double t = others(d, g, ban);
    for (uint32_t k = 0; k < g->n_vendors; k++) {
        const struct nis5g_div_vendor *v = &d->vendors[g->vend_off + k];
        if (v->vendor != ban)
            add_cell(cells, n, cap, key, v->vendor, w * v->count / t);
    }
}

int nis5g_whatif_ban(const struct nis5g_model *m, uint16_t vendor, unsigned domains, const struct nis5g_costs *costs,
                     struct nis5g_whatif *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    if (vendor >= m->vendors.n)
        return nis5g_err_set(err, NIS5G_EINPUT, "unknown vendor id %u", vendor);
    if (!domains)
        domains = (1u << NIS5G_DOM_COUNT) - 1;
    out->vendor = vendor;
    out->domains = domains;
    const unsigned OP = 1u << NIS5G_DIV_OPERATOR, DOM = 1u << NIS5G_DIV_DOMAIN, FN = 1u << NIS5G_DIV_FUNCTION;
    struct nis5g_diversity odf, od, df;
    int rc;
    if ((rc = nis5g_diversity_compute(m, OP | DOM | FN, NIS5G_DIV_BY_ELEMENTS, &odf, err)))
        return rc;
    nis5g_diversity_compute(m, OP | DOM, NIS5G_DIV_BY_ELEMENTS, &od, err);
    nis5g_diversity_compute(m, DOM | FN, NIS5G_DIV_BY_ELEMENTS, &df, err);

    uint32_t nops = m->operators.n;
    out->op_elements = nis5g_xcalloc(nops ? nops : 1, sizeof *out->op_elements);
    uint64_t *per_fn = nis5g_xcalloc((size_t)NIS5G_DOM_COUNT * (m->functions.n ? m->functions.n : 1), sizeof *per_fn);
    struct nis5g_div_cell *before = NULL, *after = NULL;
    size_t nb = 0, capb = 0, na = 0, capa = 0;
    for (size_t i = 0; i < odf.n_groups; i++) {
        const struct nis5g_div_group *g = &odf.groups[i];
        uint32_t key[NIS5G_DIV_NFIELDS];
        memcpy(key, g->key, sizeof key);
        int banned_here = (domains >> g->key[NIS5G_DIV_DOMAIN]) & 1u;
        double moved = 0;
        for (uint32_t k = 0; k < g->n_vendors; k++) {
            const struct nis5g_div_vendor *v = &odf.vendors[g->vend_off + k];
            add_cell(&before, &nb, &capb, key, v->vendor, v->count);
            if (banned_here && v->vendor == vendor)
                moved = v->count;
            else
                add_cell(&after, &na, &capa, key, v->vendor, v->count);
        }
        if (moved == 0)
            continue;
        uint64_t n = (uint64_t)llround(moved);
        out->elements += n;
        out->op_elements[g->key[NIS5G_DIV_OPERATOR]] += n;
        per_fn[(size_t)g->key[NIS5G_DIV_FUNCTION] * NIS5G_DOM_COUNT + g->key[NIS5G_DIV_DOMAIN]] += n;
        const struct nis5g_div_group *fb;
        if (others(&odf, g, vendor) > 0)
            spread(&after, &na, &capa, key, &odf, g, vendor, moved);
        else if ((fb = find_group(&od, g->key[NIS5G_DIV_OPERATOR], g->key[NIS5G_DIV_DOMAIN])) &&
                 others(&od, fb, vendor) > 0)
            spread(&after, &na, &capa, key, &od, fb, vendor, moved);
        else if ((fb = find_fn_group(&df, g->key[NIS5G_DIV_DOMAIN], g->key[NIS5G_DIV_FUNCTION])) &&
                 others(&df, fb, vendor) > 0)
            spread(&after, &na, &capa, key, &df, fb, vendor, moved);
        else
            add_cell(&after, &na, &capa, key, NIS5G_DIV_NEW_VENDOR, moved);
    }
    nis5g_diversity_release(&odf);
    nis5g_diversity_release(&od);
    nis5g_diversity_release(&df);

    nis5g_diversity_from_cells(m, OP | DOM, before, nb, &out->before);
    nis5g_diversity_from_cells(m, OP | DOM, after, na, &out->after);
    nis5g_diversity_from_cells(m, DOM, before, nb, &out->before_dom);
    nis5g_diversity_from_cells(m, DOM, after, na, &out->after_dom);
    free(before);
    free(after);

    /* Lines: by domain, then function name. */
    size_t nl = 0;
    for (size_t i = 0; i < (size_t)NIS5G_DOM_COUNT * m->functions.n; i++)
        nl += per_fn[i] != 0;
    out->lines = nis5g_xcalloc(nl ? nl : 1, sizeof *out->lines);
    out->cost_complete = 1;
    for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
        size_t first = out->n_lines;
        for (uint32_t f = 0; f < m->functions.n; f++) {
            uint64_t n = per_fn[(size_t)f * NIS5G_DOM_COUNT + (size_t)d];
            if (!n)
                continue;
            struct nis5g_whatif_line *l = &out->lines[out->n_lines++];
            l->domain = (uint8_t)d;
            l->function = (uint16_t)f;
            l->elements = n;
            l->unit_cost = nis5g_costs_unit(costs, (enum nis5g_domain)d, nis5g_dict_str(&m->functions, f), &l->source);
            if (l->unit_cost >= 0) {
                l->cost = l->unit_cost * (double)n;
                out->cost += l->cost;
            } else {
                out->cost_complete = 0;
            }
        }
        /* Insertion sort of this domain's lines by function name. */
        for (size_t i = first + 1; i < out->n_lines; i++)
            for (size_t j = i; j > first && strcmp(nis5g_dict_str(&m->functions, out->lines[j - 1].function),
                                                   nis5g_dict_str(&m->functions, out->lines[j].function)) > 0;
                 j--) {
                struct nis5g_whatif_line x = out->lines[j];
                out->lines[j] = out->lines[j - 1];
                out->lines[j - 1] = x;
            }
    }
    free(per_fn);
    return NIS5G_OK;
}

void nis5g_whatif_release(struct nis5g_whatif *w)
{
    free(w->lines);
    free(w->op_elements);
    nis5g_diversity_release(&w->before);
    nis5g_diversity_release(&w->after);
    nis5g_diversity_release(&w->before_dom);
    nis5g_diversity_release(&w->after_dom);
    memset(w, 0, sizeof *w);
}
