# Four-eyes exports and peer sync end to end (docs/exports.md, docs/pull.md),
# driven by exports_test.py (Python 3, standard library only): the preparer's
# own approval refused, a wrong digest refused, peers served only what their
# state may receive under TLP, altered stored bytes refused, `nis5g pull`
# between two servers on loopback (twice, cut mid-body and resumed, over
# HTTPS with --cacert). Servers listen on 127.0.0.1 only and are stopped.
set -eu
command -v python3 >/dev/null || { echo "FAIL: python3 is needed (scripts/deps.sh test)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "FAIL: openssl is needed for the TLS pull" >&2; exit 1; }
exec python3 "$TOP/tests/cli/exports_test.py"
