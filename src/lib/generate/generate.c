/*
 * generate.c — `nis5g generate`: writes a realistic national 5G dataset
 * (SPEC §8) from the figures in data/ (see generate-data.c and
 * data/generate.md for where each figure comes from).
 *
 * Per operator: a core in 2–3 data centres (pooled network functions on
 * NFVI, power, routers and switches), one EMS per RAN vendor under a pooled
 * OSS, two aggregation routers per region, and radio sites with RUs on a
 * gNB or a DU+CU split. Rows are formatted straight into large buffers (no
 * printf, no per-row allocation) so that the EU27 benchmark dataset of
 * tens of millions of rows takes seconds. Every random draw comes from one
 * nis5g_rng stream per operator, in a fixed order: same seed, same bytes.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "generate/generate-int.h"
#include "nis5g/buf.h"
#include "nis5g/factors.h"
#include "nis5g/date.h"
#include "nis5g/suggest.h"
#include "nis5g/generate.h"
#include "nis5g/text.h"
#include "base/rng.h"

/* ---- assumptions (documented in data/generate.md) ---- */
#define INHABITANTS_PER_SITE 2000.0 /* per operator, at scale 1 */
#define SUBS_PER_INHABITANT 1.25    /* mobile subscriptions per inhabitant */
#define SUBS_PER_AMF 2500000.0      /* subscribers per AMF/SMF/UPF instance */
#define P_PLANNED 0.02              /* radio sites planned, not yet built */
#define P_RETIRED_RU 0.03           /* RUs of pre-2020 sites already retired */

/* ---- output buffers ---- */
#define WBUF (4u << 20)
#define ROW_MAX 1024

struct w {
    FILE *f;
    char *b;
    size_t n;
    int bad;
    uint64_t bytes, rows;
};

static void w_flush(struct w *w)
{
    if (w->n && fwrite(w->b, 1, w->n, w->f) != w->n)
        w->bad = 1;
    w->bytes += w->n;
    w->n = 0;
}

/* Every row starts with w_row: after it, ROW_MAX bytes may be written. */
static inline void w_row(struct w *w)
{
    if (w->n + ROW_MAX > WBUF)
        w_flush(w);
    w->rows++;
}

static inline void w_mem(struct w *w, const char *s, size_t n)
{
    memcpy(w->b + w->n, s, n);
    w->n += n;
}
static inline void w_s(struct w *w, const char *s)
{
    w_mem(w, s, strlen(s));
}
static inline void w_c(struct w *w, char c)
{
    w->b[w->n++] = c;
}
static inline void w_u(struct w *w, uint64_t v)
{
    char t[24];
    int i = 0;
    do
        t[i++] = (char)('0' + v % 10);
    while (v /= 10);
    while (i)
        w->b[w->n++] = t[--i];
}
static inline void w_u0(struct w *w, uint64_t v, int width)
{
    char t[24];
    int i = 0;
    do
        t[i++] = (char)('0' + v % 10);
    while (v /= 10);
    while (i < width)
        t[i++] = '0';
    while (i)
        w->b[w->n++] = t[--i];
}
/* Fixed-point decimal with 4 decimals (about 10 m), no locale. */
static inline void w_coord(struct w *w, double x)
{
    if (x < 0) {
        w_c(w, '-');
        x = -x;
    }
    uint64_t v = (uint64_t)llround(x * 10000.0);
    w_u(w, v / 10000);
    w_c(w, '.');
    w_u0(w, v % 10000, 4);
}
static inline void w_date(struct w *w, int32_t day)
{
    int y, m, d;
    nis5g_date_to_ymd(day, &y, &m, &d);
    w_u0(w, (uint64_t)y, 4);
    w_c(w, '-');
    w_u0(w, (uint64_t)m, 2);
    w_c(w, '-');
    w_u0(w, (uint64_t)d, 2);
}
/* A CSV field, quoted only when it must be (nis5g_csv_needs_quote decides,
 * as for every CSV the program writes); the bytes go straight into the row
 * buffer. Short strings only (names). */
static void w_csv(struct w *w, const char *s)
{
    if (!nis5g_csv_needs_quote(s)) {
        w_s(w, s);
        return;
    }
    w_c(w, '"');
    for (; *s; s++) {
        if (*s == '"')
            w_c(w, '"');
        w_c(w, *s);
    }
    w_c(w, '"');
}

/* ---- random helpers ---- */
static inline double U(struct nis5g_rng *r)
{
    return nis5g_rng_double(r);
}
static inline int below(struct nis5g_rng *r, int n)
{
    return (int)nis5g_rng_below(r, (uint64_t)n);
}
static int pick(struct nis5g_rng *r, const struct gen_mix *m)
{
    double t = 0;
    for (int i = 0; i < m->n; i++)
        t += m->w[i];
    double x = U(r) * t;
    for (int i = 0; i < m->n; i++) {
        if (x < m->w[i])
            return m->v[i];
        x -= m->w[i];
    }
    return m->v[m->n - 1];
}

/* ---- the generator's state ---- */
enum { F_OPS, F_SITES, F_ELEMENTS, F_LINKS, F_SUPPLIERS, F_PRODUCTS, F_MEASURES, NFILES };
static const char *const file_name[NFILES] = { "operators.csv", "sites.csv",    "elements.csv", "links.csv",
                                               "suppliers.csv", "products.csv", "measures.csv" };
static const char *const file_header[NFILES] = {
    "operator,name,country,subscribers\n",
    "site,operator,lat,lon,region,tags,backup_hours,subscribers\n",
    "element,operator,site,domain,function,vendor,product,sw_version,installed,status\n",
    "element,depends_on,group\n",
    "vendor,country,state_owned," NIS5G_FACTORS(NIS5G_FACTOR_CSV) "designation,notes\n",
    "vendor,product,certifications,end_of_support,critical_vulns\n",
    "scope,measure,status,evidence,date\n",
};

/* A radio site, decided in a first pass so that subscribers can be shared
 * out exactly before anything is written. */
struct site {
    double lat, lon;
    int32_t installed; /* NIS5G_NO_DATE for a planned site without a date */
    uint32_t subs;
    uint16_t region; /* index of the unique region code */
    uint8_t vendor, status, urban, split, nru, tags;
    uint8_t backup;
};
enum { ST_ACTIVE, ST_PLANNED, ST_RETIRED };
static const char *const status_name[] = { "active", "planned", "retired" };
enum { TAG_CAPITAL = 1, TAG_GOV = 2, TAG_MILITARY = 4 };

