# `nis5g elements` on the hand-written dataset tests/cases/elements (the
# small dataset of tests/cases/import with elements of its own: a vendor
# and products that a spreadsheet would run as formulas, a vendor with a
# comma and quotes, elements without a site, planned and retired ones,
# and rows not in id order). Every answer below is counted by hand from
# its elements.csv:
#
#   id      op   site region domain     vendor     product    status   installed
#   A-AMF1  OPA  DC1  SE11   core       Ericsson              active   2020-05-01
#   A-AMF2  OPA  DC1  SE11   core       Huawei                active   2019-05-01
#   A-FW1   OPA  -    -      transport  @Evil, "Inc" -1+1     active   -
#   A-GNB1  OPA  S1   SE11   ran        Ericsson              active   2021-01-10
#   A-GNB2  OPA  S2   SE23   ran        Huawei                active   2019-03-01
#   A-RU1   OPA  S1   SE11   ran        Ericsson   AIR 6449   active   2021-01-10
#   A-RU2   OPA  S2   SE23   ran        Huawei     AAU5613    active   2019-03-01
#   A-SW1   OPA  S2   SE23   transport  =cmd|...   +SUM(1,2)  active   2022-02-02
#   B-AMF1  OPB  -    -      core       Nokia                 active   2020-01-01
#   B-GNB1  OPB  S3   SE11   ran        Huawei                active   2018-01-01
#   B-RU1   OPB  S3   SE11   ran        Huawei     AAU5613    retired  2018-01-01
#   B-RU2   OPB  S3   SE11   ran        Huawei     AAU5613    planned  -
#
# Huawei's profile is high (suppliers.csv factors); rules.policy also
# designates Nokia high. Then the same listing's pages on a generated
# dataset must agree with its whole sorted list (the bounded heap that
# serves the first pages against the full sort).
set -eu
fail() { echo "FAIL: $*"; exit 1; }
db="$T/ws.db"
pol="$TOP/tests/cases/elements/rules.policy"
"$NIS5G" --db "$db" import "$TOP/tests/cases/elements" --as-of 2026-01-01 >/dev/null 2>&1

# ids of a listing, one line, in order; a failing command is a failure (its
# empty output would otherwise match want "")
ids() {
  "$NIS5G" --db "$db" elements --csv "$@" > "$T/ids.csv" 2> "$T/ids.err" ||
    { echo "FAIL: elements $*: exit $?: $(cat "$T/ids.err")" >&2; exit 1; }  # stderr: stdout is want's $(ids)
  sed 1d "$T/ids.csv" | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//'
}
total() { "$NIS5G" --db "$db" elements --json "$@" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }
want() { # want "expected ids" args...
  exp=$1; shift
  got=$(ids "$@")
  [ "$got" = "$exp" ] || fail "elements $*: got '$got', want '$exp'"
}

# ---- filters (default sort: id) ----
want "A-AMF1 A-AMF2 A-FW1 A-GNB1 A-GNB2 A-RU1 A-RU2 A-SW1 B-AMF1 B-GNB1 B-RU1 B-RU2"
want "B-AMF1 B-GNB1 B-RU1 B-RU2" --operator OPB
want "A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 B-RU2" --vendor Huawei
want "A-AMF2 A-GNB2 A-RU2 B-AMF1 B-GNB1 B-RU1 B-RU2" --vendor Huawei --vendor Nokia
want "A-AMF1 A-AMF2 B-AMF1" --domain core
want "A-FW1 A-SW1" --domain transport
want "A-GNB2 A-RU2 A-SW1" --region SE23
want "A-AMF1 A-AMF2 A-GNB1 A-RU1 B-GNB1 B-RU1 B-RU2" --region SE11
want "B-GNB1 B-RU1 B-RU2" --site S3
want "A-AMF1 A-AMF2 A-GNB1 A-RU1" --site S1 --site DC1
want "" --site S1 --region SE23
want "A-GNB2 A-RU2 A-SW1" --site S2 --region SE23
want "B-RU1 B-RU2" --status planned --status retired
[ "$(total --status active)" = 10 ] || fail "active: $(total --status active)"
want "A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 B-RU2" --high-risk
want "A-AMF2 A-GNB2 A-RU2 B-AMF1 B-GNB1 B-RU1 B-RU2" --high-risk --policy "$pol"
want "A-SW1" --vendor "=cmd|' /C calc'!A0"
want "A-FW1" --vendor '@Evil, "Inc"'
# combined
want "A-GNB2 A-RU2" --operator OPA --domain ran --vendor Huawei
want "B-GNB1" --operator OPB --status active --high-risk
want "B-AMF1 B-GNB1" --operator OPB --status active --high-risk --policy "$pol"
want "A-GNB1 A-RU1" --region SE11 --domain ran --operator OPA

