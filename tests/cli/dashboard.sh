# The dashboard in a real browser: Debian's Chromium driven by
# playwright-core, with axe-core (tests/browser, installed by
# scripts/web-deps.sh test). A scratch workspace of a generated Swedish
# network with one user of each role; the server on a free port of
# 127.0.0.1, stopped by this script whatever happens. What is checked is
# in tests/browser/dashboard.mjs; screenshots of the pages are left in
# $T/screenshots when a check fails.
set -eu
if ! [ -x /usr/bin/chromium ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "dashboard: installing chromium" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; }
fi
"$TOP/scripts/web-deps.sh" test >/dev/null
db="$T/ws.db"
"$NIS5G" generate --country SE --scale 0.05 --seed 3 -o se >/dev/null
"$NIS5G" --db "$db" import se >/dev/null
# the operator user is Tele2's: it has Huawei elements to swap in its submission
op=$(sed -n 3p se/operators.csv | cut -d, -f1)
pw='a long dashboard password'
# two analysts (four eyes on an export), a peer of the export's recipient
# state (DE) and one of another state (FR)
for u in "admin --role admin" "analyst --role analyst" "analyst2 --role analyst" "operator --role operator --operator $op" \
  "peer --role peer --state DE" "peer2 --role peer --state FR"; do
  # shellcheck disable=SC2086
  printf '%s\n' "$pw" | "$NIS5G" --db "$db" user add $u >/dev/null
done
# a peer's package (Finland, TLP:GREEN) held, for the EU view
"$NIS5G" generate --country FI --scale 0.02 --seed 1 -o fi >/dev/null
"$NIS5G" --db fi.db import fi >/dev/null
"$NIS5G" --db fi.db keygen --state FI -o fi.key >/dev/null
"$NIS5G" --db "$db" keygen --state SE -o se.key >/dev/null
"$NIS5G" --db "$db" trust add FI fi.key.pub >/dev/null
"$NIS5G" --db fi.db export --state FI --key fi.key --tlp green -o fi.pkg >/dev/null
"$NIS5G" --db "$db" import-package fi.pkg >/dev/null
# the good dataset is the same network again; the bad one has an impossible date on line 3
mkdir -p good bad
cp se/*.csv good/
cp se/*.csv bad/
awk -F, -v OFS=, 'NR == 3 { for (i = 1; i <= NF; i++) if ($i ~ /^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/) { $i = "2023-02-30"; break } } { print }' se/elements.csv > bad/elements.csv
grep -q 2023-02-30 bad/elements.csv || { echo "dashboard: could not make the bad dataset"; exit 1; }
# the operator's part (docs/submit.md): its own rows of each file; in the
# good part its Huawei elements become Ericsson ones, except the first
# central one, which stays Huawei and is dated after 2020-10-20 (so that
# se.policy's SE-NEW goes from ok to violation in the reviewer's diff).
# The bad part has an impossible date on line 3 of elements.csv.
mkdir -p part part-bad
awk -F, -v op="$op" 'NR == 1 || $1 == op' se/operators.csv > part/operators.csv
awk -F, -v op="$op" 'NR == 1 || $2 == op' se/sites.csv > part/sites.csv
awk -F, -v OFS=, -v op="$op" 'NR == 1 { print; next } $2 == op {
  if ($6 == "Huawei" && !kept && $4 ~ /^(ran|core)$/) { kept = 1; $9 = "2021-06-01" }
  else if ($6 == "Huawei") { $6 = "Ericsson"; $7 = "Radio 4415" }
  print }' se/elements.csv > part/elements.csv
awk -F, -v op="$op" 'NR == FNR { if ($2 == op) mine[$1] = 1; next } FNR == 1 || mine[$1]' se/elements.csv se/links.csv > part/links.csv
awk -F, -v op="$op" 'NR == 1 || $1 == op' se/measures.csv > part/measures.csv
cp se/products.csv part/
cp part/*.csv part-bad/
awk -F, -v OFS=, 'NR == 3 { $9 = "2024-13-01" } { print }' part/elements.csv > part-bad/elements.csv
grep -q 2024-13-01 part-bad/elements.csv || { echo "dashboard: could not make the bad part"; exit 1; }

# the HTML report of an EU27-sized network: a table with a column per
# operator must scroll in its box, not the page (checked by dashboard.mjs)
"$NIS5G" generate --country EU27 --scale 0.02 --seed 1 -o eu27 >/dev/null
"$NIS5G" --db eu27.db import eu27 >/dev/null
"$NIS5G" --db eu27.db report -o eu27-report --policy "$TOP/data/policies/eu-toolbox.policy" >/dev/null

"$NIS5G" --db "$db" serve --listen 127.0.0.1:0 --key se.key > serve.log 2>&1 &
srv=$!
trap 'kill -TERM $srv 2>/dev/null; wait $srv 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' serve.log | head -1)
  [ -n "$url" ] && break
  kill -0 $srv 2>/dev/null || { echo "dashboard: the server did not start"; cat serve.log; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "dashboard: no 'listening on' line"; cat serve.log; exit 1; }
url=${url%/}

# the page and its assets: no inline script or style, the CSP on them
curl -s -D headers -o index.html "$url/"
grep -qi "^content-security-policy: default-src 'self'" headers || { echo "dashboard: / without the CSP"; cat headers; exit 1; }
grep -qi '<script>\|<style\| style=\| on[a-z]*=' index.html && { echo "dashboard: inline script or style in index.html"; exit 1; }
for f in app.js pages.js work.js admin.js map.js app.css icon.svg chart.umd.js countries-50m.json countries.csv; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url/ui/$f")
  [ "$code" = 200 ] || { echo "dashboard: /ui/$f answered $code"; exit 1; }
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/ui/..%2Fserve.log")
[ "$code" != 200 ] || { echo "dashboard: /ui/../ served a file"; exit 1; }

# the screenshots of a failed run are kept beside the binary under test
# (build/dashboard-screenshots): the test runner removes $T
REPORT="$T/eu27-report/report.html" POLICY="$TOP/data/policies/se.policy" GOOD="$T/good" BAD="$T/bad" PART="$T/part" PART_BAD="$T/part-bad" \
  node "$TOP/tests/browser/dashboard.mjs" "$url" "$T" "$op" "$pw" || {
  keep="$(dirname "$NIS5G")/dashboard-screenshots"
  rm -rf "$keep"; cp -R "$T/screenshots" "$keep" 2>/dev/null && echo "dashboard: screenshots in $keep"
  exit 1
}
