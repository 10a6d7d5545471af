# `nis5g export-library`: the YAML parses, holds every field CISO
# Assistant's library loader requires (the library's urn, ref_id, locale,
# version and objects; urn and ref_id of every threat, reference control and
# the framework; urn of every requirement node), its URNs are unique and
# lowercase, every parent_urn names an earlier node one level up, every
# threat and reference control a node names exists, categories are the
# loader's, and the counts are those of data/: 9 scenarios, 29 measures
# (8 SM, 11 TM, 10 SA), 3 + 29 requirement nodes and the 35 rows of
# mapping.csv as threat references. The same catalogues give the same bytes;
# a bad catalogue writes nothing.
set -eu
out="$T/toolbox.yaml"
"$NIS5G" export-library -o "$out" > "$T/said"
grep -qx "wrote $out: CISO Assistant library, 9 threats, 29 reference controls, 32 requirement nodes" "$T/said" ||
  { echo "unexpected summary:"; cat "$T/said"; exit 1; }
"$NIS5G" export-library -o "$T/again.yaml" >/dev/null
cmp "$out" "$T/again.yaml" || { echo "two runs differ"; exit 1; }

python3 - "$out" "$TOP/data" <<'PY'
import csv, sys, yaml
lib = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
data = sys.argv[2]
errs = []
def need(obj, keys, what):
    for k in keys:
        if k not in obj or obj[k] in (None, ""):
            errs.append(f"{what}: missing {k}")
need(lib, ["urn", "locale", "ref_id", "name", "description", "copyright", "version", "provider", "packager",
           "objects"], "library")
if not isinstance(lib["version"], int):
    errs.append("library: version is not an integer")
objs = lib["objects"]
threats, controls, fw = objs["threats"], objs["reference_controls"], objs["framework"]
urns = [lib["urn"]]
for t in threats:
    need(t, ["urn", "ref_id", "name", "description"], f"threat {t.get('ref_id')}")
    urns.append(t["urn"])
cats = {"policy", "process", "technical", "physical", "procedure"}
for c in controls:
    need(c, ["urn", "ref_id", "name", "category", "description"], f"reference control {c.get('ref_id')}")
    if c.get("category") not in cats:
        errs.append(f"reference control {c['ref_id']}: category {c.get('category')!r}")
    urns.append(c["urn"])
need(fw, ["urn", "ref_id", "name", "description", "requirement_nodes"], "framework")
urns.append(fw["urn"])
nodes = fw["requirement_nodes"]
depth = {}
t_urns = {t["urn"] for t in threats}
c_urns = {c["urn"] for c in controls}
links = 0
for n in nodes:
    need(n, ["urn", "ref_id", "name", "description", "depth"], f"node {n.get('ref_id')}")
    if not isinstance(n.get("assessable"), bool):
        errs.append(f"node {n['ref_id']}: assessable is not a boolean")
    p = n.get("parent_urn")
    if n["depth"] == 1:
        if p is not None:
            errs.append(f"node {n['ref_id']}: depth 1 with a parent")
    elif p not in depth:
        errs.append(f"node {n['ref_id']}: parent_urn {p!r} is not an earlier node")
    elif depth[p] != n["depth"] - 1:
        errs.append(f"node {n['ref_id']}: depth {n['depth']} under a node of depth {depth[p]}")
    depth[n["urn"]] = n["depth"]
    urns.append(n["urn"])
    for t in n.get("threats", []):
        links += 1
        if t not in t_urns:
            errs.append(f"node {n['ref_id']}: unknown threat {t}")
    for c in n.get("reference_controls", []):
        if c not in c_urns:
            errs.append(f"node {n['ref_id']}: unknown reference control {c}")
    if n["assessable"] and n.get("reference_controls") != [f"urn:nis5g:risk:reference_control:eu-5g-toolbox:{n['ref_id'].lower()}"]:
        errs.append(f"node {n['ref_id']}: not linked to its own control")
if len(urns) != len(set(urns)):
    errs.append("URNs are not unique")
if any(u != u.lower() or not u.startswith("urn:nis5g:risk:") for u in urns):
    errs.append("a URN is not lowercase under urn:nis5g:risk:")

toolbox = list(csv.DictReader(open(f"{data}/toolbox.csv", encoding="utf-8")))
mapping = list(csv.DictReader(open(f"{data}/mapping.csv", encoding="utf-8")))
want = {"threats": 9, "controls": len(toolbox), "nodes": 3 + len(toolbox), "links": len(mapping)}
got = {"threats": len(threats), "controls": len(controls), "nodes": len(nodes), "links": links}
if want != got or (len(toolbox), len(mapping)) != (29, 35):
    errs.append(f"counts {got}, expected {want} (29 measures, 35 mapping rows)")
if [t["ref_id"] for t in threats] != [f"R{i}" for i in range(1, 10)]:
    errs.append("threats are not R1-R9 in order")
fam = [n["ref_id"] for n in nodes if n["depth"] == 1]
if fam != ["SM", "TM", "SA"]:
    errs.append(f"families {fam}")
per = {f: sum(1 for c in controls if c["ref_id"].startswith(f)) for f in ("SM", "TM", "SA")}
if per != {"SM": 8, "TM": 11, "SA": 10}:
    errs.append(f"measures per family {per}")
# one mapping row by hand: TM11 lowers the impact of R7 and R8
tm11 = next(n for n in nodes if n["ref_id"] == "TM11")
if tm11.get("threats") != ["urn:nis5g:risk:threat:eu-5g-toolbox:r7", "urn:nis5g:risk:threat:eu-5g-toolbox:r8"]:
    errs.append(f"TM11 threats {tm11.get('threats')}")
if errs:
    print("\n".join(errs))
    sys.exit(1)
PY

# A catalogue with an error: the message, status 2, nothing written.
mkdir "$T/data"
cp "$TOP"/data/*.csv "$T/data/"
printf 'R1,XX99,likelihood\n' >> "$T/data/mapping.csv"
set +e
NIS5G_DATA="$T/data" "$NIS5G" export-library -o "$T/bad.yaml" 2> "$T/err"
rc=$?
set -e
[ "$rc" = 2 ] || { echo "bad catalogue: status $rc"; cat "$T/err"; exit 1; }
[ ! -e "$T/bad.yaml" ] || { echo "bad catalogue: a file was written"; exit 1; }
grep -q "mapping.csv:37:" "$T/err" || { echo "bad catalogue: no place in"; cat "$T/err"; exit 1; }
echo ok
