/*
 * compose.c — an operator's part of a dataset checked and composed into
 * the national dataset (compose.h, docs/submit.md).
 *
 * The importer reads datasets, not parts of one, so the part is checked in
 * three steps. First its rows are scoped (scan_*): every row must be the
 * operator's own, no id may be another operator's, every link leaves one
 * of its elements and lands on one of them or on another operator's
 * element of the national snapshot, and a product it repeats must be the
 * national catalogue's row. Then the importer reads the files as they are,
 * in a private folder, with what they lean on appended after their own
 * rows — the operator's national row when operators.csv is left out, the
 * national supplier profiles, and one stand-in element per foreign element
 * a link lands on — so that every diagnostic keeps the line and column of
 * the file the operator wrote. Last, the national dataset is written out
 * with the operator's rows replaced by the part's (in place: where its
 * first row was, else at the end) and imported again: the composed
 * snapshot is exactly what importing that dataset gives.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csv.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/dict.h"
#include "nis5g/import.h"
#include "nis5g/text.h"
#include "workflow/compose.h"
#include "workflow/dataset.h"

/* ---- private folders ---- */

int compose_tmpdir(char *path, size_t size, struct nis5g_err *err)
{
    const char *t = getenv("TMPDIR");
    if (!t || !*t)
        t = "/tmp";
    if ((size_t)snprintf(path, size, "%s/nis5g-submit-XXXXXX", t) >= size)
        return nis5g_err_set(err, NIS5G_EIO, "the temporary folder's name is too long");
    if (!mkdtemp(path))
        return nis5g_err_set(err, NIS5G_EIO, "cannot create a folder in %s: %s", t, strerror(errno));
    return 0;
}

void compose_rmdir(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            struct nis5g_buf p = NIS5G_BUF_INIT;
            nis5g_buf_addf(&p, "%s/%s", path, e->d_name);
            unlink(p.data);
            nis5g_buf_release(&p);
        }
        closedir(d);
    }
    rmdir(path);
}

/* Write (mode "wb") or append ("ab") len bytes to path; the file is
 * closed either way. */
static int put(const char *path, const char *mode, const void *data, size_t len, struct nis5g_err *err)
{
    FILE *f = fopen(path, mode);
    if (!f)
        return nis5g_err_set(err, NIS5G_EIO, "cannot write %s: %s", path, strerror(errno));
    int bad = len && fwrite(data, 1, len, f) != len;
    if (fclose(f) != 0)
        bad = 1;
    return bad ? nis5g_err_set(err, NIS5G_EIO, "cannot write %s: %s", path, strerror(errno)) : 0;
}

int compose_write(const char *dir, const char *name, const void *data, size_t len, struct nis5g_err *err)
{
    struct nis5g_buf p = NIS5G_BUF_INIT;
    nis5g_buf_addf(&p, "%s/%s", dir, name);
    int rc = put(p.data, "wb", data, len, err);
    nis5g_buf_release(&p);
    return rc;
}

static int append_file(const char *dir, const char *name, const struct nis5g_buf *b, struct nis5g_err *err)
{
    struct nis5g_buf p = NIS5G_BUF_INIT;
    nis5g_buf_addf(&p, "%s/%s", dir, name);
    int rc = put(p.data, "ab", b->data, b->len, err);
    nis5g_buf_release(&p);
    return rc;
}

/* ---- scoping the rows ---- */

struct scan {
    const char *op;
    const struct nis5g_model *n; /* national, or NULL */
    struct nis5g_diags *d;
    const char *dir, *shown;
    struct compose_out *out;     /* the part's files go to out->file as they are copied */
    int have[DS_COUNT];
    char *fname;                 /* shown name of the file being read */
    struct nis5g_csv csv;
    int col[16];                 /* canonical column -> field, or -1 */
    int ncols;                   /* fields in the header */
    int unreadable;              /* the folder cannot be read */
    struct nis5g_dict own;       /* the part's element ids */
    struct nis5g_dict own_sites; /* the part's site ids */
    struct nis5g_dict ext;       /* foreign elements links land on */
    uint32_t *ext_el;            /* their national row */
    int op_row;                  /* operators.csv has op's row */
    char *hdr[DS_COUNT][16];     /* the part's header, by file */
    int nhdr[DS_COUNT];
};

