/*
 * users.c — users of the server: names, roles, argon2id password hashes,
 * disabling (docs/user.md).
 *
 * Passwords are hashed with libsodium's crypto_pwhash_str (argon2id) at
 * the interactive limits (2 passes, 64 MiB): about a tenth of a second, an
 * acceptable login latency and fast enough for the tests, while still
 * costing an attacker with a stolen workspace 64 MiB and two passes per
 * guess. The string stored carries its salt and parameters, so raising
 * the limits later needs no migration (crypto_pwhash_str_needs_rehash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "access/access-int.h"
#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/users.h"

const char *const nis5g_role_names[] = { "admin", "analyst", "operator", "peer", NULL };

int nis5g_user_name_check(const char *name, struct nis5g_err *err)
{
    size_t n = strlen(name);
    if (n == 0 || n > NIS5G_USER_NAME_MAX)
        return nis5g_err_set(err, NIS5G_EINPUT, "a user name has 1 to %d characters — got '%.80s'",
                             NIS5G_USER_NAME_MAX, name);
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '@' || c == '-'))
            return nis5g_err_set(err, NIS5G_EINPUT,
                                 "a user name has only letters, digits, '.', '_', '@' and '-' — got '%s'", name);
    }
    return 0;
}

int nis5g_password_check(const char *password, struct nis5g_err *err)
{
    size_t n = strlen(password);
    if (n < NIS5G_PASSWORD_MIN)
        return nis5g_err_set(err, NIS5G_EINPUT, "password too short: %zu characters, at least %d are needed", n,
                             NIS5G_PASSWORD_MIN);
    if (n > NIS5G_PASSWORD_MAX)
        return nis5g_err_set(err, NIS5G_EINPUT, "password too long: %zu characters, at most %d", n,
                             NIS5G_PASSWORD_MAX);
    return 0;
}

int nis5g_password_hash(const char *password, char out[128], struct nis5g_err *err)
{
    _Static_assert(crypto_pwhash_STRBYTES <= 128, "a password hash fits in 128 bytes");
    if (nis5g_password_check(password, err) || access_sodium(err))
        return err->code;
    if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return nis5g_err_set(err, NIS5G_ENOMEM, "not enough memory to hash the password");
    return 0;
}

int nis5g_password_verify(const char *hash, const char *password)
{
    if (sodium_init() < 0)
        return 0;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int nis5g_user_check(const struct nis5g_user *u, struct nis5g_err *err)
{
    if (nis5g_user_name_check(u->name, err))
        return err->code;
    if ((int)u->role < 0 || u->role > NIS5G_ROLE_PEER)
        return nis5g_err_set(err, NIS5G_EINPUT, "unknown role %d", (int)u->role);
    const char *role = nis5g_role_names[u->role];
    if (u->role == NIS5G_ROLE_OPERATOR && !u->operator_id[0])
        return nis5g_err_set(err, NIS5G_EINPUT, "a user of role operator needs its operator id (--operator OP)");
    if (u->role != NIS5G_ROLE_OPERATOR && u->operator_id[0])
        return nis5g_err_set(err, NIS5G_EINPUT, "only a user of role operator has an operator id, not a %s",
                             role);
    if (u->role == NIS5G_ROLE_PEER) {
        const char *s = u->state;
        if (!(s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && !s[2]))
            return nis5g_err_set(err, NIS5G_EINPUT,
                                 "a user of role peer needs its state: two capital letters (ISO 3166-1 alpha-2)"
                                 " — got '%s'", s);
    } else if (u->state[0]) {
        return nis5g_err_set(err, NIS5G_EINPUT, "only a user of role peer has a state, not a %s", role);
    }
    return 0;
}

static int user_exists(struct nis5g_store *st, const char *name, int *exists, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT 1 FROM user_account WHERE name = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the users");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read the users");
    *exists = rc == SQLITE_ROW;
    return 0;
}

static int insert_user(struct nis5g_store *st, const struct nis5g_user *u, const char *hash, int64_t now,
                       struct nis5g_err *err)
{
    sqlite3_stmt *s;
    char created[32];
    nis5g_utc_format(now, created);
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO user_account (name, role, operator, state, password, disabled, created)"
                           " VALUES (?, ?, ?, ?, ?, 0, ?)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot add the user");
    sqlite3_bind_text(s, 1, u->name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, nis5g_role_names[u->role], -1, SQLITE_STATIC);
    if (u->operator_id[0])
        sqlite3_bind_text(s, 3, u->operator_id, -1, SQLITE_TRANSIENT);
    if (u->state[0])
        sqlite3_bind_text(s, 4, u->state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 5, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 6, created, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s) == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot add the user");
    sqlite3_finalize(s);
    return rc;
}

int nis5g_user_add(struct nis5g_store *st, const struct nis5g_user *u, const char *password, int64_t now,
                   struct nis5g_err *err)
{
    char hash[128];
    /* hashed before the transaction: a tenth of a second is too long to
     * hold the workspace's write lock */
    if (nis5g_user_check(u, err) || nis5g_password_hash(password, hash, err))
        return err->code;
    int own, exists = 0;
    int rc = nis5g_store_begin(st, "user_add", &own, err);
    if (!rc) {
        rc = user_exists(st, u->name, &exists, err);
        if (!rc && exists)
            rc = nis5g_err_set(err, NIS5G_EEXIST, "there is already a user '%s'", u->name);
        if (!rc)
            rc = insert_user(st, u, hash, now, err);
        rc = nis5g_store_end(st, "user_add", own, rc, err);
    }
    sodium_memzero(hash, sizeof hash);
    return rc;
}

