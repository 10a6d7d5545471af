/*
 * work.js — the dashboard's workflows (docs/dashboard.md): an operator's
 * submission and its review with the diff it would make, the analyst's
 * whole-dataset upload, and the four-eyes exports. Every figure shown is
 * the API's: the diff is GET /api/v1/diff?submission=ID as it answers, and
 * the digest an approval sends back is the one GET /api/v1/exports gave.
 */
"use strict";
(function () {
  const N5 = window.N5, el = N5.el, NAT = N5.NAT;
  const OPS = ["admin", "analyst", "operator"];
  const nat = () => NAT.includes(N5.me.role);
  const arrow = (a, b, fmt) => (fmt || String)(a) + " → " + (fmt || String)(b);
  const val = (v) => (v === null || v === undefined ? "(empty)" : Array.isArray(v) ? v.join(" ") || "(none)" : String(v));
  const signed = (v, fmt) => (v === null || v === undefined ? "–" : (v > 0 ? "+" : v < 0 ? "−" : "") + fmt(Math.abs(v)));
  /* the first stored policy, for the rules of a diff (null: none, or the role may not read them) */
  async function firstPolicy() {
    if (!nat()) return null;
    try { const l = (await N5.get("/api/v1/policies")).policies; return l.length ? l[0].name : null; } catch (e) { return null; }
  }

  /* ---------- submissions ---------- */
  N5.page("/submissions", "Submissions", OPS, async function (main, params) {
    if (params.get("id")) return submissionPage(main, params.get("id"));
    main.append(await uploadSection());
    const pending = el("div", { id: "sub-pending" }), list = el("div", { id: "sub-list" });
    if (nat()) main.append(N5.section("Waiting for review", pending));
    main.append(N5.section(nat() ? "Every submission" : "Your submissions", list));
    await N5.into(list, async () => {
      const subs = (await N5.get("/api/v1/submissions")).submissions;
      if (nat()) {
        const p = subs.filter((s) => s.status === "pending");
        pending.replaceChildren(p.length ? el("ul", { class: "pending" }, p.map((s) => el("li", {},
          el("a", { href: N5.link("/submissions", { id: s.id }) }, "Submission " + s.id + " of " + s.operator),
          ", sent by " + s.submitted_by + " at " + s.submitted_at + " (" + N5.num(s.counts.elements) + " elements)"))) :
          el("p", { class: "note" }, "No submission is waiting for review."));
      }
      return submissionsTable(subs);
    }, "The submissions");
  });

  function submissionsTable(subs) {
    if (!subs.length) return el("p", { class: "note" }, "No submission yet.");
    const rows = subs.slice().reverse().map((s) => Object.assign({}, s, { elements: s.counts ? s.counts.elements : null }));
    return N5.table("Submissions", [
      { key: "id", label: "Id", num: true, link: (r) => N5.link("/submissions", { id: r.id }) },
      { key: "operator", label: "Operator" }, { key: "status", label: "Status", cls: (r) => "sub-" + r.status },
      { key: "submitted_by", label: "Sent by" }, { key: "submitted_at", label: "Sent at" },
      { key: "elements", label: "Elements", num: true, fmt: N5.num },
      { key: "reviewed_by", label: "Reviewed by" }, { key: "reviewed_at", label: "Reviewed at" },
      { key: "comment", label: "Reviewer's comment" }, { key: "snapshot", label: "Snapshot made" },
    ], rows);
  }

  /* The upload: an operator submits its part; an analyst or admin imports a
   * whole dataset or submits an operator's part on its behalf. */
  async function uploadSection() {
    const files = el("input", { id: "up-files", type: "file", multiple: true, accept: ".csv,text/csv" });
    const drop = el("div", { class: "drop", id: "up-drop" }, "Drop the CSV files here, or choose them: ", el("label", { for: "up-files" }, "CSV files"), files);
    const bar = el("progress", { id: "up-progress", max: "100", value: "0", "aria-label": "Upload progress" });
    const phase = el("p", { id: "up-phase", role: "status" });
    const result = el("div", { id: "up-result" });
    const form = el("form", { id: "up-form" }, drop);
    let kind = null, asof = null;
    if (nat()) {
      kind = el("select", { id: "up-kind", name: "kind" }, el("option", { value: "" }, "the whole national dataset (imported now)"));
      try {
        for (const o of (await N5.get("/api/v1/summary")).operators)
          kind.append(el("option", { value: o.operator }, "the part of " + o.operator + " (a submission, reviewed first)"));
      } catch (e) { /* the import only */ }
      asof = el("input", { id: "up-asof", type: "date", name: "as_of" });
      form.append(el("p", {}, el("label", { for: "up-kind" }, "These files are "), kind),
        el("p", { id: "up-asof-p" }, el("label", { for: "up-asof" }, "As of (optional, an import only) "), asof));
      kind.addEventListener("change", () => { asof.disabled = !!kind.value; });
    }
    form.append(el("button", { type: "submit" }, nat() ? "Upload" : "Submit for review"), bar, phase, result);
    let dropped = null;
    drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("over"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (ev) => { ev.preventDefault(); drop.classList.remove("over"); dropped = ev.dataTransfer.files; phase.textContent = N5.num(dropped.length) + " files dropped"; });
    files.addEventListener("change", () => { dropped = null; });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const list = dropped || files.files;
      if (!list.length) { phase.textContent = "Choose the CSV files first."; return; }
      const fd = new FormData();
      const submission = !nat() || !!kind.value;
      if (nat() && kind.value) fd.append("operator", kind.value);
      if (!submission && asof.value) fd.append("as_of", asof.value);
      for (const f of list) fd.append(f.name, f, f.name);
      upload(submission ? "/api/v1/submissions" : "/api/v1/import", fd, { bar, phase, result });
    });
    const intro = nat() ? "A whole dataset is checked exactly like nis5g import and becomes a snapshot; an operator's part waits for review. Nothing changes when the files have an error."
      : "Your part of the dataset goes to the authority for review; nothing is recorded when it has an error.";
    return N5.section(nat() ? "Upload" : "Submit your part of the dataset", el("p", {}, intro), form);
  }
  function upload(target, fd, ui) {
    const x = new XMLHttpRequest();
    x.open("POST", target);
    x.setRequestHeader("X-CSRF-Token", N5.csrf());
    ui.bar.value = 0;
    ui.result.replaceChildren();
    ui.phase.textContent = "Uploading…";
    x.upload.addEventListener("progress", (ev) => {
      if (ev.lengthComputable) { ui.bar.value = Math.round((100 * ev.loaded) / ev.total); ui.phase.textContent = "Uploading: " + N5.num(ev.loaded) + " of " + N5.num(ev.total) + " bytes"; }
    });
    x.upload.addEventListener("load", () => { ui.bar.removeAttribute("value"); ui.phase.textContent = "Checking…"; });
    x.addEventListener("load", () => {
      let doc = null;
      try { doc = JSON.parse(x.responseText); } catch (e) { doc = null; }
      ui.bar.value = 100;
      if (x.status >= 200 && x.status < 300) {
        ui.phase.textContent = "Done.";
        if (doc && doc.status === "pending")
          ui.result.replaceChildren(el("p", { class: "ok" }, "Submission " + doc.id + " of " + doc.operator + " is pending review: " + N5.num(doc.counts.elements) + " elements, " + N5.num(doc.counts.sites) + " sites. ",
            el("a", { href: N5.link("/submissions", { id: doc.id }) }, "Open it")));
        else ui.result.replaceChildren(el("p", { class: "ok" }, doc && doc.as_of ? "Imported the snapshot of " + doc.as_of + ": " + N5.num(doc.elements) + " elements, " + N5.num(doc.sites) + " sites." : "Done."));
        const list = document.getElementById("sub-list");
        if (list) N5.into(list, async () => submissionsTable((await N5.get("/api/v1/submissions")).submissions));
      } else {
        ui.phase.textContent = "Refused: nothing was recorded.";
        ui.result.replaceChildren(N5.errorBox(new N5.ApiError(x.status, doc)));
      }
    });
    x.addEventListener("error", () => { ui.phase.textContent = "The upload failed (network)."; });
    x.send(fd);
  }

  /* ---------- one submission: its state, its diff, the review ---------- */
  async function submissionPage(main, id) {
    main.firstChild.textContent = "Submission " + id;
    const s = await N5.get("/api/v1/submissions/" + encodeURIComponent(id));
    main.firstChild.textContent = "Submission " + s.id + " of " + s.operator;
    main.append(el("p", {}, el("a", { href: N5.link("/submissions") }, "← All submissions")));
    const facts = [["Status", s.status], ["Sent by", s.submitted_by + " at " + s.submitted_at], ["Files", (s.files || []).join(", ")],
      ["Checked against", s.base_as_of || "no snapshot"],
      ["Holds", ["sites", "elements", "links", "products", "measures"].map((k) => N5.num(s.counts[k]) + " " + k).join(", ")]];
    if (s.status !== "pending") facts.push(["Reviewed by", s.reviewed_by + " at " + s.reviewed_at], ["Reviewer's comment", s.comment || ""]);
    if (s.snapshot) facts.push(["Snapshot made", s.snapshot]);
    main.append(N5.section("The submission", el("dl", { class: "facts", id: "sub-facts" }, facts.map(([k, v]) => el("div", {}, el("dt", {}, k), el("dd", { class: k === "Status" ? "sub-" + v : null }, v))))));
    if (s.snapshot) main.append(el("p", {}, el("a", { href: N5.link("/overview", { snapshot: s.snapshot }), id: "sub-overview" }, "The overview of the snapshot it made (" + s.snapshot + ")")));
    if (s.status !== "pending") return;
    const diffSlot = el("div", { id: "sub-diff" });
    main.append(N5.section("What accepting it would change", diffSlot));
    const policy = await firstPolicy();
    await N5.into(diffSlot, async () => diffView(await N5.get("/api/v1/diff", { submission: s.id, policy }), policy), "The diff");
    if (nat()) main.append(reviewForm(s));
  }

  function reviewForm(s) {
    const comment = el("textarea", { id: "rv-comment", name: "comment", rows: "3", required: true });
    const out = el("div", { id: "rv-out" });
    const form = el("form", { id: "rv-form" }, el("label", { for: "rv-comment" }, "Comment for the operator (required)"), comment,
      el("p", {}, el("button", { type: "submit", value: "accept", id: "rv-accept" }, "Accept"), " ", el("button", { type: "submit", value: "reject", id: "rv-reject" }, "Reject")), out);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const decision = ev.submitter ? ev.submitter.value : "accept";
      if (!comment.value.trim()) { out.replaceChildren(el("p", { class: "error", role: "alert" }, "A comment is required.")); return; }
      try {
        const r = await N5.api("POST", "/api/v1/submissions/" + encodeURIComponent(s.id) + "/review", { decision, comment: comment.value });
        out.replaceChildren(el("p", { class: "ok", role: "status" }, "Submission " + r.id + " " + r.status + ". ",
          r.snapshot ? el("a", { href: N5.link("/overview", { snapshot: r.snapshot }), id: "rv-overview" }, "See the overview of the new snapshot (" + r.snapshot + ")") : null));
        for (const b of form.querySelectorAll("button")) b.disabled = true;
      } catch (e) { out.replaceChildren(N5.errorBox(e)); }
    });
    return N5.section("Review", form);
  }

  /* The diff as the API gives it (docs/json.md#diff): the headline counts,
   * the elements changed with their old and new values, the HHI and
   * high-risk shares that move, the kill-switch losses that change, the
   * rules whose status changes. Nothing is recomputed. */
  function diffView(d, policy) {
    const sm = d.summary;
    const tile = (id, label, value, sub) => el("li", { class: "tile" }, el("span", { class: "tile-label" }, label), el("span", { class: "tile-value", id }, value), sub ? el("span", { class: "tile-sub" }, sub) : null);
    const out = [el("p", {}, "From the snapshot of " + d.from + " to the one of " + d.to + " that accepting it would make."),
      el("ul", { class: "tiles", id: "df-summary" },
        tile("df-elements", "Elements", arrow(sm.elements_from, sm.elements_to, N5.num)),
        tile("df-added", "Added", N5.num(sm.added)), tile("df-removed", "Removed", N5.num(sm.removed)),
        tile("df-changed", "Changed", N5.num(sm.changed)), tile("df-unchanged", "Unchanged", N5.num(sm.unchanged)))];
    const changes = d.changed.flatMap((c) => c.changes.map((x) => ({ element: c.element, operator: c.operator, domain: c.domain, field: x.field, from: val(x.from), to: val(x.to) })));
    // a long list folds away (open it to read every change); a short one is open
    const changedTable = () => N5.table("Changed elements: old and new values", [
      { key: "element", label: "Element" }, { key: "operator", label: "Operator" }, { key: "domain", label: "Domain" },
      { key: "field", label: "Field" }, { key: "from", label: "Old value" }, { key: "to", label: "New value" }], changes, { csv: "changed-elements" });
    out.push(el("h3", {}, "Changed elements"), changes.length ? el("details", { class: "numbers", id: "df-changes", open: changes.length <= 50 },
      el("summary", {}, N5.num(changes.length) + " changes of " + N5.num(d.changed.length) + " elements, with the old and new values"), changedTable()) : el("p", { class: "note" }, "No element changes."));
    const elCols = [{ key: "element", label: "Element" }, { key: "operator", label: "Operator" }, { key: "domain", label: "Domain" }, { key: "function", label: "Function" },
      { key: "vendor", label: "Vendor" }, { key: "product", label: "Product" }, { key: "status", label: "Status" }, { key: "site", label: "Site" }, { key: "installed", label: "Installed" }];
    if (d.added.length) out.push(el("h3", {}, "Added elements"), N5.table("Added elements", elCols, d.added));
    if (d.removed.length) out.push(el("h3", {}, "Removed elements"), N5.table("Removed elements", elCols, d.removed));
    const cnt = (k, label) => [{ key: k, label }, { key: "before", label: "Before", num: true, fmt: N5.num }, { key: "after", label: "After", num: true, fmt: N5.num },
      { key: "added", label: "Added", num: true, fmt: N5.num }, { key: "removed", label: "Removed", num: true, fmt: N5.num }, { key: "changed", label: "Changed", num: true, fmt: N5.num }];
    const moved = (r) => r.added || r.removed || r.changed;
    out.push(el("h3", {}, "Elements per operator and vendor"),
      N5.table("Elements per operator", cnt("operator", "Operator"), d.by_operator.filter(moved)),
      N5.table("Elements per vendor", cnt("vendor", "Vendor"), d.by_vendor.filter(moved)));
    out.push(el("h3", {}, "Concentration and high-risk shares"),
      N5.table("HHI by domain (0–10,000)", [{ key: "domain", label: "Domain" }, { key: "from", label: "Before", num: true, fmt: N5.hhi },
        { key: "to", label: "After", num: true, fmt: N5.hhi }, { key: "change", label: "Change", num: true, fmt: (v) => signed(v, N5.hhi) }], d.hhi, { csv: "diff-hhi" }),
      d.high_risk_shares.length ? N5.table("High-risk vendors' shares of active elements", [{ key: "vendor", label: "Vendor" }, { key: "domain", label: "Domain" },
        { key: "from", label: "Before", num: true, fmt: N5.pct }, { key: "to", label: "After", num: true, fmt: N5.pct },
        { key: "change", label: "Change", num: true, fmt: (v) => signed(v, N5.pct) }], d.high_risk_shares, { csv: "diff-high-risk-shares" }) : el("p", { class: "note" }, "No high-risk vendor in either snapshot."));
    const ks = d.killswitch.changed.map((k) => ({ vendor: k.vendor, sites_from: k.sites_lost.from, sites_to: k.sites_lost.to, subs_from: k.subscribers_lost.from, subs_to: k.subscribers_lost.to }));
    out.push(el("h3", {}, "Kill-switch losses"), ks.length ? N5.table("Kill-switch losses that change", [{ key: "vendor", label: "Vendor" },
      { key: "sites_from", label: "Radio sites lost before", num: true, fmt: N5.num }, { key: "sites_to", label: "After", num: true, fmt: N5.num },
      { key: "subs_from", label: "Subscribers lost before", num: true, fmt: N5.num }, { key: "subs_to", label: "After", num: true, fmt: N5.num }], ks, { csv: "diff-killswitch" })
      : el("p", { class: "note" }, "No vendor's kill-switch loss changes (" + N5.num(d.killswitch.vendors) + " vendors tried)."));
    out.push(el("h3", {}, "Rules"));
    if (!d.rules) out.push(el("p", { class: "note" }, policy ? "The rules were not checked." : "No stored policy to check the rules of."));
    else if (!d.rules.changed.length) out.push(el("p", { class: "note", id: "df-rules" }, "No rule of the policy “" + policy + "” changes status (" + N5.num(d.rules.rules) + " rules, at " + d.rules.at + ")."));
    else out.push(el("p", {}, "The rules of the policy “" + policy + "” whose status changes, at " + d.rules.at + ":"),
      N5.table("Rules whose status changes", [{ key: "id", label: "Rule" }, { key: "title", label: "Title" }, { key: "status", label: "Status" }, { key: "findings", label: "Findings" }],
        d.rules.changed.map((r) => ({ id: r.id, title: r.title, status: arrow(r.from, r.to), findings: arrow(r.findings.from, r.findings.to, N5.num) })), { csv: "diff-rules" }));
    return out;
  }

  /* ---------- four-eyes exports ---------- */
  const TLPS = ["clear", "green", "amber", "amber+strict", "red"];
  N5.page("/exports", "Exports", NAT, async function (main) {
    const list = el("div", { id: "ex-list" });
    let exports = [];
    const load = () => N5.into(list, async () => { exports = (await N5.get("/api/v1/exports")).exports; return exportsTable(exports, load); }, "Exports");
    main.append(el("p", {}, "A package leaves only once a second analyst or admin approves its exact bytes: the preparer cannot approve it. Peers then fetch it (",
      el("a", { href: "#/eu" }, "EU view"), ")."));
    main.append(await prepareForm(load), N5.section("Prepared exports", list));
    await load();
    // the state signed for before is the server key's: offered again
    const st = document.getElementById("ex-state");
    if (st && !st.value && exports.length) st.value = exports[exports.length - 1].signer;
  });
  async function prepareForm(reload) {
    let policies = [];
    try { policies = (await N5.get("/api/v1/policies")).policies; } catch (e) { /* none */ }
    const f = (id, label, input) => el("span", { class: "field" }, el("label", { for: id }, label), input);
    const state = el("input", { id: "ex-state", name: "state", required: true, size: "4", pattern: "[A-Za-z]{2}", autocomplete: "off" });
    const tlp = el("select", { id: "ex-tlp", name: "tlp" }, TLPS.map((t) => el("option", { value: t, selected: t === "amber" }, "TLP:" + t.toUpperCase())));
    const to = el("input", { id: "ex-to", name: "to", placeholder: "DE,FI", autocomplete: "off" });
    const detail = el("input", { id: "ex-detail", name: "detail", type: "checkbox" });
    const policy = el("select", { id: "ex-policy", name: "policy" }, el("option", { value: "" }, "none"), policies.map((p) => el("option", { value: p.name }, p.name)));
    const out = el("div", { id: "ex-out" });
    const form = el("form", { id: "ex-form", class: "filters" }, f("ex-state", "State (the server key's)", state), f("ex-tlp", "TLP marking", tlp),
      f("ex-to", "Recipients (states, comma-separated)", to), el("span", { class: "field" }, detail, el("label", { for: "ex-detail" }, "With the element detail")),
      f("ex-policy", "Policy findings", policy), el("button", { type: "submit" }, "Prepare"), out);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const body = { state: state.value.toUpperCase(), tlp: tlp.value };
      if (to.value.trim()) body.to = to.value.replace(/\s+/g, "").toUpperCase();
      if (detail.checked) body.detail = true;
      if (policy.value) body.policy = [policy.value];
      try {
        const x = await N5.api("POST", "/api/v1/exports", body);
        out.replaceChildren(el("p", { class: "ok", role: "status" }, "Export " + x.id + " prepared by " + x.prepared_by + "; another analyst must approve it."));
        await reload();
      } catch (e) { out.replaceChildren(N5.errorBox(e)); }
    });
    return N5.section("Prepare a package", form);
  }
  function exportsTable(list, reload) {
    if (!list.length) return el("p", { class: "note" }, "No export prepared yet.");
    const head = ["Id", "Status", "Marking", "Recipients", "Snapshot", "Detail", "Prepared by", "Approved by", "Version", "Digest (SHA-256)", "Review"];
    const rows = list.slice().reverse().map((x) => {
      const msg = el("div", { id: "ex-msg-" + x.id });
      let act = "–";
      if (x.status === "pending") {
        const b = el("button", { type: "button", id: "ex-approve-" + x.id, onclick: async () => {
          try {
            // the digest the API gave for these bytes, sent back as it is
            await N5.api("POST", "/api/v1/exports/" + x.id + "/approve", { digest: x.digest });
            await reload();
            N5.say("Export " + x.id + " approved");
          } catch (e) {
            const why = e.status === 403 ? "Refused: you prepared this export, so another analyst or admin must approve it (the server: " + e.message + ")."
              : e.status === 409 ? "Refused: " + e.message + "." : null;
            msg.replaceChildren(why ? el("p", { class: "error", role: "alert" }, why) : N5.errorBox(e));
          }
        } }, "Approve export " + x.id);
        act = el("div", {}, el("a", { href: "/api/v1/exports/" + x.id + "/package", download: "export-" + x.id + ".pkg" }, "Read its bytes"), " ", b, msg);
      }
      return el("tr", { id: "ex-row-" + x.id }, el("td", { class: "num" }, String(x.id)), el("td", { class: "sub-" + x.status }, x.status), el("td", {}, N5.tlp(x.tlp)),
        el("td", {}, x.recipients.length ? x.recipients.join(", ") : "any peer the marking allows"), el("td", {}, x.snapshot), el("td", {}, x.detail ? "yes" : "no"),
        el("td", {}, x.prepared_by + " at " + x.prepared_at), el("td", {}, x.approved_by ? x.approved_by + " at " + x.approved_at : "–"),
        el("td", { class: "num" }, x.version === null ? "–" : String(x.version)), el("td", {}, el("code", { class: "digest" }, x.digest)), el("td", {}, act));
    });
    return el("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": "Prepared exports" },
      el("table", { class: "data", id: "ex-table" }, el("caption", {}, "Prepared exports, newest first"), el("thead", {}, el("tr", {}, head.map((h) => el("th", { scope: "col" }, h)))), el("tbody", {}, rows)));
  }
})();
