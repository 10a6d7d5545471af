/*
 * test-risk.c — the risk method (docs/risk-method.md) on a hand-made model
 * of two operators and nine elements, every figure computed by hand in the
 * comments; the ladders at their thresholds; the residual rule.
 */
#include <math.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/date.h"
#include "nis5g/risk.h"

static struct nis5g_catalog cat;

TEST(ladders)
{
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0), 1);
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0.0001), 2);
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0.05), 3);
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0.1499), 3);
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0.15), 4);
    ASSERT_EQ_INT(nis5g_risk_ladder_share(0.35), 5);
    ASSERT_EQ_INT(nis5g_risk_ladder_loss(0.0099), 1);
    ASSERT_EQ_INT(nis5g_risk_ladder_loss(0.01), 2);
    ASSERT_EQ_INT(nis5g_risk_ladder_loss(0.05), 3);
    ASSERT_EQ_INT(nis5g_risk_ladder_loss(0.15), 4);
    ASSERT_EQ_INT(nis5g_risk_ladder_loss(0.30), 5);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(0.4999), 1);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(0.5), 2);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(0.65), 3);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(0.8), 4);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(0.9999), 4);
    ASSERT_EQ_INT(nis5g_risk_ladder_div(1.0), 5);
    ASSERT_EQ_INT(nis5g_risk_level(4), NIS5G_LEVEL_LOW);
    ASSERT_EQ_INT(nis5g_risk_level(5), NIS5G_LEVEL_MEDIUM);
    ASSERT_EQ_INT(nis5g_risk_level(9), NIS5G_LEVEL_MEDIUM);
    ASSERT_EQ_INT(nis5g_risk_level(10), NIS5G_LEVEL_HIGH);
    ASSERT_EQ_INT(nis5g_risk_level(16), NIS5G_LEVEL_HIGH);
    ASSERT_EQ_INT(nis5g_risk_level(20), NIS5G_LEVEL_CRITICAL);
}

/* The model:
 *   operators OPA, OPB (SE)
 *   sites S1 OPA 600 subs, 2 h backup, tag gov; S2 OPA 200 subs, 8 h;
 *         S3 OPB 200 subs, backup empty; D1 OPA data centre, 72 h
 *   e0 OPA S1 ran RU Huawei H1        e1 OPA S2 ran RU Ericsson E1
 *   e2 OPA D1 core AMF Ericsson E2    e3 OPA D1 core SMF Huawei H2
 *   e4 OPB S3 ran RU Nokia N1         e5 OPB S3 ran RU Nokia (no product)
 *   e6 OPB core AMF Nokia N2          e7 OPB S3 ran RU Huawei, planned
 *   e8 OPA transport router Cisco C1
 *   products H1 NESAS, 2 vulns; H2 no cert, end of support 2020-01-01;
 *            E1 NESAS; E2 no cert, 1 vuln; N1 NESAS, end of support
 *            2025-01-01; N2 SCAS; C1 no cert, 3 vulns
 *   Huawei is high-risk; the others low. As of 2026-11-27. */
