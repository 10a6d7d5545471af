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
    Q("snapshots", "snapshots", N, "the snapshots (nis5g snapshots --json)"),
    Q("diversity", "diversity", S, "vendor shares and HHI (nis5g diversity --json)"),
    Q("killswitch", "killswitch", S, "what each vendor could switch off (nis5g killswitch --json)"),
    Q("simulate", "simulate", S, "Monte Carlo failures and outages (nis5g simulate --json)"),
    Q("whatif/ban", "whatif ban", S, "the cost and effect of a ban (nis5g whatif ban --json)"),
    Q("check", "check", S, "the policy check (nis5g check --json)"),
    Q("suppliers", "suppliers", S, "supplier risk profiles (nis5g suppliers --json)"),
    Q("risk", "risk", S, "the nine risk scenarios (nis5g risk --json)"),
    Q("measures", "measures", S, "the toolbox's implementation (nis5g measures --json)"),
    Q("measures/history", "measures history", N, "the measures' history (nis5g measures history --json)"),
    Q("report", "report", N, "the national assessment (report.json of nis5g report)"),
    { "GET", "/api/v1/report.html", srv_api_report_html, N, "report",
      "the national assessment as the self-contained page (report.html of nis5g report)" },
    Q("eu", "eu", N, "the EU view of the packages held (nis5g eu --json)"),
    Q("stix", "stix", N, "a STIX 2.1 bundle (nis5g stix)"),
    Q("oscal/catalog", "oscal catalog", N, "the toolbox as an OSCAL catalog (nis5g oscal catalog)"),
    Q("oscal/assessment", "oscal assessment", N, "OSCAL assessment results (nis5g oscal assessment)"),
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
    { "POST", "/api/v1/export", srv_api_export, N, "export",
      "export a signed national package with the server's key (the options of nis5g export)" },
    { "GET", "/api/v1/policies", srv_api_policy_list, N, NULL, "the stored policies" },
    { "GET", "/api/v1/policies/{name}", srv_api_policy_get, N, NULL, "a stored policy's text" },
    { "PUT", "/api/v1/policies/{name}", srv_api_policy_put, N, NULL,
      "store a policy (text/plain); parse errors come back with line and column" },
    { "DELETE", "/api/v1/policies/{name}", srv_api_policy_delete, N, NULL, "delete a stored policy" },

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
