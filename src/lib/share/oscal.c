/*
 * oscal.c — OSCAL catalog and assessment results for the toolbox
 * (oscal.h). Plain jansson documents; the layout follows the OSCAL JSON
 * models, the same in 1.1.2 and 1.2.1 for what nis5g writes (catalog:
 * uuid, metadata, groups/controls/parts/props; assessment-results: uuid,
 * metadata, import-ap, results/findings). The POA&M is in oscal-poam.c.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "nis5g/oscal.h"
#include "nis5g/package.h"
#include "share/oscal-int.h"

const char *const nis5g_oscal_versions[] = { NIS5G_OSCAL_VERSION, "1.1.2", NULL };

void nis5g_oscal_uuid(const char *key, char out[37])
{
    unsigned char h[16];
    if (sodium_init() < 0)
        memset(h, 0, sizeof h);
    crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
    h[6] = (unsigned char)((h[6] & 0x0f) | 0x40);
    h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1], h[2], h[3],
             h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
}

static const struct {
    const char *id, *cls, *title;
} groups[] = {
    { "SM", "strategic", "Strategic measures" },
    { "TM", "technical", "Technical measures" },
    { "SA", "supporting", "Supporting actions" },
};

json_t *nis5g_oscal_metadata(const char *title, const char *last_modified, const char *version,
                             const char *oscal_version)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "title", title, "last-modified", last_modified, "version", version,
                     "oscal-version", oscal_version ? oscal_version : NIS5G_OSCAL_VERSION);
}

json_t *nis5g_oscal_catalog(const struct nis5g_oscal_measure *m, size_t n, const char *last_modified,
                            const char *version, struct nis5g_err *err)
{
    json_t *gs = json_array();
    json_t *controls[3];
    for (int g = 0; g < 3; g++) {
        controls[g] = json_array();
        json_array_append_new(gs, json_pack("{s:s, s:s, s:s, s:o}", "id", groups[g].id, "class", groups[g].cls, "title",
                                            groups[g].title, "controls", controls[g]));
    }
    for (size_t i = 0; i < n; i++) {
        int g = 0;
        while (g < 3 && strncmp(m[i].code, groups[g].id, 2) != 0)
            g++;
        if (g == 3 || strlen(m[i].code) < 3) {
            json_decref(gs);
            nis5g_err_set(err, NIS5G_EINPUT, "measure '%s' is not a strategic (SM), technical (TM) or supporting (SA) "
                                             "measure", m[i].code);
            return NULL;
        }
        json_t *props = json_pack("[{s:s, s:s}, {s:s, s:s}]", "name", "label", "value", m[i].code, "name", "sort-id",
                                  "value", m[i].code);
        for (size_t k = 0; k < m[i].n_mitigates; k++) {
            const struct nis5g_oscal_mitigation *x = &m[i].mitigates[k];
            json_t *p = json_pack("{s:s, s:s, s:s}", "name", "mitigates", "ns", NIS5G_OSCAL_NS, "value", x->scenario);
            if (x->lowers && *x->lowers)
                json_object_set_new(p, "class", json_string(x->lowers));
            if (x->title && *x->title)
                json_object_set_new(p, "remarks", json_string(x->title));
            json_array_append_new(props, p);
        }
        char part_id[32];
        snprintf(part_id, sizeof part_id, "%s_smt", m[i].code);
        json_array_append_new(controls[g], json_pack("{s:s, s:s, s:s, s:o, s:[{s:s, s:s, s:s}]}", "id", m[i].code,
                                                     "class", groups[g].cls, "title", m[i].title ? m[i].title : m[i].code,
                                                     "props", props, "parts", "id", part_id, "name", "statement",
                                                     "prose", m[i].title ? m[i].title : m[i].code));
    }
    char uuid[37];
    nis5g_oscal_uuid("catalog:eu-5g-toolbox", uuid);
    json_t *md = nis5g_oscal_metadata("EU toolbox of risk mitigating measures for 5G networks", last_modified,
                                      "2020-01-29", version);
    json_object_set_new(md, "remarks",
                        json_string("NIS Cooperation Group, Cybersecurity of 5G networks: EU Toolbox of risk mitigating "
                                    "measures (29 January 2020). Scenarios R1-R9: EU coordinated risk assessment of the "
                                    "cybersecurity of 5G networks (9 October 2019). Exported by nis5g from its editable "
                                    "catalogue."));
    return json_pack("{s:{s:s, s:o, s:o}}", "catalog", "uuid", uuid, "metadata", md, "groups", gs);
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

json_t *nis5g_oscal_assessment(const json_t *pkg, const struct nis5g_oscal_measure *m, size_t n,
                               const char *version, struct nis5g_err *err)
{
    const char *state = str(pkg, "signer"), *snapshot = str(pkg, "snapshot"), *created = str(pkg, "created");
    if (!*state || !*snapshot || !*created) {
        nis5g_err_set(err, NIS5G_EINPUT, "the package lacks its state, snapshot or creation time");
        return NULL;
    }
    const json_t *ms = json_object_get(json_object_get(pkg, "sections"), "measures");
    json_t *results = json_array();
    char key[300], uuid[37];
    /* scopes in order of first appearance: the state first when present */
    json_t *scopes = json_array();
    for (int pass = 0; pass < 2; pass++) {
        size_t i;
        json_t *r;
        json_array_foreach(ms, i, r) {
            int is_state = strcmp(str(r, "scope_kind"), "state") == 0;
            if (is_state != (pass == 0))
                continue;
            size_t j;
            json_t *s;
            int seen = 0;
            json_array_foreach(scopes, j, s) seen |= strcmp(json_string_value(s), str(r, "scope")) == 0;
            if (!seen)
                json_array_append_new(scopes, json_string(str(r, "scope")));
        }
    }
    size_t si;
    json_t *sv;
    json_array_foreach(scopes, si, sv) {
        const char *scope = json_string_value(sv);
        json_t *findings = json_array();
        const char *kind = "";
        size_t i;
        json_t *r;
        json_array_foreach(ms, i, r) {
            if (strcmp(str(r, "scope"), scope) != 0)
                continue;
            kind = str(r, "scope_kind");
            const char *code = str(r, "measure"), *status = str(r, "status"), *title = code;
            for (size_t k = 0; k < n; k++)
                if (strcmp(m[k].code, code) == 0 && m[k].title)
                    title = m[k].title;
            snprintf(key, sizeof key, "finding:%s:%s:%s:%s", state, snapshot, scope, code);
            nis5g_oscal_uuid(key, uuid);
            char target[32], desc[600];
            snprintf(target, sizeof target, "%s_smt", code);
            snprintf(desc, sizeof desc, "%s at %s: %s%s%s.", code, scope, status, *str(r, "date") ? " since " : "",
                     str(r, "date"));
            json_t *f = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:{s:s}}, s:[{s:s, s:s, s:s}]}", "uuid", uuid, "title",
                                  title, "description", desc, "target", "type", "statement-id", "target-id", target,
                                  "status", "state", strcmp(status, "implemented") == 0 ? "satisfied" : "not-satisfied",
                                  "props", "name", "implementation-status", "ns", NIS5G_OSCAL_NS, "value", status);
            json_array_append_new(findings, f);
        }
        snprintf(key, sizeof key, "result:%s:%s:%s", state, snapshot, scope);
        nis5g_oscal_uuid(key, uuid);
        char title[200], desc[300];
        snprintf(title, sizeof title, "Toolbox implementation: %s %s", strcmp(kind, "state") == 0 ? "state" : "operator",
                 scope);
        snprintf(desc, sizeof desc,
                 "Status of the EU 5G toolbox measures for %s %s in the national assessment of %s (snapshot %s).",
                 strcmp(kind, "state") == 0 ? "state" : "operator", scope, state, snapshot);
        json_t *res = json_pack("{s:s, s:s, s:s, s:s, s:{s:[{s:{}}]}, s:[{s:s, s:s, s:s}]}", "uuid", uuid, "title", title,
                                "description", desc, "start", created, "reviewed-controls", "control-selections",
                                "include-all", "props", "name", "scope", "ns", NIS5G_OSCAL_NS, "value", scope);
        if (json_array_size(findings))
            json_object_set_new(res, "findings", findings);
        else
            json_decref(findings);
        json_array_append_new(results, res);
    }
    json_decref(scopes);
    snprintf(key, sizeof key, "assessment-results:%s:%s:%s", state, snapshot, created);
    nis5g_oscal_uuid(key, uuid);
    char title[200];
    snprintf(title, sizeof title, "EU 5G toolbox implementation in %s (snapshot %s)", state, snapshot);
    json_t *ar = json_pack("{s:s, s:o, s:{s:s}}", "uuid", uuid, "metadata",
                           nis5g_oscal_metadata(title, created, snapshot, version),
                           "import-ap", "href", "urn:nis5g:assessment-plan:eu-5g-toolbox");
    if (json_array_size(results))
        json_object_set_new(ar, "results", results);
    else {
        json_decref(results);
        nis5g_err_set(err, NIS5G_EINPUT, "no measure status in the snapshot (measures.csv) to report");
        json_decref(ar);
        return NULL;
    }
    return json_pack("{s:o}", "assessment-results", ar);
}
