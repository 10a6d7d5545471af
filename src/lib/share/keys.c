/*
 * keys.c — Ed25519 key pairs in text files, fingerprints, and the
 * workspace's trusted keys and own identity (keys.h). libsodium does the
 * cryptography; this file does files, formats and tables.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>
#include <sqlite3.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/fileio.h"
#include "nis5g/country.h"
#include "nis5g/keys.h"

#define SK_B64 sodium_base64_ENCODED_LEN(NIS5G_SK_BYTES, sodium_base64_VARIANT_ORIGINAL)
#define PK_B64 sodium_base64_ENCODED_LEN(NIS5G_PK_BYTES, sodium_base64_VARIANT_ORIGINAL)

int nis5g_crypto_init(struct nis5g_err *err)
{
    if (sodium_init() < 0)
        return nis5g_err_set(err, NIS5G_EINTERNAL, "cannot initialise libsodium");
    return 0;
}

int nis5g_state_valid(const char *s)
{
    return s && strlen(s) == 2 && (nis5g_country_valid(s, 2) || strcmp(s, "EL") == 0);
}

int nis5g_state_norm(const char *s, char out[3], struct nis5g_err *err)
{
    if (!nis5g_state_valid(s))
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected a state as an ISO 3166-1 code such as SE, got '%s'",
                             s ? s : "");
    size_t n;
    const char *c = nis5g_country_normalise(s, 2, &n);
    memcpy(out, c, 2);
    out[2] = 0;
    return 0;
}

void nis5g_fingerprint(const unsigned char pk[NIS5G_PK_BYTES], char out[NIS5G_FPR_LEN + 1])
{
    unsigned char h[NIS5G_FPR_LEN / 2];
    crypto_generichash(h, sizeof h, pk, NIS5G_PK_BYTES, NULL, 0);
    sodium_bin2hex(out, NIS5G_FPR_LEN + 1, h, sizeof h);
}

void nis5g_pubkey_format(const struct nis5g_pubkey *k, struct nis5g_buf *out)
{
    char b64[PK_B64];
    sodium_bin2base64(b64, sizeof b64, k->pk, NIS5G_PK_BYTES, sodium_base64_VARIANT_ORIGINAL);
    nis5g_buf_addf(out, "nis5g-public-key 1 %s\n%s\n", k->state, b64);
}

/* A key file: written whole or not at all, never over an existing file. */
static int write_key(const char *path, unsigned mode, const char *data, size_t len, struct nis5g_err *err)
{
    struct stat sb;
    if (lstat(path, &sb) == 0)
        return nis5g_err_set(err, NIS5G_EEXIST, "cannot create '%s': it exists (keys are never overwritten)", path);
    return nis5g_write_file_atomic(path, data, len, mode, NIS5G_WRITE_EXCL, err);
}

int nis5g_keygen(const char *state, const char *path, struct nis5g_pubkey *pub, struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    struct nis5g_seckey k;
    if ((rc = nis5g_state_norm(state, k.state, err)))
        return rc;
    struct nis5g_buf pubpath = NIS5G_BUF_INIT, text = NIS5G_BUF_INIT;
    nis5g_buf_addf(&pubpath, "%s.pub", path);
    struct stat sb;
    if (lstat(pubpath.data, &sb) == 0) {
        rc = nis5g_err_set(err, NIS5G_EEXIST, "cannot create '%s': it exists (keys are never overwritten)",
                           pubpath.data);
        goto out;
    }
    crypto_sign_keypair(k.pub.pk, k.sk);
    memcpy(k.pub.state, k.state, 3);
    nis5g_fingerprint(k.pub.pk, k.pub.fpr);
    char b64[SK_B64];
    sodium_bin2base64(b64, sizeof b64, k.sk, NIS5G_SK_BYTES, sodium_base64_VARIANT_ORIGINAL);
    nis5g_buf_addf(&text, "nis5g-secret-key 1 %s\n%s\n", k.state, b64);
    sodium_memzero(b64, sizeof b64);
    rc = write_key(path, 0600, text.data, text.len, err);
    sodium_memzero(text.data, text.len);
    sodium_memzero(k.sk, sizeof k.sk);
    if (rc)
        goto out;
    nis5g_buf_reset(&text);
    nis5g_pubkey_format(&k.pub, &text);
    if ((rc = write_key(pubpath.data, 0644, text.data, text.len, err))) {
        unlink(path);
        goto out;
    }
    *pub = k.pub;
out:
    nis5g_buf_release(&pubpath);
    nis5g_buf_release(&text);
    return rc;
}

