/*
 * exports.h — four-eyes exports (docs/exports.md): a package prepared and
 * signed on the server by one person leaves only after a second person
 * approves the digest of its exact bytes; peers are then served the
 * approved packages addressed to them (docs/pull.md).
 *
 * The digest is SHA-256 of the package file's bytes, as 64 lower-case hex
 * digits (what `sha256sum` prints), so a reviewer can check it with any
 * tool. An approval gives the package the next version number: peers ask
 * for the versions after the last one they hold.
 */
#ifndef NIS5G_EXPORTS_H
#define NIS5G_EXPORTS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/store.h"

#define NIS5G_DIGEST_HEX 64

/* A prepared export (without its bytes). Strings are "" when not set. */
struct nis5g_prepared {
    int64_t id;
    char signer[3];
    char tlp[16];            /* a TLP name (package.h) */
    char recipients[200];    /* comma-separated, "" for none */
    char snapshot[11];
    int detail;
    char digest[NIS5G_DIGEST_HEX + 1];
    size_t size;             /* bytes */
    char prepared_by[72], prepared_at[32];
    char approved_by[72], approved_at[32];
    int64_t version;         /* 0 while pending */
};

/* SHA-256 of bytes as hex into out. */
void nis5g_digest_hex(const void *bytes, size_t len, char out[NIS5G_DIGEST_HEX + 1]);

/* Keep a signed package file's bytes as a prepared export by `by`; the
 * header (signer, TLP, recipients, snapshot, detail) is read from them.
 * *id gets its id. NIS5G_EPARSE when the bytes are not a package. */
int nis5g_exports_prepare(struct nis5g_store *st, const char *bytes, size_t len, const char *by, int64_t *id,
                          struct nis5g_err *err);

/* Which prepared exports to list. */
struct nis5g_exports_filter {
    int approved_only;
    int64_t since;          /* approved with a version above this (implies approved_only when > 0) */
    const char *peer_state; /* NULL: all; else only what a peer of that state may receive */
};

/* The prepared exports that pass the filter: by id, or by version when
 * approved_only. *list is the caller's (free). */
int nis5g_exports_list(struct nis5g_store *st, const struct nis5g_exports_filter *f, struct nis5g_prepared **list,
                       size_t *n, struct nis5g_err *err);

/* One prepared export; NIS5G_ENOTFOUND when there is none with that id. */
int nis5g_exports_get(struct nis5g_store *st, int64_t id, struct nis5g_prepared *out, struct nis5g_err *err);

/* Its stored bytes, appended to out. With approved set, only an approved
 * export, and its bytes are hashed again: NIS5G_EVERIFY ("altered bytes
 * refused ...") when they are no longer the bytes approved. */
int nis5g_exports_bytes(struct nis5g_store *st, int64_t id, int approved, struct nis5g_buf *out,
                        struct nis5g_err *err);

/* The approval of export id by `by` for the bytes whose digest is
 * `digest`: NIS5G_ENOTFOUND (no such export), NIS5G_EDENIED (by is its
 * preparer), NIS5G_EEXIST (already approved, or digest is not the digest
 * of the bytes stored — which are hashed again). *version gets the
 * approval's version. */
int nis5g_exports_approve(struct nis5g_store *st, int64_t id, const char *by, const char *digest, int64_t *version,
                          struct nis5g_err *err);

/* 1 when a peer of state may receive the export: TLP CLEAR and GREEN
 * without named recipients go to any peer; otherwise the state must be a
 * named recipient (docs/exports.md). */
int nis5g_exports_visible(const struct nis5g_prepared *p, const char *state);

/* {"id", "status", "signer", "tlp", "recipients": [...], "snapshot",
 * "detail", "digest", "size", "prepared_by", "prepared_at", "approved_by",
 * "approved_at", "version"} — the last three null while pending. */
json_t *nis5g_prepared_json(const struct nis5g_prepared *p);
/* The peer's view: {"id", "version", "signer", "tlp", "recipients",
 * "snapshot", "detail", "digest", "size", "approved_at"}. */
json_t *nis5g_prepared_peer_json(const struct nis5g_prepared *p);

/* The last version pulled from url (0: none yet). */
int nis5g_pull_progress_get(struct nis5g_store *st, const char *url, int64_t *version, struct nis5g_err *err);
/* Record version as pulled from url (in the caller's transaction). */
int nis5g_pull_progress_set(struct nis5g_store *st, const char *url, int64_t version, struct nis5g_err *err);

/* ---- The pull operation (query.h, docs/pull.md) ---------------------- */

#include "nis5g/opts.h"

struct nis5g_pull_params {
    const char *url;        /* the peer server's base URL */
    const char *token_file; /* --token-file F: the peer token, alone in the file */
    const char *cacert;     /* --cacert FILE, or NULL: the system's CAs */
    const char *by;         /* who pulls (the login name); not an option */
};
struct nis5g_pull_item {
    int64_t id, version;
    char signer[3], snapshot[11], tlp[16];
    int held;     /* the very same package was already held: skipped */
    char msg[300];
};
struct nis5g_pull_result {
    char url[512];                /* as recorded: without a final '/' */
    int64_t since, version;       /* the last version pulled before, and now */
    size_t listed, imported, held;
    struct nis5g_pull_item *v;    /* the packages pulled, in version order */
    size_t n;
};
extern const struct nis5g_opt nis5g_pull_opts[];
struct nis5g_query;
extern const struct nis5g_query nis5g_query_pull;
json_t *nis5g_pull_json(const void *result);

#endif
