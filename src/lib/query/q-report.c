/*
 * q-report.c — the report query: the national risk assessment as one
 * document, the same JSON as report.json (report.h "The query";
 * docs/json.md#report). The CLI writes it and report.html.
 */
#include <jansson.h>

#include "nis5g/eu.h"
#include "nis5g/query.h"
#include "nis5g/report.h"

const struct nis5g_opt nis5g_report_opts[] = {
    NIS5G_OPT_INCLUDE_(struct nis5g_report_params, a, nis5g_assess_opts),
    NIS5G_OPT_FLAG_(struct nis5g_report_params, "eu", eu, 1,
                    "add the EU view (the packages held and this state's own assessment, docs/eu.md) with a map"),
    NIS5G_OPT_STR_(struct nis5g_report_params, "figure", 0, "F", figure,
                   "what colours the map: high-risk[:DOMAIN] (default), toolbox, killswitch, restricts"),
    NIS5G_OPT_END_,
};

void nis5g_report_params_init(void *params)
{
    struct nis5g_report_params *p = params;
    nis5g_assess_params_init(&p->a);
    p->eu = 0;
    p->figure = NULL;
}

/* --eu: the EU view of the packages held with this state's own part from
 * the assessment just made (not a second one), its map and its section of
 * the page. */
static int eu_section(const struct nis5g_query_env *env, const struct nis5g_report_params *p,
                      struct nis5g_report_result *r, struct nis5g_err *err)
{
    struct nis5g_eu_params ep;
    nis5g_eu_params_init(&ep);
    const char *policy[1] = { p->a.policy };
    ep.share.snapshot = p->a.snapshot;
    ep.share.policy.v = policy;
    ep.share.policy.n = p->a.policy ? 1 : 0;
    ep.assessment = &r->x.a;
    struct nis5g_eu_result er = { 0 };
    int rc = nis5g_query_eu.compute(env, &ep, &er, err);
    if (!rc) {
        r->eu_view = json_incref(er.view);
        struct nis5g_buf svg = NIS5G_BUF_INIT;
        rc = nis5g_eu_map(r->eu_view, p->figure ? p->figure : "high-risk", &svg, err);
        if (!rc)
            nis5g_eu_html(r->eu_view, svg.data, &r->eu_html);
        nis5g_buf_release(&svg);
    }
    nis5g_query_eu.release(env, &er);
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_report_params *p = params;
    struct nis5g_report_result *r = result;
    if (p->figure && !p->eu)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--figure colours the EU map: it needs --eu");
    int rc = nis5g_query_assess_load(env, &p->a, &r->x, err);
    if (!rc)
        rc = nis5g_query_assess_run(env, &p->a, &r->x, err);
    return rc || !p->eu ? rc : eu_section(env, p, r, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_report_result *r = result;
    json_decref(r->eu_view);
    r->eu_view = NULL;
    nis5g_buf_release(&r->eu_html);
    nis5g_query_assess_release(env, &r->x);
}

json_t *nis5g_report_query_json(const void *result)
{
    const struct nis5g_report_result *r = result;
    json_t *j = nis5g_report_json(&r->x.a);
    if (j && r->eu_view)
        json_object_set(j, "eu", r->eu_view);
    return j;
}

const struct nis5g_query nis5g_query_report = {
    .name = "report",
    .summary = "the national risk assessment: report.html (self-contained, with charts) and report.json",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_report_opts,
    .params_size = sizeof(struct nis5g_report_params),
    .params_init = nis5g_report_params_init,
    .result_size = sizeof(struct nis5g_report_result),
    .compute = compute,
    .to_json = nis5g_report_query_json,
    .release = release,
};
