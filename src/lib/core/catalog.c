/*
 * catalog.c — loading and checking the risk catalogues of data/ (scenarios,
 * toolbox measures, the measure ↔ scenario mapping, asset classes, threat
 * actors), and classifying elements into asset classes.
 *
 * The files are small; each is read with the project's CSV reader so that
 * every problem names file:line:col. A small table reader below maps the
 * header to the expected columns once and hands rows to per-file code.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "base/csv.h"
#include "nis5g/data.h"

const char *const nis5g_sensitivity_names[4] = { "", "standard", "sensitive", "critical" };
const char *const nis5g_lowers_names[2] = { "likelihood", "impact" };

#define MAXC 8

/* One catalogue file being read. */
struct tab {
    struct nis5g_csv csv;
    const char *name;            /* "scenarios.csv" */
    const char *const *cols;     /* expected columns, NULL-terminated */
    unsigned required;           /* bit k: cols[k] required */
    int col[MAXC];               /* expected column -> field index or -1 */
    int ncols;
    struct nis5g_diags *d;
    int bad;                     /* an error was reported */
    struct nis5g_csv_field absent; /* what F() returns for an absent column */
};

static void tab_err(struct tab *t, const struct nis5g_csv_field *f, int show_value, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void tab_err(struct tab *t, const struct nis5g_csv_field *f, int show_value, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t len = 0;
    const char *src = nis5g_csv_line_text(&t->csv, f->line_at, &len);
    nis5g_diags_add(t->d, NIS5G_ERROR, NIS5G_EINPUT, t->name, (int)f->line,
                    nis5g_csv_col(&t->csv, f->line_at, f->at), src, len, show_value ? f->p : NULL,
                    show_value ? f->n : 0, "%s", msg);
    t->bad = 1;
}

static int feq(const struct nis5g_csv_field *f, const char *s)
{
    return f->n == strlen(s) && memcmp(f->p, s, f->n) == 0;
}

/* Where the five files come from: a folder, the data directory (dir and
 * texts NULL), or texts in memory (fuzzing, tests). */
struct src {
    const char *dir;
    const struct nis5g_catalog_texts *texts;
};

/* Open the file and map its header. 0 when rows can be read. */
static int tab_open(struct tab *t, const struct src *from, const char *name, const char *const *cols,
                    unsigned required, struct nis5g_diags *d)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->cols = cols;
    t->required = required;
    t->d = d;
    struct nis5g_buf path = NIS5G_BUF_INIT;
    struct nis5g_err err = { 0 };
    int rc;
    const struct nis5g_catalog_texts *tx = from->texts;
    int k = -1;
    for (int i = 0; tx && i < 5; i++)
        if (strcmp(name, nis5g_catalog_files[i]) == 0)
            k = i;
    if (k >= 0) {
        char *copy = nis5g_xmalloc(tx->len[k] + 1);
        memcpy(copy, tx->text[k], tx->len[k]);
        rc = nis5g_csv_open(&t->csv, name, copy, tx->len[k], &err);
    } else {
        if (from->dir) {
            nis5g_buf_addf(&path, "%s/%s", from->dir, name);
            rc = 0;
        } else {
            rc = nis5g_data_path(name, &path, &err);
        }
        if (!rc)
            rc = nis5g_csv_open_file(&t->csv, path.data, name, &err);
    }
    nis5g_buf_release(&path);
    if (rc) {
        if (!err.file)
            err.file = name;
        nis5g_diags_add_err(d, &err);
        t->bad = 1;
        return -1;
    }
    rc = nis5g_csv_next(&t->csv, &err);
    if (rc <= 0 || (t->csv.nf == 1 && t->csv.f[0].n == 0)) {
        if (rc < 0) {
            nis5g_diags_add_err(d, &err);
        } else {
            nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EINPUT, name, 1, 1, NULL, 0, NULL, 0,
                            "missing header row (expected %s,...)", cols[0]);
        }
        t->bad = 1;
        return -1;
    }
    int nspec = 0;
    while (cols[nspec])
        nspec++;
    for (int j = 0; j < MAXC; j++)
        t->col[j] = -1;
    t->ncols = (int)t->csv.nf;
    for (size_t i = 0; i < t->csv.nf; i++) {
        const struct nis5g_csv_field *f = &t->csv.f[i];
        int c = -1;
        for (int j = 0; j < nspec; j++)
            if (feq(f, cols[j]))
                c = j;
        if (c < 0) {
            struct nis5g_buf b = NIS5G_BUF_INIT;
            for (int j = 0; j < nspec; j++)
                nis5g_buf_addf(&b, "%s%s", j ? ", " : "", cols[j]);
            tab_err(t, f, 1, "unknown column (%s has: %s)", name, b.data);
            nis5g_buf_release(&b);
        } else if (t->col[c] >= 0) {
            tab_err(t, f, 1, "duplicate column");
        } else {
            t->col[c] = (int)i;
        }
    }
    for (int j = 0; j < nspec; j++)
        if ((required >> j & 1) && t->col[j] < 0) {
            tab_err(t, &t->csv.f[0], 0, "missing required column '%s'", cols[j]);
        }
    return t->bad ? -1 : 0;
}