static struct nis5g_model *build(void)
{
    struct nis5g_model *m = nis5g_model_new();
    m->as_of = nis5g_date_from_ymd(2026, 11, 27);
    m->parts = NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_DETAIL;
    uint32_t se = nis5g_dict_intern(&m->countries, "SE", 2);
    nis5g_dict_intern(&m->operators, "OPA", 3);
    nis5g_dict_intern(&m->operators, "OPB", 3);
    m->op_country = nis5g_xcalloc(2, sizeof *m->op_country);
    m->op_country[0] = m->op_country[1] = se;
    m->op_name = nis5g_xcalloc(2, sizeof *m->op_name);
    m->op_subscribers = nis5g_xcalloc(2, sizeof *m->op_subscribers);
    m->op_subscribers[0] = m->op_subscribers[1] = -1;
    const char *sites[] = { "S1", "S2", "S3", "D1" };
    uint16_t sop[] = { 0, 0, 1, 0 };
    int64_t subs[] = { 600, 200, 200, -1 };
    double backup[] = { 2, 8, NAN, 72 };
    for (int i = 0; i < 4; i++)
        nis5g_dict_intern(&m->sites, sites[i], 2);
    m->site_operator = nis5g_xcalloc(4, sizeof *m->site_operator);
    m->site_lat = nis5g_xcalloc(4, sizeof *m->site_lat);
    m->site_lon = nis5g_xcalloc(4, sizeof *m->site_lon);
    m->site_region = nis5g_xcalloc(4, sizeof *m->site_region);
    m->site_backup_hours = nis5g_xcalloc(4, sizeof *m->site_backup_hours);
    m->site_subscribers = nis5g_xcalloc(4, sizeof *m->site_subscribers);
    m->site_tag_off = nis5g_xcalloc(5, sizeof *m->site_tag_off);
    m->site_tags = nis5g_xcalloc(1, sizeof *m->site_tags);
    m->site_tags[0] = nis5g_dict_intern(&m->tags, "gov", 3);
    for (int i = 0; i < 4; i++) {
        m->site_operator[i] = sop[i];
        m->site_subscribers[i] = subs[i];
        m->site_backup_hours[i] = backup[i];
        m->site_region[i] = NIS5G_NONE;
        m->site_tag_off[i + 1] = 1; /* only S1 has a tag */
    }
    const char *vend[] = { "Huawei", "Ericsson", "Nokia", "Cisco" };
    for (int i = 0; i < 4; i++)
        nis5g_dict_intern(&m->vendors, vend[i], strlen(vend[i]));
    const char *prods[] = { "H1", "H2", "E1", "E2", "N1", "N2", "C1" };
    uint16_t pv[] = { 0, 0, 1, 1, 2, 2, 3 };
    int certified[] = { 1, 0, 1, 0, 1, 1, 0 };
    int32_t eos[] = { NIS5G_NO_DATE, nis5g_date_from_ymd(2020, 1, 1), NIS5G_NO_DATE, NIS5G_NO_DATE,
                      nis5g_date_from_ymd(2025, 1, 1), NIS5G_NO_DATE, NIS5G_NO_DATE };
    int32_t vulns[] = { 2, 0, 0, 1, 0, 0, 3 };
    m->n_products = 7;
    m->prod_vendor = nis5g_xcalloc(7, sizeof *m->prod_vendor);
    m->prod_name = nis5g_xcalloc(7, sizeof *m->prod_name);
    m->prod_cert_off = nis5g_xcalloc(8, sizeof *m->prod_cert_off);
    m->prod_certs = nis5g_xcalloc(7, sizeof *m->prod_certs);
    m->prod_end_of_support = nis5g_xcalloc(7, sizeof *m->prod_end_of_support);
    m->prod_critical_vulns = nis5g_xcalloc(7, sizeof *m->prod_critical_vulns);
    uint32_t nesas = nis5g_dict_intern(&m->certs, "NESAS", 5);
    for (int i = 0; i < 7; i++) {
        m->prod_vendor[i] = pv[i];
        m->prod_name[i] = nis5g_dict_intern(&m->products, prods[i], 2);
        m->prod_cert_off[i + 1] = m->prod_cert_off[i] + (uint32_t)certified[i];
        if (certified[i])
            m->prod_certs[m->prod_cert_off[i]] = nesas;
        m->prod_end_of_support[i] = eos[i];
        m->prod_critical_vulns[i] = vulns[i];
    }
    struct {
        uint16_t op;
        uint32_t site;
        uint8_t dom;
        const char *fn;
        uint16_t v;
        int prod; /* index into prods, -1 none */
        uint8_t st;
    } el[] = {
        { 0, 0, NIS5G_DOM_RAN, "RU", 0, 0, NIS5G_ST_ACTIVE },
        { 0, 1, NIS5G_DOM_RAN, "RU", 1, 2, NIS5G_ST_ACTIVE },
        { 0, 3, NIS5G_DOM_CORE, "AMF", 1, 3, NIS5G_ST_ACTIVE },
        { 0, 3, NIS5G_DOM_CORE, "SMF", 0, 1, NIS5G_ST_ACTIVE },
        { 1, 2, NIS5G_DOM_RAN, "RU", 2, 4, NIS5G_ST_ACTIVE },
        { 1, 2, NIS5G_DOM_RAN, "RU", 2, -1, NIS5G_ST_ACTIVE },
        { 1, NIS5G_NONE, NIS5G_DOM_CORE, "AMF", 2, 5, NIS5G_ST_ACTIVE },
        { 1, 2, NIS5G_DOM_RAN, "RU", 0, 0, NIS5G_ST_PLANNED },
        { 0, NIS5G_NONE, NIS5G_DOM_TRANSPORT, "router", 3, 6, NIS5G_ST_ACTIVE },
    };
    uint32_t n = sizeof el / sizeof el[0];
    m->n_elements = n;
    m->el_operator = nis5g_xcalloc(n, sizeof *m->el_operator);
    m->el_site = nis5g_xcalloc(n, sizeof *m->el_site);
    m->el_domain = nis5g_xcalloc(n, sizeof *m->el_domain);
    m->el_function = nis5g_xcalloc(n, sizeof *m->el_function);
    m->el_vendor = nis5g_xcalloc(n, sizeof *m->el_vendor);
    m->el_status = nis5g_xcalloc(n, sizeof *m->el_status);
    m->el_installed = nis5g_xcalloc(n, sizeof *m->el_installed);
    m->el_product = nis5g_xcalloc(n, sizeof *m->el_product);
    m->el_sw = nis5g_xcalloc(n, sizeof *m->el_sw);
    for (uint32_t i = 0; i < n; i++) {
        m->el_operator[i] = el[i].op;
        m->el_site[i] = el[i].site;
        m->el_domain[i] = el[i].dom;
        m->el_function[i] = (uint16_t)nis5g_dict_intern(&m->functions, el[i].fn, strlen(el[i].fn));
        m->el_vendor[i] = el[i].v;
        m->el_status[i] = el[i].st;
        m->el_installed[i] = NIS5G_NO_DATE;
        m->el_product[i] = el[i].prod < 0 ? NIS5G_NONE : m->prod_name[el[i].prod];
        m->el_sw[i] = NIS5G_NONE;
    }
    return m;
}

