# Diversity, kill-switch, Monte Carlo and what-if on the hand-made dataset
# tests/cases/resilience/dec2018 (see tests/cases/resilience/README.md):
# each line of tests/cases/resilience/commands is `NAME STATUS ARGS...`; the
# command's stdout, then its stderr after a `--- stderr` line, must be
# exactly expected/NAME.out, and its exit status STATUS.
# REGEN=1 rewrites the expected files (then check them by hand).
set -u
cases="$TOP/tests/cases/resilience"
db="$T/r.db"
"$NIS5G" --db "$db" import "$cases/dec2018" --as-of 2026-01-01 >/dev/null 2>&1 || { echo "import failed"; exit 1; }
cp "$cases/costs-override.csv" "$cases/costs-bad.csv" "$cases/costs-huge.csv" "$T/"
fail=0
while read -r name status args; do
  [ -n "$name" ] || continue
  # shellcheck disable=SC2086
  "$NIS5G" --db "$db" $args >"$T/$name.stdout" 2>"$T/$name.stderr"
  got=$?
  { cat "$T/$name.stdout"; echo "--- stderr"; cat "$T/$name.stderr"; } >"$T/$name.out"
  if [ "${REGEN:-}" = 1 ]; then
    cp "$T/$name.out" "$cases/expected/$name.out"
  fi
  if [ "$got" != "$status" ]; then
    echo "$name: exit $got, want $status"; cat "$T/$name.stderr"; fail=1
  fi
  if ! cmp -s "$T/$name.out" "$cases/expected/$name.out"; then
    echo "$name: output differs"; diff -u "$cases/expected/$name.out" "$T/$name.out" | head -40; fail=1
  fi
done <"$cases/commands"

# Same seed, same result whatever the number of threads.
for t in t1 t3; do
  cmp -s "$T/sim-random.stdout" "$T/sim-random-$t.stdout" || { echo "simulate differs with --threads ($t)"; fail=1; }
done
exit $fail
