/*
 * policy-eval.c — compile a policy's conditions against a model and
 * evaluate every rule in one pass over the elements (policy.h).
 *
 * Each set of conditions joined by `and` becomes a handful of lookup
 * tables, one per axis of the element: vendor (vendor, risk,
 * vendor_country), operator (operator, country), site (region, tag, near),
 * domain, function, status, product name, product row (certified), plus a
 * short list of date tests on installed. Conditions on one axis are ANDed
 * into its table at compile time, so matching an element is a few array
 * reads whatever the policy says.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "base/geo.h"
#include "base/intmap.h"
#include "nis5g/policy.h"

const char *const nis5g_rule_status_names[3] = { "ok", "pending", "violation" };

struct datetest {
    uint8_t op;
    size_t n;
    const int *days;
};

/* A compiled condition set. NULL tables let everything through. */
struct ctable {
    uint8_t *vendor;   /* vendors.n */
    uint8_t *op;       /* operators.n */
    uint8_t *site;     /* sites.n + 1; the last entry is "no site" */
    uint8_t *function; /* functions.n + 1; the last entry is "none" */
    uint8_t *pname;    /* products.n + 1; the last is "no product" */
    uint8_t *prow;     /* n_products + 1; the last is "not in products.csv" */
    uint8_t domain[NIS5G_DOM_COUNT];
    uint8_t status[NIS5G_ST_COUNT];
    struct datetest *dates;
    size_t n_dates;
};

struct compiler {
    const struct nis5g_policy *p;
    struct nis5g_model *m;
    const struct nis5g_profile *prof;
    struct nis5g_diags *d;
    const char *file;
    int need_prow;
};

static uint8_t *table(uint8_t **t, size_t n)
{
    if (!*t) {
        *t = nis5g_xmalloc(n ? n : 1);
        memset(*t, 1, n ? n : 1);
    }
    return *t;
}

static void warn_missing(struct compiler *c, const struct nis5g_pcond *pc, size_t k, const char *what)
{
    if (!c->d)
        return;
    size_t sl;
    const char *src = nis5g_policy_line(c->p, c->file, pc->line, &sl);
    nis5g_diags_add(c->d, NIS5G_WARNING, NIS5G_EINPUT, c->file, pc->line, pc->vcols[k], src, sl,
                    pc->values[k], strlen(pc->values[k]), "%s not in the data: the condition matches no element",
                    what);
}

static int negated(const struct nis5g_pcond *pc)
{
    return pc->op == NIS5G_OP_NE || pc->op == NIS5G_OP_NOT_IN;
}

/* Ids of pc's values in dict (NIS5G_NONE for a name not present, with a warning). */
static uint32_t value_id(struct compiler *c, struct nis5g_dict *dict, const struct nis5g_pcond *pc, size_t k,
                         const char *what)
{
    const char *v = pc->values[k];
    if (dict == &c->m->countries && strcmp(v, "EL") == 0)
        v = "GR";
    uint32_t id = nis5g_dict_find(dict, v, strlen(v));
    if (id == NIS5G_NONE)
        warn_missing(c, pc, k, what);
    return id;
}

/* AND "id is (not) one of the values" into a table of n ids plus a
 * trailing "none" slot when has_none. */
static void and_ids(struct compiler *c, uint8_t **tab, size_t n, int has_none, struct nis5g_dict *dict,
                    const struct nis5g_pcond *pc, const char *what)
{
    size_t size = n + (has_none ? 1 : 0);
    uint8_t *pos = nis5g_xcalloc(size ? size : 1, 1);
    for (size_t k = 0; k < pc->n_values; k++) {
        uint32_t id = value_id(c, dict, pc, k, what);
        if (id != NIS5G_NONE && id < n)
            pos[id] = 1;
    }
    uint8_t *t = table(tab, size);
    int neg = negated(pc);
    for (size_t i = 0; i < size; i++)
        t[i] &= (uint8_t)(neg ? !pos[i] : pos[i]);
    free(pos);
}

static int risk_holds(int risk, const struct nis5g_pcond *pc)
{
    int any = 0;
    for (size_t k = 0; k < pc->n_values; k++) {
        int v = pc->ivalues[k];
        switch (pc->op) {
        case NIS5G_OP_LT: return risk != NIS5G_RISK_UNKNOWN && risk < v;
        case NIS5G_OP_LE: return risk != NIS5G_RISK_UNKNOWN && risk <= v;
        case NIS5G_OP_GT: return risk != NIS5G_RISK_UNKNOWN && risk > v;
        case NIS5G_OP_GE: return risk != NIS5G_RISK_UNKNOWN && risk >= v;
        default: any |= risk == v;
        }
    }
    return negated(pc) ? !any : any;
}

/* Sites within pc->km of a site carrying one of pc's tags. A tagged site
 * is near at any distance, with or without coordinates (so `near 0 km of
 * tag in gov` catches what `tag = gov` does); a site without coordinates
 * is never near another site (the index skips it, both as a tagged point
 * and as a query). */
