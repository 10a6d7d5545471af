// dashboard.mjs URL OUTDIR OPERATOR — the dashboard in Debian's Chromium,
// driven by playwright-core (no browser download), run by
// tests/cli/dashboard.sh against a server it started. Every role logs in
// and sees what it may and nothing else; the analyst uploads a good and a
// bad dataset, edits a policy with a mistake, runs a kill-switch and
// downloads its CSV, which must match the API. On every page: no console
// error, no JS exception, no serious or critical axe-core violation, no
// sideways scroll at 1280×800 and at 390×844. On failure a screenshot of
// each page visited is left in OUTDIR/screenshots.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [url, outdir, operator, password] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const shots = path.join(outdir, "screenshots");
fs.mkdirSync(shots, { recursive: true });
const failures = [];
let checks = 0;
const check = (ok, what) => { checks++; if (!ok) { failures.push(what); console.error("FAIL: " + what); } };
let subId = null; // the operator's submission, reviewed by the analyst
const others = ["SE-TELIA", "SE-TELE2", "SE-TELENOR", "SE-HI3G"].filter((o) => o !== operator);

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });

async function session(role) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await ctx.newPage();
  page.problems = [];
  page.on("console", (m) => {
    // an answer of 4xx the page expects and shows (a refused upload, a
    // route not there yet, /me before login) is logged by Chromium itself
    if (m.type() === "error" && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text()))
      page.problems.push("console: " + m.text());
  });
  page.on("pageerror", (e) => page.problems.push("exception: " + e.message));
  await page.goto(url + "/#/login");
  await page.fill("#login-user", role);
  await page.fill("#login-password", password);
  await page.click("form.login button[type=submit]");
  await page.waitForSelector("#nav a");
  current = page;
  return page;
}

let shotNo = 0;
// Open a page of the dashboard and run the checks every page passes.
async function visit(page, role, hash, name) {
  const again = page.url() === url + "/" + hash;
  if (hash !== null) await page.goto(url + "/" + hash); // null: the page as it is now
  if (hash !== null && again) await page.reload(); // the same address is no hashchange: render it anew
  await page.waitForSelector("#main[data-ready='1']", { timeout: 20000 });
  await page.waitForFunction(() => !document.querySelector("#main .loading"), null, { timeout: 20000 }).catch(() => {});
  const label = role + " " + name;
  await page.screenshot({ path: path.join(shots, String(++shotNo).padStart(2, "0") + "-" + role + "-" + name + ".png"), fullPage: true });
  for (const w of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width: w[0], height: w[1] });
    await page.waitForTimeout(50);
    const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check(sw[0] <= sw[1], `${label}: scrolls sideways at ${w[0]} px (${sw[0]} > ${sw[1]})`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(axeSource);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of res.violations.filter((v) => v.impact === "serious" || v.impact === "critical"))
    check(false, `${label}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")})`);
  check(page.problems.length === 0, `${label}: ${page.problems.join(" | ")}`);
  page.problems = [];
  return page.evaluate(() => document.body.innerText);
}
// a role's walk: an exception is a failure with the page's screenshot, and the next role goes on
let current = null;
async function guard(role, fn) {
  try { await fn(); } catch (e) {
    check(false, role + ": " + e.message.split("\n").slice(0, 3).join(" "));
    if (current) await current.screenshot({ path: path.join(shots, "failed-" + role + ".png"), fullPage: true }).catch(() => {});
  }
}
const navOf = (page) => page.$$eval("#nav a", (as) => as.map((a) => a.textContent));
const api = (page, p) => page.evaluate(async (p) => { const r = await fetch(p); return { status: r.status, body: await r.text() }; }, p);

const json = async (page, p) => { const r = await api(page, p); if (r.status !== 200) throw new Error(p + " answered " + r.status + ": " + r.body); return JSON.parse(r.body); };
const nf = new Intl.NumberFormat("en-GB");
const fmtHhi = (v) => (v === null ? "–" : nf.format(Math.round(v)));
const cells = (page, sel) => page.$$eval(sel + " tbody tr", (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));

