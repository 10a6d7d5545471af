# A full disk (RLIMIT_FSIZE with SIGXFSZ ignored, so writes fail with
# EFBIG as on a full volume): every command that writes says which file and
# why, exits 3, and leaves the workspace as it was and no output file.
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
  ls "$T" | grep -q "out.pkg.tmp" && fail "$cmd left a temporary file"
done
rc=0; limited 45000 "$N" --db "$db" report -o "$T/rep" >/dev/null 2>"$T/err" || rc=$?
[ $rc = 3 ] || { cat "$T/err"; fail "report on a full disk: exit $rc"; }
[ ! -e "$T/rep/report.html" ] && [ ! -e "$T/rep/report.json" ] || [ -s "$T/rep/report.json" ] || fail "report left a half-written file"
[ "$(sum)" = "$before" ] || fail "a failed write changed the workspace"
echo "full disk ok"
