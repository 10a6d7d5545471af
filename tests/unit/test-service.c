/*
 * test-service.c — the bit-parallel service engine (service.c), the
 * kill-switch (killswitch.c) and the Monte Carlo (montecarlo.c), checked
 * against a simple recursive evaluator written here from SPEC §1 on many
 * random small topologies with pools, and on hand-made cases.
 */
#include <stdint.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/model.h"
#include "nis5g/resilience.h"
#include "base/rng.h"

/* ---- building models by hand ------------------------------------------- */

#define MAXE 64
#define MAXL 512

/* The raw topology, kept apart from the model so that the reference
 * evaluator does not depend on the CSR layout. */
struct topo {
    int n;
    int func[MAXE], vendor[MAXE], op[MAXE], site[MAXE], status[MAXE]; /* site -1: none */
    int nl;
    int from[MAXL], to[MAXL], group[MAXL]; /* group -1: none */
    int order[MAXE];                       /* a topological order */
    int nsites, site_op[16], site_region[16];
    long long site_subs[16];
    double site_backup[16];
};

static const char *funcs[] = { "RU", "gNB", "AMF", "UPF", "router", "OSS" };
static const char *vendors[] = { "Ericsson", "Huawei", "Nokia", "ZTE" };

static struct nis5g_model *build(const struct topo *t)
{
    struct nis5g_model *m = nis5g_model_new();
    m->parts = NIS5G_PART_ALL;
    char b[32];
    for (int i = 0; i < 3; i++) {
        int n = snprintf(b, sizeof b, "OP%d", i + 1);
        nis5g_dict_intern(&m->operators, b, (size_t)n);
    }
    for (size_t i = 0; i < sizeof funcs / sizeof *funcs; i++)
        nis5g_dict_intern(&m->functions, funcs[i], strlen(funcs[i]));
    for (size_t i = 0; i < sizeof vendors / sizeof *vendors; i++)
        nis5g_dict_intern(&m->vendors, vendors[i], strlen(vendors[i]));
    for (int i = 0; i < 3; i++) {
        int n = snprintf(b, sizeof b, "R%d", i);
        nis5g_dict_intern(&m->regions, b, (size_t)n);
    }
    for (int i = 0; i < 8; i++) {
        int n = snprintf(b, sizeof b, "g%d", i);
        nis5g_dict_intern(&m->groups, b, (size_t)n);
    }
    for (int s = 0; s < t->nsites; s++) {
        int n = snprintf(b, sizeof b, "S%d", s);
        nis5g_dict_intern(&m->sites, b, (size_t)n);
    }
    uint32_t ns = m->sites.n;
    m->site_operator = nis5g_xcalloc(ns + 1, sizeof *m->site_operator);
    m->site_region = nis5g_xcalloc(ns + 1, sizeof *m->site_region);
    m->site_subscribers = nis5g_xcalloc(ns + 1, sizeof *m->site_subscribers);
    m->site_backup_hours = nis5g_xcalloc(ns + 1, sizeof *m->site_backup_hours);
    for (uint32_t s = 0; s < ns; s++) {
        m->site_operator[s] = (uint16_t)t->site_op[s];
        m->site_region[s] = t->site_region[s] < 0 ? NIS5G_NONE : (uint32_t)t->site_region[s];
        m->site_subscribers[s] = t->site_subs[s];
        m->site_backup_hours[s] = t->site_backup[s];
    }
    uint32_t n = (uint32_t)t->n;
    m->n_elements = n;
    m->el_operator = nis5g_xcalloc(n + 1, sizeof *m->el_operator);
    m->el_site = nis5g_xcalloc(n + 1, sizeof *m->el_site);
    m->el_domain = nis5g_xcalloc(n + 1, sizeof *m->el_domain);
    m->el_function = nis5g_xcalloc(n + 1, sizeof *m->el_function);
    m->el_vendor = nis5g_xcalloc(n + 1, sizeof *m->el_vendor);
    m->el_status = nis5g_xcalloc(n + 1, sizeof *m->el_status);
    m->el_installed = nis5g_xcalloc(n + 1, sizeof *m->el_installed);
    for (uint32_t e = 0; e < n; e++) {
        int len = snprintf(b, sizeof b, "e%u", e);
        nis5g_dict_intern(&m->elements, b, (size_t)len);
        m->el_operator[e] = (uint16_t)t->op[e];
        m->el_site[e] = t->site[e] < 0 ? NIS5G_NONE : (uint32_t)t->site[e];
        int f = t->func[e];
        m->el_function[e] = (uint16_t)f;
        m->el_domain[e] = f <= 1 ? NIS5G_DOM_RAN : f <= 3 ? NIS5G_DOM_CORE : f == 4 ? NIS5G_DOM_TRANSPORT
                                                                          : NIS5G_DOM_MANAGEMENT;
        m->el_vendor[e] = (uint16_t)t->vendor[e];
        m->el_status[e] = (uint8_t)t->status[e];
    }
    /* CSR: per element, ungrouped links first, then by group id. */
    m->n_links = (uint32_t)t->nl;
    m->dep_off = nis5g_xcalloc(n + 1, sizeof *m->dep_off);
    m->dep = nis5g_xcalloc((size_t)t->nl + 1, sizeof *m->dep);
    m->dep_group = nis5g_xcalloc((size_t)t->nl + 1, sizeof *m->dep_group);
    uint32_t k = 0;
    for (uint32_t e = 0; e < n; e++) {
        m->dep_off[e] = k;
        for (int g = -1; g < 8; g++)
            for (int l = 0; l < t->nl; l++)
                if (t->from[l] == (int)e && t->group[l] == g) {
                    m->dep[k] = (uint32_t)t->to[l];
                    m->dep_group[k] = g < 0 ? NIS5G_NONE : (uint32_t)g;
                    k++;
                }
    }
    m->dep_off[n] = k;
    m->topo = nis5g_xcalloc(n + 1, sizeof *m->topo);
    for (uint32_t i = 0; i < n; i++)
        m->topo[i] = (uint32_t)t->order[i];
    return m;
}

