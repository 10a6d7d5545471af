/*
 * stix.h — a national assessment as a STIX 2.1 bundle for MISP and OpenCTI
 * users (SPEC §6, docs/stix.md has the mapping).
 *
 * The bundle holds: the exact OASIS TLP 2.0 marking-definition of the
 * chosen level; an identity for the exporting authority; one identity per
 * supplier and per operator; one note per supplier risk profile and per
 * policy finding; and a report that refers to all of them (MISP imports a
 * report as an event). Every object is marked with the TLP level and
 * created by the authority.
 *
 * Ids are deterministic: the UUID is the first 16 bytes of BLAKE2b over
 * "nis5g:" TYPE ":" KEY, with the version and variant bits of a UUIDv4,
 * so re-exporting the same data gives the same ids (OpenCTI then updates
 * objects instead of duplicating them) and a supplier has the same id in
 * every state's bundle.
 */
#ifndef NIS5G_STIX_H
#define NIS5G_STIX_H

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/package.h"

/* The OASIS TLP 2.0 marking definitions (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0), indexed by enum nis5g_tlp. */
struct nis5g_tlp_marking {
    const char *id;    /* "marking-definition--94868c89-..." */
    const char *name;  /* "TLP:CLEAR" */
    const char *value; /* the extension's tlp_2_0 value: "clear" */
};
extern const struct nis5g_tlp_marking nis5g_tlp_markings[5];
#define NIS5G_TLP2_EXTENSION "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d"
#define NIS5G_TLP2_CREATED "2022-10-01T00:00:00.000Z"

/* The marking-definition object of a TLP level, exactly as OASIS
 * publishes it. */
json_t *nis5g_stix_marking(int tlp);

/* "TYPE--UUID" for a key (see above). out: at least 80 bytes. */
void nis5g_stix_id(const char *type, const char *key, char *out, size_t size);

/* The bundle for a package document (package.h: header and sections),
 * marked tlp. Returns NULL with err set on error. */
json_t *nis5g_stix_bundle(const json_t *pkg, int tlp, struct nis5g_err *err);

/* ---- The query (query.h; query/q-stix.c): `nis5g stix` ---------------- */

struct nis5g_stix_params {
    struct nis5g_share_params share; /* --policy, --snapshot */
    int tlp;                         /* enum nis5g_tlp; default amber */
    const char *state;               /* NULL: the workspace's (keygen) */
};
struct nis5g_stix_result {
    json_t *bundle;
    int tlp;
};
extern const struct nis5g_opt nis5g_stix_opts[];
void nis5g_stix_params_init(void *params);
json_t *nis5g_stix_json(const void *result); /* the bundle */
struct nis5g_query;
extern const struct nis5g_query nis5g_query_stix;

#endif
