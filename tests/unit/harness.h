/*
 * harness.h — a tiny assert harness for unit tests (after libuv's ASSERT_EQ).
 *
 * A test file is a list of TESTs; each one registers itself (a constructor
 * adds it to this binary's table), and the harness supplies main(), which
 * runs them in the order they appear in the file:
 *
 *   TEST(dates) { ASSERT_EQ_INT(nis5g_date_from_ymd(1970, 1, 1), 0); }
 *
 * A file that needs a fixture declares SETUP and TEARDOWN blocks (at most
 * one of each): SETUP runs before the first test and a non-zero return
 * fails the binary without running any; TEARDOWN runs after the last.
 *
 * Each failed check prints both sides with file, line and test name on
 * stderr and the test goes on (later checks still run). TEST_XFAIL
 * (below) marks a test that a known bug breaks. The binary prints
 * "ok   NAME" or "FAIL NAME" per test, then "N passed, N failed" (checks),
 * and exits non-zero when any check failed, when SETUP or TEARDOWN
 * failed, or when the file holds no test at all (tests/run.sh reads the
 * exit status).
 */
#ifndef NIS5G_TEST_HARNESS_H
#define NIS5G_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct harness_test {
    const char *name;
    void (*fn)(void);
    int line;          /* in the test file: the order of the run */
    const char *xfail; /* TEST_XFAIL: why it is known to fail */
};

#define HARNESS_MAX_TESTS 256

static struct harness_test harness_tests[HARNESS_MAX_TESTS];
static int harness_ntests, harness_overflow;
static int harness_failed, harness_checks;
static const char *harness_current = "(setup)";
static int (*harness_setup)(void);
static int (*harness_teardown)(void);

static inline void harness_register(const char *name, void (*fn)(void), int line, const char *xfail)
{
    if (harness_ntests == HARNESS_MAX_TESTS) {
        harness_overflow = 1;
        return;
    }
    harness_tests[harness_ntests++] = (struct harness_test){ name, fn, line, xfail };
}

