/*
 * taxii.c — TAXII 2.1 collections over the approved exports (taxii.h,
 * docs/taxii.md): which collections a caller may read, and the STIX
 * objects of each, from the exact bytes that were approved.
 */
#include <stdlib.h>
#include <string.h>

#include "nis5g/exports.h"
#include "nis5g/package.h"
#include "nis5g/stix.h"
#include "nis5g/taxii.h"

static void collection(const char *name, struct nis5g_taxii_collection *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    char id[80];
    nis5g_stix_id("collection", name, id, sizeof id);
    const char *uuid = strstr(id, "--") ? strstr(id, "--") + 2 : id;
    snprintf(c->id, sizeof c->id, "%.36s", uuid);
    if (strcmp(name, "shared") == 0)
        snprintf(c->title, sizeof c->title, "Shared with every peer (TLP:CLEAR, TLP:GREEN)");
    else
        snprintf(c->title, sizeof c->title, "Shared with %s", name + 3);
}

/* "shared": what any peer may receive (no recipient named); "to-XX":
 * what names XX. The rule itself is nis5g_exports_visible's. */
static int in_collection(const struct nis5g_prepared *p, const struct nis5g_taxii_collection *c)
{
    int shared = strcmp(c->name, "shared") == 0;
    return shared == !p->recipients[0] && nis5g_exports_visible(p, shared ? "" : c->name + 3);
}

static int add_name(char (*names)[3], size_t *n, const char *cc)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(names[i], cc) == 0)
            return 0;
    memcpy(names[(*n)++], cc, 3);
    return 1;
}

static int cmp_cc(const void *a, const void *b)
{
    return strcmp(a, b);
}

int nis5g_taxii_collections(struct nis5g_store *st, const char *peer_state, struct nis5g_taxii_collection **v,
                            size_t *n, struct nis5g_err *err)
{
    *v = NULL;
    *n = 0;
    struct nis5g_prepared *ex;
    size_t nex;
    struct nis5g_exports_filter f = { .approved_only = 1 };
    int rc = nis5g_exports_list(st, &f, &ex, &nex, err);
    if (rc)
        return rc;
    /* the states named: every recipient of an approved export, or the peer's own */
    size_t cap = 1;
    for (size_t i = 0; i < nex; i++)
        cap += strlen(ex[i].recipients) / 3 + 1;
    char(*cc)[3] = nis5g_xcalloc(cap, 3);
    size_t ncc = 0;
    if (peer_state)
        add_name(cc, &ncc, peer_state);
    for (size_t i = 0; !peer_state && i < nex; i++)
        for (const char *r = ex[i].recipients; *r; r += r[2] ? 3 : 2) {
            char s[3] = { r[0], r[1], 0 };
            add_name(cc, &ncc, s);
        }
    qsort(cc, ncc, 3, cmp_cc);
    *v = nis5g_xcalloc(ncc + 1, sizeof **v);
    collection("shared", &(*v)[(*n)++]);
    for (size_t i = 0; i < ncc; i++) {
        char name[8];
        snprintf(name, sizeof name, "to-%s", cc[i]);
        collection(name, &(*v)[(*n)++]);
    }
    free(cc);
    free(ex);
    return 0;
}

int nis5g_taxii_collection_find(struct nis5g_store *st, const char *peer_state, const char *id,
                                struct nis5g_taxii_collection *out, struct nis5g_err *err)
{
    struct nis5g_taxii_collection *v;
    size_t n;
    int rc = nis5g_taxii_collections(st, peer_state, &v, &n, err);
    if (rc)
        return rc;
    rc = NIS5G_ENOTFOUND;
    for (size_t i = 0; i < n && rc; i++)
        if (strcmp(v[i].id, id) == 0) {
            *out = v[i];
            rc = 0;
        }
    free(v);
    return rc ? nis5g_err_set(err, NIS5G_ENOTFOUND, "no collection '%.80s'", id) : 0;
}

json_t *nis5g_taxii_collection_json(const struct nis5g_taxii_collection *c)
{
    char what[200];
    if (strcmp(c->name, "shared") == 0)
        snprintf(what, sizeof what, "the approved national packages any peer may receive, as STIX 2.1");
    else
        snprintf(what, sizeof what, "the approved national packages that name %s as a recipient, as STIX 2.1",
                 c->name + 3);
    return json_pack("{s:s, s:s, s:s, s:s, s:b, s:b, s:[s]}", "id", c->id, "title", c->title, "description", what,
                     "alias", c->name, "can_read", 1, "can_write", 0, "media_types", NIS5G_STIX_MEDIA);
}

/* The objects of one approved export's bundle, added at date. */
static int add_bundle(struct nis5g_store *st, const struct nis5g_prepared *p, struct nis5g_taxii_objects *out,
                      size_t *cap, struct nis5g_err *err)
{
    struct nis5g_buf bytes = NIS5G_BUF_INIT;
    struct nis5g_package pkg;
    memset(&pkg, 0, sizeof pkg);
    int rc = nis5g_exports_bytes(st, p->id, 1, &bytes, err);
    if (!rc)
        rc = nis5g_package_parse(bytes.data, bytes.len, &pkg, err);
    json_t *b = rc ? NULL : nis5g_stix_bundle(pkg.doc, pkg.tlp, err);
    if (!rc && !b)
        rc = err->code ? err->code : NIS5G_EINTERNAL;
    json_t *objs = json_object_get(b, "objects");
    for (size_t i = 0; !rc && i < json_array_size(objs); i++) {
        json_t *o = json_array_get(objs, i);
        const char *id = json_string_value(json_object_get(o, "id"));
        const char *ver = json_string_value(json_object_get(o, "modified"));
        if (!ver)
            ver = json_string_value(json_object_get(o, "created"));
        size_t k = 0;
        while (k < out->n && !(id && ver && !strcmp(out->v[k].id, id) && !strcmp(out->v[k].version, ver)))
            k++;
        if (!id || !ver || k < out->n)
            continue;
        if (out->n == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            out->v = nis5g_xrealloc(out->v, *cap * sizeof *out->v);
        }
        struct nis5g_taxii_object *x = &out->v[out->n++];
        x->obj = json_incref(o);
        x->id = id;
        x->version = ver;
        snprintf(x->date_added, sizeof x->date_added, "%.19s.000Z", p->approved_at);
    }
    json_decref(b);
    nis5g_package_release(&pkg);
    nis5g_buf_release(&bytes);
    return rc;
}

int nis5g_taxii_objects(struct nis5g_store *st, const struct nis5g_taxii_collection *c,
                        struct nis5g_taxii_objects *out, struct nis5g_err *err)
{
    memset(out, 0, sizeof *out);
    struct nis5g_prepared *ex;
    size_t nex, cap = 0;
    struct nis5g_exports_filter f = { .approved_only = 1 };
    int rc = nis5g_exports_list(st, &f, &ex, &nex, err);
    for (size_t i = 0; !rc && i < nex; i++)
        if (in_collection(&ex[i], c))
            rc = add_bundle(st, &ex[i], out, &cap, err);
    free(ex);
    if (rc)
        nis5g_taxii_objects_release(out);
    return rc;
}

void nis5g_taxii_objects_release(struct nis5g_taxii_objects *o)
{
    for (size_t i = 0; i < o->n; i++)
        json_decref(o->v[i].obj);
    free(o->v);
    o->v = NULL;
    o->n = 0;
}
