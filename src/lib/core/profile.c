/*
 * profile.c — the supplier risk profile rule and designation precedence
 * (SPEC §2, docs/profile.md). The rule is a short list of steps tried in
 * order; the first that applies decides, and its id and the figures that
 * made it apply become the explanation.
 */
#include <stdio.h>
#include <string.h>

#include "nis5g/profile.h"

const char *const nis5g_profile_source_names[NIS5G_PSRC_COUNT] = { "none", "rule", "suppliers.csv", "policy" };

/* The factors the rule names, by their columns (model.h declares them). */
static const char *const col[NIS5G_F_COUNT] = { NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) };
_Static_assert(sizeof col / sizeof col[0] == NIS5G_F_COUNT, "one column name per factor");

static int fv(const uint8_t *f, enum nis5g_factor k)
{
    return f[k] == NIS5G_FACTOR_UNSET ? 0 : f[k];
}

enum nis5g_risk nis5g_profile_rule(const uint8_t *f, const char **rule, char *why, size_t why_size)
{
    char scratch[8];
    if (!why) {
        why = scratch;
        why_size = sizeof scratch;
    }
    int gov = fv(f, NIS5G_F_GOV_LINKS), law = fv(f, NIS5G_F_INTEL_LAW);
    /* Interference: the likelihood that a non-EU government interferes
     * (coordinated risk assessment, first group of criteria). */
    int interference = gov + law + fv(f, NIS5G_F_NO_CHECKS) + fv(f, NIS5G_F_OPAQUE_OWNERSHIP) +
                       fv(f, NIS5G_F_PRESSURE);
    int supply = fv(f, NIS5G_F_SUPPLY_RISK), quality = fv(f, NIS5G_F_QUALITY_ISSUES);
    if (law >= 2 && gov >= 2) {
        *rule = "H1";
        snprintf(why, why_size, "rule H1: %s %d >= 2 and %s %d >= 2", col[NIS5G_F_INTEL_LAW], law,
                 col[NIS5G_F_GOV_LINKS], gov);
        return NIS5G_RISK_HIGH;
    }
    if (interference >= 10) {
        *rule = "H2";
        snprintf(why, why_size, "rule H2: interference %d >= 10", interference);
        return NIS5G_RISK_HIGH;
    }
    if (interference >= 5) {
        *rule = "M1";
        snprintf(why, why_size, "rule M1: interference %d >= 5", interference);
        return NIS5G_RISK_MEDIUM;
    }
    if (supply >= 2 || quality >= 2) {
        *rule = "M2";
        if (supply >= 2)
            snprintf(why, why_size, "rule M2: %s %d >= 2", col[NIS5G_F_SUPPLY_RISK], supply);
        else
            snprintf(why, why_size, "rule M2: %s %d >= 2", col[NIS5G_F_QUALITY_ISSUES], quality);
        return NIS5G_RISK_MEDIUM;
    }
    for (int k = 0; k < NIS5G_F_COUNT; k++) {
        if (fv(f, (enum nis5g_factor)k) == 3) {
            *rule = "M3";
            snprintf(why, why_size, "rule M3: %s 3 (strong)", col[k]);
            return NIS5G_RISK_MEDIUM;
        }
    }
    *rule = "L1";
    snprintf(why, why_size, "rule L1: interference %d < 5, %s and %s < 2, no factor at 3", interference,
             col[NIS5G_F_SUPPLY_RISK], col[NIS5G_F_QUALITY_ISSUES]);
    return NIS5G_RISK_LOW;
}

void nis5g_profiles(const struct nis5g_model *m, const struct nis5g_designation *d, size_t n_d,
                    struct nis5g_profile *out)
{
    for (uint32_t v = 0; v < m->vendors.n; v++) {
        struct nis5g_profile *p = &out[v];
        memset(p, 0, sizeof *p);
        if (!m->sup_known || !m->sup_known[v]) {
            p->risk = p->rule_risk = NIS5G_RISK_UNKNOWN;
            p->source = NIS5G_PSRC_NO_ROW;
            snprintf(p->why, sizeof p->why, "no suppliers.csv row");
        } else {
            char why[sizeof p->why];
            p->rule_risk = (uint8_t)nis5g_profile_rule(&m->sup_factors[(size_t)v * NIS5G_F_COUNT], &p->rule,
                                                       why, sizeof why);
            p->risk = p->rule_risk;
            p->source = NIS5G_PSRC_RULE;
            uint8_t des = m->sup_designation ? m->sup_designation[v] : NIS5G_RISK_UNKNOWN;
            if (des != NIS5G_RISK_UNKNOWN) {
                p->risk = des;
                p->source = NIS5G_PSRC_SUPPLIERS;
                const char *notes = m->sup_notes ? nis5g_dict_str(&m->text, m->sup_notes[v]) : "";
                snprintf(p->why, sizeof p->why, "designated %s in suppliers.csv%s%s (the rule alone gives %s)",
                         nis5g_risk_names[des], *notes ? ": " : "", notes, nis5g_risk_names[p->rule_risk]);
            } else {
                memcpy(p->why, why, sizeof why);
            }
        }
    }
    /* Policy designations, in order: a later line for the same vendor wins. */
    for (size_t i = 0; i < n_d; i++) {
        if (d[i].vendor >= m->vendors.n)
            continue;
        struct nis5g_profile *p = &out[d[i].vendor];
        p->risk = d[i].risk;
        p->source = NIS5G_PSRC_POLICY;
        snprintf(p->why, sizeof p->why, "designated %s by policy%s%s%s%s", nis5g_risk_names[d[i].risk],
                 d[i].where ? " (" : "", d[i].where ? d[i].where : "", d[i].where ? ")" : "",
                 d[i].reason && *d[i].reason ? ": " : "");
        if (d[i].reason && *d[i].reason) {
            size_t l = strlen(p->why);
            snprintf(p->why + l, sizeof p->why - l, "%s", d[i].reason);
        }
    }
}
