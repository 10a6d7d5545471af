/*
 * import.c — a dataset folder (SPEC §1) into a columnar model, with every
 * check a careful user expects and an exact place for each problem.
 *
 * Files are read in dependency order (operators, sites, suppliers,
 * products, elements, links, measures) so that each reference can be
 * resolved when it is met. A row with a bad field still registers its id,
 * so that one mistake does not cascade into errors on later lines. Links
 * are gathered as triples, then turned into CSR (ungrouped first, then
 * pools by group) and ordered topologically with Kahn's algorithm; what
 * remains after it is on or behind a cycle, and one cycle is named.
 */
#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

#include "nis5g/buf.h"
#include "nis5g/country.h"
#include "base/csv.h"
#include "nis5g/date.h"
#include "nis5g/import.h"
#include "nis5g/suggest.h"

enum file_kind { F_OPERATORS, F_SITES, F_SUPPLIERS, F_PRODUCTS, F_ELEMENTS, F_LINKS, F_MEASURES, F_COUNT };

#define MAX_COLS 16
struct file_spec {
    const char *name;
    const char *cols[MAX_COLS];
    unsigned required; /* bit k: cols[k] is required */
};

/* Column indices, in the order of each spec's cols. */
enum { OP_ID, OP_NAME, OP_COUNTRY, OP_SUBS };
enum { SI_ID, SI_OP, SI_LAT, SI_LON, SI_REGION, SI_TAGS, SI_BACKUP, SI_SUBS };
enum { SU_VENDOR, SU_COUNTRY, SU_STATE, SU_F0, SU_DESIG = SU_F0 + NIS5G_F_COUNT, SU_NOTES };
_Static_assert(SU_F0 == 3, "suppliers.csv's spec names vendor, country and state_owned before the factors");
_Static_assert(SU_NOTES < MAX_COLS, "suppliers.csv has more columns than a file_spec holds");
enum { PR_VENDOR, PR_PRODUCT, PR_CERTS, PR_EOS, PR_VULNS };
enum { EL_ID, EL_OP, EL_SITE, EL_DOMAIN, EL_FUNC, EL_VENDOR, EL_PRODUCT, EL_SW, EL_INSTALLED, EL_STATUS };
enum { LK_EL, LK_DEP, LK_GROUP };
enum { MS_SCOPE, MS_MEASURE, MS_STATUS, MS_EVIDENCE, MS_DATE };

static const struct file_spec specs[F_COUNT] = {
    [F_OPERATORS] = { "operators.csv", { "operator", "name", "country", "subscribers" }, 1u << OP_ID | 1u << OP_COUNTRY },
    [F_SITES] = { "sites.csv",
                  { "site", "operator", "lat", "lon", "region", "tags", "backup_hours", "subscribers" },
                  1u << SI_ID | 1u << SI_OP },
    [F_SUPPLIERS] = { "suppliers.csv",
                      { "vendor", "country", "state_owned", NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) "designation",
                        "notes" },
                      1u << SU_VENDOR },
    [F_PRODUCTS] = { "products.csv", { "vendor", "product", "certifications", "end_of_support", "critical_vulns" },
                     1u << PR_VENDOR | 1u << PR_PRODUCT },
    [F_ELEMENTS] = { "elements.csv",
                     { "element", "operator", "site", "domain", "function", "vendor", "product", "sw_version",
                       "installed", "status" },
                     1u << EL_ID | 1u << EL_OP | 1u << EL_DOMAIN | 1u << EL_FUNC | 1u << EL_VENDOR },
    [F_LINKS] = { "links.csv", { "element", "depends_on", "group" }, 1u << LK_EL | 1u << LK_DEP },
    [F_MEASURES] = { "measures.csv", { "scope", "measure", "status", "evidence", "date" },
                     1u << MS_SCOPE | 1u << MS_MEASURE | 1u << MS_STATUS },
};

struct imp {
    struct nis5g_model *m;
    struct nis5g_diags *d;
    const struct nis5g_import_opts *o;
    char *path[F_COUNT];  /* owned display paths of the files found */
    struct nis5g_csv csv; /* the file being read */
    const char *fname;
    int col[MAX_COLS];    /* spec column -> field index, or -1 */
    int row_quiet;        /* the row has the wrong field count: read its id, report nothing more */
    int ncols;            /* fields in the header */

    uint32_t *op_line, *site_line, *el_line;
    uint32_t el_cap;

    /* supplier rows by vendor id, gathered then laid out per vendor */
    uint32_t *su_vendor, *su_line, su_n, su_cap;
    uint32_t *su_country, *su_notes;
    int8_t *su_state;
    uint8_t *su_factors, *su_desig;
    struct nis5g_dict prod_keys; /* "vendor\037product" */
    struct nis5g_dict ms_keys;   /* "scope\037measure" */
    uint32_t *ms_line, ms_cap;
    uint32_t cert_cap, tag_cap;

    /* links, in file order */
    uint32_t *lk_src, *lk_dst, *lk_grp, *lk_line;
    size_t nlk, lk_cap;

    struct nis5g_dict *groups; /* where link groups are interned (a worker's own) */
    const char *phase;         /* progress phase of a split reader, or NULL */
};

/* ---- diagnostics ---- */

static int full(const struct imp *im)
{
    return nis5g_diags_full(im->d);
}

static void vdiag(struct imp *im, enum nis5g_severity sev, uint32_t line, size_t line_at, size_t at, const char *got,
                  size_t got_n, const char *fmt, va_list ap)
{
    if (sev == NIS5G_ERROR && full(im))
        return; /* the cap is on what is reported */
    if (im->row_quiet)
        return;
    size_t srcn = 0;
    const char *src = line ? nis5g_csv_line_text(&im->csv, line_at, &srcn) : NULL;
    int col = line ? nis5g_csv_col(&im->csv, line_at, at) : 0;
    /* Long values are cut in messages; the caret still points at them. */
    if (got && got_n > 80)
        got_n = 80;
    nis5g_diags_vadd(im->d, sev, sev == NIS5G_ERROR ? NIS5G_EINPUT : NIS5G_OK, im->fname, (int)line, col, src, srcn,
                     got, got_n, fmt, ap);
}

__attribute__((format(printf, 4, 5))) static void ferr(struct imp *im, const struct nis5g_csv_field *f, int show_got,
                                                        const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(im, NIS5G_ERROR, f->line, f->line_at, f->at, show_got ? f->p : NULL, f->n, fmt, ap);
    va_end(ap);
}

/* An error about a whole file or dataset (no line). */
__attribute__((format(printf, 3, 4))) static void gerr(struct imp *im, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis5g_diags_vadd(im->d, NIS5G_ERROR, NIS5G_EINPUT, file, 0, 0, NULL, 0, NULL, 0, fmt, ap);
    va_end(ap);
}

/* ---- field access and value parsers ---- */

static const struct nis5g_csv_field empty_field = { "", 0, 0, 0, 0, 0 };

/* The field of spec column k in the current record (an empty field when the
 * file has no such column). */
static const struct nis5g_csv_field *F(const struct imp *im, int k)
{
    int i = im->col[k];
    return i < 0 ? &empty_field : &im->csv.f[i];
}

static int is_empty(const struct nis5g_csv_field *f)
{
    return f->n == 0;
}

static int eq(const struct nis5g_csv_field *f, const char *s)
{
    size_t n = strlen(s);
    return f->n == n && memcmp(f->p, s, n) == 0;
}

/* Case-insensitive match against a names table. */
static int name_ci(const char *const *names, int count, const struct nis5g_csv_field *f)
{
    for (int i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        if (n != f->n)
            continue;
        size_t k = 0;
        while (k < n && (f->p[k] | 0x20) == names[i][k])
            k++;
        if (k == n)
            return i;
    }
    return -1;
}

static int parse_u64(const struct nis5g_csv_field *f, int64_t *out)
{
    if (f->n == 0 || f->n > 18)
        return -1;
    int64_t v = 0;
    for (uint32_t i = 0; i < f->n; i++) {
        if (f->p[i] < '0' || f->p[i] > '9')
            return -1;
        v = v * 10 + (f->p[i] - '0');
    }
    *out = v;
    return 0;
}

/* Plain decimals ("-12.3456") are by far the most common numbers: when the
 * digits fit in 2^53 and there are at most 22 decimals, mantissa / 10^k is
 * exactly what strtod gives (both exact, one correctly rounded division).
 * Anything else goes to strtod. */
static int parse_num_fast(const struct nis5g_csv_field *f, double *out)
{
    static const double p10[] = { 1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    const char *p = f->p, *end = f->p + f->n;
    int neg = 0;
    if (p < end && (*p == '-' || *p == '+'))
        neg = *p++ == '-';
    uint64_t mant = 0;
    int digits = 0, frac = -1;
    for (; p < end; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 15)
                return -1;
            mant = mant * 10 + (uint64_t)(*p - '0');
            if (frac >= 0)
                frac++;
        } else if (*p == '.' && frac < 0) {
            frac = 0;
        } else {
            return -1;
        }
    }
    if (!digits || frac == 0)
        return -1; /* "", "-", "1." : leave the verdict to strtod */
    double v = (double)mant;
    if (frac > 0)
        v /= p10[frac];
    *out = neg ? -v : v;
    return 0;
}