static uint8_t *near_sites(struct compiler *c, const struct nis5g_pcond *pc)
{
    struct nis5g_model *m = c->m;
    uint32_t ns = m->sites.n;
    uint8_t *want = nis5g_xcalloc(m->tags.n ? m->tags.n : 1, 1);
    for (size_t k = 0; k < pc->n_values; k++) {
        uint32_t id = value_id(c, &m->tags, pc, k, "tag");
        if (id != NIS5G_NONE)
            want[id] = 1;
    }
    double *lat = nis5g_xmalloc((ns ? ns : 1) * sizeof *lat), *lon = nis5g_xmalloc((ns ? ns : 1) * sizeof *lon);
    uint8_t *out = nis5g_xcalloc((size_t)ns + 1, 1);
    size_t n = 0;
    for (uint32_t s = 0; s < ns; s++) {
        for (uint32_t k = m->site_tag_off[s]; k < m->site_tag_off[s + 1]; k++) {
            if (want[m->site_tags[k]]) {
                lat[n] = m->site_lat[s];
                lon[n] = m->site_lon[s];
                n++;
                out[s] = 1;
                break;
            }
        }
    }
    struct nis5g_geo_index *ix = nis5g_geo_index_new(lat, lon, n, pc->km);
    for (uint32_t s = 0; s < ns; s++)
        out[s] |= (uint8_t)nis5g_geo_index_any_within(ix, m->site_lat[s], m->site_lon[s]);
    nis5g_geo_index_free(ix);
    free(lat);
    free(lon);
    free(want);
    return out;
}

/* 1 for each of pc's values found in dict, in a table of dict's ids plus
 * one. */
static uint8_t *wanted(struct compiler *c, struct nis5g_dict *dict, const struct nis5g_pcond *pc, const char *what)
{
    uint8_t *want = nis5g_xcalloc(dict->n + 1, 1);
    for (size_t k = 0; k < pc->n_values; k++) {
        uint32_t id = value_id(c, dict, pc, k, what);
        if (id != NIS5G_NONE)
            want[id] = 1;
    }
    return want;
}

/* tag (not) in T: a site's tags; an element without a site has none. */
static void and_tags(struct compiler *c, struct ctable *t, const struct nis5g_pcond *pc)
{
    struct nis5g_model *m = c->m;
    uint32_t ns = m->sites.n;
    int neg = negated(pc);
    uint8_t *want = wanted(c, &m->tags, pc, "tag");
    uint8_t *ts = table(&t->site, (size_t)ns + 1);
    for (uint32_t s = 0; s < ns; s++) {
        int any = 0;
        for (uint32_t k = m->site_tag_off[s]; k < m->site_tag_off[s + 1]; k++)
            any |= want[m->site_tags[k]];
        ts[s] &= (uint8_t)(neg ? !any : any);
    }
    ts[ns] &= (uint8_t)neg;
    free(want);
}

/* certified (not) in C: the certifications of the element's product row. */
static void and_certified(struct compiler *c, struct ctable *t, const struct nis5g_pcond *pc)
{
    struct nis5g_model *m = c->m;
    int neg = negated(pc);
    uint8_t *want = wanted(c, &m->certs, pc, "certification");
    uint8_t *tr = table(&t->prow, (size_t)m->n_products + 1);
    for (uint32_t r = 0; r < m->n_products; r++) {
        int any = 0;
        for (uint32_t k = m->prod_cert_off[r]; k < m->prod_cert_off[r + 1]; k++)
            any |= want[m->prod_certs[k]];
        tr[r] &= (uint8_t)(neg ? !any : any);
    }
    tr[m->n_products] &= (uint8_t)neg; /* no known product: not certified */
    c->need_prow = 1;
    free(want);
}

/* domain or status (not) in a list of enum values: a table of n. */
static void and_enum(uint8_t *tab, int n, const struct nis5g_pcond *pc)
{
    int neg = negated(pc);
    for (int x = 0; x < n; x++) {
        int any = 0;
        for (size_t k = 0; k < pc->n_values; k++)
            any |= pc->ivalues[k] == x;
        tab[x] &= (uint8_t)(neg ? !any : any);
    }
}

