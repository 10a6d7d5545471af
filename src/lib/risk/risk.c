/*
 * risk.c — scoring the risk scenarios R1–R9 from a scope's indicators
 * (docs/risk-method.md §3–§5): ladders from figures to 1–5, one formula per
 * scenario for likelihood and impact, the level, the explanation, and the
 * residual risk after the measures in place.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nis5g/risk.h"
#include "nis5g/text.h"

const char *const nis5g_level_names[4] = { "low", "medium", "high", "critical" };

/* A bad day, per domain: equipment fails independently with these
 * probabilities (illustrative values; §2.6). */
const double nis5g_risk_mc_p[NIS5G_DOM_COUNT] = {
    [NIS5G_DOM_RAN] = 0.01,       [NIS5G_DOM_TRANSPORT] = 0.005,      [NIS5G_DOM_CORE] = 0.002,
    [NIS5G_DOM_MANAGEMENT] = 0.002, [NIS5G_DOM_EDGE] = 0.005,         [NIS5G_DOM_INTERCONNECT] = 0.002,
    [NIS5G_DOM_INFRASTRUCTURE] = 0.002,
};

int nis5g_risk_level(int score)
{
    if (score <= 4)
        return NIS5G_LEVEL_LOW;
    if (score <= 9)
        return NIS5G_LEVEL_MEDIUM;
    if (score <= 16)
        return NIS5G_LEVEL_HIGH;
    return NIS5G_LEVEL_CRITICAL;
}

/* A share of exposed assets → 1–5: none 1, < 5% 2, < 15% 3, < 35% 4, else 5. */
int nis5g_risk_ladder_share(double x)
{
    if (!(x > 0))
        return 1;
    if (x < 0.05)
        return 2;
    if (x < 0.15)
        return 3;
    if (x < 0.35)
        return 4;
    return 5;
}

/* A share of national subscribers lost → 1–5: < 1% 1, < 5% 2, < 15% 3, < 30% 4, else 5. */
int nis5g_risk_ladder_loss(double y)
{
    if (!(y >= 0.01))
        return 1;
    if (y < 0.05)
        return 2;
    if (y < 0.15)
        return 3;
    if (y < 0.30)
        return 4;
    return 5;
}

/* The largest single-vendor share of a domain → 1–5: < 50% 1, < 65% 2, < 80% 3, < 100% 4, 100% 5. */
int nis5g_risk_ladder_div(double s)
{
    if (!(s >= 0.5))
        return 1;
    if (s < 0.65)
        return 2;
    if (s < 0.80)
        return 3;
    if (s < 1.0)
        return 4;
    return 5;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}
static int imin(int a, int b)
{
    return a < b ? a : b;
}

