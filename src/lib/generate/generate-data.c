/*
 * generate-data.c — loading the generator's editable figures: countries.csv
 * (population, region centres, operators and their vendor mixes),
 * vendors.csv (supplier risk factors with sources) and products.csv.
 * The files are small and written by people, so the parser is simple: one
 * record per line, RFC 4180 quotes inside a line, columns found by name.
 */
#include <stdlib.h>
#include <string.h>

#include "generate/generate-int.h"
#include "nis5g/buf.h"
#include "nis5g/factors.h"
#include "nis5g/text.h"
#include "base/csv.h"
#include "nis5g/data.h"
#include "nis5g/date.h"

const char *const gen_fn_name[FN_COUNT] = {
    "RU",   "DU",   "CU",  "gNB",  "AMF", "SMF",    "UPF",    "AUSF",     "UDM",  "UDR",   "PCF",  "NRF",
    "NSSF", "NEF",  "SEPP", "NWDAF", "OSS", "EMS",   "MANO",   "router", "switch", "firewall", "NFVI", "power",
};

#define MAX_FIELDS 24

/* The figures files, read with the project's CSV reader (csv.h): a row's
 * fields are handed on as NUL-terminated strings, in a buffer per row (the
 * files are small). */
struct table {
    const char *name;
    struct nis5g_csv csv;
    struct nis5g_buf hdrbuf, row;
    char *hdr[MAX_FIELDS];
    int nh;
    int line; /* line of the current row */
};

static void table_close(struct table *t)
{
    nis5g_csv_close(&t->csv);
    nis5g_buf_release(&t->hdrbuf);
    nis5g_buf_release(&t->row);
}

/* Copy the current record's fields into b and point f at them. */
static int fields(struct table *t, struct nis5g_buf *b, char **f, struct nis5g_err *err)
{
    const struct nis5g_csv *c = &t->csv;
    if (c->nf > MAX_FIELDS)
        return nis5g_err_set(err, NIS5G_EPARSE, "%s:%u: more than %d fields", t->name, c->f[0].line, MAX_FIELDS);
    size_t off[MAX_FIELDS];
    nis5g_buf_reset(b);
    for (size_t i = 0; i < c->nf; i++) {
        off[i] = b->len;
        nis5g_buf_add(b, c->f[i].p, c->f[i].n);
        nis5g_buf_addch(b, 0);
    }
    for (size_t i = 0; i < c->nf; i++)
        f[i] = b->data + off[i];
    return 0;
}

static int table_open(struct table *t, const char *name, struct nis5g_err *err)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    struct nis5g_buf path = NIS5G_BUF_INIT;
    int rc = nis5g_data_path(name, &path, err);
    if (!rc)
        rc = nis5g_csv_open_file(&t->csv, path.data, name, err);
    nis5g_buf_release(&path);
    if (rc)
        return rc;
    rc = nis5g_csv_next(&t->csv, err);
    if (rc < 0)
        return -rc;
    if (rc == 0)
        return nis5g_err_set(err, NIS5G_EPARSE, "%s: the file is empty", name);
    t->line = 1;
    t->nh = (int)t->csv.nf;
    return fields(t, &t->hdrbuf, t->hdr, err);
}

/* Next record into f (t->nh fields), blank lines skipped. 1 = a record,
 * 0 = end, <0 error. */
static int table_next(struct table *t, char **f, struct nis5g_err *err)
{
    for (;;) {
        int rc = nis5g_csv_next(&t->csv, err);
        if (rc <= 0)
            return rc;
        t->line = (int)t->csv.f[0].line;
        if (t->csv.nf == 1 && t->csv.f[0].n == 0)
            continue;
        if ((int)t->csv.nf != t->nh)
            return -nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: expected %d fields, got %zu", t->name, t->line, t->nh,
                                  t->csv.nf);
        rc = fields(t, &t->row, f, err);
        return rc ? -rc : 1;
    }
}

/* The index of each of the n columns names[] in the header into ci[]. */
static int cols(const struct table *t, const char *const *names, int n, int *ci, struct nis5g_err *err)
{
    for (int k = 0; k < n; k++) {
        ci[k] = -1;
        for (int i = 0; i < t->nh && ci[k] < 0; i++)
            if (strcmp(t->hdr[i], names[k]) == 0)
                ci[k] = i;
        if (ci[k] < 0)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s: missing column '%s'", t->name, names[k]);
    }
    return 0;
}

static int num(const struct table *t, const char *s, double *out, struct nis5g_err *err)
{
    char *end;
    *out = strtod(s, &end);
    if (end == s || *end)
        return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: expected a number, got '%s'", t->name, t->line, s);
    return 0;
}

static void copy(char *dst, size_t cap, const char *s)
{
    size_t n = strlen(s);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, s, n);
    dst[n] = 0;
}