static int parse_num(const struct nis5g_csv_field *f, double *out)
{
    if (parse_num_fast(f, out) == 0)
        return 0;
    char tmp[64];
    if (f->n == 0 || f->n >= sizeof tmp)
        return -1;
    for (uint32_t i = 0; i < f->n; i++) {
        char ch = f->p[i];
        if (!((ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == '+' || ch == 'e' || ch == 'E'))
            return -1;
    }
    memcpy(tmp, f->p, f->n);
    tmp[f->n] = 0;
    char *end;
    errno = 0;
    double v = strtod(tmp, &end);
    if (errno || *end || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

static int parse_date_field(struct imp *im, const struct nis5g_csv_field *f, int32_t *out)
{
    *out = NIS5G_NO_DATE;
    if (is_empty(f))
        return 0;
    if (nis5g_date_parse(f->p, f->n, out) == 0)
        return 0;
    int shaped = f->n == 10 && f->p[4] == '-' && f->p[7] == '-';
    for (int i = 0; i < 10 && shaped; i++)
        shaped = i == 4 || i == 7 || (f->p[i] >= '0' && f->p[i] <= '9');
    int year = shaped ? (f->p[0] - '0') * 1000 + (f->p[1] - '0') * 100 + (f->p[2] - '0') * 10 + (f->p[3] - '0') : 0;
    if (shaped && (year < 1900 || year > 2199))
        ferr(im, f, 1, "date out of range (years 1900 to 2199)");
    else
        ferr(im, f, 1, "expected a date (YYYY-MM-DD, a real calendar day)");
    return -1;
}

static uint32_t opt_text(struct nis5g_dict *d, const struct nis5g_csv_field *f)
{
    return is_empty(f) ? NIS5G_NONE : nis5g_dict_intern(d, f->p, f->n);
}

static int country_field(struct imp *im, const struct nis5g_csv_field *f, uint32_t *out)
{
    *out = NIS5G_NONE;
    size_t n;
    const char *c = nis5g_country_normalise(f->p, f->n, &n);
    if (!nis5g_country_valid(c, n)) {
        if (f->n == 2 && f->p[0] == 'U' && f->p[1] == 'K')
            ferr(im, f, 1, "expected an ISO 3166-1 alpha-2 country code (the United Kingdom is GB)");
        else
            ferr(im, f, 1, "expected an ISO 3166-1 alpha-2 country code (two capital letters, e.g. SE)");
        return -1;
    }
    *out = nis5g_dict_intern(&im->m->countries, c, n);
    return 0;
}

/* Interned ids of a ';'-separated list (spaces around items ignored). */
static void list_field(struct nis5g_dict *d, const struct nis5g_csv_field *f, uint32_t **arr, uint32_t *n,
                       uint32_t *cap)
{
    uint32_t from = *n;
    const char *p = f->p, *end = f->p + f->n;
    while (p < end) {
        const char *q = memchr(p, ';', (size_t)(end - p));
        if (!q)
            q = end;
        const char *a = p, *b = q;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            uint32_t id = nis5g_dict_intern(d, a, (size_t)(b - a));
            /* keep each item once */
            int seen = 0;
            for (uint32_t k = from; k < *n && !seen; k++)
                seen = (*arr)[k] == id;
            if (!seen) {
                if (*n == *cap) {
                    *cap = *cap ? 2 * *cap : 64;
                    *arr = nis5g_xreallocarray(*arr, *cap, sizeof **arr);
                }
                (*arr)[(*n)++] = id;
            }
        }
        p = q + 1;
    }
}

/* ---- headers and records ---- */

/* Read and map the header. Returns 0 when the rows can be read. */
static int read_header(struct imp *im, enum file_kind k)
{
    const struct file_spec *s = &specs[k];
    int nspec = 0;
    while (nspec < MAX_COLS && s->cols[nspec])
        nspec++;
    for (int i = 0; i < MAX_COLS; i++)
        im->col[i] = -1;
    struct nis5g_err err = { 0 };
    int rc = nis5g_csv_next(&im->csv, &err);
    if (rc < 0) {
        nis5g_diags_add_err(im->d, &err);
        return -1;
    }
    if (rc == 0 || (im->csv.nf == 1 && im->csv.f[0].n == 0)) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        for (int i = 0; i < nspec; i++)
            nis5g_buf_addf(&b, "%s%s", i ? "," : "", s->cols[i]);
        nis5g_diags_add(im->d, NIS5G_ERROR, NIS5G_EINPUT, im->fname, 1, 1, NULL, 0, NULL, 0,
                        "missing header row (expected columns such as %s)", b.data);
        nis5g_buf_release(&b);
        return -1;
    }
    int bad = 0;
    im->ncols = (int)im->csv.nf;
    for (size_t i = 0; i < im->csv.nf; i++) {
        const struct nis5g_csv_field *f = &im->csv.f[i];
        int c = -1;
        for (int j = 0; j < nspec; j++)
            if (eq(f, s->cols[j]))
                c = j;
        if (c < 0) {
            const char *best = nis5g_suggest(f->p, f->n, s->cols, nspec, 2, 1);
            if (f->n == 0)
                ferr(im, f, 0, "empty column name in the header");
            else if (best)
                ferr(im, f, 1, "unknown column (did you mean '%s'?)", best);
            else {
                struct nis5g_buf b = NIS5G_BUF_INIT;
                for (int j = 0; j < nspec; j++)
                    nis5g_buf_addf(&b, "%s%s", j ? ", " : "", s->cols[j]);
                ferr(im, f, 1, "unknown column (%s has: %s)", s->name, b.data);
                nis5g_buf_release(&b);
            }
            bad = 1;
        } else if (im->col[c] >= 0) {
            ferr(im, f, 1, "duplicate column (also column %d)", im->col[c] + 1);
            bad = 1;
        } else {
            im->col[c] = (int)i;
        }
    }
    for (int j = 0; j < nspec; j++)
        if ((s->required >> j & 1) && im->col[j] < 0) {
            nis5g_diags_add(im->d, NIS5G_ERROR, NIS5G_EINPUT, im->fname, 1, 1, im->csv.data,
                            im->csv.len, NULL, 0, "missing required column '%s'", s->cols[j]);
            bad = 1;
        }
    return bad ? -1 : 0;
}

/* Next data record with the right number of fields: 1, or 0 at the end (or
 * when the error cap is reached, or the file cannot be read further). */
static int next_row(struct imp *im)
{
    im->row_quiet = 0;
    for (;;) {
        if (full(im))
            return 0;
        struct nis5g_err err = { 0 };
        int rc = nis5g_csv_next(&im->csv, &err);
        if (rc < 0) {
            struct nis5g_diag *g = nis5g_diags_add(im->d, NIS5G_ERROR, NIS5G_EPARSE, im->fname, err.line, err.col,
                                                   NULL, 0, NULL, 0, "%s", err.msg);
            if (g && err.line) {
                /* find the line's text for the caret (a view of elements.csv
                 * or links.csv starts at line line_base + 1) */
                const char *p = im->csv.data, *end = im->csv.data + im->csv.len;
                for (int l = 1 + (int)im->csv.line_base; l < err.line && p; l++) {
                    p = memchr(p, '\n', (size_t)(end - p));
                    if (p)
                        p++;
                }
                if (p) {
                    const char *nl = memchr(p, '\n', (size_t)(end - p));
                    size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
                    if (n && p[n - 1] == '\r')
                        n--;
                    g->source = nis5g_xstrndup(p, n);
                }
            }
            if (im->csv.pos < im->csv.len)
                continue; /* the reader resumed on the next line */
            return 0;
        }
        if (rc == 0)
            return 0;
        struct nis5g_csv *c = &im->csv;
        if ((int)c->nf == im->ncols)
            return 1;
        if (c->nf == 1 && c->f[0].n == 0) {
            ferr(im, &c->f[0], 0, "blank line (every line must be a row of %d fields)", im->ncols);
            continue;
        }
        if (full(im))
            return 0;
        if ((int)c->nf > im->ncols) {
            ferr(im, &c->f[im->ncols], 0, "expected %d fields as in the header, found %zu (quote fields that "
                 "contain commas)", im->ncols, c->nf);
        } else {
            /* point just past the last field */
            const struct nis5g_csv_field *l = &c->f[c->nf - 1];
            struct nis5g_csv_field at = *l;
            at.at = l->end;
            for (size_t k = l->at; k < l->end; k++)
                if (c->data[k] == '\n') { /* a quoted field over several lines */
                    at.line++;
                    at.line_at = k + 1;
                }
            ferr(im, &at, 0, "expected %d fields as in the header, found %zu", im->ncols, c->nf);
        }
        /* Hand the row on with missing fields empty, so that its id is
         * still known (no cascade of "unknown operator" below), but say
         * nothing more about it: its fields are not where the header says. */
        nis5g_csv_pad(c, (size_t)im->ncols);
        im->row_quiet = 1;
        return 1;
    }
}

static void progress(struct imp *im, const char *phase)
{
    if (im->o && im->o->progress)
        im->o->progress(im->o->progress_ctx, im->phase ? im->phase : phase, im->csv.pos, im->csv.len);
}

/* ---- growth of columns ---- */

#define GROW(arr, n, cap)                                                  \
    do {                                                                   \
        if ((n) >= (cap)) {                                                \
            size_t nc_ = (cap) ? 2 * (size_t)(cap) : 1024;                 \
            (arr) = nis5g_xreallocarray((arr), nc_, sizeof *(arr));        \
        }                                                                  \
    } while (0)

/* ---- operators ---- */

static void read_operators(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t cap = 0;
    while (next_row(im)) {
        const struct nis5g_csv_field *id = F(im, OP_ID);
        if (is_empty(id)) {
            ferr(im, id, 0, "missing operator id");
            continue;
        }
        if (id->n == 2 && id->p[0] >= 'A' && id->p[0] <= 'Z' && id->p[1] >= 'A' && id->p[1] <= 'Z') {
            ferr(im, id, 1, "an operator id of two capital letters would clash with country codes");
            continue;
        }
        uint32_t before = m->operators.n;
        uint32_t o = nis5g_dict_intern(&m->operators, id->p, id->n);
        if (o >= NIS5G_MAX_OPERATORS) { /* also a repeat of one: it has no line kept */
            ferr(im, id, 1, "too many operators (at most %u)", NIS5G_MAX_OPERATORS);
            continue;
        }
        if (o < before) {
            ferr(im, id, 1, "duplicate operator (first defined on line %u)", im->op_line[o]);
            continue;
        }
        if (o >= cap) {
            GROW(m->op_name, o, cap);
            GROW(m->op_country, o, cap);
            GROW(m->op_subscribers, o, cap);
            GROW(im->op_line, o, cap);
            cap = cap ? 2 * cap : 1024;
        }
        im->op_line[o] = id->line;
        m->op_name[o] = opt_text(&m->text, F(im, OP_NAME));
        const struct nis5g_csv_field *c = F(im, OP_COUNTRY);
        if (is_empty(c)) {
            ferr(im, c, 0, "missing country (ISO 3166-1 alpha-2)");
            m->op_country[o] = NIS5G_NONE;
        } else {
            country_field(im, c, &m->op_country[o]);
        }
        const struct nis5g_csv_field *s = F(im, OP_SUBS);
        m->op_subscribers[o] = -1;
        if (!is_empty(s) && parse_u64(s, &m->op_subscribers[o]))
            ferr(im, s, 1, "expected a number of subscribers (a whole number, no separators)");
    }
}

/* ---- sites ---- */

static uint32_t find_operator(struct imp *im, const struct nis5g_csv_field *f)
{
    if (is_empty(f)) {
        ferr(im, f, 0, "missing operator");
        return NIS5G_NONE;
    }
    uint32_t o = nis5g_dict_find(&im->m->operators, f->p, f->n);
    if (o == NIS5G_NONE)
        ferr(im, f, 1, "unknown operator (not in operators.csv)");
    return o;
}

static uint32_t count_lines(const struct nis5g_csv *c);

static void read_sites(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t ntags = 0;
    /* Sized once from the line count; ids interned at the end of each row,
     * after their index slot was prefetched at its start (see elements). */
    uint32_t cap = count_lines(&im->csv) + 1;
    m->site_operator = nis5g_xreallocarray(m->site_operator, cap, sizeof *m->site_operator);
    m->site_lat = nis5g_xreallocarray(m->site_lat, cap, sizeof *m->site_lat);
    m->site_lon = nis5g_xreallocarray(m->site_lon, cap, sizeof *m->site_lon);
    m->site_region = nis5g_xreallocarray(m->site_region, cap, sizeof *m->site_region);
    m->site_backup_hours = nis5g_xreallocarray(m->site_backup_hours, cap, sizeof *m->site_backup_hours);
    m->site_subscribers = nis5g_xreallocarray(m->site_subscribers, cap, sizeof *m->site_subscribers);
    im->site_line = nis5g_xreallocarray(im->site_line, cap, sizeof *im->site_line);
    uint32_t *tag_off = nis5g_xmalloc(((size_t)cap + 1) * sizeof *tag_off);
    nis5g_dict_reserve(&m->sites, cap, im->csv.len);
    while (next_row(im)) {
        const struct nis5g_csv_field *id = F(im, SI_ID);
        if (is_empty(id)) {
            ferr(im, id, 0, "missing site id");
            continue;
        }
        uint32_t h = nis5g_dict_hash(id->p, id->n);
        nis5g_dict_prefetch(&m->sites, h);
        uint32_t s = m->sites.n, ntags_before = ntags;
        uint32_t o = find_operator(im, F(im, SI_OP));
        m->site_operator[s] = o == NIS5G_NONE ? NIS5G_NONE16 : (uint16_t)o;
        const struct nis5g_csv_field *la = F(im, SI_LAT), *lo = F(im, SI_LON);
        m->site_lat[s] = m->site_lon[s] = NAN;
        if (!is_empty(la) || !is_empty(lo)) {
            double a, b;
            if (is_empty(la))
                ferr(im, la, 0, "missing latitude (a site has both lat and lon, or neither)");
            else if (parse_num(la, &a) || a < -90 || a > 90)
                ferr(im, la, 1, "expected a latitude in degrees, from -90 to 90");
            else
                m->site_lat[s] = a;
            if (is_empty(lo))
                ferr(im, lo, 0, "missing longitude (a site has both lat and lon, or neither)");
            else if (parse_num(lo, &b) || b < -180 || b > 180)
                ferr(im, lo, 1, "expected a longitude in degrees, from -180 to 180");
            else
                m->site_lon[s] = b;
        }
        m->site_region[s] = opt_text(&m->regions, F(im, SI_REGION));
        tag_off[s] = ntags;
        list_field(&m->tags, F(im, SI_TAGS), &m->site_tags, &ntags, &im->tag_cap);
        const struct nis5g_csv_field *bh = F(im, SI_BACKUP);
        double hours;
        m->site_backup_hours[s] = NAN;
        if (!is_empty(bh)) {
            if (parse_num(bh, &hours) || hours < 0)
                ferr(im, bh, 1, "expected backup hours (a number, 0 or more)");
            else
                m->site_backup_hours[s] = hours;
        }
        const struct nis5g_csv_field *su = F(im, SI_SUBS);
        m->site_subscribers[s] = -1;
        if (!is_empty(su) && parse_u64(su, &m->site_subscribers[s]))
            ferr(im, su, 1, "expected a number of subscribers (a whole number, no separators)");
        uint32_t got = nis5g_dict_intern_h(&m->sites, id->p, id->n, h);
        if (got < s) {
            ferr(im, id, 1, "duplicate site (first defined on line %u)", im->site_line[got]);
            ntags = ntags_before; /* the row's values are dropped */
            continue;
        }
        im->site_line[s] = id->line;
        if ((s & 0xffff) == 0)
            progress(im, "sites.csv");
    }
    tag_off[m->sites.n] = ntags;
    m->site_tag_off = tag_off;
}

/* ---- suppliers ---- */

static void read_suppliers(struct imp *im)
{
    struct nis5g_model *m = im->m;
    struct nis5g_dict seen;
    nis5g_dict_init(&seen);
    uint32_t *seen_line = NULL, seen_cap = 0;
    while (next_row(im)) {
        const struct nis5g_csv_field *vf = F(im, SU_VENDOR);
        if (is_empty(vf)) {
            ferr(im, vf, 0, "missing vendor");
            continue;
        }
        uint32_t before = seen.n;
        uint32_t k = nis5g_dict_intern(&seen, vf->p, vf->n);
        if (k < before) {
            ferr(im, vf, 1, "duplicate vendor (first defined on line %u)", seen_line[k]);
            continue;
        }
        /* by row seen, not su_line: a row over the vendor limit is not kept */
        if (k >= seen_cap) {
            seen_cap = seen_cap ? 2 * seen_cap : 64;
            seen_line = nis5g_xreallocarray(seen_line, seen_cap, sizeof *seen_line);
        }
        seen_line[k] = vf->line;
        uint32_t v = nis5g_dict_intern(&m->vendors, vf->p, vf->n);
        if (v >= NIS5G_MAX_VENDORS) {
            ferr(im, vf, 1, "too many vendors (at most %u)", NIS5G_MAX_VENDORS);
            continue;
        }
        uint32_t i = im->su_n;
        if (i >= im->su_cap) {
            size_t nc = im->su_cap ? 2 * (size_t)im->su_cap : 64;
            im->su_vendor = nis5g_xreallocarray(im->su_vendor, nc, sizeof *im->su_vendor);
            im->su_line = nis5g_xreallocarray(im->su_line, nc, sizeof *im->su_line);
            im->su_country = nis5g_xreallocarray(im->su_country, nc, sizeof *im->su_country);
            im->su_notes = nis5g_xreallocarray(im->su_notes, nc, sizeof *im->su_notes);
            im->su_state = nis5g_xreallocarray(im->su_state, nc, sizeof *im->su_state);
            im->su_desig = nis5g_xreallocarray(im->su_desig, nc, sizeof *im->su_desig);
            im->su_factors = nis5g_xreallocarray(im->su_factors, nc * NIS5G_F_COUNT, 1);
            im->su_cap = (uint32_t)nc;
        }
        im->su_n++;
        im->su_vendor[i] = v;
        im->su_line[i] = vf->line;
        im->su_country[i] = NIS5G_NONE;
        const struct nis5g_csv_field *c = F(im, SU_COUNTRY);
        if (!is_empty(c))
            country_field(im, c, &im->su_country[i]);
        const struct nis5g_csv_field *so = F(im, SU_STATE);
        im->su_state[i] = -1;
        if (!is_empty(so)) {
            if (eq(so, "0") || eq(so, "1"))
                im->su_state[i] = (int8_t)(so->p[0] - '0');
            else
                ferr(im, so, 1, "expected 0 or 1 for state_owned");
        }
        for (int f = 0; f < NIS5G_F_COUNT; f++) {
            const struct nis5g_csv_field *x = F(im, SU_F0 + f);
            uint8_t val = NIS5G_FACTOR_UNSET;
            if (!is_empty(x)) {
                if (x->n == 1 && x->p[0] >= '0' && x->p[0] <= '3')
                    val = (uint8_t)(x->p[0] - '0');
                else
                    ferr(im, x, 1, "expected a risk factor from 0 (none) to 3 (strong) for %s", nis5g_factor_names[f]);
            }
            im->su_factors[(size_t)i * NIS5G_F_COUNT + f] = val;
        }
        const struct nis5g_csv_field *dg = F(im, SU_DESIG);
        im->su_desig[i] = NIS5G_RISK_UNKNOWN;
        if (!is_empty(dg)) {
            int r = name_ci(nis5g_risk_names, NIS5G_RISK_COUNT, dg);
            if (r <= 0)
                ferr(im, dg, 1, "expected a designation: high, medium, low or empty");
            else
                im->su_desig[i] = (uint8_t)r;
        }
        im->su_notes[i] = opt_text(&m->text, F(im, SU_NOTES));
    }
    free(seen_line);
    nis5g_dict_release(&seen);
}

/* ---- products ---- */

/* Id of the pair (a, b) in a dictionary of pairs, for duplicate checks on
 * two-column keys (vendor and product, scope and measure). */
static uint32_t intern_pair(struct nis5g_dict *d, const struct nis5g_csv_field *a, const struct nis5g_csv_field *b)
{
    struct nis5g_buf key = NIS5G_BUF_INIT;
    nis5g_buf_add(&key, a->p, a->n);
    nis5g_buf_addch(&key, '\037');
    nis5g_buf_add(&key, b->p, b->n);
    uint32_t k = nis5g_dict_intern(d, key.data, key.len);
    nis5g_buf_release(&key);
    return k;
}

static void read_products(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t cap = 0, ncerts = 0, lcap = 0;
    uint32_t *line = NULL;
    while (next_row(im)) {
        const struct nis5g_csv_field *vf = F(im, PR_VENDOR), *pf = F(im, PR_PRODUCT);
        if (is_empty(vf)) {
            ferr(im, vf, 0, "missing vendor");
            continue;
        }
        if (is_empty(pf)) {
            ferr(im, pf, 0, "missing product");
            continue;
        }
        uint32_t before = im->prod_keys.n;
        uint32_t k = intern_pair(&im->prod_keys, vf, pf);
        if (k < before) {
            ferr(im, pf, 1, "duplicate product of this vendor (first defined on line %u)", line[k]);
            continue;
        }
        /* by key, not by product: a row over the vendor limit is not kept */
        if (k >= lcap) {
            lcap = lcap ? 2 * lcap : 64;
            line = nis5g_xreallocarray(line, lcap, sizeof *line);
        }
        line[k] = vf->line;
        uint32_t v = nis5g_dict_intern(&m->vendors, vf->p, vf->n);
        if (v >= NIS5G_MAX_VENDORS) {
            ferr(im, vf, 1, "too many vendors (at most %u)", NIS5G_MAX_VENDORS);
            continue;
        }
        uint32_t i = m->n_products;
        if (i + 1 >= cap) {
            size_t nc = cap ? 2 * (size_t)cap : 64;
            m->prod_vendor = nis5g_xreallocarray(m->prod_vendor, nc, sizeof *m->prod_vendor);
            m->prod_name = nis5g_xreallocarray(m->prod_name, nc, sizeof *m->prod_name);
            m->prod_cert_off = nis5g_xreallocarray(m->prod_cert_off, nc + 1, sizeof *m->prod_cert_off);
            m->prod_end_of_support = nis5g_xreallocarray(m->prod_end_of_support, nc, sizeof *m->prod_end_of_support);
            m->prod_critical_vulns = nis5g_xreallocarray(m->prod_critical_vulns, nc, sizeof *m->prod_critical_vulns);
            cap = (uint32_t)nc;
        }
        m->n_products++;
        m->prod_vendor[i] = (uint16_t)v;
        m->prod_name[i] = nis5g_dict_intern(&m->products, pf->p, pf->n);
        m->prod_cert_off[i] = ncerts;
        /* certifications: de-duplicated within the product only */
        uint32_t *tmp = NULL, nt = 0, ct = 0;
        list_field(&m->certs, F(im, PR_CERTS), &tmp, &nt, &ct);
        for (uint32_t t = 0; t < nt; t++) {
            GROW(m->prod_certs, ncerts, im->cert_cap);
            if (ncerts >= im->cert_cap)
                im->cert_cap = im->cert_cap ? 2 * im->cert_cap : 1024;
            m->prod_certs[ncerts++] = tmp[t];
        }
        free(tmp);
        parse_date_field(im, F(im, PR_EOS), &m->prod_end_of_support[i]);
        const struct nis5g_csv_field *cv = F(im, PR_VULNS);
        int64_t n = -1;
        if (!is_empty(cv) && parse_u64(cv, &n)) {
            ferr(im, cv, 1, "expected a count of critical vulnerabilities (a whole number)");
            n = -1;
        }
        m->prod_critical_vulns[i] = (int32_t)(n > INT32_MAX ? INT32_MAX : n);
    }
    if (!m->prod_cert_off)
        m->prod_cert_off = nis5g_xmalloc(sizeof *m->prod_cert_off);
    m->prod_cert_off[m->n_products] = ncerts;
    free(line);
}

/* ---- elements ---- */

static void el_reserve(struct imp *im, uint32_t need)
{
    struct nis5g_model *m = im->m;
    if (need < im->el_cap)
        return;
    size_t nc = (size_t)need + 1;
    m->el_operator = nis5g_xreallocarray(m->el_operator, nc, sizeof *m->el_operator);
    m->el_site = nis5g_xreallocarray(m->el_site, nc, sizeof *m->el_site);
    m->el_domain = nis5g_xreallocarray(m->el_domain, nc, sizeof *m->el_domain);
    m->el_function = nis5g_xreallocarray(m->el_function, nc, sizeof *m->el_function);
    m->el_vendor = nis5g_xreallocarray(m->el_vendor, nc, sizeof *m->el_vendor);
    m->el_status = nis5g_xreallocarray(m->el_status, nc, sizeof *m->el_status);
    m->el_installed = nis5g_xreallocarray(m->el_installed, nc, sizeof *m->el_installed);
    m->el_product = nis5g_xreallocarray(m->el_product, nc, sizeof *m->el_product);
    m->el_sw = nis5g_xreallocarray(m->el_sw, nc, sizeof *m->el_sw);
    im->el_line = nis5g_xreallocarray(im->el_line, nc, sizeof *im->el_line);
    im->el_cap = (uint32_t)nc;
}

/* A one-entry cache per column: consecutive rows repeat operator, site,
 * vendor and function, and a memcmp is cheaper than a hash probe. */
struct last {
    const char *p;
    uint32_t n;
    uint32_t id;
};

static uint32_t cached(struct last *c, struct nis5g_dict *d, const struct nis5g_csv_field *f, int intern)
{
    if (c->p && c->n == f->n && memcmp(c->p, f->p, f->n) == 0)
        return c->id;
    uint32_t id = intern ? nis5g_dict_intern(d, f->p, f->n) : nis5g_dict_find(d, f->p, f->n);
    c->p = f->p;
    c->n = f->n;
    c->id = id;
    return id;
}

static int domain_of(const struct nis5g_csv_field *f)
{
    return name_ci(nis5g_domain_names, NIS5G_DOM_COUNT, f);
}

static uint32_t count_lines(const struct nis5g_csv *c)
{
    uint32_t n = 0;
    const char *p = c->data, *end = c->data + c->len;
    while ((p = memchr(p, '\n', (size_t)(end - p)))) {
        n++;
        p++;
    }
    return n + 1;
}

/*
 * elements.csv is read in two phases. Phase 1 turns rows into columns; it
 * runs on two threads over the two halves of a large file (split outside
 * quotes, see split_point),
 * each with its own dictionaries for the strings it meets (functions,
 * vendors, products, versions), which are then merged in file order so
 * that ids come out exactly as a single reader would give them. Phase 2
 * interns the element ids, in order, on one thread (ids are row numbers),
 * prefetching each id's index slot a few rows ahead. Diagnostics of both
 * phases are sorted by place, so the output never depends on the split.
 */
#define ID_QUOTED 0x80000000u

struct el_worker {
    struct imp w;
    struct nis5g_diags diags;
    struct nis5g_dict functions, vendors, products, sw;
    uint16_t *op, *fn, *ven;
    uint32_t *site, *prod, *swv, *id_n, *id_h, *line;
    uint8_t *dom, *st;
    int32_t *inst;
    const char **id_p;
    uint32_t n;
    /* ids with doubled quotes (unescaped outside the text): row, offset */
    uint32_t *q_row, nq;
    size_t *q_at;
    /* first row naming each local vendor: where to put a warning */
    uint32_t *ven_line;
    size_t *ven_at, *ven_line_at;
    int have_sites;
    /* the part of the file to read, made a view by the thread itself
     * (finding its first line number is a pass over what comes before) */
    const struct nis5g_csv *whole;
    size_t from, to;
    pthread_t tid;
};

static void el_worker_grow(struct el_worker *x, uint32_t cap)
{
#define G(a) x->a = nis5g_xreallocarray(x->a, cap, sizeof *x->a)
    G(op); G(fn); G(ven); G(site); G(prod); G(swv); G(id_n); G(id_h); G(line); G(dom); G(st); G(inst); G(id_p);
#undef G
}

static void el_worker_release(struct el_worker *x)
{
    free(x->op); free(x->fn); free(x->ven); free(x->site); free(x->prod); free(x->swv);
    free(x->id_n); free(x->id_h); free(x->line); free(x->dom); free(x->st); free(x->inst); free(x->id_p);
    free(x->ven_line); free(x->ven_at); free(x->ven_line_at);
    free(x->q_row); free(x->q_at);
    nis5g_dict_release(&x->functions);
    nis5g_dict_release(&x->vendors);
    nis5g_dict_release(&x->products);
    nis5g_dict_release(&x->sw);
    nis5g_diags_release(&x->diags);
    nis5g_csv_view_release(&x->w.csv);
}

/* One-entry caches of a reader of elements.csv, by column. */
struct el_caches {
    struct last op, site, fun, ven, prod, sw;
};

/* The row's element id (interned later, in phase 2). */
static void el_id(struct el_worker *x, uint32_t n, const struct nis5g_csv_field *id)
{
    const struct nis5g_csv *c = &x->w.csv;
    x->id_p[n] = id->p;
    if (id->p != c->data + id->at + 1 && id->p != c->data + id->at) {
        x->q_row = nis5g_xreallocarray(x->q_row, x->nq + 1, sizeof *x->q_row);
        x->q_at = nis5g_xreallocarray(x->q_at, x->nq + 1, sizeof *x->q_at);
        x->q_row[x->nq] = n;
        x->q_at[x->nq++] = id->at;
    }
    x->id_n[n] = id->n | (id->p != c->data + id->at ? ID_QUOTED : 0);
    x->id_h[n] = nis5g_dict_hash(id->p, id->n);
    x->line[n] = id->line;
}

/* Operator and site: references to files read before. */
static void el_place(struct el_worker *x, struct el_caches *k, uint32_t n)
{
    struct imp *im = &x->w;
    struct nis5g_model *m = im->m; /* read only here: operators and sites */
    const struct nis5g_csv_field *of = F(im, EL_OP);
    uint32_t o = NIS5G_NONE;
    if (is_empty(of))
        ferr(im, of, 0, "missing operator");
    else if ((o = cached(&k->op, &m->operators, of, 0)) == NIS5G_NONE)
        ferr(im, of, 1, "unknown operator (not in operators.csv)");
    x->op[n] = o == NIS5G_NONE ? NIS5G_NONE16 : (uint16_t)o;

    const struct nis5g_csv_field *sf = F(im, EL_SITE);
    x->site[n] = NIS5G_NONE;
    if (!is_empty(sf)) {
        uint32_t st = cached(&k->site, &m->sites, sf, 0);
        if (st == NIS5G_NONE)
            ferr(im, sf, 1, x->have_sites ? "unknown site (not in sites.csv)"
                                          : "unknown site (an element names a site, so sites.csv is required)");
        x->site[n] = st;
    }
}

/* Domain and function. */
static void el_kind(struct el_worker *x, struct el_caches *k, uint32_t n)
{
    struct imp *im = &x->w;
    const struct nis5g_csv_field *df = F(im, EL_DOMAIN);
    int dom = domain_of(df);
    if (dom < 0) {
        if (is_empty(df))
            ferr(im, df, 0, "missing domain (ran, transport, core, management, edge, interconnect or "
                            "infrastructure)");
        else
            ferr(im, df, 1, "unknown domain (expected ran, transport, core, management, edge, interconnect "
                            "or infrastructure)");
        dom = 0;
    }
    x->dom[n] = (uint8_t)dom;

    const struct nis5g_csv_field *ff = F(im, EL_FUNC);
    x->fn[n] = 0;
    if (is_empty(ff)) {
        ferr(im, ff, 0, "missing function (e.g. RU, gNB, AMF, UPF, OSS, router)");
    } else {
        uint32_t fn = cached(&k->fun, &x->functions, ff, 1);
        if (fn >= NIS5G_MAX_FUNCTIONS)
            ferr(im, ff, 1, "too many distinct functions (at most %u)", NIS5G_MAX_FUNCTIONS);
        else
            x->fn[n] = (uint16_t)fn;
    }
}

/* Vendor, remembering the first row of each (where a warning goes). */
static void el_vendor(struct el_worker *x, struct el_caches *k, uint32_t n)
{
    struct imp *im = &x->w;
    const struct nis5g_csv_field *vf = F(im, EL_VENDOR);
    x->ven[n] = NIS5G_NONE16;
    if (is_empty(vf)) {
        ferr(im, vf, 0, "missing vendor");
        return;
    }
    uint32_t before = x->vendors.n;
    uint32_t v = cached(&k->ven, &x->vendors, vf, 1);
    if (v >= NIS5G_MAX_VENDORS) {
        ferr(im, vf, 1, "too many vendors (at most %u)", NIS5G_MAX_VENDORS);
        return;
    }
    x->ven[n] = (uint16_t)v;
    if (v >= before) {
        x->ven_line = nis5g_xreallocarray(x->ven_line, v + 1, sizeof *x->ven_line);
        x->ven_at = nis5g_xreallocarray(x->ven_at, v + 1, sizeof *x->ven_at);
        x->ven_line_at = nis5g_xreallocarray(x->ven_line_at, v + 1, sizeof *x->ven_line_at);
        x->ven_line[v] = vf->line;
        x->ven_at[v] = vf->at;
        x->ven_line_at[v] = vf->line_at;
    }
}

/* Product, software version, installation date and status. */
static void el_rest(struct el_worker *x, struct el_caches *k, uint32_t n)
{
    struct imp *im = &x->w;
    const struct nis5g_csv_field *pf = F(im, EL_PRODUCT);
    x->prod[n] = is_empty(pf) ? NIS5G_NONE : cached(&k->prod, &x->products, pf, 1);
    const struct nis5g_csv_field *wf = F(im, EL_SW);
    x->swv[n] = is_empty(wf) ? NIS5G_NONE : cached(&k->sw, &x->sw, wf, 1);
    parse_date_field(im, F(im, EL_INSTALLED), &x->inst[n]);
    const struct nis5g_csv_field *stf = F(im, EL_STATUS);
    int st = NIS5G_ST_ACTIVE;
    if (!is_empty(stf)) {
        st = name_ci(nis5g_status_names, NIS5G_ST_COUNT, stf);
        if (st < 0) {
            ferr(im, stf, 1, "unknown status (expected active, planned or retired)");
            st = NIS5G_ST_ACTIVE;
        }
    }
    x->st[n] = (uint8_t)st;
}

static void *el_worker_run(void *arg)
{
    struct el_worker *x = arg;
    struct imp *im = &x->w;
    struct el_caches k;
    memset(&k, 0, sizeof k);
    nis5g_csv_view(&im->csv, x->whole, x->from, x->to);
    uint32_t cap = count_lines(&im->csv) + 1, n = 0;
    el_worker_grow(x, cap);
    while (next_row(im)) {
        const struct nis5g_csv_field *id = F(im, EL_ID);
        if (is_empty(id)) {
            ferr(im, id, 0, "missing element id");
            continue;
        }
        if (n >= cap) {
            cap *= 2;
            el_worker_grow(x, cap);
        }
        el_id(x, n, id);
        el_place(x, &k, n);
        el_kind(x, &k, n);
        el_vendor(x, &k, n);
        el_rest(x, &k, n);
        n++;
        if ((n & 0xffff) == 0)
            progress(im, "elements.csv");
    }
    x->n = n;
    return NULL;
}

/* Local ids of d -> ids in the global dictionary g (interned in order). */
static uint32_t *remap(struct nis5g_dict *g, const struct nis5g_dict *d)
{
    uint32_t *map = nis5g_xmalloc(((size_t)d->n + 1) * sizeof *map);
    for (uint32_t i = 0; i < d->n; i++)
        map[i] = nis5g_dict_intern(g, nis5g_dict_str(d, i), nis5g_dict_len(d, i));
    return map;
}

static int diag_cmp(const void *a, const void *b)
{
    const struct nis5g_diag *x = *(const struct nis5g_diag *const *)a, *y = *(const struct nis5g_diag *const *)b;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x < y ? -1 : x > y; /* stable: the pointers are in emission order */
}

/* Errors still to be reported before the cap. */
static size_t room_left(const struct imp *im)
{
    size_t max = im->d->max_errors ? im->d->max_errors : 20;
    return im->d->errors < max ? max - im->d->errors : 0;
}

/* Where the two readers of elements.csv or links.csv meet: a record start
 * near the middle, found from the parity of the quotes before it (csv.h),
 * or the end of the file when one reader will do (a small file). The
 * environment variable NIS5G_SPLIT_MIN (bytes) lets the tests split small
 * files too. */
static size_t split_point(const struct imp *im)
{
    const struct nis5g_csv *c = &im->csv;
    const char *env = getenv("NIS5G_SPLIT_MIN");
    size_t min = env && *env ? (size_t)strtoull(env, NULL, 10) : (8u << 20);
    if (c->len <= c->pos || c->len - c->pos < min)
        return c->len;
    return nis5g_csv_split(c, c->pos);
}

/* The first reader of a split file ended where the second began: the
 * split point was a record start for one reader too (it always is in RFC
 * 4180 text; a stray quote before it can make it fall inside a field, and
 * a reader stopped at the error cap did not get there). */
static int split_held(const struct nis5g_csv *first)
{
    return first->pos >= first->len && !first->unclosed;
}

/* Phase 1 over [body, split) and [split, len) on two threads, or over the
 * whole on one when split is the end. Returns the number of readers. */
static int el_phase1(struct imp *im, struct el_worker *x, size_t split, int have_sites)
{
    const struct nis5g_csv *c = &im->csv;
    size_t body = c->pos, len = c->len, room = room_left(im);
    int nw = split < len ? 2 : 1;
    memset(x, 0, 2 * sizeof *x);
    for (int i = 0; i < nw; i++) {
        x[i].w = *im;
        nis5g_diags_init(&x[i].diags);
        x[i].diags.max_errors = room ? room : 1;
        x[i].diags.max_warnings = SIZE_MAX; /* capped when merged, in file order */
        x[i].w.d = &x[i].diags;
        x[i].w.o = i == 0 ? im->o : NULL;
        x[i].w.phase = nw == 2 ? "elements.csv, 2 readers" : NULL;
        x[i].have_sites = have_sites;
        memset(&x[i].w.csv, 0, sizeof x[i].w.csv);
        x[i].whole = c;
        x[i].from = i == 0 ? body : split;
        x[i].to = i == 0 ? split : len;
    }
    progress(&x[0].w, "elements.csv");
    int threaded = nw == 2 && pthread_create(&x[1].tid, NULL, el_worker_run, &x[1]) == 0;
    el_worker_run(&x[0]);
    if (threaded)
        pthread_join(x[1].tid, NULL);
    else if (nw == 2)
        el_worker_run(&x[1]);
    return nw;
}

/* A vendor without a supplier profile: one warning, at its first row
 * (and an error for one over the limit only with another reader's). */
static void el_vendor_diags(struct imp *im, const struct el_worker *w, const uint32_t *mv, uint8_t *warned,
                            const uint8_t *vendor_known, uint32_t n_known, int have_suppliers,
                            struct nis5g_diags *local)
{
    const struct nis5g_csv *c = &im->csv;
    size_t base = (size_t)(w->w.csv.data - c->data);
    for (uint32_t v = 0; v < w->vendors.n; v++) {
        uint32_t g = mv[v];
        if (v >= NIS5G_MAX_VENDORS)
            continue; /* reported on its rows; its first row is not kept */
        const char *name = nis5g_dict_str(&w->vendors, v);
        size_t name_n = nis5g_dict_len(&w->vendors, v);
        int col = nis5g_csv_col(c, base + w->ven_line_at[v], base + w->ven_at[v]);
        if (g >= NIS5G_MAX_VENDORS) {
            nis5g_diags_add(local, NIS5G_ERROR, NIS5G_EINPUT, im->fname, (int)w->ven_line[v], col, NULL, 0,
                            name, name_n, "too many vendors (at most %u)", NIS5G_MAX_VENDORS);
            continue;
        }
        if ((g < n_known && vendor_known[g]) || warned[g])
            continue;
        warned[g] = 1;
        size_t srcn;
        const char *src = nis5g_csv_line_text(c, base + w->ven_line_at[v], &srcn);
        nis5g_diags_add(local, NIS5G_WARNING, NIS5G_OK, im->fname, (int)w->ven_line[v], col, src, srcn, name,
                        name_n, "vendor has no row in %s: its risk profile is unknown",
                        have_suppliers ? "suppliers.csv" : "suppliers.csv (there is no suppliers.csv)");
    }
}

/* Merge the readers' columns, with local string ids mapped to global ones. */
static uint32_t el_merge(struct imp *im, struct el_worker *x, int nw, const uint8_t *vendor_known,
                         uint32_t n_known, int have_suppliers, struct nis5g_diags *local)
{
    struct nis5g_model *m = im->m;
    uint64_t total = 0;
    for (int i = 0; i < nw; i++)
        total += x[i].n;
    uint32_t rows = (uint32_t)total, at = 0;
    el_reserve(im, rows);
    uint8_t *warned = nis5g_xcalloc((size_t)NIS5G_MAX_VENDORS + 1, 1);
    for (int i = 0; i < nw; i++) {
        struct el_worker *w = &x[i];
        uint32_t *mf = remap(&m->functions, &w->functions), *mv = remap(&m->vendors, &w->vendors);
        uint32_t *mp = remap(&m->products, &w->products), *ms = remap(&m->text, &w->sw);
        for (uint32_t r = 0; r < w->n; r++, at++) {
            m->el_operator[at] = w->op[r];
            m->el_site[at] = w->site[r];
            m->el_domain[at] = w->dom[r];
            m->el_function[at] = w->functions.n ? (uint16_t)mf[w->fn[r]] : 0;
            m->el_vendor[at] = w->ven[r] == NIS5G_NONE16 ? 0 : (uint16_t)mv[w->ven[r]];
            m->el_product[at] = w->prod[r] == NIS5G_NONE ? NIS5G_NONE : mp[w->prod[r]];
            m->el_sw[at] = w->swv[r] == NIS5G_NONE ? NIS5G_NONE : ms[w->swv[r]];
            m->el_installed[at] = w->inst[r];
            m->el_status[at] = w->st[r];
        }
        el_vendor_diags(im, w, mv, warned, vendor_known, n_known, have_suppliers, local);
        if (m->functions.n > NIS5G_MAX_FUNCTIONS)
            nis5g_diags_add(local, NIS5G_ERROR, NIS5G_EINPUT, im->fname, 0, 0, NULL, 0, NULL, 0,
                            "too many distinct functions (at most %u)", NIS5G_MAX_FUNCTIONS);
        free(mf);
        free(mv);
        free(mp);
        free(ms);
    }
    free(warned);
    return rows;
}

/* The error for a repeated element id at row r of reader w. */
static void el_dup(struct imp *im, const struct el_worker *w, uint32_t r, uint32_t first, struct nis5g_diags *local)
{
    const struct nis5g_csv *c = &im->csv;
    size_t base = (size_t)(w->w.csv.data - c->data);
    uint32_t idn = w->id_n[r] & ~ID_QUOTED;
    size_t fat = (size_t)(w->id_p[r] - c->data) - ((w->id_n[r] & ID_QUOTED) ? 1 : 0);
    for (uint32_t q = 0; q < w->nq; q++)
        if (w->q_row[q] == r)
            fat = base + w->q_at[q];
    size_t la = fat;
    while (la > base && c->data[la - 1] != '\n')
        la--;
    size_t srcn;
    const char *src = nis5g_csv_line_text(c, la, &srcn);
    nis5g_diags_add(local, NIS5G_ERROR, NIS5G_EINPUT, im->fname, (int)w->line[r], nis5g_csv_col(c, la, fat), src,
                    srcn, w->id_p[r], idn > 80 ? 80 : idn, "duplicate element (first defined on line %u)", first);
}

/* Phase 2: element ids, in file order. Rows stay where phase 1 put them
 * unless a duplicate came first, and then the import fails anyway. */
static void el_ids(struct imp *im, const struct el_worker *x, int nw, uint32_t rows, size_t room,
                   struct nis5g_diags *local)
{
    struct nis5g_model *m = im->m;
    progress(im, "element ids");
    nis5g_dict_reserve(&m->elements, rows, im->csv.len);
    uint32_t n = 0, r_all = 0, dups = 0;
    for (int i = 0; i < nw; i++) {
        const struct el_worker *w = &x[i];
        for (uint32_t r = 0; r < w->n; r++, r_all++) {
            if (r + 8 < w->n)
                nis5g_dict_prefetch(&m->elements, w->id_h[r + 8]);
            uint32_t idn = w->id_n[r] & ~ID_QUOTED;
            uint32_t got = nis5g_dict_intern_h(&m->elements, w->id_p[r], idn, w->id_h[r]);
            if (got < n) {
                if (dups++ < room + 1)
                    el_dup(im, w, r, im->el_line[got], local);
                continue;
            }
            if (n != r_all) {
                m->el_operator[n] = m->el_operator[r_all];
                m->el_site[n] = m->el_site[r_all];
                m->el_domain[n] = m->el_domain[r_all];
                m->el_function[n] = m->el_function[r_all];
                m->el_vendor[n] = m->el_vendor[r_all];
                m->el_product[n] = m->el_product[r_all];
                m->el_sw[n] = m->el_sw[r_all];
                m->el_installed[n] = m->el_installed[r_all];
                m->el_status[n] = m->el_status[r_all];
            }
            im->el_line[n] = w->line[r];
            n++;
            if ((n & 0xfffff) == 0)
                progress(im, "element ids");
        }
    }
    m->n_elements = n;
}

/* Diagnostics of both phases in file order, up to the caps. */
static void el_diags(struct imp *im, const struct el_worker *x, int nw, const struct nis5g_diags *local)
{
    size_t nd = local->n;
    for (int i = 0; i < nw; i++)
        nd += x[i].diags.n;
    const struct nis5g_diag **all = nis5g_xmalloc((nd ? nd : 1) * sizeof *all);
    size_t k = 0;
    for (int i = 0; i < nw; i++)
        for (size_t j = 0; j < x[i].diags.n; j++)
            all[k++] = &x[i].diags.v[j];
    for (size_t j = 0; j < local->n; j++)
        all[k++] = &local->v[j];
    qsort(all, nd, sizeof *all, diag_cmp);
    for (size_t j = 0; j < nd && !full(im); j++) {
        const struct nis5g_diag *g = all[j];
        nis5g_diags_add(im->d, g->severity, g->code, g->file, g->line, g->col, g->source,
                        g->source ? strlen(g->source) : 0, g->got, g->got ? strlen(g->got) : 0, "%s", g->msg);
    }
    free(all);
}

static void read_elements(struct imp *im, const uint8_t *vendor_known, uint32_t n_known, int have_sites,
                          int have_suppliers)
{
    struct el_worker *x = nis5g_xcalloc(2, sizeof *x);
    size_t room = room_left(im);
    int nw = el_phase1(im, x, split_point(im), have_sites);
    if (nw == 2 && !split_held(&x[0].w.csv)) {
        /* text that is not RFC 4180 put the split inside a field: one reader */
        for (int i = 0; i < nw; i++)
            el_worker_release(&x[i]);
        nw = el_phase1(im, x, im->csv.len, have_sites);
    }
    struct nis5g_diags local;
    nis5g_diags_init(&local);
    local.max_errors = (size_t)-1;
    local.max_warnings = SIZE_MAX;
    uint32_t rows = el_merge(im, x, nw, vendor_known, n_known, have_suppliers, &local);
    el_ids(im, x, nw, rows, room, &local);
    el_diags(im, x, nw, &local);
    nis5g_diags_release(&local);
    for (int i = 0; i < nw; i++)
        el_worker_release(&x[i]);
    free(x);
}

/* ---- links ---- */

/* Links are read in batches: the element ids of a whole batch are hashed
 * and their index slots prefetched first, so that the cache misses of the
 * lookups overlap instead of queueing one behind the other. */
#define LINK_BATCH 32

struct link_row {
    struct nis5g_csv_field f[3];
    uint32_t h[2];
};

/* Recently resolved ids by hash: pool members (the AMFs, the EMS, the
 * transport routers) are named by thousands of links, and this keeps them
 * off the big index. */
#define HOT_SIZE 4096
struct hot {
    uint32_t h, id;
};

static uint32_t resolve(struct imp *im, const struct nis5g_csv_field *f, uint32_t h, struct last *c,
                        struct hot *hot)
{
    if (is_empty(f)) {
        ferr(im, f, 0, "missing element id");
        return NIS5G_NONE;
    }
    uint32_t e;
    struct nis5g_dict *d = &im->m->elements;
    struct hot *x = &hot[h & (HOT_SIZE - 1)];
    if (c->p && c->n == f->n && memcmp(c->p, f->p, f->n) == 0)
        e = c->id;
    else if (x->id != NIS5G_NONE && x->h == h && nis5g_dict_len(d, x->id) == f->n &&
             memcmp(nis5g_dict_str(d, x->id), f->p, f->n) == 0)
        e = x->id;
    else {
        e = nis5g_dict_find_h(d, f->p, f->n, h);
        c->p = f->p;
        c->n = f->n;
        c->id = e;
        if (e != NIS5G_NONE) {
            x->h = h;
            x->id = e;
        }
    }
    if (e == NIS5G_NONE)
        ferr(im, f, 1, "unknown element (not in elements.csv)");
    return e;
}

/* What a reader of links.csv keeps from row to row. */
struct link_ctx {
    struct last le, ld, lg;
    struct hot *hot;
};

/* Resolve a batch of rows into links. Returns -1 when there are too many. */
static int links_resolve(struct imp *im, const struct link_row *batch, int nb, struct link_ctx *k)
{
    int quiet = im->row_quiet; /* of the row just read, which is not in the batch */
    im->row_quiet = 0;
    int rc = 0;
    for (int i = 0; i < nb && !rc; i++) {
        const struct link_row *r = &batch[i];
        uint32_t a = resolve(im, &r->f[0], r->h[0], &k->le, k->hot);
        uint32_t b = resolve(im, &r->f[1], r->h[1], &k->ld, k->hot);
        uint32_t g = is_empty(&r->f[2]) ? NIS5G_NONE : cached(&k->lg, im->groups, &r->f[2], 1);
        if (a == NIS5G_NONE || b == NIS5G_NONE)
            continue;
        if (im->nlk >= im->lk_cap) {
            size_t nc = 2 * im->lk_cap + 1024;
            im->lk_src = nis5g_xreallocarray(im->lk_src, nc, sizeof *im->lk_src);
            im->lk_dst = nis5g_xreallocarray(im->lk_dst, nc, sizeof *im->lk_dst);
            im->lk_grp = nis5g_xreallocarray(im->lk_grp, nc, sizeof *im->lk_grp);
            im->lk_line = nis5g_xreallocarray(im->lk_line, nc, sizeof *im->lk_line);
            im->lk_cap = nc;
        }
        if (im->nlk >= UINT32_MAX - 1) {
            ferr(im, &r->f[0], 0, "too many links");
            rc = -1;
            break;
        }
        im->lk_src[im->nlk] = a;
        im->lk_dst[im->nlk] = b;
        im->lk_grp[im->nlk] = g;
        im->lk_line[im->nlk] = r->f[0].line;
        im->nlk++;
    }
    im->row_quiet = quiet;
    return rc;
}

static void diags_append(struct nis5g_diags *dst, const struct nis5g_diags *src);

/* Take the diagnostics from index `from` on out of d (into held), as if
 * they had not been reported yet. */
static void diags_hold(struct nis5g_diags *d, size_t from, struct nis5g_diags *held)
{
    nis5g_diags_init(held);
    held->max_errors = (size_t)-1;
    held->max_warnings = SIZE_MAX;
    diags_append(held, &(struct nis5g_diags){ .v = d->v + from, .n = d->n - from });
    for (size_t i = from; i < d->n; i++) {
        struct nis5g_diag *g = &d->v[i];
        if (g->severity == NIS5G_ERROR)
            d->errors--;
        free(g->file);
        free(g->msg);
        free(g->got);
        free(g->source);
    }
    d->n = from;
}

static void read_links(struct imp *im)
{
    struct nis5g_model *m = im->m;
    struct link_ctx k;
    memset(&k, 0, sizeof k);
    struct link_row batch[LINK_BATCH];
    k.hot = nis5g_xmalloc(HOT_SIZE * sizeof *k.hot);
    memset(k.hot, 0xff, HOT_SIZE * sizeof *k.hot);
    size_t est = count_lines(&im->csv);
    im->lk_src = nis5g_xreallocarray(im->lk_src, est, sizeof *im->lk_src);
    im->lk_dst = nis5g_xreallocarray(im->lk_dst, est, sizeof *im->lk_dst);
    im->lk_grp = nis5g_xreallocarray(im->lk_grp, est, sizeof *im->lk_grp);
    im->lk_line = nis5g_xreallocarray(im->lk_line, est, sizeof *im->lk_line);
    im->lk_cap = est;
    int nb = 0, more = 1, stop = 0;
    while (more && !stop) {
        size_t before = im->d->n;
        more = next_row(im);
        if (im->d->n > before && nb) {
            /* Problems on rows after the batch: resolve the batch first,
             * so that diagnostics come in file order whatever the batch
             * boundaries (and so the same when the file is split). */
            struct nis5g_diags held;
            diags_hold(im->d, before, &held);
            stop = links_resolve(im, batch, nb, &k);
            nb = 0;
            diags_append(im->d, &held);
            nis5g_diags_release(&held);
        }
        if (more && !stop && !im->row_quiet) { /* a quiet row was reported already */
            struct link_row *r = &batch[nb++];
            r->f[0] = *F(im, LK_EL);
            r->f[1] = *F(im, LK_DEP);
            r->f[2] = *F(im, LK_GROUP);
            for (int j = 0; j < 2; j++) {
                r->h[j] = nis5g_dict_hash(r->f[j].p, r->f[j].n);
                nis5g_dict_prefetch(&m->elements, r->h[j]);
            }
        }
        if (!stop && (nb == LINK_BATCH || !more)) {
            stop = links_resolve(im, batch, nb, &k);
            nb = 0;
            progress(im, "links.csv");
        }
    }
    free(k.hot);
}

/* Two readers over the two halves of links.csv: resolving ids is most of
 * an import's work and only reads the element index, so it splits cleanly
 * over the cores. The halves meet at a record start found from the quote
 * parity (split_point); a small file is read by one thread. */
struct link_worker {
    struct imp w;
    struct nis5g_diags diags;
    struct nis5g_dict groups;
    const struct nis5g_csv *whole; /* [from, to) of it becomes the thread's view */
    size_t from, to;
    pthread_t tid;
};

static void *link_worker_run(void *arg)
{
    struct link_worker *lw = arg;
    nis5g_csv_view(&lw->w.csv, lw->whole, lw->from, lw->to);
    read_links(&lw->w);
    return NULL;
}

static void diags_append(struct nis5g_diags *dst, const struct nis5g_diags *src)
{
    for (size_t i = 0; i < src->n; i++) {
        const struct nis5g_diag *g = &src->v[i];
        if (g->severity == NIS5G_ERROR && nis5g_diags_full(dst))
            continue;
        nis5g_diags_add(dst, g->severity, g->code, g->file, g->line, g->col, g->source,
                        g->source ? strlen(g->source) : 0, g->got, g->got ? strlen(g->got) : 0, "%s", g->msg);
    }
}

static void link_worker_release(struct link_worker *lw)
{
    nis5g_diags_release(&lw->diags);
    nis5g_dict_release(&lw->groups);
    free(lw->w.lk_src);
    free(lw->w.lk_dst);
    free(lw->w.lk_grp);
    free(lw->w.lk_line);
    nis5g_csv_view_release(&lw->w.csv);
}

/* Both readers' links, in file order, with groups interned in order. */
static void links_merge(struct imp *im, struct link_worker *lw)
{
    size_t total = lw[0].w.nlk + lw[1].w.nlk;
    im->lk_src = nis5g_xreallocarray(im->lk_src, total + 1, sizeof *im->lk_src);
    im->lk_dst = nis5g_xreallocarray(im->lk_dst, total + 1, sizeof *im->lk_dst);
    im->lk_grp = nis5g_xreallocarray(im->lk_grp, total + 1, sizeof *im->lk_grp);
    im->lk_line = nis5g_xreallocarray(im->lk_line, total + 1, sizeof *im->lk_line);
    im->lk_cap = total + 1;
    im->nlk = 0;
    for (int i = 0; i < 2; i++) {
        const struct imp *w = &lw[i].w;
        uint32_t *map = nis5g_xmalloc((lw[i].groups.n + 1) * sizeof *map);
        for (uint32_t g = 0; g < lw[i].groups.n; g++)
            map[g] = nis5g_dict_intern(&im->m->groups, nis5g_dict_str(&lw[i].groups, g),
                                       nis5g_dict_len(&lw[i].groups, g));
        for (size_t k = 0; k < w->nlk; k++) {
            im->lk_src[im->nlk] = w->lk_src[k];
            im->lk_dst[im->nlk] = w->lk_dst[k];
            im->lk_grp[im->nlk] = w->lk_grp[k] == NIS5G_NONE ? NIS5G_NONE : map[w->lk_grp[k]];
            im->lk_line[im->nlk] = w->lk_line[k];
            im->nlk++;
        }
        free(map);
        diags_append(im->d, &lw[i].diags);
    }
}

static void read_links_parallel(struct imp *im)
{
    struct nis5g_csv *c = &im->csv;
    size_t body = c->pos, len = c->len, split = split_point(im);
    if (split >= len) {
        read_links(im);
        return;
    }
    struct link_worker lw[2];
    for (int i = 0; i < 2; i++) {
        lw[i].w = *im;
        nis5g_diags_init(&lw[i].diags);
        lw[i].diags.max_errors = im->d->max_errors;
        lw[i].diags.max_warnings = SIZE_MAX; /* capped when appended */
        nis5g_dict_init(&lw[i].groups);
        lw[i].w.d = &lw[i].diags;
        lw[i].w.o = i == 0 ? im->o : NULL;
        lw[i].w.phase = "links.csv, 2 readers";
        lw[i].w.groups = &lw[i].groups;
        lw[i].w.lk_src = lw[i].w.lk_dst = lw[i].w.lk_grp = lw[i].w.lk_line = NULL;
        lw[i].w.nlk = lw[i].w.lk_cap = 0;
        memset(&lw[i].w.csv, 0, sizeof lw[i].w.csv);
        lw[i].whole = c;
        lw[i].from = i == 0 ? body : split;
        lw[i].to = i == 0 ? split : len;
    }
    progress(&lw[0].w, "links.csv");
    int threaded = pthread_create(&lw[1].tid, NULL, link_worker_run, &lw[1]) == 0;
    link_worker_run(&lw[0]);
    if (threaded)
        pthread_join(lw[1].tid, NULL);
    else
        link_worker_run(&lw[1]);
    int held = split_held(&lw[0].w.csv);
    if (held)
        links_merge(im, lw);
    for (int i = 0; i < 2; i++)
        link_worker_release(&lw[i]);
    if (!held) /* text that is not RFC 4180 put the split inside a field */
        read_links(im);
}

/* A diagnostic about link k, with its line from links.csv (re-read text). */
__attribute__((format(printf, 4, 5))) static void link_diag(struct imp *im, enum nis5g_severity sev, uint32_t line,
                                                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    nis5g_diags_vadd(im->d, sev, sev == NIS5G_ERROR ? NIS5G_EINPUT : NIS5G_OK, im->path[F_LINKS], (int)line, 1,
                     NULL, 0, NULL, 0, fmt, ap);
    va_end(ap);
}

/* Order key of a link within its element: ungrouped first, then by group,
 * then by target. */
static int link_less(uint32_t ga, uint32_t da, uint32_t gb, uint32_t db)
{
    uint64_t ka = ((uint64_t)(ga == NIS5G_NONE ? 0 : ga + 1) << 32) | da;
    uint64_t kb = ((uint64_t)(gb == NIS5G_NONE ? 0 : gb + 1) << 32) | db;
    return ka < kb;
}

/* The links of one element into CSR: offsets, targets, groups and lines
 * (the caller's), in file order within each element. */
struct csr {
    uint32_t *off, *dep, *grp, *line;
};

static void links_csr(const struct imp *im, uint32_t n, struct csr *g)
{
    size_t nl = im->nlk;
    g->off = nis5g_xcalloc((size_t)n + 1, sizeof *g->off);
    g->dep = nis5g_xmalloc((nl ? nl : 1) * sizeof *g->dep);
    g->grp = nis5g_xmalloc((nl ? nl : 1) * sizeof *g->grp);
    g->line = nis5g_xmalloc((nl ? nl : 1) * sizeof *g->line);
    for (size_t k = 0; k < nl; k++)
        g->off[im->lk_src[k] + 1]++;
    for (uint32_t e = 0; e < n; e++)
        g->off[e + 1] += g->off[e];
    uint32_t *fill = nis5g_xmalloc(((size_t)n + 1) * sizeof *fill);
    memcpy(fill, g->off, ((size_t)n + 1) * sizeof *fill);
    for (size_t k = 0; k < nl; k++) {
        uint32_t at = fill[im->lk_src[k]]++;
        g->dep[at] = im->lk_dst[k];
        g->grp[at] = im->lk_grp[k];
        g->line[at] = im->lk_line[k];
    }
    free(fill);
}

/* Sort each element's links (few per element: insertion sort) and reject
 * exact duplicates. */
static void links_sort(struct imp *im, uint32_t n, struct csr *g)
{
    const struct nis5g_model *m = im->m;
    uint32_t *off = g->off, *dep = g->dep, *grp = g->grp, *lline = g->line;
    for (uint32_t e = 0; e < n && !full(im); e++) {
        for (uint32_t i = off[e] + 1; i < off[e + 1]; i++) {
            uint32_t d = dep[i], gr = grp[i], l = lline[i], j = i;
            while (j > off[e] && link_less(gr, d, grp[j - 1], dep[j - 1])) {
                dep[j] = dep[j - 1];
                grp[j] = grp[j - 1];
                lline[j] = lline[j - 1];
                j--;
            }
            dep[j] = d;
            grp[j] = gr;
            lline[j] = l;
        }
        for (uint32_t i = off[e] + 1; i < off[e + 1]; i++)
            if (dep[i] == dep[i - 1] && grp[i] == grp[i - 1]) {
                uint32_t later = lline[i] > lline[i - 1] ? lline[i] : lline[i - 1];
                uint32_t first = lline[i] > lline[i - 1] ? lline[i - 1] : lline[i];
                link_diag(im, NIS5G_ERROR, later, "duplicate link '%s' -> '%s'%s%s (first on line %u)",
                          nis5g_dict_str(&m->elements, e), nis5g_dict_str(&m->elements, dep[i]),
                          grp[i] == NIS5G_NONE ? "" : " in group ", nis5g_dict_str(&m->groups, grp[i]), first);
            }
    }
}

/* Kahn's algorithm over the dependents (reverse CSR). Returns the order
 * found; *remaining_out holds, for each element, the dependencies still
 * unmet (all zero when every element was ordered). */
static uint32_t links_topo(const struct csr *g, uint32_t n, size_t nl, uint32_t **topo_out,
                           uint32_t **remaining_out)
{
    uint32_t *roff = nis5g_xcalloc((size_t)n + 1, sizeof *roff);
    uint32_t *rev = nis5g_xmalloc((nl ? nl : 1) * sizeof *rev);
    for (size_t k = 0; k < nl; k++)
        roff[g->dep[k] + 1]++;
    for (uint32_t e = 0; e < n; e++)
        roff[e + 1] += roff[e];
    uint32_t *rfill = nis5g_xmalloc(((size_t)n + 1) * sizeof *rfill);
    memcpy(rfill, roff, ((size_t)n + 1) * sizeof *rfill);
    for (uint32_t e = 0; e < n; e++)
        for (uint32_t k = g->off[e]; k < g->off[e + 1]; k++)
            rev[rfill[g->dep[k]]++] = e;
    free(rfill);
    uint32_t *remaining = nis5g_xmalloc(((size_t)n ? n : 1) * sizeof *remaining);
    uint32_t *topo = nis5g_xmalloc(((size_t)n ? n : 1) * sizeof *topo);
    uint32_t head = 0, tail = 0;
    for (uint32_t e = 0; e < n; e++) {
        remaining[e] = g->off[e + 1] - g->off[e];
        if (!remaining[e])
            topo[tail++] = e;
    }
    while (head < tail) {
        uint32_t x = topo[head++];
        for (uint32_t k = roff[x]; k < roff[x + 1]; k++)
            if (--remaining[rev[k]] == 0)
                topo[tail++] = rev[k];
    }
    free(roff);
    free(rev);
    *topo_out = topo;
    *remaining_out = remaining;
    return tail;
}

/* Name one cycle: every element left by Kahn has a dependency left, so
 * walking from one until an element repeats finds one. */
static void links_cycle(struct imp *im, const struct csr *g, uint32_t n, uint32_t ordered, const uint32_t *remaining)
{
    const struct nis5g_model *m = im->m;
    uint32_t start = 0;
    while (remaining[start] == 0)
        start++;
    uint32_t *pos = nis5g_xmalloc((size_t)n * sizeof *pos);
    memset(pos, 0xff, (size_t)n * sizeof *pos);
    uint32_t *path = nis5g_xmalloc((size_t)n * sizeof *path), *pline = nis5g_xmalloc((size_t)n * sizeof *pline);
    uint32_t len = 0, x = start;
    while (pos[x] == NIS5G_NONE) {
        pos[x] = len;
        path[len] = x;
        uint32_t next = NIS5G_NONE;
        for (uint32_t k = g->off[x]; k < g->off[x + 1]; k++)
            if (remaining[g->dep[k]]) {
                next = g->dep[k];
                pline[len] = g->line[k];
                break;
            }
        len++;
        x = next;
    }
    struct nis5g_buf b = NIS5G_BUF_INIT;
    uint32_t first_line = UINT32_MAX;
    for (uint32_t i = pos[x]; i < len; i++) {
        nis5g_buf_addf(&b, "'%s' needs ", nis5g_dict_str(&m->elements, path[i]));
        if (pline[i] < first_line)
            first_line = pline[i];
    }
    nis5g_buf_addf(&b, "'%s'", nis5g_dict_str(&m->elements, x));
    uint32_t on_cycles = n - ordered;
    link_diag(im, NIS5G_ERROR, first_line, "dependency cycle: %s (%u element%s on or behind cycles)", b.data,
              on_cycles, on_cycles == 1 ? "" : "s");
    nis5g_buf_release(&b);
    free(pos);
    free(path);
    free(pline);
}

/* Pools whose members can never work. */
static void links_pools(struct imp *im, const struct csr *g, uint32_t n)
{
    const struct nis5g_model *m = im->m;
    for (uint32_t e = 0; e < n; e++) {
        uint32_t k = g->off[e];
        while (k < g->off[e + 1]) {
            uint32_t gr = g->grp[k], end = k;
            int any = 0;
            while (end < g->off[e + 1] && g->grp[end] == gr) {
                any |= m->el_status[g->dep[end]] == NIS5G_ST_ACTIVE;
                if (gr == NIS5G_NONE)
                    any = 1;
                end++;
            }
            if (!any && gr != NIS5G_NONE) {
                uint32_t l = g->line[k];
                for (uint32_t j = k; j < end; j++)
                    if (g->line[j] < l)
                        l = g->line[j];
                link_diag(im, NIS5G_WARNING, l,
                          "pool '%s' of element '%s' has no active member (all planned or retired): it is never "
                          "met",
                          nis5g_dict_str(&m->groups, gr), nis5g_dict_str(&m->elements, e));
            }
            k = end;
        }
    }
}

/* CSR (ungrouped links first, then pools by group), duplicates rejected,
 * topological order (NULL with a cycle, which is named), inactive pools. */
static void build_links(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t n = m->n_elements;
    struct csr g;
    links_csr(im, n, &g);
    links_sort(im, n, &g);
    m->dep_off = g.off;
    m->dep = g.dep;
    m->dep_group = g.grp;
    m->n_links = (uint32_t)im->nlk;
    if (!im->d->errors) {
        if (im->o && im->o->progress)
            im->o->progress(im->o->progress_ctx, "topological order", 0, 0);
        uint32_t *topo, *remaining;
        uint32_t ordered = links_topo(&g, n, im->nlk, &topo, &remaining);
        if (ordered < n) {
            links_cycle(im, &g, n, ordered, remaining);
            free(topo);
            topo = NULL;
        }
        free(remaining);
        m->topo = topo;
        if (topo)
            links_pools(im, &g, n);
    }
    free(g.line);
}

/* ---- measures ---- */

static int measure_code_ok(const struct nis5g_csv_field *f)
{
    if (f->n != 4 || f->p[2] < '0' || f->p[2] > '9' || f->p[3] < '0' || f->p[3] > '9')
        return 0;
    int num = (f->p[2] - '0') * 10 + (f->p[3] - '0');
    if (f->p[0] == 'S' && f->p[1] == 'M')
        return num >= 1 && num <= 8;
    if (f->p[0] == 'T' && f->p[1] == 'M')
        return num >= 1 && num <= 11;
    if (f->p[0] == 'S' && f->p[1] == 'A')
        return num >= 1 && num <= 10;
    return 0;
}

static void read_measures(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t cap = 0;
    while (next_row(im)) {
        const struct nis5g_csv_field *sc = F(im, MS_SCOPE), *me = F(im, MS_MEASURE);
        uint32_t op = NIS5G_NONE, co = NIS5G_NONE;
        int bad = 0;
        if (is_empty(sc)) {
            ferr(im, sc, 0, "missing scope (an operator id or a country code)");
            bad = 1;
        } else if (sc->n == 2 && sc->p[0] >= 'A' && sc->p[0] <= 'Z' && sc->p[1] >= 'A' && sc->p[1] <= 'Z') {
            bad = country_field(im, sc, &co) != 0;
        } else {
            op = nis5g_dict_find(&m->operators, sc->p, sc->n);
            if (op == NIS5G_NONE) {
                ferr(im, sc, 1, "unknown scope (neither an operator in operators.csv nor a country code)");
                bad = 1;
            }
        }
        if (!measure_code_ok(me)) {
            ferr(im, me, !is_empty(me), "expected a toolbox measure: SM01-SM08, TM01-TM11 or SA01-SA10");
            bad = 1;
        }
        const struct nis5g_csv_field *st = F(im, MS_STATUS);
        int s = name_ci(nis5g_mstatus_names, NIS5G_MS_COUNT, st);
        if (s < 0) {
            ferr(im, st, !is_empty(st), "expected a measure status: none, planned, partial or implemented");
            bad = 1;
        }
        int32_t date;
        if (parse_date_field(im, F(im, MS_DATE), &date))
            bad = 1;
        if (bad)
            continue;
        uint32_t before = im->ms_keys.n;
        uint32_t k = intern_pair(&im->ms_keys, sc, me);
        if (k < before) {
            ferr(im, me, 1, "duplicate measure for this scope (first on line %u)", im->ms_line[k]);
            continue;
        }
        uint32_t i = m->n_measures;
        if (i >= cap) {
            size_t nc = cap ? 2 * (size_t)cap : 64;
            m->ms_operator = nis5g_xreallocarray(m->ms_operator, nc, sizeof *m->ms_operator);
            m->ms_country = nis5g_xreallocarray(m->ms_country, nc, sizeof *m->ms_country);
            m->ms_measure = nis5g_xreallocarray(m->ms_measure, nc, sizeof *m->ms_measure);
            m->ms_status = nis5g_xreallocarray(m->ms_status, nc, sizeof *m->ms_status);
            m->ms_evidence = nis5g_xreallocarray(m->ms_evidence, nc, sizeof *m->ms_evidence);
            m->ms_date = nis5g_xreallocarray(m->ms_date, nc, sizeof *m->ms_date);
            im->ms_line = nis5g_xreallocarray(im->ms_line, nc, sizeof *im->ms_line);
            cap = (uint32_t)nc;
        }
        m->n_measures++;
        im->ms_line[k] = sc->line;
        m->ms_operator[i] = op;
        m->ms_country[i] = co;
        m->ms_measure[i] = nis5g_dict_intern(&m->text, me->p, me->n);
        m->ms_status[i] = (uint8_t)s;
        m->ms_evidence[i] = opt_text(&m->text, F(im, MS_EVIDENCE));
        m->ms_date[i] = date;
    }
}

/* ---- files ---- */

static int kind_of(const char *base)
{
    for (int k = 0; k < F_COUNT; k++)
        if (strcmp(base, specs[k].name) == 0)
            return k;
    return -1;
}

static char *join(const char *dir, const char *name)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    if (!(n == 1 && dir[0] == '.')) {
        nis5g_buf_add(&b, dir, n);
        if (dir[n - 1] != '/')
            nis5g_buf_addch(&b, '/');
    }
    nis5g_buf_adds(&b, name);
    return nis5g_buf_detach(&b, NULL);
}

