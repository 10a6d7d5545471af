/*
 * measures.c — toolbox measure statuses: the snapshot's measures.csv
 * values overlaid with the statuses set later in the workspace
 * (measure_history), validated updates, and the history.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/measures.h"

const char *const nis5g_msource_names[3] = { "none", "snapshot", "set" };


static char *col_dup(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return t ? nis5g_xstrdup((const char *)t) : NULL;
}

/* Scope index of a name in t, or -1. */
static int scope_index(const struct nis5g_mtable *t, const char *name)
{
    for (size_t i = 0; i < t->n_scopes; i++)
        if (strcmp(t->scope[i], name) == 0)
            return (int)i;
    return -1;
}

static void build_scopes(struct nis5g_model *m, struct nis5g_mtable *t)
{
    uint8_t *seen = nis5g_xcalloc((size_t)m->countries.n + 1, 1);
    size_t cap = (size_t)m->operators.n * 2 + 1;
    t->scope = nis5g_xcalloc(cap, sizeof *t->scope);
    t->is_country = nis5g_xcalloc(cap, 1);
    t->scope_id = nis5g_xcalloc(cap, sizeof *t->scope_id);
    for (uint32_t o = 0; o < m->operators.n; o++) {
        uint32_t c = m->op_country[o];
        if (seen[c])
            continue;
        seen[c] = 1;
        t->scope[t->n_scopes] = nis5g_xstrdup(nis5g_dict_str(&m->countries, c));
        t->is_country[t->n_scopes] = 1;
        t->scope_id[t->n_scopes++] = c;
    }
    for (uint32_t o = 0; o < m->operators.n; o++) {
        t->scope[t->n_scopes] = nis5g_xstrdup(nis5g_dict_str(&m->operators, o));
        t->scope_id[t->n_scopes++] = o;
    }
    free(seen);
}

int nis5g_measures_effective(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                             const struct nis5g_catalog *c, struct nis5g_mtable *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    build_scopes(m, out);
    size_t nm = c->n_measures, ns = out->n_scopes;
    out->n_measures = nm;
    out->cell = nis5g_xcalloc(ns * nm + 1, sizeof *out->cell);
    for (size_t i = 0; i < ns * nm; i++) {
        out->cell[i].status = NIS5G_MS_UNSET;
        out->cell[i].date = NIS5G_NO_DATE;
    }

    /* The snapshot's rows (a measure code outside the catalogue is kept
     * out: the catalogue decides which measures exist). */
    for (uint32_t r = 0; r < m->n_measures; r++) {
        const char *code = nis5g_dict_str(&m->text, m->ms_measure[r]);
        int mi = nis5g_catalog_measure(c, code, strlen(code));
        const char *sc = m->ms_operator[r] != NIS5G_NONE ? nis5g_dict_str(&m->operators, m->ms_operator[r])
                                                         : nis5g_dict_str(&m->countries, m->ms_country[r]);
        int si = scope_index(out, sc);
        if (mi < 0 || si < 0)
            continue;
        struct nis5g_mcell *x = &out->cell[(size_t)si * nm + (size_t)mi];
        x->status = m->ms_status[r];
        x->source = NIS5G_MSRC_SNAPSHOT;
        x->date = m->ms_date[r];
        free(x->evidence);
        x->evidence = m->ms_evidence[r] == NIS5G_NONE ? NULL
                                                      : nis5g_xstrdup(nis5g_dict_str(&m->text, m->ms_evidence[r]));
    }

    /* The sets at or after the snapshot's import, oldest first: the last
     * one wins. */
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db,
                           "SELECT scope, measure, status, evidence, who, at FROM measure_history"
                           " WHERE source = 'set' AND at >= ?1 ORDER BY at, id",
                           -1, &s, NULL) != SQLITE_OK) {
        nis5g_mtable_release(out);
        return nis5g_store_error(st, err, "reading the measure history");
    }
    sqlite3_bind_text(s, 1, snap->imported_at, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *scope = (const char *)sqlite3_column_text(s, 0);
        const char *code = (const char *)sqlite3_column_text(s, 1);
        const char *status = (const char *)sqlite3_column_text(s, 2);
        int si = scope_index(out, scope), mi = nis5g_catalog_measure(c, code, strlen(code));
        int stv = nis5g_name_index(nis5g_mstatus_names, NIS5G_MS_COUNT, status, strlen(status));
        if (si < 0 || mi < 0 || stv < 0)
            continue;
        struct nis5g_mcell *x = &out->cell[(size_t)si * nm + (size_t)mi];
        free(x->evidence);
        free(x->by);
        free(x->at);
        x->status = (uint8_t)stv;
        x->source = NIS5G_MSRC_SET;
        x->evidence = col_dup(s, 3);
        x->by = col_dup(s, 4);
        x->at = col_dup(s, 5);
        x->date = NIS5G_NO_DATE;
        if (x->at)
            nis5g_date_parse(x->at, 10, &x->date);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        nis5g_mtable_release(out);
        return nis5g_store_error(st, err, "reading the measure history");
    }

    out->op_status = nis5g_xmalloc((size_t)m->operators.n * nm + 1);
    out->country_status = nis5g_xmalloc((size_t)m->countries.n * nm + 1);
    memset(out->op_status, NIS5G_MS_UNSET, (size_t)m->operators.n * nm + 1);
    memset(out->country_status, NIS5G_MS_UNSET, (size_t)m->countries.n * nm + 1);
    for (size_t i = 0; i < ns; i++) {
        uint8_t *dst = (out->is_country[i] ? out->country_status : out->op_status) + (size_t)out->scope_id[i] * nm;
        for (size_t j = 0; j < nm; j++)
            dst[j] = out->cell[i * nm + j].status;
    }
    return NIS5G_OK;
}