static void compile(struct compiler *c, const struct nis5g_pconds *cs, int default_active, struct ctable *t)
{
    struct nis5g_model *m = c->m;
    memset(t, 0, sizeof *t);
    memset(t->domain, 1, sizeof t->domain);
    int has_status = 0;
    for (size_t i = 0; i < cs->n; i++)
        has_status |= cs->v[i].field == NIS5G_PF_STATUS;
    for (int s = 0; s < NIS5G_ST_COUNT; s++)
        t->status[s] = (uint8_t)(has_status || !default_active || s == NIS5G_ST_ACTIVE);
    uint32_t nv = m->vendors.n, no = m->operators.n, ns = m->sites.n;
    for (size_t i = 0; i < cs->n; i++) {
        const struct nis5g_pcond *pc = &cs->v[i];
        switch (pc->field) {
        case NIS5G_PF_ALL:
            break;
        case NIS5G_PF_VENDOR:
            and_ids(c, &t->vendor, nv, 0, &m->vendors, pc, "vendor");
            break;
        case NIS5G_PF_RISK: {
            uint8_t *tv = table(&t->vendor, nv);
            for (uint32_t v = 0; v < nv; v++)
                tv[v] &= (uint8_t)risk_holds(c->prof[v].risk, pc);
            break;
        }
        case NIS5G_PF_VENDOR_COUNTRY: {
            uint8_t *pos = NULL;
            and_ids(c, &pos, m->countries.n, 1, &m->countries, pc, "country");
            /* pos now holds the (possibly negated) answer per country, plus "none" */
            uint8_t *tv = table(&t->vendor, nv);
            for (uint32_t v = 0; v < nv; v++) {
                uint32_t cc = m->sup_country ? m->sup_country[v] : NIS5G_NONE;
                tv[v] &= pos[cc == NIS5G_NONE ? m->countries.n : cc];
            }
            free(pos);
            break;
        }
        case NIS5G_PF_OPERATOR:
            and_ids(c, &t->op, no, 0, &m->operators, pc, "operator");
            break;
        case NIS5G_PF_COUNTRY: {
            uint8_t *pos = NULL;
            and_ids(c, &pos, m->countries.n, 1, &m->countries, pc, "country");
            uint8_t *to = table(&t->op, no);
            for (uint32_t o = 0; o < no; o++) {
                uint32_t cc = m->op_country[o];
                to[o] &= pos[cc == NIS5G_NONE ? m->countries.n : cc];
            }
            free(pos);
            break;
        }
        case NIS5G_PF_REGION: {
            uint8_t *pos = NULL;
            and_ids(c, &pos, m->regions.n, 1, &m->regions, pc, "region");
            uint8_t *ts = table(&t->site, (size_t)ns + 1);
            for (uint32_t s = 0; s < ns; s++) {
                uint32_t r = m->site_region[s];
                ts[s] &= pos[r == NIS5G_NONE ? m->regions.n : r];
            }
            ts[ns] &= pos[m->regions.n]; /* no site: no region */
            free(pos);
            break;
        }
        case NIS5G_PF_TAG:
            and_tags(c, t, pc);
            break;
        case NIS5G_PF_NEAR: {
            uint8_t *near = near_sites(c, pc);
            uint8_t *ts = table(&t->site, (size_t)ns + 1);
            for (uint32_t s = 0; s <= ns; s++)
                ts[s] &= near[s];
            free(near);
            break;
        }
        case NIS5G_PF_DOMAIN:
            and_enum(t->domain, NIS5G_DOM_COUNT, pc);
            break;
        case NIS5G_PF_STATUS:
            and_enum(t->status, NIS5G_ST_COUNT, pc);
            break;
        case NIS5G_PF_FUNCTION:
            and_ids(c, &t->function, m->functions.n, 1, &m->functions, pc, "function");
            break;
        case NIS5G_PF_PRODUCT:
            and_ids(c, &t->pname, m->products.n, 1, &m->products, pc, "product");
            break;
        case NIS5G_PF_CERTIFIED:
            and_certified(c, t, pc);
            break;
        case NIS5G_PF_INSTALLED:
            t->dates = nis5g_xreallocarray(t->dates, t->n_dates + 1, sizeof *t->dates);
            t->dates[t->n_dates].op = pc->op;
            t->dates[t->n_dates].n = pc->n_values;
            t->dates[t->n_dates].days = pc->ivalues;
            t->n_dates++;
            break;
        }
    }
}

static void ctable_release(struct ctable *t)
{
    free(t->vendor);
    free(t->op);
    free(t->site);
    free(t->function);
    free(t->pname);
    free(t->prow);
    free(t->dates);
}

static int date_holds(const struct datetest *dt, int32_t day)
{
    if (day == NIS5G_NO_DATE)
        return 0; /* comparisons with an empty installed are false, even != */
    int v = dt->days[0];
    switch (dt->op) {
    case NIS5G_OP_EQ: return day == v;
    case NIS5G_OP_NE: return day != v;
    case NIS5G_OP_LT: return day < v;
    case NIS5G_OP_LE: return day <= v;
    case NIS5G_OP_GT: return day > v;
    case NIS5G_OP_GE: return day >= v;
    default: {
        int any = 0;
        for (size_t k = 0; k < dt->n; k++)
            any |= day == dt->days[k];
        return dt->op == NIS5G_OP_IN ? any : !any;
    }
    }
}

