/*
 * import.h — read a dataset (the CSV files of SPEC §1) into a model,
 * checking everything; nothing is written here (store.h saves the model).
 *
 * Every problem becomes a diagnostic with file, line and column; up to
 * diags->max_errors errors are collected, then parsing stops. The result is
 * a model only when there was no error; warnings (a vendor without a
 * supplier profile, a pool whose members are all inactive) do not stop it,
 * and are kept up to diags->max_warnings of each kind (err.h).
 *
 * A large elements.csv or links.csv is read by two threads, split at a row
 * start outside quotes; diagnostics and model are the same as with one
 * reader. The progress phase is then "elements.csv, 2 readers" (or
 * "links.csv, 2 readers"). NIS5G_SPLIT_MIN (bytes, default 8 MiB) is the
 * size from which a file is split; the tests set it to 1.
 */
#ifndef NIS5G_IMPORT_H
#define NIS5G_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/progress.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"


struct nis5g_import_opts {
    int32_t as_of;               /* the snapshot date (NIS5G_NO_DATE: today) */
    nis5g_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
};

/* paths: directories (all dataset files found in them are read) and/or
 * single CSV files named as in SPEC §1. On success *out is the caller's
 * model (all parts). Returns NIS5G_OK, NIS5G_EPARSE/EINPUT (see diags) or
 * NIS5G_EIO. */
int nis5g_import(const char *const *paths, size_t n_paths, const struct nis5g_import_opts *opts,
                 struct nis5g_model **out, struct nis5g_diags *diags);

/* ---- The query (query.h; query/q-import.c): `nis5g import`, POST ---- */

/* Import the dataset and save it as the snapshot of its date in one
 * transaction, with its measures.csv rows in the measure history (source
 * 'import', recorded as by). The dataset's diagnostics go to env->diags;
 * with an error among them nothing is saved (NIS5G_EPARSE or the import's
 * code, "N errors; nothing was imported"). */
struct nis5g_import_params {
    struct nis5g_strlist paths; /* DIR|FILE... */
    int32_t as_of;              /* --as-of; NIS5G_NO_DATE: today */
    const char *by;             /* who imports (the login name); not an option */
};
struct nis5g_import_query_result {
    struct nis5g_snapshot saved;
    int replaced; /* a snapshot of that date was replaced */
    size_t warnings;
};
extern const struct nis5g_opt nis5g_import_opts[];
void nis5g_import_params_init(void *params);
json_t *nis5g_import_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_import;

#endif
