/*
 * test-policy-parse.c — the policy lexer and parser at the library level:
 * what each construct becomes, and the exact place and message of errors.
 * (The CLI cases in tests/cases/policy/cases/ cover every error class end
 * to end.)
 */
#include "harness.h"

#include "nis5g/date.h"
#include "nis5g/policy.h"

static struct nis5g_policy *parse(const char *text, struct nis5g_diags *d, int *rc)
{
    struct nis5g_policy *p = nis5g_policy_new();
    nis5g_diags_init(d);
    *rc = nis5g_policy_parse(p, "t.policy", text, strlen(text), d);
    return p;
}

TEST(constructs)
{
    struct nis5g_diags d;
    int rc;
    struct nis5g_policy *p = parse(
        "# comment line\r\n"
        "designate \"Big Vendor\", ZTE medium \"say \\\"why\\\"\"  # trailing comment\r\n"
        "rule \"R 1\" \"title, with comma\"\r\n"
        "  basis SM03,\r\n"
        "        SM05\r\n"
        "  severity high\r\n"
        "  cap share(vendor == \"Big Vendor\" and status in active, planned) of all per operator, site <= 12.5%"
        " weighted by subscribers by 2027-02-28\r\n"
        "rule R2\n"
        "  require vendors >= 3 of domain not in ran and function != NFVI per country\n"
        "rule R3\n"
        "  deny near 0.5 km of tag = gov and installed in 2020-01-01, 2020-01-02 and risk < high\n",
        &d, &rc);
    ASSERT_EQ_INT(rc, NIS5G_OK);
    ASSERT_EQ_INT(d.n, 0);
    ASSERT_EQ_INT(p->n_des, 2);
    ASSERT_EQ_STR(p->des[0].vendor, "Big Vendor");
    ASSERT_EQ_INT(p->des[1].risk, NIS5G_RISK_MEDIUM);
    ASSERT_EQ_STR(p->des[1].reason, "say \"why\"");
    ASSERT_EQ_INT(p->n_rules, 3);
    const struct nis5g_rule *r = &p->rules[0];
    ASSERT_EQ_STR(r->id, "R 1");
    ASSERT_EQ_STR(r->title, "title, with comma");
    ASSERT_EQ_INT(r->n_basis, 2);
    ASSERT_EQ_STR(r->basis[1], "SM05");
    ASSERT_EQ_STR(r->severity, "high");
    ASSERT_EQ_INT(r->kind, NIS5G_RULE_CAP);
    ASSERT_EQ_INT(r->cond.n, 2);
    ASSERT_EQ_INT(r->cond.v[0].op, NIS5G_OP_EQ);
    ASSERT_EQ_STR(r->cond.v[0].values[0], "Big Vendor");
    ASSERT_EQ_INT(r->cond.v[1].n_values, 2);
    ASSERT_EQ_INT(r->cond.v[1].ivalues[1], NIS5G_ST_PLANNED);
    ASSERT_EQ_INT(r->scope.v[0].field, NIS5G_PF_ALL);
    ASSERT_EQ_INT(r->n_group, 2);
    ASSERT_EQ_INT(r->group[1], NIS5G_G_SITE);
    ASSERT_EQ_INT(r->pct_bp, 1250);
    ASSERT_EQ_INT(r->weighted, 1);
    ASSERT_EQ_INT(r->deadline, nis5g_date_from_ymd(2027, 2, 28));
    ASSERT_EQ_INT(r->line, 3);
    r = &p->rules[1];
    ASSERT_EQ_INT(r->kind, NIS5G_RULE_REQUIRE);
    ASSERT_EQ_INT(r->min_vendors, 3);
    ASSERT_EQ_INT(r->scope.v[0].op, NIS5G_OP_NOT_IN);
    ASSERT_EQ_INT(r->scope.v[1].op, NIS5G_OP_NE);
    ASSERT_EQ_INT(r->group[0], NIS5G_G_COUNTRY);
    ASSERT_EQ_INT(r->deadline, NIS5G_NO_DATE);
    r = &p->rules[2];
    ASSERT_NEAR(r->cond.v[0].km, 0.5, 0);
    ASSERT_EQ_STR(r->cond.v[0].values[0], "gov");
    ASSERT_EQ_INT(r->cond.v[1].ivalues[1], nis5g_date_from_ymd(2020, 1, 2));
    ASSERT_EQ_INT(r->cond.v[2].op, NIS5G_OP_LT);
    ASSERT_EQ_INT(r->cond.v[2].line, 11);
    ASSERT_EQ_INT(r->cond.v[2].col, 77);
    nis5g_diags_release(&d);
    nis5g_policy_free(p);
}

TEST(error_places)
{
    struct nis5g_diags d;
    int rc;
    struct nis5g_policy *p = parse("rule A\n"
                                   "\tdeny vendor = Huawei and\n"
                                   "\t  domian = core\n"
                                   "rule B \"ünïcödé\" extra\n"
                                   "  deny all\n",
                                   &d, &rc);
    ASSERT_EQ_INT(rc, NIS5G_EPARSE);
    ASSERT_EQ_INT(d.errors, 2);
    ASSERT_EQ_INT(d.v[0].line, 3);
    ASSERT_EQ_INT(d.v[0].col, 4); /* a tab is one character */
    ASSERT(strstr(d.v[0].msg, "did you mean 'domain'?") != NULL);
    ASSERT_EQ_STR(d.v[0].got, "domian");
    ASSERT_EQ_STR(d.v[0].source, "\t  domian = core");
    ASSERT_EQ_INT(d.v[1].line, 4);
    ASSERT_EQ_INT(d.v[1].col, 18); /* after a title with 4 two-byte characters */
    ASSERT_EQ_STR(d.v[1].msg, "expected the end of the line");
    nis5g_diags_release(&d);
    nis5g_policy_free(p);
}

TEST(reserved_words_and_quotes)
{
    struct nis5g_diags d;
    int rc;
    struct nis5g_policy *p = parse("rule A\n  deny vendor = by\n", &d, &rc);
    ASSERT_EQ_INT(rc, NIS5G_EPARSE);
    ASSERT(d.n && strstr(d.v[0].msg, "quote a value spelled like a keyword") != NULL);
    nis5g_diags_release(&d);
    nis5g_policy_free(p);
    p = parse("rule A\n  deny vendor = \"by\" by 2030-01-01\n", &d, &rc);
    ASSERT_EQ_INT(rc, NIS5G_OK);
    ASSERT_EQ_STR(p->rules[0].cond.v[0].values[0], "by");
    nis5g_diags_release(&d);
    nis5g_policy_free(p);
}