__attribute__((format(printf, 4, 5))) static void serr(struct scan *s, const struct nis5g_csv_field *f, int got,
                                                        const char *fmt, ...)
{
    size_t srcn = 0;
    const char *src = f ? nis5g_csv_line_text(&s->csv, f->line_at, &srcn) : NULL;
    int col = f ? nis5g_csv_col(&s->csv, f->line_at, f->at) : 0;
    va_list ap;
    va_start(ap, fmt);
    nis5g_diags_vadd(s->d, NIS5G_ERROR, NIS5G_EINPUT, s->fname, f ? (int)f->line : 0, col, src, srcn,
                     got && f ? f->p : NULL, got && f ? (f->n > 80 ? 80 : f->n) : 0, fmt, ap);
    va_end(ap);
}

static char *shown_name(const struct scan *s, const char *name)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&b, "%s%s", s->shown, name);
    return nis5g_buf_detach(&b, NULL);
}

/* Open file k of the part and map its header; 0 when rows can be read
 * (a file the importer will reject for its header is left to it). */
static int scan_open(struct scan *s, enum ds_file k)
{
    free(s->fname);
    s->fname = shown_name(s, ds_names[k]);
    struct nis5g_buf p = NIS5G_BUF_INIT;
    nis5g_buf_addf(&p, "%s/%s", s->dir, ds_names[k]);
    struct nis5g_err err = { 0 };
    int rc = nis5g_csv_open_file(&s->csv, p.data, s->fname, &err);
    nis5g_buf_release(&p);
    if (rc)
        return -1; /* the importer says why */
    for (int i = 0; i < 16; i++)
        s->col[i] = -1;
    if (nis5g_csv_next(&s->csv, &err) != 1) {
        nis5g_csv_close(&s->csv);
        return -1;
    }
    s->ncols = (int)s->csv.nf;
    for (size_t i = 0; i < s->csv.nf && i < 16; i++) {
        const struct nis5g_csv_field *f = &s->csv.f[i];
        s->hdr[k][i] = nis5g_xstrndup(f->p, f->n);
        s->nhdr[k] = (int)i + 1;
        for (int c = 0; ds_col(k, c); c++)
            if (strlen(ds_col(k, c)) == f->n && memcmp(ds_col(k, c), f->p, f->n) == 0)
                s->col[c] = (int)i;
    }
    return 0;
}

/* The next row with as many fields as the header (the importer reports
 * the others). */
static int scan_row(struct scan *s)
{
    for (;;) {
        struct nis5g_err err = { 0 };
        int rc = nis5g_csv_next(&s->csv, &err);
        if (rc < 0 && s->csv.pos < s->csv.len)
            continue;
        if (rc <= 0)
            return 0;
        if ((int)s->csv.nf == s->ncols)
            return 1;
    }
}

static const struct nis5g_csv_field *C(const struct scan *s, int c)
{
    static const struct nis5g_csv_field none = { "", 0, 0, 0, 0, 0 };
    return s->col[c] < 0 ? &none : &s->csv.f[s->col[c]];
}

static int is(const struct nis5g_csv_field *f, const char *v)
{
    return strlen(v) == f->n && memcmp(f->p, v, f->n) == 0;
}

/* The national operator of an element or site id, or NULL. */
static const char *national_owner(const struct scan *s, int site, const struct nis5g_csv_field *id)
{
    if (!s->n)
        return NULL;
    struct nis5g_model *n = (struct nis5g_model *)s->n; /* a lookup only builds the index */
    uint32_t r = nis5g_dict_find(site ? &n->sites : &n->elements, id->p, id->n);
    if (r == NIS5G_NONE)
        return NULL;
    uint32_t o = site ? n->site_operator[r] : n->el_operator[r];
    return o == NIS5G_NONE16 ? NULL : nis5g_dict_str(&n->operators, o);
}