/* Parse "nis5g-KIND-key 1 CC\n<base64>\n" into state and raw bytes. */
static int parse_key_file(const char *path, const char *kind, unsigned char *raw, size_t rawlen, char state[3],
                          struct nis5g_err *err)
{
    char *text;
    size_t len;
    if (nis5g_read_file(path, &text, &len))
        return nis5g_err_set(err, NIS5G_EIO, "cannot read '%s': %s", path, strerror(errno));
    int rc = 0;
    char head[64], cc[8] = "";
    int n = snprintf(head, sizeof head, "nis5g-%s-key 1 ", kind);
    const char *nl = memchr(text, '\n', len);
    /* CRLF line ends (a key file that went through a Windows mailer) are
     * fine, as they already are after the key itself */
    size_t first = nl ? (size_t)(nl - text) - (nl > text && nl[-1] == '\r') : 0;
    if (!nl || strncmp(text, head, (size_t)n) != 0 || first != (size_t)n + 2) {
        rc = nis5g_err_set(err, NIS5G_EPARSE, "'%s' is not a nis5g %s key file (expected a first line '%sCC')",
                           path, kind, head);
        goto out;
    }
    memcpy(cc, text + n, 2);
    if (nis5g_state_norm(cc, state, err)) {
        rc = nis5g_err_set(err, NIS5G_EPARSE, "'%s': bad state '%s' in the key file's first line", path, cc);
        goto out;
    }
    const char *b = nl + 1, *end = text + len;
    size_t blen = (size_t)(end - b);
    while (blen && (b[blen - 1] == '\n' || b[blen - 1] == '\r'))
        blen--;
    size_t got = 0;
    const char *stop;
    if (sodium_base642bin(raw, rawlen, b, blen, NULL, &got, &stop, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        stop != b + blen || got != rawlen)
        rc = nis5g_err_set(err, NIS5G_EPARSE, "'%s': the key is not %zu bytes of base64", path, rawlen);
out:
    sodium_memzero(text, len);
    free(text);
    return rc;
}

int nis5g_pubkey_read(const char *path, struct nis5g_pubkey *out, struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc || (rc = parse_key_file(path, "public", out->pk, NIS5G_PK_BYTES, out->state, err)))
        return rc;
    nis5g_fingerprint(out->pk, out->fpr);
    return 0;
}

int nis5g_seckey_read(const char *path, struct nis5g_seckey *out, struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    /* like ssh: a secret key others can read is no longer secret */
    struct stat sb;
    if (stat(path, &sb) == 0 && (sb.st_mode & 077))
        return nis5g_err_set(err, NIS5G_EDENIED,
                             "'%s' is readable or writable by others (mode %04o); make it private with chmod 600",
                             path, (unsigned)(sb.st_mode & 07777));
    if ((rc = parse_key_file(path, "secret", out->sk, NIS5G_SK_BYTES, out->state, err)))
        return rc;
    unsigned char seed[crypto_sign_SEEDBYTES], sk2[NIS5G_SK_BYTES];
    crypto_sign_ed25519_sk_to_seed(seed, out->sk);
    crypto_sign_seed_keypair(out->pub.pk, sk2, seed);
    int same = sodium_memcmp(sk2, out->sk, NIS5G_SK_BYTES) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk2, sizeof sk2);
    if (!same) {
        sodium_memzero(out->sk, sizeof out->sk);
        return nis5g_err_set(err, NIS5G_EPARSE, "'%s': the secret key is damaged (its public half does not match)",
                             path);
    }
    memcpy(out->pub.state, out->state, 3);
    nis5g_fingerprint(out->pub.pk, out->pub.fpr);
    return 0;
}

/* ---- tables ---- */

static void trusted_row(sqlite3_stmt *s, struct nis5g_trusted *t)
{
    memset(t, 0, sizeof *t);
    snprintf(t->key.state, sizeof t->key.state, "%s", (const char *)sqlite3_column_text(s, 0));
    if (sqlite3_column_bytes(s, 1) == NIS5G_PK_BYTES)
        memcpy(t->key.pk, sqlite3_column_blob(s, 1), NIS5G_PK_BYTES);
    snprintf(t->key.fpr, sizeof t->key.fpr, "%s", (const char *)sqlite3_column_text(s, 2));
    snprintf(t->added_at, sizeof t->added_at, "%s", (const char *)sqlite3_column_text(s, 3));
    snprintf(t->added_by, sizeof t->added_by, "%s", (const char *)sqlite3_column_text(s, 4));
}

