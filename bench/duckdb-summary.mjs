// DuckDB peer for issue 2: load elements.csv with read_csv, then the
// summary's question: active elements per operator x domain x vendor, and
// per domain the vendor shares with their HHI.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const time = async (label, sql) => {
  const t0 = performance.now();
  const r = await con.runAndReadAll(sql);
  const s = (performance.now() - t0) / 1000;
  console.log(`duckdb ${label}: ${s.toFixed(3)} s`);
  return r;
};
await time('load (read_csv)', `CREATE TABLE elements AS SELECT * FROM read_csv('${file}', header=true, all_varchar=false)`);
for (let i = 1; i <= 3; i++) {
  await time(`group by operator, domain, vendor (run ${i})`,
    `SELECT operator, domain, vendor, count(*) AS n FROM elements WHERE status = 'active' GROUP BY ALL`);
}
await time('shares and HHI per domain',
  `WITH c AS (SELECT domain, vendor, count(*) AS n FROM elements WHERE status = 'active' GROUP BY ALL),
        t AS (SELECT domain, sum(n) AS total FROM c GROUP BY domain)
   SELECT c.domain, sum(power(100.0 * n / total, 2)) AS hhi FROM c JOIN t USING (domain) GROUP BY c.domain`);