/* The dataset file name that base (a file that is not one) was meant to
 * be: link.csv, Links.CSV, element.csv. NULL when none is close. */
static const char *meant(const char *base, int max)
{
    const char *names[F_COUNT];
    for (int k = 0; k < F_COUNT; k++)
        names[k] = specs[k].name;
    return nis5g_suggest(base, strlen(base), names, F_COUNT, max, 1);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A folder's files that look like a misspelt dataset file are errors: the
 * data they hold would otherwise be left out without a word (a links.csv
 * saved as link.csv imports a network with no dependencies). Other files
 * (notes, scenarios.csv) are not the importer's business. */
static void misspelt(struct imp *im, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **bad = NULL;
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        /* one edit: notes.csv is two from sites.csv and none of ours */
        const char *m = kind_of(e->d_name) < 0 ? meant(e->d_name, 1) : NULL;
        if (!m)
            continue;
        char *have = join(dir, m);
        struct stat st;
        int exists = stat(have, &st) == 0;
        free(have);
        if (exists)
            continue; /* an extra copy beside the real file */
        bad = nis5g_xreallocarray(bad, n + 1, sizeof *bad);
        bad[n++] = nis5g_xstrdup(e->d_name);
    }
    closedir(d);
    if (n)
        qsort(bad, n, sizeof *bad, str_cmp);
    for (size_t k = 0; k < n; k++) {
        char *p = join(dir, bad[k]);
        gerr(im, p, "unknown dataset file (did you mean %s?)", meant(bad[k], 1));
        free(p);
        free(bad[k]);
    }
    free(bad);
}

