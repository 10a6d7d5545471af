#!/bin/sh
# scripts/web-deps.sh [test]
# Install the report's charting library (web/package-lock.json) from the npm
# registry when it is missing: nis5g report inlines
# web/node_modules/chart.js/dist/chart.umd.js into report.html.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
# Also the map of Europe's borders (web/eu: npm world-atlas, Natural Earth)
# that `nis5g eu --svg` and `nis5g report --eu` draw.
need() {
  [ -f "$top/$1/$2" ] && return 0
  command -v npm >/dev/null 2>&1 || { echo "web-deps: npm is needed to install $1's packages (apt-get install npm)" >&2; exit 1; }
  echo "web-deps: npm ci in $1/" >&2
  (cd "$top/$1" && npm ci --no-audit --no-fund --silent)
}
need web node_modules/chart.js/dist/chart.umd.js
need web/eu node_modules/world-atlas/countries-50m.json
# the packages only the tests use (the OpenAPI validator; ajv with ajv-formats for
# tests/js/validate.mjs); and the dashboard's browser tests: playwright-core drives
# Debian's /usr/bin/chromium (it downloads no browser), axe-core checks accessibility.
# make check alone.
if [ "${1:-}" = test ]; then
  need tests/js node_modules/@seriousme/openapi-schema-validator/package.json
  need tests/js node_modules/ajv-formats/package.json
  need tests/browser node_modules/playwright-core/package.json
  need tests/browser node_modules/axe-core/axe.min.js
fi
exit 0
