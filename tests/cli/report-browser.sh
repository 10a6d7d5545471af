# report.html opened in headless Chromium (Debian's chromium package,
# installed here when missing): every chart container holds a canvas that
# drew pixels, both risk matrices place the nine scenarios, and the page
# logged no error. The sample is a generated Swedish network (small scale)
# evaluated against the shipped Swedish policy.
set -eu
if ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  echo "report-browser: installing chromium" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null; }
fi
"$TOP/scripts/web-deps.sh" >/dev/null
db="$T/ws.db"
"$NIS5G" generate --country SE --scale 0.05 --seed 3 -o se >/dev/null
"$NIS5G" --db "$db" import se >/dev/null
"$NIS5G" --db "$db" report -o out --policy "$TOP/data/policies/se.policy" >/dev/null

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "file://$T/out/report.html" \
  > dom.html 2> chromium.log || { echo "chromium failed"; tail -20 chromium.log; exit 1; }

python3 - <<'PY'
import re, sys
dom = open("dom.html", encoding="utf-8").read()
log = open("chromium.log", encoding="utf-8", errors="replace").read()
body = re.search(r"<body([^>]*)>", dom)
if not body:
    sys.exit("no <body> in the dumped DOM")
attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))
boxes = []
for a, inner in re.findall(r'<div ([^>]*data-chart="[^"]*"[^>]*)>(.*?)</div>', dom, re.S):
    d = dict(re.findall(r'([\w-]+)="([^"]*)"', a))
    boxes.append((d["id"], None, d.get("data-rendered"), inner))
want = {"chart-scores", "chart-shares-national", "chart-shares-operators", "chart-high-risk",
        "chart-policy", "chart-vendor-loss", "chart-montecarlo", "chart-measures"}
ids = {b[0] for b in boxes}
missing = want - ids
if missing:
    sys.exit("charts missing: %s (found %s)" % (sorted(missing), sorted(ids)))
for cid, _, rendered, inner in boxes:
    if "<canvas" not in inner:
        sys.exit("%s: no canvas" % cid)
    if rendered != "yes":
        sys.exit("%s: the canvas is blank" % cid)
if attrs.get("data-charts") != str(len(boxes)) or attrs.get("data-charts-rendered") != str(len(boxes)):
    sys.exit("self-check: %s" % attrs)
if attrs.get("data-errors") != "0":
    sys.exit("errors in the page: %s" % attrs.get("data-error-text"))
# The page logs nothing when all is well; Chromium's log does not say the
# level of a console message, so any message counts as an error.
for line in log.splitlines():
    if ":CONSOLE" in line:
        sys.exit("console message: " + line)
mats = re.findall(r'<table class="matrix">(.*?)</table>', dom, re.S)
if len(mats) != 2:
    sys.exit("expected 2 risk matrices, found %d" % len(mats))
for m in mats:
    chips = sorted(re.findall(r'<span class="chip">(R\d)</span>', m))
    if chips != ["R%d" % i for i in range(1, 10)]:
        sys.exit("risk matrix places %s" % chips)
kf = re.search(r'<ul id="key-findings">(.*?)</ul>', dom, re.S)
if not kf or kf.group(1).count("<li>") < 4:
    sys.exit("key findings missing")
if "kill-switch, through the dependency graph" not in dom:
    sys.exit("kill-switch section missing")
if "Compliance with the national policy" not in dom or "SE-PHASEOUT" not in dom:
    sys.exit("policy section missing")
PY
