# Submissions and their review (docs/submit.md, docs/review.md) on the
# hand-made three-operator cases of tests/cases/submit (README there).
# Figures are compared between the accepted snapshot and a direct import
# of the dataset merged by hand; refusals are the exact diagnostics.
set -eu
C="$TOP/tests/cases/submit"
db="$T/ws.db"
n() { "$NIS5G" --db "$db" "$@"; }
digest() { sqlite3 "$db" .dump | sha256sum; }
fail() { echo "FAIL: $*" >&2; exit 1; }

n import --as-of 2026-11-01 "$C/base" >/dev/null
P="$TOP/data/policies/se.policy"
figures() { # $1: workspace, $2: output folder
  mkdir -p "$2"
  "$NIS5G" --db "$1" summary --json > "$2/summary.json"
  "$NIS5G" --db "$1" diversity --json > "$2/diversity.json"
  "$NIS5G" --db "$1" killswitch --all --json > "$2/killswitch.json"
  "$NIS5G" --db "$1" check --policy "$P" --json > "$2/check.json" 2>/dev/null || [ $? = 1 ]
  "$NIS5G" --db "$1" risk --policy "$P" --json > "$2/risk.json" 2>/dev/null
}
figures "$db" "$T/before"

# ---- refused at submit: exact diagnostics, nothing changed ----
before=$(digest)
refused() { # case, expected stderr
  (cd "$C/refused" && "$NIS5G" --db "$db" submit --operator OPA "$1" > "$T/out" 2> "$T/err") && fail "$1 was accepted"
  printf '%s\n' "$2" > "$T/want"
  diff -u "$T/want" "$T/err" || fail "$1: diagnostics differ"
  [ "$(digest)" = "$before" ] || fail "$1 changed the workspace"
}
refused foreign-row "foreign-row/elements.csv:9:6: error: a row of another operator: a submission for OPA holds only its own rows — got 'OPB'
 9 | B-X1,OPB,S3,ran,RU,Huawei,,,,
   |      ^
nis5g submit: 1 error; nothing was submitted"
refused removes-dependency "removes-dependency/elements.csv: error: element B-RU1 of operator OPB depends on A-GNB1, which this submission removes
removes-dependency/elements.csv: error: element C-GNB1 of operator OPC depends on A-AMF1, which this submission removes
nis5g submit: 2 errors; nothing was submitted"
refused conflicting-product "conflicting-product/products.csv:2:10: error: product already in the national catalogue with other attributes: this row is 'Ericsson,AIR 6449,NESAS;SCAS,2031-12-31,0', the national catalogue's is 'Ericsson,AIR 6449,NESAS;SCAS,2030-12-31,0' — got 'AIR 6449'
 2 | Ericsson,AIR 6449,NESAS; SCAS,2031-12-31,0
   |          ^
nis5g submit: 1 error; nothing was submitted"
refused removes-site "removes-site/elements.csv: error: element B-AMF1 of operator OPB is at site DC1, which this submission removes
nis5g submit: 1 error; nothing was submitted"
refused suppliers "suppliers/suppliers.csv: error: supplier profiles are the authority's: leave suppliers.csv out of a submission
nis5g submit: 1 error; nothing was submitted"
refused dangling-link "dangling-link/links.csv:9:7: error: depends on an element that is neither in this submission nor another operator's element in the national snapshot — got 'X-NOPE'
 9 | A-RU3,X-NOPE,
   |       ^
nis5g submit: 1 error; nothing was submitted"
# the importer's own checks, at the line and column of the operator's file
mkdir "$T/bad-date"
cp "$C/opa-v2/"*.csv "$T/bad-date/"
sed -i 's/2026-09-01/2026-02-30/' "$T/bad-date/elements.csv"
(cd "$T" && "$NIS5G" --db "$db" submit --operator OPA bad-date 2> "$T/err" >/dev/null) && fail "a bad date was accepted"
grep -q "^bad-date/elements.csv:8:40: error: expected a date" "$T/err" || { cat "$T/err"; fail "bad date not at 8:40"; }
# another operator's submission may not name OPA
(cd "$C" && "$NIS5G" --db "$db" submit --operator OPB opa-v2 2> "$T/err" >/dev/null) && fail "OPB submitted OPA's rows"
grep -q "^opa-v2/operators.csv:2:1: error: a row of another operator" "$T/err" || { cat "$T/err"; fail "OPB/OPA"; }
[ "$(digest)" = "$before" ] || fail "a refused submit changed the workspace"

# ---- accepted: pending changes nothing national, then the composed snapshot ----
id=$(n submit --operator OPA "$C/opa-v2" | tail -1)
[ "$id" = 1 ] || fail "submit's last line is '$id'"
figures "$db" "$T/pending"
diff -r "$T/before" "$T/pending" || fail "a pending submission shows in national figures"
n submissions --status pending --json > "$T/list.json"
grep -q '"status": "pending"' "$T/list.json" || fail "not pending"
# what the reviewer reads first: the diff the submission would make ...
n diff --submission 1 --json > "$T/sub-diff.json"
n diff --submission 1 > "$T/sub-diff.txt"
grep -q '^  changed' "$T/sub-diff.txt" || grep -q 'changed' "$T/sub-diff.txt" || fail "diff --submission: $(cat "$T/sub-diff.txt")"
n review 1 accept --comment "vendor swap as planned" > "$T/out"
# ... is the diff of the snapshot accepting it made
n diff --json > "$T/snap-diff.json"
python3 - "$T/sub-diff.json" "$T/snap-diff.json" <<'PY' || fail "diff --submission differs from the accepted snapshots' diff"
import json, sys
sub, snap = (json.load(open(f)) for f in sys.argv[1:])
assert sub.pop("submission") == 1, "no submission key"
assert sub == snap, "differs"
assert sub["summary"]["changed"] > 0, "nothing changed"
PY
n diff --submission 1 2> "$T/err" >/dev/null && fail "a reviewed submission was diffed"
grep -q "submission 1 is no longer pending" "$T/err" || fail "diff of a reviewed submission: $(cat "$T/err")"
n diff --submission 99 2> "$T/err" >/dev/null && fail "an unknown submission was diffed"
grep -q "99" "$T/err" || fail "diff of an unknown submission: $(cat "$T/err")"
grep -q "^submission 1 of OPA accepted: snapshot 2026-11-27$" "$T/out" || fail "accept: $(cat "$T/out")"
"$NIS5G" --db "$T/merged.db" import --as-of 2026-11-27 "$C/merged-opa-v2" >/dev/null
figures "$db" "$T/composed"
figures "$T/merged.db" "$T/merged"
diff -r "$T/merged" "$T/composed" || fail "the composed snapshot differs from importing the merged dataset"
n snapshots --json | grep -c '"as_of"' | grep -qx 2 || fail "not two snapshots"

