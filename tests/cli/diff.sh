# Known answers for `diff` on the hand-made pair tests/cases/diff/{a,b}
# (README.md there lists what differs), counted by hand:
#  - 2 added (A-UPF1, B-RU2), 1 removed (B-RU9), 5 changed, 4 unchanged;
#  - by operator: OPA 6 -> 7 elements, +1, 4 changed (A-AMF1, A-AMF2, A-GNB2,
#    A-RU2); OPB 4 -> 4, +1 -1, 1 changed (B-AMF1);
#  - by domain: ran 7 -> 7, +1 -1, 2 changed; core 3 -> 4, +1, 3 changed;
#  - by vendor (a changed element counts under its vendor before and after):
#    Ericsson 3 -> 5, 3 changed (A-AMF1, A-GNB2, A-RU2); Huawei 5 -> 3,
#    3 changed (A-AMF2, A-GNB2, A-RU2); Nokia 1 -> 2, +1, 1 changed; ZTE 1 -> 1, +1 -1;
#  - HHI of active elements: ran before E 2, H 4 of 6: (1/3)^2+(2/3)^2 = 5555.56;
#    after E 4, H 2, Z 1 of 7: 10000*21/49 = 4285.71 (change -1269.84);
#    core before E, H, N one each: 3333.33; after E, N: 5000 (+1666.67);
#  - high-risk shares (Huawei, ZTE designated high): Huawei all 5/9 -> 2/9,
#    ran 4/6 -> 2/7, core 1/3 -> 0; ZTE all 0 -> 1/9, ran 0 -> 1/7;
#  - kill-switch: radio sites with service 3 (S1 S2 S3) -> 4 (+S4); Ericsson
#    loses S1 (300) -> S1 S2 (500); Huawei S2 S3 (600) -> S3 S4 (600,
#    unchanged, not listed); Nokia S3 (400) -> S3 S4 (600); ZTE has nothing
#    active before: 0 -> S4 (200);
#  - rules as of 2026-12-01: HR-CORE violation (1) -> ok (0), NO-ZTE ok (0) ->
#    violation (1); NOKIA-RAN ok both (not listed): 2 of 3.
set -eu
db="$T/ws.db"
C="$TOP/tests/cases/diff"
"$NIS5G" --db "$db" import "$C/a" --as-of 2026-01-01 >/dev/null
"$NIS5G" --db "$db" import "$C/b" --as-of 2026-06-30 >/dev/null
"$NIS5G" --db "$db" diff --policy "$C/diff.policy" --at 2026-12-01 > "$T/got.txt"
cat > "$T/want.txt" <<'TXT'
Snapshot 2026-01-01 (10 elements) -> 2026-06-30 (11 elements): 2 added, 1 removed, 5 changed, 4 unchanged

Added elements (2)
element  operator  domain  function  vendor  product  status   site  installed
-------  --------  ------  --------  ------  -------  -------  ----  ----------
A-UPF1   OPA       core    UPF       Nokia            planned  DC1   2026-01-15
B-RU2    OPB       ran     RU        ZTE              active   S4    2026-02-01

Removed elements (1)
element  operator  domain  function  vendor  product  status   site  installed
-------  --------  ------  --------  ------  -------  -------  ----  ----------
B-RU9    OPB       ran     RU        ZTE              retired  S4    2019-01-01

Changed elements (5)
element  operator  field         from        to
-------  --------  ------------  ----------  ------------------------------------
A-AMF1   OPA       product       (none)      Ericsson Core
A-AMF2   OPA       status        active      retired
A-GNB2   OPA       vendor        Huawei      Ericsson
                   installed     2021-01-01  2026-03-01
                   dependencies  A-AMF2      A-AMF1 (pool amf), A-AMF2 (pool amf)
A-RU2    OPA       vendor        Huawei      Ericsson
B-AMF1   OPB       site          (none)      S4

By operator
operator  before  after  added  removed  changed
--------  ------  -----  -----  -------  -------
OPA            6      7      1        0        4
OPB            4      4      1        1        1

