/*
 * test-policy.c — the policy engine on a hand-made model: the SPEC §3
 * example policy with findings worked out by hand, deadlines, weighting by
 * subscribers, grouping by operator and region, the near boundary,
 * negation, and the profile rule.
 */
#include "harness.h"
#include "policy-fixture.h"

#include "base/geo.h"
#include "nis5g/policy.h"
#include "nis5g/profile.h"

static const char spec_policy[] =
    "designate Huawei, ZTE high \"reason or legal act\"\n"
    "\n"
    "rule SE-1 \"No high-risk supplier in new installations\"\n"
    "  basis SM03\n"
    "  deny risk = high and installed >= 2021-01-01\n"
    "\n"
    "rule SE-2 \"High-risk suppliers out of central functions\"\n"
    "  basis SM03\n"
    "  severity critical\n"
    "  deny risk = high and domain in core, management by 2025-01-01\n"
    "\n"
    "rule CAP-35 \"High-risk share of the access network at most 35% per operator\"\n"
    "  basis SM03, SM05\n"
    "  cap share(risk = high) of domain = ran per operator <= 35% by 2023-07-28\n"
    "\n"
    "rule MULTI-2 \"At least two RAN vendors per operator\"\n"
    "  basis SM05\n"
    "  require vendors >= 2 of domain = ran per operator\n"
    "\n"
    "rule SITES \"No high-risk supplier at sensitive sites or within 2 km of them\"\n"
    "  basis SM03\n"
    "  deny risk = high and domain = ran and near 2 km of tag in gov, military\n";

static struct nis5g_policy *parse_ok(const char *text)
{
    struct nis5g_policy *p = nis5g_policy_new();
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_policy_parse(p, "t.policy", text, strlen(text), &d);
    ASSERT_EQ_INT(rc, 0);
    for (size_t i = 0; i < d.n; i++)
        fprintf(stderr, "  unexpected: %d:%d: %s\n", d.v[i].line, d.v[i].col, d.v[i].msg);
    nis5g_diags_release(&d);
    return p;
}

static struct nis5g_check *run(struct nis5g_policy *p, struct nis5g_model *m, const char *at)
{
    struct nis5g_check_opts o = { fx_day(at), 0, 0 };
    struct nis5g_check *c = NULL;
    ASSERT_EQ_INT(nis5g_policy_check(p, m, &o, &c, NULL), 0);
    return c;
}

/* "A2,B3,B6" */
static const char *ids(const struct nis5g_model *m, const struct nis5g_rule_result *r)
{
    static char buf[512];
    buf[0] = 0;
    for (size_t i = 0; i < r->n_elements; i++) {
        size_t l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, "%s%s", i ? "," : "", nis5g_dict_str(&m->elements, r->elements[i]));
    }
    return buf;
}

/* "OPA:5/3/1/2 OPB:..." — group: n/c/limit/must_change */
static const char *groups(const struct nis5g_model *m, const struct nis5g_rule_result *r)
{
    static char buf[512];
    buf[0] = 0;
    const struct nis5g_rule *ru = r->rule;
    for (size_t i = 0; i < r->n_groups; i++) {
        const struct nis5g_group_result *g = &r->groups[i];
        size_t l = strlen(buf);
        const struct nis5g_dict *dicts[] = { &m->operators, &m->regions, &m->countries, &m->sites };
        snprintf(buf + l, sizeof buf - l, "%s%s", i ? " " : "", nis5g_dict_str(dicts[ru->group[0]], g->key[0]));
        if (ru->n_group > 1) {
            l = strlen(buf);
            snprintf(buf + l, sizeof buf - l, "/%s", nis5g_dict_str(dicts[ru->group[1]], g->key[1]));
        }
        l = strlen(buf);
        snprintf(buf + l, sizeof buf - l, ":%lld/%lld/%lld/%lld", (long long)g->n, (long long)g->c,
                 (long long)g->limit, (long long)g->must_change);
    }
    return buf;
}