/* Next row with the header's field count: 1, or 0 at the end. */
static int tab_next(struct tab *t)
{
    for (;;) {
        if (nis5g_diags_full(t->d))
            return 0;
        struct nis5g_err err = { 0 };
        int rc = nis5g_csv_next(&t->csv, &err);
        if (rc < 0) {
            if (!err.file)
                err.file = t->name;
            nis5g_diags_add_err(t->d, &err);
            t->bad = 1;
            if (t->csv.pos < t->csv.len)
                continue;
            return 0;
        }
        if (rc == 0)
            return 0;
        if (t->csv.nf == 1 && t->csv.f[0].n == 0) {
            if (t->csv.pos >= t->csv.len)
                return 0; /* a trailing blank line */
            tab_err(t, &t->csv.f[0], 0, "blank line");
            continue;
        }
        if ((int)t->csv.nf != t->ncols) {
            tab_err(t, &t->csv.f[0], 0, "expected %d fields as in the header, found %zu", t->ncols, t->csv.nf);
            continue;
        }
        return 1;
    }
}

/* Field of expected column k; an absent optional column reads as an empty
 * field placed at the row's start (for messages). */
static const struct nis5g_csv_field *F(struct tab *t, int k)
{
    if (t->col[k] < 0) {
        t->absent = t->csv.f[0];
        t->absent.p = "";
        t->absent.n = 0;
        return &t->absent;
    }
    return &t->csv.f[t->col[k]];
}

static char *fdup(const struct nis5g_csv_field *f)
{
    return nis5g_xstrndup(f->p, f->n);
}

/* Required non-empty field. */
static int need(struct tab *t, const struct nis5g_csv_field *f, const char *what)
{
    if (f->n)
        return 0;
    tab_err(t, f, 0, "expected %s, found an empty field", what);
    return -1;
}

/* Split a ;-list into owned strings (empty items skipped, spaces trimmed). */
static char **split_list(const struct nis5g_csv_field *f, size_t *n)
{
    *n = 0;
    if (!f->n)
        return NULL;
    size_t cap = 1;
    for (uint32_t i = 0; i < f->n; i++)
        cap += f->p[i] == ';';
    char **v = nis5g_xcalloc(cap, sizeof *v);
    const char *p = f->p, *end = f->p + f->n;
    while (p < end) {
        const char *q = memchr(p, ';', (size_t)(end - p));
        if (!q)
            q = end;
        const char *a = p, *b = q;
        while (a < b && *a == ' ')
            a++;
        while (b > a && b[-1] == ' ')
            b--;
        if (b > a)
            v[(*n)++] = nis5g_xstrndup(a, (size_t)(b - a));
        p = q + 1;
    }
    return v;
}

