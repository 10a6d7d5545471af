#!/bin/sh
# The server under load on mixed routes (docs/reliability.md): wrk with
# CONN connections (default 64) for DUR seconds (default 60) on 127.0.0.1,
# each request taking the next of a dozen read routes (summary, diversity,
# kill-switch, what-if, measures, snapshots, suppliers, risk, OpenAPI,
# healthz ...) with an analyst's bearer token; the server's resident memory
# (VmRSS) sampled every STEP seconds (default 5). A request unanswered
# after TIMEOUT seconds (default 10; wrk's own is 2) counts as an error.
#
#   bench/server-load.sh                 60 s, 64 connections
#   DUR=30 bench/server-load.sh          the short proof run
#   DB=bench/data/eu27.db bench/server-load.sh   on a workspace of yours
#
# Without DB it makes a workspace of one generated country (COUNTRY,
# default FI, at SCALE, default 1). It stops by itself, stops the server,
# and prints the request count, errors (socket errors and answers other
# than 2xx) and the RSS samples; memory is "flat" when the largest sample
# of the second half is at most 10% above the largest of the first half
# (the first STEP seconds, when the caches fill, left out). Exit status 0
# only with zero errors and flat memory. Needs wrk (bench/run.sh installs
# it) and curl.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
NIS5G=${NIS5G:-$top/build/nis5g}
DUR=${DUR:-60}
CONN=${CONN:-64}
STEP=${STEP:-5}
TIMEOUT=${TIMEOUT:-10}
command -v wrk >/dev/null || { echo "server-load: wrk is missing (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d)
srv=""
trap '[ -n "$srv" ] && kill $srv 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"' EXIT
if [ -n "${DB:-}" ]; then
  cp "$DB" "$work/w.db"
else
  "$NIS5G" generate --country "${COUNTRY:-FI}" --scale "${SCALE:-1}" --seed 1 -o "$work/data" >/dev/null
  "$NIS5G" --db "$work/w.db" import "$work/data" --as-of 2026-06-30 >/dev/null
fi
printf 'load-test-password\n' | "$NIS5G" --db "$work/w.db" user add load --role analyst >/dev/null
tok=$("$NIS5G" --db "$work/w.db" token create load | tail -1)
"$NIS5G" --db "$work/w.db" serve --listen 127.0.0.1:0 --threads 4 --max-per-ip 1000 >"$work/out" 2>"$work/err" &
srv=$!
for i in $(seq 100); do grep -q listening "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/listening on //p' "$work/out")
[ -n "$url" ] || { echo "server-load: the server did not start:" >&2; cat "$work/err" >&2; exit 1; }
vendor=$("$NIS5G" --db "$work/w.db" suppliers --json | python3 -c \
  'import json,sys; d=json.load(sys.stdin); print((d.get("suppliers") or [{}])[0].get("vendor") or "Huawei")' 2>/dev/null ||
  echo Huawei)
cat >"$work/mixed.lua" <<LUA
-- each request the next path of the list, with the analyst's token
local paths = {
  "/api/v1/summary", "/api/v1/diversity", "/api/v1/killswitch?vendors=$vendor",
  "/api/v1/whatif/ban?vendor=$vendor", "/api/v1/measures", "/api/v1/snapshots",
  "/api/v1/suppliers", "/api/v1/risk", "/api/v1/openapi.json", "/healthz",
  "/api/v1/me", "/api/v1/policies",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1], { ["Authorization"] = "Bearer $tok" })
end
LUA
# every path answers 200 once before the load (a wrong path would only
# show as errors in wrk's count)
for p in $(sed -n 's/^  "\(.*\)",*/\1/p' "$work/mixed.lua" | tr -d '"' | tr ',' ' '); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$url$p")
  [ "$code" = 200 ] || { echo "server-load: $p answers $code before the load" >&2; exit 1; }
done
rss() { awk '/VmRSS/ {print $2}' "/proc/$srv/status"; }
: >"$work/rss"
( n=$((DUR / STEP)); for s in $(seq "$n"); do rss >>"$work/rss"; sleep "$STEP"; done ) &
sampler=$!
wrk -t2 -c"$CONN" -d"${DUR}s" --timeout "${TIMEOUT}s" --latency -s "$work/mixed.lua" "$url" >"$work/wrk" 2>&1
wait $sampler
kill -TERM $srv; wait $srv || { echo "server-load: the server did not stop cleanly" >&2; exit 1; }
srv=""
grep -E "Latency  |50%|99%|Requests/sec|requests in|Socket errors" "$work/wrk" | sed 's/^ */  /'
non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$work/wrk")
sockerr=$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$work/wrk" |
  awk '{print $1 + $2 + $3 + $4}')
errors=$(( ${non2xx:-0} + ${sockerr:-0} ))
echo "  errors: $errors (answers not 2xx: ${non2xx:-0}, socket errors: ${sockerr:-0})"
echo "  server RSS (KiB) every ${STEP} s: $(tr '\n' ' ' <"$work/rss")"
verdict=$(awk -v step=1 '{ v[NR] = $1 } END {
  n = NR; h = int((n + 1) / 2); a = 0; b = 0
  for (i = 2; i <= h; i++) if (v[i] > a) a = v[i]
  for (i = h + 1; i <= n; i++) if (v[i] > b) b = v[i]
  if (n < 4) print "too few samples"; else if (b <= a * 1.10) print "flat"; else printf "growing (%d -> %d KiB)\n", a, b
}' "$work/rss")
echo "  memory: $verdict"
[ "$errors" -eq 0 ] && [ "$verdict" = flat ]
