/*
 * q-simulate.c — the simulate query: Monte Carlo trials of random failures
 * and a power outage (resilience.h), and its JSON document
 * (docs/json.md#simulate).
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/query.h"
#include "nis5g/resilience.h"

#define FAIL_SYNTAX "expected --fail DOMAIN=P or FUNCTION=P with P from 0 to 1, got '%s'"

/* --fail X=P: the last '=' splits, so that a function name may hold one. */
static int parse_fail(const char *value, void *field, struct nis5g_err *err)
{
    struct nis5g_sim_fails *f = field;
    const char *eq = strrchr(value, '=');
    double p;
    if (!eq || eq == value || nis5g_parse_number(eq + 1, &p) || p > 1)
        return nis5g_err_set(err, NIS5G_EUSAGE, FAIL_SYNTAX, value);
    size_t len = (size_t)(eq - value), i = 0;
    while (i < f->n && !(f->v[i].len == len && memcmp(f->v[i].name, value, len) == 0))
        i++;
    if (i == NIS5G_SIM_MAX_FAIL)
        return nis5g_err_set(err, NIS5G_EUSAGE, "too many --fail options (at most %d domains and functions)",
                             NIS5G_SIM_MAX_FAIL);
    f->v[i] = (struct nis5g_sim_fail){ value, len, p };
    if (i == f->n)
        f->n++;
    return 0;
}

#define P struct nis5g_simulate_params
const struct nis5g_opt nis5g_simulate_opts[] = {
    NIS5G_OPT_UINT_(P, "trials", "N", trials, "number of trials (default 1000)"),
    NIS5G_OPT_UINT_(P, "seed", "S", seed, "random seed (default 1); same seed, same result"),
    { .type = NIS5G_OPT_CUSTOM, .name = "fail", .arg = "DOMAIN|FUNCTION=P",
      .help = "each active element of that domain or function fails with probability P (repeatable; a "
              "function's P overrides its domain's)",
      .offset = offsetof(P, fail), .parse = parse_fail, .flags = NIS5G_OPT_REPEATABLE },
    NIS5G_OPT_NUMBER_(P, "outage-hours", "H", outage_hours,
                      "power outage: a site's radios fail when H exceeds its backup_hours (empty counts as 0)"),
    NIS5G_OPT_STR_(P, "region", 0, "R", region, "the outage is in region R only (default: everywhere)"),
    NIS5G_OPT_UINT_(P, "threads", "N", threads, "worker threads (default: one per core); does not change the result"),
    NIS5G_OPT_UINT_(P, "per-pass", "K", per_pass,
                    "trials per pass, 1-64 (default 64); for benchmarks (changes the draws)"),
    NIS5G_OPT_SNAPSHOT(P, snapshot),
    NIS5G_OPT_END_,
};
#undef P

void nis5g_simulate_params_init(void *params)
{
    struct nis5g_simulate_params *p = params;
    p->snapshot = NIS5G_NO_DATE;
    p->trials = 1000;
    p->seed = 1;
    p->per_pass = 64;
}

static int check(const struct nis5g_simulate_params *p, struct nis5g_err *err)
{
    if (p->per_pass < 1 || p->per_pass > 64)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--per-pass must be 1 to 64, got '%llu'",
                             (unsigned long long)p->per_pass);
    if (p->trials == 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--trials must be at least 1");
    if (p->region && p->outage_hours <= 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "--region names where the outage is: give --outage-hours too");
    return 0;
}

/* The probabilities of o (pf: functions.n entries) from the --fail values,
 * and the names in the result from the model's. */
static int resolve(const struct nis5g_simulate_params *p, struct nis5g_simulate_result *r, struct nis5g_mc_opts *o,
                   double *pf, struct nis5g_err *err)
{
    const struct nis5g_model *m = r->m;
    for (uint32_t f = 0; f < m->functions.n; f++)
        pf[f] = -1;
    r->fail = p->fail;
    for (size_t i = 0; i < p->fail.n; i++) {
        const struct nis5g_sim_fail *x = &p->fail.v[i];
        int d = nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, x->name, x->len);
        uint32_t f;
        if (d >= 0) {
            o->p_domain[d] = x->p;
            r->fail.v[i].name = nis5g_domain_names[d];
        } else if ((f = nis5g_dict_find((struct nis5g_dict *)&m->functions, x->name, x->len)) != NIS5G_NONE) {
            pf[f] = x->p;
            r->fail.v[i].name = nis5g_dict_str(&m->functions, f);
        } else
            return nis5g_err_set(err, NIS5G_EUSAGE, "unknown domain or function '%.*s'", (int)x->len, x->name);
    }
    o->outage_region = NIS5G_NONE;
    if (p->region && (o->outage_region = nis5g_dict_finds((struct nis5g_dict *)&m->regions, p->region)) == NIS5G_NONE)
        return nis5g_err_set(err, NIS5G_EUSAGE, "unknown region '%s'", p->region);
    r->region = p->region ? nis5g_dict_str(&m->regions, o->outage_region) : NULL;
    return 0;
}

