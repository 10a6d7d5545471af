/*
 * test-keys.c — Member State keys and the workspace's trusted keys
 * (keys.h): key files written by keygen read back as the same key (also
 * with CRLF line ends), a signature by the secret half verifies with the
 * public half and with nothing changed, fingerprints are stable, and
 * trust add/list/remove keep one key per state.
 */
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/keys.h"
#include "nis5g/store.h"

static char dir[64];

static const char *path_in(char *out, size_t n, const char *name)
{
    snprintf(out, n, "%s/%s", dir, name);
    return out;
}

static void write_text(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    ASSERT(f != NULL);
    if (!f)
        return;
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

static char *read_text(const char *path)
{
    char *data = NULL;
    size_t len;
    if (nis5g_read_file(path, &data, &len))
        return NULL;
    return data;
}

/* A copy of text with every "\n" turned into "\r\n". */
static char *crlf(const char *text)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            nis5g_buf_addch(&b, '\r');
        nis5g_buf_addch(&b, *p);
    }
    return nis5g_buf_detach(&b, NULL);
}

static void same_pub(const struct nis5g_pubkey *a, const struct nis5g_pubkey *b)
{
    ASSERT_EQ_STR(a->state, b->state);
    ASSERT_EQ_MEM(a->pk, b->pk, NIS5G_PK_BYTES);
    ASSERT_EQ_STR(a->fpr, b->fpr);
}

SETUP
{
    if (sodium_init() < 0)
        return -1;
    snprintf(dir, sizeof dir, "/tmp/nis5g-test-keys-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

TEARDOWN
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) != 0;
}

TEST(keygen_round_trip)
{
    char sk_path[128], pk_path[128];
    path_in(sk_path, sizeof sk_path, "se.key");
    path_in(pk_path, sizeof pk_path, "se.key.pub");
    struct nis5g_pubkey pub;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_keygen("SE", sk_path, &pub, &err), 0);
    ASSERT_EQ_STR(pub.state, "SE");
    ASSERT_EQ_INT(strlen(pub.fpr), NIS5G_FPR_LEN);

    struct stat sb;
    ASSERT_EQ_INT(stat(sk_path, &sb), 0);
    ASSERT_EQ_INT(sb.st_mode & 0777, 0600);
    ASSERT_EQ_INT(stat(pk_path, &sb), 0);
    ASSERT_EQ_INT(sb.st_mode & 0777, 0644);

    /* the files' text: a header line, then the base64 key */
    char *text = read_text(pk_path);
    struct nis5g_buf want = NIS5G_BUF_INIT;
    nis5g_pubkey_format(&pub, &want);
    ASSERT_EQ_STR(text, want.data);
    ASSERT(text && strncmp(text, "nis5g-public-key 1 SE\n", 22) == 0 && strlen(text) == 22 + 44 + 1);
    free(text);
    nis5g_buf_release(&want);
    text = read_text(sk_path);
    ASSERT(text && strncmp(text, "nis5g-secret-key 1 SE\n", 22) == 0 && strlen(text) == 22 + 88 + 1);
    free(text);

    struct nis5g_pubkey p2;
    ASSERT_EQ_INT(nis5g_pubkey_read(pk_path, &p2, &err), 0);
    same_pub(&pub, &p2);
    struct nis5g_seckey s2;
    ASSERT_EQ_INT(nis5g_seckey_read(sk_path, &s2, &err), 0);
    ASSERT_EQ_STR(s2.state, "SE");
    same_pub(&pub, &s2.pub);
    ASSERT_EQ_MEM(s2.sk + 32, pub.pk, NIS5G_PK_BYTES); /* libsodium: seed, then public key */

    /* keys are never overwritten, the secret nor the public file */
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_keygen("SE", sk_path, &p2, &err), NIS5G_EEXIST);
    ASSERT(strstr(err.msg, "keys are never overwritten") != NULL);
    char other[128];
    path_in(other, sizeof other, "other.key");
    char other_pub[140];
    snprintf(other_pub, sizeof other_pub, "%s.pub", other);
    write_text(other_pub, "x\n", 0644);
    ASSERT_EQ_INT(nis5g_keygen("SE", other, &p2, &err), NIS5G_EEXIST);
    ASSERT(access(other, F_OK) != 0); /* nothing written */
    unlink(other_pub);

    /* "EL" is Greece, stored as GR; a code that is no state is refused */
    char gr[128];
    path_in(gr, sizeof gr, "gr.key");
    ASSERT_EQ_INT(nis5g_keygen("EL", gr, &p2, &err), 0);
    ASSERT_EQ_STR(p2.state, "GR");
    memset(&err, 0, sizeof err);
    char xx[128];
    path_in(xx, sizeof xx, "xx.key");
    ASSERT_EQ_INT(nis5g_keygen("XX", xx, &p2, &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "expected a state as an ISO 3166-1 code such as SE, got 'XX'");
    ASSERT(access(xx, F_OK) != 0);
}

