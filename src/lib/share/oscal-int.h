/*
 * oscal-int.h — what the OSCAL writers of the share layer (oscal.c,
 * oscal-poam.c) have in common.
 */
#ifndef NIS5G_OSCAL_INT_H
#define NIS5G_OSCAL_INT_H

#include <jansson.h>

/* A document's metadata: title, last-modified (RFC 3339 with zone),
 * version (of the content) and oscal-version (NULL: the default). */
json_t *nis5g_oscal_metadata(const char *title, const char *last_modified, const char *version,
                             const char *oscal_version);

#endif
