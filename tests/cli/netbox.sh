# `nis5g from-netbox` on NetBox-shaped samples (tests/cases/netbox: two
# pages of /api/dcim/devices/, one of /api/dcim/sites/, written in the
# shape of NetBox 4's REST API: nested {id, url, display, name, slug}
# objects, status as {value, label}, custom_fields, count/next/previous/
# results), a role map and links.
#
# By hand from the samples: 10 devices, 2 in inventory (one unnamed) left
# out; B-AMF1 B-GNB1 B-GNB2 B-RU3 active, B-UPF1 (staged) and B-RU2
# planned, B-RU1 (failed) and B-RTR1 (decommissioning) retired; 3 sites,
# dc-solna without coordinates, region or subscribers. The folder, with
# OPA's rows and the national files (operators, suppliers, products) of
# tests/cases/import/small in place of its OPB rows, imports: OPB has 3
# sites, 2 with radios (sto-kista: B-GNB1; got-hisingen: B-GNB2, B-RU3),
# 4 active, 2 planned, 2 retired elements; active RAN 7: Ericsson A-GNB1
# A-RU1 B-GNB2 B-RU3 = 4/7 = 57.1%, Huawei A-GNB2 A-RU2 B-GNB1 = 42.9%;
# Juniper (B-RTR1) has no row in suppliers.csv: one warning.
#
# The same folder as OPB's submission (nis5g submit) into a workspace of the
# other operators, accepted: the same figures.
#
# Then each bad input gives its message (file, results index, field; or
# file:line:col for the CSV files), exit status 2, and writes nothing.
set -eu
S="$TOP/tests/cases/netbox"
W="$T/nb"
mkdir "$W"
cp "$S"/devices-1.json "$S"/devices-2.json "$S"/sites-1.json "$S"/map.csv "$S"/links.csv "$W/"
cd "$W"
# conv DEVICES SITES MAP [more arguments]: the page files are word-split.
conv() { dev=$1 sit=$2 map=$3; shift 3
         # shellcheck disable=SC2086
         "$NIS5G" from-netbox --operator OPB --devices $dev --sites $sit --map "$map" "$@"; }
DEV="devices-1.json devices-2.json"
fail() { echo "$*"; exit 1; }

conv "$DEV" sites-1.json map.csv --links links.csv -o out > said 2> note || fail "conversion failed: $(cat note)"
grep -qx "wrote out: 3 sites, 8 elements (4 active, 2 planned, 2 retired), 6 links" said || fail "said: $(cat said)"
grep -qx "nis5g from-netbox: note: 2 devices in inventory left out" note || fail "note: $(cat note)"
[ "$(ls out | tr '\n' ' ')" = "elements.csv links.csv sites.csv " ] || fail "files: $(ls out)"
cat > want-sites.csv <<'CSV'
site,operator,lat,lon,region,tags,backup_hours,subscribers
sto-kista,OPB,59.403,17.945,se11,gov;capital,8,500
got-hisingen,OPB,57.72,11.94,se23,,2.5,250
dc-solna,OPB,,,,dc,72,
CSV
cat > want-elements.csv <<'CSV'
element,operator,site,domain,function,vendor,product,sw_version,installed,status
B-AMF1,OPB,dc-solna,core,AMF,Nokia,AirFrame OR18,22.5,2020-01-01,active
B-UPF1,OPB,dc-solna,core,UPF,Nokia,AirFrame OR18,,,planned
B-GNB1,OPB,sto-kista,ran,gNB,Huawei,BBU5900,V100R018,2018-01-01,active
B-RU1,OPB,sto-kista,ran,RU,Huawei,AAU5613,,2018-01-01,retired
B-RTR1,OPB,dc-solna,transport,router,Juniper,MX204,21.4R3,2017-06-30,retired
B-RU2,OPB,sto-kista,ran,RU,Huawei,AAU5613,,,planned
B-GNB2,OPB,got-hisingen,ran,gNB,Ericsson,Baseband 6630,23.Q2,2022-03-15,active
B-RU3,OPB,got-hisingen,ran,RU,Ericsson,AIR 6449,23.Q2,2022-03-15,active
CSV
cmp want-sites.csv out/sites.csv || fail "sites.csv differs: $(diff want-sites.csv out/sites.csv)"
cmp want-elements.csv out/elements.csv || fail "elements.csv differs: $(diff want-elements.csv out/elements.csv)"
cmp links.csv out/links.csv || fail "links.csv differs: $(diff links.csv out/links.csv)"

