/* test-package.c — national packages: sign/verify round trip, every
 * flipped byte refused, wrong and unknown keys, recipients, age, malformed
 * and unsigned files, all-or-nothing import with provenance, export
 * option checks, determinism, and the EU view's known answers on
 * hand-made packages. */
#include <sodium.h>
#include <sqlite3.h>
#include <unistd.h>

#include "harness.h"
#include "base/canon.h"
#include "nis5g/eu.h"
#include "nis5g/package.h"

static char dir[64];

static void mk_key(const char *cc, struct nis5g_seckey *k)
{
    memset(k, 0, sizeof *k);
    crypto_sign_keypair(k->pub.pk, k->sk);
    memcpy(k->state, cc, 3);
    memcpy(k->pub.state, cc, 3);
    nis5g_fingerprint(k->pub.pk, k->pub.fpr);
}

static json_t *sections_small(void)
{
    json_error_t je;
    return json_loads("{\"national_shares\":[{\"domain\":\"ran\",\"elements\":10,\"hhi\":5200,"
                      "\"vendors\":[{\"vendor\":\"Huawei\",\"elements\":6,\"share\":0.6},"
                      "{\"vendor\":\"Ericsson\",\"elements\":4,\"share\":0.4}]}],"
                      "\"suppliers\":[{\"vendor\":\"Huawei\",\"designation\":\"high\"}]}",
                      0, &je);
}

static void opts(struct nis5g_export_opts *o, const char *state, int tlp, const char *to, const char *created)
{
    memset(o, 0, sizeof *o);
    memcpy(o->state, state, 3);
    o->tlp = tlp;
    for (const char *p = to; p && *p; p += p[2] ? 3 : 2)
        memcpy(o->to[o->n_to++], p, 2);
    memcpy(o->snapshot, "2026-11-27", 11);
    snprintf(o->created, sizeof o->created, "%s", created);
}

/* The bytes of a signed package. */
static char *signed_pkg(const struct nis5g_seckey *k, int tlp, const char *to, const char *created, size_t *len)
{
    struct nis5g_export_opts o;
    opts(&o, k->state, tlp, to, created);
    json_t *p = nis5g_package_new(&o, sections_small());
    struct nis5g_buf b = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_package_sign(p, k, &b, NULL), 0);
    json_decref(p);
    return nis5g_buf_detach(&b, len);
}

static const char *put(const char *name, const char *data, size_t len)
{
    static char path[8][128];
    static int i;
    char *p = path[i++ % 8];
    snprintf(p, 128, "%s/%s", dir, name);
    FILE *f = fopen(p, "wb");
    fwrite(data, 1, len, f);
    fclose(f);
    return p;
}

TEST(sign_verify_round_trip)
{
    struct nis5g_seckey se, other;
    mk_key("SE", &se);
    mk_key("SE", &other);
    size_t len;
    char *b = signed_pkg(&se, NIS5G_TLP_AMBER, "DE,FR", "2026-11-27T10:00:00Z", &len);
    struct nis5g_package p;
    struct nis5g_err e = { 0 };
    ASSERT_EQ_INT(nis5g_package_parse(b, len, &p, &e), 0);
    ASSERT_EQ_STR(p.signer, "SE");
    ASSERT_EQ_INT(p.tlp, NIS5G_TLP_AMBER);
    ASSERT_EQ_INT(p.n_recipients, 2);
    ASSERT_EQ_STR(p.recipients[0], "DE");
    ASSERT_EQ_STR(p.recipients[1], "FR");
    ASSERT_EQ_STR(p.snapshot, "2026-11-27");
    ASSERT_EQ_STR(p.created, "2026-11-27T10:00:00Z");
    ASSERT_EQ_STR(p.fpr, se.pub.fpr);
    ASSERT_EQ_INT(nis5g_package_verify(&p, &se.pub, &e), 0);
    /* wrong key: another key of the same state */
    ASSERT_EQ_INT(nis5g_package_verify(&p, &other.pub, &e), NIS5G_EVERIFY);
    ASSERT(strstr(e.msg, "unknown key") != NULL);
    /* the right fingerprint but the wrong public key (a forged claim) */
    struct nis5g_pubkey forged = other.pub;
    memcpy(forged.fpr, se.pub.fpr, sizeof forged.fpr);
    ASSERT_EQ_INT(nis5g_package_verify(&p, &forged, &e), NIS5G_EVERIFY);
    ASSERT(strstr(e.msg, "bad signature") != NULL);
    nis5g_package_release(&p);
    /* the signed bytes are the canonical package, a substring of the file */
    ASSERT(strncmp(b, "{\"package\":{\"created\":", 22) == 0);
    free(b);
}

