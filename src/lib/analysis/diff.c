/*
 * diff.c — what changed between two models (diff.h, docs/diff.md).
 *
 * Columnar: each dictionary of the first model is mapped once onto the
 * second's by name (a row's id is tried at the place after the previous
 * match first, so that two snapshots of the same inventory, whose rows
 * mostly keep their order, need almost no hash lookups), then one pass over
 * the elements of each model compares integer columns through those maps.
 * The analyses of each model on its own (profiles, the diversity of each
 * domain, the kill-switch of every vendor) run on two threads, one per
 * model, while nothing is shared but the read-only models.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/diff.h"
#include "nis5g/diversity.h"
#include "nis5g/profile.h"
#include "nis5g/resilience.h"

const char *const nis5g_diff_field_names[NIS5G_DF_COUNT] = { "operator", "domain", "function", "vendor",
                                                             "product", "status", "site", "installed",
                                                             "dependencies" };

/* The names of operators and vendors of both models (union ids). */
struct priv {
    struct nis5g_dict ops, vendors;
};

/* What is computed on one model alone. */
struct side {
    const struct nis5g_model *m;
    const struct nis5g_diff_opts *o;
    uint32_t *op_u, *vend_u;        /* model id → union id */
    uint8_t *risk;                  /* per model vendor: enum nis5g_risk */
    struct nis5g_diversity dom, all;
    struct nis5g_radio_sites rs;
    struct nis5g_ks_scenario *sc;
    uint16_t *sc_vendor;            /* the one vendor of each scenario */
    struct nis5g_ks_result *res;
    size_t n_sc;
};

static inline int same_str(const struct nis5g_dict *x, uint32_t i, const struct nis5g_dict *y, uint32_t j)
{
    uint32_t len = x->off[i + 1] - x->off[i];
    return y->off[j + 1] - y->off[j] == len && memcmp(y->heap + y->off[j], x->heap + x->off[i], len) == 0;
}

#define LOOKAHEAD 8

/* map[i] = the id in y of x's string i, or NIS5G_NONE. Two snapshots of
 * one inventory keep most rows in order, so x is walked along y: a string
 * is looked for at the place after the previous match and a few places on
 * (rows added in y). What that walk leaves unmatched on either side is
 * matched through a hash of y's leftovers only: a string of x can equal no
 * y already matched, as the strings of a dictionary are distinct. So
 * neither dictionary's full index is built (at millions of ids, that
 * alone would cost more than the whole comparison). */
static uint32_t *map_dict(const struct nis5g_dict *x, const struct nis5g_dict *y)
{
    uint32_t *map = nis5g_xmalloc((x->n ? x->n : 1) * sizeof *map);
    uint8_t *taken = nis5g_xcalloc(y->n + 1, 1);
    uint32_t next = 0, left = 0;
    for (uint32_t i = 0; i < x->n; i++) {
        uint32_t j = NIS5G_NONE;
        for (uint32_t k = next; k < y->n && k < next + LOOKAHEAD; k++)
            if (same_str(x, i, y, k)) {
                j = k;
                break;
            }
        map[i] = j;
        if (j != NIS5G_NONE) {
            taken[j] = 1;
            next = j + 1;
        } else {
            left++;
        }
    }
    if (left) {
        struct nis5g_dict rest; /* y's strings the walk did not take; ids kept apart */
        nis5g_dict_init(&rest);
        uint32_t *rest_id = nis5g_xmalloc((y->n + 1) * sizeof *rest_id);
        for (uint32_t j = 0; j < y->n; j++)
            if (!taken[j])
                rest_id[nis5g_dict_intern(&rest, y->heap + y->off[j], nis5g_dict_len(y, j))] = j;
        for (uint32_t i = 0; i < x->n; i++)
            if (map[i] == NIS5G_NONE) {
                uint32_t r = nis5g_dict_find(&rest, x->heap + x->off[i], nis5g_dict_len(x, i));
                map[i] = r == NIS5G_NONE ? NIS5G_NONE : rest_id[r];
            }
        free(rest_id);
        nis5g_dict_release(&rest);
    }
    free(taken);
    return map;
}

/* map[i] = the id in u of x's string i (added when new). */
static uint32_t *map_union(const struct nis5g_dict *x, struct nis5g_dict *u)
{
    uint32_t *map = nis5g_xmalloc((x->n ? x->n : 1) * sizeof *map);
    for (uint32_t i = 0; i < x->n; i++)
        map[i] = nis5g_dict_intern(u, x->heap + x->off[i], nis5g_dict_len(x, i));
    return map;
}

