# The line shown under an error is the line named, as it is in the file:
# for CSV syntax errors in every file (elements.csv and links.csv are read
# through views that start after the header), and after quoted fields with
# doubled quotes, which must not be shown unescaped.
set -eu
small="$TOP/tests/cases/import/small"
run() { # dir, then the expected error line and the source line under it
  "$NIS5G" --db "$T/ws.db" import "$1" --as-of 2026-01-01 >/dev/null 2>"$T/err" && exit 1
  grep -A1 ': error: ' "$T/err" | head -2 | sed "s|^$T/||" > "$T/got"
  printf '%s\n%s\n' "$2" "$3" > "$T/want"
  diff -u "$T/want" "$T/got"
}
cp -r "$small" "$T/e"
sed -i '3s/A-AMF2,/A-AM"F2,/' "$T/e/elements.csv"
run "$T/e" 'e/elements.csv:3:5: error: quote inside an unquoted field (quote the whole field, and double any quote inside it)' \
  ' 3 | A-AM"F2,OPA,DC1,core,AMF,Huawei,,,2019-05-01,active'

cp -r "$small" "$T/l"
printf 'A-RU1,A-GN"B1,\nA-RU2,A-GNB2,\n' >> "$T/l/links.csv"
for split in 100000000 1; do
  export NIS5G_SPLIT_MIN=$split
  run "$T/l" 'l/links.csv:9:11: error: quote inside an unquoted field (quote the whole field, and double any quote inside it)' \
    ' 9 | A-RU1,A-GN"B1,'
done
unset NIS5G_SPLIT_MIN

cp -r "$small" "$T/q"
printf 'operator,name,country,subscribers\nOPA,"a""\303\251",SE,x1\n' > "$T/q/operators.csv"
run "$T/q" "q/operators.csv:2:15: error: expected a number of subscribers (a whole number, no separators) — got 'x1'" \
  ' 2 | OPA,"a""é",SE,x1'