TEST(every_flipped_byte_refused)
{
    struct nis5g_seckey se;
    mk_key("SE", &se);
    size_t len;
    char *b = signed_pkg(&se, NIS5G_TLP_GREEN, NULL, "2026-11-27T10:00:00Z", &len);
    static const unsigned char masks[] = { 0x01, 0x02, 0x20, 0x80 };
    int accepted = 0, tried = 0;
    for (size_t i = 0; i < len; i++)
        for (size_t m = 0; m < sizeof masks; m++) {
            b[i] ^= (char)masks[m];
            struct nis5g_package p;
            if (nis5g_package_parse(b, len, &p, NULL) == 0 && nis5g_package_verify(&p, &se.pub, NULL) == 0) {
                accepted++;
                fprintf(stderr, "flip at %zu mask %02x accepted\n", i, masks[m]);
            }
            nis5g_package_release(&p);
            b[i] ^= (char)masks[m];
            tried++;
        }
    ASSERT_EQ_INT(accepted, 0);
    ASSERT(tried > 2000);
    /* a byte added or removed */
    struct nis5g_package p;
    ASSERT(nis5g_package_parse(b, len - 1, &p, NULL) != 0);
    nis5g_package_release(&p);
    free(b);
}

TEST(unsigned_and_malformed)
{
    struct nis5g_package p;
    struct nis5g_err e = { 0 };
    const char *u = "{\"package\":{\"format\":\"nis5g-package\"}}\n";
    ASSERT_EQ_INT(nis5g_package_parse(u, strlen(u), &p, &e), NIS5G_EVERIFY);
    ASSERT(strstr(e.msg, "unsigned") != NULL);
    nis5g_package_release(&p);
    const char *m = "{\"package\":1,\"signature\":{}}\n";
    ASSERT_EQ_INT(nis5g_package_parse(m, strlen(m), &p, &e), NIS5G_EPARSE);
    ASSERT(strstr(e.msg, "malformed") != NULL);
    nis5g_package_release(&p);
    ASSERT_EQ_INT(nis5g_package_parse("", 0, &p, &e), NIS5G_EPARSE);
    nis5g_package_release(&p);
    ASSERT_EQ_INT(nis5g_package_parse("not json\n", 9, &p, &e), NIS5G_EPARSE);
    nis5g_package_release(&p);
    /* a detail section in a package that says detail: false, properly signed */
    struct nis5g_seckey se;
    mk_key("SE", &se);
    struct nis5g_export_opts o;
    opts(&o, "SE", NIS5G_TLP_AMBER, NULL, "2026-11-27T10:00:00Z");
    json_t *s = sections_small();
    json_object_set_new(s, "elements", json_array());
    json_t *pk = nis5g_package_new(&o, s);
    struct nis5g_buf b = NIS5G_BUF_INIT;
    ASSERT_EQ_INT(nis5g_package_sign(pk, &se, &b, NULL), 0);
    ASSERT_EQ_INT(nis5g_package_parse(b.data, b.len, &p, &e), NIS5G_EPARSE);
    ASSERT(strstr(e.msg, "section 'elements' holds detail") != NULL);
    nis5g_package_release(&p);
    nis5g_buf_release(&b);
    json_decref(pk);
}

