/*
 * data.h — finding the editable data files shipped with the program
 * (catalogues, policies, unit costs, country figures in data/).
 *
 * Search order: $NIS5G_DATA/NAME, then DIR/../data/NAME where DIR holds the
 * running executable (build/nis5g → data/), then the compiled-in
 * NIS5G_DATADIR/NAME (the source tree's data/ at build time).
 */
#ifndef NIS5G_DATA_H
#define NIS5G_DATA_H

#include "nis5g/buf.h"
#include "nis5g/err.h"

/* Fill out with the path of data file name (e.g. "countries.csv" or
 * "policies/se.policy"). NIS5G_ENOTFOUND with the places tried. */
int nis5g_data_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err);

#endif
