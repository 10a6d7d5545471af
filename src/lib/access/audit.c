/*
 * audit.c — the hash-chained audit trail (audit.h, docs/audit.md):
 * appending inside the caller's transaction, listing with filters, and
 * walking the chain to find the first entry altered or removed.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "access/access-int.h"
#include "nis5g/audit.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static void canon_field(struct nis5g_buf *b, const char *s)
{
    if (!s)
        s = "";
    nis5g_buf_addf(b, "%zu:", strlen(s));
    nis5g_buf_add(b, s, strlen(s));
    nis5g_buf_add(b, ",", 1);
}

/* hex(BLAKE2b-256(prev || canonical bytes of e)) into out[65]; prev is
 * hex, hashed as its 32 bytes. */
static void entry_hash(const char *prev_hex, const struct nis5g_audit_entry *e, char out[65])
{
    unsigned char prev[32] = { 0 }, h[32];
    sodium_hex2bin(prev, sizeof prev, prev_hex, strlen(prev_hex), NULL, NULL, NULL);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    char id[24];
    snprintf(id, sizeof id, "%" PRId64, e->id);
    const char *fields[] = { id, e->at, e->user, e->role, e->address, e->action, e->target, e->outcome, e->detail };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        canon_field(&b, fields[i]);
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, prev, sizeof prev);
    crypto_generichash_update(&st, (const unsigned char *)b.data, b.len);
    crypto_generichash_final(&st, h, sizeof h);
    nis5g_buf_release(&b);
    sodium_bin2hex(out, 65, h, sizeof h);
}

/* The head: the last id and hash, or 0 and zeros. */
static int read_head(struct nis5g_store *st, int64_t *last, char hash[65], struct nis5g_err *err)
{
    sqlite3_stmt *s;
    *last = 0;
    snprintf(hash, 65, "%s", ZERO_HASH);
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT last_id, hash FROM audit_head WHERE one = 1", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the audit trail");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        *last = sqlite3_column_int64(s, 0);
        snprintf(hash, 65, "%s", (const char *)sqlite3_column_text(s, 1));
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read the audit trail");
    return 0;
}

static int insert_entry(struct nis5g_store *st, const struct nis5g_audit_entry *e, const char *prev,
                        struct nis5g_err *err)
{
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *s = NULL, *h = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO audit_log (id, at, user, role, address, action, target, outcome, detail,"
                           " prev, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &s, NULL) ||
        sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO audit_head (one, last_id, hash) VALUES (1, ?, ?)", -1, &h,
                           NULL)) {
        rc = nis5g_store_error(st, err, "cannot write the audit trail");
        goto out;
    }
    const char *v[] = { e->at, e->user, e->role, e->address, e->action, e->target, e->outcome, e->detail, prev,
                        e->hash };
    sqlite3_bind_int64(s, 1, e->id);
    for (int i = 0; i < 10; i++)
        sqlite3_bind_text(s, i + 2, v[i] ? v[i] : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(h, 1, e->id);
    sqlite3_bind_text(h, 2, e->hash, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE || sqlite3_step(h) != SQLITE_DONE)
        rc = nis5g_store_error(st, err, "cannot write the audit trail");
out:
    sqlite3_finalize(s);
    sqlite3_finalize(h);
    return rc;
}

int nis5g_audit_append(struct nis5g_store *st, const struct nis5g_audit_entry *e, int64_t *id,
                       struct nis5g_err *err)
{
    if (!e->action || !*e->action || !e->outcome || !*e->outcome)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "an audit entry needs an action and an outcome");
    if (access_sodium(err))
        return err->code;
    int own;
    if (nis5g_store_begin(st, "audit_append", &own, err))
        return err->code;
    struct nis5g_audit_entry x = *e;
    char prev[65];
    int rc = read_head(st, &x.id, prev, err);
    if (!rc) {
        x.id++;
        if (!x.at[0])
            nis5g_utc_now(x.at);
        entry_hash(prev, &x, x.hash);
        rc = insert_entry(st, &x, prev, err);
    }
    rc = nis5g_store_end(st, "audit_append", own, rc, err);
    if (!rc && id)
        *id = x.id;
    return rc;
}

static char *col_dup(sqlite3_stmt *s, int i)
{
    const unsigned char *t = sqlite3_column_text(s, i);
    return nis5g_xstrdup(t ? (const char *)t : "");
}

#define AUDIT_COLS "id, at, user, role, address, action, target, outcome, detail, hash, prev"

