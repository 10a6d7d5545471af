# The server's OpenAPI document (GET /api/v1/openapi.json, nis5g serve
# --openapi) is valid OpenAPI 3.1 by the official schema, and describes
# every route of the route table with its method and roles.
set -eu
command -v node >/dev/null || { echo "openapi: node is needed (make check installs it)"; exit 1; }
[ -d "$TOP/tests/js/node_modules/@seriousme/openapi-schema-validator" ] ||
  { echo "openapi: run scripts/web-deps.sh test (make check does)"; exit 1; }
"$NIS5G" serve --openapi >"$T/openapi.json"
"$NIS5G" serve --routes >"$T/routes.json"
node "$TOP/tests/js/openapi-check.mjs" "$T/openapi.json" "$T/routes.json"
