/*
 * q-diff.c — the diff query: what changed between two snapshots (diff.h),
 * with the rules of a policy whose status changed, and its JSON document
 * (docs/json.md#diff). The rules are compared here because the policy
 * layer is out of the analysis layer's reach.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/diff.h"
#include "nis5g/policy.h"
#include "nis5g/query.h"
#include "nis5g/submission.h"

#define P struct nis5g_diff_params
const struct nis5g_opt nis5g_diff_opts[] = {
    { .type = NIS5G_OPT_DATE, .name = "from", .arg = "A", .offset = offsetof(P, from),
      .flags = NIS5G_OPT_POSITIONAL | NIS5G_OPT_GIVEN_ONCE,
      .help = "the snapshot before, by its as-of date (default: the one before B)" },
    { .type = NIS5G_OPT_DATE, .name = "to", .arg = "B", .offset = offsetof(P, to),
      .flags = NIS5G_OPT_POSITIONAL | NIS5G_OPT_GIVEN_ONCE,
      .help = "the snapshot after (default: the latest)" },
    { .type = NIS5G_OPT_UINT, .name = "submission", .arg = "ID", .offset = offsetof(P, submission),
      .flags = NIS5G_OPT_GIVEN_ONCE,
      .help = "what a pending submission would change: the latest snapshot against it accepted" },
    NIS5G_OPT_UINT_(P, "limit", "N",  limit,
                    "list at most N elements in each of --json's added, removed and changed (default 1000; 0: all)"),
    NIS5G_OPT_AT(P, at),
    { .type = NIS5G_OPT_LIST, .name = "policy", .arg = "FILE", .flags = NIS5G_OPT_GREEDY,
      .help = "compare the status of this policy's rules (repeatable; none: no rules compared)",
      .offset = offsetof(P, policy) },
    NIS5G_OPT_END_,
};
#undef P

void nis5g_diff_params_init(void *params)
{
    struct nis5g_diff_params *p = params;
    p->from = NIS5G_NO_DATE;
    p->to = NIS5G_NO_DATE;
    p->at = NIS5G_NO_DATE;
    p->limit = NIS5G_DIFF_LIMIT;
}

/* Whether diags holds a diagnostic saying what x says, where x says it. */
static int said(const struct nis5g_diags *diags, const struct nis5g_diag *x)
{
    for (size_t i = 0; i < diags->n; i++) {
        const struct nis5g_diag *y = &diags->v[i];
        if (y->line == x->line && y->col == x->col && strcmp(y->msg, x->msg) == 0 &&
            strcmp(y->file ? y->file : "", x->file ? x->file : "") == 0 &&
            strcmp(y->got ? y->got : "", x->got ? x->got : "") == 0)
            return 1;
    }
    return 0;
}

/* The diagnostics of the check on a, those the check on b did not give
 * already: the policy's warnings once, not once per snapshot. */
static void merge(struct nis5g_diags *diags, const struct nis5g_diags *of_a)
{
    for (size_t i = 0; i < of_a->n; i++) {
        const struct nis5g_diag *x = &of_a->v[i];
        if (!said(diags, x))
            nis5g_diags_add(diags, x->severity, x->code, x->file, x->line, x->col, x->source,
                            x->source ? strlen(x->source) : 0, x->got, x->got ? strlen(x->got) : 0, "%s", x->msg);
    }
}