By domain
domain  before  after  added  removed  changed
------  ------  -----  -----  -------  -------
ran          7      7      1        1        2
core         3      4      1        0        3

By vendor
vendor    before  after  added  removed  changed
--------  ------  -----  -----  -------  -------
Ericsson       3      5      0        0        3
Huawei         5      3      0        0        3
Nokia          1      2      1        0        1
ZTE            1      1      1        1        0

HHI by domain (active elements)
domain  from    to  change
------  ----  ----  ------
ran     5556  4286   -1270
core    3333  5000   +1667

High-risk vendors' shares (active elements)
vendor  profile  domain   from     to    change
------  -------  ------  -----  -----  --------
Huawei  high     all     55.6%  22.2%  -33.3 pp
Huawei  high     ran     66.7%  28.6%  -38.1 pp
Huawei  high     core    33.3%   0.0%  -33.3 pp
ZTE     high     all      0.0%  11.1%  +11.1 pp
ZTE     high     ran      0.0%  14.3%  +14.3 pp

Kill-switch: radio sites with service 3 -> 4; the loss changed for 3 of 4 vendors
vendor    sites lost  subscribers lost
--------  ----------  ----------------
Ericsson      1 -> 2        300 -> 500
Nokia         1 -> 2        400 -> 600
ZTE           0 -> 1          0 -> 200

Rules as of 2026-12-01: 2 of 3 changed status
rule     status           findings  title
-------  ---------------  --------  -------------------------------
HR-CORE  violation -> ok    1 -> 0  No high-risk vendor in the core
NO-ZTE   ok -> violation    0 -> 1  No ZTE equipment in service
TXT
diff -u "$T/want.txt" "$T/got.txt"

# the default is the last two snapshots; naming them gives the same bytes
"$NIS5G" --db "$db" diff --json > "$T/default.json"
"$NIS5G" --db "$db" diff 2026-01-01 2026-06-30 --json > "$T/named.json"
cmp "$T/default.json" "$T/named.json"
"$NIS5G" --db "$db" diff 2026-01-01 --json > "$T/from.json"
cmp "$T/default.json" "$T/from.json"

# JSON: everything, checked with an independent reader
"$NIS5G" --db "$db" diff --policy "$C/diff.policy" --at 2026-12-01 --json > "$T/got.json"
python3 - "$T/got.json" "$T/default.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
near = lambda x, y: abs(x - y) < 1e-6
assert (d["from"], d["to"]) == ("2026-01-01", "2026-06-30"), (d["from"], d["to"])
assert d["summary"] == {"elements_from": 10, "elements_to": 11, "added": 2, "removed": 1, "changed": 5,
                        "unchanged": 4}, d["summary"]
assert [e["element"] for e in d["added"]] == ["A-UPF1", "B-RU2"]
assert d["added"][0] == {"element": "A-UPF1", "operator": "OPA", "domain": "core", "function": "UPF",
                         "vendor": "Nokia", "product": None, "status": "planned", "site": "DC1",
                         "installed": "2026-01-15"}, d["added"][0]
assert [(e["element"], e["status"]) for e in d["removed"]] == [("B-RU9", "retired")]
ch = {c["element"]: {x["field"]: (x["from"], x["to"]) for x in c["changes"]} for c in d["changed"]}
assert ch == {
    "A-AMF1": {"product": (None, "Ericsson Core")},
    "A-AMF2": {"status": ("active", "retired")},
    "A-GNB2": {"vendor": ("Huawei", "Ericsson"), "installed": ("2021-01-01", "2026-03-01"),
               "dependencies": (["A-AMF2"], ["A-AMF1 (pool amf)", "A-AMF2 (pool amf)"])},
    "A-RU2": {"vendor": ("Huawei", "Ericsson")},
    "B-AMF1": {"site": (None, "S4")},
}, ch
row = lambda r, k: (r[k], r["before"], r["after"], r["added"], r["removed"], r["changed"])
assert [row(r, "operator") for r in d["by_operator"]] == [("OPA", 6, 7, 1, 0, 4), ("OPB", 4, 4, 1, 1, 1)]
dom = {r["domain"]: row(r, "domain")[1:] for r in d["by_domain"]}
assert dom["ran"] == (7, 7, 1, 1, 2) and dom["core"] == (3, 4, 1, 0, 3) and dom["edge"] == (0,) * 5, dom
assert [row(r, "vendor") for r in d["by_vendor"]] == [("Ericsson", 3, 5, 0, 0, 3), ("Huawei", 5, 3, 0, 0, 3),
                                                      ("Nokia", 1, 2, 1, 0, 1), ("ZTE", 1, 1, 1, 1, 0)]