# Without --links: no links.csv.
conv "$DEV" sites-1.json map.csv -o out2 > /dev/null 2>&1 || fail "conversion without links failed"
[ "$(ls out2 | tr '\n' ' ')" = "elements.csv sites.csv " ] || fail "files without --links: $(ls out2)"

# The folder with the national files and the other operator imports.
B="$TOP/tests/cases/import/small"
mkdir nat
cp "$B/operators.csv" "$B/suppliers.csv" "$B/products.csv" nat/
for f in sites elements links; do
  grep -v ',OPB,\|^B-' "$B/$f.csv" > "nat/$f.csv"
  tail -n +2 "out/$f.csv" >> "nat/$f.csv"
done
"$NIS5G" --db "$T/ws.db" import nat --as-of 2026-11-27 > imported 2> warned || fail "import failed: $(cat warned)"
grep -qx "imported snapshot 2026-11-27: 2 operators, 6 sites, 14 elements, 12 links, 3 suppliers, 2 products, 0 measures (1 warning)" imported ||
  fail "import said: $(cat imported)"
grep -q "warning: vendor has no row in suppliers.csv: its risk profile is unknown .* got 'Juniper'" warned ||
  fail "import warned: $(cat warned)"
"$NIS5G" --db "$T/ws.db" summary > got-summary
cat > want-summary <<'TXT'
Snapshot 2026-11-27: 2 operators, 6 sites (4 with radios), 14 elements (10 active), 3 vendors

Operators
operator  name           country  subscribers  sites  radio sites  active elements  planned  retired
--------  -------------  -------  -----------  -----  -----------  ---------------  -------  -------
OPA       Alpha Mobile   SE             1,000      3            2                6        0        0
OPB       Beta, Telecom  GR               500      3            2                4        2        2

Top vendors by domain (active elements)
domain  elements  vendors (share)
------  --------  -----------------------------------------
ran            7  Ericsson 57.1%, Huawei 42.9%
core           3  Ericsson 33.3%, Huawei 33.3%, Nokia 33.3%

Active elements by operator, domain and vendor
operator  domain  elements  vendors
--------  ------  --------  --------------------
OPA       ran            4  Ericsson 2, Huawei 2
OPA       core           2  Ericsson 1, Huawei 1
OPB       ran            3  Ericsson 2, Huawei 1
OPB       core           1  Nokia 1
TXT
diff want-summary got-summary || fail "summary differs"

# ---- the submission chain: converted, submitted, accepted ----
# A workspace with the national snapshot of the other operators (OPB has its
# row in operators.csv, no network yet); the converted folder is OPB's
# submission as it is; accepted, the new national snapshot is the one the
# merged folder imported above: the same summary, byte for byte, and by hand
# 6 sites, 14 elements (10 active), 12 links; OPB 3 sites (2 with radios,
# 500 + 250 subscribers), 4 active, 2 planned, 2 retired; its active RAN
# Ericsson 2 (B-GNB2 B-RU3), Huawei 1 (B-GNB1), its core Nokia 1 (B-AMF1).
mkdir others
cp "$B/operators.csv" "$B/suppliers.csv" "$B/products.csv" others/
for f in sites elements links; do grep -v ',OPB,\|^B-' "$B/$f.csv" > "others/$f.csv"; done
WS="$T/sub.db"
export NIS5G_TODAY=2026-11-27
"$NIS5G" --db "$WS" import others --as-of 2026-11-20 > /dev/null || fail "importing the other operators failed"
"$NIS5G" --db "$WS" submit --operator OPB out > said 2> warned || fail "submit refused the converted folder: $(cat warned)"
grep -qx "submission 1 of OPB is pending review: 3 sites, 8 elements, 6 links, 0 products, 0 measures" said ||
  fail "submit said: $(cat said)"
