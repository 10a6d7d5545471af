/*
 * test-generate.c — the sample-data generator's output, checked by an
 * independent reading of the CSV files: exact headers and field counts,
 * subscribers that add up, coordinates inside the country, the Swedish
 * legacy Huawei equipment, Chinese RAN shares close to DOMAIN.md's table,
 * a realistic national size, determinism, and the argument errors.
 * (Referential integrity, cycles and pools are the importer's job and are
 * checked end to end in tests/cli/generate.sh.)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/dict.h"
#include "nis5g/generate.h"

static char tmpdir[64];

static int gen(const char *cc, double scale, uint64_t seed, const char *sub, struct nis5g_gen_stats *st)
{
    char dir[128];
    snprintf(dir, sizeof dir, "%s/%s", tmpdir, sub);
    struct nis5g_gen_opts o = { .country = cc, .scale = scale, .seed = seed, .dir = dir };
    struct nis5g_err err = { 0 };
    int rc = nis5g_generate(&o, st, &err);
    if (rc)
        fprintf(stderr, "generate %s: %s\n", cc, err.msg);
    return rc;
}

/* A whole CSV file split into rows of fields (quotes honoured). */
struct csv {
    char *text;
    char ***rows; /* rows[i][j] */
    int *nf;
    size_t n;
};

static void csv_load(struct csv *c, const char *sub, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s/%s", tmpdir, sub, file);
    size_t len;
    memset(c, 0, sizeof *c);
    if (nis5g_read_file(path, &c->text, &len)) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    size_t cap = 1024;
    c->rows = malloc(cap * sizeof *c->rows);
    c->nf = malloc(cap * sizeof *c->nf);
    char *s = c->text;
    while (*s) {
        if (c->n == cap) {
            cap *= 2;
            c->rows = realloc(c->rows, cap * sizeof *c->rows);
            c->nf = realloc(c->nf, cap * sizeof *c->nf);
        }
        char **f = malloc(16 * sizeof *f);
        int nf = 0;
        for (;;) {
            char *out = s;
            if (nf < 16)
                f[nf] = out;
            nf++;
            if (*s == '"') {
                s++;
                while (*s && !(*s == '"' && s[1] != '"')) {
                    if (*s == '"')
                        s++;
                    *out++ = *s++;
                }
                if (*s)
                    s++;
            } else {
                while (*s && *s != ',' && *s != '\n')
                    *out++ = *s++;
            }
            char end = *s;
            *out = 0;
            if (end)
                s++;
            if (end != ',')
                break;
        }
        c->rows[c->n] = f;
        c->nf[c->n++] = nf;
    }
}

static void csv_free(struct csv *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->rows[i]);
    free(c->rows);
    free(c->nf);
    free(c->text);
}

static void check_header(const struct csv *c, const char *want)
{
    char got[512] = "";
    size_t len = 0;
    for (int j = 0; c->n && j < c->nf[0] && len < sizeof got; j++)
        len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", j ? "," : "", c->rows[0][j]);
    ASSERT_EQ_STR(got, want);
    int bad = 0;
    for (size_t i = 1; i < c->n; i++)
        bad += c->nf[i] != c->nf[0];
    ASSERT_EQ_INT(bad, 0);
}

TEST(headers_and_field_counts)
{
    struct nis5g_gen_stats st;
    ASSERT_EQ_INT(gen("SE", 0.05, 1, "h", &st), 0);
    static const char *const files[][2] = {
        { "operators.csv", "operator,name,country,subscribers" },
        { "sites.csv", "site,operator,lat,lon,region,tags,backup_hours,subscribers" },
        { "elements.csv", "element,operator,site,domain,function,vendor,product,sw_version,installed,status" },
        { "links.csv", "element,depends_on,group" },
        { "suppliers.csv", ("vendor,country,state_owned,gov_links,intel_law,no_checks,opaque_ownership,pressure,"
                            "supply_risk,quality_issues,designation,notes") },
        { "products.csv", "vendor,product,certifications,end_of_support,critical_vulns" },
        { "measures.csv", "scope,measure,status,evidence,date" },
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct csv c;
        csv_load(&c, "h", files[i][0]);
        check_header(&c, files[i][1]);
        csv_free(&c);
    }
    ASSERT_EQ_INT(st.operators, 4);
}

/* Sweden at scale 0.2: subscribers add up, coordinates in Sweden, legacy
 * Huawei before the PTS conditions of 2020-10-20 and none after, 5G RAN by
 * Ericsson and Nokia, sensitive-site tags, backup hours by site type. */