TEST(export_checks)
{
    struct nis5g_export_opts o;
    struct nis5g_err e = { 0 };
    opts(&o, "SE", NIS5G_TLP_AMBER, "DE", "2026-11-27T10:00:00Z");
    o.detail = 1;
    ASSERT_EQ_INT(nis5g_export_check(&o, &e), NIS5G_EUSAGE); /* --detail without TLP:RED */
    ASSERT(strstr(e.msg, "--tlp red") != NULL);
    opts(&o, "SE", NIS5G_TLP_RED, NULL, "2026-11-27T10:00:00Z");
    o.detail = 1;
    ASSERT_EQ_INT(nis5g_export_check(&o, &e), NIS5G_EUSAGE); /* no recipients */
    o.detail = 0;
    ASSERT_EQ_INT(nis5g_export_check(&o, &e), NIS5G_EUSAGE); /* red needs recipients */
    opts(&o, "SE", NIS5G_TLP_RED, "DE", "2026-11-27T10:00:00Z");
    o.detail = 1;
    ASSERT_EQ_INT(nis5g_export_check(&o, &e), 0);
    ASSERT_EQ_INT(nis5g_tlp_parse("TLP:AMBER+STRICT"), NIS5G_TLP_AMBER_STRICT);
    ASSERT_EQ_INT(nis5g_tlp_parse("white"), -1);
}

TEST(determinism)
{
    struct nis5g_seckey se;
    mk_key("SE", &se);
    size_t l1, l2;
    char *a = signed_pkg(&se, NIS5G_TLP_AMBER, "FR,DE,FR", "2026-11-27T10:00:00Z", &l1);
    char *b = signed_pkg(&se, NIS5G_TLP_AMBER, "DE,FR", "2026-11-27T10:00:00Z", &l2);
    ASSERT_EQ_INT(l1, l2);
    ASSERT(l1 == l2 && memcmp(a, b, l1) == 0); /* Ed25519 is deterministic; recipients sorted, unique */
    free(a);
    free(b);
}

static int count_packages(struct nis5g_store *st)
{
    sqlite3_stmt *s;
    sqlite3_prepare_v2(nis5g_store_db(st), "SELECT count(*) FROM package", -1, &s, NULL);
    sqlite3_step(s);
    int n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return n;
}

static int import1(struct nis5g_store *st, const char *file, struct nis5g_import_result *r)
{
    return nis5g_package_import(st, &file, 1, "DE", "tester", r, NULL);
}

