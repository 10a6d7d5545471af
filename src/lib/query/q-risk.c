/*
 * q-risk.c — the risk query: the scenarios R1–R9 nationally and per
 * operator, from the national assessment (risk.h "The query"), and its
 * JSON document (docs/json.md#risk).
 */
#include <jansson.h>

#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/risk.h"

const struct nis5g_opt nis5g_risk_opts[] = {
    NIS5G_OPT_STR_(struct nis5g_risk_params, "operator", 0, "OP", operator,
                   "one operator's scores (default: the nation, then every operator)"),
    NIS5G_OPT_INCLUDE_(struct nis5g_risk_params, a, nis5g_assess_opts),
    NIS5G_OPT_END_,
};

void nis5g_risk_params_init(void *params)
{
    struct nis5g_risk_params *p = params;
    p->operator = NULL;
    nis5g_assess_params_init(&p->a);
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_risk_params *p = params;
    struct nis5g_risk_query_result *r = result;
    r->only = -1;
    int rc = nis5g_query_assess_load(env, &p->a, &r->x, err);
    if (rc)
        return rc;
    if (p->operator) {
        uint32_t o = nis5g_dict_finds((struct nis5g_dict *)&r->x.m->operators, p->operator);
        if (o == NIS5G_NONE)
            return nis5g_err_set(err, NIS5G_EINPUT, "unknown operator '%s'", p->operator);
        r->only = 1 + (int)o;
    }
    return nis5g_query_assess_run(env, &p->a, &r->x, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_risk_query_result *r = result;
    nis5g_query_assess_release(env, &r->x);
}

json_t *nis5g_risk_query_json(const void *result)
{
    const struct nis5g_risk_query_result *r = result;
    char day[11];
    json_t *j = nis5g_risk_json(&r->x.a, r->only);
    json_object_set_new(j, "as_of", json_string(nis5g_date_format(r->x.m->as_of, day)));
    return j;
}

const struct nis5g_query nis5g_query_risk = {
    .name = "risk",
    .summary = "risk scenarios R1-R9: likelihood, impact, level, why, and the residual risk after the measures",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_risk_opts,
    .params_size = sizeof(struct nis5g_risk_params),
    .params_init = nis5g_risk_params_init,
    .result_size = sizeof(struct nis5g_risk_query_result),
    .compute = compute,
    .to_json = nis5g_risk_query_json,
    .release = release,
};