/* Find the dataset files among the given paths. */
static void collect(struct imp *im, const char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) {
            gerr(im, paths[i], "cannot read: %s", strerror(errno));
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            int found = 0;
            for (int k = 0; k < F_COUNT; k++) {
                char *p = join(paths[i], specs[k].name);
                if (stat(p, &st) == 0) {
                    found = 1;
                    if (im->path[k]) {
                        gerr(im, p, "%s given twice (also %s)", specs[k].name, im->path[k]);
                        free(p);
                    } else {
                        im->path[k] = p;
                    }
                } else {
                    free(p);
                }
            }
            if (!found)
                gerr(im, paths[i], "no dataset files in this folder (expected operators.csv, elements.csv, ...)");
            misspelt(im, paths[i]);
            continue;
        }
        const char *slash = strrchr(paths[i], '/');
        const char *base = slash ? slash + 1 : paths[i];
        int k = kind_of(base);
        if (k < 0) {
            const char *m = meant(base, 2);
            if (m)
                gerr(im, paths[i], "unknown dataset file (did you mean %s?)", m);
            else
                gerr(im, paths[i],
                     "unknown dataset file (expected operators.csv, sites.csv, elements.csv, links.csv, "
                     "suppliers.csv, products.csv or measures.csv)");
            continue;
        }
        if (im->path[k]) {
            gerr(im, paths[i], "%s given twice (also %s)", specs[k].name, im->path[k]);
            continue;
        }
        im->path[k] = nis5g_xstrdup(paths[i][0] == '.' && paths[i][1] == '/' ? paths[i] + 2 : paths[i]);
    }
}

