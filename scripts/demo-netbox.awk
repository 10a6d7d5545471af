# demo-netbox.awk — part of `make demo` (scripts/demo-workflow.sh): writes an
# operator's part of the generated dataset as what NetBox 4's REST API would
# return for it, so that the demo can run `nis5g from-netbox` on it
# (docs/from-netbox.md has the mapping this inverts).
#
#   awk -F, -v op=OP -v out=DIR -v day=DATE [-v live=N] -f scripts/demo-netbox.awk sites.csv elements.csv
#
# writes DIR/sites-1.json, DIR/devices-N.json (pages of `page` devices),
# DIR/roles.csv (the role map: one NetBox role per domain and function).
# The operator's newest state, as kept in its NetBox: the planned elements of
# its first `live` sites with planned elements went live on DATE, and two spare
# servers sit on the shelf (status inventory: left out).
BEGIN { page = page ? page : 10000; live = live ? live : 20 }
function js(s) { gsub(/"/, "\\\"", s); return "\"" s "\"" }  # the generated data has no backslashes
function num(s) { return s == "" ? "null" : s }
function str(s) { return s == "" ? "null" : js(s) }
function slug(s) { s = tolower(s); gsub(/[^a-z0-9]+/, "-", s); return s }
function pagehead(file, n, count, next_) {
  printf "{\"count\": %d, \"next\": %s, \"previous\": null, \"results\": [\n", count, next_ > file
}
FNR == 1 { file++; next }
file == 1 && $2 == op { site[++ns] = $0 }
file == 2 && $2 == op { dev[++nd] = $0 }
END {
  f = out "/sites-1.json"
  pagehead(f, 1, ns, "null")
  for (i = 1; i <= ns; i++) {
    split(site[i], c, ",")
    tags = ""; nt = split(c[6], t, ";")
    for (j = 1; j <= nt; j++) tags = tags (j > 1 ? ", " : "") "{\"name\": " js(t[j]) ", \"slug\": " js(t[j]) "}"
    printf "  {\"id\": %d, \"name\": %s, \"slug\": %s, \"status\": {\"value\": \"active\"}, " \
      "\"region\": %s, \"latitude\": %s, \"longitude\": %s, \"tags\": [%s], " \
      "\"custom_fields\": {\"subscribers\": %s, \"backup_hours\": %s}}%s\n", i, js(c[1]), js(c[1]),
      c[5] == "" ? "null" : "{\"slug\": " js(c[5]) "}", num(c[3]), num(c[4]), tags,
      num(c[8]), num(c[7]), i < ns ? "," : "" > f
  }
  print "]}" > f
  close(f)
  # two spares on the shelf at the operator's first site
  split(site[1], c, ",")
  dev[++nd] = op "-SPARE1," op "," c[1] ",infrastructure,NFVI,Dell,PowerEdge R750,,,inventory"
  dev[++nd] = op "-SPARE2," op "," c[1] ",infrastructure,NFVI,Dell,PowerEdge R750,,,inventory"
  pages = int((nd + page - 1) / page)
  for (i = 1; i <= nd; i++) {
    p = int((i - 1) / page) + 1
    f = out "/devices-" p ".json"
    if ((i - 1) % page == 0) {
      nx = p < pages ? "\"https://netbox.example/api/dcim/devices/?limit=" page "&offset=" p * page "\"" : "null"
      pagehead(f, p, nd, nx)
    }
    split(dev[i], c, ",")
    status = c[10] == "retired" ? "offline" : c[10]
    if (status == "planned" && (c[3] in golive || nlive < live)) {
      if (!(c[3] in golive)) { golive[c[3]] = 1; nlive++ }
      status = "active"; c[9] = day; went++
    }
    role = slug(c[4] "-" c[5])
    roles[role] = c[4] "," c[5]
    printf "  {\"id\": %d, \"name\": %s, \"device_type\": {\"manufacturer\": {\"name\": %s, \"slug\": %s}, " \
      "\"model\": %s}, \"role\": {\"slug\": %s}, \"site\": {\"slug\": %s}, \"status\": {\"value\": %s}, " \
      "\"custom_fields\": {\"installed\": %s, \"sw_version\": %s}}%s\n", i, js(c[1]), js(c[6]), js(slug(c[6])),
      js(c[7]), js(role), js(c[3]), js(status), str(c[9]), str(c[8]),
      (i % page && i < nd) ? "," : "" > f
    if (i % page == 0 || i == nd) { print "]}" > f; close(f) }
  }
  f = out "/roles.csv"
  print "role,domain,function" > f
  close(f)
  for (r in roles) print r "," roles[r] | "sort >> " f
  close("sort >> " f)
  printf "NetBox export of %s: %d sites, %d devices in %d pages (%d planned devices at %d sites went live, 2 spares in inventory)\n",
    op, ns, nd, pages, went, nlive
}
