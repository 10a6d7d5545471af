# The access commands end to end: user, token and audit with their exit
# statuses, the token alone on the last line and never listed, every change
# audited, bad input changing nothing, `audit verify` catching an altered
# and a removed entry (made with the sqlite3 shell), and each docs page's
# synopsis equal to the usage lines `nis5g help CMD` prints.
set -eu
db="$T/ws.db"
n5() { "$NIS5G" --db "$db" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
status() { set +e; "$@" >"$T/out" 2>"$T/err"; s=$?; set -e; echo $s; }
audits() { sqlite3 "$db" 'SELECT count(*) FROM audit_log'; }

# the docs' synopses are the usage lines
for cmd in user token audit; do
  "$NIS5G" help $cmd | sed -n '/^usage: /,/^$/p' | sed -e 's/^usage: //' -e 's/^   or: //' -e '/^$/d' >"$T/want"
  awk '/^```$/ { if (open) exit; open = 1; next } open' "$TOP/docs/$cmd.md" >"$T/got"
  diff -u "$T/want" "$T/got" || fail "docs/$cmd.md: the synopsis differs from 'nis5g help $cmd'"
done

# users
echo 'analyst password' | n5 user add ana --role analyst >"$T/out"
grep -q '^added user ana (analyst)$' "$T/out" || fail "user add: $(cat "$T/out")"
printf 'operator pw 1\r\n' | n5 user add op1 --role operator --operator OPA >/dev/null
echo 'peer password' | n5 user add de-bsi --role peer --state DE >/dev/null
[ "$(audits)" = 3 ] || fail "3 adds, $(audits) audit entries"

# bad input: exit 2, a message, nothing changed (not even the audit trail)
check_refused() { # WANT-IN-MESSAGE ARGS... (password on stdin)
  want=$1; shift
  s=$(echo 'a fine password' | status n5 "$@")
  [ "$s" = 2 ] || fail "$*: exit $s, not 2"
  grep -q "$want" "$T/err" || fail "$*: no '$want' in: $(cat "$T/err")"
}
check_refused "already a user 'ana'" user add ana --role admin
check_refused "expects admin, analyst, operator or peer" user add bob --role boss
check_refused "needs its operator id" user add bob --role operator
check_refused "only a user of role operator" user add bob --role analyst --operator OPA
check_refused "two capital letters" user add bob --role peer --state de
check_refused "only a user of role peer has a state" user add bob --role admin --state DE
check_refused "letters, digits" user add 'bob smith' --role admin
check_refused "no user 'nobody'" user disable nobody
check_refused "missing --role" user add bob
s=$(echo 'short' | status n5 user add bob --role admin)
[ "$s" = 2 ] && grep -q "password too short: 5 characters, at least 10" "$T/err" || fail "short password: $s"
s=$(status n5 user add bob --role admin </dev/null)
[ "$s" = 2 ] && grep -q "no password on standard input" "$T/err" || fail "no password: $s"
[ "$(sqlite3 "$db" 'SELECT count(*) FROM user_account')" = 3 ] || fail "a refused add added a user"
[ "$(audits)" = 3 ] || fail "a refused change was audited"

n5 user list >"$T/out"
grep -q '^op1 *operator *OPA *- *enabled' "$T/out" || fail "user list: $(cat "$T/out")"
n5 user list --json >"$T/out"
grep -q '"state": "DE"' "$T/out" && grep -q '"operator": null' "$T/out" || fail "user list --json"
! grep -q 'argon2' "$T/out" || fail "user list shows a password hash"
sqlite3 "$db" "SELECT password FROM user_account WHERE name = 'ana'" | grep -q '^\$argon2id\$' ||
  fail "the password is not stored as argon2id"

# tokens: alone on the last line, stored hashed, never listed
n5 token create ana --expires 30 >"$T/out"
tok=$(tail -n 1 "$T/out")
echo "$tok" | grep -Eq '^n5g_[0-9a-f]{16}_[0-9a-f]{64}$' || fail "token line: $tok"
id=$(echo "$tok" | cut -d_ -f2)
! sqlite3 "$db" .dump | grep -q "${tok#n5g_*_}" || fail "the token is stored in the clear"
n5 token list >"$T/out"
grep -q "^$id *ana .* active$" "$T/out" || fail "token list: $(cat "$T/out")"
n5 token list --json >"$T/out"
! grep -q "${tok#n5g_*_}" "$T/out" || fail "token list shows the token"
grep -q '"revoked": null' "$T/out" || fail "token list --json"
s=$(status n5 token create ana --expires 0); [ "$s" = 2 ] || fail "--expires 0: exit $s"
s=$(status n5 token create ana --expires x); [ "$s" = 2 ] || fail "--expires x: exit $s"
s=$(status n5 token create nobody); [ "$s" = 2 ] || fail "token for nobody: exit $s"
n5 token revoke "$id" >/dev/null
n5 token list >"$T/out"
grep -q "^$id .* revoked$" "$T/out" || fail "revoked token: $(cat "$T/out")"
s=$(status n5 token revoke "$id"); [ "$s" = 2 ] || fail "revoke twice: exit $s"
s=$(status n5 token revoke 0123456789abcdef); [ "$s" = 2 ] || fail "revoke unknown: exit $s"

# disabling and a new password end the user's tokens
n5 token create op1 | tail -n 1 >/dev/null
echo 'new password!' | n5 user passwd op1 >/dev/null
[ "$(sqlite3 "$db" "SELECT count(*) FROM api_token t JOIN user_account u ON u.id = t.user
  WHERE u.name = 'op1' AND t.revoked = 0")" = 0 ] || fail "passwd left a token"
n5 token create de-bsi >/dev/null
n5 user disable de-bsi >/dev/null
n5 user list | grep -q '^de-bsi .* disabled' || fail "not disabled"
[ "$(sqlite3 "$db" "SELECT count(*) FROM api_token WHERE revoked = 0")" = 0 ] || fail "disable left a token"
s=$(status n5 token create de-bsi); [ "$s" = 2 ] || fail "a token for a disabled user: exit $s"

# the audit trail
n5 audit >"$T/out"
for a in user.add token.create token.revoke user.passwd user.disable; do
  grep -q " cli *admin *local *$a " "$T/out" || fail "audit: no $a in $(cat "$T/out")"
done
[ "$(n5 audit --action user.add --json | grep -c '"action": "user.add"')" = 3 ] || fail "audit --action"
[ "$(n5 audit --user nobody --json | grep -c '"id"')" = 0 ] || fail "audit --user"
[ "$(n5 audit --since 2199-01-01 | head -1)" = "no audit entries" ] || fail "audit --since"
s=$(status n5 audit --since 2026-02-30); [ "$s" = 2 ] || fail "audit --since bad date: exit $s"
n=$(audits)
n5 audit verify >"$T/out" || fail "audit verify on an intact trail"
grep -q "^audit trail intact: $n entries$" "$T/out" || fail "verify: $(cat "$T/out")"

# tampering
cp "$db" "$T/clean.db"
sqlite3 "$db" "UPDATE audit_log SET target = 'eve' WHERE id = 2"
s=$(status n5 audit verify); [ "$s" = 1 ] || fail "verify after an UPDATE: exit $s"
grep -q '^audit trail altered: entry 2: hash mismatch$' "$T/out" || fail "UPDATE: $(cat "$T/out")"
cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"
sqlite3 "$db" "DELETE FROM audit_log WHERE id = 4"
s=$(status n5 audit verify); [ "$s" = 1 ] || fail "verify after a DELETE: exit $s"
grep -q '^audit trail altered: entry 5: missing entry before id 5$' "$T/out" || fail "DELETE: $(cat "$T/out")"
cp "$T/clean.db" "$db"; rm -f "$db-wal" "$db-shm"
sqlite3 "$db" "DELETE FROM audit_log WHERE id = $n"
s=$(status n5 audit verify); [ "$s" = 1 ] || fail "verify after removing the last entry: exit $s"
grep -q "entry $n: missing entry" "$T/out" || fail "last removed: $(cat "$T/out")"
exit 0