static const uint8_t vrisk[4] = { NIS5G_RISK_HIGH, NIS5G_RISK_LOW, NIS5G_RISK_LOW, NIS5G_RISK_LOW };

/* Measure statuses: OPA SM04 partial; the state SE: SM03 implemented, SA06
 * planned, SM06 implemented. */
static void statuses(uint8_t **op, uint8_t **cs)
{
    size_t nm = cat.n_measures;
    *op = nis5g_xmalloc(2 * nm);
    *cs = nis5g_xmalloc(nm);
    memset(*op, NIS5G_MS_UNSET, 2 * nm);
    memset(*cs, NIS5G_MS_UNSET, nm);
    (*op)[nis5g_catalog_measure(&cat, "SM04", 4)] = NIS5G_MS_PARTIAL;
    (*op)[nm + (size_t)nis5g_catalog_measure(&cat, "SM01", 4)] = NIS5G_MS_IMPLEMENTED;
    (*cs)[nis5g_catalog_measure(&cat, "SM03", 4)] = NIS5G_MS_IMPLEMENTED;
    (*cs)[nis5g_catalog_measure(&cat, "SA06", 4)] = NIS5G_MS_PLANNED;
    (*cs)[nis5g_catalog_measure(&cat, "SM06", 4)] = NIS5G_MS_IMPLEMENTED;
}