struct gen {
    const struct gen_data *d;
    struct w w[NFILES];
    double scale;
    uint64_t seed;
    struct site *sites;
    size_t cap_sites;
    /* product index per (vendor, function, year - GEN_YEAR0); -1 none */
    int16_t prod[GEN_MAX_VENDORS][FN_COUNT][GEN_YEARS];
    char swv[GEN_MAX_VENDORS][GEN_YEARS][4][24];
    int fallback[FN_COUNT]; /* vendor for a function nobody in a mix makes */
    int32_t d2016, d_today, d_last;
    uint64_t countries, ops;
};

static int year_of(int32_t day)
{
    int y, m, d;
    nis5g_date_to_ymd(day, &y, &m, &d);
    return y;
}

static void prepare(struct gen *g)
{
    const struct gen_data *d = g->d;
    for (int v = 0; v < GEN_MAX_VENDORS; v++)
        for (int f = 0; f < FN_COUNT; f++)
            for (int y = 0; y < GEN_YEARS; y++) {
                int best = -1;
                for (int p = 0; p < d->np; p++) {
                    const struct gen_product *pr = &d->p[p];
                    if (pr->vendor != v || !(pr->fmask & (1u << f)))
                        continue;
                    if (GEN_YEAR0 + y >= pr->y0 && GEN_YEAR0 + y <= pr->y1) {
                        best = p;
                        break;
                    }
                    if (best < 0)
                        best = p;
                }
                g->prod[v][f][y] = (int16_t)best;
            }
    /* Software versions in each vendor's own numbering, by release date. */
    for (int v = 0; v < d->nv; v++)
        for (int y = 0; y < GEN_YEARS; y++)
            for (int q = 0; q < 4; q++) {
                char *s = g->swv[v][y][q];
                int yy = (GEN_YEAR0 + y) % 100;
                const char *n = d->v[v].name;
                if (strcmp(n, "Ericsson") == 0)
                    snprintf(s, 24, "%02d.Q%d", yy, q + 1);
                else if (strcmp(n, "Nokia") == 0)
                    snprintf(s, 24, "%02dR%d", yy, q / 2 + 1);
                else if (strcmp(n, "Huawei") == 0)
                    snprintf(s, 24, "V100R0%02dC%d0", yy, q + 1);
                else if (strcmp(n, "ZTE") == 0)
                    snprintf(s, 24, "V%d.%02d.%d0", 4 + y / 4, yy, q + 1);
                else if (strcmp(n, "Cisco") == 0)
                    snprintf(s, 24, "IOS XR %d.%d.%d", 6 + y / 4, y % 4 * 2 + q / 2, q % 2 + 1);
                else if (strcmp(n, "Juniper") == 0)
                    snprintf(s, 24, "Junos %02d.%dR1", yy, q + 1);
                else
                    snprintf(s, 24, "%d.%d", yy, q + 1);
            }
    static const char *const fb[FN_COUNT] = {
        [FN_RU] = "Ericsson",  [FN_DU] = "Ericsson",     [FN_CU] = "Ericsson",  [FN_GNB] = "Ericsson",
        [FN_AMF] = "Ericsson", [FN_SMF] = "Ericsson",    [FN_UPF] = "Ericsson", [FN_AUSF] = "Ericsson",
        [FN_UDM] = "Ericsson", [FN_UDR] = "Ericsson",    [FN_PCF] = "Ericsson", [FN_NRF] = "Ericsson",
        [FN_NSSF] = "Ericsson", [FN_NEF] = "Ericsson",   [FN_SEPP] = "Ericsson", [FN_NWDAF] = "Ericsson",
        [FN_OSS] = "Ericsson", [FN_EMS] = "Ericsson",    [FN_MANO] = "Ericsson", [FN_ROUTER] = "Cisco",
        [FN_SWITCH] = "Cisco", [FN_FIREWALL] = "Fortinet", [FN_NFVI] = "HPE",    [FN_POWER] = "Vertiv",
    };
    for (int f = 0; f < FN_COUNT; f++) {
        int v = gen_vendor_find(d, fb[f]);
        g->fallback[f] = v >= 0 ? v : 0;
    }
    g->d2016 = nis5g_date_from_ymd(2016, 1, 1);
    g->d_last = nis5g_date_from_ymd(2026, 10, 31); /* the last installation date drawn */
    g->d_today = nis5g_date_from_ymd(2026, 11, 27);
}

static int makes(const struct gen *g, int v, int f)
{
    return g->prod[v][f][0] >= 0;
}

/* A vendor for function f from a mix, keeping only vendors that make f. */
static int pick_for(struct gen *g, struct nis5g_rng *r, const struct gen_mix *m, int f)
{
    struct gen_mix k = { 0 };
    for (int i = 0; i < m->n; i++)
        if (makes(g, m->v[i], f)) {
            k.v[k.n] = m->v[i];
            k.w[k.n++] = m->w[i];
        }
    if (k.n == 0)
        return g->fallback[f];
    return pick(r, &k);
}

static const char *product(const struct gen *g, int v, int f, int32_t day)
{
    int y = day == NIS5G_NO_DATE ? GEN_YEARS - 1 : year_of(day) - GEN_YEAR0;
    if (y < 0)
        y = 0;
    if (y >= GEN_YEARS)
        y = GEN_YEARS - 1;
    int p = g->prod[v][f][y];
    return p < 0 ? "" : g->d->p[p].name;
}

static const char *swver(const struct gen *g, int v, int32_t day)
{
    if (day == NIS5G_NO_DATE)
        return g->swv[v][GEN_YEARS - 1][3];
    int y, m, dd;
    nis5g_date_to_ymd(day, &y, &m, &dd);
    y -= GEN_YEAR0;
    if (y < 0)
        y = 0;
    if (y >= GEN_YEARS)
        y = GEN_YEARS - 1;
    return g->swv[v][y][(m - 1) / 3];
}

/* One element row. id is written as prefix + suffix (+ number when n > 0). */
struct eid {
    const char *pre;
    const char *suf;
    int n;
};

static inline void w_eid(struct w *w, struct eid e)
{
    w_s(w, e.pre);
    w_c(w, '-');
    w_s(w, e.suf);
    if (e.n > 0)
        w_u(w, (uint64_t)e.n);
}

static void element(struct gen *g, struct eid id, const char *op, const char *site, const char *domain, int f,
                    int v, int32_t installed, int status)
{
    struct w *w = &g->w[F_ELEMENTS];
    w_row(w);
    w_eid(w, id);
    w_c(w, ',');
    w_s(w, op);
    w_c(w, ',');
    w_s(w, site);
    w_c(w, ',');
    w_s(w, domain);
    w_c(w, ',');
    w_s(w, gen_fn_name[f]);
    w_c(w, ',');
    w_s(w, g->d->v[v].name);
    w_c(w, ',');
    w_csv(w, product(g, v, f, installed));
    w_c(w, ',');
    w_s(w, swver(g, v, installed));
    w_c(w, ',');
    if (installed != NIS5G_NO_DATE)
        w_date(w, installed);
    w_c(w, ',');
    w_s(w, status_name[status]);
    w_c(w, '\n');
}

