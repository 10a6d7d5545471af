/*
 * netbox.c — NetBox 4 API exports into a submission folder (netbox.h,
 * docs/from-netbox.md).
 *
 * Three passes over what is held in memory: the map (CSV), the sites
 * pages, the devices pages (which need the map and the sites), then
 * links.csv (which needs the devices). Each record becomes one CSV row in
 * a buffer as soon as it is checked; the buffers are written only when
 * every file was read without an error, into a fresh folder beside the
 * target that is renamed onto it, so a failure leaves nothing behind.
 */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/csv.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/dict.h"
#include "nis5g/fileio.h"
#include "nis5g/model.h"
#include "nis5g/netbox.h"
#include "nis5g/text.h"

struct origin {
    size_t file, index; /* where a site slug or device name was first seen */
};

struct nb {
    const struct nis5g_netbox_opts *o;
    struct nis5g_diags *d;
    struct nis5g_netbox_stats *st;
    struct nis5g_dict roles, sites, devices, inventory, links; /* links: "element\037depends_on" */
    uint32_t *link_line;
    int *role_domain;     /* per role id */
    char **role_function; /* per role id, owned */
    uint32_t *role_line;  /* per role id: its line in the map */
    struct origin *site_at, *device_at;
    struct nis5g_buf sites_csv, elements_csv, links_csv;
    const char *file; /* the file being read (display name) */
    size_t index;     /* the record of results being read */
};

/* ---- diagnostics ---- */

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "a whole number";
    case JSON_REAL: return "a number";
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    default: return "null";
    }
}

/* An error on field `path` of the current record: "results[12].role.slug: MSG".
 * The same error twice in a row (two fields under one ill-typed object) is
 * said once. */
__attribute__((format(printf, 4, 5))) static void rec_err(struct nb *nb, const char *path, const char *got,
                                                           const char *fmt, ...)
{
    char msg[400], full[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(full, sizeof full, "results[%zu]%s%s: %s", nb->index, *path ? "." : "", path, msg);
    const struct nis5g_diag *last = nb->d->n ? &nb->d->v[nb->d->n - 1] : NULL;
    if (last && last->file && strcmp(last->file, nb->file) == 0 && strcmp(last->msg, full) == 0)
        return;
    nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EINPUT, nb->file, 0, 0, NULL, 0, got, got ? strlen(got) : 0, "%s",
                    full);
}

/* The same for a value of the wrong type (its type is what was got). */
static void type_err(struct nb *nb, const char *path, const json_t *v, const char *want)
{
    rec_err(nb, path, NULL, "expected %s, got %s", want, type_name(v));
}

/* ---- fields of a record ---- */

/* The value at a dotted path ("device_type.manufacturer.name") under rec:
 * NULL when a step is missing or null. A step that is there but not an
 * object is an error (reported once, at that step) and *bad is set. */
static json_t *at(struct nb *nb, json_t *rec, const char *path, int *bad)
{
    char step[128];
    const char *p = path;
    json_t *v = rec;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        size_t k = dot ? (size_t)(dot - p) : strlen(p);
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)k, p);
        v = json_object_get(v, key);
        if (!v || json_is_null(v))
            return NULL;
        if (!dot)
            return v;
        if (!json_is_object(v)) {
            snprintf(step, sizeof step, "%.*s", (int)n, path);
            type_err(nb, step, v, "an object");
            *bad = 1;
            return NULL;
        }
        p = dot + 1;
    }
}

/* A string field: required ones must be non-empty strings; optional ones
 * may also be missing or null (*out NULL). 0, or -1 after an error. */
