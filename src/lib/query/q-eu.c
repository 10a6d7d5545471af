/*
 * q-eu.c — the EU view query (eu.h): the latest package held from each
 * state and, unless left out, this state's own assessment of its latest
 * snapshot, aggregated by nis5g_eu_view.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/eu.h"
#include "nis5g/keys.h"
#include "nis5g/query.h"

#define T struct nis5g_eu_params
const struct nis5g_opt nis5g_eu_opts[] = {
    NIS5G_OPT_FLAG_(T, "no-own", no_own, 1, "leave this state's own assessment out"),
    NIS5G_OPT_LIST_(T, "policy", "FILE", share.policy,
                    "evaluate this state's policy for its own part (as export does; repeatable)"),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_eu_params_init(void *params)
{
    struct nis5g_eu_params *p = params;
    memset(p, 0, sizeof *p);
    nis5g_share_params_init(&p->share);
}

struct inputs {
    struct nis5g_eu_input *in;
    size_t n;
    json_t *own_doc; /* ours */
    json_t *docs;    /* the held packages' documents */
    struct nis5g_held *held;
};

/* This state's own part: its package (unmarked) of the snapshot asked for,
 * when the workspace knows its state and holds a snapshot. */
static int add_own(const struct nis5g_query_env *env, const struct nis5g_eu_params *p, const char *self,
                   struct inputs *x, struct nis5g_err *err)
{
    struct nis5g_snapshot snap;
    struct nis5g_err e = { 0 };
    if (nis5g_store_snapshot(env->store, NIS5G_NO_DATE, &snap, &e) != 0)
        return 0;
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    memcpy(o.state, self, 3);
    int rc = nis5g_share_package(env, &p->share, p->assessment, &o, &x->own_doc, err);
    if (rc)
        return rc;
    memcpy(x->in[x->n].state, self, 3);
    x->in[x->n].own = 1;
    x->in[x->n++].doc = x->own_doc;
    return 0;
}

static int gather(const struct nis5g_query_env *env, const struct nis5g_eu_params *p, struct inputs *x,
                  struct nis5g_err *err)
{
    struct nis5g_err e = { 0 };
    struct nis5g_pubkey self;
    int have_self = nis5g_identity_get(env->store, &self, &e) == 0;
    size_t n;
    int rc = nis5g_packages_held(env->store, 1, &x->held, &n, &x->docs, err);
    if (rc)
        return rc;
    x->in = nis5g_xcalloc(n + 1, sizeof *x->in);
    if (!p->no_own && have_self && (rc = add_own(env, p, self.state, x, err)) != 0)
        return rc;
    for (size_t i = 0; i < n; i++) {
        const struct nis5g_held *h = &x->held[i];
        if (have_self && strcmp(h->signer, self.state) == 0)
            continue;
        struct nis5g_eu_input *in = &x->in[x->n++];
        memcpy(in->state, h->signer, 3);
        in->tlp = h->tlp;
        in->doc = json_array_get(x->docs, i);
        in->fingerprint = h->fpr;
        in->received_at = h->received_at;
        in->received_by = h->received_by;
    }
    if (x->n == 0)
        return nis5g_err_set(err, NIS5G_ENOTFOUND,
                             "nothing to aggregate: no packages held and no own assessment (import a dataset, run "
                             "keygen, import-package)");
    return 0;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    struct nis5g_eu_result *r = result;
    struct inputs x;
    memset(&x, 0, sizeof x);
    int rc = gather(env, params, &x, err);
    if (!rc && !(r->view = nis5g_eu_view(x.in, x.n, err)))
        rc = err->code ? err->code : NIS5G_EINTERNAL;
    json_decref(x.own_doc);
    json_decref(x.docs);
    free(x.in);
    free(x.held);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_eu_result *r = result;
    json_decref(r->view);
    r->view = NULL;
}

json_t *nis5g_eu_json(const void *result)
{
    return json_incref(((const struct nis5g_eu_result *)result)->view);
}

const struct nis5g_query nis5g_query_eu = {
    .name = "eu",
    .summary = "the EU view: what the packages held and the own assessment say together",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_eu_opts,
    .params_size = sizeof(struct nis5g_eu_params),
    .params_init = nis5g_eu_params_init,
    .result_size = sizeof(struct nis5g_eu_result),
    .compute = compute,
    .to_json = nis5g_eu_json,
    .release = release,
};
