/*
 * policy.h — restriction policies as code (SPEC §3, docs/policy.md).
 *
 * A policy text is parsed into rules and designations (nis5g_policy_parse,
 * model-independent; every problem becomes a file:line:col diagnostic).
 * nis5g_policy_check then compiles each rule's conditions against a model
 * into integer lookup tables (vendor, operator, site, domain, function,
 * status, product) and evaluates all rules in one pass over the elements:
 * no string compares per element.
 *
 * Ownership: a struct nis5g_policy owns all its strings; a struct
 * nis5g_check owns its arrays and borrows the policy's rules (keep the
 * policy alive while the check is used).
 */
#ifndef NIS5G_POLICY_H
#define NIS5G_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/profile.h"
#include "nis5g/store.h"

enum nis5g_pfield {
    NIS5G_PF_VENDOR,
    NIS5G_PF_RISK,
    NIS5G_PF_DOMAIN,
    NIS5G_PF_FUNCTION,
    NIS5G_PF_OPERATOR,
    NIS5G_PF_COUNTRY,        /* the operator's */
    NIS5G_PF_VENDOR_COUNTRY,
    NIS5G_PF_REGION,         /* the site's */
    NIS5G_PF_TAG,            /* the site's */
    NIS5G_PF_INSTALLED,
    NIS5G_PF_PRODUCT,
    NIS5G_PF_CERTIFIED,      /* the element's product carries the certification */
    NIS5G_PF_STATUS,
    NIS5G_PF_NEAR,           /* near D km of tag in T... */
    NIS5G_PF_ALL,            /* the word `all`: every element */
    NIS5G_PF_COUNT
};
/* Field names as written in policies ("vendor" ... "status", "near", "all"). */
extern const char *const nis5g_pfield_names[NIS5G_PF_COUNT];

enum nis5g_pop { NIS5G_OP_EQ, NIS5G_OP_NE, NIS5G_OP_LT, NIS5G_OP_LE, NIS5G_OP_GT, NIS5G_OP_GE,
                 NIS5G_OP_IN, NIS5G_OP_NOT_IN, NIS5G_OP_COUNT };
extern const char *const nis5g_pop_names[NIS5G_OP_COUNT]; /* "=", "!=", ..., "in", "not in" */

/* One condition `FIELD OP VALUE[, VALUE...]`. */
struct nis5g_pcond {
    uint8_t field, op;
    size_t n_values;
    char **values;   /* as written (unquoted) */
    int *ivalues;    /* risk/domain/status: enum index per value; installed: day number */
    int *vcols;      /* column of each value */
    double km;       /* near */
    int line, col;   /* where the condition starts */
};

struct nis5g_pconds {
    struct nis5g_pcond *v;
    size_t n;
};

enum nis5g_rule_kind { NIS5G_RULE_DENY, NIS5G_RULE_CAP, NIS5G_RULE_REQUIRE, NIS5G_RULE_NONE };
extern const char *const nis5g_rule_kind_names[3]; /* "deny", "cap", "require" */

/* Grouping keys of cap and require. */
enum nis5g_gkey { NIS5G_G_OPERATOR, NIS5G_G_REGION, NIS5G_G_COUNTRY, NIS5G_G_SITE, NIS5G_G_COUNT };
extern const char *const nis5g_gkey_names[NIS5G_G_COUNT];

struct nis5g_rule {
    char *id, *title;        /* title may be NULL */
    char **basis;            /* measure codes ("SM03") */
    size_t n_basis;
    char *severity;          /* NULL when not given */
    int kind;                /* enum nis5g_rule_kind */
    struct nis5g_pconds cond;  /* deny: C; cap: the share condition C */
    struct nis5g_pconds scope; /* cap, require: S */
    int group[2], n_group;   /* enum nis5g_gkey */
    int pct_bp;              /* cap: limit in hundredths of a percent (3500 = 35%) */
    int weighted;            /* cap: weighted by subscribers */
    int min_vendors;         /* require */
    int32_t deadline;        /* by DATE, or NIS5G_NO_DATE */
    char *clause;            /* the deny/cap/require clause as written (one line) */
    const char *file;        /* borrowed from the policy's file list */
    int line, col;           /* of the `rule` keyword */
};

