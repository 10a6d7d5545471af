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

# suppliers.csv and products.csv over the vendor limit, then a duplicate of a
# vendor over it: the duplicate names the line of the first one
cp -r "$TOP/tests/cases/import/small" "$T/s"
awk 'BEGIN { for (i = 0; i < 65540; i++) printf "S%d,,,,,,,,,,,\n", i; print "S65539,,,,,,,,,,," }' >> "$T/s/suppliers.csv"
"$NIS5G" --db "$T/s.db" import "$T/s" --as-of 2026-01-01 >/dev/null 2>"$T/err" && exit 1
grep ': error: ' "$T/err" | sed "s|^$T/||" | tail -3 > "$T/got"
cat > "$T/want" <<'EOT'
s/suppliers.csv:65543:1: error: too many vendors (at most 65534) — got 'S65538'
s/suppliers.csv:65544:1: error: too many vendors (at most 65534) — got 'S65539'
s/suppliers.csv:65545:1: error: duplicate vendor (first defined on line 65544) — got 'S65539'
EOT
diff -u "$T/want" "$T/got"
cp -r "$TOP/tests/cases/import/small" "$T/p"
awk 'BEGIN { for (i = 0; i < 65540; i++) printf "W%d,p,,,\n", i; print "W65539,p,,," }' >> "$T/p/products.csv"
"$NIS5G" --db "$T/p.db" import "$T/p" --as-of 2026-01-01 >/dev/null 2>"$T/err" && exit 1
grep ': error: ' "$T/err" | sed "s|^$T/||" | tail -2 > "$T/got"
cat > "$T/want" <<'EOT'
p/products.csv:65543:1: error: too many vendors (at most 65534) — got 'W65539'
p/products.csv:65544:8: error: duplicate product of this vendor (first defined on line 65543) — got 'p'
EOT
diff -u "$T/want" "$T/got"

# operators.csv over the limit, then a repeat of an operator over it
cp -r "$TOP/tests/cases/import/small" "$T/o"
awk 'BEGIN { for (i = 0; i < 65540; i++) printf "O%d,,SE,\n", i; print "O65539,,SE," }' >> "$T/o/operators.csv"
"$NIS5G" --db "$T/o.db" import "$T/o" --as-of 2026-01-01 >/dev/null 2>"$T/err" && exit 1
grep ': error: ' "$T/err" | sed "s|^$T/||" > "$T/got"
awk 'BEGIN { for (i = 65532; i < 65540; i++) printf "o/operators.csv:%d:1: error: too many operators (at most 65534) — got '"'"'O%d'"'"'\n", i + 4, i;
             print "o/operators.csv:65544:1: error: too many operators (at most 65534) — got '"'"'O65539'"'"'" }' > "$T/want"
diff -u "$T/want" "$T/got"

# Warnings are capped like errors: the first 20 of each kind, then one note
# with the count of the rest; the closing line counts them all.
cp -r "$TOP/tests/cases/import/small" "$T/w"
awk 'BEGIN { for (i = 0; i < 50; i++) printf "W%d,OPA,DC1,core,AMF,V%d,,,,\n", i, i }' >> "$T/w/elements.csv"
for split in 100000000 1; do
  NIS5G_SPLIT_MIN=$split "$NIS5G" --db "$T/w$split.db" import "$T/w" --as-of 2026-01-01 >"$T/out" 2>"$T/err"
  [ "$(grep -c ': warning: vendor has no row in suppliers.csv' "$T/err")" = 20 ] || { cat "$T/err"; exit 1; }
  grep -q "^$T/w/elements.csv:31:22: warning: vendor has no row .* got 'V19'\$" "$T/err"
  ! grep -q "got 'V20'" "$T/err"
  tail -1 "$T/err" | grep -qx 'nis5g import: note: ... and 30 more warnings like "vendor has no row in suppliers.csv: its risk profile is unknown" (the first 20 are shown)' \
    || { tail -1 "$T/err"; exit 1; }
  grep -q '(50 warnings)' "$T/out"
done
