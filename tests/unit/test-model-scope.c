/*
 * test-model-scope.c — one operator's model (nis5g_model_scope_operator)
 * on tests/cases/import/small with a link across operators added: the
 * operator's summary rows are the national ones, no other operator's id
 * or name is anywhere in it, a foreign link is dropped, the order is
 * topological, and the queries run on it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/model-cols.h"
#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/import.h"
#include "nis5g/opts.h"
#include "nis5g/query.h"
#include "nis5g/summary.h"

#define SMALL "tests/cases/import/small/"

/* B-GNB1 also needs A-AMF1 (another operator's) in a pool of its own. */
static const char *links_csv = "element,depends_on,group\n"
                               "A-RU1,A-GNB1,\n"
                               "A-GNB1,A-AMF1,amf\n"
                               "A-GNB1,A-AMF2,amf\n"
                               "A-RU2,A-GNB2,\n"
                               "A-GNB2,A-AMF1,amf\n"
                               "A-GNB2,A-AMF2,amf\n"
                               "B-GNB1,B-AMF1,\n"
                               "B-GNB1,A-AMF1,roaming\n";

static struct nis5g_model *national(void)
{
    char dir[] = "/tmp/nis5g-test-scope-XXXXXX";
    const char *made = mkdtemp(dir);
    ASSERT(made != NULL); /* the callers return on NULL: a silent pass without this */
    if (!made)
        return NULL;
    char links[64];
    snprintf(links, sizeof links, "%s/links.csv", dir);
    FILE *f = fopen(links, "w");
    fputs(links_csv, f);
    fclose(f);
    const char *paths[] = { SMALL "operators.csv", SMALL "sites.csv",    SMALL "elements.csv", links,
                            SMALL "suppliers.csv", SMALL "products.csv", SMALL "measures.csv" };
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_import(paths, sizeof paths / sizeof paths[0], &o, &m, &d), 0);
    nis5g_diags_release(&d);
    unlink(links);
    rmdir(dir);
    if (m)
        m->parts = NIS5G_PART_ALL;
    return m;
}

static struct nis5g_model *scoped(const struct nis5g_model *m, const char *op)
{
    struct nis5g_err err = { 0 };
    struct nis5g_model *s = NULL;
    uint32_t id = nis5g_dict_finds((struct nis5g_dict *)&m->operators, op);
    ASSERT_EQ_INT(nis5g_model_scope_operator(m, id, &s, &err), 0);
    return s;
}

/* Whether s is in any dictionary of m, or is part of one of its strings. */
static int anywhere(const struct nis5g_model *m, const char *s)
{
    for (size_t i = 0; i < model_ndicts; i++) {
        const struct nis5g_dict *d = (const struct nis5g_dict *)((const char *)m + model_dicts[i].offset);
        for (uint32_t k = 0; k < d->n; k++)
            if (strstr(nis5g_dict_str(d, k), s))
                return 1;
    }
    return 0;
}

TEST(scope_summary_is_the_operators_rows)
{
    struct nis5g_model *m = national();
    if (!m)
        return;
    struct nis5g_err err = { 0 };
    struct nis5g_summary all, one;
    ASSERT_EQ_INT(nis5g_summary_compute(m, &all, &err), 0);
    for (int k = 0; k < 2; k++) {
        const char *name = k ? "OPB" : "OPA";
        uint32_t op = nis5g_dict_finds(&m->operators, name);
        struct nis5g_model *s = scoped(m, name);
        if (!s)
            continue;
        ASSERT_EQ_INT(s->operators.n, 1);
        ASSERT_EQ_STR(nis5g_dict_str(&s->operators, 0), name);
        ASSERT_EQ_INT(nis5g_summary_compute(s, &one, &err), 0);
        ASSERT_EQ_INT(one.n_ops, 1);
        ASSERT_EQ_MEM(&one.ops[0], &all.ops[op], sizeof one.ops[0]);
        size_t c = 0;
        for (size_t i = 0; i < all.n_cells; i++) {
            if (all.cells[i].op != op)
                continue;
            ASSERT_EQ_INT(c < one.n_cells, 1);
            if (c >= one.n_cells)
                break;
            ASSERT_EQ_INT(one.cells[c].domain, all.cells[i].domain);
            ASSERT_EQ_INT(one.cells[c].vendor, all.cells[i].vendor);
            ASSERT_EQ_INT(one.cells[c].count, all.cells[i].count);
            c++;
        }
        ASSERT_EQ_INT(c, one.n_cells);
        nis5g_summary_release(&one);
        nis5g_model_free(s);
    }
    nis5g_summary_release(&all);
    nis5g_model_free(m);
}

