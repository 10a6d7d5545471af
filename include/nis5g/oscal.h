/*
 * oscal.h — the EU 5G toolbox as an OSCAL catalog, the measure status
 * per scope as OSCAL assessment results, and the phase-outs and measures
 * still to do as an OSCAL plan of action and milestones (NIST OSCAL JSON,
 * 1.2.1 by default or 1.1.2; docs/oscal.md).
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
 * POA&M: one poam-item per rule with a deadline and operator (or group),
 * open while elements must still change, with the elements as an
 * observation and the deadline, status and phase-out forecast as its risk;
 * and one per measure and scope not implemented.
 *
 * Every document declares its version in metadata.oscal-version; the two
 * versions share the layout nis5g writes. UUIDs are deterministic (BLAKE2b of a key, UUIDv4 layout), so the same
 * data gives the same document.
 */
#ifndef NIS5G_OSCAL_H
#define NIS5G_OSCAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/opts.h"
#include "nis5g/package.h"

#define NIS5G_OSCAL_NS "urn:nis5g"

/* The OSCAL versions nis5g writes, the default (the current release) first:
 * "1.2.1", "1.1.2", NULL. The --oscal-version option's choices. */
extern const char *const nis5g_oscal_versions[];
#define NIS5G_OSCAL_VERSION "1.2.1"

/* --oscal-version VERSION, into an int field of T (an index of the above). */
#define NIS5G_OPT_OSCAL_VERSION(T, field)                                                                     \
    { .type = NIS5G_OPT_CHOICE, .name = "oscal-version", .arg = "VERSION", .offset = offsetof(T, field),      \
      .help = "the OSCAL version: 1.2.1 (default) or 1.1.2", .choices = nis5g_oscal_versions,               \
      .flags = NIS5G_OPT_GIVEN_ONCE }

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

/* The catalog. last_modified: an RFC 3339 time with zone ("...Z");
 * version: the OSCAL version it declares (NULL: NIS5G_OSCAL_VERSION).
 * NIS5G_EINPUT (NULL returned) for a code outside SM/TM/SA. */
json_t *nis5g_oscal_catalog(const struct nis5g_oscal_measure *m, size_t n, const char *last_modified,
                            const char *version, struct nis5g_err *err);

/* The assessment results of a package document's measures section
 * (package.h: header and sections). Measures not in m are reported too
 * (their target is still the code's statement id). */
json_t *nis5g_oscal_assessment(const json_t *pkg, const struct nis5g_oscal_measure *m, size_t n,
                               const char *version, struct nis5g_err *err);

struct nis5g_forecast; /* policy.h */

/* One thing to do in a POA&M: a rule with a deadline at one operator (or
 * group), or a measure not implemented at one scope. Everything borrowed. */
struct nis5g_poam_item {
    const char *kind;        /* "rule" or "measure" */
    const char *id;          /* "SE-PHASEOUT", "TM03" */
    const char *title;       /* the rule's or measure's title (NULL: the id) */
    const char *statement;   /* rule: its clause; measure: NULL */
    const char *scope;       /* the operator, state or group */
    const char *detail;      /* rule: ok, pending or violation; measure: its status */
    const char *severity;    /* rule: may be NULL */
    int open;                /* something still to do */
    int32_t deadline;        /* NIS5G_NO_DATE: none */
    int64_t count;           /* elements (or, cap/require, the amount) to change */
    const char *const *elements; /* deny: the ids of the elements to change */
    size_t n_elements;
    const struct nis5g_forecast *forecast; /* NULL or kind NIS5G_FC_NONE: none */
};

/* The plan of action and milestones of items[n] for the snapshot of day
 * snapshot evaluated as of day at (both date.h day numbers), declaring
 * version (NULL: the default). NIS5G_EINPUT (NULL returned) when n is 0:
 * OSCAL wants at least one poam-item. */
json_t *nis5g_oscal_poam(const struct nis5g_poam_item *items, size_t n, int32_t snapshot, int32_t at,
                         const char *version, struct nis5g_err *err);

/* ---- The queries (query.h; query/q-oscal.c, q-poam.c): `nis5g oscal
 * catalog`, `nis5g oscal assessment` and `nis5g oscal poam`. Titles and the measure-scenario mapping come
 * from the editable toolbox catalogue (catalog.h). ---- */

struct nis5g_oscal_params {
    struct nis5g_share_params share; /* assessment: --snapshot */
    const char *state;               /* assessment: NULL for the workspace's (keygen) */
    int version;                     /* --oscal-version: an index of nis5g_oscal_versions */
    struct nis5g_strlist policy;     /* poam: the policies whose deadlines it plans */
    int32_t at;                      /* poam: NIS5G_NO_DATE for today */
    int32_t snapshot;                /* poam: NIS5G_NO_DATE for the latest */
};
struct nis5g_oscal_result {
    json_t *doc;
};
extern const struct nis5g_opt nis5g_oscal_catalog_opts[];
extern const struct nis5g_opt nis5g_oscal_assessment_opts[];
extern const struct nis5g_opt nis5g_oscal_poam_opts[];
void nis5g_oscal_params_init(void *params);
json_t *nis5g_oscal_json(const void *result); /* the document */
struct nis5g_query_env;
void nis5g_oscal_release(const struct nis5g_query_env *env, void *result); /* drops the document */
struct nis5g_query;
extern const struct nis5g_query nis5g_query_oscal_catalog;
extern const struct nis5g_query nis5g_query_oscal_assessment;
extern const struct nis5g_query nis5g_query_oscal_poam;

#endif
