/*
 * generate-int.h — shared between the generator's files: the figures loaded
 * from data/countries.csv, data/vendors.csv and data/products.csv.
 */
#ifndef NIS5G_GENERATE_INT_H
#define NIS5G_GENERATE_INT_H

#include <stdint.h>

#include "nis5g/err.h"

/* Network functions the generator emits; products name the ones they fit. */
enum gen_fn {
    FN_RU, FN_DU, FN_CU, FN_GNB,
    FN_AMF, FN_SMF, FN_UPF, FN_AUSF, FN_UDM, FN_UDR, FN_PCF, FN_NRF, FN_NSSF, FN_NEF, FN_SEPP, FN_NWDAF,
    FN_OSS, FN_EMS, FN_MANO,
    FN_ROUTER, FN_SWITCH, FN_FIREWALL,
    FN_NFVI, FN_POWER,
    FN_COUNT
};
extern const char *const gen_fn_name[FN_COUNT];

#define GEN_MAX_MIX 6
#define GEN_MAX_REGIONS 32
#define GEN_MAX_OPS 6
#define GEN_MAX_VENDORS 32
#define GEN_MAX_PRODUCTS 128
#define GEN_YEAR0 2016
#define GEN_YEARS 11 /* 2016..2026 */

struct gen_mix {
    int n;
    int v[GEN_MAX_MIX]; /* vendor index */
    double w[GEN_MAX_MIX];
};

struct gen_region {
    char code[12];
    double lat, lon, pop; /* a centre and its population in millions */
};

struct gen_op {
    char id[40], name[80];
    double share; /* percent of the country's subscriptions */
    struct gen_mix ran, core, transport;
};

struct gen_country {
    char code[3], name[40], capital[40];
    double pop, clat, clon, lat0, lat1, lon0, lon1, spread_km, cn;
    int32_t restricted; /* NIS5G_NO_DATE when none */
    struct gen_region reg[GEN_MAX_REGIONS];
    int nreg;
    struct gen_op op[GEN_MAX_OPS];
    int nop;
};

struct gen_vendor {
    char name[24];
    char *row; /* the suppliers.csv row (without the source column), with '\n' */
    int chinese;
};

struct gen_product {
    int vendor;
    char name[48];
    uint32_t fmask; /* 1 << enum gen_fn */
    int y0, y1;
    char certs[32], eos[11];
    int vulns;
};

struct gen_data {
    struct gen_country *c;
    int nc;
    struct gen_vendor v[GEN_MAX_VENDORS];
    int nv;
    struct gen_product p[GEN_MAX_PRODUCTS];
    int np;
};

/* Load the three data files (found with nis5g_data_path). */
int gen_data_load(struct gen_data *d, struct nis5g_err *err);
void gen_data_release(struct gen_data *d);
int gen_vendor_find(const struct gen_data *d, const char *name);

#endif
