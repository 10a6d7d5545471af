/*
 * risk-assess.c — one snapshot's national risk assessment: the supplier
 * profiles in force, the measure statuses, the optional resilience and
 * policy results, the indicators of every scope and their scores. The risk
 * command and the report both print this one computation.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/risk.h"

/* The profile of each vendor. Until the profile module is available this
 * is the designation column of suppliers.csv (no designation: unknown). */
static void vendor_profiles(const struct nis5g_model *m, uint8_t *risk, char **why)
{
    for (uint32_t v = 0; v < m->vendors.n; v++) {
        if (!m->sup_known[v]) {
            risk[v] = NIS5G_RISK_UNKNOWN;
            why[v] = nis5g_xstrdup("no row in suppliers.csv");
        } else if (m->sup_designation[v] != NIS5G_RISK_UNKNOWN) {
            risk[v] = m->sup_designation[v];
            why[v] = nis5g_xstrdup("designation in suppliers.csv");
        } else {
            risk[v] = NIS5G_RISK_UNKNOWN;
            why[v] = nis5g_xstrdup("no designation (profile rule not available in this build)");
        }
    }
}

int nis5g_assess(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                 const struct nis5g_catalog *c, const struct nis5g_assess_opts *o, struct nis5g_assessment *out,
                 struct nis5g_err *err)
{
    (void)o;
    memset(out, 0, sizeof *out);
    out->cat = c;
    out->m = m;
    out->as_of = m->as_of;
    int rc = nis5g_measures_effective(st, snap, m, c, &out->mt, err);
    if (rc)
        return rc;
    out->vendor_risk = nis5g_xcalloc((size_t)m->vendors.n + 1, 1);
    out->vendor_why = nis5g_xcalloc((size_t)m->vendors.n + 1, sizeof *out->vendor_why);
    vendor_profiles(m, out->vendor_risk, out->vendor_why);
    nis5g_risk_indicators(m, c, out->vendor_risk, out->mt.op_status, out->mt.country_status, &out->extra,
                          &out->data);
    out->res = nis5g_xcalloc(out->data.n_scopes, sizeof *out->res);
    for (size_t k = 0; k < out->data.n_scopes; k++)
        nis5g_risk_score(c, &out->data.in[k], &out->res[k]);
    return NIS5G_OK;
}

void nis5g_assessment_release(struct nis5g_assessment *a)
{
    nis5g_mtable_release(&a->mt);
    if (a->vendor_why && a->m)
        for (uint32_t v = 0; v < a->m->vendors.n; v++)
            free(a->vendor_why[v]);
    free(a->vendor_why);
    free(a->vendor_risk);
    nis5g_risk_data_release(&a->data);
    free(a->res);
    free(a->priv);
    memset(a, 0, sizeof *a);
}
