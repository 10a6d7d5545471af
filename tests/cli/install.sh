# make install's pieces (scripts/install.sh): the installed binary finds its
# data and web assets in PREFIX/share/nis5g, every command has a man page
# that man renders without warnings, made from the same option tables as
# the help, and the bash completion completes commands, subcommands and
# options.
set -eu
N="$NIS5G"
fail() { echo "FAIL: $*" >&2; exit 1; }
sh "$TOP/scripts/install.sh" "$T/prefix" "$N" >/dev/null
P="$T/prefix"
"$P/bin/nis5g" --version | grep -qx "data: $P/bin/../share/nis5g/data" || fail "installed data: $("$P/bin/nis5g" --version)"
cd "$T"
NIS5G_DB= "$P/bin/nis5g" generate --country SE --scale 0.01 -o se >/dev/null
"$P/bin/nis5g" --db w.db import se >/dev/null
"$P/bin/nis5g" --db w.db risk >/dev/null || fail "the installed binary cannot read its catalogues"
if [ -f "$TOP/web/node_modules/chart.js/dist/chart.umd.js" ]; then
  NIS5G_WEB= "$P/bin/nis5g" --db w.db report -o rep >/dev/null || fail "the installed binary cannot write the report"
fi
# the dashboard's files are installed and served by the installed binary
for f in index.html app.js pages.js admin.js map.js app.css; do
  [ -s "$P/share/nis5g/web/dashboard/$f" ] || fail "dashboard file $f not installed"
done
NIS5G_WEB= "$P/bin/nis5g" --db w.db serve --listen 127.0.0.1:0 >serve.log 2>&1 &
srv=$!
for _ in $(seq 1 50); do grep -q '^listening on' serve.log && break; sleep 0.1; done
url=$(sed -n 's/^listening on \(http[^ ]*\).*/\1/p' serve.log | head -1)
url=${url%/}
page=$(curl -s "$url/")
kill -TERM $srv; wait $srv || true
echo "$page" | grep -q '/ui/app.js' || fail "the installed server does not serve the dashboard: $(cat serve.log)"
cmds=$("$N" help | awk '/^Commands:/ {on = 1; next} on && NF == 0 {on = 0} on {print $1}')
# an empty list (the help's layout changed) would check no page at all
echo "$cmds" | grep -qx import && echo "$cmds" | grep -qx serve || fail "no command list in nis5g help: $cmds"
for c in $cmds; do
  page="$P/share/man/man1/nis5g-$c.1"
  [ -s "$page" ] || fail "no man page for $c"
  if command -v man >/dev/null; then
    out=$(MANWIDTH=100 man -l "$page" 2>"$T/man.err") || fail "man cannot render $page"
    [ ! -s "$T/man.err" ] || { cat "$T/man.err"; fail "man warns about $page"; }
    # the synopsis is the usage of nis5g help
    want=$("$N" help "$c" | sed -n 's/^usage: //p' | head -1)
    echo "$out" | tr -s ' ' | grep -qF "$(echo "$want" | tr -s ' ' | cut -c1-60)" || fail "man page synopsis of $c"
  fi
done
[ -s "$P/share/man/man1/nis5g.1" ] || fail "no overview page"
comp="$P/share/bash-completion/completions/nis5g"
complete_words() { bash -c ". '$comp'; COMP_WORDS=($1); COMP_CWORD=$2; _nis5g; echo \"\${COMPREPLY[*]}\""; }
[ "$(complete_words 'nis5g kills' 1)" = killswitch ] || fail "completion of a command"
[ "$(complete_words 'nis5g killswitch --exp' 2)" = --explain ] || fail "completion of an option"
[ "$(complete_words 'nis5g trust rem' 2)" = remove ] || fail "completion of a subcommand"
[ "$(complete_words 'nis5g measures set --evi' 3)" = --evidence ] || fail "completion of a subcommand's option"
echo "install ok"
