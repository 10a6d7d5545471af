/*
 * submission.c — operators' submissions in the workspace and their review
 * (submission.h). The checks and the composed snapshot are compose.c's;
 * here the files are kept (as sent, each with its BLAKE2b-256 checksum,
 * so that a review re-reads exactly what was checked) and the decision
 * lands with the snapshot it makes in one transaction.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/measures.h"
#include "nis5g/submission.h"
#include "workflow/compose.h"
#include "workflow/dataset.h"

const char *const nis5g_sub_status_names[NIS5G_SUB_COUNT] = { "pending", "accepted", "rejected" };

void nis5g_submission_release(struct nis5g_submission *s)
{
    free(s->operator_id);
    free(s->submitted_by);
    free(s->source);
    free(s->reviewed_by);
    free(s->comment);
    for (size_t i = 0; i < s->n_files; i++)
        free(s->files[i]);
    free(s->files);
    memset(s, 0, sizeof *s);
}

void nis5g_submission_list_free(struct nis5g_submission *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        nis5g_submission_release(&v[i]);
    free(v);
}

/* The national snapshot now (all parts), or NULL when there is none. */
static int national(struct nis5g_store *st, struct nis5g_model **n, struct nis5g_snapshot *snap,
                    struct nis5g_err *err)
{
    *n = NULL;
    struct nis5g_err e = { 0 };
    if (nis5g_store_snapshot(st, NIS5G_NO_DATE, snap, &e)) {
        if (e.code != NIS5G_ENOTFOUND) {
            *err = e;
            return e.code;
        }
        snap->as_of = NIS5G_NO_DATE;
        return 0;
    }
    return nis5g_store_load_model(st, snap->id, NIS5G_PART_ALL, n, err);
}

/* ---- reading rows ---- */

static char *col_dup(sqlite3_stmt *s, int c)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    return t ? nis5g_xstrdup((const char *)t) : NULL;
}

static int32_t col_date(sqlite3_stmt *s, int c)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    int32_t d;
    return t && nis5g_date_parse((const char *)t, strlen((const char *)t), &d) == 0 ? d : NIS5G_NO_DATE;
}

static void copy_text(char out[32], sqlite3_stmt *s, int c)
{
    const unsigned char *t = sqlite3_column_text(s, c);
    out[0] = 0;
    if (t) {
        strncpy(out, (const char *)t, 31);
        out[31] = 0;
    }
}

#define SUB_COLS                                                                                            \
    "id, operator, status, submitted_by, submitted_at, source, base_as_of, n_sites, n_elements, n_links, " \
    "n_products, n_measures, reviewed_by, reviewed_at, comment, snapshot_as_of"

static void read_row(sqlite3_stmt *s, struct nis5g_submission *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    o->operator_id = col_dup(s, 1);
    const char *st = (const char *)sqlite3_column_text(s, 2);
    for (int k = 0; k < NIS5G_SUB_COUNT; k++)
        if (st && strcmp(st, nis5g_sub_status_names[k]) == 0)
            o->status = k;
    o->submitted_by = col_dup(s, 3);
    copy_text(o->submitted_at, s, 4);
    o->source = col_dup(s, 5);
    o->base_as_of = col_date(s, 6);
    o->n_sites = sqlite3_column_int64(s, 7);
    o->n_elements = sqlite3_column_int64(s, 8);
    o->n_links = sqlite3_column_int64(s, 9);
    o->n_products = sqlite3_column_int64(s, 10);
    o->n_measures = sqlite3_column_int64(s, 11);
    o->reviewed_by = col_dup(s, 12);
    copy_text(o->reviewed_at, s, 13);
    o->comment = col_dup(s, 14);
    o->snapshot_as_of = col_date(s, 15);
}

static int read_files(struct nis5g_store *st, struct nis5g_submission *o, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT name FROM submission_file WHERE submission = ? ORDER BY name",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the submissions");
    sqlite3_bind_int64(s, 1, o->id);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        o->files = nis5g_xreallocarray(o->files, o->n_files + 1, sizeof *o->files);
        o->files[o->n_files++] = col_dup(s, 0);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot read the submissions");
}

