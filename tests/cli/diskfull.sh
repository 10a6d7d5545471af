# A full disk (RLIMIT_FSIZE with SIGXFSZ ignored, so writes fail with
# EFBIG as on a full volume) and an output path that cannot be written (under
# a plain file: ENOTDIR, which holds for root too): every command that writes
# says which file and why, exits 3, and leaves the workspace as it was and no
# output file. Commands: import, export, backup, report, submit, review
# accept, from-netbox, export-library, oscal poam.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v python3 >/dev/null && command -v sqlite3 >/dev/null || fail "python3 and sqlite3 are needed"
# limited BYTES CMD...: run CMD with files limited to BYTES
limited() {
  python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
n = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execvp(sys.argv[2], sys.argv[2:])' "$@"
}
export NIS5G_TODAY=2026-11-27
export TMPDIR="$T/tmp"  # submit and review compose in a private folder there: it must be left empty
mkdir "$TMPDIR"
"$N" generate --country SE --scale 0.02 --seed 1 -o "$T/a" >/dev/null
"$N" generate --country SE --scale 0.2 --seed 2 -o "$T/b" >/dev/null
db="$T/w.db"
"$N" --db "$db" import "$T/a" --as-of 2026-01-01 >/dev/null
"$N" --db "$db" keygen --state SE -o "$T/se.key" >/dev/null
size=$(stat -c %s "$db")
sum() { sqlite3 "$db" .dump | md5sum; }
before=$(sum)
# import: the snapshot does not fit
rc=0; limited $((size + 65536)) "$N" --db "$db" import "$T/b" --as-of 2026-06-01 >/dev/null 2>"$T/err" || rc=$?
[ $rc = 3 ] || { cat "$T/err"; fail "import on a full disk: exit $rc"; }
grep -q "$db" "$T/err" || fail "import's message names no file: $(cat "$T/err")"
grep -Eqi "full|too large" "$T/err" || fail "import's message gives no reason: $(cat "$T/err")"
[ "$(sum)" = "$before" ] || fail "a failed import changed the workspace"
"$N" --db "$db" verify >/dev/null || fail "verify after a failed import"
# files written whole or not at all
# (45,000 bytes: room for SQLite's 32 KiB shared-memory file, not for these outputs)
for cmd in "export --state SE --key $T/se.key --tlp red --to DE --detail -o $T/out.pkg" "backup $T/out.pkg"; do
  rc=0; limited 45000 "$N" --db "$db" $cmd >/dev/null 2>"$T/err" || rc=$?
  [ $rc = 3 ] || { cat "$T/err"; fail "$cmd on a full disk: exit $rc"; }
  grep -q "$T/out.pkg" "$T/err" || fail "$cmd: the message names no file: $(cat "$T/err")"
  [ ! -e "$T/out.pkg" ] || fail "$cmd left a file"
  ! ls "$T" | grep -q "out.pkg.tmp" || fail "$cmd left a temporary file"
done
rc=0; limited 45000 "$N" --db "$db" report -o "$T/rep" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 3 ] || { cat "$T/err"; fail "report on a full disk: exit $rc"; }
[ ! -e "$T/rep/report.html" ] && [ ! -e "$T/rep/report.json" ] || [ -s "$T/rep/report.json" ] || fail "report left a half-written file"
[ "$(sum)" = "$before" ] || fail "a failed write changed the workspace"

