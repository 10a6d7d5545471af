/*
 * diff.h — what changed between two models of the national picture
 * (docs/diff.md): two snapshots, or a snapshot and a pending submission.
 *
 * Elements are matched by id. An element only in the second model is
 * added, only in the first removed; one in both is changed when any of its
 * operator, domain, function, vendor, product, status, site, installed date
 * or dependencies (the set of elements it needs, with their pool groups)
 * differs. Everything is compared by name, never by dictionary id: the two
 * models have dictionaries of their own (an operator's scoped model
 * included). Besides the elements: counts per operator, domain and vendor;
 * each domain's HHI and each high-risk vendor's share before and after
 * (diversity.h); the kill-switch loss of every vendor before and after
 * (resilience.h); and, with a policy, the rules whose status changed
 * (nis5g_diff_rules, in the query layer).
 *
 * Needs NIS5G_PART_ALL on both models. The models are only read (their
 * dictionaries' lookup indexes are built if they are not yet: index a
 * model shared between threads first, nis5g_model_index).
 */
#ifndef NIS5G_DIFF_H
#define NIS5G_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/dict.h"
#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

/* The fields of an element compared, as bits of nis5g_diff_changed.fields. */
enum nis5g_diff_field {
    NIS5G_DF_OPERATOR,
    NIS5G_DF_DOMAIN,
    NIS5G_DF_FUNCTION,
    NIS5G_DF_VENDOR,
    NIS5G_DF_PRODUCT,
    NIS5G_DF_STATUS,
    NIS5G_DF_SITE,
    NIS5G_DF_INSTALLED,
    NIS5G_DF_DEPENDENCIES,
    NIS5G_DF_COUNT
};
/* "operator", "domain", ..., "dependencies". */
extern const char *const nis5g_diff_field_names[NIS5G_DF_COUNT];

struct nis5g_diff_changed {
    uint32_t a, b;   /* the element's row in each model */
    uint16_t fields; /* bit (1 << enum nis5g_diff_field) for each field that differs */
};

/* Elements of one operator, domain or vendor. A changed element counts
 * under its value in each model (once when they are equal), so a vendor
 * replaced counts as changed for both vendors. */
struct nis5g_diff_count {
    const char *name;              /* borrowed from the diff (domains: nis5g_domain_names) */
    uint64_t before, after;        /* elements of any status in each model */
    uint64_t added, removed, changed;
};

struct nis5g_diff_hhi {
    int domain;             /* enum nis5g_domain */
    double from, to;        /* 0-10,000; NaN: no active element in that model */
};

/* A high-risk vendor's share of the active elements of a domain, or of all
 * of them (domain -1). */
struct nis5g_diff_share {
    const char *vendor;          /* borrowed from the diff */
    uint8_t profile_from, profile_to; /* enum nis5g_risk (UNKNOWN: not in that model's suppliers) */
    int domain;                  /* enum nis5g_domain, or -1: every domain */
    double from, to;             /* in [0, 1] */
};

/* A vendor whose kill-switch loss differs between the models. */
struct nis5g_diff_ks {
    const char *vendor;            /* borrowed from the diff */
    uint32_t sites_from, sites_to; /* radio sites losing service */
    int64_t subs_from, subs_to;    /* their subscribers */
};

/* A rule whose status differs (nis5g_diff_rules). */
struct nis5g_diff_rule {
    const char *id, *title;        /* borrowed from the policy; title may be NULL */
    int from, to;                  /* enum nis5g_rule_status */
    int64_t findings_from, findings_to;
};

struct nis5g_diff {
    const struct nis5g_model *a, *b; /* borrowed: the models compared */
    uint32_t *added;                 /* rows of b, in b's order */
    size_t n_added;
    uint32_t *removed;               /* rows of a, in a's order */
    size_t n_removed;
    struct nis5g_diff_changed *changed; /* in b's order */
    size_t n_changed;
    size_t n_unchanged;
    struct nis5g_diff_count *by_operator, *by_vendor; /* name order; only rows with elements */
    size_t n_by_operator, n_by_vendor;
    struct nis5g_diff_count by_domain[NIS5G_DOM_COUNT];
    struct nis5g_diff_hhi hhi[NIS5G_DOM_COUNT];
    struct nis5g_diff_share *shares; /* vendor name order, every domain (-1) first */
    size_t n_shares;
    uint32_t radio_sites_from, radio_sites_to; /* radio sites with service, nothing failed */
    struct nis5g_diff_ks *ks;        /* vendor name order: only those whose loss changed */
    size_t n_ks, n_ks_vendors;       /* and how many vendors were tried */
    int have_rules;                  /* nis5g_diff_rules was run */
    int32_t at;                      /* the rules' date */
    struct nis5g_diff_rule *rules;   /* policy order: only those whose status changed */
    size_t n_rules, n_rules_all;
    void *priv;                      /* the names' dictionaries */
};

