#!/bin/sh
# Install the Debian packages nis5g needs, when any is missing.
#
#   scripts/deps.sh build   what building and running needs (make, make demo:
#                           curl talks to the demo's server)
#   scripts/deps.sh test    that plus what only the tests use (make check):
#                           clang and its sanitizer/fuzzer runtime, llvm-14
#                           (llvm-profdata and llvm-cov for make fuzz-cov), chromium
#                           for the browser tests, python3, python3-yaml and sqlite3 for
#                           independent checks
#
# One line per package installed; apt's own output goes to a log that is
# shown only when the install fails. Safe to run again: it does nothing when
# everything is present.
set -e
what=${1:-build}
build="gcc make pkg-config libsqlite3-dev libsodium-dev libjansson-dev libmicrohttpd-dev libcurl4-gnutls-dev curl"
test_only="clang libclang-rt-14-dev llvm-14 chromium python3 python3-yaml sqlite3"
case $what in
  build) pkgs=$build ;;
  test) pkgs="$build $test_only" ;;
  *) echo "usage: scripts/deps.sh build|test" >&2; exit 2 ;;
esac
need=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
# Node.js and npm: the report's charting library and the map are npm
# packages (scripts/web-deps.sh); the machine's own when it has them.
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
[ -z "$need" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp "${TMPDIR:-/tmp}/nis5g-deps.XXXXXX")
if ! $SUDO apt-get update -qq >"$log" 2>&1; then
  tail -20 "$log" >&2; echo "deps: apt-get update failed (log: $log)" >&2; exit 1
fi
for p in $need; do
  echo "deps: installing $p"
  if ! $SUDO apt-get install -y -qq "$p" >>"$log" 2>&1; then
    tail -20 "$log" >&2; echo "deps: could not install $p (log: $log)" >&2; exit 1
  fi
done
rm -f "$log"