TEST(scope_names_no_other_operator)
{
    struct nis5g_model *m = national();
    if (!m)
        return;
    struct nis5g_model *a = scoped(m, "OPA"), *b = scoped(m, "OPB");
    if (a && b) {
        ASSERT_EQ_INT(anywhere(a, "OPB"), 0);
        ASSERT_EQ_INT(anywhere(a, "Beta, Telecom"), 0);
        ASSERT_EQ_INT(anywhere(a, "B-"), 0); /* OPB's element ids */
        ASSERT_EQ_INT(anywhere(a, "S3"), 0); /* OPB's site */
        ASSERT_EQ_INT(anywhere(b, "OPA"), 0);
        ASSERT_EQ_INT(anywhere(b, "Alpha Mobile"), 0);
        ASSERT_EQ_INT(anywhere(b, "A-"), 0);
        ASSERT_EQ_INT(anywhere(b, "roaming"), 0); /* the group of the dropped link */
        ASSERT_EQ_INT(anywhere(b, "DC1"), 0);
        ASSERT_EQ_INT(anywhere(a, "OPA"), 1);
        ASSERT_EQ_INT(anywhere(a, "Alpha Mobile"), 1);
        /* the catalogue stays the authority's, with the same ids */
        ASSERT_EQ_INT(a->vendors.n, m->vendors.n);
        ASSERT_EQ_INT(a->n_products, m->n_products);
        /* measures: OPA's own and its state's (SE); OPB's own only (EL) */
        ASSERT_EQ_INT(a->n_measures, 2);
        ASSERT_EQ_INT(b->n_measures, 1);
    }
    nis5g_model_free(a);
    nis5g_model_free(b);
    nis5g_model_free(m);
}