static void entry_row(sqlite3_stmt *s, struct nis5g_audit_entry *e)
{
    memset(e, 0, sizeof *e);
    e->id = sqlite3_column_int64(s, 0);
    snprintf(e->at, sizeof e->at, "%s", (const char *)sqlite3_column_text(s, 1));
    e->user = col_dup(s, 2);
    e->role = col_dup(s, 3);
    e->address = col_dup(s, 4);
    e->action = col_dup(s, 5);
    e->target = col_dup(s, 6);
    e->outcome = col_dup(s, 7);
    e->detail = col_dup(s, 8);
    snprintf(e->hash, sizeof e->hash, "%s", (const char *)sqlite3_column_text(s, 9));
}

static void entry_release(struct nis5g_audit_entry *e)
{
    free(e->user);
    free(e->role);
    free(e->address);
    free(e->action);
    free(e->target);
    free(e->outcome);
    free(e->detail);
}

int nis5g_audit_list(struct nis5g_store *st, const struct nis5g_audit_filter *f, struct nis5g_audit_list *out,
                     struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT " AUDIT_COLS " FROM audit_log WHERE (?1 IS NULL OR at >= ?1)"
                           " AND (?2 IS NULL OR user = ?2) AND (?3 IS NULL OR action = ?3) ORDER BY id",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the audit trail");
    char day[11];
    if (f && f->since != NIS5G_NO_DATE)
        sqlite3_bind_text(s, 1, nis5g_date_format(f->since, day), -1, SQLITE_TRANSIENT);
    if (f && f->user)
        sqlite3_bind_text(s, 2, f->user, -1, SQLITE_TRANSIENT);
    if (f && f->action)
        sqlite3_bind_text(s, 3, f->action, -1, SQLITE_TRANSIENT);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n == cap) {
            cap = cap ? 2 * cap : 16;
            out->v = nis5g_xreallocarray(out->v, cap, sizeof *out->v);
        }
        entry_row(s, &out->v[out->n++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        nis5g_audit_list_release(out);
        return nis5g_store_error(st, err, "cannot read the audit trail");
    }
    return 0;
}

void nis5g_audit_list_release(struct nis5g_audit_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        entry_release(&l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

json_t *nis5g_audit_list_json(const struct nis5g_audit_list *l)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < l->n; i++) {
        const struct nis5g_audit_entry *e = &l->v[i];
        json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
                                             (json_int_t)e->id, "at", e->at, "user", e->user, "role", e->role,
                                             "address", e->address, "action", e->action, "target", e->target,
                                             "outcome", e->outcome, "detail", e->detail, "hash", e->hash));
    }
    return json_pack("{s:o}", "entries", arr);
}

/* Check one row against the chain so far; fills out and returns 1 at the
 * first problem. */
static int check_row(sqlite3_stmt *s, int64_t *last_id, char last_hash[65], struct nis5g_audit_check *out)
{
    struct nis5g_audit_entry e;
    entry_row(s, &e);
    const char *prev = (const char *)sqlite3_column_text(s, 10);
    char want[65];
    int bad = 1;
    out->id = e.id;
    if (e.id != *last_id + 1 || !prev || strcmp(prev, last_hash) != 0) {
        if (e.id != *last_id + 1)
            snprintf(out->what, sizeof out->what, "missing entry before id %" PRId64, e.id);
        else
            snprintf(out->what, sizeof out->what, "chain broken: its previous hash is not entry %" PRId64 "'s",
                     *last_id);
    } else {
        entry_hash(prev, &e, want);
        if (strcmp(want, e.hash) != 0)
            snprintf(out->what, sizeof out->what, "hash mismatch");
        else
            bad = 0;
    }
    *last_id = e.id;
    snprintf(last_hash, 65, "%s", e.hash);
    entry_release(&e);
    return bad;
}

int nis5g_audit_verify(struct nis5g_store *st, struct nis5g_audit_check *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    if (access_sodium(err))
        return err->code;
    int64_t head_id, last_id = 0;
    char head_hash[65], last_hash[65] = ZERO_HASH;
    sqlite3_stmt *s;
    if (read_head(st, &head_id, head_hash, err))
        return err->code;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT " AUDIT_COLS " FROM audit_log ORDER BY id", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the audit trail");
    int rc, bad = 0;
    while (!bad && (rc = sqlite3_step(s)) == SQLITE_ROW) {
        out->entries++;
        bad = check_row(s, &last_id, last_hash, out);
    }
    sqlite3_finalize(s);
    if (!bad && rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read the audit trail");
    if (!bad && (last_id != head_id || strcmp(last_hash, head_hash) != 0)) {
        /* the newest entries were removed (or the head altered) */
        bad = 1;
        out->id = last_id + 1;
        if (last_id < head_id)
            snprintf(out->what, sizeof out->what, "missing entry: the trail ends at id %" PRId64 ", its head says %"
                     PRId64, last_id, head_id);
        else
            snprintf(out->what, sizeof out->what, "head mismatch: the trail ends at id %" PRId64 " with another hash",
                     last_id);
    }
    out->intact = !bad;
    if (out->intact)
        out->id = 0;
    return 0;
}
