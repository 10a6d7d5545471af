/*
 * test-store.c — the workspace keeps a model exactly: a generated dataset
 * is imported, saved, and loaded back, and every column of model-cols.h
 * and every dictionary must come back byte for byte (a column added to
 * the table is compared without touching this file). A read-only open
 * neither creates a missing workspace nor changes an existing one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/generate.h"
#include "nis5g/import.h"
#include "nis5g/store.h"
#include "core/model-cols.h"

static char dir[64];
static char db[128];
static struct nis5g_model *orig;
static int64_t saved_id;

static const void *col_ptr(const struct nis5g_model *m, const struct model_col *c)
{
    return *(void *const *)((const char *)m + c->offset);
}

static const struct nis5g_dict *dict_at(const struct nis5g_model *m, const struct model_dict *d)
{
    return (const struct nis5g_dict *)((const char *)m + d->offset);
}

/* Compare the dictionary d of a and b: count, offsets, heap, strings. */
static void same_dict(const struct nis5g_model *a, const struct nis5g_model *b, const struct model_dict *md)
{
    const struct nis5g_dict *x = dict_at(a, md), *y = dict_at(b, md);
    CHECK_(x->n == y->n, "dictionary %s: %u strings != %u", md->name, x->n, y->n);
    CHECK_(x->heap_len == y->heap_len, "dictionary %s: heap of %zu bytes != %zu", md->name, x->heap_len,
           y->heap_len);
    if (x->n != y->n || x->heap_len != y->heap_len)
        return;
    if (x->n) {
        CHECK_(memcmp(x->off, y->off, ((size_t)x->n + 1) * sizeof *x->off) == 0, "dictionary %s: offsets differ",
               md->name);
        CHECK_(memcmp(x->heap, y->heap, x->heap_len) == 0, "dictionary %s: heap differs", md->name);
    }
    for (uint32_t i = 0; i < x->n; i++)
        if (strcmp(nis5g_dict_str(x, i), nis5g_dict_str(y, i)) != 0) {
            CHECK_(0, "dictionary %s: string %u '%s' != '%s'", md->name, i, nis5g_dict_str(x, i),
                   nis5g_dict_str(y, i));
            break;
        }
    /* the loaded dictionary finds its strings (its index is rebuilt) */
    if (x->n)
        CHECK_(nis5g_dict_finds((struct nis5g_dict *)y, nis5g_dict_str(x, x->n - 1)) == x->n - 1,
               "dictionary %s: the last string is not found after loading", md->name);
}

/* Compare every column and dictionary the parts of b hold. */
static void same_model(const struct nis5g_model *a, const struct nis5g_model *b)
{
    ASSERT_EQ_INT(b->as_of, a->as_of);
    ASSERT_EQ_INT(b->n_elements, a->n_elements);
    ASSERT_EQ_INT(b->n_links, a->n_links);
    ASSERT_EQ_INT(b->n_products, a->n_products);
    ASSERT_EQ_INT(b->n_measures, a->n_measures);
    for (size_t i = 0; i < model_ndicts; i++) {
        const struct model_dict *md = &model_dicts[i];
        if (!md->part || (b->parts & md->part))
            same_dict(a, b, md);
        else
            CHECK_(dict_at(b, md)->n == 0, "dictionary %s: loaded although its part was not asked for", md->name);
    }
    for (size_t i = 0; i < model_ncols; i++) {
        const struct model_col *c = &model_cols[i];
        const void *x = col_ptr(a, c), *y = col_ptr(b, c);
        if (c->part && !(b->parts & c->part)) {
            CHECK_(y == NULL, "column %s: loaded although its part was not asked for", c->name);
            continue;
        }
        size_t nx = model_col_count(a, c->count), ny = model_col_count(b, c->count);
        CHECK_(nx == ny, "column %s: %zu entries != %zu", c->name, nx, ny);
        if (nx != ny || !nx)
            continue;
        CHECK_(y != NULL, "column %s: not loaded", c->name);
        if (!y)
            continue;
        /* bytes, not values: NaN (empty) must stay NaN, -0.0 stay -0.0 */
        const unsigned char *p = x, *q = y;
        size_t k = 0, bytes = nx * c->size;
        while (k < bytes && p[k] == q[k])
            k++;
        CHECK_(k == bytes, "column %s: entry %zu of %zu differs (byte %zu: 0x%02x != 0x%02x)", c->name, k / c->size,
               nx, k % c->size, k < bytes ? p[k] : 0u, k < bytes ? q[k] : 0u);
    }
}

