/*
 * app.js — the dashboard's core (docs/dashboard.md): the API client (the
 * session cookie and its CSRF token), formatting, DOM helpers, tables that
 * sort and download as CSV, charts that always come with their numbers as
 * a table, and the hash router with the pages each role may see. Every
 * figure comes from the JSON API; nothing is computed twice here.
 */
"use strict";

const N5 = (window.N5 = {});

/* ---- formatting: thousands separators and units ---- */
const nf = new Intl.NumberFormat("en-GB");
const nf1 = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });
N5.num = (v) => (v === null || v === undefined || v === "" ? "–" : typeof v === "number" ? nf.format(Math.round(v)) : String(v));
N5.dec = (v) => (v === null || v === undefined ? "–" : nf1.format(v));
N5.pct = (share) => (share === null || share === undefined ? "–" : nf1.format(share * 100) + " %");
N5.eur = (v) => (v === null || v === undefined ? "–" : "€ " + nf.format(Math.round(v)));
N5.hhi = (v) => (v === null || v === undefined ? "–" : nf.format(Math.round(v)));

/* ---- DOM ---- */
N5.el = function (tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) e.append(k instanceof Node ? k : String(k));
  return e;
};
const el = N5.el;
N5.main = () => document.getElementById("main");
N5.say = (msg) => { document.getElementById("status").textContent = msg; };

/* ---- the API ---- */
N5.csrf = () => sessionStorage.getItem("nis5g.csrf") || "";
N5.ApiError = class extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || "HTTP " + status);
    this.status = status;
    this.code = e.code || "";
    this.diagnostics = e.diagnostics || [];
  }
};
N5.api = async function (method, path, body, type) {
  const opts = { method, credentials: "same-origin", headers: {} };
  if (method !== "GET") opts.headers["X-CSRF-Token"] = N5.csrf();
  if (body !== undefined) {
    if (typeof body === "string" || body instanceof FormData) opts.body = body;
    else { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
    if (type) opts.headers["Content-Type"] = type;
  }
  const r = await fetch(path, opts);
  const ct = r.headers.get("Content-Type") || "";
  const data = ct.includes("json") ? await r.json() : await r.text();
  if (r.status === 401 && path !== "/api/v1/session") { N5.me = null; N5.go("#/login"); }
  if (!r.ok) throw new N5.ApiError(r.status, data);
  return data;
};
N5.get = (path, params) => N5.api("GET", path + N5.qs(params));
N5.qs = function (params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === null || v === undefined || v === "") continue;
    for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  }
  const s = u.toString();
  return s ? "?" + s : "";
};
/* the snapshot and date the page was asked for (#/page?snapshot=&at=) */
N5.ctx = () => ({ snapshot: N5.route.params.get("snapshot") || "", at: N5.route.params.get("at") || "" });

/* A box that says what went wrong; something that is not there (404: an
 * unknown id, another operator's, an older server's missing route) is a
 * note with the server's words. */
N5.errorBox = function (e, what) {
  if (e && e.status === 404) return el("p", { class: "note" }, (what ? what + ": " : "") + ((e && e.message) || "not found") + ".");
  if (e && e.status === 403) return el("p", { class: "note" }, "Your role may not see this.");
  const box = el("div", { class: "error", role: "alert" }, el("p", {}, (e && e.message) || String(e)));
  if (e && e.diagnostics && e.diagnostics.length) box.append(N5.diagnostics(e.diagnostics));
  return box;
};
/* Diagnostics as the command line prints them: file:line:col, the line, a caret. */
N5.diagnostics = function (list) {
  const ul = el("ul", { class: "diags" });
  for (const d of list) {
    const where = [d.file, d.line, d.col].filter((x) => x !== undefined && x !== null && x !== "").join(":");
    const li = el("li", { class: "diag " + (d.severity || "error") },
      el("span", { class: "where" }, where ? where + ":" : ""), " ", el("strong", {}, (d.severity || "error") + ":"), " ", d.message || "");
    if (d.excerpt !== undefined && d.excerpt !== null) {
      const no = String(d.line || "");
      const caret = " ".repeat(Math.max(0, (d.col || 1) - 1)) + "^";
      li.append(el("pre", { class: "excerpt" }, `${no} | ${d.excerpt}\n${" ".repeat(no.length)} | ${caret}`));
    }
    ul.append(li);
  }
  return ul;
};

