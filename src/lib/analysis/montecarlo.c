/*
 * montecarlo.c — random independent failures (SPEC §4 "Monte Carlo"): each
 * active element fails with the probability of its function or domain,
 * plus a fixed power outage, 64 trials per pass of the service evaluation.
 *
 * Trials are cut in blocks of per_pass trials (64 by default); block k
 * draws its failures from the random stream (seed, k) in a fixed order, so
 * the result depends on the seed only, never on the number of threads or
 * on which thread ran which block. Threads take blocks from a shared
 * counter and write each trial's counts at its own index.
 *
 * Drawing 64 Bernoulli bits per element would cost 64 random numbers per
 * element and pass. Instead, small probabilities jump straight to the next
 * failure (geometric gaps over the element×trial positions of a class), and
 * large ones build the 64-bit mask from the binary digits of p (p quantised
 * to 2^-32): m = digit ? m|r : m&r, from the last digit to the first.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nis5g/resilience.h"
#include "base/rng.h"

#define GEOMETRIC_BELOW 0.125

struct mc_class {
    double p;
    uint32_t off, n; /* into mc.members */
};

struct mc {
    const struct nis5g_model *m;
    const struct nis5g_radio_sites *rs;
    const struct nis5g_mc_opts *o;
    struct nis5g_mc_result *res;
    int per_pass;
    uint64_t n_blocks;
    struct mc_class *cls;
    uint32_t n_cls;
    uint32_t *members;   /* positions of the elements of each class */
    uint32_t *forced;    /* positions of the radios failed by the outage */
    uint32_t n_forced;
    atomic_ullong next, done;
};

static void draw_class(const struct mc_class *c, const uint32_t *members, int per_pass, uint64_t *w,
                       struct nis5g_rng *rng)
{
    const uint32_t *el = members + c->off;
    uint64_t lane = per_pass == 64 ? ~0ull : (1ull << per_pass) - 1;
    if (c->p >= 1.0) {
        for (uint32_t i = 0; i < c->n; i++)
            w[el[i]] |= lane;
        return;
    }
    if (c->p < GEOMETRIC_BELOW) {
        double total = (double)c->n * per_pass, lq = log1p(-c->p);
        double pos = -1;
        for (;;) {
            double gap = floor(log1p(-nis5g_rng_double(rng)) / lq);
            pos += gap + 1;
            if (pos >= total)
                break;
            uint64_t ip = (uint64_t)pos;
            w[el[ip / (uint64_t)per_pass]] |= 1ull << (ip % (uint64_t)per_pass);
        }
        return;
    }
    uint64_t q = (uint64_t)llround(c->p * 4294967296.0);
    if (q >= 4294967296ull) {
        for (uint32_t i = 0; i < c->n; i++)
            w[el[i]] |= lane;
        return;
    }
    int low = q ? __builtin_ctzll(q) : 32;
    for (uint32_t i = 0; i < c->n; i++) {
        uint64_t x = 0;
        for (int b = low; b < 32; b++) {
            uint64_t r = nis5g_rng_next(rng);
            x = (q >> b) & 1u ? x | r : x & r;
        }
        w[el[i]] |= x & lane;
    }
}

static void run_block(struct mc *mc, uint64_t blk, uint64_t *w)
{
    const struct nis5g_model *m = mc->m;
    const struct nis5g_radio_sites *rs = mc->rs;
    struct nis5g_mc_result *res = mc->res;
    int pp = mc->per_pass;
    memset(w, 0, (m->n_elements ? m->n_elements : 1) * sizeof *w);
    for (uint32_t i = 0; i < mc->n_forced; i++)
        w[mc->forced[i]] = ~0ull;
    struct nis5g_rng rng;
    nis5g_rng_seed2(&rng, mc->o->seed, blk);
    for (uint32_t c = 0; c < mc->n_cls; c++)
        draw_class(&mc->cls[c], mc->members, pp, w, &rng);
    nis5g_service_prog_eval(&rs->prog, w);

    uint64_t first = blk * (uint64_t)pp;
    uint64_t cnt = res->trials - first < (uint64_t)pp ? res->trials - first : (uint64_t)pp;
    uint64_t valid = cnt == 64 ? ~0ull : (1ull << cnt) - 1;
    /* A site lost in most trials of the block (an outage) would cost a
     * loop over up to 64 bits: add it to every trial at once, and take it
     * back from the trials where it was not lost. */
    uint32_t nops = res->n_ops;
    uint32_t all_sites = 0;
    int64_t all_subs = 0;
    uint32_t *op_all_sites = nis5g_xcalloc(nops ? nops : 1, sizeof *op_all_sites);
    int64_t *op_all_subs = nis5g_xcalloc(nops ? nops : 1, sizeof *op_all_subs);
    for (uint32_t i = 0; i < rs->n; i++) {
        if (!rs->base[i])
            continue;
        uint64_t lost = ~nis5g_radio_site_service(rs, i, w) & valid;
        if (!lost)
            continue;
        uint32_t site = rs->site[i];
        int64_t subs = nis5g_site_subs(m, site);
        uint16_t op = m->site_operator[site];
        int sign = 1;
        if (__builtin_popcountll(lost) > 32) {
            all_sites++;
            all_subs += subs;
            op_all_sites[op]++;
            op_all_subs[op] += subs;
            lost = ~lost & valid;
            sign = -1;
        }
        while (lost) {
            uint64_t t = first + (uint64_t)__builtin_ctzll(lost);
            lost &= lost - 1;
            res->sites_lost[t] += (uint32_t)sign;
            res->subs_lost[t] += sign * subs;
            res->op_sites_lost[t * nops + op] += (uint32_t)sign;
            res->op_subs_lost[t * nops + op] += sign * subs;
        }
    }
    for (uint64_t t = first; t < first + cnt; t++) {
        res->sites_lost[t] += all_sites;
        res->subs_lost[t] += all_subs;
        for (uint32_t op = 0; op < nops; op++) {
            res->op_sites_lost[t * nops + op] += op_all_sites[op];
            res->op_subs_lost[t * nops + op] += op_all_subs[op];
        }
    }
    free(op_all_sites);
    free(op_all_subs);
}

