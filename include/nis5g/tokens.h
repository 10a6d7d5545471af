/*
 * tokens.h — API tokens for scripts (`Authorization: Bearer TOKEN`,
 * docs/token.md).
 *
 * A token is "n5g_" + a 16-hex-digit id + "_" + 64 hex digits of secret
 * (256 random bits). It is shown once, when created; the workspace keeps
 * only the id (for listing and revoking) and a BLAKE2b hash of the whole
 * token. A token belongs to a user and ends when it expires, when it is
 * revoked, or when its user is disabled or changes password. Times are
 * Unix seconds passed in by the caller.
 */
#ifndef NIS5G_TOKENS_H
#define NIS5G_TOKENS_H

#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/store.h"
#include "nis5g/users.h"

#define NIS5G_TOKEN_DAYS_DEFAULT 90
#define NIS5G_TOKEN_DAYS_MAX 3650
#define NIS5G_TOKEN_LEN 85 /* "n5g_" + 16 + "_" + 64 */

struct nis5g_token {
    char id[17];      /* 16 hex digits */
    char user[NIS5G_USER_NAME_MAX + 1];
    int64_t created;  /* Unix seconds */
    int64_t expires;
    int64_t revoked;  /* 0: not revoked */
};

/* Create a token for user name valid for days (1 to NIS5G_TOKEN_DAYS_MAX;
 * a token that never expires is refused). The token is written to
 * secret (NUL-terminated) and its row to *out (may be NULL). NIS5G_ENOTFOUND
 * (no such user), NIS5G_EINPUT (days out of range, user disabled). */
int nis5g_token_create(struct nis5g_store *st, const char *user, uint64_t days, int64_t now,
                       char secret[NIS5G_TOKEN_LEN + 1], struct nis5g_token *out, struct nis5g_err *err);
/* Every token (never the secrets), oldest first. *list is the caller's. */
int nis5g_token_list(struct nis5g_store *st, struct nis5g_token **list, size_t *n, struct nis5g_err *err);
/* Revoke a token by id at now. NIS5G_ENOTFOUND, NIS5G_EINPUT (already
 * revoked). */
int nis5g_token_revoke(struct nis5g_store *st, const char *id, int64_t now, struct nis5g_err *err);
/* The user a presented token stands for: 0 and *user when the token is
 * known, not expired (now < expires), not revoked and its user not
 * disabled; else NIS5G_EDENIED ("invalid or expired token", one message
 * for every case). *tok (may be NULL) gets the token's row. */
int nis5g_token_lookup(struct nis5g_store *st, const char *token, int64_t now, struct nis5g_user *user,
                       struct nis5g_token *tok, struct nis5g_err *err);

/* "active", "expired" or "revoked" at now. */
const char *nis5g_token_state(const struct nis5g_token *t, int64_t now);
/* The tokens document (docs/json.md "token list"): {"tokens":[...]}, never
 * a secret. */
json_t *nis5g_tokens_json(const struct nis5g_token *l, size_t n, int64_t now);

#endif