static int str_field(struct nb *nb, json_t *rec, const char *path, int required, const char **out)
{
    int bad = 0;
    json_t *v = at(nb, rec, path, &bad);
    *out = NULL;
    if (bad)
        return -1;
    if (!v) {
        if (required)
            rec_err(nb, path, NULL, "missing (a non-empty string is needed)");
        return required ? -1 : 0;
    }
    if (!json_is_string(v)) {
        type_err(nb, path, v, "a string");
        return -1;
    }
    if (required && json_string_length(v) == 0) {
        rec_err(nb, path, NULL, "empty (a non-empty string is needed)");
        return -1;
    }
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        rec_err(nb, path, NULL, "a NUL character in the string");
        return -1;
    }
    *out = json_string_value(v);
    return 0;
}

/* An optional number field: 0 with *has 0 when missing or null. */
static int num_field(struct nb *nb, json_t *rec, const char *path, double lo, double hi, double *out, int *has)
{
    int bad = 0;
    json_t *v = at(nb, rec, path, &bad);
    *has = 0;
    if (bad)
        return -1;
    if (!v)
        return 0;
    if (!json_is_number(v)) {
        type_err(nb, path, v, "a number");
        return -1;
    }
    *out = json_number_value(v);
    if (!(*out >= lo && *out <= hi)) {
        char got[40];
        snprintf(got, sizeof got, "%g", *out);
        rec_err(nb, path, got, "out of range (%g to %g)", lo, hi);
        return -1;
    }
    *has = 1;
    return 0;
}

/* A number as a plain decimal the importer reads back exactly (no
 * exponent, at most 6 decimals as NetBox stores coordinates). */
static void put_num(struct nis5g_buf *b, double v)
{
    char s[64];
    snprintf(s, sizeof s, "%.6f", v);
    char *e = s + strlen(s);
    while (e > s && e[-1] == '0')
        *--e = 0;
    if (e > s && e[-1] == '.')
        *--e = 0;
    if (strcmp(s, "-0") == 0)
        strcpy(s, "0");
    nis5g_buf_adds(b, s);
}

static void put_field(struct nis5g_buf *b, const char *s, int last)
{
    nis5g_csv_quote(b, s ? s : "");
    nis5g_buf_addch(b, last ? '\n' : ',');
}

/* ---- the map: role,domain,function ---- */

static void csv_err(struct nb *nb, struct nis5g_csv *c, const struct nis5g_csv_field *f, int show_got,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static void csv_err(struct nb *nb, struct nis5g_csv *c, const struct nis5g_csv_field *f, int show_got,
                    const char *fmt, ...)
{
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t len;
    const char *line = nis5g_csv_line_text(c, f->line_at, &len);
    nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EINPUT, c->name, (int)f->line, nis5g_csv_col(c, f->line_at, f->at),
                    line, len, show_got ? f->p : NULL, show_got ? f->n : 0, "%s", msg);
}

/* Read the header of c: the index of each of the n names in col[] (-1 when
 * absent); unknown, duplicate or missing required columns are errors.
 * Returns 0 or -1. */
static int read_header(struct nb *nb, struct nis5g_csv *c, const char *const *names, int n, unsigned required,
                       int *col)
{
    struct nis5g_err e = { 0 };
    for (int i = 0; i < n; i++)
        col[i] = -1;
    int rc = nis5g_csv_next(c, &e);
    if (rc != 1) {
        if (rc < 0)
            nis5g_diags_add_err(nb->d, &e);
        else
            nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EPARSE, c->name, 0, 0, NULL, 0, NULL, 0,
                            "empty file: a header row is needed");
        return -1;
    }
    int bad = 0;
    for (size_t k = 0; k < c->nf; k++) {
        const struct nis5g_csv_field *f = &c->f[k];
        int i = 0;
        while (i < n && !(strlen(names[i]) == f->n && memcmp(names[i], f->p, f->n) == 0))
            i++;
        if (i == n || col[i] >= 0) {
            csv_err(nb, c, f, 1, i == n ? "unknown column" : "duplicate column");
            bad = 1;
        } else {
            col[i] = (int)k;
        }
    }
    for (int i = 0; i < n; i++)
        if ((required >> i & 1) && col[i] < 0) {
            csv_err(nb, c, &c->f[0], 0, "missing column '%s'", names[i]);
            bad = 1;
        }
    return bad ? -1 : 0;
}