/* Open file k for reading; 0 when its rows can be read. */
static int open_file(struct imp *im, enum file_kind k)
{
    im->fname = im->path[k];
    if (im->o && im->o->progress)
        im->o->progress(im->o->progress_ctx, specs[k].name, 0, 0);
    struct nis5g_err err = { 0 };
    if (nis5g_csv_open_file(&im->csv, im->path[k], im->path[k], &err)) {
        /* No source line for a bad byte: printing it would garble the terminal. */
        nis5g_diags_add_err(im->d, &err);
        return -1;
    }
    if (im->csv.len > UINT32_MAX) {
        gerr(im, im->path[k], "file too large (over 4 GiB)");
        nis5g_csv_close(&im->csv);
        return -1;
    }
    if (read_header(im, k)) {
        nis5g_csv_close(&im->csv);
        return -1;
    }
    return 0;
}

static void close_file(struct imp *im)
{
    nis5g_csv_close(&im->csv);
}

/* Lay supplier rows out per vendor id. */
static void finish_suppliers(struct imp *im)
{
    struct nis5g_model *m = im->m;
    uint32_t nv = m->vendors.n;
    size_t cnt = nv ? nv : 1;
    m->sup_known = nis5g_xcalloc(cnt, 1);
    m->sup_country = nis5g_xmalloc(cnt * sizeof *m->sup_country);
    m->sup_state_owned = nis5g_xmalloc(cnt);
    m->sup_factors = nis5g_xmalloc(cnt * NIS5G_F_COUNT);
    m->sup_designation = nis5g_xcalloc(cnt, 1);
    m->sup_notes = nis5g_xmalloc(cnt * sizeof *m->sup_notes);
    memset(m->sup_factors, NIS5G_FACTOR_UNSET, cnt * NIS5G_F_COUNT);
    for (uint32_t v = 0; v < nv; v++) {
        m->sup_country[v] = NIS5G_NONE;
        m->sup_state_owned[v] = -1;
        m->sup_notes[v] = NIS5G_NONE;
    }
    for (uint32_t i = 0; i < im->su_n; i++) {
        uint32_t v = im->su_vendor[i];
        m->sup_known[v] = 1;
        m->sup_country[v] = im->su_country[i];
        m->sup_state_owned[v] = im->su_state[i];
        memcpy(m->sup_factors + (size_t)v * NIS5G_F_COUNT, im->su_factors + (size_t)i * NIS5G_F_COUNT,
               NIS5G_F_COUNT);
        m->sup_designation[v] = im->su_desig[i];
        m->sup_notes[v] = im->su_notes[i];
    }
}

