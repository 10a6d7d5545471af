/*
 * assess.h — what `risk` and `report` both do before they differ: load the
 * policy (if any), the catalogues and a snapshot's model, then run the
 * national assessment (risk.h) with the kill-switch of every vendor and
 * 1,000 Monte Carlo trials (seed 1), printing diagnostics and timings.
 */
#ifndef NIS5G_CLI_ASSESS_H
#define NIS5G_CLI_ASSESS_H

#include "cmd.h"
#include "nis5g/catalog.h"
#include "nis5g/policy.h"
#include "nis5g/risk.h"

struct cli_assess {
    struct nis5g_policy *pol;   /* NULL without --policy */
    struct nis5g_catalog cat;
    struct nis5g_model *m;
    struct nis5g_snapshot snap;
    struct nis5g_assessment a;
    int loaded, assessed;
};

/* The options both take: --policy FILE (once), --at DATE (which needs
 * --policy), --snapshot DATE. */
struct cli_assess_args {
    char *policy;
    int32_t snapday, at; /* NIS5G_NO_DATE: the latest snapshot; at: today */
    int at_given;
};
void cli_assess_args_init(struct cli_assess_args *a);
/* argv[*i] as one of those options: 1 taken, 0 another argument, -1 a
 * usage error (printed). */
int cli_assess_opt(struct nis5g_ctx *ctx, int argc, char **argv, int *i, struct cli_assess_args *a);
/* Once all are parsed: 0, or the exit status of a usage error (printed). */
int cli_assess_args_check(struct nis5g_ctx *ctx, const struct cli_assess_args *a);

/* Load policy_file (may be NULL), the catalogues and the model of the
 * snapshot of snapday (NIS5G_NO_DATE: the latest). 0, or the exit status
 * after printing the error. Release with cli_assess_release either way. */
int cli_assess_load(struct nis5g_ctx *ctx, int32_t snapday, char *policy_file, struct cli_assess *x);
/* Run the assessment, the policy's deadlines as of at. */
int cli_assess_run(struct nis5g_ctx *ctx, int32_t at, struct cli_assess *x);
void cli_assess_release(struct cli_assess *x);

#endif
