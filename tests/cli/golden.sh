# Every command's output on a generated dataset with fixed dates, compared
# byte for byte with tests/golden/: the outputs the program gave before the
# architecture change (the option tables and the query layer), so that a
# refactoring that changes any figure, table or JSON byte fails here.
# GOLDEN_RECORD=1 writes the expected files instead (only for a change that
# is meant to alter outputs; say why in the commit).
set -eu
N="$NIS5G"
G="$TOP/tests/golden"
P="$TOP/data/policies/se.policy"
fail() { echo "FAIL: $*" >&2; exit 1; }
export NIS5G_TODAY=2026-11-27
"$N" generate --country SE --scale 0.03 --seed 7 -o "$T/a" >/dev/null
"$N" generate --country SE --scale 0.03 --seed 8 -o "$T/b" >/dev/null
"$N" generate --country DE --scale 0.02 --seed 9 -o "$T/de" >/dev/null
db="$T/w.db"
n=0
# run NAME ARGS...: stdout of `nis5g --db w.db ARGS...`, plus its exit status
run() {
  name=$1; shift
  rc=0
  "$N" --db "$db" "$@" >"$T/out" 2>"$T/err" || rc=$?
  echo "exit $rc" >>"$T/out"
  check "$name" "$T/out"
}
# file NAME PATH: a file a command wrote
check() {
  n=$((n + 1))
  # the scratch and source folders differ from run to run
  sed -i -E "s#$T#\$T#g; s#$TOP#\$TOP#g; s#[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?Z#TIME#g; s#[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}#UUID4#g; s#\"value\":\"[A-Za-z0-9+/]{86}==\"#\"value\":\"SIG\"#g" "$2"
  if [ "${GOLDEN_RECORD:-0}" = 1 ]; then cp "$2" "$G/$1"; return; fi
  [ -f "$G/$1" ] || fail "no expected output tests/golden/$1"
  cmp -s "$G/$1" "$2" || { diff "$G/$1" "$2" | head -20 | cut -c1-300; fail "$1 differs from tests/golden/$1"; }
}
run init.json init --json
run import-a.json import "$T/a" --as-of 2025-06-01 --json
run import-b import "$T/b" --as-of 2026-06-01
run snapshots snapshots
run snapshots.json snapshots --json
run summary summary
run elements elements --vendor Huawei --domain ran --sort installed --desc --offset 3 --limit 20
run elements.json elements --operator SE-TELIA --region SE11 --sort site --limit 15 --json
run elements.csv elements --high-risk --domain core --sort product --desc --offset 2 --limit 25 --csv
run summary.json summary --json
run summary-old.json summary --snapshot 2025-06-01 --json
run suppliers suppliers
run suppliers.json suppliers --policy "$P" --json
run check check --policy "$P" --at 2024-06-01
run check.json check --policy "$P" --policy "$TOP/data/policies/eu-toolbox.policy" --json
run check.csv check --policy "$P" --csv --snapshot 2025-06-01
run diversity diversity
run diversity.json diversity --by operator,domain --weight subscribers --json
run killswitch killswitch
run killswitch.json killswitch Huawei Ericsson+Nokia --lost 3 --json
run simulate simulate --trials 128 --seed 3
run simulate.json simulate --trials 64 --seed 5 --fail core=0.1 --fail RU=0.02 --outage-hours 6 --json
run whatif whatif ban Huawei
run whatif.json whatif ban Huawei --domains core,ran --rate 200 --json
run risk risk --policy "$P"
run risk.json risk --policy "$P" --at 2025-01-01 --json
run risk-op.json risk --operator "$(sed -n 2p "$T/a/operators.csv" | cut -d, -f1)" --json
run measures measures
run measures.json measures --json
run report report -o "$T/report" --policy "$P"
check report.json "$T/report/report.json"
check report.html "$T/report/report.html"
run stix stix --tlp green --state SE -o "$T/se.stix.json"
check se.stix.json "$T/se.stix.json"
run oscal-catalog oscal catalog -o "$T/cat.json"
check oscal-catalog.json "$T/cat.json"
run oscal-assessment oscal assessment --state SE -o "$T/ass.json"
check oscal-assessment.json "$T/ass.json"
run oscal-poam oscal poam --policy "$P" --at 2024-06-01 -o "$T/poam.json"
check oscal-poam.json "$T/poam.json"
# sharing with fixed keys (test keys, committed): a package's bytes are deterministic
cp "$G/se.key" "$G/se.key.pub" "$G/de.key" "$G/de.key.pub" "$T/"
chmod 600 "$T/se.key" "$T/de.key"
run export export --state SE --key "$T/se.key" --tlp amber --to DE -o "$T/se.pkg"
check se.pkg "$T/se.pkg"
"$N" --db "$T/de.db" import "$T/de" --as-of 2026-06-01 >/dev/null
"$N" --db "$T/de.db" export --state DE --key "$T/de.key" --tlp green -o "$T/de.pkg" >/dev/null
check de.pkg "$T/de.pkg"
"$N" --db "$db" keygen --state SE -o "$T/own.key" >/dev/null # random: its output is not compared
run trust trust add DE "$T/de.key.pub"
run trust-list.json trust list --json
run import-package.json import-package "$T/de.pkg" --json
run eu eu
run eu.json eu --json
run eu-files eu --svg "$T/eu.svg" --html "$T/eu.html"
check eu.svg "$T/eu.svg"
check eu.html "$T/eu.html"
# last: a status set now carries today's real date into every later output
run measures-set measures set SE TM03 implemented --evidence "audit 2026" --by tester
run measures-history.json measures history --json
echo "$n outputs identical"