int nis5g_submission_list(struct nis5g_store *st, int status, const char *op, struct nis5g_submission **v,
                          size_t *n, struct nis5g_err *err)
{
    *v = NULL;
    *n = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT " SUB_COLS " FROM submission WHERE (?1 IS NULL OR status = ?1)"
                           " AND (?2 IS NULL OR operator = ?2) ORDER BY id",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the submissions");
    if (status >= 0 && status < NIS5G_SUB_COUNT)
        sqlite3_bind_text(s, 1, nis5g_sub_status_names[status], -1, SQLITE_STATIC);
    if (op)
        sqlite3_bind_text(s, 2, op, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        *v = nis5g_xreallocarray(*v, *n + 1, sizeof **v);
        read_row(s, &(*v)[(*n)++]);
    }
    sqlite3_finalize(s);
    rc = rc == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot read the submissions");
    for (size_t i = 0; !rc && i < *n; i++)
        rc = read_files(st, &(*v)[i], err);
    if (rc) {
        nis5g_submission_list_free(*v, *n);
        *v = NULL;
        *n = 0;
    }
    return rc;
}

int nis5g_submission_get(struct nis5g_store *st, int64_t id, struct nis5g_submission *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT " SUB_COLS " FROM submission WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the submissions");
    sqlite3_bind_int64(s, 1, id);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        read_row(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no submission %lld", (long long)id);
    if (rc != SQLITE_ROW)
        return nis5g_store_error(st, err, "cannot read the submissions");
    rc = read_files(st, out, err);
    if (rc)
        nis5g_submission_release(out);
    return rc;
}

/* ---- storing ---- */

static int store_files(struct nis5g_store *st, int64_t id, const struct compose_out *c, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO submission_file (submission, name, data, hash) VALUES (?, ?, ?, ?)", -1, &s,
                           NULL))
        return nis5g_store_error(st, err, "cannot save the submission");
    int rc = 0;
    for (int k = 0; !rc && k < DS_COUNT; k++) {
        const char *data = c->file[k];
        size_t len = c->file_len[k];
        if (data) {
            unsigned char h[32];
            crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
            sqlite3_reset(s);
            sqlite3_bind_int64(s, 1, id);
            sqlite3_bind_text(s, 2, ds_names[k], -1, SQLITE_STATIC);
            sqlite3_bind_blob64(s, 3, len ? data : "", len, SQLITE_STATIC);
            sqlite3_bind_blob(s, 4, h, sizeof h, SQLITE_STATIC);
            if (sqlite3_step(s) != SQLITE_DONE)
                rc = nis5g_store_error(st, err, "cannot save the submission");
        }
    }
    sqlite3_finalize(s);
    return rc;
}

static int insert_row(struct nis5g_store *st, const char *op, const char *by, const char *source, int32_t base,
                      const struct compose_out *c, int64_t *id, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO submission (operator, status, submitted_by, submitted_at, source, base_as_of,"
                           " n_sites, n_elements, n_links, n_products, n_measures)"
                           " VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot save the submission");
    char now[32], day[11];
    nis5g_utc_now(now);
    sqlite3_bind_text(s, 1, op, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, by, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, source, -1, SQLITE_STATIC);
    if (base != NIS5G_NO_DATE)
        sqlite3_bind_text(s, 5, nis5g_date_format(base, day), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, c->own->sites.n);
    sqlite3_bind_int64(s, 7, c->own_elements);
    sqlite3_bind_int64(s, 8, c->own->n_links);
    sqlite3_bind_int64(s, 9, c->own->n_products);
    sqlite3_bind_int64(s, 10, c->own->n_measures);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot save the submission");
    *id = sqlite3_last_insert_rowid(nis5g_store_db(st));
    sqlite3_finalize(s);
    return rc;
}

int nis5g_submission_submit(struct nis5g_store *st, const char *op, const char *dir, const char *shown,
                            const char *source, const char *by, struct nis5g_submission *out,
                            struct nis5g_diags *diags, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    if (!op || !*op)
        return nis5g_err_set(err, NIS5G_EUSAGE, "a submission needs an operator");
    int own;
    if (nis5g_store_begin(st, "submit", &own, err))
        return err->code;
    struct nis5g_model *n = NULL;
    struct nis5g_snapshot snap;
    struct compose_out c;
    memset(&c, 0, sizeof c);
    int rc = national(st, &n, &snap, err);
    if (!rc) /* a refusal's message ("N errors; nothing was submitted") is compose_run's */
        rc = compose_run(op, dir, shown, n, snap.as_of == NIS5G_NO_DATE ? nis5g_date_today() : snap.as_of, &c,
                         diags, err);
    int64_t id = 0;
    if (!rc)
        rc = insert_row(st, op, by ? by : "unknown", source ? source : dir, snap.as_of, &c, &id, err);
    if (!rc)
        rc = store_files(st, id, &c, err);
    compose_release(&c);
    nis5g_model_free(n);
    rc = nis5g_store_end(st, "submit", own, rc, err);
    return rc ? rc : nis5g_submission_get(st, id, out, err);
}

