/*
 * cmd-stix.c — `nis5g stix -o FILE`: this state's assessment as a STIX 2.1
 * bundle with the OASIS TLP 2.0 marking (the stix query, stix.h,
 * docs/stix.md).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "nis5g/buf.h"
#include "nis5g/fileio.h"
#include "nis5g/package.h"
#include "nis5g/query.h"
#include "nis5g/stix.h"

struct params {
    struct nis5g_stix_params q;
    const char *out;
};

static const struct nis5g_opt opts[] = {
    NIS5G_OPT_INCLUDE_(struct params, q, nis5g_stix_opts),
    { .type = NIS5G_OPT_STRING, .short_name = 'o', .arg = "FILE", .offset = offsetof(struct params, out),
      .help = "the bundle (JSON)", .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};

static void init(void *params)
{
    nis5g_stix_params_init(&((struct params *)params)->q);
}

static int write_bundle(struct nis5g_ctx *ctx, const char *out, const struct nis5g_stix_result *r)
{
    int rc = cli_write_json_file(ctx, out, r->bundle);
    if (rc)
        return rc;
    fprintf(ctx->out, "wrote %s: STIX 2.1 bundle of %zu objects, %s\n", out,
            json_array_size(json_object_get(r->bundle, "objects")), nis5g_tlp_labels[r->tlp]);
    return 0;
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    const struct nis5g_query *q = &nis5g_query_stix;
    struct nis5g_stix_result r = { 0 };
    int rc = cli_query_compute(ctx, q, &p->q, &r);
    if (!rc)
        rc = write_bundle(ctx, p->out, &r);
    cli_query_release(ctx, q, &r);
    return rc;
}

const struct nis5g_cmd nis5g_cmd_stix = {
    .name = "stix",
    .summary = "export suppliers, risk profiles and policy findings as a STIX 2.1 bundle (MISP, OpenCTI)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_STORE_READ,
    .run = run,
    .help_extra = "The mapping to STIX objects is in docs/stix.md.\n",
};
