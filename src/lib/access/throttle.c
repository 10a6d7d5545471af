/*
 * throttle.c — failed logins counted per account and per address, with
 * delays that double and run out (throttle.h): slows guessing to a crawl
 * without letting anyone lock a real user out for good.
 */
#include <string.h>

#include "access/access-int.h"
#include "nis5g/throttle.h"

int64_t nis5g_throttle_delay(int64_t failures, int64_t free)
{
    if (failures < free)
        return 0;
    int64_t steps = failures - free;
    if (steps >= 20)
        return NIS5G_THROTTLE_MAX;
    int64_t d = (int64_t)NIS5G_THROTTLE_FIRST << steps;
    return d < NIS5G_THROTTLE_MAX ? d : NIS5G_THROTTLE_MAX;
}

/* The wait for one key: 0 when it has no recent failures. */
static int key_wait(struct nis5g_store *st, const char *kind, const char *key, int64_t free, int64_t now,
                    int64_t *wait, struct nis5g_err *err)
{
    *wait = 0;
    if (!key)
        return 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT failures, last_failure FROM login_throttle WHERE kind = ? AND key = ?", -1, &s,
                           NULL))
        return nis5g_store_error(st, err, "cannot read the login failures");
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        int64_t failures = sqlite3_column_int64(s, 0), last = sqlite3_column_int64(s, 1);
        int64_t until = last + nis5g_throttle_delay(failures, free);
        if (now - last < NIS5G_THROTTLE_FORGET && until > now)
            *wait = until - now;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read the login failures");
    return 0;
}

int nis5g_throttle_retry_after(struct nis5g_store *st, const char *account, const char *address, int64_t now,
                               int64_t *seconds, struct nis5g_err *err)
{
    int64_t a = 0, b = 0;
    *seconds = 0;
    if (key_wait(st, "account", account, NIS5G_THROTTLE_ACCOUNT_FREE, now, &a, err) ||
        key_wait(st, "address", address, NIS5G_THROTTLE_ADDRESS_FREE, now, &b, err))
        return err->code;
    *seconds = a > b ? a : b;
    return 0;
}

static int key_fail(struct nis5g_store *st, const char *kind, const char *key, int64_t now, struct nis5g_err *err)
{
    if (!key)
        return 0;
    sqlite3_stmt *s;
    /* a key quiet for NIS5G_THROTTLE_FORGET starts again from one */
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO login_throttle (kind, key, failures, last_failure) VALUES (?1, ?2, 1, ?3)"
                           " ON CONFLICT (kind, key) DO UPDATE SET"
                           "  failures = CASE WHEN ?3 - last_failure >= ?4 THEN 1 ELSE failures + 1 END,"
                           "  last_failure = ?3",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot count the failed login");
    sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 3, now);
    sqlite3_bind_int64(s, 4, NIS5G_THROTTLE_FORGET);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot count the failed login");
    sqlite3_finalize(s);
    return rc;
}

int nis5g_throttle_failure(struct nis5g_store *st, const char *account, const char *address, int64_t now,
                           struct nis5g_err *err)
{
    int own;
    if (nis5g_store_begin(st, "throttle", &own, err))
        return err->code;
    int rc = key_fail(st, "account", account, now, err);
    if (!rc)
        rc = key_fail(st, "address", address, now, err);
    return nis5g_store_end(st, "throttle", own, rc, err);
}

int nis5g_throttle_success(struct nis5g_store *st, const char *account, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "DELETE FROM login_throttle WHERE kind = 'account' AND key = ?", -1,
                           &s, NULL))
        return nis5g_store_error(st, err, "cannot clear the login failures");
    sqlite3_bind_text(s, 1, account, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot clear the login failures");
    sqlite3_finalize(s);
    return rc;
}
