/*
 * generate.h — the sample-data generator: a realistic national 5G dataset
 * (SPEC §8) in the CSV formats of SPEC §1, for one EU27 country or all 27.
 *
 * The figures come from editable data files found with nis5g_data_path():
 * countries.csv (population, regions, operators, RAN vendor mixes),
 * vendors.csv (supplier risk factors and their sources) and products.csv.
 * data/generate.md documents every figure and assumption.
 *
 * Output is a pure function of (country, scale, seed, data files): the same
 * arguments give byte-identical files. All randomness comes from nis5g_rng,
 * one stream per operator, so countries do not disturb each other.
 */
#ifndef NIS5G_GENERATE_H
#define NIS5G_GENERATE_H

#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/progress.h"

#define NIS5G_GEN_MAX_SCALE 20.0

struct nis5g_gen_opts {
    const char *country; /* an EU27 code (Greece: GR; EL accepted) or "EU27" */
    double scale;        /* 0 < scale <= NIS5G_GEN_MAX_SCALE; 1 = realistic size */
    uint64_t seed;
    const char *dir; /* created when missing; existing dataset files are overwritten */
    /* Optional progress callback (phase, done, total); called a few hundred
     * times at most. */
    nis5g_progress_fn progress;
    void *progress_ctx;
};

struct nis5g_gen_stats {
    uint64_t countries, operators, sites, elements, links, suppliers, products, measures;
    uint64_t bytes; /* total written */
};

/* Write operators.csv, sites.csv, elements.csv, links.csv, suppliers.csv,
 * products.csv and measures.csv into opts->dir. Errors: NIS5G_EUSAGE for an
 * unknown country (the message suggests the closest code), a scale out of
 * range or a dir that is not a directory; NIS5G_EPARSE for a malformed data
 * file; NIS5G_ENOTFOUND when a data file is missing; NIS5G_EIO on write
 * failure. stats may be NULL. */
int nis5g_generate(const struct nis5g_gen_opts *opts, struct nis5g_gen_stats *stats, struct nis5g_err *err);

#endif
