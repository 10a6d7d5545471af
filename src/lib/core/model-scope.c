/*
 * model-scope.c — one operator's part of a model, as a model of its own:
 * the server answers an operator's user from it with the same queries as
 * the authority's (docs/serve.md, "Who may do what"), so scoping is done
 * once, on the data, and no query has to know about it.
 *
 * What is kept: the operator's row, its sites, its elements (every column
 * of every loaded part), its links among its own elements, the measures of
 * its own scope and of its state. A link to another operator's element is
 * dropped: the operator's analysis takes what it does not own as given
 * (a required dependency that always works; a pool whose foreign members
 * are gone). Every dictionary that could name another operator (operators,
 * sites, elements, groups, free text) keeps only the strings the kept rows
 * use, in their national order; supplier, product, function, region, tag,
 * certification and country dictionaries are the authority's catalogue and
 * are copied whole, so their ids stay those of the national model.
 *
 * Ids are renumbered monotonically (a kept entry keeps its rank), so each
 * element's links stay in the CSR order the importer sorted them in
 * (ungrouped first, then pools by group id, then targets), and the
 * national topological order, restricted to the kept elements, is a
 * topological order of the smaller graph: removing elements and links
 * never puts an element before something it depends on.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/model.h"
#include "core/model-cols.h"

/* Copy the strings of src that keep marks (all when keep is NULL) into
 * dst in their order; map[old] = new id or NIS5G_NONE (map may be NULL). */
static void dict_keep(const struct nis5g_dict *src, const uint8_t *keep, struct nis5g_dict *dst, uint32_t *map)
{
    for (uint32_t i = 0; i < src->n; i++) {
        uint32_t id = NIS5G_NONE;
        if (!keep || keep[i])
            id = nis5g_dict_intern(dst, nis5g_dict_str(src, i), nis5g_dict_len(src, i));
        if (map)
            map[i] = id;
    }
}

static uint32_t *ids_new(size_t n)
{
    return nis5g_xmalloc((n ? n : 1) * sizeof(uint32_t));
}

static uint32_t remap(const uint32_t *map, uint32_t id)
{
    return id == NIS5G_NONE ? NIS5G_NONE : map[id];
}

/* What the scope keeps, as old id -> new id maps. */
struct scope {
    const struct nis5g_model *m;
    struct nis5g_model *s;
    uint32_t op;
    uint32_t *site_map, *el_map, *grp_map, *text_map, *ms_rows;
    uint32_t *el_rows; /* kept elements' old ids, in order */
};

static void *col_ptr(const struct nis5g_model *m, const struct model_col *c)
{
    return *(void **)((char *)m + c->offset);
}

static void scope_operator(struct scope *x)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    s->op_name = ids_new(1);
    s->op_country = ids_new(1);
    s->op_subscribers = nis5g_xmalloc(sizeof *s->op_subscribers);
    if (x->op == NIS5G_NONE)
        return;
    nis5g_dict_intern(&s->operators, nis5g_dict_str(&m->operators, x->op), nis5g_dict_len(&m->operators, x->op));
    s->op_name[0] = remap(x->text_map, m->op_name[x->op]);
    s->op_country[0] = m->op_country[x->op];
    s->op_subscribers[0] = m->op_subscribers[x->op];
}

static void scope_sites(struct scope *x)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    uint32_t n = 0, nt = 0;
    for (uint32_t i = 0; i < m->sites.n; i++)
        if (m->site_operator[i] == x->op) {
            n++;
            nt += m->site_tag_off[i + 1] - m->site_tag_off[i];
        }
    s->site_operator = nis5g_xmalloc((n ? n : 1) * sizeof *s->site_operator);
    s->site_lat = nis5g_xmalloc((n ? n : 1) * sizeof *s->site_lat);
    s->site_lon = nis5g_xmalloc((n ? n : 1) * sizeof *s->site_lon);
    s->site_region = ids_new(n);
    s->site_tag_off = ids_new((size_t)n + 1);
    s->site_tags = ids_new(nt);
    s->site_backup_hours = nis5g_xmalloc((n ? n : 1) * sizeof *s->site_backup_hours);
    s->site_subscribers = nis5g_xmalloc((n ? n : 1) * sizeof *s->site_subscribers);
    s->site_tag_off[0] = 0;
    for (uint32_t i = 0; i < m->sites.n; i++) {
        x->site_map[i] = NIS5G_NONE;
        if (m->site_operator[i] != x->op)
            continue;
        uint32_t j = nis5g_dict_intern(&s->sites, nis5g_dict_str(&m->sites, i), nis5g_dict_len(&m->sites, i));
        x->site_map[i] = j;
        s->site_operator[j] = 0;
        s->site_lat[j] = m->site_lat[i];
        s->site_lon[j] = m->site_lon[i];
        s->site_region[j] = m->site_region[i];
        s->site_backup_hours[j] = m->site_backup_hours[i];
        s->site_subscribers[j] = m->site_subscribers[i];
        uint32_t t = s->site_tag_off[j];
        for (uint32_t k = m->site_tag_off[i]; k < m->site_tag_off[i + 1]; k++)
            s->site_tags[t++] = m->site_tags[k];
        s->site_tag_off[j + 1] = t;
    }
}