static void scan_operators(struct scan *s)
{
    while (scan_row(s)) {
        const struct nis5g_csv_field *id = C(s, 0);
        if (is(id, s->op))
            s->op_row = 1;
        else if (id->n)
            serr(s, id, 1, "a row of another operator: a submission for %s holds only its own rows", s->op);
    }
}

static void scan_owned(struct scan *s, int site)
{
    const char *what = site ? "site" : "element";
    while (scan_row(s)) {
        const struct nis5g_csv_field *id = C(s, 0), *op = C(s, 1);
        if (op->n && !is(op, s->op)) {
            serr(s, op, 1, "a row of another operator: a submission for %s holds only its own rows", s->op);
            continue;
        }
        const char *owner = id->n ? national_owner(s, site, id) : NULL;
        if (owner && strcmp(owner, s->op) != 0)
            serr(s, id, 1, "%s id already used by operator %s in the national snapshot", what, owner);
        if (id->n)
            nis5g_dict_intern(site ? &s->own_sites : &s->own, id->p, id->n);
    }
}

static void scan_links(struct scan *s)
{
    while (scan_row(s)) {
        const struct nis5g_csv_field *src = C(s, 0), *dst = C(s, 1);
        if (src->n && nis5g_dict_find(&s->own, src->p, src->n) == NIS5G_NONE) {
            const char *owner = national_owner(s, 0, src);
            if (owner && strcmp(owner, s->op) != 0)
                serr(s, src, 1, "a link of operator %s's element: a submission for %s holds only links from its "
                     "own elements", owner, s->op);
            else
                serr(s, src, 1, "a link from an element that is not in this submission's elements.csv");
            continue;
        }
        if (!dst->n || nis5g_dict_find(&s->own, dst->p, dst->n) != NIS5G_NONE)
            continue;
        const char *owner = national_owner(s, 0, dst);
        if (!owner || strcmp(owner, s->op) == 0) {
            serr(s, dst, 1, "depends on an element that is neither in this submission nor another operator's "
                 "element in the national snapshot");
            continue;
        }
        uint32_t before = s->ext.n, k = nis5g_dict_intern(&s->ext, dst->p, dst->n);
        if (k == before) {
            s->ext_el = nis5g_xreallocarray(s->ext_el, (size_t)k + 1, sizeof *s->ext_el);
            s->ext_el[k] = nis5g_dict_find(&((struct nis5g_model *)s->n)->elements, dst->p, dst->n);
        }
    }
}

static void scan_measures(struct scan *s)
{
    while (scan_row(s)) {
        const struct nis5g_csv_field *sc = C(s, 0);
        if (sc->n && !is(sc, s->op))
            serr(s, sc, 1, "a measure of another scope: a submission for %s holds only measures of its own scope",
                 s->op);
    }
}

/* The part's product row in canonical form (lists trimmed and joined
 * with ';', dates and counts as read), to compare with the national row. */
static void product_text(const struct scan *s, struct nis5g_buf *b)
{
    for (int c = 0; c < 5; c++) {
        const struct nis5g_csv_field *f = C(s, c);
        struct nis5g_buf v = NIS5G_BUF_INIT;
        if (c == 2) {
            const char *p = f->p, *end = f->p + f->n;
            struct nis5g_dict seen;
            nis5g_dict_init(&seen);
            while (p < end) {
                const char *q = memchr(p, ';', (size_t)(end - p)), *a = p, *z;
                z = q ? q : end;
                while (a < z && (*a == ' ' || *a == '\t'))
                    a++;
                while (z > a && (z[-1] == ' ' || z[-1] == '\t'))
                    z--;
                uint32_t before = seen.n;
                if (z > a && nis5g_dict_intern(&seen, a, (size_t)(z - a)) == before)
                    nis5g_buf_addf(&v, "%s%.*s", v.len ? ";" : "", (int)(z - a), a);
                p = (q ? q : end) + 1;
            }
            nis5g_dict_release(&seen);
        } else {
            nis5g_buf_add(&v, f->p, f->n);
        }
        if (c)
            nis5g_buf_addch(b, ',');
        if (v.len)
            nis5g_csv_quote(b, v.data);
        nis5g_buf_release(&v);
    }
}

