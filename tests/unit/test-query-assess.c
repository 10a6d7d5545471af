/*
 * test-query-assess.c — the check, suppliers, risk, report and measures
 * entries of the query table (query.h) run with an environment that is not
 * the command line's: the model comes from memory (an import of
 * tests/cases/import/small, no workspace) and the policy from a string, as
 * the server will give them. The answers are the ones tests/cli/ checks
 * through the CLI.
 */
#include <string.h>

#include "harness.h"
#include "nis5g/date.h"
#include "nis5g/import.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"
#include "nis5g/query.h"
#include "nis5g/report.h"
#include "nis5g/risk.h"

static struct nis5g_model *model;
static int loads, releases;

static int mem_model(const struct nis5g_query_env *env, int32_t day, unsigned parts, const struct nis5g_model **m,
                     struct nis5g_snapshot *snap, struct nis5g_err *err)
{
    (void)env, (void)parts;
    if (day != NIS5G_NO_DATE && day != model->as_of)
        return nis5g_err_set(err, NIS5G_ENOTFOUND, "no snapshot of that date");
    memset(snap, 0, sizeof *snap);
    snap->as_of = model->as_of;
    *m = model;
    loads++;
    return 0;
}

static void mem_release(const struct nis5g_query_env *env, const struct nis5g_model *m)
{
    (void)env, (void)m;
    releases++;
}

static const char *policy_text = "designate Ericsson high \"test\"\n"
                                 "rule NO-HW \"no Huawei in the core\"\n"
                                 "  deny vendor = Huawei and domain = core\n";

static int mem_source(const struct nis5g_query_env *env, const char *name, struct nis5g_buf *text,
                      struct nis5g_err *err)
{
    (void)env;
    if (strcmp(name, "p.policy") != 0)
        return nis5g_err_set(err, NIS5G_EUSAGE, "No such file or directory");
    nis5g_buf_adds(text, policy_text);
    return 0;
}

static struct nis5g_diags diags;
static struct nis5g_query_env env = {
    .today = 20000, .load_model = mem_model, .release_model = mem_release, .read_source = mem_source,
    .diags = &diags,
};

static void *params_of(const struct nis5g_query *q)
{
    void *p = calloc(1, q->params_size);
    if (q->params_init)
        q->params_init(p);
    return p;
}

TEST(table)
{
    static const char *const names[] = { "check", "suppliers", "risk", "report", "measures", "measures history",
                                          "measures set" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const struct nis5g_query *q = nis5g_query_find(names[i]);
        ASSERT(q != NULL);
        if (!q)
            continue;
        ASSERT(q->opts && q->compute && q->to_json && q->release && q->result_size);
        unsigned want = strcmp(names[i], "measures set") == 0 ? NIS5G_Q_WRITE : NIS5G_Q_READ;
        ASSERT_EQ_INT(q->flags, want);
    }
}

TEST(check)
{
    const struct nis5g_query *q = nis5g_query_find("check");
    struct nis5g_check_params *p = params_of(q);
    const char *files[] = { "p.policy" };
    p->policy = (struct nis5g_strlist){ files, 1 };
    json_t *doc = NULL;
    struct nis5g_err err = { 0 };
    loads = releases = 0;
    ASSERT_EQ_INT(nis5g_query_run(q, &env, p, &doc, &err), 0);
    ASSERT_EQ_INT(loads, releases);
    json_t *sum = json_object_get(doc, "summary");
    ASSERT_EQ_INT(json_integer_value(json_object_get(sum, "rules")), 1);
    ASSERT_EQ_INT(json_integer_value(json_object_get(sum, "violation")), 1);
    json_t *rule = json_array_get(json_object_get(doc, "rules"), 0);
    ASSERT_EQ_STR(json_string_value(json_object_get(rule, "id")), "NO-HW");
    ASSERT_EQ_INT(json_integer_value(json_object_get(rule, "findings")), 1);
    json_decref(doc);

    /* an unreadable source names itself; nothing is loaded */
    files[0] = "missing.policy";
    loads = 0;
    ASSERT_EQ_INT(nis5g_query_run(q, &env, p, &doc, &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "cannot read policy 'missing.policy': No such file or directory");
    ASSERT_EQ_INT(loads, 0);
    p->policy.n = 0;
    ASSERT_EQ_INT(nis5g_query_run(q, &env, p, &doc, &err), NIS5G_EUSAGE);
    free(p);
}

TEST(suppliers)
{
    const struct nis5g_query *q = nis5g_query_find("suppliers");
    struct nis5g_suppliers_params *p = params_of(q);
    const char *files[] = { "p.policy" };
    p->policy = (struct nis5g_strlist){ files, 1 };
    json_t *doc = NULL;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_query_run(q, &env, p, &doc, &err), 0);
    json_t *list = json_object_get(doc, "suppliers");
    size_t i;
    json_t *v;
    int seen = 0;
    json_array_foreach(list, i, v) {
        if (strcmp(json_string_value(json_object_get(v, "vendor")), "Ericsson") != 0)
            continue;
        seen = 1;
        ASSERT_EQ_STR(json_string_value(json_object_get(v, "profile")), "high");
        ASSERT_EQ_STR(json_string_value(json_object_get(v, "decided_by")), "policy");
    }
    ASSERT(seen);
    json_decref(doc);
    free(p);
}

/* The usage errors come before anything is loaded. */
TEST(usage_errors)
{
    struct nis5g_err err = { 0 };
    json_t *doc = NULL;
    const struct nis5g_query *q = nis5g_query_find("risk");
    struct nis5g_risk_params *rp = params_of(q);
    rp->a.at = 20000;
    loads = 0;
    ASSERT_EQ_INT(nis5g_query_run(q, &env, rp, &doc, &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "--at sets the date of a policy's deadlines: it needs --policy");
    free(rp);
    q = nis5g_query_find("report");
    struct nis5g_report_params *pp = params_of(q);
    pp->figure = "toolbox";
    ASSERT_EQ_INT(nis5g_query_run(q, &env, pp, &doc, &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "--figure colours the EU map: it needs --eu");
    ASSERT_EQ_INT(loads, 0);
    free(pp);
}

SETUP
{
    const char *paths[] = { "tests/cases/import/small" };
    struct nis5g_import_opts o = { .as_of = 20000 };
    nis5g_diags_init(&diags);
    if (nis5g_import(paths, 1, &o, &model, &diags) != 0) {
        fprintf(stderr, "cannot import tests/cases/import/small\n");
        return 1;
    }
    return 0;
}

TEARDOWN
{
    nis5g_model_free(model);
    nis5g_diags_release(&diags);
    return 0;
}