/* ---- the reference: SPEC §1 read literally, recursive ------------------- */

static int ref_works(const struct topo *t, const int *failed, int *memo, int e)
{
    if (memo[e] >= 0)
        return memo[e];
    int ok = t->status[e] == NIS5G_ST_ACTIVE && !failed[e];
    /* Every link without a group is required. */
    for (int l = 0; ok && l < t->nl; l++)
        if (t->from[l] == e && t->group[l] < 0 && !ref_works(t, failed, memo, t->to[l]))
            ok = 0;
    /* Every group is required: some member must work. */
    for (int g = 0; ok && g < 8; g++) {
        int has = 0, any = 0;
        for (int l = 0; l < t->nl; l++)
            if (t->from[l] == e && t->group[l] == g) {
                has = 1;
                if (ref_works(t, failed, memo, t->to[l]))
                    any = 1;
            }
        if (has && !any)
            ok = 0;
    }
    memo[e] = ok;
    return ok;
}

static void ref_all(const struct topo *t, const int *failed, int *works)
{
    int memo[MAXE];
    for (int e = 0; e < t->n; e++)
        memo[e] = -1;
    for (int e = 0; e < t->n; e++)
        works[e] = ref_works(t, failed, memo, e);
}

static int is_radio(int f)
{
    return f == 0 || f == 1;
}

/* Site s: -1 not a radio site, else 1 with service, 0 without. */
static int ref_site(const struct topo *t, const int *works, int s)
{
    int radio = 0, svc = 0;
    for (int e = 0; e < t->n; e++)
        if (t->site[e] == s && t->status[e] == NIS5G_ST_ACTIVE && is_radio(t->func[e])) {
            radio = 1;
            svc |= works[e];
        }
    return radio ? svc : -1;
}

/* ---- random topologies --------------------------------------------------- */

