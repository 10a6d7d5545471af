/* test-import.c — the importer through its library API: numbers parsed
 * exactly as strtod parses them, and the model's shape. */
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/import.h"
#include "base/rng.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
}

/* The fast decimal path must give the very double strtod gives, for every
 * shape of decimal the files contain (and fall back for the rest). */
TEST(numbers_like_strtod)
{
    enum { N = 20000 };
    static char lat[N][32], lon[N][32];
    struct nis5g_rng r;
    nis5g_rng_seed(&r, 42);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_adds(&b, "site,operator,lat,lon,backup_hours\n");
    for (int i = 0; i < N; i++) {
        int dec = (int)nis5g_rng_below(&r, 17);
        double a = nis5g_rng_double(&r) * 180 - 90, o = nis5g_rng_double(&r) * 360 - 180;
        snprintf(lat[i], sizeof lat[i], "%.*f", dec, a);
        snprintf(lon[i], sizeof lon[i], i % 7 == 0 && dec >= 3 ? "%.*e" : "%.*f", dec, o);
        if (i % 11 == 0)
            snprintf(lat[i], sizeof lat[i], "+%d.%06d", (int)nis5g_rng_below(&r, 90), (int)nis5g_rng_below(&r, 999999));
        nis5g_buf_addf(&b, "S%d,OPA,%s,%s,%d.5\n", i, lat[i], lon[i], i % 9);
    }
    write_file("sites.csv", b.data);
    nis5g_buf_release(&b);
    write_file("operators.csv", "operator,country\nOPA,SE\n");
    write_file("elements.csv", "element,operator,site,domain,function,vendor\nE1,OPA,S1,ran,RU,Ericsson\n");
    const char *paths[] = { dir };
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_import(paths, 1, &o, &m, &d), 0);
    for (size_t i = 0; i < d.n && i < 3; i++)
        fprintf(stderr, "%s:%d:%d: %s (%s)\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg, d.v[i].got ? d.v[i].got : "");
    if (!m)
        return;
    ASSERT_EQ_INT(m->sites.n, N);
    int bad = 0;
    for (int i = 0; i < N && bad < 5; i++) {
        double a = strtod(lat[i], NULL), x = strtod(lon[i], NULL);
        if (memcmp(&a, &m->site_lat[i], sizeof a) || memcmp(&x, &m->site_lon[i], sizeof x)) {
            bad++;
            fprintf(stderr, "site %d: '%s' '%s' -> %.17g %.17g\n", i, lat[i], lon[i], m->site_lat[i], m->site_lon[i]);
        }
    }
    ASSERT_EQ_INT(bad, 0);
    ASSERT_EQ_INT(m->site_backup_hours[3] == 3.5, 1);
    nis5g_model_free(m);
    nis5g_diags_release(&d);
}

/* Warnings are kept up to 20 of each kind (the message with its quoted
 * values left out), then counted in one note that follows them. */
TEST(warnings_capped_by_kind)
{
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    for (int i = 0; i < 25; i++)
        nis5g_diags_add(&d, NIS5G_WARNING, NIS5G_OK, "links.csv", i + 2, 1, NULL, 0, NULL, 0,
                        "pool 'p%d' of element 'E%d' has no active member", i, i);
    for (int i = 0; i < 3; i++)
        nis5g_diags_add(&d, NIS5G_WARNING, NIS5G_OK, "elements.csv", i + 2, 1, NULL, 0, "V", 1,
                        "vendor's profile is unknown");
    nis5g_diags_add(&d, NIS5G_ERROR, NIS5G_EINPUT, "links.csv", 99, 1, NULL, 0, NULL, 0, "an error");
    ASSERT_EQ_INT(d.warnings, 28);
    ASSERT_EQ_INT(d.errors, 1);
    ASSERT_EQ_INT(d.n, 20 + 1 + 3 + 1);
    ASSERT_EQ_INT(d.v[19].line, 21);
    ASSERT_EQ_INT(d.v[20].severity, NIS5G_NOTE);
    ASSERT_EQ_STR(d.v[20].msg, "... and 5 more warnings like \"pool '\xe2\x80\xa6' of element '\xe2\x80\xa6' has no "
                               "active member\" (the first 20 are shown)");
    ASSERT_EQ_INT(d.v[21].severity, NIS5G_WARNING);
    ASSERT_EQ_INT(d.v[24].severity, NIS5G_ERROR);
    nis5g_diags_release(&d);
    /* no cap */
    d.max_warnings = SIZE_MAX;
    for (int i = 0; i < 30; i++)
        nis5g_diags_add(&d, NIS5G_WARNING, NIS5G_OK, NULL, 0, 0, NULL, 0, NULL, 0, "same");
    ASSERT_EQ_INT(d.n, 30);
    nis5g_diags_release(&d);
}

/* The factor columns are declared once (model.h): the names table that
 * model.c keeps must say the same, in the same order. */
TEST(factor_columns_declared_once)
{
    static const char *const cols[] = { NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) };
    ASSERT_EQ_INT(sizeof cols / sizeof cols[0], NIS5G_F_COUNT);
    for (int k = 0; k < NIS5G_F_COUNT; k++)
        ASSERT_EQ_STR(nis5g_factor_names[k], cols[k]);
    ASSERT_EQ_STR(cols[NIS5G_F_OPAQUE_OWNERSHIP], "opaque_ownership");
}

SETUP
{
    snprintf(dir, sizeof dir, "/tmp/nis5g-test-import-%d", (int)getpid());
    return mkdir(dir, 0700);
}

TEARDOWN
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) != 0;
}
