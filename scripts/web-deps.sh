#!/bin/sh
# Install the report's charting library (web/package-lock.json) from the npm
# registry when it is missing: nis5g report inlines
# web/node_modules/chart.js/dist/chart.umd.js into report.html.
set -e
top=$(cd "$(dirname "$0")/.." && pwd)
[ -f "$top/web/node_modules/chart.js/dist/chart.umd.js" ] && exit 0
command -v npm >/dev/null 2>&1 || { echo "web-deps: npm is needed to install the report's charting library (apt-get install npm)" >&2; exit 1; }
echo "web-deps: npm ci in web/" >&2
cd "$top/web" && npm ci --no-audit --no-fund --silent