static void dep(struct gen *g, struct eid from, struct eid to, const char *group)
{
    struct w *w = &g->w[F_LINKS];
    w_row(w);
    w_eid(w, from);
    w_c(w, ',');
    w_eid(w, to);
    w_c(w, ',');
    w_s(w, group);
    w_c(w, '\n');
}

static void site_row(struct gen *g, const char *id, const char *op, double lat, double lon, const char *region,
                     const char *tags, int backup, uint64_t subs, int has_subs)
{
    struct w *w = &g->w[F_SITES];
    w_row(w);
    w_s(w, id);
    w_c(w, ',');
    w_s(w, op);
    w_c(w, ',');
    w_coord(w, lat);
    w_c(w, ',');
    w_coord(w, lon);
    w_c(w, ',');
    w_s(w, region);
    w_c(w, ',');
    w_s(w, tags);
    w_c(w, ',');
    w_u(w, (uint64_t)backup);
    w_c(w, ',');
    if (has_subs)
        w_u(w, subs);
    w_c(w, '\n');
}

static double km_between(double la1, double lo1, double la2, double lo2)
{
    double p = M_PI / 180.0;
    double dla = (la2 - la1) * p, dlo = (lo2 - lo1) * p;
    double a = sin(dla / 2) * sin(dla / 2) + cos(la1 * p) * cos(la2 * p) * sin(dlo / 2) * sin(dlo / 2);
    return 2 * 6371.0 * asin(sqrt(a));
}

static void jitter(const struct gen_country *c, struct nis5g_rng *r, double lat, double lon, double sigma_km,
                   double *olat, double *olon)
{
    for (int tries = 0;; tries++) {
        double la = lat + nis5g_rng_normal(r) * sigma_km / 111.0;
        double lo = lon + nis5g_rng_normal(r) * sigma_km / (111.0 * cos(lat * M_PI / 180.0));
        if ((la >= c->lat0 && la <= c->lat1 && lo >= c->lon0 && lo <= c->lon1) || tries == 5) {
            *olat = la < c->lat0 ? c->lat0 : la > c->lat1 ? c->lat1 : la;
            *olon = lo < c->lon0 ? c->lon0 : lo > c->lon1 ? c->lon1 : lo;
            return;
        }
    }
}

/* Installed date for RAN: years weighted towards the 4G/5G build-out of
 * 2019-2023; a high-risk vendor in a country that restricted it is
 * installed before the restriction (Sweden: always; elsewhere 92%). */
static int32_t ran_date(struct gen *g, struct nis5g_rng *r, const struct gen_country *c, int chinese)
{
    static const int wy[GEN_YEARS] = { 4, 5, 6, 8, 10, 12, 13, 13, 12, 10, 7 };
    if (chinese && c->restricted != NIS5G_NO_DATE) {
        int always = strcmp(c->code, "SE") == 0;
        if (always || U(r) < 0.92)
            return g->d2016 + below(r, c->restricted - g->d2016);
        return c->restricted + below(r, g->d_last - c->restricted + 1);
    }
    int t = 0;
    for (int i = 0; i < GEN_YEARS; i++)
        t += wy[i];
    int x = below(r, t), y = 0;
    while (x >= wy[y])
        x -= wy[y++];
    int32_t a = nis5g_date_from_ymd(GEN_YEAR0 + y, 1, 1);
    int32_t b = y == GEN_YEARS - 1 ? g->d_last : nis5g_date_from_ymd(GEN_YEAR0 + y, 12, 31);
    return a + below(r, b - a + 1);
}

/* Non-RAN equipment of a high-risk vendor in a country that restricted it
 * dates from before the restriction too (Sweden: always). */
static int32_t restrict_date(struct gen *g, struct nis5g_rng *r, const struct gen_country *c, int v, int32_t day)
{
    if (!g->d->v[v].chinese || c->restricted == NIS5G_NO_DATE || day < c->restricted)
        return day;
    if (strcmp(c->code, "SE") != 0 && U(r) >= 0.92)
        return day;
    return g->d2016 + below(r, c->restricted - g->d2016);
}

/* ---- one operator ---- */
static const int core_nf[] = { FN_AUSF, FN_UDM, FN_UDR, FN_PCF, FN_NRF, FN_NSSF, FN_NEF };

/* What the steps of one operator share. The steps run in a fixed order,
 * each drawing from the operator's one random stream: same seed, same
 * bytes. */
struct opgen {
    struct gen *g;
    const struct gen_country *c;
    const struct gen_op *o;
    struct nis5g_rng *r;
    const char *op;
    double share_sum;
    uint64_t subs_total;
    int ureg[GEN_MAX_REGIONS], nureg, reg_of[GEN_MAX_REGIONS]; /* unique region codes */
    int nd, dc_entry[3], a;                                     /* data centres; AMF/SMF/UPF per DC */
    char dcid[3][64];
    int32_t d18, d23;
    int nfvi_v, core_main;
    int ems_of[GEN_MAX_VENDORS]; /* EMS index of a RAN vendor, -1 none */
    char ems_suf[GEN_MAX_VENDORS][32];
    char hub[GEN_MAX_REGIONS][64];
    size_t nsites;
};

/* operators.csv */
static void op_row(struct opgen *x)
{
    struct w *w = &x->g->w[F_OPS];
    w_row(w);
    w_s(w, x->op);
    w_c(w, ',');
    w_csv(w, x->o->name);
    w_c(w, ',');
    w_s(w, x->c->code);
    w_c(w, ',');
    w_u(w, x->subs_total);
    w_c(w, '\n');
}

/* Unique region codes, in file order; then the data centres: the capital,
 * then the most populous other centres; and the size of the core. */