static void scan_products(struct scan *s)
{
    struct nis5g_model *n = (struct nis5g_model *)s->n;
    while (n && scan_row(s)) {
        const struct nis5g_csv_field *vf = C(s, 0), *pf = C(s, 1);
        uint32_t v = nis5g_dict_find(&n->vendors, vf->p, vf->n), p = nis5g_dict_find(&n->products, pf->p, pf->n);
        uint32_t r = v == NIS5G_NONE || p == NIS5G_NONE ? NIS5G_NONE : nis5g_model_product_row(n, (uint16_t)v, p);
        if (r == NIS5G_NONE)
            continue;
        struct nis5g_buf here = NIS5G_BUF_INIT, there = NIS5G_BUF_INIT;
        product_text(s, &here);
        ds_row(&there, n, DS_PRODUCTS, r, 0);
        there.data[--there.len] = 0; /* its newline */
        if (strcmp(here.data, there.data) != 0)
            serr(s, pf, 1, "product already in the national catalogue with other attributes: this row is '%s', "
                 "the national catalogue's is '%s'", here.data, there.data);
        nis5g_buf_release(&here);
        nis5g_buf_release(&there);
    }
}

static void scan_files(struct scan *s)
{
    static const enum ds_file order[] = { DS_OPERATORS, DS_SITES, DS_PRODUCTS, DS_ELEMENTS, DS_LINKS, DS_MEASURES };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        enum ds_file k = order[i];
        if (!s->have[k] || scan_open(s, k))
            continue;
        switch (k) {
        case DS_OPERATORS: scan_operators(s); break;
        case DS_SITES: scan_owned(s, 1); break;
        case DS_ELEMENTS: scan_owned(s, 0); break;
        case DS_LINKS: scan_links(s); break;
        case DS_MEASURES: scan_measures(s); break;
        case DS_PRODUCTS: scan_products(s); break;
        default: break;
        }
        nis5g_csv_close(&s->csv);
    }
}

static void scan_release(struct scan *s)
{
    free(s->fname);
    nis5g_dict_release(&s->own);
    nis5g_dict_release(&s->own_sites);
    nis5g_dict_release(&s->ext);
    free(s->ext_el);
    for (int k = 0; k < DS_COUNT; k++)
        for (int i = 0; i < s->nhdr[k]; i++)
            free(s->hdr[k][i]);
}

/* ---- the check folder: the part as written, and what it leans on ---- */

static int copy_part(struct scan *s, const char *v, struct nis5g_err *err)
{
    DIR *d = opendir(s->dir);
    if (!d) { /* as the importer says of a path it cannot read: bad input */
        nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, s->dir, 0, 0, NULL, 0, NULL, 0, "cannot read: %s",
                        strerror(errno));
        s->unreadable = 1;
        return 0;
    }
    struct dirent *e;
    int rc = 0;
    while (!rc && (e = readdir(d))) {
        struct nis5g_buf p = NIS5G_BUF_INIT;
        nis5g_buf_addf(&p, "%s/%s", s->dir, e->d_name);
        struct stat st;
        if (stat(p.data, &st) == 0 && S_ISREG(st.st_mode)) {
            int k = ds_kind(e->d_name);
            if (k == DS_SUPPLIERS) {
                char *f = shown_name(s, e->d_name);
                nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, f, 0, 0, NULL, 0, NULL, 0,
                                "supplier profiles are the authority's: leave suppliers.csv out of a submission");
                free(f);
            } else {
                char *data = NULL;
                size_t len = 0;
                if (nis5g_read_file(p.data, &data, &len))
                    rc = nis5g_err_set(err, NIS5G_EIO, "cannot read %s: %s", p.data, strerror(errno));
                else
                    rc = compose_write(v, e->d_name, data, len, err);
                if (k >= 0 && !rc) { /* kept: what is stored is exactly what was checked */
                    s->have[k] = 1;
                    free(s->out->file[k]);
                    s->out->file[k] = data;
                    s->out->file_len[k] = len;
                    data = NULL;
                }
                free(data);
            }
        }
        nis5g_buf_release(&p);
    }
    closedir(d);
    return rc;
}