static void *worker(void *arg)
{
    struct mc *mc = arg;
    uint64_t *w = nis5g_xmalloc((mc->m->n_elements ? mc->m->n_elements : 1) * sizeof *w);
    for (;;) {
        uint64_t blk = atomic_fetch_add(&mc->next, 1);
        if (blk >= mc->n_blocks)
            break;
        run_block(mc, blk, w);
        atomic_fetch_add(&mc->done, 1);
    }
    free(w);
    return NULL;
}

/* Options that cannot be run: no trial, more trials than memory allows,
 * a probability outside [0, 1]. */
static int mc_check_opts(const struct nis5g_model *m, const struct nis5g_mc_opts *o, struct nis5g_err *err)
{
    if (o->trials == 0)
        return nis5g_err_set(err, NIS5G_EINPUT, "the number of trials must be at least 1");
    /* The per-trial counts take 12 bytes per trial and operator (and once
     * more for the totals): refuse what would not fit in a few GiB. */
    if (o->trials * ((uint64_t)m->operators.n + 1) > ((uint64_t)1 << 28))
        return nis5g_err_set(err, NIS5G_EINPUT,
                             "too many trials for %u operators: '%llu' (the per-trial counts would take over 3 GiB)",
                             m->operators.n, (unsigned long long)o->trials);
    uint32_t nf = m->functions.n;
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        if (o->p_domain[d] > 1.0 || o->p_domain[d] != o->p_domain[d])
            return nis5g_err_set(err, NIS5G_EINPUT, "probability out of [0, 1] for '%s': '%g'",
                                 nis5g_domain_names[d], o->p_domain[d]);
    for (uint32_t f = 0; o->p_function && f < nf; f++)
        if (o->p_function[f] > 1.0 || o->p_function[f] != o->p_function[f])
            return nis5g_err_set(err, NIS5G_EINPUT, "probability out of [0, 1] for '%s': '%g'",
                                 nis5g_dict_str(&m->functions, f), o->p_function[f]);
    return NIS5G_OK;
}

/* Classes: one per function with its own probability, then one per
 * domain; ids f and nf + d. Only classes with p > 0 are drawn; their
 * members are listed class by class, as positions in the program. */
static void mc_classes(struct mc *mc)
{
    const struct nis5g_model *m = mc->m;
    const struct nis5g_mc_opts *o = mc->o;
    uint32_t nf = m->functions.n;
    uint32_t ncls_all = nf + NIS5G_DOM_COUNT;
    uint32_t *cls_of = nis5g_xmalloc((m->n_elements ? m->n_elements : 1) * sizeof *cls_of);
    uint32_t *cnt = nis5g_xcalloc(ncls_all, sizeof *cnt);
    double *p_of = nis5g_xcalloc(ncls_all, sizeof *p_of);
    for (uint32_t f = 0; f < nf; f++)
        p_of[f] = o->p_function && o->p_function[f] >= 0 ? o->p_function[f] : -1;
    for (int d = 0; d < NIS5G_DOM_COUNT; d++)
        p_of[nf + (uint32_t)d] = o->p_domain[d] > 0 ? o->p_domain[d] : 0;
    for (uint32_t e = 0; e < m->n_elements; e++) {
        cls_of[e] = NIS5G_NONE;
        if (m->el_status[e] != NIS5G_ST_ACTIVE)
            continue;
        uint32_t c = m->el_function[e] < nf && p_of[m->el_function[e]] >= 0 ? m->el_function[e]
                                                                             : nf + m->el_domain[e];
        if (p_of[c] > 0) {
            cls_of[e] = c;
            cnt[c]++;
        }
    }
    mc->cls = nis5g_xcalloc(ncls_all, sizeof *mc->cls);
    uint32_t *start = nis5g_xcalloc(ncls_all, sizeof *start);
    uint32_t total = 0;
    for (uint32_t c = 0; c < ncls_all; c++) {
        if (!cnt[c])
            continue;
        mc->cls[mc->n_cls].p = p_of[c];
        mc->cls[mc->n_cls].off = total;
        mc->cls[mc->n_cls].n = cnt[c];
        start[c] = total;
        total += cnt[c];
        mc->n_cls++;
    }
    mc->members = nis5g_xmalloc((total ? total : 1) * sizeof *mc->members);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (cls_of[e] != NIS5G_NONE)
            mc->members[start[cls_of[e]]++] = mc->rs->prog.pos[e];
    free(start);
    free(cnt);
    free(p_of);
    free(cls_of);
}

