/*
 * submission.h — operators' submissions and their review (docs/submit.md,
 * docs/submissions.md, docs/review.md).
 *
 * An operator reports its own part of the national dataset: the dataset
 * files with its rows only (no suppliers.csv: supplier profiles are the
 * authority's; operators.csv optional, holding its own row). The part is
 * checked as `nis5g import` checks a dataset, by the importer itself, and
 * against the current national snapshot: no row of another operator, no
 * id another operator has, every link from one of its elements and to one
 * of them or to another operator's element, no element removed that
 * another operator's element depends on, no product that differs from
 * the national catalogue's row. The files are stored as they were sent
 * (with a BLAKE2b checksum each) as a pending submission; nothing of it
 * shows in any national figure.
 *
 * An analyst accepts or rejects it with a comment. Accepting checks it
 * again against the snapshot current then, and saves a new national
 * snapshot — the current one with the operator's rows replaced by the
 * submission's, products it adds appended to the catalogue — in one
 * transaction with the decision. A reviewed submission is never reviewed
 * again.
 */
#ifndef NIS5G_SUBMISSION_H
#define NIS5G_SUBMISSION_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "nis5g/err.h"
#include "nis5g/model.h"
#include "nis5g/opts.h"
#include "nis5g/store.h"

enum nis5g_sub_status { NIS5G_SUB_PENDING, NIS5G_SUB_ACCEPTED, NIS5G_SUB_REJECTED, NIS5G_SUB_COUNT };
extern const char *const nis5g_sub_status_names[NIS5G_SUB_COUNT]; /* "pending", "accepted", "rejected" */

struct nis5g_submission {
    int64_t id;
    char *operator_id;   /* the operator it is for */
    int status;          /* enum nis5g_sub_status */
    char *submitted_by;
    char submitted_at[32]; /* UTC, ISO 8601 */
    char *source;        /* what was sent (the folder, or the uploaded files) */
    int32_t base_as_of;  /* the national snapshot it was checked against, or NIS5G_NO_DATE */
    int64_t n_sites, n_elements, n_links, n_products, n_measures;
    char **files;        /* the dataset files it holds, by name */
    size_t n_files;
    char *reviewed_by;   /* NULL while pending */
    char reviewed_at[32];
    char *comment;       /* the reviewer's, or NULL */
    int32_t snapshot_as_of; /* accepted: the snapshot it made, else NIS5G_NO_DATE */
};
void nis5g_submission_release(struct nis5g_submission *s);

/* Check the operator's files in dir (shown in diagnostics as shown +
 * file name, e.g. "part/elements.csv") against the current snapshot and
 * store them as a pending submission of by. 0 and *out; NIS5G_EINPUT with
 * every reason in diags (file:line:col where there is one); nothing is
 * stored then. Runs in a savepoint: in the caller's transaction if any. */
int nis5g_submission_submit(struct nis5g_store *st, const char *op, const char *dir, const char *shown,
                            const char *source, const char *by, struct nis5g_submission *out,
                            struct nis5g_diags *diags, struct nis5g_err *err);

/* Submissions, oldest first, filtered by status (-1: any) and operator
 * (NULL: any). *v is the caller's (nis5g_submission_list_free). */
int nis5g_submission_list(struct nis5g_store *st, int status, const char *op, struct nis5g_submission **v,
                          size_t *n, struct nis5g_err *err);
void nis5g_submission_list_free(struct nis5g_submission *v, size_t n);
/* One submission; NIS5G_ENOTFOUND when there is none with that id. */
int nis5g_submission_get(struct nis5g_store *st, int64_t id, struct nis5g_submission *out, struct nis5g_err *err);

/* Accept (save the composed snapshot, dated today or the current
 * snapshot's date when that is later; a snapshot of that date is
 * replaced) or reject a pending submission, recording by, the time and
 * the comment, in one transaction (a savepoint in the caller's). A
 * reviewed one is NIS5G_EEXIST; a submission that no longer holds against
 * the current snapshot is NIS5G_EINPUT with the reasons in diags, and
 * stays pending. *out (may be NULL) is the submission after. */
int nis5g_submission_review(struct nis5g_store *st, int64_t id, int accept, const char *comment, const char *by,
                            int32_t today, struct nis5g_submission *out, struct nis5g_diags *diags,
                            struct nis5g_err *err);

/* The national model a pending submission would make if accepted now
 * (all parts; nothing is written). *out is the caller's (nis5g_model_free).
 * NIS5G_ENOTFOUND, or NIS5G_EINPUT when it no longer holds (the first
 * reason in err's message). */
int nis5g_submission_model(struct nis5g_store *st, int64_t id, struct nis5g_model **out, struct nis5g_err *err);

/* {"id", "operator", "status", "submitted_by", "submitted_at", "source",
 * "base_as_of", "counts": {...}, "files": [...], "reviewed_by",
 * "reviewed_at", "comment", "snapshot"} (docs/json.md). */
json_t *nis5g_submission_json(const struct nis5g_submission *s);

/* ---- The queries (query.h; query/q-submit.c) ---- */

/* `nis5g submit --operator OP DIR`, POST /api/v1/submissions. */
struct nis5g_submit_params {
    const char *operator_id; /* --operator */
    const char *dir;         /* DIR */
    const char *by;          /* who submits (not an option) */
    const char *shown;       /* how files are named in diagnostics (not an option; NULL: DIR/) */
    const char *source;      /* what is recorded as sent (not an option; NULL: DIR) */
};
struct nis5g_submit_result {
    struct nis5g_submission sub;
};
extern const struct nis5g_opt nis5g_submit_opts[];
void nis5g_submit_params_init(void *params);

/* `nis5g submissions [ID] [--status S] [--operator OP]`, GET
 * /api/v1/submissions[/ID]: {"submissions": [...]}, or with an id the
 * one submission's document. */
struct nis5g_submissions_params {
    int64_t id;            /* ID (0: the list) */
    uint64_t id_given;     /* the parsed ID */
    int status;            /* --status: -1 any */
    const char *operator_id;
};
struct nis5g_submissions_result {
    struct nis5g_submission *v;
    size_t n;
    int one;               /* an id was asked for: the document is v[0] */
};
extern const struct nis5g_opt nis5g_submissions_opts[];
void nis5g_submissions_params_init(void *params);
json_t *nis5g_submissions_json(const void *result);

/* `nis5g review ID accept|reject --comment TEXT`, POST
 * /api/v1/submissions/ID/review: the submission's document after. */
struct nis5g_review_params {
    uint64_t id;
    int decision;         /* 0 accept, 1 reject */
    const char *comment;
    const char *by;       /* who reviews (not an option) */
};
extern const struct nis5g_opt nis5g_review_opts[];
void nis5g_review_params_init(void *params);

struct nis5g_query;
extern const struct nis5g_query nis5g_query_submit, nis5g_query_submissions, nis5g_query_review;

#endif
