/*
 * openapi.c — the API described as an OpenAPI 3.1 document, generated
 * from the route table and the queries' option tables, so that the
 * description cannot drift from what the server does
 * (GET /api/v1/openapi.json; `nis5g serve --openapi` prints it).
 */
#include <string.h>

#include <microhttpd.h>

#include "nis5g/taxii.h"
#include "nis5g/version.h"
#include "server.h"

static json_t *schema_of(const struct nis5g_opt *o)
{
    switch (o->type) {
    case NIS5G_OPT_FLAG:
        return json_pack("{s:s}", "type", "boolean");
    case NIS5G_OPT_LIST:
        return json_pack("{s:s, s:{s:s}}", "type", "array", "items", "type", "string");
    case NIS5G_OPT_DATE:
        return json_pack("{s:s, s:s}", "type", "string", "format", "date");
    case NIS5G_OPT_UINT:
        return json_pack("{s:s, s:i}", "type", "integer", "minimum", 0);
    case NIS5G_OPT_NUMBER:
        return json_pack("{s:s, s:i}", "type", "number", "minimum", 0);
    case NIS5G_OPT_CHOICE: {
        json_t *e = json_array();
        for (int i = 0; o->choices[i]; i++)
            json_array_append_new(e, json_string(o->choices[i]));
        return json_pack("{s:s, s:o}", "type", "string", "enum", e);
    }
    default:
        return json_pack("{s:s}", "type", "string");
    }
}

/* The query's options as parameters (in: query), INCLUDEs flattened. */
static void add_params(json_t *list, const struct nis5g_opt *t, const char *in)
{
    for (const struct nis5g_opt *o = t; o && o->type != NIS5G_OPT_END; o++) {
        if (o->type == NIS5G_OPT_INCLUDE) {
            add_params(list, o->include, in);
            continue;
        }
        if (!o->name || (o->flags & NIS5G_OPT_HIDDEN))
            continue;
        json_t *p = json_pack("{s:s, s:s, s:b, s:o}", "name", o->name, "in", in, "required",
                              (o->flags & NIS5G_OPT_REQUIRED) != 0, "schema", schema_of(o));
        if (o->help)
            json_object_set_new(p, "description", json_string(o->help));
        if (o->type == NIS5G_OPT_LIST || (o->flags & NIS5G_OPT_REPEATABLE))
            json_object_set_new(p, "explode", json_true());
        json_array_append_new(list, p);
    }
}

/* The media type of a route's 200 answer; *text: a string, not an object. */
static const char *media_type(const struct srv_route *rt, int *text)
{
    *text = 1;
    if (rt->handler == srv_api_report_html)
        return "text/html";
    if (rt->handler == srv_api_library)
        return "application/yaml";
    if (strncmp(rt->pattern, "/taxii2/", 8) == 0) {
        *text = 0;
        return NIS5G_TAXII_MEDIA;
    }
    if (strstr(rt->pattern, "/policies/{") && !strcmp(rt->method, "GET"))
        return "text/plain";
    *text = 0;
    return "application/json";
}

static json_t *responses(const struct srv_route *rt)
{
    json_t *r = json_object();
    int text;
    const char *type = media_type(rt, &text);
    /* the routes that make something answer 201 Created */
    int created = rt->handler == srv_api_exports_create || rt->handler == srv_api_token_create ||
                  rt->handler == srv_api_user_add;
    json_object_set_new(r, created ? "201" : "200",
                        json_pack("{s:s, s:{s:{s:{s:s}}}}", "description", "the document", "content", type, "schema",
                                  "type", text ? "string" : "object"));
    if (rt->handler == srv_api_elements) /* format=csv: the same page as CSV */
        json_object_set_new(json_object_get(json_object_get(r, "200"), "content"), "text/csv",
                            json_pack("{s:{s:s}}", "schema", "type", "string"));
    static const char *const codes[] = { "400", "401", "403", "404", "409", "413", "429", "500" };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        json_object_set_new(r, codes[i], json_pack("{s:s}", "$ref", "#/components/responses/Error"));
    return r;
}

