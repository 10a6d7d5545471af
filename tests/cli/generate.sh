# nis5g generate, end to end: generated datasets import with no error and
# no warning (the importer checks references, cycles and pools), summary
# works on them, output is byte-identical for the same arguments, and bad
# arguments exit 2 with a clear message.
set -e

fail() { echo "FAIL: $*"; exit 1; }

# Import each dataset into its own workspace; stderr must stay empty.
for spec in SE:0.02 DE:0.01 EL:0.02 EU27:0.002; do
  cc=${spec%:*}; scale=${spec#*:}
  "$NIS5G" generate --country "$cc" --scale "$scale" --seed 9 -o "out-$cc" >gen.out 2>gen.err \
    || { cat gen.err; fail "generate $cc exited $?"; }
  [ -s gen.err ] && { cat gen.err; fail "generate $cc wrote to stderr"; }
  "$NIS5G" --db "$cc.db" import "out-$cc" >imp.out 2>imp.err || { cat imp.err; fail "import $cc failed"; }
  [ -s imp.err ] && { cat imp.err; fail "import of generated $cc printed warnings"; }
  "$NIS5G" --db "$cc.db" summary >sum.out 2>sum.err || { cat sum.err; fail "summary $cc failed"; }
  grep -q "^Operators" sum.out || { cat sum.out; fail "summary $cc has no operator table"; }
done

# Greece is GR in the data even when asked as EL; region codes stay NUTS (EL30).
grep -q '^GR-COSMOTE,Cosmote,GR,' out-EL/operators.csv || fail "Greece not stored as GR"
grep -q ',EL30,' out-EL/sites.csv || fail "Greek NUTS codes missing"

# EU27: all 27 countries, element ids unique across the whole dataset.
n=$(cut -d, -f3 out-EU27/operators.csv | sed 1d | sort -u | wc -l)
[ "$n" -eq 27 ] || fail "EU27 has $n countries"
d=$(cut -d, -f1 out-EU27/elements.csv | sort | uniq -d | head -1)
[ -z "$d" ] || fail "duplicate element id $d"

# Same arguments, same bytes; another seed, other bytes.
"$NIS5G" generate --country SE --scale 0.02 --seed 9 -o again >/dev/null
for f in operators sites elements links suppliers products measures; do
  cmp -s "out-SE/$f.csv" "again/$f.csv" || fail "$f.csv differs between two runs with the same seed"
done
"$NIS5G" generate --country SE --scale 0.02 --seed 10 -o other >/dev/null
cmp -s out-SE/elements.csv other/elements.csv && fail "a different seed gave the same elements.csv"

# Overwriting an existing dataset is fine.
"$NIS5G" generate --country SE --scale 0.02 --seed 9 -o again >/dev/null || fail "overwrite refused"

# Bad arguments: exit 2 and say what is wrong.
expect2() {
  want=$1; shift
  rc=0
  "$NIS5G" generate "$@" >bad.out 2>bad.err || rc=$?
  [ "$rc" -eq 2 ] || fail "generate $* exited $rc, want 2"
  grep -q "$want" bad.err || { cat bad.err; fail "generate $*: message lacks '$want'"; }
}
expect2 "did you mean 'SE'" --country SW -o x
expect2 "did you mean 'FR'" --country france -o x
expect2 "not an EU member state" --country GB -o x
expect2 "scale" --country SE --scale 0 -o x
expect2 "scale" --country SE --scale 1000 -o x
expect2 "non-negative number" --country SE --scale abc -o x
expect2 "missing -o DIR" --country SE
expect2 "missing --country" -o x
expect2 "not a directory" --country SE --scale 0.01 -o out-SE/sites.csv
expect2 "unknown option" --country SE --bogus -o x
[ ! -e x ] || fail "a failed run created its output folder"

# the figures files are read with the project's CSV reader: a broken one is
# named with its line (a stray quote, then a short row)
mkdir fig && cp "$TOP"/data/countries.csv "$TOP"/data/products.csv fig/
sed '3s/^\([^,]*\)/\1"oops/' "$TOP/data/vendors.csv" > fig/vendors.csv
NIS5G_DATA="$PWD/fig" "$NIS5G" generate --country SE --scale 0.01 -o y 2>err && fail "a broken vendors.csv was accepted"
grep -q "vendors.csv:3:" err || { cat err; fail "the broken vendors.csv is not named with its line"; }
head -4 "$TOP/data/vendors.csv" > fig/vendors.csv; echo "Foo,CN" >> fig/vendors.csv
NIS5G_DATA="$PWD/fig" "$NIS5G" generate --country SE --scale 0.01 -o y 2>err && fail "a short row was accepted"
grep -q "vendors.csv:5: expected 13 fields, got 2" err || { cat err; fail "short row message"; }
echo ok