/* The distributions over the trials, nationally and per operator. */
static void summarise(struct nis5g_simulate_result *r)
{
    const struct nis5g_mc_result *mc = &r->mc;
    uint32_t nops = r->m->operators.n;
    r->op_sites = nis5g_xcalloc(nops ? nops : 1, sizeof *r->op_sites);
    for (uint32_t i = 0; i < r->rs.n; i++)
        r->op_sites[r->m->site_operator[r->rs.site[i]]]++;
    nis5g_dist_u32(mc->sites_lost, mc->trials, 1, &r->sites_lost);
    nis5g_dist_i64(mc->subs_lost, mc->trials, 1, &r->subs_lost);
    r->op_sites_lost = nis5g_xcalloc(nops ? nops : 1, sizeof *r->op_sites_lost);
    r->op_subs_lost = nis5g_xcalloc(nops ? nops : 1, sizeof *r->op_subs_lost);
    for (uint32_t op = 0; op < nops; op++) {
        nis5g_dist_u32(mc->op_sites_lost + op, mc->trials, nops, &r->op_sites_lost[op]);
        nis5g_dist_i64(mc->op_subs_lost + op, mc->trials, nops, &r->op_subs_lost[op]);
    }
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_simulate_params *p = params;
    struct nis5g_simulate_result *r = result;
    int rc = check(p, err);
    if (rc || (rc = env->load_model(env, p->snapshot, NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS, &r->m, &r->snap, err)))
        return rc;
    r->trials = p->trials;
    r->seed = p->seed;
    r->outage_hours = p->outage_hours;
    struct nis5g_mc_opts o;
    memset(&o, 0, sizeof o);
    o.trials = p->trials;
    o.seed = p->seed;
    o.threads = (int)(p->threads > 64 ? 64 : p->threads);
    o.per_pass = (int)p->per_pass;
    o.outage_hours = p->outage_hours;
    o.progress = env->progress;
    o.progress_ctx = env->ctx;
    double *pf = nis5g_xmalloc((r->m->functions.n ? r->m->functions.n : 1) * sizeof *pf);
    o.p_function = pf;
    rc = resolve(p, r, &o, pf, err);
    if (!rc) {
        nis5g_radio_sites_build(r->m, &r->rs);
        rc = nis5g_montecarlo_run(r->m, &r->rs, &o, &r->mc, err);
    }
    if (!rc)
        summarise(r);
    free(pf);
    return rc;
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_simulate_result *r = result;
    free(r->op_sites);
    free(r->op_sites_lost);
    free(r->op_subs_lost);
    nis5g_mc_result_release(&r->mc);
    nis5g_radio_sites_release(&r->rs);
    if (r->m)
        env->release_model(env, r->m);
}

static json_t *dist_json(const struct nis5g_dist *d)
{
    return json_pack("{s:f, s:I, s:I, s:I, s:I}", "mean", d->mean, "p50", (json_int_t)d->p50, "p95",
                     (json_int_t)d->p95, "p99", (json_int_t)d->p99, "max", (json_int_t)d->max);
}

json_t *nis5g_simulate_json(const void *result)
{
    const struct nis5g_simulate_result *r = result;
    const struct nis5g_model *m = r->m;
    json_t *failj = json_object();
    for (size_t i = 0; i < r->fail.n; i++)
        json_object_set_new(failj, r->fail.v[i].name, json_real(r->fail.v[i].p));
    json_t *per_op = json_object();
    for (uint32_t op = 0; op < m->operators.n; op++)
        json_object_set_new(per_op, nis5g_dict_str(&m->operators, op),
                            json_pack("{s:I, s:o, s:o}", "sites", (json_int_t)r->op_sites[op], "sites_lost",
                                      dist_json(&r->op_sites_lost[op]), "subscribers_lost",
                                      dist_json(&r->op_subs_lost[op])));
    char day[11];
    return json_pack("{s:s, s:I, s:I, s:o, s:{s:f, s:o}, s:{s:I, s:I, s:I}, s:o, s:o, s:o}", "as_of",
                     nis5g_date_format(m->as_of, day), "trials", (json_int_t)r->trials, "seed", (json_int_t)r->seed,
                     "fail", failj, "outage", "hours", r->outage_hours, "region",
                     r->region ? json_string(r->region) : json_null(), "baseline", "sites", (json_int_t)r->rs.n,
                     "subscribers", (json_int_t)r->rs.subs_total, "sites_without_service",
                     (json_int_t)(r->rs.n - r->rs.n_base), "sites_lost", dist_json(&r->sites_lost),
                     "subscribers_lost", dist_json(&r->subs_lost), "per_operator", per_op);
}

const struct nis5g_query nis5g_query_simulate = {
    .name = "simulate",
    .summary = "Monte Carlo: random failures and power outages; sites and subscribers without service",
    .flags = NIS5G_Q_READ | NIS5G_Q_MODEL_ONLY,
    .opts = nis5g_simulate_opts,
    .params_size = sizeof(struct nis5g_simulate_params),
    .params_init = nis5g_simulate_params_init,
    .result_size = sizeof(struct nis5g_simulate_result),
    .compute = compute,
    .to_json = nis5g_simulate_json,
    .release = release,
};
