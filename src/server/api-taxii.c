/*
 * api-taxii.c — TAXII 2.1 (docs/taxii.md): discovery, one API root, its
 * collections (taxii.h: by TLP audience) and their objects and manifest,
 * read-only, with pagination, so that MISP and OpenCTI can pull the
 * approved exports as STIX. Only the approved bytes are ever turned into
 * objects; a peer sees only the collections its state may read, and a
 * collection it may not read is answered like one that does not exist.
 */
#include <stdlib.h>
#include <string.h>

#include <microhttpd.h>

#include "nis5g/opts.h"
#include "nis5g/taxii.h"
#include "server.h"

#define ROOT "/taxii2/api1/"
#define MAX_LIMIT 1000

static int taxii_send(struct srv_req *r, unsigned status, json_t *doc, const char *const *headers)
{
    struct nis5g_buf b = NIS5G_BUF_INIT;
    if (!doc || nis5g_json_dump(doc, &b)) {
        json_decref(doc);
        nis5g_buf_release(&b);
        return srv_send_error(r, 500, "nomem", "out of memory", NULL);
    }
    int rc = srv_send_headers(r, status, NIS5G_TAXII_MEDIA, b.data, b.len, headers);
    nis5g_buf_release(&b);
    json_decref(doc);
    return rc;
}

/* A TAXII error message: {"title", "description", "http_status"}. */
static int taxii_error(struct srv_req *r, unsigned status, const char *title, const char *description)
{
    char s[8];
    snprintf(s, sizeof s, "%u", status);
    return taxii_send(r, status, json_pack("{s:s, s:s, s:s}", "title", title, "description", description,
                                           "http_status", s),
                      NULL);
}

/* The client must accept TAXII 2.1 (or anything): else 406. */
static int accepted(struct srv_req *r)
{
    const char *a = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Accept");
    if (!a || strstr(a, "*/*") || strstr(a, "application/*"))
        return 1;
    const char *t = strstr(a, "application/taxii+json");
    if (!t)
        return 0;
    const char *end = strchr(t, ','), *v = strstr(t, "version=");
    return !v || (end && v > end) || strncmp(v + 8, "2.1", 3) == 0;
}

#define NEED_ACCEPT(r)                                                                                        \
    do {                                                                                                      \
        if (!accepted(r))                                                                                     \
            return taxii_error(r, 406, "not acceptable", "this server speaks " NIS5G_TAXII_MEDIA);            \
    } while (0)

static const char *peer_of(const struct srv_req *r)
{
    return r->role == SRV_ROLE_PEER ? r->state : NULL;
}

SRV_HANDLER(srv_api_taxii_discovery)
{
    (void)route;
    NEED_ACCEPT(r);
    const char *host = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, "Host");
    struct nis5g_buf url = NIS5G_BUF_INIT;
    if (host && *host && !strpbrk(host, " \"<>\\/"))
        nis5g_buf_addf(&url, "%s://%s", r->srv->tls ? "https" : "http", host);
    nis5g_buf_adds(&url, ROOT);
    json_t *doc = json_pack("{s:s, s:s, s:s, s:[s]}", "title", "nis5g national 5G supply-chain assessments",
                            "description", "the approved national packages of this authority, as STIX 2.1",
                            "default", url.data, "api_roots", url.data);
    nis5g_buf_release(&url);
    return taxii_send(r, 200, doc, NULL);
}

SRV_HANDLER(srv_api_taxii_root)
{
    (void)route;
    NEED_ACCEPT(r);
    return taxii_send(r, 200,
                      json_pack("{s:s, s:s, s:[s], s:I}", "title", "nis5g", "description",
                                "the approved exports by TLP audience (read-only)", "versions", NIS5G_TAXII_MEDIA,
                                "max_content_length", (json_int_t)r->srv->cfg.max_body),
                      NULL);
}

SRV_HANDLER(srv_api_taxii_collections)
{
    (void)route;
    NEED_ACCEPT(r);
    struct nis5g_store *st;
    struct nis5g_err err = { 0 };
    struct nis5g_taxii_collection *v;
    size_t n;
    if (srv_req_store(r, &st, &err) || nis5g_taxii_collections(st, peer_of(r), &v, &n, &err))
        return taxii_error(r, 500, "internal error", err.msg);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, nis5g_taxii_collection_json(&v[i]));
    free(v);
    return taxii_send(r, 200, json_pack("{s:o}", "collections", a), NULL);
}

/* The collection of the path (its id is the 4th segment), or answered. */
static int find(struct srv_req *r, struct nis5g_taxii_collection *c, int *answered)
{
    *answered = 1;
    const char *p = r->url + strlen(ROOT "collections/");
    char id[64];
    size_t n = strcspn(p, "/");
    snprintf(id, sizeof id, "%.*s", (int)(n < sizeof id ? n : sizeof id - 1), p);
    struct nis5g_store *st;
    struct nis5g_err err = { 0 };
    int rc = srv_req_store(r, &st, &err);
    if (!rc)
        rc = nis5g_taxii_collection_find(st, peer_of(r), id, c, &err);
    if (rc == NIS5G_ENOTFOUND)
        return taxii_error(r, 404, "not found", err.msg);
    if (rc)
        return taxii_error(r, 500, "internal error", err.msg);
    *answered = 0;
    return 0;
}

SRV_HANDLER(srv_api_taxii_collection)
{
    (void)route;
    NEED_ACCEPT(r);
    struct nis5g_taxii_collection c;
    int answered, rc = find(r, &c, &answered);
    return answered ? rc : taxii_send(r, 200, nis5g_taxii_collection_json(&c), NULL);
}

/* ---- objects and manifest: filters and pages ---- */

