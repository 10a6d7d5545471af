/*
 * package-risk.c — the risk section and the effective measure statuses of
 * a national package, from the risk assessment (package.h, risk.h).
 */
#include <string.h>

#include "nis5g/package.h"

#include "nis5g/date.h"
#include "nis5g/risk.h"

static json_t *cell(int l, int i, int score, int level)
{
    return json_pack("{s:i, s:i, s:i, s:s}", "likelihood", l, "impact", i, "score", score, "level",
                     nis5g_level_names[level]);
}

void nis5g_package_add_risk(json_t *sections, const struct nis5g_assessment *a)
{
    json_t *arr = json_array();
    for (int k = 0; k < NIS5G_N_SCENARIOS; k++) {
        const struct nis5g_scenario *sc = &a->cat->scenarios[k];
        const struct nis5g_risk_scenario *s = &a->res[0].s[k]; /* scope 0: the nation */
        json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:s}", "scenario", sc->id, "group", sc->group, "title",
                              sc->title, "likelihood", s->likelihood, "impact", s->impact, "score", s->score, "level",
                              nis5g_level_names[s->level]);
        json_object_set_new(o, "residual", cell(s->res_likelihood, s->res_impact, s->res_score, s->res_level));
        json_object_set_new(o, "explanation", json_pack("{s:s, s:s, s:s}", "likelihood", s->why_likelihood, "impact",
                                                        s->why_impact, "residual", s->why_residual));
        json_array_append_new(arr, o);
    }
    json_object_set_new(sections, "risk", arr);

    const struct nis5g_mtable *t = &a->mt;
    json_t *ms = json_array();
    char d[11];
    for (size_t i = 0; i < t->n_scopes; i++)
        for (size_t j = 0; j < t->n_measures; j++) {
            const struct nis5g_mcell *c = &t->cell[i * t->n_measures + j];
            if (c->status == NIS5G_MS_UNSET)
                continue;
            json_array_append_new(
                ms, json_pack("{s:s, s:s, s:s, s:s, s:o, s:s}", "scope", t->scope[i], "scope_kind",
                              t->is_country[i] ? "state" : "operator", "measure", a->cat->measures[j].code, "status",
                              nis5g_mstatus_names[c->status], "date",
                              c->date == NIS5G_NO_DATE ? json_null() : json_string(nis5g_date_format(c->date, d)),
                              "source", nis5g_msource_names[c->source]));
        }
    json_object_set_new(sections, "measures", ms);
}
