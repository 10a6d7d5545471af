# Limits: more vendors than a snapshot can hold is an error on the rows
# that go over, each with its line, column and vendor, whether elements.csv
# is read by one thread or split over two; at most 20 errors are shown.
set -eu
cp -r "$TOP/tests/cases/import/small" "$T/v"
# the dataset has 3 vendors; 65,534 fit, so V65531 is the first too many
awk 'BEGIN { for (i = 0; i < 70000; i++) printf "X%d,OPA,DC1,core,AMF,V%d,,,,\n", i, i }' >> "$T/v/elements.csv"
for split in 100000000 1; do
  if NIS5G_SPLIT_MIN=$split "$NIS5G" --db "$T/v.db" import "$T/v" --as-of 2026-01-01 >/dev/null 2>"$T/err"; then
    echo "import of 70,003 vendors succeeded"; exit 1
  fi
  grep ': error: ' "$T/err" > "$T/errors" || true
  [ "$(wc -l < "$T/errors")" = 20 ] || { echo "split $split: want 20 errors"; head "$T/errors"; exit 1; }
  if grep -Ev "^$T/v/elements.csv:[0-9]+:25: error: too many vendors \(at most 65534\) — got 'V[0-9]+'\$" "$T/errors"; then
    echo "split $split: an error without its line, column or vendor (above)"; exit 1
  fi
  head -1 "$T/errors" | grep -q "elements.csv:65543:25: .* got 'V65531'" || { head -1 "$T/errors"; exit 1; }
  grep -q "nis5g import: 20 errors (stopped at the limit); nothing was imported" "$T/err"
done