TEST(scope_links_and_order)
{
    struct nis5g_model *m = national();
    if (!m)
        return;
    struct nis5g_model *a = scoped(m, "OPA"), *b = scoped(m, "OPB");
    if (a && b) {
        ASSERT_EQ_INT(a->n_elements, 6);
        ASSERT_EQ_INT(a->n_links, 6);
        ASSERT_EQ_INT(a->groups.n, 1);
        ASSERT_EQ_INT(b->n_elements, 4);
        ASSERT_EQ_INT(b->n_links, 1); /* B-GNB1 -> A-AMF1 is gone */
        uint32_t g = nis5g_dict_finds(&b->elements, "B-GNB1"), amf = nis5g_dict_finds(&b->elements, "B-AMF1");
        ASSERT_EQ_INT(b->dep_off[g + 1] - b->dep_off[g], 1);
        ASSERT_EQ_INT(b->dep[b->dep_off[g]], amf);
        ASSERT_EQ_INT(b->dep_group[b->dep_off[g]], NIS5G_NONE);
        ASSERT_EQ_STR(nis5g_dict_str(&b->sites, b->el_site[g]), "S3");
        ASSERT_EQ_INT(b->el_site[amf], NIS5G_NONE);
        struct nis5g_model *v[] = { a, b };
        for (int k = 0; k < 2; k++) {
            uint32_t *pos = calloc(v[k]->n_elements, sizeof *pos);
            for (uint32_t i = 0; i < v[k]->n_elements; i++)
                pos[v[k]->topo[i]] = i + 1;
            for (uint32_t e = 0; e < v[k]->n_elements; e++) {
                ASSERT_EQ_INT(pos[e] != 0, 1);
                for (uint32_t j = v[k]->dep_off[e]; j < v[k]->dep_off[e + 1]; j++)
                    ASSERT_EQ_INT(pos[v[k]->dep[j]] < pos[e], 1);
            }
            free(pos);
        }
    }
    struct nis5g_err err = { 0 };
    struct nis5g_model *none = NULL;
    ASSERT_EQ_INT(nis5g_model_scope_operator(m, m->operators.n, &none, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(none == NULL, 1);
    nis5g_model_free(a);
    nis5g_model_free(b);
    nis5g_model_free(m);
}

/* ---- the queries on a scoped model ---- */

static int load(const struct nis5g_query_env *env, int32_t day, unsigned parts, const struct nis5g_model **m,
                struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    (void)day, (void)parts, (void)err;
    *m = env->ctx;
    if (snap)
        memset(snap, 0, sizeof *snap);
    return 0;
}

static void unload(const struct nis5g_query_env *env, const struct nis5g_model *m)
{
    (void)env, (void)m;
}

static json_t *run(struct nis5g_model *s, const char *name, const char *opt, const char *value, int *rc)
{
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_query_env env = { .today = 20000, .load_model = load, .release_model = unload, .ctx = s,
                                   .diags = &d };
    const struct nis5g_query *q = nis5g_query_find(name);
    void *p = calloc(1, q->params_size ? q->params_size : 1);
    if (q->params_init)
        q->params_init(p);
    struct nis5g_err err = { 0 };
    size_t base = 0;
    const struct nis5g_opt *o = opt ? nis5g_opt_find(q->opts, opt, &base) : NULL;
    if (o)
        nis5g_opt_set(o, (char *)p + base, value, &err);
    json_t *doc = NULL;
    *rc = nis5g_query_run(q, &env, p, &doc, &err);
    nis5g_opts_release(q->opts, p);
    free(p);
    nis5g_diags_release(&d);
    return doc;
}

TEST(scope_queries_run)
{
    struct nis5g_model *m = national();
    if (!m)
        return;
    struct nis5g_model *a = scoped(m, "OPA");
    if (a) {
        nis5g_model_index(a);
        int rc;
        json_t *doc = run(a, "summary", NULL, NULL, &rc);
        ASSERT_EQ_INT(rc, 0);
        json_decref(doc);
        doc = run(a, "killswitch", NULL, NULL, &rc);
        ASSERT_EQ_INT(rc, 0);
        json_decref(doc);
        /* another operator's site is a site that does not exist */
        int rc_other, rc_none;
        json_decref(run(a, "killswitch", "explain", "S3", &rc_other));
        json_decref(run(a, "killswitch", "explain", "NOPE", &rc_none));
        ASSERT_EQ_INT(rc_other, rc_none);
        ASSERT_EQ_INT(rc_other != 0, 1);
        doc = run(a, "diversity", NULL, NULL, &rc);
        ASSERT_EQ_INT(rc, 0);
        json_decref(doc);
    }
    nis5g_model_free(a);
    nis5g_model_free(m);
}

TEST(scope_of_nobody)
{
    struct nis5g_model *m = national();
    if (!m)
        return;
    struct nis5g_err err = { 0 };
    struct nis5g_model *s = NULL;
    ASSERT_EQ_INT(nis5g_model_scope_operator(m, NIS5G_NONE, &s, &err), 0);
    if (s) {
        ASSERT_EQ_INT(s->operators.n + s->sites.n + s->n_elements + s->n_links + s->n_measures, 0);
        ASSERT_EQ_INT(anywhere(s, "OPA") || anywhere(s, "OPB"), 0);
        nis5g_model_index(s);
        const char *q[] = { "summary", "killswitch", "diversity", "suppliers" }; /* measures needs a workspace */
        for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
            int rc;
            json_decref(run(s, q[i], NULL, NULL, &rc));
            ASSERT_EQ_INT(rc, 0);
        }
    }
    nis5g_model_free(s);
    nis5g_model_free(m);
}
