/*
 * risk-assess.c — one snapshot's national risk assessment: the supplier
 * profiles in force (profile.h, with a policy's designations), the measure
 * statuses, the policy evaluation, the optional resilience results, the
 * indicators of every scope and their scores. The risk command and the
 * report both print this one computation.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/risk.h"

/* Findings in violation and pending per operator: deny findings by the
 * element's operator; cap and require groups in breach by the group's
 * operator (an operator or site key); region and country groups concern
 * the nation only. */
static void policy_by_operator(const struct nis5g_model *m, const struct nis5g_check *ck, uint64_t *viol,
                               uint64_t *pend, uint64_t *total_viol, uint32_t *rules_violated)
{
    for (size_t i = 0; i < ck->n; i++) {
        const struct nis5g_rule_result *r = &ck->r[i];
        if (r->status == NIS5G_RS_OK)
            continue;
        uint64_t *dst = r->status == NIS5G_RS_VIOLATION ? viol : pend;
        if (r->status == NIS5G_RS_VIOLATION) {
            *total_viol += (uint64_t)r->findings;
            (*rules_violated)++;
        }
        if (r->rule->kind == NIS5G_RULE_DENY) {
            for (size_t k = 0; k < r->n_elements; k++)
                dst[m->el_operator[r->elements[k]]]++;
            continue;
        }
        for (size_t g = 0; g < r->n_groups; g++) {
            const struct nis5g_group_result *gr = &r->groups[g];
            if (gr->must_change <= 0)
                continue;
            for (int k = 0; k < r->rule->n_group; k++) {
                uint32_t key = gr->key[k];
                if (key == NIS5G_NONE)
                    continue;
                if (r->rule->group[k] == NIS5G_G_OPERATOR) {
                    dst[key]++;
                    break;
                }
                if (r->rule->group[k] == NIS5G_G_SITE) {
                    dst[m->site_operator[key]]++;
                    break;
                }
            }
        }
    }
}

int nis5g_assess(struct nis5g_store *st, const struct nis5g_snapshot *snap, struct nis5g_model *m,
                 const struct nis5g_catalog *c, const struct nis5g_assess_opts *o, struct nis5g_assessment *out,
                 struct nis5g_diags *d, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    out->cat = c;
    out->m = m;
    out->as_of = m->as_of;
    int rc = nis5g_measures_effective(st, snap, m, c, &out->mt, err);
    if (rc)
        return rc;
    uint32_t nv = m->vendors.n, nops = m->operators.n;
    struct nis5g_profile *prof = nis5g_xcalloc((size_t)nv + 1, sizeof *prof);
    if (o && o->policy) {
        struct nis5g_check_opts co = { .at = o->at };
        rc = nis5g_policy_check(o->policy, m, &co, &out->check, d);
        if (rc) {
            free(prof);
            nis5g_mtable_release(&out->mt);
            return nis5g_err_set(err, rc, "the policy cannot be evaluated on this snapshot");
        }
        out->policy = o->policy;
        memcpy(prof, out->check->profiles, (size_t)nv * sizeof *prof);
        out->op_violations = nis5g_xcalloc((size_t)nops + 1, sizeof *out->op_violations);
        out->op_pending = nis5g_xcalloc((size_t)nops + 1, sizeof *out->op_pending);
        out->extra.have_policy = 1;
        policy_by_operator(m, out->check, out->op_violations, out->op_pending, &out->extra.policy_violations,
                           &out->extra.policy_rules_violated);
        out->extra.policy_op_violations = out->op_violations;
    } else {
        nis5g_profiles(m, NULL, 0, prof);
    }
    out->vendor_risk = nis5g_xcalloc((size_t)nv + 1, 1);
    out->vendor_why = nis5g_xcalloc((size_t)nv + 1, sizeof *out->vendor_why);
    for (uint32_t v = 0; v < nv; v++) {
        out->vendor_risk[v] = prof[v].risk;
        out->vendor_why[v] = nis5g_xstrdup(prof[v].why[0] ? prof[v].why : nis5g_profile_source_names[prof[v].source]);
    }
    free(prof);
    if (o && o->resilience && (m->parts & NIS5G_PART_LINKS)) {
        rc = nis5g_risk_resilience(out, o, err);
        if (rc) {
            nis5g_assessment_release(out);
            return rc;
        }
    }
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
    if (a->check)
        nis5g_check_free(a->check);
    free(a->op_violations);
    free(a->op_pending);
    free(a->ks_sites);
    free(a->ks_subs);
    free(a->ks_op_subs);
    free(a->ks_elements);
    free(a->mc_op_p95);
    free(a->priv);
    memset(a, 0, sizeof *a);
}