TEST(indicators)
{
    struct nis5g_model *m = build();
    uint8_t *op, *cs;
    statuses(&op, &cs);
    struct nis5g_risk_data d;
    nis5g_risk_indicators(m, &cat, vrisk, op, cs, NULL, &d);
    ASSERT_EQ_INT(d.n_scopes, 3);
    const struct nis5g_risk_inputs *n = &d.in[0], *b = &d.in[2];
    ASSERT_EQ_STR(n->scope, "SE");
    ASSERT_EQ_STR(b->scope, "OPB");
    ASSERT_EQ_INT(n->n_active, 8);
    /* sensitivity × n: e0 2 (ran at a gov site), e1 1, e2 3, e3 3, e4 1,
     * e5 1, e6 3, e8 2 (transport) = 16; × high-risk: e0 2 + e3 3 = 5 */
    ASSERT_NEAR(n->hr_weighted, 5.0 / 16, 1e-12);
    ASSERT_EQ_INT(n->n_critical, 3);
    ASSERT_EQ_INT(n->hr_critical, 1);
    ASSERT_EQ_STR(n->hr_vendors, "Huawei");
    ASSERT_EQ_INT(n->q_eos, 2);    /* e3 H2, e4 N1 */
    ASSERT_EQ_INT(n->q_vuln, 3);   /* e0, e2, e8 */
    ASSERT_EQ_INT(n->q_uncert, 4); /* e2, e3, e5 (no product), e8 */
    ASSERT_EQ_INT(n->q_any, 6);
    ASSERT_EQ_INT(n->vuln_critical, 1);
    ASSERT_EQ_INT(n->n_sensitive, 2);
    ASSERT_EQ_INT(n->vuln_sensitive, 2);
    ASSERT_NEAR(n->scale, 0.8, 1e-12);
    ASSERT_EQ_STR(n->scale_operator, "OPA");
    ASSERT_NEAR(b->scale, 0.2, 1e-12);
    ASSERT_EQ_INT(n->radio_sites, 3);
    ASSERT_EQ_INT(n->low_backup_sites, 2); /* S1 2 h, S3 empty */
    ASSERT_NEAR(n->low_backup_subs, 0.8, 1e-12);
    ASSERT_NEAR(n->ks_max, 0.6, 1e-12);    /* S1: Huawei radios only */
    ASSERT_EQ_STR(n->ks_vendor, "Huawei");
    ASSERT_NEAR(n->ks_hr, 0.6, 1e-12);
    ASSERT_EQ_INT(n->ks_from_killswitch, 0);
    ASSERT_NEAR(n->div_max, 1.0, 1e-12);   /* OPB's RAN: Nokia only */
    ASSERT_EQ_STR(n->div_operator, "OPB");
    ASSERT_EQ_STR(n->div_vendor, "Nokia");
    ASSERT_EQ_INT(n->div_domain, NIS5G_DOM_RAN);
    ASSERT_NEAR(d.in[1].div_max, 0.5, 1e-12);
    /* SM04: OPA partial 0.5 × 800 + OPB none × 200 → 0.4; SM01: OPB 1 × 200 → 0.2 */
    ASSERT_NEAR(n->measure_value[nis5g_catalog_measure(&cat, "SM04", 4)], 0.4, 1e-12);
    ASSERT_NEAR(n->measure_value[nis5g_catalog_measure(&cat, "SM01", 4)], 0.2, 1e-12);
    ASSERT_NEAR(n->measure_value[nis5g_catalog_measure(&cat, "SM03", 4)], 1.0, 1e-12);
    ASSERT_NEAR(b->measure_value[nis5g_catalog_measure(&cat, "SM04", 4)], 0.0, 1e-12);
    nis5g_risk_data_release(&d);
    free(op);
    free(cs);
    nis5g_model_free(m);
}