static void random_topo(struct nis5g_rng *r, struct topo *t)
{
    memset(t, 0, sizeof *t);
    t->n = 1 + (int)nis5g_rng_below(r, 40);
    t->nsites = 1 + (int)nis5g_rng_below(r, 8);
    for (int s = 0; s < t->nsites; s++) {
        t->site_op[s] = (int)nis5g_rng_below(r, 3);
        t->site_region[s] = (int)nis5g_rng_below(r, 4) - 1;
        t->site_subs[s] = nis5g_rng_below(r, 4) == 0 ? -1 : (long long)nis5g_rng_below(r, 10000);
        t->site_backup[s] = nis5g_rng_below(r, 3) == 0 ? NAN : (double)nis5g_rng_below(r, 8);
    }
    for (int e = 0; e < t->n; e++)
        t->order[e] = e;
    for (int i = t->n - 1; i > 0; i--) {
        int j = (int)nis5g_rng_below(r, (uint64_t)i + 1), x = t->order[i];
        t->order[i] = t->order[j];
        t->order[j] = x;
    }
    for (int e = 0; e < t->n; e++) {
        t->func[e] = (int)nis5g_rng_below(r, 6);
        t->vendor[e] = (int)nis5g_rng_below(r, 4);
        t->op[e] = (int)nis5g_rng_below(r, 3);
        t->site[e] = nis5g_rng_below(r, 5) == 0 ? -1 : (int)nis5g_rng_below(r, (uint64_t)t->nsites);
        uint64_t st = nis5g_rng_below(r, 10);
        t->status[e] = st == 0 ? NIS5G_ST_PLANNED : st == 1 ? NIS5G_ST_RETIRED : NIS5G_ST_ACTIVE;
    }
    /* Element at position i of the order depends on earlier ones only. */
    for (int i = 1; i < t->n; i++) {
        int e = t->order[i];
        int nreq = (int)nis5g_rng_below(r, 3), npool = (int)nis5g_rng_below(r, 3);
        for (int k = 0; k < nreq && t->nl < MAXL; k++) {
            t->from[t->nl] = e;
            t->to[t->nl] = t->order[nis5g_rng_below(r, (uint64_t)i)];
            t->group[t->nl++] = -1;
        }
        int g0 = (int)nis5g_rng_below(r, 8);
        for (int p = 0; p < npool; p++) {
            int g = (g0 + p * 3) % 8, members = 1 + (int)nis5g_rng_below(r, 3);
            for (int k = 0; k < members && t->nl < MAXL; k++) {
                t->from[t->nl] = e;
                t->to[t->nl] = t->order[nis5g_rng_below(r, (uint64_t)i)];
                t->group[t->nl++] = g;
            }
        }
    }
}

TEST(eval_matches_reference_on_random_topologies)
{
    struct nis5g_rng r;
    nis5g_rng_seed(&r, 42);
    for (int iter = 0; iter < 400; iter++) {
        struct topo t;
        random_topo(&r, &t);
        struct nis5g_model *m = build(&t);
        uint64_t w[MAXE];
        int failed[64][MAXE];
        for (int e = 0; e < t.n; e++) {
            w[e] = 0;
            for (int s = 0; s < 64; s++) {
                /* Scenario s fails each element with probability s/64. */
                failed[s][e] = (int)nis5g_rng_below(&r, 64) < s;
                if (failed[s][e])
                    w[e] |= 1ull << s;
            }
        }
        /* The compiled program, on words by position, must agree. */
        struct nis5g_service_prog pg;
        nis5g_service_prog_build(m, &pg);
        uint64_t wp[MAXE];
        for (int e = 0; e < t.n; e++)
            wp[pg.pos[e]] = w[e];
        nis5g_service_prog_eval(&pg, wp);
        nis5g_service_eval(m, w);
        for (int e = 0; e < t.n; e++)
            if (wp[pg.pos[e]] != w[e])
                CHECK_(0, "iteration %d element %d: program %llx, model %llx", iter, e,
                       (unsigned long long)wp[pg.pos[e]], (unsigned long long)w[e]);
        nis5g_service_prog_release(&pg);
        int bad = 0;
        for (int s = 0; s < 64 && !bad; s++) {
            int works[MAXE];
            ref_all(&t, failed[s], works);
            for (int e = 0; e < t.n; e++)
                if ((int)((w[e] >> s) & 1u) != works[e]) {
                    bad = 1;
                    CHECK_(0, "iteration %d scenario %d element %d: engine %d reference %d", iter, s, e,
                           (int)((w[e] >> s) & 1u), works[e]);
                    break;
                }
        }
        nis5g_model_free(m);
    }
}