TEST(signature_verifies_and_nothing_else)
{
    char sk_path[128], pk_path[128];
    path_in(sk_path, sizeof sk_path, "sig.key");
    path_in(pk_path, sizeof pk_path, "sig.key.pub");
    struct nis5g_pubkey gen, pub;
    struct nis5g_seckey sec;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_keygen("FI", sk_path, &gen, &err), 0);
    ASSERT_EQ_INT(nis5g_seckey_read(sk_path, &sec, &err), 0);
    ASSERT_EQ_INT(nis5g_pubkey_read(pk_path, &pub, &err), 0);

    unsigned char msg[200], sig[NIS5G_SIG_BYTES];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (unsigned char)(i * 7 + 3);
    ASSERT_EQ_INT(crypto_sign_detached(sig, NULL, msg, sizeof msg, sec.sk), 0);
    ASSERT_EQ_INT(crypto_sign_verify_detached(sig, msg, sizeof msg, pub.pk), 0);
    int accepted = 0;
    for (size_t i = 0; i < sizeof msg; i++) {
        msg[i] ^= 0xff;
        accepted += crypto_sign_verify_detached(sig, msg, sizeof msg, pub.pk) == 0;
        msg[i] ^= 0xff;
    }
    ASSERT_EQ_INT(accepted, 0);
    for (size_t i = 0; i < sizeof sig; i++) {
        sig[i] ^= 0xff;
        accepted += crypto_sign_verify_detached(sig, msg, sizeof msg, pub.pk) == 0;
        sig[i] ^= 0xff;
    }
    ASSERT_EQ_INT(accepted, 0);
    /* another key does not verify it */
    char sk2[128];
    path_in(sk2, sizeof sk2, "sig2.key");
    struct nis5g_pubkey other;
    ASSERT_EQ_INT(nis5g_keygen("FI", sk2, &other, &err), 0);
    ASSERT(crypto_sign_verify_detached(sig, msg, sizeof msg, other.pk) != 0);
    ASSERT(strcmp(other.fpr, pub.fpr) != 0);
    ASSERT_EQ_INT(crypto_sign_verify_detached(sig, msg, sizeof msg, pub.pk), 0);
}

TEST(fingerprints_are_stable)
{
    /* BLAKE2b-128 of the public key, lower-case hex:
     * python3 -c "import hashlib; print(hashlib.blake2b(bytes(32), digest_size=16).hexdigest())" */
    unsigned char pk[NIS5G_PK_BYTES] = { 0 };
    char fpr[NIS5G_FPR_LEN + 1];
    nis5g_fingerprint(pk, fpr);
    ASSERT_EQ_STR(fpr, "ff0f22492f44bac4c4b30ae58d0e8daa");
    for (int i = 0; i < NIS5G_PK_BYTES; i++)
        pk[i] = (unsigned char)i;
    nis5g_fingerprint(pk, fpr);
    ASSERT_EQ_STR(fpr, "f39a2cad58411cd49f577e5086b8031f");

    /* a key read twice, or through its secret file, has one fingerprint */
    char sk_path[128], pk_path[128];
    path_in(sk_path, sizeof sk_path, "fpr.key");
    path_in(pk_path, sizeof pk_path, "fpr.key.pub");
    struct nis5g_pubkey gen, a, b;
    struct nis5g_seckey s;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_keygen("DE", sk_path, &gen, &err), 0);
    ASSERT_EQ_INT(nis5g_pubkey_read(pk_path, &a, &err), 0);
    ASSERT_EQ_INT(nis5g_pubkey_read(pk_path, &b, &err), 0);
    ASSERT_EQ_INT(nis5g_seckey_read(sk_path, &s, &err), 0);
    ASSERT_EQ_STR(a.fpr, gen.fpr);
    ASSERT_EQ_STR(b.fpr, gen.fpr);
    ASSERT_EQ_STR(s.pub.fpr, gen.fpr);
    nis5g_fingerprint(gen.pk, fpr);
    ASSERT_EQ_STR(fpr, gen.fpr);
}