[ "$(tail -n 1 said)" = 1 ] || fail "submit's last line: $(tail -n 1 said)"
grep -q "warning: vendor has no row in suppliers.csv: .* got 'Juniper'" warned || fail "submit warned: $(cat warned)"
"$NIS5G" --db "$WS" review 1 accept --comment "NetBox export of OPB" > said 2> warned || fail "accept failed: $(cat warned)"
grep -qx "submission 1 of OPB accepted: snapshot 2026-11-27" said || fail "review said: $(cat said)"
"$NIS5G" --db "$WS" summary --snapshot 2026-11-27 > got-summary
diff want-summary got-summary || fail "the accepted snapshot's summary differs from the imported one"
"$NIS5G" --db "$WS" summary --snapshot 2026-11-27 --json > sub-summary.json
"$NIS5G" --db "$T/ws.db" summary --json | cmp -s - sub-summary.json || fail "summary --json differs from the import's"
python3 - sub-summary.json <<'PY' || fail "the accepted snapshot's figures"
import json, sys
d = json.load(open(sys.argv[1]))
t = d["totals"]
assert (d["as_of"], t["operators"], t["sites"], t["elements"], t["active_elements"], t["vendors"]) == \
    ("2026-11-27", 2, 6, 14, 10, 3), t
b = [o for o in d["operators"] if o["operator"] == "OPB"][0]
assert (b["sites"], b["radio_sites"], b["site_subscribers"]) == (3, 2, 750), b
assert b["elements"] == {"active": 4, "planned": 2, "retired": 2}, b["elements"]
c = {(x["domain"], x["vendor"]): x["elements"] for x in d["counts"] if x["operator"] == "OPB"}
assert c == {("ran", "Ericsson"): 2, ("ran", "Huawei"): 1, ("core", "Nokia"): 1}, c
PY
"$NIS5G" --db "$WS" snapshots --json | python3 -c '
import json, sys
s = json.load(sys.stdin)["snapshots"][-1]
assert [s[k] for k in ("as_of", "operators", "sites", "elements", "links")] == ["2026-11-27", 2, 6, 14, 12], s
' || fail "the accepted snapshot's counts"
# An operator the national snapshot does not know yet: the folder needs its
# row in operators.csv (NetBox does not hold its country), then it goes in.
grep -v '^OPB,' others/operators.csv > others-new.csv && mkdir new && mv others-new.csv new/operators.csv
cp others/sites.csv others/elements.csv others/links.csv others/suppliers.csv others/products.csv new/
WS2="$T/sub2.db"
"$NIS5G" --db "$WS2" import new --as-of 2026-11-20 > /dev/null || fail "importing without OPB failed"
set +e
"$NIS5G" --db "$WS2" submit --operator OPB out > /dev/null 2> err
rc=$?
set -e
[ "$rc" = 2 ] && grep -qxF "out/operators.csv: error: operator OPB is not in the national snapshot: give its row in operators.csv" err ||
  fail "a new operator without its row: status $rc: $(cat err)"
cp -r out out-new
printf 'operator,name,country,subscribers\nOPB,"Beta, Telecom",EL,500\n' > out-new/operators.csv
"$NIS5G" --db "$WS2" submit --operator OPB out-new > /dev/null 2>&1 || fail "a new operator with its row refused"
"$NIS5G" --db "$WS2" review 1 accept --comment "new operator" > /dev/null 2>&1 || fail "a new operator not accepted"
"$NIS5G" --db "$WS2" summary --snapshot 2026-11-27 > got-summary
diff want-summary got-summary || fail "a new operator: the summary differs from the imported one"

