/*
 * cmd.c — the command table. One line per subcommand; each is defined in
 * its own cmd-NAME.c.
 */
#include <string.h>

#include "cmd.h"

extern const struct nis5g_cmd nis5g_cmd_init, nis5g_cmd_import, nis5g_cmd_snapshots, nis5g_cmd_summary,
    nis5g_cmd_diff;
extern const struct nis5g_cmd nis5g_cmd_generate;
extern const struct nis5g_cmd nis5g_cmd_keygen, nis5g_cmd_trust, nis5g_cmd_export, nis5g_cmd_import_package;
extern const struct nis5g_cmd nis5g_cmd_pull;
extern const struct nis5g_cmd nis5g_cmd_eu, nis5g_cmd_stix, nis5g_cmd_oscal, nis5g_cmd_export_library;
extern const struct nis5g_cmd nis5g_cmd_from_netbox;
extern const struct nis5g_cmd nis5g_cmd_suppliers, nis5g_cmd_check, nis5g_cmd_elements;
extern const struct nis5g_cmd nis5g_cmd_diversity, nis5g_cmd_killswitch, nis5g_cmd_simulate,
    nis5g_cmd_whatif;
extern const struct nis5g_cmd nis5g_cmd_measures, nis5g_cmd_risk, nis5g_cmd_report;
extern const struct nis5g_cmd nis5g_cmd_user, nis5g_cmd_token, nis5g_cmd_audit, nis5g_cmd_serve;
extern const struct nis5g_cmd nis5g_cmd_backup, nis5g_cmd_restore, nis5g_cmd_verify;
extern const struct nis5g_cmd nis5g_cmd_submit, nis5g_cmd_submissions, nis5g_cmd_review;

const struct nis5g_cmd *const nis5g_commands[] = {
    &nis5g_cmd_init,
    &nis5g_cmd_import,
    &nis5g_cmd_submit,
    &nis5g_cmd_submissions,
    &nis5g_cmd_review,
    &nis5g_cmd_snapshots,
    &nis5g_cmd_summary,
    &nis5g_cmd_elements,
    &nis5g_cmd_diff,
    &nis5g_cmd_generate,
    &nis5g_cmd_keygen,
    &nis5g_cmd_trust,
    &nis5g_cmd_export,
    &nis5g_cmd_import_package,
    &nis5g_cmd_pull,
    &nis5g_cmd_eu,
    &nis5g_cmd_stix,
    &nis5g_cmd_oscal,
    &nis5g_cmd_export_library,
    &nis5g_cmd_from_netbox,
    &nis5g_cmd_suppliers,
    &nis5g_cmd_check,
    &nis5g_cmd_diversity,
    &nis5g_cmd_killswitch,
    &nis5g_cmd_simulate,
    &nis5g_cmd_whatif,
    &nis5g_cmd_measures,
    &nis5g_cmd_risk,
    &nis5g_cmd_report,
    &nis5g_cmd_user,
    &nis5g_cmd_token,
    &nis5g_cmd_audit,
    &nis5g_cmd_serve,
    &nis5g_cmd_backup,
    &nis5g_cmd_restore,
    &nis5g_cmd_verify,
    NULL,
};

const struct nis5g_cmd *cmd_find(const char *name)
{
    for (const struct nis5g_cmd *const *c = nis5g_commands; *c; c++)
        if (strcmp((*c)->name, name) == 0)
            return *c;
    return NULL;
}
