/*
 * fuzz-params.c — libFuzzer driver for the parameters of every query of
 * the table (opts.c and the queries' own parsers), as the server reads
 * them from a query string or a JSON body: the input is "name=value"
 * pairs separated by '&' (or a NUL), each stored through the query's
 * option table; the query is chosen by the first byte. Every value any
 * parser accepts or refuses must leave the parameters releasable.
 *
 * Built and run by `make fuzz` and `make fuzz-smoke` from fuzz/corpus/params.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    size_t nq = 0;
    while (nis5g_queries[nq])
        nq++;
    const struct nis5g_query *q = nis5g_queries[data[0] % nq];
    void *params = calloc(1, q->params_size ? q->params_size : 1);
    if (q->params_init)
        q->params_init(params);
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = 0;
    /* kept until the parameters are released: strings point into it */
    for (char *pair = text, *next; pair; pair = next) {
        next = strpbrk(pair, "&");
        if (next)
            *next++ = 0;
        char *eq = strchr(pair, '=');
        if (eq)
            *eq = 0;
        size_t base = 0;
        const struct nis5g_opt *o = nis5g_opt_find(q->opts, pair, &base);
        struct nis5g_err err = { 0 };
        if (o)
            nis5g_opt_set(o, (char *)params + base, o->type == NIS5G_OPT_FLAG ? NULL : eq ? eq + 1 : "", &err);
    }
    nis5g_opts_release(q->opts, params);
    free(params);
    free(text);
    return 0;
}
