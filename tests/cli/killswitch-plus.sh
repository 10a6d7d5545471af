# A vendor whose name contains '+' (here literally "A+B") must still be
# nameable in a killswitch scenario: the longest known name wins at each
# '+', so "A+B" is the vendor A+B and "Huawei+A+B" is Huawei and A+B
# together. Hand-made: tests/cases/resilience/dec2018 with B-R2 (radio of
# site B2) supplied by "A+B" instead of Huawei.
set -eu
mkdir -p "$T/d"
cp "$TOP/tests/cases/resilience/dec2018/"*.csv "$T/d/"
sed -i 's/^B-R2,BETA,B2,ran,RU,Huawei/B-R2,BETA,B2,ran,RU,A+B/' "$T/d/elements.csv"
echo 'A+B,CN,0,0,0,0,0,0,0,0,,' >>"$T/d/suppliers.csv"
"$NIS5G" --db "$T/w.db" import "$T/d" >/dev/null
"$NIS5G" --db "$T/w.db" killswitch 'A+B' 'Huawei+A+B' 'A+B+Huawei' --json >"$T/ks.json"
python3 - "$T/ks.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["scenarios"]
got = [(x["vendors"], x["elements_failed"], x["sites_lost"], x["subscribers_lost"]) for x in s]
# A+B alone: B-R2 fails, B2 keeps its Huawei gNB B-G2. With Huawei
# (A-G1, A-R1, B-AMF2, B-G2): A1 (1,000) and B2 (2,500) are cut off.
want = [(["A+B"], 1, 0, 0), (["Huawei", "A+B"], 5, 2, 3500), (["A+B", "Huawei"], 5, 2, 3500)]
assert got == want, got
PY
if "$NIS5G" --db "$T/w.db" killswitch 'A+C' 2>"$T/err"; then echo "unknown vendor accepted"; exit 1; fi
grep -q "unknown vendor 'A'" "$T/err" || { cat "$T/err"; exit 1; }
