/*
 * share-eu.c — transitional glue for `nis5g report --eu` (share-eu.h).
 */
#include "share-eu.h"

#include "nis5g/eu.h"
#include "nis5g/query.h"

int share_eu_view(struct nis5g_ctx *ctx, const struct share_gather *g, int own, json_t **out)
{
    *out = NULL;
    struct nis5g_eu_params p;
    nis5g_eu_params_init(&p);
    p.share.snapshot = g->snap_day;
    p.share.detail = g->detail;
    p.share.policy.v = (const char **)g->policies;
    p.share.policy.n = g->n_policies;
    p.no_own = !own;
    p.assessment = g->assessment;
    struct nis5g_eu_result r = { 0 };
    int rc = cli_query_compute(ctx, &nis5g_query_eu, &p, &r);
    if (!rc)
        *out = json_incref(r.view);
    cli_query_release(ctx, &nis5g_query_eu, &r);
    return rc;
}

int share_eu_map(struct nis5g_ctx *ctx, const json_t *view, const char *figure, struct nis5g_buf *svg)
{
    struct nis5g_err err = { 0 };
    return nis5g_eu_map(view, figure, svg, &err) ? cli_fail_err(ctx, &err) : 0;
}
