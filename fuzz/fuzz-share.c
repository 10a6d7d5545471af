/*
 * fuzz-share.c — libFuzzer driver for the STIX and OSCAL writers
 * (stix.c, oscal.c) fed with a package document they did not make: any
 * bytes that parse as JSON are taken as a package ("package" member, or
 * the whole document) and written as a STIX 2.1 bundle at the TLP level
 * chosen by the last byte, as OSCAL assessment results of a small fixed
 * toolbox, and as an OSCAL catalog whose controls are the codes of the
 * package's measures section (its "status" as their titles: odd codes and
 * titles the catalogue loader would refuse). What either writer returns must dump as JSON that parses
 * again (a writer must never produce a document a peer cannot read); a
 * document that does not would abort the run.
 *
 * Built and run by `make fuzz` and `make fuzz-smoke` from
 * fuzz/corpus/share (packages of the generator's data, and broken ones).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "nis5g/buf.h"
#include "nis5g/oscal.h"
#include "nis5g/query.h"
#include "nis5g/stix.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct nis5g_oscal_mitigation mit[] = {
    { "R1", "Poor security measures of operators", "likelihood" },
    { "R5", "State interference through the supply chain", "impact" },
    { "R9", NULL, NULL },
};
static const struct nis5g_oscal_measure measures[] = {
    { "SM03", "Assess the risk profile of suppliers", mit, 2 },
    { "TM01", "Apply baseline security requirements", mit + 1, 2 },
    { "SA01", "Review the toolbox", NULL, 0 },
};

/* doc must dump as JSON that parses back and dumps again to the same
 * bytes. (Not json_equal to doc: numbers are written with 10 significant
 * digits, so a real of a fuzzed package such as 6666...666.29 comes back
 * as 6.666666667e+54 — fuzz/corpus/share/regress-real-precision.) */
static void check_roundtrip(json_t *doc, const char *what)
{
    struct nis5g_buf b = NIS5G_BUF_INIT, b2 = NIS5G_BUF_INIT;
    if (nis5g_json_dump(doc, &b)) {
        fprintf(stderr, "fuzz-share: the %s does not dump as JSON\n", what);
        abort();
    }
    json_error_t je;
    json_t *again = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &je);
    if (!again || nis5g_json_dump(again, &b2) || b2.len != b.len || memcmp(b.data, b2.data, b.len) != 0) {
        fprintf(stderr, "fuzz-share: the %s does not parse back: %s\n", what, again ? "differs" : je.text);
        abort();
    }
    json_decref(again);
    nis5g_buf_release(&b);
    nis5g_buf_release(&b2);
}

/* the catalog of the measures section's codes */
static void catalog_of(const json_t *pkg)
{
    struct nis5g_oscal_measure m[64];
    size_t n = 0, i;
    json_t *r;
    json_array_foreach(json_object_get(json_object_get(pkg, "sections"), "measures"), i, r)
    {
        const char *code = json_string_value(json_object_get(r, "measure"));
        if (n < sizeof m / sizeof m[0] && code) {
            const char *title = json_string_value(json_object_get(r, "status"));
            m[n] = (struct nis5g_oscal_measure){ code, title ? title : code, mit, i % 4 };
            n++;
        }
    }
    struct nis5g_err err = { 0 };
    json_t *cat = nis5g_oscal_catalog(m, n, "2026-12-07T00:00:00Z", NULL, &err);
    if (cat)
        check_roundtrip(cat, "OSCAL catalog");
    json_decref(cat);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    json_error_t je;
    json_t *doc = json_loadb((const char *)data, size - 1, 0, &je);
    if (!doc)
        return 0;
    const json_t *pkg = json_object_get(doc, "package") ? json_object_get(doc, "package") : doc;
    struct nis5g_err err = { 0 };
    json_t *bundle = nis5g_stix_bundle(pkg, data[size - 1] % 5, &err);
    if (bundle)
        check_roundtrip(bundle, "STIX bundle");
    json_decref(bundle);
    struct nis5g_err err2 = { 0 };
    json_t *ar = nis5g_oscal_assessment(pkg, measures, sizeof measures / sizeof measures[0], size % 2 ? "1.1.2" : NULL, &err2);
    if (ar)
        check_roundtrip(ar, "OSCAL assessment");
    json_decref(ar);
    catalog_of(pkg);
    json_decref(doc);
    return 0;
}
