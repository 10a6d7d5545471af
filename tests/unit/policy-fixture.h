/*
 * policy-fixture.h — a small hand-made model for the policy tests (the
 * same data as tests/cases/policy/small/), with the expected findings of
 * the SPEC §3 example worked out by hand in tests/cases/policy/README.md.
 */
#ifndef NIS5G_TEST_POLICY_FIXTURE_H
#define NIS5G_TEST_POLICY_FIXTURE_H

#include <math.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/date.h"
#include "nis5g/model.h"

struct fx_site {
    const char *id, *op;
    double lat, lon;
    const char *region, *tags;
    long subs;
};
struct fx_el {
    const char *id, *op, *site, *domain, *function, *vendor, *installed, *status;
};

static uint32_t fx_intern(struct nis5g_dict *d, const char *s)
{
    return nis5g_dict_intern(d, s, strlen(s));
}

static int32_t fx_day(const char *s)
{
    int32_t d = NIS5G_NO_DATE;
    if (s && *s)
        nis5g_date_parse(s, strlen(s), &d);
    return d;
}

static struct nis5g_model *fx_model(const struct fx_site *sites, size_t ns, const struct fx_el *els, size_t ne)
{
    struct nis5g_model *m = nis5g_model_new();
    m->as_of = fx_day("2026-11-01");
    m->parts = NIS5G_PART_ELEMENTS | NIS5G_PART_ELEMENT_IDS | NIS5G_PART_ELEMENT_DETAIL;
    const char *ops[] = { "OPA", "OPB", "OPC" };
    uint32_t se = fx_intern(&m->countries, "SE");
    m->op_name = nis5g_xcalloc(3, sizeof *m->op_name);
    m->op_country = nis5g_xcalloc(3, sizeof *m->op_country);
    m->op_subscribers = nis5g_xcalloc(3, sizeof *m->op_subscribers);
    for (int i = 0; i < 3; i++) {
        fx_intern(&m->operators, ops[i]);
        m->op_name[i] = NIS5G_NONE;
        m->op_country[i] = se;
        m->op_subscribers[i] = -1;
    }
    m->site_operator = nis5g_xcalloc(ns, sizeof *m->site_operator);
    m->site_lat = nis5g_xcalloc(ns, sizeof(double));
    m->site_lon = nis5g_xcalloc(ns, sizeof(double));
    m->site_region = nis5g_xcalloc(ns, sizeof(uint32_t));
    m->site_tag_off = nis5g_xcalloc(ns + 1, sizeof(uint32_t));
    m->site_tags = nis5g_xcalloc(ns * 4 + 1, sizeof(uint32_t));
    m->site_backup_hours = nis5g_xcalloc(ns, sizeof(double));
    m->site_subscribers = nis5g_xcalloc(ns, sizeof(int64_t));
    uint32_t nt = 0;
    for (size_t i = 0; i < ns; i++) {
        fx_intern(&m->sites, sites[i].id);
        m->site_operator[i] = (uint16_t)nis5g_dict_finds(&m->operators, sites[i].op);
        m->site_lat[i] = sites[i].lat;
        m->site_lon[i] = sites[i].lon;
        m->site_region[i] = sites[i].region ? fx_intern(&m->regions, sites[i].region) : NIS5G_NONE;
        m->site_tag_off[i] = nt;
        if (sites[i].tags) {
            const char *p = sites[i].tags;
            while (*p) {
                const char *e = strchr(p, ';');
                size_t n = e ? (size_t)(e - p) : strlen(p);
                m->site_tags[nt++] = nis5g_dict_intern(&m->tags, p, n);
                p += n + (e ? 1 : 0);
            }
        }
        m->site_backup_hours[i] = NAN;
        m->site_subscribers[i] = sites[i].subs;
    }
    m->site_tag_off[ns] = nt;
    m->n_elements = (uint32_t)ne;
    m->el_operator = nis5g_xcalloc(ne, sizeof *m->el_operator);
    m->el_site = nis5g_xcalloc(ne, sizeof *m->el_site);
    m->el_domain = nis5g_xcalloc(ne, 1);
    m->el_function = nis5g_xcalloc(ne, sizeof *m->el_function);
    m->el_vendor = nis5g_xcalloc(ne, sizeof *m->el_vendor);
    m->el_status = nis5g_xcalloc(ne, 1);
    m->el_installed = nis5g_xcalloc(ne, sizeof *m->el_installed);
    m->el_product = nis5g_xcalloc(ne, sizeof *m->el_product);
    m->el_sw = nis5g_xcalloc(ne, sizeof *m->el_sw);
    for (size_t i = 0; i < ne; i++) {
        fx_intern(&m->elements, els[i].id);
        m->el_operator[i] = (uint16_t)nis5g_dict_finds(&m->operators, els[i].op);
        m->el_site[i] = els[i].site ? nis5g_dict_finds(&m->sites, els[i].site) : NIS5G_NONE;
        m->el_domain[i] = (uint8_t)nis5g_name_index(nis5g_domain_names, NIS5G_DOM_COUNT, els[i].domain,
                                                   strlen(els[i].domain));
        m->el_function[i] = (uint16_t)fx_intern(&m->functions, els[i].function);
        m->el_vendor[i] = (uint16_t)fx_intern(&m->vendors, els[i].vendor);
        m->el_status[i] = (uint8_t)(els[i].status ? nis5g_name_index(nis5g_status_names, NIS5G_ST_COUNT,
                                                                     els[i].status, strlen(els[i].status))
                                                  : 0);
        m->el_installed[i] = fx_day(els[i].installed);
        m->el_product[i] = NIS5G_NONE;
        m->el_sw[i] = NIS5G_NONE;
    }
    /* Suppliers: every vendor has a row; factors per name. */
    uint32_t nv = m->vendors.n;
    m->sup_known = nis5g_xcalloc(nv, 1);
    m->sup_country = nis5g_xcalloc(nv, sizeof(uint32_t));
    m->sup_state_owned = nis5g_xcalloc(nv, 1);
    m->sup_factors = nis5g_xcalloc((size_t)nv * NIS5G_F_COUNT, 1);
    m->sup_designation = nis5g_xcalloc(nv, 1);
    m->sup_notes = nis5g_xcalloc(nv, sizeof(uint32_t));
    for (uint32_t v = 0; v < nv; v++) {
        const char *name = nis5g_dict_str(&m->vendors, v);
        int china = strcmp(name, "Huawei") == 0 || strcmp(name, "ZTE") == 0;
        m->sup_known[v] = 1;
        m->sup_country[v] = fx_intern(&m->countries, china ? "CN" : strcmp(name, "Nokia") == 0 ? "FI" : "SE");
        m->sup_state_owned[v] = -1;
        static const uint8_t cn[NIS5G_F_COUNT] = { 2, 3, 3, 2, 3, 1, 1 };
        static const uint8_t eu[NIS5G_F_COUNT] = { 0, 0, 0, 0, 0, 1, 0 };
        memcpy(&m->sup_factors[(size_t)v * NIS5G_F_COUNT], china ? cn : eu, NIS5G_F_COUNT);
        m->sup_notes[v] = NIS5G_NONE;
    }
    return m;
}