static void free_list(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* ---- the five files ---- */

static const char *const actor_cols[] = { "actor", "name", "kind", "seriousness", "notes", NULL };
static const char *const scen_cols[] = { "scenario", "group", "title", "threats", "actors", NULL };
static const char *const meas_cols[] = { "measure", "kind", "title", NULL };
static const char *const map_cols[] = { "scenario", "measure", "lowers", NULL };
static const char *const asset_cols[] = { "class", "name", "sensitivity", "domains", "functions", "tags", NULL };

static int read_actors(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    struct tab t;
    if (tab_open(&t, from, "threat-actors.csv", actor_cols, 0xf, d) == 0) {
        size_t cap = 0;
        while (tab_next(&t)) {
            const struct nis5g_csv_field *id = F(&t, 0), *name = F(&t, 1), *kind = F(&t, 2), *ser = F(&t, 3);
            if (need(&t, id, "an actor id") || need(&t, name, "a name"))
                continue;
            int dup = 0;
            for (size_t i = 0; i < c->n_actors; i++)
                dup |= feq(id, c->actors[i].id);
            if (dup) {
                tab_err(&t, id, 1, "duplicate actor");
                continue;
            }
            if (!feq(kind, "adversarial") && !feq(kind, "non-adversarial")) {
                tab_err(&t, kind, 1, "expected an actor kind: adversarial or non-adversarial");
                continue;
            }
            if (ser->n != 1 || ser->p[0] < '1' || ser->p[0] > '5') {
                tab_err(&t, ser, 1, "expected a seriousness from 1 to 5");
                continue;
            }
            if (c->n_actors == cap) {
                cap = cap ? 2 * cap : 8;
                c->actors = nis5g_xreallocarray(c->actors, cap, sizeof *c->actors);
            }
            struct nis5g_actor *a = &c->actors[c->n_actors++];
            a->id = fdup(id);
            a->name = fdup(name);
            a->kind = fdup(kind);
            a->notes = fdup(F(&t, 4));
            a->seriousness = ser->p[0] - '0';
        }
    }
    nis5g_csv_close(&t.csv);
    return t.bad;
}

/* "R1".."R9" → 0..8, else -1. */
static int scen_index(const char *p, size_t n)
{
    if (n != 2 || p[0] != 'R' || p[1] < '1' || p[1] > '9')
        return -1;
    return p[1] - '1';
}

static int read_scenarios(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    struct tab t;
    int seen[NIS5G_N_SCENARIOS] = { 0 };
    if (tab_open(&t, from, "scenarios.csv", scen_cols, 0x7, d) == 0) {
        while (tab_next(&t)) {
            const struct nis5g_csv_field *id = F(&t, 0), *group = F(&t, 1), *title = F(&t, 2);
            int k = scen_index(id->p, id->n);
            if (k < 0) {
                tab_err(&t, id, 1, "expected a scenario id R1-R9 (the risk method scores these nine)");
                continue;
            }
            if (seen[k]) {
                tab_err(&t, id, 1, "duplicate scenario (also line %d)", seen[k]);
                continue;
            }
            if (need(&t, group, "a scenario group") || need(&t, title, "a title"))
                continue;
            size_t na = 0;
            char **names = split_list(F(&t, 4), &na);
            uint32_t *ids = na ? nis5g_xcalloc(na, sizeof *ids) : NULL;
            int bad = 0;
            for (size_t i = 0; i < na; i++) {
                size_t j = 0;
                while (j < c->n_actors && strcmp(c->actors[j].id, names[i]) != 0)
                    j++;
                if (j == c->n_actors) {
                    tab_err(&t, F(&t, 4), 0, "unknown threat actor '%s' (not in threat-actors.csv)", names[i]);
                    bad = 1;
                }
                ids[i] = (uint32_t)j;
            }
            free_list(names, na);
            if (bad) {
                free(ids);
                continue;
            }
            seen[k] = (int)id->line;
            struct nis5g_scenario *s = &c->scenarios[k];
            memcpy(s->id, id->p, 2);
            s->id[2] = 0;
            s->group = fdup(group);
            s->title = fdup(title);
            s->threats = fdup(F(&t, 3));
            s->actors = ids;
            s->n_actors = na;
        }
        if (!t.bad)
            for (int k = 0; k < NIS5G_N_SCENARIOS; k++)
                if (!seen[k]) {
                    nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EINPUT, "scenarios.csv", (int)t.csv.line, 1, NULL, 0,
                                    NULL, 0, "missing scenario R%d (the risk method scores R1-R9)", k + 1);
                    t.bad = 1;
                }
    }
    nis5g_csv_close(&t.csv);
    return t.bad;
}

