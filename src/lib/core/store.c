/*
 * store.c — the workspace in one SQLite file.
 *
 * Schema changes are forward migrations, applied in order on open; the
 * file's PRAGMA user_version is the number of migrations applied. A
 * snapshot's columns (model-cols.h) are rows of snapshot_blob, written with
 * bound static BLOBs and read back with incremental BLOB I/O straight into
 * the model's arrays: one copy, no per-element work.
 */
#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include <sodium.h>
#include <sqlite3.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/store.h"
#include "core/model-cols.h"

/* the checksum of a stored column: BLAKE2b, 128 bits */
#define STORE_HASH_BYTES 16

struct nis5g_store {
    sqlite3 *db;
    char *path;
    void (*on_wait)(void *arg); /* told once when a wait passes a second */
    void *on_wait_arg;
    double wait_started;        /* of the current wait, in seconds */
    int told;
};

#define STORE_WAIT_MAX 30.0 /* seconds a write waits for another before giving up */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Another connection writes: wait for it in growing sleeps, say so after
 * a second (on_wait), give up after STORE_WAIT_MAX (the statement then
 * fails with SQLITE_BUSY and nothing of this change is applied). */
static int busy_wait(void *arg, int count)
{
    struct nis5g_store *st = arg;
    double t = now_s();
    if (count == 0) {
        st->wait_started = t;
        st->told = 0;
    }
    if (t - st->wait_started > STORE_WAIT_MAX)
        return 0;
    if (!st->told && t - st->wait_started > 1.0 && st->on_wait) {
        st->told = 1;
        st->on_wait(st->on_wait_arg);
    }
    sqlite3_sleep(count < 10 ? 5 * (count + 1) : 50);
    return 1;
}

void nis5g_store_on_wait(struct nis5g_store *st, void (*fn)(void *arg), void *arg)
{
    st->on_wait = fn;
    st->on_wait_arg = arg;
}

