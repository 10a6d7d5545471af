/*
 * fuzz-catalog.c — libFuzzer driver for the risk catalogues (catalog.c):
 * the input is the five files (threat-actors, scenarios, toolbox, mapping,
 * assets) separated by 0x01 bytes; whatever loads is then used to score a
 * scope of zero figures and to classify the elements of a tiny model.
 *
 * Built and run by `make fuzz` and `make fuzz-smoke` from
 * fuzz/corpus/catalog (the shipped catalogues, and a broken variant).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nis5g/buf.h"
#include "nis5g/catalog.h"
#include "nis5g/risk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void classify_tiny(const struct nis5g_catalog *c)
{
    struct nis5g_model *m = nis5g_model_new();
    nis5g_dict_intern(&m->sites, "S1", 2);
    nis5g_dict_intern(&m->functions, "RU", 2);
    nis5g_dict_intern(&m->functions, "AMF", 3);
    nis5g_dict_intern(&m->tags, "gov", 3);
    m->site_tag_off = nis5g_xcalloc(2, sizeof(uint32_t));
    m->site_tag_off[1] = 1;
    m->site_tags = nis5g_xcalloc(1, sizeof(uint32_t));
    m->n_elements = 2;
    m->el_site = nis5g_xcalloc(2, sizeof(uint32_t));
    m->el_site[1] = NIS5G_NONE;
    m->el_domain = nis5g_xcalloc(2, 1);
    m->el_domain[1] = NIS5G_DOM_CORE;
    m->el_function = nis5g_xcalloc(2, sizeof(uint16_t));
    m->el_function[1] = 1;
    m->el_status = nis5g_xcalloc(2, 1);
    uint8_t *cls;
    nis5g_catalog_classify(c, m, &cls);
    free(cls);
    nis5g_model_free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct nis5g_catalog_texts t;
    memset(&t, 0, sizeof t);
    const char *p = (const char *)data, *end = p + size;
    for (int k = 0; k < 5; k++) {
        const char *q = k < 4 ? memchr(p, 1, (size_t)(end - p)) : NULL;
        if (!q)
            q = end;
        t.text[k] = p;
        t.len[k] = (size_t)(q - p);
        p = q < end ? q + 1 : end;
    }
    struct nis5g_catalog c;
    struct nis5g_diags d;
    nis5g_diags_init(&d);
    if (nis5g_catalog_parse(&c, &t, &d) == NIS5G_OK) {
        double *mv = calloc(c.n_measures + 1, sizeof *mv);
        uint64_t *cn = calloc(c.n_classes + 1, sizeof *cn);
        struct nis5g_risk_inputs in = { .scope = "XX", .national = 1, .n_classes = c.n_classes, .class_n = cn,
                                        .class_hr = cn, .hr_vendors = "", .div_domain = -1, .measure_value = mv };
        struct nis5g_risk_result r;
        nis5g_risk_score(&c, &in, &r);
        classify_tiny(&c);
        free(mv);
        free(cn);
        nis5g_catalog_release(&c);
    }
    nis5g_diags_release(&d);
    return 0;
}
