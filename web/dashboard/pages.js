/*
 * pages.js — the dashboard's pages for analysts, operators and peers
 * (docs/dashboard.md): overview, drill-down, kill-switch and what-if,
 * policies, submissions, measures and the EU view. Each asks the API and
 * lays out what it answers; an operator's user gets its own operator's
 * answers from the same routes (the server scopes them).
 */
"use strict";
(function () {
  const N5 = window.N5, el = N5.el, NAT = N5.NAT;
  const OPS = ["admin", "analyst", "operator"];
  const snap = () => ({ snapshot: N5.ctx().snapshot });
  const drill = (params) => N5.link("/drill", params);

  /* ---------- overview ---------- */
  N5.page("/overview", "Overview", OPS, async function (main) {
    await N5.contextBar(true);
    const slots = {};
    for (const k of ["head", "shares", "matrix", "losses", "rules", "measures"]) slots[k] = el("div", { class: "slot", id: "ov-" + k });
    main.append(slots.head,
      N5.section("Vendor shares by domain", slots.shares),
      N5.section("Risk before and after measures", slots.matrix),
      N5.section("Kill-switch: what each vendor could switch off", slots.losses),
      N5.section("Policy rules", slots.rules),
      N5.section("Measures in place", slots.measures));
    const summary = N5.get("/api/v1/summary", snap());
    const risk = N5.get("/api/v1/risk");
    const ks = N5.get("/api/v1/killswitch", snap());
    await Promise.all([
      N5.into(slots.head, async () => {
        // the counts first, the risk and kill-switch figures when they come
        const sum = await summary;
        slots.head.replaceChildren(headline(sum, null, null));
        return headline(sum, await risk, await ks);
      }),
      N5.into(slots.shares, async () => shares(await N5.get("/api/v1/diversity", Object.assign({ by: "domain" }, snap())))),
      N5.into(slots.matrix, async () => matrices(await risk)),
      N5.into(slots.losses, async () => losses(await ks)),
      N5.into(slots.rules, () => rules(), "Policies"),
      N5.into(slots.measures, async () => measuresInPlace(await N5.get("/api/v1/measures", snap()))),
    ]);
  });

  function largestLoss(ks) {
    let best = null;
    for (const s of ks.scenarios) if (!best || s.subscribers_lost > best.subscribers_lost) best = s;
    return best;
  }
  function headline(sum, risk, ks) {
    const radio = sum.operators.reduce((a, o) => a + (o.radio_sites || 0), 0);
    if (!risk || !ks)
      return N5.tiles([["Operators", N5.num(sum.totals.operators), "as of " + sum.as_of], ["Radio sites", N5.num(radio), null],
        ["Active elements", N5.num(sum.totals.active_elements), N5.num(sum.totals.vendors) + " vendors"], ["Risk and kill-switch", "…", "computing"]]);
    const ind = risk.scopes[0] ? risk.scopes[0].indicators : {};
    const sc = risk.scopes[0] ? risk.scopes[0].scenarios : [];
    const high = sc.filter((s) => ["high", "critical"].includes(s.residual.level));
    const big = largestLoss(ks);
    const base = ks.baseline.subscribers || 1;
    return N5.tiles([
      ["Operators", N5.num(sum.totals.operators), "as of " + sum.as_of],
      ["Radio sites", N5.num(radio), null],
      ["Active elements", N5.num(sum.totals.active_elements), N5.num(sum.totals.vendors) + " vendors"],
      ["High-risk share", N5.pct(ind.high_risk_weighted_share), "weighted by sensitivity"],
      ["Largest kill-switch loss", big ? N5.pct(big.subscribers_lost / base) : "–", big ? big.vendors.join(" + ") + ": " + N5.num(big.subscribers_lost) + " subscribers" : null],
      ["Scenarios still high or critical", N5.num(high.length) + " of " + N5.num(sc.length), high.map((s) => s.scenario).join(", ") || "none"],
    ]);
  }
  function shares(div) {
    const groups = div.groups.slice().sort((a, b) => String(a.domain).localeCompare(String(b.domain)));
    const vendors = [...new Set(groups.flatMap((g) => g.vendors.map((v) => v.vendor)))].sort();
    const chart = N5.chart("Vendor share of active elements by domain", groups.map((g) => g.domain),
      vendors.map((v) => ({ label: v, data: groups.map((g) => { const x = g.vendors.find((y) => y.vendor === v); return x ? x.share : 0; }) })),
      { stacked: true, horizontal: true, fmt: N5.pct, labelName: "Domain", link: (d, s) => drill({ domain: d, vendor: s.label }) });
    const rows = groups.map((g) => ({ domain: g.domain, total: g.total, hhi: g.hhi, top: g.vendors[0] ? g.vendors[0].vendor : "", top_share: g.vendors[0] ? g.vendors[0].share : null, single: g.single_vendor ? "yes" : "no" }));
    const tbl = N5.table("HHI by domain", [
      { key: "domain", label: "Domain", link: (r) => drill({ domain: r.domain }) },
      { key: "total", label: "Elements", num: true, fmt: N5.num },
      { key: "hhi", label: "HHI (0–10,000)", num: true, fmt: N5.hhi },
      { key: "top", label: "Largest vendor", link: (r) => drill({ domain: r.domain, vendor: r.top }) },
      { key: "top_share", label: "Its share", num: true, fmt: N5.pct },
      { key: "single", label: "Single vendor" },
    ], rows);
    return [chart, tbl];
  }
  function matrix(caption, sc, pick) {
    const cells = {};
    for (const s of sc) { const p = pick(s); (cells[p.likelihood + "," + p.impact] = cells[p.likelihood + "," + p.impact] || []).push(s.scenario); }
    const rows = [];
    for (let l = 5; l >= 1; l--) {
      rows.push(el("tr", {}, el("th", { scope: "row" }, "Likelihood " + l), [1, 2, 3, 4, 5].map((i) => {
        // the cell's level as the risk method bands scores (docs/risk-method.md, the report's matrix)
        const sc = l * i, lvl = sc <= 4 ? "low" : sc <= 9 ? "medium" : sc <= 16 ? "high" : "critical";
        return el("td", { class: "m-" + lvl }, (cells[l + "," + i] || []).map((c) => el("span", { class: "chip" }, c)));
      })));
    }
    return el("div", { class: "scroll" }, el("table", { class: "matrix" }, el("caption", {}, caption),
      el("thead", {}, el("tr", {}, el("td", {}), [1, 2, 3, 4, 5].map((i) => el("th", { scope: "col" }, "Impact " + i)))), el("tbody", {}, rows)));
  }
  function matrices(risk) {
    const sc = risk.scopes[0] ? risk.scopes[0].scenarios : [];
    const tbl = N5.table("Risk scenarios", [
      { key: "scenario", label: "Scenario" }, { key: "title", label: "Title" },
      { key: "score", label: "Score before", num: true, fmt: N5.num }, { key: "level", label: "Level before" },
      { key: "rscore", label: "Score after", num: true, fmt: N5.num }, { key: "rlevel", label: "Level after" },
    ], sc.map((s) => ({ scenario: s.scenario, title: s.title, score: s.score, level: s.level, rscore: s.residual.score, rlevel: s.residual.level })));
    return [el("div", { class: "pair" }, matrix("Before measures", sc, (s) => s), matrix("After measures", sc, (s) => s.residual)), tbl];
  }
  function losses(ks) {
    const sc = ks.scenarios.slice().sort((a, b) => b.subscribers_lost - a.subscribers_lost);
    const base = ks.baseline.subscribers || 1;
    const chart = N5.chart("Subscribers cut off if the vendor switched off", sc.map((s) => s.vendors.join(" + ")), [{ label: "Subscribers lost", data: sc.map((s) => s.subscribers_lost) }], { horizontal: true, labelName: "Vendor", link: (v) => N5.link("/killswitch", { vendors: v.replace(/ \+ /g, "+") }) });
    const rows = sc.map((s) => ({ vendor: s.vendors.join("+"), sites_lost: s.sites_lost, subscribers_lost: s.subscribers_lost, share: s.subscribers_lost / base, elements_failed: s.elements_failed }));
    return [chart, N5.table("Kill-switch losses per vendor", [
      { key: "vendor", label: "Vendor", link: (r) => N5.link("/killswitch", { vendors: r.vendor }) },
      { key: "sites_lost", label: "Radio sites lost", num: true, fmt: N5.num },
      { key: "subscribers_lost", label: "Subscribers lost", num: true, fmt: N5.num },
      { key: "share", label: "Share of subscribers", num: true, fmt: N5.pct },
      { key: "elements_failed", label: "Elements failed", num: true, fmt: N5.num },
    ], rows)];
  }
  async function rules() {
    let list;
    try { list = (await N5.get("/api/v1/policies")).policies; } catch (e) {
      if (e.status === 403) return el("p", { class: "note" }, "The stored policies are the authority's; the rules that concern you are in its findings.");
      throw e;
    }
    if (!list.length) return el("p", { class: "note" }, "No stored policy yet: add one on the ", el("a", { href: N5.link("/policies") }, "Policies"), " page.");
    const name = list[0].name;
    const chk = await N5.get("/api/v1/check", { policy: name, at: N5.ctx().at, snapshot: N5.ctx().snapshot });
    return [el("p", {}, "Policy “" + name + "” at " + chk.at + ": " + N5.num(chk.summary.violation) + " violated, " + N5.num(chk.summary.pending) + " pending, " + N5.num(chk.summary.ok) + " ok."), rulesTable(chk, name)];
  }
  function rulesTable(chk, policy) {
    return N5.table("Rules", [
      { key: "id", label: "Rule", link: (r) => drill({ rule: r.id, policy }) }, { key: "title", label: "Title" },
      { key: "status", label: "Status", cls: (r) => "st-" + r.status }, { key: "deadline", label: "Deadline" },
      { key: "days_left", label: "Days left", num: true, fmt: N5.num },
      { key: "findings", label: "Findings", num: true, fmt: N5.num }, { key: "must_change", label: "Must change", num: true, fmt: N5.num },
      { key: "forecast", label: "Phase-out forecast" },
      { key: "where", label: "Operators with findings", link: null },
    ], chk.rules.map((r) => ({ where: whoBreaks(r), id: r.id, title: r.title, status: r.status, deadline: r.deadline, days_left: r.days_left, findings: r.findings, must_change: r.must_change,
      forecast: r.forecast ? (r.forecast.date ? r.forecast.date + (r.forecast.before_deadline ? " (in time)" : " (late)") : r.forecast.status.replace(/_/g, " ")) : "" })));
  }
  /* the operators named in a rule's findings: the groups of elements a deny
   * rule found, the groups out of bounds of a cap or require rule */
  function whoBreaks(r) {
    const ops = new Set();
    for (const g of r.element_groups || []) if (g.operator) ops.add(g.operator);
    for (const g of r.groups || []) if (g.must_change > 0 && g.keys && g.keys.operator) ops.add(g.keys.operator);
    return [...ops].sort().join(", ");
  }
  function measuresInPlace(m) {
    const rows = m.scopes.map((s) => {
      const c = { scope: s.scope, kind: s.kind, implemented: 0, partial: 0, planned: 0, none: 0, unknown: 0 };
      for (const x of s.measures) c[x.status || "unknown"]++;
      return c;
    });
    return N5.table("Measures by scope", [
      { key: "scope", label: "Scope", link: (r) => N5.link("/measures", { scope: r.scope }) }, { key: "kind", label: "Kind" },
      { key: "implemented", label: "Implemented", num: true, fmt: N5.num }, { key: "partial", label: "Partial", num: true, fmt: N5.num },
      { key: "planned", label: "Planned", num: true, fmt: N5.num }, { key: "none", label: "None", num: true, fmt: N5.num },
      { key: "unknown", label: "Not given", num: true, fmt: N5.num },
    ], rows);
  }

  /* ---------- drill-down ---------- */
  const FILTERS = ["operator", "vendor", "domain", "region", "site", "status", "rule", "policy"];
  N5.page("/drill", "Elements", OPS, async function (main, params) {
    await N5.contextBar(false);
    const form = el("form", { class: "filters", id: "drill-form" });
    for (const f of FILTERS) {
      // an operator filters its own elements; the stored policies (and so their rules) are the authority's
      if (N5.me.role === "operator" && ["operator", "rule", "policy"].includes(f)) continue;
      form.append(el("span", { class: "field" }, el("label", { for: "f-" + f }, f === "policy" ? "Policy (of the rule)" : f[0].toUpperCase() + f.slice(1)), el("input", { id: "f-" + f, name: f, value: params.get(f) || "" })));
    }
    form.append(el("span", { class: "field" }, el("input", { id: "f-high", name: "high_risk", type: "checkbox", value: "1", checked: params.get("high_risk") === "1" }), el("label", { for: "f-high" }, "High-risk only")));
    form.append(el("button", { type: "submit" }, "Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = {};
      for (const f of FILTERS) if (form.elements[f] && form.elements[f].value) p[f] = form.elements[f].value;
      if (form.elements.high_risk.checked) p.high_risk = "1";
      N5.go(N5.link("/drill", p));
    });
    const out = el("div", { id: "drill-out" });
    main.append(form, out);
    const q = {};
    for (const [k, v] of params) if (v) q[k] = v;
    q.limit = q.limit || "50";
    await N5.into(out, async () => elements(await N5.get("/api/v1/elements", q), q), "The element list");
  });
  function elements(doc, q) {
    const cols = ["id", "operator", "site", "region", "domain", "function", "vendor", "product", "status", "installed", "high_risk"];
    const sortBtn = (c) => {
      const p = Object.assign({}, q, { sort: c, desc: sorted === c && !doc.desc ? "1" : "", offset: "" });
      return el("a", { href: "#/drill" + N5.qs(p), class: "sort" }, c.replace("_", " "));
    };
    // the API sorts by every column but high_risk (docs/elements.md), id by default
    const sorted = doc.sort || "id";
    const table = el("table", { class: "data", id: "drill-table" }, el("caption", {}, N5.num(doc.total) + " elements of the snapshot of " + doc.as_of + "; " + N5.num(doc.elements.length ? doc.offset + 1 : 0) + "–" + N5.num(doc.offset + doc.elements.length) + " shown, by " + sorted + (doc.desc ? " (descending)" : "")),
      el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col", "aria-sort": c === "high_risk" ? null : sorted === c ? (doc.desc ? "descending" : "ascending") : "none" }, c === "high_risk" ? "high risk" : sortBtn(c))))),
      el("tbody", {}, doc.elements.map((e) => el("tr", {}, cols.map((c) => el("td", {}, c === "high_risk" ? (e[c] ? "yes" : "no") : e[c] ?? "–"))))));
    const page = (off) => "#/drill" + N5.qs(Object.assign({}, q, { offset: String(Math.max(0, off)) }));
    const lim = doc.limit || 50;
    const nav = el("nav", { class: "pager", "aria-label": "Pages of elements" },
      doc.offset > 0 ? el("a", { href: page(doc.offset - lim) }, "← Previous") : null, " ",
      doc.offset + doc.elements.length < doc.total ? el("a", { href: page(doc.offset + lim) }, "Next →") : null);
    // the server's CSV of the same request: exactly the rows shown
    const csv = el("button", { type: "button", id: "drill-csv", onclick: async () => {
      try { N5.download("elements.csv", await N5.api("GET", "/api/v1/elements" + N5.qs(Object.assign({}, q, { format: "csv" })))); } catch (e) { csv.after(N5.errorBox(e)); }
    } }, "Download these rows as CSV");
    const rule = doc.rule ? el("p", { id: "drill-rule" }, "Rule " + doc.rule.id + " (" + doc.rule.kind + ") at " + doc.rule.at + ": " + doc.rule.status + ", " + N5.num(doc.rule.findings) + " findings; the elements behind them:") : null;
    return [rule, csv, el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": "Elements" }, table), nav];
  }

  /* ---------- kill-switch and what-if ---------- */
  N5.page("/killswitch", "Kill-switch & what-if", OPS, async function (main, params) {
    await N5.contextBar(false);
    const sum = await N5.get("/api/v1/summary", snap());
    const vendors = [...new Set(Object.values(sum.top_vendors).flat().map((v) => v.vendor))].sort();
    const chosen = (params.get("vendors") || "").split("+").filter(Boolean);
    const fs = el("fieldset", { class: "vendors" }, el("legend", {}, "Vendors that switch off (together)"),
      vendors.map((v, i) => el("span", { class: "field" }, el("input", { type: "checkbox", id: "v-" + i, name: "vendor", value: v, checked: chosen.includes(v) }), el("label", { for: "v-" + i }, v))));
    const form = el("form", { id: "ks-form" }, fs, el("button", { type: "submit" }, "Run"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const v = [...form.querySelectorAll("input[name=vendor]:checked")].map((x) => x.value);
      N5.go(N5.link("/killswitch", { vendors: v.join("+") }));
    });
    const out = el("div", { id: "ks-out" });
    main.append(form, out);
    if (!chosen.length) { out.append(el("p", { class: "note" }, "Choose one or more vendors and run.")); return; }
    const country = (sum.operators[0] || {}).country;
    await N5.into(out, async () => {
      // the bans are asked at once but shown when they come: the losses first
      const bans = Promise.all(chosen.map((v) => N5.get("/api/v1/whatif/ban", Object.assign({ vendor: v }, snap())).catch((e) => ({ vendor: v, error: e }))));
      const ks = await N5.get("/api/v1/killswitch", Object.assign({ vendors: chosen.join("+") }, snap()));
      return killswitchResult(ks, ks.scenarios[0], bans, country);
    });
  });
  async function killswitchResult(ks, s, bans, country) {
    const base = ks.baseline;
    const head = N5.tiles([
      ["Radio sites lost", N5.num(s.sites_lost), "of " + N5.num(base.sites)],
      ["Subscribers lost", N5.num(s.subscribers_lost), N5.pct(s.subscribers_lost / (base.subscribers || 1)) + " of " + N5.num(base.subscribers)],
      ["Elements failed", N5.num(s.elements_failed), N5.num(s.elements_failed_through_dependencies) + " more through dependencies"],
    ]);
    const ops = Object.entries(s.per_operator).map(([op, x]) => ({ operator: op, sites: x.sites, sites_lost: x.sites_lost, subscribers: x.subscribers, subscribers_lost: x.subscribers_lost }));
    const regions = Object.entries(s.per_region).map(([r, x]) => ({ region: r || "(none)", sites_lost: x.sites_lost, subscribers_lost: x.subscribers_lost })).sort((a, b) => b.subscribers_lost - a.subscribers_lost);
    const opChart = N5.chart("Subscribers lost per operator", ops.map((o) => o.operator), [{ label: "Subscribers lost", data: ops.map((o) => o.subscribers_lost) }, { label: "Subscribers kept", data: ops.map((o) => o.subscribers - o.subscribers_lost) }], { stacked: true, horizontal: true, labelName: "Operator", link: (o) => drill({ operator: o }) });
    const opTable = N5.table("Losses per operator", [
      { key: "operator", label: "Operator", link: (r) => drill({ operator: r.operator, vendor: s.vendors.length === 1 ? s.vendors[0] : "" }) },
      { key: "sites", label: "Radio sites", num: true, fmt: N5.num }, { key: "sites_lost", label: "Sites lost", num: true, fmt: N5.num },
      { key: "subscribers", label: "Subscribers", num: true, fmt: N5.num }, { key: "subscribers_lost", label: "Subscribers lost", num: true, fmt: N5.num },
    ], ops, { csv: "killswitch-operators" });
    const regTable = N5.table("Losses per region", [
      { key: "region", label: "Region", link: (r) => drill({ region: r.region }) },
      { key: "sites_lost", label: "Sites lost", num: true, fmt: N5.num }, { key: "subscribers_lost", label: "Subscribers lost", num: true, fmt: N5.num },
    ], regions, { csv: "killswitch-regions" });
    const mapSlot = el("div", { class: "slot" });
    const values = {};
    for (const r of regions) values[r.region] = r.subscribers_lost;
    N5.into(mapSlot, () => (country ? N5.regionMap(country, values, "subscribers lost") : null));
    const banSlot = el("div", { class: "slot", id: "ks-bans" });
    N5.into(banSlot, async () => (await bans).map(banCard));
    return [head,
      N5.section("Per operator", opChart, opTable),
      N5.section("Per region", el("div", { class: "pair" }, mapSlot, regTable)),
      N5.section("What a ban would cost", banSlot)];
  }
  function banCard(b) {
    if (b.error) return el("div", {}, el("h3", {}, "Ban " + b.vendor), N5.errorBox(b.error));
    const hhi = (doc) => Object.fromEntries((doc.groups || []).map((g) => [g.domain, g.hhi]));
    const before = hhi(b.national_before || {}), after = hhi(b.national_after || {});
    const rows = Object.keys(before).map((d) => ({ domain: d, before: before[d], after: after[d] }));
    return el("div", { class: "ban" }, el("h3", {}, "Ban " + b.vendor),
      N5.tiles([
        ["Elements to replace", N5.num(b.elements), b.domains.join(", ")],
        ["Cost", N5.eur(b.cost_eur), b.cost_complete ? "complete" : "some unit costs unknown"],
        ["Time", b.months === null ? "–" : N5.num(b.months) + " months", b.rate_per_month ? N5.num(b.rate_per_month) + " elements a month" : null],
      ]),
      N5.table("National HHI before and after banning " + b.vendor, [
        { key: "domain", label: "Domain" }, { key: "before", label: "HHI before", num: true, fmt: N5.hhi }, { key: "after", label: "HHI after", num: true, fmt: N5.hhi },
      ], rows),
      N5.table("Replacement cost of " + b.vendor, [
        { key: "domain", label: "Domain" }, { key: "function", label: "Function" }, { key: "elements", label: "Elements", num: true, fmt: N5.num },
        { key: "unit_cost_eur", label: "Unit cost", num: true, fmt: N5.eur }, { key: "cost_eur", label: "Cost", num: true, fmt: N5.eur },
      ], b.replace));
  }

  /* ---------- policies ---------- */
  N5.page("/policies", "Policies", NAT, async function (main, params) {
    const list = (await N5.get("/api/v1/policies")).policies;
    const name = params.get("name") || (list[0] ? list[0].name : "");
    main.append(N5.section("Stored policies", list.length ? N5.table("Stored policies", [
      { key: "name", label: "Name", link: (r) => N5.link("/policies", { name: r.name }) }, { key: "bytes", label: "Size (bytes)", num: true, fmt: N5.num },
      { key: "updated_at", label: "Updated" }, { key: "updated_by", label: "By" },
    ], list, { noCsv: true }) : el("p", { class: "note" }, "None yet.")));
    const text = name ? await N5.api("GET", "/api/v1/policies/" + encodeURIComponent(name)).catch(() => "") : "";
    const nameIn = el("input", { id: "pol-name", name: "name", value: name, required: true, pattern: "[A-Za-z0-9._\\-]+" });
    const area = el("textarea", { id: "pol-text", name: "text", rows: "18", spellcheck: "false", "aria-describedby": "pol-diags" });
    area.value = text;
    const diags = el("div", { id: "pol-diags", "aria-live": "polite" });
    const saved = el("div", { id: "pol-saved", role: "status" });
    const form = el("form", { id: "pol-form", class: "editor" }, el("label", { for: "pol-name" }, "Name"), nameIn, el("label", { for: "pol-text" }, "Policy text"), area, diags, el("button", { type: "submit" }, "Save"), saved);
    let timer = null, seq = 0;
    const check = async () => {
      const my = ++seq;
      const nm = nameIn.value || "draft";
      try {
        const r = await N5.api("PUT", "/api/v1/policies/" + encodeURIComponent(nm) + "?check=1", area.value, "text/plain");
        if (my !== seq) return;
        diags.dataset.name = nm;
        showDiags(r.diagnostics, area, diags, r.valid);
      } catch (e) { if (my === seq) diags.replaceChildren(N5.errorBox(e)); }
    };
    area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 300); });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const r = await N5.api("PUT", "/api/v1/policies/" + encodeURIComponent(nameIn.value), area.value, "text/plain");
        saved.replaceChildren(el("p", { class: "ok" }, "Stored “" + r.stored + "” (" + N5.num(r.bytes) + " bytes)."));
      } catch (e) { saved.replaceChildren(N5.errorBox(e)); if (e.diagnostics) showDiags(e.diagnostics, area, diags, false); }
    });
    const at = el("input", { id: "pol-at", type: "date", name: "at", value: N5.ctx().at });
    const out = el("div", { id: "pol-check" });
    const run = el("form", { id: "pol-run", class: "inline" }, el("label", { for: "pol-at" }, "Check at"), at, el("button", { type: "submit" }, "Run the check"));
    run.addEventListener("submit", (ev) => {
      ev.preventDefault();
      N5.into(out, async () => { const c = await N5.get("/api/v1/check", { policy: nameIn.value, at: at.value }); return [el("p", {}, "At " + c.at + ": " + N5.num(c.summary.violation) + " violated, " + N5.num(c.summary.pending) + " pending, " + N5.num(c.summary.ok) + " ok."), rulesTable(c, nameIn.value)]; });
    });
    main.append(N5.section("Edit", form), N5.section("Check", run, out));
    if (text) check();
  });
  /* each diagnostic with its line of the text and a caret under the column */
  function showDiags(list, area, box, valid) {
    const lines = area.value.split("\n");
    area.setAttribute("aria-invalid", valid ? "false" : "true");
    if (!list.length) { box.replaceChildren(el("p", { class: "ok" }, "No problems.")); return; }
    // as the command line prints them: NAME:LINE:COL, the line, a caret
    box.replaceChildren(N5.diagnostics(list.map((d) => Object.assign({ excerpt: lines[d.line - 1] ?? "" }, d, { file: box.dataset.name || "policy" }))));
    for (const [i, li] of [...box.querySelectorAll("li")].entries()) {
      const d = list[i];
      li.append(" ", el("button", { type: "button", class: "goto", onclick: () => {
        const off = lines.slice(0, d.line - 1).reduce((a, l) => a + l.length + 1, 0) + Math.max(0, d.col - 1);
        area.focus(); area.setSelectionRange(off, off + 1);
      } }, "Go to line " + d.line + ", column " + d.col));
    }
  }

  /* ---------- measures ---------- */
  const STATUSES = ["none", "planned", "partial", "implemented"];
  N5.page("/measures", "Measures", OPS, async function (main, params) {
    const m = await N5.get("/api/v1/measures");
    const scopes = m.scopes.map((s) => s.scope);
    const scope = params.get("scope") && scopes.includes(params.get("scope")) ? params.get("scope") : scopes[0];
    const sel = el("select", { id: "ms-scope" }, scopes.map((s) => el("option", { value: s, selected: s === scope }, s)));
    sel.addEventListener("change", () => N5.go(N5.link("/measures", { scope: sel.value })));
    main.append(el("p", {}, el("label", { for: "ms-scope" }, "Scope "), sel));
    const sc = m.scopes.find((s) => s.scope === scope);
    if (!sc) return;
    const canEdit = NAT.includes(N5.me.role) || (N5.me.role === "operator" && sc.kind === "operator" && sc.scope === N5.me.operator);
    const titles = Object.fromEntries(m.catalogue.map((c) => [c.measure, c]));
    const tbody = el("tbody", {}, sc.measures.map((x) => {
      const t = titles[x.measure] || {};
      let cell;
      if (canEdit) {
        const s = el("select", { id: "ms-" + x.measure, "aria-label": "Status of " + x.measure },
          el("option", { value: "", selected: !x.status, disabled: true }, "not given"), STATUSES.map((v) => el("option", { value: v, selected: v === x.status }, v)));
        s.addEventListener("change", async () => {
          try { await N5.api("POST", "/api/v1/measures", { scope, measure: x.measure, status: s.value }); N5.say(x.measure + " set to " + s.value); s.classList.add("saved"); } catch (e) { s.after(N5.errorBox(e)); }
        });
        cell = s;
      } else cell = x.status || "not given";
      return el("tr", {}, el("td", {}, x.measure), el("td", {}, t.kind || ""), el("td", {}, t.title || ""), el("td", {}, cell), el("td", {}, x.source), el("td", {}, x.evidence || ""), el("td", {}, x.by ? x.by + " " + x.at : x.date || ""));
    }));
    main.append(el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": "Measures of " + scope }, el("table", { class: "data", id: "ms-table" }, el("caption", {}, "Measures of " + scope + (canEdit ? " (editable)" : "")),
      el("thead", {}, el("tr", {}, ["Measure", "Kind", "Title", "Status", "Source", "Evidence", "Set"].map((h) => el("th", { scope: "col" }, h)))), tbody)));
  });

  /* ---------- EU view ---------- */
  const tlp = (t) => N5.tlp(t);
  N5.page("/eu", "EU view", ["admin", "analyst", "peer"], async function (main) {
    let doc;
    if (N5.me.role === "peer") {
      main.append(packagesList(await N5.get("/api/v1/packages")));
      return;
    } else doc = await N5.get("/api/v1/eu");
    main.append(...euView(doc));
  });
  /* GET /api/v1/packages (docs/json.md#packages): a peer sees the approved
   * packages its state may receive, each with its TLP marking */
  function packagesList(doc) {
    const list = (doc.packages || []).slice().reverse();
    if (!list.length) return N5.section("Packages shared with you", el("p", { class: "note", id: "pk-none" }, "Nothing has been shared with your state yet."));
    const rows = list.map((x) => el("tr", {}, el("td", { class: "num" }, String(x.id)), el("td", {}, x.signer), el("td", {}, N5.tlp(x.tlp)),
      el("td", {}, x.recipients.length ? x.recipients.join(", ") : "any peer the marking allows"), el("td", {}, x.snapshot), el("td", {}, x.detail ? "yes" : "no"),
      el("td", {}, x.approved_at), el("td", { class: "num" }, N5.num(x.size) + " bytes"), el("td", {}, el("code", { class: "digest" }, x.digest)),
      el("td", {}, el("a", { href: "/api/v1/packages/" + x.id, download: "package-" + x.id + ".pkg" }, "Download package " + x.id))));
    return N5.section("Packages shared with you", el("p", {}, "The packages approved for your state, newest first; import them with ", el("code", {}, "nis5g import-package"), " or ", el("code", {}, "nis5g pull"), "."),
      el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": "Packages shared with you" }, el("table", { class: "data", id: "pk-table" },
        el("caption", {}, N5.num(list.length) + (list.length === 1 ? " package" : " packages")), el("thead", {}, el("tr", {}, ["Id", "From", "Marking", "Recipients", "Snapshot", "Detail", "Approved", "Size", "Digest (SHA-256)", "File"].map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, rows))));
  }
  function euView(doc) {
    const out = [el("p", {}, "Marking of this view: ", tlp(doc.tlp), ". Each figure carries the marking of the package it comes from.")];
    out.push(N5.section("States", N5.table("States in the view", [
      { key: "state", label: "State" }, { key: "source", label: "Source" }, { key: "snapshot", label: "Snapshot" },
      { key: "tlp", label: "TLP", fmt: (v) => (v ? "TLP:" + v.toUpperCase() : "own") }, { key: "received_by", label: "Received by" },
    ], doc.states)));
    const hr = doc.high_risk_shares || { by_state: [], eu: [] };
    const domains = [...new Set(hr.by_state.map((r) => r.domain))];
    const mapSlot = el("div", { class: "slot" });
    const dsel = el("select", { id: "eu-domain" }, domains.map((d) => el("option", { value: d }, d)));
    const drawMap = () => N5.into(mapSlot, () => N5.euMap(Object.fromEntries(hr.by_state.filter((r) => r.domain === dsel.value).map((r) => [r.state, r.high_risk_share])), "high-risk share of " + dsel.value));
    dsel.addEventListener("change", drawMap);
    if (domains.length) drawMap();
    const tcol = { key: "tlp", label: "TLP", fmt: (v) => (v ? "TLP:" + v.toUpperCase() : "own") };
    out.push(N5.section("High-risk vendors' share", el("p", {}, el("label", { for: "eu-domain" }, "Domain on the map "), dsel), mapSlot,
      N5.table("High-risk share by state and domain", [{ key: "state", label: "State" }, { key: "domain", label: "Domain" }, { key: "elements", label: "Elements", num: true, fmt: N5.num }, { key: "high_risk_elements", label: "High-risk", num: true, fmt: N5.num }, { key: "high_risk_share", label: "Share", num: true, fmt: N5.pct }, tcol], hr.by_state),
      N5.table("EU high-risk share by domain", [{ key: "domain", label: "Domain" }, { key: "states", label: "States", num: true, fmt: N5.num }, { key: "elements", label: "Elements", num: true, fmt: N5.num }, { key: "high_risk_share", label: "Share", num: true, fmt: N5.pct }, tcol], hr.eu)));
    const vs = (doc.vendor_shares || []).flatMap((d) => d.vendors.map((v) => ({ domain: d.domain, vendor: v.vendor, elements: v.elements, share: v.share, states: v.states, tlp: d.tlp })));
    out.push(N5.section("Vendor shares", N5.table("EU vendor shares", [{ key: "domain", label: "Domain" }, { key: "vendor", label: "Vendor" }, { key: "elements", label: "Elements", num: true, fmt: N5.num }, { key: "share", label: "Share", num: true, fmt: N5.pct }, { key: "states", label: "States", num: true, fmt: N5.num }, tcol], vs)));
    out.push(N5.section("Largest kill-switch per state", N5.table("Largest kill-switch", [{ key: "state", label: "State" }, { key: "vendor", label: "Vendor" }, { key: "subscribers_lost_pct", label: "Subscribers lost (%)", num: true, fmt: N5.dec }, { key: "sites_lost_pct", label: "Sites lost (%)", num: true, fmt: N5.dec }, tcol], doc.largest_killswitch || [])));
    out.push(N5.section("Risk ranking", N5.table("EU risk ranking", [{ key: "rank", label: "Rank", num: true }, { key: "scenario", label: "Scenario" }, { key: "mean_score", label: "Mean score", num: true, fmt: N5.dec }, { key: "states", label: "States", num: true, fmt: N5.num }, tcol], doc.risk_ranking || [])));
    const ms = (doc.measures && doc.measures.eu) || [];
    out.push(N5.section("Measures", N5.table("EU measures", [{ key: "measure", label: "Measure" }, { key: "states", label: "States", num: true, fmt: N5.num }, { key: "score", label: "Score (0–1)", num: true, fmt: (v) => (v === null ? "–" : v.toFixed(2)) }, tcol], ms)));
    return out;
  }
})();