TEST(spec_example)
{
    struct nis5g_policy *p = parse_ok(spec_policy);
    ASSERT_EQ_INT(p->n_rules, 5);
    ASSERT_EQ_INT(p->n_des, 2);
    ASSERT_EQ_STR(p->rules[2].basis[1], "SM05");
    ASSERT_EQ_STR(p->rules[1].severity, "critical");
    ASSERT_EQ_INT(p->rules[2].pct_bp, 3500);
    ASSERT_EQ_STR(p->rules[2].clause, "cap share(risk = high) of domain = ran per operator <= 35% by 2023-07-28");
    ASSERT_EQ_STR(p->rules[4].clause, "deny risk = high and domain = ran and near 2 km of tag in gov, military");
    struct nis5g_model *m = fx_small();
    struct nis5g_check *c = run(p, m, "2026-11-27");
    ASSERT_EQ_STR(ids(m, &c->r[0]), "A2,B3,B6");
    ASSERT_EQ_INT(c->r[0].status, NIS5G_RS_VIOLATION);
    ASSERT_EQ_STR(ids(m, &c->r[1]), "A6,B6");
    ASSERT_EQ_INT(c->r[1].status, NIS5G_RS_VIOLATION);
    ASSERT_EQ_STR(groups(m, &c->r[2]), "OPA:5/3/1/2 OPB:3/2/1/1 OPC:1/0/0/0");
    ASSERT_EQ_INT(c->r[2].findings, 2);
    ASSERT_EQ_INT(c->r[2].must_change, 3);
    ASSERT_EQ_STR(groups(m, &c->r[3]), "OPA:0/2/2/0 OPB:0/2/2/0 OPC:0/1/2/1");
    ASSERT_EQ_INT(c->r[3].status, NIS5G_RS_VIOLATION);
    ASSERT_EQ_STR(ids(m, &c->r[4]), "A1,A2,B1");
    ASSERT_EQ_INT(c->n_violations, 5);
    /* deny groups: by operator, domain, function, site; biggest first */
    ASSERT_EQ_INT(c->r[4].n_elgroups, 3);
    ASSERT_EQ_INT(c->profiles[nis5g_dict_finds(&m->vendors, "ZTE")].source, NIS5G_PSRC_POLICY);
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}

TEST(deadline_boundary)
{
    struct nis5g_policy *p = parse_ok(spec_policy);
    struct nis5g_model *m = fx_small();
    struct nis5g_check *c = run(p, m, "2024-12-31");
    ASSERT_EQ_INT(c->r[1].status, NIS5G_RS_PENDING);
    ASSERT_EQ_INT(c->r[1].days_left, 1);
    nis5g_check_free(c);
    c = run(p, m, "2025-01-01"); /* the deadline day itself is a violation */
    ASSERT_EQ_INT(c->r[1].status, NIS5G_RS_VIOLATION);
    nis5g_check_free(c);
    c = run(p, m, "2023-07-27");
    ASSERT_EQ_INT(c->r[2].status, NIS5G_RS_PENDING);
    ASSERT_EQ_INT(c->r[2].days_left, 1);
    ASSERT_EQ_INT(c->n_pending, 2);
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}

TEST(weighted_and_pairs)
{
    struct nis5g_policy *p = parse_ok(
        "rule W \"weighted\"\n"
        "  cap share(risk = high) of domain = ran per operator <= 50% weighted by subscribers\n"
        "rule P\n"
        "  cap share(risk = high) of domain = ran per operator, region <= 50%\n"
        "rule R\n"
        "  require vendors >= 2 of domain = ran per region\n");
    struct nis5g_model *m = fx_small();
    struct nis5g_check *c = run(p, m, "2026-11-27");
    ASSERT_EQ_STR(groups(m, &c->r[0]), "OPA:10000/6000/5000/1000 OPB:8500/4500/4250/250 OPC:600/0/300/0");
    ASSERT_EQ_INT(c->r[0].must_change, 1250);
    ASSERT_EQ_STR(groups(m, &c->r[1]),
                  "OPA/SE11:3/2/1/1 OPA/SE12:2/1/1/0 OPB/SE23:3/2/1/1 OPC/SE33:1/0/0/0");
    ASSERT_EQ_STR(groups(m, &c->r[2]), "SE11:0/2/2/0 SE12:0/2/2/0 SE23:0/2/2/0 SE33:0/1/2/1");
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}

