/*
 * risk.h — the national risk assessment: risk scenarios R1–R9 scored for
 * likelihood and impact (1–5) from indicators, with an explanation of the
 * figures that drove each score, and the residual risk after the toolbox
 * measures in place. The method (every indicator, threshold and formula)
 * is docs/risk-method.md; this code follows it step by step.
 *
 * Two stages, so that the scoring can be tested on hand-made figures:
 *   1. nis5g_risk_indicators: model + catalogues + supplier profiles +
 *      measure statuses (+ optional kill-switch, Monte Carlo and policy
 *      results) → one struct nis5g_risk_inputs per scope (the nation, each
 *      operator). One pass over the elements for all scopes.
 *   2. nis5g_risk_score: inputs → likelihood, impact, level, explanation,
 *      residual, per scenario. Pure arithmetic, no model.
 */
#ifndef NIS5G_RISK_H
#define NIS5G_RISK_H

#include <stddef.h>
#include <stdint.h>

#include "nis5g/catalog.h"
#include "nis5g/err.h"
#include "nis5g/import.h" /* nis5g_progress_fn */
#include "nis5g/measures.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

/* Method constants (docs/risk-method.md §2). */
#define NIS5G_RISK_BACKUP_HOURS 4.0 /* a radio site with less autonomy fails in a 4-hour outage */

enum nis5g_risk_level { NIS5G_LEVEL_LOW, NIS5G_LEVEL_MEDIUM, NIS5G_LEVEL_HIGH, NIS5G_LEVEL_CRITICAL };
extern const char *const nis5g_level_names[4]; /* "low", "medium", "high", "critical" */

/* The indicators of one scope. Shares are fractions in [0, 1]. Counts are
 * of active elements. Names are borrowed (from the model or the caller). */
struct nis5g_risk_inputs {
    const char *scope;          /* "SE" (national) or an operator id */
    int national;

    /* Scale: the scope's share of national subscribers (of radio sites);
     * nationally, the largest operator's share and that operator. */
    double scale;
    const char *scale_operator;

    /* Inventory by asset class (catalogue order): active elements, of
     * which from high-risk and from unknown-profile suppliers. */
    size_t n_classes;
    const uint64_t *class_n, *class_hr;   /* n_classes each */
    uint64_t n_active;
    double hr_weighted;         /* Σ sens·hr / Σ sens·n over classes */
    uint64_t n_critical, hr_critical; /* elements of critical classes, from high-risk suppliers */
    const char *hr_vendors;     /* high-risk vendors present in scope, "Huawei, ZTE" or "" */

    /* Products: active elements whose product is past end of support, has
     * critical vulnerabilities, has no certification (unknown products
     * count as uncertified), and any of the three. */
    uint64_t q_eos, q_vuln, q_uncert, q_any;
    uint64_t vuln_critical;     /* of n_critical, with critical vulnerabilities */
    uint64_t n_sensitive, vuln_sensitive; /* elements of sensitive classes, with critical vulnerabilities */
    uint64_t n_edge, edge_weak; /* edge elements; uncertified or vulnerable */

    /* Diversity: the largest single-vendor share of an operator's active
     * RAN or core elements (nationally: the worst operator). */
    double div_max;
    const char *div_operator, *div_vendor;
    int div_domain;             /* enum nis5g_domain, -1 when no RAN/core element */

    /* Single-vendor failure: the largest share of national subscribers cut
     * off when one vendor fails (kill-switch), any vendor and the worst
     * high-risk vendor. ks_from_killswitch: 1 when these are kill-switch
     * results, 0 when they are the lower bound "radio sites whose radios
     * all come from that vendor" computed without the dependency graph. */
    double ks_max, ks_hr;
    const char *ks_vendor, *ks_hr_vendor;
    int ks_from_killswitch;

    /* Random failures (Monte Carlo): p95 share of national subscribers
     * without service; have_mc 0 when not run. */
    int have_mc;
    double mc_p95;
    uint64_t mc_trials;

    /* Power: radio sites (and their subscribers, as a share of national
     * subscribers) whose backup_hours is below NIS5G_RISK_BACKUP_HOURS. */
    uint32_t radio_sites, low_backup_sites;
    double low_backup_subs;

    /* Policy (have_policy 0 when no policy was evaluated): findings in
     * violation that concern this scope, and rules in violation. */
    int have_policy;
    uint64_t policy_violations;
    uint32_t policy_rules_violated;

    /* Measures: per catalogue measure, the scope's effective value
     * (implemented 1, partial 0.5, planned and none 0; nationally the
     * subscriber-weighted mean over operators). */
    const double *measure_value; /* n_measures of the catalogue */
};

