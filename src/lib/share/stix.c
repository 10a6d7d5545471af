/*
 * stix.c — STIX 2.1 bundles from national packages (stix.h). The bundle is
 * built from the same sections a package holds, so a STIX export never
 * says more than the package of the same data would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "nis5g/buf.h"
#include "nis5g/package.h"
#include "nis5g/stix.h"

const struct nis5g_tlp_marking nis5g_tlp_markings[5] = {
    { "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR", "clear" },
    { "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN", "green" },
    { "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER", "amber" },
    { "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT", "amber+strict" },
    { "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED", "red" },
};

json_t *nis5g_stix_marking(int tlp)
{
    const struct nis5g_tlp_marking *m = &nis5g_tlp_markings[tlp];
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:{s:s, s:s}}}", "type", "marking-definition", "spec_version", "2.1",
                     "id", m->id, "created", NIS5G_TLP2_CREATED, "name", m->name, "extensions", NIS5G_TLP2_EXTENSION,
                     "extension_type", "property-extension", "tlp_2_0", m->value);
}

void nis5g_stix_id(const char *type, const char *key, char *out, size_t size)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    nis5g_buf_addf(&b, "nis5g:%s:%s", type, key);
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)b.data, b.len, NULL, 0);
    nis5g_buf_release(&b);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x40); /* version 4 */
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80); /* variant 10xx */
    snprintf(out, size, "%s--%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", type, h[0], h[1],
             h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

struct ctx {
    json_t *objects;
    json_t *refs;       /* ids for the report */
    const char *state;
    const char *snapshot;
    char author[80];
    char ts[32];        /* created/modified, with milliseconds */
    const char *marking;
};

/* The properties every SDO of the bundle shares. */
static json_t *sdo(struct ctx *c, const char *type, const char *key)
{
    char id[96];
    nis5g_stix_id(type, key, id, sizeof id);
    json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:[s]}", "type", type, "spec_version", "2.1", "id", id,
                          "created", c->ts, "modified", c->ts, "object_marking_refs", c->marking);
    if (c->author[0])
        json_object_set_new(o, "created_by_ref", json_string(c->author));
    return o;
}

static void add(struct ctx *c, json_t *o)
{
    json_array_append_new(c->refs, json_string(str(o, "id")));
    json_array_append_new(c->objects, o);
}

static const char *vendor_id(const char *vendor, char *out, size_t size)
{
    char key[300];
    snprintf(key, sizeof key, "supplier:%s", vendor);
    nis5g_stix_id("identity", key, out, size);
    return out;
}

static void add_suppliers(struct ctx *c, const json_t *sup)
{
    size_t i;
    json_t *s;
    char key[300], vid[96];
    json_array_foreach(sup, i, s) {
        const char *vendor = str(s, "vendor");
        snprintf(key, sizeof key, "supplier:%s", vendor);
        /* the supplier's identity is the same in every state's bundle */
        json_t *o = sdo(c, "identity", key);
        json_object_del(o, "created_by_ref");
        struct nis5g_buf d = NIS5G_BUF_INIT;
        nis5g_buf_addf(&d, "Supplier of 5G network equipment");
        if (*str(s, "country"))
            nis5g_buf_addf(&d, " (%s)", str(s, "country"));
        nis5g_buf_addf(&d, ".");
        json_object_set_new(o, "name", json_string(vendor));
        json_object_set_new(o, "description", json_string(d.data));
        json_object_set_new(o, "identity_class", json_string("organization"));
        json_object_set_new(o, "sectors", json_pack("[s]", "technology"));
        json_object_set_new(o, "roles", json_pack("[s]", "5g-supplier"));
        if (*str(s, "country"))
            json_object_set_new(o, "x_nis5g_country", json_string(str(s, "country")));
        add(c, o);

        /* the state's view of it: a note on the identity */
        const char *profile = json_string_value(json_object_get(s, "profile"));
        const char *des = json_string_value(json_object_get(s, "designation"));
        const char *risk = profile ? profile : des ? des : "unassessed";
        snprintf(key, sizeof key, "profile:%s:%s:%s", c->state, str(s, "vendor"), c->snapshot);
        json_t *n = sdo(c, "report", key);
        nis5g_buf_reset(&d);
        nis5g_buf_addf(&d, "Supplier risk profile of %s as assessed by %s: %s", vendor, c->state, risk);
        json_object_set_new(n, "name", json_string(d.data));
        json_object_set_new(n, "report_types", json_pack("[s]", "identity"));
        json_object_set_new(n, "published", json_string(c->ts));
        nis5g_buf_reset(&d);
        nis5g_buf_addf(&d, "Profile: %s.", risk);
        if (profile && *str(s, "why"))
            nis5g_buf_addf(&d, " Decided by %s: %s.", str(s, "decided_by"), str(s, "why"));
        if (des)
            nis5g_buf_addf(&d, " National designation: %s.", des);
        json_t *f = json_object_get(s, "factors");
        if (json_object_size(f)) {
            nis5g_buf_addf(&d, " Risk factors (0 none - 3 strong):");
            const char *k;
            json_t *v;
            int first = 1;
            json_object_foreach(f, k, v) {
                nis5g_buf_addf(&d, "%s %s ", first ? "" : ",", k);
                if (json_is_integer(v))
                    nis5g_buf_addf(&d, "%d", (int)json_integer_value(v));
                else
                    nis5g_buf_adds(&d, "unknown");
                first = 0;
            }
            nis5g_buf_addch(&d, '.');
        }
        json_object_set_new(n, "description", json_string(d.data));
        json_object_set_new(n, "object_refs", json_pack("[s]", vendor_id(vendor, vid, sizeof vid)));
        char label[64];
        snprintf(label, sizeof label, "nis5g-risk-profile:%s", risk);
        json_object_set_new(n, "labels", json_pack("[s]", label));
        json_t *x = json_pack("{s:s}", "risk", risk);
        if (json_object_size(f))
            json_object_set(x, "factors", f);
        if (des)
            json_object_set_new(x, "designation", json_string(des));
        json_object_set_new(n, "x_nis5g_profile", x);
        add(c, n);
        nis5g_buf_release(&d);
    }
}