TEST(killswitch_matches_reference_on_random_topologies)
{
    struct nis5g_rng r;
    nis5g_rng_seed(&r, 7);
    for (int iter = 0; iter < 300; iter++) {
        struct topo t;
        random_topo(&r, &t);
        struct nis5g_model *m = build(&t);
        /* Odd iterations leave the baseline to the kill-switch's spare bit. */
        struct nis5g_radio_sites rs;
        if (iter % 2)
            nis5g_radio_sites_prepare(m, &rs);
        else
            nis5g_radio_sites_build(m, &rs);

        int none[MAXE] = { 0 }, base[MAXE];
        ref_all(&t, none, base);
        int nbase = 0;
        for (int s = 0; s < t.nsites; s++)
            nbase += ref_site(&t, base, s) == 1;

        /* Every non-empty subset of the 4 vendors: 15 scenarios, plus 60
         * random multi-sets to cross a 64-scenario pass. */
        struct nis5g_ks_scenario sc[75];
        uint16_t sets[75][4];
        size_t nsc = 0;
        for (int mask = 1; mask < 16; mask++, nsc++) {
            sc[nsc].vendors = sets[nsc];
            sc[nsc].n_vendors = 0;
            for (int v = 0; v < 4; v++)
                if (mask & (1 << v))
                    sets[nsc][sc[nsc].n_vendors++] = (uint16_t)v;
        }
        for (; nsc < 75; nsc++) {
            sc[nsc].vendors = sets[nsc];
            sc[nsc].n_vendors = 1 + nis5g_rng_below(&r, 3);
            for (size_t k = 0; k < sc[nsc].n_vendors; k++)
                sets[nsc][k] = (uint16_t)nis5g_rng_below(&r, 4);
        }
        /* 64 scenarios and 11, or 15 and 60 (with the baseline's spare bit). */
        size_t first = iter % 4 < 2 ? 64 : 15;
        struct nis5g_ks_result res[75];
        nis5g_killswitch_run(m, &rs, sc, first, res, NULL, NULL);
        nis5g_killswitch_run(m, &rs, sc + first, nsc - first, res + first, NULL, NULL);
        ASSERT_EQ_INT(rs.n_base, nbase);
        ASSERT_EQ_INT(rs.have_base, 1);
        for (size_t s = 0; s < nsc; s++) {
            int failed[MAXE], works[MAXE];
            for (int e = 0; e < t.n; e++) {
                failed[e] = 0;
                for (size_t k = 0; k < sc[s].n_vendors; k++)
                    failed[e] |= t.vendor[e] == sc[s].vendors[k];
            }
            ref_all(&t, failed, works);
            long long lost = 0, subs = 0, op_lost[3] = { 0 }, collateral = 0, elfailed = 0;
            for (int x = 0; x < t.nsites; x++)
                if (ref_site(&t, base, x) == 1 && ref_site(&t, works, x) == 0) {
                    /* Every lost site has an explanation ending at failed
                     * equipment; a site that keeps service has none. */
                    struct nis5g_buf b;
                    struct nis5g_err err = { 0 };
                    nis5g_buf_init(&b);
                    ASSERT_EQ_INT(nis5g_killswitch_explain(m, &sc[s], (uint32_t)x, &b, &err), NIS5G_OK);
                    ASSERT(strstr(b.data, "(from ") || strstr(b.data, "(every member from "));
                    nis5g_buf_release(&b);
                    lost++;
                    subs += t.site_subs[x] < 0 ? 0 : t.site_subs[x];
                    op_lost[t.site_op[x]]++;
                }
            for (int e = 0; e < t.n; e++) {
                collateral += base[e] && !works[e] && !failed[e];
                elfailed += failed[e] && t.status[e] == NIS5G_ST_ACTIVE;
            }
            ASSERT_EQ_INT(res[s].sites_lost, lost);
            ASSERT_EQ_INT(res[s].subs_lost, subs);
            for (int o = 0; o < 3; o++)
                ASSERT_EQ_INT(res[s].op_sites_lost[o], op_lost[o]);
            ASSERT_EQ_INT(res[s].collateral, collateral);
            ASSERT_EQ_INT(res[s].elements_failed, elfailed);
            nis5g_ks_result_release(&res[s]);
        }
        nis5g_radio_sites_release(&rs);
        nis5g_model_free(m);
    }
}

/* ---- hand-made cases ------------------------------------------------------ */

static void add_el(struct topo *t, int func, int vendor, int op, int site)
{
    int e = t->n++;
    t->func[e] = func;
    t->vendor[e] = vendor;
    t->op[e] = op;
    t->site[e] = site;
    t->status[e] = NIS5G_ST_ACTIVE;
    t->order[e] = e;
}