TEST(negation_status_dates)
{
    struct nis5g_policy *p = parse_ok(
        "designate Huawei, ZTE high\n"
        "rule N1\n  deny vendor != Huawei and domain = ran and operator = OPA   # comment at line end\n"
        "rule N2\n  deny risk = high and status in active, planned and domain not in ran\n"
        "rule N3\n  deny installed != 2020-01-01 and domain = core\n"
        "rule N4\n  deny tag != gov and domain = ran and operator = OPA\n"
        "rule N5\n  deny status = retired\n"
        "rule N6\n  deny risk >= medium and vendor_country = CN and domain = ran and\n"
        "    region in SE23, SE12\n");
    struct nis5g_model *m = fx_small();
    struct nis5g_check *c = run(p, m, "2026-11-27");
    ASSERT_EQ_STR(ids(m, &c->r[0]), "A4,A5");
    ASSERT_EQ_STR(ids(m, &c->r[1]), "A6,A8,B6");
    ASSERT_EQ_STR(ids(m, &c->r[2]), "A6,B5"); /* A7 has no installed date: false even for != */
    ASSERT_EQ_STR(ids(m, &c->r[3]), "A2,A3,A4");
    ASSERT_EQ_STR(ids(m, &c->r[4]), "B4");
    ASSERT_EQ_STR(ids(m, &c->r[5]), "A3,B1,B3");
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}

TEST(near_boundary)
{
    /* On the equator, D km is exactly D / (R·π/180) degrees of longitude. */
    double deg = 5.0 / (NIS5G_EARTH_RADIUS_KM * M_PI / 180.0);
    double over = 5.001 / (NIS5G_EARTH_RADIUS_KM * M_PI / 180.0);
    ASSERT_NEAR(nis5g_geo_distance_km(0, 0, 0, deg), 5.0, 1e-9);
    struct fx_site sites[] = {
        { "T", "OPA", 0, 0, NULL, "gov", 1 },
        { "AT", "OPA", 0, deg, NULL, NULL, 1 },
        { "OVER", "OPA", 0, over, NULL, NULL, 1 },
        { "WEST", "OPA", 0, -deg, NULL, NULL, 1 },
        { "NOPOS", "OPA", NAN, NAN, NULL, "gov", 1 },
        { "BARE", "OPA", NAN, NAN, NULL, NULL, 1 },
    };
    struct fx_el els[] = {
        { "eT", "OPA", "T", "ran", "RU", "X", NULL, NULL },
        { "eAT", "OPA", "AT", "ran", "RU", "X", NULL, NULL },
        { "eOVER", "OPA", "OVER", "ran", "RU", "X", NULL, NULL },
        { "eWEST", "OPA", "WEST", "ran", "RU", "X", NULL, NULL },
        { "eNOPOS", "OPA", "NOPOS", "ran", "RU", "X", NULL, NULL },
        { "eNOSITE", "OPA", NULL, "ran", "RU", "X", NULL, NULL },
        { "eBARE", "OPA", "BARE", "ran", "RU", "X", NULL, NULL },
    };
    struct nis5g_model *m = fx_model(sites, 6, els, 7);
    struct nis5g_policy *p = parse_ok("rule N\n  deny near 5 km of tag in gov\n"
                                      "rule Z\n  deny near 0 km of tag in gov\n");
    struct nis5g_check *c = run(p, m, "2026-11-27");
    /* A tagged site is near at any distance, coordinates or not; a site
     * without coordinates is never near another one. */
    ASSERT_EQ_STR(ids(m, &c->r[0]), "eT,eAT,eWEST,eNOPOS");
    ASSERT_EQ_STR(ids(m, &c->r[1]), "eT,eNOPOS");
    nis5g_check_free(c);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}

/* The grid index against all pairs on random points, across the
 * antimeridian and near the poles. */
TEST(geo_index_matches_brute_force)
{
    enum { NT = 300, NQ = 3000 };
    static double tl[NT], tn[NT];
    uint64_t s = 42;
    for (int i = 0; i < NT; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        tl[i] = (double)(s >> 11) / 9007199254740992.0 * 180 - 90;
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        tn[i] = (double)(s >> 11) / 9007199254740992.0 * 360 - 180;
    }
    double radii[] = { 0.5, 50, 400, 3000 };
    for (int ri = 0; ri < 4; ri++) {
        struct nis5g_geo_index *ix = nis5g_geo_index_new(tl, tn, NT, radii[ri]);
        int mismatches = 0;
        for (int q = 0; q < NQ; q++) {
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            double la = (double)(s >> 11) / 9007199254740992.0 * 180 - 90;
            s = s * 6364136223846793005ULL + 1442695040888963407ULL;
            double lo = (double)(s >> 11) / 9007199254740992.0 * 360 - 180;
            if (q < NT / 2) { /* queries right by a point too */
                la = tl[q] + 0.001;
                lo = tn[q];
            }
            int want = 0;
            for (int i = 0; i < NT && !want; i++)
                want = nis5g_geo_distance_km(la, lo, tl[i], tn[i]) <= radii[ri] + 1e-6;
            mismatches += want != nis5g_geo_index_any_within(ix, la, lo);
        }
        ASSERT_EQ_INT(mismatches, 0);
        nis5g_geo_index_free(ix);
    }
}