struct nis5g_risk_scenario {
    uint8_t likelihood, impact, score, level;
    uint8_t res_likelihood, res_impact, res_score, res_level;
    uint8_t best_likelihood, best_impact, best_score, best_level; /* all mapped measures implemented */
    double mitig_l, mitig_i;    /* mean measure value of the likelihood / impact measures */
    char why_likelihood[320], why_impact[320], why_residual[320];
};

struct nis5g_risk_result {
    struct nis5g_risk_scenario s[NIS5G_N_SCENARIOS];
};

/* The level of a score L×I: low 1–4, medium 5–9, high 10–16, critical 20–25. */
int nis5g_risk_level(int score);
/* The three ladders of docs/risk-method.md §3. */
int nis5g_risk_ladder_share(double x);
int nis5g_risk_ladder_loss(double y);
int nis5g_risk_ladder_div(double s);

/* Score the nine scenarios of one scope. */
void nis5g_risk_score(const struct nis5g_catalog *c, const struct nis5g_risk_inputs *in,
                      struct nis5g_risk_result *out);

/* ---- risk-indicators.c: from the model ---- */

/* Optional results of the other analyses; NULL/0 fields mean "not run". */
struct nis5g_risk_extra {
    /* Kill-switch per vendor (vendors.n entries each): subscribers lost,
     * nationally and per operator (vendors.n * operators.n, vendor-major). */
    const int64_t *ks_subs;
    const int64_t *ks_op_subs;
    /* Monte Carlo: p95 of subscribers lost, nationally and per operator. */
    int have_mc;
    uint64_t mc_trials;
    int64_t mc_p95;
    const int64_t *mc_op_p95;
    /* Policy: violating findings per operator (operators.n) and in all,
     * and the number of rules in violation. */
    int have_policy;
    const uint64_t *policy_op_violations;
    uint64_t policy_violations;
    uint32_t policy_rules_violated;
};

/* All scopes' indicators: scope 0 is the nation, scope 1+o operator o. */
struct nis5g_risk_data {
    size_t n_scopes;
    struct nis5g_risk_inputs *in;
    /* storage the inputs point into */
    uint64_t *class_n, *class_hr;
    double *measure_value;
    /* Per scope × vendor: the share of W lost when the vendor fails (the
     * kill-switch when given, else the radio-site lower bound, §2.5). */
    double *vendor_loss;
    uint32_t n_vendors;
    double weight;     /* W: the nation's radio-site subscribers (or radio sites, §2.1) */
    char **strings;
    size_t n_strings;
    char country[4];   /* the nation's code, or "all" for several states */
};

/* Compute the indicators of every scope. vendor_risk: the profile in force
 * of every vendor (vendors.n entries, enum nis5g_risk). op_status and
 * country_status: measure statuses (NIS5G_MS_UNSET when not given),
 * operators.n × n_measures and countries.n × n_measures. extra may be NULL.
 * Needs NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_DETAIL. The nation is the
 * operators' country (scope "all" when they belong to several states). m is not const
 * (dictionary lookups). out is the caller's (nis5g_risk_data_release). */
void nis5g_risk_indicators(struct nis5g_model *m, const struct nis5g_catalog *c, const uint8_t *vendor_risk,
                           const uint8_t *op_status, const uint8_t *country_status,
                           const struct nis5g_risk_extra *extra, struct nis5g_risk_data *out);
void nis5g_risk_data_release(struct nis5g_risk_data *d);

/* ---- risk-assess.c: the whole assessment of one snapshot ---- */

struct json_t;
struct nis5g_policy;
struct nis5g_check;

struct nis5g_assess_opts {
    int resilience;           /* run the kill-switch and Monte Carlo (when the model has its links) */
    uint64_t mc_trials, mc_seed;
    const struct nis5g_policy *policy; /* evaluate it (may be NULL); its designations set the profiles */
    int32_t at;               /* evaluate the policy as of this day */
    nis5g_progress_fn progress; /* kill-switch and Monte Carlo progress; may be NULL */
    void *progress_ctx;
};