static json_t *operation(const struct srv_route *rt)
{
    json_t *op = json_object();
    char id[160];
    size_t k = 0;
    for (const char *p = rt->method; *p && k < sizeof id - 1; p++)
        id[k++] = (char)(*p | 0x20);
    for (const char *p = rt->pattern; *p && k < sizeof id - 1; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
            id[k++] = *p;
        else if (k && id[k - 1] != '_')
            id[k++] = '_';
    id[k] = 0;
    json_object_set_new(op, "operationId", json_string(id));
    json_object_set_new(op, "summary", json_string(rt->summary ? rt->summary : ""));
    json_object_set_new(op, "x-nis5g-roles", rt->roles == SRV_ANYONE ? json_array() : srv_roles_json(rt->roles));
    if (rt->roles == SRV_ANYONE)
        json_object_set_new(op, "security", json_array());
    json_t *params = json_array();
    const char *brace = strchr(rt->pattern, '{');
    if (brace) {
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(strchr(brace, '}') - brace - 1), brace + 1);
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name, "in", "path", "required",
                                                1, "schema", "type", "string"));
    }
    const struct nis5g_query *q = rt->query ? nis5g_query_find(rt->query) : NULL;
    if (q && strcmp(rt->method, "GET") == 0)
        add_params(params, q->opts, "query");
    if (rt->handler == srv_api_taxii_objects || rt->handler == srv_api_taxii_manifest) {
        static const char *const taxii[][3] = {
            { "limit", "integer", "at most this many objects (1 to 1000, default 100)" },
            { "next", "string", "the next page: the value of 'next' in the previous answer" },
            { "added_after", "string", "only objects added after this timestamp" },
            { "match[id]", "string", "only these object ids (comma-separated)" },
            { "match[type]", "string", "only these object types (comma-separated)" },
            { "match[version]", "string", "last (default), first or all" },
        };
        for (size_t i = 0; i < sizeof taxii / sizeof taxii[0]; i++)
            json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:{s:s}}", "name", taxii[i][0], "in",
                                                    "query", "required", 0, "description", taxii[i][2], "schema",
                                                    "type", taxii[i][1]));
    }
    if (rt->handler == srv_api_packages_list)
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:s, s:{s:s, s:i}}", "name", "since", "in", "query",
                                                "required", 0, "description",
                                                "only the packages approved after this version", "schema", "type",
                                                "integer", "minimum", 0));
    if (rt->handler == srv_api_elements)
        json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s, s:[s,s]}, s:s}", "name", "format", "in",
                                                "query", "required", 0, "schema", "type", "string", "enum", "json",
                                                "csv", "description",
                                                "csv: the page as text/csv, the bytes of nis5g elements --csv"));
    json_object_set_new(op, "parameters", params);
    if (strcmp(rt->method, "POST") == 0 || strcmp(rt->method, "PUT") == 0) {
        int put = strcmp(rt->method, "PUT") == 0, multipart = rt->handler == srv_api_import || rt->handler == srv_api_submit;
        json_object_set_new(op, "requestBody",
                            json_pack("{s:b, s:{s:{s:{s:s}}}}", "required", rt->handler != srv_api_logout, "content",
                                      put         ? "text/plain"
                                      : multipart ? "multipart/form-data"
                                                  : "application/json",
                                      "schema", "type", put ? "string" : "object"));
    }
    json_object_set_new(op, "responses", responses(rt));
    return op;
}

json_t *srv_openapi(void)
{
    json_t *paths = json_object();
    for (size_t i = 0; i < srv_n_routes; i++) {
        const struct srv_route *rt = &srv_routes[i];
        json_t *item = json_object_get(paths, rt->pattern);
        if (!item) {
            item = json_object();
            json_object_set_new(paths, rt->pattern, item);
        }
        char m[16];
        size_t k = 0;
        for (const char *p = rt->method; *p && k < sizeof m - 1; p++)
            m[k++] = (char)(*p | 0x20);
        m[k] = 0;
        json_object_set_new(item, m, operation(rt));
    }
    json_t *error = json_pack(
        "{s:s, s:{s:{s:{s:s, s:[s], s:{s:{s:s, s:[s,s], s:{s:{s:s}, s:{s:s}, s:{s:s, s:{s:s}}}}}}}}}", "description",
        "an error: a stable code, a message, and for bad input the diagnostics with file, line and column",
        "content", "application/json", "schema", "type", "object", "required", "error", "properties", "error",
        "type", "object", "required", "code", "message", "properties", "code", "type", "string", "message", "type",
        "string", "diagnostics", "type", "array", "items", "type", "object");
    return json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:o}, s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}}, s:[{s:[]}, "
                     "{s:[]}]}",
                     "openapi", "3.1.0", "info", "title", "nis5g", "version", NIS5G_VERSION, "description",
                     "5G supply-chain security: the national assessment's queries and changes (docs/serve.md)",
                     "paths", paths, "components", "responses", "Error", error, "securitySchemes", "bearer", "type",
                     "http", "scheme", "bearer", "session", "type", "apiKey", "in", "cookie", "name",
                     "__Host-nis5g", "security", "bearer", "session");
}

SRV_HANDLER(srv_api_openapi)
{
    return srv_send_json(r, 200, srv_openapi());
}

SRV_HANDLER(srv_api_healthz)
{
    return srv_send_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

json_t *nis5g_serve_openapi(void)
{
    return srv_openapi();
}
