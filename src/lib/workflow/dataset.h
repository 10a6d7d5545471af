/*
 * dataset.h — a model written back as the CSV files of a dataset (SPEC §1),
 * row by row, so that importing the text gives the same model: the
 * submission workflow (submission.c) composes a national dataset from a
 * snapshot and an operator's rows and imports it with the importer itself.
 *
 * Numbers are written with the fewest digits that read back to the same
 * double, dates as YYYY-MM-DD, lists joined with ';', empty values empty.
 */
#ifndef NIS5G_WORKFLOW_DATASET_H
#define NIS5G_WORKFLOW_DATASET_H

#include <stdint.h>

#include "nis5g/buf.h"
#include "nis5g/model.h"

enum ds_file { DS_OPERATORS, DS_SITES, DS_SUPPLIERS, DS_PRODUCTS, DS_ELEMENTS, DS_LINKS, DS_MEASURES, DS_COUNT };

/* "operators.csv", ... */
extern const char *const ds_names[DS_COUNT];
/* The file kind of a file name, or -1. */
int ds_kind(const char *name);

/* Column i of file f's canonical header, or NULL past the last. */
const char *ds_col(enum ds_file f, int i);
/* The canonical header line of file f (with its newline). */
void ds_header(struct nis5g_buf *b, enum ds_file f);
/* Field col (a column name of f's header) of row r of file f in m,
 * CSV-quoted; nothing for a column f does not have. For DS_LINKS, r is
 * an index into m->dep and src the element that needs it. */
void ds_field(struct nis5g_buf *b, const struct nis5g_model *m, enum ds_file f, uint32_t r, uint32_t src,
              const char *col);
/* Row r of file f with the canonical columns, newline-terminated. */
void ds_row(struct nis5g_buf *b, const struct nis5g_model *m, enum ds_file f, uint32_t r, uint32_t src);

#endif