/* The user called name with its password hash (hash may be NULL). */
static int get_user(struct nis5g_store *st, const char *name, struct nis5g_user *out, char hash[128],
                    struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT " ACCESS_USER_COLS ", u.password FROM user_account u WHERE u.name = ?", -1, &s,
                           NULL))
        return nis5g_store_error(st, err, "cannot read the users");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        access_user_row(s, 0, out);
        if (hash)
            snprintf(hash, 128, "%s", (const char *)sqlite3_column_text(s, 7));
        rc = 0;
    } else if (rc == SQLITE_DONE) {
        rc = nis5g_err_set(err, NIS5G_ENOTFOUND, "no user '%s'", name);
    } else {
        rc = nis5g_store_error(st, err, "cannot read the users");
    }
    sqlite3_finalize(s);
    return rc;
}

int nis5g_user_get(struct nis5g_store *st, const char *name, struct nis5g_user *out, struct nis5g_err *err)
{
    return get_user(st, name, out, NULL, err);
}

int nis5g_user_list(struct nis5g_store *st, struct nis5g_user **list, size_t *n, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    *list = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT " ACCESS_USER_COLS " FROM user_account u ORDER BY u.name",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list the users");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        access_user_row(s, 0, &(*list)[(*n)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot list the users");
    }
    return 0;
}

/* Set the user's disabled flag or password (hash non-NULL), and end its
 * sessions and tokens, in one unit of work. */
static int change_user(struct nis5g_store *st, const char *name, const char *hash, int64_t now,
                       struct nis5g_err *err)
{
    struct nis5g_user u;
    int own;
    if (nis5g_store_begin(st, "user_change", &own, err))
        return err->code;
    int rc = get_user(st, name, &u, NULL, err);
    sqlite3_stmt *s = NULL;
    if (!rc && sqlite3_prepare_v2(nis5g_store_db(st),
                                  hash ? "UPDATE user_account SET password = ? WHERE id = ?"
                                       : "UPDATE user_account SET disabled = 1 WHERE id = ?",
                                  -1, &s, NULL))
        rc = nis5g_store_error(st, err, "cannot change the user");
    if (!rc) {
        int i = 1;
        if (hash)
            sqlite3_bind_text(s, i++, hash, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(s, i, u.id);
        if (sqlite3_step(s) != SQLITE_DONE)
            rc = nis5g_store_error(st, err, "cannot change the user");
    }
    sqlite3_finalize(s);
    if (!rc)
        rc = access_end_user_access(st, u.id, now, err);
    return nis5g_store_end(st, "user_change", own, rc, err);
}

int nis5g_user_disable(struct nis5g_store *st, const char *name, int64_t now, struct nis5g_err *err)
{
    return change_user(st, name, NULL, now, err);
}

int nis5g_user_set_password(struct nis5g_store *st, const char *name, const char *password, int64_t now,
                            struct nis5g_err *err)
{
    char hash[128];
    struct nis5g_user u;
    /* the user first: no hashing for a name that does not exist */
    if (nis5g_user_get(st, name, &u, err) || nis5g_password_hash(password, hash, err))
        return err->code;
    int rc = change_user(st, name, hash, now, err);
    sodium_memzero(hash, sizeof hash);
    return rc;
}

int nis5g_user_login(struct nis5g_store *st, const char *name, const char *password, struct nis5g_user *out,
                     struct nis5g_err *err)
{
    char hash[128];
    struct nis5g_err e2 = { 0 };
    int rc = get_user(st, name, out, hash, &e2);
    if (rc && rc != NIS5G_ENOTFOUND)
        return nis5g_err_set(err, rc, "%s", e2.msg);
    if (rc) {
        /* as long as a real check, so that timing does not tell which
         * names exist */
        char dummy[128];
        nis5g_password_hash("not a password of anyone", dummy, &e2);
        return nis5g_err_set(err, NIS5G_EDENIED, "wrong user name or password");
    }
    int ok = nis5g_password_verify(hash, password);
    sodium_memzero(hash, sizeof hash);
    if (!ok)
        return nis5g_err_set(err, NIS5G_EDENIED, "wrong user name or password");
    if (out->disabled)
        return nis5g_err_set(err, NIS5G_EDENIED, "user '%s' is disabled", name);
    return 0;
}

json_t *nis5g_users_json(const struct nis5g_user *l, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s?, s:s?, s:b, s:s}", "name", l[i].name, "role",
                                             nis5g_role_names[l[i].role], "operator",
                                             l[i].operator_id[0] ? l[i].operator_id : NULL, "state",
                                             l[i].state[0] ? l[i].state : NULL, "disabled", l[i].disabled,
                                             "created", l[i].created));
    return json_pack("{s:o}", "users", arr);
}
