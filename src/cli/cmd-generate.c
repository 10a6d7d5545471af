/*
 * cmd-generate.c — `nis5g generate`: write a sample dataset (SPEC §8) for
 * one EU27 country or all 27; the work is nis5g_generate() (generate.h).
 */
#include <stdlib.h>

#include "cmd.h"
#include "nis5g/generate.h"

static int run(struct nis5g_ctx *ctx, int argc, char **argv)
{
    const char *country = NULL, *dir = NULL, *v;
    double scale = 1.0;
    unsigned long long seed = 1;
    for (int i = 1; i < argc; i++) {
        int r;
        if ((r = cli_opt(ctx, argc, argv, &i, "--country", &v)) != 0) {
            if (r < 0)
                return 2;
            country = v;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--scale", &v)) != 0) {
            if (r < 0 || cli_double(ctx, "--scale", v, &scale))
                return 2;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "--seed", &v)) != 0) {
            if (r < 0 || cli_u64(ctx, "--seed", v, &seed))
                return 2;
        } else if ((r = cli_opt(ctx, argc, argv, &i, "-o", &v)) != 0 ||
                   (r = cli_opt(ctx, argc, argv, &i, "--output", &v)) != 0) {
            if (r < 0)
                return 2;
            dir = v;
        } else {
            return cli_bad_option(ctx, argv[i]);
        }
    }
    if (!country)
        return cli_fail(ctx, NIS5G_EUSAGE, "missing --country CC (an EU27 code such as SE, or EU27)");
    if (!dir)
        return cli_fail(ctx, NIS5G_EUSAGE, "missing -o DIR (the folder to write the dataset into)");
    if (!(scale > 0) || scale > NIS5G_GEN_MAX_SCALE)
        return cli_fail(ctx, NIS5G_EUSAGE, "--scale must be greater than 0 and at most %g \xe2\x80\x94 got '%g'",
                        NIS5G_GEN_MAX_SCALE, scale);
    struct nis5g_gen_opts o = {
        .country = country,
        .scale = scale,
        .seed = seed,
        .dir = dir,
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
    fprintf(ctx->out, "wrote %s: %s operators, %s sites, %s elements, %s links (%.1f MB)\n", dir,
            cli_num((long long)st.operators, a), cli_num((long long)st.sites, b),
            cli_num((long long)st.elements, c), cli_num((long long)st.links, d), (double)st.bytes / 1e6);
    return 0;
}

const struct nis5g_cmd nis5g_cmd_generate = {
    .name = "generate",
    .usage = "generate --country CC|EU27 [--scale X] [--seed N] -o DIR",
    .summary = "write a realistic sample dataset for an EU27 country (or all 27)",
    .help = "Options:\n"
            "  --country CC  an EU27 code (AT ... SK; Greece GR or EL), or EU27 for all 27\n"
            "  --scale X     size: 1 = realistic national size (default 1), 0 < X <= 20\n"
            "  --seed N      random seed (default 1); same arguments give byte-identical files\n"
            "  -o DIR        output folder, created when missing; dataset files in it are overwritten\n"
            "See docs/generate.md and data/generate.md for the figures and assumptions.\n",
    .flags = CMD_NO_STORE,
    .run_argv = run,
};
