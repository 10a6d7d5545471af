"""An independent reference for nis5g's resilience analyses (SPEC §1, §4),
written for tests: plain recursion over the CSV files, no shared code.
Usage: resilience_ref.py DATASET_DIR PREFIX  (PREFIX-ks.json etc. are the
outputs of nis5g to check). Exits non-zero with a message on a mismatch."""
import csv, json, math, sys
from collections import defaultdict

ds, prefix = sys.argv[1], sys.argv[2]
def rows(name):
    try:
        with open(f"{ds}/{name}", newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        return []

els = {r["element"]: r for r in rows("elements.csv")}
sites = {r["site"]: r for r in rows("sites.csv")}
ops = {r["operator"]: r for r in rows("operators.csv")}
links = defaultdict(list)
for r in rows("links.csv"):
    links[r["element"]].append((r["depends_on"], r["group"]))
active = lambda e: (els[e]["status"] or "active") == "active"
radio = lambda e: els[e]["function"] in ("RU", "gNB")
subs = lambda s: int(sites[s]["subscribers"]) if sites[s]["subscribers"] else 0
errors = []
def check(what, got, want):
    if got != want and not (isinstance(want, float) and abs(got - want) <= 1e-6 * max(1, abs(want))):
        errors.append(f"{what}: nis5g {got!r}, reference {want!r}")

def works_fn(failed):
    memo = {}
    def works(e):
        if e in memo:
            return memo[e]
        ok = active(e) and e not in failed
        groups = defaultdict(list)
        for d, g in links.get(e, []):
            if not g:
                ok = ok and works(d)
            else:
                groups[g].append(d)
        for members in groups.values():
            ok = ok and any(works(d) for d in members)
        memo[e] = ok
        return ok
    return works

radio_sites = defaultdict(list)
for e, r in els.items():
    if r["site"] and active(e) and radio(e):
        radio_sites[r["site"]].append(e)
def service(works):
    return {s: any(works(e) for e in rs) for s, rs in radio_sites.items()}
base_w = works_fn(set())
base = service(base_w)

# Kill-switch: every vendor with active equipment.
ks = json.load(open(f"{prefix}-ks.json"))
check("baseline sites", ks["baseline"]["sites"], len(radio_sites))
check("baseline without service", ks["baseline"]["sites_without_service"], sum(1 for v in base.values() if not v))
vendors = sorted({r["vendor"] for e, r in els.items() if active(e)})
check("scenarios", [s["vendors"] for s in ks["scenarios"]], [[v] for v in vendors])
for sc in ks["scenarios"]:
    v = sc["vendors"][0]
    failed = {e for e, r in els.items() if r["vendor"] == v}
    w = works_fn(failed)
    svc = service(w)
    lost = [s for s in radio_sites if base[s] and not svc[s]]
    check(f"{v} sites_lost", sc["sites_lost"], len(lost))
    check(f"{v} subscribers_lost", sc["subscribers_lost"], sum(subs(s) for s in lost))
    per_op = defaultdict(int)
    for s in lost:
        per_op[sites[s]["operator"]] += 1
    for op, o in sc["per_operator"].items():
        check(f"{v} {op} sites_lost", o["sites_lost"], per_op[op])
    coll = sum(1 for e in els if base_w(e) and not w(e) and e not in failed)
    check(f"{v} through dependencies", sc["elements_failed_through_dependencies"], coll)
    check(f"{v} elements_failed", sc["elements_failed"], sum(1 for e in failed if active(e)))

# Monte Carlo: probability 1 for the RAN cuts every site with service;
# probability 0 cuts none; a 3-hour outage cuts the sites with less backup.
n_base = sum(1 for v in base.values() if v)
ran1 = json.load(open(f"{prefix}-ran1.json"))
check("ran=1 p50", ran1["sites_lost"]["p50"], n_base)
check("ran=1 max", ran1["sites_lost"]["max"], n_base)
check("ran=1 mean", ran1["sites_lost"]["mean"], float(n_base))
zero = json.load(open(f"{prefix}-zero.json"))
check("p=0 max", zero["sites_lost"]["max"], 0)
out = json.load(open(f"{prefix}-outage.json"))
def backup(s):
    b = sites[s]["backup_hours"]
    return float(b) if b else 0.0
forced = {e for s, rs in radio_sites.items() if 3 > backup(s) for e in rs}
svc = service(works_fn(forced))
lost = [s for s in radio_sites if base[s] and not svc[s]]
check("outage p50", out["sites_lost"]["p50"], len(lost))
check("outage subscribers", out["subscribers_lost"]["max"], sum(subs(s) for s in lost))

# Diversity by operator x domain and by region x function (elements).
def div(keyf):
    g = defaultdict(lambda: defaultdict(int))
    for e, r in els.items():
        if active(e):
            g[keyf(r)][r["vendor"]] += 1
    return g
def region(r):
    return sites[r["site"]]["region"] or None if r["site"] else None
for name, fields, keyf in (("div", ("operator", "domain"), lambda r: (r["operator"], r["domain"])),
                           ("div2", ("function", "region"), lambda r: (r["function"], region(r)))):
    d = json.load(open(f"{prefix}-{name}.json"))
    want = div(keyf)
    check(f"{name} groups", len(d["groups"]), len(want))
    singles = [len(g["vendors"]) == 1 for g in d["groups"]]
    check(f"{name} single-vendor groups first", singles, sorted(singles, reverse=True))
    for g in d["groups"]:
        k = tuple(g[f] for f in fields)
        counts = want.get(k, {})
        total = sum(counts.values())
        check(f"{name} {k} total", g["total"], total)
        check(f"{name} {k} hhi", g["hhi"], float(sum((100.0 * c / total) ** 2 for c in counts.values())))
        check(f"{name} {k} vendors", {v["vendor"]: v["count"] for v in g["vendors"]}, dict(counts))

# Single-vendor dependencies: an operator's domain, function or region
# served by one vendor.
want = set()
for kind, keyf in (("domain", lambda r: r["domain"]), ("function", lambda r: r["function"]),
                   ("region", region)):
    g = div(lambda r: (r["operator"], keyf(r)))
    for (op, value), counts in g.items():
        if value is not None and len(counts) == 1:
            (v, n), = counts.items()
            want.add((op, kind, value, v, n))
got = {(x["operator"], x["kind"], x["value"], x["vendor"], x["elements"])
       for x in json.load(open(f"{prefix}-div.json"))["single_vendor_dependencies"]}
check("single-vendor dependencies", sorted(got), sorted(want))

# What-if: the capacity is conserved per operator and domain, and the
# banned vendor is gone from its domains.
wi = json.load(open(f"{prefix}-whatif.json"))
before = {(g["operator"], g["domain"]): g["total"] for g in wi["before"]["groups"]}
after = {(g["operator"], g["domain"]): g["total"] for g in wi["after"]["groups"]}
check("whatif groups", sorted(after), sorted(before))
for k in before:
    check(f"whatif {k} total", after.get(k, 0.0), float(before[k]))
for g in wi["after"]["groups"]:
    if any(v["vendor"] == wi["vendor"] for v in g["vendors"]):
        errors.append(f"whatif: {wi['vendor']} still in {g['operator']} {g['domain']}")
check("whatif elements", wi["elements"], sum(1 for e, r in els.items() if active(e) and r["vendor"] == wi["vendor"]))

if errors:
    print("\n".join(errors[:30]))
    sys.exit(1)