/* Each entry is one migration; never edit a shipped one, add a new one. */
static const char *const migrations[] = {
    /* 1: snapshots and their columns */
    "CREATE TABLE snapshot ("
    "  id INTEGER PRIMARY KEY,"
    "  as_of TEXT NOT NULL UNIQUE,"
    "  imported_at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  n_operators INTEGER NOT NULL, n_sites INTEGER NOT NULL, n_elements INTEGER NOT NULL,"
    "  n_links INTEGER NOT NULL, n_suppliers INTEGER NOT NULL, n_products INTEGER NOT NULL,"
    "  n_measures INTEGER NOT NULL);"
    "CREATE TABLE snapshot_blob ("
    "  snapshot INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  count INTEGER NOT NULL,"
    "  data BLOB NOT NULL,"
    "  UNIQUE (snapshot, name));",
    /* 2: measure history (risk) */
    "CREATE TABLE measure_history ("
    "  id INTEGER PRIMARY KEY,"
    "  scope TEXT NOT NULL,"
    "  measure TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('none', 'planned', 'partial', 'implemented')),"
    "  evidence TEXT,"
    "  who TEXT NOT NULL,"
    "  at TEXT NOT NULL,"
    "  source TEXT NOT NULL CHECK (source IN ('import', 'set')),"
    "  snapshot_as_of TEXT);"
    "CREATE INDEX measure_history_key ON measure_history (scope, measure, at);",
    /* 3: trust and packages (share) */
    "CREATE TABLE identity ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  state TEXT NOT NULL,"
    "  public_key BLOB NOT NULL,"
    "  fingerprint TEXT NOT NULL,"
    "  set_at TEXT NOT NULL);"
    "CREATE TABLE trusted_key ("
    "  state TEXT PRIMARY KEY,"
    "  public_key BLOB NOT NULL,"
    "  fingerprint TEXT NOT NULL UNIQUE,"
    "  added_at TEXT NOT NULL,"
    "  added_by TEXT NOT NULL);"
    "CREATE TABLE package ("
    "  id INTEGER PRIMARY KEY,"
    "  signer TEXT NOT NULL,"
    "  snapshot TEXT NOT NULL,"
    "  created TEXT NOT NULL,"
    "  tlp TEXT NOT NULL,"
    "  recipients TEXT NOT NULL,"
    "  detail INTEGER NOT NULL,"
    "  generator TEXT NOT NULL,"
    "  fingerprint TEXT NOT NULL,"
    "  received_at TEXT NOT NULL,"
    "  received_by TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  body BLOB NOT NULL,"
    "  signature BLOB NOT NULL,"
    "  UNIQUE (signer, snapshot));",
    /* 4: users, tokens, sessions, login throttling, the audit trail (access) */
    "CREATE TABLE user_account ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'operator', 'peer')),"
    "  operator TEXT CHECK ((role = 'operator') = (operator IS NOT NULL)),"
    "  state TEXT CHECK ((role = 'peer') = (state IS NOT NULL)),"
    "  password TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL DEFAULT 0,"
    "  created TEXT NOT NULL);"
    "CREATE TABLE api_token ("
    "  id TEXT PRIMARY KEY,"
    "  user INTEGER NOT NULL REFERENCES user_account(id),"
    "  hash BLOB NOT NULL UNIQUE,"
    "  created INTEGER NOT NULL,"
    "  expires INTEGER NOT NULL,"
    "  revoked INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE web_session ("
    "  hash BLOB PRIMARY KEY,"
    "  user INTEGER NOT NULL REFERENCES user_account(id),"
    "  csrf TEXT NOT NULL,"
    "  created INTEGER NOT NULL,"
    "  last_used INTEGER NOT NULL);"
    "CREATE INDEX web_session_user ON web_session (user);"
    "CREATE TABLE login_throttle ("
    "  kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),"
    "  key TEXT NOT NULL,"
    "  failures INTEGER NOT NULL,"
    "  last_failure INTEGER NOT NULL,"
    "  PRIMARY KEY (kind, key));"
    "CREATE TABLE audit_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  user TEXT NOT NULL, role TEXT NOT NULL, address TEXT NOT NULL,"
    "  action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, detail TEXT NOT NULL,"
    "  prev TEXT NOT NULL,"
    "  hash TEXT NOT NULL);"
    "CREATE INDEX audit_log_at ON audit_log (at);"
    "CREATE TABLE audit_head ("
    "  one INTEGER PRIMARY KEY CHECK (one = 1),"
    "  last_id INTEGER NOT NULL,"
    "  hash TEXT NOT NULL);",
    /* 5: policies stored by name (policystore.h), for the server */
    "CREATE TABLE stored_policy ("
    "  name TEXT PRIMARY KEY,"
    "  text TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL,"
    "  updated_by TEXT NOT NULL);",
    /* 6: a BLAKE2b checksum of each stored column, checked when it is loaded */
    "ALTER TABLE snapshot_blob ADD COLUMN hash BLOB;",
    /* 7: exports prepared on the server and their second person's approval
     * (exports.h, docs/exports.md); how far each peer URL was pulled
     * (docs/pull.md) */
    "CREATE TABLE prepared_export ("
    "  id INTEGER PRIMARY KEY,"
    "  signer TEXT NOT NULL,"
    "  tlp TEXT NOT NULL,"
    "  recipients TEXT NOT NULL,"
    "  snapshot TEXT NOT NULL,"
    "  detail INTEGER NOT NULL,"
    "  bytes BLOB NOT NULL,"
    "  digest TEXT NOT NULL,"
    "  prepared_by TEXT NOT NULL,"
    "  prepared_at TEXT NOT NULL,"
    "  approved_by TEXT,"
    "  approved_at TEXT,"
    "  approved_digest TEXT,"
    "  version INTEGER UNIQUE,"
    "  CHECK ((approved_by IS NULL) = (version IS NULL) AND (approved_by IS NULL) = (approved_digest IS NULL)),"
    "  CHECK (approved_by IS NULL OR approved_by <> prepared_by));"
    "CREATE TABLE pull_progress ("
    "  url TEXT PRIMARY KEY,"
    "  version INTEGER NOT NULL,"
    "  updated_at TEXT NOT NULL);",
    /* 8: operators' submissions and their review (submission.h) */
    "CREATE TABLE submission ("
    "  id INTEGER PRIMARY KEY,"
    "  operator TEXT NOT NULL,"
    "  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected')),"
    "  submitted_by TEXT NOT NULL,"
    "  submitted_at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  base_as_of TEXT,"
    "  n_sites INTEGER NOT NULL, n_elements INTEGER NOT NULL, n_links INTEGER NOT NULL,"
    "  n_products INTEGER NOT NULL, n_measures INTEGER NOT NULL,"
    "  reviewed_by TEXT, reviewed_at TEXT, comment TEXT,"
    "  snapshot_as_of TEXT,"
    "  CHECK ((status = 'pending') = (reviewed_by IS NULL)));"
    "CREATE INDEX submission_operator ON submission (operator, status);"
    "CREATE TABLE submission_file ("
    "  submission INTEGER NOT NULL REFERENCES submission(id) ON DELETE CASCADE,"
    "  name TEXT NOT NULL,"
    "  data BLOB NOT NULL,"
    "  hash BLOB NOT NULL,"
    "  PRIMARY KEY (submission, name));",
};
#define N_MIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

const char *nis5g_store_default_path(void)
{
    const char *e = getenv("NIS5G_DB");
    return e && *e ? e : "nis5g.db";
}

int nis5g_store_schema_version(void)
{
    return N_MIGRATIONS;
}

