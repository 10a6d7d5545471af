/* test-stix.c — STIX 2.1 and OSCAL exports from a hand-made package: the
 * OASIS TLP 2.0 marking definitions exactly, the properties the OASIS
 * schemas require (ids, timestamps, spec_version, marking references,
 * references that resolve), deterministic ids; the OSCAL catalog's groups
 * and controls and the assessment results' findings. */
#include <regex.h>
#include <sodium.h>

#include "harness.h"
#include "nis5g/date.h"
#include "nis5g/oscal.h"
#include "nis5g/package.h"
#include "nis5g/policy.h"
#include "nis5g/stix.h"

/* The five objects as OASIS publishes them (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0), written out by hand. */
static const char *const oasis[5] = {
    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--94868c89-83c2-464b-929b-"
    "a1a8aa3c8487\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:CLEAR\",\"extensions\":{\"extension-"
    "definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"clear\"}}}",
    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--bab4a63c-aed9-4cf5-a766-"
    "dfca5abac2bb\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:GREEN\",\"extensions\":{\"extension-"
    "definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"green\"}}}",
    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--55d920b0-5e8b-4f79-9ee9-"
    "91f868d9b421\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER\",\"extensions\":{\"extension-"
    "definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber\"}}}",
    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--939a9414-2ddd-4d32-a0cd-"
    "375ea402b003\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER+STRICT\",\"extensions\":{\"extension-"
    "definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":"
    "\"amber+strict\"}}}",
    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\"marking-definition--e828b379-4e03-4974-9ac4-"
    "e53a884c97c1\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:RED\",\"extensions\":{\"extension-"
    "definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"red\"}}}",
};

TEST(tlp_markings_are_oasis)
{
    for (int t = 0; t < 5; t++) {
        json_error_t je;
        json_t *want = json_loads(oasis[t], 0, &je), *got = nis5g_stix_marking(t);
        ASSERT(want && json_equal(want, got));
        ASSERT_EQ_STR(nis5g_tlp_markings[t].name, nis5g_tlp_labels[t]);
        json_decref(want);
        json_decref(got);
    }
}

static json_t *pkg(void)
{
    json_error_t je;
    json_t *s = json_loads(
        "{\"suppliers\":[{\"vendor\":\"Huawei\",\"country\":\"CN\",\"profile\":\"high\",\"decided_by\":\"policy\","
        "\"why\":\"designated\",\"designation\":\"high\",\"factors\":{\"gov_links\":3,\"intel_law\":null}},"
        "{\"vendor\":\"Nokia\",\"country\":\"FI\",\"profile\":\"low\",\"factors\":{}}],"
        "\"vendor_shares\":[{\"operator\":\"OP1\",\"domain\":\"ran\"}],"
        "\"measures\":[{\"scope\":\"SE\",\"scope_kind\":\"state\",\"measure\":\"SM03\",\"status\":\"implemented\","
        "\"date\":\"2020-10-20\"},{\"scope\":\"OP1\",\"scope_kind\":\"operator\",\"measure\":\"TM03\",\"status\":"
        "\"partial\",\"date\":null},{\"scope\":\"OP1\",\"scope_kind\":\"operator\",\"measure\":\"SM03\",\"status\":"
        "\"none\",\"date\":null}],"
        "\"policy_findings\":[{\"rule\":\"SE-2\",\"title\":\"out of the core\",\"kind\":\"deny\",\"basis\":[\"SM03\"],"
        "\"clause\":\"deny risk = high and domain = core\",\"deadline\":\"2025-01-01\",\"status\":\"violation\","
        "\"operator\":\"OP1\",\"findings\":4,\"must_change\":4},{\"rule\":\"SE-3\",\"title\":\"t\",\"kind\":\"require\","
        "\"basis\":[],\"clause\":\"require vendors >= 2 of domain = ran per region\",\"deadline\":null,\"status\":"
        "\"ok\",\"operator\":null,\"findings\":0,\"must_change\":0}]}",
        0, &je);
    return json_pack("{s:s, s:s, s:s, s:o}", "signer", "SE", "snapshot", "2026-11-27", "created",
                     "2026-11-27T10:11:12Z", "sections", s);
}

