/*
 * factors.h — the supplier risk factors of SPEC §2, declared once. Every
 * list of them (the model's enum, the names, the importer's and the
 * generator's suppliers.csv columns, JSON objects) is written from this
 * table, so their order cannot drift apart.
 */
#ifndef NIS5G_FACTORS_H
#define NIS5G_FACTORS_H

/* Supplier risk factors of SPEC §2, declared once: X(ID, "column") in the
 * order of suppliers.csv's columns. The enum, nis5g_factor_names and the
 * importer's column list come from this table; write any other list of
 * the factors (a JSON object, a CSV header) from it too:
 *
 *   #define NAME(id, col) col,
 *   static const char *const cols[] = { NIS5G_FACTORS(NAME) };
 */
#define NIS5G_FACTORS(X)                          \
    X(GOV_LINKS, "gov_links")                     \
    X(INTEL_LAW, "intel_law")                     \
    X(NO_CHECKS, "no_checks")                     \
    X(OPAQUE_OWNERSHIP, "opaque_ownership")       \
    X(PRESSURE, "pressure")                       \
    X(SUPPLY_RISK, "supply_risk")                 \
    X(QUALITY_ISSUES, "quality_issues")

enum nis5g_factor {
#define NIS5G_FACTOR_ENUM_(id, col) NIS5G_F_##id,
    NIS5G_FACTORS(NIS5G_FACTOR_ENUM_)
#undef NIS5G_FACTOR_ENUM_
    NIS5G_F_COUNT
};
/* The column name of each factor, for initialisers: { NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) }. */
#define NIS5G_FACTOR_COLUMN(id, col) col,
/* ... and for a CSV header: "vendor," NIS5G_FACTORS(NIS5G_FACTOR_CSV) "notes\n". */
#define NIS5G_FACTOR_CSV(id, col) col ","

#endif