void nis5g_mtable_release(struct nis5g_mtable *t)
{
    for (size_t i = 0; i < t->n_scopes; i++)
        free(t->scope[i]);
    for (size_t i = 0; t->cell && i < t->n_scopes * t->n_measures; i++) {
        free(t->cell[i].evidence);
        free(t->cell[i].by);
        free(t->cell[i].at);
    }
    free(t->scope);
    free(t->is_country);
    free(t->scope_id);
    free(t->cell);
    free(t->op_status);
    free(t->country_status);
    memset(t, 0, sizeof *t);
}


int nis5g_measures_set(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                       const struct nis5g_catalog *c, const char *scope, const char *measure, const char *status,
                       const char *evidence, const char *by, struct nis5g_err *err)
{
    int is_scope = nis5g_dict_finds(&m->operators, scope) != NIS5G_NONE;
    if (!is_scope) {
        uint32_t cc = nis5g_dict_finds(&m->countries, scope);
        for (uint32_t o = 0; cc != NIS5G_NONE && o < m->operators.n; o++)
            is_scope |= m->op_country[o] == cc;
    }
    if (!is_scope) {
        struct nis5g_mtable t = { 0 };
        build_scopes(m, &t);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        for (size_t i = 0; i < t.n_scopes && i < 12; i++)
            nis5g_buf_addf(&b, "%s%s", i ? ", " : "", t.scope[i]);
        if (t.n_scopes > 12)
            nis5g_buf_adds(&b, ", ...");
        nis5g_err_set(err, NIS5G_EINPUT, "unknown scope '%s' (expected an operator or a state of the snapshot: %s)",
                      scope, b.data ? b.data : "none");
        nis5g_buf_release(&b);
        nis5g_mtable_release(&t);
        return NIS5G_EINPUT;
    }
    if (nis5g_catalog_measure(c, measure, strlen(measure)) < 0)
        return nis5g_err_set(err, NIS5G_EINPUT, "unknown measure '%s' (expected a toolbox measure such as SM03 or "
                             "TM11; see data/toolbox.csv)", measure);
    if (nis5g_name_index(nis5g_mstatus_names, NIS5G_MS_COUNT, status, strlen(status)) < 0)
        return nis5g_err_set(err, NIS5G_EINPUT,
                             "unknown status '%s' (expected none, planned, partial or implemented)", status);
    char now[32], asof[11];
    nis5g_utc_now(now);
    sqlite3 *db = nis5g_store_db(st);
    /* A savepoint: one transaction of its own, or part of the import's. */
    if (nis5g_store_exec(st, "SAVEPOINT record_import", err))
        return err->code;
    sqlite3_stmt *s;
    int ok = sqlite3_prepare_v2(db,
                                "INSERT INTO measure_history (scope, measure, status, evidence, who, at, source,"
                                " snapshot_as_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'set', ?7)",
                                -1, &s, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(s, 1, scope, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, measure, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
        if (evidence && *evidence)
            sqlite3_bind_text(s, 4, evidence, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, by, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, nis5g_date_format(snap->as_of, asof), -1, SQLITE_STATIC);
        ok = sqlite3_step(s) == SQLITE_DONE;
        sqlite3_finalize(s);
    }
    if (!ok) {
        nis5g_store_error(st, err, "recording the measure");
        sqlite3_exec(db, "ROLLBACK TO record_import; RELEASE record_import", NULL, NULL, NULL);
        return NIS5G_ESTORE;
    }
    return nis5g_store_exec(st, "RELEASE record_import", err);
}

int nis5g_measures_record_import(struct nis5g_store *st, const struct nis5g_snapshot *snap,
                                 const struct nis5g_model *m, const char *by, struct nis5g_err *err)
{
    sqlite3 *db = nis5g_store_db(st);
    /* A savepoint: one transaction of its own, or part of the import's. */
    if (nis5g_store_exec(st, "SAVEPOINT record_import", err))
        return err->code;
    sqlite3_stmt *s;
    int ok = sqlite3_prepare_v2(db,
                                "INSERT INTO measure_history (scope, measure, status, evidence, who, at, source,"
                                " snapshot_as_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'import', ?7)",
                                -1, &s, NULL) == SQLITE_OK;
    char asof[11];
    nis5g_date_format(snap->as_of, asof);
    for (uint32_t r = 0; ok && r < m->n_measures; r++) {
        const char *sc = m->ms_operator[r] != NIS5G_NONE ? nis5g_dict_str(&m->operators, m->ms_operator[r])
                                                         : nis5g_dict_str(&m->countries, m->ms_country[r]);
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, sc, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, nis5g_dict_str(&m->text, m->ms_measure[r]), -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, nis5g_mstatus_names[m->ms_status[r]], -1, SQLITE_STATIC);
        if (m->ms_evidence[r] != NIS5G_NONE)
            sqlite3_bind_text(s, 4, nis5g_dict_str(&m->text, m->ms_evidence[r]), -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(s, 4);
        sqlite3_bind_text(s, 5, by, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, snap->imported_at, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 7, asof, -1, SQLITE_STATIC);
        ok = sqlite3_step(s) == SQLITE_DONE;
    }
    sqlite3_finalize(s);
    if (!ok) {
        nis5g_store_error(st, err, "recording the imported measures");
        sqlite3_exec(db, "ROLLBACK TO record_import; RELEASE record_import", NULL, NULL, NULL);
        return NIS5G_ESTORE;
    }
    return nis5g_store_exec(st, "RELEASE record_import", err);
}

int nis5g_measures_history(struct nis5g_store *st, const char *scope, const char *measure, struct nis5g_mhist **out,
                           size_t *n, struct nis5g_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT scope, measure, status, evidence, who, at, source, snapshot_as_of"
                           " FROM measure_history WHERE (?1 IS NULL OR scope = ?1) AND (?2 IS NULL OR measure = ?2)"
                           " ORDER BY at, id",
                           -1, &s, NULL) != SQLITE_OK)
        return nis5g_store_error(st, err, "reading the measure history");
    if (scope)
        sqlite3_bind_text(s, 1, scope, -1, SQLITE_STATIC);
    if (measure)
        sqlite3_bind_text(s, 2, measure, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            *out = nis5g_xreallocarray(*out, cap, sizeof **out);
        }
        struct nis5g_mhist *h = &(*out)[(*n)++];
        h->scope = col_dup(s, 0);
        h->measure = col_dup(s, 1);
        h->status = col_dup(s, 2);
        h->evidence = col_dup(s, 3);
        h->who = col_dup(s, 4);
        h->at = col_dup(s, 5);
        h->source = col_dup(s, 6);
        h->snapshot_as_of = col_dup(s, 7);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        nis5g_mhist_free(*out, *n);
        *out = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "reading the measure history");
    }
    return NIS5G_OK;
}

void nis5g_mhist_free(struct nis5g_mhist *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].scope);
        free(h[i].measure);
        free(h[i].status);
        free(h[i].evidence);
        free(h[i].who);
        free(h[i].at);
        free(h[i].source);
        free(h[i].snapshot_as_of);
    }
    free(h);
}
