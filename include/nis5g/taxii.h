/*
 * taxii.h — the approved exports as TAXII 2.1 collections of STIX objects
 * (docs/taxii.md), for MISP and OpenCTI: the server's /taxii2/ routes
 * serve what these functions gather.
 *
 * Collections follow the TLP audience of the approved exports
 * (exports.h): "shared" holds the packages any peer may receive
 * (TLP:CLEAR and TLP:GREEN without named recipients), "to-CC" those that
 * name state CC as a recipient. A peer of state CC sees "shared" and
 * "to-CC"; analysts and admins see every collection. Each package gives
 * the objects of its STIX bundle (stix.h), added at its approval time;
 * an object met again with the same version is kept once.
 */
#ifndef NIS5G_TAXII_H
#define NIS5G_TAXII_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/store.h"

#define NIS5G_TAXII_MEDIA "application/taxii+json;version=2.1"
#define NIS5G_STIX_MEDIA "application/stix+json;version=2.1"

struct nis5g_taxii_collection {
    char name[8];    /* "shared" or "to-CC" */
    char id[40];     /* a UUID, fixed for the name */
    char title[96];
};

/* The collections peer_state may read (NULL: all), "shared" first, then by
 * state. *v is the caller's (free). */
int nis5g_taxii_collections(struct nis5g_store *st, const char *peer_state, struct nis5g_taxii_collection **v,
                            size_t *n, struct nis5g_err *err);
/* The collection with that UUID among those peer_state may read;
 * NIS5G_ENOTFOUND otherwise. */
int nis5g_taxii_collection_find(struct nis5g_store *st, const char *peer_state, const char *id,
                                struct nis5g_taxii_collection *out, struct nis5g_err *err);
/* The collection's JSON resource (id, title, description, can_read,
 * can_write, media_types). */
json_t *nis5g_taxii_collection_json(const struct nis5g_taxii_collection *c);

struct nis5g_taxii_object {
    json_t *obj;         /* the STIX object (owned by the list) */
    char date_added[32]; /* YYYY-MM-DDTHH:MM:SS.000Z */
    const char *id;      /* borrowed from obj */
    const char *version; /* its "modified", else "created" */
};
struct nis5g_taxii_objects {
    struct nis5g_taxii_object *v;
    size_t n;
};

/* Every object of the collection, oldest addition first. The bytes of
 * each package are hashed again against the approved digest (exports.h):
 * NIS5G_EVERIFY when one was altered. */
int nis5g_taxii_objects(struct nis5g_store *st, const struct nis5g_taxii_collection *c,
                        struct nis5g_taxii_objects *out, struct nis5g_err *err);
void nis5g_taxii_objects_release(struct nis5g_taxii_objects *o);

#endif
