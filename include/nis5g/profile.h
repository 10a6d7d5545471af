/*
 * profile.h — supplier risk profiles (SPEC §2).
 *
 * A vendor's profile is low, medium or high. It is computed by a documented,
 * deterministic rule from the seven risk factors of suppliers.csv
 * (docs/profile.md), and overridden by a national designation: a policy
 * `designate` line wins over the suppliers.csv `designation` column, which
 * wins over the rule. A vendor without a suppliers.csv row is `unknown`.
 *
 * Every profile carries the reason that decided it, so that `nis5g
 * suppliers`, risk scoring and exports can say *why*.
 */
#ifndef NIS5G_PROFILE_H
#define NIS5G_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

/* What decided a profile. */
enum nis5g_profile_source {
    NIS5G_PSRC_NO_ROW,    /* no suppliers.csv row: unknown */
    NIS5G_PSRC_RULE,      /* the factor rule */
    NIS5G_PSRC_SUPPLIERS, /* the designation column of suppliers.csv */
    NIS5G_PSRC_POLICY,    /* a `designate` line of the policy being evaluated */
    NIS5G_PSRC_COUNT
};
/* "none", "rule", "suppliers.csv", "policy" */
extern const char *const nis5g_profile_source_names[NIS5G_PSRC_COUNT];

/* A national designation from a policy: vendor (vendors id) gets risk. */
struct nis5g_designation {
    uint32_t vendor;     /* vendors id */
    uint8_t risk;        /* enum nis5g_risk: LOW, MEDIUM or HIGH */
    const char *reason;  /* borrowed; may be NULL */
    const char *where;   /* borrowed "file:line", may be NULL */
};

struct nis5g_profile {
    uint8_t risk;        /* enum nis5g_risk: the profile in force */
    uint8_t rule_risk;   /* what the factor rule alone gives (UNKNOWN without a row) */
    uint8_t source;      /* enum nis5g_profile_source */
    const char *rule;    /* id of the rule step that decided rule_risk ("H1"...), static; NULL without a row */
    char why[200];       /* the reason in words, e.g. "rule H1: intel_law 3 >= 2 and gov_links 3 >= 2" */
};

/* The factor rule alone. factors: NIS5G_F_COUNT values 0-3 or
 * NIS5G_FACTOR_UNSET (counted as 0). Returns the risk (LOW, MEDIUM or HIGH),
 * sets *rule to the deciding step's id and writes the explanation into why
 * (may be NULL). Deterministic: same factors, same answer. */
enum nis5g_risk nis5g_profile_rule(const uint8_t *factors, const char **rule, char *why, size_t why_size);

/* Profiles of every vendor of m (out has m->vendors.n entries), applying
 * the policy designations d (n_d of them; a later one for the same vendor
 * wins) over suppliers.csv designations over the rule. */
void nis5g_profiles(const struct nis5g_model *m, const struct nis5g_designation *d, size_t n_d,
                    struct nis5g_profile *out);

/* ---- The query (query.h; query/q-suppliers.c): `nis5g suppliers`,
 * GET /api/v1/suppliers ---- */

struct nis5g_suppliers_params {
    struct nis5g_strlist policy; /* policy sources whose designate lines apply (may be none) */
    int32_t snapshot;            /* NIS5G_NO_DATE: the latest */
};
struct nis5g_policy;
struct nis5g_suppliers_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_policy *policy; /* NULL without --policy */
    struct nis5g_profile *profiles; /* per vendor id */
    uint32_t *order;                /* vendor ids in name order */
};
extern const struct nis5g_opt nis5g_suppliers_opts[];
void nis5g_suppliers_params_init(void *params);
json_t *nis5g_suppliers_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_suppliers;

#endif
