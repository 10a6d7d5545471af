/*
 * backup.c — online backup and restore of a workspace (backup.h), with
 * SQLite's backup API: pages are copied in steps, and a write by another
 * connection between two steps restarts the copy, so what is copied is
 * one consistent state of the file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "nis5g/backup.h"

/* Copy from src to dst, 4096 pages a step, waiting a little when busy. */
static int copy_db(sqlite3 *dst, sqlite3 *src)
{
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b)
        return sqlite3_errcode(dst);
    int rc;
    do {
        rc = sqlite3_backup_step(b, 4096);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    int fin = sqlite3_backup_finish(b);
    return rc == SQLITE_DONE ? fin : rc;
}

/* SQLite's integrity check of db: its findings (other than "ok") appended
 * to problems, "; " between them. The step's last code (SQLITE_DONE). */
static int integrity(sqlite3 *db, struct nis5g_buf *problems)
{
    sqlite3_stmt *s;
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
    if (rc != SQLITE_OK)
        return rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(s, 0);
        if (t && strcmp(t, "ok") != 0 && problems->len < 1000)
            nis5g_buf_addf(problems, "%s%s", problems->len ? "; " : "", t);
    }
    sqlite3_finalize(s);
    return rc;
}

/* A file opened read-only, never created. */
static int open_ro(const char *path, sqlite3 **db)
{
    char *uri = sqlite3_mprintf("file:%q?mode=ro", path);
    int rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    sqlite3_free(uri);
    return rc;
}

int nis5g_store_integrity(struct nis5g_store *st, struct nis5g_buf *problems, struct nis5g_err *err)
{
    return integrity(nis5g_store_db(st), problems) == SQLITE_DONE ? 0
                                                                   : nis5g_store_error(st, err, "cannot check the workspace");
}

int nis5g_store_check_file(const char *path, struct nis5g_err *err)
{
    sqlite3 *db = NULL;
    struct stat sb;
    int rc = open_ro(path, &db);
    if (rc != SQLITE_OK || stat(path, &sb) != 0) {
        rc = nis5g_err_set(err, NIS5G_EINPUT, "cannot read '%s': %s", path,
                           stat(path, &sb) != 0 ? strerror(errno) : sqlite3_errmsg(db));
        sqlite3_close(db);
        return rc;
    }
    struct nis5g_buf bad = NIS5G_BUF_INIT;
    if (integrity(db, &bad) != SQLITE_DONE && !bad.len)
        nis5g_buf_adds(&bad, sqlite3_errmsg(db));
    sqlite3_stmt *s = NULL;
    int version = -1;
    if (!bad.len && sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK &&
        sqlite3_step(s) == SQLITE_ROW)
        version = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    sqlite3_close(db);
    if (bad.len)
        rc = nis5g_err_set(err, NIS5G_EINPUT, "'%s' is damaged: %.300s", path, bad.data);
    else if (version > nis5g_store_schema_version())
        rc = nis5g_err_set(err, NIS5G_EINPUT,
                           "'%s' is from a newer nis5g (schema version %d, this program knows %d)", path, version,
                           nis5g_store_schema_version());
    else if (version < 1)
        rc = nis5g_err_set(err, NIS5G_EINPUT, "'%s' is not a nis5g workspace", path);
    else
        rc = 0;
    nis5g_buf_release(&bad);
    return rc;
}

int nis5g_store_backup(struct nis5g_store *st, const char *path, struct nis5g_err *err)
{
    struct stat sb;
    if (lstat(path, &sb) == 0)
        return nis5g_err_set(err, NIS5G_EEXIST, "cannot write '%s': the file exists (a backup never replaces one)",
                             path);
    struct nis5g_buf tmp = NIS5G_BUF_INIT;
    nis5g_buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(tmp.data, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = copy_db(dst, nis5g_store_db(st));
    /* a single file: the copy in rollback-journal mode, flushed */
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
    const char *why = rc == SQLITE_OK ? NULL : dst ? sqlite3_errmsg(dst) : "out of memory";
    char whybuf[300];
    snprintf(whybuf, sizeof whybuf, "%s", why ? why : "");
    sqlite3_close(dst);
    if (rc == SQLITE_OK && nis5g_store_check_file(tmp.data, err)) {
        rc = SQLITE_CORRUPT;
        snprintf(whybuf, sizeof whybuf, "%s", err->msg);
    }
    if (rc == SQLITE_OK && rename(tmp.data, path) != 0) {
        rc = SQLITE_IOERR;
        snprintf(whybuf, sizeof whybuf, "%s", strerror(errno));
    }
    if (rc != SQLITE_OK) {
        unlink(tmp.data);
        nis5g_buf_release(&tmp);
        return nis5g_err_set(err, NIS5G_EIO, "cannot write '%s': %s", path, whybuf);
    }
    nis5g_buf_release(&tmp);
    return 0;
}

/* Copy the file at path into the open database dst. */
static int copy_file_into(sqlite3 *dst, const char *path)
{
    sqlite3 *src = NULL;
    int rc = open_ro(path, &src);
    if (rc == SQLITE_OK)
        rc = copy_db(dst, src);
    sqlite3_close(src);
    return rc;
}

int nis5g_store_restore_with(struct nis5g_store *st, const char *path, nis5g_restore_hook hook, void *arg,
                             struct nis5g_err *err)
{
    if (nis5g_store_check_file(path, err))
        return err->code;
    /* The backup goes to a private copy first, is brought up to date and
     * given the hook's rows (the restore's audit entry) there; then the
     * copy replaces the workspace in one step: a crash leaves it as it was
     * or restored with its entry, never one without the other. */
    struct nis5g_buf tmp = NIS5G_BUF_INIT;
    nis5g_buf_addf(&tmp, "%s.restore-%ld", nis5g_store_path(st), (long)getpid());
    struct nis5g_store *copy = NULL;
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(tmp.data, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        rc = copy_file_into(db, path);
    sqlite3_close(db);
    if (rc != SQLITE_OK) {
        rc = nis5g_err_set(err, NIS5G_EIO, "cannot restore '%s': %s", path, sqlite3_errstr(rc));
        goto out;
    }
    if ((rc = nis5g_store_open(tmp.data, 0, &copy, err)) || (hook && (rc = hook(arg, copy, err))))
        goto out;
    rc = copy_db(nis5g_store_db(st), nis5g_store_db(copy));
    if (rc != SQLITE_OK) {
        rc = nis5g_store_error(st, err, "cannot restore the backup");
        goto out;
    }
    /* the copied header brings the copy's journal mode */
    rc = nis5g_store_exec(st, "PRAGMA journal_mode = WAL", err);
out:
    nis5g_store_close(copy);
    unlink(tmp.data);
    for (const char *ext = "-wal"; ext; ext = strcmp(ext, "-wal") == 0 ? "-shm" : NULL) {
        struct nis5g_buf side = NIS5G_BUF_INIT;
        nis5g_buf_addf(&side, "%s%s", tmp.data, ext);
        unlink(side.data);
        nis5g_buf_release(&side);
    }
    nis5g_buf_release(&tmp);
    return rc;
}
