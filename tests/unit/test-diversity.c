/*
 * test-diversity.c — vendor shares, HHI, ordering and subscriber weights
 * (diversity.c) against values computed by hand in the comments.
 */
#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/diversity.h"
#include "nis5g/model.h"

/*
 * OP1 (SE, 5,000 subscribers in operators.csv):
 *   S1 (region A, 1,000 subs): RU Ericsson ×2, RU Huawei
 *   S2 (region B, 3,000 subs): RU Ericsson
 *   core, no site: AMF Huawei ×2
 * OP2 (DK, subscribers empty → its sites' 500):
 *   S3 (region A, 500 subs): RU Nokia ×2
 *   core, no site: AMF Ericsson, AMF Nokia, AMF Huawei (planned: ignored)
 */
static struct nis5g_model *sample(unsigned extra_functions)
{
    struct nis5g_model *m = nis5g_model_new();
    m->parts = NIS5G_PART_BASE | NIS5G_PART_ELEMENTS;
    nis5g_dict_intern(&m->operators, "OP1", 3);
    nis5g_dict_intern(&m->operators, "OP2", 3);
    nis5g_dict_intern(&m->countries, "SE", 2);
    nis5g_dict_intern(&m->countries, "DK", 2);
    m->op_country = nis5g_xcalloc(2, sizeof *m->op_country);
    m->op_country[1] = 1;
    m->op_subscribers = nis5g_xcalloc(2, sizeof *m->op_subscribers);
    m->op_subscribers[0] = 5000;
    m->op_subscribers[1] = -1;
    nis5g_dict_intern(&m->regions, "A", 1);
    nis5g_dict_intern(&m->regions, "B", 1);
    nis5g_dict_intern(&m->sites, "S1", 2);
    nis5g_dict_intern(&m->sites, "S2", 2);
    nis5g_dict_intern(&m->sites, "S3", 2);
    m->site_operator = nis5g_xcalloc(3, sizeof *m->site_operator);
    m->site_region = nis5g_xcalloc(3, sizeof *m->site_region);
    m->site_subscribers = nis5g_xcalloc(3, sizeof *m->site_subscribers);
    uint16_t sop[3] = { 0, 0, 1 };
    uint32_t sreg[3] = { 0, 1, 0 };
    int64_t ssub[3] = { 1000, 3000, 500 };
    for (int i = 0; i < 3; i++) {
        m->site_operator[i] = sop[i];
        m->site_region[i] = sreg[i];
        m->site_subscribers[i] = ssub[i];
    }
    nis5g_dict_intern(&m->functions, "RU", 2);
    nis5g_dict_intern(&m->functions, "AMF", 3);
    char b[16];
    for (unsigned i = 0; i < extra_functions; i++) {
        int n = snprintf(b, sizeof b, "F%u", i);
        nis5g_dict_intern(&m->functions, b, (size_t)n);
    }
    /* Vendor ids in an order unlike their names, to test name ordering. */
    nis5g_dict_intern(&m->vendors, "Nokia", 5);
    nis5g_dict_intern(&m->vendors, "Huawei", 6);
    nis5g_dict_intern(&m->vendors, "Ericsson", 8);
    enum { NOK, HUA, ERI };
    struct {
        uint16_t op;
        uint32_t site;
        uint8_t dom;
        uint16_t fn, vendor;
        uint8_t status;
    } els[] = {
        { 0, 0, NIS5G_DOM_RAN, 0, ERI, 0 },          { 0, 0, NIS5G_DOM_RAN, 0, ERI, 0 },
        { 0, 0, NIS5G_DOM_RAN, 0, HUA, 0 },          { 0, 1, NIS5G_DOM_RAN, 0, ERI, 0 },
        { 0, NIS5G_NONE, NIS5G_DOM_CORE, 1, HUA, 0 }, { 0, NIS5G_NONE, NIS5G_DOM_CORE, 1, HUA, 0 },
        { 1, 2, NIS5G_DOM_RAN, 0, NOK, 0 },          { 1, 2, NIS5G_DOM_RAN, 0, NOK, 0 },
        { 1, NIS5G_NONE, NIS5G_DOM_CORE, 1, ERI, 0 }, { 1, NIS5G_NONE, NIS5G_DOM_CORE, 1, NOK, 0 },
        { 1, NIS5G_NONE, NIS5G_DOM_CORE, 1, HUA, NIS5G_ST_PLANNED },
    };
    uint32_t n = sizeof els / sizeof *els;
    m->n_elements = n;
    m->el_operator = nis5g_xcalloc(n, sizeof *m->el_operator);
    m->el_site = nis5g_xcalloc(n, sizeof *m->el_site);
    m->el_domain = nis5g_xcalloc(n, sizeof *m->el_domain);
    m->el_function = nis5g_xcalloc(n, sizeof *m->el_function);
    m->el_vendor = nis5g_xcalloc(n, sizeof *m->el_vendor);
    m->el_status = nis5g_xcalloc(n, sizeof *m->el_status);
    for (uint32_t e = 0; e < n; e++) {
        m->el_operator[e] = els[e].op;
        m->el_site[e] = els[e].site;
        m->el_domain[e] = els[e].dom;
        m->el_function[e] = els[e].fn;
        m->el_vendor[e] = els[e].vendor;
        m->el_status[e] = els[e].status;
    }
    return m;
}

