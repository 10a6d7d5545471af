/*
 * table.c — the query table: every read-only question and every operation
 * on the workspace that the CLI and the server both dispatch from
 * (query.h). One line each; each is defined in its own q-NAME.c.
 */
#include <stddef.h>

#include "nis5g/query.h"

/* the national picture */
extern const struct nis5g_query nis5g_query_summary;

/* diversity and resilience */

/* policies, suppliers, risk, measures, report */

/* sharing, the EU view, the workspace's changes */
extern const struct nis5g_query nis5g_query_export;
extern const struct nis5g_query nis5g_query_eu;
extern const struct nis5g_query nis5g_query_stix;
extern const struct nis5g_query nis5g_query_oscal_catalog;
extern const struct nis5g_query nis5g_query_oscal_assessment;
extern const struct nis5g_query nis5g_query_import;
extern const struct nis5g_query nis5g_query_import_package;
extern const struct nis5g_query nis5g_query_trust_add, nis5g_query_trust_list, nis5g_query_trust_remove;

const struct nis5g_query *const nis5g_queries[] = {
    /* the national picture */
    &nis5g_query_summary,

    /* diversity and resilience */

    /* policies, suppliers, risk, measures, report */

    /* sharing, the EU view, the workspace's changes */
    &nis5g_query_export,
    &nis5g_query_eu,
    &nis5g_query_stix,
    &nis5g_query_oscal_catalog,
    &nis5g_query_oscal_assessment,
    &nis5g_query_import,
    &nis5g_query_import_package,
    &nis5g_query_trust_add,
    &nis5g_query_trust_list,
    &nis5g_query_trust_remove,

    NULL,
};
