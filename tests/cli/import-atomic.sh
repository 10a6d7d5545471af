# A failed import changes nothing: the workspace's full content (every
# table, every BLOB) is the same before and after, byte for byte.
# Re-importing a date replaces that snapshot; another date adds one.
set -eu
db="$T/ws.db"
small="$TOP/tests/cases/import/small"
"$NIS5G" --db "$db" import "$small" --as-of 2026-01-01 >/dev/null
dump() { sqlite3 "$db" .dump | sha256sum; }
before=$(dump)

# a bad copy of the same date (it would replace the snapshot) and of a new date
cp -r "$small" "$T/bad"
printf 'E9,OPA,S1,ran,RU,Ericsson,,,2023-02-30,active\n' >> "$T/bad/elements.csv"
for d in 2026-01-01 2026-06-01; do
  if "$NIS5G" --db "$db" import "$T/bad" --as-of $d 2>"$T/err"; then
    echo "import of a bad dataset succeeded"; exit 1
  fi
  grep -q "nothing was imported" "$T/err"
  [ "$(dump)" = "$before" ] || { echo "workspace changed after a failed import ($d)"; exit 1; }
done

# a file that is not there, a folder with no dataset
"$NIS5G" --db "$db" import "$T/missing" 2>"$T/err" && exit 1
grep -q "missing: error: cannot read: No such file or directory" "$T/err"
mkdir "$T/empty"
"$NIS5G" --db "$db" import "$T/empty" 2>"$T/err" && exit 1
grep -q "no dataset files in this folder" "$T/err"
[ "$(dump)" = "$before" ]

# same date again: replaced, still one snapshot; a new date: two
"$NIS5G" --db "$db" import "$small" --as-of 2026-01-01 > "$T/out"
grep -q "replacing the earlier import of that date" "$T/out"
"$NIS5G" --db "$db" import "$small" --as-of 2026-03-01 >/dev/null
"$NIS5G" --db "$db" snapshots --json > "$T/snaps.json"
[ "$(grep -c '"as_of"' "$T/snaps.json")" = 2 ]
"$NIS5G" --db "$db" snapshots | awk 'NR>2 {print $1, $4}' > "$T/snaps.txt"
printf '2026-01-01 10\n2026-03-01 10\n' | cmp - "$T/snaps.txt"

# the workspace: WAL mode, foreign keys declared, schema version recorded
[ "$(sqlite3 "$db" 'PRAGMA journal_mode')" = wal ]
[ "$(sqlite3 "$db" 'PRAGMA user_version')" -ge 1 ]
sqlite3 "$db" 'PRAGMA foreign_key_list(snapshot_blob)' | grep -q snapshot

# the default workspace comes from NIS5G_DB, else ./nis5g.db
NIS5G_DB="$T/env.db" "$NIS5G" init >/dev/null && [ -f "$T/env.db" ]
(cd "$T" && "$NIS5G" init >/dev/null) && [ -f "$T/nis5g.db" ]

# a workspace written by a newer nis5g is refused, not damaged
cp "$db" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 999'
"$NIS5G" --db "$T/newer.db" snapshots 2>"$T/err" && exit 1 || [ $? = 3 ]
grep -q "schema version 999, newer than this program" "$T/err"
[ "$(sqlite3 "$T/newer.db" 'PRAGMA user_version')" = 999 ]
