# demo-share.sh — the coordinated-sharing part of `make demo` (issue 6), sourced by
# scripts/demo.sh after the Swedish part: it uses $nis5g and $db (the Swedish
# workspace) from there. Germany and France are generated as peers; each state
# makes keys and trusts the others; Germany and France export signed packages;
# Sweden imports them as a peer would, an altered package is refused, and the
# demo ends with the EU view from Sweden.
echo
echo "== Coordinated sharing: Germany and France as peers of Sweden"
rm -rf demo/keys demo/packages demo/de.db* demo/fr.db*
mkdir -p demo/keys demo/packages
$nis5g generate --country DE --seed 1 -o demo/de >/dev/null
$nis5g generate --country FR --seed 1 -o demo/fr >/dev/null
$nis5g --db demo/de.db import demo/de >/dev/null
$nis5g --db demo/fr.db import demo/fr >/dev/null
for cc in se de fr; do
  ws=demo/$cc.db; [ $cc = se ] && ws="$db"
  $nis5g --db "$ws" keygen --state $(echo $cc | tr a-z A-Z) -o demo/keys/$cc.key
done
# each state trusts the other two (after comparing fingerprints out of band)
$nis5g --db "$db" trust add DE demo/keys/de.key.pub
$nis5g --db "$db" trust add FR demo/keys/fr.key.pub
$nis5g --db demo/de.db trust add SE demo/keys/se.key.pub >/dev/null
$nis5g --db demo/fr.db trust add SE demo/keys/se.key.pub >/dev/null
echo
echo "== What Germany would share (dry run: nothing leaves)"
$nis5g --db demo/de.db export --state DE --key demo/keys/de.key --tlp amber --to SE,FR \
  --policy data/policies/eu-toolbox.policy --dry-run
$nis5g --db demo/de.db export --state DE --key demo/keys/de.key --tlp amber --to SE,FR \
  --policy data/policies/eu-toolbox.policy -o demo/packages/de.pkg
$nis5g --db demo/fr.db export --state FR --key demo/keys/fr.key --tlp green -o demo/packages/fr.pkg
$nis5g --db "$db" export --state SE --key demo/keys/se.key --tlp amber --policy data/policies/se.policy \
  -o demo/packages/se.pkg
echo
echo "== Sweden imports its peers' packages (signatures checked against the trusted keys)"
$nis5g --db "$db" import-package demo/packages/de.pkg demo/packages/fr.pkg
echo
echo "== A package altered in transit is refused, and nothing changes"
sed 's/"tlp":"amber"/"tlp":"green"/' demo/packages/de.pkg > demo/packages/de-altered.pkg
$nis5g --db "$db" import-package demo/packages/de-altered.pkg || true
echo
echo "== STIX 2.1 bundle for MISP / OpenCTI (demo/se.stix.json), OSCAL assessment results"
$nis5g --db "$db" stix --tlp amber --policy data/policies/se.policy -o demo/se.stix.json
$nis5g --db "$db" oscal catalog -o demo/toolbox.oscal.json
$nis5g --db "$db" oscal assessment -o demo/se.oscal-ar.json
echo
echo "== The EU view from Sweden: its own assessment and what Germany and France shared"
echo "   (also as demo/eu.html, with a map of Europe)"
$nis5g --db "$db" eu --policy data/policies/se.policy --html demo/eu.html