struct page {
    size_t offset, limit;
    const char *added_after, *ids, *types, *version; /* version: last (default), first, all */
};

/* word in a comma-separated list */
static int listed(const char *list, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = list; p && *p;) {
        size_t k = strcspn(p, ",");
        if (k == n && strncmp(p, word, n) == 0)
            return 1;
        p += k + (p[k] == ',');
    }
    return 0;
}

static int parse_page(struct srv_req *r, struct page *pg)
{
    memset(pg, 0, sizeof *pg);
    pg->limit = 100;
    const char *v = srv_arg(r, "limit");
    uint64_t x;
    if (v) {
        if (nis5g_parse_uint(v, &x) || x < 1)
            return -1;
        pg->limit = x > MAX_LIMIT ? MAX_LIMIT : (size_t)x;
    }
    if ((v = srv_arg(r, "next"))) {
        if (nis5g_parse_uint(v, &x))
            return -1;
        pg->offset = (size_t)x;
    }
    pg->added_after = srv_arg(r, "added_after");
    if (pg->added_after && strlen(pg->added_after) < 19)
        return -1;
    pg->ids = srv_arg(r, "match[id]");
    pg->types = srv_arg(r, "match[type]");
    pg->version = srv_arg(r, "match[version]");
    if (!pg->version)
        pg->version = "last";
    if (strcmp(pg->version, "last") && strcmp(pg->version, "first") && strcmp(pg->version, "all"))
        return -1;
    return 0;
}

static int keep(const struct nis5g_taxii_objects *all, size_t i, const struct page *pg, const char *only_id)
{
    const struct nis5g_taxii_object *x = &all->v[i];
    char type[64];
    snprintf(type, sizeof type, "%.*s", (int)strcspn(x->id, "-"), x->id);
    if ((only_id && strcmp(x->id, only_id) != 0) || (pg->ids && !listed(pg->ids, x->id)) ||
        (pg->types && !listed(pg->types, type)) ||
        (pg->added_after && strncmp(x->date_added, pg->added_after, 19) <= 0))
        return 0;
    if (strcmp(pg->version, "all") == 0)
        return 1;
    int last = strcmp(pg->version, "last") == 0;
    for (size_t k = 0; k < all->n; k++)
        if (k != i && strcmp(all->v[k].id, x->id) == 0 &&
            (last ? strcmp(all->v[k].version, x->version) > 0 : strcmp(all->v[k].version, x->version) < 0))
            return 0;
    return 1;
}

/* The page of objects (manifest: their manifest entries) of the
 * collection of the path, with the date-added headers. */
static int serve_objects(struct srv_req *r, int manifest, const char *only_id)
{
    NEED_ACCEPT(r);
    struct page pg;
    if (parse_page(r, &pg))
        return taxii_error(r, 400, "bad request",
                           "limit is a whole number from 1, next a value this server gave, added_after a "
                           "timestamp, match[version] last, first or all");
    struct nis5g_taxii_collection c;
    int answered, rc = find(r, &c, &answered);
    if (answered)
        return rc;
    struct nis5g_taxii_objects all;
    struct nis5g_err err = { 0 };
    if (nis5g_taxii_objects(r->st, &c, &all, &err)) {
        struct nis5g_err e2 = { 0 };
        srv_audit(r, "taxii.objects", c.name, "refused", err.msg, &e2);
        return taxii_error(r, 500, "internal error", err.msg);
    }
    json_t *objs = json_array();
    size_t seen = 0, first = 0, last = 0;
    int more = 0;
    for (size_t i = 0; i < all.n; i++) {
        if (!keep(&all, i, &pg, only_id) || seen++ < pg.offset)
            continue;
        if (json_array_size(objs) == pg.limit) {
            more = 1;
            break;
        }
        const struct nis5g_taxii_object *x = &all.v[i];
        if (!json_array_size(objs))
            first = i;
        last = i;
        json_array_append_new(objs, manifest ? json_pack("{s:s, s:s, s:s, s:s}", "id", x->id, "date_added",
                                                         x->date_added, "version", x->version, "media_type",
                                                         NIS5G_STIX_MEDIA)
                                             : json_incref(x->obj));
    }
    json_t *doc = json_pack("{s:b}", "more", more);
    char next[32], a[32] = "", b[32] = "";
    if (more) {
        snprintf(next, sizeof next, "%zu", pg.offset + json_array_size(objs));
        json_object_set_new(doc, "next", json_string(next));
    }
    if (json_array_size(objs)) {
        json_object_set(doc, "objects", objs);
        snprintf(a, sizeof a, "%s", all.v[first].date_added);
        snprintf(b, sizeof b, "%s", all.v[last].date_added);
    }
    json_decref(objs);
    nis5g_taxii_objects_release(&all);
    const char *const h[] = { "X-TAXII-Date-Added-First", a, "X-TAXII-Date-Added-Last", b, NULL };
    if (srv_audit(r, manifest ? "taxii.manifest" : "taxii.objects", c.name, "ok", NULL, &err))
        return srv_send_err(r, &err, NULL);
    if (only_id && !a[0]) {
        json_decref(doc);
        return taxii_error(r, 404, "not found", "no such object in this collection");
    }
    return taxii_send(r, 200, doc, a[0] ? h : NULL);
}

SRV_HANDLER(srv_api_taxii_objects)
{
    (void)route;
    return serve_objects(r, 0, NULL);
}

SRV_HANDLER(srv_api_taxii_manifest)
{
    (void)route;
    return serve_objects(r, 1, NULL);
}

SRV_HANDLER(srv_api_taxii_object)
{
    (void)route;
    char id[sizeof r->param];
    memcpy(id, r->param, sizeof id);
    return serve_objects(r, 0, id);
}