// ---- the analyst ----
await guard("analyst", async () => {
  const page = await session("analyst");
  const nav = await navOf(page);
  for (const n of ["Overview", "Elements", "Kill-switch & what-if", "Policies", "Submissions", "Exports", "Measures", "EU view"]) check(nav.includes(n), "analyst nav lacks " + n);
  for (const n of ["Users", "Tokens", "Audit"]) check(!nav.includes(n), "analyst nav shows " + n);

  // a policy: stored, then a mistake typed in is marked at its line and column
  let text = await visit(page, "analyst", "#/policies", "policies");
  check(text.includes("None yet"), "policies: no stored policy at first");
  await page.fill("#pol-name", "se");
  await page.fill("#pol-text", fs.readFileSync(process.env.POLICY, "utf8"));
  await page.click("#pol-form button[type=submit]");
  await page.waitForSelector("#pol-saved .ok");
  await page.goto(url + "/#/policies?name=se");
  await page.waitForSelector("#pol-diags .ok");
  // delete the "o" of the first "deny vendor" (line 14 of se.policy) as a user would
  await page.evaluate(() => {
    const a = document.getElementById("pol-text");
    const off = a.value.indexOf("deny vendor in Huawei") + "deny vend".length;
    a.focus();
    a.setSelectionRange(off, off);
  });
  await page.keyboard.press("Delete");
  await page.waitForSelector("#pol-diags li.diag");
  const diag = await page.textContent("#pol-diags li.diag");
  // by hand: "  deny vendr" puts the unknown field at line 14, column 8
  check(/^se:14:8: error: unknown field/.test(diag.trim()), "policy mistake not at se:14:8: " + diag);
  const pre = (await page.textContent("#pol-diags li.diag pre")).split("\n");
  check(pre[0].startsWith("14 |   deny vendr in Huawei") && pre[1].indexOf("^") === pre[0].indexOf("vendr"), "policy mistake: the caret is not under 'vendr':\n" + pre.join("\n"));
  check(await page.getAttribute("#pol-text", "aria-invalid") === "true", "policy editor not marked invalid");
  const stored = await api(page, "/api/v1/policies/se");
  check(!stored.body.includes("vendr"), "the mistake was stored while typing");
  await visit(page, "analyst", null, "policies-error");

  text = await visit(page, "analyst", "#/overview", "overview");
  for (const s of ["Operators", "Radio sites", "Largest kill-switch loss", "HHI by domain", "Before measures", "After measures", "Rules", "Measures by scope"])
    check(text.includes(s), "overview lacks " + s);
  // who breaks the rules: SE-PHASEOUT's findings are at three operators, Telia has none
  const phase = await page.$$eval("#ov-rules tbody tr", (trs) => trs.map((tr) => tr.innerText).find((t) => t.startsWith("SE-PHASEOUT")) || "");
  check(phase.includes("violation") && phase.includes("SE-HI3G, SE-TELE2, SE-TELENOR"), "overview: SE-PHASEOUT's row: " + phase);
  const sum = JSON.parse((await api(page, "/api/v1/summary")).body);
  const fmt = new Intl.NumberFormat("en-GB").format(sum.totals.active_elements);
  check(text.includes(fmt), `overview: active elements ${fmt} with thousands separators not shown`);
  check(await page.$$eval("canvas", (c) => c.length) >= 2, "overview: charts missing");
  // each matrix places the nine scenarios where the API puts them
  const risk = JSON.parse((await api(page, "/api/v1/risk")).body).scopes[0].scenarios;
  const placed = await page.$$eval("table.matrix", (ts) => ts.map((t) => {
    const at = {};
    [...t.tBodies[0].rows].forEach((tr, r) => [...tr.cells].slice(1).forEach((td, c) => td.querySelectorAll(".chip").forEach((x) => { at[x.textContent] = [5 - r, c + 1]; })));
    return at;
  }));
  check(placed.length === 2, "overview: not two risk matrices");
  for (const sc of risk) {
    check(JSON.stringify(placed[0][sc.scenario]) === JSON.stringify([sc.likelihood, sc.impact]), `matrix before: ${sc.scenario} at ${placed[0][sc.scenario]}`);
    check(JSON.stringify(placed[1][sc.scenario]) === JSON.stringify([sc.residual.likelihood, sc.residual.impact]), `matrix after: ${sc.scenario} at ${placed[1][sc.scenario]}`);
  }
  check(await page.$$eval("details.numbers table", (t) => t.length) >= 2, "overview: a chart without its table");

  // a figure leads to the elements behind it
  await page.click("#ov-shares table.data a[href*='domain=core']");
  await page.waitForSelector("#drill-form");
  check(/#\/drill\?.*domain=core/.test(page.url()), "overview: the domain link does not drill down: " + page.url());
  check(await page.inputValue("#f-domain") === "core", "drill-down: the domain filter not filled");

  // the kill-switch of Huawei: the per-operator CSV equals the API's figures
  await visit(page, "analyst", "#/killswitch", "killswitch-form");
  await page.check("#ks-form input[value='Huawei']");
  await page.click("#ks-form button[type=submit]");
  await page.waitForSelector("#ks-out .tiles");
  text = await visit(page, "analyst", "#/killswitch?vendors=Huawei", "killswitch");
  check(text.includes("What a ban would cost") && text.includes("Ban Huawei") && text.includes("€"), "kill-switch: no ban cost");
  check(await page.$$eval("#ks-out svg.map", (s) => s.length) === 1, "kill-switch: no map");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("button[aria-label='Download Losses per operator as CSV']")]);
  const csv = fs.readFileSync(await dl.path(), "utf8").trim().split("\n").map((l) => l.split(","));
  const ks = JSON.parse((await api(page, "/api/v1/killswitch?vendors=Huawei")).body).scenarios[0].per_operator;
  check(csv[0].join(",") === "operator,sites,sites_lost,subscribers,subscribers_lost", "csv header " + csv[0]);
  const want = Object.entries(ks).map(([op, x]) => [op, x.sites, x.sites_lost, x.subscribers, x.subscribers_lost].join(","));
  check(JSON.stringify(csv.slice(1).map((r) => r.join(","))) === JSON.stringify(want), "kill-switch CSV differs from the API:\n" + csv.join("\n") + "\nvs\n" + want.join("\n"));

  // the drill-down: the page shows GET /api/v1/elements as it answers;
  // sorting and paging ask the API again, the CSV is the API's bytes
  let wantEl = await json(page, "/api/v1/elements?vendor=Huawei&limit=20");
  await visit(page, "analyst", "#/drill?vendor=Huawei&limit=20", "drill");
  let shown = await cells(page, "#drill-table");
  check(JSON.stringify(shown.map((r) => r[0])) === JSON.stringify(wantEl.elements.map((e) => e.id)), "drill-down: not the API's first page");
  check(shown[0].length === 11 && shown[0][6] === "Huawei" && shown[0][10] === "yes", "drill-down row: " + shown[0]);
  check((await page.textContent("#drill-table caption")).startsWith(nf.format(wantEl.total) + " elements of the snapshot of " + wantEl.as_of + "; 1–20 shown, by id"), "drill-down caption: " + (await page.textContent("#drill-table caption")));
  await page.click("#drill-table th a:text('site')");
  await page.waitForFunction(() => location.hash.includes("sort=site"));
  await page.waitForSelector("#main[data-ready='1'] #drill-table");
  await page.click("#drill-table th a:text('site')"); // again: descending
  await page.waitForFunction(() => location.hash.includes("desc=1"));
  await page.waitForSelector("#main[data-ready='1'] #drill-table");
  await page.click("nav.pager a:text('Next →')");
  await page.waitForFunction(() => location.hash.includes("offset=20"));
  await page.waitForSelector("#main[data-ready='1'] #drill-table");
  wantEl = await json(page, "/api/v1/elements?vendor=Huawei&limit=20&sort=site&desc=1&offset=20");
  shown = await cells(page, "#drill-table");
  check(JSON.stringify(shown.map((r) => r[0])) === JSON.stringify(wantEl.elements.map((e) => e.id)), "drill-down: page 2 by site descending is not the API's");
  check(await page.getAttribute("#drill-table th[aria-sort='descending'] a", "href").then((h) => h.includes("sort=site")), "drill-down: the sorted column not marked");
  const [d2] = await Promise.all([page.waitForEvent("download"), page.click("#drill-csv")]);
  const got = fs.readFileSync(await d2.path(), "utf8");
  const apiCsv = (await api(page, "/api/v1/elements?vendor=Huawei&limit=20&sort=site&desc=1&offset=20&format=csv")).body;
  check(got === apiCsv, "drill-down CSV differs from the API's");
  check(got.trim().split("\n").length === wantEl.elements.length + 1 && got.startsWith("id,operator,site,region,domain,function,vendor,product,status,installed,high_risk\n"), "drill-down CSV: " + got.slice(0, 200));
  // a rule of the stored policy leads to the elements behind its findings
  await visit(page, "analyst", "#/overview", "overview-rules");
  await page.click("#ov-rules a:text('SE-PHASEOUT')");
  await page.waitForSelector("#main[data-ready='1'] #drill-rule");
  wantEl = await json(page, "/api/v1/elements?rule=SE-PHASEOUT&policy=se&limit=50");
  check(/rule=SE-PHASEOUT/.test(page.url()) && /policy=se/.test(page.url()), "rule link: " + page.url());
  check((await page.textContent("#drill-rule")).includes("SE-PHASEOUT (deny)") && (await page.textContent("#drill-rule")).includes(wantEl.rule.status), "drill-down: the rule not shown");
  check((await page.textContent("#drill-table caption")).startsWith(nf.format(wantEl.total) + " elements"), "drill-down: the rule's elements are not the API's");
  await visit(page, "analyst", null, "drill-rule");

  // uploads: a bad dataset is refused with its line and caret, a good one imported
  text = await visit(page, "analyst", "#/submissions", "submissions");
  const before = (await api(page, "/api/v1/snapshots")).body;
  const bad = fs.readdirSync(process.env.BAD).map((f) => path.join(process.env.BAD, f));
  await page.setInputFiles("#up-files", bad);
  await page.click("#up-form button[type=submit]");
  await page.waitForSelector("#up-result .diag");
  const err = await page.textContent("#up-result");
  check(err.includes("elements.csv:3:") && err.includes("^") && err.includes("2023-02-30"), "bad upload: no line with a caret: " + err);
  check((await api(page, "/api/v1/snapshots")).body === before, "bad upload changed the snapshots");
  await visit(page, "analyst", null, "upload-bad");
  const good = fs.readdirSync(process.env.GOOD).map((f) => path.join(process.env.GOOD, f));
  await page.setInputFiles("#up-files", good);
  await page.fill("#up-asof", "2026-12-01");
  await page.click("#up-form button[type=submit]");
  await page.waitForSelector("#up-result .ok", { timeout: 60000 });
  check((await page.getAttribute("#up-progress", "value")) === "100", "upload: the progress bar did not reach 100");
  check(JSON.parse((await api(page, "/api/v1/snapshots")).body).snapshots.some((s) => s.as_of === "2026-12-01"), "good upload: no snapshot of 2026-12-01");

  // the snapshot chosen on the page: the figures of that day, the choice in the address
  await visit(page, "analyst", "#/overview", "overview-latest");
  check((await page.textContent("#ov-head")).includes("as of 2026-12-01"), "overview: not the latest snapshot");
  await page.selectOption("#ctx-snapshot", "2026-11-27");
  await page.fill("#ctx-at", "2027-06-30");
  await page.click("#context button[type=submit]");
  await page.waitForFunction(() => location.hash.includes("snapshot=2026-11-27") && location.hash.includes("at=2027-06-30"));
  await page.waitForSelector("#main[data-ready='1']");
  await page.waitForFunction(() => document.querySelector("#ov-head .tile") && !document.querySelector("#main .loading"));
  check((await page.textContent("#ov-head")).includes("as of 2026-11-27"), "overview: the chosen snapshot is not shown");
  check((await page.textContent("#ov-rules")).includes("at 2027-06-30"), "overview: the rules not checked at the chosen date");
  check((await page.getAttribute("#nav a:text('Elements')", "href")).includes("snapshot=2026-11-27"), "the menu forgets the chosen snapshot");

  text = await visit(page, "analyst", "#/measures?scope=SE", "measures");
  check(await page.$("#ms-SM01") !== null, "analyst may not edit measures");
  text = await visit(page, "analyst", "#/eu", "eu");
  check(text.includes("TLP:GREEN") && text.includes("FI"), "EU view without Finland's package and its marking");
  check(await page.$$eval("svg.map path", (p) => p.length) > 20, "EU view without its map");
  text = await visit(page, "analyst", "#/users", "users-forbidden");
  check(text.includes("may not"), "analyst sees the users page");

  // keyboard: the skip link and the navigation are reachable with Tab
  await page.goto(url + "/#/overview");
  await page.reload();
  await page.waitForSelector("#main[data-ready='1']");
  await page.keyboard.press("Tab");
  check(await page.evaluate(() => document.activeElement.className) === "skip", "the first Tab does not reach the skip link");
  await page.keyboard.press("Tab"); await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement.textContent);
  check(focused === "Overview", "Tab does not walk the navigation: " + focused);
  await page.keyboard.press("Enter");
});

