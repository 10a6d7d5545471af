/*
 * test-opts.c — option tables (opts.h): nis5g_opt_set for every kind of
 * value with the exact messages the command line and the server show,
 * lists that grow, INCLUDEd tables found with their offsets, and
 * nis5g_opts_release.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>

#include "harness.h"
#include "nis5g/date.h"
#include "nis5g/opts.h"

#define DASH "\xe2\x80\x94" /* the em dash of " — got '...'" */

struct common {
    int32_t snapshot;
    struct nis5g_strlist policy;
    int format;
};

static const struct nis5g_opt common_opts[] = {
    NIS5G_OPT_SNAPSHOT(struct common, snapshot),
    NIS5G_OPT_POLICY(struct common, policy),
    NIS5G_OPT_JSON(struct common, format),
    NIS5G_OPT_CSV(struct common, format),
    NIS5G_OPT_END_,
};

struct middle {
    double pad;
    struct common c;
};

static const struct nis5g_opt middle_opts[] = {
    NIS5G_OPT_INCLUDE_(struct middle, c, common_opts),
    NIS5G_OPT_END_,
};

static const char *const modes[] = { "a", "b", "c", NULL };
static const char *const two[] = { "on", "off", NULL };
static const char *const one[] = { "only", NULL };

struct params {
    int verbose;
    const char *out;
    struct nis5g_strlist files;
    int32_t at;
    uint64_t runs;
    double budget;
    int mode, toggle, single;
    int custom;
    struct middle m;
    struct nis5g_strlist args;
};

static int parse_even(const char *value, void *field, struct nis5g_err *err)
{
    uint64_t v;
    if (nis5g_parse_uint(value, &v) || v % 2)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--even expects an even number " DASH " got '%s'", value);
    *(int *)field = (int)v;
    return 0;
}

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_FLAG_(struct params, "verbose", verbose, 7, "say more"),
    NIS5G_OPT_STR_(struct params, "output", 'o', "FILE", out, "write to FILE"),
    NIS5G_OPT_LIST_(struct params, "file", "FILE", files, "a file (repeatable)"),
    NIS5G_OPT_DATE_(struct params, "at", at, "as of DATE"),
    NIS5G_OPT_UINT_(struct params, "runs", "N", runs, "N runs"),
    { .type = NIS5G_OPT_NUMBER, .name = "budget", .arg = "EUR", .help = "budget",
      .offset = offsetof(struct params, budget) },
    { .type = NIS5G_OPT_CHOICE, .name = "mode", .arg = "MODE", .offset = offsetof(struct params, mode),
      .choices = modes },
    { .type = NIS5G_OPT_CHOICE, .name = "toggle", .offset = offsetof(struct params, toggle), .choices = two },
    { .type = NIS5G_OPT_CHOICE, .name = "single", .offset = offsetof(struct params, single), .choices = one },
    { .type = NIS5G_OPT_CUSTOM, .name = "even", .offset = offsetof(struct params, custom), .parse = parse_even },
    { .type = NIS5G_OPT_UINT, .short_name = 'n', .arg = "N", .offset = offsetof(struct params, runs) },
    NIS5G_OPT_INCLUDE_(struct params, m, middle_opts),
    NIS5G_OPT_POS_(struct params, "ARG", args, 0, "arguments"),
    NIS5G_OPT_END_,
};

/* The first entry of opts of that type (and short name, when not 0). */
static const struct nis5g_opt *entry(enum nis5g_opt_type type, char short_name)
{
    for (const struct nis5g_opt *o = opts;; o++)
        if (o->type == type && (!short_name || o->short_name == short_name))
            return o;
}

/* The entry of opts named name (asserted to exist at base 0). */
static const struct nis5g_opt *opt(const char *name)
{
    size_t base = 99;
    const struct nis5g_opt *o = nis5g_opt_find(opts, name, &base);
    CHECK_(o != NULL, "no option '%s'", name);
    CHECK_(base == 0, "option '%s' at base %zu", name, base);
    return o;
}

