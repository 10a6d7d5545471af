# Quote the product of 18% of the rows of a generated elements.csv, the way
# real inventories do: half get a comma ("AAU5613, 3.5 GHz"), half doubled
# quotes ("AirScale ""Habrok"""). Used by bench/README.md's quoted-import
# figures:  awk -F, -v OFS=, -f bench/quote-products.awk elements.csv
NR > 1 && $7 != "" && NR % 100 < 18 {
    if (NR % 2) $7 = "\"" $7 ", 3.5 GHz\""
    else $7 = "\"" $7 " \"\"Habrok\"\"\""
}
{ print }