SETUP
{
    snprintf(dir, sizeof dir, "/tmp/nis5g-test-store-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char data[128];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(db, sizeof db, "%s/ws.db", dir);
    struct nis5g_gen_opts g = { .country = "MT", .scale = 0.2, .seed = 7, .dir = data };
    struct nis5g_err err = { 0 };
    if (nis5g_generate(&g, NULL, &err)) {
        fprintf(stderr, "generate: %s\n", err.msg);
        return -1;
    }
    const char *paths[] = { data };
    struct nis5g_import_opts o = { .as_of = nis5g_date_from_ymd(2026, 11, 1) };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_import(paths, 1, &o, &orig, &d);
    for (size_t i = 0; rc && i < d.n && i < 5; i++)
        fprintf(stderr, "%s:%d:%d: %s\n", d.v[i].file, d.v[i].line, d.v[i].col, d.v[i].msg);
    nis5g_diags_release(&d);
    return rc;
}

TEARDOWN
{
    nis5g_model_free(orig);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) != 0;
}

/* Every pointer slot of struct nis5g_model from the first column to priv
 * is a column of model-cols.h (or the two counts kept among them): a new
 * array added to the struct but not to the table is caught here. */
TEST(every_array_is_in_the_column_table)
{
    size_t first = offsetof(struct nis5g_model, op_name), end = offsetof(struct nis5g_model, priv);
    for (size_t at = first; at < end; at += sizeof(void *)) {
        int known = (at <= offsetof(struct nis5g_model, n_products) &&
                     offsetof(struct nis5g_model, n_products) < at + sizeof(void *)) ||
                    (at <= offsetof(struct nis5g_model, n_measures) &&
                     offsetof(struct nis5g_model, n_measures) < at + sizeof(void *));
        for (size_t i = 0; i < model_ncols && !known; i++)
            known = model_cols[i].offset == at;
        CHECK_(known,
               "struct nis5g_model has a field at offset %zu that is neither a column of model_cols[]"
               " (core/model-cols.h) nor n_products or n_measures",
               at);
    }
}

/* The dataset exercises every column and dictionary, so that the round
 * trip below compares data, not empty arrays. */
TEST(dataset_fills_every_column)
{
    ASSERT(orig != NULL);
    if (!orig)
        return;
    for (size_t i = 0; i < model_ncols; i++) {
        const struct model_col *c = &model_cols[i];
        CHECK_(model_col_count(orig, c->count) > 0 && col_ptr(orig, c), "column %s is empty in the dataset",
               c->name);
    }
    for (size_t i = 0; i < model_ndicts; i++)
        CHECK_(dict_at(orig, &model_dicts[i])->n > 0, "dictionary %s is empty in the dataset", model_dicts[i].name);
}

TEST(save_and_load_every_part)
{
    if (!orig)
        return;
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, &err), 0);
    if (!st)
        return;
    ASSERT_EQ_INT(nis5g_store_file_version(st), nis5g_store_schema_version());
    struct nis5g_snapshot saved;
    ASSERT_EQ_INT(nis5g_store_save_model(st, orig, "generated MT", &saved, &err), 0);
    saved_id = saved.id;
    ASSERT_EQ_INT(saved.as_of, orig->as_of);
    ASSERT_EQ_INT(saved.n_operators, orig->operators.n);
    ASSERT_EQ_INT(saved.n_sites, orig->sites.n);
    ASSERT_EQ_INT(saved.n_elements, orig->n_elements);
    ASSERT_EQ_INT(saved.n_links, orig->n_links);
    ASSERT_EQ_INT(saved.n_products, orig->n_products);
    ASSERT_EQ_INT(saved.n_measures, orig->n_measures);

    struct nis5g_snapshot s;
    ASSERT_EQ_INT(nis5g_store_snapshot(st, NIS5G_NO_DATE, &s, &err), 0);
    ASSERT_EQ_INT(s.id, saved.id);
    ASSERT_EQ_STR(s.source, "generated MT");
    ASSERT_EQ_STR(s.imported_at, saved.imported_at);
    ASSERT_EQ_INT(s.n_suppliers, saved.n_suppliers);

    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_store_load_model(st, saved.id, NIS5G_PART_ALL, &m, &err), 0);
    if (m) {
        ASSERT_EQ_INT(m->parts, NIS5G_PART_ALL);
        same_model(orig, m);
        nis5g_model_free(m);
    }
    /* each part alone: the others stay NULL, the rest is the same */
    const unsigned parts[] = { NIS5G_PART_BASE, NIS5G_PART_ELEMENTS, NIS5G_PART_ELEMENT_IDS,
                               NIS5G_PART_ELEMENT_DETAIL, NIS5G_PART_LINKS };
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        ASSERT_EQ_INT(nis5g_store_load_model(st, saved.id, parts[i], &m, &err), 0);
        if (m) {
            same_model(orig, m);
            nis5g_model_free(m);
        }
    }
    /* saving the same as-of date again replaces the snapshot */
    ASSERT_EQ_INT(nis5g_store_save_model(st, orig, "again", &saved, &err), 0);
    struct nis5g_snapshot *list = NULL;
    size_t n = 0;
    ASSERT_EQ_INT(nis5g_store_snapshots(st, &list, &n, &err), 0);
    ASSERT_EQ_INT(n, 1);
    if (n)
        ASSERT_EQ_STR(list[0].source, "again");
    free(list);
    saved_id = saved.id;
    ASSERT_EQ_INT(nis5g_store_load_model(st, saved.id, NIS5G_PART_ALL, &m, &err), 0);
    if (m) {
        same_model(orig, m);
        nis5g_model_free(m);
    }
    nis5g_store_close(st);
}

