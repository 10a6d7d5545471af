/*
 * policystore.h — policies kept in the workspace by name, so that the
 * server's users can edit them and run the check with them
 * (`GET/PUT /api/v1/policies/NAME`). The text is stored as given; whether
 * it parses is checked by the caller before storing (policy.h).
 */
#ifndef NIS5G_POLICYSTORE_H
#define NIS5G_POLICYSTORE_H

#include <stddef.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/store.h"

#define NIS5G_POLICY_NAME_MAX 64

/* A policy name: 1-64 characters of A-Z a-z 0-9 . _ -, not starting with
 * a dot. 0, or NIS5G_EINPUT quoting it. */
int nis5g_policystore_name_check(const char *name, struct nis5g_err *err);
/* Store (insert or replace) text under name, recording who and when. */
int nis5g_policystore_put(struct nis5g_store *st, const char *name, const char *text, size_t len, const char *who,
                          struct nis5g_err *err);
/* The text of name into *text. NIS5G_ENOTFOUND ("no stored policy 'x'"). */
int nis5g_policystore_get(struct nis5g_store *st, const char *name, struct nis5g_buf *text, struct nis5g_err *err);
/* Delete name. NIS5G_ENOTFOUND when there is none. */
int nis5g_policystore_delete(struct nis5g_store *st, const char *name, struct nis5g_err *err);

struct nis5g_stored_policy {
    char name[NIS5G_POLICY_NAME_MAX + 1];
    char updated_at[32];
    char updated_by[72];
    size_t bytes;
};
/* Every stored policy, by name. *list is the caller's (free()). */
int nis5g_policystore_list(struct nis5g_store *st, struct nis5g_stored_policy **list, size_t *n,
                           struct nis5g_err *err);

#endif
