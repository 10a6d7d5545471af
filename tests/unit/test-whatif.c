/*
 * test-whatif.c — unit costs (precedence, overrides, errors) and the
 * what-if ban's replacement rule, against values computed by hand.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "nis5g/buf.h"
#include "nis5g/resilience.h"
#include "nis5g/whatif.h"

static const char *write_tmp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/nis5g-test-whatif-%ld-%s", (long)getpid(), name);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

TEST(costs_precedence_and_override)
{
    struct nis5g_costs c;
    struct nis5g_err err = { 0 };
    nis5g_costs_init(&c);
    const char *p = write_tmp("a.csv", "domain,function,unit_cost_eur,source\n"
                                       "ran,RU,100,a\n"
                                       "ran,,50,b\n"
                                       "*,,7,c\n"
                                       "*,AMF,9,d\n");
    ASSERT_EQ_INT(nis5g_costs_load(&c, p, &err), NIS5G_OK);
    unlink(p);
    const char *src;
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_RAN, "RU", &src), 100, 0);
    ASSERT_EQ_STR(src, "a");
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_RAN, "gNB", &src), 50, 0);
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_CORE, "SMF", &src), 7, 0);
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_CORE, "AMF", &src), 9, 0);
    /* A second file replaces the rows it names; columns in any order. */
    p = write_tmp("b.csv", "unit_cost_eur,function,domain\n200,RU,ran\n");
    ASSERT_EQ_INT(nis5g_costs_load(&c, p, &err), NIS5G_OK);
    unlink(p);
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_RAN, "RU", &src), 200, 0);
    ASSERT_EQ_STR(src, "");
    ASSERT_EQ_INT(c.n, 4);
    p = write_tmp("c.csv", "domain,function,unit_cost_eur\nradio,RU,1\n");
    ASSERT_EQ_INT(nis5g_costs_load(&c, p, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(err.line, 2);
    ASSERT_EQ_INT(err.col, 1);
    unlink(p);
    p = write_tmp("d.csv", "domain,function,cost\n");
    ASSERT_EQ_INT(nis5g_costs_load(&c, p, &err), NIS5G_EINPUT);
    ASSERT_EQ_INT(err.col, 17);
    unlink(p);
    nis5g_costs_release(&c);
    struct nis5g_costs empty;
    nis5g_costs_init(&empty);
    ASSERT_NEAR(nis5g_costs_unit(&empty, NIS5G_DOM_RAN, "RU", &src), -1, 0);
}

/*
 * OP1: RU Ericsson ×2, RU Huawei, RU Nokia; AMF Huawei ×2; UPF Ericsson.
 * OP2: RU Huawei ×3; SEPP Huawei.
 */
static struct nis5g_model *sample(void)
{
    struct nis5g_model *m = nis5g_model_new();
    m->parts = NIS5G_PART_BASE | NIS5G_PART_ELEMENTS;
    nis5g_dict_intern(&m->operators, "OP1", 3);
    nis5g_dict_intern(&m->operators, "OP2", 3);
    m->op_country = nis5g_xcalloc(2, sizeof *m->op_country);
    nis5g_dict_intern(&m->countries, "SE", 2);
    nis5g_dict_intern(&m->functions, "RU", 2);
    nis5g_dict_intern(&m->functions, "AMF", 3);
    nis5g_dict_intern(&m->functions, "UPF", 3);
    nis5g_dict_intern(&m->functions, "SEPP", 4);
    nis5g_dict_intern(&m->vendors, "Ericsson", 8);
    nis5g_dict_intern(&m->vendors, "Huawei", 6);
    nis5g_dict_intern(&m->vendors, "Nokia", 5);
    struct {
        uint16_t op, fn, v;
        uint8_t dom;
    } els[] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 2, 0 }, { 0, 1, 1, 2 },
                { 0, 1, 1, 2 }, { 0, 2, 0, 2 }, { 1, 0, 1, 0 }, { 1, 0, 1, 0 }, { 1, 0, 1, 0 }, { 1, 3, 1, 2 } };
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
        m->el_site[e] = NIS5G_NONE;
        m->el_domain[e] = els[e].dom;
        m->el_function[e] = els[e].fn;
        m->el_vendor[e] = els[e].v;
    }
    return m;
}