static void imp_release(struct imp *im)
{
    for (int k = 0; k < F_COUNT; k++)
        free(im->path[k]);
    free(im->op_line);
    free(im->site_line);
    free(im->el_line);
    free(im->su_vendor);
    free(im->su_line);
    free(im->su_country);
    free(im->su_notes);
    free(im->su_state);
    free(im->su_factors);
    free(im->su_desig);
    free(im->ms_line);
    nis5g_dict_release(&im->prod_keys);
    nis5g_dict_release(&im->ms_keys);
    free(im->lk_src);
    free(im->lk_dst);
    free(im->lk_grp);
    free(im->lk_line);
}

/* Arrays that must exist even when their file was absent or empty. */
static void ensure_arrays(struct nis5g_model *m)
{
#define ENSURE(a)                                 \
    if (!m->a)                                    \
        m->a = nis5g_xmalloc(sizeof *m->a);
    ENSURE(op_name) ENSURE(op_country) ENSURE(op_subscribers);
    ENSURE(site_operator) ENSURE(site_lat) ENSURE(site_lon) ENSURE(site_region) ENSURE(site_tags);
    ENSURE(site_backup_hours) ENSURE(site_subscribers);
    if (!m->site_tag_off)
        m->site_tag_off = nis5g_xcalloc(1, sizeof *m->site_tag_off);
    ENSURE(el_operator) ENSURE(el_site) ENSURE(el_domain) ENSURE(el_function) ENSURE(el_vendor);
    ENSURE(el_status) ENSURE(el_installed) ENSURE(el_product) ENSURE(el_sw);
    ENSURE(prod_vendor) ENSURE(prod_name) ENSURE(prod_certs) ENSURE(prod_end_of_support);
    ENSURE(prod_critical_vulns);
    if (!m->prod_cert_off)
        m->prod_cert_off = nis5g_xcalloc(1, sizeof *m->prod_cert_off);
    ENSURE(ms_operator) ENSURE(ms_country) ENSURE(ms_measure) ENSURE(ms_status) ENSURE(ms_evidence);
    ENSURE(ms_date);
#undef ENSURE
}