/* The national supplier profiles as suppliers.csv of dir (b is scratch):
 * the part leans on them, and the composed dataset keeps them. */
static int write_suppliers(struct nis5g_buf *b, const struct nis5g_model *n, const char *dir, struct nis5g_err *err)
{
    nis5g_buf_reset(b);
    ds_header(b, DS_SUPPLIERS);
    for (uint32_t v = 0; v < n->vendors.n; v++)
        if (n->sup_known[v])
            ds_row(b, n, DS_SUPPLIERS, v, 0);
    return compose_write(dir, "suppliers.csv", b->data, b->len, err);
}

/* operators.csv when the part leaves it out (the operator's national row),
 * and the national supplier profiles. */
static int lean_on(struct scan *s, const char *v, struct nis5g_err *err)
{
    struct nis5g_model *n = (struct nis5g_model *)s->n;
    uint32_t o = n ? nis5g_dict_finds(&n->operators, s->op) : NIS5G_NONE;
    int rc = 0;
    if (!s->have[DS_OPERATORS] && o == NIS5G_NONE) {
        char *f = shown_name(s, "operators.csv");
        nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, f, 0, 0, NULL, 0, NULL, 0,
                        "operator %s is not in the national snapshot: give its row in operators.csv", s->op);
        free(f);
    } else if (!s->have[DS_OPERATORS]) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        ds_header(&b, DS_OPERATORS);
        ds_row(&b, n, DS_OPERATORS, o, 0);
        rc = compose_write(v, "operators.csv", b.data, b.len, err);
        nis5g_buf_release(&b);
    } else if (!s->op_row) {
        char *f = shown_name(s, "operators.csv");
        nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, f, 0, 0, NULL, 0, NULL, 0, "no row for operator %s",
                        s->op);
        free(f);
    }
    if (!rc && n) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        rc = write_suppliers(&b, n, v, err);
        nis5g_buf_release(&b);
    }
    return rc;
}

/* One stand-in row per foreign element a link lands on, after the part's
 * own rows of elements.csv and in its columns: the operator's own id (so
 * that no other operator is needed), the national kind, vendor and status. */
static int stand_ins(struct scan *s, const char *v, uint32_t *first_line, struct nis5g_err *err)
{
    *first_line = UINT32_MAX;
    if (!s->ext.n || !s->have[DS_ELEMENTS])
        return 0;
    struct nis5g_buf p = NIS5G_BUF_INIT, b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&p, "%s/elements.csv", v);
    char *data = NULL;
    size_t len = 0;
    int rc = nis5g_read_file(p.data, &data, &len) ? nis5g_err_set(err, NIS5G_EIO, "cannot read %s", p.data) : 0;
    uint32_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += data[i] == '\n';
    if (len && data[len - 1] != '\n') {
        nis5g_buf_addch(&b, '\n');
        lines++;
    }
    *first_line = lines;
    for (uint32_t k = 0; !rc && k < s->ext.n; k++) {
        for (int i = 0; i < s->nhdr[DS_ELEMENTS]; i++) {
            const char *c = s->hdr[DS_ELEMENTS][i];
            if (i)
                nis5g_buf_addch(&b, ',');
            if (strcmp(c, "operator") == 0)
                nis5g_csv_quote(&b, s->op);
            else if (!strcmp(c, "element") || !strcmp(c, "domain") || !strcmp(c, "function") ||
                     !strcmp(c, "vendor") || !strcmp(c, "status"))
                ds_field(&b, s->n, DS_ELEMENTS, s->ext_el[k], 0, c);
        }
        nis5g_buf_addch(&b, '\n');
    }
    if (!rc)
        rc = append_file(v, "elements.csv", &b, err);
    free(data);
    nis5g_buf_release(&p);
    nis5g_buf_release(&b);
    return rc;
}

/* The importer's diagnostics, with the check folder's name replaced by
 * the one shown; what it says of the stand-ins and of the files written
 * for it (warnings on national rows) is not the part's and is left out. */