/* Every element column of the loaded parts, row by row; then the columns
 * whose values are ids of scoped dictionaries. */
static void scope_elements(struct scope *x, uint32_t n)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    for (size_t c = 0; c < model_ncols; c++) {
        const struct model_col *col = &model_cols[c];
        const char *from = col_ptr(m, col);
        if (col->count != CNT_ELEMENTS || col->part == NIS5G_PART_LINKS || !from)
            continue;
        char *to = nis5g_xmalloc((n ? n : 1) * col->size);
        for (uint32_t i = 0; i < n; i++)
            memcpy(to + (size_t)i * col->size, from + (size_t)x->el_rows[i] * col->size, col->size);
        *(void **)((char *)s + col->offset) = to;
    }
    for (uint32_t i = 0; i < n; i++) {
        s->el_operator[i] = 0;
        s->el_site[i] = remap(x->site_map, s->el_site[i]);
        if (s->el_sw)
            s->el_sw[i] = remap(x->text_map, s->el_sw[i]);
    }
    if (m->parts & NIS5G_PART_ELEMENT_IDS)
        for (uint32_t i = 0; i < n; i++)
            nis5g_dict_intern(&s->elements, nis5g_dict_str(&m->elements, x->el_rows[i]),
                              nis5g_dict_len(&m->elements, x->el_rows[i]));
}

/* The links among kept elements, in their CSR order; the national
 * topological order restricted to them. */
static void scope_links(struct scope *x, uint32_t n)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    uint8_t *gkeep = nis5g_xcalloc((size_t)m->groups.n + 1, 1);
    uint32_t nl = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = x->el_rows[i];
        for (uint32_t k = m->dep_off[e]; k < m->dep_off[e + 1]; k++)
            if (x->el_map[m->dep[k]] != NIS5G_NONE) {
                nl++;
                if (m->dep_group[k] != NIS5G_NONE)
                    gkeep[m->dep_group[k]] = 1;
            }
    }
    x->grp_map = ids_new(m->groups.n);
    dict_keep(&m->groups, gkeep, &s->groups, x->grp_map);
    free(gkeep);
    s->dep_off = ids_new((size_t)n + 1);
    s->dep = ids_new(nl);
    s->dep_group = ids_new(nl);
    uint32_t at = 0;
    s->dep_off[0] = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = x->el_rows[i];
        for (uint32_t k = m->dep_off[e]; k < m->dep_off[e + 1]; k++)
            if (x->el_map[m->dep[k]] != NIS5G_NONE) {
                s->dep[at] = x->el_map[m->dep[k]];
                s->dep_group[at++] = remap(x->grp_map, m->dep_group[k]);
            }
        s->dep_off[i + 1] = at;
    }
    s->n_links = nl;
    if (m->topo) {
        s->topo = ids_new(n);
        uint32_t t = 0;
        for (uint32_t i = 0; i < m->n_elements; i++)
            if (x->el_map[m->topo[i]] != NIS5G_NONE)
                s->topo[t++] = x->el_map[m->topo[i]];
    }
}

/* Copy a base column whole (suppliers, products). */
static void copy_col(struct scope *x, size_t offset, enum col_count cnt)
{
    for (size_t c = 0; c < model_ncols; c++)
        if (model_cols[c].offset == offset) {
            size_t bytes = model_col_count(x->m, cnt) * model_cols[c].size;
            void *to = nis5g_xmalloc(bytes ? bytes : 1);
            const void *from = col_ptr(x->m, &model_cols[c]);
            if (from && bytes)
                memcpy(to, from, bytes);
            *(void **)((char *)x->s + offset) = to;
            return;
        }
}

#define COPY(field, cnt) copy_col(x, offsetof(struct nis5g_model, field), cnt)

static void scope_catalogue(struct scope *x)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    const struct nis5g_dict *from[] = { &m->vendors, &m->functions, &m->regions, &m->countries,
                                        &m->tags,    &m->products,  &m->certs };
    struct nis5g_dict *to[] = { &s->vendors, &s->functions, &s->regions, &s->countries,
                                &s->tags,    &s->products,  &s->certs };
    for (size_t i = 0; i < sizeof from / sizeof from[0]; i++)
        dict_keep(from[i], NULL, to[i], NULL);
    COPY(sup_known, CNT_VENDORS);
    COPY(sup_country, CNT_VENDORS);
    COPY(sup_state_owned, CNT_VENDORS);
    COPY(sup_factors, CNT_VENDOR_FACTORS);
    COPY(sup_designation, CNT_VENDORS);
    COPY(sup_notes, CNT_VENDORS);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        s->sup_notes[v] = remap(x->text_map, s->sup_notes[v]);
    s->n_products = m->n_products;
    COPY(prod_vendor, CNT_PRODUCTS);
    COPY(prod_name, CNT_PRODUCTS);
    COPY(prod_cert_off, CNT_PRODUCTS1);
    COPY(prod_certs, CNT_PROD_CERTS);
    COPY(prod_end_of_support, CNT_PRODUCTS);
    COPY(prod_critical_vulns, CNT_PRODUCTS);
}