// ---- the operator: its own operator only ----
await guard("operator", async () => {
  const page = await session("operator");
  const nav = await navOf(page);
  check(JSON.stringify(nav) === JSON.stringify(["Overview", "Elements", "Kill-switch & what-if", "Submissions", "Measures"]), "operator nav: " + nav);
  for (const [hash, name] of [["#/overview", "overview"], ["#/killswitch?vendors=Ericsson", "killswitch"], ["#/measures", "measures"], ["#/submissions", "submissions"], ["#/drill", "drill"]]) {
    const text = await visit(page, "operator", hash, name);
    for (const o of others) check(!text.includes(o), `operator ${name} names ${o}`);
    const html = await page.content();
    for (const o of others) check(!html.includes(o), `operator ${name}'s page holds ${o}`);
  }
  await visit(page, "operator", "#/measures?scope=" + operator, "measures-own");
  check(await page.$("#ms-TM01") !== null, "operator may not edit its own measures");
  await page.selectOption("#ms-TM01", "implemented");
  await page.waitForSelector("#ms-TM01.saved");
  const m = JSON.parse((await api(page, "/api/v1/measures")).body);
  check(m.scopes.find((s) => s.scope === operator).measures.find((x) => x.measure === "TM01").status === "implemented", "operator's measure not set");
  // its part of the dataset: a bad one refused at its line with a caret
  // and nothing recorded, then a good one pending review
  const files = (dir) => fs.readdirSync(dir).map((f) => path.join(dir, f));
  await visit(page, "operator", "#/submissions", "submissions-empty");
  check(JSON.parse((await api(page, "/api/v1/submissions")).body).submissions.length === 0, "operator: a submission before any");
  await page.setInputFiles("#up-files", files(process.env.PART_BAD));
  await page.click("#up-form button[type=submit]");
  await page.waitForSelector("#up-result .diag", { timeout: 60000 });
  const err = await page.textContent("#up-result");
  check(/elements\.csv:3:\d+:/.test(err) && err.includes("2024-13-01"), "bad part: no file:line:col: " + err);
  const pre = (await page.textContent("#up-result .diag pre")).split("\n");
  const col = Number(/elements\.csv:3:(\d+):/.exec(err)?.[1]);
  check(pre[0].startsWith("3 | ") && pre[1].indexOf("^") === pre[0].indexOf("|") + 1 + col, "bad part: the caret is not under column " + col + ":\n" + pre.join("\n"));
  check((await page.textContent("#up-phase")).includes("nothing was recorded"), "bad part: the page does not say nothing was recorded");
  check(JSON.parse((await api(page, "/api/v1/submissions")).body).submissions.length === 0, "bad part: a submission was recorded");
  await visit(page, "operator", null, "submission-bad");
  await page.setInputFiles("#up-files", files(process.env.PART));
  await page.click("#up-form button[type=submit]");
  await page.waitForSelector("#up-result .ok", { timeout: 60000 });
  check((await page.getAttribute("#up-progress", "value")) === "100", "submission: the progress bar did not reach 100");
  const subs = JSON.parse((await api(page, "/api/v1/submissions")).body).submissions;
  check(subs.length === 1 && subs[0].status === "pending" && subs[0].operator === operator, "submission not pending: " + JSON.stringify(subs));
  subId = subs[0] && subs[0].id;
  check((await page.textContent("#up-result")).includes("Submission " + subId + " of " + operator + " is pending review"), "submission: the page does not say it is pending");
  await page.waitForFunction(() => document.querySelector("#sub-list td.sub-pending"));
  let t = await visit(page, "operator", null, "submission-pending");
  for (const o of others) check(!t.includes(o), "operator submissions page names " + o);
  // its own submission's diff: its own operator's part only
  t = await visit(page, "operator", "#/submissions?id=" + subId, "submission-own");
  await page.waitForSelector("#df-summary");
  for (const o of others) check(!(await page.content()).includes(o), "operator's diff names " + o);
  check(await page.$("#rv-form") === null, "an operator may review");

  const text = await visit(page, "operator", "#/policies", "policies-forbidden");
  check(text.includes("may not"), "operator sees policies");
  const eu = await visit(page, "operator", "#/eu", "eu-forbidden");
  check(eu.includes("may not"), "operator sees the EU view");
});

