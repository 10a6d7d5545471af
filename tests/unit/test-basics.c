/* test-basics.c — dates, dictionaries, buffers, the random generator. */
#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/dict.h"
#include "base/rng.h"

TEST(dates)
{
    int32_t d;
    ASSERT_EQ_INT(nis5g_date_from_ymd(1970, 1, 1), 0);
    ASSERT_EQ_INT(nis5g_date_parse("2025-01-01", 10, &d), 0);
    ASSERT_EQ_INT(d, 20089); /* date -d 2025-01-01 +%s / 86400 */
    ASSERT_EQ_INT(nis5g_date_parse("2023-02-30", 10, &d), -1);
    ASSERT_EQ_INT(nis5g_date_parse("2024-02-29", 10, &d), 0);
    ASSERT_EQ_INT(nis5g_date_parse("2023-02-29", 10, &d), -1);
    ASSERT_EQ_INT(nis5g_date_parse("2023-2-28", 9, &d), -1);
    ASSERT_EQ_INT(nis5g_date_parse("2023/02/28", 10, &d), -1);
    char b[11];
    for (int32_t x = -30000; x < 80000; x += 7) {
        int32_t y;
        nis5g_date_format(x, b);
        if (nis5g_date_parse(b, 10, &y) == 0)
            ASSERT_EQ_INT(y, x);
    }
    ASSERT_EQ_STR(nis5g_date_format(nis5g_date_from_ymd(2000, 2, 29), b), "2000-02-29");
}

TEST(dict)
{
    struct nis5g_dict d;
    nis5g_dict_init(&d);
    char s[32];
    for (int i = 0; i < 10000; i++) {
        int n = snprintf(s, sizeof s, "E%d", i);
        ASSERT_EQ_INT(nis5g_dict_intern(&d, s, (size_t)n), i);
    }
    ASSERT_EQ_INT(nis5g_dict_intern(&d, "E42", 3), 42);
    ASSERT_EQ_INT(nis5g_dict_finds(&d, "E9999"), 9999);
    ASSERT_EQ_INT(nis5g_dict_finds(&d, "E10000"), NIS5G_NONE);
    ASSERT_EQ_STR(nis5g_dict_str(&d, 123), "E123");
    ASSERT_EQ_INT(nis5g_dict_len(&d, 123), 4);
    nis5g_dict_unindex(&d); /* as after a load: index rebuilt on demand */
    ASSERT_EQ_INT(nis5g_dict_finds(&d, "E77"), 77);
    ASSERT_EQ_INT(nis5g_dict_intern(&d, "", 0), 10000);
    ASSERT_EQ_INT(nis5g_dict_finds(&d, ""), 10000);
    nis5g_dict_release(&d);
}

TEST(buf)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&b, "%d-%s", 42, "x");
    for (int i = 0; i < 1000; i++)
        nis5g_buf_addch(&b, 'a');
    ASSERT_EQ_INT(b.len, 1004);
    ASSERT_EQ_INT(strncmp(b.data, "42-xaaa", 7), 0);
    ASSERT_EQ_INT(b.data[b.len], 0);
    nis5g_buf_release(&b);
}

TEST(rng)
{
    struct nis5g_rng a, b;
    nis5g_rng_seed(&a, 7);
    nis5g_rng_seed(&b, 7);
    for (int i = 0; i < 100; i++)
        ASSERT(nis5g_rng_next(&a) == nis5g_rng_next(&b));
    double sum = 0;
    for (int i = 0; i < 100000; i++) {
        double x = nis5g_rng_double(&a);
        ASSERT(x >= 0 && x < 1);
        sum += x;
    }
    ASSERT_NEAR(sum / 100000, 0.5, 0.01);
    ASSERT(nis5g_rng_below(&a, 1) == 0);
}