TEST(stix_bundle)
{
    regex_t id_re, ts_re;
    ASSERT_EQ_INT(regcomp(&id_re,
                          "^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-"
                          "[0-9a-f]{12}$",
                          REG_EXTENDED | REG_NOSUB),
                  0);
    ASSERT_EQ_INT(regcomp(&ts_re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$",
                          REG_EXTENDED | REG_NOSUB),
                  0);
    json_t *p = pkg();
    json_t *b = nis5g_stix_bundle(p, NIS5G_TLP_AMBER, NULL), *b2 = nis5g_stix_bundle(p, NIS5G_TLP_AMBER, NULL);
    ASSERT(b && json_equal(b, b2)); /* deterministic */
    ASSERT_EQ_STR(json_string_value(json_object_get(b, "type")), "bundle");
    ASSERT(json_object_get(b, "spec_version") == NULL);
    json_t *objs = json_object_get(b, "objects");
    json_t *ids = json_object();
    size_t i;
    json_t *o;
    json_array_foreach(objs, i, o) json_object_set_new(ids, json_string_value(json_object_get(o, "id")), json_true());
    ASSERT_EQ_INT(json_object_size(ids), json_array_size(objs));
    int n_identity = 0, n_report = 0, n_coa = 0, n_md = 0;
    json_array_foreach(objs, i, o) {
        const char *type = json_string_value(json_object_get(o, "type"));
        const char *id = json_string_value(json_object_get(o, "id"));
        ASSERT(regexec(&id_re, id, 0, NULL, 0) == 0);
        ASSERT(strncmp(id, type, strlen(type)) == 0 && id[strlen(type)] == '-');
        ASSERT_EQ_STR(json_string_value(json_object_get(o, "spec_version")), "2.1");
        if (strcmp(type, "marking-definition") == 0) {
            ASSERT_EQ_STR(id, "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
            n_md++;
            continue;
        }
        ASSERT(regexec(&ts_re, json_string_value(json_object_get(o, "created")), 0, NULL, 0) == 0);
        ASSERT_EQ_STR(json_string_value(json_object_get(o, "modified")), json_string_value(json_object_get(o, "created")));
        json_t *mr = json_object_get(o, "object_marking_refs");
        ASSERT_EQ_INT(json_array_size(mr), 1);
        ASSERT_EQ_STR(json_string_value(json_array_get(mr, 0)), "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
        ASSERT(json_object_get(o, "name") != NULL); /* required by identity, report, course-of-action */
        const char *cb = json_string_value(json_object_get(o, "created_by_ref"));
        if (cb)
            ASSERT(json_object_get(ids, cb) != NULL);
        size_t j;
        json_t *r;
        json_array_foreach(json_object_get(o, "object_refs"), j, r) ASSERT(json_object_get(ids, json_string_value(r)));
        if (strcmp(type, "report") == 0) {
            n_report++;
            ASSERT(json_array_size(json_object_get(o, "object_refs")) > 0);
            ASSERT(json_object_get(o, "published") != NULL);
        }
        n_identity += strcmp(type, "identity") == 0;
        n_coa += strcmp(type, "course-of-action") == 0;
    }
    ASSERT_EQ_INT(n_md, 1);
    ASSERT_EQ_INT(n_identity, 4);  /* authority, Huawei, Nokia, OP1 */
    ASSERT_EQ_INT(n_coa, 2);       /* rules SE-2, SE-3 */
    ASSERT_EQ_INT(n_report, 2 + 2 + 1); /* profiles, findings, the assessment */
    /* a supplier has the same id in every state's bundle */
    char id[96];
    nis5g_stix_id("identity", "supplier:Huawei", id, sizeof id);
    ASSERT(json_object_get(ids, id) != NULL);
    json_decref(ids);
    json_decref(b);
    json_decref(b2);
    json_decref(p);
    regfree(&id_re);
    regfree(&ts_re);
}

TEST(oscal_catalog_and_results)
{
    static const struct nis5g_oscal_mitigation m3[] = { { "R5", "State interference", "likelihood" } };
    static const struct nis5g_oscal_mitigation m5[] = { { "R4", "Dependency", "impact" }, { "R7", NULL, NULL } };
    struct nis5g_oscal_measure ms[] = {
        { "SM03", "Assessing the risk profile of suppliers", m3, 1 },
        { "TM03", "Strict access controls", NULL, 0 },
        { "SA09", "Cooperation", NULL, 0 },
        { "SM05", "Diversity of suppliers", m5, 2 },
    };
    json_t *c = nis5g_oscal_catalog(ms, 4, "2026-11-27T00:00:00Z", "1.1.2", NULL);
    json_t *cat = json_object_get(c, "catalog");
    ASSERT_EQ_INT(strlen(json_string_value(json_object_get(cat, "uuid"))), 36);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(cat, "metadata"), "oscal-version")), "1.1.2");
    json_t *g = json_object_get(cat, "groups");
    ASSERT_EQ_INT(json_array_size(g), 3);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(g, 0), "id")), "SM");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(g, 1), "id")), "TM");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(g, 2), "id")), "SA");
    json_t *sm = json_object_get(json_array_get(g, 0), "controls");
    ASSERT_EQ_INT(json_array_size(sm), 2);
    json_t *sm05 = json_array_get(sm, 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(sm05, "id")), "SM05");
    ASSERT_EQ_STR(json_string_value(json_object_get(sm05, "title")), "Diversity of suppliers");
    json_t *props = json_object_get(sm05, "props");
    ASSERT_EQ_INT(json_array_size(props), 4); /* label, sort-id, R4, R7 */
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(props, 2), "value")), "R4");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(props, 2), "class")), "impact");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(props, 2), "ns")), "urn:nis5g");
    json_decref(c);
    struct nis5g_oscal_measure bad = { "XX01", "x", NULL, 0 };
    ASSERT(nis5g_oscal_catalog(&bad, 1, "2026-11-27T00:00:00Z", NULL, NULL) == NULL);

    json_t *p = pkg();
    json_t *a = nis5g_oscal_assessment(p, ms, 4, NULL, NULL);
    json_t *ar = json_object_get(a, "assessment-results");
    /* the default: the current release */
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(ar, "metadata"), "oscal-version")), "1.2.1");
    ASSERT(json_object_get(ar, "import-ap") != NULL);
    json_t *res = json_object_get(ar, "results");
    ASSERT_EQ_INT(json_array_size(res), 2); /* the state, then OP1 */
    json_t *r0 = json_array_get(res, 0), *r1 = json_array_get(res, 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(r0, "title")), "Toolbox implementation: state SE");
    json_t *f0 = json_array_get(json_object_get(r0, "findings"), 0);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(f0, "target"), "target-id")), "SM03_smt");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(json_object_get(f0, "target"), "status"), "state")),
                  "satisfied");
    ASSERT_EQ_INT(json_array_size(json_object_get(r1, "findings")), 2);
    json_t *f1 = json_array_get(json_object_get(r1, "findings"), 0);
    ASSERT_EQ_STR(json_string_value(json_object_get(f1, "title")), "Strict access controls");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(json_object_get(f1, "target"), "status"), "state")),
                  "not-satisfied");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(json_object_get(f1, "props"), 0), "value")), "partial");
    json_decref(a);
    json_decref(p);
}