static int domain_of(const struct nis5g_csv_field *f)
{
    for (int i = 0; i < NIS5G_DOM_COUNT; i++)
        if (strlen(nis5g_domain_names[i]) == f->n && strncasecmp(nis5g_domain_names[i], f->p, f->n) == 0)
            return i;
    return -1;
}

static void map_row(struct nb *nb, struct nis5g_csv *c, const int *col)
{
    const struct nis5g_csv_field *role = &c->f[col[0]], *dom = &c->f[col[1]], *fn = &c->f[col[2]];
    int domain = domain_of(dom);
    if (role->n == 0)
        csv_err(nb, c, role, 0, "missing role (a NetBox device role slug)");
    if (domain < 0)
        csv_err(nb, c, dom, 1,
                "unknown domain (expected ran, transport, core, management, edge, interconnect or infrastructure)");
    if (fn->n == 0)
        csv_err(nb, c, fn, 0, "missing function (RU, gNB, AMF, router, ...)");
    if (role->n == 0 || domain < 0 || fn->n == 0)
        return;
    uint32_t before = nb->roles.n, id = nis5g_dict_intern(&nb->roles, role->p, role->n);
    if (id < before) {
        csv_err(nb, c, role, 1, "duplicate role (first mapped on line %u)", nb->role_line[id]);
        return;
    }
    nb->role_domain = nis5g_xreallocarray(nb->role_domain, id + 1, sizeof *nb->role_domain);
    nb->role_function = nis5g_xreallocarray(nb->role_function, id + 1, sizeof *nb->role_function);
    nb->role_domain[id] = domain;
    nb->role_function[id] = nis5g_xstrndup(fn->p, fn->n);
    nb->role_line = nis5g_xreallocarray(nb->role_line, id + 1, sizeof *nb->role_line);
    nb->role_line[id] = role->line;
}

/* Open a CSV file with its display name (the path as given). */
static int open_csv(struct nb *nb, struct nis5g_csv *c, const char *path)
{
    struct nis5g_err e = { 0 };
    if (nis5g_csv_open_file(c, path, path, &e)) {
        nis5g_diags_add_err(nb->d, &e);
        return -1;
    }
    return 0;
}

/* Each data row of c through row(); a row with another number of fields
 * than the header is an error, a blank last line is ignored. */
static void csv_rows(struct nb *nb, struct nis5g_csv *c, size_t width, const int *col,
                     void (*row)(struct nb *, struct nis5g_csv *, const int *))
{
    struct nis5g_err e = { 0 };
    int rc;
    while (!nis5g_diags_full(nb->d) && (rc = nis5g_csv_next(c, &e)) != 0) {
        if (rc < 0) {
            nis5g_diags_add_err(nb->d, &e);
            return;
        }
        if (c->nf == 1 && c->f[0].n == 0 && c->pos >= c->len)
            return; /* a blank last line */
        if (c->nf != width) {
            csv_err(nb, c, &c->f[c->nf < width ? c->nf - 1 : width], 0, "expected %zu fields, got %zu", width, c->nf);
            continue;
        }
        row(nb, c, col);
    }
}

static void read_map(struct nb *nb)
{
    static const char *const names[] = { "role", "domain", "function" };
    struct nis5g_csv c;
    int col[3];
    if (open_csv(nb, &c, nb->o->map))
        return;
    if (read_header(nb, &c, names, 3, 7, col) == 0)
        csv_rows(nb, &c, c.nf, col, map_row);
    nis5g_csv_close(&c);
}

/* ---- pages ---- */

/* Load a page file: an object whose results is an array. NULL after an
 * error. *count is its count (-1 when it has none). */
