# Data-driven import cases: tests/cases/import/errors/*.case (format in
# tests/cases/import/README.md). Each case must give exactly the expected
# diagnostics and exit status, and a failed import must leave no snapshot.
set -u
cases="$TOP/tests/cases/import/errors"
fail=0
for c in "$cases"/*.case; do
  id=$(basename "$c" .case)
  d="$T/$id"
  rm -rf "$d"; cp -r "$TOP/tests/cases/import/small" "$d"
  awk -v dir="$d" -v ex="$d.expect" -v st="$d.status" '
    /^--- file / { out = dir "/" $3; printf "" > out; mode = "w"; next }
    /^--- append / { out = dir "/" $3; mode = "a"; next }
    /^--- remove / { system("rm -f \"" dir "/" $3 "\""); out = ""; next }
    /^--- expect/ { print $3 > st; out = ex; printf "" > ex; next }
    { if (out != "") print >> out }
  ' "$c"
  want_status=$(cat "$d.status")
  (cd "$d" && "$NIS5G" --db "$T/$id.db" import . --as-of 2026-01-01 >"$d.out" 2>"$d.err")
  got_status=$?
  grep -E '^[^ ].*: (error|warning): ' "$d.err" > "$d.got" || true
  # the same with links.csv split over two threads
  (cd "$d" && NIS5G_SPLIT_MIN=1 "$NIS5G" --db "$T/$id-split.db" import . --as-of 2026-01-01 >/dev/null 2>"$d.err2")
  [ $? = "$got_status" ] && cmp -s "$d.err" "$d.err2" || { echo "case $id: differs when links.csv is split"; diff "$d.err" "$d.err2" | head; fail=1; }
  if [ "$got_status" != "$want_status" ] || ! cmp -s "$d.got" "$d.expect"; then
    echo "case $id: exit $got_status (want $want_status)"
    diff -u "$d.expect" "$d.got" | sed 's/^/    /'
    fail=1
  fi
  if [ "$want_status" != 0 ]; then
    n=$("$NIS5G" --db "$T/$id.db" snapshots --json | grep -c '"as_of"' || true)
    [ "$n" = 0 ] || { echo "case $id: a failed import left a snapshot"; fail=1; }
  fi
done
exit $fail
