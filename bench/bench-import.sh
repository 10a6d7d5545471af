#!/bin/sh
# Issue 2: import, model load and summary at EU scale, against DuckDB
# (read_csv + the same GROUP BY) and the sqlite3 shell's .import.
# Expects NIS5G and DATA from bench/run.sh; leaves $DATA/eu27.db for the
# other benchmarks.
set -e
db="$DATA/eu27.db"
rm -f "$db" "$db-wal" "$db-shm"
sync
t0=$(date +%s.%N)
NIS5G_TIMING=1 "$NIS5G" --db "$db" import "$DATA/eu27" --as-of 2026-11-27 2>&1 >/dev/null | grep timing || true
t1=$(date +%s.%N)
n=$(($(wc -l < "$DATA/eu27/elements.csv") - 1))
echo "nis5g import (all files): $(echo "$t1 - $t0" | bc) s, $(echo "$n / ($t1 - $t0) / 1000000" | bc -l | cut -c1-4) M elements/s"
for i in 1 2 3; do
  t0=$(date +%s.%N)
  NIS5G_TIMING=1 "$NIS5G" --db "$db" summary --json 2>"$DATA/timing" >/dev/null
  t1=$(date +%s.%N)
  echo "nis5g summary run $i: $(tr '\n' ' ' < "$DATA/timing")total $(echo "$t1 - $t0" | bc) s"
done
rm -f "$DATA/sqlite-import.db"
t0=$(date +%s.%N)
sqlite3 "$DATA/sqlite-import.db" ".mode csv" ".import $DATA/eu27/elements.csv elements"
t1=$(date +%s.%N)
echo "sqlite3 shell .import elements.csv: $(echo "$t1 - $t0" | bc) s"
rm -f "$DATA/sqlite-import.db"
node duckdb-summary.mjs "$DATA/eu27/elements.csv"