/* ---- tables ---- */
/* cols: [{key, label, fmt, num, link}] ; rows: objects. Sortable by header
 * buttons, with a CSV download of exactly the rows and columns shown. */
N5.table = function (caption, cols, rows, opts) {
  opts = opts || {};
  let sortKey = null, desc = false;
  const tbody = el("tbody");
  const heads = cols.map((c) => {
    const b = el("button", { type: "button", class: "sort", onclick: () => { desc = sortKey === c.key ? !desc : false; sortKey = c.key; fill(); } }, c.label);
    return el("th", { scope: "col", class: c.num ? "num" : null }, b);
  });
  function cellText(c, r) { const v = r[c.key]; return c.fmt ? c.fmt(v, r) : v === null || v === undefined ? "–" : String(v); }
  function fill() {
    let rs = rows.slice();
    if (sortKey) rs.sort((a, b) => { const x = a[sortKey], y = b[sortKey]; const o = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? "")); return desc ? -o : o; });
    cols.forEach((c, i) => heads[i].setAttribute("aria-sort", c.key === sortKey ? (desc ? "descending" : "ascending") : "none"));
    tbody.replaceChildren(...rs.map((r) => el("tr", {}, cols.map((c) => {
      const t = cellText(c, r);
      const inner = c.link ? el("a", { href: c.link(r) }, t) : t;
      return el("td", { class: (c.num ? "num " : "") + (c.cls ? c.cls(r) : "") }, inner);
    }))));
    table.shown = rs;
  }
  const table = el("table", { class: "data" }, el("caption", {}, caption), el("thead", {}, el("tr", {}, heads)), tbody);
  fill();
  const csvName = (opts.csv || caption).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") + ".csv";
  const dl = el("button", { type: "button", class: "csv", onclick: () => N5.download(csvName, N5.csv(cols, table.shown)) }, "CSV");
  dl.setAttribute("aria-label", "Download " + caption + " as CSV");
  return el("div", { class: "table-wrap" }, opts.noCsv ? null : dl, el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": caption }, table));
};
N5.csvField = (v) => { const s = v === null || v === undefined ? "" : String(v); return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s; };
/* raw values, not the formatted ones: a spreadsheet reads them as numbers */
N5.csv = (cols, rows) => [cols.map((c) => N5.csvField(c.csv || c.key)).join(",")].concat(rows.map((r) => cols.map((c) => N5.csvField(r[c.key])).join(","))).join("\n") + "\n";
N5.download = function (name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: type || "text/csv" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

/* ---- charts: chart.js, each with its numbers as a table ---- */
N5.palette = ["#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490", "#a16207", "#4b5563", "#be185d", "#065f46"];
N5.charts = [];
/* labels: x labels; series: [{label, data}] ; unit fmt for the table */
N5.chart = function (title, labels, series, opts) {
  opts = opts || {};
  const canvas = el("canvas", { role: "img", "aria-label": title + " (chart; the numbers are in the table below it)" });
  const box = el("div", { class: "chart" }, canvas);
  const rows = labels.map((l, i) => { const r = { label: l }; series.forEach((s, j) => { r["s" + j] = s.data[i]; }); return r; });
  const cols = [{ key: "label", label: opts.labelName || "" }].concat(series.map((s, j) => ({ key: "s" + j, label: s.label, num: true, fmt: opts.fmt || N5.num })));
  const tbl = el("details", { class: "numbers" }, el("summary", {}, "Numbers of “" + title + "” as a table"), N5.table(title, cols, rows));
  const fig = el("figure", { class: "figure" }, el("figcaption", {}, title), box, tbl);
  if (window.Chart) {
    const c = new window.Chart(canvas, {
      type: opts.type || "bar",
      data: { labels, datasets: series.map((s, j) => ({ label: s.label, data: s.data, backgroundColor: s.color || N5.palette[j % N5.palette.length] })) },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        indexAxis: opts.horizontal ? "y" : "x",
        /* a bar leads to what is behind it (the same link as the table's) */
        onClick: opts.link ? (ev, hit) => { if (hit.length) N5.go(opts.link(labels[hit[0].index], series[hit[0].datasetIndex])); } : undefined,
        plugins: { legend: { display: series.length > 1 }, tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + ": " + (opts.fmt || N5.num)(ctx.raw) } } },
        scales: (() => {
          const v = opts.horizontal ? "x" : "y", sc = { x: { stacked: !!opts.stacked }, y: { stacked: !!opts.stacked } };
          sc[v].ticks = { callback: (t) => (opts.fmt || N5.num)(t) };
          if (opts.fmt === N5.pct) sc[v].max = 1;
          return sc;
        })(),
      },
    });
    N5.charts.push(c);
  }
  return fig;
};