int nis5g_diff_rules(struct nis5g_diff *d, const struct nis5g_policy *p, int32_t at, struct nis5g_diags *diags,
                     struct nis5g_err *err)
{
    struct nis5g_check *ca = NULL, *cb = NULL;
    struct nis5g_check_opts o = { at, 1, 0 };
    struct nis5g_diags of_a;
    nis5g_diags_init(&of_a);
    size_t errors = diags ? diags->errors : 0;
    int rc = nis5g_policy_check(p, (struct nis5g_model *)d->b, &o, &cb, diags);
    if (!rc)
        rc = nis5g_policy_check(p, (struct nis5g_model *)d->a, &o, &ca, diags ? &of_a : NULL);
    if (diags)
        merge(diags, &of_a);
    nis5g_diags_release(&of_a);
    if (rc) {
        nis5g_check_free(cb);
        size_t n = diags ? diags->errors - errors : 0;
        return nis5g_err_set(err, rc, "%zu error%s evaluating the policy; nothing compared", n, n == 1 ? "" : "s");
    }
    d->have_rules = 1;
    d->at = at;
    d->n_rules_all = ca->n;
    d->rules = nis5g_xcalloc(ca->n + 1, sizeof *d->rules);
    for (size_t i = 0; i < ca->n; i++)
        if (ca->r[i].status != cb->r[i].status)
            d->rules[d->n_rules++] = (struct nis5g_diff_rule){ ca->r[i].rule->id, ca->r[i].rule->title,
                                                               ca->r[i].status, cb->r[i].status,
                                                               ca->r[i].findings, cb->r[i].findings };
    nis5g_check_free(ca);
    nis5g_check_free(cb);
    return 0;
}

int nis5g_diff_with_policy(const struct nis5g_model *a, const struct nis5g_model *b, const struct nis5g_policy *pol,
                           int32_t at, struct nis5g_diags *diags, struct nis5g_diff **out, struct nis5g_err *err)
{
    size_t n_des = pol ? pol->n_des : 0;
    const char **dv = nis5g_xcalloc(n_des + 1, sizeof *dv);
    uint8_t *dr = nis5g_xcalloc(n_des + 1, 1);
    for (size_t i = 0; i < n_des; i++) {
        dv[i] = pol->des[i].vendor;
        dr[i] = pol->des[i].risk;
    }
    struct nis5g_diff_opts o = { dv, dr, n_des };
    int rc = nis5g_diff_models(a, b, &o, out, err);
    free(dv);
    free(dr);
    if (!rc && pol && (rc = nis5g_diff_rules(*out, pol, at, diags, err))) {
        nis5g_diff_free(*out);
        *out = NULL;
    }
    return rc;
}

/* The as-of dates of the two snapshots compared: those given; without B
 * the latest; without A the one before B. */
static int pick(const struct nis5g_query_env *env, const struct nis5g_diff_params *p, int32_t *from, int32_t *to,
                struct nis5g_err *err)
{
    *from = p->from;
    *to = p->to;
    if (*from != NIS5G_NO_DATE && *to != NIS5G_NO_DATE)
        return 0;
    struct nis5g_snapshot *list, one;
    size_t n;
    if (nis5g_store_snapshots(env->store, &list, &n, err))
        return err->code ? err->code : NIS5G_ESTORE;
    int rc = 0;
    char d[11];
    if (n == 0) {
        rc = nis5g_store_snapshot(env->store, NIS5G_NO_DATE, &one, err); /* its message: import first */
        rc = rc ? rc : nis5g_err_set(err, NIS5G_ENOTFOUND, "the workspace holds no snapshot");
    } else if (*to == NIS5G_NO_DATE) {
        *to = list[n - 1].as_of;
    } else if (nis5g_store_snapshot(env->store, *to, &one, err)) {
        rc = err->code; /* B unknown: say so rather than "nothing before it" */
    }
    for (size_t i = 0; !rc && *from == NIS5G_NO_DATE && i < n; i++)
        if (list[i].as_of < *to && (i + 1 == n || list[i + 1].as_of >= *to))
            *from = list[i].as_of;
    if (!rc && *from == NIS5G_NO_DATE)
        rc = n == 1 ? nis5g_err_set(err, NIS5G_ENOTFOUND,
                                    "the workspace holds one snapshot only (%s); a diff needs two: import another",
                                    nis5g_date_format(list[0].as_of, d))
                    : nis5g_err_set(err, NIS5G_ENOTFOUND, "no snapshot before %s to compare it with (see 'nis5g snapshots')",
                                    nis5g_date_format(*to, d));
    free(list);
    return rc;
}

/* The model a pending submission would make, scoped to the asking
 * operator; another operator's submission is answered like an unknown one. */
