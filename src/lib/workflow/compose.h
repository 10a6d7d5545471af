/*
 * compose.h — the checks and the composition behind submissions
 * (submission.h): an operator's dataset files checked as `nis5g import`
 * checks a dataset (the importer itself reads them), against a national
 * snapshot, and the national dataset they would make.
 */
#ifndef NIS5G_WORKFLOW_COMPOSE_H
#define NIS5G_WORKFLOW_COMPOSE_H

#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/model.h"
#include "workflow/dataset.h"

struct compose_out {
    struct nis5g_model *composed; /* the national model the submission makes (all parts) */
    struct nis5g_model *own;      /* the submission as read: its rows, then stub elements */
    uint32_t own_elements;        /* own->elements [0, own_elements) are the submission's */
    char *file[DS_COUNT];         /* the bytes of each dataset file of the part, as checked */
    size_t file_len[DS_COUNT];    /* (NULL: not in the part; never suppliers.csv) */
    size_t warnings;
};

/* Check the dataset files in dir (an operator's part: no suppliers.csv,
 * rows of operator op only) against national (NULL: no snapshot yet) and
 * compose the national dataset: national with op's rows replaced by
 * these. Diagnostics name files as shown + file name. as_of dates the
 * composed model. 0 and *out (compose_release), or NIS5G_EINPUT with the
 * reasons in diags (nothing in *out). */
int compose_run(const char *op, const char *dir, const char *shown, const struct nis5g_model *national,
                int32_t as_of, struct compose_out *out, struct nis5g_diags *diags, struct nis5g_err *err);
void compose_release(struct compose_out *out);

/* A private folder under $TMPDIR (or /tmp) into path (PATH_MAX bytes),
 * and its removal with the files in it. */
int compose_tmpdir(char *path, size_t size, struct nis5g_err *err);
void compose_rmdir(const char *path);
/* Write a file of dir. */
int compose_write(const char *dir, const char *name, const void *data, size_t len, struct nis5g_err *err);

#endif