static double count_of(const struct nis5g_model *m, const struct nis5g_diversity *d, const char *op, int dom,
                       const char *vendor)
{
    for (size_t i = 0; i < d->n_groups; i++) {
        const struct nis5g_div_group *g = &d->groups[i];
        if (strcmp(nis5g_div_key_name(m, NIS5G_DIV_OPERATOR, g->key[NIS5G_DIV_OPERATOR]), op) ||
            g->key[NIS5G_DIV_DOMAIN] != (uint32_t)dom)
            continue;
        for (uint32_t k = 0; k < g->n_vendors; k++)
            if (strcmp(nis5g_div_vendor_name(m, d->vendors[g->vend_off + k].vendor), vendor) == 0)
                return d->vendors[g->vend_off + k].count;
    }
    return 0;
}

TEST(ban_replacement_rule)
{
    struct nis5g_model *m = sample();
    struct nis5g_costs c;
    struct nis5g_err err = { 0 };
    nis5g_costs_init(&c);
    const char *p = write_tmp("e.csv", "domain,function,unit_cost_eur,source\nran,RU,10,x\n");
    nis5g_costs_load(&c, p, &err);
    unlink(p);
    struct nis5g_whatif w;
    ASSERT_EQ_INT(nis5g_whatif_ban(m, 1, 0, &c, &w, &err), NIS5G_OK);
    ASSERT_EQ_INT(w.elements, 7);
    ASSERT_EQ_INT(w.op_elements[0], 3);
    ASSERT_EQ_INT(w.op_elements[1], 4);
    ASSERT_EQ_INT(w.n_lines, 3); /* ran RU 4; core AMF 2, SEPP 1 */
    ASSERT_EQ_INT(w.lines[0].elements, 4);
    ASSERT_NEAR(w.lines[0].cost, 40, 0);
    ASSERT_NEAR(w.lines[1].unit_cost, -1, 0); /* no row for core */
    ASSERT_EQ_INT(w.lines[2].elements, 1);
    ASSERT_EQ_INT(w.cost_complete, 0);
    ASSERT_NEAR(w.cost, 40, 0);
    /* OP1 RU: Huawei's 1 goes 2:1 to Ericsson and Nokia. */
    ASSERT_NEAR(count_of(m, &w.after, "OP1", NIS5G_DOM_RAN, "Ericsson"), 2 + 2.0 / 3, 1e-12);
    ASSERT_NEAR(count_of(m, &w.after, "OP1", NIS5G_DOM_RAN, "Nokia"), 1 + 1.0 / 3, 1e-12);
    /* OP1 AMF: no other AMF vendor; the core's other vendor (Ericsson). */
    ASSERT_NEAR(count_of(m, &w.after, "OP1", NIS5G_DOM_CORE, "Ericsson"), 3, 1e-12);
    /* OP2 has no other RU vendor: the RU vendors of the other operators,
     * Ericsson 2 and Nokia 1 (Huawei's RUs do not count). */
    ASSERT_NEAR(count_of(m, &w.after, "OP2", NIS5G_DOM_RAN, "Ericsson"), 2, 1e-12);
    ASSERT_NEAR(count_of(m, &w.after, "OP2", NIS5G_DOM_RAN, "Nokia"), 1, 1e-12);
    /* Nobody else makes SEPPs. */
    ASSERT_NEAR(count_of(m, &w.after, "OP2", NIS5G_DOM_CORE, "(new vendor)"), 1, 1e-12);
    ASSERT_NEAR(count_of(m, &w.before, "OP2", NIS5G_DOM_RAN, "Huawei"), 3, 1e-12);
    nis5g_whatif_release(&w);

    /* Only from the core. */
    ASSERT_EQ_INT(nis5g_whatif_ban(m, 1, 1u << NIS5G_DOM_CORE, NULL, &w, &err), NIS5G_OK);
    ASSERT_EQ_INT(w.elements, 3);
    ASSERT_NEAR(count_of(m, &w.after, "OP1", NIS5G_DOM_RAN, "Huawei"), 1, 1e-12);
    nis5g_whatif_release(&w);
    nis5g_costs_release(&c);
    nis5g_model_free(m);
}