static void add_link(struct topo *t, int from, int to, int group)
{
    t->from[t->nl] = from;
    t->to[t->nl] = to;
    t->group[t->nl++] = group;
}

enum { ERI, HUA, NOK, ZTE };
enum { F_RU, F_GNB, F_AMF, F_UPF, F_ROUTER, F_OSS };

TEST(pool_survives_one_member_not_all)
{
    /* RU e2 at site 0 needs the pool {e0 (Huawei), e1 (Nokia)}. */
    struct topo t;
    memset(&t, 0, sizeof t);
    t.nsites = 1;
    t.site_subs[0] = 100;
    add_el(&t, F_AMF, HUA, 0, -1);
    add_el(&t, F_AMF, NOK, 0, -1);
    add_el(&t, F_RU, ERI, 0, 0);
    add_link(&t, 2, 0, 0);
    add_link(&t, 2, 1, 0);
    struct nis5g_model *m = build(&t);
    uint64_t w[3] = { 1, 2, 0 }; /* scenario 0: e0 fails; 1: e1 fails; 2: none */
    w[0] |= 1ull << 3;
    w[1] |= 1ull << 3; /* scenario 3: both */
    nis5g_service_eval(m, w);
    ASSERT_EQ_INT(w[2] & 0xf, 0x7);

    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    uint16_t h = HUA, n = NOK, hn[2] = { HUA, NOK };
    struct nis5g_ks_scenario sc[3] = { { &h, 1 }, { &n, 1 }, { hn, 2 } };
    struct nis5g_ks_result res[3];
    nis5g_killswitch_run(m, &rs, sc, 3, res, NULL, NULL);
    ASSERT_EQ_INT(res[0].sites_lost, 0);
    ASSERT_EQ_INT(res[1].sites_lost, 0);
    ASSERT_EQ_INT(res[2].sites_lost, 1);
    ASSERT_EQ_INT(res[2].subs_lost, 100);
    ASSERT_EQ_INT(res[2].collateral, 1);
    for (int i = 0; i < 3; i++)
        nis5g_ks_result_release(&res[i]);

    /* A pool whose only live member is planned is not met. */
    m->el_status[1] = NIS5G_ST_PLANNED;
    uint64_t w2[3] = { 1, 0, 0 };
    nis5g_service_eval(m, w2);
    ASSERT_EQ_INT(w2[2] & 1, 0);
    ASSERT_EQ_INT(w2[2] & 2, 2);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

/* 6 December 2018: an expired certificate in one vendor's core software
 * cut off every subscriber of the operators whose core pool came entirely
 * from it; an operator with another core vendor was untouched. */
static struct nis5g_model *december_2018(struct topo *t)
{
    memset(t, 0, sizeof *t);
    t->nsites = 4;
    for (int s = 0; s < 4; s++) {
        t->site_op[s] = s < 2 ? 0 : 1;
        t->site_region[s] = s % 2;
        t->site_subs[s] = 1000 * (s + 1);
        t->site_backup[s] = s; /* 0, 1, 2, 3 hours */
    }
    add_el(&t[0], F_AMF, ERI, 0, -1); /* e0, e1: OP1's AMF pool, both Ericsson */
    add_el(t, F_AMF, ERI, 0, -1);
    add_el(t, F_AMF, NOK, 1, -1); /* e2, e3: OP2's pool, Nokia and Huawei */
    add_el(t, F_AMF, HUA, 1, -1);
    for (int s = 0; s < 4; s++) {
        int g = t->n;
        add_el(t, F_GNB, s < 2 ? HUA : ERI, t->site_op[s], s); /* gNB, radios from another vendor */
        int ru = t->n;
        add_el(t, F_RU, s < 2 ? HUA : ERI, t->site_op[s], s);
        add_link(t, ru, g, -1);
        add_link(t, g, s < 2 ? 0 : 2, 1);
        add_link(t, g, s < 2 ? 1 : 3, 1);
    }
    return build(t);
}

TEST(december_2018)
{
    struct topo t;
    struct nis5g_model *m = december_2018(&t);
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    ASSERT_EQ_INT(rs.n, 4);
    ASSERT_EQ_INT(rs.n_base, 4);
    ASSERT_EQ_INT(rs.subs_base, 10000);
    uint16_t e = ERI;
    struct nis5g_ks_scenario sc = { &e, 1 };
    struct nis5g_ks_result res;
    nis5g_killswitch_run(m, &rs, &sc, 1, &res, NULL, NULL);
    /* Every OP1 site is cut off; OP2 (Ericsson radios at its sites, but a
     * mixed core pool) loses its sites too: its radios are Ericsson. */
    ASSERT_EQ_INT(res.op_sites_lost[0], 2);
    ASSERT_EQ_INT(res.op_subs_lost[0], 3000);
    nis5g_ks_result_release(&res);

    /* Nokia's failure: OP2's pool keeps its Huawei AMF; nobody loses. */
    uint16_t n = NOK;
    struct nis5g_ks_scenario sn = { &n, 1 };
    nis5g_killswitch_run(m, &rs, &sn, 1, &res, NULL, NULL);
    ASSERT_EQ_INT(res.sites_lost, 0);
    nis5g_ks_result_release(&res);

    struct nis5g_buf b;
    nis5g_buf_init(&b);
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_killswitch_explain(m, &sc, 0, &b, &err), NIS5G_OK);
    ASSERT_EQ_STR(b.data, "RU 'e5' ← gNB 'e4' ← AMF pool 'g1' (every member from Ericsson: 'e0', 'e1')");
    nis5g_buf_reset(&b);
    ASSERT_EQ_INT(nis5g_killswitch_explain(m, &sn, 0, &b, &err), NIS5G_ENOTFOUND);
    nis5g_buf_release(&b);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

TEST(december_2018_other_operator_untouched)
{
    /* The same network with OP2's radios from Nokia: only OP1 is hit. */
    struct topo t;
    struct nis5g_model *m = december_2018(&t);
    for (uint32_t e = 0; e < m->n_elements; e++)
        if (m->el_site[e] != NIS5G_NONE && m->site_operator[m->el_site[e]] == 1)
            m->el_vendor[e] = NOK;
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    uint16_t e = ERI;
    struct nis5g_ks_scenario sc = { &e, 1 };
    struct nis5g_ks_result res;
    nis5g_killswitch_run(m, &rs, &sc, 1, &res, NULL, NULL);
    ASSERT_EQ_INT(res.sites_lost, 2);
    ASSERT_EQ_INT(res.subs_lost, 3000);
    ASSERT_EQ_INT(res.op_sites_lost[0], 2);
    ASSERT_EQ_INT(res.op_sites_lost[1], 0);
    ASSERT_EQ_INT(res.op_subs_lost[1], 0);
    ASSERT_EQ_INT(res.reg_sites_lost[0], 1);
    ASSERT_EQ_INT(res.reg_sites_lost[1], 1);
    ASSERT_EQ_INT(res.elements_failed, 2);
    ASSERT_EQ_INT(res.collateral, 4); /* two gNBs, two RUs */
    ASSERT_EQ_INT(res.collateral_dom[NIS5G_DOM_RAN], 4);
    nis5g_ks_result_release(&res);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

static void mc_opts(struct nis5g_mc_opts *o, uint64_t trials)
{
    memset(o, 0, sizeof *o);
    o->trials = trials;
    o->seed = 1;
    o->outage_region = NIS5G_NONE;
}

TEST(montecarlo_probability_zero_and_one)
{
    struct topo t;
    struct nis5g_model *m = december_2018(&t);
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    struct nis5g_mc_opts o;
    struct nis5g_mc_result res;
    struct nis5g_err err = { 0 };
    mc_opts(&o, 200);
    o.p_domain[NIS5G_DOM_CORE] = 0;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
    for (uint64_t i = 0; i < res.trials; i++)
        ASSERT_EQ_INT(res.sites_lost[i], 0);
    nis5g_mc_result_release(&res);

    o.p_domain[NIS5G_DOM_CORE] = 1;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
    struct nis5g_dist d;
    nis5g_dist_u32(res.sites_lost, res.trials, 1, &d);
    ASSERT_NEAR(d.mean, 4, 0);
    ASSERT_EQ_INT(d.p50, 4);
    nis5g_dist_i64(res.subs_lost, res.trials, 1, &d);
    ASSERT_EQ_INT(d.max, 10000);
    ASSERT_EQ_INT(res.op_sites_lost[199 * res.n_ops + 1], 2);
    nis5g_mc_result_release(&res);

    /* A function's probability overrides its domain's. */
    double pf[6] = { -1, -1, 0, -1, -1, -1 };
    o.p_function = pf;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
    ASSERT_EQ_INT(res.sites_lost[17], 0);
    nis5g_mc_result_release(&res);

    o.p_domain[NIS5G_DOM_CORE] = 1.5;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_EINPUT);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

TEST(montecarlo_outage)
{
    /* Backup hours 0, 1, 2, 3 at sites 0-3; regions 0, 1, 0, 1. */
    struct topo t;
    struct nis5g_model *m = december_2018(&t);
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    struct nis5g_mc_opts o;
    struct nis5g_mc_result res;
    struct nis5g_err err = { 0 };
    mc_opts(&o, 70);
    o.outage_hours = 1.5; /* outlasts sites 0 and 1 */
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
    ASSERT_EQ_INT(res.sites_lost[69], 2);
    ASSERT_EQ_INT(res.subs_lost[0], 3000);
    nis5g_mc_result_release(&res);
    o.outage_hours = 2.5;
    o.outage_region = 1; /* sites 1 and 3; only site 1 runs out */
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
    ASSERT_EQ_INT(res.sites_lost[5], 1);
    ASSERT_EQ_INT(res.subs_lost[5], 2000);
    nis5g_mc_result_release(&res);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

TEST(montecarlo_same_seed_same_result_any_threads)
{
    struct topo t;
    struct nis5g_model *m = december_2018(&t);
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    struct nis5g_mc_opts o;
    struct nis5g_err err = { 0 };
    mc_opts(&o, 1000);
    o.seed = 12345;
    o.p_domain[NIS5G_DOM_RAN] = 0.05;
    o.p_domain[NIS5G_DOM_CORE] = 0.3;
    o.p_domain[NIS5G_DOM_TRANSPORT] = 0.01;
    struct nis5g_mc_result a, b;
    o.threads = 1;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &a, &err), NIS5G_OK);
    for (int th = 2; th <= 5; th++) {
        o.threads = th;
        ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &b, &err), NIS5G_OK);
        ASSERT(memcmp(a.sites_lost, b.sites_lost, 1000 * sizeof *a.sites_lost) == 0);
        ASSERT(memcmp(a.subs_lost, b.subs_lost, 1000 * sizeof *a.subs_lost) == 0);
        ASSERT(memcmp(a.op_sites_lost, b.op_sites_lost, 1000 * a.n_ops * sizeof *a.op_sites_lost) == 0);
        nis5g_mc_result_release(&b);
    }
    o.seed = 12346;
    ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &b, &err), NIS5G_OK);
    ASSERT(memcmp(a.subs_lost, b.subs_lost, 1000 * sizeof *a.subs_lost) != 0);
    nis5g_mc_result_release(&b);
    nis5g_mc_result_release(&a);
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