/* ---- one model alone: profiles, diversity, kill-switch ------------------- */

static void side_profiles(struct side *s)
{
    const struct nis5g_model *m = s->m;
    struct nis5g_designation *des = nis5g_xcalloc(s->o->n_des + 1, sizeof *des);
    size_t n = 0;
    for (size_t i = 0; i < s->o->n_des; i++) {
        uint32_t v = nis5g_dict_finds((struct nis5g_dict *)&m->vendors, s->o->des_vendor[i]);
        if (v != NIS5G_NONE)
            des[n++] = (struct nis5g_designation){ v, s->o->des_risk[i], NULL, NULL };
    }
    struct nis5g_profile *p = nis5g_xcalloc(m->vendors.n + 1, sizeof *p);
    nis5g_profiles(m, des, n, p);
    s->risk = nis5g_xcalloc(m->vendors.n + 1, 1);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        s->risk[v] = p[v].risk;
    free(p);
    free(des);
}

static void side_killswitch(struct side *s)
{
    const struct nis5g_model *m = s->m;
    uint8_t *has = nis5g_xcalloc(m->vendors.n + 1, 1);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_status[e] == NIS5G_ST_ACTIVE)
            has[m->el_vendor[e]] = 1;
    s->sc_vendor = nis5g_xcalloc(m->vendors.n + 1, sizeof *s->sc_vendor);
    s->sc = nis5g_xcalloc(m->vendors.n + 1, sizeof *s->sc);
    for (uint32_t v = 0; v < m->vendors.n; v++)
        if (has[v])
            s->sc_vendor[s->n_sc++] = (uint16_t)v;
    for (size_t i = 0; i < s->n_sc; i++)
        s->sc[i] = (struct nis5g_ks_scenario){ &s->sc_vendor[i], 1 };
    free(has);
    nis5g_radio_sites_prepare(m, &s->rs);
    s->res = nis5g_xcalloc(s->n_sc + 1, sizeof *s->res);
    nis5g_killswitch_run(m, &s->rs, s->sc, s->n_sc, s->res, NULL, NULL);
}

static void *side_run(void *arg)
{
    struct side *s = arg;
    struct nis5g_err err = { 0 };
    side_profiles(s);
    nis5g_diversity_compute(s->m, 1u << NIS5G_DIV_DOMAIN, NIS5G_DIV_BY_ELEMENTS, &s->dom, &err);
    nis5g_diversity_compute(s->m, 0, NIS5G_DIV_BY_ELEMENTS, &s->all, &err);
    side_killswitch(s);
    return NULL;
}

static void side_release(struct side *s)
{
    free(s->op_u);
    free(s->vend_u);
    free(s->risk);
    nis5g_diversity_release(&s->dom);
    nis5g_diversity_release(&s->all);
    for (size_t i = 0; s->res && i < s->n_sc; i++)
        nis5g_ks_result_release(&s->res[i]);
    free(s->res);
    free(s->sc);
    free(s->sc_vendor);
    nis5g_radio_sites_release(&s->rs);
}

/* ---- the elements ---------------------------------------------------------- */

struct maps {
    uint32_t *el, *site, *group, *prod, *func; /* a's ids → b's */
    uint32_t *a_of_b;                          /* b row → a row */
};

struct dep {
    uint32_t el, group;
};

static int cmp_dep(const void *x, const void *y)
{
    const struct dep *p = x, *q = y;
    if (p->el != q->el)
        return p->el < q->el ? -1 : 1;
    return p->group < q->group ? -1 : p->group > q->group;
}

/* An id of a mapped through map: empty stays empty, a value b does not
 * know becomes one that equals no id of b and not empty either. */
static inline uint32_t mapped(const uint32_t *map, uint32_t id)
{
    return id == NIS5G_NONE ? NIS5G_NONE : map[id] == NIS5G_NONE ? NIS5G_NONE - 1 : map[id];
}