static void pass_diags(const struct nis5g_diags *from, const char *folder, const char *shown, uint32_t stub_line,
                       const struct scan *s, struct nis5g_diags *to)
{
    size_t fl = strlen(folder);
    for (size_t i = 0; i < from->n; i++) {
        const struct nis5g_diag *g = &from->v[i];
        const char *base = g->file && strncmp(g->file, folder, fl) == 0 && g->file[fl] == '/' ? g->file + fl + 1
                                                                                               : g->file;
        int k = base ? ds_kind(base) : -1;
        int national = k == DS_SUPPLIERS || (k == DS_OPERATORS && s && !s->have[DS_OPERATORS]) ||
                       (k == DS_ELEMENTS && (uint32_t)g->line >= stub_line);
        if (national && g->severity != NIS5G_ERROR)
            continue;
        struct nis5g_buf f = NIS5G_BUF_INIT;
        if (base)
            nis5g_buf_addf(&f, "%s%s", shown, base);
        nis5g_diags_add(to, g->severity, g->code, base ? f.data : NULL, g->line, g->col, g->source,
                        g->source ? strlen(g->source) : 0, g->got, g->got ? strlen(g->got) : 0, "%s", g->msg);
        nis5g_buf_release(&f);
    }
}

static int import_folder(const char *folder, int32_t as_of, struct nis5g_model **out, struct nis5g_diags *local,
                         const struct nis5g_diags *like)
{
    nis5g_diags_init(local);
    local->max_errors = like->max_errors;
    local->max_warnings = like->max_warnings;
    struct nis5g_import_opts o = { .as_of = as_of };
    const char *paths[] = { folder };
    return nis5g_import(paths, 1, &o, out, local);
}

/* A national element of another operator at a site of op that the part
 * leaves out (a shared site): named. */
static void site_dependent(struct scan *s, uint32_t o, uint32_t e, const char *f)
{
    const struct nis5g_model *n = s->n;
    uint32_t site = n->el_site[e];
    if (site == NIS5G_NONE || n->site_operator[site] != o)
        return;
    const char *id = nis5g_dict_str(&n->sites, site);
    if (nis5g_dict_find(&s->own_sites, id, strlen(id)) == NIS5G_NONE)
        nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, f, 0, 0, NULL, 0, NULL, 0,
                        "element %s of operator %s is at site %s, which this submission removes",
                        nis5g_dict_str(&n->elements, e), nis5g_dict_str(&n->operators, n->el_operator[e]), id);
}

/* National elements of other operators that need an element of op that
 * the part leaves out, or stand at a site of op that it leaves out: each
 * is named. */
static void dependents(struct scan *s)
{
    const struct nis5g_model *n = s->n;
    uint32_t o = n ? nis5g_dict_finds((struct nis5g_dict *)&n->operators, s->op) : NIS5G_NONE;
    if (o == NIS5G_NONE)
        return;
    char *f = shown_name(s, "elements.csv");
    for (uint32_t e = 0; e < n->n_elements && !nis5g_diags_full(s->d); e++) {
        if (n->el_operator[e] == o)
            continue;
        site_dependent(s, o, e, f);
        for (uint32_t k = n->dep_off[e]; k < n->dep_off[e + 1]; k++) {
            uint32_t t = n->dep[k];
            const char *id = nis5g_dict_str(&n->elements, t);
            if (n->el_operator[t] != o || nis5g_dict_find(&s->own, id, strlen(id)) != NIS5G_NONE)
                continue;
            nis5g_diags_add(s->d, NIS5G_ERROR, NIS5G_EINPUT, f, 0, 0, NULL, 0, NULL, 0,
                            "element %s of operator %s depends on %s, which this submission removes",
                            nis5g_dict_str(&n->elements, e), nis5g_dict_str(&n->operators, n->el_operator[e]), id);
        }
    }
    free(f);
}

/* ---- the composed national dataset ---- */

struct comp {
    const struct nis5g_model *n, *p; /* national (or NULL), the part */
    uint32_t n_op, p_op;             /* the operator in each (n_op NIS5G_NONE: new) */
    uint32_t own;                    /* the part's own elements */
    struct nis5g_buf b;
};