/* The small dataset of tests/cases/policy/small/. S2 lies 1.5 km north of
 * S1; S3 about 11 km; S5 has no coordinates. */
static const struct fx_site fx_sites[] = {
    { "S1", "OPA", 59.0, 18.0, "SE11", "gov", 1000 },
    { "S2", "OPA", 59.0134898, 18.0, "SE11", NULL, 2000 },
    { "S3", "OPA", 59.1, 18.0, "SE12", NULL, 3000 },
    { "S4", "OPB", 57.7, 12.0, "SE23", "military;capital", 4000 },
    { "S5", "OPB", NAN, NAN, "SE23", NULL, 500 },
    { "S6", "OPC", 58.0, 15.0, "SE33", NULL, 600 },
    { "DC1", "OPA", NAN, NAN, NULL, "datacentre", -1 },
    { "DC2", "OPB", NAN, NAN, NULL, "datacentre", -1 },
};
static const struct fx_el fx_els[] = {
    { "A1", "OPA", "S1", "ran", "RU", "Huawei", "2020-05-01", NULL },
    { "A2", "OPA", "S2", "ran", "RU", "Huawei", "2022-03-01", NULL },
    { "A3", "OPA", "S3", "ran", "RU", "Huawei", "2019-01-01", NULL },
    { "A4", "OPA", "S3", "ran", "RU", "Ericsson", "2021-06-01", NULL },
    { "A5", "OPA", "S1", "ran", "RU", "Ericsson", "2020-01-01", NULL },
    { "A6", "OPA", "DC1", "core", "AMF", "Huawei", "2019-06-01", NULL },
    { "A7", "OPA", "DC1", "core", "SMF", "Ericsson", NULL, NULL },
    { "A8", "OPA", "DC1", "management", "OSS", "Huawei", "2023-01-01", "planned" },
    { "B1", "OPB", "S4", "ran", "RU", "ZTE", "2020-01-01", NULL },
    { "B2", "OPB", "S4", "ran", "RU", "Nokia", "2020-01-01", NULL },
    { "B3", "OPB", "S5", "ran", "RU", "ZTE", "2021-01-01", NULL },
    { "B4", "OPB", "S5", "ran", "RU", "ZTE", "2018-01-01", "retired" },
    { "B5", "OPB", "DC2", "core", "UPF", "Nokia", "2019-01-01", NULL },
    { "B6", "OPB", "DC2", "management", "OSS", "ZTE", "2022-06-01", NULL },
    { "C1", "OPC", "S6", "ran", "gNB", "Ericsson", "2020-01-01", NULL },
};

static struct nis5g_model *fx_small(void)
{
    return fx_model(fx_sites, sizeof fx_sites / sizeof fx_sites[0], fx_els, sizeof fx_els / sizeof fx_els[0]);
}

#endif
