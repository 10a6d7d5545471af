/*
 * resilience.h — which elements work and which radio sites keep service
 * when equipment fails (SPEC §1 "Dependencies" and "Service", §4).
 *
 * The engine is bit-parallel: one uint64_t per element holds 64 scenarios
 * (kill-switch vendor sets, or Monte Carlo trials) and one pass over the
 * model's topological order evaluates all 64. The dependency rule is
 * monotone (an element works when it is active, not failed, and every
 * required dependency and every pool is met), so each scenario is one bit
 * and the rule is a handful of AND/OR per link.
 *
 * Three analyses are built on it:
 *   - kill-switch: each scenario fails every element of a set of vendors;
 *   - explain: a dependency chain that cut a radio site off in a scenario;
 *   - Monte Carlo: random independent failures plus a power outage.
 *
 * Every function here needs NIS5G_PART_ELEMENTS | NIS5G_PART_LINKS; the
 * explanations also NIS5G_PART_ELEMENT_IDS (element names).
 */
#ifndef NIS5G_RESILIENCE_H
#define NIS5G_RESILIENCE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/opts.h"
#include "nis5g/progress.h"
#include "nis5g/model.h"
#include "nis5g/store.h"

/* ---- service.c: the evaluation ---------------------------------------- */

/* Evaluate 64 scenarios at once, in place. On entry w[e] (n_elements words)
 * has bit s set when element e fails in scenario s; on exit bit s is set
 * when e works in scenario s. Planned and retired elements never work. */
void nis5g_service_eval(const struct nis5g_model *m, uint64_t *w);

/* The evaluation compiled for speed: elements renumbered by their place in
 * the topological order ("positions"), so that one pass reads the program
 * and writes the words sequentially. Every required link is a group (a
 * link without a group is a group of one); bit 31 of a dep entry marks the
 * first member of each group. Words passed to nis5g_service_prog_eval are
 * indexed by position. Needs n_elements < 2^31. */
struct nis5g_service_prog {
    uint32_t n;
    const uint32_t *el; /* position → element (the model's topo, borrowed) */
    uint32_t *pos;      /* element → position */
    uint32_t *off;      /* n+1 offsets into dep, by position */
    uint32_t *dep;      /* positions of the dependencies, group starts flagged */
    uint8_t *live;      /* by position: 1 when the element is active */
};
#define NIS5G_PROG_START 0x80000000u

void nis5g_service_prog_build(const struct nis5g_model *m, struct nis5g_service_prog *p);
void nis5g_service_prog_release(struct nis5g_service_prog *p);
/* As nis5g_service_eval, with w indexed by position. */
void nis5g_service_prog_eval(const struct nis5g_service_prog *p, uint64_t *w);
/* The same, with the failures of position i given by mask[cls[i]] (cls by
 * position, e.g. the vendor) instead of by w on entry; w is only written. */
void nis5g_service_prog_eval_classes(const struct nis5g_service_prog *p, uint64_t *w, const uint16_t *cls,
                                     const uint64_t *mask);

/* The radio sites of a model: sites with at least one active radio element
 * (RU or gNB), each with its active radios, and whether it has service
 * with nothing failed (the baseline). Sites are in site-id order. */
struct nis5g_radio_sites {
    struct nis5g_service_prog prog; /* the compiled evaluation */
    uint32_t n;          /* radio sites */
    uint32_t *site;      /* n: the site id */
    uint32_t *off;       /* n+1: offsets into radio */
    uint32_t *radio;     /* the active radios of each radio site, as positions */
    uint8_t *base;       /* n: 1 when the site has service with nothing failed */
    uint32_t n_base;     /* radio sites with service at baseline */
    int64_t subs_total;  /* subscribers of all radio sites */
    int64_t subs_base;   /* subscribers of radio sites with service at baseline */
    uint8_t *base_works; /* by position: 1 when the element works at baseline */
    int have_base;       /* the four fields above are filled */
};

/* Find the radio sites and evaluate the baseline. Release with
 * nis5g_radio_sites_release. */
void nis5g_radio_sites_build(const struct nis5g_model *m, struct nis5g_radio_sites *rs);
/* The same without the baseline (have_base 0): nis5g_killswitch_run then
 * evaluates it in the spare bit of its first pass, saving a pass. */
void nis5g_radio_sites_prepare(const struct nis5g_model *m, struct nis5g_radio_sites *rs);
/* Take the baseline from bit `bit` of words evaluated with nothing failed
 * in that bit (by position). */
void nis5g_radio_sites_set_baseline(const struct nis5g_model *m, struct nis5g_radio_sites *rs, const uint64_t *w,
                                    int bit);