/* The names in dir, sorted, as one string. */
static char *listing(const char *path)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        nis5g_buf_addf(&b, "%s\n", names[i]->d_name);
        free(names[i]);
    }
    if (n >= 0)
        free(names);
    nis5g_buf_addf(&b, "%s", "");
    return nis5g_buf_detach(&b, NULL);
}

TEST(readonly_missing_creates_nothing)
{
    char missing[160], sub[160];
    snprintf(missing, sizeof missing, "%s/missing.db", dir);
    snprintf(sub, sizeof sub, "%s/no-such-dir/ws.db", dir);
    char *before = listing(dir);
    struct nis5g_store *st = (struct nis5g_store *)1;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(missing, NIS5G_STORE_READONLY, &st, &err), NIS5G_ENOTFOUND);
    ASSERT(st == NULL);
    ASSERT(strstr(err.msg, "no workspace at ") != NULL);
    ASSERT(strstr(err.msg, missing) != NULL);
    struct stat sb;
    ASSERT(stat(missing, &sb) != 0 && errno == ENOENT);
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_store_open(sub, NIS5G_STORE_READONLY, &st, &err), NIS5G_ENOTFOUND);
    ASSERT(st == NULL);
    char *after = listing(dir);
    ASSERT_EQ_STR(after, before);
    free(before);
    free(after);
}

static int read_bytes(const char *path, char **data, size_t *len)
{
    return nis5g_read_file(path, data, len);
}

TEST(readonly_never_modifies)
{
    if (!orig || !saved_id)
        return;
    char *before = NULL, *after = NULL;
    size_t nb = 0, na = 0;
    ASSERT_EQ_INT(read_bytes(db, &before, &nb), 0);
    char *list_before = listing(dir);
    struct stat s0, s1;
    ASSERT_EQ_INT(stat(db, &s0), 0);

    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_READONLY, &st, &err), 0);
    if (st) {
        struct nis5g_snapshot *list = NULL;
        size_t n = 0;
        ASSERT_EQ_INT(nis5g_store_snapshots(st, &list, &n, &err), 0);
        ASSERT_EQ_INT(n, 1);
        free(list);
        struct nis5g_model *m = NULL;
        ASSERT_EQ_INT(nis5g_store_load_model(st, saved_id, NIS5G_PART_ALL, &m, &err), 0);
        if (m) {
            same_model(orig, m);
            nis5g_model_free(m);
        }
        /* and it refuses to write */
        ASSERT(nis5g_store_save_model(st, orig, "ro", NULL, &err) != 0);
        nis5g_store_close(st);
    }
    ASSERT_EQ_INT(read_bytes(db, &after, &na), 0);
    ASSERT_EQ_INT(na, nb);
    ASSERT(before && after && na == nb && memcmp(before, after, na) == 0);
    ASSERT_EQ_INT(stat(db, &s1), 0);
    ASSERT_EQ_INT(s1.st_mtim.tv_sec, s0.st_mtim.tv_sec);
    ASSERT_EQ_INT(s1.st_mtim.tv_nsec, s0.st_mtim.tv_nsec);
    /* SQLite's read-only WAL connection creates the -shm index and an
     * empty -wal when they are missing and cannot remove them on close; no
     * other file may appear, and the -wal must hold nothing. */
    char wal[160];
    snprintf(wal, sizeof wal, "%s-wal", db);
    struct stat sw;
    if (stat(wal, &sw) == 0)
        ASSERT_EQ_INT(sw.st_size, 0);
    struct nis5g_buf want = NIS5G_BUF_INIT;
    nis5g_buf_addf(&want, "%s", list_before);
    if (!strstr(list_before, "ws.db-shm\n") && stat(wal, &sw) == 0)
        nis5g_buf_addf(&want, "ws.db-shm\nws.db-wal\n");
    char *list_after = listing(dir);
    ASSERT_EQ_STR(list_after, want.data);
    nis5g_buf_release(&want);
    free(list_before);
    free(list_after);
    free(before);
    free(after);
}

/* A large load reads on two connections; NIS5G_SPLIT_MIN lets the small
 * dataset take that path too. */
TEST(two_reader_load_is_the_same)
{
    if (!saved_id)
        return;
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_READONLY, &st, &err), 0);
    if (!st)
        return;
    setenv("NIS5G_SPLIT_MIN", "1", 1);
    struct nis5g_model *m = NULL;
    ASSERT_EQ_INT(nis5g_store_load_model(st, saved_id, NIS5G_PART_ALL, &m, &err), 0);
    unsetenv("NIS5G_SPLIT_MIN");
    if (m) {
        same_model(orig, m);
        nis5g_model_free(m);
    }
    nis5g_store_close(st);
}
