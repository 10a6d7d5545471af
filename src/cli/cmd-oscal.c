/*
 * cmd-oscal.c — `nis5g oscal catalog|assessment|poam -o FILE`: the toolbox
 * as an OSCAL catalog, the measure status per scope as OSCAL assessment
 * results, and the phase-outs and measures still to do as an OSCAL plan of
 * action and milestones (the oscal queries, oscal.h, docs/oscal.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/fileio.h"
#include "nis5g/oscal.h"
#include "nis5g/query.h"

struct params {
    struct nis5g_oscal_params q;
    const char *out;
};

#define OUT_OPT                                                                                                \
    { .type = NIS5G_OPT_STRING, .short_name = 'o', .arg = "FILE", .offset = offsetof(struct params, out),     \
      .help = "the OSCAL JSON document", .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE }

static const struct nis5g_opt catalog_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_oscal_catalog_opts),
    OUT_OPT,
    NIS5G_OPT_END_,
};

static const struct nis5g_opt assessment_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_oscal_assessment_opts),
    OUT_OPT,
    NIS5G_OPT_END_,
};

static const struct nis5g_opt poam_opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_oscal_poam_opts),
    OUT_OPT,
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_oscal_params_init(&((struct params *)params)->q);
}

static int write_doc(struct nis5g_ctx *ctx, const struct params *p, const json_t *doc, const char *what)
{
    int rc = cli_write_json_file(ctx, p->out, doc);
    if (rc)
        return rc;
    fprintf(ctx->out, "wrote %s: OSCAL %s %s\n", p->out, nis5g_oscal_versions[p->q.version], what);
    return 0;
}

static int run_query(struct nis5g_ctx *ctx, const struct nis5g_query *q, const struct params *p, const char *what)
{
    struct nis5g_oscal_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc)
        rc = write_doc(ctx, p, r.doc, what);
    cli_query_release(ctx, q, &r);
    return rc;
}

static int run_catalog(struct nis5g_ctx *ctx, void *params)
{
    return run_query(ctx, &nis5g_query_oscal_catalog, params, "catalog");
}

static int run_assessment(struct nis5g_ctx *ctx, void *params)
{
    return run_query(ctx, &nis5g_query_oscal_assessment, params, "assessment results");
}

static int run_poam(struct nis5g_ctx *ctx, void *params)
{
    return run_query(ctx, &nis5g_query_oscal_poam, params, "plan of action and milestones");
}

static const struct nis5g_cmd catalog = {
    .name = "catalog",
    .summary = "groups SM, TM, SA; one control per measure with its title and the scenarios it mitigates",
    .opts = catalog_opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_NO_STORE,
    .run = run_catalog,
};

static const struct nis5g_cmd assessment = {
    .name = "assessment",
    .summary = "one result per scope (state, operators), one finding per measure",
    .opts = assessment_opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run_assessment,
};

static const struct nis5g_cmd poam = {
    .name = "poam",
    .summary = "one item per rule with a deadline and operator, and per measure not in place",
    .opts = poam_opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run_poam,
};

static const struct nis5g_cmd *const subs[] = { &catalog, &assessment, &poam, NULL };

const struct nis5g_cmd nis5g_cmd_oscal = {
    .name = "oscal",
    .summary = "export the toolbox (catalog), the measure status (assessment results) or what is to do (POA&M) "
               "as OSCAL",
    .flags = CMD_STORE_READ,
    .subs = subs,
    .help_extra = "catalog: groups SM, TM, SA; one control per measure with its title and the scenarios it\n"
                  "mitigates as properties. assessment: one result per scope (state, operators), one finding\n"
                  "per measure. poam: one item per rule with a deadline and operator (elements to change,\n"
                  "deadline, forecast, open or closed) and per measure not in place. OSCAL 1.2.1 unless\n"
                  "--oscal-version 1.1.2; docs/oscal.md.\n",
};