static void scope_measures(struct scope *x, uint32_t n)
{
    const struct nis5g_model *m = x->m;
    struct nis5g_model *s = x->s;
    s->ms_operator = ids_new(n);
    s->ms_country = ids_new(n);
    s->ms_measure = ids_new(n);
    s->ms_status = nis5g_xmalloc(n ? n : 1);
    s->ms_evidence = ids_new(n);
    s->ms_date = nis5g_xmalloc((n ? n : 1) * sizeof *s->ms_date);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t r = x->ms_rows[i];
        s->ms_operator[i] = m->ms_operator[r] == NIS5G_NONE ? NIS5G_NONE : 0;
        s->ms_country[i] = m->ms_country[r];
        s->ms_measure[i] = remap(x->text_map, m->ms_measure[r]);
        s->ms_status[i] = m->ms_status[r];
        s->ms_evidence[i] = remap(x->text_map, m->ms_evidence[r]);
        s->ms_date[i] = m->ms_date[r];
    }
    s->n_measures = n;
}

static void mark(uint8_t *keep, uint32_t id)
{
    if (id != NIS5G_NONE)
        keep[id] = 1;
}

/* Which elements and measure rows are kept, and which free texts they
 * (and the operator, and the suppliers) use. */
static void scope_select(struct scope *x, uint32_t *n_el, uint32_t *n_ms)
{
    const struct nis5g_model *m = x->m;
    uint8_t *tkeep = nis5g_xcalloc((size_t)m->text.n + 1, 1);
    uint32_t n = 0;
    for (uint32_t e = 0; e < m->n_elements; e++) {
        x->el_map[e] = NIS5G_NONE;
        if (m->el_operator[e] != x->op)
            continue;
        x->el_rows[n] = e;
        x->el_map[e] = n++;
        if (m->el_sw)
            mark(tkeep, m->el_sw[e]);
    }
    *n_el = n;
    uint32_t country = x->op == NIS5G_NONE ? NIS5G_NONE : m->op_country[x->op], nm = 0;
    for (uint32_t r = 0; r < m->n_measures && x->op != NIS5G_NONE; r++) {
        int own = m->ms_operator[r] == x->op;
        int state = m->ms_operator[r] == NIS5G_NONE && m->ms_country[r] == country;
        if (!own && !state)
            continue;
        x->ms_rows[nm++] = r;
        mark(tkeep, m->ms_measure[r]);
        mark(tkeep, m->ms_evidence[r]);
    }
    *n_ms = nm;
    if (x->op != NIS5G_NONE)
        mark(tkeep, m->op_name[x->op]);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        mark(tkeep, m->sup_notes[v]);
    dict_keep(&m->text, tkeep, &x->s->text, x->text_map);
    free(tkeep);
}

int nis5g_model_scope_operator(const struct nis5g_model *m, uint32_t op, struct nis5g_model **out,
                               struct nis5g_err *err)
{
    *out = NULL;
    if (op >= m->operators.n && op != NIS5G_NONE)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no operator number %u in the model", op);
    if (!(m->parts & NIS5G_PART_ELEMENTS))
        return nis5g_err_set(err, NIS5G_EINTERNAL, "scoping a model needs its elements loaded");
    struct scope x = { .m = m, .s = nis5g_model_new(), .op = op };
    x.site_map = ids_new(m->sites.n);
    x.el_map = ids_new(m->n_elements);
    x.el_rows = ids_new(m->n_elements);
    x.text_map = ids_new(m->text.n);
    x.ms_rows = ids_new(m->n_measures);
    uint32_t n_el, n_ms;
    scope_select(&x, &n_el, &n_ms);
    x.s->as_of = m->as_of;
    x.s->parts = m->parts;
    x.s->n_elements = n_el;
    scope_operator(&x);
    scope_sites(&x);
    scope_elements(&x, n_el);
    if (m->parts & NIS5G_PART_LINKS)
        scope_links(&x, n_el);
    scope_catalogue(&x);
    scope_measures(&x, n_ms);
    free(x.site_map);
    free(x.el_map);
    free(x.el_rows);
    free(x.text_map);
    free(x.ms_rows);
    free(x.grp_map);
    *out = x.s;
    return 0;
}
