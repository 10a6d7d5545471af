#!/bin/sh
# The coverage each fuzz driver reaches (make fuzz-cov; fuzz/README.md).
#
#   scripts/fuzz-coverage.sh [NAME...]    default: every fuzz/fuzz-NAME.c
#
# Builds each driver with clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping, no sanitizer) into
# build-cov/, runs it once over its corpus — the committed seeds
# fuzz/corpus/NAME and what `make fuzz` found in build-fuzz/corpus-NAME —
# and prints, for the source files the driver exercises (those with at
# least one function run), the lines and functions covered, then their
# total. The last line of each driver is the one fuzz/README.md's table
# records:
#
#   TOTAL fuzz-csv  files 3  lines 412/470 87.7%  functions 30/31 96.8%  inputs 812
#
# llvm-profdata and llvm-cov are taken unversioned when they exist, else
# with clang's major version (Debian's llvm-14 package: scripts/deps.sh test).
set -eu
cd "$(dirname "$0")/.."
major=$(clang --version | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
tool() {
  if command -v "$1" >/dev/null 2>&1; then echo "$1"
  elif command -v "$1-$major" >/dev/null 2>&1; then echo "$1-$major"
  else echo "fuzz-coverage: $1 (or $1-$major) is missing: scripts/deps.sh test" >&2; exit 2; fi
}
PROFDATA=$(tool llvm-profdata)
COV=$(tool llvm-cov)
if [ $# -eq 0 ]; then
  set -- $(ls fuzz/fuzz-*.c | sed 's|fuzz/fuzz-||;s|\.c$||')
fi
# the objects once, with coverage; the drivers link what they need
make -s --no-print-directory -j"${JOBS:-2}" build-cov/libnis5g.a build-cov/server.a
for name in "$@"; do
  make -s --no-print-directory "build-cov/fuzz-$name"
  out=build-cov/run-$name
  rm -rf "$out"; mkdir -p "$out"
  dirs="fuzz/corpus/$name"
  [ -d "build-fuzz/corpus-$name" ] && dirs="$dirs build-fuzz/corpus-$name"
  inputs=$(find $dirs -type f | wc -l)
  LLVM_PROFILE_FILE="$out/%p.profraw" "build-cov/fuzz-$name" -runs=0 $dirs >"$out/log" 2>&1 ||
    { echo "fuzz-coverage: fuzz-$name failed on its corpus:" >&2; tail -20 "$out/log" >&2; exit 1; }
  "$PROFDATA" merge -sparse "$out"/*.profraw -o "$out/all.profdata"
  "$COV" export -summary-only -instr-profile="$out/all.profdata" "build-cov/fuzz-$name" >"$out/summary.json"
  python3 - "$name" "$inputs" "$out/summary.json" "$PWD/" <<'PY'
import json, sys
name, inputs, path, top = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
files = json.load(open(path))["data"][0]["files"]
rows = []
for f in files:
    fn = f["filename"].replace(top, "")
    if not fn.startswith("src/") or f["summary"]["functions"]["covered"] == 0:
        continue  # the driver itself, system headers, files it never enters
    rows.append((fn, f["summary"]["lines"], f["summary"]["functions"]))
lc = sum(r[1]["covered"] for r in rows); lt = sum(r[1]["count"] for r in rows)
fc = sum(r[2]["covered"] for r in rows); ft = sum(r[2]["count"] for r in rows)
pct = lambda c, t: 100.0 * c / t if t else 0.0
for fn, l, f in sorted(rows):
    print("  %-40s lines %5d/%-5d %5.1f%%  functions %3d/%-3d" % (fn, l["covered"], l["count"], pct(l["covered"], l["count"]),
                                                                f["covered"], f["count"]))
print("TOTAL fuzz-%s  files %d  lines %d/%d %.1f%%  functions %d/%d %.1f%%  inputs %s"
      % (name, len(rows), lc, lt, pct(lc, lt), fc, ft, pct(fc, ft), inputs))
PY
done
