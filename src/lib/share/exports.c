/*
 * exports.c — four-eyes exports (exports.h, docs/exports.md): the
 * prepared packages' bytes and digests in the workspace, the second
 * person's approval of one digest, and which approved packages a peer may
 * receive. The bytes served are hashed again every time: a row altered in
 * the database after its approval is refused, never served.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "nis5g/date.h"
#include "nis5g/exports.h"
#include "nis5g/keys.h"
#include "nis5g/package.h"

void nis5g_digest_hex(const void *bytes, size_t len, char out[NIS5G_DIGEST_HEX + 1])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, bytes, len);
    sodium_bin2hex(out, NIS5G_DIGEST_HEX + 1, h, sizeof h);
}

int nis5g_exports_prepare(struct nis5g_store *st, const char *bytes, size_t len, const char *by, int64_t *id,
                          struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    struct nis5g_package p;
    memset(&p, 0, sizeof p);
    if ((rc = nis5g_package_parse(bytes, len, &p, err))) {
        nis5g_package_release(&p);
        return rc;
    }
    char to[200] = "", digest[NIS5G_DIGEST_HEX + 1], now[32];
    size_t k = 0;
    for (size_t i = 0; i < p.n_recipients && k + 4 < sizeof to; i++)
        k += (size_t)snprintf(to + k, sizeof to - k, "%s%s", i ? "," : "", p.recipients[i]);
    nis5g_digest_hex(bytes, len, digest);
    nis5g_utc_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO prepared_export (signer, tlp, recipients, snapshot, detail, bytes, digest,"
                           " prepared_by, prepared_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s, NULL)) {
        nis5g_package_release(&p);
        return nis5g_store_error(st, err, "cannot keep the prepared export");
    }
    sqlite3_bind_text(s, 1, p.signer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, nis5g_tlp_names[p.tlp], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, p.snapshot, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 5, p.detail);
    sqlite3_bind_blob(s, 6, bytes, (int)len, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, digest, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    nis5g_package_release(&p);
    if (step != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot keep the prepared export");
    *id = sqlite3_last_insert_rowid(nis5g_store_db(st));
    return 0;
}

#define COLUMNS                                                                                               \
    "SELECT id, signer, tlp, recipients, snapshot, detail, digest, length(bytes), prepared_by, prepared_at," \
    " approved_by, approved_at, version FROM prepared_export"

static void text(sqlite3_stmt *s, int col, char *out, size_t size)
{
    const unsigned char *v = sqlite3_column_text(s, col);
    snprintf(out, size, "%s", v ? (const char *)v : "");
}

static void row(sqlite3_stmt *s, struct nis5g_prepared *p)
{
    memset(p, 0, sizeof *p);
    p->id = sqlite3_column_int64(s, 0);
    text(s, 1, p->signer, sizeof p->signer);
    text(s, 2, p->tlp, sizeof p->tlp);
    text(s, 3, p->recipients, sizeof p->recipients);
    text(s, 4, p->snapshot, sizeof p->snapshot);
    p->detail = sqlite3_column_int(s, 5);
    text(s, 6, p->digest, sizeof p->digest);
    p->size = (size_t)sqlite3_column_int64(s, 7);
    text(s, 8, p->prepared_by, sizeof p->prepared_by);
    text(s, 9, p->prepared_at, sizeof p->prepared_at);
    text(s, 10, p->approved_by, sizeof p->approved_by);
    text(s, 11, p->approved_at, sizeof p->approved_at);
    p->version = sqlite3_column_int64(s, 12);
}

int nis5g_exports_visible(const struct nis5g_prepared *p, const char *state)
{
    if (!p->recipients[0]) {
        int tlp = nis5g_tlp_parse(p->tlp);
        return tlp == NIS5G_TLP_CLEAR || tlp == NIS5G_TLP_GREEN;
    }
    for (const char *r = p->recipients; *r; r += r[2] ? 3 : 2)
        if (strncmp(r, state, 2) == 0 && strlen(state) == 2)
            return 1;
    return 0;
}

int nis5g_exports_list(struct nis5g_store *st, const struct nis5g_exports_filter *f, struct nis5g_prepared **list,
                       size_t *n, struct nis5g_err *err)
{
    *list = NULL;
    *n = 0;
    int approved = f->approved_only || f->since > 0 || f->peer_state;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           approved ? COLUMNS " WHERE version IS NOT NULL AND version > ? ORDER BY version"
                                    : COLUMNS " ORDER BY id",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the prepared exports");
    if (approved)
        sqlite3_bind_int64(s, 1, f->since);
    size_t cap = 0;
    int step;
    while ((step = sqlite3_step(s)) == SQLITE_ROW) {
        struct nis5g_prepared p;
        row(s, &p);
        if (f->peer_state && !nis5g_exports_visible(&p, f->peer_state))
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xrealloc(*list, cap * sizeof **list);
        }
        (*list)[(*n)++] = p;
    }
    sqlite3_finalize(s);
    if (step != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot read the prepared exports");
    }
    return 0;
}

int nis5g_exports_get(struct nis5g_store *st, int64_t id, struct nis5g_prepared *out, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), COLUMNS " WHERE id = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the prepared exports");
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s), rc = 0;
    if (step == SQLITE_ROW)
        row(s, out);
    else if (step == SQLITE_DONE)
        rc = nis5g_err_set(err, NIS5G_ENOTFOUND, "no export %lld", (long long)id);
    else
        rc = nis5g_store_error(st, err, "cannot read the prepared exports");
    sqlite3_finalize(s);
    return rc;
}

/* The bytes of export id and the digest they must have (the approved one,
 * or the one recorded when prepared), hashed again against it. */
