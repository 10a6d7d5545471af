/*
 * harness.h — a tiny assert harness for unit tests (after libuv's ASSERT_EQ):
 * each failed check prints both sides with file and line, and the test
 * binary exits non-zero at the end if any check failed.
 *
 *   TEST(dates) { ASSERT_EQ_INT(nis5g_date_from_ymd(1970, 1, 1), 0); }
 *   int main(void) { RUN(dates); return harness_done(); }
 */
#ifndef NIS5G_TEST_HARNESS_H
#define NIS5G_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_failed, harness_checks, harness_tests;
static const char *harness_current;

#define TEST(name) static void test_##name(void)
#define RUN(name)                                                                      \
    do {                                                                               \
        int before_ = harness_failed;                                                  \
        harness_current = #name;                                                       \
        harness_tests++;                                                               \
        test_##name();                                                                 \
        printf("%s %s\n", harness_failed == before_ ? "ok  " : "FAIL", #name);          \
    } while (0)

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

static inline int harness_done(void)
{
    printf("%d passed, %d failed\n", harness_checks - harness_failed, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
