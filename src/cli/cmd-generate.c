/*
 * cmd-generate.c — `nis5g generate`: write a sample dataset (SPEC §8) for
 * one EU27 country or all 27; the work is nis5g_generate() (generate.h).
 */
#include "cmd.h"
#include "nis5g/generate.h"

struct params {
    const char *country;
    double scale;
    uint64_t seed;
    const char *dir;
};

#define T struct params
static const struct nis5g_opt opts[] = {
    { .type = NIS5G_OPT_STRING, .name = "country", .arg = "CC|EU27", .offset = offsetof(T, country),
      .help = "an EU27 code (AT ... SK; Greece GR or EL), or EU27 for all 27",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_NUMBER_(T, "scale", "X", scale, "size: 1 = realistic national size (default 1), 0 < X <= 20"),
    NIS5G_OPT_UINT_(T, "seed", "N", seed, "random seed (default 1); same arguments give byte-identical files"),
    { .type = NIS5G_OPT_STRING, .name = "output", .short_name = 'o', .arg = "DIR", .offset = offsetof(T, dir),
      .help = "output folder, created when missing; dataset files in it are overwritten",
      .flags = NIS5G_OPT_REQUIRED | NIS5G_OPT_GIVEN_ONCE },
    NIS5G_OPT_END_,
};
#undef T

static void init(void *params)
{
    struct params *p = params;
    p->scale = 1.0;
    p->seed = 1;
}

static int run(struct nis5g_ctx *ctx, void *params)
{
    const struct params *p = params;
    if (!(p->scale > 0) || p->scale > NIS5G_GEN_MAX_SCALE)
        return cli_fail(ctx, NIS5G_EUSAGE, "--scale must be greater than 0 and at most %g \xe2\x80\x94 got '%g'",
                        NIS5G_GEN_MAX_SCALE, p->scale);
    struct nis5g_gen_opts o = {
        .country = p->country,
        .scale = p->scale,
        .seed = p->seed,
        .dir = p->dir,
        .progress = cli_progress,
        .progress_ctx = ctx,
    };
    struct nis5g_gen_stats st;
    struct nis5g_err err = { 0 };
    int rc = nis5g_generate(&o, &st, &err);
    cli_progress_done(ctx);
    if (rc)
        return cli_fail_err(ctx, &err);
    char a[32], b[32], c[32], d[32];
    fprintf(ctx->out, "wrote %s: %s operators, %s sites, %s elements, %s links (%.1f MB)\n", p->dir,
            nis5g_thousands((long long)st.operators, a), nis5g_thousands((long long)st.sites, b),
            nis5g_thousands((long long)st.elements, c), nis5g_thousands((long long)st.links, d), (double)st.bytes / 1e6);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_generate = {
    .name = "generate",
    .summary = "write a realistic sample dataset for an EU27 country (or all 27)",
    .opts = opts,
    .params_size = sizeof(struct params),
    .init = init,
    .flags = CMD_NO_STORE,
    .run = run,
    .help_extra = "See docs/generate.md and data/generate.md for the figures and assumptions.\n",
};
