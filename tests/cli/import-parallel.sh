# links.csv is read by two threads when it is large; NIS5G_SPLIT_MIN=1
# forces the split on small files. The result must be the same snapshot,
# column for column, and the same diagnostics, line for line.
set -eu
"$NIS5G" generate --country SE --scale 0.05 --seed 3 -o "$T/se" >/dev/null
"$NIS5G" --db "$T/one.db" import "$T/se" --as-of 2026-01-01 >/dev/null
NIS5G_SPLIT_MIN=1 "$NIS5G" --db "$T/two.db" import "$T/se" --as-of 2026-01-01 >/dev/null
cols() { sqlite3 "$1" "SELECT name, count, hex(data) FROM snapshot_blob ORDER BY name" | sha256sum; }
[ "$(cols "$T/one.db")" = "$(cols "$T/two.db")" ] || { echo "split import differs"; exit 1; }

# errors on both sides of the split point, in file order
n=$(wc -l < "$T/se/links.csv")
awk -v n="$n" 'NR == 5 || NR == n - 3 { sub(/^[^,]*/, "NOPE-" NR) } { print }' "$T/se/links.csv" > "$T/links.csv"
cp "$T/links.csv" "$T/se/links.csv"
"$NIS5G" --db "$T/e1.db" import "$T/se" 2>"$T/err1" && exit 1
NIS5G_SPLIT_MIN=1 "$NIS5G" --db "$T/e2.db" import "$T/se" 2>"$T/err2" && exit 1
diff "$T/err1" "$T/err2"
[ "$(grep -c ': error: unknown element' "$T/err1")" = 2 ]
grep -q "links.csv:5:1: error: unknown element (not in elements.csv) — got 'NOPE-5'" "$T/err1"

# loading a snapshot on two connections gives the same model as on one
"$NIS5G" --db "$T/one.db" killswitch --all --json > "$T/ks1.json"
NIS5G_SPLIT_MIN=1 "$NIS5G" --db "$T/one.db" killswitch --all --json > "$T/ks2.json"
cmp "$T/ks1.json" "$T/ks2.json"
"$NIS5G" --db "$T/one.db" summary --json > "$T/s1.json"
NIS5G_SPLIT_MIN=1 "$NIS5G" --db "$T/one.db" summary --json > "$T/s2.json"
cmp "$T/s1.json" "$T/s2.json"