/* Set name to value in p; the message on failure ("" on success). */
static const char *set(struct params *p, const char *name, const char *value, int want_rc)
{
    static struct nis5g_err err;
    memset(&err, 0, sizeof err);
    const struct nis5g_opt *o = opt(name);
    if (!o)
        return "(no option)";
    int rc = nis5g_opt_set(o, p, value, &err);
    CHECK_(rc == want_rc, "--%s '%s': %d != %d (%s)", name, value ? value : "(null)", rc, want_rc, err.msg);
    return err.msg;
}

TEST(flag_and_string)
{
    struct params p = { 0 };
    ASSERT_EQ_STR(set(&p, "verbose", NULL, 0), "");
    ASSERT_EQ_INT(p.verbose, 7);
    const char *v = "out.txt";
    set(&p, "output", v, 0);
    ASSERT(p.out == v); /* borrowed, not copied */
    set(&p, "output", "", 0);
    ASSERT_EQ_STR(p.out, "");

    /* two flags sharing a field: the last one given */
    struct middle m = { 0 };
    size_t base = 99;
    const struct nis5g_opt *json = nis5g_opt_find(middle_opts, "json", &base);
    ASSERT(json != NULL);
    ASSERT_EQ_INT(base, offsetof(struct middle, c));
    const struct nis5g_opt *csv = nis5g_opt_find(middle_opts, "csv", &base);
    struct nis5g_err err = { 0 };
    if (json && csv) {
        ASSERT_EQ_INT(nis5g_opt_set(json, (char *)&m + base, NULL, &err), 0);
        ASSERT_EQ_INT(m.c.format, 1);
        ASSERT_EQ_INT(nis5g_opt_set(csv, (char *)&m + base, NULL, &err), 0);
        ASSERT_EQ_INT(m.c.format, 2);
    }
}

TEST(list_grows_past_64)
{
    struct params p = { 0 };
    static char vals[200][8];
    for (int i = 0; i < 200; i++) {
        snprintf(vals[i], sizeof vals[i], "f%d", i);
        set(&p, "file", vals[i], 0);
        ASSERT_EQ_INT(p.files.n, i + 1);
    }
    int same = 0;
    for (int i = 0; i < 200; i++)
        same += p.files.v[i] == vals[i];
    ASSERT_EQ_INT(same, 200);
    /* positionals are a list too */
    struct nis5g_err err = { 0 };
    const struct nis5g_opt *pos = &opts[sizeof opts / sizeof opts[0] - 2];
    ASSERT(pos->type == NIS5G_OPT_LIST && !pos->name);
    for (int i = 0; i < 65; i++)
        ASSERT_EQ_INT(nis5g_opt_set(pos, &p, vals[i], &err), 0);
    ASSERT_EQ_INT(p.args.n, 65);
    ASSERT_EQ_STR(p.args.v[64], "f64");
    nis5g_opts_release(opts, &p);
    ASSERT(p.files.v == NULL && p.files.n == 0);
    ASSERT(p.args.v == NULL && p.args.n == 0);
    /* released lists start again from nothing */
    set(&p, "file", "again", 0);
    ASSERT_EQ_INT(p.files.n, 1);
    nis5g_opts_release(opts, &p);
    nis5g_opts_release(opts, &p); /* twice is harmless */
}

