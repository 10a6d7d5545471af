# Coordinated sharing end to end: three states (SE, DE, FR) make keys,
# trust each other, export signed TLP-marked packages, import them as peers
# would, and each sees the EU view built only from what the others shared.
# Every refusal of issue 6 is exercised; figures are checked against an
# independent reading of the package files (python's json).
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_refused() { # FILE... : import must fail with exit 2, message on stderr
  db=$1; shift; pat=$1; shift
  if "$N" --db "$db" import-package "$@" 2>"$T/err" >"$T/out"; then fail "accepted: $*"; else rc=$?; fi
  [ "$rc" = 2 ] || fail "exit $rc for $*"
  grep -q "$pat" "$T/err" || { cat "$T/err"; fail "no '$pat' for $*"; }
}

for c in SE DE FR; do
  lc=$(echo $c | tr A-Z a-z)
  "$N" generate --country $c --scale 0.02 -o "$T/$lc" >/dev/null
  "$N" --db "$T/$lc.db" import "$T/$lc" >/dev/null
  "$N" --db "$T/$lc.db" keygen --state $c -o "$T/$lc.key" >/dev/null
done

# keys: secret 0600, public beside it, never overwritten
[ "$(stat -c %a "$T/se.key")" = 600 ] || fail "secret key mode $(stat -c %a "$T/se.key")"
head -1 "$T/se.key" | grep -qx 'nis5g-secret-key 1 SE' || fail "secret key header"
head -1 "$T/se.key.pub" | grep -qx 'nis5g-public-key 1 SE' || fail "public key header"
cp "$T/se.key" "$T/se.key.copy"
if "$N" --db "$T/se.db" keygen --state SE -o "$T/se.key" 2>"$T/err"; then fail "keygen overwrote"; fi
grep -q "never overwritten" "$T/err" || fail "keygen refusal message"
cmp -s "$T/se.key" "$T/se.key.copy" || fail "secret key changed"

# trust: each state trusts the other two
for a in se de fr; do for b in se de fr; do
  [ $a = $b ] && continue
  B=$(echo $b | tr a-z A-Z)
  "$N" --db "$T/$a.db" trust add $B "$T/$b.key.pub" >/dev/null
done; done
"$N" --db "$T/se.db" trust list --json | python3 -c '
import json,sys; t=json.load(sys.stdin)["trusted"]
assert [k["state"] for k in t]==["DE","FR"], t
assert all(len(k["fingerprint"])==32 for k in t)'
# a public key file with CRLF line ends (sent through a Windows mailer) is the same key
sed 's/$/\r/' "$T/fr.key.pub" > "$T/fr-crlf.pub"
"$N" --db "$T/se.db" trust add FR "$T/fr-crlf.pub" >/dev/null || fail "a CRLF public key file was refused"
if "$N" --db "$T/se.db" trust add DE "$T/fr.key.pub" 2>"$T/err"; then fail "trusted a key of another state"; fi
grep -q "is a key of FR, not of DE" "$T/err" || fail "trust mismatch message"

# export
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber -o "$T/se.pkg" >/dev/null
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber -o "$T/se2.pkg" >/dev/null
cmp -s "$T/se.pkg" "$T/se2.pkg" || fail "the same workspace gave different packages"
"$N" --db "$T/fr.db" export --state FR --key "$T/fr.key" --tlp green --to DE,SE -o "$T/fr.pkg" >/dev/null
"$N" --db "$T/de.db" export --state DE --key "$T/de.key" --tlp red --to SE --detail -o "$T/de.pkg" >/dev/null
# refused exports
if "$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber --to DE --detail -o "$T/x.pkg" 2>"$T/err"; then fail "detail without red"; fi
grep -q "needs --tlp red" "$T/err" || fail "detail message"
if "$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp red -o "$T/x.pkg" 2>"$T/err"; then fail "red without recipients"; fi
if "$N" --db "$T/se.db" export --state DE --key "$T/se.key" --tlp clear -o "$T/x.pkg" 2>"$T/err"; then fail "signed as another state"; fi
chmod 644 "$T/se.key"
if "$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp clear -o "$T/x.pkg" 2>"$T/err"; then fail "a world-readable key was used"; fi
grep -q "readable or writable by others (mode 0644)" "$T/err" || fail "key mode message"
chmod 600 "$T/se.key"
[ ! -e "$T/x.pkg" ] || fail "a refused export wrote a file"