static void part_rows(struct comp *c, enum ds_file f)
{
    const struct nis5g_model *p = c->p;
    uint32_t n = f == DS_SITES ? p->sites.n : f == DS_ELEMENTS ? c->own : p->n_measures;
    for (uint32_t r = 0; r < n; r++)
        ds_row(&c->b, p, f, r, 0);
}

static void part_links(struct comp *c)
{
    for (uint32_t e = 0; e < c->own; e++)
        for (uint32_t k = c->p->dep_off[e]; k < c->p->dep_off[e + 1]; k++)
            ds_row(&c->b, c->p, DS_LINKS, k, e);
}

/* Whose row r of file f of the national model is. */
static uint32_t owner(const struct nis5g_model *n, enum ds_file f, uint32_t r)
{
    switch (f) {
    case DS_OPERATORS: return r;
    case DS_SITES: return n->site_operator[r] == NIS5G_NONE16 ? NIS5G_NONE : n->site_operator[r];
    case DS_ELEMENTS:
    case DS_LINKS: return n->el_operator[r];
    case DS_MEASURES: return n->ms_operator[r];
    default: return NIS5G_NONE;
    }
}

static uint32_t rows(const struct nis5g_model *n, enum ds_file f)
{
    switch (f) {
    case DS_OPERATORS: return n->operators.n;
    case DS_SITES: return n->sites.n;
    case DS_ELEMENTS:
    case DS_LINKS: return n->n_elements;
    case DS_MEASURES: return n->n_measures;
    default: return 0;
    }
}

/* The part's rows of file f (its operators.csv row, links, or rows). */
static void part_file(struct comp *c, enum ds_file f)
{
    if (f == DS_OPERATORS)
        ds_row(&c->b, c->p, f, c->p_op, 0);
    else if (f == DS_LINKS)
        part_links(c);
    else
        part_rows(c, f);
}

/* File f: the national rows with the operator's replaced by the part's,
 * where its first one was (else at the end). Links go by element. */
static void compose_file(struct comp *c, enum ds_file f)
{
    nis5g_buf_reset(&c->b);
    ds_header(&c->b, f);
    int done = 0;
    const struct nis5g_model *n = c->n;
    for (uint32_t r = 0; n && r < rows(n, f); r++) {
        if (c->n_op == NIS5G_NONE || owner(n, f, r) != c->n_op) {
            if (f == DS_LINKS)
                for (uint32_t k = n->dep_off[r]; k < n->dep_off[r + 1]; k++)
                    ds_row(&c->b, n, DS_LINKS, k, r);
            else
                ds_row(&c->b, n, f, r, 0);
            continue;
        }
        if (!done)
            part_file(c, f);
        done = 1;
    }
    if (!done)
        part_file(c, f);
}

/* The national catalogue, then the part's products it does not have. */
static void compose_products(struct comp *c)
{
    nis5g_buf_reset(&c->b);
    ds_header(&c->b, DS_PRODUCTS);
    struct nis5g_model *n = (struct nis5g_model *)c->n;
    for (uint32_t r = 0; n && r < n->n_products; r++)
        ds_row(&c->b, n, DS_PRODUCTS, r, 0);
    const struct nis5g_model *p = c->p;
    for (uint32_t r = 0; r < p->n_products; r++) {
        if (n) {
            uint32_t v = nis5g_dict_finds(&n->vendors, nis5g_dict_str(&p->vendors, p->prod_vendor[r]));
            uint32_t q = nis5g_dict_finds(&n->products, nis5g_dict_str(&p->products, p->prod_name[r]));
            if (v != NIS5G_NONE && q != NIS5G_NONE && nis5g_model_product_row(n, (uint16_t)v, q) != NIS5G_NONE)
                continue;
        }
        ds_row(&c->b, p, DS_PRODUCTS, r, 0);
    }
}

