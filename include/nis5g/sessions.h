/*
 * sessions.h — dashboard sessions after a password login.
 *
 * A session id is 256 random bits as 64 hex digits (the cookie); the
 * workspace keeps only its BLAKE2b hash. Each session has a CSRF token
 * (another 256 bits, kept as is: alone it grants nothing) that state-
 * changing requests must echo. A session ends after NIS5G_SESSION_IDLE
 * seconds without use, NIS5G_SESSION_MAX seconds after login whatever the
 * use, on logout, and when its user is disabled or changes password. Times
 * are Unix seconds passed in by the caller, so that tests drive the clock.
 */
#ifndef NIS5G_SESSIONS_H
#define NIS5G_SESSIONS_H

#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/store.h"
#include "nis5g/users.h"

#define NIS5G_SESSION_IDLE (30 * 60)        /* seconds */
#define NIS5G_SESSION_MAX (12 * 60 * 60)    /* seconds */
#define NIS5G_SESSION_ID_LEN 64             /* hex digits */

struct nis5g_session {
    char id[NIS5G_SESSION_ID_LEN + 1];   /* filled by create only */
    char csrf[NIS5G_SESSION_ID_LEN + 1];
    int64_t created, last_used;          /* Unix seconds */
};

/* Open a session for user_id (an enabled user) at now: fresh id and CSRF
 * token into *out. Expired sessions of every user are purged on the way. */
int nis5g_session_create(struct nis5g_store *st, int64_t user_id, int64_t now, struct nis5g_session *out,
                         struct nis5g_err *err);
/* The session behind a presented id: 0, *user and *out (csrf, times; id
 * left empty) when it exists, is neither idle too long nor too old, and
 * its user is enabled — and its last use becomes now. Else NIS5G_EDENIED
 * ("session expired or unknown"); an expired session is deleted. */
int nis5g_session_lookup(struct nis5g_store *st, const char *id, int64_t now, struct nis5g_user *user,
                         struct nis5g_session *out, struct nis5g_err *err);
/* Logout: delete the session (no error when there is none). */
int nis5g_session_delete(struct nis5g_store *st, const char *id, struct nis5g_err *err);
/* 1 when the CSRF token a request sent equals the session's (constant
 * time), else 0. */
int nis5g_session_csrf_ok(const struct nis5g_session *s, const char *sent);

#endif
