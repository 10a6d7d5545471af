/*
 * package.c — national packages: the header, signing, parsing with every
 * check an importer needs, and storage in the workspace (package.h).
 *
 * The order of the checks on import follows what can be trusted: first
 * the bytes (canonical form: nothing added, removed or re-encoded), then
 * the structure, then the signature against the key this workspace trusts
 * for the state the package names, and only then what the (now
 * authenticated) header says: recipients, age.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <sodium.h>
#include <sqlite3.h>

#include "base/canon.h"
#include "nis5g/date.h"
#include "nis5g/package.h"
#include "nis5g/version.h"

const char *const nis5g_tlp_names[NIS5G_TLP_COUNT] = { "clear", "green", "amber", "amber+strict", "red" };
const char *const nis5g_tlp_labels[NIS5G_TLP_COUNT] = { "TLP:CLEAR", "TLP:GREEN", "TLP:AMBER",
                                                        "TLP:AMBER+STRICT", "TLP:RED" };

int nis5g_tlp_parse(const char *s)
{
    if (!s)
        return -1;
    if (strncasecmp(s, "TLP:", 4) == 0)
        s += 4;
    for (int i = 0; i < NIS5G_TLP_COUNT; i++)
        if (strcasecmp(s, nis5g_tlp_names[i]) == 0)
            return i;
    return -1;
}

int nis5g_export_check(const struct nis5g_export_opts *o, struct nis5g_err *err)
{
    if (o->tlp < 0 || o->tlp >= NIS5G_TLP_COUNT)
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected a TLP level (clear, green, amber, amber+strict, red)");
    if (o->detail && o->tlp != NIS5G_TLP_RED)
        return nis5g_err_set(err, NIS5G_EUSAGE,
                             "--detail shares element- and site-level data and needs --tlp red, not '%s'",
                             nis5g_tlp_names[o->tlp]);
    if ((o->detail || o->tlp == NIS5G_TLP_RED) && o->n_to == 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "%s needs named recipients (--to CC,...)",
                             o->detail ? "--detail" : "TLP:RED");
    if (!nis5g_state_valid(o->state))
        return nis5g_err_set(err, NIS5G_EUSAGE, "expected a state code such as SE, got '%s'", o->state);
    return 0;
}

static int cmp_cc(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

json_t *nis5g_package_new(const struct nis5g_export_opts *o, json_t *sections)
{
    char to[NIS5G_MAX_RECIPIENTS][3];
    memcpy(to, o->to, sizeof to);
    qsort(to, o->n_to, sizeof to[0], cmp_cc);
    json_t *rec = json_array();
    for (size_t i = 0; i < o->n_to; i++)
        if (i == 0 || strcmp(to[i], to[i - 1]) != 0)
            json_array_append_new(rec, json_string(to[i]));
    return json_pack("{s:s, s:i, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:o}", "format", NIS5G_PACKAGE_FORMAT,
                     "format_version", NIS5G_PACKAGE_FORMAT_VERSION, "signer", o->state, "tlp",
                     nis5g_tlp_names[o->tlp], "recipients", rec, "snapshot", o->snapshot, "created", o->created,
                     "generator", "nis5g " NIS5G_VERSION, "detail", o->detail, "sections",
                     sections ? sections : json_object());
}

int nis5g_package_sign(const json_t *pkg, const struct nis5g_seckey *k, struct nis5g_buf *out,
                       struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    const char *signer = json_string_value(json_object_get(pkg, "signer"));
    if (!signer || strcmp(signer, k->state) != 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "the key belongs to '%s', the package is signed as '%s'", k->state,
                             signer ? signer : "");
    struct nis5g_buf body = NIS5G_BUF_INIT;
    if ((rc = nis5g_canon_dump(pkg, &body, err))) {
        nis5g_buf_release(&body);
        return rc;
    }
    unsigned char sig[NIS5G_SIG_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)body.data, body.len, k->sk);
    char b64[sodium_base64_ENCODED_LEN(NIS5G_SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(b64, sizeof b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
    json_t *env = json_pack("{s:O, s:{s:s, s:s, s:s}}", "package", pkg, "signature", "algorithm", "ed25519",
                            "fingerprint", k->pub.fpr, "value", b64);
    rc = nis5g_canon_dump(env, out, err);
    json_decref(env);
    nis5g_buf_release(&body);
    if (!rc)
        nis5g_buf_addch(out, '\n');
    return rc;
}

/* ---- parsing ---- */