static const char *measure_kind(const char *p)
{
    if (p[0] == 'S' && p[1] == 'M')
        return "strategic";
    if (p[0] == 'T' && p[1] == 'M')
        return "technical";
    if (p[0] == 'S' && p[1] == 'A')
        return "supporting";
    return NULL;
}

static int read_measures(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    struct tab t;
    if (tab_open(&t, from, "toolbox.csv", meas_cols, 0x7, d) == 0) {
        size_t cap = 0;
        while (tab_next(&t)) {
            const struct nis5g_csv_field *code = F(&t, 0), *kind = F(&t, 1), *title = F(&t, 2);
            const char *want = code->n == 4 ? measure_kind(code->p) : NULL;
            if (!want || code->p[2] < '0' || code->p[2] > '9' || code->p[3] < '0' || code->p[3] > '9') {
                tab_err(&t, code, 1, "expected a measure code: SM, TM or SA and two digits (e.g. TM03)");
                continue;
            }
            if (nis5g_catalog_measure(c, code->p, code->n) >= 0) {
                tab_err(&t, code, 1, "duplicate measure");
                continue;
            }
            if (!feq(kind, want)) {
                tab_err(&t, kind, 1, "expected the kind '%s' for a %.2s measure", want, code->p);
                continue;
            }
            if (need(&t, title, "a title"))
                continue;
            if (c->n_measures == cap) {
                cap = cap ? 2 * cap : 32;
                c->measures = nis5g_xreallocarray(c->measures, cap, sizeof *c->measures);
            }
            struct nis5g_measure_def *m = &c->measures[c->n_measures++];
            memcpy(m->code, code->p, 4);
            m->code[4] = 0;
            m->kind = nis5g_xstrdup(want);
            m->title = fdup(title);
        }
    }
    nis5g_csv_close(&t.csv);
    return t.bad;
}

static int read_mapping(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    struct tab t;
    if (tab_open(&t, from, "mapping.csv", map_cols, 0x3, d) == 0) {
        size_t cap = 0;
        while (tab_next(&t)) {
            const struct nis5g_csv_field *s = F(&t, 0), *m = F(&t, 1), *low = F(&t, 2);
            int k = nis5g_catalog_scenario(c, s->p, s->n);
            if (k < 0) {
                tab_err(&t, s, 1, "unknown scenario (expected R1-R9 of scenarios.csv)");
                continue;
            }
            int mi = nis5g_catalog_measure(c, m->p, m->n);
            if (mi < 0) {
                tab_err(&t, m, 1, "unknown measure (not in toolbox.csv)");
                continue;
            }
            int lw = NIS5G_LOWERS_LIKELIHOOD;
            if (feq(low, "impact"))
                lw = NIS5G_LOWERS_IMPACT;
            else if (low->n && !feq(low, "likelihood")) {
                tab_err(&t, low, 1, "expected what the measure lowers: likelihood or impact");
                continue;
            }
            int dup = 0;
            for (size_t i = 0; i < c->n_mapping; i++)
                dup |= c->mapping[i].scenario == (uint32_t)k && c->mapping[i].measure == (uint32_t)mi;
            if (dup) {
                tab_err(&t, m, 1, "duplicate pair %.*s, %.*s", (int)s->n, s->p, (int)m->n, m->p);
                continue;
            }
            if (c->n_mapping == cap) {
                cap = cap ? 2 * cap : 64;
                c->mapping = nis5g_xreallocarray(c->mapping, cap, sizeof *c->mapping);
            }
            c->mapping[c->n_mapping++] = (struct nis5g_mapping){ (uint32_t)k, (uint32_t)mi, (uint8_t)lw };
        }
    }
    nis5g_csv_close(&t.csv);
    return t.bad;
}