TEST(dates)
{
    struct params p = { 0 };
    set(&p, "at", "2025-01-01", 0);
    ASSERT_EQ_INT(p.at, 20089);
    set(&p, "at", "2024-02-29", 0);
    ASSERT_EQ_INT(p.at, nis5g_date_from_ymd(2024, 2, 29));
    set(&p, "at", "1900-01-01", 0);
    ASSERT_EQ_INT(p.at, nis5g_date_from_ymd(1900, 1, 1));
    set(&p, "at", "2199-12-31", 0);
    ASSERT_EQ_INT(p.at, nis5g_date_from_ymd(2199, 12, 31));
    ASSERT_EQ_STR(set(&p, "at", "2023-02-30", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '2023-02-30'");
    ASSERT_EQ_STR(set(&p, "at", "2023-02-29", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '2023-02-29'");
    ASSERT_EQ_STR(set(&p, "at", "2023-13-01", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '2023-13-01'");
    ASSERT_EQ_STR(set(&p, "at", "2023-2-28", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '2023-2-28'");
    ASSERT_EQ_STR(set(&p, "at", "28/02/2023", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '28/02/2023'");
    ASSERT_EQ_STR(set(&p, "at", "", NIS5G_EUSAGE),
                  "--at expects a date (YYYY-MM-DD, a real calendar day) " DASH " got ''");
    ASSERT_EQ_STR(set(&p, "at", "1899-12-31", NIS5G_EUSAGE),
                  "--at date out of range (years 1900 to 2199) " DASH " got '1899-12-31'");
    ASSERT_EQ_STR(set(&p, "at", "2200-01-01", NIS5G_EUSAGE),
                  "--at date out of range (years 1900 to 2199) " DASH " got '2200-01-01'");
    ASSERT_EQ_STR(set(&p, "at", "0000-01-01", NIS5G_EUSAGE),
                  "--at date out of range (years 1900 to 2199) " DASH " got '0000-01-01'");
    ASSERT_EQ_STR(set(&p, "at", "9999-12-31", NIS5G_EUSAGE),
                  "--at date out of range (years 1900 to 2199) " DASH " got '9999-12-31'");
    ASSERT_EQ_INT(p.at, nis5g_date_from_ymd(2199, 12, 31)); /* a refused value changes nothing */
}

TEST(whole_numbers)
{
    struct params p = { 0 };
    set(&p, "runs", "0", 0);
    ASSERT_EQ_INT(p.runs, 0);
    set(&p, "runs", "1000", 0);
    ASSERT_EQ_INT(p.runs, 1000);
    set(&p, "runs", "007", 0);
    ASSERT_EQ_INT(p.runs, 7);
    set(&p, "runs", "18446744073709551615", 0);
    ASSERT(p.runs == UINT64_MAX);
    const char *bad[] = { "18446744073709551616", "99999999999999999999999", "0x10", "-1", "1e3", "+1", " 1", "1 ",
                          "1.0", "", "ten" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "--runs expects a whole number " DASH " got '%s'", bad[i]);
        ASSERT_EQ_STR(set(&p, "runs", bad[i], NIS5G_EUSAGE), want);
    }
    ASSERT(p.runs == UINT64_MAX);
    uint64_t v = 0;
    ASSERT_EQ_INT(nis5g_parse_uint("42", &v), 0);
    ASSERT_EQ_INT(v, 42);
    ASSERT_EQ_INT(nis5g_parse_uint("18446744073709551620", &v), -1);
}

TEST(numbers)
{
    struct params p = { 0 };
    set(&p, "budget", "0", 0);
    ASSERT(p.budget == 0);
    set(&p, "budget", "1.5", 0);
    ASSERT(p.budget == 1.5);
    set(&p, "budget", "1e3", 0);
    ASSERT(p.budget == 1000);
    set(&p, "budget", "0.25", 0);
    ASSERT(p.budget == 0.25);
    const char *bad[] = { "0x10", "0X1p4", "inf", "INF", "infinity", "nan", "NaN", "-1", "-0.5", "1e999", "",
                          ".", "1,5", "1.5 ", "abc", "--1" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char want[128];
        snprintf(want, sizeof want, "--budget expects a non-negative number " DASH " got '%s'", bad[i]);
        ASSERT_EQ_STR(set(&p, "budget", bad[i], NIS5G_EUSAGE), want);
    }
    ASSERT(p.budget == 0.25);
    double d;
    ASSERT_EQ_INT(nis5g_parse_number("2.5", &d), 0);
    ASSERT(d == 2.5);
    ASSERT_EQ_INT(nis5g_parse_number("nan", &d), -1);
}

TEST(choices)
{
    struct params p = { 0 };
    set(&p, "mode", "c", 0);
    ASSERT_EQ_INT(p.mode, 2);
    set(&p, "mode", "a", 0);
    ASSERT_EQ_INT(p.mode, 0);
    ASSERT_EQ_STR(set(&p, "mode", "d", NIS5G_EUSAGE), "--mode expects a, b or c " DASH " got 'd'");
    ASSERT_EQ_STR(set(&p, "mode", "A", NIS5G_EUSAGE), "--mode expects a, b or c " DASH " got 'A'");
    ASSERT_EQ_STR(set(&p, "mode", "", NIS5G_EUSAGE), "--mode expects a, b or c " DASH " got ''");
    ASSERT_EQ_INT(p.mode, 0);
    set(&p, "toggle", "off", 0);
    ASSERT_EQ_INT(p.toggle, 1);
    ASSERT_EQ_STR(set(&p, "toggle", "yes", NIS5G_EUSAGE), "--toggle expects on or off " DASH " got 'yes'");
    ASSERT_EQ_STR(set(&p, "single", "other", NIS5G_EUSAGE), "--single expects only " DASH " got 'other'");
}

TEST(custom_and_short_names)
{
    struct params p = { 0 };
    set(&p, "even", "42", 0);
    ASSERT_EQ_INT(p.custom, 42);
    ASSERT_EQ_STR(set(&p, "even", "7", NIS5G_EUSAGE), "--even expects an even number " DASH " got '7'");
    ASSERT_EQ_INT(p.custom, 42);

    /* an option with only a short name is named by it */
    const struct nis5g_opt *n = entry(NIS5G_OPT_UINT, 'n');
    ASSERT(n->short_name == 'n' && !n->name);
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_opt_set(n, &p, "x", &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "-n expects a whole number " DASH " got 'x'");
    char buf[64];
    ASSERT_EQ_STR(nis5g_opt_display(n, buf), "-n");
    ASSERT_EQ_STR(nis5g_opt_display(opt("output"), buf), "--output");
    ASSERT_EQ_STR(nis5g_opt_display(&opts[sizeof opts / sizeof opts[0] - 2], buf), "ARG");

    /* an INCLUDE or END entry takes no value */
    ASSERT_EQ_INT(nis5g_opt_set(entry(NIS5G_OPT_INCLUDE, 0), &p, "x", &err), NIS5G_EINTERNAL);
    ASSERT_EQ_INT(nis5g_opt_set(entry(NIS5G_OPT_END, 0), &p, "x", &err), NIS5G_EINTERNAL);
}

TEST(include_offsets)
{
    struct params p = { 0 };
    size_t base = 99;
    /* two levels: params.m (INCLUDE middle_opts) -> middle.c (INCLUDE common_opts) */
    const struct nis5g_opt *o = nis5g_opt_find(opts, "snapshot", &base);
    ASSERT(o != NULL && o->type == NIS5G_OPT_DATE);
    ASSERT_EQ_INT(base, offsetof(struct params, m) + offsetof(struct middle, c));
    struct nis5g_err err = { 0 };
    if (o) {
        ASSERT_EQ_INT(nis5g_opt_set(o, (char *)&p + base, "2026-11-27", &err), 0);
        ASSERT_EQ_INT(p.m.c.snapshot, nis5g_date_from_ymd(2026, 11, 27));
        ASSERT_EQ_INT(nis5g_opt_set(o, (char *)&p + base, "2026-11-31", &err), NIS5G_EUSAGE);
        ASSERT_EQ_STR(err.msg, "--snapshot expects a date (YYYY-MM-DD, a real calendar day) " DASH " got '2026-11-31'");
    }
    o = nis5g_opt_find(opts, "policy", &base);
    ASSERT(o != NULL && o->type == NIS5G_OPT_LIST);
    ASSERT_EQ_INT(base, offsetof(struct params, m) + offsetof(struct middle, c));
    if (o)
        for (int i = 0; i < 70; i++)
            ASSERT_EQ_INT(nis5g_opt_set(o, (char *)&p + base, "p.policy", &err), 0);
    ASSERT_EQ_INT(p.m.c.policy.n, 70);
    o = nis5g_opt_find(opts, "json", &base);
    if (o) {
        ASSERT_EQ_INT(nis5g_opt_set(o, (char *)&p + base, NULL, &err), 0);
        ASSERT_EQ_INT(p.m.c.format, 1);
    }
    /* names of this table are at base 0; missing names and positionals are not found */
    ASSERT(nis5g_opt_find(opts, "runs", &base) == entry(NIS5G_OPT_UINT, 0));
    ASSERT_EQ_INT(base, 0);
    ASSERT(nis5g_opt_find(opts, "nope", &base) == NULL);
    ASSERT(nis5g_opt_find(opts, "", &base) == NULL);
    ASSERT(nis5g_opt_find(opts, "snap", &base) == NULL);
    /* release follows INCLUDEs */
    nis5g_opts_release(opts, &p);
    ASSERT(p.m.c.policy.v == NULL && p.m.c.policy.n == 0);
}
