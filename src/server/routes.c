/*
 * routes.c — the route table: every path the server answers, the method,
 * the handler, and the roles that may call it (docs/security.md). Nothing
 * outside this table is served; the authorization tests and the OpenAPI
 * document are generated from it.
 */
#include <string.h>

#include "server.h"

#define N SRV_NATIONAL
#define A SRV_ROLE_ADMIN
#define AUTHED (SRV_ROLE_ADMIN | SRV_ROLE_ANALYST | SRV_ROLE_OPERATOR | SRV_ROLE_PEER)
/* national, and an operator's user on its own operator's model (api-query.c) */
#define S (SRV_NATIONAL | SRV_ROLE_OPERATOR)
#define Q(path, name, roles, what) { "GET", "/api/v1/" path, srv_api_query, roles, name, what }

const struct srv_route srv_routes[] = {
    { "GET", "/healthz", srv_api_healthz, SRV_ANYONE, NULL, "liveness: 200 and {\"status\":\"ok\"}" },
    { "GET", "/", srv_api_static, SRV_ANYONE, NULL, "the dashboard's page (docs/dashboard.md)" },
    { "GET", "/ui/{file}", srv_api_static, SRV_ANYONE, NULL, "the dashboard's scripts, styles and vendored assets" },
    { "GET", "/api/v1/openapi.json", srv_api_openapi, AUTHED, NULL, "this API as an OpenAPI 3.1 document" },
    { "POST", "/api/v1/session", srv_api_login, SRV_ANYONE, NULL, "log in: {\"user\",\"password\"} sets the session cookie" },
    { "DELETE", "/api/v1/session", srv_api_logout, AUTHED, NULL, "log out: ends the session" },
    { "GET", "/api/v1/me", srv_api_me, AUTHED, NULL, "who is asking: user, role, operator, state" },

    /* the queries of the command line, same parameters, same bytes */
    Q("summary", "summary", S, "the summary, national or of the operator's own (nis5g summary --json)"),
    { "GET", "/api/v1/elements", srv_api_elements, S, "elements",
      "the elements behind a figure, paged (nis5g elements --json; format=csv: --csv)" },
    Q("snapshots", "snapshots", S, "the snapshots; an operator's user: its own counts (nis5g snapshots --json)"),
    Q("diff", "diff", S, "what changed between two snapshots, national or of the operator's own (nis5g diff --json)"),
    Q("diversity", "diversity", S, "vendor shares and HHI (nis5g diversity --json)"),
    Q("killswitch", "killswitch", S, "what each vendor could switch off (nis5g killswitch --json)"),
    Q("simulate", "simulate", S, "Monte Carlo failures and outages (nis5g simulate --json)"),
    Q("whatif/ban", "whatif ban", S, "the cost and effect of a ban (nis5g whatif ban --json)"),
    Q("check", "check", S, "the policy check (nis5g check --json)"),
    Q("suppliers", "suppliers", S, "supplier risk profiles (nis5g suppliers --json)"),
    Q("risk", "risk", S, "the nine risk scenarios (nis5g risk --json)"),
    Q("measures", "measures", S, "the toolbox's implementation (nis5g measures --json)"),
    Q("measures/history", "measures history", S,
      "the measures' history; an operator's user: its own and its state's (nis5g measures history --json)"),
    Q("report", "report", N, "the national assessment (report.json of nis5g report)"),
    { "GET", "/api/v1/report.html", srv_api_report_html, N, "report",
      "the national assessment as the self-contained page (report.html of nis5g report)" },
    Q("eu", "eu", N, "the EU view of the packages held (nis5g eu --json)"),
    Q("stix", "stix", N, "a STIX 2.1 bundle (nis5g stix)"),
    Q("oscal/catalog", "oscal catalog", N, "the toolbox as an OSCAL catalog (nis5g oscal catalog)"),
    Q("oscal/assessment", "oscal assessment", N, "OSCAL assessment results (nis5g oscal assessment)"),
    Q("oscal/poam", "oscal poam", N, "phase-outs and measures to do as an OSCAL POA&M (nis5g oscal poam)"),
    { "GET", "/api/v1/library", srv_api_library, N, NULL,
      "the EU toolbox and the risk scenarios as a CISO Assistant library (YAML; nis5g export-library)" },
    Q("trust", "trust list", N, "the trusted peer keys (nis5g trust list --json)"),

    /* changes */
    { "POST", "/api/v1/measures", srv_api_measures_set, N | SRV_ROLE_OPERATOR, "measures set",
      "set a measure's status (nis5g measures set); an operator for its own operator only" },
    { "POST", "/api/v1/trust", srv_api_trust_add, N, "trust add",
      "trust a peer's key: {\"state\", \"public_key\": the .pub file's text, \"replace\"}" },
    { "DELETE", "/api/v1/trust/{state}", srv_api_trust_remove, N, "trust remove", "stop trusting a state's key" },
    { "POST", "/api/v1/import", srv_api_import, N, "import",
      "upload a dataset (multipart/form-data: the CSV files, as_of); checked exactly like nis5g import" },
    { "POST", "/api/v1/import-package", srv_api_import_package, N, "import-package",
      "import a peer's signed package (the file as the body)" },
    /* four-eyes exports (docs/exports.md) and the peers' feed (docs/pull.md) */
    { "POST", "/api/v1/exports", srv_api_exports_create, N, "export",
      "prepare a national package signed with the server's key (the options of nis5g export); "
      "it leaves only once a second person approves it" },
    { "GET", "/api/v1/exports", srv_api_exports_list, N, NULL, "the prepared exports and their approvals" },
    { "GET", "/api/v1/exports/{id}", srv_api_exports_get, N, NULL, "a prepared export's metadata and digest" },
    { "GET", "/api/v1/exports/{id}/package", srv_api_exports_package, N, NULL,
      "a prepared export's exact bytes, for its reviewer" },
    { "POST", "/api/v1/exports/{id}/approve", srv_api_exports_approve, N, NULL,
      "approve a prepared export: {\"digest\": the SHA-256 of its bytes}; not by its preparer" },
    { "GET", "/api/v1/packages", srv_api_packages_list, N | SRV_ROLE_PEER, NULL,
      "the approved packages (a peer: those its state may receive), ?since=VERSION" },
    { "GET", "/api/v1/packages/{id}", srv_api_packages_get, N | SRV_ROLE_PEER, NULL,
      "an approved package's bytes, hashed again against the approved digest" },
    { "POST", "/api/v1/submissions", srv_api_submit, N | SRV_ROLE_OPERATOR, "submit",
      "submit an operator's part of the dataset (multipart/form-data: its CSV files, and for analysts and admins "
      "the operator); an operator for its own operator only (nis5g submit)" },
    { "GET", "/api/v1/submissions", srv_api_submissions, N | SRV_ROLE_OPERATOR, "submissions",
      "the submissions; an operator its own only (nis5g submissions --json)" },
    { "GET", "/api/v1/submissions/{id}", srv_api_submission, N | SRV_ROLE_OPERATOR, NULL,
      "one submission with its status and comment; an operator its own only (nis5g submissions ID --json)" },
    { "POST", "/api/v1/submissions/{id}/review", srv_api_review, N, "review",
      "accept or reject a pending submission: {\"decision\": \"accept\"|\"reject\", \"comment\"} (nis5g review)" },
    { "GET", "/api/v1/policies", srv_api_policy_list, N, NULL, "the stored policies" },
    { "GET", "/api/v1/policies/{name}", srv_api_policy_get, N, NULL, "a stored policy's text" },
    { "PUT", "/api/v1/policies/{name}", srv_api_policy_put, N, NULL,
      "store a policy (text/plain); parse errors come back with line and column" },
    { "DELETE", "/api/v1/policies/{name}", srv_api_policy_delete, N, NULL, "delete a stored policy" },

    /* TAXII 2.1, read-only, for MISP and OpenCTI (docs/taxii.md) */
    { "GET", "/taxii2/", srv_api_taxii_discovery, N | SRV_ROLE_PEER, NULL, "TAXII 2.1 discovery" },
    { "GET", "/taxii2/api1/", srv_api_taxii_root, N | SRV_ROLE_PEER, NULL, "the TAXII 2.1 API root" },
    { "GET", "/taxii2/api1/collections/", srv_api_taxii_collections, N | SRV_ROLE_PEER, NULL,
      "the TAXII collections the caller may read (by TLP audience)" },
    { "GET", "/taxii2/api1/collections/{id}/", srv_api_taxii_collection, N | SRV_ROLE_PEER, NULL,
      "one TAXII collection" },
    { "GET", "/taxii2/api1/collections/{id}/objects/", srv_api_taxii_objects, N | SRV_ROLE_PEER, NULL,
      "the STIX objects of a collection's approved exports (limit, next, added_after, match[id|type|version])" },
    { "GET", "/taxii2/api1/collections/{id}/manifest/", srv_api_taxii_manifest, N | SRV_ROLE_PEER, NULL,
      "the manifest of a collection's objects (same filters)" },
    { "GET", "/taxii2/api1/collections/{id}/objects/{object}/", srv_api_taxii_object, N | SRV_ROLE_PEER, NULL,
      "one STIX object of a collection" },

    /* administration */
    { "GET", "/api/v1/users", srv_api_users, A, NULL, "the users (nis5g user list --json)" },
    { "POST", "/api/v1/users", srv_api_user_add, A, NULL, "add a user: {\"name\",\"role\",\"operator\",\"state\",\"password\"}" },
    { "POST", "/api/v1/users/{name}/disable", srv_api_user_disable, A, NULL, "disable a user: its sessions and tokens end" },
    { "GET", "/api/v1/tokens", srv_api_tokens, A, NULL, "the API tokens, never their secrets" },
    { "POST", "/api/v1/tokens", srv_api_token_create, A, NULL, "create a token: {\"user\",\"expires_days\"}; shown once" },
    { "DELETE", "/api/v1/tokens/{id}", srv_api_token_revoke, A, NULL, "revoke a token" },
    { "GET", "/api/v1/audit", srv_api_audit, A, NULL, "the audit trail (nis5g audit --json)" },
    { "GET", "/api/v1/audit/verify", srv_api_audit_verify, A, NULL, "check the audit trail's hash chain" },
};
const size_t srv_n_routes = sizeof srv_routes / sizeof srv_routes[0];

