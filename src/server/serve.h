/*
 * serve.h — what the command line needs of the server (`nis5g serve`):
 * run it, and describe it (the route table, the OpenAPI document). The
 * rest of src/server/ is the server's own (server.h).
 */
#ifndef NIS5G_SERVE_H
#define NIS5G_SERVE_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "nis5g/err.h"

struct nis5g_serve_opts {
    const char *db_path;
    const char *listen;   /* "127.0.0.1:8355", "[::1]:0" */
    const char *tls_cert; /* PEM files, both or neither */
    const char *tls_key;
    const char *key_file; /* the state's secret key: exports are signed with it */
    unsigned threads;
    size_t max_body;
    unsigned max_per_ip;
    unsigned timeout_s;
};

/* Serve until SIGTERM or SIGINT, then finish the requests in flight.
 * Writes "listening on URL" to out once bound. 0, or an error. */
int nis5g_serve(const struct nis5g_serve_opts *o, FILE *out, struct nis5g_err *err);
/* {"routes":[{"method","path","anyone","roles","query"}...]} */
json_t *nis5g_serve_routes(void);
/* The OpenAPI 3.1 document of the API. */
json_t *nis5g_serve_openapi(void);

#endif