static int read_assets(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    struct tab t;
    if (tab_open(&t, from, "assets.csv", asset_cols, 0x7, d) == 0) {
        size_t cap = 0;
        while (tab_next(&t)) {
            const struct nis5g_csv_field *id = F(&t, 0), *name = F(&t, 1), *sens = F(&t, 2), *doms = F(&t, 3);
            if (need(&t, id, "an asset class id") || need(&t, name, "a name"))
                continue;
            int dup = 0;
            for (size_t i = 0; i < c->n_classes; i++)
                dup |= feq(id, c->classes[i].id);
            if (dup) {
                tab_err(&t, id, 1, "duplicate asset class");
                continue;
            }
            int sv = -1;
            for (int k = 1; k <= 3; k++)
                if (feq(sens, nis5g_sensitivity_names[k]))
                    sv = k;
            if (sv < 0) {
                tab_err(&t, sens, 1, "expected a sensitivity: critical, sensitive or standard");
                continue;
            }
            size_t nd = 0;
            char **dl = split_list(doms, &nd);
            unsigned mask = 0;
            int bad = 0;
            for (size_t i = 0; i < nd; i++) {
                int k = nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, dl[i], strlen(dl[i]));
                if (k < 0) {
                    tab_err(&t, doms, 0, "unknown domain '%s' (expected ran, transport, core, management, edge, "
                                         "interconnect or infrastructure)", dl[i]);
                    bad = 1;
                } else {
                    mask |= 1u << k;
                }
            }
            free_list(dl, nd);
            if (bad)
                continue;
            if (c->n_classes >= 254) {
                tab_err(&t, id, 1, "too many asset classes (at most 254)");
                continue;
            }
            if (c->n_classes == cap) {
                cap = cap ? 2 * cap : 16;
                c->classes = nis5g_xreallocarray(c->classes, cap, sizeof *c->classes);
            }
            struct nis5g_asset_class *a = &c->classes[c->n_classes++];
            memset(a, 0, sizeof *a);
            a->id = fdup(id);
            a->name = fdup(name);
            a->sensitivity = (uint8_t)sv;
            a->domains = mask;
            a->functions = split_list(F(&t, 4), &a->n_functions);
            a->tags = split_list(F(&t, 5), &a->n_tags);
        }
        if (!t.bad && c->n_classes == 0) {
            nis5g_diags_add(d, NIS5G_ERROR, NIS5G_EINPUT, "assets.csv", 2, 1, NULL, 0, NULL, 0,
                            "no asset class (at least one row is needed)");
            t.bad = 1;
        }
    }
    nis5g_csv_close(&t.csv);
    return t.bad;
}

const char *const nis5g_catalog_files[5] = { "threat-actors.csv", "scenarios.csv", "toolbox.csv", "mapping.csv",
                                              "assets.csv" };

static int load(struct nis5g_catalog *c, const struct src *from, struct nis5g_diags *d)
{
    memset(c, 0, sizeof *c);
    /* In dependency order: scenarios name actors, the mapping names
     * scenarios and measures. */
    int bad = read_actors(c, from, d);
    bad |= read_scenarios(c, from, d);
    bad |= read_measures(c, from, d);
    bad |= read_mapping(c, from, d);
    bad |= read_assets(c, from, d);
    if (!bad && !d->errors)
        return NIS5G_OK;
    nis5g_catalog_release(c);
    return NIS5G_EINPUT;
}

int nis5g_catalog_load(struct nis5g_catalog *c, struct nis5g_diags *d)
{
    struct src from = { NULL, NULL };
    return load(c, &from, d);
}

int nis5g_catalog_load_dir(struct nis5g_catalog *c, const char *dir, struct nis5g_diags *d)
{
    struct src from = { dir, NULL };
    return load(c, &from, d);
}

int nis5g_catalog_parse(struct nis5g_catalog *c, const struct nis5g_catalog_texts *t, struct nis5g_diags *d)
{
    struct src from = { NULL, t };
    return load(c, &from, d);
}