int nis5g_trust_get(struct nis5g_store *st, const char *state, struct nis5g_trusted *out, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT state, public_key, fingerprint, added_at, added_by FROM trusted_key WHERE state = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read trusted keys");
    sqlite3_bind_text(s, 1, state, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        trusted_row(s, out);
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read trusted keys");
    return nis5g_err_set(err, NIS5G_ENOTFOUND, "no trusted key for '%s'", state);
}

/* A key's row: state, public key, fingerprint and now, as ?1 to ?4. */
static void bind_key(sqlite3_stmt *s, const struct nis5g_pubkey *key)
{
    char now[32];
    nis5g_utc_now(now);
    sqlite3_bind_text(s, 1, key->state, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 2, key->pk, NIS5G_PK_BYTES, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, key->fpr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
}

int nis5g_trust_add(struct nis5g_store *st, const struct nis5g_pubkey *key, const char *added_by, int replace,
                    struct nis5g_err *err)
{
    struct nis5g_trusted old;
    struct nis5g_err e2 = { 0 };
    int rc = nis5g_trust_get(st, key->state, &old, &e2);
    if (rc == 0 && memcmp(old.key.pk, key->pk, NIS5G_PK_BYTES) == 0)
        return 0;
    if (rc == 0 && !replace)
        return nis5g_err_set(err, NIS5G_EEXIST,
                             "'%s' is already trusted with another key (%s); use --replace to change it",
                             key->state, old.key.fpr);
    if (rc && rc != NIS5G_ENOTFOUND) {
        *err = e2;
        return rc;
    }
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *s;
    /* A plain INSERT, or an UPDATE of this state's row on --replace: an
     * INSERT OR REPLACE would also replace on the unique fingerprint and
     * silently move another state's key to this one. */
    int exists = rc == 0;
    if (sqlite3_prepare_v2(db,
                           exists ? "UPDATE trusted_key SET public_key = ?2, fingerprint = ?3, added_at = ?4,"
                                    " added_by = ?5 WHERE state = ?1"
                                  : "INSERT INTO trusted_key (state, public_key, fingerprint, added_at, added_by)"
                                    " VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot add a trusted key");
    bind_key(s, key);
    sqlite3_bind_text(s, 5, added_by ? added_by : "", -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_CONSTRAINT)
        return nis5g_err_set(err, NIS5G_EEXIST, "the key %s is already trusted for another state", key->fpr);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot add a trusted key");
    return 0;
}

int nis5g_trust_list(struct nis5g_store *st, struct nis5g_trusted **list, size_t *n, struct nis5g_err *err)
{
    *list = NULL;
    *n = 0;
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "SELECT state, public_key, fingerprint, added_at, added_by FROM trusted_key ORDER BY state",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list trusted keys");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        trusted_row(s, &(*list)[(*n)++]);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        return nis5g_store_error(st, err, "cannot list trusted keys");
    }
    return 0;
}

int nis5g_trust_remove(struct nis5g_store *st, const char *state, struct nis5g_err *err)
{
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(db, "DELETE FROM trusted_key WHERE state = ?", -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot remove a trusted key");
    sqlite3_bind_text(s, 1, state, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot remove a trusted key");
    if (sqlite3_changes(db) == 0)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no trusted key for '%s'", state);
    return 0;
}

int nis5g_identity_set(struct nis5g_store *st, const struct nis5g_pubkey *key, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st),
                           "INSERT OR REPLACE INTO identity (id, state, public_key, fingerprint, set_at)"
                           " VALUES (1, ?, ?, ?, ?)",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot record the workspace's identity");
    bind_key(s, key);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot record the workspace's identity");
    return 0;
}

int nis5g_identity_get(struct nis5g_store *st, struct nis5g_pubkey *out, struct nis5g_err *err)
{
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT state, public_key, fingerprint FROM identity WHERE id = 1",
                           -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot read the workspace's identity");
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        memset(out, 0, sizeof *out);
        snprintf(out->state, sizeof out->state, "%s", (const char *)sqlite3_column_text(s, 0));
        if (sqlite3_column_bytes(s, 1) == NIS5G_PK_BYTES)
            memcpy(out->pk, sqlite3_column_blob(s, 1), NIS5G_PK_BYTES);
        snprintf(out->fpr, sizeof out->fpr, "%s", (const char *)sqlite3_column_text(s, 2));
    }
    sqlite3_finalize(s);
    if (rc == SQLITE_ROW)
        return 0;
    if (rc != SQLITE_DONE)
        return nis5g_store_error(st, err, "cannot read the workspace's identity");
    return nis5g_err_set(err, NIS5G_ENOTFOUND,
                         "the workspace does not know which state it is; run 'nis5g keygen --state CC -o FILE' "
                         "against it");
}
