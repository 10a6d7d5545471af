/*
 * test-access.c — the access layer on a scratch workspace: password
 * hashing, users and their rules, tokens (expiry, revocation), sessions on
 * a driven clock, disabling and password changes ending access, login
 * throttling, and the audit chain detecting an altered and a removed entry.
 */
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "nis5g/audit.h"
#include "nis5g/date.h"
#include "nis5g/sessions.h"
#include "nis5g/store.h"
#include "nis5g/throttle.h"
#include "nis5g/tokens.h"
#include "nis5g/users.h"

#define T0 1790000000 /* a fixed "now" (2026-09-21) */
#define PW "correct horse battery"

static char path[64];

static struct nis5g_store *fresh(void)
{
    snprintf(path, sizeof path, "/tmp/nis5g-access-%d.db", (int)getpid());
    unlink(path);
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    if (nis5g_store_open(path, NIS5G_STORE_CREATE, &st, &err))
        fprintf(stderr, "%s\n", err.msg);
    return st;
}

static void done(struct nis5g_store *st)
{
    nis5g_store_close(st);
    char side[80];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
}

static int add(struct nis5g_store *st, const char *name, enum nis5g_role role, const char *op, const char *cc,
               const char *pw, struct nis5g_err *err)
{
    struct nis5g_user u = { .role = role };
    snprintf(u.name, sizeof u.name, "%s", name);
    snprintf(u.operator_id, sizeof u.operator_id, "%s", op ? op : "");
    snprintf(u.state, sizeof u.state, "%s", cc ? cc : "");
    return nis5g_user_add(st, &u, pw, T0, err);
}