/* 1 when the dependencies of a's row i and b's row j differ. */
static int deps_differ(const struct nis5g_model *a, const struct nis5g_model *b, const struct maps *mp, uint32_t i,
                       uint32_t j)
{
    uint32_t ka = a->dep_off[i], na = a->dep_off[i + 1] - ka, kb = b->dep_off[j], nb = b->dep_off[j + 1] - kb;
    if (na != nb)
        return 1;
    uint32_t k = 0;
    for (; k < na; k++) {
        uint32_t ga = a->dep_group[ka + k];
        if (mp->el[a->dep[ka + k]] != b->dep[kb + k] ||
            mapped(mp->group, ga) != b->dep_group[kb + k])
            break;
    }
    if (k == na)
        return 0;
    /* not in the same order: compare as sets */
    struct dep *x = nis5g_xmalloc(2 * (size_t)na * sizeof *x), *y = x + na;
    for (k = 0; k < na; k++) {
        uint32_t ga = a->dep_group[ka + k];
        x[k] = (struct dep){ mp->el[a->dep[ka + k]], mapped(mp->group, ga) };
        y[k] = (struct dep){ b->dep[kb + k], b->dep_group[kb + k] };
    }
    qsort(x, na, sizeof *x, cmp_dep);
    qsort(y, na, sizeof *y, cmp_dep);
    int differ = memcmp(x, y, (size_t)na * sizeof *x) != 0;
    free(x);
    return differ;
}

static uint16_t fields_differ(const struct nis5g_model *a, const struct nis5g_model *b, const struct side *sa,
                              const struct side *sb, const struct maps *mp, uint32_t i, uint32_t j)
{
    uint16_t f = 0;
    f |= (uint16_t)((sa->op_u[a->el_operator[i]] != sb->op_u[b->el_operator[j]]) << NIS5G_DF_OPERATOR);
    f |= (uint16_t)((a->el_domain[i] != b->el_domain[j]) << NIS5G_DF_DOMAIN);
    f |= (uint16_t)((mp->func[a->el_function[i]] != b->el_function[j]) << NIS5G_DF_FUNCTION);
    f |= (uint16_t)((sa->vend_u[a->el_vendor[i]] != sb->vend_u[b->el_vendor[j]]) << NIS5G_DF_VENDOR);
    f |= (uint16_t)((mapped(mp->prod, a->el_product[i]) != b->el_product[j]) << NIS5G_DF_PRODUCT);
    f |= (uint16_t)((a->el_status[i] != b->el_status[j]) << NIS5G_DF_STATUS);
    f |= (uint16_t)((mapped(mp->site, a->el_site[i]) != b->el_site[j]) << NIS5G_DF_SITE);
    f |= (uint16_t)((a->el_installed[i] != b->el_installed[j]) << NIS5G_DF_INSTALLED);
    if (deps_differ(a, b, mp, i, j))
        f |= 1u << NIS5G_DF_DEPENDENCIES;
    return f;
}

/* Counters per union operator and vendor, and per domain. */
struct tally {
    struct nis5g_diff_count *op, *vendor, *dom;
};

static void count_changed(struct tally *t, const struct side *sa, const struct side *sb, uint32_t i, uint32_t j)
{
    const struct nis5g_model *a = sa->m, *b = sb->m;
    uint32_t oa = sa->op_u[a->el_operator[i]], ob = sb->op_u[b->el_operator[j]];
    uint32_t va = sa->vend_u[a->el_vendor[i]], vb = sb->vend_u[b->el_vendor[j]];
    t->op[oa].changed++;
    if (ob != oa)
        t->op[ob].changed++;
    t->vendor[va].changed++;
    if (vb != va)
        t->vendor[vb].changed++;
    t->dom[a->el_domain[i]].changed++;
    if (b->el_domain[j] != a->el_domain[i])
        t->dom[b->el_domain[j]].changed++;
}

