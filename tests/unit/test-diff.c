/*
 * test-diff.c — the diff of two models (diff.h) on the hand-made pair
 * tests/cases/diff/{a,b} (README.md there): which fields of which elements
 * changed; ids matched whatever the order of the rows (the walk in step
 * and the hash of its leftovers); an operator's scoped models.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/diff.h"
#include "nis5g/import.h"

#define CASE "tests/cases/diff/"

/* The dataset of dir, with elements.csv replaced by `elements` when given. */
static struct nis5g_model *load(const char *dir, const char *elements)
{
    char tmp[] = "/tmp/nis5g-test-diff-XXXXXX", el[96], p[5][96];
    const char *names[] = { "operators.csv", "sites.csv", "links.csv", "suppliers.csv" };
    const char *paths[5];
    for (int i = 0; i < 4; i++) {
        snprintf(p[i], sizeof p[i], "%s%s/%s", CASE, dir, names[i]);
        paths[i] = p[i];
    }
    snprintf(p[4], sizeof p[4], "%s%s/elements.csv", CASE, dir);
    paths[4] = p[4];
    if (elements) {
        if (!mkdtemp(tmp))
            return NULL;
        snprintf(el, sizeof el, "%s/elements.csv", tmp);
        FILE *f = fopen(el, "w");
        fputs(elements, f);
        fclose(f);
        paths[4] = el;
    }
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_import(paths, 5, &o, &m, &d), 0);
    nis5g_diags_release(&d);
    if (elements) {
        unlink(el);
        rmdir(tmp);
    }
    if (m)
        m->parts = NIS5G_PART_ALL;
    return m;
}

static struct nis5g_diff *diff(const struct nis5g_model *a, const struct nis5g_model *b)
{
    struct nis5g_err err = { 0 };
    struct nis5g_diff *d = NULL;
    ASSERT_EQ_INT(nis5g_diff_models(a, b, NULL, &d, &err), 0);
    return d;
}

static uint16_t fields_of(const struct nis5g_diff *d, const char *element)
{
    for (size_t i = 0; i < d->n_changed; i++)
        if (strcmp(nis5g_dict_str(&d->b->elements, d->changed[i].b), element) == 0)
            return d->changed[i].fields;
    return 0;
}

#define F(x) (1u << NIS5G_DF_##x)

TEST(diff_fields_of_each_changed_element)
{
    struct nis5g_model *a = load("a", NULL), *b = load("b", NULL);
    ASSERT(a && b);
    struct nis5g_diff *d = diff(a, b);
    ASSERT_EQ_INT(d->n_added, 2);
    ASSERT_EQ_INT(d->n_removed, 1);
    ASSERT_EQ_INT(d->n_changed, 5);
    ASSERT_EQ_INT(d->n_unchanged, 4);
    ASSERT_EQ_STR(nis5g_dict_str(&b->elements, d->added[0]), "A-UPF1");
    ASSERT_EQ_STR(nis5g_dict_str(&a->elements, d->removed[0]), "B-RU9");
    ASSERT_EQ_INT(fields_of(d, "A-AMF1"), F(PRODUCT));
    ASSERT_EQ_INT(fields_of(d, "A-AMF2"), F(STATUS));
    ASSERT_EQ_INT(fields_of(d, "A-GNB2"), F(VENDOR) | F(INSTALLED) | F(DEPENDENCIES));
    ASSERT_EQ_INT(fields_of(d, "A-RU2"), F(VENDOR));
    ASSERT_EQ_INT(fields_of(d, "B-AMF1"), F(SITE));
    struct nis5g_buf v = NIS5G_BUF_INIT;
    ASSERT(nis5g_diff_value(b, nis5g_dict_finds(&b->elements, "A-GNB2"), NIS5G_DF_DEPENDENCIES, &v));
    ASSERT_EQ_STR(v.data, "A-AMF1 (pool amf), A-AMF2 (pool amf)");
    ASSERT(!nis5g_diff_value(a, nis5g_dict_finds(&a->elements, "A-AMF1"), NIS5G_DF_PRODUCT, &v));
    nis5g_buf_release(&v);
    nis5g_diff_free(d);
    /* backwards: the same elements changed, added and removed swapped */
    d = diff(b, a);
    ASSERT_EQ_INT(d->n_added, 1);
    ASSERT_EQ_INT(d->n_removed, 2);
    ASSERT_EQ_INT(d->n_changed, 5);
    ASSERT_EQ_INT(fields_of(d, "A-AMF1"), F(PRODUCT));
    nis5g_diff_free(d);
    nis5g_model_free(a);
    nis5g_model_free(b);
}

