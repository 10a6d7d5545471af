# demo-workflow.sh — the multi-party part of `make demo`, sourced by scripts/demo.sh
# after the sharing part (scripts/demo-share.sh): it uses $nis5g, $db (Sweden's
# workspace), the keys in demo/keys and Germany's workspace demo/de.db, which
# trusts Sweden's key. In order:
#
#  1. an operator (Tele2) reports a change of its own network — its Huawei core and
#     transport replaced — as a submission; the analyst reads its diff and accepts it
#     (docs/submit.md, docs/diff.md, docs/review.md);
#  2. another operator (Hi3G) keeps its inventory in NetBox, where planned sites went
#     live: its NetBox export (written from the generated data by
#     scripts/demo-netbox.awk) is converted by
#     `nis5g from-netbox`, submitted and accepted (docs/from-netbox.md);
#  3. the authority's server on loopback: one analyst prepares a package for Germany,
#     a second one approves its digest (docs/exports.md); the feed is read over TAXII
#     2.1 with Germany's peer token (docs/taxii.md) and Germany's workspace pulls the
#     package (docs/pull.md); the server is stopped at the end, or on any failure;
#  4. the compliance tools: an OSCAL POA&M and a CISO Assistant library.
#
# Everything it writes is under demo/ (demo/workflow, demo/server, demo/taxii).

# op_part OP SRC DST: the operator's own rows of dataset SRC as a submission folder
op_part() {
  mkdir -p "$3"
  for f in operators sites elements; do
    col=2; [ $f = operators ] && col=1
    awk -F, -v op="$1" -v c=$col 'NR == 1 || $c == op' "$2/$f.csv" > "$3/$f.csv"
  done
  awk -F, -v op="$1" 'NR == 1 || $1 == op' "$2/measures.csv" > "$3/measures.csv"
  awk -F, -v op="$1" 'FNR == NR { if ($2 == op) own[$1] = 1; next } FNR == 1 || ($1 in own)' \
    "$2/elements.csv" "$2/links.csv" > "$3/links.csv"
}

# swap_vendor VENDOR DATE FILE: replace VENDOR outside the RAN by what the operator
# already runs for the same function (else the same domain), installed on DATE
swap_vendor() {
  awk -F, -v OFS=, -v bad="$1" -v day="$2" '
    FNR == NR { if (FNR > 1 && $6 != bad && $4 != "ran") {
                  k = $4 "," $5; if (!(k in by)) by[k] = $6 "," $7 "," $8
                  if (!($4 in dom)) dom[$4] = $6 "," $7 "," $8 }
                next }
    FNR > 1 && $6 == bad && $4 != "ran" && $10 == "active" {
      r = by[$4 "," $5]; if (r == "") r = dom[$4]
      if (r != "") { split(r, v, ","); $6 = v[1]; $7 = v[2]; $8 = v[3]; $9 = day; n++ } }
    { print }
    END { printf "   its %d %s elements outside the RAN replaced by the vendors it runs there already\n", n, bad > "/dev/stderr" }' "$3" "$3" > "$3.new"
  mv "$3.new" "$3"
}

# the submission's id is the last line that submit prints
submit_id() { tail -1 "$1"; }

# short_diff: nis5g diff's text with the list of changed elements cut to its first rows
short_diff() {
  awk '/^Changed elements/ { c = 1; n = 0 }
       c && /^$/ { c = 0; if (n > 9) print "  ... (every change: the same command, or --json)" }
       c && ++n > 9 { next }
       { print }'
}

wf=demo/workflow
today=${today:-${NIS5G_TODAY:-$(date -u +%F)}}
rm -rf "$wf" demo/server demo/taxii
mkdir -p "$wf" demo/taxii

echo
echo "== Operators report their own networks: Tele2 submits a change (docs/submit.md)"
echo "   Tele2's own rows of the dataset in $wf/tele2 (scripts/demo-workflow.sh: op_part, swap_vendor),"
op_part SE-TELE2 demo/se "$wf/tele2"
swap_vendor Huawei "$today" "$wf/tele2/elements.csv"
$nis5g --db "$db" submit --operator SE-TELE2 "$wf/tele2" > "$wf/tele2.out"
cat "$wf/tele2.out"
tele2=$(submit_id "$wf/tele2.out")
echo
echo "== The analyst reads what submission $tele2 would change before deciding"
echo "   (nis5g diff --submission $tele2; nothing pending shows in national figures)"
$nis5g --db "$db" diff --submission "$tele2" --policy data/policies/se.policy | short_diff
echo
$nis5g --db "$db" review "$tele2" accept --comment "core and transport off Huawei: checked against the PTS decision"

echo
echo "== Hi3G keeps its inventory in NetBox: its export converts into a submission (docs/from-netbox.md)"
nb=$wf/netbox
mkdir -p "$nb"
awk -F, -v op=SE-HI3G -v out="$nb" -v day="$today" -f scripts/demo-netbox.awk demo/se/sites.csv demo/se/elements.csv
op_part SE-HI3G demo/se "$wf/hi3g-csv"   # only for its links (NetBox holds none) and measures
$nis5g from-netbox --operator SE-HI3G --devices "$nb"/devices-*.json --sites "$nb/sites-1.json" \
  --map "$nb/roles.csv" --links "$wf/hi3g-csv/links.csv" -o "$wf/hi3g"
