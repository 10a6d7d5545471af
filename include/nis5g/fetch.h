/*
 * fetch.h — HTTP(S) GET for pulling packages from a peer's server
 * (docs/pull.md), through libcurl: the system's CAs, or one CA file for a
 * peer with a self-signed certificate; a bearer token; a size limit.
 */
#ifndef NIS5G_FETCH_H
#define NIS5G_FETCH_H

#include <stddef.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"

struct nis5g_fetch_opts {
    const char *token;  /* sent as Authorization: Bearer TOKEN */
    const char *cacert; /* a CA file instead of the system's, or NULL */
    size_t max_bytes;   /* a longer body is an error (NIS5G_ELIMIT) */
};

/* GET url into out (replacing its content), *status the HTTP status. A
 * transfer that fails or is cut short is NIS5G_EIO naming the URL and
 * libcurl's reason; out then holds nothing to trust. */
int nis5g_fetch_get(const char *url, const struct nis5g_fetch_opts *o, struct nis5g_buf *out, long *status,
                    struct nis5g_err *err);

#endif