TEST(crlf_key_file_is_the_same_key)
{
    char sk_path[128], pk_path[128], sk_crlf[128], pk_crlf[128];
    path_in(sk_path, sizeof sk_path, "crlf.key");
    path_in(pk_path, sizeof pk_path, "crlf.key.pub");
    path_in(sk_crlf, sizeof sk_crlf, "crlf-dos.key");
    path_in(pk_crlf, sizeof pk_crlf, "crlf-dos.key.pub");
    struct nis5g_pubkey gen, a;
    struct nis5g_seckey s;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_keygen("NL", sk_path, &gen, &err), 0);
    char *t = read_text(pk_path), *d = t ? crlf(t) : NULL;
    ASSERT(d && strstr(d, "\r\n") != NULL);
    if (d)
        write_text(pk_crlf, d, 0644);
    free(t);
    free(d);
    ASSERT_EQ_INT(nis5g_pubkey_read(pk_crlf, &a, &err), 0);
    same_pub(&gen, &a);
    t = read_text(sk_path);
    d = t ? crlf(t) : NULL;
    if (d)
        write_text(sk_crlf, d, 0600);
    free(t);
    free(d);
    ASSERT_EQ_INT(nis5g_seckey_read(sk_crlf, &s, &err), 0);
    same_pub(&gen, &s.pub);
}

