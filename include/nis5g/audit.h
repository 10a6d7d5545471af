/*
 * audit.h — the audit trail: every change, login (success and failure),
 * refused request and export, hash-chained so that an altered or removed
 * entry shows (docs/audit.md).
 *
 * Entry N stores hash_N = BLAKE2b-256(hash_{N-1} || canonical bytes of N),
 * with hash_0 = 32 zero bytes; the canonical bytes are each field (id, at,
 * user, role, address, action, target, outcome, detail) as its length in
 * decimal, ':', the bytes, ','. The last id and hash are also kept in a
 * one-row head, so that removing the newest entries shows too.
 */
#ifndef NIS5G_AUDIT_H
#define NIS5G_AUDIT_H

#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/store.h"

/* One entry. For append, the strings are borrowed (NULL is ""); action and
 * outcome are required. In a list they belong to the list. */
struct nis5g_audit_entry {
    int64_t id;       /* set by append */
    char at[32];      /* UTC, YYYY-MM-DDTHH:MM:SSZ; append fills an empty one with now */
    char *user;       /* who: a user name, "cli", or "-" when unknown */
    char *role;       /* the user's role, or "-" */
    char *address;    /* the client address, or "local" */
    char *action;     /* "user.add", "login", "token.create", "export" ... */
    char *target;     /* what it acted on: a user name, a token id, a path */
    char *outcome;    /* "ok", "denied", "failed" */
    char *detail;     /* optional */
    char hash[65];    /* hex; set by append and list */
};

/* Append an entry. Runs in a savepoint, so that it lands in the caller's
 * transaction when there is one (the change and its entry commit
 * together), else in one of its own (BEGIN IMMEDIATE). A caller's
 * transaction should be BEGIN IMMEDIATE too: in a deferred one, another
 * connection may append first and this append then fails (SQLITE_BUSY)
 * rather than fork the chain. *id (may be NULL) gets the entry's id. */
int nis5g_audit_append(struct nis5g_store *st, const struct nis5g_audit_entry *e, int64_t *id,
                       struct nis5g_err *err);

struct nis5g_audit_filter {
    int32_t since;      /* a day number (date.h), or NIS5G_NO_DATE */
    const char *user;   /* or NULL */
    const char *action; /* or NULL */
};

struct nis5g_audit_list {
    struct nis5g_audit_entry *v;
    size_t n;
};

/* The entries that pass the filter, oldest first, into *out
 * (nis5g_audit_list_release). */
int nis5g_audit_list(struct nis5g_store *st, const struct nis5g_audit_filter *f, struct nis5g_audit_list *out,
                     struct nis5g_err *err);
void nis5g_audit_list_release(struct nis5g_audit_list *l);
/* {"entries": [{id, at, user, role, address, action, target, outcome,
 * detail, hash}, ...]} — a new reference. */
json_t *nis5g_audit_list_json(const struct nis5g_audit_list *l);

struct nis5g_audit_check {
    int intact;      /* 1: every entry present and unaltered */
    int64_t entries; /* entries checked */
    int64_t id;      /* the first entry altered, or the one after a gap */
    char what[160];  /* "hash mismatch", "missing entry before id N", ... */
};

/* Walk the chain from the first entry. 0 with out->intact 1 when intact;
 * 0 with intact 0, id and what naming the first altered or removed entry
 * otherwise; an error code only when the workspace cannot be read. */
int nis5g_audit_verify(struct nis5g_store *st, struct nis5g_audit_check *out, struct nis5g_err *err);

#endif
