# nis5g suppliers and nis5g check on the small policy dataset: profiles and
# what decided them, designation precedence, exit statuses, warnings.
set -eu
db="$T/w.db"
"$NIS5G" --db "$db" import "$TOP/tests/cases/policy/small" --as-of 2026-11-01 >/dev/null 2>&1
fail() { echo "$1"; [ -f "${2:-}" ] && cat "$2"; exit 1; }

"$NIS5G" --db "$db" suppliers > "$T/s.txt"
grep -Eq '^Huawei +CN +2 +3 +3 +2 +3 +1 +1 +high +rule +rule H1: intel_law 3 >= 2 and gov_links 2 >= 2$' "$T/s.txt" ||
  fail "Huawei profile" "$T/s.txt"
grep -Eq '^Nokia .* medium +suppliers.csv +designated medium in suppliers.csv: example of a suppliers.csv designation \(the rule alone gives low\)$' "$T/s.txt" ||
  fail "Nokia profile" "$T/s.txt"
grep -Eq '^Ericsson .* low +rule +rule L1' "$T/s.txt" || fail "Ericsson profile" "$T/s.txt"

printf 'designate Nokia low "national decision 1"\ndesignate Ericsson high\n' > "$T/d.policy"
"$NIS5G" --db "$db" suppliers --policy "$T/d.policy" --json > "$T/s.json"
tr -d ' \n' < "$T/s.json" > "$T/s1.json"
grep -q '"vendor":"Nokia","country":"FI","state_owned":false,"factors":{"gov_links":0,"intel_law":0,"no_checks":0,"opaque_ownership":0,"pressure":0,"supply_risk":1,"quality_issues":0},"profile":"low","rule_profile":"low","rule":"L1","decided_by":"policy","why":"designatedlowbypolicy(' "$T/s1.json" ||
  fail "Nokia by policy" "$T/s.json"
grep -q '"vendor":"Ericsson".*"profile":"high","rule_profile":"low","rule":"L1","decided_by":"policy"' "$T/s1.json" ||
  fail "Ericsson by policy" "$T/s.json"

# Exit statuses: 1 violation, 0 only pending/ok, 2 bad policy, 2 no --policy, 2 unreadable.
set +e
"$NIS5G" --db "$db" check --policy "$TOP/tests/cases/policy/spec.policy" >/dev/null 2>&1; st=$?
[ $st = 1 ] || fail "spec policy: exit $st, want 1"
"$NIS5G" --db "$db" check --policy "$TOP/tests/cases/policy/spec.policy" --at 2023-01-01 --json > "$T/c.json" 2>/dev/null; st=$?
[ $st = 1 ] || fail "spec policy as of 2023: exit $st, want 1 (SE-1, MULTI-2, SITES have no deadline)"
tr -d ' \n' < "$T/c.json" | grep -q '"summary":{"rules":5,"ok":0,"pending":2,"violation":3}' || fail "summary 2023" "$T/c.json"
printf 'rule A\n  deny risk = high by 2030-01-01\n' > "$T/p.policy"
"$NIS5G" --db "$db" check --policy "$T/p.policy" >/dev/null 2>&1; st=$?
[ $st = 0 ] || fail "pending only: exit $st, want 0"
"$NIS5G" --db "$db" check >/dev/null 2>&1; st=$?
[ $st = 2 ] || fail "no --policy: exit $st, want 2"
"$NIS5G" --db "$db" check --policy "$T/missing.policy" >/dev/null 2>&1; st=$?
[ $st = 2 ] || fail "missing file: exit $st, want 2"
"$NIS5G" --db "$db" check --policy "$T/p.policy" --at 2025-02-30 >/dev/null 2>&1; st=$?
[ $st = 2 ] || fail "bad --at: exit $st, want 2"
# Two files add up; the same rule id in both is an error naming the first place.
"$NIS5G" --db "$db" check --policy "$T/p.policy" "$T/p.policy" 2> "$T/dup.err" >/dev/null; st=$?
[ $st = 2 ] || fail "duplicate across files: exit $st"
grep -q "p.policy:1:6: error: duplicate rule id: first defined at $T/p.policy:1" "$T/dup.err" || fail "dup message" "$T/dup.err"
set -e

# Warnings go to stderr and do not stop the check.
printf 'designate Hauwei high\nrule A\n  deny vendor = Samsung\n' > "$T/w.policy"
"$NIS5G" --db "$db" check --policy "$T/w.policy" > "$T/w.out" 2> "$T/w.err"
grep -q "w.policy:1:11: warning: unknown vendor in designation: not in the data — got 'Hauwei'" "$T/w.err" || fail "designation warning" "$T/w.err"
grep -q "w.policy:3:17: warning: vendor not in the data: the condition matches no element — got 'Samsung'" "$T/w.err" || fail "vendor warning" "$T/w.err"
grep -q '^A .* ok ' "$T/w.out" || fail "ok rule" "$T/w.out"