static int checked_bytes(struct nis5g_store *st, int64_t id, int approved, struct nis5g_buf *out,
                         struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT bytes, digest, approved_digest, version FROM prepared_export WHERE id = ?", -1, &s,
                           NULL))
        return nis5g_store_error(st, err, "cannot read the prepared exports");
    sqlite3_bind_int64(s, 1, id);
    int step = sqlite3_step(s), rc = 0;
    if (step == SQLITE_DONE || (step == SQLITE_ROW && approved && sqlite3_column_type(s, 3) == SQLITE_NULL)) {
        rc = nis5g_err_set(err, NIS5G_ENOTFOUND, "no %sexport %lld", approved ? "approved " : "", (long long)id);
    } else if (step != SQLITE_ROW) {
        rc = nis5g_store_error(st, err, "cannot read the prepared exports");
    } else {
        const void *b = sqlite3_column_blob(s, 0);
        size_t len = (size_t)sqlite3_column_bytes(s, 0);
        const char *want = (const char *)sqlite3_column_text(s, approved ? 2 : 1);
        char now[NIS5G_DIGEST_HEX + 1];
        nis5g_digest_hex(b ? b : "", len, now);
        if (!want || strcmp(now, want) != 0)
            rc = nis5g_err_set(err, NIS5G_EVERIFY,
                               "altered bytes refused: export %lld's stored bytes hash to %s, not to the %s digest %s",
                               (long long)id, now, approved ? "approved" : "prepared", want ? want : "");
        else
            nis5g_buf_add(out, b ? b : "", len);
    }
    sqlite3_finalize(s);
    return rc;
}

int nis5g_exports_bytes(struct nis5g_store *st, int64_t id, int approved, struct nis5g_buf *out,
                        struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    return rc ? rc : checked_bytes(st, id, approved, out, err);
}

