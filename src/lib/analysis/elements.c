/*
 * elements.c — the element listing (elements.h, docs/elements.md): filters
 * compiled to lookup tables over the model's ids, one pass over the
 * element columns, then the page in sort order.
 *
 * Sorting never compares names per element: the distinct values of the
 * sort column among the matching elements are ranked once (strings by
 * their bytes), and each element carries its value's rank plus the first
 * bytes of its id as two integers; ids are compared in full only when
 * those are equal. When the page lies near the front of the list (the
 * common case: the first pages of a drill-down), a bounded heap keeps
 * just offset+limit rows instead of sorting every match.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/elements.h"
#include "nis5g/text.h"

const char *const nis5g_el_sort_names[NIS5G_ES_COUNT + 1] = {
    "id", "operator", "site", "region", "domain", "function", "vendor", "product", "status", "installed", NULL,
};

/* ---- filters ---- */

static uint8_t *table(uint8_t **t, size_t n)
{
    if (!*t)
        *t = nis5g_xcalloc(n ? n : 1, 1);
    return *t;
}

static int enum_bit(const char *const *names, int count, const char *what, const char *name, unsigned *mask,
                    struct nis5g_err *err)
{
    int i = nis5g_name_index(names, count, name, strlen(name));
    if (i < 0) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        for (int k = 0; k < count; k++)
            nis5g_buf_addf(&b, "%s%s", k ? ", " : "", names[k]);
        nis5g_err_set(err, NIS5G_EUSAGE, "unknown %s '%s' (one of %s)", what, name, b.data);
        nis5g_buf_release(&b);
        return NIS5G_EUSAGE;
    }
    *mask |= 1u << i;
    return 0;
}

/* The site filter and the region filter share one table over the sites:
 * a site passes when it is one of the sites asked for (if any) and in one
 * of the regions asked for (if any). Kept as two marks until the list
 * runs: bit 0 site asked, bit 1 region asked. */
enum { SITE_NAMED = 1, REGION_NAMED = 2 };

