/*
 * test-submission.c — the submission workflow's exactness: a model
 * written back as dataset rows (workflow/dataset.h) imports to the same
 * columns, and an operator's part submitted unchanged composes the same
 * national network (submission.h: nis5g_submission_model), stand-ins for
 * the other operators' elements its links land on included.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "harness.h"
#include "core/model-cols.h"
#include "nis5g/date.h"
#include "nis5g/generate.h"
#include "nis5g/import.h"
#include "nis5g/store.h"
#include "nis5g/submission.h"
#include "workflow/dataset.h"

static char dir[64];
static struct nis5g_model *orig;

static int import_dir(const char *path, struct nis5g_model **out)
{
    const char *paths[] = { path };
    struct nis5g_import_opts o = { .as_of = nis5g_date_from_ymd(2026, 11, 1) };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_import(paths, 1, &o, out, &d);
    for (size_t i = 0; rc && i < d.n && i < 5; i++)
        fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
    nis5g_diags_release(&d);
    return rc;
}

static void write_text(const char *path, const struct nis5g_buf *b)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fwrite(b->data, 1, b->len, f);
        fclose(f);
    }
}

/* Every file of m into folder out; with op (an operators id), only that
 * operator's part (no suppliers.csv, links from its elements). */
static void write_dataset(const struct nis5g_model *m, const char *out, uint32_t op)
{
    char path[256];
    for (int f = 0; f < DS_COUNT; f++) {
        if (op != NIS5G_NONE && f == DS_SUPPLIERS)
            continue;
        struct nis5g_buf b = NIS5G_BUF_INIT;
        ds_header(&b, (enum ds_file)f);
        uint32_t n = f == DS_OPERATORS ? m->operators.n : f == DS_SITES ? m->sites.n : f == DS_SUPPLIERS ? m->vendors.n
                     : f == DS_PRODUCTS ? m->n_products : f == DS_MEASURES ? m->n_measures : m->n_elements;
        for (uint32_t r = 0; r < n; r++) {
            if (f == DS_SUPPLIERS && !m->sup_known[r])
                continue;
            uint32_t who = f == DS_OPERATORS ? r : f == DS_SITES ? m->site_operator[r]
                         : f == DS_MEASURES ? m->ms_operator[r] : f == DS_PRODUCTS || f == DS_SUPPLIERS ? op
                         : m->el_operator[r];
            if (op != NIS5G_NONE && who != op)
                continue;
            if (f == DS_LINKS)
                for (uint32_t k = m->dep_off[r]; k < m->dep_off[r + 1]; k++)
                    ds_row(&b, m, DS_LINKS, k, r);
            else
                ds_row(&b, m, (enum ds_file)f, r, 0);
        }
        snprintf(path, sizeof path, "%s/%s", out, ds_names[f]);
        write_text(path, &b);
        nis5g_buf_release(&b);
    }
}

SETUP
{
    snprintf(dir, sizeof dir, "/tmp/nis5g-test-submission-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char data[128];
    snprintf(data, sizeof data, "%s/data", dir);
    struct nis5g_gen_opts g = { .country = "MT", .scale = 0.2, .seed = 11, .dir = data };
    struct nis5g_err err = { 0 };
    if (nis5g_generate(&g, NULL, &err)) {
        fprintf(stderr, "generate: %s\n", err.msg);
        return -1;
    }
    return import_dir(data, &orig);
}

TEARDOWN
{
    nis5g_model_free(orig);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) != 0;
}

/* Written back and imported again, every column but the links' order (by
 * element there, by the file's order of pools in the original) is the
 * same, byte for byte, and so is every dictionary but the pools' names. */
