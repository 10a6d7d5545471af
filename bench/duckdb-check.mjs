// DuckDB peer for issue 3: the deny, require and cap questions of the EU
// toolbox baseline plus CAP-35, written as SQL on tables loaded from the
// dataset's CSV files. Loading is timed apart; the figure compared with
// `nis5g check` is the queries alone. High risk: the suppliers.csv
// designation, else the factor rule of docs/profile.md (H1, H2).
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const inst = await DuckDBInstance.create(':memory:');
const con = await inst.connect();
const time = async (label, sql) => {
  const t0 = performance.now();
  const r = await con.runAndReadAll(sql);
  const s = (performance.now() - t0) / 1000;
  return { s, rows: r.getRows().length, label };
};
const t0 = performance.now();
for (const t of ['elements', 'sites', 'suppliers', 'operators'])
  await con.run(`CREATE TABLE ${t} AS SELECT * FROM read_csv('${dir}/${t}.csv', header=true)`);
console.log(`duckdb load (read_csv of elements, sites, suppliers, operators): ${((performance.now() - t0) / 1000).toFixed(3)} s`);

// The high-risk vendors, materialised once (a handful of rows) so that the
// queries below are not charged for it.
await con.run(`CREATE TABLE high_risk AS SELECT vendor FROM suppliers
  WHERE coalesce(designation, '') = 'high' OR (coalesce(designation, '') = '' AND
   ((intel_law >= 2 AND gov_links >= 2) OR gov_links + intel_law + no_checks + opaque_ownership + pressure >= 10))`);
const hr = '(SELECT vendor FROM high_risk)';
const queries = [
  ['EU-CORE deny', `SELECT element, operator, domain, function, site FROM elements
     WHERE status = 'active' AND domain IN ('core', 'management') AND vendor IN ${hr}`],
  ['EU-NFVI deny', `SELECT element FROM elements
     WHERE status = 'active' AND function IN ('NFVI', 'MANO') AND vendor IN ${hr}`],
  ['EU-MULTI require', `SELECT operator, count(DISTINCT vendor) AS vendors FROM elements
     WHERE status = 'active' AND domain = 'ran' GROUP BY operator HAVING count(DISTINCT vendor) < 2`],
  ['EU-SITES deny', `SELECT e.element FROM elements e JOIN sites s ON e.site = s.site
     WHERE e.status = 'active' AND e.vendor IN ${hr}
       AND list_has_any(string_split(coalesce(s.tags, ''), ';'), ['gov', 'military'])`],
  ['CAP-35 cap', `SELECT operator, count(*) AS n, count(*) FILTER (WHERE vendor IN ${hr}) AS c,
       c - floor(0.35 * n) AS must_change FROM elements
     WHERE status = 'active' AND domain = 'ran' GROUP BY operator`],
];
const checks = [
  ['CAP-35 operators over the cap, elements to change', `WITH g AS (${queries[4][1]})
     SELECT count(*) FILTER (WHERE must_change > 0), sum(must_change) FILTER (WHERE must_change > 0) FROM g`],
];
for (const [label, sql] of checks) {
  const r = await con.runAndReadAll(sql);
  console.log(`duckdb ${label}: ${r.getRows()[0].join(', ')}`);
}
for (let run = 1; run <= 3; run++) {
  let total = 0;
  const parts = [];
  for (const [label, sql] of queries) {
    const r = await time(label, sql);
    total += r.s;
    parts.push(`${label} ${r.s.toFixed(3)} s (${r.rows} rows)`);
  }
  console.log(`duckdb queries run ${run}: ${total.toFixed(3)} s — ${parts.join('; ')}`);
}