# ---- bad inputs: the message, status 2, nothing written ----
n=0
# expect_err "message line" DEVICES SITES MAP [more arguments]: runs conv,
# wants status 2, the line on stderr, and no folder.
expect_err() {
  want=$1; shift
  n=$((n + 1))
  set +e
  conv "$@" -o "bad$n" > /dev/null 2> err
  rc=$?
  set -e
  [ "$rc" = 2 ] || fail "case $n: status $rc: $(cat err)"
  grep -qxF -- "$want" err && [ "$(grep -c ': error: ' err)" = 1 ] ||
    { echo "case $n: want only: $want"; echo "got:"; cat err; exit 1; }
  [ ! -e "bad$n" ] || fail "case $n: bad$n was written"
  [ -z "$(ls -d bad$n.tmp-* 2>/dev/null)" ] || fail "case $n: a temporary folder was left"
}
# edit FILE OUT PYTHON: OUT is FILE's JSON with the statement applied to `d`.
edit() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); $3; json.dump(d, open(sys.argv[2],'w'))" "$1" "$2"; }

edit devices-1.json d-role.json 'd["results"][2]["role"]["slug"]="edge-router"'
expect_err "d-role.json: error: results[2].role.slug: role is not in map.csv — got 'edge-router'" \
  "d-role.json devices-2.json" sites-1.json map.csv
edit devices-2.json d-dup.json 'd["results"][1]["name"]="B-GNB1"'
expect_err "d-dup.json: error: results[1].name: duplicate device name (first in devices-1.json results[2]) — got 'B-GNB1'" \
  "devices-1.json d-dup.json" sites-1.json map.csv
edit devices-1.json d-model.json 'del d["results"][4]["device_type"]["model"]'
expect_err "d-model.json: error: results[4].device_type.model: missing (a non-empty string is needed)" \
  "d-model.json devices-2.json" sites-1.json map.csv
edit devices-1.json d-type.json 'd["results"][0]["device_type"]="AirFrame"'
expect_err "d-type.json: error: results[0].device_type: expected an object, got a string" \
  "d-type.json devices-2.json" sites-1.json map.csv
edit devices-2.json d-status.json 'd["results"][0]["status"]["value"]="broken"'
expect_err "d-status.json: error: results[0].status.value: unknown status (expected active, planned, staged, offline, failed, decommissioning or inventory) — got 'broken'" \
  "devices-1.json d-status.json" sites-1.json map.csv
edit devices-1.json d-date.json 'd["results"][3]["custom_fields"]["installed"]="2018-02-30"'
expect_err "d-date.json: error: results[3].custom_fields.installed: expected a date (YYYY-MM-DD, a real calendar day) — got '2018-02-30'" \
  "d-date.json devices-2.json" sites-1.json map.csv
edit devices-1.json d-sw.json 'd["results"][0]["custom_fields"]["sw_version"]=22.5'
expect_err "d-sw.json: error: results[0].custom_fields.sw_version: expected a string, got a number" \
  "d-sw.json devices-2.json" sites-1.json map.csv
edit devices-1.json d-site.json 'd["results"][1]["site"]["slug"]="lund"'
expect_err "d-site.json: error: results[1].site.slug: site is not in the sites' page files — got 'lund'" \
  "d-site.json devices-2.json" sites-1.json map.csv
edit sites-1.json s-lat.json 'd["results"][0]["latitude"]="59.403"'
expect_err "s-lat.json: error: results[0].latitude: expected a number, got a string" "$DEV" s-lat.json map.csv
edit sites-1.json s-half.json 'd["results"][1]["longitude"]=None'
expect_err "s-half.json: error: results[1].longitude: missing (a site has both latitude and longitude, or neither)" \
  "$DEV" s-half.json map.csv
