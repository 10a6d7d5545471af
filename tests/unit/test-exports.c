/* test-exports.c — four-eyes exports (exports.c): who may receive what
 * under TLP, the approval's rules (not the preparer, the exact digest,
 * once), bytes altered after the approval refused, the pull progress, and
 * a package imported from bytes (held again: counted, not an error). */
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/exports.h"
#include "nis5g/package.h"

static char dir[64];

static struct nis5g_prepared prep(const char *tlp, const char *to)
{
    struct nis5g_prepared p;
    memset(&p, 0, sizeof p);
    snprintf(p.tlp, sizeof p.tlp, "%s", tlp);
    snprintf(p.recipients, sizeof p.recipients, "%s", to);
    return p;
}

TEST(visible_under_tlp)
{
    struct nis5g_prepared p = prep("green", "");
    ASSERT(nis5g_exports_visible(&p, "DE"));
    p = prep("clear", "");
    ASSERT(nis5g_exports_visible(&p, "FI"));
    p = prep("amber", "");
    ASSERT(!nis5g_exports_visible(&p, "DE"));
    p = prep("amber+strict", "");
    ASSERT(!nis5g_exports_visible(&p, "DE"));
    p = prep("amber", "DE,FI");
    ASSERT(nis5g_exports_visible(&p, "DE") && nis5g_exports_visible(&p, "FI"));
    ASSERT(!nis5g_exports_visible(&p, "FR") && !nis5g_exports_visible(&p, "D") && !nis5g_exports_visible(&p, "DEX"));
    p = prep("green", "FR");
    ASSERT(!nis5g_exports_visible(&p, "DE") && nis5g_exports_visible(&p, "FR"));
    p = prep("red", "AT,BE,DE");
    ASSERT(nis5g_exports_visible(&p, "DE") && !nis5g_exports_visible(&p, "FI"));
}

static char *signed_pkg(const struct nis5g_seckey *k, int tlp, const char *to, size_t *len)
{
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    memcpy(o.state, k->state, 3);
    o.tlp = tlp;
    for (const char *p = to; p && *p; p += p[2] ? 3 : 2)
        memcpy(o.to[o.n_to++], p, 2);
    memcpy(o.snapshot, "2026-11-27", 11);
    snprintf(o.created, sizeof o.created, "2026-11-27T10:00:00Z");
    json_t *p = nis5g_package_new(&o, json_pack("{s:[]}", "national_shares"));
    struct nis5g_buf b = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_package_sign(p, k, &b, NULL), 0);
    json_decref(p);
    return nis5g_buf_detach(&b, len);
}

static void mk_key(const char *cc, struct nis5g_seckey *k)
{
    memset(k, 0, sizeof *k);
    crypto_sign_keypair(k->pub.pk, k->sk);
    memcpy(k->state, cc, 3);
    memcpy(k->pub.state, cc, 3);
    nis5g_fingerprint(k->pub.pk, k->pub.fpr);
}