static inline int ct_match(const struct ctable *t, const struct nis5g_model *m, uint32_t e, const uint32_t *prow)
{
    if (!t->status[m->el_status[e]] || !t->domain[m->el_domain[e]])
        return 0;
    if (t->vendor && !t->vendor[m->el_vendor[e]])
        return 0;
    if (t->op && !t->op[m->el_operator[e]])
        return 0;
    if (t->function) {
        uint16_t f = m->el_function[e];
        if (!t->function[f == NIS5G_NONE16 || f >= m->functions.n ? m->functions.n : f])
            return 0;
    }
    if (t->site) {
        uint32_t s = m->el_site[e];
        if (!t->site[s == NIS5G_NONE ? m->sites.n : s])
            return 0;
    }
    for (size_t k = 0; k < t->n_dates; k++)
        if (!date_holds(&t->dates[k], m->el_installed[e]))
            return 0;
    if (t->pname) {
        uint32_t p = m->el_product[e];
        if (!t->pname[p == NIS5G_NONE ? m->products.n : p])
            return 0;
    }
    if (t->prow && !t->prow[prow[e]])
        return 0;
    return 1;
}

/* ---- groups ---- */

static inline uint32_t gkey_of(const struct nis5g_model *m, int g, uint32_t e)
{
    uint32_t s;
    switch (g) {
    case NIS5G_G_OPERATOR: return m->el_operator[e];
    case NIS5G_G_COUNTRY: return m->op_country[m->el_operator[e]];
    case NIS5G_G_REGION: s = m->el_site[e]; return s == NIS5G_NONE ? NIS5G_NONE : m->site_region[s];
    default: return m->el_site[e];
    }
}

/* Per-rule evaluation state. */
struct rstate {
    const struct nis5g_rule *r;
    struct ctable c, s;
    struct nis5g_intmap groups;   /* group key -> group index (pairs of keys) */
    uint32_t *dense;      /* one key: key slot -> group index + 1 (no hashing) */
    size_t n_slots;       /* ids of the key's dictionary + 1 for "none" */
    struct nis5g_group_result *g;
    size_t n_g, g_cap;
    struct nis5g_intmap gv;       /* require: (group, vendor) pairs seen, when seen is NULL */
    uint8_t *seen;        /* require with one key: slot * vendors + vendor */
    uint64_t last_gv;
    struct nis5g_buf els; /* deny: matching element indices (uint32) */
    int64_t count;
};

static size_t key_slots(const struct nis5g_model *m, int g)
{
    switch (g) {
    case NIS5G_G_OPERATOR: return (size_t)m->operators.n + 1;
    case NIS5G_G_REGION: return (size_t)m->regions.n + 1;
    case NIS5G_G_COUNTRY: return (size_t)m->countries.n + 1;
    default: return (size_t)m->sites.n + 1;
    }
}

/* The group of element e (created on first sight); *slot gets the key's
 * dense slot (one key) or the group index (pairs). */
static struct nis5g_group_result *group_by_key(struct rstate *st, uint32_t k0, uint32_t k1, uint32_t *gi,
                                              size_t *slot)
{
    const struct nis5g_rule *r = st->r;
    int added;
    uint32_t i;
    if (st->dense) {
        *slot = k0 == NIS5G_NONE ? st->n_slots - 1 : k0;
        added = st->dense[*slot] == 0;
        if (added)
            st->dense[*slot] = (uint32_t)st->n_g + 1;
        i = st->dense[*slot] - 1;
    } else {
        i = nis5g_intmap_get(&st->groups, (uint64_t)k0 << 32 | k1, &added);
        *slot = i;
    }
    if (added) {
        st->n_g++;
        if (i == st->g_cap) {
            st->g_cap = st->g_cap ? st->g_cap * 2 : 16;
            st->g = nis5g_xreallocarray(st->g, st->g_cap, sizeof *st->g);
        }
        memset(&st->g[i], 0, sizeof st->g[i]);
        st->g[i].key[0] = k0;
        st->g[i].key[1] = r->n_group > 1 ? k1 : NIS5G_NONE;
    }
    *gi = i;
    return &st->g[i];
}

static inline struct nis5g_group_result *group_for(struct rstate *st, const struct nis5g_model *m, uint32_t e,
                                                  uint32_t *gi, size_t *slot)
{
    const struct nis5g_rule *r = st->r;
    uint32_t k0 = gkey_of(m, r->group[0], e), k1 = r->n_group > 1 ? gkey_of(m, r->group[1], e) : 0;
    return group_by_key(st, k0, k1, gi, slot);
}

/* The accumulators of a rule's state (each worker thread has its own). */
static void acc_init(struct rstate *s, const struct nis5g_model *m)
{
    const struct nis5g_rule *r = s->r;
    if (r->kind == NIS5G_RULE_DENY) {
        nis5g_buf_init(&s->els);
        return;
    }
    if (r->n_group == 1) {
        s->n_slots = key_slots(m, r->group[0]);
        s->dense = nis5g_xcalloc(s->n_slots, sizeof *s->dense);
    } else {
        nis5g_intmap_init(&s->groups, 64);
    }
    if (r->kind == NIS5G_RULE_REQUIRE) {
        if (s->dense && s->n_slots * (m->vendors.n + 1) <= (1u << 27))
            s->seen = nis5g_xcalloc(s->n_slots * (m->vendors.n + 1), 1);
        else
            nis5g_intmap_init(&s->gv, 256);
        s->last_gv = UINT64_MAX;
    }
}