TEST(profile_rule)
{
    const char *rule;
    char why[200];
    uint8_t f1[NIS5G_F_COUNT] = { 2, 2, 0, 0, 0, 0, 0 };
    ASSERT_EQ_INT(nis5g_profile_rule(f1, &rule, why, sizeof why), NIS5G_RISK_HIGH);
    ASSERT_EQ_STR(rule, "H1");
    ASSERT_EQ_STR(why, "rule H1: intel_law 2 >= 2 and gov_links 2 >= 2");
    uint8_t f2[NIS5G_F_COUNT] = { 1, 3, 2, 2, 2, 0, 0 };
    ASSERT_EQ_INT(nis5g_profile_rule(f2, &rule, why, sizeof why), NIS5G_RISK_HIGH);
    ASSERT_EQ_STR(rule, "H2");
    uint8_t f3[NIS5G_F_COUNT] = { 1, 1, 1, 1, 1, 0, 0 };
    ASSERT_EQ_INT(nis5g_profile_rule(f3, &rule, why, sizeof why), NIS5G_RISK_MEDIUM);
    ASSERT_EQ_STR(rule, "M1");
    uint8_t f4[NIS5G_F_COUNT] = { 0, 0, 0, 0, 0, 0, 2 };
    ASSERT_EQ_INT(nis5g_profile_rule(f4, &rule, why, sizeof why), NIS5G_RISK_MEDIUM);
    ASSERT_EQ_STR(why, "rule M2: quality_issues 2 >= 2");
    uint8_t f5[NIS5G_F_COUNT] = { 0, 0, 3, 0, 0, 0, 0 };
    ASSERT_EQ_INT(nis5g_profile_rule(f5, &rule, why, sizeof why), NIS5G_RISK_MEDIUM);
    ASSERT_EQ_STR(rule, "M3");
    uint8_t f6[NIS5G_F_COUNT] = { 1, 1, 1, 1, 0, 1, 1 };
    ASSERT_EQ_INT(nis5g_profile_rule(f6, &rule, why, sizeof why), NIS5G_RISK_LOW);
    ASSERT_EQ_STR(rule, "L1");
    uint8_t f7[NIS5G_F_COUNT] = { NIS5G_FACTOR_UNSET, 3, NIS5G_FACTOR_UNSET, 0, 0, 0, 0 };
    ASSERT_EQ_INT(nis5g_profile_rule(f7, &rule, why, sizeof why), NIS5G_RISK_MEDIUM);

    /* precedence: policy > suppliers.csv > rule; no row: unknown */
    struct nis5g_model *m = fx_small();
    uint32_t eri = nis5g_dict_finds(&m->vendors, "Ericsson"), hw = nis5g_dict_finds(&m->vendors, "Huawei"),
             nok = nis5g_dict_finds(&m->vendors, "Nokia");
    m->sup_designation[eri] = NIS5G_RISK_MEDIUM;
    m->sup_designation[hw] = NIS5G_RISK_LOW;
    m->sup_known[nok] = 0;
    struct nis5g_designation d = { hw, NIS5G_RISK_HIGH, "law 2020:1", "t.policy:1" };
    struct nis5g_profile pr[8];
    nis5g_profiles(m, &d, 1, pr);
    ASSERT_EQ_INT(pr[eri].risk, NIS5G_RISK_MEDIUM);
    ASSERT_EQ_INT(pr[eri].source, NIS5G_PSRC_SUPPLIERS);
    ASSERT_EQ_INT(pr[eri].rule_risk, NIS5G_RISK_LOW);
    ASSERT_EQ_INT(pr[hw].risk, NIS5G_RISK_HIGH);
    ASSERT_EQ_STR(pr[hw].why, "designated high by policy (t.policy:1): law 2020:1");
    ASSERT_EQ_INT(pr[nok].risk, NIS5G_RISK_UNKNOWN);
    ASSERT_EQ_INT(pr[nok].source, NIS5G_PSRC_NO_ROW);
    nis5g_model_free(m);
}

