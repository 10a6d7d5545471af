/*
 * sessions.c — dashboard sessions: a random id kept hashed, a CSRF token,
 * idle and absolute timeouts on a clock the caller passes in.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "access/access-int.h"
#include "nis5g/sessions.h"

int nis5g_session_create(struct nis5g_store *st, int64_t user_id, int64_t now, struct nis5g_session *out,
                         struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    if (access_sodium(err))
        return err->code;
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *purge = NULL, *ins = NULL;
    int rc = 0;
    access_random_hex(out->id, 32);
    access_random_hex(out->csrf, 32);
    out->created = out->last_used = now;
    unsigned char hash[32];
    access_secret_hash(out->id, hash);
    if (sqlite3_prepare_v2(db, "DELETE FROM web_session WHERE last_used <= ? OR created <= ?", -1, &purge, NULL) ||
        sqlite3_prepare_v2(db, "INSERT INTO web_session (hash, user, csrf, created, last_used) VALUES (?,?,?,?,?)",
                           -1, &ins, NULL)) {
        rc = nis5g_store_error(st, err, "cannot open a session");
        goto out;
    }
    sqlite3_bind_int64(purge, 1, now - NIS5G_SESSION_IDLE);
    sqlite3_bind_int64(purge, 2, now - NIS5G_SESSION_MAX);
    sqlite3_bind_blob(ins, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 2, user_id);
    sqlite3_bind_text(ins, 3, out->csrf, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 4, now);
    sqlite3_bind_int64(ins, 5, now);
    if (sqlite3_step(purge) != SQLITE_DONE || sqlite3_step(ins) != SQLITE_DONE)
        rc = nis5g_store_error(st, err, "cannot open a session");
out:
    sqlite3_finalize(purge);
    sqlite3_finalize(ins);
    if (rc)
        memset(out, 0, sizeof *out);
    return rc;
}

/* Delete or touch the session with this hash. */
static int session_set(struct nis5g_store *st, const unsigned char hash[32], int64_t touch, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    const char *sql = touch ? "UPDATE web_session SET last_used = ? WHERE hash = ?"
                            : "DELETE FROM web_session WHERE hash = ?";
    if (sqlite3_prepare_v2(nis5g_store_db(st), sql, -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot update the session");
    int i = 1;
    if (touch)
        sqlite3_bind_int64(s, i++, touch);
    sqlite3_bind_blob(s, i, hash, 32, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot update the session");
    sqlite3_finalize(s);
    return rc;
}

int nis5g_session_lookup(struct nis5g_store *st, const char *id, int64_t now, struct nis5g_user *user,
                         struct nis5g_session *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    if (strlen(id) != NIS5G_SESSION_ID_LEN)
        return nis5g_err_set(err, NIS5G_EDENIED, "session expired or unknown");
    if (access_sodium(err))
        return err->code;
    unsigned char hash[32];
    access_secret_hash(id, hash);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT s.csrf, s.created, s.last_used, " ACCESS_USER_COLS
                           " FROM web_session s JOIN user_account u ON u.id = s.user WHERE s.hash = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the sessions");
    sqlite3_bind_blob(s, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return nis5g_store_error(st, err, "cannot read the sessions");
        return nis5g_err_set(err, NIS5G_EDENIED, "session expired or unknown");
    }
    snprintf(out->csrf, sizeof out->csrf, "%s", (const char *)sqlite3_column_text(s, 0));
    out->created = sqlite3_column_int64(s, 1);
    out->last_used = sqlite3_column_int64(s, 2);
    access_user_row(s, 3, user);
    sqlite3_finalize(s);
    if (now - out->last_used >= NIS5G_SESSION_IDLE || now - out->created >= NIS5G_SESSION_MAX ||
        user->disabled) {
        session_set(st, hash, 0, err);
        memset(out, 0, sizeof *out);
        return nis5g_err_set(err, NIS5G_EDENIED, "session expired or unknown");
    }
    if (session_set(st, hash, now, err))
        return err->code;
    out->last_used = now;
    return 0;
}

int nis5g_session_delete(struct nis5g_store *st, const char *id, struct nis5g_err *err)
{
    if (access_sodium(err))
        return err->code;
    unsigned char hash[32];
    access_secret_hash(id, hash);
    return session_set(st, hash, 0, err);
}

int nis5g_session_csrf_ok(const struct nis5g_session *s, const char *sent)
{
    size_t n = strlen(s->csrf);
    return n == NIS5G_SESSION_ID_LEN && sent && strlen(sent) == n && sodium_memcmp(s->csrf, sent, n) == 0;
}