TEST(scores)
{
    struct nis5g_model *m = build();
    uint8_t *op, *cs;
    statuses(&op, &cs);
    struct nis5g_risk_data d;
    nis5g_risk_indicators(m, &cat, vrisk, op, cs, NULL, &d);
    struct nis5g_risk_result r;
    nis5g_risk_score(&cat, &d.in[0], &r);
    /* National, by hand (docs/risk-method.md §4):
     * R1 L max(2, share(2/8 = 25%) = 4) = 4, I loss(80%) = 5
     * R2 L share(1/3) = 4, I 5
     * R3 L share(6/8) = 5, I loss(60%) = 5
     * R4 L div(100%) = 5, I 5
     * R5 L share(31.25%) = 4 (and >= 4 for a critical element), I loss(60%) = 5
     * R6 L share(2/2) = 5, I min(4, 5) = 4
     * R7 L 2 (no Monte Carlo), I 5
     * R8 L share(2/3) = 5, I loss(80%) = 5
     * R9 L 3 (no edge), I min(3, 5) = 3 */
    int L[9] = { 4, 4, 5, 5, 4, 5, 2, 5, 3 }, I[9] = { 5, 5, 5, 5, 5, 4, 5, 5, 3 };
    for (int k = 0; k < 9; k++) {
        ASSERT_EQ_INT(r.s[k].likelihood, L[k]);
        ASSERT_EQ_INT(r.s[k].impact, I[k]);
        ASSERT_EQ_INT(r.s[k].score, L[k] * I[k]);
    }
    ASSERT_EQ_INT(r.s[6].level, NIS5G_LEVEL_HIGH);
    ASSERT_EQ_INT(r.s[8].level, NIS5G_LEVEL_MEDIUM);
    ASSERT_EQ_STR(r.s[4].why_likelihood,
                  "likelihood 4: 31.2% of assets (weighted by sensitivity) from high-risk suppliers (Huawei); 1 of 3 "
                  "elements of critical asset classes from them");
    ASSERT_EQ_STR(r.s[4].why_impact, "impact 5: a kill-switch of Huawei cuts 60.0% of national subscribers (radio "
                                     "sites whose radios all come from it; no kill-switch run)");
    /* Residual. R5 measures SM03 1, SM04 0.4, SM01 0.2, SA06 0: mean 0.4,
     * 2 × 0.4 = 0.8 rounds to 1 → L 3, I 5 → 15 high.
     * R4: impact measures SM05 0, SM06 1 → 0.5 rounds up to 1 → I 4;
     * likelihood measures SM07, SM08 none → L 5 → 20.
     * R8: TM06 (likelihood) none; TM11 0, SM06 1 (impact) → I 4 → 20.
     * R7: impact measures SM06 1, TM11 0, SA07 0 → 1/3 rounds to 0. */
    ASSERT_EQ_INT(r.s[4].res_likelihood, 3);
    ASSERT_EQ_INT(r.s[4].res_impact, 5);
    ASSERT_EQ_INT(r.s[4].res_level, NIS5G_LEVEL_HIGH);
    ASSERT_NEAR(r.s[4].mitig_l, 0.4, 1e-12);
    ASSERT_EQ_INT(r.s[3].res_likelihood, 5);
    ASSERT_EQ_INT(r.s[3].res_impact, 4);
    ASSERT_EQ_INT(r.s[7].res_impact, 4);
    ASSERT_EQ_INT(r.s[6].res_impact, 5);
    ASSERT_EQ_INT(r.s[4].best_likelihood, 2);
    ASSERT_EQ_INT(r.s[4].best_impact, 5);
    ASSERT_EQ_INT(r.s[8].best_likelihood, 1);

    /* OPB: R1 L share(1/3) = 4, I loss(20%) = 4; R2 L floor 2; R3 share(2/3)
     * = 5, I loss(20%: Nokia's S3) = 4; R5 nothing high-risk: 1 × 1; R8 L
     * share(1/1) = 5, I loss(20%) = 4. R5 residual: SM03 1 (state), SM04 0,
     * SM01 1 (own), SA06 0 → 0.5 → -1 → stays 1. */
    nis5g_risk_score(&cat, &d.in[2], &r);
    ASSERT_EQ_INT(r.s[0].likelihood, 4);
    ASSERT_EQ_INT(r.s[0].impact, 4);
    ASSERT_EQ_INT(r.s[1].likelihood, 2);
    ASSERT_EQ_INT(r.s[2].likelihood, 5);
    ASSERT_EQ_INT(r.s[2].impact, 4);
    ASSERT_EQ_INT(r.s[4].likelihood, 1);
    ASSERT_EQ_INT(r.s[4].impact, 1);
    ASSERT_EQ_INT(r.s[4].res_likelihood, 1);
    ASSERT_NEAR(r.s[4].mitig_l, 0.5, 1e-12);
    ASSERT_EQ_INT(r.s[7].likelihood, 5);
    ASSERT_EQ_INT(r.s[7].impact, 4);
    nis5g_risk_data_release(&d);
    free(op);
    free(cs);
    nis5g_model_free(m);
}