hhi = {h["domain"]: h for h in d["hhi"]}
assert set(hhi) == {"ran", "core"}
assert near(hhi["ran"]["from"], 50000 / 9) and near(hhi["ran"]["to"], 210000 / 49)
assert near(hhi["ran"]["change"], 210000 / 49 - 50000 / 9)
assert near(hhi["core"]["from"], 10000 / 3) and near(hhi["core"]["to"], 5000)
sh = {(s["vendor"], s["domain"]): (s["from"], s["to"], s["profile_from"], s["profile_to"]) for s in d["high_risk_shares"]}
want = {("Huawei", "all"): (5 / 9, 2 / 9), ("Huawei", "ran"): (4 / 6, 2 / 7), ("Huawei", "core"): (1 / 3, 0),
        ("ZTE", "all"): (0, 1 / 9), ("ZTE", "ran"): (0, 1 / 7)}
assert set(sh) == set(want), sh
for k, (f, t) in want.items():
    assert near(sh[k][0], f) and near(sh[k][1], t) and sh[k][2:] == ("high", "high"), (k, sh[k])
ks = d["killswitch"]
assert ks["radio_sites"] == {"from": 3, "to": 4} and ks["vendors"] == 4, ks
assert [(k["vendor"], k["sites_lost"]["from"], k["sites_lost"]["to"], k["subscribers_lost"]["from"],
         k["subscribers_lost"]["to"]) for k in ks["changed"]] == [
    ("Ericsson", 1, 2, 300, 500), ("Nokia", 1, 2, 400, 600), ("ZTE", 0, 1, 0, 200)], ks["changed"]
r = d["rules"]
assert r["at"] == "2026-12-01" and r["rules"] == 3, r
assert [(x["id"], x["from"], x["to"], x["findings"]["from"], x["findings"]["to"]) for x in r["changed"]] == [
    ("HR-CORE", "violation", "ok", 1, 0), ("NO-ZTE", "ok", "violation", 0, 1)], r["changed"]
assert json.load(open(sys.argv[2]))["rules"] is None  # no policy: no rules compared
PY

# every document is valid against its schema (docs/schemas/diff.schema.json)
command -v node >/dev/null || { echo "diff: node is needed for the schema check (make check installs it)"; exit 1; }
[ -d "$TOP/tests/js/node_modules/ajv-formats" ] || { echo "diff: run scripts/web-deps.sh test (make check does)"; exit 1; }
# valid DOC...: each document valid against docs/schemas/diff.schema.json (validate.mjs prints its errors on stdout)
valid() { node "$TOP/tests/js/validate.mjs" "$TOP/docs/schemas/diff.schema.json" "$@" >"$T/valid.txt" ||
  { cat "$T/valid.txt" >&2; exit 1; }; }
valid "$T/got.json" "$T/default.json"

# the other way round: added and removed swap, the same five changed
"$NIS5G" --db "$db" diff 2026-06-30 2026-01-01 | head -1 > "$T/back.txt"
echo "Snapshot 2026-06-30 (11 elements) -> 2026-01-01 (10 elements): 1 added, 2 removed, 5 changed, 4 unchanged" | cmp - "$T/back.txt"
# a snapshot against itself: nothing changed
"$NIS5G" --db "$db" diff 2026-01-01 2026-01-01 --json > "$T/same.json"
python3 - "$T/same.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["summary"] == {"elements_from": 10, "elements_to": 10, "added": 0, "removed": 0, "changed": 0,
                        "unchanged": 10}, d["summary"]
