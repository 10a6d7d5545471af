/*
 * data.h — finding the files shipped with the program: the editable data
 * (catalogues, policies, unit costs, country figures in data/) and the web
 * assets of the report (web/: page, charting library, map borders).
 *
 * Search order for data: $NIS5G_DATA/NAME, then DIR/../data/NAME where DIR
 * holds the running executable (build/nis5g → data/), then the compiled-in
 * NIS5G_DATADIR/NAME (the source tree's data/ at build time). For web
 * assets the same with $NIS5G_WEB and web/.
 */
#ifndef NIS5G_DATA_H
#define NIS5G_DATA_H

#include "nis5g/buf.h"
#include "nis5g/err.h"

/* Fill out with the path of data file name (e.g. "countries.csv" or
 * "policies/se.policy"). NIS5G_ENOTFOUND with the places tried. */
int nis5g_data_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err);

/* Fill out with the path of web asset name (e.g. "report.js" or
 * "eu/node_modules/world-atlas/countries-50m.json"). NIS5G_ENOTFOUND with
 * the places tried (and, for npm packages, how to install them). */
int nis5g_web_path(const char *name, struct nis5g_buf *out, struct nis5g_err *err);

#endif
