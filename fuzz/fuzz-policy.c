/*
 * fuzz-policy.c — libFuzzer driver for the policy lexer and parser, and for
 * evaluating whatever parses on a tiny model (so that compiled tables,
 * groups and near indexes see odd inputs too).
 *
 * Built and run by `make fuzz` (FUZZ_TIME seconds) and `make fuzz-smoke`
 * (part of make check), from fuzz/corpus/policy: the SPEC example, the
 * shipped policies and the policies of tests/cases/policy/cases.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/policy.h"

static struct nis5g_model *tiny(void)
{
    struct nis5g_model *m = nis5g_model_new();
    nis5g_dict_intern(&m->operators, "OPA", 3);
    nis5g_dict_intern(&m->countries, "SE", 2);
    nis5g_dict_intern(&m->sites, "S1", 2);
    nis5g_dict_intern(&m->sites, "S2", 2);
    nis5g_dict_intern(&m->vendors, "Huawei", 6);
    nis5g_dict_intern(&m->functions, "RU", 2);
    nis5g_dict_intern(&m->tags, "gov", 3);
    nis5g_dict_intern(&m->regions, "SE11", 4);
    m->op_country = nis5g_xcalloc(1, sizeof(uint32_t));
    m->op_subscribers = nis5g_xcalloc(1, sizeof(int64_t));
    m->site_operator = nis5g_xcalloc(2, sizeof(uint16_t));
    m->site_lat = nis5g_xcalloc(2, sizeof(double));
    m->site_lon = nis5g_xcalloc(2, sizeof(double));
    m->site_lon[1] = NAN;
    m->site_region = nis5g_xcalloc(2, sizeof(uint32_t));
    m->site_region[1] = NIS5G_NONE;
    m->site_tag_off = nis5g_xcalloc(3, sizeof(uint32_t));
    m->site_tag_off[1] = m->site_tag_off[2] = 1;
    m->site_tags = nis5g_xcalloc(1, sizeof(uint32_t));
    m->site_subscribers = nis5g_xcalloc(2, sizeof(int64_t));
    m->n_elements = 3;
    m->el_operator = nis5g_xcalloc(3, sizeof(uint16_t));
    m->el_site = nis5g_xcalloc(3, sizeof(uint32_t));
    m->el_site[1] = 1;
    m->el_site[2] = NIS5G_NONE;
    m->el_domain = nis5g_xcalloc(3, 1);
    m->el_function = nis5g_xcalloc(3, sizeof(uint16_t));
    m->el_vendor = nis5g_xcalloc(3, sizeof(uint16_t));
    m->el_status = nis5g_xcalloc(3, 1);
    m->el_installed = nis5g_xcalloc(3, sizeof(int32_t));
    m->el_installed[2] = NIS5G_NO_DATE;
    m->el_product = nis5g_xcalloc(3, sizeof(uint32_t));
    for (int i = 0; i < 3; i++)
        m->el_product[i] = NIS5G_NONE;
    m->sup_known = nis5g_xcalloc(1, 1);
    m->sup_known[0] = 1;
    m->sup_country = nis5g_xcalloc(1, sizeof(uint32_t));
    m->sup_country[0] = NIS5G_NONE;
    m->sup_factors = nis5g_xcalloc(NIS5G_F_COUNT, 1);
    m->sup_designation = nis5g_xcalloc(1, 1);
    m->sup_notes = nis5g_xcalloc(1, sizeof(uint32_t));
    m->sup_notes[0] = NIS5G_NONE;
    m->prod_cert_off = nis5g_xcalloc(1, sizeof(uint32_t));
    return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct nis5g_model *m;
    if (!m)
        m = tiny();
    struct nis5g_policy *p = nis5g_policy_new();
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    if (nis5g_policy_parse(p, "fuzz.policy", (const char *)data, size, &d) == NIS5G_OK) {
        struct nis5g_check_opts o = { 20000, 0, 0 };
        struct nis5g_check *c = NULL;
        if (nis5g_policy_check(p, m, &o, &c, &d) == NIS5G_OK)
            nis5g_check_free(c);
    }
    nis5g_diags_release(&d);
    nis5g_policy_free(p);
    return 0;
}
