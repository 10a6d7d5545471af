/*
 * admin.js — the administrator's pages (docs/dashboard.md): users (add,
 * disable), API tokens (create, shown once; revoke) and the audit trail
 * with its filters and the check of its hash chain.
 */
"use strict";
(function () {
  const N5 = window.N5, el = N5.el, ADMIN = ["admin"];
  const field = (id, label, input) => el("span", { class: "field" }, el("label", { for: id }, label), input);

  N5.page("/users", "Users", ADMIN, async function (main) {
    const list = (await N5.get("/api/v1/users")).users;
    main.append(N5.table("Users", [
      { key: "name", label: "Name" }, { key: "role", label: "Role" }, { key: "operator", label: "Operator" }, { key: "state", label: "State" },
      { key: "disabled", label: "Status", fmt: (v) => (v ? "disabled" : "enabled") }, { key: "created", label: "Created" },
    ], list));
    const role = el("select", { id: "u-role", name: "role" }, ["analyst", "operator", "peer", "admin"].map((r) => el("option", { value: r }, r)));
    const form = el("form", { id: "user-add", class: "filters" },
      field("u-name", "Name", el("input", { id: "u-name", name: "name", required: true })), field("u-role", "Role", role),
      field("u-op", "Operator (operator role)", el("input", { id: "u-op", name: "operator" })),
      field("u-state", "State (peer role)", el("input", { id: "u-state", name: "state", maxlength: "2" })),
      field("u-pw", "Password", el("input", { id: "u-pw", name: "password", type: "password", autocomplete: "new-password", required: true })),
      el("button", { type: "submit" }, "Add user"));
    const msg = el("div", { role: "status" });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const f = form.elements, body = { name: f.name.value, role: f.role.value, password: f.password.value };
      if (f.operator.value) body.operator = f.operator.value;
      if (f.state.value) body.state = f.state.value;
      try { await N5.api("POST", "/api/v1/users", body); N5.render(); } catch (e) { msg.replaceChildren(N5.errorBox(e)); }
    });
    const dsel = el("select", { id: "u-disable" }, list.filter((u) => !u.disabled && u.name !== N5.me.user).map((u) => el("option", { value: u.name }, u.name)));
    const dform = el("form", { id: "user-disable", class: "inline" }, field("u-disable", "Disable user", dsel), el("button", { type: "submit" }, "Disable"));
    dform.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try { await N5.api("POST", "/api/v1/users/" + encodeURIComponent(dsel.value) + "/disable"); N5.render(); } catch (e) { msg.replaceChildren(N5.errorBox(e)); }
    });
    main.append(N5.section("Add a user", form), N5.section("Disable a user", dform), msg);
  });

  N5.page("/tokens", "Tokens", ADMIN, async function (main) {
    const list = (await N5.get("/api/v1/tokens")).tokens;
    main.append(N5.table("API tokens", [
      { key: "id", label: "Id" }, { key: "user", label: "User" }, { key: "created", label: "Created" }, { key: "expires", label: "Expires" }, { key: "state", label: "State" },
    ], list));
    const users = (await N5.get("/api/v1/users")).users.filter((u) => !u.disabled);
    const form = el("form", { id: "token-create", class: "filters" },
      field("t-user", "User", el("select", { id: "t-user", name: "user" }, users.map((u) => el("option", { value: u.name }, u.name)))),
      field("t-days", "Expires in (days)", el("input", { id: "t-days", name: "days", type: "number", min: "1", value: "30" })),
      el("button", { type: "submit" }, "Create token"));
    const shown = el("div", { role: "status" });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        const r = await N5.api("POST", "/api/v1/tokens", { user: form.elements.user.value, expires_days: Number(form.elements.days.value) });
        shown.replaceChildren(el("p", {}, "The token (shown only now): "), el("pre", { class: "secret" }, r.token || JSON.stringify(r)));
      } catch (e) { shown.replaceChildren(N5.errorBox(e)); }
    });
    const active = list.filter((t) => t.state === "active");
    const rsel = el("select", { id: "t-revoke" }, active.map((t) => el("option", { value: t.id }, t.id + " (" + t.user + ")")));
    const rform = el("form", { id: "token-revoke", class: "inline" }, field("t-revoke", "Revoke token", rsel), el("button", { type: "submit" }, "Revoke"));
    rform.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try { await N5.api("DELETE", "/api/v1/tokens/" + encodeURIComponent(rsel.value)); N5.render(); } catch (e) { shown.replaceChildren(N5.errorBox(e)); }
    });
    main.append(N5.section("Create a token", form, shown), N5.section("Revoke a token", rform));
  });

  N5.page("/audit", "Audit", ADMIN, async function (main, params) {
    const q = { since: params.get("since") || "", user: params.get("user") || "", action: params.get("action") || "" };
    const form = el("form", { id: "audit-filter", class: "filters" },
      field("a-since", "Since", el("input", { id: "a-since", name: "since", type: "date", value: q.since })),
      field("a-user", "User", el("input", { id: "a-user", name: "user", value: q.user })),
      field("a-action", "Action", el("input", { id: "a-action", name: "action", value: q.action })),
      el("button", { type: "submit" }, "Filter"));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      N5.go(N5.link("/audit", { since: form.elements.since.value, user: form.elements.user.value, action: form.elements.action.value }));
    });
    const verify = el("div", { id: "audit-verify" });
    main.append(form, verify);
    N5.into(verify, async () => { const v = await N5.get("/api/v1/audit/verify"); return el("p", { class: v.intact ? "ok" : "error" }, v.intact ? "The hash chain of " + N5.num(v.entries) + " entries is intact." : "The hash chain is broken at entry " + v.first_bad_id + ": " + v.what); });
    const doc = await N5.get("/api/v1/audit", q);
    const rows = doc.entries.slice().reverse();
    main.append(N5.table("Audit trail (newest first, " + N5.num(rows.length) + " entries)", [
      { key: "id", label: "Id", num: true }, { key: "at", label: "At (UTC)" }, { key: "user", label: "User" }, { key: "role", label: "Role" },
      { key: "address", label: "Address" }, { key: "action", label: "Action" }, { key: "target", label: "Target" }, { key: "outcome", label: "Outcome" }, { key: "detail", label: "Detail" },
    ], rows, { csv: "audit" }));
  });
})();