TEST(approval_rules_and_altered_bytes)
{
    char db[128];
    snprintf(db, sizeof db, "%s/a.db", dir);
    struct nis5g_store *st;
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, NULL), 0);
    struct nis5g_seckey se;
    mk_key("SE", &se);
    size_t len;
    char *b = signed_pkg(&se, NIS5G_TLP_AMBER, "DE", &len);
    char digest[NIS5G_DIGEST_HEX + 1];
    unsigned char h[32];
    crypto_hash_sha256(h, (const unsigned char *)b, len);
    sodium_bin2hex(digest, sizeof digest, h, sizeof h);
    int64_t id = 0, version = 0;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_exports_prepare(st, b, len, "ann", &id, &err), 0);
    ASSERT_EQ_INT(id, 1);
    struct nis5g_prepared p;
    ASSERT_EQ_INT(nis5g_exports_get(st, id, &p, &err), 0);
    ASSERT_EQ_STR(p.digest, digest);
    ASSERT_EQ_STR(p.recipients, "DE");
    ASSERT_EQ_STR(p.tlp, "amber");
    ASSERT_EQ_INT(p.version, 0);
    ASSERT_EQ_INT((int)p.size, (int)len);
    /* nothing approved: nothing listed for peers, no bytes as approved */
    struct nis5g_prepared *v;
    size_t n;
    struct nis5g_exports_filter f = { .peer_state = "DE" };
    ASSERT_EQ_INT(nis5g_exports_list(st, &f, &v, &n, &err), 0);
    ASSERT_EQ_INT((int)n, 0);
    free(v);
    struct nis5g_buf out = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_exports_bytes(st, id, 1, &out, &err), NIS5G_ENOTFOUND);
    /* the preparer, a wrong digest, an absent export */
    ASSERT_EQ_INT(nis5g_exports_approve(st, id, "ann", digest, &version, &err), NIS5G_EDENIED);
    ASSERT_EQ_INT(nis5g_exports_approve(st, id, "bob", "00", &version, &err), NIS5G_EEXIST);
    ASSERT_EQ_INT(nis5g_exports_approve(st, 7, "bob", digest, &version, &err), NIS5G_ENOTFOUND);
    ASSERT_EQ_INT(nis5g_exports_approve(st, id, "bob", digest, &version, &err), 0);
    ASSERT_EQ_INT(version, 1);
    ASSERT_EQ_INT(nis5g_exports_approve(st, id, "cid", digest, &version, &err), NIS5G_EEXIST);
    ASSERT_EQ_INT(nis5g_exports_get(st, id, &p, &err), 0);
    ASSERT_EQ_STR(p.approved_by, "bob");
    ASSERT_EQ_INT(p.version, 1);
    ASSERT_EQ_INT(nis5g_exports_list(st, &f, &v, &n, &err), 0);
    ASSERT_EQ_INT((int)n, 1);
    free(v);
    f.peer_state = "FI";
    ASSERT_EQ_INT(nis5g_exports_list(st, &f, &v, &n, &err), 0);
    ASSERT_EQ_INT((int)n, 0);
    free(v);
    ASSERT_EQ_INT(nis5g_exports_bytes(st, id, 1, &out, &err), 0);
    ASSERT_EQ_INT((int)out.len, (int)len);
    ASSERT_EQ_MEM(out.data, b, len);
    /* one byte changed in the row after the approval: refused */
    ASSERT_EQ_INT(sqlite3_exec(nis5g_store_db(st),
                               "UPDATE prepared_export SET bytes = CAST(replace(CAST(bytes AS TEXT), 'amber', 'green')"
                               " AS BLOB)",
                               NULL, NULL, NULL),
                  0);
    nis5g_buf_reset(&out);
    ASSERT_EQ_INT(nis5g_exports_bytes(st, id, 1, &out, &err), NIS5G_EVERIFY);
    ASSERT(strstr(err.msg, "altered bytes refused") != NULL);
    ASSERT_EQ_INT((int)out.len, 0);
    /* the database refuses an approval by the preparer too */
    ASSERT(sqlite3_exec(nis5g_store_db(st), "UPDATE prepared_export SET approved_by = 'ann'", NULL, NULL, NULL) != 0);
    nis5g_buf_release(&out);
    free(b);
    nis5g_store_close(st);
}

TEST(pull_progress_and_import_bytes)
{
    char db[128];
    snprintf(db, sizeof db, "%s/b.db", dir);
    struct nis5g_store *st;
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, NULL), 0);
    struct nis5g_err err = { 0 };
    int64_t v = 9;
    ASSERT_EQ_INT(nis5g_pull_progress_get(st, "http://a", &v, &err), 0);
    ASSERT_EQ_INT(v, 0);
    ASSERT_EQ_INT(nis5g_pull_progress_set(st, "http://a", 3, &err), 0);
    ASSERT_EQ_INT(nis5g_pull_progress_set(st, "http://a", 5, &err), 0);
    ASSERT_EQ_INT(nis5g_pull_progress_get(st, "http://a", &v, &err), 0);
    ASSERT_EQ_INT(v, 5);
    ASSERT_EQ_INT(nis5g_pull_progress_get(st, "http://b", &v, &err), 0);
    ASSERT_EQ_INT(v, 0);
    struct nis5g_seckey se;
    mk_key("SE", &se);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se.pub, "t", 0, NULL), 0);
    size_t len;
    char *b = signed_pkg(&se, NIS5G_TLP_AMBER, "DE", &len);
    struct nis5g_import_result r;
    ASSERT_EQ_INT(nis5g_package_import_bytes(st, b, len, "http://a/api/v1/packages/1", "FI", "me", &r, &err),
                  NIS5G_EDENIED);
    ASSERT(strstr(r.msg, "not to FI") != NULL);
    ASSERT_EQ_INT(nis5g_package_import_bytes(st, b, len, "http://a/api/v1/packages/1", "DE", "me", &r, &err), 0);
    ASSERT_EQ_INT(r.held, 0);
    ASSERT_EQ_INT(nis5g_package_import_bytes(st, b, len, "http://a/api/v1/packages/1", "DE", "me", &r, &err), 0);
    ASSERT_EQ_INT(r.held, 1);
    b[len / 2] ^= 1;
    ASSERT(nis5g_package_import_bytes(st, b, len, "x", "DE", "me", &r, &err) != 0);
    sqlite3_stmt *s;
    ASSERT_EQ_INT(sqlite3_prepare_v2(nis5g_store_db(st), "SELECT count(*), min(source) FROM package", -1, &s, NULL), 0);
    ASSERT_EQ_INT(sqlite3_step(s), SQLITE_ROW);
    ASSERT_EQ_INT(sqlite3_column_int(s, 0), 1);
    ASSERT_EQ_STR((const char *)sqlite3_column_text(s, 1), "http://a/api/v1/packages/1");
    sqlite3_finalize(s);
    free(b);
    nis5g_store_close(st);
}

SETUP
{
    if (sodium_init() < 0)
        return -1;
    snprintf(dir, sizeof dir, "/tmp/nis5g-exports-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

TEARDOWN
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) != 0;
}