static void op_plan_core(struct opgen *x, int k)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    const struct gen_op *o = x->o;
    x->nureg = 0;
    for (int i = 0; i < c->nreg; i++) {
        int j = 0;
        while (j < x->nureg && strcmp(c->reg[x->ureg[j]].code, c->reg[i].code) != 0)
            j++;
        if (j == x->nureg)
            x->ureg[x->nureg++] = i;
        x->reg_of[i] = j;
    }
    int nd = (x->subs_total > 8000000 || x->nureg >= 6) && c->nreg >= 3 ? 3 : 2;
    int cap_entry = 0;
    double best = 1e18;
    for (int i = 0; i < c->nreg; i++) {
        double km = km_between(c->clat, c->clon, c->reg[i].lat, c->reg[i].lon);
        if (km < best)
            best = km, cap_entry = i;
    }
    x->dc_entry[0] = cap_entry;
    for (int j = 1; j < nd; j++) {
        int bi = -1;
        for (int i = 0; i < c->nreg; i++) {
            int used = 0;
            for (int u = 0; u < j; u++)
                used |= x->dc_entry[u] == i;
            if (!used && (bi < 0 || c->reg[i].pop > c->reg[bi].pop))
                bi = i;
        }
        x->dc_entry[j] = bi < 0 ? cap_entry : bi;
    }
    x->nd = nd;
    int a = (int)ceil((double)x->subs_total / (SUBS_PER_AMF * nd));
    x->a = a < 1 ? 1 : a > 8 ? 8 : a;

    x->nfvi_v = k % 2 == 0 ? gen_vendor_find(g->d, "HPE") : gen_vendor_find(g->d, "Dell");
    if (x->nfvi_v < 0)
        x->nfvi_v = g->fallback[FN_NFVI];
    int core_main = o->core.v[0];
    for (int i = 1; i < o->core.n; i++)
        if (o->core.w[i] > o->core.w[0] && makes(g, o->core.v[i], FN_OSS))
            core_main = o->core.v[i];
    if (!makes(g, core_main, FN_OSS))
        core_main = g->fallback[FN_OSS];
    x->core_main = core_main;

    /* RAN vendors of this operator: one EMS each. */
    for (int v = 0; v < GEN_MAX_VENDORS; v++)
        x->ems_of[v] = -1;
    int nems = 0;
    for (int i = 0; i < o->ran.n; i++)
        if (x->ems_of[o->ran.v[i]] < 0)
            x->ems_of[o->ran.v[i]] = nems++;
}

static void dc_sites(struct opgen *x)
{
    for (int dc = 0; dc < x->nd; dc++) {
        const struct gen_region *re = &x->c->reg[x->dc_entry[dc]];
        snprintf(x->dcid[dc], sizeof x->dcid[dc], "%s-DC%d", x->op, dc + 1);
        double la, lo;
        jitter(x->c, x->r, re->lat, re->lon, 6, &la, &lo);
        site_row(x->g, x->dcid[dc], x->op, la, lo, re->code, dc == 0 ? "dc;critical;capital" : "dc;critical",
                 48 + 12 * below(x->r, 3), 0, 0);
    }
}

/* Data-centre infrastructure of one DC: power, routers, switches, a
 * firewall, an Internet gateway in the first two, NFVI. Installed dates:
 * core and cloud in 2018-2023 (the 5G core roll-out). */
static void dc_infra(struct opgen *x, int dc)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const char *op = x->op, *dci = x->dcid[dc];
    int32_t base = x->d18 + below(r, x->d23 - x->d18 + 1);
    int pv = gen_vendor_find(g->d, dc % 2 == 0 ? "Vertiv" : "Eaton");
    if (pv < 0)
        pv = g->fallback[FN_POWER];
    for (int i = 1; i <= 2; i++)
        element(g, (struct eid){ dci, "PWR", i }, op, dci, "infrastructure", FN_POWER, pv, base - 200, ST_ACTIVE);
    int rv = pick_for(g, r, &x->o->transport, FN_ROUTER);
    int sv = pick_for(g, r, &x->o->transport, FN_SWITCH);
    int fv = pick_for(g, r, &x->o->transport, FN_FIREWALL);
    for (int i = 1; i <= 2; i++) {
        element(g, (struct eid){ dci, "DCR", i }, op, dci, "transport", FN_ROUTER, rv,
                restrict_date(g, r, c, rv, base - 100), ST_ACTIVE);
        for (int p = 1; p <= 2; p++)
            dep(g, (struct eid){ dci, "DCR", i }, (struct eid){ dci, "PWR", p }, "power");
    }
    for (int i = 1; i <= 2; i++) {
        struct eid e = { dci, "DSW", i };
        element(g, e, op, dci, "transport", FN_SWITCH, sv, restrict_date(g, r, c, sv, base - 100), ST_ACTIVE);
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ dci, "DCR", p }, "dcr");
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ dci, "PWR", p }, "power");
    }
    struct eid fw = { dci, "FW", 0 };
    element(g, fw, op, dci, "transport", FN_FIREWALL, fv, restrict_date(g, r, c, fv, base - 50), ST_ACTIVE);
    for (int p = 1; p <= 2; p++)
        dep(g, fw, (struct eid){ dci, "DSW", p }, "dsw");
    if (dc < 2) {
        struct eid igw = { dci, "IGW", 0 };
        element(g, igw, op, dci, "interconnect", FN_ROUTER, rv, restrict_date(g, r, c, rv, base - 50), ST_ACTIVE);
        dep(g, igw, fw, "");
    }
    for (int i = 1; i <= 2; i++) {
        struct eid e = { dci, "NFVI", i };
        element(g, e, op, dci, "infrastructure", FN_NFVI, x->nfvi_v, base, ST_ACTIVE);
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ dci, "DSW", p }, "dsw");
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ dci, "PWR", p }, "power");
    }
}

/* Core network functions of one DC: AMF/SMF/UPF a per DC, the others one
 * per DC; SEPP in two DCs, NWDAF in the first. Vendor per (DC, function). */
static void dc_core(struct opgen *x, int dc)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const char *op = x->op, *dci = x->dcid[dc];
    int nd = x->nd;
    int32_t base = x->d18 + below(r, x->d23 - x->d18 + 1);
    int nfs[16], nn = 0;
    nfs[nn++] = FN_AMF, nfs[nn++] = FN_SMF, nfs[nn++] = FN_UPF;
    for (size_t i = 0; i < sizeof core_nf / sizeof *core_nf; i++)
        nfs[nn++] = core_nf[i];
    if (dc < 2)
        nfs[nn++] = FN_SEPP;
    if (dc == 0)
        nfs[nn++] = FN_NWDAF;
    for (int i = 0; i < nn; i++) {
        int f = nfs[i];
        int v = pick_for(g, r, &x->o->core, f);
        int cnt = f == FN_AMF || f == FN_SMF || f == FN_UPF ? x->a : 1;
        for (int j = 1; j <= cnt; j++) {
            struct eid e = { dci, gen_fn_name[f], j };
            element(g, e, op, dci, "core", f, v, restrict_date(g, r, c, v, base + below(r, 120)), ST_ACTIVE);
            for (int p = 1; p <= 2; p++)
                dep(g, e, (struct eid){ dci, "NFVI", p }, "nfvi");
            if (f != FN_NRF)
                for (int y = 0; y < nd; y++)
                    dep(g, e, (struct eid){ x->dcid[y], "NRF", 1 }, "nrf");
            int need = f == FN_AMF ? FN_AUSF : f == FN_SMF ? FN_PCF : f == FN_AUSF ? FN_UDM
                     : f == FN_UDM || f == FN_PCF || f == FN_NEF ? FN_UDR : -1;
            if (need >= 0)
                for (int y = 0; y < nd; y++)
                    dep(g, e, (struct eid){ x->dcid[y], gen_fn_name[need], 1 }, gen_fn_name[need]);
            if (f == FN_SEPP)
                for (int y = 0; y < 2; y++)
                    dep(g, e, (struct eid){ x->dcid[y], "IGW", 0 }, "igw");
        }
    }
}