static void compare_elements(struct nis5g_diff *d, const struct side *sa, const struct side *sb,
                             const struct maps *mp, struct tally *t)
{
    const struct nis5g_model *a = sa->m, *b = sb->m;
    size_t cap = 1024, cap_added = 1024, cap_removed = 1024;
    d->added = nis5g_xmalloc(cap_added * sizeof *d->added);
    d->removed = nis5g_xmalloc(cap_removed * sizeof *d->removed);
    d->changed = nis5g_xmalloc(cap * sizeof *d->changed);
    for (uint32_t j = 0; j < b->n_elements; j++) {
        uint32_t i = mp->a_of_b[j];
        t->op[sb->op_u[b->el_operator[j]]].after++;
        t->vendor[sb->vend_u[b->el_vendor[j]]].after++;
        t->dom[b->el_domain[j]].after++;
        if (i == NIS5G_NONE) {
            if (d->n_added == cap_added)
                d->added = nis5g_xrealloc(d->added, (cap_added *= 2) * sizeof *d->added);
            d->added[d->n_added++] = j;
            t->op[sb->op_u[b->el_operator[j]]].added++;
            t->vendor[sb->vend_u[b->el_vendor[j]]].added++;
            t->dom[b->el_domain[j]].added++;
            continue;
        }
        uint16_t f = fields_differ(a, b, sa, sb, mp, i, j);
        if (!f) {
            d->n_unchanged++;
            continue;
        }
        if (d->n_changed == cap)
            d->changed = nis5g_xrealloc(d->changed, (cap *= 2) * sizeof *d->changed);
        d->changed[d->n_changed++] = (struct nis5g_diff_changed){ i, j, f };
        count_changed(t, sa, sb, i, j);
    }
    for (uint32_t i = 0; i < a->n_elements; i++) {
        t->op[sa->op_u[a->el_operator[i]]].before++;
        t->vendor[sa->vend_u[a->el_vendor[i]]].before++;
        t->dom[a->el_domain[i]].before++;
        if (mp->el[i] == NIS5G_NONE) {
            if (d->n_removed == cap_removed)
                d->removed = nis5g_xrealloc(d->removed, (cap_removed *= 2) * sizeof *d->removed);
            d->removed[d->n_removed++] = i;
            t->op[sa->op_u[a->el_operator[i]]].removed++;
            t->vendor[sa->vend_u[a->el_vendor[i]]].removed++;
            t->dom[a->el_domain[i]].removed++;
        }
    }
}

static void maps_build(struct maps *mp, const struct nis5g_model *a, const struct nis5g_model *b)
{
    mp->el = map_dict(&a->elements, &b->elements);
    mp->site = map_dict(&a->sites, &b->sites);
    mp->group = map_dict(&a->groups, &b->groups);
    mp->prod = map_dict(&a->products, &b->products);
    mp->func = map_dict(&a->functions, &b->functions);
    mp->a_of_b = nis5g_xmalloc((b->n_elements + 1) * sizeof *mp->a_of_b);
    for (uint32_t j = 0; j < b->n_elements; j++)
        mp->a_of_b[j] = NIS5G_NONE;
    for (uint32_t i = 0; i < a->n_elements; i++)
        if (mp->el[i] != NIS5G_NONE)
            mp->a_of_b[mp->el[i]] = i;
}

static void maps_release(struct maps *mp)
{
    free(mp->el);
    free(mp->site);
    free(mp->group);
    free(mp->prod);
    free(mp->func);
    free(mp->a_of_b);
}

/* ---- the tables -------------------------------------------------------- */

static int cmp_count(const void *x, const void *y)
{
    return strcmp(((const struct nis5g_diff_count *)x)->name, ((const struct nis5g_diff_count *)y)->name);
}

/* The rows of c (one per name of u) that have elements, in name order. */
static struct nis5g_diff_count *count_rows(struct nis5g_diff_count *c, const struct nis5g_dict *u, size_t *n)
{
    struct nis5g_diff_count *out = nis5g_xcalloc(u->n + 1, sizeof *out);
    *n = 0;
    for (uint32_t k = 0; k < u->n; k++)
        if (c[k].before || c[k].after) {
            out[*n] = c[k];
            out[(*n)++].name = nis5g_dict_str(u, k);
        }
    qsort(out, *n, sizeof *out, cmp_count);
    return out;
}

/* share[(u * (DOM+1)) + d + 1] of union vendor u in domain d (-1: all). */
static double *side_shares(const struct side *s, uint32_t n_u)
{
    double *sh = nis5g_xcalloc((size_t)n_u * (NIS5G_DOM_COUNT + 1) + 1, sizeof *sh);
    for (int pass = 0; pass < 2; pass++) {
        const struct nis5g_diversity *dv = pass ? &s->dom : &s->all;
        for (size_t g = 0; g < dv->n_groups; g++) {
            const struct nis5g_div_group *gr = &dv->groups[g];
            int d = pass ? (int)gr->key[NIS5G_DIV_DOMAIN] : -1;
            for (uint32_t k = 0; k < gr->n_vendors; k++) {
                const struct nis5g_div_vendor *v = &dv->vendors[gr->vend_off + k];
                if (v->vendor != NIS5G_DIV_NEW_VENDOR)
                    sh[(size_t)s->vend_u[v->vendor] * (NIS5G_DOM_COUNT + 1) + (size_t)(d + 1)] = v->share;
            }
        }
    }
    return sh;
}

