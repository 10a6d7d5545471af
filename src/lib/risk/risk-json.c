/*
 * risk-json.c — the risk scores and their indicators as JSON (docs/json.md
 * "risk"), shared by `nis5g risk --json` and report.json so that both carry
 * the same figures.
 */
#include <jansson.h>
#include <string.h>

#include "nis5g/risk.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *indicators(const struct nis5g_assessment *a, const struct nis5g_risk_inputs *in)
{
    const struct nis5g_catalog *c = a->cat;
    json_t *classes = json_array();
    for (size_t j = 0; j < in->n_classes; j++)
        json_array_append_new(classes, json_pack("{s:s, s:s, s:I, s:I}", "class", c->classes[j].id, "sensitivity",
                                                 nis5g_sensitivity_names[c->classes[j].sensitivity], "elements",
                                                 (json_int_t)in->class_n[j], "high_risk",
                                                 (json_int_t)in->class_hr[j]));
    json_t *j = json_object();
    json_object_set_new(j, "scale", json_real(in->scale));
    json_object_set_new(j, "scale_operator", str_or_null(in->scale_operator));
    json_object_set_new(j, "active_elements", json_integer((json_int_t)in->n_active));
    json_object_set_new(j, "classes", classes);
    json_object_set_new(j, "high_risk_weighted_share", json_real(in->hr_weighted));
    json_object_set_new(j, "critical_elements", json_integer((json_int_t)in->n_critical));
    json_object_set_new(j, "critical_high_risk", json_integer((json_int_t)in->hr_critical));
    json_object_set_new(j, "high_risk_vendors", json_string(in->hr_vendors ? in->hr_vendors : ""));
    json_object_set_new(j, "past_end_of_support", json_integer((json_int_t)in->q_eos));
    json_object_set_new(j, "critical_vulnerabilities", json_integer((json_int_t)in->q_vuln));
    json_object_set_new(j, "uncertified", json_integer((json_int_t)in->q_uncert));
    json_object_set_new(j, "weak_products", json_integer((json_int_t)in->q_any));
    json_object_set_new(j, "critical_vulnerable", json_integer((json_int_t)in->vuln_critical));
    json_object_set_new(j, "sensitive_elements", json_integer((json_int_t)in->n_sensitive));
    json_object_set_new(j, "sensitive_vulnerable", json_integer((json_int_t)in->vuln_sensitive));
    json_object_set_new(j, "edge_elements", json_integer((json_int_t)in->n_edge));
    json_object_set_new(j, "edge_weak", json_integer((json_int_t)in->edge_weak));
    json_object_set_new(j, "largest_vendor_share", json_real(in->div_max));
    json_object_set_new(j, "largest_vendor", str_or_null(in->div_vendor));
    json_object_set_new(j, "largest_vendor_operator", str_or_null(in->div_operator));
    json_object_set_new(j, "largest_vendor_domain",
                        in->div_domain >= 0 ? json_string(nis5g_domain_names[in->div_domain]) : json_null());
    json_object_set_new(j, "single_vendor_loss", json_real(in->ks_max));
    json_object_set_new(j, "single_vendor_loss_vendor", str_or_null(in->ks_vendor));
    json_object_set_new(j, "high_risk_vendor_loss", json_real(in->ks_hr));
    json_object_set_new(j, "high_risk_vendor_loss_vendor", str_or_null(in->ks_hr_vendor));
    json_object_set_new(j, "loss_source", json_string(in->ks_from_killswitch ? "killswitch" : "radio-sites"));
    json_object_set_new(j, "montecarlo_p95_loss", in->have_mc ? json_real(in->mc_p95) : json_null());
    json_object_set_new(j, "radio_sites", json_integer(in->radio_sites));
    json_object_set_new(j, "low_backup_sites", json_integer(in->low_backup_sites));
    json_object_set_new(j, "low_backup_subscribers_share", json_real(in->low_backup_subs));
    json_object_set_new(j, "policy_violations",
                        in->have_policy ? json_integer((json_int_t)in->policy_violations) : json_null());
    return j;
}

static json_t *cell(int l, int i, int score, int level)
{
    return json_pack("{s:i, s:i, s:i, s:s}", "likelihood", l, "impact", i, "score", score, "level",
                     nis5g_level_names[level]);
}

static json_t *scenario(const struct nis5g_assessment *a, const struct nis5g_risk_inputs *in, int k,
                        const struct nis5g_risk_scenario *s)
{
    const struct nis5g_catalog *c = a->cat;
    const struct nis5g_scenario *sc = &c->scenarios[k];
    json_t *actors = json_array();
    for (size_t i = 0; i < sc->n_actors; i++)
        json_array_append_new(actors, json_string(c->actors[sc->actors[i]].id));
    json_t *ms = json_array();
    for (size_t i = 0; i < c->n_mapping; i++) {
        const struct nis5g_mapping *mp = &c->mapping[i];
        if (mp->scenario != (uint32_t)k)
            continue;
        json_array_append_new(ms, json_pack("{s:s, s:s, s:f}", "measure", c->measures[mp->measure].code, "lowers",
                                            nis5g_lowers_names[mp->lowers], "value",
                                            in->measure_value[mp->measure]));
    }
    json_t *j = json_pack("{s:s, s:s, s:s, s:s, s:o}", "scenario", sc->id, "group", sc->group, "title", sc->title,
                          "threats", sc->threats ? sc->threats : "", "actors", actors);
    json_object_set_new(j, "likelihood", json_integer(s->likelihood));
    json_object_set_new(j, "impact", json_integer(s->impact));
    json_object_set_new(j, "score", json_integer(s->score));
    json_object_set_new(j, "level", json_string(nis5g_level_names[s->level]));
    json_object_set_new(j, "explanation", json_pack("{s:s, s:s, s:s}", "likelihood", s->why_likelihood, "impact",
                                                    s->why_impact, "residual", s->why_residual));
    json_object_set_new(j, "residual", cell(s->res_likelihood, s->res_impact, s->res_score, s->res_level));
    json_object_set_new(j, "all_measures_implemented",
                        cell(s->best_likelihood, s->best_impact, s->best_score, s->best_level));
    json_object_set_new(j, "mitigation", json_pack("{s:f, s:f}", "likelihood", s->mitig_l, "impact", s->mitig_i));
    json_object_set_new(j, "measures", ms);
    return j;
}

json_t *nis5g_risk_json(const struct nis5g_assessment *a, int only)
{
    json_t *scopes = json_array();
    for (size_t k = 0; k < a->data.n_scopes; k++) {
        if (only >= 0 && (size_t)only != k)
            continue;
        const struct nis5g_risk_inputs *in = &a->data.in[k];
        json_t *sc = json_array();
        for (int s = 0; s < NIS5G_N_SCENARIOS; s++)
            json_array_append_new(sc, scenario(a, in, s, &a->res[k].s[s]));
        json_array_append_new(scopes, json_pack("{s:s, s:s, s:o, s:o}", "scope", in->scope, "kind",
                                                in->national ? "national" : "operator", "indicators",
                                                indicators(a, in), "scenarios", sc));
    }
    return json_pack("{s:o}", "scopes", scopes);
}
