#!/bin/sh
# Issue 4: diversity, kill-switch and Monte Carlo at EU scale.
# Expects NIS5G and DATA from bench/run.sh (the workspace $DATA/eu27.db made
# by bench-import.sh and the CSV folder $DATA/eu27); DB and CSV override them.
# Prints wall times of whole commands (model load included) and, with
# NIS5G_TIMING=1, their phases; DuckDB answers the diversity questions on its
# loaded tables; the Monte Carlo is also run one trial per pass (--per-pass 1)
# to measure what the 64-trials-per-word evaluation gains.
set -e
cd "$(dirname "$0")"
db=${DB:-$DATA/eu27.db}
csv=${CSV:-$DATA/eu27}
TRIALS=${TRIALS:-1000}
ONE=${ONE:-128}
wall() { # label, command...: best of 3 wall times, phases of the last run
  label=$1; shift
  best=
  for i in 1 2 3; do
    t0=$(date +%s.%N)
    NIS5G_TIMING=1 "$@" >/dev/null 2>"$DATA/timing.$$"
    t1=$(date +%s.%N)
    t=$(echo "$t1 - $t0" | bc)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
  done
  echo "$label: $best s (best of 3; last run: $(grep timing "$DATA/timing.$$" | sed 's/timing: //' | tr '\n' ';' | sed 's/;$//'))"
  rm -f "$DATA/timing.$$"
}
N="$NIS5G --db $db"
wall "nis5g diversity (operator x domain)" $N diversity --json
wall "nis5g diversity --by region" $N diversity --by region --json
wall "nis5g diversity --by operator,domain --weight subscribers" $N diversity --weight subscribers --json
echo "vendors: $($N killswitch --all --json | grep -c '"vendors": \[')"
wall "nis5g killswitch --all" $N killswitch --all --json
wall "nis5g simulate --trials $TRIALS (64 trials per pass)" \
  $N simulate --trials "$TRIALS" --fail ran=0.001 --fail core=0.01 --fail transport=0.001 --outage-hours 4 --json
wall "nis5g simulate --trials $TRIALS --threads 1" \
  $N simulate --trials "$TRIALS" --threads 1 --fail ran=0.001 --fail core=0.01 --fail transport=0.001 --outage-hours 4 --json
# One trial per pass: the same evaluation without the 64-bit words.
t0=$(date +%s.%N)
NIS5G_TIMING=1 $N simulate --trials "$ONE" --per-pass 1 --fail ran=0.001 --fail core=0.01 --fail transport=0.001 \
  --outage-hours 4 --json >/dev/null 2>"$DATA/timing.$$"
t1=$(date +%s.%N)
one=$(grep 'phase monte carlo trials' "$DATA/timing.$$" | awk '{print $(NF-1)}')
t0=$(date +%s.%N)
NIS5G_TIMING=1 $N simulate --trials "$ONE" --fail ran=0.001 --fail core=0.01 --fail transport=0.001 \
  --outage-hours 4 --json >/dev/null 2>"$DATA/timing.$$"
bits=$(grep 'phase monte carlo trials' "$DATA/timing.$$" | awk '{print $(NF-1)}')
rm -f "$DATA/timing.$$"
if [ "$(echo "$bits > 0" | bc)" = 1 ]; then up="$(echo "$one / $bits" | bc -l | cut -c1-5)x"; else up="n/a (too fast to time)"; fi
echo "monte carlo, $ONE trials: one per pass $one s, 64 per pass $bits s: speed-up $up"
node duckdb-resilience.mjs "$csv"
# The kill-switch as an SQL fixpoint in DuckDB, for one vendor (one vendor
# takes about as long as nis5g for every vendor a hundred times over; set
# KS_PEER=0 to skip), with the sites lost compared to nis5g's.
if [ "${KS_PEER:-1}" = 1 ]; then
  v=${KS_VENDOR:-Ericsson}
  ours=$($N killswitch "$v" --json | grep -m1 '"sites_lost"' | tr -dc 0-9)
  echo "nis5g killswitch $v: sites lost $ours"
  node duckdb-killswitch.mjs "$csv" "$v"
fi
