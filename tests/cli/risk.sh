# End to end: the hand-made network of tests/unit/test-risk.c
# (tests/cases/risk/small) imported and scored by `nis5g risk`; measures
# set/history and their effect on the residual risk; catalogue errors.
# Expected scores are the hand computations of tests/unit/test-risk.c.
set -eu
db="$T/ws.db"
n() { "$NIS5G" --db "$db" "$@"; }
n import "$TOP/tests/cases/risk/small" >/dev/null

# Scores: national and OPB, as computed by hand.
n risk --json > risk.json
python3 - <<'PY'
import json, sys
r = json.load(open("risk.json"))
nat = r["scopes"][0]
assert nat["scope"] == "SE" and nat["kind"] == "national", nat["scope"]
got = [(s["scenario"], s["likelihood"], s["impact"], s["score"], s["level"]) for s in nat["scenarios"]]
L = [4, 4, 5, 5, 4, 5, 2, 5, 3]; I = [5, 5, 5, 5, 5, 4, 5, 5, 3]
lv = lambda x: "low" if x <= 4 else "medium" if x <= 9 else "high" if x <= 16 else "critical"
want = [("R%d" % (k + 1), L[k], I[k], L[k] * I[k], lv(L[k] * I[k])) for k in range(9)]
if got != want:
    sys.exit("national scores:\n got  %s\n want %s" % (got, want))
res = [(s["residual"]["likelihood"], s["residual"]["impact"]) for s in nat["scenarios"]]
assert res[4] == (3, 5), ("R5 residual", res[4])
assert res[3] == (5, 4), ("R4 residual", res[3])
assert res[7] == (5, 4), ("R8 residual", res[7])
r5 = nat["scenarios"][4]["explanation"]
assert r5["likelihood"] == "likelihood 4: 31.2% of assets (weighted by sensitivity) from high-risk suppliers (Huawei); 1 of 3 elements of critical asset classes from them", r5
ind = nat["indicators"]
assert abs(ind["high_risk_weighted_share"] - 5 / 16) < 1e-9, ind["high_risk_weighted_share"]
assert ind["largest_vendor"] == "Nokia" and ind["largest_vendor_operator"] == "OPB"
opb = [s for s in r["scopes"] if s["scope"] == "OPB"][0]
got = [(s["likelihood"], s["impact"]) for s in opb["scenarios"]]
assert got[0] == (4, 4) and got[1][0] == 2 and got[2] == (5, 4) and got[4] == (1, 1) and got[7] == (5, 4), got
PY

# One operator only; an unknown one is an input error.
n risk --operator OPB --json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert [s["scope"] for s in r["scopes"]] == ["OPB"]'
if n risk --operator NOPE >out.txt 2>err.txt; then echo "unknown operator accepted"; exit 1; else rc=$?; fi
[ "$rc" -eq 2 ] || { echo "unknown operator: exit $rc"; exit 1; }
grep -q "unknown operator 'NOPE'" err.txt

# measures: the snapshot's statuses, their origin, and the inheritance rule.
n measures --scope OPA --json > m.json
python3 - <<'PY'
import json
m = json.load(open("m.json"))
s = m["scopes"][0]
assert s["scope"] == "OPA" and s["kind"] == "operator"
sm04 = [x for x in s["measures"] if x["measure"] == "SM04"][0]
assert sm04 == {"measure": "SM04", "status": "partial", "source": "snapshot", "date": "2026-03-01",
                "evidence": "third-line support review", "by": None, "at": None}, sm04
tm06 = [x for x in s["measures"] if x["measure"] == "TM06"][0]
assert tm06["status"] is None and tm06["source"] == "none"
assert len(m["catalogue"]) == 29
PY

