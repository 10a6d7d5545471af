/*
 * test-risk-measures.c — measure statuses in a workspace: the snapshot's
 * values, overridden by later sets, validation of sets, the history with
 * imports recorded, and the layout handed to the risk indicators.
 */
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/import.h"
#include "nis5g/measures.h"
#include "nis5g/store.h"

static struct nis5g_catalog cat;

static const struct nis5g_mcell *cell(const struct nis5g_mtable *t, const char *scope, const char *code)
{
    for (size_t i = 0; i < t->n_scopes; i++)
        if (strcmp(t->scope[i], scope) == 0)
            return &t->cell[i * t->n_measures + (size_t)nis5g_catalog_measure(&cat, code, strlen(code))];
    return NULL;
}

TEST(workspace)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/nis5g-meas-%d.db", (int)getpid());
    unlink(path);
    struct nis5g_store *st;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(path, NIS5G_STORE_CREATE, &st, &err), NIS5G_OK);
    const char *dir = NIS5G_DATADIR "/../tests/cases/risk/small";
    struct nis5g_model *m;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_import_opts io = { .as_of = NIS5G_NO_DATE };
    ASSERT_EQ_INT(nis5g_import(&dir, 1, &io, &m, &d), NIS5G_OK);
    struct nis5g_snapshot snap;
    ASSERT_EQ_INT(nis5g_store_save_model(st, m, dir, &snap, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_measures_record_import(st, &snap, m, "importer", &err), NIS5G_OK);

    struct nis5g_mtable t;
    ASSERT_EQ_INT(nis5g_measures_effective(st, &snap, m, &cat, &t, &err), NIS5G_OK);
    /* scopes: the state, then the operators */
    ASSERT_EQ_INT(t.n_scopes, 3);
    ASSERT_EQ_STR(t.scope[0], "SE");
    ASSERT_EQ_INT(t.is_country[0], 1);
    ASSERT_EQ_STR(t.scope[2], "OPB");
    const struct nis5g_mcell *x = cell(&t, "OPA", "SM04");
    ASSERT_EQ_INT(x->status, NIS5G_MS_PARTIAL);
    ASSERT_EQ_INT(x->source, NIS5G_MSRC_SNAPSHOT);
    ASSERT_EQ_STR(x->evidence, "third-line support review");
    ASSERT_EQ_INT(cell(&t, "OPA", "TM06")->status, NIS5G_MS_UNSET);
    /* the layout for the indicators: operators.n × n and countries.n × n */
    size_t nm = cat.n_measures;
    uint32_t se = nis5g_dict_finds(&m->countries, "SE");
    ASSERT_EQ_INT(t.country_status[se * nm + (size_t)nis5g_catalog_measure(&cat, "SM03", 4)], NIS5G_MS_IMPLEMENTED);
    ASSERT_EQ_INT(t.op_status[1 * nm + (size_t)nis5g_catalog_measure(&cat, "SM01", 4)], NIS5G_MS_IMPLEMENTED);
    nis5g_mtable_release(&t);

    /* validation: nothing recorded */
    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "OPC", "TM06", "implemented", NULL, "t", &err), NIS5G_EINPUT);
    ASSERT(strstr(err.msg, "unknown scope 'OPC'") != NULL);
    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "FI", "TM06", "implemented", NULL, "t", &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "SE", "SM09", "implemented", NULL, "t", &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "SE", "SM01", "Implemented", NULL, "t", &err), NIS5G_EINPUT);

    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "OPA", "SM04", "implemented", "audit", "ann", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_measures_set(st, &snap, m, &cat, "OPA", "SM04", "planned", NULL, "bob", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_measures_effective(st, &snap, m, &cat, &t, &err), NIS5G_OK);
    x = cell(&t, "OPA", "SM04");
    ASSERT_EQ_INT(x->status, NIS5G_MS_PLANNED); /* the latest set wins */
    ASSERT_EQ_INT(x->source, NIS5G_MSRC_SET);
    ASSERT_EQ_STR(x->by, "bob");
    ASSERT(x->evidence == NULL);
    nis5g_mtable_release(&t);

    struct nis5g_mhist *h;
    size_t n;
    ASSERT_EQ_INT(nis5g_measures_history(st, "OPA", NULL, &h, &n, &err), NIS5G_OK);
    ASSERT_EQ_INT(n, 3); /* the imported SM04, then the two sets */
    if (n == 3) {
        ASSERT_EQ_STR(h[0].source, "import");
        ASSERT_EQ_STR(h[0].who, "importer");
        ASSERT_EQ_STR(h[1].status, "implemented");
        ASSERT_EQ_STR(h[1].evidence, "audit");
        ASSERT_EQ_STR(h[2].who, "bob");
    }
    nis5g_mhist_free(h, n);
    ASSERT_EQ_INT(nis5g_measures_history(st, NULL, "SM03", &h, &n, &err), NIS5G_OK);
    ASSERT_EQ_INT(n, 1);
    nis5g_mhist_free(h, n);

    nis5g_model_free(m);
    nis5g_diags_release(&d);
    nis5g_store_close(st);
    unlink(path);
    char side[80];
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

SETUP
{
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load(&cat, &d);
    nis5g_diags_release(&d);
    return rc;
}

TEARDOWN
{
    nis5g_catalog_release(&cat);
    return 0;
}
