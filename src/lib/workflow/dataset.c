/*
 * dataset.c — a model back into dataset CSV rows (dataset.h), the inverse
 * of the importer for every column it keeps.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/date.h"
#include "nis5g/text.h"
#include "workflow/dataset.h"

const char *const ds_names[DS_COUNT] = { "operators.csv", "sites.csv",    "suppliers.csv", "products.csv",
                                         "elements.csv",  "links.csv",    "measures.csv" };

#define MAXC 16
static const char *const cols[DS_COUNT][MAXC] = {
    [DS_OPERATORS] = { "operator", "name", "country", "subscribers" },
    [DS_SITES] = { "site", "operator", "lat", "lon", "region", "tags", "backup_hours", "subscribers" },
    [DS_SUPPLIERS] = { "vendor", "country", "state_owned", NIS5G_FACTORS(NIS5G_FACTOR_COLUMN) "designation", "notes" },
    [DS_PRODUCTS] = { "vendor", "product", "certifications", "end_of_support", "critical_vulns" },
    [DS_ELEMENTS] = { "element", "operator", "site", "domain", "function", "vendor", "product", "sw_version",
                      "installed", "status" },
    [DS_LINKS] = { "element", "depends_on", "group" },
    [DS_MEASURES] = { "scope", "measure", "status", "evidence", "date" },
};

int ds_kind(const char *name)
{
    for (int k = 0; k < DS_COUNT; k++)
        if (strcmp(name, ds_names[k]) == 0)
            return k;
    return -1;
}

const char *ds_col(enum ds_file f, int i)
{
    return i >= 0 && i < MAXC ? cols[f][i] : NULL;
}

void ds_header(struct nis5g_buf *b, enum ds_file f)
{
    for (int i = 0; i < MAXC && cols[f][i]; i++)
        nis5g_buf_addf(b, "%s%s", i ? "," : "", cols[f][i]);
    nis5g_buf_addch(b, '\n');
}

static void str(struct nis5g_buf *b, const struct nis5g_dict *d, uint32_t id)
{
    if (id != NIS5G_NONE)
        nis5g_csv_quote(b, nis5g_dict_str(d, id));
}

/* The shortest decimal that strtod reads back as x (what the importer
 * uses for anything but plain decimals). */
static void num(struct nis5g_buf *b, double x)
{
    if (isnan(x))
        return;
    char t[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(t, sizeof t, "%.*g", p, x);
        if (strtod(t, NULL) == x)
            break;
    }
    nis5g_buf_adds(b, t);
}

static void count(struct nis5g_buf *b, int64_t v)
{
    if (v >= 0)
        nis5g_buf_addf(b, "%lld", (long long)v);
}

static void date(struct nis5g_buf *b, int32_t d)
{
    char t[11];
    if (d != NIS5G_NO_DATE)
        nis5g_buf_adds(b, nis5g_date_format(d, t));
}

static void list(struct nis5g_buf *b, const struct nis5g_dict *d, const uint32_t *v, uint32_t from, uint32_t to)
{
    struct nis5g_buf t = NIS5G_BUF_INIT;
    for (uint32_t k = from; k < to; k++)
        nis5g_buf_addf(&t, "%s%s", k > from ? ";" : "", nis5g_dict_str(d, v[k]));
    if (t.len)
        nis5g_csv_quote(b, t.data);
    nis5g_buf_release(&t);
}

static int col_of(enum ds_file f, const char *col)
{
    for (int i = 0; i < MAXC && cols[f][i]; i++)
        if (strcmp(cols[f][i], col) == 0)
            return i;
    return -1;
}

static void operator_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t r, int c)
{
    switch (c) {
    case 0: str(b, &m->operators, r); break;
    case 1: str(b, &m->text, m->op_name[r]); break;
    case 2: str(b, &m->countries, m->op_country[r]); break;
    case 3: count(b, m->op_subscribers[r]); break;
    }
}

static void site_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t r, int c)
{
    switch (c) {
    case 0: str(b, &m->sites, r); break;
    case 1: str(b, &m->operators, m->site_operator[r]); break;
    case 2: num(b, m->site_lat[r]); break;
    case 3: num(b, m->site_lon[r]); break;
    case 4: str(b, &m->regions, m->site_region[r]); break;
    case 5: list(b, &m->tags, m->site_tags, m->site_tag_off[r], m->site_tag_off[r + 1]); break;
    case 6: num(b, m->site_backup_hours[r]); break;
    case 7: count(b, m->site_subscribers[r]); break;
    }
}

