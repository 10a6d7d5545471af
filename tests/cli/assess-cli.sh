# check, suppliers, risk, report and measures on their option tables and
# queries: exit statuses that hold for every output format, option errors,
# read-only opens, and report files written whole.
set -eu
db="$T/w.db"
fail() { echo "FAIL: $1"; [ -f "${2:-}" ] && cat "$2"; exit 1; }
"$NIS5G" --db "$db" import "$TOP/tests/cases/policy/small" --as-of 2026-11-01 >/dev/null 2>&1
printf 'rule NO-HW "no Huawei"\n  deny vendor = Huawei\n' > "$T/p.policy"

# check: exit 1 when a rule is in violation, with --json and --csv too
for fmt in "" --json --csv; do
  rc=0; "$NIS5G" --db "$db" check --policy "$T/p.policy" $fmt >"$T/out" 2>"$T/err" || rc=$?
  [ "$rc" = 1 ] || fail "check $fmt: exit $rc" "$T/err"
done
rc=0; "$NIS5G" --db "$db" check --policy "$T/p.policy" --json --csv >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "check --json --csv: exit $rc"
rc=0; "$NIS5G" --db "$db" check --at 2026-01-01 >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q -- "missing --policy FILE" "$T/err" || fail "check without --policy" "$T/err"
rc=0; "$NIS5G" --db "$db" check --policy "$T/p.policy" --snapshot 2026-13-01 >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q -- "--snapshot expects a date" "$T/err" || fail "bad --snapshot" "$T/err"

# risk --operator: an unknown one is refused before the assessment runs
rc=0; "$NIS5G" --db "$db" risk --operator NOPE >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q "unknown operator 'NOPE'" "$T/err" || fail "risk --operator NOPE" "$T/err"

# measures: the list and the history only read; set needs its three words
rc=0; "$NIS5G" --db "$T/none.db" measures history >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && [ ! -e "$T/none.db" ] || fail "measures history created a workspace" "$T/err"
rc=0; "$NIS5G" --db "$db" measures set SE TM03 >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q "missing STATUS" "$T/err" || fail "measures set without a status" "$T/err"
rc=0; "$NIS5G" --db "$db" measures set SE TM03 implemented extra >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q "unexpected argument 'extra'" "$T/err" || fail "measures set with four words" "$T/err"
"$NIS5G" --db "$db" measures --scope SE >/dev/null || fail "measures --scope SE"
rc=0; "$NIS5G" --db "$db" measures --scope XX >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q "unknown scope 'XX'" "$T/err" || fail "measures --scope XX" "$T/err"

# report: the two files and nothing else (no temporary file left behind)
"$NIS5G" --db "$db" report -o "$T/rep" >/dev/null
[ "$(ls -A "$T/rep" | tr '\n' ' ')" = "report.html report.json " ] || fail "report files: $(ls -A "$T/rep")"
rc=0; "$NIS5G" --db "$db" report -o "$T/rep" -o "$T/rep2" >/dev/null 2>"$T/err" || rc=$?
[ "$rc" = 2 ] && grep -q -- "--output given twice" "$T/err" || fail "two -o" "$T/err"

# the usage lines are the tables'
"$NIS5G" help measures | grep -q '^   or: nis5g \[--db PATH\] measures set SCOPE MEASURE STATUS ' || fail "measures usage"
"$NIS5G" help check | grep -q '^usage: nis5g \[--db PATH\] check --policy FILE\.\.\. ' || fail "check usage"