TEST(sweden)
{
    struct nis5g_gen_stats st;
    ASSERT_EQ_INT(gen("SE", 0.2, 3, "se", &st), 0);
    struct csv ops, sites, el;
    csv_load(&ops, "se", "operators.csv");
    csv_load(&sites, "se", "sites.csv");
    csv_load(&el, "se", "elements.csv");
    ASSERT_EQ_INT(ops.n - 1, 4);
    for (size_t i = 1; i < ops.n; i++) {
        unsigned long long want = strtoull(ops.rows[i][3], NULL, 10), got = 0;
        for (size_t j = 1; j < sites.n; j++)
            if (strcmp(sites.rows[j][1], ops.rows[i][0]) == 0)
                got += strtoull(sites.rows[j][7], NULL, 10);
        ASSERT_EQ_INT(got, want);
        ASSERT_EQ_STR(ops.rows[i][2], "SE");
    }
    int outside = 0, bad_region = 0, gov = 0, mil = 0, cap = 0, bad_backup = 0;
    for (size_t j = 1; j < sites.n; j++) {
        double lat = strtod(sites.rows[j][2], NULL), lon = strtod(sites.rows[j][3], NULL);
        outside += lat < 55.3 || lat > 69.1 || lon < 11.0 || lon > 24.2;
        bad_region += strncmp(sites.rows[j][4], "SE", 2) != 0;
        const char *tags = sites.rows[j][5];
        gov += strstr(tags, "gov") != NULL;
        mil += strstr(tags, "military") != NULL;
        cap += strstr(tags, "capital") != NULL;
        long b = strtol(sites.rows[j][6], NULL, 10);
        if (strstr(tags, "dc"))
            bad_backup += b < 48 || b > 72 || *sites.rows[j][7];
        else if (!strstr(tags, "transport"))
            bad_backup += b < 1 || b > 24;
    }
    ASSERT_EQ_INT(outside, 0);
    ASSERT_EQ_INT(bad_region, 0);
    ASSERT(gov >= 4);
    ASSERT(mil >= 4);
    ASSERT(cap > 50);
    ASSERT_EQ_INT(bad_backup, 0);
    int legacy = 0, after = 0, new5g = 0, planned = 0, retired = 0;
    for (size_t i = 1; i < el.n; i++) {
        char **f = el.rows[i];
        int hr = strcmp(f[5], "Huawei") == 0 || strcmp(f[5], "ZTE") == 0;
        if (hr && strcmp(f[9], "active") == 0 && *f[8] && strcmp(f[8], "2020-10-20") < 0)
            legacy++;
        if (hr && *f[8] && strcmp(f[8], "2020-10-20") >= 0)
            after++;
        if ((strcmp(f[5], "Ericsson") == 0 || strcmp(f[5], "Nokia") == 0) && strcmp(f[3], "ran") == 0 &&
            strcmp(f[8], "2021-01-01") >= 0 && strcmp(f[9], "active") == 0)
            new5g++;
        planned += strcmp(f[9], "planned") == 0;
        retired += strcmp(f[9], "retired") == 0;
    }
    ASSERT(legacy > 1000);
    ASSERT_EQ_INT(after, 0);
    ASSERT(new5g > 1000);
    ASSERT(planned > 0);
    ASSERT(retired > 0);
    csv_free(&ops);
    csv_free(&sites);
    csv_free(&el);
}

/* Chinese share of the RAN by subscribers (DOMAIN.md, Strand Consult),
 * computed from the sites' subscribers and the vendor of their gNB/CU. */
TEST(chinese_ran_shares)
{
    struct nis5g_gen_stats st;
    ASSERT_EQ_INT(gen("EU27", 0.1, 5, "eu", &st), 0);
    ASSERT_EQ_INT(st.countries, 27);
    struct csv ops, sites, el;
    csv_load(&ops, "eu", "operators.csv");
    csv_load(&sites, "eu", "sites.csv");
    csv_load(&el, "eu", "elements.csv");
    struct nis5g_dict sd, od;
    nis5g_dict_init(&sd);
    nis5g_dict_init(&od);
    char *op_cc = calloc(ops.n, 3);
    for (size_t i = 1; i < ops.n; i++) {
        uint32_t id = nis5g_dict_intern(&od, ops.rows[i][0], strlen(ops.rows[i][0]));
        memcpy(op_cc + 3 * id, ops.rows[i][2], 3);
    }
    double *subs = calloc(sites.n, sizeof *subs);
    uint32_t *site_op = calloc(sites.n, sizeof *site_op);
    for (size_t j = 1; j < sites.n; j++) {
        uint32_t id = nis5g_dict_intern(&sd, sites.rows[j][0], strlen(sites.rows[j][0]));
        subs[id] = strtod(sites.rows[j][7], NULL);
        site_op[id] = nis5g_dict_finds(&od, sites.rows[j][1]);
    }
    /* per country: total and Chinese subscribers */
    static const struct {
        const char *cc;
        double want;
    } table[] = { { "DE", 59 }, { "IT", 52 }, { "NL", 52 }, { "ES", 38 }, { "PL", 38 }, { "HU", 55 },
                  { "FR", 17 }, { "BE", 100 }, { "SK", 0 },  { "EE", 0 },  { "LV", 0 },  { "LT", 0 } };
    double tot[12] = { 0 }, cn[12] = { 0 };
    for (size_t i = 1; i < el.n; i++) {
        char **f = el.rows[i];
        if (strcmp(f[4], "gNB") != 0 && strcmp(f[4], "CU") != 0)
            continue;
        uint32_t s = nis5g_dict_finds(&sd, f[2]);
        ASSERT(s != NIS5G_NONE);
        if (s == NIS5G_NONE)
            continue;
        const char *cc = op_cc + 3 * site_op[s];
        for (int k = 0; k < 12; k++)
            if (strcmp(cc, table[k].cc) == 0) {
                tot[k] += subs[s];
                if (strcmp(f[5], "Huawei") == 0 || strcmp(f[5], "ZTE") == 0)
                    cn[k] += subs[s];
            }
    }
    for (int k = 0; k < 12; k++) {
        ASSERT(tot[k] > 0);
        double pct = tot[k] > 0 ? 100 * cn[k] / tot[k] : -1;
        CHECK_(pct >= table[k].want - 5 && pct <= table[k].want + 5, "%s: Chinese RAN share %.1f%%, want %.0f%%",
               table[k].cc, pct, table[k].want);
    }
    free(op_cc);
    free(subs);
    free(site_op);
    nis5g_dict_release(&sd);
    nis5g_dict_release(&od);
    csv_free(&ops);
    csv_free(&sites);
    csv_free(&el);
}