int nis5g_import(const char *const *paths, size_t n_paths, const struct nis5g_import_opts *opts,
                 struct nis5g_model **out, struct nis5g_diags *diags)
{
    *out = NULL;
    struct imp im;
    memset(&im, 0, sizeof im);
    im.d = diags;
    im.o = opts;
    im.m = nis5g_model_new();
    im.m->as_of = opts && opts->as_of != NIS5G_NO_DATE ? opts->as_of : nis5g_date_today();
    im.m->parts = NIS5G_PART_ALL;
    im.groups = &im.m->groups;

    collect(&im, paths, n_paths);
    if (!diags->errors) {
        if (!im.path[F_OPERATORS])
            gerr(&im, NULL, "operators.csv is required (none among the files given)");
        if (!im.path[F_ELEMENTS])
            gerr(&im, NULL, "elements.csv is required (none among the files given)");
    }
    if (!diags->errors) {
        static const enum file_kind order[] = { F_OPERATORS, F_SITES, F_SUPPLIERS, F_PRODUCTS, F_ELEMENTS,
                                                F_LINKS, F_MEASURES };
        int unreadable[F_COUNT] = { 0 };
        for (size_t i = 0; i < sizeof order / sizeof order[0] && !full(&im); i++) {
            enum file_kind k = order[i];
            if (!im.path[k])
                continue;
            if (k == F_LINKS && diags->errors)
                continue; /* links name elements: wait for a clean elements.csv */
            /* A file whose header could not be read leaves its ids
             * unknown: reading the files that refer to them would only
             * repeat that as one error per row. */
            if ((k == F_SITES || k == F_ELEMENTS || k == F_MEASURES) && unreadable[F_OPERATORS])
                continue;
            if (k == F_ELEMENTS && unreadable[F_SITES])
                continue;
            if (open_file(&im, k)) {
                unreadable[k] = 1;
                continue;
            }
            switch (k) {
            case F_OPERATORS: read_operators(&im); break;
            case F_SITES: read_sites(&im); break;
            case F_SUPPLIERS: read_suppliers(&im); break;
            case F_PRODUCTS: read_products(&im); break;
            case F_ELEMENTS: {
                uint32_t nk = im.m->vendors.n;
                uint8_t *known = nis5g_xcalloc(nk ? nk : 1, 1);
                for (uint32_t s = 0; s < im.su_n; s++)
                    known[im.su_vendor[s]] = 1;
                read_elements(&im, known, nk, im.path[F_SITES] != NULL, im.path[F_SUPPLIERS] != NULL);
                free(known);
                break;
            }
            case F_LINKS: read_links_parallel(&im); break;
            case F_MEASURES: read_measures(&im); break;
            default: break;
            }
            close_file(&im);
        }
    }
    if (!diags->errors) {
        if (im.m->n_elements == 0)
            gerr(&im, im.path[F_ELEMENTS], "no elements: the dataset is empty");
    }
    if (!diags->errors) {
        if (opts && opts->progress)
            opts->progress(opts->progress_ctx, "dependencies", 0, 0);
        build_links(&im);
    }
    int rc = NIS5G_OK;
    if (diags->errors) {
        nis5g_model_free(im.m);
        rc = NIS5G_EINPUT;
    } else {
        finish_suppliers(&im);
        ensure_arrays(im.m);
        *out = im.m;
    }
    imp_release(&im);
    return rc;
}
