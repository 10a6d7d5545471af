# Phase-out forecast on two imported snapshots of a generated dataset
# (Sweden, scale 0.3): between them, every second active Huawei RAN element
# was replaced by Ericsson. The expected figures come from an independent
# count with awk over the two elements.csv files: remaining elements and
# elements over the cap, the rate, and the projected date.
set -eu
"$NIS5G" generate --country SE --scale 0.3 --seed 7 -o "$T/a" >/dev/null
cp -r "$T/a" "$T/b"
awk -F, -v OFS=, 'NR > 1 && $4 == "ran" && $6 == "Huawei" && $10 == "active" && (k++ % 2 == 0) {
    $6 = "Ericsson"; $7 = ""; $8 = ""; $9 = "2026-03-01" } { print }' "$T/a/elements.csv" > "$T/b/elements.csv"
db="$T/w.db"
"$NIS5G" --db "$db" import "$T/a" --as-of 2025-11-27 >/dev/null 2>&1
"$NIS5G" --db "$db" import "$T/b" --as-of 2026-05-26 >/dev/null 2>&1    # 180 days later
cat > "$T/p.policy" <<'POL'
rule PHASE "Huawei out of the RAN"
  deny vendor = Huawei and domain = ran by 2030-01-01
rule CAP "Huawei at most 10% of each operator's RAN"
  cap share(vendor = Huawei) of domain = ran per operator <= 10% by 2026-12-01
POL
set +e
"$NIS5G" --db "$db" check --policy "$T/p.policy" --at 2026-11-27 > "$T/out.txt"
st=$?
set -e
[ $st = 0 ] || { echo "exit $st, want 0 (both rules pending)"; cat "$T/out.txt"; exit 1; }

# remaining: PHASE = active Huawei RAN elements; CAP = sum over operators
# of max(0, c - floor(n / 10)).
count() {
  awk -F, 'NR > 1 && $4 == "ran" && $10 == "active" { n[$2]++; if ($6 == "Huawei") { c[$2]++; h++ } }
    END { for (o in n) { m = c[o] - int(n[o] / 10); if (m > 0) s += m }; print h + 0, s + 0 }' "$1/elements.csv"
}
set -- $(count "$T/a") $(count "$T/b")
ph0=$1 cap0=$2 ph1=$3 cap1=$4
[ "$ph1" -gt 0 ] && [ "$ph0" -gt "$ph1" ] || { echo "the generated data has no Huawei RAN to replace"; exit 1; }
# projected day = 2026-05-26 + ceil(remaining * 180 / decrease)
proj() { awk -v r="$1" -v d="$2" 'BEGIN { x = r * 180; q = int(x / d); if (q * d < x) q++; print q }'; }
day() { date -u -d "2026-05-26 + $1 days" +%Y-%m-%d; }
want_ph=$(day "$(proj "$ph1" $((ph0 - ph1)))")
want_cap=$(day "$(proj "$cap1" $((cap0 - cap1)))")
cap_verdict="too late"
[ "$want_cap" \< 2026-12-01 ] && cap_verdict="in time"
# thousands separators as the table prints them
fmt() { echo "$1" | awk '{ s = $1; o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) }; print s o }'; }
ph1c=$(fmt "$ph1") cap1c=$(fmt "$cap1")
# 2026-11-27 to 2030-01-01: 35 + 365 + 366 + 365 = 1131 days left
grep -Eq "^PHASE +deny +pending +$ph1c +$ph1c +2030-01-01 +1131 +- +met $want_ph \(in time\)" "$T/out.txt" ||
  { echo "PHASE: want $ph1 remaining (was $ph0), met $want_ph"; cat "$T/out.txt"; exit 1; }
grep -Eq "^CAP +cap +pending +[0-9]+ +$cap1c +2026-12-01 +4 +- +met $want_cap \($cap_verdict\)" "$T/out.txt" ||
  { echo "CAP: want $cap1 to change (was $cap0), met $want_cap ($cap_verdict)"; cat "$T/out.txt"; exit 1; }
