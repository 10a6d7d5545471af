#!/bin/sh
# make install: scripts/install.sh PREFIX BINARY
#   PREFIX/bin/nis5g
#   PREFIX/share/nis5g/data/...      the editable catalogues, costs, policies, figures
#   PREFIX/share/nis5g/web/...       the report's page and the npm assets it inlines, the dashboard
#   PREFIX/share/man/man1/nis5g.1, nis5g-CMD.1   from the option tables
#   PREFIX/share/bash-completion/completions/nis5g
# The installed binary finds its data in PREFIX/share/nis5g (nis5g --version says where).
set -eu
prefix=$1
bin=$2
top=$(cd "$(dirname "$0")/.." && pwd)
install -d "$prefix/bin" "$prefix/share/nis5g" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions"
install -m 0755 "$bin" "$prefix/bin/nis5g"
rm -rf "$prefix/share/nis5g/data" "$prefix/share/nis5g/web"
cp -R "$top/data" "$prefix/share/nis5g/data"
install -d "$prefix/share/nis5g/web/node_modules/chart.js/dist" "$prefix/share/nis5g/web/eu/node_modules/world-atlas"
for f in report.html report.css report.js; do install -m 0644 "$top/web/$f" "$prefix/share/nis5g/web/$f"; done
# the dashboard that nis5g serve answers at / (docs/dashboard.md); it also
# serves the two npm assets below from here
install -d "$prefix/share/nis5g/web/dashboard"
for f in "$top"/web/dashboard/*; do install -m 0644 "$f" "$prefix/share/nis5g/web/dashboard/"; done
for f in node_modules/chart.js/dist/chart.umd.js eu/node_modules/world-atlas/countries-50m.json; do
  [ -f "$top/web/$f" ] && install -m 0644 "$top/web/$f" "$prefix/share/nis5g/web/$f" ||
    echo "install: web/$f is missing (scripts/web-deps.sh): nis5g report will ask for it" >&2
done
"$prefix/bin/nis5g" help --man >"$prefix/share/man/man1/nis5g.1"
for c in $("$prefix/bin/nis5g" help | awk '/^Commands:/ {on = 1; next} on && NF == 0 {on = 0} on {print $1}'); do
  "$prefix/bin/nis5g" help --man "$c" >"$prefix/share/man/man1/nis5g-$c.1"
done
"$prefix/bin/nis5g" help --completion >"$prefix/share/bash-completion/completions/nis5g"
echo "installed nis5g in $prefix ($(ls "$prefix/share/man/man1" | wc -l) man pages)"
