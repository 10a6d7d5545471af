#!/bin/sh
# Risk scoring and the report on the EU27 workspace ($DATA/eu27.db, built by
# bench-import.sh): whole commands timed from the shell (model load
# included), with the phase timings of NIS5G_TIMING. No peer: nothing else
# computes these scores.
set -e
db="$DATA/eu27.db"
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/web-deps.sh" >/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "risk (text): %e s, max RSS %M KB" env NIS5G_TIMING=1 "$NIS5G" --db "$db" risk >/dev/null
done
/usr/bin/time -f "risk --json: %e s" "$NIS5G" --db "$db" risk --json >/dev/null
out=$(mktemp -d)
/usr/bin/time -f "report --policy eu-toolbox.policy: %e s, max RSS %M KB" env NIS5G_TIMING=1 \
  "$NIS5G" --db "$db" report -o "$out" --policy "$top/data/policies/eu-toolbox.policy" >/dev/null
ls -l "$out"/report.html "$out"/report.json | awk '{print $5, $9}'
rm -rf "$out"