/* Everything the risk command and the report show, computed once. */
struct nis5g_assessment {
    const struct nis5g_catalog *cat; /* borrowed */
    struct nis5g_model *m;           /* borrowed */
    int32_t as_of;
    struct nis5g_mtable mt;          /* the effective measure statuses */
    uint8_t *vendor_risk;            /* per vendor: enum nis5g_risk in force */
    char **vendor_why;               /* per vendor: what decided it */
    struct nis5g_risk_extra extra;
    struct nis5g_risk_data data;
    struct nis5g_risk_result *res;   /* data.n_scopes */
    /* The policy evaluation (NULL without a policy): the check, and per
     * operator the findings in violation and pending (operators.n). */
    const struct nis5g_policy *policy;
    struct nis5g_check *check;
    uint64_t *op_violations, *op_pending;
    /* Kill-switch per vendor (have_ks): radio sites and subscribers lost,
     * active elements of the vendor; per operator, vendor-major. */
    int have_ks;
    uint32_t *ks_sites;
    int64_t *ks_subs, *ks_op_subs;
    uint64_t *ks_elements;
    int64_t radio_subs;              /* subscribers of radio sites with service at baseline */
    /* Monte Carlo (have_mc): trials, distribution of subscribers and radio
     * sites without service, per-operator p95 of subscribers, and a
     * histogram of subscribers lost (NIS5G_MC_BINS equal bins over
     * [0, max]). */
    int have_mc;
    uint64_t mc_trials, mc_seed;
    double mc_mean_subs, mc_mean_sites;
    int64_t mc_subs[4], mc_sites[4]; /* p50, p95, p99, max */
    int64_t *mc_op_p95;
    uint32_t mc_hist[20];
    void *priv;                      /* storage of the optional results */
};
#define NIS5G_MC_BINS 20
/* Failure probabilities of the Monte Carlo run, per domain (docs/risk-method.md §2.6). */
extern const double nis5g_risk_mc_p[NIS5G_DOM_COUNT];

/* Compute the assessment of snapshot snap (its model m: needs
 * NIS5G_PART_ELEMENTS, ELEMENT_DETAIL and LINKS). NIS5G_ESTORE/EINPUT with err on failure; policy
 * warnings and errors go to d (may be NULL). */
int nis5g_assess(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                 const struct nis5g_catalog *c, const struct nis5g_assess_opts *o, struct nis5g_assessment *out,
                 struct nis5g_diags *d, struct nis5g_err *err);
void nis5g_assessment_release(struct nis5g_assessment *a);

/* risk-resil.c: run the kill-switch of every vendor and, when o->mc_trials > 0,
 * the Monte Carlo run of §2.6 on a's model (needs NIS5G_PART_LINKS), and
 * keep the figures in a (have_ks, have_mc) and a->extra. Called by
 * nis5g_assess before the indicators. */
int nis5g_risk_resilience(struct nis5g_assessment *a, const struct nis5g_assess_opts *o, struct nis5g_err *err);

/* ---- risk-json.c ---- */

/* The scores of every scope (only: a scope index, or -1 for all) as JSON,
 * the format of docs/json.md "risk". A new reference. */
struct json_t *nis5g_risk_json(const struct nis5g_assessment *a, int only);

/* ---- The assessment for the queries (query/assess.c) ---- */

/* The options risk and report share: --policy FILE (one), --at DATE
 * (only with --policy), --snapshot DATE. */
struct nis5g_assess_params {
    const char *policy; /* one policy source, or NULL */
    int32_t at;         /* NIS5G_NO_DATE: the environment's today */
    int32_t snapshot;   /* NIS5G_NO_DATE: the latest */
};
extern const struct nis5g_opt nis5g_assess_opts[];
void nis5g_assess_params_init(struct nis5g_assess_params *p);

/* What the assessment holds on to. Zeroed before use. */
struct nis5g_assess_run {
    struct nis5g_policy *policy; /* NULL without --policy */
    struct nis5g_catalog cat;
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_assessment a;
    int loaded, assessed;
};
struct nis5g_query_env;
/* Load the policy (diagnostics into env->diags), the catalogues and the
 * model (elements, detail and links). NIS5G_EUSAGE for --at without
 * --policy ("--at sets the date of a policy's deadlines: it needs
 * --policy"). Release x with nis5g_query_assess_release either way. */
int nis5g_query_assess_load(const struct nis5g_query_env *env, const struct nis5g_assess_params *p,
                            struct nis5g_assess_run *x, struct nis5g_err *err);
/* Then run the assessment (kill-switch of every vendor, 1,000 Monte Carlo
 * trials, seed 1), reporting progress through env. */
int nis5g_query_assess_run(const struct nis5g_query_env *env, const struct nis5g_assess_params *p,
                           struct nis5g_assess_run *x, struct nis5g_err *err);
void nis5g_query_assess_release(const struct nis5g_query_env *env, struct nis5g_assess_run *x);

/* ---- The query (query.h; query/q-risk.c): `nis5g risk`, GET /api/v1/risk ---- */

struct nis5g_risk_params {
    const char *operator; /* one operator's scores; NULL: the nation, then every operator */
    struct nis5g_assess_params a;
};
struct nis5g_risk_query_result {
    struct nis5g_assess_run x;
    int only; /* the scope shown alone (1 + operator id), or -1 */
};
extern const struct nis5g_opt nis5g_risk_opts[];
void nis5g_risk_params_init(void *params);
/* nis5g_risk_json of the result, with "as_of". */
struct json_t *nis5g_risk_query_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_risk;

#endif