# refused CMD WHAT BYTES|- REASON-RE ARGS...: CMD (with files limited to
# BYTES, or - for no limit) exits 3 with a message naming WHAT and matching
# REASON-RE, leaves the workspace as it was, and leaves no WHAT nor a
# temporary file beside it.
refused() {
  cmd=$1 what=$2 bytes=$3 why=$4; shift 4
  b=$(sum); rc=0
  if [ "$bytes" = - ]; then "$N" --db "$db" "$@" >/dev/null 2>"$T/err" || rc=$?
  else limited "$bytes" "$N" --db "$db" "$@" >/dev/null 2>"$T/err" || rc=$?; fi
  [ $rc = 3 ] || { cat "$T/err"; fail "$cmd: exit $rc, want 3"; }
  grep -qF "$what" "$T/err" || fail "$cmd: the message names no '$what': $(cat "$T/err")"
  grep -Eqi "$why" "$T/err" || fail "$cmd: the message gives no reason ($why): $(cat "$T/err")"
  [ "$(sum)" = "$b" ] || fail "$cmd changed the workspace"
  case $what in "$db") ;; "$T"/*) [ ! -e "$what" ] || fail "$cmd left $what"
    ! ls "$(dirname "$what")" | grep -q "$(basename "$what")\.tmp" || fail "$cmd left a temporary file" ;; esac
  [ -z "$(ls "$TMPDIR")" ] || fail "$cmd left $(ls "$TMPDIR") in \$TMPDIR"
}
full="full|too large"
touch "$T/plain"  # a plain file: nothing can be written under it
notdir="not a directory"

# submit and review accept: the operator's part of dataset a as a submission
# (~800 elements: its stored files and the new snapshot outgrow the limit;
# 45,000 bytes leave room for SQLite's 32 KiB shared-memory file)
OP=SE-TELIA
mkdir "$T/part"
python3 - "$T/a" "$T/part" "$OP" <<'PY'
import csv, os, sys
src, dst, op = sys.argv[1:]
def rows(name):
    with open(os.path.join(src, name), newline="") as f:
        return list(csv.reader(f))
def write(name, rs):
    with open(os.path.join(dst, name), "w", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rs)
el = rows("elements.csv")
own = {r[0] for r in el[1:] if r[1] == op}
write("elements.csv", [el[0]] + [r for r in el[1:] if r[1] == op])
si = rows("sites.csv")
write("sites.csv", [si[0]] + [r for r in si[1:] if r[1] == op])
li = rows("links.csv")
write("links.csv", [li[0]] + [r for r in li[1:] if r[0] in own])
PY
# with 45,000 bytes the private folder's copy of its files does not fit; with
# 300,000 it does, and what the workspace stores does not
refused "submit, no room for its files" "$TMPDIR/nis5g-submit-" 45000 "$full" submit --operator "$OP" "$T/part"
refused "submit on a full disk" "$db" 300000 "$full" submit --operator "$OP" "$T/part"
[ "$("$N" --db "$db" submissions --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["submissions"]))')" = 0 ] ||
  fail "a failed submit left a submission"
"$N" --db "$db" submit --operator "$OP" "$T/part" >/dev/null 2>&1 || fail "submit with room refused"
refused "review accept, no room for the national files" "$TMPDIR/nis5g-submit-" 45000 "$full" review 1 accept --comment "no room"
refused "review accept on a full disk" "$db" 300000 "$full" review 1 accept --comment "no room"
"$N" --db "$db" submissions --json | grep -q '"status": "pending"' || fail "a failed accept did not leave it pending"
"$N" --db "$db" review 1 accept --comment "room" >/dev/null 2>&1 || fail "review accept with room refused"
"$N" --db "$db" verify >/dev/null || fail "verify after the failed submit and accept"

# from-netbox: an unwritable folder, a full disk (its samples, 3 files)
S="$TOP/tests/cases/netbox"
nb() { out=$1; shift
       "$@" from-netbox --operator OPB --devices "$S/devices-1.json" "$S/devices-2.json" --sites "$S/sites-1.json" \
         --map "$S/map.csv" --links "$S/links.csv" -o "$out"; }
rc=0; nb "$T/plain/nb" "$N" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 3 ] && grep -qF "$T/plain/nb" "$T/err" && grep -qi "$notdir" "$T/err" || fail "from-netbox -o under a file: exit $rc: $(cat "$T/err")"
rc=0; nb "$T/nb" limited 300 "$N" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 3 ] && grep -qF "cannot write '$T/nb/" "$T/err" && grep -Eqi "$full" "$T/err" ||
  fail "from-netbox on a full disk: exit $rc: $(cat "$T/err")"
[ ! -e "$T/nb" ] && ! ls "$T" | grep -q "^nb\.tmp" || fail "from-netbox on a full disk left a folder: $(ls "$T")"

# export-library (no workspace: 2,000 bytes of a 30 kB library) and oscal poam
refused "export-library -o under a file" "$T/plain/lib.yaml" - "$notdir" export-library -o "$T/plain/lib.yaml"
refused "export-library on a full disk" "$T/lib.yaml" 2000 "$full" export-library -o "$T/lib.yaml"
pol="$TOP/data/policies/se.policy"
refused "oscal poam -o under a file" "$T/plain/poam.json" - "$notdir" oscal poam --policy "$pol" -o "$T/plain/poam.json"
refused "oscal poam on a full disk" "$T/poam.json" 45000 "$full" oscal poam --policy "$pol" -o "$T/poam.json"
"$N" --db "$db" verify >/dev/null || fail "verify at the end"
echo "full disk ok"