/* ---- layout helpers ---- */
/* a TLP marking as a badge ("own" for the state's own figures) */
N5.tlp = (t) => el("span", { class: "tlp tlp-" + String(t || "own").replace(/[^a-z]/g, "") }, t ? "TLP:" + String(t).toUpperCase() : "own");
N5.section = (title, ...kids) => el("section", { class: "card" }, el("h2", {}, title), ...kids);
N5.tiles = (items) => el("ul", { class: "tiles" }, items.map(([label, value, sub]) => el("li", { class: "tile" }, el("span", { class: "tile-label" }, label), el("span", { class: "tile-value" }, value), sub ? el("span", { class: "tile-sub" }, sub) : null)));
N5.loading = () => el("p", { class: "loading" }, "Loading…");
/* run an async filler into a placeholder, errors shown in place */
N5.into = function (holder, fn, what) {
  holder.replaceChildren(N5.loading());
  return Promise.resolve().then(fn).then((node) => { holder.replaceChildren(...(node ? [node].flat() : [])); })
    .catch((e) => { holder.replaceChildren(N5.errorBox(e, what)); });
};

/* ---- roles and routes ---- */
const NAT = ["admin", "analyst"];
N5.pages = []; // {path, title, roles, render}
N5.page = (path, title, roles, render) => N5.pages.push({ path, title, roles, render });
N5.allowed = (p) => N5.me && p.roles.includes(N5.me.role);
N5.NAT = NAT;
N5.go = (h) => { if (location.hash !== h) location.hash = h; else N5.render(); };
N5.parseHash = function () {
  const h = location.hash.replace(/^#/, "") || "/";
  const [path, q] = h.split("?");
  return { path, params: new URLSearchParams(q || "") };
};
N5.link = function (path, params) {
  const p = new URLSearchParams();
  const c = N5.ctx();
  if (c.snapshot) p.set("snapshot", c.snapshot);
  if (c.at) p.set("at", c.at);
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const s = p.toString();
  return "#" + path + (s ? "?" + s : "");
};
N5.home = () => (N5.me.role === "peer" ? "/eu" : N5.me.role === "operator" ? "/overview" : "/overview");

/* the menu's order, whichever file registers a page */
N5.navOrder = ["/overview", "/drill", "/killswitch", "/policies", "/submissions", "/exports", "/measures", "/eu", "/users", "/tokens", "/audit"];
N5.renderNav = function (active) {
  const nav = document.getElementById("nav");
  const who = document.getElementById("who");
  if (!N5.me) { nav.replaceChildren(); who.replaceChildren(); return; }
  const rank = (p) => { const i = N5.navOrder.indexOf(p.path); return i < 0 ? N5.navOrder.length : i; };
  nav.replaceChildren(el("ul", {}, N5.pages.filter((p) => p.title && N5.allowed(p)).sort((a, b) => rank(a) - rank(b)).map((p) =>
    el("li", {}, el("a", { href: N5.link(p.path), "aria-current": p.path === active ? "page" : null }, p.title)))));
  const bound = N5.me.operator ? " · " + N5.me.operator : N5.me.state ? " · " + N5.me.state : "";
  who.replaceChildren(el("span", { class: "me" }, N5.me.user + " (" + N5.me.role + bound + ")"),
    el("button", { type: "button", onclick: N5.logout }, "Log out"));
};
N5.logout = async function () {
  try { await N5.api("DELETE", "/api/v1/session"); } catch (e) { /* already gone */ }
  sessionStorage.removeItem("nis5g.csrf");
  N5.me = null;
  N5.go("#/login");
};

N5.render = async function () {
  N5.route = N5.parseHash();
  N5.charts.forEach((c) => c.destroy());
  N5.charts = [];
  if (N5.me === undefined) {
    try { N5.me = await N5.get("/api/v1/me"); } catch (e) { N5.me = null; }
  }
  let path = N5.route.path;
  if (!N5.me && path !== "/login") { location.hash = "#/login"; return; }
  if (N5.me && (path === "/" || path === "/login")) { location.hash = "#" + N5.home(); return; }
  const page = N5.pages.find((p) => p.path === path);
  const main = N5.main();
  document.getElementById("context").replaceChildren();
  N5.renderNav(path);
  if (!page) main.replaceChildren(el("h1", {}, "Not found"), el("p", {}, "No such page. ", el("a", { href: "#/" }, "Start page")));
  else if (page.roles.length && !N5.allowed(page))
    main.replaceChildren(el("h1", {}, page.title || "Not allowed"), el("p", { class: "note" }, "Your role may not see this page."));
  else {
    document.title = (page.title || "Log in") + " · nis5g";
    main.replaceChildren(el("h1", {}, page.heading || page.title || "Log in"));
    try { await page.render(main, N5.route.params); } catch (e) { main.append(N5.errorBox(e)); }
    N5.say((page.title || "Log in") + " loaded");
  }
  main.dataset.ready = "1";
};
N5.pageChanged = function () { N5.main().dataset.ready = ""; N5.render().then(() => N5.main().focus({ preventScroll: true })); };
window.addEventListener("hashchange", N5.pageChanged);
window.addEventListener("DOMContentLoaded", () => N5.render());

/* the snapshot and date chooser above national pages */
N5.contextBar = async function (withAt) {
  const bar = document.getElementById("context");
  const c = N5.ctx();
  const form = el("form", { class: "ctx" });
  // analysts and admins choose among the national snapshots; an operator
  // too when the server lists its snapshots to it (a 403 leaves it the
  // latest only, and is not asked again in this tab)
  if (N5.me.role !== "peer" && !N5.snapshotsDenied) {
    let list = null;
    try { list = (await N5.get("/api/v1/snapshots")).snapshots; } catch (e) { if (e.status === 403) N5.snapshotsDenied = true; }
    if (list || NAT.includes(N5.me.role)) {
      const sel = el("select", { id: "ctx-snapshot", name: "snapshot" }, el("option", { value: "" }, "latest"));
      for (const x of list || []) sel.append(el("option", { value: x.as_of, selected: x.as_of === c.snapshot }, x.as_of));
      form.append(el("label", { for: "ctx-snapshot" }, "Snapshot"), sel);
    }
  }
  if (withAt) form.append(el("label", { for: "ctx-at" }, "Date (--at)"), el("input", { id: "ctx-at", name: "at", type: "date", value: c.at }));
  if (!form.childNodes.length) return;
  form.append(el("button", { type: "submit" }, "Show"));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const p = new URLSearchParams(N5.route.params);
    for (const k of ["snapshot", "at"]) { const f = form.elements[k]; if (f && f.value) p.set(k, f.value); else p.delete(k); }
    const s = p.toString();
    N5.go("#" + N5.route.path + (s ? "?" + s : ""));
  });
  bar.replaceChildren(form);
};

/* ---- login ---- */
N5.page("/login", "", [], function (main) {
  main.firstChild.textContent = "Log in";
  const msg = el("div", { id: "login-msg" });
  const form = el("form", { class: "login" },
    el("label", { for: "login-user" }, "User"), el("input", { id: "login-user", name: "user", autocomplete: "username", required: true }),
    el("label", { for: "login-password" }, "Password"), el("input", { id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: true }),
    el("button", { type: "submit" }, "Log in"), msg);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    try {
      const r = await N5.api("POST", "/api/v1/session", { user: form.elements.user.value, password: form.elements.password.value });
      sessionStorage.setItem("nis5g.csrf", r.csrf);
      N5.me = { user: r.user, role: r.role, operator: r.operator, state: r.state };
      N5.snapshotsDenied = false;
      N5.go("#" + N5.home());
    } catch (e) {
      msg.replaceChildren(el("p", { class: "error", role: "alert" }, e.status === 429 ? "Too many failed logins: wait and try again." : "Wrong user or password."));
    }
  });
  main.append(form);
});