int gen_vendor_find(const struct gen_data *d, const char *name)
{
    for (int i = 0; i < d->nv; i++)
        if (strcmp(d->v[i].name, name) == 0)
            return i;
    return -1;
}

/* "Huawei:55/Ericsson:45" */
static int parse_mix(const struct gen_data *d, const struct table *t, char *s, struct gen_mix *m,
                     struct nis5g_err *err)
{
    m->n = 0;
    while (*s) {
        char *slash = strchr(s, '/');
        if (slash)
            *slash = 0;
        char *colon = strchr(s, ':'); /* "Nokia" alone means Nokia:100 */
        if (colon)
            *colon = 0;
        int v = gen_vendor_find(d, s);
        if (v < 0)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: unknown vendor '%s' (not in vendors.csv)", t->name,
                                 t->line, s);
        if (m->n == GEN_MAX_MIX)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: too many vendors in a mix", t->name, t->line);
        double w;
        if (num(t, colon ? colon + 1 : "100", &w, err))
            return err->code;
        m->v[m->n] = v;
        m->w[m->n++] = w;
        if (!slash)
            break;
        s = slash + 1;
    }
    return 0;
}

static int load_vendors(struct gen_data *d, struct nis5g_err *err)
{
    struct table t = { 0 };
    int rc = table_open(&t, "vendors.csv", err);
    if (rc)
        goto out;
    static const char *const names[] = { "vendor", "country", "state_owned", NIS5G_FACTORS(NIS5G_FACTOR_COLUMN)
                                        "designation", "notes" };
    _Static_assert(sizeof names / sizeof names[0] == 12, "vendors.csv: 3 + the factors + 2 columns");
    int ci[12];
    if ((rc = cols(&t, names, 12, ci, err)))
        goto out;
    char *f[MAX_FIELDS];
    int r;
    while ((r = table_next(&t, f, err)) > 0) {
        if (d->nv == GEN_MAX_VENDORS) {
            rc = nis5g_err_set(err, NIS5G_ELIMIT, "vendors.csv: too many vendors");
            goto out;
        }
        struct gen_vendor *v = &d->v[d->nv++];
        copy(v->name, sizeof v->name, f[ci[0]]);
        v->chinese = strcmp(f[ci[1]], "CN") == 0;
        struct nis5g_buf row = NIS5G_BUF_INIT;
        nis5g_buf_init(&row);
        for (int i = 0; i < 12; i++) {
            const char *s = f[ci[i]];
            if (i)
                nis5g_buf_addch(&row, ',');
            nis5g_csv_quote(&row, s);
        }
        nis5g_buf_addch(&row, '\n');
        v->row = nis5g_buf_detach(&row, NULL);
    }
    if (r < 0)
        rc = err->code;
out:
    table_close(&t);
    return rc;
}

static int load_products(struct gen_data *d, struct nis5g_err *err)
{
    struct table t = { 0 };
    int rc = table_open(&t, "products.csv", err);
    if (rc)
        goto out;
    static const char *const names[] = { "vendor",        "product",        "functions",     "from_year",
                                        "to_year",       "certifications", "end_of_support", "critical_vulns" };
    int ci[8];
    if ((rc = cols(&t, names, 8, ci, err)))
        goto out;
    char *f[MAX_FIELDS];
    int r;
    while ((r = table_next(&t, f, err)) > 0) {
        if (d->np == GEN_MAX_PRODUCTS) {
            rc = nis5g_err_set(err, NIS5G_ELIMIT, "products.csv: too many products");
            goto out;
        }
        struct gen_product *p = &d->p[d->np++];
        p->vendor = gen_vendor_find(d, f[ci[0]]);
        if (p->vendor < 0) {
            rc = nis5g_err_set(err, NIS5G_EPARSE, "products.csv:%d: unknown vendor '%s'", t.line, f[ci[0]]);
            goto out;
        }
        copy(p->name, sizeof p->name, f[ci[1]]);
        p->fmask = 0;
        for (char *s = f[ci[2]]; *s;) {
            char *semi = strchr(s, ';');
            if (semi)
                *semi = 0;
            int k = 0;
            while (k < FN_COUNT && strcmp(gen_fn_name[k], s) != 0)
                k++;
            if (k == FN_COUNT) {
                rc = nis5g_err_set(err, NIS5G_EPARSE, "products.csv:%d: unknown function '%s'", t.line, s);
                goto out;
            }
            p->fmask |= 1u << k;
            if (!semi)
                break;
            s = semi + 1;
        }
        double y0, y1, vulns;
        if (num(&t, f[ci[3]], &y0, err) || num(&t, f[ci[4]], &y1, err) ||
            num(&t, *f[ci[7]] ? f[ci[7]] : "0", &vulns, err)) {
            rc = err->code;
            goto out;
        }
        p->y0 = (int)y0;
        p->y1 = (int)y1;
        p->vulns = (int)vulns;
        copy(p->certs, sizeof p->certs, f[ci[5]]);
        copy(p->eos, sizeof p->eos, f[ci[6]]);
    }
    if (r < 0)
        rc = err->code;
out:
    table_close(&t);
    return rc;
}

