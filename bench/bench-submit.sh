#!/bin/sh
# Submissions at EU scale (docs/submit.md): the largest operator of the
# EU27 dataset submits its part unchanged, and an analyst accepts it, on a
# copy of $DATA/eu27.db (bench-import.sh). Both compose the whole national
# dataset and import it, so each costs about one import of the country.
# Expects NIS5G and DATA from bench/run.sh.
set -e
db="$DATA/submit.db"
part="$DATA/submit-part"
rm -rf "$part" "$db" "$db-wal" "$db-shm"
sqlite3 "$DATA/eu27.db" ".backup '$db'"
mkdir -p "$part"
# the operator with the most elements, and its rows (canonical files have no quoted ids)
op=$(awk -F, 'NR > 1 { n[$2]++ } END { for (o in n) if (n[o] > m) { m = n[o]; b = o }; print b }' "$DATA/eu27/elements.csv")
awk -F, -v op="$op" 'NR == 1 || $1 == op' "$DATA/eu27/operators.csv" > "$part/operators.csv"
awk -F, -v op="$op" 'NR == 1 || $2 == op' "$DATA/eu27/sites.csv" > "$part/sites.csv"
awk -F, -v op="$op" 'NR == 1 || $2 == op' "$DATA/eu27/elements.csv" > "$part/elements.csv"
awk -F, -v op="$op" 'NR == 1 || $1 == op' "$DATA/eu27/measures.csv" > "$part/measures.csv"
awk -F, 'NR == FNR { if (FNR > 1) own[$1] = 1; next } FNR == 1 || own[$1]' "$part/elements.csv" \
  "$DATA/eu27/links.csv" > "$part/links.csv"
echo "operator $op: $(($(wc -l < "$part/elements.csv") - 1)) elements, $(($(wc -l < "$part/links.csv") - 1)) links"
t0=$(date +%s.%N)
"$NIS5G" --db "$db" submit --operator "$op" "$part" >/dev/null
t1=$(date +%s.%N)
echo "nis5g submit (checked against the national snapshot): $(echo "$t1 - $t0" | bc) s"
"$NIS5G" --db "$db" review 1 accept --comment bench >/dev/null
t2=$(date +%s.%N)
echo "nis5g review accept (checked again, composed, saved): $(echo "$t2 - $t1" | bc) s"
rm -rf "$part" "$db" "$db-wal" "$db-shm"
