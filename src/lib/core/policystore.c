/*
 * policystore.c — policies stored by name in the workspace
 * (policystore.h; the table stored_policy of docs/workspace.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "nis5g/date.h"
#include "nis5g/policystore.h"

int nis5g_policystore_name_check(const char *name, struct nis5g_err *err)
{
    size_t n = strlen(name);
    int ok = n >= 1 && n <= NIS5G_POLICY_NAME_MAX && name[0] != '.';
    for (size_t i = 0; ok && i < n; i++) {
        char c = name[i];
        ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
             c == '-';
    }
    if (!ok)
        return nis5g_err_set(err, NIS5G_EINPUT,
                             "a policy name is 1 to %d characters of letters, digits, '.', '_' and '-', not "
                             "starting with '.' \xe2\x80\x94 got '%.80s'",
                             NIS5G_POLICY_NAME_MAX, name);
    return 0;
}

int nis5g_policystore_put(struct nis5g_store *st, const char *name, const char *text, size_t len, const char *who,
                          struct nis5g_err *err)
{
    if (nis5g_policystore_name_check(name, err))
        return err->code;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT OR REPLACE INTO stored_policy (name, text, updated_at, updated_by)"
                           " VALUES (?, ?, ?, ?)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot store a policy");
    char now[32];
    nis5g_utc_now(now);
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, text, (int)len, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, who, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot store a policy");
}

int nis5g_policystore_get(struct nis5g_store *st, const char *name, struct nis5g_buf *text, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT text FROM stored_policy WHERE name = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read a stored policy");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        const void *t = sqlite3_column_text(s, 0);
        nis5g_buf_add(text, t ? t : "", (size_t)sqlite3_column_bytes(s, 0));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read a stored policy");
    return nis5g_err_set(err, NIS5G_ENOTFOUND, "no stored policy '%.80s'", name);
}

int nis5g_policystore_delete(struct nis5g_store *st, const char *name, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "DELETE FROM stored_policy WHERE name = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot delete a stored policy");
    sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot delete a stored policy");
    if (sqlite3_changes(nis5g_store_db(st)) == 0)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no stored policy '%.80s'", name);
    return 0;
}

int nis5g_policystore_list(struct nis5g_store *st, struct nis5g_stored_policy **list, size_t *n,
                           struct nis5g_err *err)
{
    *list = NULL;
    *n = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT name, updated_at, updated_by, length(CAST(text AS BLOB)) FROM stored_policy"
                           " ORDER BY name",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list stored policies");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        struct nis5g_stored_policy *p = &(*list)[(*n)++];
        snprintf(p->name, sizeof p->name, "%s", (const char *)sqlite3_column_text(s, 0));
        snprintf(p->updated_at, sizeof p->updated_at, "%s", (const char *)sqlite3_column_text(s, 1));
        snprintf(p->updated_by, sizeof p->updated_by, "%s", (const char *)sqlite3_column_text(s, 2));
        p->bytes = (size_t)sqlite3_column_int64(s, 3);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot list stored policies");
    }
    return 0;
}
