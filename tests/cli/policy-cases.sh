# Data-driven policy cases: tests/cases/policy/cases/*.case (format in
# tests/cases/policy/README.md). The dataset tests/cases/policy/small is
# imported once as of 2026-11-01; each case checks its policy with --csv and
# must give exactly the expected exit status and output (stdout for exit 0
# and 1; stderr, the diagnostics with their source lines and carets, for 2).
set -u
dir="$TOP/tests/cases/policy"
"$NIS5G" --db "$T/w.db" import "$dir/small" --as-of 2026-11-01 >/dev/null 2>"$T/import.err" || {
  cat "$T/import.err"; exit 1; }
fail=0
for c in "$dir"/cases/*.case; do
  id=$(basename "$c" .case)
  rm -f "$T/$id".*
  awk -v pol="$T/$id.policy" -v ex="$T/$id.expect" -v st="$T/$id.status" -v at="$T/$id.at" '
    /^--- policy/ { out = pol; printf "" > out; next }
    /^--- at / { print $3 > at; out = ""; next }
    /^--- expect / { print $3 > st; out = ex; printf "" > ex; next }
    { if (out != "") print >> out }
  ' "$c"
  at=2026-11-27
  [ -f "$T/$id.at" ] && at=$(cat "$T/$id.at")
  want=$(cat "$T/$id.status")
  (cd "$T" && "$NIS5G" --db "$T/w.db" check --policy "$id.policy" --at "$at" --csv >"$T/$id.out" 2>"$T/$id.err")
  got=$?
  if [ "$want" = 2 ]; then
    grep -v '^nis5g check: ' "$T/$id.err" > "$T/$id.got" || true
  else
    cp "$T/$id.out" "$T/$id.got"
  fi
  if [ "$got" != "$want" ] || ! cmp -s "$T/$id.got" "$T/$id.expect"; then
    echo "case $id: exit $got (want $want)"
    diff -u "$T/$id.expect" "$T/$id.got" | sed 's/^/    /'
    [ "$want" != 2 ] && sed 's/^/    stderr: /' "$T/$id.err"
    fail=1
  fi
done
exit $fail