/* Management: OSS in two DCs (a pool), MANO, one EMS per RAN vendor. */
static void op_management(struct opgen *x)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const char *op = x->op;
    int core_main = x->core_main;
    for (int dc = 0; dc < 2; dc++) {
        struct eid e = { x->dcid[dc], "OSS", 0 };
        element(g, e, op, x->dcid[dc], "management", FN_OSS, core_main,
                restrict_date(g, r, c, core_main, x->d18 + below(r, 1500)), ST_ACTIVE);
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ x->dcid[dc], "NFVI", p }, "nfvi");
    }
    {
        struct eid e = { x->dcid[0], "MANO", 0 };
        int mv = makes(g, core_main, FN_MANO) ? core_main : g->fallback[FN_MANO];
        element(g, e, op, x->dcid[0], "management", FN_MANO, mv, restrict_date(g, r, c, mv, x->d18 + below(r, 1500)),
                ST_ACTIVE);
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ x->dcid[0], "NFVI", p }, "nfvi");
    }
    for (int v = 0; v < GEN_MAX_VENDORS; v++) {
        if (x->ems_of[v] < 0)
            continue;
        int dc = x->ems_of[v] % x->nd;
        snprintf(x->ems_suf[v], sizeof x->ems_suf[v], "EMS-%s", g->d->v[v].name);
        struct eid e = { x->dcid[dc], x->ems_suf[v], 0 };
        int ev = makes(g, v, FN_EMS) ? v : g->fallback[FN_EMS];
        element(g, e, op, x->dcid[dc], "management", FN_EMS, ev,
                restrict_date(g, r, c, ev, g->d2016 + below(r, 2000)), ST_ACTIVE);
        for (int y = 0; y < 2; y++)
            dep(g, e, (struct eid){ x->dcid[y], "OSS", 0 }, "oss");
        for (int p = 1; p <= 2; p++)
            dep(g, e, (struct eid){ x->dcid[dc], "NFVI", p }, "nfvi");
    }
}

/* Regional transport: a hub site per region with two aggregation
 * routers, each reaching the data centres' routers (a pool). */
static void op_hubs(struct opgen *x)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const char *op = x->op;
    for (int u = 0; u < x->nureg; u++) {
        const struct gen_region *re = &c->reg[x->ureg[u]];
        snprintf(x->hub[u], sizeof x->hub[u], "%s-HUB-%s", op, re->code);
        double la, lo;
        jitter(c, r, re->lat, re->lon, 4, &la, &lo);
        site_row(g, x->hub[u], op, la, lo, re->code, "transport", 24, 0, 0);
        int rv = pick_for(g, r, &x->o->transport, FN_ROUTER);
        int32_t base = restrict_date(g, r, c, rv, g->d2016 + below(r, 2500));
        for (int i = 1; i <= 2; i++) {
            struct eid e = { x->hub[u], "AGG", i };
            element(g, e, op, x->hub[u], "transport", FN_ROUTER, rv, base, ST_ACTIVE);
            for (int y = 0; y < x->nd; y++)
                for (int p = 1; p <= 2; p++)
                    dep(g, e, (struct eid){ x->dcid[y], "DCR", p }, "backbone");
        }
    }
}

/* One radio site of region entry e: where, which vendor, when, how it is
 * built, its backup and its subscriber weight (kept in subs until the
 * shares are known). */
static void plan_site(struct opgen *x, struct site *st, int e, const struct gen_mix *safe, int *gov_done,
                      int *mil_done)
{
    struct gen *g = x->g;
    const struct gen_data *d = g->d;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const struct gen_region *re = &c->reg[e];
    st->urban = U(r) < 0.55;
    jitter(c, r, re->lat, re->lon, st->urban ? 0.12 * c->spread_km : c->spread_km, &st->lat, &st->lon);
    st->region = (uint16_t)x->reg_of[e];
    st->tags = 0;
    double kc = km_between(st->lat, st->lon, c->clat, c->clon);
    if (kc <= 12) {
        st->tags |= TAG_CAPITAL;
        if (!*gov_done || U(r) < 0.01)
            st->tags |= TAG_GOV, *gov_done = 1;
    }
    if (!st->urban && kc > 30 && (!*mil_done || U(r) < 0.003))
        st->tags |= TAG_MILITARY, *mil_done = 1;
    st->status = U(r) < P_PLANNED ? ST_PLANNED : ST_ACTIVE;
    int v = pick(r, &x->o->ran);
    if (st->status == ST_PLANNED && d->v[v].chinese && c->restricted != NIS5G_NO_DATE && safe->n)
        v = pick(r, safe);
    st->vendor = (uint8_t)v;
    if (st->status == ST_PLANNED)
        st->installed = U(r) < 0.5 ? NIS5G_NO_DATE : g->d_today + 4 + below(r, 210);
    else
        st->installed = ran_date(g, r, c, d->v[v].chinese);
    /* DU+CU split: open/virtual RAN vendors always, Samsung often,
     * Ericsson and Nokia on some newer sites; Huawei/ZTE integrated. */
    double ps = !makes(g, v, FN_GNB) ? 1.0 : !makes(g, v, FN_DU) ? 0.0
              : strcmp(d->v[v].name, "Samsung") == 0 ? 0.5 : 0.15;
    int y = st->installed == NIS5G_NO_DATE ? 2026 : year_of(st->installed);
    st->split = makes(g, v, FN_DU) && makes(g, v, FN_CU) && (ps >= 1.0 || (y >= 2021 && U(r) < ps));
    if (!st->split && !makes(g, v, FN_GNB))
        st->split = 1; /* no integrated product: DU+CU */
    st->nru = (uint8_t)(3 + below(r, 4));
    /* Backup: 1-4 h for radio sites, 8 h for some rural ones,
     * 8-24 h at sensitive sites. */
    if (st->tags & (TAG_GOV | TAG_MILITARY))
        st->backup = (uint8_t)(8 + 8 * below(r, 3));
    else if (!st->urban && U(r) < 0.2)
        st->backup = 8;
    else
        st->backup = (uint8_t)(1 + below(r, 4));
    /* Subscribers: urban sites carry three times a rural one's. */
    double wt = st->status == ST_PLANNED ? 0 : (st->urban ? 3.0 : 1.0) * (st->tags & TAG_CAPITAL ? 1.5 : 1.0);
    wt *= 0.6 + 0.8 * U(r);
    st->subs = (uint32_t)llround(wt * 1000);
}