// ---- the analyst reviews the operator's submission ----
let analystPage = null;
await guard("review", async () => {
  const page = analystPage = await session("analyst");
  await visit(page, "analyst", "#/submissions", "submissions-pending");
  await page.click(`#sub-pending a:text('Submission ${subId} of ${operator}')`);
  await page.waitForSelector("#main[data-ready='1'] #df-summary", { timeout: 60000 });
  await visit(page, "analyst", null, "submission-diff");
  // the figures shown are the API's (the page asks with the stored policy "se")
  const d = await json(page, `/api/v1/diff?submission=${subId}&policy=se`);
  for (const k of ["added", "removed", "changed", "unchanged"]) check(await page.textContent("#df-" + k) === nf.format(d.summary[k]), `diff ${k}: ${await page.textContent("#df-" + k)} vs ${d.summary[k]}`);
  check(d.summary.changed > 0, "the good part changes nothing");
  check(await page.textContent("#df-elements") === nf.format(d.summary.elements_from) + " → " + nf.format(d.summary.elements_to), "diff elements");
  const changes = d.changed.flatMap((c) => c.changes.map((x) => [c.element, c.operator, c.domain, x.field, x.from ?? "(empty)", x.to ?? "(empty)"].join("|")));
  const shownChanges = (await cells(page, "table:has(caption:text('Changed elements'))")).map((r) => r.join("|"));
  check(JSON.stringify(shownChanges) === JSON.stringify(changes), "diff: the changed elements are not the API's (" + shownChanges.length + " vs " + changes.length + ")");
  check(shownChanges.some((r) => r.includes("|vendor|Huawei|Ericsson")), "diff: no Huawei → Ericsson change shown");
  const hhi = await cells(page, "table:has(caption:text('HHI by domain'))");
  check(JSON.stringify(hhi.map((r) => [r[0], r[1], r[2]])) === JSON.stringify(d.hhi.map((h) => [h.domain, fmtHhi(h.from), fmtHhi(h.to)])), "diff: HHI not the API's: " + JSON.stringify(hhi));
  const hr = await cells(page, "table:has(caption:text('High-risk vendors'))");
  const pct = (v) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(v * 100) + " %";
  check(JSON.stringify(hr.map((r) => r.slice(0, 4))) === JSON.stringify(d.high_risk_shares.map((h) => [h.vendor, h.domain, pct(h.from), pct(h.to)])), "diff: high-risk shares not the API's");
  const ks = await cells(page, "table:has(caption:text('Kill-switch losses that change'))");
  check(JSON.stringify(ks) === JSON.stringify(d.killswitch.changed.map((k) => [k.vendor, nf.format(k.sites_lost.from), nf.format(k.sites_lost.to), nf.format(k.subscribers_lost.from), nf.format(k.subscribers_lost.to)])) && ks.length > 0, "diff: kill-switch changes not the API's: " + JSON.stringify(ks));
  // by hand: the part keeps one central Huawei element, now dated 2021-06-01: SE-NEW breaks
  const rules = await cells(page, "table:has(caption:text('Rules whose status changes'))");
  check(d.rules && JSON.stringify(rules) === JSON.stringify(d.rules.changed.map((r) => [r.id, r.title, r.from + " → " + r.to, nf.format(r.findings.from) + " → " + nf.format(r.findings.to)])), "diff: rules not the API's: " + JSON.stringify(rules));
  check(rules.some((r) => r[0] === "SE-NEW" && r[2] === "ok → violation" && r[3] === "0 → 1"), "diff: SE-NEW does not go from ok to violation with 1 finding: " + JSON.stringify(rules));
  // accept with a comment; the overview then shows the snapshot it made
  await page.fill("#rv-comment", "Huawei swap checked against the contracts");
  await page.click("#rv-accept");
  await page.waitForSelector("#rv-out .ok", { timeout: 60000 });
  const s = await json(page, "/api/v1/submissions/" + subId);
  check(s.status === "accepted" && s.comment === "Huawei swap checked against the contracts" && s.reviewed_by === "analyst" && s.snapshot, "review not recorded: " + JSON.stringify(s));
  check((await page.textContent("#rv-out")).includes("accepted"), "review: the page does not say accepted");
  await visit(page, "analyst", null, "submission-accepted");
  await page.click("#rv-overview");
  await page.waitForFunction(() => location.hash.startsWith("#/overview"));
  await page.waitForSelector("#main[data-ready='1']");
  await page.waitForFunction(() => document.querySelector("#ov-head .tile") && !document.querySelector("#main .loading"), null, { timeout: 60000 });
  await visit(page, "analyst", null, "overview-after-review");
  check((await page.textContent("#ov-head")).includes("as of " + s.snapshot), "overview: not the new snapshot " + s.snapshot);
  const ov = await cells(page, "#ov-shares table:has(caption:text-is('HHI by domain'))");
  for (const h of d.hhi.filter((x) => x.to !== null)) {
    const row = ov.find((r) => r[0] === h.domain);
    check(row && row[2] === fmtHhi(h.to), `overview after the review: HHI of ${h.domain} ${row && row[2]}, the diff said ${fmtHhi(h.to)}`);
  }
  const sum = await json(page, "/api/v1/summary?snapshot=" + s.snapshot);
  check((await page.textContent("#ov-head")).includes(nf.format(sum.totals.active_elements)), "overview after the review: not the new snapshot's active elements");
});