void nis5g_radio_sites_release(struct nis5g_radio_sites *rs);

/* Service of radio site i (index into rs, not a site id) in the 64
 * scenarios of w, as evaluated by nis5g_service_prog_eval (by position). */
static inline uint64_t nis5g_radio_site_service(const struct nis5g_radio_sites *rs, uint32_t i,
                                                const uint64_t *w)
{
    uint64_t s = 0;
    for (uint32_t k = rs->off[i]; k < rs->off[i + 1]; k++)
        s |= w[rs->radio[k]];
    return s;
}

/* ---- killswitch.c: vendor failure scenarios ----------------------------- */

/* One scenario: a set of vendors failing together (vendor ids). */
struct nis5g_ks_scenario {
    const uint16_t *vendors;
    size_t n_vendors;
};

/* The loss of one scenario, against the baseline of nis5g_radio_sites. */
struct nis5g_ks_result {
    uint32_t sites_lost;          /* radio sites with service at baseline and none now */
    int64_t subs_lost;            /* their subscribers */
    uint64_t elements_failed;     /* active elements of the failed vendors */
    uint64_t collateral;          /* elements working at baseline that stop only through
                                     their dependencies (not from a failed vendor) */
    uint64_t collateral_dom[NIS5G_DOM_COUNT];
    uint32_t *op_sites_lost;      /* operators.n, by the site's operator */
    int64_t *op_subs_lost;
    uint32_t *reg_sites_lost;     /* regions.n + 1 (the last: sites without a region) */
    int64_t *reg_subs_lost;
};

/* Run n scenarios (64 per pass over the model). res[] (n entries) is
 * filled; its arrays belong to the caller (nis5g_ks_result_release).
 * When rs has no baseline yet (nis5g_radio_sites_prepare), it is evaluated
 * along and stored in rs. progress may be NULL. */
void nis5g_killswitch_run(const struct nis5g_model *m, struct nis5g_radio_sites *rs,
                          const struct nis5g_ks_scenario *sc, size_t n, struct nis5g_ks_result *res,
                          nis5g_progress_fn progress, void *progress_ctx);
void nis5g_ks_result_release(struct nis5g_ks_result *r);

/* Explain why radio site `site` (a site id) loses service in scenario sc:
 * appends to out one dependency chain from one of its radios down to the
 * failed equipment, e.g.
 *   RU 'ru1' ← gNB 'g1' ← AMF pool 'amf' (every member from Huawei: 'amf1', 'amf2')
 * Needs NIS5G_PART_ELEMENT_IDS. NIS5G_ENOTFOUND (with a message) when the
 * site is not a radio site or does not lose service in the scenario. */
int nis5g_killswitch_explain(const struct nis5g_model *m, const struct nis5g_ks_scenario *sc, uint32_t site,
                             struct nis5g_buf *out, struct nis5g_err *err);

/* The first `max` radio sites (in site order) that lose service in
 * scenario sc, each with a chain as above: fills sites[] (site ids) and
 * chains[] (each the caller's, free()). Returns how many were found. Needs
 * NIS5G_PART_ELEMENT_IDS. */
size_t nis5g_killswitch_lost_sites(const struct nis5g_model *m, const struct nis5g_radio_sites *rs,
                                   const struct nis5g_ks_scenario *sc, size_t max, uint32_t *sites, char **chains);

/* ---- montecarlo.c: random failures --------------------------------------- */

struct nis5g_mc_opts {
    uint64_t trials;
    uint64_t seed;
    /* Failure probability per domain and per function (functions.n entries,
     * may be NULL); a function's probability, when >= 0, takes precedence
     * over its domain's; < 0 means "not given". */
    double p_domain[NIS5G_DOM_COUNT];
    const double *p_function;
    /* Power outage: every active radio of a site whose backup_hours is less
     * than outage_hours fails (empty backup_hours counts as 0). 0: none.
     * outage_region: a regions id, or NIS5G_NONE for everywhere. */
    double outage_hours;
    uint32_t outage_region;
    int threads;        /* 0: one per core (at most 64) */
    int per_pass;       /* trials evaluated per pass, 1-64 (0: 64); a benchmark knob */
    nis5g_progress_fn progress; /* may be NULL; called from one thread */
    void *progress_ctx;
};

/* Per-trial losses. The same seed gives the same result whatever the
 * number of threads: trial block k (per_pass trials) draws from the random
 * stream (seed, k). */
struct nis5g_mc_result {
    uint64_t trials;
    uint32_t n_ops;
    uint32_t *sites_lost;      /* trials */
    int64_t *subs_lost;        /* trials */
    uint32_t *op_sites_lost;   /* trials * n_ops, trial-major */
    int64_t *op_subs_lost;
};