/* With kill-switch, Monte Carlo and policy results. */
TEST(extra)
{
    struct nis5g_model *m = build();
    int64_t ks[4] = { 600, 800, 200, 0 };           /* Ericsson also cuts S1 through OPA's core */
    int64_t ks_op[4 * 2] = { 600, 0, 800, 0, 0, 200, 0, 0 };
    int64_t mc_op[2] = { 120, 0 };
    uint64_t pol_op[2] = { 3, 0 };
    struct nis5g_risk_extra x = { .ks_subs = ks, .ks_op_subs = ks_op, .have_mc = 1, .mc_trials = 1000,
                                  .mc_p95 = 120, .mc_op_p95 = mc_op, .have_policy = 1,
                                  .policy_op_violations = pol_op, .policy_violations = 3,
                                  .policy_rules_violated = 1 };
    struct nis5g_risk_data d;
    nis5g_risk_indicators(m, &cat, vrisk, NULL, NULL, &x, &d);
    ASSERT_NEAR(d.in[0].ks_max, 0.8, 1e-12);
    ASSERT_EQ_STR(d.in[0].ks_vendor, "Ericsson");
    ASSERT_NEAR(d.in[0].ks_hr, 0.6, 1e-12);
    ASSERT_NEAR(d.in[2].ks_max, 0.2, 1e-12);
    ASSERT_NEAR(d.in[0].mc_p95, 0.12, 1e-12);
    struct nis5g_risk_result r;
    nis5g_risk_score(&cat, &d.in[0], &r);
    /* R5: L 4, +1 for policy violations → 5. R7: L loss(12%) = 3. */
    ASSERT_EQ_INT(r.s[4].likelihood, 5);
    ASSERT_EQ_INT(r.s[6].likelihood, 3);
    ASSERT_EQ_INT(r.s[3].impact, 5);
    nis5g_risk_score(&cat, &d.in[2], &r);
    ASSERT_EQ_INT(r.s[4].likelihood, 1); /* OPB: no violation, nothing high-risk */
    ASSERT_EQ_INT(r.s[6].likelihood, 2); /* mc 0 → floor 2 */
    nis5g_risk_data_release(&d);
    nis5g_model_free(m);
}

/* Hand-made inputs without a model: the scoring is pure arithmetic. */
TEST(inputs_only)
{
    uint64_t cn[1] = { 0 }, ch[1] = { 0 };
    double mv[64] = { 0 };
    struct nis5g_risk_inputs in = { .scope = "XX", .national = 1, .scale = 0.004, .scale_operator = "OP",
                                    .n_classes = 1, .class_n = cn, .class_hr = ch, .hr_vendors = "",
                                    .n_active = 100, .q_eos = 4, .div_max = 0.64, .div_domain = NIS5G_DOM_CORE,
                                    .div_operator = "OP", .div_vendor = "V", .radio_sites = 10,
                                    .low_backup_sites = 1, .low_backup_subs = 0.0099, .n_edge = 10,
                                    .edge_weak = 5, .measure_value = mv };
    struct nis5g_risk_result r;
    nis5g_risk_score(&cat, &in, &r);
    ASSERT_EQ_INT(r.s[0].likelihood, 2); /* 4% */
    ASSERT_EQ_INT(r.s[0].impact, 1);     /* 0.4% */
    ASSERT_EQ_INT(r.s[3].likelihood, 2); /* 64% */
    ASSERT_EQ_STR(r.s[3].why_likelihood, "likelihood 2: V supplies 64.0% of OP's core elements");
    ASSERT_EQ_INT(r.s[7].likelihood, 3); /* 10% */
    ASSERT_EQ_INT(r.s[7].impact, 1);
    ASSERT_EQ_INT(r.s[8].likelihood, 5); /* 50% of edge */
    /* every mapped measure of R1 implemented → L 2 - 2 → 1 */
    for (size_t i = 0; i < cat.n_mapping; i++)
        if (cat.mapping[i].scenario == 0)
            mv[cat.mapping[i].measure] = 1;
    nis5g_risk_score(&cat, &in, &r);
    ASSERT_EQ_INT(r.s[0].res_likelihood, 1);
    ASSERT_EQ_STR(r.s[0].why_residual, "likelihood measures 100% in place (-2)");
}

SETUP
{
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    int rc = nis5g_catalog_load(&cat, &d);
    nis5g_diags_release(&d);
    if (rc)
        fprintf(stderr, "cannot load the catalogues\n");
    return rc;
}

TEARDOWN
{
    nis5g_catalog_release(&cat);
    return 0;
}