/* The outage: the radios of every radio site whose backup runs out. */
static void mc_forced(struct mc *mc)
{
    const struct nis5g_model *m = mc->m;
    const struct nis5g_radio_sites *rs = mc->rs;
    const struct nis5g_mc_opts *o = mc->o;
    mc->forced = nis5g_xmalloc((rs->off[rs->n] ? rs->off[rs->n] : 1) * sizeof *mc->forced);
    if (o->outage_hours <= 0)
        return;
    for (uint32_t i = 0; i < rs->n; i++) {
        uint32_t s = rs->site[i];
        if (o->outage_region != NIS5G_NONE && m->site_region[s] != o->outage_region)
            continue;
        double b = m->site_backup_hours[s];
        if (b != b)
            b = 0;
        if (o->outage_hours > b)
            for (uint32_t k = rs->off[i]; k < rs->off[i + 1]; k++)
                mc->forced[mc->n_forced++] = rs->radio[k];
    }
}

/* The blocks of trials, shared out to worker threads; this thread works
 * too, and reports progress between its blocks. */
static void mc_run_blocks(struct mc *mc)
{
    const struct nis5g_mc_opts *o = mc->o;
    int nt = o->threads;
    if (nt <= 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        nt = c > 0 ? (int)c : 1;
    }
    if (nt > 64)
        nt = 64;
    if ((uint64_t)nt > mc->n_blocks)
        nt = (int)mc->n_blocks;
    atomic_init(&mc->next, 0);
    atomic_init(&mc->done, 0);
    pthread_t th[64];
    int started = 0;
    for (int t = 1; t < nt; t++)
        if (pthread_create(&th[started], NULL, worker, mc) == 0)
            started++;
    uint32_t ne = mc->m->n_elements;
    uint64_t *w = nis5g_xmalloc((ne ? ne : 1) * sizeof *w);
    for (;;) {
        uint64_t blk = atomic_fetch_add(&mc->next, 1);
        if (blk >= mc->n_blocks)
            break;
        run_block(mc, blk, w);
        uint64_t d = atomic_fetch_add(&mc->done, 1) + 1;
        if (o->progress)
            o->progress(o->progress_ctx, "monte carlo trials",
                        d * (uint64_t)mc->per_pass < o->trials ? d * (uint64_t)mc->per_pass : o->trials, o->trials);
    }
    free(w);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
}

int nis5g_montecarlo_run(const struct nis5g_model *m, const struct nis5g_radio_sites *rs,
                         const struct nis5g_mc_opts *o, struct nis5g_mc_result *res, struct nis5g_err *err)
{
    memset(res, 0, sizeof *res);
    int rc = mc_check_opts(m, o, err);
    if (rc != NIS5G_OK)
        return rc;

    struct mc mc;
    memset(&mc, 0, sizeof mc);
    mc.m = m;
    mc.rs = rs;
    mc.o = o;
    mc.res = res;
    mc.per_pass = o->per_pass >= 1 && o->per_pass <= 64 ? o->per_pass : 64;
    mc.n_blocks = (o->trials + (uint64_t)mc.per_pass - 1) / (uint64_t)mc.per_pass;
    mc_classes(&mc);
    mc_forced(&mc);

    res->trials = o->trials;
    res->n_ops = m->operators.n;
    res->sites_lost = nis5g_xcalloc(o->trials, sizeof *res->sites_lost);
    res->subs_lost = nis5g_xcalloc(o->trials, sizeof *res->subs_lost);
    size_t nops = res->n_ops ? res->n_ops : 1;
    res->op_sites_lost = nis5g_xcalloc(o->trials * nops, sizeof *res->op_sites_lost);
    res->op_subs_lost = nis5g_xcalloc(o->trials * nops, sizeof *res->op_subs_lost);

    mc_run_blocks(&mc);
    free(mc.forced);
    free(mc.members);
    free(mc.cls);
    return NIS5G_OK;
}

void nis5g_mc_result_release(struct nis5g_mc_result *r)
{
    free(r->sites_lost);
    free(r->subs_lost);
    free(r->op_sites_lost);
    free(r->op_subs_lost);
    memset(r, 0, sizeof *r);
}