/* Radio sites, first pass: how many per region (by population), then
 * each one planned; then the operator's subscribers shared out exactly
 * (cumulative rounding). */
static void plan_sites(struct opgen *x)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    const struct gen_op *o = x->o;
    double pop_sum = 0;
    for (int i = 0; i < c->nreg; i++)
        pop_sum += c->reg[i].pop;
    double nsites_f = c->pop / INHABITANTS_PER_SITE * g->scale * (0.5 + 0.5 * o->share / x->share_sum * c->nop);
    size_t nsites = 0;
    int per_entry[GEN_MAX_REGIONS];
    for (int i = 0; i < c->nreg; i++) {
        long n = lround(nsites_f * c->reg[i].pop / pop_sum);
        per_entry[i] = n < 1 ? 1 : (int)n;
        nsites += (size_t)per_entry[i];
    }
    if (nsites > g->cap_sites) {
        g->cap_sites = nsites + nsites / 4;
        g->sites = nis5g_xreallocarray(g->sites, g->cap_sites, sizeof *g->sites);
    }
    struct gen_mix safe = { 0 }; /* the RAN mix without high-risk vendors */
    for (int i = 0; i < o->ran.n; i++)
        if (!g->d->v[o->ran.v[i]].chinese)
            safe.v[safe.n] = o->ran.v[i], safe.w[safe.n++] = o->ran.w[i];
    size_t s = 0;
    int gov_done = 0, mil_done = 0;
    for (int e = 0; e < c->nreg; e++)
        for (int i = 0; i < per_entry[e]; i++, s++)
            plan_site(x, &g->sites[s], e, &safe, &gov_done, &mil_done);
    double wtot = 0;
    for (size_t i = 0; i < nsites; i++)
        wtot += g->sites[i].subs;
    double cum = 0;
    uint64_t given = 0;
    for (size_t i = 0; i < nsites; i++) {
        cum += g->sites[i].subs;
        uint64_t upto = wtot > 0 ? (uint64_t)llround(cum / wtot * (double)x->subs_total) : 0;
        g->sites[i].subs = (uint32_t)(upto - given);
        given = upto;
    }
    x->nsites = nsites;
}

/* The id of radio site i (from 0): OP-S000001. */
static void site_id(const char *op, size_t i, char sid[64])
{
    size_t pl = strlen(op);
    memcpy(sid, op, pl);
    sid[pl] = '-';
    sid[pl + 1] = 'S';
    char *p = sid + pl + 2;
    char t[24];
    int n = 0;
    uint64_t v = i + 1;
    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    while (n < 6)
        t[n++] = '0';
    while (n)
        *p++ = t[--n];
    *p = 0;
}

/* The tags column of a radio site. */
static void site_tags(const struct site *st, char tags[48])
{
    size_t tl = 0;
    tags[0] = 0;
    if (st->tags & TAG_CAPITAL)
        memcpy(tags + tl, "capital;", 8), tl += 8;
    if (st->tags & TAG_GOV)
        memcpy(tags + tl, "gov;critical;", 13), tl += 13;
    if (st->tags & TAG_MILITARY)
        memcpy(tags + tl, "military;critical;", 18), tl += 18;
    if (!(st->tags & (TAG_GOV | TAG_MILITARY)) && st->urban)
        memcpy(tags + tl, "urban;", 6), tl += 6;
    if (!st->urban)
        memcpy(tags + tl, "rural;", 6), tl += 6;
    if (tl)
        tl--;
    tags[tl] = 0;
}

/* Second pass, one radio site: its row, its RAN elements and their links. */
static void write_site(struct opgen *x, size_t i)
{
    struct gen *g = x->g;
    const struct gen_country *c = x->c;
    struct nis5g_rng *r = x->r;
    const char *op = x->op;
    struct site *st = &g->sites[i];
    char sid[64], tags[48];
    site_id(op, i, sid);
    site_tags(st, tags);
    const struct gen_region *re = &c->reg[x->ureg[st->region]];
    site_row(g, sid, op, st->lat, st->lon, re->code, tags, st->backup, st->subs, 1);

    int v = st->vendor, status = st->status;
    int32_t inst = st->installed;
    struct eid top = { sid, st->split ? "CU" : "GNB", 0 };
    element(g, top, op, sid, "ran", st->split ? FN_CU : FN_GNB, v, inst, status);
    struct eid radio_parent = top;
    if (st->split) {
        struct eid du = { sid, "DU", 0 };
        element(g, du, op, sid, "ran", FN_DU, v, inst, status);
        dep(g, du, top, "");
        radio_parent = du;
    }
    for (int j = 1; j <= st->nru; j++) {
        struct eid ru = { sid, "RU", j };
        int32_t rd = inst;
        int rs = status;
        if (status == ST_ACTIVE && U(r) < 0.35) {
            /* radios added later (new bands, 5G NR) */
            rd = inst + below(r, 900);
            if (rd > g->d_last)
                rd = g->d_last;
            if (g->d->v[v].chinese && c->restricted != NIS5G_NO_DATE && rd >= c->restricted && inst < c->restricted)
                rd = inst; /* no new high-risk radios after the restriction */
        }
        if (status == ST_ACTIVE && j > 3 && year_of(inst) < 2020 && U(r) < P_RETIRED_RU * 4)
            rs = ST_RETIRED;
        element(g, ru, op, sid, "ran", FN_RU, v, rd, rs);
        dep(g, ru, radio_parent, "");
    }
    /* The gNB/CU reaches the region's aggregation routers, an AMF set
     * and a UPF set spread over two data centres, and its vendor's EMS. */
    for (int y = 1; y <= 2; y++)
        dep(g, top, (struct eid){ x->hub[st->region], "AGG", y }, "transport");
    int rix = st->region, nd = x->nd;
    int d1 = rix % nd, d2 = (rix + 1) % nd, inst_n = 1 + (rix / nd) % x->a;
    dep(g, top, (struct eid){ x->dcid[d1], "AMF", inst_n }, "amf");
    dep(g, top, (struct eid){ x->dcid[d2], "AMF", inst_n }, "amf");
    dep(g, top, (struct eid){ x->dcid[d1], "UPF", inst_n }, "upf");
    dep(g, top, (struct eid){ x->dcid[d2], "UPF", inst_n }, "upf");
    int edc = x->ems_of[v] % nd;
    dep(g, top, (struct eid){ x->dcid[edc], x->ems_suf[v], 0 }, "");
}

