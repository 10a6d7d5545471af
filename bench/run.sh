#!/bin/sh
# make bench: generate the EU27 benchmark dataset (once; kept in bench/data,
# which git ignores), install the peers, then run every bench/bench-*.sh.
# SCALE (default 3) sets the size: 3 gives more than 10 million elements.
set -e
cd "$(dirname "$0")"
top=$(cd .. && pwd)
export NIS5G="$top/build/nis5g"
export DATA="$top/bench/data"
SCALE=${SCALE:-3}
# the scripts' own tools (make bench runs make deps for the rest)
for p in bc time wrk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq "$p" >/dev/null; }
done
mkdir -p "$DATA"
if [ ! -f "$DATA/eu27/.scale-$SCALE" ]; then
  rm -rf "$DATA/eu27"
  echo "generating EU27 at scale $SCALE ..." >&2
  /usr/bin/time -f "generate: %e s" "$NIS5G" generate --country EU27 --scale "$SCALE" --seed 1 -o "$DATA/eu27"
  touch "$DATA/eu27/.scale-$SCALE"
fi
[ -d node_modules/@duckdb/node-api ] || npm install --no-audit --no-fund --silent
command -v sqlite3 >/dev/null || { echo "sqlite3 missing: make deps" >&2; exit 1; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "dataset: $(($(wc -l < "$DATA/eu27/elements.csv") - 1)) elements, $(du -h "$DATA/eu27/elements.csv" | cut -f1) elements.csv"
# bench-import.sh first: it builds $DATA/eu27.db, which the others read.
for b in bench-import.sh $(ls bench-*.sh | grep -v '^bench-import.sh$'); do
  echo
  echo "== $b"
  sh "$b"
done