TEST(import_refusals_and_provenance)
{
    char db[128];
    snprintf(db, sizeof db, "%s/ws.db", dir);
    struct nis5g_store *st;
    ASSERT_EQ_INT(nis5g_store_open(db, NIS5G_STORE_CREATE, &st, NULL), 0);
    struct nis5g_seckey se, se2, fr, de;
    mk_key("SE", &se);
    mk_key("SE", &se2);
    mk_key("FR", &fr);
    mk_key("DE", &de);
    struct nis5g_import_result r;
    size_t len;
    char *b = signed_pkg(&se, NIS5G_TLP_AMBER, NULL, "2026-11-27T10:00:00Z", &len);
    const char *f_se = put("se.pkg", b, len);
    free(b);

    /* untrusted state */
    ASSERT_EQ_INT(import1(st, f_se, &r), NIS5G_EVERIFY);
    ASSERT(strstr(r.msg, "SE is not trusted here") != NULL);
    /* SE trusted with another key: unknown key */
    ASSERT_EQ_INT(nis5g_trust_add(st, &se2.pub, "t", 0, NULL), 0);
    ASSERT_EQ_INT(import1(st, f_se, &r), NIS5G_EVERIFY);
    ASSERT(strstr(r.msg, "unknown key") != NULL);
    ASSERT_EQ_INT(nis5g_trust_add(st, &se.pub, "t", 0, NULL), NIS5G_EEXIST); /* no silent replace */
    ASSERT_EQ_INT(nis5g_trust_add(st, &se.pub, "t", 1, NULL), 0);
    ASSERT_EQ_INT(nis5g_trust_add(st, &fr.pub, "t", 0, NULL), 0);
    ASSERT_EQ_INT(nis5g_trust_add(st, &de.pub, "t", 0, NULL), 0);
    ASSERT_EQ_INT(count_packages(st), 0);

    /* accepted, with provenance */
    ASSERT_EQ_INT(import1(st, f_se, &r), 0);
    ASSERT_EQ_INT(count_packages(st), 1);
    struct nis5g_held *h;
    size_t n;
    json_t *docs;
    ASSERT_EQ_INT(nis5g_packages_held(st, 1, &h, &n, &docs, NULL), 0);
    ASSERT_EQ_INT(n, 1);
    ASSERT_EQ_STR(h[0].signer, "SE");
    ASSERT_EQ_STR(h[0].fpr, se.pub.fpr);
    ASSERT_EQ_STR(h[0].received_by, "tester");
    ASSERT_EQ_STR(h[0].source, f_se);
    ASSERT_EQ_INT(h[0].tlp, NIS5G_TLP_AMBER);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(docs, 0), "signer")), "SE");
    free(h);
    json_decref(docs);
    /* the same again: nothing to do */
    ASSERT_EQ_INT(import1(st, f_se, &r), 0);
    ASSERT(strstr(r.msg, "already held") != NULL);

    /* older than the one held for the same snapshot */
    b = signed_pkg(&se, NIS5G_TLP_AMBER, NULL, "2026-11-26T10:00:00Z", &len);
    const char *f_old = put("se-old.pkg", b, len);
    free(b);
    ASSERT_EQ_INT(import1(st, f_old, &r), NIS5G_EDENIED);
    ASSERT(strstr(r.msg, "older than the package already held from SE") != NULL);

    /* addressed to others */
    b = signed_pkg(&fr, NIS5G_TLP_RED, "IT,SE", "2026-11-27T10:00:00Z", &len);
    const char *f_fr = put("fr.pkg", b, len);
    free(b);
    ASSERT_EQ_INT(import1(st, f_fr, &r), NIS5G_EDENIED);
    ASSERT_EQ_STR(r.msg, "addressed to IT,SE, not to DE");

    /* our own state's package */
    b = signed_pkg(&de, NIS5G_TLP_GREEN, NULL, "2026-11-27T10:00:00Z", &len);
    const char *f_de = put("de.pkg", b, len);
    free(b);
    ASSERT_EQ_INT(import1(st, f_de, &r), NIS5G_EDENIED);

    /* a batch: a newer SE package and a good FR one, plus one bad: nothing changes */
    b = signed_pkg(&se, NIS5G_TLP_GREEN, NULL, "2026-11-28T10:00:00Z", &len);
    const char *f_new = put("se-new.pkg", b, len);
    free(b);
    b = signed_pkg(&fr, NIS5G_TLP_GREEN, "DE", "2026-11-27T10:00:00Z", &len);
    const char *f_fr2 = put("fr2.pkg", b, len);
    b[len / 2] ^= 4;
    const char *f_bad = put("bad.pkg", b, len);
    free(b);
    const char *batch[] = { f_new, f_fr2, f_bad };
    struct nis5g_import_result rs[3];
    ASSERT(nis5g_package_import(st, batch, 3, "DE", "t", rs, NULL) != 0);
    ASSERT_EQ_INT(rs[0].code, 0);
    ASSERT_EQ_INT(rs[1].code, 0);
    ASSERT(rs[2].code != 0);
    ASSERT_EQ_INT(count_packages(st), 1);
    ASSERT_EQ_INT(nis5g_packages_held(st, 0, &h, &n, NULL, NULL), 0);
    ASSERT_EQ_STR(h[0].created, "2026-11-27T10:00:00Z"); /* the old one is still there */
    free(h);
    /* without the bad one: the newer SE package replaces the held one */
    ASSERT_EQ_INT(nis5g_package_import(st, batch, 2, "DE", "t", rs, NULL), 0);
    ASSERT(strstr(rs[0].msg, "replaces") != NULL);
    ASSERT_EQ_INT(count_packages(st), 2);
    ASSERT_EQ_INT(nis5g_packages_held(st, 0, &h, &n, NULL, NULL), 0);
    ASSERT_EQ_STR(h[1].signer, "SE");
    ASSERT_EQ_STR(h[1].created, "2026-11-28T10:00:00Z");
    free(h);

    /* trust remove */
    ASSERT_EQ_INT(nis5g_trust_remove(st, "FR", NULL), 0);
    ASSERT_EQ_INT(nis5g_trust_remove(st, "FR", NULL), NIS5G_ENOTFOUND);
    nis5g_store_close(st);
}