# dry run: every section and its level, nothing written
"$N" --db "$T/de.db" export --state DE --key "$T/de.key" --tlp red --to SE --detail --dry-run -o "$T/dry.pkg" >"$T/dry.txt"
[ ! -e "$T/dry.pkg" ] || fail "dry run wrote a file"
grep -q "^elements  *DETAIL" "$T/dry.txt" || fail "dry run: no detail level"
grep -q "^national_shares  *aggregate" "$T/dry.txt" || fail "dry run: no aggregate level"
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber --dry-run >"$T/dry2.txt"
grep -q "^Not included: .*elements (detail: only with --detail), sites" "$T/dry2.txt" || fail "dry run: detail sections not listed as left out"
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber --dry-run --json >"$T/dry.json"
python3 - "$T/dry.json" "$T/se.pkg" <<'PY'
import json, sys
dry = json.load(open(sys.argv[1])); pkg = json.load(open(sys.argv[2]))["package"]
assert dry == pkg, "dry run differs from what is exported"
PY

# the package file: canonical JSON, signature beside the package
python3 - "$T/se.pkg" "$T/de.pkg" <<'PY'
import json, sys
raw = open(sys.argv[1], "rb").read()
env = json.loads(raw)
assert raw == json.dumps(env, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"
p = env["package"]
assert p["signer"] == "SE" and p["tlp"] == "amber" and p["recipients"] == [] and p["detail"] is False
assert set(p["sections"]) >= {"national_shares", "vendor_shares", "suppliers", "measures", "killswitch"}
ks = p["sections"]["killswitch"]
assert ks and all(0 <= r["sites_lost_pct"] <= 100 and 0 <= r["subscribers_lost_pct"] <= 100 for r in ks)
assert set(r["vendor"] for r in ks) == set(v["vendor"] for g in p["sections"]["national_shares"] for v in g["vendors"])
assert "elements" not in p["sections"] and "sites" not in p["sections"]
assert env["signature"]["algorithm"] == "ed25519" and len(env["signature"]["fingerprint"]) == 32
d = json.load(open(sys.argv[2]))["package"]
assert d["tlp"] == "red" and d["recipients"] == ["SE"] and d["detail"] is True and len(d["sections"]["elements"]) > 0
PY

# import: refusals first (nothing changes), then the good ones
"$N" --db "$T/se.db" eu --json >"$T/eu0.json"
python3 - "$T/fr.pkg" "$T" <<'PY'
import json, sys
raw = bytearray(open(sys.argv[1], "rb").read()); t = sys.argv[2]
b = bytearray(raw); b[len(b) // 2] ^= 1; open(t + "/flip.pkg", "wb").write(b)
b = bytearray(raw); b[40] ^= 0x20; open(t + "/flip2.pkg", "wb").write(b)
env = json.loads(raw); del env["signature"]
open(t + "/unsigned.pkg", "wb").write(json.dumps(env, sort_keys=True, separators=(",", ":")).encode() + b"\n")
open(t + "/trunc.pkg", "wb").write(raw[:len(raw) // 3])
PY
expect_refused "$T/se.db" "refused" "$T/flip.pkg"
expect_refused "$T/se.db" "refused" "$T/flip2.pkg"
expect_refused "$T/se.db" "unsigned" "$T/unsigned.pkg"
expect_refused "$T/se.db" "malformed" "$T/trunc.pkg"
# a device is no package: refused at once, not read without end
if timeout 20 "$N" --db "$T/se.db" import-package /dev/zero 2>"$T/err"; then fail "/dev/zero accepted"; else rc=$?; fi
[ "$rc" = 2 ] || fail "/dev/zero: exit $rc"
grep -q "/dev/zero: refused: a device, not a package file" "$T/err" || { cat "$T/err"; fail "/dev/zero message"; }
expect_refused "$T/fr.db" "addressed to SE, not to FR" "$T/de.pkg"
expect_refused "$T/se.db" "own state SE" "$T/se.pkg"
# a key FR never gave us
"$N" --db "$T/x.db" keygen --state FR -o "$T/rogue.key" >/dev/null
"$N" --db "$T/x.db" import "$T/fr" >/dev/null
"$N" --db "$T/x.db" export --state FR --key "$T/rogue.key" --tlp green -o "$T/rogue.pkg" >/dev/null
expect_refused "$T/se.db" "unknown key" "$T/rogue.pkg"
# one bad file in a batch: nothing imported
expect_refused "$T/se.db" "flip.pkg: refused" "$T/de.pkg" "$T/fr.pkg" "$T/flip.pkg"
# ... and the good ones of that batch are not reported as accepted
if grep -q ": accepted from" "$T/out"; then cat "$T/out"; fail "a package of a refused batch was reported accepted"; fi
grep -q "fr.pkg: not imported, though it passed its checks (accepted from FR" "$T/out" || { cat "$T/out"; fail "batch: fr.pkg not reported as not imported"; }
"$N" --db "$T/se.db" eu --json >"$T/eu1.json"
cmp -s "$T/eu0.json" "$T/eu1.json" || fail "a refused import changed the workspace"

"$N" --db "$T/se.db" import-package "$T/de.pkg" "$T/fr.pkg" >"$T/out"
grep -q "de.pkg: accepted from DE, snapshot 2026-11-27, TLP:RED" "$T/out" || { cat "$T/out"; fail "SE import"; }
"$N" --db "$T/de.db" import-package "$T/se.pkg" "$T/fr.pkg" >/dev/null
"$N" --db "$T/fr.db" import-package "$T/se.pkg" >/dev/null

# the EU view: built from the packages held (and the own assessment) only
for c in se de fr; do "$N" --db "$T/$c.db" eu --json >"$T/eu-$c.json"; done
"$N" --db "$T/se.db" eu >"$T/eu-se.txt"
grep -q "EU view from 3 states; marking of the whole view: TLP:RED" "$T/eu-se.txt" || fail "SE view marking"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
pk = {c: json.load(open(f"{t}/{c}.pkg"))["package"] for c in ("se", "de", "fr")}
order = ["clear", "green", "amber", "amber+strict", "red"]
def check(view, own, held):
    v = json.load(open(f"{t}/eu-{view}.json"))
    states = {s["state"]: s for s in v["states"]}
    assert set(states) == {own.upper()} | {h.upper() for h in held}, states
    assert states[own.upper()]["source"] == "own"
    for h in held:
        s = states[h.upper()]
        assert s["source"] == "package" and s["tlp"] == pk[h]["tlp"] and len(s["fingerprint"]) == 32
    # EU vendor totals by domain = the sum of what each state shared (own: its own package content)
    docs = [pk[own]] + [pk[h] for h in held]
    for dom in v["vendor_shares"]:
        tot = sum(g["elements"] for d in docs for g in d["sections"]["national_shares"] if g["domain"] == dom["domain"])
        assert dom["elements"] == tot, (view, dom["domain"], dom["elements"], tot)
        want = max([order.index(pk[h]["tlp"]) for h in held
                    if any(g["domain"] == dom["domain"] for g in pk[h]["sections"]["national_shares"])] + [0])
        assert dom["tlp"] == order[want], (view, dom)
    want = max(order.index(pk[h]["tlp"]) for h in held)
    assert v["tlp"] == order[want], v["tlp"]
    # measure scores: mean over scopes per state, mean over states EU-wide
    w = {"none": 0, "planned": 1/3, "partial": 2/3, "implemented": 1}
    for m in v["measures"]["eu"]:
        per = []
        for d in docs:
            xs = [w[r["status"]] for r in d["sections"]["measures"] if r["measure"] == m["measure"]]
            if xs: per.append(sum(xs) / len(xs))
        assert abs(m["score"] - sum(per) / len(per)) < 1e-4, (m, per)
    # the largest kill-switch exposure per state: the maximum of what each state shared
    for k in v["largest_killswitch"]:
        d = pk[k["state"].lower()]["sections"]["killswitch"]
        assert k["subscribers_lost_pct"] == max(r["subscribers_lost_pct"] for r in d), k
    assert {k["state"] for k in v["largest_killswitch"]} == set(states)
    # R1-R9 ranking (builds with the risk module): the mean of the shared scores, highest first
    shared = [d for d in docs if "risk" in d["sections"]]
    if shared:
        for d in shared:
            assert [r["scenario"] for r in d["sections"]["risk"]] == ["R%d" % i for i in range(1, 10)]
            assert all(r["score"] == r["likelihood"] * r["impact"] for r in d["sections"]["risk"])
        means = [m["mean_score"] for m in v["risk_ranking"]]
        assert means == sorted(means, reverse=True) and len(means) == 9
        for m in v["risk_ranking"]:
            xs = [r["score"] for d in shared for r in d["sections"]["risk"] if r["scenario"] == m["scenario"]]
            assert abs(m["mean_score"] - sum(xs) / len(xs)) < 0.006, (m, xs)
    else:
        assert v["risk_ranking"] == []
check("se", "se", ["de", "fr"])
check("de", "de", ["se", "fr"])
check("fr", "fr", ["se"])
PY

# provenance: who, when, which key
"$N" --db "$T/se.db" eu --json | python3 -c '
import json,sys; v=json.load(sys.stdin)
de=[s for s in v["states"] if s["state"]=="DE"][0]
assert de["received_at"].startswith("20") and de["received_by"] != "", de'

# an older package for the same snapshot is refused; a newer one replaces
cp "$T/se.pkg" "$T/se-old.pkg"
sleep 1   # the package time is the import time, to the second
"$N" --db "$T/se.db" import "$T/se" >/dev/null   # re-import: a newer version of the snapshot
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp amber -o "$T/se-new.pkg" >/dev/null
cmp -s "$T/se-old.pkg" "$T/se-new.pkg" && fail "re-import did not change the package"
"$N" --db "$T/de.db" import-package "$T/se-new.pkg" | grep -q "replaces the package held from SE" || fail "newer package"
expect_refused "$T/de.db" "older than the package already held from SE" "$T/se-old.pkg"
# another export of the same version (same snapshot, same creation time) must
# not replace the one held: its order cannot be told, so it could be replayed
"$N" --db "$T/se.db" export --state SE --key "$T/se.key" --tlp red --to DE --detail -o "$T/se-same.pkg" >/dev/null
expect_refused "$T/de.db" "differs from the package already held from SE for snapshot .* with the same creation time" "$T/se-same.pkg"
"$N" --db "$T/de.db" import-package "$T/se-new.pkg" | grep -q "already held" || fail "the held package changed"

# a missing -o shows the whole usage, with every option the command takes
if "$N" --db "$T/se.db" stix 2>"$T/err"; then fail "stix without -o"; fi
grep -q "usage: nis5g \[--db PATH\] stix .*--policy FILE.*--snapshot DATE" "$T/err" || { cat "$T/err"; fail "stix usage"; }
if "$N" --db "$T/se.db" export --state SE 2>"$T/err"; then fail "export without --key"; fi
grep -q "usage: nis5g \[--db PATH\] export .*--policy FILE.*--snapshot DATE" "$T/err" || { cat "$T/err"; fail "export usage"; }
# STIX 2.1: the properties the OASIS schemas require, and the OASIS TLP 2.0 marking
"$N" --db "$T/se.db" stix --tlp amber -o "$T/se.stix.json" >/dev/null
python3 - "$T/se.stix.json" <<'PY'
import json, re, sys
b = json.load(open(sys.argv[1]))
ID = re.compile(r"^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
assert b["type"] == "bundle" and ID.match(b["id"]) and b["id"].startswith("bundle--") and "spec_version" not in b
objs = b["objects"]; ids = {o["id"] for o in objs}
assert len(ids) == len(objs), "duplicate ids"
amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
md = [o for o in objs if o["type"] == "marking-definition"]
assert md == [{"type": "marking-definition", "spec_version": "2.1", "id": amber, "created": "2022-10-01T00:00:00.000Z",
               "name": "TLP:AMBER", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":
               {"extension_type": "property-extension", "tlp_2_0": "amber"}}}], md
for o in objs:
    assert ID.match(o["id"]) and o["id"].startswith(o["type"] + "--"), o["id"]
    assert o["spec_version"] == "2.1"
    if o["type"] == "marking-definition": continue
    assert TS.match(o["created"]) and TS.match(o["modified"]) and o["modified"] >= o["created"]
    assert o["object_marking_refs"] == [amber]
    for k, v in o.items():
        if k.endswith("_ref"): assert v in ids, (k, v)
        if k.endswith("_refs"): assert v and all(x in ids for x in v), (k, v)
        if k.startswith("x_") and isinstance(v, list): assert v
    req = {"identity": ["name"], "report": ["name", "published", "object_refs"], "course-of-action": ["name"]}[o["type"]]
    assert all(r in o for r in req), (o["type"], req)
names = {o["name"] for o in objs if o["type"] == "identity"}
assert "Huawei" in names and "Ericsson" in names
PY
"$N" --db "$T/se.db" stix --tlp amber -o "$T/se.stix2.json" >/dev/null
cmp -s "$T/se.stix.json" "$T/se.stix2.json" || fail "stix export not deterministic"

# the EU map (the Natural Earth borders come with make's deps: npm ci in web/eu)
"$TOP/scripts/web-deps.sh" >/dev/null 2>&1
NIS5G_WEB="$TOP/web" "$N" --db "$T/se.db" eu --svg "$T/map.svg" --figure high-risk:ran >/dev/null 2>&1
grep -q 'data-state="SE"><title>SE: ' "$T/map.svg" || fail "map: no Sweden"
grep -q 'data-state="IT"><title>IT: no data' "$T/map.svg" || fail "map: Italy should have no data"
if "$N" --db "$T/se.db" eu --svg "$T/m.svg" --figure nonsense 2>/dev/null; then fail "bad figure accepted"; fi

# report --eu: the national report with the EU view (its JSON and its
# HTML section with the map) after it
"$N" --db "$T/se.db" report --eu --figure toolbox -o "$T/rep" >/dev/null || fail "report --eu"
grep -q '<section id="eu-view">' "$T/rep/report.html" || fail "report --eu: no EU section"
grep -q 'data-state="DE"' "$T/rep/report.html" || fail "report --eu: no map"
"$N" --db "$T/se.db" eu --json > "$T/eu-now.json"
python3 - "$T/rep/report.json" "$T/eu-now.json" <<'PY' || fail "report --eu: JSON"
import json, sys
r = json.load(open(sys.argv[1]))
eu = json.load(open(sys.argv[2]))
assert r["eu"]["states"] == eu["states"], (r["eu"]["states"], eu["states"])
assert r["eu"]["high_risk_shares"] == eu["high_risk_shares"]
PY
if "$N" --db "$T/se.db" report --eu --figure nonsense -o "$T/rep2" 2>/dev/null; then fail "report --eu: bad figure accepted"; fi

# the EU view as the report's HTML section (the map only when the borders are installed)
NIS5G_WEB="$T/nowhere" "$N" --db "$T/se.db" eu --html "$T/eu.html" >/dev/null 2>&1
grep -q 'Marking of this section: <strong>TLP:RED</strong>' "$T/eu.html" || fail "eu --html marking"
grep -q '<h3>Toolbox implementation</h3>' "$T/eu.html" || fail "eu --html toolbox"

# a package file that is not there is refused like any bad input (exit 2)
rc=0; "$N" --db "$T/se.db" import-package "$T/no-such.pkg" 2>"$T/err" || rc=$?
[ "$rc" = 2 ] || fail "missing package: exit status $rc"
grep -q "cannot read it: No such file or directory" "$T/err" || fail "missing package: message"