static json_t *load_page(struct nb *nb, const char *path, long long *count)
{
    json_error_t je;
    json_t *page = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!page) {
        if (je.line < 0) /* not opened or not read */
            nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EIO, path, 0, 0, NULL, 0, NULL, 0, "%s",
                            je.text);
        else
            nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EPARSE, path, je.line, je.column > 0 ? je.column : 0, NULL, 0,
                            NULL, 0, "not a NetBox API page: %s", je.text);
        return NULL;
    }
    json_t *res = json_object_get(page, "results"), *cnt = json_object_get(page, "count");
    const char *why = !json_is_object(page)           ? "the file is not a JSON object"
                      : !json_is_array(res)           ? "'results' is not an array"
                      : cnt && !json_is_integer(cnt)  ? "'count' is not a whole number"
                                                      : NULL;
    if (why) {
        nis5g_diags_add(nb->d, NIS5G_ERROR, NIS5G_EINPUT, path, 0, 0, NULL, 0, NULL, 0,
                        "not a NetBox API page (an object with count, next, previous and results): %s", why);
        json_decref(page);
        return NULL;
    }
    *count = cnt ? json_integer_value(cnt) : -1;
    return page;
}

/* Read every page of files through rec(); warn when the pages of one
 * listing (one count in all of them) do not hold count results. */
static void read_pages(struct nb *nb, const char *const *files, size_t n, const char *what,
                       void (*rec)(struct nb *, json_t *, size_t))
{
    long long count = -2, total = 0;
    for (size_t f = 0; f < n && !nis5g_diags_full(nb->d); f++) {
        long long c;
        json_t *page = load_page(nb, files[f], &c);
        if (!page) {
            count = -3;
            continue;
        }
        count = count == -2 || count == c ? c : -3;
        json_t *res = json_object_get(page, "results");
        total += (long long)json_array_size(res);
        nb->file = files[f];
        for (size_t i = 0; i < json_array_size(res) && !nis5g_diags_full(nb->d); i++) {
            nb->index = i;
            json_t *r = json_array_get(res, i);
            if (!json_is_object(r))
                type_err(nb, "", r, "an object");
            else
                rec(nb, r, f);
        }
        json_decref(page);
    }
    if (count >= 0 && count != total)
        nis5g_diags_add(nb->d, NIS5G_WARNING, NIS5G_EINPUT, files[0], 0, 0, NULL, 0, NULL, 0,
                        "the %s listing counts %lld but its %zu page file%s hold%s %lld: is a page missing?", what,
                        count, n, n == 1 ? "" : "s", n == 1 ? "s" : "", total);
}

/* A name (site slug, device name) seen before is an error naming where. */
static int first_time(struct nb *nb, struct nis5g_dict *dict, struct origin **at, const char *name, size_t file,
                      const char *path, const char *const *files, const char *what)
{
    uint32_t before = dict->n, id = nis5g_dict_intern(dict, name, strlen(name));
    if (id < before) {
        rec_err(nb, path, name, "duplicate %s (first in %s results[%zu])", what, files[(*at)[id].file],
                (*at)[id].index);
        return 0;
    }
    *at = nis5g_xreallocarray(*at, id + 1, sizeof **at);
    (*at)[id] = (struct origin){ file, nb->index };
    return 1;
}

