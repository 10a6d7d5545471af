/*
 * risk-resil.c — the resilience results the risk method uses (docs/risk-method.md
 * §2.5, §2.6): a kill-switch of every vendor with active equipment, and a
 * Monte Carlo run of random failures with the method's probabilities. Both
 * come from resilience.h; this file only runs them and keeps the figures.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/resilience.h"
#include "nis5g/risk.h"


int nis5g_risk_resilience(struct nis5g_assessment *a, const struct nis5g_assess_opts *ao, struct nis5g_err *err)
{
    uint64_t trials = ao->mc_trials, seed = ao->mc_seed;
    const struct nis5g_model *m = a->m;
    uint32_t nv = m->vendors.n, nops = m->operators.n;
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    a->radio_subs = rs.subs_base;

    /* Kill-switch: one scenario per vendor. */
    uint16_t *ids = nis5g_xcalloc((size_t)nv + 1, sizeof *ids);
    struct nis5g_ks_scenario *sc = nis5g_xcalloc((size_t)nv + 1, sizeof *sc);
    struct nis5g_ks_result *res = nis5g_xcalloc((size_t)nv + 1, sizeof *res);
    for (uint32_t v = 0; v < nv; v++) {
        ids[v] = (uint16_t)v;
        sc[v].vendors = &ids[v];
        sc[v].n_vendors = 1;
    }
    nis5g_killswitch_run(m, &rs, sc, nv, res, ao->progress, ao->progress_ctx);
    a->have_ks = 1;
    a->ks_sites = nis5g_xcalloc((size_t)nv + 1, sizeof *a->ks_sites);
    a->ks_subs = nis5g_xcalloc((size_t)nv + 1, sizeof *a->ks_subs);
    a->ks_elements = nis5g_xcalloc((size_t)nv + 1, sizeof *a->ks_elements);
    a->ks_op_subs = nis5g_xcalloc((size_t)nv * nops + 1, sizeof *a->ks_op_subs);
    for (uint32_t v = 0; v < nv; v++) {
        a->ks_sites[v] = res[v].sites_lost;
        a->ks_subs[v] = res[v].subs_lost;
        a->ks_elements[v] = res[v].elements_failed;
        for (uint32_t o = 0; o < nops; o++)
            a->ks_op_subs[(size_t)v * nops + o] = res[v].op_subs_lost[o];
        nis5g_ks_result_release(&res[v]);
    }
    free(res);
    free(sc);
    free(ids);
    a->extra.ks_subs = a->ks_subs;
    a->extra.ks_op_subs = a->ks_op_subs;

    /* Monte Carlo. */
    int rc = 0;
    if (trials) {
        struct nis5g_mc_opts o;
        memset(&o, 0, sizeof o);
        o.trials = trials;
        o.seed = seed;
        memcpy(o.p_domain, nis5g_risk_mc_p, sizeof o.p_domain);
        o.outage_region = NIS5G_NONE;
        o.progress = ao->progress;
        o.progress_ctx = ao->progress_ctx;
        struct nis5g_mc_result mr;
        rc = nis5g_montecarlo_run(m, &rs, &o, &mr, err);
        if (!rc) {
            struct nis5g_dist ds, dn;
            nis5g_dist_i64(mr.subs_lost, mr.trials, 1, &ds);
            nis5g_dist_u32(mr.sites_lost, mr.trials, 1, &dn);
            a->have_mc = 1;
            a->mc_trials = mr.trials;
            a->mc_seed = seed;
            a->mc_mean_subs = ds.mean;
            a->mc_mean_sites = dn.mean;
            int64_t s4[4] = { ds.p50, ds.p95, ds.p99, ds.max }, n4[4] = { dn.p50, dn.p95, dn.p99, dn.max };
            memcpy(a->mc_subs, s4, sizeof s4);
            memcpy(a->mc_sites, n4, sizeof n4);
            a->mc_op_p95 = nis5g_xcalloc((size_t)nops + 1, sizeof *a->mc_op_p95);
            for (uint32_t op = 0; op < nops; op++) {
                struct nis5g_dist d;
                nis5g_dist_i64(mr.op_subs_lost + op, mr.trials, nops, &d);
                a->mc_op_p95[op] = d.p95;
            }
            for (uint64_t t = 0; t < mr.trials; t++) {
                size_t b = ds.max > 0 ? (size_t)((double)mr.subs_lost[t] * NIS5G_MC_BINS / (double)ds.max) : 0;
                a->mc_hist[b >= NIS5G_MC_BINS ? NIS5G_MC_BINS - 1 : b]++;
            }
            a->extra.have_mc = 1;
            a->extra.mc_trials = mr.trials;
            a->extra.mc_p95 = ds.p95;
            a->extra.mc_op_p95 = a->mc_op_p95;
            nis5g_mc_result_release(&mr);
        }
    }
    nis5g_radio_sites_release(&rs);
    return rc;
}
