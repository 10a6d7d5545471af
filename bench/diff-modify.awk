# bench/bench-diff.sh: a later snapshot of the EU27 dataset, for the diff.
# Run once over elements.csv (mode=elements) and once over links.csv
# (mode=links, with the removed ids file first). Of the elements:
#   - every 100th row gets another vendor (Huawei <-> Ericsson, the rest
#     Nokia; the product is cleared, it was the old vendor's);
#   - every 500th (offset 250) is retired;
#   - every 200th (offset 7) that is an RU is removed (RUs are leaves: nothing
#     depends on them), with its links;
#   - 10,000 new RUs are added at the end, each needing the first gNB.
# Of the links: every 1,000th of the rest is dropped.
BEGIN { FS = OFS = "," }
mode == "links" && FILENAME == removed { gone[$1] = 1; next }
mode == "elements" && FNR == 1 { print; next }
mode == "elements" {
  n = FNR - 1
  if (n % 200 == 7 && $5 == "RU") { print $1 > removed; next }
  if ($5 == "gNB" && first_gnb == "") { first_gnb = $1; first_op = $2 }
  if (n % 100 == 0) { $6 = ($6 == "Huawei") ? "Ericsson" : ($6 == "Ericsson") ? "Huawei" : "Nokia"; $7 = "" }
  if (n % 500 == 250) $10 = "retired"
  print
  next
}
mode == "links" && FNR == 1 { print; next }
mode == "links" {
  if (($1 in gone) || ($2 in gone)) next
  if (FNR % 1000 == 0) next
  print
}
END {
  if (mode == "elements") {
    for (k = 0; k < 10000; k++)
      printf "BENCH-NEW-RU%05d,%s,,ran,RU,Ericsson,,,2026-05-01,active\n", k, first_op
    print first_gnb > (removed ".gnb")
  }
}