assert d["killswitch"]["changed"] == [] and all(h["change"] == 0 for h in d["hhi"])
PY

# long lists are cut in the text, with a count of the rest; --json has every one
mkdir -p "$T/big"
cp "$C/a/operators.csv" "$C/a/sites.csv" "$C/a/suppliers.csv" "$T/big/"
{ echo "element,operator,site,domain,function,vendor,product,sw_version,installed,status"
  i=0; while [ $i -lt 25 ]; do echo "X$i,OPA,S1,ran,RU,Nokia,,,,active"; i=$((i + 1)); done; } > "$T/big/elements.csv"
"$NIS5G" --db "$db" import "$T/big" --as-of 2026-09-30 >/dev/null
"$NIS5G" --db "$db" diff > "$T/big.txt"
grep -q "^Added elements (25)$" "$T/big.txt"
grep -q "^Removed elements (11)$" "$T/big.txt"
grep -q "^\.\.\. and 5 more (--json lists every one)$" "$T/big.txt"
[ "$(grep -c '^X[0-9]' "$T/big.txt")" = 20 ]
"$NIS5G" --db "$db" diff --json > "$T/big.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["added"]) == 25 and len(d["removed"]) == 11' "$T/big.json"
valid "$T/same.json" "$T/big.json"

# a policy's designation makes a vendor high-risk: Nokia, active B-AMF1
# before and after: all 1/9 -> 1/9, core 1/3 -> 1/2 (A-AMF2 retired)
printf 'designate Nokia high "test"\n' > "$T/nokia.policy"
"$NIS5G" --db "$db" diff 2026-01-01 2026-06-30 --policy "$T/nokia.policy" --json > "$T/nokia.json"
python3 - "$T/nokia.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
sh = {(s["vendor"], s["domain"]): (round(s["from"], 9), round(s["to"], 9), s["profile_from"], s["profile_to"])
      for s in d["high_risk_shares"] if s["vendor"] == "Nokia"}
assert sh == {("Nokia", "all"): (round(1 / 9, 9), round(1 / 9, 9), "high", "high"),
              ("Nokia", "core"): (round(1 / 3, 9), 0.5, "high", "high")}, sh
assert d["rules"] == {"at": "2026-11-27", "rules": 0, "changed": []}, d["rules"]
PY

# a policy's warnings are given once, not once per snapshot; one true of A
# alone (no UPF before) is kept
printf 'designate Cisco high\nrule X "x"\n  deny vendor = Cisco\nrule Y "y"\n  deny function = UPF\n' > "$T/w.policy"
"$NIS5G" --db "$db" diff 2026-01-01 2026-06-30 --policy "$T/w.policy" >/dev/null 2>"$T/err"
[ "$(grep -c 'warning:' "$T/err")" = 3 ]
grep -q "w.policy:5:19: warning: function not in the data" "$T/err"

# bad arguments: clear errors, exit 2
"$NIS5G" --db "$db" diff 2025-01-01 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "no snapshot as of 2025-01-01" "$T/err"
"$NIS5G" --db "$db" diff 2026-01-01 2025-05-05 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "no snapshot as of 2025-05-05" "$T/err"
"$NIS5G" --db "$db" diff 2026-02-30 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "expects a date" "$T/err"
"$NIS5G" --db "$db" diff 2026-01-01 2026-06-30 2026-09-30 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "unexpected argument '2026-09-30'" "$T/err"
"$NIS5G" --db "$db" diff --policy "$T/nope.policy" 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "nope.policy" "$T/err"
"$NIS5G" --db "$T/one.db" import "$C/a" --as-of 2026-01-01 >/dev/null
"$NIS5G" --db "$T/one.db" diff 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "one snapshot only (2026-01-01); a diff needs two" "$T/err"
"$NIS5G" --db "$T/one.db" diff --json >"$T/out" 2>"$T/err" && exit 1 || [ $? = 2 ]
[ ! -s "$T/out" ]
"$NIS5G" --db "$T/empty.db" init >/dev/null
"$NIS5G" --db "$T/empty.db" diff 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "holds no snapshot yet" "$T/err"
echo "diff: ok"