static void supplier_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t v, int c)
{
    if (c == 0)
        str(b, &m->vendors, v);
    else if (c == 1)
        str(b, &m->countries, m->sup_country[v]);
    else if (c == 2)
        count(b, m->sup_state_owned[v]);
    else if (c < 3 + NIS5G_F_COUNT) {
        uint8_t x = nis5g_factor(m, v, (enum nis5g_factor)(c - 3));
        if (x != NIS5G_FACTOR_UNSET)
            nis5g_buf_addch(b, (char)('0' + x));
    } else if (c == 3 + NIS5G_F_COUNT) {
        if (m->sup_designation[v] != NIS5G_RISK_UNKNOWN)
            nis5g_buf_adds(b, nis5g_risk_names[m->sup_designation[v]]);
    } else {
        str(b, &m->text, m->sup_notes[v]);
    }
}

static void product_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t r, int c)
{
    switch (c) {
    case 0: str(b, &m->vendors, m->prod_vendor[r]); break;
    case 1: str(b, &m->products, m->prod_name[r]); break;
    case 2: list(b, &m->certs, m->prod_certs, m->prod_cert_off[r], m->prod_cert_off[r + 1]); break;
    case 3: date(b, m->prod_end_of_support[r]); break;
    case 4: count(b, m->prod_critical_vulns[r]); break;
    }
}

static void element_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t r, int c)
{
    switch (c) {
    case 0: str(b, &m->elements, r); break;
    case 1: str(b, &m->operators, m->el_operator[r]); break;
    case 2: str(b, &m->sites, m->el_site[r]); break;
    case 3: nis5g_buf_adds(b, nis5g_domain_names[m->el_domain[r]]); break;
    case 4: str(b, &m->functions, m->el_function[r]); break;
    case 5: str(b, &m->vendors, m->el_vendor[r]); break;
    case 6: str(b, &m->products, m->el_product[r]); break;
    case 7: str(b, &m->text, m->el_sw[r]); break;
    case 8: date(b, m->el_installed[r]); break;
    case 9: nis5g_buf_adds(b, nis5g_status_names[m->el_status[r]]); break;
    }
}

static void measure_field(struct nis5g_buf *b, const struct nis5g_model *m, uint32_t r, int c)
{
    switch (c) {
    case 0:
        if (m->ms_operator[r] != NIS5G_NONE)
            str(b, &m->operators, m->ms_operator[r]);
        else
            str(b, &m->countries, m->ms_country[r]);
        break;
    case 1: str(b, &m->text, m->ms_measure[r]); break;
    case 2: nis5g_buf_adds(b, nis5g_mstatus_names[m->ms_status[r]]); break;
    case 3: str(b, &m->text, m->ms_evidence[r]); break;
    case 4: date(b, m->ms_date[r]); break;
    }
}

static void field_at(struct nis5g_buf *b, const struct nis5g_model *m, enum ds_file f, uint32_t r, uint32_t src,
                     int c)
{
    switch (f) {
    case DS_OPERATORS: operator_field(b, m, r, c); break;
    case DS_SITES: site_field(b, m, r, c); break;
    case DS_SUPPLIERS: supplier_field(b, m, r, c); break;
    case DS_PRODUCTS: product_field(b, m, r, c); break;
    case DS_ELEMENTS: element_field(b, m, r, c); break;
    case DS_LINKS:
        if (c == 0)
            str(b, &m->elements, src);
        else if (c == 1)
            str(b, &m->elements, m->dep[r]);
        else
            str(b, &m->groups, m->dep_group[r]);
        break;
    case DS_MEASURES: measure_field(b, m, r, c); break;
    default: break;
    }
}

void ds_field(struct nis5g_buf *b, const struct nis5g_model *m, enum ds_file f, uint32_t r, uint32_t src,
              const char *col)
{
    int c = col_of(f, col);
    if (c >= 0)
        field_at(b, m, f, r, src, c);
}

void ds_row(struct nis5g_buf *b, const struct nis5g_model *m, enum ds_file f, uint32_t r, uint32_t src)
{
    for (int i = 0; i < MAXC && cols[f][i]; i++) {
        if (i)
            nis5g_buf_addch(b, ',');
        field_at(b, m, f, r, src, i);
    }
    nis5g_buf_addch(b, '\n');
}