/* tags[].slug joined with ';'. 0, or -1 after an error. */
static int site_tags(struct nb *nb, json_t *r, struct nis5g_buf *tags)
{
    json_t *t = json_object_get(r, "tags");
    if (!t || json_is_null(t))
        return 0;
    if (!json_is_array(t)) {
        type_err(nb, "tags", t, "an array");
        return -1;
    }
    for (size_t i = 0; i < json_array_size(t); i++) {
        char path[32];
        const char *slug;
        snprintf(path, sizeof path, "tags[%zu]", i);
        json_t *tag = json_array_get(t, i);
        if (!json_is_object(tag)) {
            type_err(nb, path, tag, "an object");
            return -1;
        }
        snprintf(path, sizeof path, "tags[%zu].slug", i);
        json_t *v = json_object_get(tag, "slug");
        if (!json_is_string(v) || json_string_length(v) == 0 ||
            strlen(json_string_value(v)) != json_string_length(v)) {
            if (v && !json_is_null(v) && !json_is_string(v))
                type_err(nb, path, v, "a string");
            else
                rec_err(nb, path, NULL, "missing (a non-empty string is needed)");
            return -1;
        }
        slug = json_string_value(v);
        if (strchr(slug, ';')) {
            rec_err(nb, path, slug, "a tag with ';' (which separates tags in sites.csv)");
            return -1;
        }
        nis5g_buf_addf(tags, "%s%s", tags->len ? ";" : "", slug);
    }
    return 0;
}

static void site_rec(struct nb *nb, json_t *r, size_t file)
{
    const char *slug, *region;
    double lat = 0, lon = 0, hours = 0, subs = 0;
    int has_lat, has_lon, has_hours, has_subs;
    int bad = str_field(nb, r, "slug", 1, &slug);
    bad |= num_field(nb, r, "latitude", -90, 90, &lat, &has_lat);
    bad |= num_field(nb, r, "longitude", -180, 180, &lon, &has_lon);
    bad |= str_field(nb, r, "region.slug", 0, &region);
    bad |= num_field(nb, r, "custom_fields.backup_hours", 0, 1e9, &hours, &has_hours);
    bad |= num_field(nb, r, "custom_fields.subscribers", 0, 9e15, &subs, &has_subs);
    if (has_subs && subs != floor(subs)) {
        rec_err(nb, "custom_fields.subscribers", NULL, "expected a whole number of subscribers");
        bad = 1;
    }
    if (!bad && has_lat != has_lon) {
        rec_err(nb, has_lat ? "longitude" : "latitude", NULL,
                "missing (a site has both latitude and longitude, or neither)");
        bad = 1;
    }
    struct nis5g_buf tags;
    nis5g_buf_init(&tags);
    bad |= site_tags(nb, r, &tags);
    if (!bad && first_time(nb, &nb->sites, &nb->site_at, slug, file, "slug", nb->o->sites, "site slug")) {
        struct nis5g_buf *b = &nb->sites_csv;
        put_field(b, slug, 0);
        put_field(b, nb->o->operator_id, 0);
        if (has_lat)
            put_num(b, lat);
        nis5g_buf_addch(b, ',');
        if (has_lon)
            put_num(b, lon);
        nis5g_buf_addch(b, ',');
        put_field(b, region, 0);
        put_field(b, tags.data, 0);
        if (has_hours)
            put_num(b, hours);
        nis5g_buf_addch(b, ',');
        if (has_subs)
            nis5g_buf_addf(b, "%.0f", subs);
        nis5g_buf_addch(b, '\n');
        nb->st->sites++;
    }
    nis5g_buf_release(&tags);
}

/* ---- devices ---- */

static const struct {
    const char *netbox, *status; /* status NULL: inventory, left out */
    int kind;                    /* index into by_status */
} statuses[] = {
    { "active", "active", 0 },   { "planned", "planned", 1 }, { "staged", "planned", 1 },
    { "offline", "retired", 2 }, { "failed", "retired", 2 },  { "decommissioning", "retired", 2 },
    { "inventory", NULL, 0 },
};

static int status_of(struct nb *nb, json_t *r)
{
    const char *v;
    if (str_field(nb, r, "status.value", 1, &v))
        return -1;
    for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++)
        if (strcmp(statuses[i].netbox, v) == 0)
            return (int)i;
    rec_err(nb, "status.value", v,
            "unknown status (expected active, planned, staged, offline, failed, decommissioning or inventory)");
    return -1;
}