void nis5g_package_release(struct nis5g_package *p)
{
    free(p->body);
    json_decref(p->doc);
    memset(p, 0, sizeof *p);
}

static int malformed(struct nis5g_err *err, const char *fmt, const char *what)
{
    char m[200];
    snprintf(m, sizeof m, fmt, what);
    return nis5g_err_set(err, NIS5G_EPARSE, "malformed package: %s", m);
}

static const char *get_str(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

static int valid_timestamp(const char *s)
{
    int32_t d;
    if (!s || strlen(s) != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' ||
        nis5g_date_parse(s, 10, &d))
        return 0;
    static const int pos[] = { 11, 12, 14, 15, 17, 18 };
    for (int i = 0; i < 6; i++)
        if (s[pos[i]] < '0' || s[pos[i]] > '9')
            return 0;
    return (s[11] - '0') * 10 + (s[12] - '0') < 24 && s[14] < '6' && s[17] < '6';
}

/* The header members, each checked; unknown members are refused so that a
 * reader never ignores something the signer meant. */
static int parse_header(const json_t *pkg, struct nis5g_package *p, struct nis5g_err *err)
{
    static const char *const known[] = { "format", "format_version", "signer", "tlp", "recipients", "snapshot",
                                         "created", "generator", "detail", "sections" };
    const char *key;
    json_t *val;
    json_object_foreach((json_t *)pkg, key, val) {
        size_t k = 0;
        while (k < sizeof known / sizeof *known && strcmp(known[k], key) != 0)
            k++;
        if (k == sizeof known / sizeof *known)
            return malformed(err, "unknown member '%s'", key);
    }
    const char *s = get_str(pkg, "format");
    if (!s || strcmp(s, NIS5G_PACKAGE_FORMAT) != 0)
        return malformed(err, "'format' is not '%s'", NIS5G_PACKAGE_FORMAT);
    json_t *v = json_object_get(pkg, "format_version");
    if (!json_is_integer(v) || json_integer_value(v) != NIS5G_PACKAGE_FORMAT_VERSION)
        return malformed(err, "'format_version' is not %s (a newer nis5g may read it)", "1");
    s = get_str(pkg, "signer");
    if (!s || !nis5g_state_valid(s) || strcmp(s, "EL") == 0)
        return malformed(err, "'signer' is not a state code: '%s'", s ? s : "");
    memcpy(p->signer, s, 3);
    if ((p->tlp = nis5g_tlp_parse(get_str(pkg, "tlp"))) < 0 || strcmp(get_str(pkg, "tlp"), nis5g_tlp_names[p->tlp]))
        return malformed(err, "'tlp' is not a TLP 2.0 level: '%s'", get_str(pkg, "tlp") ? get_str(pkg, "tlp") : "");
    v = json_object_get(pkg, "recipients");
    if (!json_is_array(v) || json_array_size(v) > NIS5G_MAX_RECIPIENTS)
        return malformed(err, "'recipients' is not a list of at most %s state codes", "64");
    for (size_t i = 0; i < json_array_size(v); i++) {
        s = json_string_value(json_array_get(v, i));
        if (!s || !nis5g_state_valid(s) || strcmp(s, "EL") == 0)
            return malformed(err, "a recipient is not a state code: '%s'", s ? s : "");
        if (i && strcmp(p->recipients[i - 1], s) >= 0)
            return malformed(err, "'recipients' are not sorted and unique (at '%s')", s);
        memcpy(p->recipients[i], s, 3);
    }
    p->n_recipients = json_array_size(v);
    int32_t d;
    s = get_str(pkg, "snapshot");
    if (!s || strlen(s) != 10 || nis5g_date_parse(s, 10, &d))
        return malformed(err, "'snapshot' is not a date: '%s'", s ? s : "");
    memcpy(p->snapshot, s, 11);
    s = get_str(pkg, "created");
    if (!valid_timestamp(s))
        return malformed(err, "'created' is not a UTC time YYYY-MM-DDTHH:MM:SSZ: '%s'", s ? s : "");
    memcpy(p->created, s, 21);
    s = get_str(pkg, "generator");
    if (!s || strlen(s) >= sizeof p->generator)
        return malformed(err, "'generator' is missing or too long%s", "");
    snprintf(p->generator, sizeof p->generator, "%s", s);
    v = json_object_get(pkg, "detail");
    if (!json_is_boolean(v))
        return malformed(err, "'detail' is not true or false%s", "");
    p->detail = json_is_true(v);
    if (p->detail && (p->tlp != NIS5G_TLP_RED || p->n_recipients == 0))
        return malformed(err, "a package with detail must be TLP:RED with named recipients%s", "");
    if (p->tlp == NIS5G_TLP_RED && p->n_recipients == 0)
        return malformed(err, "a TLP:RED package must name its recipients%s", "");
    v = json_object_get(pkg, "sections");
    if (!json_is_object(v))
        return malformed(err, "'sections' is not an object%s", "");
    json_object_foreach(v, key, val) {
        const struct nis5g_section_info *si = nis5g_section_find(key);
        if (!si)
            return malformed(err, "unknown section '%s'", key);
        if (si->level == NIS5G_SECTION_DETAIL && !p->detail)
            return malformed(err, "section '%s' holds detail but the package says detail: false", key);
        if (!json_is_array(val))
            return malformed(err, "section '%s' is not a list", key);
        for (size_t i = 0; i < json_array_size(val); i++)
            if (!json_is_object(json_array_get(val, i)))
                return malformed(err, "section '%s' holds something other than objects", key);
    }
    return 0;
}

int nis5g_package_parse(const char *bytes, size_t len, struct nis5g_package *p, struct nis5g_err *err)
{
    memset(p, 0, sizeof *p);
    struct nis5g_err local;
    if (!err)
        err = &local;
    if (len == 0)
        return nis5g_err_set(err, NIS5G_EPARSE, "malformed package: the file is empty");
    int nl = bytes[len - 1] == '\n';
    json_t *env;
    int rc = nis5g_canon_parse(bytes, len - nl, &env, err);
    if (rc) {
        char m[sizeof err->msg];
        snprintf(m, sizeof m, "%s", err->msg);
        return nis5g_err_set(err, rc, "%s: %s", rc == NIS5G_EPARSE ? "malformed package" : "altered", m);
    }
    if (!nl) {
        json_decref(env);
        return nis5g_err_set(err, NIS5G_EVERIFY, "altered: a package file ends with exactly one newline");
    }
    rc = 0;
    json_t *pkg = json_object_get(env, "package"), *sig = json_object_get(env, "signature");
    if (!json_is_object(env) || !json_is_object(pkg)) {
        rc = malformed(err, "no 'package' object%s", "");
        goto out;
    }
    if (!sig || json_is_null(sig)) {
        rc = nis5g_err_set(err, NIS5G_EVERIFY, "unsigned: the package has no signature");
        goto out;
    }
    if (json_object_size(env) != 2 || !json_is_object(sig) || json_object_size(sig) != 3) {
        rc = malformed(err, "the envelope must hold exactly 'package' and 'signature'%s", "");
        goto out;
    }
    const char *alg = get_str(sig, "algorithm"), *fpr = get_str(sig, "fingerprint"), *val = get_str(sig, "value");
    if (!alg || strcmp(alg, "ed25519") != 0) {
        rc = malformed(err, "unsupported signature algorithm '%s'", alg ? alg : "");
        goto out;
    }
    if (!fpr || strlen(fpr) != NIS5G_FPR_LEN || strspn(fpr, "0123456789abcdef") != NIS5G_FPR_LEN) {
        rc = malformed(err, "the signature's fingerprint is not %s lower-case hex digits", "32");
        goto out;
    }
    memcpy(p->fpr, fpr, NIS5G_FPR_LEN + 1);
    size_t got = 0;
    const char *stop;
    if (!val || sodium_base642bin(p->sig, sizeof p->sig, val, strlen(val), NULL, &got, &stop,
                                  sodium_base64_VARIANT_ORIGINAL) != 0 ||
        *stop || got != NIS5G_SIG_BYTES) {
        rc = malformed(err, "the signature value is not %s bytes of base64", "64");
        goto out;
    }
    if ((rc = parse_header(pkg, p, err)))
        goto out;
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_canon_dump(pkg, &b, NULL);
    p->body = nis5g_buf_detach(&b, &p->body_len);
    p->doc = json_incref(pkg);
out:
    json_decref(env);
    return rc;
}

int nis5g_package_verify(const struct nis5g_package *p, const struct nis5g_pubkey *key, struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    if (strcmp(p->fpr, key->fpr) != 0)
        return nis5g_err_set(err, NIS5G_EVERIFY,
                             "signed by an unknown key %s, not %s's trusted key %s", p->fpr, p->signer, key->fpr);
    if (crypto_sign_verify_detached(p->sig, (const unsigned char *)p->body, p->body_len, key->pk) != 0)
        return nis5g_err_set(err, NIS5G_EVERIFY,
                             "bad signature: the package was altered, or not signed with %s's key %s", p->signer,
                             key->fpr);
    return 0;
}

/* ---- the workspace ---- */

static void join_recipients(const struct nis5g_package *p, char *out, size_t size)
{
    size_t k = 0;
    out[0] = 0;
    for (size_t i = 0; i < p->n_recipients && k + 4 < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%s%s", i ? "," : "", p->recipients[i]);
}

/* The package in file, parsed. A device such as /dev/zero would be read
 * without end, so only files and pipes are read. */
static int read_package(const char *file, char **bytes, size_t *len, struct nis5g_package *p, struct nis5g_err *e)
{
    struct stat sb;
    if (stat(file, &sb) == 0 && (S_ISCHR(sb.st_mode) || S_ISBLK(sb.st_mode)))
        return nis5g_err_set(e, NIS5G_EINPUT, "a device, not a package file");
    if (nis5g_read_file(file, bytes, len))
        /* like import: a file the user named that cannot be read is bad input */
        return nis5g_err_set(e, NIS5G_EINPUT, "cannot read it: %s", strerror(errno));
    return nis5g_package_parse(*bytes, *len, p, e);
}

/* From a trusted peer (not this state), signed by its key, addressed to
 * this state when it names recipients. */
static int check_origin(struct nis5g_store *st, const struct nis5g_package *p, const char *own, struct nis5g_err *e)
{
    if (strcmp(p->signer, own) == 0)
        return nis5g_err_set(e, NIS5G_EDENIED, "it comes from this workspace's own state %s", own);
    struct nis5g_trusted t;
    int rc = nis5g_trust_get(st, p->signer, &t, e);
    if (rc == NIS5G_ENOTFOUND)
        return nis5g_err_set(e, NIS5G_EVERIFY,
                             "signed as %s by key %s, but %s is not trusted here (nis5g trust add %s KEYFILE)",
                             p->signer, p->fpr, p->signer, p->signer);
    if (rc || (rc = nis5g_package_verify(p, &t.key, e)))
        return rc;
    if (p->n_recipients) {
        size_t i = 0;
        while (i < p->n_recipients && strcmp(p->recipients[i], own) != 0)
            i++;
        if (i == p->n_recipients) {
            char to[200];
            join_recipients(p, to, sizeof to);
            return nis5g_err_set(e, NIS5G_EDENIED, "addressed to %s, not to %s", to, own);
        }
    }
    return 0;
}

/* Against the package already held from the signer for that snapshot:
 * 0 with *old_id (-1: none) and r->msg saying what happens; -1 when the
 * very same package is held (nothing to do); else a refusal. */
static int check_held(struct nis5g_store *st, const struct nis5g_package *p, int64_t *old_id,
                      struct nis5g_import_result *r, struct nis5g_err *e)
{
    sqlite3_stmt *s;
    *old_id = -1;
    if (sqlite3_prepare_v2(nis5g_store_db(st), "SELECT id, created, body FROM package WHERE signer = ? AND snapshot = ?",
                           -1, &s, NULL))
        return nis5g_store_error(st, e, "cannot read packages");
    sqlite3_bind_text(s, 1, p->signer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, p->snapshot, -1, SQLITE_TRANSIENT);
    int step = sqlite3_step(s), rc = 0;
    if (step == SQLITE_ROW) {
        *old_id = sqlite3_column_int64(s, 0);
        const char *held = (const char *)sqlite3_column_text(s, 1);
        int same = (size_t)sqlite3_column_bytes(s, 2) == p->body_len &&
                   memcmp(sqlite3_column_blob(s, 2), p->body, p->body_len) == 0;
        if (strcmp(held, p->created) > 0)
            rc = nis5g_err_set(e, NIS5G_EDENIED,
                               "older than the package already held from %s for snapshot %s (created %s, held %s)",
                               p->signer, p->snapshot, p->created, held);
        else if (same) {
            snprintf(r->msg, sizeof r->msg, "already held (%s, snapshot %s)", p->signer, p->snapshot);
            rc = -1;
        } else if (strcmp(held, p->created) == 0)
            /* Same version, other content: which came last cannot be told,
             * so accepting it would let anyone replay an earlier export of
             * that version over a later one (or a red detailed package and
             * a green aggregate one over each other). */
            rc = nis5g_err_set(e, NIS5G_EDENIED,
                               "differs from the package already held from %s for snapshot %s with the same "
                               "creation time %s; a new version needs a re-import of the snapshot by %s",
                               p->signer, p->snapshot, held, p->signer);
        else
            snprintf(r->msg, sizeof r->msg, "replaces the package held from %s for snapshot %s (created %s)",
                     p->signer, p->snapshot, held);
    } else if (step != SQLITE_DONE) {
        rc = nis5g_store_error(st, e, "cannot read packages");
    } else {
        snprintf(r->msg, sizeof r->msg, "accepted from %s, snapshot %s, %s", p->signer, p->snapshot,
                 nis5g_tlp_labels[p->tlp]);
    }
    sqlite3_finalize(s);
    return rc;
}

/* Replace the package held (old_id, or -1) with p. */
static int store_package(struct nis5g_store *st, const struct nis5g_package *p, int64_t old_id, const char *file,
                         const char *received_by, struct nis5g_err *e)
{
    sqlite3 *db = nis5g_store_db(st);
    sqlite3_stmt *s;
    int step;
    if (old_id >= 0) {
        if (sqlite3_prepare_v2(db, "DELETE FROM package WHERE id = ?", -1, &s, NULL))
            return nis5g_store_error(st, e, "cannot replace a package");
        sqlite3_bind_int64(s, 1, old_id);
        step = sqlite3_step(s);
        sqlite3_finalize(s);
        if (step != SQLITE_DONE)
            return nis5g_store_error(st, e, "cannot replace a package");
    }
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO package (signer, snapshot, created, tlp, recipients, detail, generator,"
                           " fingerprint, received_at, received_by, source, body, signature)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           -1, &s, NULL))
        return nis5g_store_error(st, e, "cannot store a package");
    char now[32], to[200];
    nis5g_utc_now(now);
    join_recipients(p, to, sizeof to);
    sqlite3_bind_text(s, 1, p->signer, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, p->snapshot, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 3, p->created, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 4, nis5g_tlp_names[p->tlp], -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, to, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, p->detail);
    sqlite3_bind_text(s, 7, p->generator, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, p->fpr, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 9, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 10, received_by ? received_by : "", -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 11, file, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob(s, 12, p->body, (int)p->body_len, SQLITE_STATIC);
    sqlite3_bind_blob(s, 13, p->sig, NIS5G_SIG_BYTES, SQLITE_STATIC);
    step = sqlite3_step(s);
    sqlite3_finalize(s);
    return step == SQLITE_DONE ? 0 : nis5g_store_error(st, e, "cannot store a package");
}

/* Check one package against the workspace and, when it passes, store it:
 * the file's bytes (mem NULL), or mem's len bytes recorded as from file. */
static int import_one(struct nis5g_store *st, const char *file, const char *mem, size_t mem_len, const char *own,
                      const char *received_by, struct nis5g_import_result *r)
{
    struct nis5g_err e = { 0 };
    char *bytes = NULL;
    size_t len = 0;
    struct nis5g_package p;
    memset(&p, 0, sizeof p);
    int64_t old_id = -1;
    int rc = mem ? nis5g_package_parse(mem, mem_len, &p, &e) : read_package(file, &bytes, &len, &p, &e);
    if (!rc) {
        memcpy(r->signer, p.signer, 3);
        memcpy(r->snapshot, p.snapshot, 11);
        memcpy(r->fpr, p.fpr, sizeof r->fpr);
        rc = check_origin(st, &p, own, &e);
    }
    if (!rc)
        rc = check_held(st, &p, &old_id, r, &e);
    if (!rc)
        rc = store_package(st, &p, old_id, file, received_by, &e);
    r->held = rc == -1;
    if (rc == -1)
        rc = 0; /* already held: nothing to do */
    else if (rc)
        snprintf(r->msg, sizeof r->msg, "%s", e.msg);
    r->code = rc;
    nis5g_package_release(&p);
    free(bytes);
    return rc;
}

int nis5g_package_import(struct nis5g_store *st, const char *const *files, size_t n, const char *own_state,
                         const char *received_by, struct nis5g_import_result *res, struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    memset(res, 0, n * sizeof *res);
    int own;
    if ((rc = nis5g_store_begin(st, "import_packages", &own, err)))
        return rc;
    int first = 0;
    size_t refused = 0;
    for (size_t i = 0; i < n; i++) {
        int r = import_one(st, files[i], NULL, 0, own_state, received_by, &res[i]);
        if (r && !first)
            first = r;
        refused += r != 0;
    }
    if (first) {
        nis5g_store_end(st, "import_packages", own, first, err);
        return nis5g_err_set(err, first, "nothing imported: %zu of %zu package%s refused", refused, n,
                             n == 1 ? "" : "s");
    }
    return nis5g_store_end(st, "import_packages", own, 0, err);
}

int nis5g_package_import_bytes(struct nis5g_store *st, const char *bytes, size_t len, const char *source,
                               const char *own_state, const char *received_by, struct nis5g_import_result *res,
                               struct nis5g_err *err)
{
    int rc = nis5g_crypto_init(err);
    if (rc)
        return rc;
    memset(res, 0, sizeof *res);
    int own;
    if ((rc = nis5g_store_begin(st, "import_package_bytes", &own, err)))
        return rc;
    rc = import_one(st, source, bytes, len, own_state, received_by, res);
    if (rc) {
        nis5g_store_end(st, "import_package_bytes", own, rc, err);
        return nis5g_err_set(err, rc, "%s", res->msg);
    }
    return nis5g_store_end(st, "import_package_bytes", own, 0, err);
}

int nis5g_packages_held(struct nis5g_store *st, int latest_only, struct nis5g_held **list, size_t *n,
                        json_t **docs, struct nis5g_err *err)
{
    *list = NULL;
    *n = 0;
    if (docs)
        *docs = json_array();
    const char *sql =
        latest_only
            ? "SELECT id, signer, snapshot, created, tlp, recipients, detail, generator, fingerprint, received_at,"
              " received_by, source, body FROM package p WHERE snapshot = (SELECT max(snapshot) FROM package q"
              " WHERE q.signer = p.signer) ORDER BY signer"
            : "SELECT id, signer, snapshot, created, tlp, recipients, detail, generator, fingerprint, received_at,"
              " received_by, source, body FROM package ORDER BY signer, snapshot";
    sqlite3_stmt *s;
    if (sqlite3_prepare_v2(nis5g_store_db(st), sql, -1, &s, NULL))
        return nis5g_store_error(st, err, "cannot list packages");
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            *list = nis5g_xreallocarray(*list, cap, sizeof **list);
        }
        struct nis5g_held *h = &(*list)[(*n)++];
        memset(h, 0, sizeof *h);
        h->id = sqlite3_column_int64(s, 0);
#define COPY(f, c) snprintf(h->f, sizeof h->f, "%s", (const char *)sqlite3_column_text(s, c))
        COPY(signer, 1);
        COPY(snapshot, 2);
        COPY(created, 3);
        h->tlp = nis5g_tlp_parse((const char *)sqlite3_column_text(s, 4));
        COPY(recipients, 5);
        h->detail = sqlite3_column_int(s, 6);
        COPY(generator, 7);
        COPY(fpr, 8);
        COPY(received_at, 9);
        COPY(received_by, 10);
        COPY(source, 11);
#undef COPY
        if (docs) {
            json_error_t je;
            json_t *d = json_loadb(sqlite3_column_blob(s, 12), (size_t)sqlite3_column_bytes(s, 12), 0, &je);
            json_array_append_new(*docs, d ? d : json_null());
        }
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) {
        free(*list);
        *list = NULL;
        *n = 0;
        if (docs) {
            json_decref(*docs);
            *docs = NULL;
        }
        return nis5g_store_error(st, err, "cannot list packages");
    }
    return 0;
}