// ---- the operator sees the decision ----
await guard("operator-after", async () => {
  const page = await session("operator");
  await visit(page, "operator", "#/submissions", "submissions-accepted");
  const row = (await cells(page, "#sub-list")).find((r) => r[0] === String(subId)) || [];
  check(row[2] === "accepted" && row.includes("Huawei swap checked against the contracts"), "operator: the decision and comment not shown: " + row);
  const t = await visit(page, "operator", "#/submissions?id=" + subId, "submission-decided");
  check(t.includes("accepted") && t.includes("Huawei swap checked against the contracts"), "operator: the submission page lacks the decision");
});

// ---- four eyes: analyst prepares, may not approve; analyst2 approves ----
let exportId = null, exportDigest = null;
await guard("exports", async () => {
  const page = analystPage;
  current = page;
  let t = await visit(page, "analyst", "#/exports", "exports");
  check(t.includes("No export prepared yet"), "exports: not empty at first");
  await page.fill("#ex-state", "SE");
  await page.selectOption("#ex-tlp", "amber");
  await page.fill("#ex-to", "DE");
  await page.click("#ex-form button[type=submit]");
  await page.waitForSelector("#ex-out .ok", { timeout: 60000 });
  const ex = (await json(page, "/api/v1/exports")).exports;
  check(ex.length === 1 && ex[0].status === "pending" && ex[0].prepared_by === "analyst" && ex[0].tlp === "amber" && ex[0].recipients.join() === "DE", "export not prepared: " + JSON.stringify(ex));
  exportId = ex[0].id; exportDigest = ex[0].digest;
  await page.waitForSelector("#ex-approve-" + exportId);
  check((await page.textContent("#ex-row-" + exportId)).includes(exportDigest), "exports: the page does not show the API's digest");
  await page.click("#ex-approve-" + exportId);
  await page.waitForSelector(`#ex-msg-${exportId} .error`);
  const why = await page.textContent(`#ex-msg-${exportId}`);
  check(why.includes("Refused") && why.includes("you prepared this export"), "exports: the preparer's refusal not explained: " + why);
  check((await json(page, "/api/v1/exports/" + exportId)).status === "pending", "exports: the preparer approved");
  await visit(page, "analyst", null, "exports-refused");

  const p2 = await session("analyst2");
  t = await visit(p2, "analyst2", "#/exports", "exports-second");
  check(t.includes(exportDigest) && t.includes("TLP:AMBER") && t.includes("analyst at"), "exports: the second analyst does not see the export");
  await p2.click("#ex-approve-" + exportId);
  await p2.waitForSelector(`#ex-row-${exportId} td.sub-approved`);
  const x = await json(p2, "/api/v1/exports/" + exportId);
  check(x.status === "approved" && x.approved_by === "analyst2" && x.digest === exportDigest && x.version !== null, "export not approved by analyst2: " + JSON.stringify(x));
  t = await visit(p2, "analyst2", null, "exports-approved");
  check(t.includes("analyst2 at"), "exports: the approver not shown");
});