static void acc_release(struct rstate *s)
{
    const struct nis5g_rule *r = s->r;
    if (r->kind == NIS5G_RULE_DENY) {
        nis5g_buf_release(&s->els);
        return;
    }
    if (s->dense)
        free(s->dense);
    else
        nis5g_intmap_release(&s->groups);
    if (s->seen)
        free(s->seen);
    else if (r->kind == NIS5G_RULE_REQUIRE)
        nis5g_intmap_release(&s->gv);
    free(s->g);
    s->dense = NULL;
    s->seen = NULL;
    s->g = NULL;
}

/* Add the findings of src (a later range of elements) to dst. */
static void acc_merge(struct rstate *dst, struct rstate *src, const struct nis5g_model *m)
{
    const struct nis5g_rule *r = dst->r;
    if (r->kind == NIS5G_RULE_DENY) {
        dst->count += src->count;
        nis5g_buf_add(&dst->els, src->els.data, src->els.len);
        return;
    }
    uint32_t *map = nis5g_xmalloc((src->n_g ? src->n_g : 1) * sizeof *map); /* src group -> dst group */
    for (size_t k = 0; k < src->n_g; k++) {
        const struct nis5g_group_result *gs = &src->g[k];
        size_t slot;
        struct nis5g_group_result *gd =
            group_by_key(dst, gs->key[0], r->n_group > 1 ? gs->key[1] : 0, &map[k], &slot);
        gd->n += gs->n;
        if (r->kind == NIS5G_RULE_CAP)
            gd->c += gs->c;
    }
    if (r->kind == NIS5G_RULE_REQUIRE && dst->seen) {
        size_t row = m->vendors.n + 1;
        for (size_t i = 0; i < dst->n_slots * row; i++)
            dst->seen[i] |= src->seen[i];
        for (size_t k = 0; k < dst->n_g; k++) {
            uint32_t k0 = dst->g[k].key[0];
            const uint8_t *x = &dst->seen[(k0 == NIS5G_NONE ? dst->n_slots - 1 : k0) * row];
            int64_t c = 0;
            for (size_t v = 0; v < row; v++)
                c += x[v];
            dst->g[k].c = c;
        }
    } else if (r->kind == NIS5G_RULE_REQUIRE) {
        for (size_t i = 0; i <= src->gv.mask; i++) {
            if (!src->gv.vals[i])
                continue;
            uint64_t key = src->gv.keys[i];
            uint32_t gd = map[key >> 16];
            int added;
            nis5g_intmap_get(&dst->gv, (uint64_t)gd << 16 | (key & 0xffff), &added);
            if (added)
                dst->g[gd].c++;
        }
    }
    free(map);
}

static int key_cmp(uint32_t a, uint32_t b)
{
    return (a > b) - (a < b);
}

static int cmp_groups(const void *pa, const void *pb)
{
    const struct nis5g_group_result *a = pa, *b = pb;
    int c = key_cmp(a->key[0], b->key[0]);
    return c ? c : key_cmp(a->key[1], b->key[1]);
}

struct elkey {
    uint64_t k; /* operator, domain, function */
    uint32_t site, e;
};

static int cmp_elkey(const void *pa, const void *pb)
{
    const struct elkey *a = pa, *b = pb;
    if (a->k != b->k)
        return a->k < b->k ? -1 : 1;
    if (a->site != b->site)
        return a->site < b->site ? -1 : 1;
    return key_cmp(a->e, b->e);
}

static int cmp_elgroup(const void *pa, const void *pb)
{
    const struct nis5g_elgroup *a = pa, *b = pb;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return key_cmp(a->first[0], b->first[0]);
}

static void deny_groups(const struct nis5g_model *m, struct nis5g_rule_result *rr)
{
    size_t n = rr->n_elements;
    struct elkey *k = nis5g_xmalloc((n ? n : 1) * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        uint32_t e = rr->elements[i];
        k[i].k = (uint64_t)m->el_operator[e] << 32 | (uint64_t)m->el_domain[e] << 16 | m->el_function[e];
        k[i].site = m->el_site[e];
        k[i].e = e;
    }
    if (n)
        qsort(k, n, sizeof *k, cmp_elkey);
    size_t cap = 0;
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || k[i].k != k[i - 1].k || k[i].site != k[i - 1].site) {
            if (rr->n_elgroups == cap) {
                cap = cap ? cap * 2 : 16;
                rr->elgroups = nis5g_xreallocarray(rr->elgroups, cap, sizeof *rr->elgroups);
            }
            struct nis5g_elgroup *g = &rr->elgroups[rr->n_elgroups++];
            memset(g, 0, sizeof *g);
            uint32_t e = k[i].e;
            g->op = m->el_operator[e];
            g->domain = m->el_domain[e];
            g->function = m->el_function[e];
            g->site = m->el_site[e];
        }
        struct nis5g_elgroup *g = &rr->elgroups[rr->n_elgroups - 1];
        if (g->count < 3)
            g->first[g->count] = k[i].e;
        g->count++;
    }
    free(k);
    if (rr->n_elgroups)
        qsort(rr->elgroups, rr->n_elgroups, sizeof *rr->elgroups, cmp_elgroup);
}