static double share(uint64_t a, uint64_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

static void say(char *out, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(char *out, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(out, size, fmt, ap);
    va_end(ap);
}

#define PCT(x) (100.0 * (x))

/* Counts in explanations read better with thousands separators: 19,890.
 * Each call uses its own slot of a small per-thread ring, so that several
 * can appear in one printf. */
static const char *N(uint64_t v)
{
    /* a ring of buffers: several numbers go into one explanation */
    static _Thread_local char ring[8][32];
    static _Thread_local int next;
    return nis5g_thousands((long long)v, ring[next++ & 7]);
}

/* The scale impact used by R1, R2, R6, R7, R9: the scope's share of
 * national subscribers (nationally the largest operator's). */
static int scale_impact(const struct nis5g_risk_inputs *in, char *why, size_t n, int cap, const char *what)
{
    int i = imin(cap, nis5g_risk_ladder_loss(in->scale));
    if (in->national)
        say(why, n, "impact %d: %s at the largest operator (%s) reaches %.1f%% of national subscribers%s", i, what,
            in->scale_operator ? in->scale_operator : "none", PCT(in->scale),
            cap < 5 ? (cap == 4 ? " (capped at 4 for this scenario)" : " (capped at 3 for this scenario)") : "");
    else
        say(why, n, "impact %d: %s at %s reaches its customers, %.1f%% of national subscribers%s", i, what, in->scope,
            PCT(in->scale), cap < 5 ? (cap == 4 ? " (capped at 4 for this scenario)" : " (capped at 3 for this scenario)") : "");
    return i;
}

/* Impact from a single-vendor failure (R3, R4). */
static int ks_impact(const struct nis5g_risk_inputs *in, char *why, size_t n, const char *lead)
{
    int i = nis5g_risk_ladder_loss(in->ks_max);
    if (!in->ks_vendor)
        say(why, n, "impact %d: no radio site depends on a single vendor", i);
    else
        say(why, n, "impact %d: %s %s cuts %.1f%% of national subscribers%s", i, lead, in->ks_vendor, PCT(in->ks_max),
            in->ks_from_killswitch ? " (kill-switch)" : " (radio sites whose radios all come from it; no kill-switch run)");
    return i;
}

/* R5 state interference: the high-risk share weighted by sensitivity, at
 * least 4 with a high-risk critical asset, one more with policy findings in
 * violation; the impact is the worst high-risk supplier's loss. */
static void score_state(const struct nis5g_risk_inputs *in, char *wl, size_t nl, char *wi, size_t ni, int *lp,
                        int *ip)
{
    int base = nis5g_risk_ladder_share(in->hr_weighted);
    int L = base;
    if (in->hr_critical > 0)
        L = imax(L, 4);
    int bump = in->have_policy && in->policy_violations > 0 && L < 5;
    if (bump)
        L++;
    int w = snprintf(wl, nl, "likelihood %d: %.1f%% of assets (weighted by sensitivity) from high-risk suppliers%s%s%s",
                     L, PCT(in->hr_weighted), *in->hr_vendors ? " (" : "", in->hr_vendors,
                     *in->hr_vendors ? ")" : "");
    if (w > 0 && (size_t)w < nl)
        w += snprintf(wl + w, nl - (size_t)w, "; %s of %s elements of critical asset classes from them%s",
                      N(in->hr_critical), N(in->n_critical),
                      in->hr_critical > 0 && base < 4 ? " (at least 4)" : "");
    if (w > 0 && (size_t)w < nl && in->have_policy)
        snprintf(wl + w, nl - (size_t)w, "; %s policy findings in violation%s",
                 N(in->policy_violations), bump ? " (+1)" : "");
    int I = nis5g_risk_ladder_loss(in->ks_hr);
    if (!in->ks_hr_vendor)
        say(wi, ni, "impact %d: no high-risk supplier's failure cuts service", I);
    else
        say(wi, ni, "impact %d: a kill-switch of %s cuts %.1f%% of national subscribers%s", I, in->ks_hr_vendor,
            PCT(in->ks_hr),
            in->ks_from_killswitch ? "" : " (radio sites whose radios all come from it; no kill-switch run)");
    *lp = L;
    *ip = I;
}

static void score_one(int k, const struct nis5g_risk_inputs *in, struct nis5g_risk_scenario *s)
{
    char *wl = s->why_likelihood, *wi = s->why_impact;
    size_t nl = sizeof s->why_likelihood, ni = sizeof s->why_impact;
    int L = 1, I = 1;
    switch (k) {
    case 0: { /* R1 misconfiguration */
        double x = share(in->q_eos, in->n_active);
        L = imax(2, nis5g_risk_ladder_share(x));
        say(wl, nl, "likelihood %d: %.1f%% of active elements (%s of %s) run products past end of support%s", L,
            PCT(x), N(in->q_eos), N(in->n_active),
            L == 2 && nis5g_risk_ladder_share(x) < 2 ? "; misconfiguration stays possible in any network (floor 2)" : "");
        I = scale_impact(in, wi, ni, 5, "a misconfigured core or management system");
        break;
    }
    case 1: { /* R2 access controls */
        double x = share(in->vuln_critical, in->n_critical);
        L = imax(2, nis5g_risk_ladder_share(x));
        say(wl, nl, "likelihood %d: %s of %s elements of critical asset classes (%.1f%%) have products with "
            "critical vulnerabilities%s", L, N(in->vuln_critical),
            N(in->n_critical), PCT(x),
            nis5g_risk_ladder_share(x) < 2 ? "; weak access control stays possible (floor 2)" : "");
        I = scale_impact(in, wi, ni, 5, "unauthorised access to the core or management");
        break;
    }
    case 2: { /* R3 product quality */
        double x = share(in->q_any, in->n_active);
        L = nis5g_risk_ladder_share(x);
        say(wl, nl, "likelihood %d: %.1f%% of active elements have a product without certification (%s), past "
            "end of support (%s) or with critical vulnerabilities (%s)", L, PCT(x),
            N(in->q_uncert), N(in->q_eos), N(in->q_vuln));
        I = ks_impact(in, wi, ni, "a fault in every product of");
        break;
    }
    case 3: { /* R4 single supplier */
        L = nis5g_risk_ladder_div(in->div_max);
        if (in->div_domain < 0)
            say(wl, nl, "likelihood %d: no RAN or core element", L);
        else
            say(wl, nl, "likelihood %d: %s supplies %.1f%% of %s's %s elements", L, in->div_vendor, PCT(in->div_max),
                in->div_operator, nis5g_domain_names[in->div_domain]);
        I = ks_impact(in, wi, ni, "the failure of");
        break;
    }
    case 4: /* R5 state interference */
        score_state(in, wl, nl, wi, ni, &L, &I);
        break;
    case 5: { /* R6 organised crime */
        double x = share(in->vuln_sensitive, in->n_sensitive);
        L = imax(2, nis5g_risk_ladder_share(x));
        say(wl, nl, "likelihood %d: %s of %s elements of sensitive asset classes (%.1f%%: transport, "
            "interconnection, edge, security) have products with critical vulnerabilities%s", L,
            N(in->vuln_sensitive), N(in->n_sensitive), PCT(x),
            nis5g_risk_ladder_share(x) < 2 ? " (floor 2)" : "");
        I = scale_impact(in, wi, ni, 4, "fraud, theft or ransom");
        break;
    }
    case 6: { /* R7 critical services */
        if (in->have_mc) {
            L = imax(2, nis5g_risk_ladder_loss(in->mc_p95));
            say(wl, nl, "likelihood %d: in 1 trial of 20 random failures cut %.1f%% of national subscribers or more "
                "(Monte Carlo p95, %s trials)%s", L, PCT(in->mc_p95), N(in->mc_trials),
                nis5g_risk_ladder_loss(in->mc_p95) < 2 ? " (floor 2)" : "");
        } else {
            L = 2;
            say(wl, nl, "likelihood 2: no Monte Carlo result (floor 2)");
        }
        I = scale_impact(in, wi, ni, 5, "a disruption of the services that depend on the network");
        break;
    }
    case 7: { /* R8 power */
        double x = in->radio_sites ? (double)in->low_backup_sites / in->radio_sites : 0;
        L = nis5g_risk_ladder_share(x);
        say(wl, nl, "likelihood %d: %s of %s radio sites (%.1f%%) have less than %.0f hours of backup power", L,
            N(in->low_backup_sites), N(in->radio_sites), PCT(x), NIS5G_RISK_BACKUP_HOURS);
        I = nis5g_risk_ladder_loss(in->low_backup_subs);
        say(wi, ni, "impact %d: a %.0f-hour power cut takes down sites serving %.1f%% of national subscribers", I,
            NIS5G_RISK_BACKUP_HOURS, PCT(in->low_backup_subs));
        break;
    }
    case 8: { /* R9 IoT */
        if (in->n_edge) {
            double x = share(in->edge_weak, in->n_edge);
            L = imax(3, nis5g_risk_ladder_share(x));
            say(wl, nl, "likelihood %d: %s of %s edge elements (%.1f%%) uncertified or with critical "
                "vulnerabilities; devices themselves are outside the inventory (floor 3)", L,
                N(in->edge_weak), N(in->n_edge), PCT(x));
        } else {
            L = 3;
            say(wl, nl, "likelihood 3: no edge element in the inventory and devices are outside it (default 3)");
        }
        I = scale_impact(in, wi, ni, 3, "a botnet of connected devices");
        break;
    }
    }
    s->likelihood = (uint8_t)L;
    s->impact = (uint8_t)I;
    s->score = (uint8_t)(L * I);
    s->level = (uint8_t)nis5g_risk_level(L * I);
}

/* Round half up, with a little slack for sums of halves in floating point. */
static int round_half_up(double x)
{
    return (int)floor(x + 0.5 + 1e-9);
}

void nis5g_risk_score(const struct nis5g_catalog *c, const struct nis5g_risk_inputs *in,
                      struct nis5g_risk_result *out)
{
    memset(out, 0, sizeof *out);
    for (int k = 0; k < NIS5G_N_SCENARIOS; k++) {
        struct nis5g_risk_scenario *s = &out->s[k];
        score_one(k, in, s);
        double sum[2] = { 0, 0 };
        int n[2] = { 0, 0 };
        for (size_t i = 0; i < c->n_mapping; i++) {
            const struct nis5g_mapping *mp = &c->mapping[i];
            if (mp->scenario != (uint32_t)k)
                continue;
            sum[mp->lowers] += in->measure_value ? in->measure_value[mp->measure] : 0;
            n[mp->lowers]++;
        }
        s->mitig_l = n[0] ? sum[0] / n[0] : 0;
        s->mitig_i = n[1] ? sum[1] / n[1] : 0;
        int dl = round_half_up(2 * s->mitig_l), di = round_half_up(s->mitig_i);
        s->res_likelihood = (uint8_t)imax(1, s->likelihood - dl);
        s->res_impact = (uint8_t)imax(1, s->impact - di);
        s->res_score = (uint8_t)(s->res_likelihood * s->res_impact);
        s->res_level = (uint8_t)nis5g_risk_level(s->res_score);
        s->best_likelihood = (uint8_t)imax(1, s->likelihood - (n[0] ? 2 : 0));
        s->best_impact = (uint8_t)imax(1, s->impact - (n[1] ? 1 : 0));
        s->best_score = (uint8_t)(s->best_likelihood * s->best_impact);
        s->best_level = (uint8_t)nis5g_risk_level(s->best_score);
        int w = snprintf(s->why_residual, sizeof s->why_residual,
                         "likelihood measures %.0f%% in place (-%d)", PCT(s->mitig_l), dl);
        if (n[1] && w > 0 && (size_t)w < sizeof s->why_residual)
            snprintf(s->why_residual + w, sizeof s->why_residual - (size_t)w, ", impact measures %.0f%% in place (-%d)",
                     PCT(s->mitig_i), di);
    }
}