/* Default RAN mixes for operators the data file gives none: the country's
 * Chinese share is carried by the operators in file order, at most 75% of
 * any one's RAN (or the whole share when it exceeds 75%). */
static void default_mixes(struct gen_data *d, struct gen_country *c, const int *explicit_ran,
                          const int *explicit_core, const int *explicit_tr)
{
    int hw = gen_vendor_find(d, "Huawei"), zte = gen_vendor_find(d, "ZTE");
    int er = gen_vendor_find(d, "Ericsson"), no = gen_vendor_find(d, "Nokia");
    int ci = gen_vendor_find(d, "Cisco"), ju = gen_vendor_find(d, "Juniper");
    double total = 0, remaining = 0;
    for (int k = 0; k < c->nop; k++)
        total += c->op[k].share;
    remaining = c->cn / 100.0 * total;
    double cap = c->cn / 100.0 > 0.75 ? c->cn / 100.0 : 0.75;
    for (int k = 0; k < c->nop; k++) {
        struct gen_op *o = &c->op[k];
        if (!explicit_ran[k]) {
            double cn = remaining / o->share;
            if (cn > cap)
                cn = cap;
            if (cn < 0.005)
                cn = 0;
            remaining -= cn * o->share;
            struct gen_mix *m = &o->ran;
            m->n = 0;
            if (cn > 0) {
                m->v[m->n] = hw, m->w[m->n++] = 85 * cn;
                m->v[m->n] = zte, m->w[m->n++] = 15 * cn;
            }
            if (cn < 1) {
                double a = k % 2 == 0 ? 60 : 35;
                m->v[m->n] = er, m->w[m->n++] = a * (1 - cn);
                m->v[m->n] = no, m->w[m->n++] = (100 - a) * (1 - cn);
            }
        } else {
            for (int i = 0; i < o->ran.n; i++)
                if (d->v[o->ran.v[i]].chinese)
                    remaining -= o->ran.w[i] / 100.0 * o->share;
        }
        if (!explicit_core[k]) {
            o->core.n = 1;
            o->core.v[0] = k % 2 == 0 ? er : no;
            o->core.w[0] = 100;
        }
        if (!explicit_tr[k]) {
            struct gen_mix *m = &o->transport;
            m->n = 2;
            m->w[0] = 60, m->w[1] = 40;
            switch (k % 4) {
            case 0: m->v[0] = ci, m->v[1] = ju; break;
            case 1: m->v[0] = no, m->v[1] = ci; break;
            case 2:
                if (c->cn >= 40 && c->restricted == NIS5G_NO_DATE)
                    m->v[0] = hw, m->v[1] = ju, m->w[0] = 50, m->w[1] = 50;
                else
                    m->v[0] = ju, m->v[1] = no;
                break;
            default: m->v[0] = ci, m->v[1] = no, m->w[0] = 50, m->w[1] = 50; break;
            }
        }
    }
}

static int parse_ops(struct gen_data *d, const struct table *t, struct gen_country *c, char *s,
                     struct nis5g_err *err)
{
    int ex_ran[GEN_MAX_OPS] = { 0 }, ex_core[GEN_MAX_OPS] = { 0 }, ex_tr[GEN_MAX_OPS] = { 0 };
    while (*s) {
        char *semi = strchr(s, ';');
        if (semi)
            *semi = 0;
        if (c->nop == GEN_MAX_OPS)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: too many operators", t->name, t->line);
        char *p[6] = { 0 };
        int n = 0;
        for (char *q = s; n < 6;) {
            p[n++] = q;
            char *bar = strchr(q, '|');
            if (!bar)
                break;
            *bar = 0;
            q = bar + 1;
        }
        if (n < 3)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: expected ID|NAME|SHARE[|RAN|CORE|TRANSPORT], got '%s'",
                                 t->name, t->line, s);
        struct gen_op *o = &c->op[c->nop];
        if (strlen(p[0]) == 2 && p[0][0] >= 'A' && p[0][0] <= 'Z' && p[0][1] >= 'A' && p[0][1] <= 'Z')
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: operator id '%s' would clash with a country code",
                                 t->name, t->line, p[0]);
        copy(o->id, sizeof o->id, p[0]);
        copy(o->name, sizeof o->name, p[1]);
        if (num(t, p[2], &o->share, err))
            return err->code;
        if (n > 3 && *p[3]) {
            if (parse_mix(d, t, p[3], &o->ran, err))
                return err->code;
            ex_ran[c->nop] = 1;
        }
        if (n > 4 && *p[4]) {
            if (parse_mix(d, t, p[4], &o->core, err))
                return err->code;
            ex_core[c->nop] = 1;
        }
        if (n > 5 && *p[5]) {
            if (parse_mix(d, t, p[5], &o->transport, err))
                return err->code;
            ex_tr[c->nop] = 1;
        }
        c->nop++;
        if (!semi)
            break;
        s = semi + 1;
    }
    if (c->nop == 0)
        return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: no operators", t->name, t->line);
    default_mixes(d, c, ex_ran, ex_core, ex_tr);
    return 0;
}

