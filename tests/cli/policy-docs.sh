# Every ```policy block of docs/policy.md parses and runs on the small
# policy dataset (exit 0 or 1, never 2), and the shipped policies too.
set -eu
"$NIS5G" --db "$T/w.db" import "$TOP/tests/cases/policy/small" --as-of 2026-11-01 >/dev/null 2>&1
awk -v dir="$T" '
  /^```policy/ { n++; out = dir "/doc" n ".policy"; printf "" > out; next }
  /^```/ { out = ""; next }
  { if (out != "") print >> out }
' "$TOP/docs/policy.md"
ls "$T"/doc*.policy >/dev/null
for f in "$T"/doc*.policy "$TOP"/data/policies/*.policy; do
  set +e
  "$NIS5G" --db "$T/w.db" check --policy "$f" >/dev/null 2>"$T/err"
  st=$?
  set -e
  if [ "$st" != 0 ] && [ "$st" != 1 ]; then
    echo "$f: exit $st"; cat "$T/err"; exit 1
  fi
  if grep -q 'error:' "$T/err"; then echo "$f:"; cat "$T/err"; exit 1; fi
done