unsigned nis5g_policy_parts(const struct nis5g_policy *p)
{
    unsigned parts = NIS5G_PART_ELEMENTS;
    for (size_t i = 0; i < p->n_rules; i++) {
        const struct nis5g_pconds *sets[2] = { &p->rules[i].cond, &p->rules[i].scope };
        for (int s = 0; s < 2; s++)
            for (size_t k = 0; k < sets[s]->n; k++)
                if (sets[s]->v[k].field == NIS5G_PF_PRODUCT || sets[s]->v[k].field == NIS5G_PF_CERTIFIED)
                    parts |= NIS5G_PART_ELEMENT_DETAIL;
    }
    return parts;
}

/* Product row of each element (n_products when not in products.csv). */
static uint32_t *product_rows(const struct nis5g_model *m)
{
    struct nis5g_intmap k;
    nis5g_intmap_init(&k, m->n_products + 1);
    uint32_t *idx2row = nis5g_xmalloc((m->n_products + 1) * sizeof *idx2row);
    for (uint32_t r = 0; r < m->n_products; r++) {
        int added;
        uint32_t i = nis5g_intmap_get(&k, (uint64_t)m->prod_vendor[r] << 32 | m->prod_name[r], &added);
        if (added)
            idx2row[i] = r;
    }
    uint32_t *rowof = nis5g_xmalloc(((size_t)m->n_elements ? m->n_elements : 1) * sizeof *rowof);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        uint32_t p = m->el_product[e];
        rowof[e] = m->n_products;
        if (p == NIS5G_NONE)
            continue;
        uint32_t i = nis5g_intmap_find(&k, (uint64_t)m->el_vendor[e] << 32 | p);
        if (i != UINT32_MAX)
            rowof[e] = idx2row[i];
    }
    free(idx2row);
    nis5g_intmap_release(&k);
    return rowof;
}

struct worker {
    struct rstate *st;
    size_t nr;
    const struct nis5g_model *m;
    const uint32_t *prow;
    uint32_t e0, e1;
    int counts_only, started;
};

/* Every element of [e0, e1) against every rule. */
static void *work(void *arg)
{
    struct worker *w = arg;
    const struct nis5g_model *m = w->m;
    const uint32_t *prow = w->prow;
    for (uint32_t e = w->e0; e < w->e1; e++) {
        for (size_t i = 0; i < w->nr; i++) {
            struct rstate *s = &w->st[i];
            const struct nis5g_rule *r = s->r;
            if (r->kind == NIS5G_RULE_DENY) {
                if (ct_match(&s->c, m, e, prow)) {
                    s->count++;
                    if (!w->counts_only)
                        nis5g_buf_add(&s->els, &e, sizeof e);
                }
                continue;
            }
            if (!ct_match(&s->s, m, e, prow))
                continue;
            uint32_t gi;
            size_t slot;
            struct nis5g_group_result *g = group_for(s, m, e, &gi, &slot);
            if (r->kind == NIS5G_RULE_CAP) {
                int64_t wt = 1;
                if (r->weighted) {
                    uint32_t site = m->el_site[e];
                    wt = site == NIS5G_NONE ? 0 : nis5g_site_subs(m, site);
                }
                g->n += wt;
                if (ct_match(&s->c, m, e, prow))
                    g->c += wt;
            } else if (s->seen) {
                uint8_t *x = &s->seen[slot * (m->vendors.n + 1) + m->el_vendor[e]];
                g->c += !*x;
                *x = 1;
            } else {
                uint64_t key = (uint64_t)gi << 16 | m->el_vendor[e];
                if (key != s->last_gv) {
                    int added;
                    nis5g_intmap_get(&s->gv, key, &added);
                    if (added)
                        g->c++;
                    s->last_gv = key;
                }
            }
        }
    }
    return NULL;
}

/* A designated vendor that is not in the data is a warning: the
 * designation still stands in law. */
struct nis5g_profile *nis5g_policy_profiles(const struct nis5g_policy *p, struct nis5g_model *m,
                                            struct nis5g_diags *d)
{
    struct nis5g_designation *des = nis5g_xcalloc(p ? p->n_des + 1 : 1, sizeof *des);
    size_t nd = 0;
    for (size_t i = 0; p && i < p->n_des; i++) {
        const struct nis5g_pdesignation *g = &p->des[i];
        uint32_t v = nis5g_dict_find(&m->vendors, g->vendor, strlen(g->vendor));
        if (v == NIS5G_NONE) {
            size_t sl;
            const char *src = nis5g_policy_line(p, g->file, g->line, &sl);
            if (d)
                nis5g_diags_add(d, NIS5G_WARNING, NIS5G_EINPUT, g->file, g->line, g->col, src, sl, g->vendor,
                                strlen(g->vendor), "unknown vendor in designation: not in the data");
            continue;
        }
        des[nd].vendor = v;
        des[nd].risk = g->risk;
        des[nd].reason = g->reason;
        des[nd].where = g->where;
        nd++;
    }
    struct nis5g_profile *prof = nis5g_xcalloc(m->vendors.n + 1, sizeof *prof);
    nis5g_profiles(m, des, nd, prof);
    free(des);
    return prof;
}

