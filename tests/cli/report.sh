# report.json carries the same figures as the other commands (risk --json,
# measures --json, summary --json, check --json) on the hand-made network of
# tests/cases/risk/small; report.html is one file that asks for nothing on
# the network; argument errors.
set -eu
db="$T/ws.db"
n() { "$NIS5G" --db "$db" "$@"; }
"$TOP/scripts/web-deps.sh" >/dev/null
n import "$TOP/tests/cases/risk/small" >/dev/null
cat > p.policy <<'POL'
rule NO-HR-CORE "No high-risk supplier in the core"
  basis SM03
  deny risk = high and domain = core by 2025-01-01
rule RAN-MULTI "Two RAN vendors per operator"
  basis SM05
  require vendors >= 2 of domain = ran per operator
POL
n report -o out --policy p.policy > said.txt
grep -q "wrote out/report.html and out/report.json" said.txt
[ -s out/report.html ] && [ -s out/report.json ]
n risk --json --policy p.policy > risk.json
n measures --json > measures.json
n summary --json > summary.json
n check --policy p.policy --json > check.json || [ $? -eq 1 ]
python3 - <<'PY'
import json, sys
rep = json.load(open("out/report.json"))
risk = json.load(open("risk.json"))
meas = json.load(open("measures.json"))
summ = json.load(open("summary.json"))
chk = json.load(open("check.json"))
# the same scores and indicators as `risk --json`
assert rep["risk"]["scopes"] == risk["scopes"], "risk section differs from risk --json"
assert rep["as_of"] == risk["as_of"] == "2026-11-27"
# R5 with the policy: 4, +1 for the violation (e3, Huawei SMF in the core) → 5
r5 = rep["risk"]["scopes"][0]["scenarios"][4]
assert (r5["likelihood"], r5["impact"]) == (5, 5), r5
# measures: every status and its origin as in `measures --json`
for a, b in zip(rep["measures"]["scopes"], meas["scopes"]):
    assert a["scope"] == b["scope"] and a["kind"] == b["kind"]
    assert [(x["measure"], x["status"], x["source"]) for x in a["measures"]] == \
           [(x["measure"], x["status"], x["source"]) for x in b["measures"]], a["scope"]
assert [m["measure"] for m in rep["measures"]["catalogue"]] == [m["measure"] for m in meas["catalogue"]]
# vendor shares: the national counts of `summary --json`
counts = {}
for c in summ["counts"]:
    counts[(c["domain"], c["vendor"])] = counts.get((c["domain"], c["vendor"]), 0) + c["elements"]
mine = {(r["domain"], v["vendor"]): v["elements"] for r in rep["vendor_shares"] if r["operator"] is None for v in r["vendors"]}
assert mine == counts, (mine, counts)
assert summ["totals"]["active_elements"] == rep["totals"]["active_elements"] == 8
# policy: statuses and amounts as `check --json`
crules = {r["id"] if "id" in r else r["rule"]: r for r in chk["rules"]}
for r in rep["policy"]["rules"]:
    c = crules[r["rule"]]
    assert r["status"] == c["status"], (r, c)
assert [(r["rule"], r["status"], r["findings"]) for r in rep["policy"]["rules"]] == [
    ("NO-HR-CORE", "violation", 1), ("RAN-MULTI", "violation", 1)], rep["policy"]["rules"]
ops = {o["operator"]: o["violations"] for o in rep["policy"]["operators"]}
assert ops == {"OPA": 1, "OPB": 1}, ops   # e3 at OPA; OPB's RAN is Nokia only
# suppliers: Huawei high-risk by its suppliers.csv designation
hw = [s for s in rep["suppliers"] if s["vendor"] == "Huawei"][0]
assert hw["risk"] == "high", hw
# single-vendor losses (kill-switch): S1 (600 of 1,000 subscribers) has only
# Huawei radios; both OPA radios need the Ericsson AMF e2 (links.csv), so
# Ericsson cuts S1 and S2 (800); Nokia S3 (200)
assert rep["vendor_losses"]["source"] == "killswitch"
vl = {v["vendor"]: v["share"] for v in rep["vendor_losses"]["vendors"]}
assert abs(vl["Huawei"] - 0.6) < 1e-9 and abs(vl["Ericsson"] - 0.8) < 1e-9 and abs(vl["Nokia"] - 0.2) < 1e-9, vl
ks = {v["vendor"]: (v["sites_lost"], v["subscribers_lost"]) for v in rep["killswitch"]["vendors"]}
assert ks == {"Ericsson": (2, 800), "Huawei": (1, 600), "Nokia": (1, 200), "Cisco": (0, 0)}, ks
assert [v["vendor"] for v in rep["killswitch"]["vendors"]][:3] == ["Ericsson", "Huawei", "Nokia"]
ind = rep["risk"]["scopes"][0]["indicators"]
assert ind["single_vendor_loss_vendor"] == "Ericsson" and ind["loss_source"] == "killswitch", ind
mc = rep["montecarlo"]
assert mc["trials"] == 1000 and mc["seed"] == 1 and sum(b["trials"] for b in mc["histogram"]) == 1000, mc
# the page embeds exactly this JSON
html = open("out/report.html", encoding="utf-8").read()
start = html.index('<script type="application/json" id="report-data">') + len('<script type="application/json" id="report-data">')
end = html.index("</script>", start)
assert json.loads(html[start:end].replace("<\\/", "</")) == rep
PY
# Self-contained: no external resource, a CSP that forbids the network.
if grep -Eiq '(src|href)=["'"'"']?(https?:)?//' out/report.html; then echo "report.html references an external resource"; exit 1; fi
grep -q "default-src 'none'" out/report.html
if grep -q "sourceMappingURL" out/report.html; then echo "source map reference left in"; exit 1; fi

# Errors: no output folder; a policy with an error.
if n report >out.txt 2>err.txt; then echo "report without -o accepted"; exit 1; else rc=$?; fi
[ "$rc" -eq 2 ] && grep -q -- "missing -o DIR" err.txt
printf 'rule X "x"\n  deny risk = hihg\n' > bad.policy
if n report -o out2 --policy bad.policy >out.txt 2>err.txt; then echo "bad policy accepted"; exit 1; else rc=$?; fi
[ "$rc" -eq 2 ] && grep -q "bad.policy:2:" err.txt
[ ! -e out2/report.html ]