// ---- the peer: the EU view of what was shared, nothing else ----
await guard("peer", async () => {
  const page = await session("peer");
  const nav = await navOf(page);
  check(JSON.stringify(nav) === JSON.stringify(["EU view"]), "peer nav: " + nav);
  let text = await visit(page, "peer", "#/eu", "eu");
  for (const o of [operator, ...others]) check(!text.includes(o), "peer EU view names " + o);
  check(exportDigest && text.includes(exportDigest) && text.includes("TLP:AMBER") && text.includes("SE"), "peer (DE): the package approved for DE is not listed with its marking");
  check(await page.$$eval("#pk-table tbody tr", (r) => r.length) === 1, "peer (DE): not exactly one package");
  const ov = await visit(page, "peer", "#/overview", "overview-forbidden");
  check(ov.includes("may not"), "peer sees the overview");
});

// ---- a peer of another state: the package for DE is not for it ----
await guard("peer2", async () => {
  const page = await session("peer2");
  const text = await visit(page, "peer2", "#/eu", "eu-nothing");
  check(await page.$("#pk-none") !== null && !(exportDigest && text.includes(exportDigest)), "peer (FR) sees the package for DE");
  check(JSON.parse((await api(page, "/api/v1/packages")).body).packages.length === 0, "peer (FR): the API lists a package");
});