TEST(forecast)
{
    struct nis5g_forecast f;
    int32_t d0 = fx_day("2025-01-01"), d1 = fx_day("2025-07-01"); /* 181 days */
    /* met on 2025-12-29: the deadline day itself is too late */
    nis5g_forecast(200, d0, 100, d1, fx_day("2025-12-29"), &f);
    ASSERT_EQ_INT(f.kind, NIS5G_FC_DATE);
    ASSERT_NEAR(f.rate_per_month, 100 / (181 / 30.44), 1e-9);
    ASSERT_EQ_INT(f.date, fx_day("2025-12-29"));
    ASSERT_EQ_INT(f.before_deadline, 0);
    nis5g_forecast(200, d0, 100, d1, fx_day("2025-12-30"), &f);
    ASSERT_EQ_INT(f.before_deadline, 1);
    nis5g_forecast(100, d0, 100, d1, NIS5G_NO_DATE, &f);
    ASSERT_EQ_INT(f.kind, NIS5G_FC_NOT_DECREASING);
    nis5g_forecast(300, d0, 100, d1, fx_day("2026-01-01"), &f);
    ASSERT_EQ_INT(f.date, d1 + 91); /* 100 / (200/181) = 90.5 → 91 days */
    ASSERT_EQ_INT(f.before_deadline, 1);
}

/* The pass split over several threads gives exactly the one-thread answer
 * (every rule kind; dense and hashed groups; hashed vendor sets). */
TEST(threads_same_answer)
{
    struct nis5g_policy *p = parse_ok(
        "designate Huawei, ZTE high\n"
        "rule D\n  deny risk = high\n"
        "rule C\n  cap share(risk = high) of domain = ran per operator <= 35% weighted by subscribers\n"
        "rule C2\n  cap share(vendor = Ericsson) of all per operator, region <= 20%\n"
        "rule R\n  require vendors >= 2 of all per site\n"
        "rule R2\n  require vendors >= 3 of status in active, retired per operator, region\n");
    struct nis5g_model *m = fx_small();
    struct nis5g_check_opts o1 = { fx_day("2026-11-27"), 0, 1 };
    struct nis5g_check *c1 = NULL;
    ASSERT_EQ_INT(nis5g_policy_check(p, m, &o1, &c1, NULL), 0);
    for (unsigned nt = 2; nt <= 7; nt++) {
        struct nis5g_check_opts on = { fx_day("2026-11-27"), 0, nt };
        struct nis5g_check *cn = NULL;
        ASSERT_EQ_INT(nis5g_policy_check(p, m, &on, &cn, NULL), 0);
        for (size_t i = 0; i < c1->n; i++) {
            char a[512], b[512];
            snprintf(a, sizeof a, "%s", ids(m, &c1->r[i]));
            snprintf(b, sizeof b, "%s", ids(m, &cn->r[i]));
            ASSERT_EQ_STR(b, a);
            snprintf(a, sizeof a, "%s", groups(m, &c1->r[i]));
            snprintf(b, sizeof b, "%s", groups(m, &cn->r[i]));
            ASSERT_EQ_STR(b, a);
            ASSERT_EQ_INT(cn->r[i].findings, c1->r[i].findings);
            ASSERT_EQ_INT(cn->r[i].n_elgroups, c1->r[i].n_elgroups);
        }
        nis5g_check_free(cn);
    }
    /* by hand: no region (data centres) is its own group, printed empty
     * here: OPA DC1 Huawei + Ericsson, OPB DC2 Nokia + ZTE */
    ASSERT_EQ_STR(groups(m, &c1->r[4]), "OPA/SE11:0/2/3/1 OPA/SE12:0/2/3/1 OPA/:0/2/3/1 OPB/SE23:0/2/3/1 "
                                        "OPB/:0/2/3/1 OPC/SE33:0/1/3/2");
    nis5g_check_free(c1);
    nis5g_model_free(m);
    nis5g_policy_free(p);
}
