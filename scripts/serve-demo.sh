#!/bin/sh
# make serve-demo: the server on the demo workspace (made by make demo),
# with one user of each role. Each user's password is made at random and
# printed once, when the user is created; the server's key is the demo's
# Swedish key, so exports work. Stop it with Ctrl-C.
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
exec $nis5g --db "$db" serve $key
