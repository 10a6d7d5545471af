#!/bin/sh
# Issue 3: `nis5g check` with the EU toolbox baseline plus a 35% cap on the
# EU27 workspace (model load included), against the same deny, require and
# cap questions as SQL in DuckDB on its loaded tables (queries alone); and
# the "near" index at 100,000 sites x 1,000 tagged sites.
# Expects NIS5G and DATA from bench/run.sh; uses $DATA/eu27.db (imported
# here when bench-import.sh has not made it yet).
set -e
top=$(cd .. && pwd)
db="$DATA/eu27.db"
# bench-check.sh sorts before bench-import.sh: import here when needed.
[ -f "$db" ] || "$NIS5G" --db "$db" import "$DATA/eu27" --as-of 2026-11-27 >/dev/null
pol="$top/data/policies/eu-toolbox.policy $top/bench/eu-cap35.policy"
for i in 1 2 3; do
  t0=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086
  NIS5G_TIMING=1 "$NIS5G" --db "$db" check --policy $pol --at 2026-11-27 > "$DATA/check.txt" 2>"$DATA/check.timing"
  st=$?
  set -e
  t1=$(date +%s.%N)
  echo "nis5g check (text, load included) run $i: $(echo "$t1 - $t0" | bc) s, exit $st; $(tr "\n" " " < "$DATA/check.timing")"
done
t0=$(date +%s.%N)
# shellcheck disable=SC2086
"$NIS5G" --db "$db" check --policy $pol --at 2026-11-27 --json > "$DATA/check.json" || true
t1=$(date +%s.%N)
echo "nis5g check --json (every element id): $(echo "$t1 - $t0" | bc) s, $(du -h "$DATA/check.json" | cut -f1)"
sed -n '3,12p' "$DATA/check.txt"
node duckdb-check.mjs "$DATA/eu27"
cc -O2 -I"$top/include" near-grid.c "$top/build/libnis5g.a" -lm -o "$DATA/near-grid"
"$DATA/near-grid"