TEST(montecarlo_deterministic_matches_reference)
{
    /* Probabilities 0 or 1 per domain and a random outage make every trial
     * the same, deterministic scenario: it must match the reference. */
    struct nis5g_rng r;
    nis5g_rng_seed(&r, 2024);
    static const int dom_of_func[6] = { NIS5G_DOM_RAN, NIS5G_DOM_RAN, NIS5G_DOM_CORE, NIS5G_DOM_CORE,
                                        NIS5G_DOM_TRANSPORT, NIS5G_DOM_MANAGEMENT };
    for (int iter = 0; iter < 200; iter++) {
        struct topo t;
        random_topo(&r, &t);
        struct nis5g_model *m = build(&t);
        struct nis5g_radio_sites rs;
        nis5g_radio_sites_build(m, &rs);
        struct nis5g_mc_opts o;
        mc_opts(&o, 1 + nis5g_rng_below(&r, 100));
        int fail_dom[NIS5G_DOM_COUNT] = { 0 };
        for (int d = 0; d < NIS5G_DOM_COUNT; d++) {
            fail_dom[d] = nis5g_rng_below(&r, 4) == 0;
            o.p_domain[d] = fail_dom[d];
        }
        o.outage_hours = nis5g_rng_below(&r, 2) ? (double)nis5g_rng_below(&r, 9) + 0.5 : 0;
        o.outage_region = nis5g_rng_below(&r, 2) ? NIS5G_NONE : (uint32_t)nis5g_rng_below(&r, 3);
        struct nis5g_mc_result res;
        struct nis5g_err err = { 0 };
        ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);

        int none[MAXE] = { 0 }, base[MAXE], failed[MAXE], works[MAXE];
        ref_all(&t, none, base);
        for (int e = 0; e < t.n; e++) {
            int s = t.site[e];
            double b = s < 0 ? 0 : t.site_backup[s];
            if (b != b)
                b = 0;
            int out = o.outage_hours > 0 && s >= 0 && is_radio(t.func[e]) &&
                      (o.outage_region == NIS5G_NONE || t.site_region[s] == (int)o.outage_region) &&
                      o.outage_hours > b;
            failed[e] = fail_dom[dom_of_func[t.func[e]]] || out;
        }
        ref_all(&t, failed, works);
        long long lost = 0, subs = 0;
        for (int x = 0; x < t.nsites; x++)
            if (ref_site(&t, base, x) == 1 && ref_site(&t, works, x) == 0) {
                lost++;
                subs += t.site_subs[x] < 0 ? 0 : t.site_subs[x];
            }
        for (uint64_t k = 0; k < res.trials; k++) {
            if (res.sites_lost[k] != lost || res.subs_lost[k] != subs) {
                CHECK_(0, "iteration %d trial %llu: %u sites, %lld subscribers; reference %lld, %lld", iter,
                       (unsigned long long)k, res.sites_lost[k], (long long)res.subs_lost[k], lost, subs);
                break;
            }
        }
        nis5g_mc_result_release(&res);
        nis5g_radio_sites_release(&rs);
        nis5g_model_free(m);
    }
}

