#!/bin/sh
# The element listing behind the dashboard's drill-down (docs/elements.md)
# on the EU27 workspace: `nis5g elements` whole commands (model load
# included, as the CLI pays it), then the listing alone on a model loaded
# once (as the server holds it; bench/elements-list.c).
# Expects NIS5G and DATA from bench/run.sh; uses $DATA/eu27.db.
set -e
top=$(cd .. && pwd)
db="$DATA/eu27.db"
[ -f "$db" ] || "$NIS5G" --db "$db" import "$DATA/eu27" --as-of 2026-11-27 >/dev/null
run() {
  for i in 1 2 3; do
    t0=$(date +%s.%N)
    "$NIS5G" --db "$db" elements "$@" > "$DATA/elements.out"
    t1=$(date +%s.%N)
    printf '%s ' "$(echo "$t1 - $t0" | bc)"
  done
  echo "s: nis5g elements $*"
}
run --limit 100 --json
run --vendor Huawei --domain ran --sort installed --desc --limit 100 --json
run --site AT-A1-DC1 --csv
cc -O2 -std=c17 -D_POSIX_C_SOURCE=200809L -I"$top/include" -I"$top/src/lib" elements-list.c "$top/build/libnis5g.a" \
  $(pkg-config --libs sqlite3 libsodium jansson 2>/dev/null) -lm -lpthread -o "$DATA/elements-list"
"$DATA/elements-list" "$db"
