# backup, restore, verify (docs/backup.md, docs/verify.md): a backup made
# while an import writes is a consistent workspace (verify is clean, its
# figures are those of the workspace before or after the import); restore
# puts it back; a damaged or newer backup is refused and changes nothing;
# verify finds a damaged audit chain.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
export NIS5G_TODAY=2026-11-27
"$N" generate --country SE --scale 0.05 --seed 1 -o "$T/a" >/dev/null
"$N" generate --country SE --scale 0.3 --seed 2 -o "$T/b" >/dev/null
db="$T/w.db"
"$N" --db "$db" import "$T/a" --as-of 2026-01-01 >/dev/null
"$N" --db "$db" summary --json >"$T/before.json"
# a backup while a larger import commits
"$N" --db "$db" import "$T/b" --as-of 2026-06-01 >/dev/null &
imp=$!
"$N" --db "$db" backup "$T/during.db" >"$T/out" || fail "backup during an import"
wait $imp
grep -q "^wrote $T/during.db: a copy of $db\$" "$T/out" || fail "backup's message: $(cat "$T/out")"
"$N" --db "$T/during.db" verify >"$T/v" || { cat "$T/v"; fail "verify of the backup"; }
"$N" --db "$T/during.db" snapshots --json >"$T/snaps.json"
if grep -q 2026-06-01 "$T/snaps.json"; then want=after; else want=before; fi
"$N" --db "$db" summary --json >"$T/after.json"
"$N" --db "$T/during.db" summary --json >"$T/got.json"
cmp -s "$T/got.json" "$T/$want.json" || fail "the backup's figures are neither before nor after the import"
# never over an existing file
"$N" --db "$db" backup "$T/during.db" 2>"$T/err" && fail "backup replaced a file" || [ $? = 2 ]
grep -q "the file exists" "$T/err" || fail "overwrite message"
"$N" --db "$T/missing.db" backup "$T/x.db" 2>"$T/err" && fail "backup of no workspace" || [ $? = 2 ]
[ ! -e "$T/missing.db" ] && [ ! -e "$T/x.db" ] || fail "backup of no workspace made a file"
# restore: the figures come back, the workspace verifies, the restore is audited
"$N" --db "$db" backup "$T/full.db" >/dev/null
"$N" --db "$db" summary --json >"$T/full.json"
"$N" --db "$db" import "$T/a" --as-of 2026-09-01 >/dev/null
"$N" --db "$db" restore "$T/full.db" >/dev/null
"$N" --db "$db" summary --json | cmp -s - "$T/full.json" || fail "restored figures differ"
"$N" --db "$db" snapshots --json | grep -q 2026-09-01 && fail "the restore kept a later snapshot"
"$N" --db "$db" verify >/dev/null || fail "verify after restore"
"$N" --db "$db" audit --json | grep -q '"action": "restore"' || fail "restore not audited"
# refused: damaged, newer, not a workspace — and nothing changes
sum=$(sqlite3 "$db" .dump | md5sum)
cp "$T/full.db" "$T/damaged.db"
printf 'XXXXXXXXXXXXXXXX' | dd of="$T/damaged.db" bs=1 seek=0 conv=notrunc 2>/dev/null
"$N" --db "$db" restore "$T/damaged.db" 2>"$T/err" && fail "restored a damaged backup" || [ $? = 2 ]
grep -q "is damaged" "$T/err" || fail "damaged message: $(cat "$T/err")"
cp "$T/full.db" "$T/newer.db"
sqlite3 "$T/newer.db" "PRAGMA user_version = 99"
"$N" --db "$db" restore "$T/newer.db" 2>"$T/err" && fail "restored a newer backup" || [ $? = 2 ]
grep -q "from a newer nis5g" "$T/err" || fail "newer message: $(cat "$T/err")"
sqlite3 "$T/plain.db" "CREATE TABLE t (x)"
"$N" --db "$db" restore "$T/plain.db" 2>"$T/err" && fail "restored a plain database" || [ $? = 2 ]
grep -q "not a nis5g workspace" "$T/err" || fail "plain message: $(cat "$T/err")"
[ "$(sqlite3 "$db" .dump | md5sum)" = "$sum" ] || fail "a refused restore changed the workspace"
# verify names a damaged audit chain, exit 1
sqlite3 "$db" "UPDATE audit_log SET target = 'elsewhere' WHERE id = (SELECT min(id) FROM audit_log)"
"$N" --db "$db" verify >"$T/v" && fail "verify missed an altered audit entry" || [ $? = 1 ]
grep -q "hash mismatch" "$T/v" || { cat "$T/v"; fail "verify's audit message"; }
"$N" --db "$db" verify --json >/dev/null && fail "verify --json exit status" || [ $? = 1 ]
echo "backup, restore and verify ok"
# a flipped byte inside a stored column: named, never wrong figures
"$N" --db "$T/flip.db" import "$T/a" --as-of 2026-01-01 >/dev/null
python3 - "$T/flip.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rowid, data = c.execute("SELECT rowid, data FROM snapshot_blob WHERE name = 'el_vendor'").fetchone()
b = bytearray(data)
b[len(b) // 2] ^= 0x10
c.execute("UPDATE snapshot_blob SET data = ? WHERE rowid = ?", (bytes(b), rowid))
c.commit()
PY
"$N" --db "$T/flip.db" summary >/dev/null 2>"$T/err" && fail "summary of a damaged column" || [ $? = 3 ]
grep -qx "nis5g summary: workspace damaged: snapshot 2026-01-01, column el_vendor" "$T/err" || fail "damage message: $(cat "$T/err")"
"$N" --db "$T/flip.db" verify >"$T/v" && fail "verify missed a damaged column" || [ $? = 1 ]
grep -q "column el_vendor" "$T/v" || fail "verify's column message"
echo "column checksums ok"
