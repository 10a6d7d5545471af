/* test-elements.c — the element listing's parts on the hand-written
 * dataset tests/cases/elements (tests/cli/elements.sh has its answers):
 * the spreadsheet-safe CSV cell, and the three ways to a page (the
 * bounded heap, the selection, the whole sort) agreeing for every sort
 * field, direction, offset and limit. */
#include "../../src/lib/analysis/elements.c"

#include "harness.h"
#include "nis5g/import.h"

static const char *safe(const char *s)
{
    static struct nis5g_buf b;
    nis5g_buf_reset(&b);
    nis5g_csv_quote_safe(&b, s);
    return b.data ? b.data : "";
}

TEST(csv_formula_cells)
{
    ASSERT_EQ_STR(safe(""), "");
    ASSERT_EQ_STR(safe("Ericsson"), "Ericsson");
    ASSERT_EQ_STR(safe("a,b"), "\"a,b\"");
    ASSERT_EQ_STR(safe("say \"hi\""), "\"say \"\"hi\"\"\"");
    ASSERT_EQ_STR(safe("=1+2"), "\"'=1+2\"");
    ASSERT_EQ_STR(safe("+SUM(1,2)"), "\"'+SUM(1,2)\"");
    ASSERT_EQ_STR(safe("-1"), "\"'-1\"");
    ASSERT_EQ_STR(safe("@x \"y\""), "\"'@x \"\"y\"\"\"");
    ASSERT_EQ_STR(safe("\tx"), "\"'\tx\"");
    ASSERT_EQ_STR(safe("\rx"), "\"'\rx\"");
    ASSERT_EQ_STR(safe("a=b"), "a=b");
}

static struct nis5g_model *load(void)
{
    const char *paths[] = { "tests/cases/elements" };
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    int rc = nis5g_import(paths, 1, &o, &m, &d);
    nis5g_diags_release(&d);
    return rc ? NULL : m;
}

TEST(pages_agree)
{
    struct nis5g_model *m = load();
    ASSERT(m != NULL);
    if (!m)
        return;
    size_t n = m->n_elements;
    uint32_t rows[64];
    for (uint32_t e = 0; e < n; e++)
        rows[e] = e;
    struct ent all[64], h[64];
    for (int field = 0; field < NIS5G_ES_COUNT; field++)
        for (int desc = 0; desc < 2; desc++) {
            struct sorter so = { m, field, desc, NULL, desc ? -1 : 1 };
            so.rank = ranks(m, field, rows, n);
            page_of_all(&so, rows, n, all, 0, n); /* the whole sort */
            for (size_t i = 1; i < n; i++)
                ASSERT(ent_cmp(&so, &all[i - 1], &all[i]) < 0);
            for (size_t off = 0; off < n; off++)
                for (size_t want = 1; off + want <= n; want++) {
                    page_of_all(&so, rows, n, h, off, want);
                    for (size_t i = 0; i < want; i++)
                        ASSERT_EQ_INT(h[off + i].e, all[off + i].e);
                    first_k(&so, rows, n, h, off + want);
                    for (size_t i = 0; i < off + want; i++)
                        ASSERT_EQ_INT(h[i].e, all[i].e);
                }
            free((void *)so.rank);
        }
    nis5g_model_free(m);
}
