/*
 * model.c — the columnar model: name tables, the column list, allocation
 * and release, and small lookups shared by every analysis.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/model.h"
#include "core/model-cols.h"

const char *const nis5g_domain_names[NIS5G_DOM_COUNT] = {
    "ran", "transport", "core", "management", "edge", "interconnect", "infrastructure",
};
const char *const nis5g_status_names[NIS5G_ST_COUNT] = { "active", "planned", "retired" };
const char *const nis5g_risk_names[NIS5G_RISK_COUNT] = { "unknown", "low", "medium", "high" };
const char *const nis5g_mstatus_names[NIS5G_MS_COUNT] = { "none", "planned", "partial", "implemented" };
const char *const nis5g_factor_names[NIS5G_F_COUNT] = { NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) };

int nis5g_name_index(const char *const *names, int count, const char *s, size_t n)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return i;
    return -1;
}

#define COL(field, part, cnt) { #field, part, offsetof(struct nis5g_model, field), sizeof(*((struct nis5g_model *)0)->field), cnt }

const struct model_col model_cols[] = {
    COL(op_name, 0, CNT_OPERATORS),
    COL(op_country, 0, CNT_OPERATORS),
    COL(op_subscribers, 0, CNT_OPERATORS),
    COL(site_operator, 0, CNT_SITES),
    COL(site_lat, 0, CNT_SITES),
    COL(site_lon, 0, CNT_SITES),
    COL(site_region, 0, CNT_SITES),
    COL(site_tag_off, 0, CNT_SITES1),
    COL(site_tags, 0, CNT_SITE_TAGS),
    COL(site_backup_hours, 0, CNT_SITES),
    COL(site_subscribers, 0, CNT_SITES),
    COL(el_operator, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_site, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_domain, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_function, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_vendor, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_status, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_installed, NIS5G_PART_ELEMENTS, CNT_ELEMENTS),
    COL(el_product, NIS5G_PART_ELEMENT_DETAIL, CNT_ELEMENTS),
    COL(el_sw, NIS5G_PART_ELEMENT_DETAIL, CNT_ELEMENTS),
    COL(dep_off, NIS5G_PART_LINKS, CNT_ELEMENTS1),
    COL(dep, NIS5G_PART_LINKS, CNT_LINKS),
    COL(dep_group, NIS5G_PART_LINKS, CNT_LINKS),
    COL(topo, NIS5G_PART_LINKS, CNT_ELEMENTS),
    COL(sup_known, 0, CNT_VENDORS),
    COL(sup_country, 0, CNT_VENDORS),
    COL(sup_state_owned, 0, CNT_VENDORS),
    COL(sup_factors, 0, CNT_VENDOR_FACTORS),
    COL(sup_designation, 0, CNT_VENDORS),
    COL(sup_notes, 0, CNT_VENDORS),
    COL(prod_vendor, 0, CNT_PRODUCTS),
    COL(prod_name, 0, CNT_PRODUCTS),
    COL(prod_cert_off, 0, CNT_PRODUCTS1),
    COL(prod_certs, 0, CNT_PROD_CERTS),
    COL(prod_end_of_support, 0, CNT_PRODUCTS),
    COL(prod_critical_vulns, 0, CNT_PRODUCTS),
    COL(ms_operator, 0, CNT_MEASURES),
    COL(ms_country, 0, CNT_MEASURES),
    COL(ms_measure, 0, CNT_MEASURES),
    COL(ms_status, 0, CNT_MEASURES),
    COL(ms_evidence, 0, CNT_MEASURES),
    COL(ms_date, 0, CNT_MEASURES),
};
const size_t model_ncols = sizeof model_cols / sizeof model_cols[0];

#define DICT(field, part) { #field, part, offsetof(struct nis5g_model, field) }
const struct model_dict model_dicts[] = {
    DICT(operators, 0), DICT(sites, 0),     DICT(elements, NIS5G_PART_ELEMENT_IDS),
    DICT(vendors, 0),   DICT(functions, 0), DICT(regions, 0),
    DICT(countries, 0), DICT(tags, 0),      DICT(products, 0),
    DICT(certs, 0),     DICT(groups, NIS5G_PART_LINKS), DICT(text, 0),
};
const size_t model_ndicts = sizeof model_dicts / sizeof model_dicts[0];

size_t model_col_count(const struct nis5g_model *m, enum col_count c)
{
    switch (c) {
    case CNT_OPERATORS: return m->operators.n;
    case CNT_SITES: return m->sites.n;
    case CNT_SITES1: return (size_t)m->sites.n + 1;
    case CNT_SITE_TAGS: return m->site_tag_off ? m->site_tag_off[m->sites.n] : 0;
    case CNT_ELEMENTS: return m->n_elements;
    case CNT_ELEMENTS1: return (size_t)m->n_elements + 1;
    case CNT_LINKS: return m->n_links;
    case CNT_VENDORS: return m->vendors.n;
    case CNT_VENDOR_FACTORS: return (size_t)m->vendors.n * NIS5G_F_COUNT;
    case CNT_PRODUCTS: return m->n_products;
    case CNT_PRODUCTS1: return (size_t)m->n_products + 1;
    case CNT_PROD_CERTS: return m->prod_cert_off ? m->prod_cert_off[m->n_products] : 0;
    case CNT_MEASURES: return m->n_measures;
    }
    return 0;
}


struct nis5g_model *nis5g_model_new(void)
{
    struct nis5g_model *m = nis5g_xcalloc(1, sizeof *m);
    m->as_of = INT32_MIN;
    return m;
}

void nis5g_model_free(struct nis5g_model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < model_ncols; i++) {
        void **p = (void **)((char *)m + model_cols[i].offset);
        free(*p);
        *p = NULL;
    }
    for (size_t i = 0; i < model_ndicts; i++)
        nis5g_dict_release((struct nis5g_dict *)((char *)m + model_dicts[i].offset));
    free(m->priv);
    free(m);
}

int nis5g_model_is_radio_function(const struct nis5g_model *m, uint16_t function)
{
    if (function == NIS5G_NONE16 || function >= m->functions.n)
        return 0;
    const char *f = nis5g_dict_str(&m->functions, function);
    return strcmp(f, "RU") == 0 || strcmp(f, "gNB") == 0;
}

uint32_t nis5g_model_product_row(const struct nis5g_model *m, uint16_t vendor, uint32_t product)
{
    /* Products are few (hundreds); a linear scan is cheaper than an index
     * that every load would pay for. Analyses that ask per element build
     * their own vendor×product table once. */
    for (uint32_t i = 0; i < m->n_products; i++)
        if (m->prod_vendor[i] == vendor && m->prod_name[i] == product)
            return i;
    return NIS5G_NONE;
}

void nis5g_model_index(struct nis5g_model *m)
{
    struct nis5g_dict *d[] = { &m->operators, &m->sites, &m->elements, &m->vendors,  &m->functions, &m->regions,
                               &m->countries, &m->tags,  &m->products, &m->certs, &m->groups,    &m->text };
    for (size_t i = 0; i < sizeof d / sizeof d[0]; i++)
        nis5g_dict_index(d[i]);
}