/* path against pattern; a {param} segment matches one non-empty segment */
static int match(const char *pattern, const char *path, char *param, size_t psize)
{
    while (*pattern && *path) {
        if (*pattern == '{') {
            const char *end = strchr(pattern, '}');
            size_t n = strcspn(path, "/");
            if (!end || n == 0 || n >= psize)
                return 0;
            memcpy(param, path, n);
            param[n] = 0;
            pattern = end + 1;
            path += n;
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    return *pattern == 0 && *path == 0;
}

const struct srv_route *srv_route_find(struct srv_req *r, const char *method, const char *path, int *path_known)
{
    *path_known = 0;
    for (size_t i = 0; i < srv_n_routes; i++) {
        char param[sizeof r->param] = "";
        if (!match(srv_routes[i].pattern, path, param, sizeof param))
            continue;
        if (strcmp(srv_routes[i].method, method) != 0 &&
            !(strcmp(method, "HEAD") == 0 && strcmp(srv_routes[i].method, "GET") == 0)) {
            *path_known = 1;
            continue;
        }
        memcpy(r->param, param, sizeof param);
        return &srv_routes[i];
    }
    return NULL;
}

json_t *nis5g_serve_routes(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < srv_n_routes; i++) {
        json_t *roles = srv_roles_json(srv_routes[i].roles);
        json_array_append_new(a, json_pack("{s:s, s:s, s:b, s:o, s:s?}", "method", srv_routes[i].method, "path",
                                           srv_routes[i].pattern, "anyone", srv_routes[i].roles == SRV_ANYONE,
                                           "roles", roles, "query", srv_routes[i].query));
    }
    return json_pack("{s:o}", "routes", a);
}
