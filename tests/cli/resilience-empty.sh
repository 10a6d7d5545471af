# Resilience commands on a snapshot with no active element (one planned
# AMF, no sites, no links): each answers "nothing" and exits 0. Under
# check-asan this also checks that empty inputs reach no undefined
# behaviour (whatif passed a null array to memcpy).
set -eu
mkdir -p "$T/d"
printf 'operator,name,country,subscribers\nOPX,Op,SE,10\n' >"$T/d/operators.csv"
printf 'site,operator,lat,lon,region,tags,backup_hours,subscribers\n' >"$T/d/sites.csv"
printf 'element,operator,site,domain,function,vendor,product,sw_version,installed,status\nE1,OPX,,core,AMF,V,,,,planned\n' >"$T/d/elements.csv"
"$NIS5G" --db "$T/w.db" import "$T/d" >/dev/null 2>&1
n() { "$NIS5G" --db "$T/w.db" "$@"; }
n whatif ban V >out.txt
grep -qx "Ban V from every domain: 0 active elements to replace" out.txt || { cat out.txt; exit 1; }
grep -qx "nothing to replace" out.txt || { cat out.txt; exit 1; }
n whatif ban V --json | python3 -c '
import json, sys; v = json.load(sys.stdin)
assert v["elements"] == 0 and v["replace"] == [] and v["national_after"]["groups"] == [], v'
n diversity --json | python3 -c '
import json, sys; v = json.load(sys.stdin); assert v["groups"] == [], v'
n killswitch --all --json | python3 -c '
import json, sys; v = json.load(sys.stdin); assert v["scenarios"] == [] and v["baseline"]["sites"] == 0, v'
n simulate --trials 64 --fail core=1 --json | python3 -c '
import json, sys; v = json.load(sys.stdin); assert v["sites_lost"]["max"] == 0, v'
