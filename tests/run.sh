#!/bin/sh
# Run every test against one build: the unit test binaries given as
# arguments, then the end-to-end scripts in tests/cli/ (each gets $NIS5G,
# the binary under test, and a scratch directory in $T).
# Prints one line per test and closes with "N passed, N failed" (the list
# of failed tests comes just before it); the exit status is 1 when any
# failed. A unit binary fails when it exits non-zero: a failed check, a
# crash, or a file with no TEST (see tests/unit/harness.h).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0 failed=""
for t in "$@"; do
  name=$(basename "$t")
  if out=$("$t" 2>&1); then
    pass=$((pass + 1)); echo "ok   unit/$name"
    echo "$out" | grep '^xfail ' | sed 's/^/     /'
  else
    fail=$((fail + 1)); failed="$failed unit/$name"
    echo "FAIL unit/$name"; echo "$out" | grep -v '^ok ' | tail -40
  fi
done
for t in "$top"/tests/cli/*.sh; do
  [ -e "$t" ] || continue
  name=$(basename "$t" .sh)
  T=$(mktemp -d)
  if out=$(cd "$T" && T="$T" TOP="$top" NIS5G="$NIS5G" NIS5G_TODAY=2026-11-27 sh "$t" 2>&1); then
    pass=$((pass + 1)); echo "ok   cli/$name"
  else
    fail=$((fail + 1)); failed="$failed cli/$name"
    echo "FAIL cli/$name"; echo "$out" | tail -40
  fi
  rm -rf "$T"
done
[ "$fail" -eq 0 ] || echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