static const char *prop_value(const json_t *props, const char *name)
{
    size_t i;
    json_t *x;
    json_array_foreach(props, i, x) if (strcmp(json_string_value(json_object_get(x, "name")), name) == 0) return
        json_string_value(json_object_get(x, "value"));
    return NULL;
}

TEST(oscal_poam)
{
    int32_t deadline, snap, at, fdate;
    ASSERT(nis5g_date_parse("2025-01-01", 10, &deadline) == 0);
    ASSERT(nis5g_date_parse("2026-06-01", 10, &snap) == 0);
    ASSERT(nis5g_date_parse("2024-06-01", 10, &at) == 0);
    ASSERT(nis5g_date_parse("2031-12-16", 10, &fdate) == 0);
    struct nis5g_forecast f = { .kind = NIS5G_FC_DATE, .remaining = 704, .rate_per_month = 10.594, .date = fdate };
    static const char *const els[] = { "OP1-E1", "OP1-E2" };
    struct nis5g_poam_item items[] = {
        { .kind = "rule", .id = "R-OUT", .title = "Phase out", .statement = "deny vendor in X by 2025-01-01",
          .scope = "OP1", .detail = "pending", .severity = "high", .open = 1, .deadline = deadline, .count = 2,
          .elements = els, .n_elements = 2, .forecast = &f },
        { .kind = "rule", .id = "R-OUT", .title = "Phase out", .scope = "OP2", .detail = "pending", .open = 0,
          .deadline = deadline, .forecast = &f },
        { .kind = "measure", .id = "TM03", .title = "Strict access controls", .scope = "SE", .detail = "planned",
          .open = 1, .deadline = fdate },
    };
    ASSERT(nis5g_oscal_poam(items, 0, snap, at, NULL, NULL) == NULL);
    json_t *d = nis5g_oscal_poam(items, 3, snap, at, "1.1.2", NULL);
    json_t *p = json_object_get(d, "plan-of-action-and-milestones");
    json_t *md = json_object_get(p, "metadata");
    ASSERT_EQ_STR(json_string_value(json_object_get(md, "oscal-version")), "1.1.2");
    ASSERT_EQ_STR(json_string_value(json_object_get(md, "last-modified")), "2024-06-01T00:00:00Z");
    ASSERT_EQ_STR(json_string_value(json_object_get(md, "version")), "2026-06-01");
    json_t *pi = json_object_get(p, "poam-items"), *risks = json_object_get(p, "risks");
    json_t *obs = json_object_get(p, "observations");
    ASSERT_EQ_INT(json_array_size(pi), 3);
    ASSERT_EQ_INT(json_array_size(risks), 3);
    ASSERT_EQ_INT(json_array_size(obs), 1); /* only OP1 has elements to change */
    json_t *i0 = json_array_get(pi, 0), *r0 = json_array_get(risks, 0), *o0 = json_array_get(obs, 0);
    ASSERT_EQ_STR(json_string_value(json_object_get(i0, "description")),
                  "R-OUT at OP1: 2 to change by 2025-01-01 (the rule is pending).");
    ASSERT_EQ_STR(prop_value(json_object_get(i0, "props"), "must-change"), "2");
    ASSERT_EQ_STR(prop_value(json_object_get(i0, "props"), "status"), "open");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(json_object_get(i0, "related-risks"), 0),
                                                    "risk-uuid")),
                  json_string_value(json_object_get(r0, "uuid")));
    ASSERT_EQ_STR(json_string_value(json_object_get(
                      json_array_get(json_object_get(i0, "related-observations"), 0), "observation-uuid")),
                  json_string_value(json_object_get(o0, "uuid")));
    ASSERT_EQ_STR(json_string_value(json_object_get(r0, "status")), "open");
    ASSERT_EQ_STR(json_string_value(json_object_get(r0, "deadline")), "2025-01-01T00:00:00Z");
    ASSERT_EQ_STR(prop_value(json_object_get(r0, "props"), "forecast-date"), "2031-12-16");
    ASSERT_EQ_STR(prop_value(json_object_get(r0, "props"), "forecast-rate-per-month"), "10.59");
    ASSERT_EQ_STR(prop_value(json_object_get(r0, "props"), "forecast-before-deadline"), "false");
    ASSERT_EQ_INT(json_array_size(json_object_get(o0, "props")), 2);
    ASSERT_EQ_STR(prop_value(json_object_get(o0, "props"), "element"), "OP1-E1");
    /* OP2: nothing to change, closed; no observation */
    json_t *i1 = json_array_get(pi, 1);
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(risks, 1), "status")), "closed");
    ASSERT(json_object_get(i1, "related-observations") == NULL);
    ASSERT_EQ_STR(json_string_value(json_object_get(i1, "description")),
                  "R-OUT at OP2: nothing to change (deadline 2025-01-01).");
    /* the measure: planned, its planned date the deadline */
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(pi, 2), "description")),
                  "Put toolbox measure TM03 in place at SE (now planned for 2031-12-16).");
    ASSERT_EQ_STR(json_string_value(json_object_get(json_array_get(risks, 2), "deadline")), "2031-12-16T00:00:00Z");
    /* the same input, the same UUIDs; another day, other ones */
    json_t *d2 = nis5g_oscal_poam(items, 3, snap, at, NULL, NULL), *d3 = nis5g_oscal_poam(items, 3, snap, snap, NULL, NULL);
    json_t *p2 = json_object_get(d2, "plan-of-action-and-milestones");
    ASSERT_EQ_STR(json_string_value(json_object_get(p2, "uuid")), json_string_value(json_object_get(p, "uuid")));
    ASSERT_EQ_STR(json_string_value(json_object_get(json_object_get(p2, "metadata"), "oscal-version")), "1.2.1");
    ASSERT(strcmp(json_string_value(json_object_get(json_object_get(d3, "plan-of-action-and-milestones"), "uuid")),
                  json_string_value(json_object_get(p, "uuid"))) != 0);
    json_decref(d);
    json_decref(d2);
    json_decref(d3);
}

SETUP
{
    return sodium_init() < 0 ? -1 : 0;
}
