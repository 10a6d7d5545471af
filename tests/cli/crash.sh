# Crash safety: every command that writes, killed with SIGKILL at drawn
# moments (fixed seed), leaves the workspace sound and exactly as before or
# exactly as after, and no half-written output file (tests/cli/crash_test.py).
set -eu
command -v python3 >/dev/null || { echo "crash: python3 is needed (make check installs it)"; exit 1; }
python3 "$TOP/tests/cli/crash_test.py"
