# Diversity, kill-switch, Monte Carlo and what-if on generated datasets
# (nis5g generate), checked against a second, independent implementation in
# Python written from SPEC §1 (tests/cli/resilience_ref.py): recursive
# "works", radio sites, losses per vendor, shares and HHI.
set -eu
for spec in "MT 1 3" "LU 0.5 11"; do
  set -- $spec
  cc=$1 scale=$2 seed=$3
  rm -rf "$T/$cc" "$T/$cc.db"
  "$NIS5G" generate --country "$cc" --scale "$scale" --seed "$seed" -o "$T/$cc" >/dev/null
  "$NIS5G" --db "$T/$cc.db" import "$T/$cc" --as-of 2026-01-01 >/dev/null 2>&1
  db="--db $T/$cc.db"
  "$NIS5G" $db killswitch --all --json >"$T/$cc-ks.json"
  "$NIS5G" $db diversity --by operator,domain --json >"$T/$cc-div.json"
  "$NIS5G" $db diversity --by region,function --json >"$T/$cc-div2.json"
  "$NIS5G" $db simulate --trials 130 --fail ran=1 --json >"$T/$cc-ran1.json"
  "$NIS5G" $db simulate --trials 130 --fail ran=0 --fail core=0 --json >"$T/$cc-zero.json"
  "$NIS5G" $db simulate --trials 70 --outage-hours 3 --json >"$T/$cc-outage.json"
  "$NIS5G" $db simulate --trials 300 --seed 5 --fail ran=0.05 --fail core=0.2 --fail transport=0.02 --threads 1 --json >"$T/$cc-t1.json"
  "$NIS5G" $db simulate --trials 300 --seed 5 --fail ran=0.05 --fail core=0.2 --fail transport=0.02 --threads 4 --json >"$T/$cc-t4.json"
  cmp -s "$T/$cc-t1.json" "$T/$cc-t4.json" || { echo "$cc: simulate differs with 1 and 4 threads"; exit 1; }
  v=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d['groups'][-1]['vendors'][0]['vendor'])" "$T/$cc-div.json")
  "$NIS5G" $db whatif ban "$v" --json >"$T/$cc-whatif.json"
  python3 "$TOP/tests/cli/resilience_ref.py" "$T/$cc" "$T/$cc" || { echo "$cc: differs from the reference"; exit 1; }
done