edit sites-1.json s-dup.json 'd["results"][2]["slug"]="sto-kista"'
expect_err "s-dup.json: error: results[2].slug: duplicate site slug (first in s-dup.json results[0]) — got 'sto-kista'" \
  "$DEV" s-dup.json map.csv
edit sites-1.json s-tag.json 'd["results"][0]["tags"][1]={"name": "Capital"}'
expect_err "s-tag.json: error: results[0].tags[1].slug: missing (a non-empty string is needed)" "$DEV" s-tag.json map.csv
edit sites-1.json s-subs.json 'd["results"][1]["custom_fields"]["subscribers"]=-3'
expect_err "s-subs.json: error: results[1].custom_fields.subscribers: out of range (0 to 9e+15) — got '-3'" \
  "$DEV" s-subs.json map.csv
edit sites-1.json s-page.json 'd=d["results"]'
expect_err "s-page.json: error: not a NetBox API page (an object with count, next, previous and results): the file is not a JSON object" \
  "$DEV" s-page.json map.csv
# the '}' after the trailing comma is character 16 of line 2
printf '{"count": 3, "results": [\n  {"slug": "x",}\n]}\n' > s-json.json
expect_err "s-json.json:2:16: error: not a NetBox API page: string or '}' expected near '}'" "$DEV" s-json.json map.csv
# the map and links.csv: file:line:col
printf 'role,domain,function\ngnodeb,radio,gNB\n' > m-dom.csv
expect_err "m-dom.csv:2:8: error: unknown domain (expected ran, transport, core, management, edge, interconnect or infrastructure) — got 'radio'" \
  "$DEV" sites-1.json m-dom.csv
printf 'role,domain,function,notes\n' > m-col.csv
expect_err "m-col.csv:1:22: error: unknown column — got 'notes'" "$DEV" sites-1.json m-col.csv
printf 'role,domain,function\ngnodeb,ran,gNB\ngnodeb,ran,DU\n' > m-dup.csv
expect_err "m-dup.csv:3:1: error: duplicate role (first mapped on line 2) — got 'gnodeb'" "$DEV" sites-1.json m-dup.csv
printf 'element,depends_on,group\nB-RU3,B-GNB9,\n' > l-el.csv
expect_err "l-el.csv:2:7: error: depends_on is not a device of the devices' page files — got 'B-GNB9'" "$DEV" sites-1.json map.csv --links l-el.csv
printf 'element,depends_on,group\nB-SPARE1,B-GNB2,\n' > l-inv.csv
expect_err "l-inv.csv:2:1: error: element is a device in inventory, which is left out — got 'B-SPARE1'" "$DEV" sites-1.json map.csv --links l-inv.csv
printf 'element,depends_on,group\nB-RU3,B-GNB2,\nB-RU3,B-GNB2,x\n' > l-dup.csv
expect_err "l-dup.csv:3:1: error: duplicate link (first on line 2)" "$DEV" sites-1.json map.csv --links l-dup.csv
# the count of the pages: a page left out is a warning, not an error
conv devices-1.json sites-1.json map.csv -o one-page > /dev/null 2> err || fail "one page: $(cat err)"
grep -qxF "devices-1.json: warning: the devices listing counts 10 but its 1 page file holds 5: is a page missing?" err ||
  fail "one page: $(cat err)"
# the folder: an existing non-empty one is refused, an empty one is filled
mkdir full && touch full/keep
set +e
conv "$DEV" sites-1.json map.csv -o full > /dev/null 2> err
rc=$?
set -e
[ "$rc" = 2 ] && grep -qxF "nis5g from-netbox: 'full' is not empty: from-netbox writes a new folder (give a new name or empty it)" err ||
  fail "non-empty folder: status $rc: $(cat err)"
[ "$(ls full)" = keep ] || fail "non-empty folder was changed"
mkdir empty
conv "$DEV" sites-1.json map.csv -o empty > /dev/null 2>&1 || fail "empty folder refused"
cmp want-elements.csv empty/elements.csv || fail "empty folder: elements.csv differs"
echo ok