TEST(bad_key_files_refused)
{
    char sk_path[128], pk_path[128], bad[128];
    path_in(sk_path, sizeof sk_path, "bad.key");
    path_in(pk_path, sizeof pk_path, "bad.key.pub");
    path_in(bad, sizeof bad, "bad.txt");
    struct nis5g_pubkey gen, p;
    struct nis5g_seckey s;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_keygen("SE", sk_path, &gen, &err), 0);

    /* a public key is not a secret key, nor the other way round */
    ASSERT_EQ_INT(nis5g_seckey_read(pk_path, &s, &err), NIS5G_EDENIED); /* 0644 first */
    chmod(pk_path, 0600);
    ASSERT_EQ_INT(nis5g_seckey_read(pk_path, &s, &err), NIS5G_EPARSE);
    chmod(pk_path, 0644);
    ASSERT_EQ_INT(nis5g_pubkey_read(sk_path, &p, &err), NIS5G_EPARSE);

    /* a secret key others may read */
    chmod(sk_path, 0640);
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_seckey_read(sk_path, &s, &err), NIS5G_EDENIED);
    ASSERT(strstr(err.msg, "chmod 600") != NULL);
    chmod(sk_path, 0600);

    /* a secret key whose public half does not match its seed */
    char *t = read_text(sk_path);
    if (t) {
        struct nis5g_seckey good;
        ASSERT_EQ_INT(nis5g_seckey_read(sk_path, &good, &err), 0);
        good.sk[40] ^= 1;
        char b64[sodium_base64_ENCODED_LEN(NIS5G_SK_BYTES, sodium_base64_VARIANT_ORIGINAL)];
        sodium_bin2base64(b64, sizeof b64, good.sk, NIS5G_SK_BYTES, sodium_base64_VARIANT_ORIGINAL);
        struct nis5g_buf b = NIS5G_BUF_INIT;
        nis5g_buf_addf(&b, "nis5g-secret-key 1 SE\n%s\n", b64);
        write_text(bad, b.data, 0600);
        nis5g_buf_release(&b);
        memset(&err, 0, sizeof err);
        ASSERT_EQ_INT(nis5g_seckey_read(bad, &s, &err), NIS5G_EPARSE);
        ASSERT(strstr(err.msg, "damaged") != NULL);
        free(t);
    }

    /* headers and bodies that are not a key */
    const char *texts[] = {
        "",
        "nis5g-public-key 1 SE",                                  /* no newline, no key */
        "nis5g-public-key 2 SE\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", /* version */
        "nis5g-public-key 1 XX\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", /* state */
        "nis5g-public-key 1 SEX\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n",
        "nis5g-public-key 1 SE\nAAAA\n",                           /* too short */
        "nis5g-public-key 1 SE\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=AAAA\n",
        "nis5g-public-key 1 SE\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*=\n", /* not base64 */
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        write_text(bad, texts[i], 0644);
        memset(&err, 0, sizeof err);
        int rc = nis5g_pubkey_read(bad, &p, &err);
        CHECK_(rc == NIS5G_EPARSE, "text %zu: %d != NIS5G_EPARSE (%s)", i, rc, err.msg);
        CHECK_(strstr(err.msg, bad) != NULL, "text %zu: the message does not name the file: %s", i, err.msg);
    }
    write_text(bad, "nis5g-public-key 1 SE\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", 0644);
    ASSERT_EQ_INT(nis5g_pubkey_read(bad, &p, &err), 0); /* the control: 32 zero bytes */
    ASSERT_EQ_STR(p.fpr, "ff0f22492f44bac4c4b30ae58d0e8daa");
    char missing[128];
    path_in(missing, sizeof missing, "missing.pub");
    ASSERT_EQ_INT(nis5g_pubkey_read(missing, &p, &err), NIS5G_EIO);
}

/* A public key of state cc (not written to a file). */
static void mk_pub(const char *cc, struct nis5g_pubkey *k)
{
    unsigned char sk[NIS5G_SK_BYTES];
    memset(k, 0, sizeof *k);
    crypto_sign_keypair(k->pk, sk);
    snprintf(k->state, sizeof k->state, "%s", cc);
    nis5g_fingerprint(k->pk, k->fpr);
}