# ---- sorting: strings by their bytes, empty values last both ways, ties by id ascending ----
want "B-GNB1 B-RU1 A-GNB2 A-RU2 A-AMF2 B-AMF1 A-AMF1 A-GNB1 A-RU1 A-SW1 A-FW1 B-RU2" --sort installed
want "A-SW1 A-GNB1 A-RU1 A-AMF1 B-AMF1 A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 A-FW1 B-RU2" --sort installed --desc
want "A-SW1 A-FW1 A-AMF1 A-GNB1 A-RU1 A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 B-RU2 B-AMF1" --sort vendor
want "B-AMF1 A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 B-RU2 A-AMF1 A-GNB1 A-RU1 A-FW1 A-SW1" --sort vendor --desc
want "A-SW1 A-FW1 A-RU2 B-RU1 B-RU2 A-RU1 A-AMF1 A-AMF2 A-GNB1 A-GNB2 B-AMF1 B-GNB1" --sort product
want "B-GNB1 B-RU1 B-RU2 A-GNB2 A-RU2 A-SW1 A-GNB1 A-RU1 A-AMF1 A-AMF2 A-FW1 B-AMF1" --sort site --desc
want "A-AMF1 A-AMF2 A-GNB1 A-RU1 B-GNB1 B-RU1 B-RU2 A-GNB2 A-RU2 A-SW1 A-FW1 B-AMF1" --sort region
want "A-AMF1 A-AMF2 B-AMF1 A-GNB1 A-GNB2 A-RU1 A-RU2 B-GNB1 B-RU1 B-RU2 A-FW1 A-SW1" --sort domain
want "A-AMF1 A-AMF2 B-AMF1 A-RU1 A-RU2 B-RU1 B-RU2 A-FW1 A-GNB1 A-GNB2 B-GNB1 A-SW1" --sort function
want "A-AMF1 A-AMF2 A-FW1 A-GNB1 A-GNB2 A-RU1 A-RU2 A-SW1 B-AMF1 B-GNB1 B-RU2 B-RU1" --sort status
want "B-RU2 B-RU1 B-GNB1 B-AMF1 A-SW1 A-RU2 A-RU1 A-GNB2 A-GNB1 A-FW1 A-AMF2 A-AMF1" --sort id --desc
want "B-AMF1 B-GNB1 B-RU1 B-RU2 A-AMF1 A-AMF2 A-FW1 A-GNB1 A-GNB2 A-RU1 A-RU2 A-SW1" --sort operator --desc

# ---- paging: the total is the whole list's; past the end an empty page ----
want "A-GNB1 A-GNB2" --offset 3 --limit 2
want "B-RU1 B-RU2" --offset 10 --limit 5
want "A-AMF1" --limit 1
want "B-RU2" --limit 1 --desc
want "A-AMF2" --vendor Huawei --sort installed --desc --limit 1
want "" --offset 12
want "" --limit 0
"$NIS5G" --db "$db" elements --json --offset 100 --limit 5 > "$T/past.json"
python3 - "$T/past.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 12 and d["offset"] == 100 and d["limit"] == 5 and d["elements"] == [], d
PY