/* National designations (a policy's `designate` lines) by vendor name:
 * they decide which vendors are high-risk over suppliers.csv. */
struct nis5g_diff_opts {
    const char *const *des_vendor;
    const uint8_t *des_risk; /* enum nis5g_risk */
    size_t n_des;
};

/* Compare a (before) with b (after). 0 and *out (the caller's:
 * nis5g_diff_free; it borrows a and b, keep them while it is used), or
 * NIS5G_EINTERNAL when a model lacks a part. o may be NULL. */
int nis5g_diff_models(const struct nis5g_model *a, const struct nis5g_model *b, const struct nis5g_diff_opts *o,
                      struct nis5g_diff **out, struct nis5g_err *err);
void nis5g_diff_free(struct nis5g_diff *d);

/* The value of field f of row `row` of model m as text, for the
 * dependencies a list ("E7", "E9 (pool amf)" for a pool member), into out
 * (reset first). Returns 0 when the value is empty (out is then ""). */
struct nis5g_buf;
int nis5g_diff_value(const struct nis5g_model *m, uint32_t row, enum nis5g_diff_field f, struct nis5g_buf *out);

/* The document of docs/json.md#diff. */
json_t *nis5g_diff_to_json(const struct nis5g_diff *d, size_t limit);

/* The rules of policy p evaluated on both models as of `at`
 * (query/q-diff.c, which can reach the policy layer): fills d's rules.
 * Evaluation errors go to diags. 0 or the check's error. */
struct nis5g_policy;
struct nis5g_diags;
int nis5g_diff_rules(struct nis5g_diff *d, const struct nis5g_policy *p, int32_t at, struct nis5g_diags *diags,
                     struct nis5g_err *err);

/* Everything at once, as the query does (query/q-diff.c): a and b compared
 * with the designations of policy p (may be NULL: no rules compared) and,
 * with p, its rules as of `at`. For a pending submission: a = the current
 * snapshot's model, b = the model the submission would make. 0 and *out
 * (nis5g_diff_free; it borrows a, b and p), or an error (*out NULL). */
int nis5g_diff_with_policy(const struct nis5g_model *a, const struct nis5g_model *b, const struct nis5g_policy *p,
                           int32_t at, struct nis5g_diags *diags, struct nis5g_diff **out, struct nis5g_err *err);

/* ---- The query (query.h; query/q-diff.c): `nis5g diff`, GET /api/v1/diff ---- */

/* the elements --json lists at most in each list, unless --limit says */
#define NIS5G_DIFF_LIMIT 1000

struct nis5g_diff_params {
    int32_t from, to;            /* snapshots by as-of date; NIS5G_NO_DATE: the last two */
    int32_t at;                  /* the rules' date; NIS5G_NO_DATE: today */
    struct nis5g_strlist policy; /* may be none: no rules compared */
    uint64_t submission;         /* a pending submission against the latest snapshot; 0: none */
    uint64_t limit;              /* elements listed at most in each list of the JSON; 0: all */
};
struct nis5g_diff_result {
    const struct nis5g_model *a, *b; /* borrowed from the environment, or b = owned */
    struct nis5g_model *owned;       /* the submission's model (b), freed with the result */
    int64_t submission;
    size_t limit;
    struct nis5g_snapshot snap_a, snap_b;
    struct nis5g_policy *policy;
    struct nis5g_diff *d;
};
extern const struct nis5g_opt nis5g_diff_opts[];
void nis5g_diff_params_init(void *params);
json_t *nis5g_diff_json(const void *result);
struct nis5g_query;
extern const struct nis5g_query nis5g_query_diff;

#endif