static void hhi_rows(struct nis5g_diff *d, const struct side *sa, const struct side *sb)
{
    for (int k = 0; k < NIS5G_DOM_COUNT; k++)
        d->hhi[k] = (struct nis5g_diff_hhi){ k, NAN, NAN };
    for (int pass = 0; pass < 2; pass++) {
        const struct nis5g_diversity *dv = pass ? &sb->dom : &sa->dom;
        for (size_t g = 0; g < dv->n_groups; g++) {
            uint32_t k = dv->groups[g].key[NIS5G_DIV_DOMAIN];
            if (k < NIS5G_DOM_COUNT)
                *(pass ? &d->hhi[k].to : &d->hhi[k].from) = dv->groups[g].hhi;
        }
    }
}

/* Per union vendor: the model's vendor id, or NIS5G_NONE. */
static uint32_t *vendor_back(const struct side *s, uint32_t n_u)
{
    uint32_t *back = nis5g_xmalloc((n_u + 1) * sizeof *back);
    for (uint32_t u = 0; u < n_u; u++)
        back[u] = NIS5G_NONE;
    for (uint32_t v = 0; v < s->m->vendors.n; v++)
        back[s->vend_u[v]] = v;
    return back;
}

static uint32_t *name_order(const struct nis5g_dict *u);

static void share_rows(struct nis5g_diff *d, const struct nis5g_dict *u, const struct side *sa,
                       const struct side *sb)
{
    uint32_t *ba = vendor_back(sa, u->n), *bb = vendor_back(sb, u->n), *ord = name_order(u);
    double *sha = side_shares(sa, u->n), *shb = side_shares(sb, u->n);
    d->shares = nis5g_xcalloc((size_t)u->n * (NIS5G_DOM_COUNT + 1) + 1, sizeof *d->shares);
    for (uint32_t r = 0; r < u->n; r++) {
        uint32_t v = ord[r];
        uint8_t pa = ba[v] == NIS5G_NONE ? NIS5G_RISK_UNKNOWN : sa->risk[ba[v]];
        uint8_t pb = bb[v] == NIS5G_NONE ? NIS5G_RISK_UNKNOWN : sb->risk[bb[v]];
        size_t all = (size_t)v * (NIS5G_DOM_COUNT + 1);
        if ((pa != NIS5G_RISK_HIGH && pb != NIS5G_RISK_HIGH) || (sha[all] == 0 && shb[all] == 0))
            continue; /* not high-risk, or nothing active in either snapshot */
        for (int k = -1; k < NIS5G_DOM_COUNT; k++) {
            size_t at = (size_t)v * (NIS5G_DOM_COUNT + 1) + (size_t)(k + 1);
            if (sha[at] == 0 && shb[at] == 0)
                continue;
            d->shares[d->n_shares++] =
                (struct nis5g_diff_share){ nis5g_dict_str(u, v), pa, pb, k, sha[at], shb[at] };
        }
    }
    free(sha);
    free(shb);
    free(ba);
    free(bb);
    free(ord);
}

/* The ids of u in name order. Vendors and operators are few. */
static uint32_t *name_order(const struct nis5g_dict *u)
{
    uint32_t *ord = nis5g_xmalloc((u->n + 1) * sizeof *ord);
    for (uint32_t k = 0; k < u->n; k++)
        ord[k] = k;
    /* insertion sort: no global state for qsort's comparison, threads may diff at once */
    for (uint32_t i = 1; i < u->n; i++)
        for (uint32_t j = i; j > 0 && strcmp(nis5g_dict_str(u, ord[j - 1]), nis5g_dict_str(u, ord[j])) > 0; j--) {
            uint32_t x = ord[j];
            ord[j] = ord[j - 1];
            ord[j - 1] = x;
        }
    return ord;
}

