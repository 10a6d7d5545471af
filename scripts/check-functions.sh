#!/bin/sh
# No function in src/ longer than 120 lines (HACKING.md, 'Function size'):
# a body opens with '{' at the start of a line and closes with '}' there, as
# clang-format lays out every function here. Prints each one over the limit
# as FILE:LINE: NAME (N lines) and exits 1 when there is any.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
max=${1:-120}
out=$(find "$top/src" -name '*.c' | sort | xargs awk -v max="$max" -v top="$top/" '
  FNR == 1 { inbody = 0 }
  /^[A-Za-z_].*\(/ && !inbody { head = FNR; name = $0 }
  /^\{/ && !inbody { inbody = 1; start = head ? head : FNR; fname = name }
  /^\}/ && inbody {
    inbody = 0
    n = FNR - start + 1
    if (n > max) {
      f = FILENAME; sub(top, "", f)
      sub(/\(.*/, "", fname)
      printf "%s:%d: %s (%d lines)\n", f, start, fname, n
    }
    head = 0
  }')
if [ -n "$out" ]; then
  echo "$out"
  echo "function size: $(echo "$out" | wc -l) function(s) over $max lines"
  exit 1
fi
echo "ok   function size: none over $max lines"