struct nis5g_pdesignation {
    char *vendor;
    uint8_t risk;            /* enum nis5g_risk */
    char *reason;            /* may be NULL */
    const char *file;
    int line, col;           /* of the vendor name */
    char where[64];          /* "file:line" */
};

struct nis5g_policy {
    struct nis5g_rule *rules;
    size_t n_rules;
    struct nis5g_pdesignation *des;
    size_t n_des;
    char **files;            /* names given to parse, owned */
    char **texts;            /* a copy of each file's text, for diagnostics */
    size_t *text_lens;
    size_t n_files;
};

struct nis5g_policy *nis5g_policy_new(void);
void nis5g_policy_free(struct nis5g_policy *p);

/* Parse one policy text (file is its display name) and add its rules and
 * designations to p. Several files may be parsed into one policy; a rule id
 * seen before (in any file) is an error. Returns NIS5G_OK, or NIS5G_EPARSE
 * with the errors in d (up to d->max_errors). */
int nis5g_policy_parse(struct nis5g_policy *p, const char *file, const char *text, size_t len,
                       struct nis5g_diags *d);

/* The text of line (1-based) of a parsed file, without its newline; ""
 * when unknown. Borrowed from p. */
const char *nis5g_policy_line(const struct nis5g_policy *p, const char *file, int line, size_t *len);

/* The profile of every vendor of m (nis5g_profiles) with the designate
 * lines of p (NULL: none) over suppliers.csv's; a designated vendor not in
 * the data is a warning in d (which may be NULL). m is not const only
 * because the lookups build its vendors' hash index on first use. A new
 * array of m->vendors.n entries, the caller's (free). */
struct nis5g_profile *nis5g_policy_profiles(const struct nis5g_policy *p, struct nis5g_model *m,
                                            struct nis5g_diags *d);

/* ---- Evaluation ---- */

enum nis5g_rule_status { NIS5G_RS_OK, NIS5G_RS_PENDING, NIS5G_RS_VIOLATION };
extern const char *const nis5g_rule_status_names[3]; /* "ok", "pending", "violation" */

/* A deny finding group: elements sharing operator, domain, function, site. */
struct nis5g_elgroup {
    uint16_t op;
    uint8_t domain;
    uint16_t function;
    uint32_t site;           /* NIS5G_NONE: no site */
    uint32_t count;
    uint32_t first[3];       /* first element indices (count of them valid, at most 3) */
};

/* A cap/require group. key[i] is an id of the dictionary of rule->group[i]
 * (operators, regions, countries or sites) or NIS5G_NONE for "no value". */
struct nis5g_group_result {
    uint32_t key[2];
    int64_t n;               /* cap: elements (or subscribers) matching S */
    int64_t c;               /* cap: of those, matching C; require: distinct vendors */
    int64_t limit;           /* cap: floor(P*n); require: N */
    int64_t must_change;     /* 0 when the group complies */
};

struct nis5g_rule_result {
    const struct nis5g_rule *rule;
    int status;              /* enum nis5g_rule_status */
    int32_t days_left;       /* pending: deadline - at */
    int64_t findings;        /* deny: matching elements; cap/require: groups in breach */
    int64_t must_change;     /* deny: findings; cap/require: sum over groups */
    uint32_t *elements;      /* deny: matching element indices, in model order */
    size_t n_elements;
    struct nis5g_elgroup *elgroups; /* deny: sorted by count desc, then keys */
    size_t n_elgroups;
    struct nis5g_group_result *groups; /* cap/require: every group, sorted by keys */
    size_t n_groups;
};

struct nis5g_check {
    int32_t at;
    struct nis5g_rule_result *r; /* one per rule, in policy order */
    size_t n;
    struct nis5g_profile *profiles; /* per vendor, with the policy's designations */
    size_t n_violations, n_pending;
};

struct nis5g_check_opts {
    int32_t at;              /* evaluate as of this day */
    int counts_only;         /* do not collect element lists or deny groups (forecasts) */
    unsigned threads;        /* 0: automatic (several on a large model), 1: none, N: at most N */
};