TEST(montecarlo_frequencies)
{
    /* One site, one RU, no dependencies: the site is lost exactly when
     * the RU fails, so the mean loss is p. Both samplers (geometric gaps
     * below 1/8, binary digits above), and one trial per pass. */
    struct topo t;
    memset(&t, 0, sizeof t);
    t.nsites = 1;
    t.site_subs[0] = 10;
    add_el(&t, F_RU, ERI, 0, 0);
    struct nis5g_model *m = build(&t);
    struct nis5g_radio_sites rs;
    nis5g_radio_sites_build(m, &rs);
    double ps[] = { 0.02, 0.1, 0.3, 0.75 };
    for (int pp = 0; pp < 2; pp++)
        for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
            struct nis5g_mc_opts o;
            struct nis5g_mc_result res;
            struct nis5g_err err = { 0 };
            mc_opts(&o, 40000);
            o.per_pass = pp ? 1 : 64;
            o.p_domain[NIS5G_DOM_RAN] = ps[i];
            ASSERT_EQ_INT(nis5g_montecarlo_run(m, &rs, &o, &res, &err), NIS5G_OK);
            struct nis5g_dist d;
            nis5g_dist_u32(res.sites_lost, res.trials, 1, &d);
            /* 5 standard deviations of the mean of 40,000 Bernoulli(p). */
            ASSERT_NEAR(d.mean, ps[i], 5 * sqrt(ps[i] * (1 - ps[i]) / 40000));
            nis5g_mc_result_release(&res);
        }
    nis5g_radio_sites_release(&rs);
    nis5g_model_free(m);
}

TEST(dist_percentiles_nearest_rank)
{
    uint32_t v[10] = { 5, 1, 9, 3, 7, 2, 8, 4, 6, 10 };
    struct nis5g_dist d;
    nis5g_dist_u32(v, 10, 1, &d);
    ASSERT_NEAR(d.mean, 5.5, 1e-12);
    ASSERT_EQ_INT(d.p50, 5);  /* ceil(0.5*10) = 5th smallest */
    ASSERT_EQ_INT(d.p95, 10); /* ceil(9.5) = 10th */
    ASSERT_EQ_INT(d.p99, 10);
    ASSERT_EQ_INT(d.max, 10);
    int64_t w[4] = { 0, 0, 100, 0 };
    nis5g_dist_i64(w, 2, 2, &d); /* stride 2: 0 and 100 */
    ASSERT_NEAR(d.mean, 50, 1e-12);
    ASSERT_EQ_INT(d.p50, 0);
    ASSERT_EQ_INT(d.p95, 100);
    nis5g_dist_u32(v, 0, 1, &d);
    ASSERT_EQ_INT(d.max, 0);
}
