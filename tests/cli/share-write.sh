# The files the sharing commands write (export, stix, oscal, eu --svg/--html,
# keygen): a write that fails names the path and the reason, exits 3 and
# leaves nothing behind; option values are checked by the option tables.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
"$N" generate --country SE --scale 0.01 --seed 3 -o "$T/se" >/dev/null
db="$T/w.db"
"$N" --db "$db" import "$T/se" --as-of 2026-06-01 >/dev/null
cp "$TOP/tests/golden/se.key" "$TOP/tests/golden/se.key.pub" "$T/"
chmod 600 "$T/se.key"
mkdir "$T/out" "$T/out/dir"

# expect_write_fail PATH ARGS...: exit 3, "cannot write 'PATH': REASON", no file left
expect_write_fail() {
  path=$1; shift
  rc=0
  "$N" --db "$db" "$@" >"$T/stdout" 2>"$T/err" || rc=$?
  [ "$rc" -eq 3 ] || { cat "$T/err"; fail "$* exited $rc, want 3"; }
  grep -q "cannot write '$path': [A-Z]" "$T/err" || { cat "$T/err"; fail "$*: the path or the reason is missing"; }
  [ ! -s "$T/stdout" ] || fail "$*: printed a success"
  [ "$(ls "$T/out")" = dir ] || { ls "$T/out"; fail "$*: left a file behind"; }
  [ -z "$(ls "$T/out/dir")" ] || fail "$*: wrote into the folder"
}
for target in "$T/out/dir" "$T/out/no/such/file"; do
  expect_write_fail "$target" export --state SE --key "$T/se.key" --tlp green -o "$target"
  expect_write_fail "$target" stix --state SE -o "$target"
  expect_write_fail "$target" oscal catalog -o "$target"
  expect_write_fail "$target" oscal assessment --state SE -o "$target"
done
"$N" --db "$db" keygen --state SE -o "$T/own.key" >/dev/null
if [ -e "$TOP/web/eu/node_modules/world-atlas/countries-50m.json" ]; then
  expect_write_fail "$T/out/dir" eu --svg "$T/out/dir"
fi
expect_write_fail "$T/out/dir" eu --html "$T/out/dir"

# keys: never overwritten, and a failed write leaves no half pair
if "$N" --db "$db" keygen --state SE -o "$T/own.key" 2>"$T/err"; then fail "keygen overwrote a key"; fi
grep -q "cannot create '$T/own.key.pub': it exists (keys are never overwritten)" "$T/err" || { cat "$T/err"; fail "keygen refusal"; }
rc=0; "$N" --db "$db" keygen --state SE -o "$T/out/no/k" 2>"$T/err" || rc=$?
[ "$rc" -eq 3 ] || fail "keygen into a missing folder exited $rc"
grep -q "cannot write '$T/out/no/k': No such file or directory" "$T/err" || { cat "$T/err"; fail "keygen write error"; }
[ "$(stat -c %a "$T/own.key")" = 600 ] || fail "secret key mode"

# option values: TLP levels, recipients, figures
rc=0; "$N" --db "$db" export --state SE --key "$T/se.key" --tlp orange -o "$T/x" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] || fail "a bad --tlp exited $rc"
grep -q "^nis5g export: --tlp expects clear, green, amber, amber+strict or red — got 'orange'$" "$T/err" || { cat "$T/err"; fail "--tlp message"; }
rc=0; "$N" --db "$db" export --state SE --key "$T/se.key" --tlp red --to DE, -o "$T/x" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "^nis5g export: --to ends with a comma$" "$T/err" || { cat "$T/err"; fail "--to with a trailing comma"; }
rc=0; "$N" --db "$db" export --state SE --key "$T/se.key" --tlp red --to DEU -o "$T/x" 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "expects state codes separated by commas (at most 64), got 'DEU'" "$T/err" || { cat "$T/err"; fail "--to DEU"; }
rc=0; "$N" --db "$db" export --state SE --key "$T/se.key" --tlp red --to DE -o "$T/x" 2>"$T/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$T/err"; fail "export to DE"; }
rc=0; "$N" --db "$db" export --state SE --key "$T/se.key" --tlp green 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "^nis5g export: missing -o FILE (or --dry-run)$" "$T/err" || { cat "$T/err"; fail "export without -o"; }
"$N" --db "$db" export --state SE --key "$T/se.key" --tlp green --dry-run | grep -q "^Dry run: nothing is written" || fail "dry run"
"$N" --db "$db" eu --html "$T/eu.html" --figure bogus >/dev/null 2>"$T/err" || fail "a bad figure stops the page"
grep -q "^nis5g eu: --figure expects high-risk\[:DOMAIN\], toolbox, killswitch or restricts, got 'bogus'$" "$T/err" || { cat "$T/err"; fail "--figure message"; }
grep -q "EU view" "$T/eu.html" || fail "the page without its map"

# oscal catalog needs no workspace; trust list does not create one
"$N" --db "$T/none.db" oscal catalog -o "$T/cat.json" >/dev/null || fail "oscal catalog without a workspace"
if "$N" --db "$T/none.db" trust list 2>"$T/err"; then fail "trust list on a missing workspace"; fi
[ ! -e "$T/none.db" ] || fail "a read-only command created the workspace"
# subcommands from their tables
rc=0; "$N" --db "$db" trust add SE 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "^nis5g trust: missing PUBKEY_FILE$" "$T/err" || { cat "$T/err"; fail "trust add without a file"; }
grep -q "^usage: nis5g \[--db PATH\] trust add CC PUBKEY_FILE \[--replace\]$" "$T/err" || { cat "$T/err"; fail "trust usage"; }
rc=0; "$N" --db "$db" oscal 2>"$T/err" || rc=$?
[ "$rc" -eq 2 ] && grep -q "which one?" "$T/err" || { cat "$T/err"; fail "oscal without a subcommand"; }
echo ok
