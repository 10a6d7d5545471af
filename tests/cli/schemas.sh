# Every --json document of the CLI, and the STIX and OSCAL files it writes,
# validated against its JSON Schema: the cases are the lines of
# docs/schemas/cases.txt (schema, then the command's arguments), run in
# order on a generated workspace; docs/schemas/README.md has the convention.
# The validator is ajv (tests/js/validate.mjs, installed by make check).
# SCHEMAS_COLLECT=DIR keeps the documents instead of validating them.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v node >/dev/null || fail "node is needed (make check installs it)"
[ -d "$TOP/tests/js/node_modules/ajv-formats" ] || fail "run scripts/web-deps.sh test (make check does)"
export NIS5G_TODAY=2026-11-27
"$N" generate --country SE --scale 0.03 --seed 7 -o "$T/a" >/dev/null
"$N" generate --country SE --scale 0.03 --seed 8 -o "$T/b" >/dev/null
"$N" generate --country DE --scale 0.02 --seed 9 -o "$T/de" >/dev/null
# the peer's package, signed with the test keys of tests/golden
cp "$TOP/tests/golden/se.key" "$TOP/tests/golden/se.key.pub" "$TOP/tests/golden/de.key" \
  "$TOP/tests/golden/de.key.pub" "$T/"
chmod 600 "$T/se.key" "$T/de.key"
"$N" --db "$T/de.db" import "$T/de" --as-of 2026-06-01 >/dev/null
"$N" --db "$T/de.db" export --state DE --key "$T/de.key" --tlp green -o "$T/de.pkg" >/dev/null
db="$T/w.db"
P="$TOP/data/policies/se.policy"
OLD=2025-06-01
OP=$(sed -n 2p "$T/b/operators.csv" | cut -d, -f1)
SITE=$(grep -m1 -- '-S0' "$T/b/sites.csv" | cut -d, -f1)
export P OLD OP SITE T TOP
n=0 bad=0
line=0
: >"$T/ours"
: >"$T/outside"
while IFS= read -r l; do
  line=$((line + 1))
  case "$l" in '' | '#'*) continue ;; esac
  schema=${l%%[ 	]*}
  rest=${l#"$schema"}
  doc=
  case "$rest" in *' => '*) doc=${rest##*' => '}; rest=${rest%' => '*} ;; esac
  eval "set -- $rest"
  where="docs/schemas/cases.txt:$line"
  rc=0
  echo 'a fine password' | "$N" --db "$db" "$@" >"$T/out" 2>"$T/err" || rc=$?
  if [ "$schema" = - ]; then
    [ "$rc" -eq 0 ] || { cat "$T/err" >&2; fail "$where: nis5g $*: exit $rc"; }
    continue
  fi
  [ "$rc" -le 1 ] || { cat "$T/err" >&2; fail "$where: nis5g $*: exit $rc"; }
  if [ -n "$doc" ]; then eval "doc=$doc"; else doc="$T/out"; fi
  case "$schema" in
    # the official schemas: ../shared/ beside the checkout when it is there,
    # else the copy in tests/vendor/ (a clean clone in CI)
    ../shared/*) dir="$TOP/$schema"; [ -e "$dir" ] || dir="$TOP/tests/vendor/${schema#../shared/}" ;;
    ../*) dir="$TOP/$schema" ;;
    *) dir="$TOP/docs/schemas" ;;
  esac
  n=$((n + 1))
  # SCHEMAS_COLLECT=DIR: keep each document as DIR/SCHEMA.N.json instead (to write a new schema from)
  if [ -n "${SCHEMAS_COLLECT:-}" ]; then
    cp "$doc" "$SCHEMAS_COLLECT/$(echo "$schema" | tr / _).$n.json"
    continue
  fi
  [ -e "$dir" ] || fail "$where: no schema folder $dir"
  # the document keeps its line's number: the validator's messages name it
  cp "$doc" "$T/cases.txt:$line.json"
  case "$schema" in
    ../*) echo "$dir $T/cases.txt:$line.json" >>"$T/outside" ;;
    *) [ -e "$dir/$schema.schema.json" ] || fail "$where: no schema docs/schemas/$schema.schema.json"
       echo "$schema.schema.json=$T/cases.txt:$line.json" >>"$T/ours" ;;
  esac
done <"$TOP/docs/schemas/cases.txt"
[ -z "${SCHEMAS_COLLECT:-}" ] || { echo "$n documents kept in $SCHEMAS_COLLECT"; exit 0; }
# one validator run for ours, one per outside folder (STIX, each OSCAL version)
V="$TOP/tests/js/validate.mjs"
# shellcheck disable=SC2046 # one word per line, no spaces in them
node "$V" "$TOP/docs/schemas" $(cat "$T/ours") >"$T/v" 2>&1 || bad=1
for dir in $(cut -d' ' -f1 "$T/outside" | sort -u); do
  node "$V" "$dir" $(grep "^$dir " "$T/outside" | cut -d' ' -f2) >>"$T/v" 2>&1 || bad=1
done
if [ "$bad" -ne 0 ]; then
  grep -v ': ok (' "$T/v" | sed "s#$T/##" | head -40 >&2
  fail "documents that do not match their schema (the number after cases.txt: is the case's line)"
fi
# the vendored copies are the official files, unchanged
for d in stix-2.1-schemas oscal-schemas; do
  [ ! -d "$TOP/../shared/$d" ] || diff -r "$TOP/../shared/$d" "$TOP/tests/vendor/$d" >/dev/null ||
    fail "tests/vendor/$d differs from ../shared/$d"
done
echo "$n documents valid against their schemas"