int nis5g_el_select_add(struct nis5g_el_select *s, struct nis5g_model *m, enum nis5g_el_filter f, const char *name,
                        struct nis5g_err *err)
{
    uint32_t id;
    switch (f) {
    case NIS5G_EF_DOMAIN: return enum_bit(nis5g_domain_names, NIS5G_DOM_COUNT, "domain", name, &s->domains, err);
    case NIS5G_EF_STATUS: return enum_bit(nis5g_status_names, NIS5G_ST_COUNT, "status", name, &s->statuses, err);
    case NIS5G_EF_OPERATOR:
        if ((id = nis5g_dict_finds(&m->operators, name)) == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown operator '%s'", name);
        table(&s->op, m->operators.n)[id] = 1;
        return 0;
    case NIS5G_EF_VENDOR:
        if ((id = nis5g_dict_finds(&m->vendors, name)) == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown vendor '%s'", name);
        table(&s->vendor, m->vendors.n)[id] = 1;
        return 0;
    case NIS5G_EF_SITE:
        if ((id = nis5g_dict_finds(&m->sites, name)) == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown site '%s'", name);
        s->site_given |= SITE_NAMED;
        table(&s->site, (size_t)m->sites.n + 1)[id] |= SITE_NAMED;
        return 0;
    case NIS5G_EF_REGION:
        if ((id = nis5g_dict_finds(&m->regions, name)) == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown region '%s'", name);
        s->site_given |= REGION_NAMED;
        uint8_t *t = table(&s->site, (size_t)m->sites.n + 1);
        for (uint32_t x = 0; x < m->sites.n; x++)
            if (m->site_region[x] == id)
                t[x] |= REGION_NAMED;
        return 0;
    }
    return nis5g_err_set(err, NIS5G_EINTERNAL, "unknown filter %d", (int)f);
}

void nis5g_el_select_release(struct nis5g_el_select *s)
{
    free(s->op);
    free(s->vendor);
    free(s->site);
    s->op = s->vendor = s->site = NULL;
}

static inline int keep(const struct nis5g_model *m, const struct nis5g_el_select *s, uint32_t e)
{
    if (s->statuses && !(s->statuses >> m->el_status[e] & 1))
        return 0;
    if (s->domains && !(s->domains >> m->el_domain[e] & 1))
        return 0;
    if (s->op && !s->op[m->el_operator[e]])
        return 0;
    uint16_t v = m->el_vendor[e];
    if (s->vendor && !s->vendor[v])
        return 0;
    if (s->high_only && !(s->high && s->high[v]))
        return 0;
    if (s->site) {
        uint32_t x = m->el_site[e];
        if (s->site[x == NIS5G_NONE ? m->sites.n : x] != s->site_given)
            return 0;
    }
    return 1;
}

/* The matching elements in model order; their number. */
static size_t select_rows(const struct nis5g_model *m, const struct nis5g_el_select *s, uint32_t **out)
{
    size_t cap = s->only_set ? s->n_only : m->n_elements, n = 0;
    uint32_t *v = nis5g_xmalloc((cap ? cap : 1) * sizeof *v);
    if (s->only_set) {
        for (size_t i = 0; i < s->n_only; i++)
            if (keep(m, s, s->only[i]))
                v[n++] = s->only[i];
    } else {
        for (uint32_t e = 0; e < m->n_elements; e++)
            if (keep(m, s, e))
                v[n++] = e;
    }
    *out = v;
    return n;
}

/* ---- sort keys ---- */

/* The value of the sort field of e: a dictionary id (or a names index,
 * or a day shifted to unsigned), NIS5G_NONE when empty. */
static inline uint32_t value_of(const struct nis5g_model *m, int field, uint32_t e)
{
    uint32_t x;
    switch (field) {
    case NIS5G_ES_OPERATOR: return m->el_operator[e];
    case NIS5G_ES_SITE: return m->el_site[e];
    case NIS5G_ES_REGION: x = m->el_site[e]; return x == NIS5G_NONE ? NIS5G_NONE : m->site_region[x];
    case NIS5G_ES_DOMAIN: return m->el_domain[e];
    case NIS5G_ES_FUNCTION:
        x = m->el_function[e];
        return x == NIS5G_NONE16 || x >= m->functions.n ? NIS5G_NONE : x;
    case NIS5G_ES_VENDOR: return m->el_vendor[e];
    case NIS5G_ES_PRODUCT: return m->el_product ? m->el_product[e] : NIS5G_NONE;
    case NIS5G_ES_STATUS: return m->el_status[e];
    case NIS5G_ES_INSTALLED:
        return m->el_installed[e] == NIS5G_NO_DATE ? NIS5G_NONE : (uint32_t)m->el_installed[e] ^ 0x80000000u;
    default: return 0;
    }
}

/* How many values the field has (the size of a rank table), and the name of value id. */
static size_t field_card(const struct nis5g_model *m, int field)
{
    switch (field) {
    case NIS5G_ES_OPERATOR: return m->operators.n;
    case NIS5G_ES_SITE: return m->sites.n;
    case NIS5G_ES_REGION: return m->regions.n;
    case NIS5G_ES_DOMAIN: return NIS5G_DOM_COUNT;
    case NIS5G_ES_FUNCTION: return m->functions.n;
    case NIS5G_ES_VENDOR: return m->vendors.n;
    case NIS5G_ES_PRODUCT: return m->products.n;
    case NIS5G_ES_STATUS: return NIS5G_ST_COUNT;
    default: return 0;
    }
}

static const char *field_name(const struct nis5g_model *m, int field, uint32_t id)
{
    switch (field) {
    case NIS5G_ES_OPERATOR: return nis5g_dict_str(&m->operators, id);
    case NIS5G_ES_SITE: return nis5g_dict_str(&m->sites, id);
    case NIS5G_ES_REGION: return nis5g_dict_str(&m->regions, id);
    case NIS5G_ES_DOMAIN: return nis5g_domain_names[id];
    case NIS5G_ES_FUNCTION: return nis5g_dict_str(&m->functions, id);
    case NIS5G_ES_VENDOR: return nis5g_dict_str(&m->vendors, id);
    case NIS5G_ES_PRODUCT: return nis5g_dict_str(&m->products, id);
    case NIS5G_ES_STATUS: return nis5g_status_names[id];
    default: return "";
    }
}

struct named {
    const char *s;
    uint32_t id;
};

static int cmp_named(const void *pa, const void *pb)
{
    const struct named *a = pa, *b = pb;
    int c = strcmp(a->s, b->s);
    return c ? c : (a->id > b->id) - (a->id < b->id);
}

/* rank[id] for the values of the field that the rows use, in name order;
 * NULL for the fields that are their own order (id, installed). */
static uint32_t *ranks(const struct nis5g_model *m, int field, const uint32_t *rows, size_t n)
{
    size_t card = field_card(m, field);
    if (field == NIS5G_ES_ID || field == NIS5G_ES_INSTALLED)
        return NULL;
    uint32_t *rank = nis5g_xcalloc(card ? card : 1, sizeof *rank);
    uint8_t *used = nis5g_xcalloc(card ? card : 1, 1);
    size_t distinct = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = value_of(m, field, rows[i]);
        if (v != NIS5G_NONE && !used[v]) {
            used[v] = 1;
            distinct++;
        }
    }
    struct named *nm = nis5g_xmalloc((distinct ? distinct : 1) * sizeof *nm);
    size_t k = 0;
    for (uint32_t v = 0; v < card; v++)
        if (used[v])
            nm[k++] = (struct named){ field_name(m, field, v), v };
    /* names often come in order already (sites numbered within an operator) */
    size_t sorted = 1;
    while (sorted < k && strcmp(nm[sorted - 1].s, nm[sorted].s) < 0)
        sorted++;
    if (sorted < k)
        qsort(nm, k, sizeof *nm, cmp_named);
    for (size_t i = 0; i < k; i++)
        rank[nm[i].id] = (uint32_t)i;
    free(nm);
    free(used);
    return rank;
}

struct ent {
    uint64_t k1, k2;
    uint32_t e;
};

struct sorter {
    const struct nis5g_model *m;
    int field, desc;
    const uint32_t *rank;
    int id_sign; /* the full id compare's sign: -1 for id descending */
};

/* bytes [from, from+8) of s as a big-endian number (0 past its end), so
 * that integers compare as the bytes do */
static inline uint64_t prefix(const char *s, size_t len, size_t from)
{
    uint64_t x = 0;
    if (from + 8 <= len) { /* the common case: eight bytes at once */
        memcpy(&x, s + from, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        x = __builtin_bswap64(x);
#endif
        return x;
    }
    for (size_t i = from; i < from + 8; i++)
        x = x << 8 | (i < len ? (uint8_t)s[i] : 0);
    return x;
}

static inline uint64_t primary(const struct sorter *so, uint32_t e)
{
    uint32_t v = value_of(so->m, so->field, e);
    if (v == NIS5G_NONE)
        return 1ull << 32; /* empty values last, ascending or descending */
    uint32_t r = so->rank ? so->rank[v] : v;
    return so->desc ? 0xffffffffu - r : r;
}

static inline void id_keys(const struct sorter *so, uint32_t e, uint64_t *k1, uint64_t *k2)
{
    const struct nis5g_dict *d = &so->m->elements;
    const char *s = nis5g_dict_str(d, e);
    size_t len = nis5g_dict_len(d, e);
    *k1 = prefix(s, len, 0);
    if (k2)
        *k2 = prefix(s, len, 8);
}

/* The primary key alone (enough to reject most candidates). */
static inline uint64_t key1(const struct sorter *so, uint32_t e)
{
    if (so->field != NIS5G_ES_ID)
        return primary(so, e);
    uint64_t k;
    id_keys(so, e, &k, NULL);
    return so->desc ? ~k : k;
}

static inline void make_ent(const struct sorter *so, uint32_t e, uint64_t k1, struct ent *x)
{
    x->e = e;
    x->k1 = k1;
    if (so->field == NIS5G_ES_ID) {
        uint64_t a, b;
        id_keys(so, e, &a, &b);
        x->k2 = so->desc ? ~b : b;
    } else {
        id_keys(so, e, &x->k2, NULL);
    }
}

static int ent_cmp(const struct sorter *so, const struct ent *a, const struct ent *b)
{
    if (a->k1 != b->k1)
        return a->k1 < b->k1 ? -1 : 1;
    if (a->k2 != b->k2)
        return a->k2 < b->k2 ? -1 : 1;
    int c = strcmp(nis5g_dict_str(&so->m->elements, a->e), nis5g_dict_str(&so->m->elements, b->e));
    return so->field == NIS5G_ES_ID ? c * so->id_sign : c;
}

/* qsort has no context argument in C17: the sorter of this thread's sort. */
static _Thread_local const struct sorter *cur_sorter;

static int cmp_ent(const void *a, const void *b)
{
    return ent_cmp(cur_sorter, a, b);
}

/* ---- the first k rows: a max-heap of the k smallest ---- */

static void sift_down(const struct sorter *so, struct ent *h, size_t n, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, big = i;
        if (l < n && ent_cmp(so, &h[l], &h[big]) > 0)
            big = l;
        if (r < n && ent_cmp(so, &h[r], &h[big]) > 0)
            big = r;
        if (big == i)
            return;
        struct ent t = h[i];
        h[i] = h[big];
        h[big] = t;
        i = big;
    }
}

static void sift_up(const struct sorter *so, struct ent *h, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (ent_cmp(so, &h[i], &h[p]) <= 0)
            return;
        struct ent t = h[i];
        h[i] = h[p];
        h[p] = t;
        i = p;
    }
}

/* The k first rows in order into h (k entries); k <= n. */
static void first_k(const struct sorter *so, const uint32_t *rows, size_t n, struct ent *h, size_t k)
{
    size_t used = 0;
    for (size_t i = 0; i < n; i++) {
        uint64_t k1 = key1(so, rows[i]);
        if (used == k && k1 > h[0].k1)
            continue; /* loses on the primary key alone: no id read */
        struct ent x;
        make_ent(so, rows[i], k1, &x);
        if (used < k) {
            h[used] = x;
            sift_up(so, h, used++);
        } else if (ent_cmp(so, &x, &h[0]) < 0) {
            h[0] = x;
            sift_down(so, h, k, 0);
        }
    }
    cur_sorter = so;
    qsort(h, used, sizeof *h, cmp_ent);
}

/* ---- a page deep in the list: selection, then the page alone sorted ---- */

static inline void swap_ent(struct ent *a, struct ent *b)
{
    struct ent t = *a;
    *a = *b;
    *b = t;
}

/* Rearrange a[0..n) so that a[k] holds what the sorted order puts there,
 * the smaller entries before it and the greater after (quickselect with a
 * median of three; ids are unique, so no two entries are equal). Should
 * the pivots keep coming out badly, the rest is sorted whole, so the
 * worst case stays n log n. */
static void nth(const struct sorter *so, struct ent *a, size_t n, size_t k)
{
    for (int rounds = 0; n > 16; rounds++) {
        if (rounds == 64) {
            cur_sorter = so;
            qsort(a, n, sizeof *a, cmp_ent);
            return;
        }
        size_t mid = n / 2, i = 0, j = n - 2;
        if (ent_cmp(so, &a[mid], &a[0]) < 0)
            swap_ent(&a[mid], &a[0]);
        if (ent_cmp(so, &a[n - 1], &a[0]) < 0)
            swap_ent(&a[n - 1], &a[0]);
        if (ent_cmp(so, &a[n - 1], &a[mid]) < 0)
            swap_ent(&a[n - 1], &a[mid]);
        swap_ent(&a[mid], &a[n - 2]); /* the pivot; a[0] and a[n-1] bound the scans */
        struct ent p = a[n - 2];
        for (;;) {
            while (ent_cmp(so, &a[++i], &p) < 0)
                ;
            while (ent_cmp(so, &a[--j], &p) > 0)
                ;
            if (i >= j)
                break;
            swap_ent(&a[i], &a[j]);
        }
        swap_ent(&a[i], &a[n - 2]);
        if (k == i)
            return;
        if (k < i) {
            n = i;
        } else {
            a += i + 1;
            n -= i + 1;
            k -= i + 1;
        }
    }
    for (size_t x = 1; x < n; x++) /* insertion sort of the last few */
        for (size_t y = x; y > 0 && ent_cmp(so, &a[y], &a[y - 1]) < 0; y--)
            swap_ent(&a[y], &a[y - 1]);
}

/* The entries [offset, offset+want) of the sorted order of the n rows,
 * in order, at h + offset. */
static void page_of_all(const struct sorter *so, const uint32_t *rows, size_t n, struct ent *h, size_t offset,
                        size_t want)
{
    for (size_t i = 0; i < n; i++)
        make_ent(so, rows[i], key1(so, rows[i]), &h[i]);
    cur_sorter = so;
    if (offset == 0) {
        if (want < n)
            nth(so, h, n, want - 1); /* the want first ones in front */
        qsort(h, want, sizeof *h, cmp_ent);
        return;
    }
    nth(so, h, n, offset); /* h[offset] in place, the greater ones after it */
    struct ent *b = h + offset + 1;
    size_t m = n - offset - 1;
    if (want > 1 && want - 1 < m)
        nth(so, b, m, want - 2); /* the want-1 next ones first */
    qsort(b, want - 1, sizeof *h, cmp_ent);
}

int nis5g_elements_list(const struct nis5g_model *m, const struct nis5g_el_select *s, struct nis5g_el_page *out,
                        struct nis5g_err *err)
{
    (void)err;
    memset(out, 0, sizeof *out);
    uint32_t *rows;
    size_t n = select_rows(m, s, &rows);
    out->total = n;
    if (s->offset >= n || s->limit == 0) {
        free(rows);
        out->rows = nis5g_xmalloc(sizeof *out->rows);
        return 0;
    }
    uint64_t want = s->limit == NIS5G_EL_ALL || s->limit > n - s->offset ? n - s->offset : s->limit;
    size_t k = (size_t)(s->offset + want);
    struct sorter so = { m, s->sort, s->desc, NULL, s->desc ? -1 : 1 };
    so.rank = ranks(m, s->sort, rows, n);
    struct ent *h = nis5g_xmalloc(k * sizeof *h);
    /* a heap of k wins while k is small against n; a deep page sorts all */
    if (k <= n / 8) {
        first_k(&so, rows, n, h, k);
    } else {
        free(h);
        h = nis5g_xmalloc(n * sizeof *h);
        page_of_all(&so, rows, n, h, (size_t)s->offset, (size_t)want);
    }
    out->rows = nis5g_xmalloc(want * sizeof *out->rows);
    for (size_t i = 0; i < want; i++)
        out->rows[i] = h[s->offset + i].e;
    out->n = (size_t)want;
    free(h);
    free((void *)so.rank);
    free(rows);
    return 0;
}

void nis5g_el_page_release(struct nis5g_el_page *p)
{
    free(p->rows);
    p->rows = NULL;
    p->n = 0;
}

/* ---- CSV ---- */

void nis5g_elements_csv(const struct nis5g_model *m, const struct nis5g_el_page *p, const uint8_t *high,
                        struct nis5g_buf *out)
{
    nis5g_buf_adds(out, "id,operator,site,region,domain,function,vendor,product,status,installed,high_risk\n");
    char day[11];
    for (size_t i = 0; i < p->n; i++) {
        uint32_t e = p->rows[i], site = m->el_site[e];
        uint16_t f = m->el_function[e], v = m->el_vendor[e];
        const char *cells[10] = {
            nis5g_dict_str(&m->elements, e),
            nis5g_dict_str(&m->operators, m->el_operator[e]),
            site == NIS5G_NONE ? "" : nis5g_dict_str(&m->sites, site),
            site == NIS5G_NONE ? "" : nis5g_dict_str(&m->regions, m->site_region[site]),
            nis5g_domain_names[m->el_domain[e]],
            f == NIS5G_NONE16 || f >= m->functions.n ? "" : nis5g_dict_str(&m->functions, f),
            nis5g_dict_str(&m->vendors, v),
            m->el_product ? nis5g_dict_str(&m->products, m->el_product[e]) : "",
            nis5g_status_names[m->el_status[e]],
            m->el_installed[e] == NIS5G_NO_DATE ? "" : nis5g_date_format(m->el_installed[e], day),
        };
        for (int c = 0; c < 10; c++) {
            nis5g_csv_quote_safe(out, cells[c]);
            nis5g_buf_addch(out, ',');
        }
        nis5g_buf_adds(out, high && high[v] ? "true\n" : "false\n");
    }
}
