/*
 * access.c — what the access layer's files share: a unit of work that is
 * a transaction of its own or a savepoint in the caller's, random and
 * hashed secrets, times, user rows.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "access/access-int.h"

int access_sodium(struct nis5g_err *err)
{
    if (sodium_init() < 0)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "libsodium cannot be initialised");
    return 0;
}

void access_random_hex(char *out, size_t n)
{
    unsigned char b[64];
    if (n > sizeof b)
        n = sizeof b;
    randombytes_buf(b, n);
    sodium_bin2hex(out, 2 * n + 1, b, n);
    sodium_memzero(b, sizeof b);
}

void access_secret_hash(const char *s, unsigned char out[32])
{
    crypto_generichash(out, 32, (const unsigned char *)s, strlen(s), NULL, 0);
}

static void copy_col(sqlite3_stmt *s, int col, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(s, col);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

void access_user_row(sqlite3_stmt *s, int col, struct nis5g_user *u)
{
    memset(u, 0, sizeof *u);
    u->id = sqlite3_column_int64(s, col);
    copy_col(s, col + 1, u->name, sizeof u->name);
    const char *role = (const char *)sqlite3_column_text(s, col + 2);
    for (int i = 0; role && nis5g_role_names[i]; i++)
        if (strcmp(role, nis5g_role_names[i]) == 0)
            u->role = (enum nis5g_role)i;
    copy_col(s, col + 3, u->operator_id, sizeof u->operator_id);
    copy_col(s, col + 4, u->state, sizeof u->state);
    u->disabled = sqlite3_column_int(s, col + 5) != 0;
    copy_col(s, col + 6, u->created, sizeof u->created);
}

int access_end_user_access(struct nis5g_store *st, int64_t user_id, int64_t now, struct nis5g_err *err)
{
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *del = NULL, *rev = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(db, "DELETE FROM web_session WHERE user = ?", -1, &del, NULL) ||
        sqlite3_prepare_v2(db, "UPDATE api_token SET revoked = ? WHERE user = ? AND revoked = 0", -1, &rev,
                           NULL)) {
        rc = nis5g_store_error(st, err, "cannot end the user's sessions");
        goto out;
    }
    sqlite3_bind_int64(del, 1, user_id);
    sqlite3_bind_int64(rev, 1, now);
    sqlite3_bind_int64(rev, 2, user_id);
    if (sqlite3_step(del) != SQLITE_DONE || sqlite3_step(rev) != SQLITE_DONE)
        rc = nis5g_store_error(st, err, "cannot end the user's sessions and tokens");
out:
    sqlite3_finalize(del);
    sqlite3_finalize(rev);
    return rc;
}
