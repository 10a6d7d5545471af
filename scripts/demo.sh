#!/bin/sh
# make demo: generate the Swedish sample, import it into demo/nis5g.db and
# show the national picture; then the peers (scripts/demo-share.sh) and the
# multi-party system — operators' submissions, the server's four-eyes export,
# TAXII, a peer's pull, NetBox, OSCAL POA&M, CISO Assistant
# (scripts/demo-workflow.sh). Run from the top of the source tree after a
# build (the Makefile does both). Needs curl (scripts/deps.sh build).
set -e
nis5g=build/nis5g
db=demo/nis5g.db
mkdir -p demo
rm -f "$db" "$db-wal" "$db-shm"
# the inventory is dated a week back, so that what operators report today
# (scripts/demo-workflow.sh) makes a second snapshot beside it
today=${NIS5G_TODAY:-$(date -u +%F)}
asof=$(date -u -d "$today -7 days" +%F)

echo "== Generating the Swedish sample dataset (demo/se)"
$nis5g generate --country SE --seed 1 -o demo/se
echo
echo "== Importing it into $db, as the inventory of $asof"
$nis5g --db "$db" import demo/se --as-of "$asof"
echo
echo "== National summary"
$nis5g --db "$db" summary
echo
echo "== Supplier risk profiles"
$nis5g --db "$db" suppliers --policy data/policies/se.policy
echo
echo "== Swedish restrictions (data/policies/se.policy)"
$nis5g --db "$db" check --policy data/policies/se.policy || [ $? -eq 1 ]
echo
echo "== Kill-switch: what one vendor could switch off (6 December 2018, at national scale)"
$nis5g --db "$db" killswitch Ericsson Huawei Ericsson+Huawei
echo
echo "== Toolbox measures (state and operators)"
$nis5g --db "$db" measures
echo
echo "== Risk scenarios R1-R9 (method: docs/risk-method.md)"
$nis5g --db "$db" risk --policy data/policies/se.policy

# Coordinated sharing: Germany and France as peers (scripts/demo-share.sh)
. scripts/demo-share.sh

# Operators, the authority's server, a peer pulling (scripts/demo-workflow.sh)
. scripts/demo-workflow.sh

echo
echo "== National risk assessment report, with the EU view"
$nis5g --db "$db" report --policy data/policies/se.policy --eu -o demo/report
echo "Report: $(pwd)/demo/report/report.html (figures in demo/report/report.json)"
