/*
 * q-oscal.c — the oscal queries (oscal.h): the toolbox as an OSCAL catalog,
 * and the measure status per scope as OSCAL assessment results. Titles and
 * the measure-scenario mapping come from the editable toolbox catalogue.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/oscal.h"
#include "nis5g/query.h"

#define T struct nis5g_oscal_params

const struct nis5g_opt nis5g_oscal_catalog_opts[] = {
    NIS5G_OPT_OSCAL_VERSION(T, version),
    NIS5G_OPT_END_,
};

const struct nis5g_opt nis5g_oscal_assessment_opts[] = {
    NIS5G_OPT_STR_(T, "state", 0, "CC", state, "the state (default: the workspace's, from keygen)"),
    NIS5G_OPT_DATE_(T, "snapshot", share.snapshot, "the snapshot (default: the latest)"),
    NIS5G_OPT_OSCAL_VERSION(T, version),
    NIS5G_OPT_END_,
};
#undef T

void nis5g_oscal_params_init(void *params)
{
    struct nis5g_oscal_params *p = params;
    memset(p, 0, sizeof *p);
    nis5g_share_params_init(&p->share);
    p->at = NIS5G_NO_DATE;
    p->snapshot = NIS5G_NO_DATE;
}

struct measures {
    struct nis5g_oscal_measure *m;
    struct nis5g_oscal_mitigation *mit;
    size_t n;
    struct nis5g_catalog cat;
};

static void release_measures(struct measures *ms)
{
    if (ms->m)
        nis5g_catalog_release(&ms->cat);
    free(ms->m);
    free(ms->mit);
}

/* The measures of the catalogue with the scenarios each mitigates. */
static int load_measures(const struct nis5g_query_env *env, struct measures *ms, struct nis5g_err *err)
{
    memset(ms, 0, sizeof *ms);
    if (nis5g_catalog_load(&ms->cat, env->diags))
        return nis5g_err_set(err, NIS5G_EPARSE, "the toolbox catalogue has errors");
    const struct nis5g_catalog *c = &ms->cat;
    ms->n = c->n_measures;
    ms->m = nis5g_xcalloc(c->n_measures ? c->n_measures : 1, sizeof *ms->m);
    ms->mit = nis5g_xcalloc(c->n_mapping ? c->n_mapping : 1, sizeof *ms->mit);
    size_t k = 0;
    for (size_t i = 0; i < c->n_measures; i++) {
        ms->m[i].code = c->measures[i].code;
        ms->m[i].title = c->measures[i].title;
        ms->m[i].mitigates = ms->mit + k;
        for (size_t j = 0; j < c->n_mapping; j++) {
            if (c->mapping[j].measure != i)
                continue;
            const struct nis5g_scenario *s = &c->scenarios[c->mapping[j].scenario];
            ms->mit[k].scenario = s->id;
            ms->mit[k].title = s->title;
            ms->mit[k].lowers = nis5g_lowers_names[c->mapping[j].lowers];
            k++;
            ms->m[i].n_mitigates++;
        }
    }
    return 0;
}

static int compute_catalog(const struct nis5g_query_env *env, const void *params, void *result,
                           struct nis5g_err *err)
{
    const struct nis5g_oscal_params *p = params;
    struct nis5g_oscal_result *r = result;
    struct measures ms;
    int rc = load_measures(env, &ms, err);
    if (!rc) {
        /* the catalogue's content is fixed data: date it by the program's data, not by the clock */
        char lm[32], d[11];
        snprintf(lm, sizeof lm, "%sT00:00:00Z", nis5g_date_format(env->today, d));
        if (!(r->doc = nis5g_oscal_catalog(ms.m, ms.n, lm, nis5g_oscal_versions[p->version], err)))
            rc = err->code ? err->code : NIS5G_EINTERNAL;
    }
    release_measures(&ms);
    return rc;
}

static int compute_assessment(const struct nis5g_query_env *env, const void *params, void *result,
                              struct nis5g_err *err)
{
    const struct nis5g_oscal_params *p = params;
    struct nis5g_oscal_result *r = result;
    struct nis5g_export_opts o;
    memset(&o, 0, sizeof o);
    struct measures ms;
    json_t *pkg = NULL;
    int rc = load_measures(env, &ms, err);
    if (!rc)
        rc = nis5g_share_state(env, p->state, o.state, err);
    if (!rc)
        rc = nis5g_share_package(env, &p->share, NULL, &o, &pkg, err);
    if (!rc && !(r->doc = nis5g_oscal_assessment(pkg, ms.m, ms.n, nis5g_oscal_versions[p->version], err)))
        rc = err->code ? err->code : NIS5G_EINTERNAL;
    json_decref(pkg);
    release_measures(&ms);
    return rc;
}

void nis5g_oscal_release(const struct nis5g_query_env *env, void *result)
{
    (void)env;
    struct nis5g_oscal_result *r = result;
    json_decref(r->doc);
    r->doc = NULL;
}

json_t *nis5g_oscal_json(const void *result)
{
    return json_incref(((const struct nis5g_oscal_result *)result)->doc);
}

const struct nis5g_query nis5g_query_oscal_catalog = {
    .name = "oscal catalog",
    .summary = "the EU 5G toolbox as an OSCAL catalog",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_oscal_catalog_opts,
    .params_size = sizeof(struct nis5g_oscal_params),
    .params_init = nis5g_oscal_params_init,
    .result_size = sizeof(struct nis5g_oscal_result),
    .compute = compute_catalog,
    .to_json = nis5g_oscal_json,
    .release = nis5g_oscal_release,
};

const struct nis5g_query nis5g_query_oscal_assessment = {
    .name = "oscal assessment",
    .summary = "the measure status per scope as OSCAL assessment results",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_oscal_assessment_opts,
    .params_size = sizeof(struct nis5g_oscal_params),
    .params_init = nis5g_oscal_params_init,
    .result_size = sizeof(struct nis5g_oscal_result),
    .compute = compute_assessment,
    .to_json = nis5g_oscal_json,
    .release = nis5g_oscal_release,
};
