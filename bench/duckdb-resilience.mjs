// DuckDB peer for issue 4: load elements.csv and sites.csv into tables,
// then ask the diversity questions nis5g diversity answers: vendor shares
// and HHI of the active elements per operator x domain, and per region.
// Times are for the queries on the loaded tables (the load is printed
// apart), best of three runs.
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const time = async (label, sql, runs = 1) => {
  let best = Infinity, r;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    r = await con.runAndReadAll(sql);
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  console.log(`duckdb ${label}: ${best.toFixed(3)} s${runs > 1 ? ` (best of ${runs})` : ''}`);
  return r;
};
await time('load elements.csv + sites.csv',
  `CREATE TABLE elements AS SELECT * FROM read_csv('${dir}/elements.csv', header=true);
   CREATE TABLE sites AS SELECT * FROM read_csv('${dir}/sites.csv', header=true)`);
const r = await time('shares and HHI per operator x domain', `
  WITH c AS (SELECT operator, domain, vendor, count(*) AS n FROM elements
             WHERE coalesce(status, 'active') = 'active' GROUP BY ALL),
       t AS (SELECT operator, domain, sum(n) AS total FROM c GROUP BY ALL)
  SELECT operator, domain, any_value(total) AS total, sum(power(100.0 * n / total, 2)) AS hhi,
         count(*) AS vendors, list(struct_pack(vendor, n, share := n / total) ORDER BY n DESC) AS shares
  FROM c JOIN t USING (operator, domain) GROUP BY ALL
  ORDER BY vendors = 1 DESC, operator, domain`, 3);
console.log(`duckdb groups: ${r.getRows().length}`);
await time('shares and HHI per region (join sites)', `
  WITH c AS (SELECT s.region, e.vendor, count(*) AS n FROM elements e LEFT JOIN sites s ON e.site = s.site
             WHERE coalesce(e.status, 'active') = 'active' GROUP BY ALL),
       t AS (SELECT region, sum(n) AS total FROM c GROUP BY ALL)
  SELECT region, any_value(total), sum(power(100.0 * n / total, 2)) AS hhi, count(*) AS vendors
  FROM c JOIN t USING (region) GROUP BY ALL ORDER BY vendors = 1 DESC, region`, 3);