# ---- --rule: the check's own findings ----
want "A-AMF2 A-GNB2 A-RU2 B-AMF1" --rule DENY-NEW --policy "$pol" --at 2026-01-01
want "A-AMF2 A-GNB2 A-RU2" --rule DENY-NEW --policy "$pol" --operator OPA
want "B-GNB1" --rule CAP-HW --policy "$pol"
want "B-AMF1" --rule REQ-CORE --policy "$pol"
want "" --rule OK-ZTE --policy "$pol"
"$NIS5G" --db "$db" elements --json --rule CAP-HW --policy "$pol" --at 2026-01-01 > "$T/rule.json" 2>/dev/null
python3 - "$T/rule.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["rule"] == {"id": "CAP-HW", "kind": "cap", "at": "2026-01-01", "status": "pending", "findings": 1}, d["rule"]
assert d["total"] == 1 and [e["id"] for e in d["elements"]] == ["B-GNB1"], d
PY

# --at decides the rule's status, not its findings: CAP-HW is due 2030-01-01
for at in 2029-12-31:pending 2030-01-01:violation; do
  "$NIS5G" --db "$db" elements --json --rule CAP-HW --policy "$pol" --at "${at%:*}" 2>/dev/null > "$T/at.json"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert (d["rule"]["status"], d["total"]) == (sys.argv[2], 1), d' \
    "$T/at.json" "${at#*:}" || fail "--at ${at%:*}"
done

# ---- --snapshot: an older snapshot (tests/cases/import/small: 10 elements, no A-SW1) ----
"$NIS5G" --db "$db" import "$TOP/tests/cases/import/small" --as-of 2025-06-30 >/dev/null 2>&1
[ "$(total)" = 12 ] || fail "the latest snapshot changed"
[ "$(total --snapshot 2025-06-30)" = 10 ] || fail "--snapshot 2025-06-30: $(total --snapshot 2025-06-30)"
want "A-AMF2 A-GNB2 A-RU2 B-GNB1 B-RU1 B-RU2" --snapshot 2025-06-30 --vendor Huawei
bad_snapshot=0
"$NIS5G" --db "$db" elements --snapshot 2024-01-01 >/dev/null 2>&1 || bad_snapshot=$?
[ "$bad_snapshot" = 2 ] || fail "--snapshot of no snapshot: exit $bad_snapshot"

# ---- the JSON document: keys, nulls, the page ----
"$NIS5G" --db "$db" elements --json --operator OPA --sort installed --desc --offset 9 --limit 2 > "$T/page.json"
python3 - "$T/page.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert list(d) == ["as_of", "total", "offset", "limit", "sort", "desc", "elements"], list(d)
assert (d["as_of"], d["total"], d["offset"], d["limit"], d["sort"], d["desc"]) == ("2026-01-01", 8, 9, 2, "installed", True), d
assert d["elements"] == [], d
PY
"$NIS5G" --db "$db" elements --json --site S2 --sort product > "$T/s2.json"
python3 - "$T/s2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"] == 3 and d["limit"] == 3, d  # no --limit: the whole list, limit = total
e = d["elements"]
assert [x["id"] for x in e] == ["A-SW1", "A-RU2", "A-GNB2"], e
assert e[0] == {"id": "A-SW1", "operator": "OPA", "site": "S2", "region": "SE23", "domain": "transport",
                "function": "switch", "vendor": "=cmd|' /C calc'!A0", "product": "+SUM(1,2)", "status": "active",
                "installed": "2022-02-02", "high_risk": False}, e[0]
assert e[2]["product"] is None and e[2]["high_risk"] is True, e[2]
PY
"$NIS5G" --db "$db" elements --json --vendor '@Evil, "Inc"' > "$T/fw.json"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["elements"][0]; assert e["site"] is None and e["region"] is None and e["installed"] is None, e' "$T/fw.json"