# measures set: validation (exit 2, nothing recorded), then a real set.
sqlite3 "$db" "SELECT snapshot, name, hex(data) FROM snapshot_blob ORDER BY snapshot, name" | md5sum > blobs.before
for bad in "XX TM06 implemented:unknown scope 'XX'" "SE TM12 implemented:unknown measure 'TM12'" \
           "SE TM06 done:unknown status 'done'"; do
  args=${bad%%:*}; msg=${bad#*:}
  # shellcheck disable=SC2086
  if n measures set $args >out.txt 2>err.txt; then echo "accepted: $args"; exit 1; else rc=$?; fi
  [ "$rc" -eq 2 ] || { echo "$args: exit $rc"; exit 1; }
  grep -qF "$msg" err.txt || { echo "$args: message"; cat err.txt; exit 1; }
done
# who set it is part of the record: an empty or blank --by is refused
for by in "" "  "; do
  if n measures set SE TM06 implemented --by "$by" >out.txt 2>err.txt; then echo "accepted --by '$by'"; exit 1; else rc=$?; fi
  [ "$rc" -eq 2 ] || { echo "--by '$by': exit $rc"; exit 1; }
  grep -qF -- "--by needs a name" err.txt || { echo "--by '$by': message"; cat err.txt; exit 1; }
done
[ "$(sqlite3 "$db" "SELECT count(*) FROM measure_history WHERE source = 'set'")" = 0 ]
# the import recorded measures.csv's rows in the history, in its own transaction
[ "$(sqlite3 "$db" "SELECT count(*) FROM measure_history WHERE source = 'import'")" = \
  "$(($(wc -l < "$TOP/tests/cases/risk/small/measures.csv") - 1))" ]
n measures set SE TM06 implemented --evidence "physical security audit" --by tester > out.txt
grep -q "SE TM06: implemented (set by tester)" out.txt
USER=alice n measures set OPB TM06 partial >/dev/null
n measures history --json > h.json
python3 - <<'PY'
import json
h = json.load(open("h.json"))["history"]
# the import's rows first (measures.csv, in file order), then the two sets
imported = [x for x in h if x["source"] == "import"]
assert [(x["scope"], x["measure"], x["status"]) for x in imported][:1] == [("OPA", "SM04", "partial")], imported
h = [x for x in h if x["source"] == "set"]
assert [(x["scope"], x["measure"], x["status"], x["by"], x["source"]) for x in h] == [
    ("SE", "TM06", "implemented", "tester", "set"), ("OPB", "TM06", "partial", "alice", "set")], h
assert h[0]["evidence"] == "physical security audit" and h[0]["snapshot"] == "2026-11-27"
PY
n measures --scope OPB --json | python3 -c '
import json,sys
x=[m for m in json.load(sys.stdin)["scopes"][0]["measures"] if m["measure"]=="TM06"][0]
assert x["status"]=="partial" and x["source"]=="set" and x["by"]=="alice", x'
sqlite3 "$db" "SELECT snapshot, name, hex(data) FROM snapshot_blob ORDER BY snapshot, name" | md5sum > blobs.after
cmp -s blobs.before blobs.after || { echo "measures set modified the snapshot"; exit 1; }

# Effect on the residual risk: R8's likelihood measure TM06 is now OPA 1
# (inherits the state's), OPB 0.5: weights 800/200 → 0.9, 2 x 0.9 = 1.8 → -2;
# R8 residual 3 x 4 = 12 (it was 5 x 4 = 20).
n risk --json | python3 -c '
import json,sys
s=json.load(sys.stdin)["scopes"][0]["scenarios"][7]
assert (s["residual"]["likelihood"], s["residual"]["impact"], s["residual"]["level"]) == (3, 4, "high"), s["residual"]
m=[x for x in s["measures"] if x["measure"]=="TM06"][0]
assert abs(m["value"]-0.9) < 1e-9, m'

# A re-import of the same as-of date comes after the sets: the snapshot wins again.
sleep 1
n import "$TOP/tests/cases/risk/small" >/dev/null
n measures --scope OPB --json | python3 -c '
import json,sys
x=[m for m in json.load(sys.stdin)["scopes"][0]["measures"] if m["measure"]=="TM06"][0]
assert x["status"] is None and x["source"]=="none", x'

# A broken catalogue: file:line:col and exit 2.
mkdir cat
cp "$TOP/data/toolbox.csv" cat/toolbox.csv
printf 'TM3,technical,Broken\n' >> cat/toolbox.csv
if NIS5G_DATA="$T/cat" n risk >out.txt 2>err.txt; then echo "broken catalogue accepted"; exit 1; else rc=$?; fi
[ "$rc" -eq 2 ] || { echo "broken catalogue: exit $rc"; exit 1; }
grep -q "toolbox.csv:31:1: error: expected a measure code: SM, TM or SA and two digits (e.g. TM03)" err.txt || { cat err.txt; exit 1; }

# risk and report take one --policy: a second one is refused, not silently
# used in place of the first
p="$TOP/tests/cases/policy/spec.policy"
for cmd in "risk" "report -o rep2"; do
  # shellcheck disable=SC2086
  if n $cmd --policy "$p" --policy "$p" >out.txt 2>err.txt; then echo "$cmd: two --policy accepted"; exit 1; else rc=$?; fi
  [ "$rc" -eq 2 ] || { echo "$cmd two --policy: exit $rc"; cat err.txt; exit 1; }
  grep -q -- "--policy given twice" err.txt || { cat err.txt; exit 1; }
done

# options that would do nothing are refused, not ignored
rc=0; n risk --at 2025-01-01 2>err.txt || rc=$?
[ "$rc" = 2 ] && grep -q -- "--at sets the date of a policy's deadlines: it needs --policy" err.txt
rc=0; n report -o rep --figure toolbox 2>err.txt || rc=$?
[ "$rc" = 2 ] && grep -q -- "--figure colours the EU map: it needs --eu" err.txt
rc=0; n report -o rep --at 2025-01-01 2>err.txt || rc=$?
[ "$rc" = 2 ]