#define F(x) (1u << NIS5G_DIV_##x)

static const char *vname(const struct nis5g_model *m, const struct nis5g_diversity *d, size_t g, uint32_t k)
{
    return nis5g_div_vendor_name(m, d->vendors[d->groups[g].vend_off + k].vendor);
}
static double vshare(const struct nis5g_diversity *d, size_t g, uint32_t k)
{
    return d->vendors[d->groups[g].vend_off + k].share;
}

TEST(national_shares_and_hhi)
{
    struct nis5g_model *m = sample(0);
    struct nis5g_diversity d;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_diversity_compute(m, 0, NIS5G_DIV_BY_ELEMENTS, &d, &err), NIS5G_OK);
    /* 10 active: Ericsson 4, Huawei 3, Nokia 3 → .4 .3 .3; 1600+900+900. */
    ASSERT_EQ_INT(d.n_groups, 1);
    ASSERT_NEAR(d.groups[0].total, 10, 0);
    ASSERT_NEAR(d.groups[0].hhi, 3400, 1e-9);
    ASSERT_EQ_STR(vname(m, &d, 0, 0), "Ericsson");
    ASSERT_EQ_STR(vname(m, &d, 0, 1), "Huawei"); /* tie with Nokia: by name */
    ASSERT_EQ_STR(vname(m, &d, 0, 2), "Nokia");
    ASSERT_NEAR(vshare(&d, 0, 0), 0.4, 1e-12);
    nis5g_diversity_release(&d);
    nis5g_model_free(m);
}

TEST(operator_domain_single_vendor_first)
{
    struct nis5g_model *m = sample(0);
    struct nis5g_diversity d;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_diversity_compute(m, F(OPERATOR) | F(DOMAIN), NIS5G_DIV_BY_ELEMENTS, &d, &err), NIS5G_OK);
    ASSERT_EQ_INT(d.n_groups, 4);
    /* Single-vendor: OP1 core (Huawei), OP2 ran (Nokia); then OP1 ran
     * (.75/.25 → 5625+625), OP2 core (.5/.5 → 5000). */
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, d.groups[0].key[NIS5G_DIV_OPERATOR]), "OP1");
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_DOMAIN, d.groups[0].key[NIS5G_DIV_DOMAIN]), "core");
    ASSERT_EQ_INT(d.groups[0].n_vendors, 1);
    ASSERT_NEAR(d.groups[0].hhi, 10000, 0);
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, d.groups[1].key[NIS5G_DIV_OPERATOR]), "OP2");
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_DOMAIN, d.groups[1].key[NIS5G_DIV_DOMAIN]), "ran");
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_DOMAIN, d.groups[2].key[NIS5G_DIV_DOMAIN]), "ran");
    ASSERT_NEAR(d.groups[2].hhi, 6250, 1e-9);
    ASSERT_NEAR(vshare(&d, 2, 0), 0.75, 1e-12);
    ASSERT_NEAR(d.groups[3].hhi, 5000, 1e-9);
    ASSERT_EQ_INT(d.groups[3].key[NIS5G_DIV_REGION], NIS5G_NONE);
    nis5g_diversity_release(&d);
    nis5g_model_free(m);
}

TEST(region_and_country)
{
    struct nis5g_model *m = sample(0);
    struct nis5g_diversity d;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_diversity_compute(m, F(REGION), NIS5G_DIV_BY_ELEMENTS, &d, &err), NIS5G_OK);
    /* B: one Ericsson (single). A: Eri 2, Hua 1, Nok 2 → 1600+400+1600.
     * No region (site-less core): Hua 2, Eri 1, Nok 1 → 2500+625+625. */
    ASSERT_EQ_INT(d.n_groups, 3);
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_REGION, d.groups[0].key[NIS5G_DIV_REGION]), "B");
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_REGION, d.groups[1].key[NIS5G_DIV_REGION]), "A");
    ASSERT_NEAR(d.groups[1].hhi, 3600, 1e-9);
    ASSERT_EQ_INT(d.groups[2].key[NIS5G_DIV_REGION], NIS5G_NONE);
    ASSERT_NEAR(d.groups[2].hhi, 3750, 1e-9);
    nis5g_diversity_release(&d);

    ASSERT_EQ_INT(nis5g_diversity_compute(m, F(COUNTRY), NIS5G_DIV_BY_ELEMENTS, &d, &err), NIS5G_OK);
    ASSERT_EQ_INT(d.n_groups, 2);
    /* DK (OP2): Nok 3, Eri 1 → 5625+625; SE (OP1): Eri 3, Hua 3 → 5000. */
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_COUNTRY, d.groups[0].key[NIS5G_DIV_COUNTRY]), "DK");
    ASSERT_NEAR(d.groups[0].hhi, 6250, 1e-9);
    ASSERT_NEAR(d.groups[1].hhi, 5000, 1e-9);
    nis5g_diversity_release(&d);
    nis5g_model_free(m);
}