int nis5g_store_error(struct nis5g_store *st, struct nis5g_err *err, const char *what)
{
    int code = sqlite3_errcode(st->db);
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
        return nis5g_err_set(err, NIS5G_EIO,
                             "%s: %s: another program has been writing to the workspace for %.0f s; "
                             "nothing was changed, try again",
                             st->path, what, STORE_WAIT_MAX);
    int c = (code == SQLITE_CANTOPEN || code == SQLITE_IOERR || code == SQLITE_FULL) ? NIS5G_EIO : NIS5G_ESTORE;
    int e = c == NIS5G_EIO ? sqlite3_system_errno(st->db) : 0;
    /* the system's reason too ("disk I/O error (No space left on device)");
     * a short write leaves none, but it is a full disk or a size limit */
    const char *why = e                                                       ? strerror(e)
                      : sqlite3_extended_errcode(st->db) == SQLITE_IOERR_WRITE ? "a write failed: the disk is full "
                                                                                 "or the file too large"
                                                                               : NULL;
    nis5g_err_set(err, c, "%s: %s: %s%s%s%s", st->path, what, sqlite3_errmsg(st->db), why ? " (" : "", why ? why : "",
                  why ? ")" : "");
    return c;
}

int nis5g_store_begin(struct nis5g_store *st, const char *name, int *own, struct nis5g_err *err)
{
    char sql[96];
    *own = sqlite3_get_autocommit(nis5g_store_db(st));
    if (*own)
        snprintf(sql, sizeof sql, "BEGIN IMMEDIATE");
    else
        snprintf(sql, sizeof sql, "SAVEPOINT %s", name);
    return nis5g_store_exec(st, sql, err);
}

int nis5g_store_end(struct nis5g_store *st, const char *name, int own, int rc, struct nis5g_err *err)
{
    sqlite3 *db = nis5g_store_db(st);
    char sql[128];
    if (rc) {
        if (own)
            snprintf(sql, sizeof sql, "ROLLBACK");
        else
            snprintf(sql, sizeof sql, "ROLLBACK TO %s; RELEASE %s", name, name);
        sqlite3_exec(db, sql, NULL, NULL, NULL);
        return rc;
    }
    if (own)
        snprintf(sql, sizeof sql, "COMMIT");
    else
        snprintf(sql, sizeof sql, "RELEASE %s", name);
    rc = nis5g_store_exec(st, sql, err);
    if (rc && own)
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

int nis5g_store_exec(struct nis5g_store *st, const char *sql, struct nis5g_err *err)
{
    if (sqlite3_exec(st->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
        char what[48];
        snprintf(what, sizeof what, "cannot run %.*s", (int)strcspn(sql, " ;"), sql);
        return nis5g_store_error(st, err, what);
    }
    return 0;
}

static int user_version(struct nis5g_store *st)
{
    sqlite3_stmt *s;
    int v = -1;
    if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s, NULL) == SQLITE_OK) {
        if (sqlite3_step(s) == SQLITE_ROW)
            v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
    }
    return v;
}

int nis5g_store_file_version(struct nis5g_store *st)
{
    return user_version(st);
}

static int newer_error(const char *path, int version, struct nis5g_err *err)
{
    return nis5g_err_set(err, NIS5G_ESTORE,
                         "%s: the workspace has schema version %d, newer than this program's %d; use a newer nis5g",
                         path, version, N_MIGRATIONS);
}

static int migrate(struct nis5g_store *st, struct nis5g_err *err)
{
    int v = user_version(st);
    if (v < 0)
        return nis5g_store_error(st, err, "cannot read the schema version");
    if (v > N_MIGRATIONS)
        return newer_error(st->path, v, err);
    for (; v < N_MIGRATIONS; v++) {
        if (nis5g_store_exec(st, "BEGIN IMMEDIATE", err))
            return err->code;
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (nis5g_store_exec(st, migrations[v], err) || nis5g_store_exec(st, pragma, err)) {
            sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
            return err->code;
        }
        if (nis5g_store_exec(st, "COMMIT", err))
            return err->code;
    }
    return 0;
}