static json_t *doc(const char *sections)
{
    json_error_t je;
    json_t *s = json_loads(sections, 0, &je);
    if (!s)
        fprintf(stderr, "bad test JSON: %s\n", je.text);
    return json_pack("{s:s, s:s, s:o}", "snapshot", "2026-11-27", "created", "2026-11-27T10:00:00Z", "sections", s);
}

TEST(eu_known_answers)
{
    json_t *a = doc("{\"national_shares\":[{\"domain\":\"ran\",\"vendors\":[{\"vendor\":\"Huawei\",\"elements\":60},"
                    "{\"vendor\":\"Ericsson\",\"elements\":40}]},{\"domain\":\"core\",\"vendors\":[{\"vendor\":"
                    "\"Ericsson\",\"elements\":10}]}],"
                    "\"suppliers\":[{\"vendor\":\"Huawei\",\"designation\":\"high\"}],"
                    "\"measures\":[{\"scope\":\"AA\",\"scope_kind\":\"state\",\"measure\":\"SM03\",\"status\":"
                    "\"implemented\"},{\"scope\":\"OP1\",\"scope_kind\":\"operator\",\"measure\":\"TM03\",\"status\":"
                    "\"partial\"},{\"scope\":\"OP2\",\"scope_kind\":\"operator\",\"measure\":\"TM03\",\"status\":"
                    "\"none\"}]}");
    json_t *b = doc("{\"national_shares\":[{\"domain\":\"ran\",\"vendors\":[{\"vendor\":\"Huawei\",\"elements\":10},"
                    "{\"vendor\":\"Nokia\",\"elements\":90}]},{\"domain\":\"core\",\"vendors\":[{\"vendor\":\"Huawei\","
                    "\"elements\":5},{\"vendor\":\"Nokia\",\"elements\":5}]}],"
                    "\"suppliers\":[{\"vendor\":\"Huawei\",\"profile\":\"high\",\"designation\":null}],"
                    "\"measures\":[{\"scope\":\"BE\",\"scope_kind\":\"state\",\"measure\":\"SM03\",\"status\":"
                    "\"planned\"}],"
                    "\"policy_findings\":[{\"rule\":\"B-1\",\"title\":\"out of the core\",\"kind\":\"deny\",\"basis\":"
                    "[\"SM03\"],\"clause\":\"deny risk = high and domain = core\",\"deadline\":\"2025-01-01\","
                    "\"status\":\"violation\",\"operator\":\"OPB\",\"findings\":5,\"must_change\":5},"
                    "{\"rule\":\"B-2\",\"title\":\"two RAN vendors\",\"kind\":\"require\",\"basis\":[\"SM05\"],"
                    "\"clause\":\"require vendors >= 2 of domain = ran per operator\",\"status\":\"ok\","
                    "\"operator\":\"OPB\",\"findings\":0}],"
                    "\"risk\":[{\"scenario\":\"R1\",\"score\":6},{\"scenario\":\"R5\",\"score\":20}],"
                    "\"killswitch\":[{\"vendor\":\"Huawei\",\"sites_lost_pct\":10,\"subscribers_lost_pct\":8},"
                    "{\"vendor\":\"Nokia\",\"sites_lost_pct\":40,\"subscribers_lost_pct\":35.5}]}");
    json_t *c = doc("{\"national_shares\":[{\"domain\":\"ran\",\"vendors\":[{\"vendor\":\"Ericsson\",\"elements\":100}]}],"
                    "\"suppliers\":[{\"vendor\":\"Huawei\",\"profile\":\"medium\",\"designation\":\"high\"}],"
                    "\"risk\":[{\"scenario\":\"R1\",\"score\":10},{\"scenario\":\"R5\",\"score\":12}]}");
    struct nis5g_eu_input in[3] = {
        { "AA", 1, 0, a, NULL, NULL, NULL },
        { "BE", 0, NIS5G_TLP_AMBER, b, "f", "t", "u" },
        { "CZ", 0, NIS5G_TLP_GREEN, c, "f", "t", "u" },
    };
    json_t *v = nis5g_eu_view(in, 3, NULL);
    ASSERT(v != NULL);
    ASSERT_EQ_STR(json_string_value(json_object_get(v, "tlp")), "amber");
    json_t *eu = json_object_get(json_object_get(v, "high_risk_shares"), "eu");
    /* ran: high 60 (AA, designation) + 10 (BE, profile) + 0 (CZ: profile medium wins) of 300 */
    json_t *ran = json_array_get(eu, 0), *core = json_array_get(eu, 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(ran, "domain")), "ran");
    ASSERT_EQ_INT(json_integer_value(json_object_get(ran, "elements")), 300);
    ASSERT_EQ_INT(json_integer_value(json_object_get(ran, "high_risk_elements")), 70);
    ASSERT_NEAR(json_number_value(json_object_get(ran, "high_risk_share")), 0.233333, 1e-9);
    ASSERT_EQ_STR(json_string_value(json_object_get(ran, "tlp")), "amber");
    ASSERT_EQ_STR(json_string_value(json_object_get(core, "domain")), "core");
    ASSERT_EQ_INT(json_integer_value(json_object_get(core, "states")), 2);
    ASSERT_NEAR(json_number_value(json_object_get(core, "high_risk_share")), 0.25, 1e-12);
    /* vendor shares in the RAN: Ericsson 140 (2 states), Nokia 90, Huawei 70 */
    json_t *vs = json_object_get(json_array_get(json_object_get(v, "vendor_shares"), 0), "vendors");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(vs, 0), "vendor")), "Ericsson");
    ASSERT_EQ_INT(json_integer_value(json_object_get(json_array_get(vs, 0), "states")), 2);
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(vs, 0), "share")), 0.466667, 1e-9);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(vs, 2), "vendor")), "Huawei");
    /* restrictions: AA by designation, BE by rule B-1 (B-2 is not about high risk); CZ's designation is
     * overridden by its profile only for shares, but the designation itself is a restriction */
    json_t *re = json_object_get(v, "restrictions");
    ASSERT_EQ_INT(json_integer_value(json_object_get(re, "states_restricting")), 3);
    json_t *be = json_array_get(json_object_get(re, "by_state"), 1);
    ASSERT_EQ_INT(json_array_size(json_object_get(be, "rules")), 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(json_object_get(be, "rules"), 0), "rule")), "B-1");
    ASSERT_EQ_STR(json_string_value(json_object_get(re, "tlp")), "amber");
    /* measures: SM03 (1 + 1/3) / 2; TM03 only AA: (2/3 + 0) / 2, unmarked own data -> clear */
    json_t *me = json_object_get(json_object_get(v, "measures"), "eu");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(me, 0), "measure")), "SM03");
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(me, 0), "score")), 0.6667, 1e-9);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(me, 1), "measure")), "TM03");
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(me, 1), "score")), 0.3333, 1e-9);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(me, 1), "tlp")), "clear");
    /* risk ranking: R5 (20+12)/2 = 16 first, R1 (6+10)/2 = 8 */
    json_t *rk = json_object_get(v, "risk_ranking");
    ASSERT_EQ_INT(json_array_size(rk), 2);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(rk, 0), "scenario")), "R5");
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(rk, 0), "mean_score")), 16, 1e-12);
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(rk, 1), "mean_score")), 8, 1e-12);
    /* kill-switch: BE's largest is Nokia */
    json_t *ks = json_object_get(v, "largest_killswitch");
    ASSERT_EQ_INT(json_array_size(ks), 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(ks, 0), "vendor")), "Nokia");
    ASSERT_NEAR(json_number_value(json_object_get(json_array_get(ks, 0), "subscribers_lost_pct")), 35.5, 1e-12);
    /* the report's HTML section: marking, escaped text, every part */
    struct nis5g_buf h = NIS5G_BUF_INIT;
    nis5g_eu_html(v, "<svg id=\"m\"></svg>", &h);
    ASSERT(strstr(h.data, "Marking of this section: <strong>TLP:AMBER</strong>") != NULL);
    ASSERT(strstr(h.data, "<figure class=\"eu-map\">\n<svg id=\"m\"></svg>") != NULL);
    ASSERT(strstr(h.data, "B-1 out of the core (deny by 2025-01-01, violation)") != NULL);
    ASSERT(strstr(h.data, "States restricting high-risk suppliers: 3 of 3") != NULL);
    ASSERT(strstr(h.data, "<td>Nokia</td><td class=\"num\">35.5%</td>") != NULL);
    nis5g_buf_release(&h);
    json_decref(v);
    /* a state that does not restrict still tells the count something: its
     * package's marking is the count's marking (AA own and restricting, DD red
     * with no high-risk designation and no policy) */
    json_t *d = doc("{\"suppliers\":[{\"vendor\":\"Huawei\",\"profile\":\"low\",\"designation\":null}]}");
    struct nis5g_eu_input in2[2] = { in[0], { "DD", 0, NIS5G_TLP_RED, d, "f", "t", "u" } };
    v = nis5g_eu_view(in2, 2, NULL);
    re = json_object_get(v, "restrictions");
    ASSERT_EQ_INT(json_integer_value(json_object_get(re, "states_restricting")), 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(re, "tlp")), "red");
    json_decref(v);
    json_decref(d);
    /* a signed package may hold any JSON number: a huge count is bounded,
     * not converted out of range (undefined behaviour, caught by check-asan) */
    d = doc("{\"national_shares\":[{\"domain\":\"ran\",\"vendors\":[{\"vendor\":\"X\",\"elements\":1e300}]}]}");
    in2[1].doc = d;
    v = nis5g_eu_view(in2, 2, NULL);
    ASSERT(v != NULL);
    json_t *bs = json_array_get(json_object_get(json_object_get(v, "high_risk_shares"), "by_state"), 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(bs, "state")), "DD");
    ASSERT(json_integer_value(json_object_get(bs, "elements")) == (json_int_t)1e15);
    json_decref(v);
    json_decref(d);
    /* only the green package: green */
    v = nis5g_eu_view(in + 2, 1, NULL);
    ASSERT_EQ_STR(json_string_value(json_object_get(v, "tlp")), "green");
    json_decref(v);
    /* a state twice */
    in[1].state[0] = 'A', in[1].state[1] = 'A';
    ASSERT(nis5g_eu_view(in, 2, NULL) == NULL);
    json_decref(a);
    json_decref(b);
    json_decref(c);
}

SETUP
{
    if (sodium_init() < 0)
        return -1;
    snprintf(dir, sizeof dir, "/tmp/nis5g-pkg-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

TEARDOWN
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) != 0;
}