TEST(passwords)
{
    char h[128];
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_password_hash(PW, h, &err), NIS5G_OK);
    ASSERT(strncmp(h, "$argon2id$", 10) == 0);
    ASSERT_EQ_INT(nis5g_password_verify(h, PW), 1);
    ASSERT_EQ_INT(nis5g_password_verify(h, "correct horse battery!"), 0);
    ASSERT_EQ_INT(nis5g_password_hash("short", h, &err), NIS5G_EINPUT);
    ASSERT(strstr(err.msg, "too short") != NULL);
    ASSERT_EQ_INT(nis5g_password_check("0123456789", &err), NIS5G_OK);
    char longpw[1100];
    memset(longpw, 'x', sizeof longpw - 1);
    longpw[sizeof longpw - 1] = 0;
    ASSERT_EQ_INT(nis5g_password_check(longpw, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_user_name_check("a.b_c@d-e", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_name_check("", &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_user_name_check("a b", &err), NIS5G_EINPUT);
}

TEST(users)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(add(st, "alice", NIS5G_ROLE_ADMIN, NULL, NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "alice", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_EEXIST);
    ASSERT_EQ_INT(add(st, "op1", NIS5G_ROLE_OPERATOR, NULL, NULL, PW, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(add(st, "op1", NIS5G_ROLE_OPERATOR, "OPA", NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "an", NIS5G_ROLE_ANALYST, "OPA", NULL, PW, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(add(st, "de", NIS5G_ROLE_PEER, NULL, "de", PW, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(add(st, "de", NIS5G_ROLE_PEER, NULL, "DE", PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "an", NIS5G_ROLE_ANALYST, NULL, "DE", PW, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(add(st, "bob", NIS5G_ROLE_ANALYST, NULL, NULL, "123456789", &err), NIS5G_EINPUT);
    struct nis5g_user *l;
    size_t n;
    ASSERT_EQ_INT(nis5g_user_list(st, &l, &n, &err), NIS5G_OK);
    ASSERT_EQ_INT(n, 3);
    if (n == 3) {
        ASSERT_EQ_STR(l[0].name, "alice");
        ASSERT_EQ_STR(l[1].state, "DE");
        ASSERT_EQ_INT(l[1].role, NIS5G_ROLE_PEER);
        ASSERT_EQ_STR(l[2].operator_id, "OPA");
        ASSERT_EQ_STR(l[2].created, "2026-09-21T14:13:20Z");
    }
    free(l);
    struct nis5g_user u;
    ASSERT_EQ_INT(nis5g_user_login(st, "alice", PW, &u, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_login(st, "alice", "wrong password", &u, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_user_login(st, "nobody", PW, &u, &err), NIS5G_EDENIED);
    ASSERT_EQ_STR(err.msg, "wrong user name or password");
    ASSERT_EQ_INT(nis5g_user_set_password(st, "alice", "a new password", T0, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_login(st, "alice", PW, &u, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_user_login(st, "alice", "a new password", &u, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_disable(st, "nobody", T0, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_user_disable(st, "alice", T0, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_login(st, "alice", "a new password", &u, &err), NIS5G_EDENIED);
    done(st);
}

TEST(tokens)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(add(st, "bot", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    char secret[NIS5G_TOKEN_LEN + 1], other[NIS5G_TOKEN_LEN + 1];
    struct nis5g_token t, t2;
    struct nis5g_user u;
    ASSERT_EQ_INT(nis5g_token_create(st, "bot", 0, T0, secret, &t, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_token_create(st, "nobody", 90, T0, secret, &t, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_token_create(st, "bot", 2, T0, secret, &t, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_create(st, "bot", 90, T0, other, &t2, &err), NIS5G_OK);
    ASSERT_EQ_INT(strlen(secret), NIS5G_TOKEN_LEN);
    ASSERT(strstr(secret, t.id) == secret + 4);
    ASSERT(strcmp(secret, other) != 0);
    ASSERT_EQ_INT(nis5g_token_lookup(st, secret, T0 + 10, &u, NULL, &err), NIS5G_OK);
    ASSERT_EQ_STR(u.name, "bot");
    /* one character changed, not a token, expired */
    char bad[NIS5G_TOKEN_LEN + 1];
    memcpy(bad, secret, sizeof bad);
    bad[NIS5G_TOKEN_LEN - 1] = bad[NIS5G_TOKEN_LEN - 1] == '0' ? '1' : '0';
    ASSERT_EQ_INT(nis5g_token_lookup(st, bad, T0 + 10, &u, NULL, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_token_lookup(st, "Bearer", T0 + 10, &u, NULL, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_token_lookup(st, secret, T0 + 2 * 86400 - 1, &u, NULL, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_lookup(st, secret, T0 + 2 * 86400, &u, NULL, &err), NIS5G_EDENIED);
    /* revoke */
    ASSERT_EQ_INT(nis5g_token_revoke(st, t2.id, T0 + 20, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_revoke(st, t2.id, T0 + 20, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(nis5g_token_revoke(st, "0000000000000000", T0 + 20, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_token_lookup(st, other, T0 + 30, &u, NULL, &err), NIS5G_EDENIED);
    struct nis5g_token *l;
    size_t n;
    ASSERT_EQ_INT(nis5g_token_list(st, &l, &n, &err), NIS5G_OK);
    ASSERT_EQ_INT(n, 2);
    if (n == 2) {
        ASSERT_EQ_INT(l[0].revoked, 0);
        ASSERT_EQ_INT(l[1].revoked, T0 + 20);
        ASSERT_EQ_INT(l[1].expires, T0 + 90 * 86400);
    }
    free(l);
    done(st);
}

TEST(sessions)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    struct nis5g_user u;
    ASSERT_EQ_INT(add(st, "ana", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_get(st, "ana", &u, &err), NIS5G_OK);
    struct nis5g_session s, got;
    ASSERT_EQ_INT(nis5g_session_create(st, u.id, T0, &s, &err), NIS5G_OK);
    ASSERT_EQ_INT(strlen(s.id), 64);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + 60, &u, &got, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_csrf_ok(&got, s.csrf), 1);
    ASSERT_EQ_INT(nis5g_session_csrf_ok(&got, s.id), 0);
    /* touched on use: used every 29 minutes it lives on ... */
    int64_t now = T0;
    for (int i = 0; i < 20; i++) {
        now += NIS5G_SESSION_IDLE - 60;
        ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, now, &u, &got, &err), NIS5G_OK);
    }
    ASSERT_EQ_INT(now - T0 < NIS5G_SESSION_MAX, 1);
    /* ... until 12 hours after login, whatever the use */
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + NIS5G_SESSION_MAX, &u, &got, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + 60, &u, &got, &err), NIS5G_EDENIED); /* deleted */
    /* idle: 30 minutes without use */
    ASSERT_EQ_INT(nis5g_session_create(st, u.id, T0, &s, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + NIS5G_SESSION_IDLE - 1, &u, &got, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + 2 * NIS5G_SESSION_IDLE - 1, &u, &got, &err),
                  NIS5G_EDENIED);
    /* logout */
    ASSERT_EQ_INT(nis5g_session_create(st, u.id, T0, &s, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_delete(st, s.id, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s.id, T0 + 1, &u, &got, &err), NIS5G_EDENIED);
    done(st);
}

TEST(disable_ends_access)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    struct nis5g_user u, v;
    struct nis5g_session s1, s2, got;
    char t1[NIS5G_TOKEN_LEN + 1], t2[NIS5G_TOKEN_LEN + 1];
    ASSERT_EQ_INT(add(st, "ana", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "eve", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_get(st, "ana", &u, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_get(st, "eve", &v, &err), NIS5G_OK);
    /* a password change ends ana's sessions and tokens, not eve's */
    ASSERT_EQ_INT(nis5g_session_create(st, u.id, T0, &s1, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_create(st, v.id, T0, &s2, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_create(st, "ana", 90, T0, t1, NULL, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_create(st, "eve", 90, T0, t2, NULL, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_set_password(st, "ana", "another password", T0 + 5, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s1.id, T0 + 10, &u, &got, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_token_lookup(st, t1, T0 + 10, &u, NULL, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s2.id, T0 + 10, &v, &got, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_token_lookup(st, t2, T0 + 10, &v, NULL, &err), NIS5G_OK);
    /* disabling ends eve's */
    ASSERT_EQ_INT(nis5g_user_disable(st, "eve", T0 + 20, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_session_lookup(st, s2.id, T0 + 30, &v, &got, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_token_lookup(st, t2, T0 + 30, &v, NULL, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_token_create(st, "eve", 90, T0, t2, NULL, &err), NIS5G_EINPUT);
    done(st);
}

TEST(throttle)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_throttle_delay(4, 5), 0);
    ASSERT_EQ_INT(nis5g_throttle_delay(5, 5), 1);
    ASSERT_EQ_INT(nis5g_throttle_delay(6, 5), 2);
    ASSERT_EQ_INT(nis5g_throttle_delay(14, 5), 512);
    ASSERT_EQ_INT(nis5g_throttle_delay(15, 5), NIS5G_THROTTLE_MAX);
    ASSERT_EQ_INT(nis5g_throttle_delay(1000, 5), NIS5G_THROTTLE_MAX);
    int64_t wait, now = T0;
    for (int i = 0; i < 4; i++)
        ASSERT_EQ_INT(nis5g_throttle_failure(st, "ana", "10.0.0.1", now, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", "10.0.0.1", now, &wait, &err), NIS5G_OK);
    ASSERT_EQ_INT(wait, 0);
    /* the fifth failure: 1 s, then 2, 4, 8 — each from the last failure */
    int64_t want = 1;
    for (int i = 0; i < 4; i++, want *= 2) {
        ASSERT_EQ_INT(nis5g_throttle_failure(st, "ana", "10.0.0.1", now, &err), NIS5G_OK);
        ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", "10.0.0.9", now, &wait, &err), NIS5G_OK);
        ASSERT_EQ_INT(wait, want);
        ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "bob", "10.0.0.1", now, &wait, &err), NIS5G_OK);
        ASSERT_EQ_INT(wait, 0); /* the address has 20 free failures */
        now += want;
        ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", NULL, now, &wait, &err), NIS5G_OK);
        ASSERT_EQ_INT(wait, 0); /* the delay ran out */
    }
    /* many more failures: never more than 15 minutes */
    for (int i = 0; i < 30; i++)
        nis5g_throttle_failure(st, "ana", NULL, now, &err);
    ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", NULL, now + 1, &wait, &err), NIS5G_OK);
    ASSERT_EQ_INT(wait, NIS5G_THROTTLE_MAX - 1);
    /* a day later the count is forgotten; a success resets it at once */
    ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", NULL, now + NIS5G_THROTTLE_FORGET, &wait, &err), 0);
    ASSERT_EQ_INT(wait, 0);
    ASSERT_EQ_INT(nis5g_throttle_success(st, "ana", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_throttle_failure(st, "ana", NULL, now, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "ana", NULL, now, &wait, &err), NIS5G_OK);
    ASSERT_EQ_INT(wait, 0);
    /* the address after 20 failures, across accounts */
    for (int i = 0; i < 20; i++) {
        char acct[16];
        snprintf(acct, sizeof acct, "user%d", i);
        nis5g_throttle_failure(st, acct, "10.0.0.2", now, &err);
    }
    ASSERT_EQ_INT(nis5g_throttle_retry_after(st, "new", "10.0.0.2", now, &wait, &err), NIS5G_OK);
    ASSERT_EQ_INT(wait, 1);
    done(st);
}

static void append(struct nis5g_store *st, const char *user, const char *action, const char *target, int day)
{
    struct nis5g_audit_entry e = { .user = (char *)user, .role = "admin", .address = "local",
                                   .action = (char *)action, .target = (char *)target, .outcome = "ok" };
    snprintf(e.at, sizeof e.at, "2026-11-%02dT10:00:00Z", day);
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_audit_append(st, &e, NULL, &err), NIS5G_OK);
}

static void tamper(const char *sql)
{
    sqlite3 *db;
    ASSERT_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
    ASSERT_EQ_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

TEST(audit)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    struct nis5g_audit_check c;
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 1);
    append(st, "cli", "user.add", "ana", 1);
    append(st, "ana", "login", "ana", 2);
    /* inside a caller's transaction: rolled back with it */
    ASSERT_EQ_INT(nis5g_store_exec(st, "BEGIN IMMEDIATE", &err), NIS5G_OK);
    append(st, "ana", "export", "x.pkg", 3);
    ASSERT_EQ_INT(nis5g_store_exec(st, "ROLLBACK", &err), NIS5G_OK);
    append(st, "bob", "login", "bob", 3);
    ASSERT_EQ_INT(nis5g_store_exec(st, "BEGIN IMMEDIATE", &err), NIS5G_OK);
    append(st, "ana", "token.create", "abcd", 4);
    ASSERT_EQ_INT(nis5g_store_exec(st, "COMMIT", &err), NIS5G_OK);
    append(st, "cli", "user.disable", "bob", 5);

    struct nis5g_audit_list l;
    struct nis5g_audit_filter f = { .since = nis5g_date_from_ymd(2026, 11, 3), .user = "ana" };
    ASSERT_EQ_INT(nis5g_audit_list(st, &f, &l, &err), NIS5G_OK);
    ASSERT_EQ_INT(l.n, 1);
    if (l.n == 1) {
        ASSERT_EQ_INT(l.v[0].id, 4);
        ASSERT_EQ_STR(l.v[0].action, "token.create");
    }
    nis5g_audit_list_release(&l);
    f = (struct nis5g_audit_filter){ .since = NIS5G_NO_DATE, .action = "login" };
    ASSERT_EQ_INT(nis5g_audit_list(st, &f, &l, &err), NIS5G_OK);
    ASSERT_EQ_INT(l.n, 2);
    json_t *j = nis5g_audit_list_json(&l);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "entries"), 1), "user")),
                  "bob");
    json_decref(j);
    nis5g_audit_list_release(&l);

    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 1);
    ASSERT_EQ_INT(c.entries, 5);
    /* an altered field */
    tamper("UPDATE audit_log SET user = 'mallory' WHERE id = 3");
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 0);
    ASSERT_EQ_INT(c.id, 3);
    ASSERT_EQ_STR(c.what, "hash mismatch");
    tamper("UPDATE audit_log SET user = 'bob' WHERE id = 3");
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 1);
    /* a removed middle entry */
    tamper("DELETE FROM audit_log WHERE id = 2");
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 0);
    ASSERT_EQ_INT(c.id, 3);
    ASSERT_EQ_STR(c.what, "missing entry before id 3");
    done(st);

    /* the newest entry removed */
    st = fresh();
    append(st, "cli", "user.add", "ana", 1);
    append(st, "cli", "user.add", "bob", 1);
    tamper("DELETE FROM audit_log WHERE id = 2");
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 0);
    ASSERT_EQ_INT(c.id, 2);
    done(st);
}

TEST(in_caller_transaction)
{
    struct nis5g_store *st = fresh();
    struct nis5g_err err = { 0 };
    struct nis5g_user u;
    struct nis5g_audit_check c;
    /* a change and its entry roll back together */
    ASSERT_EQ_INT(nis5g_store_exec(st, "BEGIN IMMEDIATE", &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "ana", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    append(st, "cli", "user.add", "ana", 1);
    ASSERT_EQ_INT(nis5g_store_exec(st, "ROLLBACK", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_get(st, "ana", &u, &err), NIS5G_ENOTFOUND);
    /* a refused change undoes only itself: the caller's transaction goes on */
    ASSERT_EQ_INT(nis5g_store_exec(st, "BEGIN IMMEDIATE", &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "ana", NIS5G_ROLE_ANALYST, NULL, NULL, PW, &err), NIS5G_OK);
    ASSERT_EQ_INT(add(st, "ana", NIS5G_ROLE_ADMIN, NULL, NULL, PW, &err), NIS5G_EEXIST);
    ASSERT_EQ_INT(nis5g_user_disable(st, "nobody", T0, &err), NIS5G_ENOTFOUND);
    append(st, "cli", "user.add", "ana", 1);
    ASSERT_EQ_INT(nis5g_store_exec(st, "COMMIT", &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_user_get(st, "ana", &u, &err), NIS5G_OK);
    ASSERT_EQ_INT(u.role, NIS5G_ROLE_ANALYST);
    ASSERT_EQ_INT(nis5g_audit_verify(st, &c, &err), NIS5G_OK);
    ASSERT_EQ_INT(c.intact, 1);
    ASSERT_EQ_INT(c.entries, 1);
    done(st);
}