/* The checks of a device's fields beyond its status; 0 or -1. */
static int device_fields(struct nb *nb, json_t *r, const char **f, uint32_t *role)
{
    /* f: name, vendor, product, role, site, installed, sw_version */
    int bad = str_field(nb, r, "name", 1, &f[0]);
    bad |= str_field(nb, r, "device_type.manufacturer.name", 1, &f[1]);
    bad |= str_field(nb, r, "device_type.model", 1, &f[2]);
    bad |= str_field(nb, r, "role.slug", 1, &f[3]);
    bad |= str_field(nb, r, "site.slug", 1, &f[4]);
    bad |= str_field(nb, r, "custom_fields.installed", 0, &f[5]);
    bad |= str_field(nb, r, "custom_fields.sw_version", 0, &f[6]);
    if (f[3] && (*role = nis5g_dict_finds(&nb->roles, f[3])) == NIS5G_NONE) {
        rec_err(nb, "role.slug", f[3], "role is not in %s", nb->o->map);
        bad = 1;
    }
    if (f[4] && nis5g_dict_finds(&nb->sites, f[4]) == NIS5G_NONE) {
        rec_err(nb, "site.slug", f[4], "site is not in the sites' page files");
        bad = 1;
    }
    int32_t day;
    if (f[5] && *f[5] && nis5g_date_parse(f[5], strlen(f[5]), &day)) {
        rec_err(nb, "custom_fields.installed", f[5], "expected a date (YYYY-MM-DD, a real calendar day)");
        bad = 1;
    }
    return bad ? -1 : 0;
}

static void device_rec(struct nb *nb, json_t *r, size_t file)
{
    int s = status_of(nb, r);
    if (s >= 0 && !statuses[s].status) {
        const char *name = NULL;
        json_t *n = json_object_get(r, "name");
        if (json_is_string(n) && (name = json_string_value(n))[0])
            nis5g_dict_intern(&nb->inventory, name, strlen(name));
        nb->st->inventory++;
        return;
    }
    const char *f[7] = { 0 };
    uint32_t role = NIS5G_NONE;
    if (device_fields(nb, r, f, &role) || s < 0)
        return;
    if (!first_time(nb, &nb->devices, &nb->device_at, f[0], file, "name", nb->o->devices, "device name"))
        return;
    struct nis5g_buf *b = &nb->elements_csv;
    put_field(b, f[0], 0);
    put_field(b, nb->o->operator_id, 0);
    put_field(b, f[4], 0);
    put_field(b, nis5g_domain_names[nb->role_domain[role]], 0);
    put_field(b, nb->role_function[role], 0);
    put_field(b, f[1], 0);
    put_field(b, f[2], 0);
    put_field(b, f[6], 0);
    put_field(b, f[5], 0);
    put_field(b, statuses[s].status, 1);
    nb->st->elements++;
    nb->st->by_status[statuses[s].kind]++;
}

/* ---- links.csv ---- */

static int link_end(struct nb *nb, struct nis5g_csv *c, const struct nis5g_csv_field *f, const char *what)
{
    if (f->n == 0) {
        csv_err(nb, c, f, 0, "missing %s", what);
        return -1;
    }
    if (nis5g_dict_find(&nb->devices, f->p, f->n) != NIS5G_NONE)
        return 0;
    if (nis5g_dict_find(&nb->inventory, f->p, f->n) != NIS5G_NONE)
        csv_err(nb, c, f, 1, "%s is a device in inventory, which is left out", what);
    else
        csv_err(nb, c, f, 1, "%s is not a device of the devices' page files", what);
    return -1;
}

