# Known answers for `oscal poam` on the hand-written dataset
# tests/cases/import/small (docs/oscal.md#poam), counted by hand:
#  - OUT (Huawei in the core, by 2027-01-01; pending on 2026-06-01):
#    OPA A-AMF2 -> open, 1; OPB none -> closed, 0
#  - RAN (Huawei in the RAN, by 2025-06-01; in violation): OPA A-GNB2 A-RU2
#    -> 2; OPB B-GNB1 -> 1 (B-RU1 is retired, B-RU2 planned: not active)
#  - NOW (no deadline): not in the plan
#  - measures.csv: SE SM03 implemented (not in the plan), OPA TM03 partial,
#    OPB SM05 planned for 2027-01-01 (its deadline); the others have no status
#    given (not in the plan)
set -eu
N="$NIS5G"
db="$T/w.db"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$N" --db "$db" import "$TOP/tests/cases/import/small" --as-of 2026-01-01 >/dev/null
cat >"$T/p.policy" <<'POL'
rule OUT "Huawei out of the core"
  severity high
  deny vendor = Huawei and domain = core by 2027-01-01
rule RAN "Huawei out of the RAN"
  deny vendor = Huawei and domain = ran by 2025-06-01
rule NOW "No Nokia"
  deny vendor = Nokia
POL
"$N" --db "$db" oscal poam --policy "$T/p.policy" --at 2026-06-01 -o "$T/poam.json" >"$T/out"
grep -qx "wrote $T/poam.json: OSCAL 1.2.1 plan of action and milestones" "$T/out" || fail "$(cat "$T/out")"
python3 - "$T/poam.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))["plan-of-action-and-milestones"]
props = lambda x: {p["name"]: p["value"] for p in x.get("props", [])}
assert d["metadata"]["oscal-version"] == "1.2.1", d["metadata"]
assert d["metadata"]["version"] == "2026-01-01" and d["metadata"]["last-modified"] == "2026-06-01T00:00:00Z"
items = [(props(i)["kind"], props(i).get("rule") or props(i).get("measure"), props(i)["scope"], props(i)["status"],
          props(i).get("must-change"), props(i).get("deadline")) for i in d["poam-items"]]
want = [("rule", "OUT", "OPA", "open", "1", "2027-01-01"), ("rule", "OUT", "OPB", "closed", "0", "2027-01-01"),
        ("rule", "RAN", "OPA", "open", "2", "2025-06-01"), ("rule", "RAN", "OPB", "open", "1", "2025-06-01"),
        ("measure", "TM03", "OPA", "open", None, None), ("measure", "SM05", "OPB", "open", None, "2027-01-01")]
assert items == want, items
risks = {r["uuid"]: r for r in d["risks"]}
obs = {o["uuid"]: o for o in d["observations"]}
elements = {}
for i in d["poam-items"]:
    r = risks[i["related-risks"][0]["risk-uuid"]]
    assert r["status"] == props(i)["status"], (r, i)
    for o in i.get("related-observations", []):
        elements[(props(i).get("rule"), props(i)["scope"])] = [p["value"] for p in obs[o["observation-uuid"]]["props"]]
assert elements == {("OUT", "OPA"): ["A-AMF2"], ("RAN", "OPA"): ["A-GNB2", "A-RU2"], ("RAN", "OPB"): ["B-GNB1"]}, elements
assert d["poam-items"][3]["description"] == "RAN at OPB: 1 to change by 2025-06-01 (the rule is in violation).", d["poam-items"][3]
assert d["poam-items"][1]["description"] == "OUT at OPB: nothing to change (deadline 2027-01-01).", d["poam-items"][1]
assert d["poam-items"][5]["description"] == "Put toolbox measure SM05 in place at OPB (now planned for 2027-01-01).", d["poam-items"][5]
assert risks[d["poam-items"][0]["related-risks"][0]["risk-uuid"]]["deadline"] == "2027-01-01T00:00:00Z"
# one snapshot: the pending rule's forecast says so
assert props(risks[d["poam-items"][0]["related-risks"][0]["risk-uuid"]]) == {"forecast": "one_snapshot"}
assert "props" not in risks[d["poam-items"][2]["related-risks"][0]["risk-uuid"]]  # in violation: no forecast
PY
# the same question, the same bytes; 1.1.2 differs in its declared version only
"$N" --db "$db" oscal poam --policy "$T/p.policy" --at 2026-06-01 -o "$T/again.json" >/dev/null
cmp -s "$T/poam.json" "$T/again.json" || fail "two runs differ"
"$N" --db "$db" oscal poam --policy "$T/p.policy" --at 2026-06-01 --oscal-version 1.1.2 -o "$T/old.json" >/dev/null
sed 's/"oscal-version": "1.1.2"/"oscal-version": "1.2.1"/' "$T/old.json" | cmp -s - "$T/poam.json" ||
  fail "1.1.2 differs in more than its oscal-version"
# without --policy: the measures only
"$N" --db "$db" oscal poam --at 2026-06-01 -o "$T/m.json" >/dev/null
python3 -c "import json,sys; d=json.load(open(sys.argv[1]))['plan-of-action-and-milestones']; \
assert len(d['poam-items']) == 2 and 'observations' not in d, d" "$T/m.json"
# bad input: exit 2, nothing written
rc=0; "$N" --db "$db" oscal poam --oscal-version 1.0 -o "$T/x.json" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "expects 1.2.1 or 1.1.2 — got '1.0'" "$T/err" && [ ! -e "$T/x.json" ] ||
  fail "a bad --oscal-version: exit $rc, $(cat "$T/err")"
# nothing to plan (no rule with a deadline, no measure status): exit 2
mkdir "$T/nom"
for f in elements links operators products sites suppliers; do cp "$TOP/tests/cases/import/small/$f.csv" "$T/nom/"; done
"$N" --db "$T/nom.db" import "$T/nom" --as-of 2026-01-01 >/dev/null
rc=0; "$N" --db "$T/nom.db" oscal poam -o "$T/y.json" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "nothing to plan" "$T/err" && [ ! -e "$T/y.json" ] || fail "nothing to plan: exit $rc, $(cat "$T/err")"
echo "oscal poam: ok"
