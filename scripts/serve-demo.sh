#!/bin/sh
# make serve-demo: the server on the demo workspace (made by make demo),
# with one user of each role. Each user's password is made at random and
# printed once, when the user is created; the server's key is the demo's
# Swedish key, so exports work; the shipped Swedish policy is stored as
# "se" for the dashboard. Stop it with Ctrl-C.
set -e
nis5g=build/nis5g
db=demo/nis5g.db
[ -f "$db" ] || { echo "serve-demo: no $db yet: run 'make demo' first" >&2; exit 2; }
op=$(sed -n 2p demo/se/operators.csv | cut -d, -f1)
password() { od -An -N12 -tx1 /dev/urandom | tr -d ' \n'; }
add() { # NAME ROLE [--operator OP | --state CC]
  name=$1; shift
  if $nis5g --db "$db" user list --json | grep -q "\"name\": \"$name\""; then
    echo "  $name: exists already (its password was printed when it was made; 'nis5g user passwd $name' sets another)"
    return
  fi
  pw=$(password)
  printf '%s\n' "$pw" | $nis5g --db "$db" user add "$name" "$@" >/dev/null
  echo "  $name ($*): password $pw"
}
echo "== Demo users (passwords shown only now)"
add admin --role admin
add analyst --role analyst
add operator --role operator --operator "$op"
add peer --role peer --state DE
key=""
[ -f demo/keys/se.key ] && key="--key demo/keys/se.key"
echo
echo "== Serving $db (Ctrl-C stops it)"
echo "   the dashboard: open http://127.0.0.1:8355/ and log in as one of the users above (docs/dashboard.md)"
echo "   try: curl -s -c cookies -H 'Content-Type: application/json' -d '{\"user\":\"analyst\",\"password\":\"...\"}' \\"
echo "        http://127.0.0.1:8355/api/v1/session && curl -s -b cookies http://127.0.0.1:8355/api/v1/summary"
# shellcheck disable=SC2086
$nis5g --db "$db" serve $key &
pid=$!
trap 'kill -TERM $pid 2>/dev/null' INT TERM
# the shipped Swedish policy stored as "se" the first time, so that the
# dashboard's overview shows its rules (through the API, with a token made
# for this and revoked at once)
if command -v curl >/dev/null 2>&1; then
  url=http://127.0.0.1:8355
  for _ in $(seq 1 100); do curl -fs "$url/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  tok=$($nis5g --db "$db" token create admin --expires 1 | tail -1)
  if ! curl -fs -o /dev/null -H "Authorization: Bearer $tok" "$url/api/v1/policies/se"; then
    curl -fs -o /dev/null -X PUT -H "Authorization: Bearer $tok" -H 'Content-Type: text/plain' \
      --data-binary @data/policies/se.policy "$url/api/v1/policies/se" &&
      echo "   stored the policy data/policies/se.policy as 'se' (the overview's rules)"
  fi
  $nis5g --db "$db" token revoke "$(echo "$tok" | cut -d_ -f2)" >/dev/null
fi
wait $pid || true
wait $pid 2>/dev/null || true
