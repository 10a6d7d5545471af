/*
 * store.h — the workspace: one SQLite file (WAL mode, foreign keys on) with
 * a schema version and forward migrations.
 *
 * A snapshot is one import (one as-of date). Its data is kept as named
 * column BLOBs (the columnar model of model.h, saved as is) so that loading
 * it is a handful of large reads, not millions of rows. Later modules keep
 * their own tables here (audit log, trusted keys, packages, measure history)
 * through migrations added to store.c.
 */
#ifndef NIS5G_STORE_H
#define NIS5G_STORE_H

#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/model.h"

struct sqlite3;
struct nis5g_store;

enum {
    NIS5G_STORE_READONLY = 1, /* never write; fail if the file is missing */
    NIS5G_STORE_CREATE = 2,   /* create the file when missing */
};

/* Default workspace path: $NIS5G_DB, else "./nis5g.db". Borrowed. */
const char *nis5g_store_default_path(void);

/* Open (and, with CREATE, create and migrate) a workspace. Without CREATE
 * a missing file is NIS5G_ENOTFOUND ("no workspace at PATH ..."); READONLY
 * also never changes the file (an older schema is NIS5G_ESTORE). */
int nis5g_store_open(const char *path, int flags, struct nis5g_store **out, struct nis5g_err *err);
void nis5g_store_close(struct nis5g_store *st);
/* When another connection holds the write lock, a change waits for it (up
 * to 30 s, then fails and changes nothing); fn(arg) is called once when a
 * wait passes a second, so that a front end can say why it is waiting. */
void nis5g_store_on_wait(struct nis5g_store *st, void (*fn)(void *arg), void *arg);
/* The SQLite handle, for modules with their own tables. Borrowed. */
struct sqlite3 *nis5g_store_db(struct nis5g_store *st);
const char *nis5g_store_path(const struct nis5g_store *st);
/* The schema version this program writes, and the file's. */
int nis5g_store_schema_version(void);
int nis5g_store_file_version(struct nis5g_store *st);

/* The one database-error helper: err gets "PATH: WHAT: SQLite's message",
 * coded NIS5G_EIO for I/O errors and a full disk, else NIS5G_ESTORE, which
 * it returns. */
int nis5g_store_error(struct nis5g_store *st, struct nis5g_err *err, const char *what);

/* A unit of work that is a transaction of its own (BEGIN IMMEDIATE) or,
 * inside the caller's transaction, a savepoint called name: so that a
 * change and its audit entry can commit together. *own says which, for
 * nis5g_store_end, which commits (rc == 0) or undoes (rc != 0) it and
 * returns rc or the commit's error. */
int nis5g_store_begin(struct nis5g_store *st, const char *name, int *own, struct nis5g_err *err);
int nis5g_store_end(struct nis5g_store *st, const char *name, int own, int rc, struct nis5g_err *err);

/* Run SQL with no result; fills err on failure. */
int nis5g_store_exec(struct nis5g_store *st, const char *sql, struct nis5g_err *err);

struct nis5g_snapshot {
    int64_t id;
    int32_t as_of;
    char imported_at[32]; /* UTC, ISO 8601 */
    char source[512];     /* what was imported (paths) */
    int64_t n_operators, n_sites, n_elements, n_links, n_suppliers, n_products, n_measures;
};

/* All snapshots, oldest as-of first. *list is the caller's (free()). */
int nis5g_store_snapshots(struct nis5g_store *st, struct nis5g_snapshot **list, size_t *n,
                          struct nis5g_err *err);
/* The snapshot with this as-of date, or, with day == NIS5G_NO_DATE, the
 * latest. NIS5G_ENOTFOUND (with a message) when there is none. */
int nis5g_store_snapshot(struct nis5g_store *st, int32_t day, struct nis5g_snapshot *out,
                         struct nis5g_err *err);

/* Say what a snapshot was imported from (its source, e.g. "upload by ann:
 * elements.csv, ...") in place of the paths the importer read. */
int nis5g_store_set_source(struct nis5g_store *st, int64_t snapshot_id, const char *source, struct nis5g_err *err);

/* Save a model as a snapshot in one transaction; a snapshot with the same
 * as-of date is replaced. Nothing changes on failure. */
int nis5g_store_save_model(struct nis5g_store *st, const struct nis5g_model *m, const char *source,
                           struct nis5g_snapshot *saved, struct nis5g_err *err);

/* The same, running also(arg, st, saved, err) inside the transaction once
 * the snapshot is written, so that other modules' rows (the measure
 * history) land with it or not at all; a non-zero return rolls back. */
typedef int (*nis5g_save_hook)(void *arg, struct nis5g_store *st, const struct nis5g_snapshot *saved,
                               struct nis5g_err *err);
int nis5g_store_save_model_with(struct nis5g_store *st, const struct nis5g_model *m, const char *source,
                                nis5g_save_hook also, void *arg, struct nis5g_snapshot *saved,
                                struct nis5g_err *err);
/* Load a snapshot's model; parts is a NIS5G_PART_* mask (BASE is always
 * loaded). *out is the caller's (nis5g_model_free). */
int nis5g_store_load_model(struct nis5g_store *st, int64_t snapshot_id, unsigned parts,
                           struct nis5g_model **out, struct nis5g_err *err);

#endif