static void ks_rows(struct nis5g_diff *d, const struct nis5g_dict *u, const struct side *sa, const struct side *sb)
{
    uint32_t *sites = nis5g_xcalloc(2 * (size_t)u->n + 1, sizeof *sites), *ord = name_order(u);
    int64_t *subs = nis5g_xcalloc(2 * (size_t)u->n + 1, sizeof *subs);
    uint8_t *tried = nis5g_xcalloc(u->n + 1, 1);
    for (int pass = 0; pass < 2; pass++) {
        const struct side *s = pass ? sb : sa;
        for (size_t i = 0; i < s->n_sc; i++) {
            uint32_t v = s->vend_u[s->sc_vendor[i]];
            tried[v] = 1;
            sites[2 * (size_t)v + (size_t)pass] = s->res[i].sites_lost;
            subs[2 * (size_t)v + (size_t)pass] = s->res[i].subs_lost;
        }
    }
    d->ks = nis5g_xcalloc(u->n + 1, sizeof *d->ks);
    for (uint32_t r = 0; r < u->n; r++) {
        uint32_t v = ord[r];
        d->n_ks_vendors += tried[v];
        if (sites[2 * v] != sites[2 * v + 1] || subs[2 * v] != subs[2 * v + 1])
            d->ks[d->n_ks++] = (struct nis5g_diff_ks){ nis5g_dict_str(u, v), sites[2 * v], sites[2 * v + 1],
                                                       subs[2 * v], subs[2 * v + 1] };
    }
    d->radio_sites_from = sa->rs.n_base;
    d->radio_sites_to = sb->rs.n_base;
    free(sites);
    free(subs);
    free(tried);
    free(ord);
}

static int have_parts(const struct nis5g_model *m, struct nis5g_err *err)
{
    if ((m->parts & NIS5G_PART_ALL) != NIS5G_PART_ALL)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "a diff needs every part of both models");
    return 0;
}

int nis5g_diff_models(const struct nis5g_model *a, const struct nis5g_model *b, const struct nis5g_diff_opts *o,
                      struct nis5g_diff **out, struct nis5g_err *err)
{
    static const struct nis5g_diff_opts none = { 0 };
    *out = NULL;
    if (have_parts(a, err) || have_parts(b, err))
        return err->code;
    struct nis5g_diff *d = nis5g_xcalloc(1, sizeof *d);
    struct priv *pv = nis5g_xcalloc(1, sizeof *pv);
    d->a = a;
    d->b = b;
    d->priv = pv;
    nis5g_dict_init(&pv->ops);
    nis5g_dict_init(&pv->vendors);
    struct side sa = { .m = a, .o = o ? o : &none }, sb = { .m = b, .o = o ? o : &none };
    sa.op_u = map_union(&a->operators, &pv->ops);
    sb.op_u = map_union(&b->operators, &pv->ops);
    sa.vend_u = map_union(&a->vendors, &pv->vendors);
    sb.vend_u = map_union(&b->vendors, &pv->vendors);
    /* the model before on a thread of its own, the model after here */
    pthread_t th;
    int threaded = pthread_create(&th, NULL, side_run, &sa) == 0;
    if (!threaded)
        side_run(&sa);
    side_run(&sb);
    struct maps mp = { 0 };
    maps_build(&mp, a, b);
    struct tally t = { nis5g_xcalloc(pv->ops.n + 1, sizeof *t.op), nis5g_xcalloc(pv->vendors.n + 1, sizeof *t.vendor),
                       d->by_domain };
    compare_elements(d, &sa, &sb, &mp, &t);
    maps_release(&mp);
    if (threaded)
        pthread_join(th, NULL);
    for (int k = 0; k < NIS5G_DOM_COUNT; k++)
        d->by_domain[k].name = nis5g_domain_names[k];
    d->by_operator = count_rows(t.op, &pv->ops, &d->n_by_operator);
    d->by_vendor = count_rows(t.vendor, &pv->vendors, &d->n_by_vendor);
    free(t.op);
    free(t.vendor);
    hhi_rows(d, &sa, &sb);
    share_rows(d, &pv->vendors, &sa, &sb);
    ks_rows(d, &pv->vendors, &sa, &sb);
    side_release(&sa);
    side_release(&sb);
    *out = d;
    return 0;
}

void nis5g_diff_free(struct nis5g_diff *d)
{
    if (!d)
        return;
    struct priv *pv = d->priv;
    nis5g_dict_release(&pv->ops);
    nis5g_dict_release(&pv->vendors);
    free(pv);
    free(d->added);
    free(d->removed);
    free(d->changed);
    free(d->by_operator);
    free(d->by_vendor);
    free(d->shares);
    free(d->ks);
    free(d->rules);
    free(d);
}
