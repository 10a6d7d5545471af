#!/bin/sh
# `nis5g diff` of two EU27 snapshots (docs/diff.md): the generated dataset as
# of 2026-01-01 and a modified copy of it (bench/diff-modify.awk: 1% of the
# elements with another vendor, 0.2% retired, RUs removed with their links,
# 10,000 RUs added, 0.1% of the links dropped) as of 2026-06-30, in a
# workspace of their own ($DATA/eu27-diff.db, made once). Timed from the
# shell, both model loads included: the text output three times, then --json.
# Expects NIS5G and DATA from bench/run.sh.
set -e
db="$DATA/eu27-diff.db"
b="$DATA/eu27-b"
if [ ! -f "$db" ] || [ ! -f "$b/.done" ]; then
  rm -rf "$b" "$db"
  mkdir -p "$b"
  cp "$DATA/eu27/operators.csv" "$DATA/eu27/sites.csv" "$DATA/eu27/suppliers.csv" "$DATA/eu27/products.csv" \
     "$DATA/eu27/measures.csv" "$b/"
  awk -v mode=elements -v removed="$b/removed.txt" -f diff-modify.awk "$DATA/eu27/elements.csv" > "$b/elements.csv"
  awk -v mode=links -v removed="$b/removed.txt" -f diff-modify.awk "$b/removed.txt" "$DATA/eu27/links.csv" > "$b/links.csv"
  gnb=$(cat "$b/removed.txt.gnb")
  awk -v g="$gnb" 'BEGIN { for (k = 0; k < 10000; k++) printf "BENCH-NEW-RU%05d,%s,\n", k, g }' >> "$b/links.csv"
  mkdir -p "$b/aux" && mv "$b/removed.txt" "$b/removed.txt.gnb" "$b/aux/"
  echo "modified copy: $(wc -l < "$b/aux/removed.txt") elements removed, 10,000 added"
  /usr/bin/time -f "import A: %e s" "$NIS5G" --db "$db" import "$DATA/eu27" --as-of 2026-01-01 >/dev/null
  /usr/bin/time -f "import B: %e s" "$NIS5G" --db "$db" import "$b" --as-of 2026-06-30 >/dev/null
  touch "$b/.done"
fi
pol="$(cd .. && pwd)/data/policies/eu-toolbox.policy"
for i in 1 2 3; do
  t0=$(date +%s.%N)
  "$NIS5G" --db "$db" diff > "$DATA/diff.txt"
  t1=$(date +%s.%N)
  echo "nis5g diff (text, both loads included) run $i: $(echo "$t1 - $t0" | bc) s"
done
t0=$(date +%s.%N)
"$NIS5G" --db "$db" diff --policy "$pol" --at 2026-11-27 > "$DATA/diff-policy.txt"
t1=$(date +%s.%N)
echo "nis5g diff --policy eu-toolbox.policy (text): $(echo "$t1 - $t0" | bc) s"
t0=$(date +%s.%N)
"$NIS5G" --db "$db" diff --json > "$DATA/diff.json"
t1=$(date +%s.%N)
echo "nis5g diff --json (at most 1,000 elements per list): $(echo "$t1 - $t0" | bc) s, $(du -h "$DATA/diff.json" | cut -f1)"
head -1 "$DATA/diff.txt"

# The server: the latest snapshot is kept loaded, and one other (the one
# before the latest, once asked for): the first GET /api/v1/diff loads the
# snapshot before, the next ones compute the diff alone.
printf 'benchmark-password\n' | "$NIS5G" --db "$db" user add bench-diff --role analyst >/dev/null 2>&1 || true
tok=$("$NIS5G" --db "$db" token create bench-diff | tail -1)
work=$(mktemp -d)
trap 'kill $srv 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
"$NIS5G" --db "$db" serve --listen 127.0.0.1:0 >"$work/out" 2>"$work/err" &
srv=$!
for i in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/listening on //p' "$work/out")
for i in 1 2 3 4; do
  t0=$(date +%s.%N)
  curl -s -o "$work/diff.json" -H "Authorization: Bearer $tok" "$url/api/v1/diff"
  t1=$(date +%s.%N)
  echo "GET /api/v1/diff run $i$([ $i = 1 ] && echo ' (both snapshots loaded first)'): $(echo "$t1 - $t0" | bc) s, $(du -h "$work/diff.json" | cut -f1)"
done
cmp -s "$work/diff.json" "$DATA/diff.json" && echo "  the same bytes as nis5g diff --json"
