/*
 * table.c — the query table: every read-only question and every operation
 * on the workspace that the CLI and the server both dispatch from
 * (query.h). One line each; each is defined in its own q-NAME.c.
 */
#include <stddef.h>

#include "nis5g/exports.h"
#include "nis5g/query.h"
#include "nis5g/verify.h"

/* the national picture */
extern const struct nis5g_query nis5g_query_summary;
extern const struct nis5g_query nis5g_query_elements;

/* diversity and resilience */
extern const struct nis5g_query nis5g_query_snapshots;
extern const struct nis5g_query nis5g_query_diff;
extern const struct nis5g_query nis5g_query_diversity;
extern const struct nis5g_query nis5g_query_simulate;
extern const struct nis5g_query nis5g_query_killswitch;
extern const struct nis5g_query nis5g_query_whatif_ban;

/* policies, suppliers, risk, measures, report */
extern const struct nis5g_query nis5g_query_check;
extern const struct nis5g_query nis5g_query_suppliers;
extern const struct nis5g_query nis5g_query_measures;
extern const struct nis5g_query nis5g_query_risk;
extern const struct nis5g_query nis5g_query_measures_history;
extern const struct nis5g_query nis5g_query_measures_set;
extern const struct nis5g_query nis5g_query_report;

/* sharing, the EU view, the workspace's changes */
extern const struct nis5g_query nis5g_query_export;
extern const struct nis5g_query nis5g_query_eu;
extern const struct nis5g_query nis5g_query_stix;
extern const struct nis5g_query nis5g_query_oscal_catalog;
extern const struct nis5g_query nis5g_query_oscal_assessment;
extern const struct nis5g_query nis5g_query_oscal_poam;
extern const struct nis5g_query nis5g_query_import;
extern const struct nis5g_query nis5g_query_import_package;
extern const struct nis5g_query nis5g_query_trust_add, nis5g_query_trust_list, nis5g_query_trust_remove;

/* operators' submissions and their review */
extern const struct nis5g_query nis5g_query_submit, nis5g_query_submissions, nis5g_query_review;

const struct nis5g_query *const nis5g_queries[] = {
    /* the national picture */
    &nis5g_query_summary,
    &nis5g_query_elements,

    /* diversity and resilience */
    &nis5g_query_snapshots,
    &nis5g_query_diff,
    &nis5g_query_diversity,
    &nis5g_query_simulate,
    &nis5g_query_killswitch,
    &nis5g_query_whatif_ban,

    /* policies, suppliers, risk, measures, report */
    &nis5g_query_check,
    &nis5g_query_suppliers,
    &nis5g_query_risk,
    &nis5g_query_measures,
    &nis5g_query_measures_history,
    &nis5g_query_measures_set,
    &nis5g_query_report,

    /* sharing, the EU view, the workspace's changes */
    &nis5g_query_export,
    &nis5g_query_eu,
    &nis5g_query_stix,
    &nis5g_query_oscal_catalog,
    &nis5g_query_oscal_assessment,
    &nis5g_query_oscal_poam,
    &nis5g_query_import,
    &nis5g_query_import_package,
    &nis5g_query_trust_add,
    &nis5g_query_trust_list,
    &nis5g_query_trust_remove,
    &nis5g_query_pull,

    /* operators' submissions and their review */
    &nis5g_query_submit,
    &nis5g_query_submissions,
    &nis5g_query_review,

    &nis5g_query_verify,
    NULL,
};