/* Every rule's condition tables; the product row of each element when a
 * condition needs it (NULL otherwise). */
static uint32_t *compile_rules(const struct nis5g_policy *p, struct nis5g_model *m, const struct nis5g_check *ck,
                               struct nis5g_diags *d, struct rstate *st)
{
    struct compiler cc = { p, m, ck->profiles, d, NULL, 0 };
    for (size_t i = 0; i < p->n_rules; i++) {
        const struct nis5g_rule *r = &p->rules[i];
        st[i].r = r;
        cc.file = r->file;
        if (r->kind == NIS5G_RULE_DENY) {
            compile(&cc, &r->cond, 1, &st[i].c);
        } else {
            compile(&cc, &r->scope, 1, &st[i].s);
            if (r->kind == NIS5G_RULE_CAP)
                compile(&cc, &r->cond, 0, &st[i].c); /* within S: S decides the statuses */
        }
    }
    return cc.need_prow ? product_rows(m) : NULL;
}

/* The pass, split into contiguous ranges of elements, one per thread;
 * each worker has its own accumulators (the compiled tables are shared,
 * read-only), merged in range order so that element lists keep the
 * model's order. The accumulators of st (worker 0's) hold the sum. */
static void run_pass(struct rstate *st, size_t nr, const struct nis5g_model *m, const uint32_t *prow,
                     const struct nis5g_check_opts *o)
{
    unsigned nt = o->threads;
    if (nt == 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        nt = m->n_elements >= (1u << 20) && cpus > 1 ? (unsigned)(cpus < 4 ? cpus : 4) : 1;
    }
    if (nt > 64)
        nt = 64;
    if (nt > m->n_elements / 2 + 1)
        nt = m->n_elements / 2 + 1;
    struct worker *w = nis5g_xcalloc(nt, sizeof *w);
    pthread_t *tid = nis5g_xcalloc(nt, sizeof *tid);
    for (unsigned t = 0; t < nt; t++) {
        w[t].st = t == 0 ? st : nis5g_xcalloc(nr + 1, sizeof *w[t].st);
        for (size_t i = 0; i < nr; i++) {
            if (t > 0) {
                w[t].st[i].r = st[i].r;
                w[t].st[i].c = st[i].c; /* shared tables: released once, from st */
                w[t].st[i].s = st[i].s;
            }
            acc_init(&w[t].st[i], m);
        }
        w[t].nr = nr;
        w[t].m = m;
        w[t].prow = prow;
        w[t].counts_only = o->counts_only;
        w[t].e0 = (uint32_t)((uint64_t)m->n_elements * t / nt);
        w[t].e1 = (uint32_t)((uint64_t)m->n_elements * (t + 1) / nt);
    }
    for (unsigned t = 1; t < nt; t++)
        w[t].started = pthread_create(&tid[t], NULL, work, &w[t]) == 0;
    work(&w[0]);
    for (unsigned t = 1; t < nt; t++) {
        if (w[t].started)
            pthread_join(tid[t], NULL);
        else
            work(&w[t]);
        for (size_t i = 0; i < nr; i++) {
            acc_merge(&st[i], &w[t].st[i], m);
            acc_release(&w[t].st[i]);
        }
        free(w[t].st);
    }
    free(w);
    free(tid);
}

/* A cap or require rule's groups, taken from its state: each one's limit
 * and what must change, sorted by key. */
static void group_findings(struct rstate *s, struct nis5g_rule_result *rr)
{
    const struct nis5g_rule *r = s->r;
    rr->groups = s->g;
    rr->n_groups = s->n_g;
    s->g = NULL;
    for (size_t k = 0; k < rr->n_groups; k++) {
        struct nis5g_group_result *g = &rr->groups[k];
        if (r->kind == NIS5G_RULE_CAP) {
            g->limit = (int64_t)((__int128)g->n * r->pct_bp / 10000);
            g->must_change = g->c > g->limit ? g->c - g->limit : 0;
        } else {
            g->limit = r->min_vendors;
            g->must_change = g->c < g->limit ? g->limit - g->c : 0;
        }
        if (g->must_change > 0) {
            rr->findings++;
            rr->must_change += g->must_change;
        }
    }
    if (rr->n_groups)
        qsort(rr->groups, rr->n_groups, sizeof *rr->groups, cmp_groups);
}