TEST(trust_add_list_remove)
{
    char db[128];
    path_in(db, sizeof db, "trust.db");
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, &err), 0);
    if (!st)
        return;
    struct nis5g_trusted *list = NULL;
    size_t n = 99;
    ASSERT_EQ_INT(nis5g_trust_list(st, &list, &n, &err), 0);
    ASSERT_EQ_INT(n, 0);
    free(list);

    struct nis5g_pubkey se, se2, fi;
    mk_pub("SE", &se);
    mk_pub("SE", &se2);
    mk_pub("FI", &fi);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se, "alice", 0, &err), 0);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se, "bob", 0, &err), 0); /* the same key again: nothing changes */
    ASSERT_EQ_INT(nis5g_trust_add(st, &fi, "alice", 0, &err), 0);
    ASSERT_EQ_INT(nis5g_trust_list(st, &list, &n, &err), 0);
    ASSERT_EQ_INT(n, 2);
    if (n == 2) {
        ASSERT_EQ_STR(list[0].key.state, "FI"); /* by state */
        ASSERT_EQ_STR(list[1].key.state, "SE");
        same_pub(&list[1].key, &se);
        same_pub(&list[0].key, &fi);
        ASSERT_EQ_STR(list[1].added_by, "alice");
        ASSERT_EQ_INT(strlen(list[1].added_at), 20); /* 2026-11-27T10:00:00Z */
    }
    free(list);

    /* another key for a state already trusted: refused unless replacing */
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se2, "alice", 0, &err), NIS5G_EEXIST);
    ASSERT(strstr(err.msg, "already trusted with another key") != NULL);
    ASSERT(strstr(err.msg, se.fpr) != NULL);
    struct nis5g_trusted got;
    ASSERT_EQ_INT(nis5g_trust_get(st, "SE", &got, &err), 0);
    same_pub(&got.key, &se);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se2, "carol", 1, &err), 0);
    ASSERT_EQ_INT(nis5g_trust_get(st, "SE", &got, &err), 0);
    same_pub(&got.key, &se2);
    ASSERT_EQ_STR(got.added_by, "carol");

    /* remove */
    ASSERT_EQ_INT(nis5g_trust_remove(st, "SE", &err), 0);
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_trust_remove(st, "SE", &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_STR(err.msg, "no trusted key for 'SE'");
    ASSERT_EQ_INT(nis5g_trust_get(st, "SE", &got, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_trust_list(st, &list, &n, &err), 0);
    ASSERT_EQ_INT(n, 1);
    if (n == 1)
        same_pub(&list[0].key, &fi);
    free(list);
    /* the old SE key can come back once SE is forgotten */
    ASSERT_EQ_INT(nis5g_trust_add(st, &se, "alice", 0, &err), 0);

    /* the workspace's own identity */
    struct nis5g_pubkey id;
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_identity_get(st, &id, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_identity_set(st, &fi, &err), 0);
    ASSERT_EQ_INT(nis5g_identity_get(st, &id, &err), 0);
    same_pub(&id, &fi);
    ASSERT_EQ_INT(nis5g_identity_set(st, &se2, &err), 0);
    ASSERT_EQ_INT(nis5g_identity_get(st, &id, &err), 0);
    same_pub(&id, &se2);
    nis5g_store_close(st);

    /* and it is all still there after reopening, read-only */
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_READONLY, &st, &err), 0);
    if (!st)
        return;
    ASSERT_EQ_INT(nis5g_trust_list(st, &list, &n, &err), 0);
    ASSERT_EQ_INT(n, 2);
    free(list);
    ASSERT_EQ_INT(nis5g_identity_get(st, &id, &err), 0);
    same_pub(&id, &se2);
    nis5g_store_close(st);
}

TEST(states)
{
    char out[3];
    struct nis5g_err err = { 0 };
    ASSERT(nis5g_state_valid("SE"));
    ASSERT(nis5g_state_valid("EL"));
    ASSERT(!nis5g_state_valid("se"));
    ASSERT(!nis5g_state_valid("S"));
    ASSERT(!nis5g_state_valid("SWE"));
    ASSERT(!nis5g_state_valid(NULL));
    ASSERT_EQ_INT(nis5g_state_norm("EL", out, &err), 0);
    ASSERT_EQ_STR(out, "GR");
    ASSERT_EQ_INT(nis5g_state_norm("FI", out, &err), 0);
    ASSERT_EQ_STR(out, "FI");
    ASSERT_EQ_INT(nis5g_state_norm("", out, &err), NIS5G_EUSAGE);
}

/* A key is one state's: the same key bytes under another state's header
 * (a copied key file with its first line edited) are refused, and the
 * first state keeps its key. */
TEST(key_of_one_state_refused_for_another)
{
    char db[128];
    path_in(db, sizeof db, "trust2.db");
    struct nis5g_store *st = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, &err), 0);
    if (!st)
        return;
    struct nis5g_pubkey fi, dk;
    mk_pub("FI", &fi);
    ASSERT_EQ_INT(nis5g_trust_add(st, &fi, "alice", 0, &err), 0);
    dk = fi;
    snprintf(dk.state, sizeof dk.state, "DK");
    memset(&err, 0, sizeof err);
    ASSERT_EQ_INT(nis5g_trust_add(st, &dk, "alice", 0, &err), NIS5G_EEXIST);
    ASSERT(strstr(err.msg, "already trusted for another state") != NULL);
    struct nis5g_trusted got;
    ASSERT_EQ_INT(nis5g_trust_get(st, "DK", &got, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_trust_get(st, "FI", &got, &err), 0);
    nis5g_store_close(st);
}
