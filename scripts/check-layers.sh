#!/bin/sh
# The layering check (HACKING.md): a file may include headers of its own
# layer and of the layers below it, never of a layer above; the front ends
# (src/cli, src/server) include only the public headers in include/nis5g/,
# never a library-private one. Prints each violation as FILE:LINE and exits
# 1 when there is any.
#
#   base      buffers, errors, dates, CSV, options, text, files
#   core      the model, the workspace, catalogues, measures, profiles
#   import    policy    generate        (each on core; generate on base)
#   analysis  summary, diversity, service, kill-switch, Monte Carlo, what-if
#   risk      scenarios and indicators (on policy and analysis)
#   share     keys, packages, the EU view, STIX, OSCAL
#   render    the HTML report, the EU map
#   access    users, tokens, sessions, the audit trail (on core)
#   workflow  operators' submissions and their review (on import)
#   query     the query table both front ends dispatch from
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

# The layers each layer may include.
allowed() {
  case $1 in
    base)     echo "base" ;;
    core)     echo "base core" ;;
    import)   echo "base core import" ;;
    policy)   echo "base core policy" ;;
    generate) echo "base generate" ;;
    access)   echo "base core access" ;;
    workflow) echo "base core import workflow" ;;
    analysis) echo "base core analysis" ;;
    risk)     echo "base core import policy analysis risk" ;;
    share)    echo "base core import policy analysis risk share" ;;
    render)   echo "base core import policy analysis risk share render" ;;
    query)    echo "base core import policy analysis risk share render generate access workflow query" ;;
    *)        echo "" ;;
  esac
}

# The layer of a public header: where its .c lives (X.c or X-*.c), else
# the table below for headers without a file of their name.
header_layer() {
  stem=$1
  f=$(ls src/lib/*/"$stem".c 2>/dev/null | head -1 || true)
  [ -n "$f" ] || f=$(ls src/lib/*/"$stem"-*.c 2>/dev/null | head -1 || true)
  [ -n "$f" ] || f=$(ls src/lib/query/q-"$stem".c 2>/dev/null | head -1 || true)
  if [ -n "$f" ]; then
    basename "$(dirname "$f")"
    return
  fi
  case $stem in
    progress|version|data|factors) echo base ;;
    model) echo core ;;
    resilience) echo analysis ;;
    *) echo "?" ;;
  esac
}

bad=0
for f in $(find src/lib include/nis5g src/cli src/server -name '*.[ch]' 2>/dev/null | sort); do
  case $f in
    src/lib/*) layer=$(echo "$f" | cut -d/ -f3) ;;
    include/nis5g/*) layer=$(header_layer "$(basename "$f" .h)") ;;
    *) layer=front ;;
  esac
  if [ "$layer" = "?" ]; then
    echo "$f: no layer known for this header (add it to scripts/check-layers.sh)"
    bad=1
    continue
  fi
  grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" | while IFS= read -r line; do
    n=${line%%:*}
    inc=$(echo "$line" | sed 's/.*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/')
    case $inc in
      nis5g/*) dep=$(header_layer "$(basename "$inc" .h)") ;;
      ../server/serve.h) [ "$layer" = front ] && continue ;; # the CLI runs the server through it
      */*) dep=$(echo "$inc" | cut -d/ -f1)
           if [ "$layer" = front ]; then
             echo "$f:$n: a front end includes the library-private header '$inc'"
             continue
           fi ;;
      *) continue ;; # a header beside the file
    esac
    [ "$layer" = front ] && continue
    ok=0
    for a in $(allowed "$layer"); do [ "$a" = "$dep" ] && ok=1; done
    [ $ok = 1 ] || echo "$f:$n: the $layer layer includes '$inc' of the $dep layer above it"
  done
done >"${TMPDIR:-/tmp}/nis5g-layers.$$"
if [ -s "${TMPDIR:-/tmp}/nis5g-layers.$$" ] || [ $bad = 1 ]; then
  cat "${TMPDIR:-/tmp}/nis5g-layers.$$"
  rm -f "${TMPDIR:-/tmp}/nis5g-layers.$$"
  echo "layering check: failed (see HACKING.md, 'Layers')"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/nis5g-layers.$$"
echo "ok   layering: every include goes down the layers"