static void gen_operator(struct gen *g, const struct gen_country *c, int k, uint64_t stream)
{
    struct nis5g_rng rng;
    nis5g_rng_seed2(&rng, g->seed, stream);
    struct opgen x = { .g = g, .c = c, .o = &c->op[k], .r = &rng, .op = c->op[k].id };
    for (int i = 0; i < c->nop; i++)
        x.share_sum += c->op[i].share;
    x.subs_total = (uint64_t)llround(c->pop * SUBS_PER_INHABITANT * x.o->share / x.share_sum);
    x.d18 = nis5g_date_from_ymd(2018, 1, 1);
    x.d23 = nis5g_date_from_ymd(2023, 12, 31);

    op_row(&x);
    op_plan_core(&x, k);
    dc_sites(&x);
    for (int dc = 0; dc < x.nd; dc++)
        dc_infra(&x, dc);
    for (int dc = 0; dc < x.nd; dc++)
        dc_core(&x, dc);
    op_management(&x);
    op_hubs(&x);
    plan_sites(&x);
    for (size_t i = 0; i < x.nsites; i++)
        write_site(&x, i);
    g->ops++;
}

/* ---- measures ---- */
static const char *const measure_evidence[] = {
    /* SM01-SM08 */
    "powers of the national authority in the electronic communications act",
    "audit programme and information requests to operators",
    "supplier risk assessment and restrictions for key assets",
    "conditions on managed service providers and third-line support",
    "multi-vendor strategy",
    "national resilience plan for mobile networks",
    "key assets identified in the national risk assessment",
    "research and industrial programme for future networks",
    /* TM01-TM11 */
    "baseline security requirements in the licence conditions",
    "3GPP security features enabled (SUCI, SEPP, NDS/IP)",
    "privileged access management and MFA for operations staff",
    "hardening of NFVI and network function images",
    "security operations centre monitoring management traffic",
    "physical access control at data centres and hubs",
    "signed software and patch management process",
    "security clauses in procurement contracts",
    "NESAS/SCAS evidence required from suppliers",
    "certification required for connected devices and cloud services",
    "business continuity and disaster recovery plans tested yearly",
    /* SA01-SA10 */
    "national guidelines on network security",
    "national testing laboratory",
    "participation in 3GPP SA3",
    "guidance on 5G standard security features",
    "participation in the EU certification scheme work",
    "exchange with other Member States on supplier assessments",
    "national CSIRT procedures for telecom incidents",
    "audits of interdependencies with energy and other sectors",
    "information-sharing platform with operators",
    "security conditions in publicly funded 5G projects",
};

static void measure_id(char out[8], int i)
{
    const char *pfx = i < 8 ? "SM" : i < 19 ? "TM" : "SA";
    int n = i < 8 ? i + 1 : i < 19 ? i - 7 : i - 18;
    snprintf(out, 8, "%s%02d", pfx, n);
}

static void measure_row(struct gen *g, struct nis5g_rng *r, const char *scope, int i, double maturity, int forced,
                        const char *forced_evidence, int32_t forced_date)
{
    static const char *const st[] = { "none", "planned", "partial", "implemented" };
    struct w *w = &g->w[F_MEASURES];
    int s;
    double x = U(r);
    if (forced >= 0)
        s = forced;
    else
        s = x < maturity ? 3 : x < maturity + 0.25 ? 2 : x < maturity + 0.4 ? 1 : 0;
    char id[8];
    measure_id(id, i);
    w_row(w);
    w_s(w, scope);
    w_c(w, ',');
    w_s(w, id);
    w_c(w, ',');
    w_s(w, st[s]);
    w_c(w, ',');
    if (s > 0)
        w_csv(w, forced_evidence ? forced_evidence : measure_evidence[i]);
    w_c(w, ',');
    if (forced_date != NIS5G_NO_DATE && s >= 2)
        w_date(w, forced_date);
    else if (s >= 2)
        w_date(w, nis5g_date_from_ymd(2020, 1, 1) + below(r, g->d_last - nis5g_date_from_ymd(2020, 1, 1)));
    else if (s == 1)
        w_date(w, nis5g_date_from_ymd(2027, 1, 1) + below(r, 540));
    w_c(w, '\n');
}

static void gen_measures(struct gen *g, const struct gen_country *c, uint64_t stream)
{
    struct nis5g_rng rng;
    nis5g_rng_seed2(&rng, g->seed, stream);
    double m = c->restricted != NIS5G_NO_DATE ? 0.55 : c->cn <= 5 ? 0.45 : 0.3;
    /* State-level measures: SM and SA. */
    for (int i = 0; i < 29; i++) {
        if (i >= 8 && i < 19)
            continue;
        if (i == 2 && c->restricted != NIS5G_NO_DATE) {
            char ev[96];
            char dd[11];
            snprintf(ev, sizeof ev, "restrictions on high-risk suppliers in force since %s",
                     nis5g_date_format(c->restricted, dd));
            measure_row(g, &rng, c->code, i, m, 3, ev, c->restricted);
        } else {
            measure_row(g, &rng, c->code, i, m, -1, NULL, NIS5G_NO_DATE);
        }
    }
    /* Operator-level: TM01-TM11, SM04, SM05. */
    for (int k = 0; k < c->nop; k++) {
        const struct gen_op *o = &c->op[k];
        for (int i = 0; i < 19; i++) {
            if (i < 8 && i != 3 && i != 4)
                continue;
            int forced = -1;
            if (i == 4) /* SM05: implemented when the RAN mix has two or more vendors */
                forced = o->ran.n >= 2 ? 3 : 1;
            measure_row(g, &rng, o->id, i, m + 0.1, forced, NULL, NIS5G_NO_DATE);
        }
    }
}

/* ---- country lookup with a "did you mean" ---- */
/* Index of the country, -1 for EU27, -2 when unknown (err filled). */
static int find_country(const struct gen_data *d, const char *cc, struct nis5g_err *err)
{
    if (strcasecmp(cc, "EU27") == 0 || strcasecmp(cc, "EU") == 0)
        return -1;
    const char *want = strcasecmp(cc, "EL") == 0 ? "GR" : cc;
    for (int i = 0; i < d->nc; i++)
        if (strcasecmp(d->c[i].code, want) == 0)
            return i;
    if (strcasecmp(cc, "GB") == 0 || strcasecmp(cc, "UK") == 0 || strcasecmp(cc, "NO") == 0 ||
        strcasecmp(cc, "CH") == 0 || strcasecmp(cc, "IS") == 0) {
        nis5g_err_set(err, NIS5G_EUSAGE, "no sample data for '%s': not an EU member state (use an EU27 code or EU27)",
                      cc);
        return -2;
    }
    const char *best = NULL;
    int bd = 99;
    for (int i = 0; i < d->nc; i++) {
        int dn = nis5g_edit_distance(d->c[i].name, strlen(d->c[i].name), cc, strlen(cc), 1);
        if (dn < bd && dn <= 2)
            bd = dn, best = d->c[i].code;
    }
    if (!best && strlen(cc) == 2) {
        /* one letter off: SW -> SE; prefer the same first letter */
        for (int pass = 0; pass < 2 && !best; pass++)
            for (int i = 0; i < d->nc && !best; i++) {
                const char *k = d->c[i].code;
                int same0 = toupper((unsigned char)cc[0]) == k[0], same1 = toupper((unsigned char)cc[1]) == k[1];
                if (pass == 0 ? same0 : same1)
                    best = k;
            }
    }
    if (!best && nis5g_edit_distance(cc, strlen(cc), "EU27", 4, 1) <= 2)
        best = "EU27";
    if (best)
        nis5g_err_set(err, NIS5G_EUSAGE, "unknown country '%s'; did you mean '%s'? (an EU27 code such as SE, or EU27)",
                      cc, best);
    else
        nis5g_err_set(err, NIS5G_EUSAGE, "unknown country '%s' (expected an EU27 code such as SE, or EU27)", cc);
    return -2;
}

