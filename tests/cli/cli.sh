# The command line itself: help, did-you-mean, exit statuses, --db.
set -eu
"$NIS5G" help > "$T/help"
for c in init import snapshots summary; do grep -q "^  $c " "$T/help"; done
"$NIS5G" help import | grep -q '^usage: nis5g \[--db PATH\] import DIR|FILE'
"$NIS5G" import --help | grep -q -- '--as-of DATE'
"$NIS5G" sumary 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "'sumary' is not a nis5g command" "$T/err"
grep -q "^	summary$" "$T/err"
"$NIS5G" summary --bogus 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "unknown option '--bogus'" "$T/err"
"$NIS5G" import x --as-of 2023-02-30 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "expects a date (YYYY-MM-DD, a real calendar day) — got '2023-02-30'" "$T/err"
# a well-formed date outside the years held says so
"$NIS5G" import x --as-of 9999-12-31 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "^nis5g import: --as-of date out of range (years 1900 to 2199) — got '9999-12-31'$" "$T/err"
"$NIS5G" 2>/dev/null && exit 1 || [ $? = 2 ]
"$NIS5G" --version | grep -q '^nis5g '
# a file that is not a workspace: exit 3 (not bad input, a failure)
echo "not a database" > "$T/junk.db"
"$NIS5G" --db "$T/junk.db" snapshots 2>"$T/err" && exit 1 || [ $? = 3 ]
grep -q "junk.db" "$T/err"
# an empty --db is refused (SQLite would use a temporary database and the
# import would be lost); ':memory:' and 'file:...' are files like any other
"$NIS5G" --db "" snapshots 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "^nis5g: --db needs a path$" "$T/err"
"$NIS5G" --db= snapshots 2>"$T/err" && exit 1 || [ $? = 2 ]
(cd "$T" && "$NIS5G" --db :memory: import "$TOP/tests/cases/import/small" --as-of 2026-01-01 >/dev/null)
(cd "$T" && "$NIS5G" --db :memory: snapshots --json) | grep -q '"as_of": "2026-01-01"'
[ -f "$T/:memory:" ]
(cd "$T" && "$NIS5G" --db 'file:uri?mode=memory' import "$TOP/tests/cases/import/small" --as-of 2026-01-01 >/dev/null)
[ -f "$T/file:uri?mode=memory" ]
# a folder given as the workspace, a workspace in a folder that is not there:
# the message says which
mkdir "$T/folder"
"$NIS5G" --db "$T/folder" init 2>"$T/err" && exit 1 || [ $? = 3 ]
grep -q "^nis5g init: cannot open the workspace '$T/folder': Is a directory$" "$T/err"
"$NIS5G" --db "$T/nowhere/ws.db" init 2>"$T/err" && exit 1 || [ $? = 3 ]
grep -q "^nis5g init: cannot open the workspace '$T/nowhere/ws.db': No such file or directory$" "$T/err"
# a command that only reads never creates a workspace: a mistyped --db is an error
"$NIS5G" --db "$T/nowhere/ws.db" snapshots 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -qx "nis5g snapshots: no workspace at $T/nowhere/ws.db (create one with 'nis5g init' or 'nis5g import')" "$T/err"
for c in summary snapshots suppliers diversity killswitch risk eu measures; do
  "$NIS5G" --db "$T/typo.db" $c >/dev/null 2>"$T/err" && exit 1 || [ $? = 2 ]
  grep -q "no workspace at $T/typo.db" "$T/err"
  [ ! -e "$T/typo.db" ]
done

# Text from a dataset cannot drive the terminal or break a table: control
# characters in a name (here ESC sequences, a line break, C1 CSI) and in a
# bad value are shown as '?' (line breaks as spaces), one per character.
cp -r "$TOP/tests/cases/import/small" "$T/esc"
printf 'operator,name,country,subscribers\nOPA,"A\033[31mB\nC\302\233",SE,1000\nOPB,Beta,EL,500\n' > "$T/esc/operators.csv"
"$NIS5G" --db "$T/esc.db" import "$T/esc" --as-of 2026-01-01 >/dev/null
"$NIS5G" --db "$T/esc.db" summary > "$T/out"
grep -q "^OPA       A?\[31mB C?  SE             1,000 " "$T/out" || { grep OPA "$T/out" | od -c | head; exit 1; }
printf 'operator,name,country,subscribers\nOPA,Alpha,SE,1\033[2J\n' > "$T/esc/operators.csv"
"$NIS5G" --db "$T/esc.db" import "$T/esc" --as-of 2026-01-02 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "got '1?\[2J'$" "$T/err"
grep -q "^ 2 | OPA,Alpha,SE,1?\[2J$" "$T/err"
if LC_ALL=C grep -q "$(printf '\033')" "$T/out" "$T/err"; then echo "an escape character reached the terminal"; exit 1; fi

# numbers are plain decimals: hex and inf are refused
"$NIS5G" generate --country SE --scale 0x10 -o "$T/g" 2>"$T/err" && exit 1 || [ $? = 2 ]
grep -q "expects a non-negative number" "$T/err"
"$NIS5G" generate --country SE --scale inf -o "$T/g" 2>/dev/null && exit 1 || [ $? = 2 ]