int nis5g_store_open(const char *path, int flags, struct nis5g_store **out, struct nis5g_err *err)
{
    *out = NULL;
    if (sodium_init() < 0) /* picks the fast BLAKE2b of the column checksums */
        return nis5g_err_set(err, NIS5G_EINTERNAL, "libsodium cannot be initialised");
    struct stat sb0;
    if (!(flags & NIS5G_STORE_CREATE) && stat(path, &sb0) != 0 && errno == ENOENT)
        return nis5g_err_set(err, NIS5G_ENOTFOUND,
                             "no workspace at %s (create one with 'nis5g init' or 'nis5g import')", path);
    struct nis5g_store *st = nis5g_xcalloc(1, sizeof *st);
    st->path = nis5g_xstrdup(path);
    int oflags = (flags & NIS5G_STORE_READONLY) ? SQLITE_OPEN_READONLY
                                                : SQLITE_OPEN_READWRITE | ((flags & NIS5G_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
    /* ":memory:" and "file:..." are file names here, not SQLite's
     * in-memory database (gone on exit) or a URI */
    char *file = NULL;
    if (strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0) {
        struct nis5g_buf b = NIS5G_BUF_INIT;
        nis5g_buf_addf(&b, "./%s", path);
        file = nis5g_buf_detach(&b, NULL);
    }
    int orc = sqlite3_open_v2(file ? file : path, &st->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
    free(file);
    if (orc != SQLITE_OK) {
        /* say why, as the system does: "No such file or directory" for a
         * missing folder, "Is a directory" for a folder given as the file */
        int e = st->db ? sqlite3_system_errno(st->db) : 0;
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            e = EISDIR;
        nis5g_err_set(err, NIS5G_EIO, "cannot open the workspace '%s': %s", path,
                      e ? strerror(e) : st->db ? sqlite3_errmsg(st->db) : "out of memory");
        nis5g_store_close(st);
        return NIS5G_EIO;
    }
    sqlite3_busy_handler(st->db, busy_wait, st);
    /* A fresh file gets large pages first (they only apply before the first
     * table): BLOB reads then walk fewer overflow pages. */
    if (!(flags & NIS5G_STORE_READONLY) && user_version(st) == 0)
        sqlite3_exec(st->db, "PRAGMA page_size = 65536", NULL, NULL, NULL);
    const char *setup = (flags & NIS5G_STORE_READONLY)
                            ? "PRAGMA foreign_keys = ON; PRAGMA mmap_size = 17179869184;"
                            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                              " PRAGMA foreign_keys = ON; PRAGMA mmap_size = 17179869184;";
    if (nis5g_store_exec(st, setup, err)) {
        /* Not a database, or unreadable: say which file. */
        nis5g_err_set(err, NIS5G_ESTORE, "cannot use '%s' as a workspace: %s", path, sqlite3_errmsg(st->db));
        nis5g_store_close(st);
        return NIS5G_ESTORE;
    }
    if (!(flags & NIS5G_STORE_READONLY)) {
        int rc = migrate(st, err);
        if (rc) {
            nis5g_store_close(st);
            return rc;
        }
    } else if (user_version(st) > N_MIGRATIONS) {
        newer_error(path, user_version(st), err);
        nis5g_store_close(st);
        return NIS5G_ESTORE;
    } else if (user_version(st) < 0) {
        nis5g_store_error(st, err, "cannot read the workspace");
        nis5g_store_close(st);
        return err->code;
    } else if (user_version(st) != N_MIGRATIONS) {
        nis5g_err_set(err, NIS5G_ESTORE, "%s: schema version %d, this program needs %d (run 'nis5g init' to upgrade it)",
                      path, user_version(st), N_MIGRATIONS);
        nis5g_store_close(st);
        return NIS5G_ESTORE;
    }
    *out = st;
    return 0;
}

void nis5g_store_close(struct nis5g_store *st)
{
    if (!st)
        return;
    sqlite3_close(st->db);
    free(st->path);
    free(st);
}

struct sqlite3 *nis5g_store_db(struct nis5g_store *st)
{
    return st->db;
}

const char *nis5g_store_path(const struct nis5g_store *st)
{
    return st->path;
}

#define SNAP_COLS "id, as_of, imported_at, source, n_operators, n_sites, n_elements, n_links," \
                  " n_suppliers, n_products, n_measures"

static void snap_row(sqlite3_stmt *s, struct nis5g_snapshot *o)
{
    memset(o, 0, sizeof *o);
    o->id = sqlite3_column_int64(s, 0);
    const char *d = (const char *)sqlite3_column_text(s, 1);
    if (!d || nis5g_date_parse(d, strlen(d), &o->as_of))
        o->as_of = NIS5G_NO_DATE;
    snprintf(o->imported_at, sizeof o->imported_at, "%s", (const char *)sqlite3_column_text(s, 2));
    snprintf(o->source, sizeof o->source, "%s", (const char *)sqlite3_column_text(s, 3));
    o->n_operators = sqlite3_column_int64(s, 4);
    o->n_sites = sqlite3_column_int64(s, 5);
    o->n_elements = sqlite3_column_int64(s, 6);
    o->n_links = sqlite3_column_int64(s, 7);
    o->n_suppliers = sqlite3_column_int64(s, 8);
    o->n_products = sqlite3_column_int64(s, 9);
    o->n_measures = sqlite3_column_int64(s, 10);
}

int nis5g_store_snapshots(struct nis5g_store *st, struct nis5g_snapshot **list, size_t *n, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    *list = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(st->db, "SELECT " SNAP_COLS " FROM snapshot ORDER BY as_of", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list snapshots");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        snap_row(s, &(*list)[(*n)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot list snapshots");
    }
    return 0;
}

int nis5g_store_snapshot(struct nis5g_store *st, int32_t day, struct nis5g_snapshot *out, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    const char *sql = day == NIS5G_NO_DATE ? "SELECT " SNAP_COLS " FROM snapshot ORDER BY as_of DESC LIMIT 1"
                                           : "SELECT " SNAP_COLS " FROM snapshot WHERE as_of = ?";
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read snapshots");
    char d[11];
    if (day != NIS5G_NO_DATE)
        sqlite3_bind_text(s, 1, nis5g_date_format(day, d), -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        snap_row(s, out);
        sqlite3_finalize(s);
        return 0;
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read snapshots");
    if (day == NIS5G_NO_DATE)
        return nis5g_err_set(err, NIS5G_ENOTFOUND,
                             "the workspace %s holds no snapshot yet; run 'nis5g import DIR' first", st->path);
    return nis5g_err_set(err, NIS5G_ENOTFOUND, "no snapshot as of %s in %s (see 'nis5g snapshots')", d, st->path);
}

static int put_blob(struct nis5g_store *st, sqlite3_stmt *ins, int64_t snap, const char *name, const void *p,
                    size_t count, size_t bytes, struct nis5g_err *err)
{
    static const char zero = 0;
    unsigned char hash[STORE_HASH_BYTES];
    crypto_generichash(hash, sizeof hash, bytes ? p : (const void *)&zero, bytes, NULL, 0);
    sqlite3_bind_int64(ins, 1, snap);
    sqlite3_bind_text(ins, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int64(ins, 3, (sqlite3_int64)count);
    sqlite3_bind_blob64(ins, 4, p ? p : &zero, bytes, SQLITE_STATIC);
    sqlite3_bind_blob(ins, 5, hash, sizeof hash, SQLITE_TRANSIENT);
    int rc = sqlite3_step(ins);
    sqlite3_reset(ins);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot save the snapshot");
    return 0;
}

int nis5g_store_save_model(struct nis5g_store *st, const struct nis5g_model *m, const char *source,
                           struct nis5g_snapshot *saved, struct nis5g_err *err)
{
    return nis5g_store_save_model_with(st, m, source, NULL, NULL, saved, err);
}

int nis5g_store_save_model_with(struct nis5g_store *st, const struct nis5g_model *m, const char *source,
                                nis5g_save_hook also, void *arg, struct nis5g_snapshot *saved,
                                struct nis5g_err *err)
{
    struct nis5g_snapshot local;
    if (!saved)
        saved = &local;
    char asof[11], now[32];
    nis5g_date_format(m->as_of, asof);
    nis5g_utc_now(now);
    uint32_t n_sup = 0;
    for (uint32_t v = 0; v < m->vendors.n; v++)
        n_sup += m->sup_known[v];

    int own;
    if (nis5g_store_begin(st, "save_model", &own, err))
        return err->code;
    sqlite3_stmt *del = NULL, *snap = NULL, *ins = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(st->db, "DELETE FROM snapshot WHERE as_of = ?", -1, &del, NULL) ||
        sqlite3_prepare_v2(st->db,
                           "INSERT INTO snapshot (as_of, imported_at, source, n_operators, n_sites, n_elements,"
                           " n_links, n_suppliers, n_products, n_measures) VALUES (?,?,?,?,?,?,?,?,?,?)",
                           -1, &snap, NULL) ||
        sqlite3_prepare_v2(st->db, "INSERT INTO snapshot_blob (snapshot, name, count, data, hash) VALUES (?,?,?,?,?)", -1,
                           &ins, NULL)) {
        rc = nis5g_store_error(st, err, "cannot save the snapshot");
        goto out;
    }
    sqlite3_bind_text(del, 1, asof, -1, SQLITE_STATIC);
    if (sqlite3_step(del) != SQLITE_DONE) {
        rc = nis5g_store_error(st, err, "cannot replace the snapshot");
        goto out;
    }
    sqlite3_bind_text(snap, 1, asof, -1, SQLITE_STATIC);
    sqlite3_bind_text(snap, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_text(snap, 3, source ? source : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(snap, 4, m->operators.n);
    sqlite3_bind_int64(snap, 5, m->sites.n);
    sqlite3_bind_int64(snap, 6, m->n_elements);
    sqlite3_bind_int64(snap, 7, m->n_links);
    sqlite3_bind_int64(snap, 8, n_sup);
    sqlite3_bind_int64(snap, 9, m->n_products);
    sqlite3_bind_int64(snap, 10, m->n_measures);
    if (sqlite3_step(snap) != SQLITE_DONE) {
        rc = nis5g_store_error(st, err, "cannot save the snapshot");
        goto out;
    }
    int64_t id = sqlite3_last_insert_rowid(st->db);
    for (size_t i = 0; i < model_ncols && !rc; i++) {
        const struct model_col *c = &model_cols[i];
        const void *p = *(void *const *)((const char *)m + c->offset);
        size_t count = model_col_count(m, c->count);
        if (!p && count) {
            rc = nis5g_err_set(err, NIS5G_EINTERNAL, "model column %s is missing", c->name);
            break;
        }
        rc = put_blob(st, ins, id, c->name, p, count, count * c->size, err);
    }
    for (size_t i = 0; i < model_ndicts && !rc; i++) {
        const struct nis5g_dict *d = (const void *)((const char *)m + model_dicts[i].offset);
        static const uint32_t zero_off = 0;
        char name[64];
        snprintf(name, sizeof name, "dict.%s.off", model_dicts[i].name);
        rc = put_blob(st, ins, id, name, d->off ? (const void *)d->off : &zero_off, (size_t)d->n + 1,
                      ((size_t)d->n + 1) * sizeof(uint32_t), err);
        if (rc)
            break;
        snprintf(name, sizeof name, "dict.%s.heap", model_dicts[i].name);
        rc = put_blob(st, ins, id, name, d->heap, d->heap_len, d->heap_len, err);
    }
    if (!rc) {
        memset(saved, 0, sizeof *saved);
        saved->id = id;
        saved->as_of = m->as_of;
        snprintf(saved->imported_at, sizeof saved->imported_at, "%s", now);
        snprintf(saved->source, sizeof saved->source, "%s", source ? source : "");
        saved->n_operators = m->operators.n;
        saved->n_sites = m->sites.n;
        saved->n_elements = m->n_elements;
        saved->n_links = m->n_links;
        saved->n_suppliers = n_sup;
        saved->n_products = m->n_products;
        saved->n_measures = m->n_measures;
        if (also)
            rc = also(arg, st, saved, err);
    }
out:
    sqlite3_finalize(del);
    sqlite3_finalize(snap);
    sqlite3_finalize(ins);
    return nis5g_store_end(st, "save_model", own, rc, err);
}

/* One BLOB to read: a row of snapshot_blob into a fresh buffer. */
struct blob_job {
    int64_t rowid;
    size_t bytes;
    void **dest;
    const char *name;                       /* the column's, for the damage message */
    int has_hash;                           /* snapshots saved before migration 6 have none */
    unsigned char hash[STORE_HASH_BYTES];  /* what was saved */
    int damaged;                            /* set by read_jobs: the bytes do not match it */
};

/* Read jobs [from, to) through connection db into fresh buffers. */
static int read_jobs(sqlite3 *db, struct blob_job *jobs, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        size_t bytes = jobs[i].bytes;
        void *buf = nis5g_xmalloc(bytes ? bytes : 1);
        nis5g_advise_huge(buf, bytes);
        *jobs[i].dest = buf;
        if (!bytes)
            continue;
        sqlite3_blob *b;
        if (sqlite3_blob_open(db, "main", "snapshot_blob", "data", jobs[i].rowid, 0, &b) != SQLITE_OK)
            return -1;
        size_t done = 0;
        while (done < bytes) {
            int chunk = bytes - done > (1u << 30) ? (1 << 30) : (int)(bytes - done);
            if (sqlite3_blob_read(b, (char *)buf + done, chunk, (int)done) != SQLITE_OK) {
                sqlite3_blob_close(b);
                return -1;
            }
            done += (size_t)chunk;
        }
        sqlite3_blob_close(b);
        if (jobs[i].has_hash) {
            /* checked on the reading thread, while the bytes are in cache */
            unsigned char h[STORE_HASH_BYTES];
            crypto_generichash(h, sizeof h, buf, bytes, NULL, 0);
            jobs[i].damaged = memcmp(h, jobs[i].hash, sizeof h) != 0;
        }
    }
    return 0;
}

/* The second reader of a parallel load: its own connection, in a read
 * transaction that must see the same snapshot as the first. */
struct reader2 {
    const char *path;
    int64_t snapshot_id;
    const char *imported_at;
    struct blob_job *jobs;
    size_t from, to;
    int rc; /* 0 ok, -1 failed: the first reader does these jobs itself */
    pthread_t tid;
};

static void *reader2_run(void *arg)
{
    struct reader2 *r = arg;
    sqlite3 *db = NULL;
    sqlite3_stmt *s = NULL;
    r->rc = -1;
    if (sqlite3_open_v2(r->path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
        goto out;
    sqlite3_busy_timeout(db, 10000);
    sqlite3_exec(db, "PRAGMA mmap_size = 17179869184", NULL, NULL, NULL);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT imported_at FROM snapshot WHERE id = ?", -1, &s, NULL) != SQLITE_OK)
        goto out;
    sqlite3_bind_int64(s, 1, r->snapshot_id);
    if (sqlite3_step(s) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(s, 0), r->imported_at) != 0)
        goto out; /* replaced in between: not the same snapshot */
    r->rc = read_jobs(db, r->jobs, r->from, r->to);
out:
    sqlite3_finalize(s);
    if (db) {
        sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        sqlite3_close(db);
    }
    return NULL;
}

/* Read every job: on two connections and threads when there is enough to
 * read (the copy and the page faults of fresh buffers then share the
 * cores), else on this one. */
static int read_all(struct nis5g_store *st, int64_t snapshot_id, const char *imported_at, struct blob_job *jobs,
                    size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += jobs[i].bytes;
    size_t split = n;
    /* NIS5G_SPLIT_MIN (bytes) lets the tests take this path on small data. */
    const char *env = getenv("NIS5G_SPLIT_MIN");
    size_t min = env && *env ? (size_t)strtoull(env, NULL, 10) : (64u << 20);
    if (total >= min && n > 1 && strcmp(st->path, ":memory:") != 0) {
        /* jobs in two sets of about equal bytes: the tail from `split` */
        size_t acc = 0;
        for (split = n; split > 0 && acc + jobs[split - 1].bytes <= total / 2; split--)
            acc += jobs[split - 1].bytes;
        if (split == n)
            split = n - 1;
    }
    if (split >= n || split == 0)
        return read_jobs(st->db, jobs, 0, n);
    struct reader2 r = { st->path, snapshot_id, imported_at, jobs, split, n, -1, 0 };
    int threaded = pthread_create(&r.tid, NULL, reader2_run, &r) == 0;
    int rc = read_jobs(st->db, jobs, 0, split);
    if (threaded)
        pthread_join(r.tid, NULL);
    if (r.rc != 0) {
        /* the second reader could not: read its part here (free what it got) */
        for (size_t i = split; i < n; i++) {
            free(*jobs[i].dest);
            *jobs[i].dest = NULL;
        }
        if (!rc)
            rc = read_jobs(st->db, jobs, split, n);
    }
    return rc;
}

struct blob_ref {
    int64_t rowid;
    int64_t count;
    int64_t bytes;
    char name[64];
    int has_hash;
    unsigned char hash[STORE_HASH_BYTES];
};

static void job_of(struct blob_job *j, const struct blob_ref *r, void **dest)
{
    *j = (struct blob_job){ .rowid = r->rowid, .bytes = (size_t)r->bytes, .dest = dest, .name = r->name,
                            .has_hash = r->has_hash };
    memcpy(j->hash, r->hash, sizeof j->hash);
}

static const struct blob_ref *find_ref(const struct blob_ref *refs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(refs[i].name, name) == 0)
            return &refs[i];
    return NULL;
}

static int load_in_txn(struct nis5g_store *st, int64_t snapshot_id, unsigned parts, struct nis5g_model **out,
                       struct nis5g_err *err);

int nis5g_store_load_model(struct nis5g_store *st, int64_t snapshot_id, unsigned parts, struct nis5g_model **out,
                           struct nis5g_err *err)
{
    *out = NULL;
    /* One read transaction: a concurrent import cannot change the
     * snapshot under the reads. */
    int own = sqlite3_get_autocommit(st->db);
    if (nis5g_store_exec(st, own ? "BEGIN" : "SAVEPOINT load_model", err))
        return err->code;
    int rc = load_in_txn(st, snapshot_id, parts, out, err);
    sqlite3_exec(st->db, own ? "COMMIT" : "RELEASE load_model", NULL, NULL, NULL);
    return rc;
}

static int load_in_txn(struct nis5g_store *st, int64_t snapshot_id, unsigned parts, struct nis5g_model **out,
                       struct nis5g_err *err)
{
    *out = NULL;
    struct nis5g_snapshot snap;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "SELECT " SNAP_COLS " FROM snapshot WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the snapshot");
    sqlite3_bind_int64(s, 1, snapshot_id);
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_finalize(s);
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no snapshot %lld in %s", (long long)snapshot_id, st->path);
    }
    snap_row(s, &snap);
    sqlite3_finalize(s);

    if (sqlite3_prepare_v2(st->db, "SELECT rowid, name, count, length(data), hash FROM snapshot_blob WHERE snapshot = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the snapshot");
    sqlite3_bind_int64(s, 1, snapshot_id);
    struct blob_ref *refs = NULL;
    size_t nrefs = 0, cap = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        if (nrefs == cap) {
            cap = cap ? 2 * cap : 64;
            refs = nis5g_xreallocarray(refs, cap, sizeof *refs);
        }
        struct blob_ref *r = &refs[nrefs++];
        r->rowid = sqlite3_column_int64(s, 0);
        snprintf(r->name, sizeof r->name, "%s", (const char *)sqlite3_column_text(s, 1));
        r->count = sqlite3_column_int64(s, 2);
        r->bytes = sqlite3_column_int64(s, 3);
        r->has_hash = sqlite3_column_bytes(s, 4) == STORE_HASH_BYTES;
        if (r->has_hash)
            memcpy(r->hash, sqlite3_column_blob(s, 4), STORE_HASH_BYTES);
    }
    sqlite3_finalize(s);

    struct nis5g_model *m = nis5g_model_new();
    m->as_of = snap.as_of;
    m->parts = parts | NIS5G_PART_BASE;
    m->n_elements = (uint32_t)snap.n_elements;
    m->n_links = (uint32_t)snap.n_links;
    m->n_products = (uint32_t)snap.n_products;
    m->n_measures = (uint32_t)snap.n_measures;
    int rc = 0;
    /* Plan the reads (sizes checked first), read them, then check what
     * the data says of itself. */
    struct blob_job *jobs = nis5g_xcalloc(2 * model_ndicts + model_ncols, sizeof *jobs);
    size_t nj = 0;
    for (size_t i = 0; i < model_ndicts && !rc; i++) {
        const struct model_dict *md = &model_dicts[i];
        if (md->part && !(parts & md->part))
            continue;
        struct nis5g_dict *d = (void *)((char *)m + md->offset);
        char name[64];
        snprintf(name, sizeof name, "dict.%s.off", md->name);
        const struct blob_ref *ro = find_ref(refs, nrefs, name);
        snprintf(name, sizeof name, "dict.%s.heap", md->name);
        const struct blob_ref *rh = find_ref(refs, nrefs, name);
        if (!ro || !rh || ro->count < 1 || ro->bytes != ro->count * 4) {
            rc = nis5g_err_set(err, NIS5G_ESTORE, "%s: snapshot %s is damaged (dictionary %s)", st->path,
                               snap.imported_at, md->name);
            break;
        }
        job_of(&jobs[nj++], ro, (void **)&d->off);
        job_of(&jobs[nj++], rh, (void **)&d->heap);
        d->n = (uint32_t)(ro->count - 1);
        d->off_cap = d->n + 1;
        d->heap_len = d->heap_cap = (size_t)rh->bytes;
    }
    for (size_t i = 0; i < model_ncols && !rc; i++) {
        const struct model_col *c = &model_cols[i];
        if (c->part && !(parts & c->part))
            continue;
        const struct blob_ref *r = find_ref(refs, nrefs, c->name);
        if (!r || r->bytes != r->count * (int64_t)c->size) {
            rc = nis5g_err_set(err, NIS5G_ESTORE, "%s: snapshot is damaged (column %s)", st->path, c->name);
            break;
        }
        job_of(&jobs[nj++], r, (void **)((char *)m + c->offset));
    }
    if (!rc && read_all(st, snapshot_id, snap.imported_at, jobs, nj))
        rc = nis5g_store_error(st, err, "cannot read the snapshot");
    for (size_t i = 0; i < nj && !rc; i++)
        if (jobs[i].damaged) {
            char day[11];
            rc = nis5g_err_set(err, NIS5G_ESTORE, "workspace damaged: snapshot %s, column %s",
                               nis5g_date_format(snap.as_of, day), jobs[i].name);
        }
    for (size_t i = 0; i < model_ndicts && !rc; i++) {
        const struct model_dict *md = &model_dicts[i];
        const struct nis5g_dict *d = (const void *)((const char *)m + md->offset);
        if ((!md->part || (parts & md->part)) && d->off[d->n] != d->heap_len)
            rc = nis5g_err_set(err, NIS5G_ESTORE, "%s: snapshot is damaged (dictionary %s)", st->path, md->name);
    }
    for (size_t i = 0; i < model_ncols && !rc; i++) {
        const struct model_col *c = &model_cols[i];
        if (c->part && !(parts & c->part))
            continue;
        const struct blob_ref *r = find_ref(refs, nrefs, c->name);
        /* Counts that no snapshot column records: check the rest agree. */
        if (c->count != CNT_SITE_TAGS && c->count != CNT_PROD_CERTS &&
            (size_t)r->count != model_col_count(m, c->count))
            rc = nis5g_err_set(err, NIS5G_ESTORE, "%s: snapshot is damaged (column %s has %lld entries)", st->path,
                               c->name, (long long)r->count);
    }
    free(jobs);
    free(refs);
    if (rc) {
        nis5g_model_free(m);
        return rc;
    }
    *out = m;
    return 0;
}

int nis5g_store_set_source(struct nis5g_store *st, int64_t snapshot_id, const char *source, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(st->db, "UPDATE snapshot SET source = ? WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot record the snapshot's source");
    sqlite3_bind_text(s, 1, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, snapshot_id);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot record the snapshot's source");
}