void nis5g_catalog_release(struct nis5g_catalog *c)
{
    for (int k = 0; k < NIS5G_N_SCENARIOS; k++) {
        free(c->scenarios[k].group);
        free(c->scenarios[k].title);
        free(c->scenarios[k].threats);
        free(c->scenarios[k].actors);
    }
    for (size_t i = 0; i < c->n_measures; i++) {
        free(c->measures[i].kind);
        free(c->measures[i].title);
    }
    free(c->measures);
    free(c->mapping);
    for (size_t i = 0; i < c->n_classes; i++) {
        free(c->classes[i].id);
        free(c->classes[i].name);
        free_list(c->classes[i].functions, c->classes[i].n_functions);
        free_list(c->classes[i].tags, c->classes[i].n_tags);
    }
    free(c->classes);
    for (size_t i = 0; i < c->n_actors; i++) {
        free(c->actors[i].id);
        free(c->actors[i].name);
        free(c->actors[i].kind);
        free(c->actors[i].notes);
    }
    free(c->actors);
    memset(c, 0, sizeof *c);
}

int nis5g_catalog_measure(const struct nis5g_catalog *c, const char *code, size_t n)
{
    for (size_t i = 0; i < c->n_measures; i++)
        if (n == strlen(c->measures[i].code) && memcmp(c->measures[i].code, code, n) == 0)
            return (int)i;
    return -1;
}

int nis5g_catalog_scenario(const struct nis5g_catalog *c, const char *id, size_t n)
{
    int k = scen_index(id, n);
    return k >= 0 && c->scenarios[k].title ? k : -1;
}

void nis5g_catalog_classify(const struct nis5g_catalog *c, struct nis5g_model *m, uint8_t **out)
{
    /* Resolve every class's functions and tags to ids once; then each
     * element is a few integer tests. fmatch[k * nf + f]: class k accepts
     * function f; smatch[k * ns + s]: class k accepts site s. */
    size_t nk = c->n_classes, nf = m->functions.n, ns = m->sites.n;
    uint8_t *fmatch = nis5g_xcalloc(nk * nf + 1, 1);
    uint8_t *smatch = nis5g_xcalloc(nk * ns + 1, 1);
    uint8_t *tagk = nis5g_xcalloc(m->tags.n + 1, 1);
    for (size_t k = 0; k < nk; k++) {
        const struct nis5g_asset_class *a = &c->classes[k];
        for (size_t f = 0; f < nf; f++)
            fmatch[k * nf + f] = a->n_functions == 0;
        for (size_t i = 0; i < a->n_functions; i++) {
            uint32_t f = nis5g_dict_finds(&m->functions, a->functions[i]);
            if (f != NIS5G_NONE)
                fmatch[k * nf + f] = 1;
        }
        memset(tagk, 0, m->tags.n + 1);
        for (size_t i = 0; i < a->n_tags; i++) {
            uint32_t g = nis5g_dict_finds(&m->tags, a->tags[i]);
            if (g != NIS5G_NONE)
                tagk[g] = 1;
        }
        for (size_t s = 0; s < ns; s++) {
            int ok = a->n_tags == 0;
            for (uint32_t j = m->site_tag_off[s]; !ok && j < m->site_tag_off[s + 1]; j++)
                ok = tagk[m->site_tags[j]];
            smatch[k * ns + s] = (uint8_t)ok;
        }
    }
    uint8_t *cls = nis5g_xmalloc((size_t)m->n_elements + 1);
    for (uint32_t e = 0; e < m->n_elements; e++) {
        cls[e] = UINT8_MAX;
        if (m->el_status[e] != NIS5G_ST_ACTIVE)
            continue;
        uint32_t site = m->el_site[e];
        for (size_t k = 0; k < nk; k++) {
            const struct nis5g_asset_class *a = &c->classes[k];
            if (a->domains && !(a->domains >> m->el_domain[e] & 1))
                continue;
            if (!fmatch[k * nf + m->el_function[e]])
                continue;
            if (a->n_tags && (site == NIS5G_NONE || !smatch[k * ns + site]))
                continue;
            cls[e] = (uint8_t)k;
            break;
        }
    }
    free(fmatch);
    free(smatch);
    free(tagk);
    *out = cls;
}