static int parse_regions(const struct table *t, struct gen_country *c, char *s, struct nis5g_err *err)
{
    while (*s) {
        char *semi = strchr(s, ';');
        if (semi)
            *semi = 0;
        if (c->nreg == GEN_MAX_REGIONS)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: too many regions", t->name, t->line);
        struct gen_region *r = &c->reg[c->nreg++];
        char *p[4];
        int n = 0;
        for (char *q = s; n < 4;) {
            p[n++] = q;
            char *colon = strchr(q, ':');
            if (!colon)
                break;
            *colon = 0;
            q = colon + 1;
        }
        if (n != 4)
            return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: expected CODE:LAT:LON:POP for a region", t->name,
                                 t->line);
        copy(r->code, sizeof r->code, p[0]);
        if (num(t, p[1], &r->lat, err) || num(t, p[2], &r->lon, err) || num(t, p[3], &r->pop, err))
            return err->code;
        if (!semi)
            break;
        s = semi + 1;
    }
    if (c->nreg == 0)
        return nis5g_err_set(err, NIS5G_EPARSE, "%s:%d: no regions", t->name, t->line);
    return 0;
}

static int load_countries(struct gen_data *d, struct nis5g_err *err)
{
    struct table t = { 0 };
    int rc = table_open(&t, "countries.csv", err);
    if (rc)
        goto out;
    static const char *const names[] = { "code",    "name",    "population", "capital",     "capital_lat",
                                        "capital_lon", "lat_min", "lat_max",    "lon_min",     "lon_max",
                                        "spread_km", "cn_ran_share", "restricted", "regions", "operators" };
    enum { NC = 15 };
    int ci[NC];
    if ((rc = cols(&t, names, NC, ci, err)))
        goto out;
    char *f[MAX_FIELDS];
    int r, cap = 0;
    while ((r = table_next(&t, f, err)) > 0) {
        if (d->nc == cap) {
            cap = cap ? 2 * cap : 32;
            d->c = nis5g_xreallocarray(d->c, (size_t)cap, sizeof *d->c);
        }
        struct gen_country *c = &d->c[d->nc++];
        memset(c, 0, sizeof *c);
        if (strlen(f[ci[0]]) != 2) {
            rc = nis5g_err_set(err, NIS5G_EPARSE, "countries.csv:%d: bad country code '%s'", t.line, f[ci[0]]);
            goto out;
        }
        copy(c->code, sizeof c->code, f[ci[0]]);
        copy(c->name, sizeof c->name, f[ci[1]]);
        copy(c->capital, sizeof c->capital, f[ci[3]]);
        double *nums[] = { NULL, NULL, &c->pop, NULL, &c->clat, &c->clon, &c->lat0, &c->lat1,
                           &c->lon0, &c->lon1, &c->spread_km, &c->cn };
        for (int i = 0; i < 12; i++)
            if (nums[i] && num(&t, f[ci[i]], nums[i], err)) {
                rc = err->code;
                goto out;
            }
        c->restricted = NIS5G_NO_DATE;
        const char *rs = f[ci[12]];
        if (*rs && nis5g_date_parse(rs, strlen(rs), &c->restricted)) {
            rc = nis5g_err_set(err, NIS5G_EPARSE, "countries.csv:%d: bad date '%s'", t.line, rs);
            goto out;
        }
        if ((rc = parse_regions(&t, c, f[ci[13]], err)) || (rc = parse_ops(d, &t, c, f[ci[14]], err)))
            goto out;
    }
    if (r < 0)
        rc = err->code;
out:
    table_close(&t);
    return rc;
}

int gen_data_load(struct gen_data *d, struct nis5g_err *err)
{
    memset(d, 0, sizeof *d);
    int rc = load_vendors(d, err);
    if (!rc)
        rc = load_products(d, err);
    if (!rc)
        rc = load_countries(d, err);
    if (rc)
        gen_data_release(d);
    return rc;
}

void gen_data_release(struct gen_data *d)
{
    for (int i = 0; i < d->nv; i++)
        free(d->v[i].row);
    free(d->c);
    memset(d, 0, sizeof *d);
}
