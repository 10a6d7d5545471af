/*
 * model-cols.h — the list of a model's columns and dictionaries, in one
 * place: model.c frees them, store.c saves and loads them by these names.
 * Adding a column to struct nis5g_model means adding one line here.
 */
#ifndef NIS5G_MODEL_COLS_H
#define NIS5G_MODEL_COLS_H

#include <stddef.h>

#include "nis5g/model.h"

/* How many entries a column has, from the model's counts. */
enum col_count {
    CNT_OPERATORS,
    CNT_SITES,
    CNT_SITES1,     /* sites + 1 */
    CNT_SITE_TAGS,  /* site_tag_off[sites] */
    CNT_ELEMENTS,
    CNT_ELEMENTS1,
    CNT_LINKS,
    CNT_VENDORS,
    CNT_VENDOR_FACTORS,
    CNT_PRODUCTS,
    CNT_PRODUCTS1,
    CNT_PROD_CERTS, /* prod_cert_off[n_products] */
    CNT_MEASURES,
};

struct model_col {
    const char *name;
    unsigned part;   /* NIS5G_PART_* (0 = base) */
    size_t offset;   /* offsetof(struct nis5g_model, array pointer) */
    size_t size;     /* element size */
    enum col_count count;
};

struct model_dict {
    const char *name;
    unsigned part;
    size_t offset;   /* offsetof(struct nis5g_model, dict) */
};

extern const struct model_col model_cols[];
extern const size_t model_ncols;
extern const struct model_dict model_dicts[];
extern const size_t model_ndicts;

/* Number of entries of column c in m (uses counts and offset arrays that
 * come earlier in model_cols). */
size_t model_col_count(const struct nis5g_model *m, enum col_count c);

#endif