TEST(by_subscribers)
{
    struct nis5g_model *m = sample(0);
    double *w;
    nis5g_diversity_subscriber_weights(m, &w);
    ASSERT_NEAR(w[0], 1000.0 / 3, 1e-9); /* S1 has three RUs */
    ASSERT_NEAR(w[3], 3000, 1e-9);
    ASSERT_NEAR(w[4], 2500, 1e-9);       /* OP1's 5,000 over its two AMFs */
    ASSERT_NEAR(w[8], 250, 1e-9);        /* OP2: its sites' 500 over two AMFs */
    ASSERT_NEAR(w[10], 0, 0);            /* planned */
    free(w);
    struct nis5g_diversity d;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_diversity_compute(m, F(OPERATOR) | F(DOMAIN), NIS5G_DIV_BY_SUBSCRIBERS, &d, &err),
                  NIS5G_OK);
    /* OP1 ran: Eri 2000/3 + 3000, Hua 1000/3, of 4000 → 11/12, 1/12. */
    ASSERT_EQ_STR(nis5g_div_key_name(m, NIS5G_DIV_DOMAIN, d.groups[2].key[NIS5G_DIV_DOMAIN]), "ran");
    ASSERT_NEAR(d.groups[2].total, 4000, 1e-9);
    ASSERT_NEAR(vshare(&d, 2, 0), 11.0 / 12, 1e-12);
    ASSERT_NEAR(d.groups[2].hhi, (1100.0 / 12) * (1100.0 / 12) + (100.0 / 12) * (100.0 / 12), 1e-6);
    ASSERT_NEAR(d.groups[0].total, 5000, 1e-9);
    nis5g_diversity_release(&d);
    nis5g_model_free(m);
}

TEST(hash_path_same_as_dense)
{
    /* 20,000 extra functions push every-field grouping past the dense
     * table; the groups must be the same as without them. */
    unsigned all = F(OPERATOR) | F(DOMAIN) | F(FUNCTION) | F(REGION) | F(COUNTRY);
    struct nis5g_model *a = sample(0), *b = sample(20000);
    struct nis5g_diversity da, db;
    struct nis5g_err err = { 0 };
    ASSERT_EQ_INT(nis5g_diversity_compute(a, all, NIS5G_DIV_BY_ELEMENTS, &da, &err), NIS5G_OK);
    ASSERT_EQ_INT(nis5g_diversity_compute(b, all, NIS5G_DIV_BY_ELEMENTS, &db, &err), NIS5G_OK);
    ASSERT_EQ_INT(da.n_groups, db.n_groups);
    ASSERT_EQ_INT(da.n_vendors, db.n_vendors);
    for (size_t i = 0; i < da.n_groups && i < db.n_groups; i++) {
        ASSERT(memcmp(da.groups[i].key, db.groups[i].key, sizeof da.groups[i].key) == 0);
        ASSERT_NEAR(da.groups[i].hhi, db.groups[i].hhi, 1e-9);
    }
    nis5g_diversity_release(&da);
    nis5g_diversity_release(&db);
    nis5g_model_free(a);
    nis5g_model_free(b);
}

TEST(from_cells_merges_and_new_vendor)
{
    struct nis5g_model *m = sample(0);
    struct nis5g_div_cell c[3];
    memset(c, 0, sizeof c);
    c[0].vendor = 2;
    c[0].weight = 1;
    c[1].vendor = NIS5G_DIV_NEW_VENDOR;
    c[1].weight = 1;
    c[2].vendor = 2;
    c[2].weight = 2;
    struct nis5g_diversity d;
    nis5g_diversity_from_cells(m, 0, c, 3, &d);
    ASSERT_EQ_INT(d.n_groups, 1);
    ASSERT_EQ_INT(d.groups[0].n_vendors, 2);
    ASSERT_EQ_STR(vname(m, &d, 0, 0), "Ericsson");
    ASSERT_EQ_STR(vname(m, &d, 0, 1), "(new vendor)");
    ASSERT_NEAR(d.groups[0].hhi, 5625 + 625, 1e-9);
    nis5g_diversity_release(&d);
    ASSERT_EQ_INT(nis5g_div_field_parse("region"), NIS5G_DIV_REGION);
    ASSERT_EQ_INT(nis5g_div_field_parse("vendor"), -1);
    nis5g_model_free(m);
}