/* elements.csv of a with its rows in reverse order, and with `extra` new
 * rows before them. */
static char *rows(int reverse, int extra)
{
    struct nis5g_buf in = NIS5G_BUF_INIT, out = NIS5G_BUF_INIT;
    FILE *f = fopen(CASE "a/elements.csv", "r");
    char line[256];
    char *l[32];
    int n = 0;
    while (n < 32 && fgets(line, sizeof line, f))
        l[n++] = nis5g_xstrdup(line);
    fclose(f);
    nis5g_buf_adds(&out, l[0]);
    for (int k = 0; k < extra; k++)
        nis5g_buf_addf(&out, "N-%d,OPA,S1,ran,RU,Nokia,,,,active\n", k);
    for (int k = 1; k < n; k++)
        nis5g_buf_adds(&out, l[reverse ? n - k : k]);
    for (int k = 0; k < n; k++)
        free(l[k]);
    nis5g_buf_release(&in);
    return nis5g_buf_detach(&out, NULL);
}

TEST(diff_matches_ids_in_any_order)
{
    struct nis5g_model *a = load("a", NULL);
    for (int c = 0; c < 3; c++) {
        /* reversed; 20 new rows first (more than the walk looks ahead); both */
        char *text = rows(c != 1, c ? 20 : 0);
        struct nis5g_model *b = load("a", text);
        free(text);
        ASSERT(a && b);
        struct nis5g_diff *d = diff(a, b);
        ASSERT_EQ_INT(d->n_changed, 0);
        ASSERT_EQ_INT(d->n_removed, 0);
        ASSERT_EQ_INT(d->n_added, c ? 20 : 0);
        ASSERT_EQ_INT(d->n_unchanged, 10);
        /* the new RUs at S1 need nothing: Ericsson failing no longer cuts S1 */
        ASSERT_EQ_INT(d->n_ks, c ? 1 : 0);
        nis5g_diff_free(d);
        d = diff(b, a);
        ASSERT_EQ_INT(d->n_removed, c ? 20 : 0);
        ASSERT_EQ_INT(d->n_changed + d->n_added, 0);
        nis5g_diff_free(d);
        nis5g_model_free(b);
    }
    nis5g_model_free(a);
}

TEST(diff_of_one_operators_models)
{
    struct nis5g_model *a = load("a", NULL), *b = load("b", NULL), *sa = NULL, *sb = NULL;
    struct nis5g_err err = { 0 };
    ASSERT(a && b);
    ASSERT_EQ_INT(nis5g_model_scope_operator(a, nis5g_dict_finds(&a->operators, "OPB"), &sa, &err), 0);
    ASSERT_EQ_INT(nis5g_model_scope_operator(b, nis5g_dict_finds(&b->operators, "OPB"), &sb, &err), 0);
    struct nis5g_diff *d = diff(sa, sb);
    ASSERT_EQ_INT(d->n_added, 1);
    ASSERT_EQ_INT(d->n_removed, 1);
    ASSERT_EQ_INT(d->n_changed, 1);
    ASSERT_EQ_INT(fields_of(d, "B-AMF1"), F(SITE));
    ASSERT_EQ_INT(d->n_by_operator, 1);
    ASSERT_EQ_STR(d->by_operator[0].name, "OPB");
    /* its kill-switch: Huawei cuts S3 before; S3 and S4 after */
    ASSERT_EQ_INT(d->radio_sites_from, 1);
    ASSERT_EQ_INT(d->radio_sites_to, 2);
    nis5g_diff_free(d);
    nis5g_model_free(sa);
    nis5g_model_free(sb);
    nis5g_model_free(a);
    nis5g_model_free(b);
}