# ---- CSV: RFC 4180 quoting, formula cells escaped with a leading ' ----
"$NIS5G" --db "$db" elements --csv --domain transport > "$T/got.csv"
cat > "$T/want.csv" <<'CSV'
id,operator,site,region,domain,function,vendor,product,status,installed,high_risk
A-FW1,OPA,,,transport,firewall,"'@Evil, ""Inc""","'-1+1",active,,false
A-SW1,OPA,S2,SE23,transport,switch,"'=cmd|' /C calc'!A0","'+SUM(1,2)",active,2022-02-02,false
CSV
diff -u "$T/want.csv" "$T/got.csv" || fail "CSV"
python3 - "$T/got.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[1][6] == "'@Evil, \"Inc\"" and rows[2][7] == "'+SUM(1,2)", rows
assert all(len(r) == 11 for r in rows), rows
PY
# header only for an empty page
"$NIS5G" --db "$db" elements --csv --offset 50 > "$T/empty.csv"
[ "$(cat "$T/empty.csv")" = "id,operator,site,region,domain,function,vendor,product,status,installed,high_risk" ] || fail "empty CSV"

# ---- text: the aligned table and its footer ----
"$NIS5G" --db "$db" elements --site S3 --sort installed --offset 1 --limit 1 > "$T/got.txt"
cat > "$T/want.txt" <<'TXT'
id     operator  site  region  domain  function  vendor  product  status   installed   high risk
-----  --------  ----  ------  ------  --------  ------  -------  -------  ----------  ---------
B-RU1  OPB       S3    SE11    ran     RU        Huawei  AAU5613  retired  2018-01-01  yes

1 of 3 elements (after the first 1)
TXT
diff -u "$T/want.txt" "$T/got.txt" || fail "text table"
[ "$("$NIS5G" --db "$db" elements --vendor Nokia --status planned)" = "0 of 0 elements" ] || fail "empty text"

# ---- bad values: exit 2, the value named, nothing printed on stdout ----
bad() { # bad "message part" args...
  msg=$1; shift
  if "$NIS5G" --db "$db" elements "$@" > "$T/out" 2> "$T/err"; then fail "elements $* succeeded"; fi
  st=$?
  "$NIS5G" --db "$db" elements "$@" > /dev/null 2>&1 || st=$?
  [ "$st" = 2 ] || fail "elements $*: exit $st, want 2"
  grep -qF -- "$msg" "$T/err" || { cat "$T/err"; fail "elements $*: no '$msg' in the error"; }
  [ ! -s "$T/out" ] || fail "elements $*: printed something"
}
bad "got 'bogus'" --sort bogus
bad "got '-1'" --limit -1
bad "got 'x'" --offset x
bad "unknown vendor 'Nope'" --vendor Nope
bad "unknown operator 'OPC'" --operator OPC
bad "unknown site 'S9'" --site S9
bad "unknown region 'SE99'" --region SE99
bad "unknown domain 'radio'" --domain radio
bad "unknown status 'gone'" --status gone
bad "needs the --policy" --rule DENY-NEW
bad "no rule 'NOPE'" --rule NOPE --policy "$pol"
bad "--json" --json --csv

# ---- every page agrees with the whole sorted list ----
"$NIS5G" generate --country SE --scale 0.02 --seed 3 -o "$T/se" >/dev/null
"$NIS5G" --db "$T/se.db" import "$T/se" --as-of 2026-01-01 >/dev/null 2>&1
for s in id vendor installed site product; do
  for d in "" --desc; do
    # shellcheck disable=SC2086
    "$NIS5G" --db "$T/se.db" elements --csv --sort $s $d --domain ran > "$T/all.csv"
    n=$(($(wc -l < "$T/all.csv") - 1))
    [ "$n" -gt 100 ] || fail "the generated listing has $n rows"
    # the first pages (a heap) and pages deep in the list (a selection)
    for page in "0 7" "7 13" "50 25" "$((n / 2)) 40" "$((n - 30)) 20" "$((n - 5)) 50" "1 $((n / 2))"; do
      set -- $page
      # shellcheck disable=SC2086
      "$NIS5G" --db "$T/se.db" elements --csv --sort $s $d --domain ran --offset "$1" --limit "$2" | sed 1d > "$T/page.csv"
      sed -n "$(($1 + 2)),$(($1 + $2 + 1))p" "$T/all.csv" | cmp -s - "$T/page.csv" ||
        fail "--sort $s $d --offset $1 --limit $2 differs from the whole list's rows"
    done
  done
done
echo "elements: ok"