// ---- the admin: users, tokens, audit with filters ----
await guard("admin", async () => {
  const page = await session("admin");
  const nav = await navOf(page);
  for (const n of ["Overview", "Users", "Tokens", "Audit"]) check(nav.includes(n), "admin nav lacks " + n);
  let text = await visit(page, "admin", "#/users", "users");
  check(text.includes("analyst") && text.includes(operator), "users page lacks users");
  await page.fill("#u-name", "newanalyst");
  await page.selectOption("#u-role", "analyst");
  await page.fill("#u-pw", "another long password");
  await page.click("#user-add button[type=submit]");
  await page.waitForFunction(() => document.body.innerText.includes("newanalyst"));
  const users = JSON.parse((await api(page, "/api/v1/users")).body).users;
  check(users.some((u) => u.name === "newanalyst" && u.role === "analyst" && !u.disabled), "user not added from the page");
  await page.waitForSelector("#u-disable");
  await page.selectOption("#u-disable", "newanalyst");
  await page.click("#user-disable button[type=submit]");
  await page.waitForFunction(() => ![...document.querySelectorAll("#u-disable option")].some((o) => o.value === "newanalyst"));
  check(JSON.parse((await api(page, "/api/v1/users")).body).users.find((u) => u.name === "newanalyst").disabled, "user not disabled from the page");
  text = await visit(page, "admin", "#/tokens", "tokens");
  await page.click("#token-create button[type=submit]");
  await page.waitForSelector("pre.secret");
  text = await visit(page, "admin", "#/audit?action=policy.put", "audit");
  check(text.includes("policy.put") && !text.includes("measures set"), "audit filter by action");
  check(text.includes("intact"), "audit chain not shown intact");
});

// ---- the HTML report of an EU27-sized network: no sideways scroll of the page ----
await guard("report", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await ctx.newPage();
  current = page;
  await page.goto("file://" + process.env.REPORT);
  await page.waitForFunction(() => document.body.dataset.chartsRendered !== undefined, null, { timeout: 20000 }).catch(() => {});
  for (const w of [1400, 1280, 390]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.waitForTimeout(100);
    const sw = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    check(sw[0] <= sw[1], `the EU27 report scrolls sideways at ${w} px (${sw[0]} > ${sw[1]})`);
    if (sw[0] > sw[1]) await page.screenshot({ path: path.join(shots, "report-" + w + ".png") });
  }
  await ctx.close();
});

await browser.close();
if (failures.length) {
  console.error(`dashboard: ${failures.length} of ${checks} checks failed; screenshots in ${shots}`);
  process.exit(1);
}
fs.rmSync(shots, { recursive: true, force: true });
console.log(`dashboard: ${checks} checks passed`);