static int compose_folder(struct comp *c, const char *dir, struct nis5g_err *err)
{
    static const enum ds_file files[] = { DS_OPERATORS, DS_SITES, DS_ELEMENTS, DS_LINKS, DS_MEASURES };
    int rc = 0;
    for (size_t i = 0; !rc && i < sizeof files / sizeof files[0]; i++) {
        compose_file(c, files[i]);
        rc = compose_write(dir, ds_names[files[i]], c->b.data, c->b.len, err);
    }
    if (!rc) {
        compose_products(c);
        rc = compose_write(dir, "products.csv", c->b.data, c->b.len, err);
    }
    if (!rc && c->n)
        rc = write_suppliers(&c->b, c->n, dir, err);
    return rc;
}

/* ---- the whole run ---- */

static int check_part(struct scan *s, const char *v, int32_t as_of, struct compose_out *out, struct nis5g_err *err)
{
    int rc = copy_part(s, v, err);
    if (rc || s->unreadable)
        return rc;
    /* from here on the part is read from its copy only: a file changed in
     * the operator's folder meanwhile cannot be checked one way and
     * stored another */
    s->dir = v;
    scan_files(s);
    rc = lean_on(s, v, err);
    if (rc || s->d->errors)
        return rc;
    uint32_t stub_line;
    rc = stand_ins(s, v, &stub_line, err);
    if (rc)
        return rc;
    struct nis5g_diags local;
    import_folder(v, as_of, &out->own, &local, s->d);
    pass_diags(&local, v, s->shown, stub_line, s, s->d);
    nis5g_diags_release(&local);
    if (!s->d->errors)
        dependents(s);
    if (out->own)
        out->own_elements = out->own->n_elements - s->ext.n;
    return 0;
}

static int compose_import(struct comp *c, int32_t as_of, struct compose_out *out, struct nis5g_diags *d,
                          struct nis5g_err *err)
{
    char dir[PATH_MAX];
    int rc = compose_tmpdir(dir, sizeof dir, err);
    if (rc)
        return rc;
    rc = compose_folder(c, dir, err);
    if (!rc) {
        struct nis5g_diags local;
        import_folder(dir, as_of, &out->composed, &local, d);
        out->warnings = local.warnings;
        if (local.errors)
            pass_diags(&local, dir, "the composed national ", UINT32_MAX, NULL, d);
        nis5g_diags_release(&local);
    }
    compose_rmdir(dir);
    return rc;
}

int compose_run(const char *op, const char *dir, const char *shown, const struct nis5g_model *national,
                int32_t as_of, struct compose_out *out, struct nis5g_diags *diags, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    struct scan s;
    memset(&s, 0, sizeof s);
    s.op = op;
    s.n = national;
    s.d = diags;
    s.dir = dir;
    s.shown = shown;
    s.out = out;
    nis5g_dict_init(&s.own);
    nis5g_dict_init(&s.own_sites);
    nis5g_dict_init(&s.ext);
    char v[PATH_MAX];
    size_t before = diags->errors;
    int rc = compose_tmpdir(v, sizeof v, err);
    if (!rc) {
        rc = check_part(&s, v, as_of, out, err);
        compose_rmdir(v);
    }
    if (!rc && diags->errors == before && out->own) {
        struct comp c = { .n = national, .p = out->own, .own = out->own_elements, .b = NIS5G_BUF_INIT };
        c.n_op = national ? nis5g_dict_finds((struct nis5g_dict *)&national->operators, op) : NIS5G_NONE;
        c.p_op = nis5g_dict_finds(&out->own->operators, op);
        rc = compose_import(&c, as_of, out, diags, err);
        nis5g_buf_release(&c.b);
    }
    scan_release(&s);
    if (!rc && diags->errors != before)
        rc = nis5g_err_set(err, NIS5G_EINPUT, "%zu error%s; nothing was submitted", diags->errors - before,
                           diags->errors - before == 1 ? "" : "s");
    if (rc)
        compose_release(out);
    return rc;
}

void compose_release(struct compose_out *out)
{
    nis5g_model_free(out->composed);
    nis5g_model_free(out->own);
    for (int k = 0; k < DS_COUNT; k++)
        free(out->file[k]);
    memset(out, 0, sizeof *out);
}
