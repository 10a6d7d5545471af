# Phase-out forecast from two snapshots of the small policy dataset. The
# earlier one (2026-05-01) has four more Huawei core elements, replaced by
# the later one (2026-11-01). Worked by hand:
#   remaining (SE-2 findings): 6 then 2, over 184 days;
#   rate = 4 / (184 / 30.44) = 0.66 elements per month;
#   met 2 × 184 / 4 = 92 days after 2026-11-01 = 2027-02-01, before the
#   2027-06-01 deadline. The share rule does not decrease (no RAN change).
set -eu
early="$T/early"
cp -r "$TOP/tests/cases/policy/small" "$early"
cat >> "$early/elements.csv" <<'CSV'
X1,OPA,DC1,core,UPF,Huawei,,,2019-01-01,active
X2,OPA,DC1,core,UDM,Huawei,,,2019-01-01,active
X3,OPB,DC2,core,AMF,Huawei,,,2019-01-01,active
X4,OPB,DC2,core,SMF,Huawei,,,2019-01-01,active
CSV
cat > "$T/p.policy" <<'POL'
rule SE-2
  deny risk = high and domain in core, management by 2027-06-01
rule CAP
  cap share(risk = high) of domain = ran per operator <= 35% by 2027-06-01
POL
db="$T/w.db"
"$NIS5G" --db "$db" import "$TOP/tests/cases/policy/small" --as-of 2026-11-01 >/dev/null 2>&1

# One snapshot: no forecast possible.
"$NIS5G" --db "$db" check --policy "$T/p.policy" > "$T/one.txt"
grep -q '^SE-2 .*no forecast: one snapshot' "$T/one.txt" || { cat "$T/one.txt"; exit 1; }

"$NIS5G" --db "$db" import "$early" --as-of 2026-05-01 >/dev/null 2>&1
"$NIS5G" --db "$db" check --policy "$T/p.policy" > "$T/two.txt"
grep -q '^SE-2 .*met 2027-02-01 (in time)' "$T/two.txt" || { cat "$T/two.txt"; exit 1; }
grep -q '^CAP .*not decreasing' "$T/two.txt" || { cat "$T/two.txt"; exit 1; }
"$NIS5G" --db "$db" check --policy "$T/p.policy" --json > "$T/two.json"
for want in '"status": "date"' '"date": "2027-02-01"' '"before_deadline": true' '"remaining_before": 6' \
            '"remaining": 2' '"rate_per_month": 0.66173913' '"status": "not_decreasing"'; do
  grep -qF "$want" "$T/two.json" || { echo "missing $want"; cat "$T/two.json"; exit 1; }
done

# Checking the earlier snapshot itself: only one snapshot before or at it.
"$NIS5G" --db "$db" check --policy "$T/p.policy" --snapshot 2026-05-01 > "$T/early.txt"
grep -q '^SE-2 .*no forecast: one snapshot' "$T/early.txt" || { cat "$T/early.txt"; exit 1; }
