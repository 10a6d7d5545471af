/* test-summary.c — the summary's sparse path (a hash of cells, used when
 * operators × domains × vendors would be a huge dense table) gives the
 * hand-counted figures of tests/cases/import/small (see tests/cli/summary.sh). */
#define DENSE_MAX 0
#include "../../src/lib/analysis/summary.c"

#include "harness.h"
#include "nis5g/import.h"

TEST(sparse_cells)
{
    const char *paths[] = { "tests/cases/import/small" };
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_import(paths, 1, &o, &m, &d), 0);
    if (!m)
        return;
    struct nis5g_summary s;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_summary_compute(m, &s, &err), 0);
    ASSERT_EQ_INT(s.active, 8);
    ASSERT_EQ_INT(s.n_cells, 6);
    /* sorted: OPA ran (Ericsson 2, Huawei 2), OPA core (1, 1), OPB ran Huawei 1, OPB core Nokia 1 */
    uint32_t opa = nis5g_dict_finds(&m->operators, "OPA"), hw = nis5g_dict_finds(&m->vendors, "Huawei");
    ASSERT_EQ_INT(s.cells[0].op, opa);
    ASSERT_EQ_INT(s.cells[0].domain, NIS5G_DOM_RAN);
    ASSERT_EQ_INT(s.cells[0].count, 2);
    ASSERT_EQ_INT(s.cells[4].vendor, hw);
    ASSERT_EQ_INT(s.cells[4].count, 1);
    ASSERT_EQ_INT(s.domain_total[NIS5G_DOM_RAN], 5);
    ASSERT_EQ_INT(s.top[NIS5G_DOM_RAN][0].vendor, hw);
    ASSERT_EQ_INT(s.top[NIS5G_DOM_RAN][0].count, 3);
    ASSERT_EQ_INT(s.vendors_active, 3);
    nis5g_summary_release(&s);
    nis5g_model_free(m);
    nis5g_diags_release(&d);
}
