# Known answers for `summary` on the hand-written dataset
# tests/cases/import/small, counted by hand from its CSV files:
#  - active elements: OPA 6 (all), OPB 2 (B-AMF1, B-GNB1; B-RU1 retired,
#    B-RU2 planned)
#  - RAN, active: Ericsson A-GNB1 A-RU1; Huawei A-GNB2 A-RU2 B-GNB1 -> 5,
#    Huawei 3/5 = 60%
#  - core: A-AMF1 Ericsson, A-AMF2 Huawei, B-AMF1 Nokia -> 1/3 each
#  - radio sites (an active RU or gNB): OPA S1 S2, OPB S3; DC1 has none
#  - site subscribers: OPA 300+200 (DC1 empty) = 500, OPB 500
#  - EL in operators.csv is stored as GR
set -eu
db="$T/ws.db"
"$NIS5G" --db "$db" import "$TOP/tests/cases/import/small" --as-of 2026-01-01 >/dev/null
"$NIS5G" --db "$db" summary > "$T/got.txt"
cat > "$T/want.txt" <<'TXT'
Snapshot 2026-01-01: 2 operators, 4 sites (3 with radios), 10 elements (8 active), 3 vendors

Operators
operator  name           country  subscribers  sites  radio sites  active elements  planned  retired
--------  -------------  -------  -----------  -----  -----------  ---------------  -------  -------
OPA       Alpha Mobile   SE             1,000      3            2                6        0        0
OPB       Beta, Telecom  GR               500      1            1                2        1        1

Top vendors by domain (active elements)
domain  elements  vendors (share)
------  --------  -----------------------------------------
ran            5  Huawei 60.0%, Ericsson 40.0%
core           3  Ericsson 33.3%, Huawei 33.3%, Nokia 33.3%

Active elements by operator, domain and vendor
operator  domain  elements  vendors
--------  ------  --------  --------------------
OPA       ran            4  Ericsson 2, Huawei 2
OPA       core           2  Ericsson 1, Huawei 1
OPB       ran            1  Huawei 1
OPB       core           1  Nokia 1
TXT
diff -u "$T/want.txt" "$T/got.txt"

"$NIS5G" --db "$db" summary --json > "$T/got.json"
# JSON: a few figures checked with an independent reader (python's json)
python3 - "$T/got.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert s["as_of"] == "2026-01-01"
assert s["totals"] == {"operators": 2, "sites": 4, "elements": 10, "active_elements": 8, "vendors": 3}, s["totals"]
ops = {o["operator"]: o for o in s["operators"]}
assert ops["OPB"]["country"] == "GR"
assert ops["OPB"]["elements"] == {"active": 2, "planned": 1, "retired": 1}
assert ops["OPA"]["radio_sites"] == 2 and ops["OPA"]["site_subscribers"] == 500
ran = {v["vendor"]: v for v in s["top_vendors"]["ran"]}
assert ran["Huawei"]["elements"] == 3 and abs(ran["Huawei"]["share"] - 0.6) < 1e-9
cells = {(c["operator"], c["domain"], c["vendor"]): c["elements"] for c in s["counts"]}
assert cells == {("OPA","ran","Ericsson"): 2, ("OPA","ran","Huawei"): 2, ("OPA","core","Ericsson"): 1,
                 ("OPA","core","Huawei"): 1, ("OPB","ran","Huawei"): 1, ("OPB","core","Nokia"): 1}, cells
PY

# no snapshot yet: a clear error, exit 2
"$NIS5G" --db "$T/empty.db" init >/dev/null
"$NIS5G" --db "$T/empty.db" summary 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "holds no snapshot yet" "$T/err"
