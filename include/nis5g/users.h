/*
 * users.h — the people and peers who may use the server: a name, a role, a
 * password stored as an argon2id hash, and a disabled flag (docs/user.md).
 *
 * Roles: admin (everything, including users), analyst (reads and analyses
 * the whole national picture), operator (its own operator's data; the user
 * carries that operator's id) and peer (another Member State's authority;
 * the user carries its ISO 3166-1 alpha-2 code). The checks on what a role
 * may do live in the server; here only who the user is.
 *
 * Every function that changes a user runs in a savepoint, so it may be
 * called inside the caller's transaction (and recorded in the audit trail,
 * audit.h, in the same one) or on its own. Times are Unix seconds passed in
 * by the caller, so that tests can drive the clock.
 */
#ifndef NIS5G_USERS_H
#define NIS5G_USERS_H

#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/store.h"

enum nis5g_role { NIS5G_ROLE_ADMIN, NIS5G_ROLE_ANALYST, NIS5G_ROLE_OPERATOR, NIS5G_ROLE_PEER };
/* "admin", "analyst", "operator", "peer", then NULL (an option table's
 * choices). */
extern const char *const nis5g_role_names[];

#define NIS5G_USER_NAME_MAX 64
#define NIS5G_PASSWORD_MIN 10   /* characters (bytes of UTF-8) */
#define NIS5G_PASSWORD_MAX 1024

struct nis5g_user {
    int64_t id;
    char name[NIS5G_USER_NAME_MAX + 1];
    enum nis5g_role role;
    char operator_id[NIS5G_USER_NAME_MAX + 1]; /* role operator only, else "" */
    char state[3];                             /* role peer only, else "" */
    int disabled;
    char created[32]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
};

/* Check a user name: 1-64 characters of A-Z a-z 0-9 . _ @ -. 0, or
 * NIS5G_EINPUT with a message quoting it. */
int nis5g_user_name_check(const char *name, struct nis5g_err *err);
/* Check a password's length: NIS5G_PASSWORD_MIN to _MAX bytes. */
int nis5g_password_check(const char *password, struct nis5g_err *err);
/* Hash a password with argon2id (libsodium's crypto_pwhash_str, the
 * interactive limits) into out, NUL-terminated; the string carries its
 * salt and parameters. 0, NIS5G_EINPUT (length), or NIS5G_ENOMEM. */
int nis5g_password_hash(const char *password, char out[128], struct nis5g_err *err);
/* 1 when password matches a hash made by nis5g_password_hash, else 0. */
int nis5g_password_verify(const char *hash, const char *password);

/* Check u's name, role, operator_id and state as nis5g_user_add does
 * (its NIS5G_EINPUT messages), without a workspace. */
int nis5g_user_check(const struct nis5g_user *u, struct nis5g_err *err);
/* Add a user: u's name, role, operator_id and state (the rest is ignored);
 * created is now. NIS5G_EINPUT for a bad name, a short or long password,
 * an operator id missing for role operator or given for another role, a
 * state that is not two capital letters for role peer or given for
 * another; NIS5G_EEXIST for a name taken. Nothing changes on error. */
int nis5g_user_add(struct nis5g_store *st, const struct nis5g_user *u, const char *password, int64_t now,
                   struct nis5g_err *err);
/* The user called name into *out, or NIS5G_ENOTFOUND ("no user 'x'"). */
int nis5g_user_get(struct nis5g_store *st, const char *name, struct nis5g_user *out, struct nis5g_err *err);
/* Every user, by name. *list is the caller's (free()). */
int nis5g_user_list(struct nis5g_store *st, struct nis5g_user **list, size_t *n, struct nis5g_err *err);
/* Disable a user: it can no longer log in, and its sessions and tokens end
 * at once (sessions deleted, tokens revoked at now). NIS5G_ENOTFOUND. */
int nis5g_user_disable(struct nis5g_store *st, const char *name, int64_t now, struct nis5g_err *err);
/* Set a new password; every session and token of the user ends, as on
 * disable. NIS5G_ENOTFOUND, NIS5G_EINPUT (length). */
int nis5g_user_set_password(struct nis5g_store *st, const char *name, const char *password, int64_t now,
                            struct nis5g_err *err);
/* A password login: 0 and *out when the user exists, is enabled and the
 * password matches; else NIS5G_EDENIED with one message for every case
 * ("wrong user name or password", or "user 'x' is disabled"), taking about
 * as long for an unknown name as for a known one. Login throttling
 * (throttle.h) and the audit entry are the caller's. */
int nis5g_user_login(struct nis5g_store *st, const char *name, const char *password, struct nis5g_user *out,
                     struct nis5g_err *err);

/* The users document (docs/json.md "user list"): {"users":[...]}. */
json_t *nis5g_users_json(const struct nis5g_user *l, size_t n);

#endif