/* ---- composing a stored submission ---- */

/* The submission's files, checked against their checksums, into dir. */
static int unpack(struct nis5g_store *st, int64_t id, const char *dir, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT name, data, hash FROM submission_file WHERE submission = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the submission");
    sqlite3_bind_int64(s, 1, id);
    int rc = 0, step;
    while (!rc && (step = sqlite3_step(s)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(s, 0);
        const void *data = sqlite3_column_blob(s, 1);
        size_t len = (size_t)sqlite3_column_bytes(s, 1);
        unsigned char h[32];
        crypto_generichash(h, sizeof h, data, len, NULL, 0);
        if (ds_kind(name) < 0 || sqlite3_column_bytes(s, 2) != (int)sizeof h ||
            memcmp(h, sqlite3_column_blob(s, 2), sizeof h) != 0)
            rc = nis5g_err_set(err, NIS5G_ESTORE, "submission %lld: %s is damaged (its checksum does not match)",
                               (long long)id, name);
        else
            rc = compose_write(dir, name, data, len, err);
    }
    sqlite3_finalize(s);
    return rc;
}

/* The composed snapshot of submission sub against the snapshot current
 * now (national, loaded here; *n the caller's). */
static int compose_stored(struct nis5g_store *st, const struct nis5g_submission *sub, int32_t as_of,
                          struct nis5g_model **n, struct nis5g_snapshot *snap, struct compose_out *c,
                          struct nis5g_diags *diags, struct nis5g_err *err)
{
    memset(c, 0, sizeof *c);
    int rc = national(st, n, snap, err);
    if (rc)
        return rc;
    if (as_of == NIS5G_NO_DATE || (snap->as_of != NIS5G_NO_DATE && snap->as_of > as_of))
        as_of = snap->as_of == NIS5G_NO_DATE ? nis5g_date_today() : snap->as_of;
    char dir[PATH_MAX];
    rc = compose_tmpdir(dir, sizeof dir, err);
    if (rc)
        return rc;
    rc = unpack(st, sub->id, dir, err);
    if (!rc) {
        /* named as when it was sent, so that a refusal reads the same */
        struct nis5g_buf shown = NIS5G_BUF_INIT;
        const char *src = sub->source ? sub->source : "";
        size_t l = strlen(src);
        while (l > 1 && src[l - 1] == '/')
            l--;
        if (l && !(l == 1 && src[0] == '.') && !strchr(src, ' ') && !strchr(src, ':'))
            nis5g_buf_addf(&shown, "%.*s/", (int)l, src);
        else
            nis5g_buf_adds(&shown, "");
        rc = compose_run(sub->operator_id, dir, shown.data, *n, as_of, c, diags, err);
        nis5g_buf_release(&shown);
    }
    compose_rmdir(dir);
    return rc;
}

int nis5g_submission_model(struct nis5g_store *st, int64_t id, struct nis5g_model **out, struct nis5g_err *err)
{
    *out = NULL;
    struct nis5g_submission sub;
    int rc = nis5g_submission_get(st, id, &sub, err);
    if (rc)
        return rc;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    struct nis5g_model *n = NULL;
    struct nis5g_snapshot snap;
    struct compose_out c;
    rc = compose_stored(st, &sub, nis5g_date_today(), &n, &snap, &c, &d, err);
    if (rc == NIS5G_EINPUT) {
        for (size_t i = 0; i < d.n; i++)
            if (d.v[i].severity == NIS5G_ERROR) {
                nis5g_err_set(err, rc, "submission %lld no longer holds: %s%s%s", (long long)id,
                              d.v[i].file ? d.v[i].file : "", d.v[i].file ? ": " : "", d.v[i].msg);
                break;
            }
    }
    if (!rc) {
        *out = c.composed;
        c.composed = NULL;
    }
    compose_release(&c);
    nis5g_model_free(n);
    nis5g_diags_release(&d);
    nis5g_submission_release(&sub);
    return rc;
}

/* ---- review ---- */

struct record {
    const struct nis5g_model *own;
    const char *by;
};

static int record_measures(void *arg, struct nis5g_store *st, const struct nis5g_snapshot *saved,
                           struct nis5g_err *err)
{
    struct record *r = arg;
    return nis5g_measures_record_import(st, saved, r->own, r->by, err);
}

static int decide(struct nis5g_store *st, int64_t id, int accept, const char *comment, const char *by,
                  int32_t made, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "UPDATE submission SET status = ?, reviewed_by = ?, reviewed_at = ?, comment = ?,"
                           " snapshot_as_of = ? WHERE id = ? AND status = 'pending'",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot record the review");
    char now[32], day[11];
    nis5g_utc_now(now);
    sqlite3_bind_text(s, 1, accept ? "accepted" : "rejected", -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, by, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, comment ? comment : "", -1, SQLITE_STATIC);
    if (made != NIS5G_NO_DATE)
        sqlite3_bind_text(s, 5, nis5g_date_format(made, day), -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 6, id);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot record the review");
    if (!rc && sqlite3_changes(nis5g_store_db(st)) != 1)
        rc = nis5g_err_set(err, NIS5G_EEXIST, "submission %lld was reviewed already", (long long)id);
    sqlite3_finalize(s);
    return rc;
}

static int accept_now(struct nis5g_store *st, const struct nis5g_submission *sub, const char *by, int32_t today,
                      int32_t *made, struct nis5g_diags *diags, struct nis5g_err *err)
{
    struct nis5g_model *n = NULL;
    struct nis5g_snapshot snap;
    struct compose_out c;
    int rc = compose_stored(st, sub, today, &n, &snap, &c, diags, err);
    if (rc == NIS5G_EINPUT)
        nis5g_err_set(err, rc, "%zu error%s: submission %lld no longer holds against the national snapshot; "
                      "it stays pending", diags->errors, diags->errors == 1 ? "" : "s", (long long)sub->id);
    if (!rc) {
        struct nis5g_buf src = NIS5G_BUF_INIT;
        nis5g_buf_addf(&src, "submission %lld of %s (%s), accepted by %s", (long long)sub->id, sub->operator_id,
                       sub->source, by);
        struct record r = { c.own, by };
        struct nis5g_snapshot saved;
        rc = nis5g_store_save_model_with(st, c.composed, src.data, record_measures, &r, &saved, err);
        *made = saved.as_of;
        nis5g_buf_release(&src);
    }
    compose_release(&c);
    nis5g_model_free(n);
    return rc;
}

int nis5g_submission_review(struct nis5g_store *st, int64_t id, int accept, const char *comment, const char *by,
                            int32_t today, struct nis5g_submission *out, struct nis5g_diags *diags,
                            struct nis5g_err *err)
{
    if (out)
        memset(out, 0, sizeof *out);
    if (!comment || !*comment)
        return nis5g_err_set(err, NIS5G_EUSAGE, "a review needs a comment");
    by = by && *by ? by : "unknown";
    int own;
    if (nis5g_store_begin(st, "review", &own, err))
        return err->code;
    struct nis5g_submission sub;
    int rc = nis5g_submission_get(st, id, &sub, err);
    if (!rc && sub.status != NIS5G_SUB_PENDING)
        rc = nis5g_err_set(err, NIS5G_EEXIST, "submission %lld was %s already by %s", (long long)id,
                           nis5g_sub_status_names[sub.status], sub.reviewed_by ? sub.reviewed_by : "someone");
    int32_t made = NIS5G_NO_DATE;
    if (!rc && accept)
        rc = accept_now(st, &sub, by, today, &made, diags, err);
    if (!rc)
        rc = decide(st, id, accept, comment, by, made, err);
    nis5g_submission_release(&sub);
    rc = nis5g_store_end(st, "review", own, rc, err);
    if (!rc && out)
        rc = nis5g_submission_get(st, id, out, err);
    return rc;
}

/* ---- JSON ---- */

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *date_or_null(int32_t d)
{
    char day[11];
    return d == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(d, day));
}

json_t *nis5g_submission_json(const struct nis5g_submission *s)
{
    json_t *files = json_array();
    for (size_t i = 0; i < s->n_files; i++)
        json_array_append_new(files, json_string(s->files[i]));
    json_t *counts = json_pack("{s:I, s:I, s:I, s:I, s:I}", "sites", (json_int_t)s->n_sites, "elements",
                               (json_int_t)s->n_elements, "links", (json_int_t)s->n_links, "products",
                               (json_int_t)s->n_products, "measures", (json_int_t)s->n_measures);
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", (json_int_t)s->id,
                     "operator", s->operator_id ? s->operator_id : "", "status", nis5g_sub_status_names[s->status],
                     "submitted_by", s->submitted_by ? s->submitted_by : "", "submitted_at", s->submitted_at,
                     "source", s->source ? s->source : "", "base_as_of", date_or_null(s->base_as_of), "counts",
                     counts, "files", files, "reviewed_by", str_or_null(s->reviewed_by), "reviewed_at",
                     s->reviewed_by ? json_string(s->reviewed_at) : json_null(), "comment", str_or_null(s->comment),
                     "snapshot", date_or_null(s->snapshot_as_of));
}