/* A costs text from a query's source: named in errors, owned by the parser. */
TEST(costs_parse_text)
{
    struct nis5g_costs c;
    struct nis5g_err err = { 0 };
    nis5g_costs_init(&c);
    const char *t = "domain,function,unit_cost_eur\nran,RU,12\n";
    ASSERT_EQ_INT(nis5g_costs_parse(&c, "mine.csv", nis5g_xstrdup(t), strlen(t), &err), NIS5G_OK);
    ASSERT_NEAR(nis5g_costs_unit(&c, NIS5G_DOM_RAN, "RU", NULL), 12, 0);
    t = "domain,function,unit_cost_eur\nran,RU,lots\n";
    ASSERT_EQ_INT(nis5g_costs_parse(&c, "mine.csv", nis5g_xstrdup(t), strlen(t), &err), NIS5G_EINPUT);
    ASSERT_EQ_STR(err.file, "mine.csv");
    ASSERT_EQ_INT(err.line, 2);
    ASSERT_EQ_INT(err.col, 8);
    nis5g_costs_release(&c);
}

/* The option tables' own parsers: --fail X=P (a later X replaces the
 * earlier P), --rate N or N/month, --domains a,b (repeatable). */
TEST(option_parsers)
{
    struct nis5g_simulate_params sp;
    struct nis5g_err err = { 0 };
    size_t base = 0;
    memset(&sp, 0, sizeof sp);
    const struct nis5g_opt *o = nis5g_opt_find(nis5g_simulate_opts, "fail", &base);
    ASSERT_EQ_INT(nis5g_opt_set(o, &sp, "ran=0.5", &err), 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &sp, "AMF=1", &err), 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &sp, "ran=0.25", &err), 0);
    ASSERT_EQ_INT(sp.fail.n, 2);
    ASSERT_NEAR(sp.fail.v[0].p, 0.25, 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &sp, "ran=1.5", &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "expected --fail DOMAIN=P or FUNCTION=P with P from 0 to 1, got 'ran=1.5'");
    ASSERT_EQ_INT(nis5g_opt_set(o, &sp, "ran=0x1", &err), NIS5G_EUSAGE);

    struct nis5g_whatif_params wp;
    memset(&wp, 0, sizeof wp);
    o = nis5g_opt_find(nis5g_whatif_ban_opts, "rate", &base);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "12/month", &err), 0);
    ASSERT_NEAR(wp.rate, 12, 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "2.5", &err), 0);
    ASSERT_NEAR(wp.rate, 2.5, 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "0", &err), NIS5G_EUSAGE);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "/month", &err), NIS5G_EUSAGE);
    ASSERT_EQ_STR(err.msg, "expected --rate N/month with N > 0, got '/month'");
    o = nis5g_opt_find(nis5g_whatif_ban_opts, "domains", &base);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "ran,core", &err), 0);
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "edge", &err), 0);
    ASSERT_EQ_INT(wp.domains, (1u << NIS5G_DOM_RAN) | (1u << NIS5G_DOM_CORE) | (1u << NIS5G_DOM_EDGE));
    ASSERT_EQ_INT(nis5g_opt_set(o, &wp, "ran,radio", &err), NIS5G_EUSAGE);
}