/* Run the trials. NIS5G_EINPUT when a probability is out of [0, 1] or
 * trials is 0, or when trials × (operators + 1) exceeds 2^28 (the
 * per-trial counts take 12 bytes each). res is the caller's
 * (nis5g_mc_result_release). */
int nis5g_montecarlo_run(const struct nis5g_model *m, const struct nis5g_radio_sites *rs,
                         const struct nis5g_mc_opts *opts, struct nis5g_mc_result *res, struct nis5g_err *err);
void nis5g_mc_result_release(struct nis5g_mc_result *r);

/* A distribution summary. Percentiles are exact nearest-rank values: the
 * p-th percentile is the smallest value v such that at least p% of the
 * values are <= v. */
struct nis5g_dist {
    double mean;
    int64_t p50, p95, p99, max;
};
/* Summarise n values (sorts a copy; values untouched). n may be 0 (all 0).
 * stride: distance between successive values (1 for a plain array). */
void nis5g_dist_u32(const uint32_t *v, size_t n, size_t stride, struct nis5g_dist *out);
void nis5g_dist_i64(const int64_t *v, size_t n, size_t stride, struct nis5g_dist *out);

/* ---- the queries (query.h; query/q-simulate.c, q-killswitch.c) ----------- */

/* `nis5g simulate`, GET /api/v1/simulate: the Monte Carlo above. */
#define NIS5G_SIM_MAX_FAIL 64
struct nis5g_sim_fail {
    const char *name; /* a domain or function name, not NUL-terminated (len bytes) */
    size_t len;
    double p;
};
/* The --fail values: "X=P", one per domain or function (a later one for
 * the same X replaces the earlier P). */
struct nis5g_sim_fails {
    size_t n;
    struct nis5g_sim_fail v[NIS5G_SIM_MAX_FAIL];
};
struct nis5g_simulate_params {
    int32_t snapshot; /* NIS5G_NO_DATE: the latest */
    uint64_t trials;  /* default 1000; at least 1 */
    uint64_t seed;    /* default 1 */
    uint64_t threads; /* 0: one per core; more than 64 counts as 64 */
    uint64_t per_pass;/* 1-64, default 64 */
    double outage_hours;
    const char *region; /* needs outage_hours > 0 */
    struct nis5g_sim_fails fail;
};
struct nis5g_simulate_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    uint64_t trials, seed;
    double outage_hours;
    const char *region;         /* NULL: everywhere; borrowed from the model */
    struct nis5g_sim_fails fail;/* names borrowed from the model or the domain names */
    struct nis5g_radio_sites rs;
    struct nis5g_mc_result mc;
    struct nis5g_dist sites_lost, subs_lost;
    uint32_t *op_sites;         /* operators.n: radio sites per operator */
    struct nis5g_dist *op_sites_lost, *op_subs_lost; /* operators.n */
};
extern const struct nis5g_opt nis5g_simulate_opts[];
void nis5g_simulate_params_init(void *params);
json_t *nis5g_simulate_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_simulate;

/* `nis5g killswitch`, GET /api/v1/killswitch: the scenarios above. */
struct nis5g_killswitch_params {
    int32_t snapshot;              /* NIS5G_NO_DATE: the latest */
    struct nis5g_strlist vendors;  /* one scenario each: "A", or "A+B" failing together */
    int all;                       /* also one scenario per vendor (the default with no vendor) */
    const char *explain;           /* a site id: a chain that cuts it off, per scenario */
    uint64_t lost;                 /* list the first N sites lost per scenario, with a chain */
};
/* The sites lost in one scenario (--lost N), each with its chain. */
struct nis5g_ks_lost {
    size_t n;
    uint32_t *sites; /* site ids */
    char **chains;
};
struct nis5g_killswitch_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    size_t n;                     /* scenarios */
    struct nis5g_ks_scenario *sc; /* n, vendors pointing into ids */
    uint16_t *ids;
    struct nis5g_radio_sites rs;
    struct nis5g_ks_result *res;  /* n */
    uint32_t *op_sites;           /* operators.n: radio sites per operator */
    int64_t *op_subs;             /* operators.n: their subscribers */
    const char *explain_site;     /* with --explain: the site (borrowed from the model) */
    char **explain;               /* with --explain, n: the chain, or NULL when it keeps service */
    struct nis5g_ks_lost *lost;   /* with --lost, n */
};
extern const struct nis5g_opt nis5g_killswitch_opts[];
void nis5g_killswitch_params_init(void *params);
json_t *nis5g_killswitch_json(const void *result);
extern const struct nis5g_query nis5g_query_killswitch;

#endif
