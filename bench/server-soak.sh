#!/bin/sh
# A soak of the server's ASan+UBSan build (docs/reliability.md): the
# server on 127.0.0.1 for MINUTES minutes (default 10; SECONDS_ overrides,
# e.g. SECONDS_=30 for the short proof run) under mixed reads and writes
# from bench/server-soak.py — queries, measures set, stored policies put,
# read and deleted, tokens created and revoked, dashboard logins with the
# CSRF header and logouts, dataset uploads, refused requests — then
# SIGTERM. It passes when every answer was the expected one, the server
# stopped with status 0, and its stderr holds no sanitizer report (leaks
# included: LeakSanitizer runs at the exit).
#
#   make -j2 BUILD=build-asan CC=clang OPT="-O1 -g" \
#     EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" build-asan/nis5g
#   bench/server-soak.sh                  10 minutes
#   SECONDS_=30 bench/server-soak.sh      30 s
#
# NIS5G_ASAN names another binary. The workspace is one generated country
# (COUNTRY, default MT, SCALE 0.2) in a temporary folder, removed at the end.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
NIS5G_ASAN=${NIS5G_ASAN:-$top/build-asan/nis5g}
[ -x "$NIS5G_ASAN" ] || { echo "server-soak: no ASan build at $NIS5G_ASAN (see the comment at the top)" >&2; exit 2; }
dur=${SECONDS_:-$(( ${MINUTES:-10} * 60 ))}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$NIS5G_ASAN" generate --country "${COUNTRY:-MT}" --scale "${SCALE:-0.2}" --seed 1 -o "$work/data" >/dev/null
"$NIS5G_ASAN" --db "$work/w.db" import "$work/data" --as-of 2026-06-30 >/dev/null
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
  NIS5G="$NIS5G_ASAN" DB="$work/w.db" DATA="$work/data" DUR="$dur" python3 "$top/bench/server-soak.py"
