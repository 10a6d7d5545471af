# The HTTP server end to end (docs/server.md): `nis5g serve` on 127.0.0.1
# with an ephemeral port, driven by server_test.py (Python 3, standard
# library only): the authorization matrix from `serve --routes`, the API
# against the CLI byte for byte, stored policies, sessions and CSRF, login
# throttling, security headers, the audit trail, body limits, readers
# during an import, TLS, and the graceful stop on SIGTERM.
set -eu
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/deps.sh test)" >&2; exit 1; }
exec python3 "$TOP/tests/cli/server_test.py"