cp "$wf/hi3g-csv/measures.csv" "$wf/hi3g/"
$nis5g --db "$db" submit --operator SE-HI3G "$wf/hi3g" > "$wf/hi3g.out"
cat "$wf/hi3g.out"
hi3g=$(submit_id "$wf/hi3g.out")
echo "   its diff, in short:"
$nis5g --db "$db" diff --submission "$hi3g" | sed -n '1p;/^Kill-switch/p'
$nis5g --db "$db" review "$hi3g" accept --comment "new sites in service, as reported to PTS"
echo
$nis5g --db "$db" submissions

# --- the authority's server ---------------------------------------------------
echo
echo "== The authority's server on loopback, with Sweden's key (docs/serve.md)"
mkdir -p demo/server
chmod 700 demo/server
password() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
for u in ann:analyst bob:analyst; do
  password | $nis5g --db "$db" user add "${u%%:*}" --role "${u#*:}" >/dev/null
done
password | $nis5g --db "$db" user add de-peer --role peer --state DE >/dev/null
for u in ann bob de-peer; do
  (umask 077; $nis5g --db "$db" token create $u --expires 1 | tail -1 > demo/server/$u.token)
done
echo "   users: ann and bob (analysts), de-peer (Germany's peer account); a token each in demo/server/"
$nis5g --db "$db" serve --listen 127.0.0.1:0 --key demo/keys/se.key > demo/server/serve.log 2>&1 &
srv=$!
trap 'kill -TERM $srv 2>/dev/null' EXIT
trap 'kill -TERM $srv 2>/dev/null; exit 1' INT TERM
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on //p' demo/server/serve.log)
  [ -n "$url" ] && break
  kill -0 $srv 2>/dev/null || break
  sleep 0.1
done
[ -n "$url" ] || { cat demo/server/serve.log >&2; echo "demo: the server did not start" >&2; exit 1; }
echo "   listening on $url (pid $srv)"
# api USER METHOD PATH [CURL ARGS...]: the answer's body; fails on an HTTP error
api() {
  u=$1; m=$2; p=$3; shift 3
  curl -sS -f -X "$m" -H "Authorization: Bearer $(cat demo/server/$u.token)" "$@" "$url$p"
}
# field NAME: the value of the first JSON member NAME on stdin (a string or a number)
field() { sed -n "s/.*\"$1\": *\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }

api ann PUT /api/v1/policies/se -H 'Content-Type: text/plain' --data-binary @data/policies/se.policy >/dev/null
echo
echo "== Four-eyes export (docs/exports.md): ann prepares a package for Germany"
api ann POST /api/v1/exports -H 'Content-Type: application/json' \
  -d '{"state": "SE", "tlp": "amber", "to": "DE", "policy": ["se"]}' > demo/server/prepared.json
xid=$(field id < demo/server/prepared.json)
digest=$(field digest < demo/server/prepared.json)
echo "   export $xid: $(field status < demo/server/prepared.json), prepared by $(field prepared_by < demo/server/prepared.json), digest $digest"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $(cat demo/server/ann.token)" \
  -H 'Content-Type: application/json' -d "{\"digest\": \"$digest\"}" "$url/api/v1/exports/$xid/approve")
echo "   ann approving her own package: HTTP $code (refused: it takes a second person)"
api bob GET "/api/v1/exports/$xid/package" > demo/server/export-$xid.pkg
echo "   bob reads the $(wc -c < demo/server/export-$xid.pkg) bytes, hashes them himself: $(sha256sum demo/server/export-$xid.pkg | cut -c1-64)"
api bob POST "/api/v1/exports/$xid/approve" -H 'Content-Type: application/json' \
  -d "{\"digest\": \"$digest\"}" > demo/server/approved.json
echo "   and approves that digest: $(field status < demo/server/approved.json) by $(field approved_by < demo/server/approved.json), version $(field version < demo/server/approved.json)"

echo
echo "== The TAXII 2.1 feed, as MISP or OpenCTI would read it with Germany's token (demo/taxii/)"
taxii() { api de-peer GET "$1" -H 'Accept: application/taxii+json;version=2.1'; }
taxii /taxii2/ > demo/taxii/discovery.json
taxii /taxii2/api1/collections/ > demo/taxii/collections.json
col=$(awk '/"id":/ { id = $0 } /"alias": *"to-DE"/ { print id }' demo/taxii/collections.json | field id)
taxii "/taxii2/api1/collections/$col/objects/?limit=1000" > demo/taxii/objects.json
echo "   collections Germany may read: $(grep -o '"alias": *"[^"]*"' demo/taxii/collections.json | sed 's/.*: *"//; s/"$//' | tr '\n' ' ')"
echo "   collection to-DE ($col): $(grep -o '"spec_version"' demo/taxii/objects.json | wc -l) STIX objects in demo/taxii/objects.json"
code=$(curl -s -o /dev/null -w '%{http_code}' "$url/taxii2/")
echo "   without a token: HTTP $code"

echo
echo "== Germany's workspace pulls what Sweden approved for it (docs/pull.md)"
$nis5g --db demo/de.db pull "$url" --token-file demo/server/de-peer.token
echo "   again (pulling twice changes nothing):"
$nis5g --db demo/de.db pull "$url" --token-file demo/server/de-peer.token
kill -TERM $srv
wait $srv || true
trap - EXIT INT TERM
echo "   server stopped: $(tail -1 demo/server/serve.log)"

echo
echo "== Compliance tools: an OSCAL plan of action and milestones, a CISO Assistant library"
$nis5g --db "$db" oscal poam --policy data/policies/se.policy -o demo/se.poam.json
$nis5g export-library -o demo/toolbox.ciso.yaml