static int mkdirs(const char *dir, struct nis5g_err *err)
{
    struct stat sb;
    if (stat(dir, &sb) == 0) {
        if (!S_ISDIR(sb.st_mode))
            return nis5g_err_set(err, NIS5G_EUSAGE, "the output is not a directory \xe2\x80\x94 got '%s'", dir);
        return 0;
    }
    char *p = nis5g_xstrdup(dir);
    for (char *s = p + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = 0;
        if (mkdir(p, 0777) && errno != EEXIST) {
            int rc = nis5g_err_set(err, NIS5G_EIO, "cannot create '%s': %s", p, strerror(errno));
            free(p);
            return rc;
        }
        *s = '/';
    }
    free(p);
    if (mkdir(dir, 0777) && errno != EEXIST)
        return nis5g_err_set(err, NIS5G_EIO, "cannot create '%s': %s", dir, strerror(errno));
    if (stat(dir, &sb) || !S_ISDIR(sb.st_mode))
        return nis5g_err_set(err, NIS5G_EUSAGE, "'%s' is not a directory", dir);
    return 0;
}

int nis5g_generate(const struct nis5g_gen_opts *opts, struct nis5g_gen_stats *stats, struct nis5g_err *err)
{
    if (!(opts->scale > 0) || opts->scale > NIS5G_GEN_MAX_SCALE)
        return nis5g_err_set(err, NIS5G_EUSAGE, "scale must be greater than 0 and at most %g, got %g",
                             NIS5G_GEN_MAX_SCALE, opts->scale);
    if (!opts->dir || !*opts->dir)
        return nis5g_err_set(err, NIS5G_EUSAGE, "missing output directory");
    struct gen_data data;
    int rc = gen_data_load(&data, err);
    if (rc)
        return rc;
    int ci = find_country(&data, opts->country ? opts->country : "", err);
    if (ci == -2) {
        gen_data_release(&data);
        return err->code;
    }
    if ((rc = mkdirs(opts->dir, err))) {
        gen_data_release(&data);
        return rc;
    }
    struct gen *g = nis5g_xcalloc(1, sizeof *g);
    g->d = &data;
    g->scale = opts->scale;
    g->seed = opts->seed;
    prepare(g);
    struct nis5g_buf path = NIS5G_BUF_INIT;
    nis5g_buf_init(&path);
    for (int f = 0; f < NFILES; f++) {
        nis5g_buf_reset(&path);
        nis5g_buf_addf(&path, "%s/%s", opts->dir, file_name[f]);
        g->w[f].f = fopen(path.data, "w");
        if (!g->w[f].f) {
            rc = nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path.data, strerror(errno));
            goto out;
        }
        g->w[f].b = nis5g_xmalloc(WBUF);
        w_row(&g->w[f]);
        w_s(&g->w[f], file_header[f]);
        g->w[f].rows = 0;
    }
    int c0 = ci >= 0 ? ci : 0, c1 = ci >= 0 ? ci + 1 : data.nc;
    uint64_t total = 0, done = 0;
    for (int c = c0; c < c1; c++)
        total += (uint64_t)data.c[c].nop;
    for (int c = c0; c < c1; c++) {
        const struct gen_country *cc = &data.c[c];
        for (int k = 0; k < cc->nop; k++) {
            if (opts->progress)
                opts->progress(opts->progress_ctx, "generating", done, total);
            /* One stream per (country, operator): the country's position
             * in countries.csv keeps EU27 and single-country runs equal. */
            gen_operator(g, cc, k, (uint64_t)c * 16 + (uint64_t)k);
            done++;
        }
        gen_measures(g, cc, (uint64_t)c * 16 + 15);
        g->countries++;
    }
    for (int v = 0; v < data.nv; v++) {
        struct w *w = &g->w[F_SUPPLIERS];
        w_row(w);
        w_s(w, data.v[v].row);
    }
    for (int p = 0; p < data.np; p++) {
        const struct gen_product *pr = &data.p[p];
        struct w *w = &g->w[F_PRODUCTS];
        w_row(w);
        w_s(w, data.v[pr->vendor].name);
        w_c(w, ',');
        w_csv(w, pr->name);
        w_c(w, ',');
        w_s(w, pr->certs);
        w_c(w, ',');
        w_s(w, pr->eos);
        w_c(w, ',');
        w_u(w, (uint64_t)pr->vulns);
        w_c(w, '\n');
    }
    if (opts->progress)
        opts->progress(opts->progress_ctx, "generating", total, total);
out:
    for (int f = 0; f < NFILES; f++) {
        if (!g->w[f].f)
            continue;
        w_flush(&g->w[f]);
        if (fclose(g->w[f].f) || g->w[f].bad) {
            if (!rc)
                rc = nis5g_err_set(err, NIS5G_EIO, "cannot write '%s/%s': %s", opts->dir, file_name[f],
                                   strerror(errno));
        }
        free(g->w[f].b);
    }
    if (!rc && stats) {
        memset(stats, 0, sizeof *stats);
        stats->countries = g->countries;
        stats->operators = g->w[F_OPS].rows;
        stats->sites = g->w[F_SITES].rows;
        stats->elements = g->w[F_ELEMENTS].rows;
        stats->links = g->w[F_LINKS].rows;
        stats->suppliers = g->w[F_SUPPLIERS].rows;
        stats->products = g->w[F_PRODUCTS].rows;
        stats->measures = g->w[F_MEASURES].rows;
        for (int f = 0; f < NFILES; f++)
            stats->bytes += g->w[f].bytes;
    }
    nis5g_buf_release(&path);
    free(g->sites);
    free(g);
    gen_data_release(&data);
    return rc;
}