static int submission_model(const struct nis5g_query_env *env, int64_t id, struct nis5g_diff_result *r,
                            struct nis5g_err *err)
{
    struct nis5g_submission sub;
    if (nis5g_submission_get(env->store, id, &sub, err))
        return err->code;
    int mine = !env->operator_id || strcmp(sub.operator_id, env->operator_id) == 0;
    int pending = sub.status == NIS5G_SUB_PENDING;
    nis5g_submission_release(&sub);
    if (!mine)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no submission %lld (see 'nis5g submissions')", (long long)id);
    if (!pending)
        return nis5g_err_set(err, NIS5G_EEXIST,
                             "submission %lld is no longer pending: compare the snapshots instead (nis5g diff A B)",
                             (long long)id);
    struct nis5g_model *m;
    if (nis5g_submission_model(env->store, id, &m, err))
        return err->code;
    if (env->operator_id) {
        struct nis5g_model *scoped;
        uint32_t op = nis5g_dict_find(&m->operators, env->operator_id, strlen(env->operator_id));
        int rc = nis5g_model_scope_operator(m, op, &scoped, err);
        nis5g_model_free(m);
        if (rc)
            return rc;
        m = scoped;
    }
    nis5g_model_index(m);
    r->owned = m;
    r->b = m;
    r->submission = id;
    return 0;
}

/* The two models compared: two snapshots, or the latest and a submission. */
static int models(const struct nis5g_query_env *env, const struct nis5g_diff_params *p, struct nis5g_diff_result *r,
                  struct nis5g_err *err)
{
    int32_t from, to;
    if (p->submission) {
        if (p->from != NIS5G_NO_DATE || p->to != NIS5G_NO_DATE)
            return nis5g_err_set(err, NIS5G_EUSAGE, "--submission compares with the latest snapshot: give no dates");
        if (p->submission > INT64_MAX)
            return nis5g_err_set(err, NIS5G_ENOTFOUND, "no submission %llu", (unsigned long long)p->submission);
        int rc = env->load_model(env, NIS5G_NO_DATE, NIS5G_PART_ALL, &r->a, &r->snap_a, err);
        return rc ? rc : submission_model(env, (int64_t)p->submission, r, err);
    }
    int rc = pick(env, p, &from, &to, err);
    if (!rc)
        rc = env->load_model(env, from, NIS5G_PART_ALL, &r->a, &r->snap_a, err);
    if (!rc)
        rc = env->load_model(env, to, NIS5G_PART_ALL, &r->b, &r->snap_b, err);
    return rc;
}

static int compute(const struct nis5g_query_env *env, const void *params, void *result, struct nis5g_err *err)
{
    const struct nis5g_diff_params *p = params;
    struct nis5g_diff_result *r = result;
    r->limit = p->limit > SIZE_MAX ? SIZE_MAX : (size_t)p->limit;
    int rc = p->policy.n ? nis5g_query_policy(env, &p->policy, &r->policy, err) : 0;
    if (!rc)
        rc = models(env, p, r, err);
    if (rc)
        return rc;
    return nis5g_diff_with_policy(r->a, r->b, r->policy, p->at == NIS5G_NO_DATE ? env->today : p->at, env->diags,
                                  &r->d, err);
}

static void release(const struct nis5g_query_env *env, void *result)
{
    struct nis5g_diff_result *r = result;
    nis5g_diff_free(r->d);
    if (r->a)
        env->release_model(env, r->a);
    if (r->owned)
        nis5g_model_free(r->owned);
    else if (r->b)
        env->release_model(env, r->b);
    nis5g_policy_free(r->policy);
}

json_t *nis5g_diff_json(const void *result)
{
    const struct nis5g_diff_result *r = result;
    json_t *j = nis5g_diff_to_json(r->d, r->limit);
    if (r->submission) /* "to" is then the date it would be accepted at */
        json_object_set_new(j, "submission", json_integer((json_int_t)r->submission));
    return j;
}

const struct nis5g_query nis5g_query_diff = {
    .name = "diff",
    .summary = "what changed between two snapshots: elements, counts, shares and HHI, rules, kill-switch losses",
    .flags = NIS5G_Q_READ,
    .opts = nis5g_diff_opts,
    .params_size = sizeof(struct nis5g_diff_params),
    .params_init = nis5g_diff_params_init,
    .result_size = sizeof(struct nis5g_diff_result),
    .compute = compute,
    .to_json = nis5g_diff_json,
    .release = release,
};
