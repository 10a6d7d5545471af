# The server under load (docs/serve.md): wrk on loopback, 64 connections for
# 30 s each, against GET /api/v1/summary and GET /api/v1/killswitch?vendors=
# Huawei on the EU27 workspace ($DATA/eu27.db, made by bench-import.sh);
# latency percentiles, errors, and the server's resident memory sampled every
# second to see that it stays flat. The same questions through the CLI for
# the ratio. Traffic goes to 127.0.0.1 only; the server is stopped at the end.
set -eu
db="$DATA/eu27.db"
DUR=${DUR:-30}
CONN=${CONN:-64}
work=$(mktemp -d)
trap 'kill $srv 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$db" "$work/w.db"
printf 'benchmark-password\n' | "$NIS5G" --db "$work/w.db" user add bench --role analyst >/dev/null
tok=$("$NIS5G" --db "$work/w.db" token create bench | tail -1)
: >"$work/out"
"$NIS5G" --db "$work/w.db" serve --listen 127.0.0.1:0 --threads 4 --max-per-ip 1000 >"$work/out" 2>"$work/err" &
srv=$!
for i in $(seq 50); do grep -q listening "$work/out" && break; sleep 0.1; done
url=$(sed -n 's/listening on //p' "$work/out")
cat >"$work/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $tok"
LUA
rss() { awk '/VmRSS/ {print $2}' /proc/$srv/status; }
for path in "/api/v1/summary" "/api/v1/killswitch?vendors=Huawei"; do
  t0=$(date +%s.%N)
  curl -s -o /dev/null -H "Authorization: Bearer $tok" "$url$path" # the first answer, computed
  t1=$(date +%s.%N)
  echo "$path: first answer (snapshot loaded, document computed) $(echo "$t1 - $t0" | bc) s"
  : >"$work/rss"
  ( for s in $(seq "$DUR"); do rss >>"$work/rss"; sleep 1; done ) &
  sampler=$!
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency -s "$work/auth.lua" "$url$path" >"$work/wrk" 2>&1
  wait $sampler
  grep -E "Latency  |50%|90%|99%|Requests/sec|Non-2xx|Socket errors|requests in" "$work/wrk" | sed 's/^/  /'
  echo "  server RSS (KiB) min $(sort -n "$work/rss" | head -1), max $(sort -n "$work/rss" | tail -1) over ${DUR} s"
done
for cmd in "summary --json" "killswitch Huawei --json"; do
  t0=$(date +%s.%N)
  "$NIS5G" --db "$work/w.db" $cmd >/dev/null
  t1=$(date +%s.%N)
  echo "CLI $cmd: $(echo "$t1 - $t0" | bc) s (model load included)"
done
