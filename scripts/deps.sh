#!/bin/sh
# Install the Debian packages nis5g builds and tests with, if any is missing.
# Safe to run again: it does nothing when everything is present.
set -e
need=""
for p in gcc make clang pkg-config libsqlite3-dev libsodium-dev libjansson-dev \
         libmicrohttpd-dev sqlite3 python3 libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need="$need $p"
done
[ -z "$need" ] && exit 0
echo "deps: installing$need" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq $need
