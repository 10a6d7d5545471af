/*
 * cmd-report.c — `nis5g report -o DIR`: the national risk assessment as
 * report.html (self-contained, with charts) and report.json (docs/report.md).
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "cmd.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"
#include "policy-load.h"
#include "nis5g/report.h"
#include "nis5g/risk.h"
#include "nis5g/eu.h"
#include "share-eu.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *dir = NULL, *figure = "high-risk";
    int eu = 0, figure_given = 0;
    struct cli_assess_args args;
    cli_assess_args_init(&args);
    for (int i = 1; i < argc; i++) {
        const char *v;
        int r;
        if ((r = cli_assess_opt(ctx, argc, argv, &i, &args))) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "-o", &v)) || (r = cli_opt(ctx, argc, argv, &i, "--output", &v))) {
            if (r < 0)
                return 2;
            dir = v;
        } else if (cli_is(argv[i], "--eu")) {
            eu = 1;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--figure", &v))) {
            if (r < 0)
                return 2;
            figure = v;
            figure_given = 1;
        } else
            return cli_bad_option(ctx, argv[i]);
    }
    if (!dir)
        return cli_fail(ctx, NIS5G_EUSAGE, "an output folder is needed (-o DIR)");
    int bad = cli_assess_args_check(ctx, &args);
    if (bad)
        return bad;
    if (figure_given && !eu)
        return cli_fail(ctx, NIS5G_EUSAGE, "--figure colours the EU map: it needs --eu");
    struct cli_assess x;
    int rc = cli_assess_load(ctx, args.snapday, args.policy, &x);
    if (!rc)
        rc = cli_assess_run(ctx, args.at, &x);
    if (rc)
        goto out;
    double t0 = cli_now();
    struct nis5g_err err = { 0 };
    /* --eu: the EU view from the packages held and this state's own
     * assessment, with the map, as a section after the national report. */
    json_t *view = NULL;
    struct nis5g_buf svg = NIS5G_BUF_INIT, euhtml = NIS5G_BUF_INIT;
    if (eu) {
        struct share_gather g = { .snap_day = args.snapday,
                                  .policies = args.policy ? &args.policy : NULL,
                                  .n_policies = args.policy ? 1 : 0,
                                  .assessment = &x.a };
        rc = share_eu_view(ctx, &g, 1, &view);
        if (!rc)
            rc = share_eu_map(ctx, view, figure, &svg);
        if (!rc)
            nis5g_eu_html(view, svg.data, &euhtml);
    }
    if (!rc) {
        if (nis5g_report_write(&x.a, view, eu ? euhtml.data : NULL, dir, &err))
            rc = cli_fail_err(ctx, &err);
        else
            fprintf(ctx->out, "wrote %s/report.html and %s/report.json\n", dir, dir);
    }
    cli_timing("report", t0);
    json_decref(view);
    nis5g_buf_release(&svg);
    nis5g_buf_release(&euhtml);
out:
    cli_assess_release(&x);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_report = {
    .name = "report",
    .usage = "report -o DIR [--policy FILE [--at DATE]] [--snapshot DATE] [--eu [--figure F]]",
    .summary = "the national risk assessment: report.html (self-contained, with charts) and report.json",
    .help = "Options:\n"
            "  -o, --output DIR  where to write report.html and report.json (created when missing)\n"
            "  --policy FILE     evaluate this policy and include compliance with it (its designations set\n"
            "                    the supplier profiles)\n"
            "  --at DATE         evaluate the policy's deadlines as of DATE (default: today)\n"
            "  --snapshot DATE   report on that snapshot (default: the latest)\n"
            "  --eu              add the EU view (the packages held and this state's own assessment,\n"
            "                    docs/eu.md) with a map of Europe\n"
            "  --figure F        what colours the map: high-risk[:DOMAIN] (default), toolbox, killswitch,\n"
            "                    restricts\n",
    .flags = CMD_STORE_READ,
    .run_argv = run,
};
