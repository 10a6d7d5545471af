/*
 * verify.h — the workspace checked whole (query/q-verify.c, docs/verify.md):
 * `nis5g verify`. Each check is {"check","target","ok","detail"}; the
 * document is {"ok","problems","checks":[...]}.
 */
#ifndef NIS5G_VERIFY_H
#define NIS5G_VERIFY_H

#include <stddef.h>

#include <jansson.h>

#include "nis5g/opts.h"

struct nis5g_verify_result {
    json_t *checks;  /* the checks, in the order made */
    size_t problems; /* checks that failed */
};
extern const struct nis5g_opt nis5g_verify_opts[];
json_t *nis5g_verify_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_verify;

#endif