/* The result of one rule from its state, which is released. */
static void rule_result(struct rstate *s, const struct nis5g_model *m, const struct nis5g_check_opts *o,
                        struct nis5g_check *ck, struct nis5g_rule_result *rr)
{
    const struct nis5g_rule *r = s->r;
    rr->rule = r;
    if (r->kind == NIS5G_RULE_DENY) {
        rr->findings = rr->must_change = s->count;
        if (!o->counts_only) {
            rr->elements = (uint32_t *)nis5g_buf_detach(&s->els, NULL);
            rr->n_elements = (size_t)s->count;
            deny_groups(m, rr);
        } else {
            nis5g_buf_release(&s->els);
        }
    } else {
        group_findings(s, rr);
        acc_release(s);
    }
    ctable_release(&s->c);
    ctable_release(&s->s);
    if (rr->findings == 0) {
        rr->status = NIS5G_RS_OK;
    } else if (r->deadline != NIS5G_NO_DATE && o->at < r->deadline) {
        rr->status = NIS5G_RS_PENDING;
        rr->days_left = r->deadline - o->at;
        ck->n_pending++;
    } else {
        rr->status = NIS5G_RS_VIOLATION;
        ck->n_violations++;
    }
}

int nis5g_policy_check(const struct nis5g_policy *p, struct nis5g_model *m, const struct nis5g_check_opts *o,
                       struct nis5g_check **out, struct nis5g_diags *d)
{
    struct nis5g_check *ck = nis5g_xcalloc(1, sizeof *ck);
    ck->at = o->at;
    ck->profiles = nis5g_policy_profiles(p, m, d);
    size_t nr = p->n_rules;
    ck->n = nr;
    ck->r = nis5g_xcalloc(nr + 1, sizeof *ck->r);
    struct rstate *st = nis5g_xcalloc(nr + 1, sizeof *st);
    uint32_t *prow = compile_rules(p, m, ck, d, st);
    run_pass(st, nr, m, prow, o);
    for (size_t i = 0; i < nr; i++)
        rule_result(&st[i], m, o, ck, &ck->r[i]);
    free(prow);
    free(st);
    *out = ck;
    return NIS5G_OK;
}

void nis5g_check_free(struct nis5g_check *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->r[i].elements);
        free(c->r[i].elgroups);
        free(c->r[i].groups);
    }
    free(c->r);
    free(c->profiles);
    free(c);
}

/* ---- the elements behind a rule's findings (nis5g elements --rule) ---- */

/* The breach groups of a cap or require result, by key. */
static void breach_keys(const struct nis5g_rule_result *rr, struct nis5g_intmap *k)
{
    nis5g_intmap_init(k, rr->n_groups + 1);
    for (size_t i = 0; i < rr->n_groups; i++) {
        const struct nis5g_group_result *g = &rr->groups[i];
        if (g->must_change > 0)
            nis5g_intmap_get(k, (uint64_t)g->key[0] << 32 | (rr->rule->n_group > 1 ? g->key[1] : 0), NULL);
    }
}

int nis5g_rule_elements(const struct nis5g_policy *p, size_t i, struct nis5g_model *m, const struct nis5g_check *ck,
                        uint32_t **out, size_t *n)
{
    const struct nis5g_rule_result *rr = &ck->r[i];
    const struct nis5g_rule *r = rr->rule;
    *n = 0;
    if (r->kind == NIS5G_RULE_DENY || !rr->findings) {
        size_t cnt = r->kind == NIS5G_RULE_DENY ? rr->n_elements : 0;
        *out = nis5g_xmalloc((cnt ? cnt : 1) * sizeof **out);
        if (cnt)
            memcpy(*out, rr->elements, cnt * sizeof **out);
        *n = cnt;
        return 0;
    }
    struct compiler cc = { p, m, ck->profiles, NULL, r->file, 0 };
    struct ctable s, c;
    compile(&cc, &r->scope, 1, &s);
    if (r->kind == NIS5G_RULE_CAP)
        compile(&cc, &r->cond, 0, &c);
    uint32_t *prow = cc.need_prow ? product_rows(m) : NULL;
    struct nis5g_intmap keys;
    breach_keys(rr, &keys);
    struct nis5g_buf els = NIS5G_BUF_INIT;
    nis5g_buf_init(&els);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        if (!ct_match(&s, m, e, prow) || (r->kind == NIS5G_RULE_CAP && !ct_match(&c, m, e, prow)))
            continue;
        uint32_t k0 = gkey_of(m, r->group[0], e), k1 = r->n_group > 1 ? gkey_of(m, r->group[1], e) : 0;
        if (nis5g_intmap_find(&keys, (uint64_t)k0 << 32 | k1) != UINT32_MAX)
            nis5g_buf_add(&els, &e, sizeof e);
    }
    *n = els.len / sizeof(uint32_t);
    if (!*n)
        nis5g_buf_add(&els, "\0\0\0\0", 4);
    *out = (uint32_t *)nis5g_buf_detach(&els, NULL);
    nis5g_intmap_release(&keys);
    free(prow);
    ctable_release(&s);
    if (r->kind == NIS5G_RULE_CAP)
        ctable_release(&c);
    return 0;
}
