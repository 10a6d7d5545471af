/*
 * fuzz-import.c — libFuzzer driver for the whole importer. The input is a
 * dataset in one text: lines "@operators.csv", "@elements.csv", ... start
 * each file. The driver writes the files to a scratch folder and imports
 * it: any input must give a model or diagnostics with a place, never a
 * crash or a leak, and a model must be consistent (every reference in
 * range, a topological order that puts dependencies first). It is imported
 * twice, by one reader per file and with elements.csv and links.csv split
 * over two (NIS5G_SPLIT_MIN=1): diagnostics and model must be the same.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nis5g/buf.h"
#include "nis5g/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static const char *const names[] = { "operators.csv", "sites.csv",    "elements.csv", "links.csv",
                                     "suppliers.csv", "products.csv", "measures.csv" };

static void check_model(const struct nis5g_model *m)
{
    uint32_t n = m->n_elements;
    uint32_t *pos = nis5g_xmalloc((n ? n : 1) * sizeof *pos);
    for (uint32_t i = 0; i < n; i++)
        pos[m->topo[i]] = i;
    for (uint32_t e = 0; e < n; e++) {
        if (m->el_operator[e] >= m->operators.n || m->el_vendor[e] >= m->vendors.n)
            abort();
        if (m->el_site[e] != NIS5G_NONE && m->el_site[e] >= m->sites.n)
            abort();
        for (uint32_t k = m->dep_off[e]; k < m->dep_off[e + 1]; k++)
            if (m->dep[k] >= n || pos[m->dep[k]] >= pos[e])
                abort();
    }
    free(pos);
}

static void diags_text(const struct nis5g_diags *d, struct nis5g_buf *out)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct nis5g_diag *g = &d->v[i];
        nis5g_buf_addf(out, "%d %s:%d:%d: %s [%s] %s\n", (int)g->severity, g->file ? g->file : "", g->line, g->col,
                       g->msg, g->got ? g->got : "", g->source ? g->source : "");
    }
}

#define SAME(a, n) ((n) == 0 || memcmp(x->a, y->a, (size_t)(n) * sizeof *x->a) == 0)

static int same_model(const struct nis5g_model *x, const struct nis5g_model *y)
{
    uint32_t n = x->n_elements;
    return n == y->n_elements && x->n_links == y->n_links && x->vendors.n == y->vendors.n &&
           x->products.n == y->products.n && x->groups.n == y->groups.n && SAME(el_operator, n) &&
           SAME(el_site, n) && SAME(el_domain, n) && SAME(el_function, n) && SAME(el_vendor, n) &&
           SAME(el_product, n) && SAME(el_sw, n) && SAME(el_installed, n) && SAME(el_status, n) &&
           SAME(dep_off, n + 1) && SAME(dep, x->n_links) && SAME(dep_group, x->n_links) && SAME(topo, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/nis5g-fuzz-%d", (int)getpid());
        mkdir(dir, 0700);
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    FILE *f = NULL;
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
        if (len > 1 && p[0] == '@') {
            if (f)
                fclose(f);
            f = NULL;
            for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
                if (len - 1 - (nl ? 1 : 0) == strlen(names[i]) && memcmp(p + 1, names[i], strlen(names[i])) == 0) {
                    char path[128];
                    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
                    f = fopen(path, "wb");
                }
        } else if (f) {
            fwrite(p, 1, len, f);
        }
        p += len;
    }
    if (f)
        fclose(f);
    const char *paths[] = { dir };
    struct nis5g_import_opts o = { .as_of = 20000 };
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *m = NULL;
    setenv("NIS5G_SPLIT_MIN", "100000000", 1);
    if (nis5g_import(paths, 1, &o, &m, &d) == 0)
        check_model(m);
    else
        for (size_t i = 0; i < d.n; i++) {
            const struct nis5g_diag *g = &d.v[i];
            if (g->line < 0 || g->col < 0)
                abort();
            if (g->line && g->source) { /* the caret is on the line shown, or just past it */
                int chars = 0;
                for (const char *c = g->source; *c; c++)
                    chars += ((unsigned char)*c & 0xC0) != 0x80;
                if (g->col < 1 || g->col > chars + 1)
                    abort();
            }
        }
    /* elements.csv and links.csv split over two readers: the same */
    struct nis5g_diags d2;
    nis5g_diags_init(&d2);
    struct nis5g_model *m2 = NULL;
    setenv("NIS5G_SPLIT_MIN", "1", 1);
    int rc2 = nis5g_import(paths, 1, &o, &m2, &d2);
    struct nis5g_buf a = NIS5G_BUF_INIT, b = NIS5G_BUF_INIT;
    diags_text(&d, &a);
    diags_text(&d2, &b);
    if ((rc2 == 0) != (m != NULL) || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len) != 0))
        abort();
    if (m && !same_model(m, m2))
        abort();
    nis5g_buf_release(&a);
    nis5g_buf_release(&b);
    nis5g_model_free(m2);
    nis5g_diags_release(&d2);
    nis5g_model_free(m);
    nis5g_diags_release(&d);
    return 0;
}