TEST(a_model_written_back_imports_to_the_same_columns)
{
    char out[128];
    snprintf(out, sizeof out, "%s/back", dir);
    ASSERT(mkdir(out, 0700) == 0);
    write_dataset(orig, out, NIS5G_NONE);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(import_dir(out, &m), 0);
    if (!m)
        return;
    ASSERT_EQ_INT(m->n_elements, orig->n_elements);
    ASSERT_EQ_INT(m->n_links, orig->n_links);
    for (size_t i = 0; i < model_ncols; i++) {
        const struct model_col *c = &model_cols[i];
        if (c->part == NIS5G_PART_LINKS)
            continue;
        size_t n = model_col_count(orig, c->count);
        ASSERT_EQ_INT(model_col_count(m, c->count), n);
        const void *a = *(void *const *)((const char *)orig + c->offset), *b = *(void *const *)((const char *)m + c->offset);
        CHECK_(n == 0 || memcmp(a, b, n * c->size) == 0, "column %s differs", c->name);
    }
    for (size_t i = 0; i < model_ndicts; i++) {
        const struct nis5g_dict *x = (const void *)((const char *)orig + model_dicts[i].offset);
        const struct nis5g_dict *y = (const void *)((const char *)m + model_dicts[i].offset);
        if (strcmp(model_dicts[i].name, "groups") == 0)
            continue;
        CHECK_(x->n == y->n && x->heap_len == y->heap_len && (!x->n || memcmp(x->heap, y->heap, x->heap_len) == 0),
               "dictionary %s differs", model_dicts[i].name);
    }
    /* the same dependencies: element by element, the same targets */
    for (uint32_t e = 0; e < m->n_elements; e++) {
        ASSERT_EQ_INT(m->dep_off[e + 1] - m->dep_off[e], orig->dep_off[e + 1] - orig->dep_off[e]);
        uint64_t sa = 0, sb = 0;
        for (uint32_t k = orig->dep_off[e]; k < orig->dep_off[e + 1]; k++)
            sa += orig->dep[k] * 2654435761u + (orig->dep_group[k] == NIS5G_NONE);
        for (uint32_t k = m->dep_off[e]; k < m->dep_off[e + 1]; k++)
            sb += m->dep[k] * 2654435761u + (m->dep_group[k] == NIS5G_NONE);
        CHECK_(sa == sb, "element %u: other dependencies", e);
    }
    nis5g_model_free(m);
}

/* Each operator's own part, submitted unchanged, composes a national model
 * with the same elements, each of the same operator, vendor and status,
 * the same links and the same counts. */
TEST(an_unchanged_part_composes_the_same_network)
{
    char db[128], part[128];
    snprintf(db, sizeof db, "%s/ws.db", dir);
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, &err), 0);
    if (!st)
        return;
    ASSERT_EQ_INT(nis5g_store_save_model(st, orig, "test", NULL, &err), 0);
    for (uint32_t op = 0; op < orig->operators.n; op++) {
        snprintf(part, sizeof part, "%s/part%u", dir, op);
        ASSERT(mkdir(part, 0700) == 0);
        write_dataset(orig, part, op);
        struct nis5g_submission sub;
        struct nis5g_diags d;
        nis5g_diags_init(&d);
        int rc = nis5g_submission_submit(st, nis5g_dict_str(&orig->operators, op), part, "", part, "test", &sub, &d,
                                         &err);
        for (size_t i = 0; rc && i < d.n && i < 5; i++)
            fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
        nis5g_diags_release(&d);
        ASSERT_EQ_INT(rc, 0);
        if (rc)
            continue;
        struct nis5g_model *c = NULL;
        ASSERT_EQ_INT(nis5g_submission_model(st, sub.id, &c, &err), 0);
        nis5g_submission_release(&sub);
        if (!c)
            continue;
        ASSERT_EQ_INT(c->n_elements, orig->n_elements);
        ASSERT_EQ_INT(c->n_links, orig->n_links);
        ASSERT_EQ_INT(c->sites.n, orig->sites.n);
        ASSERT_EQ_INT(c->n_measures, orig->n_measures);
        ASSERT_EQ_INT(c->n_products, orig->n_products);
        for (uint32_t e = 0; e < orig->n_elements; e++) {
            const char *id = nis5g_dict_str(&orig->elements, e);
            uint32_t x = nis5g_dict_finds(&c->elements, id);
            if (x == NIS5G_NONE) {
                CHECK_(0, "element %s is missing", id);
                break;
            }
            CHECK_(strcmp(nis5g_dict_str(&c->operators, c->el_operator[x]),
                          nis5g_dict_str(&orig->operators, orig->el_operator[e])) == 0 &&
                       strcmp(nis5g_dict_str(&c->vendors, c->el_vendor[x]),
                              nis5g_dict_str(&orig->vendors, orig->el_vendor[e])) == 0 &&
                       c->el_status[x] == orig->el_status[e] &&
                       c->dep_off[x + 1] - c->dep_off[x] == orig->dep_off[e + 1] - orig->dep_off[e],
                   "element %s differs", id);
        }
        nis5g_model_free(c);
    }
    nis5g_store_close(st);
}
