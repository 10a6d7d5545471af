/*
 * access-int.h — helpers the access layer's files share (access.c): a
 * transaction-or-savepoint, hex and hashes, UTC times from Unix seconds,
 * and reading a user row.
 */
#ifndef NIS5G_ACCESS_INT_H
#define NIS5G_ACCESS_INT_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "nis5g/err.h"
#include "nis5g/store.h"
#include "nis5g/users.h"

/* sodium_init(), once: 0, or NIS5G_EINTERNAL. */
int access_sodium(struct nis5g_err *err);
/* n random bytes as 2n lowercase hex digits and a NUL into out. */
void access_random_hex(char *out, size_t n);
/* BLAKE2b-256 of a string (a token or a session id) into out[32].
 * A fast hash is right here: the string holds 256 random bits, so there is
 * nothing to guess by brute force and nothing a slow hash would protect,
 * while every request pays for the lookup. */
void access_secret_hash(const char *s, unsigned char out[32]);

/* Unix seconds as "YYYY-MM-DDTHH:MM:SSZ" into out. */

/* The columns a user row is read with, and the reader. */
#define ACCESS_USER_COLS "u.id, u.name, u.role, u.operator, u.state, u.disabled, u.created"
void access_user_row(sqlite3_stmt *s, int col, struct nis5g_user *u);

/* End every session and token of user_id (deleted, revoked at now). */
int access_end_user_access(struct nis5g_store *st, int64_t user_id, int64_t now, struct nis5g_err *err);

#endif
