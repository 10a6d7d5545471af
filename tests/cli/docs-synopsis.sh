#!/bin/sh
# docs-synopsis.sh — each command's page in docs/ opens with the usage the
# program prints: for every command of `nis5g help` (its "Commands:"
# section), the usage lines of `nis5g help CMD` ("usage: " and the
# "   or: " lines after it, without those prefixes) must be the synopsis of
# docs/CMD.md (the lines starting with "nis5g" in its first code block,
# indented or fenced), compared after trimming leading spaces. A command
# without a page of its own is looked up in the synopses of the others.
# Run by tests/run.sh with $NIS5G, $T and $TOP set.
set -u
fail=0

"$NIS5G" help >"$T/help" 2>&1 || { echo "'nis5g help' failed:"; cat "$T/help"; exit 1; }
cmds=$(awk '/^Commands:/ { on = 1; next } on && /^[ \t]*$/ { exit } on { print $1 }' "$T/help")
[ -n "$cmds" ] || { echo "no commands in the 'Commands:' section of 'nis5g help':"; cat "$T/help"; exit 1; }

# The synopsis of a page: the first code block (a ``` fence, or lines
# indented by four spaces, blank lines inside it continuing it), its lines
# starting with "nis5g", leading spaces trimmed; a line wrapped onto more
# deeply indented lines right after it is joined with single spaces.
synopsis() {
  awk 'function flush() { if (cur != "") print cur; cur = "" }
       state == 0 && /^```/ { state = 1; indent = ""; next }
       state == 0 && /^    / { state = 2; indent = "    " }
       state == 1 && /^```/ { exit }
       state == 2 && !/^    / && !/^[ \t]*$/ { exit }
       state != 0 {
         line = $0; sub(/^ */, "", line)
         if (line ~ /^nis5g( |$)/) { flush(); cur = line; next }
         if (cur != "" && line != "" && index($0, indent " ") == 1) { cur = cur " " line; next }
         flush()
       }
       END { flush() }' "$1"
}

# The lines of a synopsis for command $1: "nis5g [--db PATH] CMD ...".
for_cmd() {
  awk -v cmd="$1" '{ w = $0; sub(/^nis5g /, "", w); sub(/^\[--db PATH\] /, "", w); split(w, f, " ")
                     if (f[1] == cmd) print }'
}

for c in $cmds; do
  if ! "$NIS5G" help "$c" >"$T/cmd-help" 2>&1; then
    echo "'nis5g help $c' failed:"; cat "$T/cmd-help"; fail=1; continue
  fi
  awk 'NR == 1 { if (sub(/^usage: /, "")) { print; next } exit }
       sub(/^   or: /, "") { print; next }
       { exit }' "$T/cmd-help" | sed 's/^ *//' >"$T/want"
  if [ ! -s "$T/want" ]; then
    echo "'nis5g help $c' prints no 'usage: ' line first:"; head -3 "$T/cmd-help"; fail=1; continue
  fi
  # The page: docs/CMD.md, else the page whose synopsis has lines for CMD
  # (docs/package.md for export and import-package).
  doc="$TOP/docs/$c.md"
  if [ -f "$doc" ]; then
    synopsis "$doc" | for_cmd "$c" >"$T/got"
  else
    doc=""
    for f in "$TOP"/docs/*.md; do
      synopsis "$f" | for_cmd "$c" >"$T/got"
      [ -s "$T/got" ] && { doc=$f; break; }
    done
    if [ -z "$doc" ]; then
      echo "no page in docs/ for '$c' (docs/$c.md, or a page whose synopsis has 'nis5g $c ...'); 'nis5g help $c' says:"
      sed 's/^/    /' "$T/want"; fail=1; continue
    fi
  fi
  page=${doc#"$TOP/"}
  if [ ! -s "$T/got" ]; then
    echo "$page: no synopsis for '$c' (lines starting 'nis5g' in its first code block); 'nis5g help $c' says:"
    sed 's/^/    /' "$T/want"; fail=1; continue
  fi
  if ! cmp -s "$T/got" "$T/want"; then
    echo "$page: the synopsis differs from 'nis5g help $c':"
    diff -u --label "$page" --label "nis5g help $c" "$T/got" "$T/want"
    fail=1
  fi
done
exit $fail
