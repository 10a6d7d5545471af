// DuckDB peer for issue 4's kill-switch: the failure of one vendor spread
// through links.csv by an SQL fixpoint (semi-naive: each round joins only the
// elements that failed in the round before), then the radio sites that lose
// service. Prints the time (tables already loaded) and the sites lost, to
// compare with `nis5g killswitch VENDOR --json`.
// Usage: node duckdb-killswitch.mjs DATASET_DIR VENDOR
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, vendor] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRows();
let t0 = performance.now();
await q(`CREATE TABLE el AS SELECT element, site, function, vendor, coalesce(status, 'active') AS status
         FROM read_csv('${dir}/elements.csv', header=true, all_varchar=true)`);
await q(`CREATE TABLE li AS SELECT element, depends_on, "group" AS grp
         FROM read_csv('${dir}/links.csv', header=true, all_varchar=true)`);
console.log(`duckdb load elements + links: ${((performance.now() - t0) / 1000).toFixed(3)} s`);

// Elements that do not work when `v` fails (v = '' : nothing fails).
async function down(table, v) {
  await q(`CREATE OR REPLACE TABLE ${table} AS SELECT element FROM el WHERE status <> 'active' OR vendor = '${v}'`);
  await q(`CREATE OR REPLACE TABLE frontier AS SELECT element FROM ${table}`);
  let rounds = 0;
  for (;;) {
    rounds++;
    // Required links to a newly failed element; pools touched by one whose
    // members have all failed.
    await q(`CREATE OR REPLACE TABLE new AS
      SELECT DISTINCT li.element FROM li JOIN frontier f ON li.depends_on = f.element
      WHERE li.grp IS NULL AND li.element NOT IN (SELECT element FROM ${table})
      UNION
      SELECT p.element FROM (SELECT DISTINCT li.element, li.grp FROM li JOIN frontier f ON li.depends_on = f.element
                             WHERE li.grp IS NOT NULL) p
      JOIN li ON li.element = p.element AND li.grp = p.grp
      LEFT JOIN ${table} d ON d.element = li.depends_on
      WHERE p.element NOT IN (SELECT element FROM ${table})
      GROUP BY p.element, p.grp HAVING count(*) = count(d.element)`);
    const n = Number((await q(`SELECT count(*) FROM new`))[0][0]);
    if (n === 0) break;
    await q(`INSERT INTO ${table} SELECT DISTINCT element FROM new`);
    await q(`CREATE OR REPLACE TABLE frontier AS SELECT DISTINCT element FROM new`);
  }
  return rounds;
}
t0 = performance.now();
const r0 = await down('base_down', '');
const r1 = await down('scen_down', vendor);
const lost = await q(`
  WITH radios AS (SELECT element, site FROM el WHERE status = 'active' AND function IN ('RU', 'gNB') AND site IS NOT NULL),
       s AS (SELECT site,
                    bool_or(element NOT IN (SELECT element FROM base_down)) AS base_ok,
                    bool_or(element NOT IN (SELECT element FROM scen_down)) AS scen_ok
             FROM radios GROUP BY site)
  SELECT count(*) FROM s WHERE base_ok AND NOT scen_ok`);
console.log(`duckdb kill-switch fixpoint for ${vendor} (baseline ${r0} rounds, scenario ${r1} rounds): ` +
            `${((performance.now() - t0) / 1000).toFixed(3)} s, sites lost ${lost[0][0]}`);
