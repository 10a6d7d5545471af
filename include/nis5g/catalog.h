/*
 * catalog.h — the risk catalogues shipped as editable data (the CSV files of data/):
 * the nine risk scenarios of the EU coordinated risk assessment, the 29
 * toolbox measures, which measures mitigate which scenario, the asset
 * classes with their sensitivity, and the threat actors.
 *
 * Files (found with nis5g_data_path, so $NIS5G_DATA overrides them one by
 * one) and their columns, required in capitals in the descriptions:
 *   scenarios.csv      scenario (R1-R9, each exactly once), group, title,
 *                      threats (;-list), actors (;-list of actor ids)
 *   toolbox.csv        measure (SMnn, TMnn or SAnn), kind (strategic,
 *                      technical, supporting; must match the prefix), title
 *   mapping.csv        scenario, measure, lowers (likelihood or impact)
 *   assets.csv         class, name, sensitivity (critical, sensitive,
 *                      standard), domains (;-list), functions (;-list),
 *                      tags (;-list); the first class whose non-empty
 *                      lists all match an element is its class
 *   threat-actors.csv  actor, name, kind (adversarial, non-adversarial),
 *                      seriousness (1-5), notes
 *
 * Every problem is a diagnostic with file:line:col (unknown or missing
 * columns, duplicate ids, unknown references, bad values, a scenario of
 * R1-R9 missing); loading stops after all files are read so that the user
 * sees every error at once. The risk method scores exactly R1-R9 (its
 * formulas are per scenario, docs/risk-method.md), so titles, the mapping,
 * the asset classes and the actors are free to edit but the scenario ids
 * are fixed.
 */
#ifndef NIS5G_CATALOG_H
#define NIS5G_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "nis5g/err.h"
#include "nis5g/model.h"

#define NIS5G_N_SCENARIOS 9
/* A measure status that was not given (beside enum nis5g_mstatus). */
#define NIS5G_MS_UNSET 255

enum nis5g_sensitivity { NIS5G_SENS_STANDARD = 1, NIS5G_SENS_SENSITIVE = 2, NIS5G_SENS_CRITICAL = 3 };
/* Indexed by enum nis5g_sensitivity: [1] "standard", [2] "sensitive", [3] "critical". */
extern const char *const nis5g_sensitivity_names[4];

enum nis5g_lowers { NIS5G_LOWERS_LIKELIHOOD, NIS5G_LOWERS_IMPACT };
extern const char *const nis5g_lowers_names[2]; /* "likelihood", "impact" */

struct nis5g_scenario {
    char id[4];          /* "R1".."R9"; scenario i of the catalogue is R(i+1) */
    char *group, *title;
    char *threats;       /* as written, ;-separated */
    uint32_t *actors;    /* indexes into the actor table */
    size_t n_actors;
};

struct nis5g_measure_def {
    char code[8];        /* "SM01" */
    char *kind;          /* "strategic", "technical", "supporting" */
    char *title;
};

struct nis5g_mapping {
    uint32_t scenario;   /* 0-8 (R1-R9) */
    uint32_t measure;    /* index into the measure table */
    uint8_t lowers;      /* enum nis5g_lowers */
};

struct nis5g_asset_class {
    char *id, *name;
    uint8_t sensitivity; /* enum nis5g_sensitivity */
    unsigned domains;    /* bit (1 << enum nis5g_domain); 0 = any */
    char **functions;    /* any of these (case-sensitive, as in elements.csv); none = any */
    size_t n_functions;
    char **tags;         /* the element's site carries any of these; none = any */
    size_t n_tags;
};

struct nis5g_actor {
    char *id, *name, *kind, *notes;
    int seriousness;     /* 1-5 */
};

struct nis5g_catalog {
    struct nis5g_scenario scenarios[NIS5G_N_SCENARIOS];
    struct nis5g_measure_def *measures;
    size_t n_measures;
    struct nis5g_mapping *mapping;
    size_t n_mapping;
    struct nis5g_asset_class *classes;
    size_t n_classes;
    struct nis5g_actor *actors;
    size_t n_actors;
};

/* Load the five files from the data directory. Returns NIS5G_OK, or
 * NIS5G_EPARSE / NIS5G_EINPUT / NIS5G_ENOTFOUND with the problems in d.
 * On failure *c is released. */
int nis5g_catalog_load(struct nis5g_catalog *c, struct nis5g_diags *d);
/* The same from an explicit folder holding the five files (for tests). */
int nis5g_catalog_load_dir(struct nis5g_catalog *c, const char *dir, struct nis5g_diags *d);
void nis5g_catalog_release(struct nis5g_catalog *c);

/* The five file names, in the order of struct nis5g_catalog_texts. */
extern const char *const nis5g_catalog_files[5];
/* The five files' texts in memory (borrowed; need not be NUL-terminated),
 * in the order of nis5g_catalog_files. */
struct nis5g_catalog_texts {
    const char *text[5];
    size_t len[5];
};
/* Parse texts instead of files (fuzzing, tests); as nis5g_catalog_load. */
int nis5g_catalog_parse(struct nis5g_catalog *c, const struct nis5g_catalog_texts *t, struct nis5g_diags *d);

/* Index of a measure code ("TM03"), or -1. */
int nis5g_catalog_measure(const struct nis5g_catalog *c, const char *code, size_t n);
/* Index of a scenario id ("R5" → 4), or -1. */
int nis5g_catalog_scenario(const struct nis5g_catalog *c, const char *id, size_t n);

/* The asset class of every active element of m (n_elements entries, the
 * class index, or UINT8_MAX for elements that are not active or match no
 * class). Needs NIS5G_PART_ELEMENTS. At most 254 classes (checked at load).
 * *out is the caller's (free()). m is not const: tag lookups build the
 * functions/tags dictionaries' indexes. */
void nis5g_catalog_classify(const struct nis5g_catalog *c, struct nis5g_model *m, uint8_t **out);

/* The catalogues for a query (query.h): nis5g_catalog_load with its
 * diagnostics added to env->diags. 0, or the load's code with "N errors
 * in the catalogues"; on failure *c is released. (query/assess.c) */
struct nis5g_query_env;
int nis5g_query_catalog(const struct nis5g_query_env *env, struct nis5g_catalog *c, struct nis5g_err *err);

#endif