static const char *operator_identity(struct ctx *c, const char *op, json_t *seen, char *out, size_t size)
{
    char key[300];
    snprintf(key, sizeof key, "operator:%s:%s", c->state, op);
    nis5g_stix_id("identity", key, out, size);
    if (!json_object_get(seen, out)) {
        json_object_set_new(seen, out, json_true());
        json_t *o = sdo(c, "identity", key);
        json_object_set_new(o, "name", json_string(op));
        char d[200];
        snprintf(d, sizeof d, "Mobile network operator in %s (operator id %s in the national assessment).", c->state, op);
        json_object_set_new(o, "description", json_string(d));
        json_object_set_new(o, "identity_class", json_string("organization"));
        json_object_set_new(o, "sectors", json_pack("[s]", "telecommunications"));
        add(c, o);
    }
    return out;
}

static void add_findings(struct ctx *c, const json_t *pf, const json_t *sections)
{
    json_t *seen = json_object();
    size_t i;
    json_t *s;
    char key[400], oid[96];
    /* operators first, so that the notes refer to objects already in the bundle */
    json_array_foreach(json_object_get(sections, "vendor_shares"), i, s)
        operator_identity(c, str(s, "operator"), seen, oid, sizeof oid);
    json_t *rules = json_object();
    json_array_foreach(pf, i, s) {
        const char *op = str(s, "operator"), *rule = str(s, "rule");
        /* the rule: a course of action (a restriction is a mitigating measure) */
        char rid[96];
        snprintf(key, sizeof key, "rule:%s:%s", c->state, rule);
        nis5g_stix_id("course-of-action", key, rid, sizeof rid);
        if (!json_object_get(rules, rid)) {
            json_object_set_new(rules, rid, json_true());
            json_t *a = sdo(c, "course-of-action", key);
            char nm[300];
            snprintf(nm, sizeof nm, "%s %s", rule, str(s, "title"));
            json_object_set_new(a, "name", json_string(nm));
            struct nis5g_buf d = NIS5G_BUF_INIT;
            nis5g_buf_addf(&d, "Restriction rule of %s (%s): %s.", c->state, str(s, "kind"), str(s, "clause"));
            if (*str(s, "deadline"))
                nis5g_buf_addf(&d, " Deadline %s.", str(s, "deadline"));
            json_object_set_new(a, "description", json_string(d.data));
            nis5g_buf_release(&d);
            if (json_array_size(json_object_get(s, "basis")))
                json_object_set(a, "x_nis5g_basis", json_object_get(s, "basis"));
            add(c, a);
        }
        /* the finding: a report on the rule and the operator */
        snprintf(key, sizeof key, "finding:%s:%s:%s:%s", c->state, rule, op, c->snapshot);
        json_t *n = sdo(c, "report", key);
        struct nis5g_buf d = NIS5G_BUF_INIT;
        nis5g_buf_addf(&d, "Policy finding %s %s: %s%s%s", c->state, rule, str(s, "status"), *op ? " at " : "", op);
        json_object_set_new(n, "name", json_string(d.data));
        nis5g_buf_reset(&d);
        nis5g_buf_addf(&d, "Rule %s \"%s\" (%s): %s.", rule, str(s, "title"), str(s, "kind"), str(s, "clause"));
        if (*str(s, "deadline"))
            nis5g_buf_addf(&d, " Deadline %s.", str(s, "deadline"));
        nis5g_buf_addf(&d, " Status: %s; findings: %lld; still to change: %lld.", str(s, "status"),
                       (long long)json_integer_value(json_object_get(s, "findings")),
                       (long long)json_integer_value(json_object_get(s, "must_change")));
        json_object_set_new(n, "description", json_string(d.data));
        nis5g_buf_release(&d);
        json_object_set_new(n, "report_types", json_pack("[s]", "threat-report"));
        json_object_set_new(n, "published", json_string(c->ts));
        char label[64];
        snprintf(label, sizeof label, "nis5g-finding:%s", str(s, "status"));
        json_object_set_new(n, "labels", json_pack("[ss]", "nis5g-policy-finding", label));
        json_object_set_new(n, "object_refs",
                            json_pack("[ss]", rid, *op ? operator_identity(c, op, seen, oid, sizeof oid) : c->author));
        json_t *x = json_deep_copy(s);
        /* custom properties may not hold empty lists */
        const char *k;
        json_t *v;
        void *tmp;
        json_object_foreach_safe(x, tmp, k, v) if ((json_is_array(v) && json_array_size(v) == 0) || json_is_null(v))
            json_object_del(x, k);
        json_object_set_new(n, "x_nis5g_finding", x);
        add(c, n);
    }
    json_decref(rules);
    json_decref(seen);
}