/* Evaluate every rule of p on m (needs NIS5G_PART_ELEMENTS; ELEMENT_DETAIL
 * when a rule uses product or certified; see nis5g_policy_parts). m is not
 * const only because name lookups build its dictionaries' hash indexes on
 * first use. Warnings (e.g. a designated vendor
 * that is not in the data) go to d, which may be NULL. Returns NIS5G_OK and
 * *out (caller's: nis5g_check_free), or NIS5G_EINPUT with errors in d. */
int nis5g_policy_check(const struct nis5g_policy *p, struct nis5g_model *m,
                       const struct nis5g_check_opts *o, struct nis5g_check **out, struct nis5g_diags *d);
void nis5g_check_free(struct nis5g_check *c);

/* The elements behind the findings of rule i of ck (a check of p on m,
 * not counts_only): deny, the matching elements; cap, in each group over
 * its cap, the elements matching the share condition; require, in each
 * group with too few vendors, the elements in scope. None for a rule
 * that is ok. Ascending (model order); *out is the caller's (free). 0. */
int nis5g_rule_elements(const struct nis5g_policy *p, size_t i, struct nis5g_model *m, const struct nis5g_check *ck,
                        uint32_t **out, size_t *n);

/* Parts of the model the policy needs. */
unsigned nis5g_policy_parts(const struct nis5g_policy *p);

/* ---- Phase-out forecast (docs/check.md) ---- */

enum nis5g_forecast_kind {
    NIS5G_FC_NONE,           /* no deadline or not pending: no forecast */
    NIS5G_FC_ONE_SNAPSHOT,   /* only one snapshot: no forecast possible */
    NIS5G_FC_NOT_DECREASING, /* the remaining amount did not decrease */
    NIS5G_FC_DATE,           /* a projected date */
};
extern const char *const nis5g_forecast_kind_names[4];

struct nis5g_forecast {
    int kind;
    int32_t prev_as_of, as_of;
    int64_t prev_remaining, remaining;
    double rate_per_month;   /* decrease per month of 30.44 days */
    int32_t date;            /* projected day the rule is met */
    int before_deadline;     /* date < deadline */
};

#define NIS5G_DAYS_PER_MONTH 30.44

/* The amount that must still change for a rule: deny, the matching
 * elements; cap and require, the sum of must_change over groups. */
int64_t nis5g_rule_remaining(const struct nis5g_rule_result *r);

/* Forecast from two observations (prev at prev_day, cur at cur_day >
 * prev_day): rate = (prev - cur) per month; date = cur_day + cur / rate
 * months, rounded up to a whole day. */
void nis5g_forecast(int64_t prev, int32_t prev_day, int64_t cur, int32_t cur_day, int32_t deadline,
                    struct nis5g_forecast *out);

/* ---- The query (query.h; query/q-check.c): `nis5g check`,
 * GET /api/v1/check ---- */

struct nis5g_check_params {
    struct nis5g_strlist policy; /* the policy sources, read as one policy */
    int32_t at;                  /* NIS5G_NO_DATE: the environment's today */
    int32_t snapshot;            /* NIS5G_NO_DATE: the latest */
};
struct nis5g_check_result {
    const struct nis5g_model *m; /* borrowed from the environment */
    struct nis5g_snapshot snap;
    struct nis5g_policy *policy;
    struct nis5g_check *check;
    struct nis5g_forecast *forecast; /* per rule (NIS5G_FC_NONE unless pending) */
};
extern const struct nis5g_opt nis5g_check_opts[];
void nis5g_check_params_init(void *params);
json_t *nis5g_check_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_check;

/* Names for the findings, as the JSON document and the CLI's tables give
 * them: a group key of kind g (NIS5G_G_*; "(no site)", "(no region)" or
 * "(none)" for NIS5G_NONE), a group's label ("OPA" or "OPA, SE11", into
 * b), an element function ("" when none). Borrowed from m. */
const char *nis5g_check_key_name(const struct nis5g_model *m, int g, uint32_t k);
void nis5g_check_group_label(const struct nis5g_model *m, const struct nis5g_rule *r,
                             const struct nis5g_group_result *g, struct nis5g_buf *b);
const char *nis5g_check_function_name(const struct nis5g_model *m, uint16_t f);

#endif