/* TEST(name) { ... } defines test_name and registers it before main. */
#define TEST(name)                                                                     \
    static void test_##name(void);                                                     \
    __attribute__((constructor)) static void harness_reg_test_##name(void)                  \
    {                                                                                  \
        harness_register(#name, test_##name, __LINE__, NULL);                          \
    }                                                                                  \
    static void test_##name(void)

/* TEST_XFAIL(name, "why") { ... }: a test of the right behaviour that a
 * known bug still breaks. Its failures do not fail the binary (it prints
 * "xfail NAME: why"); once it passes, it does ("XPASS"), so that the
 * marker goes as soon as the bug is fixed. */
#define TEST_XFAIL(name, why)                                                          \
    static void test_##name(void);                                                     \
    __attribute__((constructor)) static void harness_reg_test_##name(void)             \
    {                                                                                  \
        harness_register(#name, test_##name, __LINE__, why);                           \
    }                                                                                  \
    static void test_##name(void)

/* SETUP { ...; return 0; } and TEARDOWN { ...; return 0; } */
#define SETUP                                                                          \
    static int harness_setup_fn(void);                                                 \
    __attribute__((constructor)) static void harness_reg_setup(void)                   \
    {                                                                                  \
        harness_setup = harness_setup_fn;                                              \
    }                                                                                  \
    static int harness_setup_fn(void)
#define TEARDOWN                                                                       \
    static int harness_teardown_fn(void);                                              \
    __attribute__((constructor)) static void harness_reg_teardown(void)                \
    {                                                                                  \
        harness_teardown = harness_teardown_fn;                                        \
    }                                                                                  \
    static int harness_teardown_fn(void)

#define CHECK_(cond, ...)                                                              \
    do {                                                                               \
        harness_checks++;                                                              \
        if (!(cond)) {                                                                 \
            harness_failed++;                                                          \
            fprintf(stderr, "%s:%d: [%s] ", __FILE__, __LINE__, harness_current);      \
            fprintf(stderr, __VA_ARGS__);                                              \
            fputc('\n', stderr);                                                       \
        }                                                                              \
    } while (0)

#define ASSERT(cond) CHECK_((cond), "assertion failed: %s", #cond)
#define ASSERT_EQ_INT(a, b)                                                            \
    do {                                                                               \
        long long a_ = (long long)(a), b_ = (long long)(b);                            \
        CHECK_(a_ == b_, "%s == %s: %lld != %lld", #a, #b, a_, b_);                    \
    } while (0)
#define ASSERT_NE_INT(a, b)                                                            \
    do {                                                                               \
        long long a_ = (long long)(a), b_ = (long long)(b);                            \
        CHECK_(a_ != b_, "%s != %s: both %lld", #a, #b, a_);                           \
    } while (0)
#define ASSERT_EQ_STR(a, b)                                                            \
    do {                                                                               \
        const char *a_ = (a), *b_ = (b);                                               \
        CHECK_(a_ && b_ && strcmp(a_, b_) == 0, "%s == %s: '%s' != '%s'", #a, #b,     \
               a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                \
    } while (0)
#define ASSERT_NEAR(a, b, eps)                                                         \
    do {                                                                               \
        double a_ = (a), b_ = (b);                                                     \
        CHECK_(fabs(a_ - b_) <= (eps), "%s ~= %s: %.10g != %.10g", #a, #b, a_, b_);     \
    } while (0)
/* n bytes at a and b are equal; on failure, the first differing byte. */
#define ASSERT_EQ_MEM(a, b, n)                                                         \
    do {                                                                               \
        const unsigned char *a_ = (const void *)(a), *b_ = (const void *)(b);          \
        size_t n_ = (n), i_ = 0;                                                       \
        while (a_ && b_ && i_ < n_ && a_[i_] == b_[i_])                                \
            i_++;                                                                      \
        CHECK_(a_ && b_ && i_ == n_, "%s == %s (%zu bytes): differ at byte %zu: 0x%02x != 0x%02x", \
               #a, #b, n_, i_, a_ && b_ && i_ < n_ ? a_[i_] : 0u, a_ && b_ && i_ < n_ ? b_[i_] : 0u); \
    } while (0)

static int harness_by_line(const void *a, const void *b)
{
    const struct harness_test *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

/* Run every registered test; the exit status of the binary. */
static inline int harness_run(void)
{
    if (harness_overflow) {
        fprintf(stderr, "harness: more than %d tests in one file\n", HARNESS_MAX_TESTS);
        return 1;
    }
    if (harness_ntests == 0) {
        fprintf(stderr, "harness: no tests in this file (each is declared with TEST(name))\n");
        printf("0 passed, 0 failed (no tests)\n");
        return 1;
    }
    /* constructors run in no promised order: the file's order is the run's */
    qsort(harness_tests, (size_t)harness_ntests, sizeof harness_tests[0], harness_by_line);
    if (harness_setup && harness_setup() != 0) {
        fprintf(stderr, "harness: SETUP failed; no test was run\n");
        printf("FAIL (setup)\n");
        return 1;
    }
    for (int i = 0; i < harness_ntests; i++) {
        int before = harness_failed;
        harness_current = harness_tests[i].name;
        harness_tests[i].fn();
        if (harness_tests[i].xfail && harness_failed > before) {
            harness_failed = before;
            printf("xfail %s: %s\n", harness_tests[i].name, harness_tests[i].xfail);
        } else if (harness_tests[i].xfail) {
            harness_failed++;
            printf("XPASS %s: passes now; make it a TEST (it was: %s)\n", harness_tests[i].name,
                   harness_tests[i].xfail);
        } else {
            printf("%s %s\n", harness_failed == before ? "ok  " : "FAIL", harness_tests[i].name);
        }
        fflush(stdout);
    }
    harness_current = "(teardown)";
    int down = harness_teardown ? harness_teardown() : 0;
    if (down) {
        fprintf(stderr, "harness: TEARDOWN failed\n");
        printf("FAIL (teardown)\n");
    }
    printf("%d passed, %d failed\n", harness_checks - harness_failed, harness_failed);
    return harness_failed || down ? 1 : 0;
}

#ifndef HARNESS_NO_MAIN
int main(void)
{
    return harness_run();
}
#endif

#endif