static void link_row(struct nb *nb, struct nis5g_csv *c, const int *col)
{
    const struct nis5g_csv_field *el = &c->f[col[0]], *dep = &c->f[col[1]];
    int bad = link_end(nb, c, el, "element");
    bad |= link_end(nb, c, dep, "depends_on");
    if (bad)
        return;
    if (el->n == dep->n && memcmp(el->p, dep->p, el->n) == 0) {
        csv_err(nb, c, dep, 1, "an element cannot depend on itself");
        return;
    }
    struct nis5g_buf key;
    nis5g_buf_init(&key);
    nis5g_buf_add(&key, el->p, el->n);
    nis5g_buf_addch(&key, '\037');
    nis5g_buf_add(&key, dep->p, dep->n);
    uint32_t before = nb->links.n, id = nis5g_dict_intern(&nb->links, key.data, key.len);
    nis5g_buf_release(&key);
    if (id < before) {
        csv_err(nb, c, el, 0, "duplicate link (first on line %u)", nb->link_line[id]);
        return;
    }
    nb->link_line = nis5g_xreallocarray(nb->link_line, id + 1, sizeof *nb->link_line);
    nb->link_line[id] = el->line;
    struct nis5g_buf *b = &nb->links_csv;
    char *e = nis5g_xstrndup(el->p, el->n), *d = nis5g_xstrndup(dep->p, dep->n);
    char *g = col[2] >= 0 ? nis5g_xstrndup(c->f[col[2]].p, c->f[col[2]].n) : NULL;
    put_field(b, e, 0);
    put_field(b, d, 0);
    put_field(b, g, 1);
    free(e);
    free(d);
    free(g);
    nb->st->links++;
}

static void read_links(struct nb *nb)
{
    static const char *const names[] = { "element", "depends_on", "group" };
    struct nis5g_csv c;
    int col[3];
    if (open_csv(nb, &c, nb->o->links))
        return;
    if (read_header(nb, &c, names, 3, 3, col) == 0)
        csv_rows(nb, &c, c.nf, col, link_row);
    nis5g_csv_close(&c);
}

/* ---- the folder ---- */

static const char *const out_files[3] = { "sites.csv", "elements.csv", "links.csv" };

static void remove_tmp(const char *tmp)
{
    char p[4200];
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s/%s", tmp, out_files[i]);
        unlink(p);
    }
    rmdir(tmp);
}

/* The target must be missing or an empty folder. */
static int check_dir(const char *dir, int *exists, struct nis5g_err *err)
{
    struct stat sb;
    *exists = stat(dir, &sb) == 0;
    if (!*exists)
        return 0;
    if (!S_ISDIR(sb.st_mode))
        return nis5g_err_set(err, NIS5G_EUSAGE, "-o '%s' is not a folder", dir);
    DIR *dh = opendir(dir);
    if (!dh)
        return nis5g_err_set(err, NIS5G_EIO, "cannot read '%s': %s", dir, strerror(errno));
    struct dirent *de;
    int empty = 1;
    while (empty && (de = readdir(dh)))
        empty = strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0;
    closedir(dh);
    return empty ? 0
                 : nis5g_err_set(err, NIS5G_EEXIST,
                                 "'%s' is not empty: from-netbox writes a new folder (give a new name or empty it)", dir);
}

static int write_dir(struct nb *nb, struct nis5g_err *err)
{
    int exists;
    int rc = check_dir(nb->o->dir, &exists, err);
    if (rc)
        return rc;
    size_t n = strlen(nb->o->dir);
    while (n > 1 && nb->o->dir[n - 1] == '/')
        n--;
    char tmp[4096], p[4200];
    if (n + 16 >= sizeof tmp)
        return nis5g_err_set(err, NIS5G_EUSAGE, "-o: the folder name is too long");
    snprintf(tmp, sizeof tmp, "%.*s.tmp-XXXXXX", (int)n, nb->o->dir);
    if (!mkdtemp(tmp))
        return nis5g_err_set(err, NIS5G_EIO, "cannot create '%s': %s", nb->o->dir, strerror(errno));
    chmod(tmp, 0755);
    const struct nis5g_buf *bufs[3] = { &nb->sites_csv, &nb->elements_csv, &nb->links_csv };
    for (int i = 0; i < 3 && !rc; i++) {
        if (i == 2 && !nb->o->links)
            break;
        snprintf(p, sizeof p, "%s/%s", tmp, out_files[i]);
        rc = nis5g_write_file_atomic(p, bufs[i]->data, bufs[i]->len, 0644, 0, err);
        if (rc) { /* named in the folder asked for, not the private one beside it */
            const char *why = strstr(err->msg, "': ");
            char reason[sizeof err->msg];
            snprintf(reason, sizeof reason, "%s", why ? why + 3 : err->msg);
            nis5g_err_set(err, rc, "cannot write '%.*s/%s': %s (nothing written)", (int)n, nb->o->dir, out_files[i],
                          reason);
        }
    }
    if (!rc && rename(tmp, nb->o->dir))
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot create '%s': %s", nb->o->dir, strerror(errno));
    if (rc)
        remove_tmp(tmp);
    return rc;
}

