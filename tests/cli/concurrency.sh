# Two writers on one workspace: the second waits for the first (saying so
# after a second) and then applies its change whole; two imports at once
# both land, each whole; readers during a write see the old snapshot.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v sqlite3 >/dev/null || fail "sqlite3 is needed (make check installs it)"
"$N" generate --country SE --scale 0.02 --seed 1 -o "$T/a" >/dev/null
"$N" generate --country SE --scale 0.2 --seed 2 -o "$T/b" >/dev/null
db="$T/w.db"
"$N" --db "$db" import "$T/a" --as-of 2026-01-01 >/dev/null
# another program holds the write lock for 2.5 s: measures set waits, says so, then applies
( (echo "BEGIN IMMEDIATE; INSERT INTO stored_policy VALUES ('lock', 'x', 't', 'test');"; sleep 2.5; echo "COMMIT;") |
  sqlite3 "$db" ) &
lock=$!
sleep 0.3
"$N" --db "$db" measures set SE TM03 implemented --by tester >"$T/out" 2>"$T/err" || { cat "$T/err"; fail "measures set while locked"; }
wait $lock
grep -q "waiting for another program writing to $db" "$T/err" || fail "no waiting message: $(cat "$T/err")"
"$N" --db "$db" measures history --json | grep -q '"by": "tester"' || fail "the change after the wait is missing"
# two imports at once: both land, each whole
"$N" --db "$db" import "$T/b" --as-of 2026-06-01 >/dev/null 2>"$T/e1" &
p1=$!
"$N" --db "$db" import "$T/a" --as-of 2026-09-01 >/dev/null 2>"$T/e2" &
p2=$!
wait $p1 || { cat "$T/e1"; fail "first import"; }
wait $p2 || { cat "$T/e2"; fail "second import"; }
"$N" --db "$db" snapshots --json >"$T/s.json"
grep -q 2026-06-01 "$T/s.json" && grep -q 2026-09-01 "$T/s.json" || fail "an import is missing"
"$N" --db "$db" verify >/dev/null || fail "verify after two imports at once"
"$N" --db "$db" summary --snapshot 2026-06-01 --json >"$T/b.json"
"$N" --db "$T/only-b.db" import "$T/b" --as-of 2026-06-01 >/dev/null
"$N" --db "$T/only-b.db" summary --json | cmp -s - "$T/b.json" || fail "an import at the same time as another differs"
# a reader during a write sees the last committed snapshot
( (echo "BEGIN IMMEDIATE; DELETE FROM snapshot_blob;"; sleep 1.5; echo "ROLLBACK;") | sqlite3 "$db" ) &
w=$!
sleep 0.3
"$N" --db "$db" summary --snapshot 2026-06-01 --json | cmp -s - "$T/b.json" || fail "a reader saw an uncommitted write"
wait $w
echo "concurrency ok"