TEST(national_size)
{
    struct nis5g_gen_stats st;
    ASSERT_EQ_INT(gen("SE", 1, 1, "se1", &st), 0);
    CHECK_(st.elements >= 100000 && st.elements <= 250000, "Sweden at scale 1: %llu elements",
           (unsigned long long)st.elements);
    /* tiny but valid: at least one radio site per operator and region */
    ASSERT_EQ_INT(gen("SE", 0.001, 1, "tiny", &st), 0);
    struct csv sites;
    csv_load(&sites, "tiny", "sites.csv");
    static const char *const regions[] = { "SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32", "SE33" };
    static const char *const opsv[] = { "SE-TELIA", "SE-TELE2", "SE-TELENOR", "SE-HI3G" };
    for (int o = 0; o < 4; o++)
        for (int r = 0; r < 8; r++) {
            int n = 0;
            for (size_t j = 1; j < sites.n; j++)
                n += strcmp(sites.rows[j][1], opsv[o]) == 0 && strcmp(sites.rows[j][4], regions[r]) == 0 &&
                     *sites.rows[j][7];
            CHECK_(n >= 1, "%s has no radio site in %s", opsv[o], regions[r]);
        }
    csv_free(&sites);
}

static int same_files(const char *a, const char *b)
{
    static const char *const files[] = { "operators.csv", "sites.csv",    "elements.csv", "links.csv",
                                         "suppliers.csv", "products.csv", "measures.csv" };
    int same = 1;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        char pa[256], pb[256];
        snprintf(pa, sizeof pa, "%s/%s/%s", tmpdir, a, files[i]);
        snprintf(pb, sizeof pb, "%s/%s/%s", tmpdir, b, files[i]);
        char *da, *db;
        size_t la, lb;
        if (nis5g_read_file(pa, &da, &la) || nis5g_read_file(pb, &db, &lb))
            return -1;
        if (la != lb || memcmp(da, db, la) != 0)
            same = 0;
        free(da);
        free(db);
    }
    return same;
}

TEST(deterministic)
{
    struct nis5g_gen_stats st;
    ASSERT_EQ_INT(gen("DK", 0.05, 42, "d1", &st), 0);
    ASSERT_EQ_INT(gen("DK", 0.05, 42, "d2", &st), 0);
    ASSERT_EQ_INT(gen("DK", 0.05, 43, "d3", &st), 0);
    ASSERT_EQ_INT(same_files("d1", "d2"), 1);
    ASSERT_EQ_INT(same_files("d1", "d3"), 0);
}

TEST(bad_arguments)
{
    struct nis5g_gen_opts o = { .country = "SW", .scale = 1, .seed = 1, .dir = tmpdir };
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    ASSERT(strstr(err.msg, "did you mean 'SE'") != NULL);
    o.country = "Germany";
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    ASSERT(strstr(err.msg, "did you mean 'DE'") != NULL);
    o.country = "GB";
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    ASSERT(strstr(err.msg, "not an EU member state") != NULL);
    o.country = "SE";
    o.scale = 0;
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    o.scale = 1e6;
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    char file[128];
    snprintf(file, sizeof file, "%s/h/operators.csv", tmpdir);
    o.scale = 0.01;
    o.dir = file;
    ASSERT_EQ_INT(nis5g_generate(&o, NULL, &err), NIS5G_EUSAGE);
    ASSERT(strstr(err.msg, "not a directory") != NULL);
}

SETUP
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nis5g-test-gen-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

TEARDOWN
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) {
        fprintf(stderr, "could not remove %s\n", tmpdir);
        return -1;
    }
    return 0;
}