# reviewed once only
after=$(digest)
n review 1 reject --comment "again" 2> "$T/err" && fail "a second review passed"
grep -q "submission 1 was accepted already by" "$T/err" || fail "double review: $(cat "$T/err")"
[ "$(digest)" = "$after" ] || fail "a double review changed the workspace"

# ---- rejected: the snapshot is unchanged ----
figures "$db" "$T/r0"
id=$(n submit --operator OPA "$C/opa-v3" | tail -1)
n review "$id" reject --comment "S2 is still live" > /dev/null
figures "$db" "$T/r1"
diff -r "$T/r0" "$T/r1" || fail "a rejected submission changed the snapshot"
n submissions "$id" --json > "$T/one.json"
grep -q '"comment": "S2 is still live"' "$T/one.json" || fail "comment not kept"
grep -q '"status": "rejected"' "$T/one.json" || fail "not rejected"

# ---- re-checked at accept time: another accepted submission took what it needs ----
c=$(n submit --operator OPC "$C/opc-v2" | tail -1)
a=$(n submit --operator OPA "$C/opa-v3" | tail -1)
n review "$a" accept --comment "S2 closed" > /dev/null
after=$(digest)
n review "$c" accept --comment "roaming" 2> "$T/err" && fail "a dangling submission was accepted"
grep -q "^$C/opc-v2/links.csv:5:7: error: depends on an element that is neither in this submission nor another operator's element in the national snapshot — got 'A-GNB2'" "$T/err" \
  || { cat "$T/err"; fail "the accept-time message"; }
grep -q "no longer holds against the national snapshot; it stays pending" "$T/err" || fail "stays pending"
[ "$(digest)" = "$after" ] || fail "a refused accept changed the workspace"
n submissions "$c" --json | grep -q '"status": "pending"' || fail "not pending after a refused accept"

# the same removal submitted now names the dependent element
n review "$c" reject --comment "A-GNB2 is gone" > /dev/null
n submit --operator OPC "$C/opc-v2" 2> "$T/err" > /dev/null && fail "OPC submitted a link to a removed element"
grep -q "links.csv:5:7: error: depends on an element" "$T/err" || fail "OPC vs removed"

# ---- two operators: OPB moves its radio off OPA's gNB onto its own, keeping one on it ----
db2="$T/two.db"
"$NIS5G" --db "$db2" import --as-of 2026-11-01 "$C/two/base" >/dev/null
id=$("$NIS5G" --db "$db2" submit --operator OPB "$C/two/opb-v2" | tail -1)
"$NIS5G" --db "$db2" review "$id" accept --comment "own gNB" >/dev/null
"$NIS5G" --db "$T/two-merged.db" import --as-of 2026-11-27 "$C/two/merged" >/dev/null
figures "$db2" "$T/two-composed"
figures "$T/two-merged.db" "$T/two-merged"
diff -r "$T/two-merged" "$T/two-composed" || fail "two operators: the composed snapshot differs from the merged import"
# OPA cannot drop the gNB OPB's B-RU2 still needs
mkdir "$T/opa-nognb"
printf 'element,operator,site,domain,function,vendor\nA-AMF1,OPA,S1,core,AMF,Ericsson\n' > "$T/opa-nognb/elements.csv"
printf 'site,operator\nS1,OPA\n' > "$T/opa-nognb/sites.csv"
(cd "$T" && "$NIS5G" --db "$db2" submit --operator OPA opa-nognb 2> "$T/err" >/dev/null) && fail "OPA dropped A-GNB1"
[ "$(cat "$T/err")" = "opa-nognb/elements.csv: error: element B-RU2 of operator OPB depends on A-GNB1, which this submission removes
nis5g submit: 1 error; nothing was submitted" ] || { cat "$T/err"; fail "two operators: the dependent element"; }

# ---- the list and the audit trail ----
n submissions --operator OPA --json > "$T/opa.json"
[ "$(grep -c '"operator": "OPA"' "$T/opa.json")" = 3 ] || fail "OPA's list"
n submissions --operator OPA --status accepted > "$T/out"
[ "$(grep -c ' accepted ' "$T/out")" = 2 ] || fail "accepted filter"
n audit --action submission.submit | grep -c "submission.submit" | grep -qx 4 || fail "submits not audited"
n audit --action submission.review > "$T/audit"
grep -q "accepted by .*: vendor swap as planned" "$T/audit" || fail "review not audited"
echo "ok   submit: refusals, pending, accept, reject, double review, accept-time re-check"