json_t *nis5g_stix_bundle(const json_t *pkg, int tlp, struct nis5g_err *err)
{
    if (tlp < 0 || tlp >= NIS5G_TLP_COUNT) {
        nis5g_err_set(err, NIS5G_EUSAGE, "expected a TLP level");
        return NULL;
    }
    if (nis5g_crypto_init(err))
        return NULL;
    struct ctx c;
    memset(&c, 0, sizeof c);
    c.state = str(pkg, "signer");
    c.marking = nis5g_tlp_markings[tlp].id;
    const char *created = str(pkg, "created"), *snapshot = str(pkg, "snapshot");
    c.snapshot = snapshot;
    if (strlen(created) != 20 || !*c.state || !*snapshot) {
        nis5g_err_set(err, NIS5G_EINPUT, "the package lacks its signer, snapshot or creation time");
        return NULL;
    }
    snprintf(c.ts, sizeof c.ts, "%.19s.000Z", created);
    c.objects = json_array();
    c.refs = json_array();
    json_array_append_new(c.objects, nis5g_stix_marking(tlp));

    char key[200];
    snprintf(key, sizeof key, "authority:%s", c.state);
    json_t *a = sdo(&c, "identity", key);
    json_object_del(a, "created_by_ref");
    char name[120];
    snprintf(name, sizeof name, "National 5G security authority of %s", c.state);
    json_object_set_new(a, "name", json_string(name));
    json_object_set_new(a, "identity_class", json_string("organization"));
    json_object_set_new(a, "sectors", json_pack("[s]", "government-national"));
    json_object_set_new(a, "x_nis5g_state", json_string(c.state));
    snprintf(c.author, sizeof c.author, "%s", str(a, "id"));
    add(&c, a);

    const json_t *sections = json_object_get(pkg, "sections");
    add_suppliers(&c, json_object_get(sections, "suppliers"));
    add_findings(&c, json_object_get(sections, "policy_findings"), sections);

    snprintf(key, sizeof key, "report:%s:%s", c.state, snapshot);
    json_t *r = sdo(&c, "report", key);
    char title[200];
    snprintf(title, sizeof title, "5G supply-chain risk assessment of %s (snapshot %s)", c.state, snapshot);
    json_object_set_new(r, "name", json_string(title));
    json_object_set_new(r, "description",
                        json_string("Supplier risk profiles and restriction-policy findings from a national "
                                    "assessment under the EU 5G toolbox (exported by nis5g)."));
    json_object_set_new(r, "report_types", json_pack("[s]", "threat-report"));
    json_object_set_new(r, "published", json_string(c.ts));
    json_object_set_new(r, "object_refs", c.refs);
    json_array_append_new(c.objects, r);

    snprintf(key, sizeof key, "%s:%s:%s:%s", c.state, snapshot, created, nis5g_tlp_names[tlp]);
    char bid[96];
    nis5g_stix_id("bundle", key, bid, sizeof bid);
    return json_pack("{s:s, s:s, s:o}", "type", "bundle", "id", bid, "objects", c.objects);
}
