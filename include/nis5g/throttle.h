/*
 * throttle.h — growing delays after failed logins, per account and per
 * client address (the server answers 429 with Retry-After).
 *
 * A key (an account name, or an address) may fail freely up to a
 * threshold; from then on each further attempt must wait
 * NIS5G_THROTTLE_FIRST seconds after the last failure, doubling with each
 * failure up to NIS5G_THROTTLE_MAX. Nothing locks for good: a delay runs
 * out, a key forgets its failures NIS5G_THROTTLE_FORGET seconds after the
 * last one, and a successful login clears the account's count. The
 * address threshold is higher because many people may share one address.
 */
#ifndef NIS5G_THROTTLE_H
#define NIS5G_THROTTLE_H

#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/store.h"

#define NIS5G_THROTTLE_ACCOUNT_FREE 5  /* failures before delays, per account */
#define NIS5G_THROTTLE_ADDRESS_FREE 20 /* ... per address */
#define NIS5G_THROTTLE_FIRST 1         /* seconds */
#define NIS5G_THROTTLE_MAX (15 * 60)
#define NIS5G_THROTTLE_FORGET (24 * 60 * 60)

/* The delay after n failures with `free` free ones: 0 up to free, then 1,
 * 2, 4 ... seconds, at most NIS5G_THROTTLE_MAX. */
int64_t nis5g_throttle_delay(int64_t failures, int64_t free);
/* Seconds before a login for account from address may be tried (0: now).
 * Either may be NULL. */
int nis5g_throttle_retry_after(struct nis5g_store *st, const char *account, const char *address, int64_t now,
                               int64_t *seconds, struct nis5g_err *err);
/* Count a failed login of account from address at now. */
int nis5g_throttle_failure(struct nis5g_store *st, const char *account, const char *address, int64_t now,
                           struct nis5g_err *err);
/* A successful login: clear the account's count (the address's decays). */
int nis5g_throttle_success(struct nis5g_store *st, const char *account, struct nis5g_err *err);

#endif
