/*
 * oscal.h — the EU 5G toolbox as an OSCAL catalog and the measure status
 * per scope as OSCAL assessment results (NIST OSCAL 1.1.2 JSON; docs/oscal.md).
 *
 * The catalog has three groups, SM, TM and SA (strategic, technical,
 * supporting), and one control per measure: id = the measure code, title,
 * a statement part holding the title, and one "mitigates" property (ns
 * urn:nis5g) per risk scenario it mitigates, with the scenario's title in
 * the property's remarks and what it lowers as its class.
 *
 * Assessment results: one result per scope (the state, each operator),
 * one finding per measure of that scope whose target is the control's
 * statement; implemented is "satisfied", anything else "not-satisfied",
 * with the exact status as an implementation-status property.
 *
 * UUIDs are deterministic (BLAKE2b of a key, UUIDv4 layout), so the same
 * data gives the same document.
 */
#ifndef NIS5G_OSCAL_H
#define NIS5G_OSCAL_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/package.h"

#define NIS5G_OSCAL_VERSION "1.1.2"
#define NIS5G_OSCAL_NS "urn:nis5g"

struct nis5g_oscal_mitigation {
    const char *scenario; /* "R5" */
    const char *title;    /* the scenario's title, may be NULL */
    const char *lowers;   /* "likelihood" or "impact", may be NULL */
};

struct nis5g_oscal_measure {
    const char *code;     /* "SM03": its first two letters name the group */
    const char *title;
    const struct nis5g_oscal_mitigation *mitigates;
    size_t n_mitigates;
};

/* A UUID (36 characters and a NUL) derived from key. */
void nis5g_oscal_uuid(const char *key, char out[37]);

/* The catalog. last_modified: an RFC 3339 time with zone ("...Z").
 * NIS5G_EINPUT (NULL returned) for a code outside SM/TM/SA. */
json_t *nis5g_oscal_catalog(const struct nis5g_oscal_measure *m, size_t n, const char *last_modified,
                            struct nis5g_err *err);

/* The assessment results of a package document's measures section
 * (package.h: header and sections). Measures not in m are reported too
 * (their target is still the code's statement id). */
json_t *nis5g_oscal_assessment(const json_t *pkg, const struct nis5g_oscal_measure *m, size_t n,
                               struct nis5g_err *err);

/* ---- The queries (query.h; query/q-oscal.c): `nis5g oscal catalog` and
 * `nis5g oscal assessment`. Titles and the measure-scenario mapping come
 * from the editable toolbox catalogue (catalog.h). ---- */

struct nis5g_oscal_params {
    struct nis5g_share_params share; /* assessment: --snapshot */
    const char *state;               /* assessment: NULL for the workspace's (keygen) */
};
struct nis5g_oscal_result {
    json_t *doc;
};
extern const struct nis5g_opt nis5g_oscal_catalog_opts[];
extern const struct nis5g_opt nis5g_oscal_assessment_opts[];
void nis5g_oscal_params_init(void *params);
json_t *nis5g_oscal_json(const void *result); /* the document */
struct nis5g_query;
extern const struct nis5g_query nis5g_query_oscal_catalog;
extern const struct nis5g_query nis5g_query_oscal_assessment;

#endif
