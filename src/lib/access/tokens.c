/*
 * tokens.c — API tokens for scripts (docs/token.md): 256 random bits shown
 * once, kept as a BLAKE2b hash with a public id for listing and revoking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include <sodium.h>

#include "access/access-int.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/tokens.h"

int nis5g_token_create(struct nis5g_store *st, const char *user, uint64_t days, int64_t now,
                       char secret[NIS5G_TOKEN_LEN + 1], struct nis5g_token *out, struct nis5g_err *err)
{
    struct nis5g_token local;
    if (!out)
        out = &local;
    memset(out, 0, sizeof *out);
    secret[0] = 0;
    if (days < 1 || days > NIS5G_TOKEN_DAYS_MAX)
        return nis5g_err_set(err, NIS5G_EINPUT, "a token lasts 1 to %d days — got %llu", NIS5G_TOKEN_DAYS_MAX,
                             (unsigned long long)days);
    struct nis5g_user u;
    if (access_sodium(err) || nis5g_user_get(st, user, &u, err))
        return err->code;
    if (u.disabled)
        return nis5g_err_set(err, NIS5G_EINPUT, "user '%s' is disabled", user);
    char id[17], key[65];
    access_random_hex(id, 8);
    access_random_hex(key, 32);
    snprintf(secret, NIS5G_TOKEN_LEN + 1, "n5g_%s_%s", id, key);
    sodium_memzero(key, sizeof key);
    unsigned char hash[32];
    access_secret_hash(secret, hash);

    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO api_token (id, user, hash, created, expires, revoked) VALUES (?,?,?,?,?,0)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot create the token");
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, u.id);
    sqlite3_bind_blob(s, 3, hash, sizeof hash, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, now);
    sqlite3_bind_int64(s, 5, now + (int64_t)days * 86400);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot create the token");
    sqlite3_finalize(s);
    if (rc) {
        sodium_memzero(secret, NIS5G_TOKEN_LEN + 1);
        return rc;
    }
    snprintf(out->id, sizeof out->id, "%s", id);
    snprintf(out->user, sizeof out->user, "%s", u.name);
    out->created = now;
    out->expires = now + (int64_t)days * 86400;
    return 0;
}

static void token_row(sqlite3_stmt *s, struct nis5g_token *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->id, sizeof t->id, "%s", (const char *)sqlite3_column_text(s, 0));
    snprintf(t->user, sizeof t->user, "%s", (const char *)sqlite3_column_text(s, 1));
    t->created = sqlite3_column_int64(s, 2);
    t->expires = sqlite3_column_int64(s, 3);
    t->revoked = sqlite3_column_int64(s, 4);
}

int nis5g_token_list(struct nis5g_store *st, struct nis5g_token **list, size_t *n, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    *list = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT t.id, u.name, t.created, t.expires, t.revoked FROM api_token t"
                           " JOIN user_account u ON u.id = t.user ORDER BY t.created, t.rowid",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list the tokens");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        token_row(s, &(*list)[(*n)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot list the tokens");
    }
    return 0;
}

int nis5g_token_revoke(struct nis5g_store *st, const char *id, int64_t now, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT revoked FROM api_token WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the tokens");
    sqlite3_bind_text(s, 1, id, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    int64_t revoked = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no token '%s' (see 'nis5g token list')", id);
    if (rc != SQLITE_ROW)
        return nis5g_store_error(st, err, "cannot read the tokens");
    if (revoked) {
        char at[32];
        nis5g_utc_format(revoked, at);
        return nis5g_err_set(err, NIS5G_EINPUT, "token '%s' was already revoked at %s", id, at);
    }
    if (sqlite3_prepare_v2(nis5g_store_db(st), "UPDATE api_token SET revoked = ? WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot revoke the token");
    sqlite3_bind_int64(s, 1, now);
    sqlite3_bind_text(s, 2, id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot revoke the token");
    sqlite3_finalize(s);
    return rc;
}

int nis5g_token_lookup(struct nis5g_store *st, const char *token, int64_t now, struct nis5g_user *user,
                       struct nis5g_token *tok, struct nis5g_err *err)
{
    if (strlen(token) != NIS5G_TOKEN_LEN || strncmp(token, "n5g_", 4) != 0)
        return nis5g_err_set(err, NIS5G_EDENIED, "invalid or expired token");
    if (access_sodium(err))
        return err->code;
    unsigned char hash[32];
    access_secret_hash(token, hash);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT t.id, u.name, t.created, t.expires, t.revoked, " ACCESS_USER_COLS
                           " FROM api_token t JOIN user_account u ON u.id = t.user WHERE t.hash = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the tokens");
    sqlite3_bind_blob(s, 1, hash, sizeof hash, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE)
            return nis5g_store_error(st, err, "cannot read the tokens");
        return nis5g_err_set(err, NIS5G_EDENIED, "invalid or expired token");
    }
    struct nis5g_token t;
    token_row(s, &t);
    access_user_row(s, 5, user);
    sqlite3_finalize(s);
    if (t.revoked || now >= t.expires || user->disabled)
        return nis5g_err_set(err, NIS5G_EDENIED, "invalid or expired token");
    if (tok)
        *tok = t;
    return 0;
}

const char *nis5g_token_state(const struct nis5g_token *t, int64_t now)
{
    return t->revoked ? "revoked" : now >= t->expires ? "expired" : "active";
}

json_t *nis5g_tokens_json(const struct nis5g_token *l, size_t n, int64_t now)
{
    json_t *arr = json_array();
    char c[32], e[32], r[32];
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s?, s:s}", "id", l[i].id, "user", l[i].user,
                                             "created", nis5g_utc_format(l[i].created, c), "expires", nis5g_utc_format(l[i].expires, e),
                                             "revoked", l[i].revoked ? nis5g_utc_format(l[i].revoked, r) : NULL, "state",
                                             nis5g_token_state(&l[i], now)));
    return json_pack("{s:o}", "tokens", arr);
}