/* ---- all of it ---- */

static int check_operator(const char *op, struct nis5g_err *err)
{
    size_t n = strlen(op);
    if (n == 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--operator: an operator id is needed");
    if (n == 2 && op[0] >= 'A' && op[0] <= 'Z' && op[1] >= 'A' && op[1] <= 'Z')
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "--operator: an operator id of two capital letters would clash with country codes "
                             "\xe2\x80\x94 got '%s'",
                             op);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)op[i] < 0x20 || op[i] == 0x7f)
            return nis5g_err_set(err, NIS5G_EUSAGE, "--operator: a control character in the operator id");
    return 0;
}

int nis5g_netbox_convert(const struct nis5g_netbox_opts *o, struct nis5g_netbox_stats *st, struct nis5g_diags *d,
                         struct nis5g_err *err)
{
    int rc = check_operator(o->operator_id, err);
    if (rc)
        return rc;
    struct nb nb = { .o = o, .d = d, .st = st };
    memset(st, 0, sizeof *st);
    nis5g_dict_init(&nb.roles);
    nis5g_dict_init(&nb.sites);
    nis5g_dict_init(&nb.devices);
    nis5g_dict_init(&nb.inventory);
    nis5g_dict_init(&nb.links);
    nis5g_buf_init(&nb.sites_csv);
    nis5g_buf_init(&nb.elements_csv);
    nis5g_buf_init(&nb.links_csv);
    nis5g_buf_adds(&nb.sites_csv, "site,operator,lat,lon,region,tags,backup_hours,subscribers\n");
    nis5g_buf_adds(&nb.elements_csv,
                   "element,operator,site,domain,function,vendor,product,sw_version,installed,status\n");
    nis5g_buf_adds(&nb.links_csv, "element,depends_on,group\n");
    size_t before = d->errors;
    read_map(&nb);
    if (d->errors == before)
        read_pages(&nb, o->sites, o->n_sites, "sites", site_rec);
    if (d->errors == before)
        read_pages(&nb, o->devices, o->n_devices, "devices", device_rec);
    if (d->errors == before && o->links)
        read_links(&nb);
    if (d->errors > before)
        rc = nis5g_err_set(err, NIS5G_EINPUT, "%zu error%s: nothing written", d->errors - before,
                           d->errors - before == 1 ? "" : "s");
    else
        rc = write_dir(&nb, err);
    for (uint32_t i = 0; i < nb.roles.n; i++)
        free(nb.role_function[i]);
    free(nb.role_function);
    free(nb.role_domain);
    free(nb.role_line);
    free(nb.site_at);
    free(nb.device_at);
    nis5g_dict_release(&nb.roles);
    nis5g_dict_release(&nb.sites);
    nis5g_dict_release(&nb.devices);
    nis5g_dict_release(&nb.inventory);
    nis5g_dict_release(&nb.links);
    free(nb.link_line);
    nis5g_buf_release(&nb.sites_csv);
    nis5g_buf_release(&nb.elements_csv);
    nis5g_buf_release(&nb.links_csv);
    return rc;
}