int nis5g_exports_approve(struct nis5g_store *st, int64_t id, const char *by, const char *digest, int64_t *version,
                          struct nis5g_err *err)
{
    struct nis5g_prepared p;
    int rc = nis5g_crypto_init(err);
    if (!rc)
        rc = nis5g_exports_get(st, id, &p, err);
    if (rc)
        return rc;
    if (strcmp(p.prepared_by, by) == 0)
        return nis5g_err_set(err, NIS5G_EDENIED, "export %lld was prepared by %s: a second person must approve it",
                             (long long)id, by);
    if (p.version)
        return nis5g_err_set(err, NIS5G_EEXIST, "export %lld is already approved (by %s, %s)", (long long)id,
                             p.approved_by, p.approved_at);
    struct nis5g_buf bytes = NIS5G_BUF_INIT;
    rc = checked_bytes(st, id, 0, &bytes, err); /* the bytes still those prepared */
    nis5g_buf_release(&bytes);
    if (rc)
        return rc == NIS5G_EVERIFY ? (err->code = NIS5G_EEXIST) : rc;
    if (strcmp(digest, p.digest) != 0)
        return nis5g_err_set(err, NIS5G_EEXIST,
                             "the digest '%.80s' is not that of export %lld's bytes (%s): review the package again",
                             digest, (long long)id, p.digest);
    char now[32];
    nis5g_utc_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "UPDATE prepared_export SET approved_by = ?, approved_at = ?, approved_digest = ?,"
                           " version = (SELECT coalesce(max(version), 0) + 1 FROM prepared_export)"
                           " WHERE id = ? AND version IS NULL RETURNING version",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot record the approval");
    sqlite3_bind_text(s, 1, by, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, digest, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 4, id);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *version = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return step == SQLITE_ROW ? 0 : nis5g_store_error(st, err, "cannot record the approval");
}

static json_t *recipients_json(const struct nis5g_prepared *p)
{
    json_t *a = json_array();
    for (const char *r = p->recipients; *r; r += r[2] ? 3 : 2)
        json_array_append_new(a, json_stringn(r, 2));
    return a;
}

static json_t *str_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

json_t *nis5g_prepared_json(const struct nis5g_prepared *p)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:b, s:s, s:I, s:s, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)p->id, "status", p->version ? "approved" : "pending", "signer", p->signer, "tlp",
                     p->tlp, "recipients", recipients_json(p), "snapshot", p->snapshot, "detail", p->detail,
                     "digest", p->digest, "size", (json_int_t)p->size, "prepared_by", p->prepared_by,
                     "prepared_at", p->prepared_at, "approved_by", str_or_null(p->approved_by), "approved_at",
                     str_or_null(p->approved_at), "version",
                     p->version ? json_integer(p->version) : json_null());
}

json_t *nis5g_prepared_peer_json(const struct nis5g_prepared *p)
{
    return json_pack("{s:I, s:I, s:s, s:s, s:o, s:s, s:b, s:s, s:I, s:s}", "id", (json_int_t)p->id, "version",
                     (json_int_t)p->version, "signer", p->signer, "tlp", p->tlp, "recipients", recipients_json(p),
                     "snapshot", p->snapshot, "detail", p->detail, "digest", p->digest, "size",
                     (json_int_t)p->size, "approved_at", p->approved_at);
}

int nis5g_pull_progress_get(struct nis5g_store *st, const char *url, int64_t *version, struct nis5g_err *err)
{
    *version = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT version FROM pull_progress WHERE url = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the pull progress");
    sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    if (step == SQLITE_ROW)
        *version = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return step == SQLITE_ROW || step == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot read the pull progress");
}

int nis5g_pull_progress_set(struct nis5g_store *st, const char *url, int64_t version, struct nis5g_err *err)
{
    char now[32];
    nis5g_utc_now(now);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT INTO pull_progress (url, version, updated_at) VALUES (?, ?, ?)"
                           " ON CONFLICT (url) DO UPDATE SET version = excluded.version,"
                           " updated_at = excluded.updated_at",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot record the pull progress");
    sqlite3_bind_text(s, 1, url, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(s, 2, version);
    sqlite3_bind_text(s, 3, now, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? 0 : nis5g_store_error(st, err, "cannot record the pull progress");
}
