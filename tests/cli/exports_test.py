#!/usr/bin/env python3
"""Four-eyes exports and peer sync end to end (tests/cli/exports.sh runs it;
docs/exports.md, docs/pull.md).

An authority SE (server A, with its key) prepares packages; a second person
approves each digest; peers of DE and FI list and fetch what their state may
receive. A peer workspace DE (its own server B running) pulls from A, twice,
then through a loopback proxy that cuts a package mid-body; a peer FI pulls
over HTTPS with --cacert. Everything on 127.0.0.1; every server is stopped.

Environment as for server_test.py: NIS5G, T, TOP, NIS5G_TODAY.
"""
import hashlib
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server_test as st  # noqa: E402  (its Server, req and the command line helpers)

T = os.environ["T"]
A, B, C = (os.path.join(T, n) for n in ("a.db", "b.db", "c.db"))
D1, D2, D3, D4 = "2026-03-31", "2026-06-30", "2026-09-30", "2026-10-31"
failures = []
docs = {"exports": [], "packages": [], "pull": [], "taxii": []}  # documents to check against docs/schemas/


def keep(kind, body):
    path = os.path.join(T, "%s-%d.json" % (kind, len(docs[kind])))
    with open(path, "wb") as f:
        f.write(body)
    docs[kind].append(path)


def check(cond, msg):
    if not cond:
        failures.append(msg)
        print("FAIL: " + msg, file=sys.stderr)
    return cond


def n5(db, *args, ok=(0,), stdin=None):
    return st.n5(*args, db=db, ok=ok, stdin=stdin)


def token(db, name):
    return n5(db, "token", "create", name).stdout.decode().strip().splitlines()[-1]


def auth(tok, extra=None):
    h = {"Authorization": "Bearer " + tok}
    h.update(extra or {})
    return h


def rows(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def setup():
    for i, day in enumerate((D1, D2, D3, D4)):
        d = os.path.join(T, "se%d" % i)
        n5(None, "generate", "--country", "SE", "--scale", "0.02", "--seed", str(i + 1), "-o", d)
        n5(A, "import", d, "--as-of", day)
    n5(A, "keygen", "--state", "SE", "-o", os.path.join(T, "se.key"))
    for name, role, extra in (("ana", "analyst", []), ("bob", "analyst", []), ("adm", "admin", []),
                              ("de", "peer", ["--state", "DE"]), ("fi", "peer", ["--state", "FI"])):
        n5(A, "user", "add", name, "--role", role, *extra, stdin=(st.PW + "\n").encode())
    toks = {n: token(A, n) for n in ("ana", "bob", "adm", "de", "fi")}
    for db, cc in ((B, "DE"), (C, "FI")):
        n5(db, "init")
        n5(db, "keygen", "--state", cc, "-o", os.path.join(T, cc.lower() + ".key"))
        n5(db, "trust", "add", "SE", os.path.join(T, "se.key.pub"))
    for n in ("de", "fi"):
        with open(os.path.join(T, n + ".token"), "w") as f:
            f.write(toks[n] + "\n")
    return toks


def prepare(srv, tok, body):
    r = st.req(srv, "POST", "/api/v1/exports", auth(tok), body)
    check(r.status == 201, "prepare %s: %d %s" % (body, r.status, r.body[:300]))
    keep("exports", r.body)
    return r.json()


def approve(srv, tok, pid, digest):
    return st.req(srv, "POST", "/api/v1/exports/%d/approve" % pid, auth(tok), {"digest": digest})


def listed(srv, tok, since=None):
    r = st.req(srv, "GET", "/api/v1/packages" + ("?since=%d" % since if since is not None else ""), auth(tok))
    check(r.status == 200, "list packages: %d %s" % (r.status, r.body[:200]))
    keep("packages", r.body)
    return [p["id"] for p in r.json()["packages"]] if r.status == 200 else None


def test_four_eyes(srv, toks):
    """Preparer refused 403, wrong digest 409, then approved by a second analyst."""
    for bad in ({"state": "SE"}, {"state": "DE", "tlp": "green"}, {"state": "SE", "tlp": "green", "key": "x.key"},
                {"state": "SE", "tlp": "red"}, {"state": "SE", "tlp": "green", "dry-run": True}):
        r = st.req(srv, "POST", "/api/v1/exports", auth(toks["ana"]), bad)
        check(r.status == 400, "prepare %s: %d %s, want 400" % (bad, r.status, r.body[:200]))
    r = st.req(srv, "POST", "/api/v1/exports", auth(toks["de"]), {"state": "SE", "tlp": "green"})
    check(r.status == 403, "a peer prepares: %d" % r.status)
    x = prepare(srv, toks["ana"], {"state": "SE", "tlp": "amber", "to": "DE"})
    check(x["status"] == "pending" and x["prepared_by"] == "ana" and x["approved_by"] is None
          and x["recipients"] == ["DE"] and x["tlp"] == "amber" and x["snapshot"] == D4,
          "prepared: %s" % x)
    r = st.req(srv, "GET", "/api/v1/exports/%d/package" % x["id"], auth(toks["bob"]))
    check(r.status == 200 and hashlib.sha256(r.body).hexdigest() == x["digest"] and x["size"] == len(r.body),
          "the reviewer's bytes hash to the digest shown: %d" % r.status)
    check(json.loads(r.body)["package"]["signer"] == "SE", "the bytes are the signed package")
    # nothing is served before the approval
    check(listed(srv, toks["de"]) == [], "a pending export is listed to the peer")
    r = st.req(srv, "GET", "/api/v1/packages/%d" % x["id"], auth(toks["de"]))
    check(r.status == 404, "a pending export served to the peer: %d" % r.status)
    r = approve(srv, toks["ana"], x["id"], x["digest"])
    check(r.status == 403 and r.code() == "denied", "the preparer's own approval: %d %s" % (r.status, r.body))
    r = approve(srv, toks["bob"], x["id"], "0" * 64)
    check(r.status == 409, "a wrong digest: %d %s" % (r.status, r.body))
    r = approve(srv, toks["bob"], x["id"], x["digest"])
    check(r.status == 200, "bob approves: %d %s" % (r.status, r.body))
    keep("exports", r.body)
    y = r.json() if r.status == 200 else {}
    check(y.get("status") == "approved" and y.get("approved_by") == "bob" and y.get("version") == 1
          and y.get("digest") == x["digest"], "approved: %s" % y)
    r = approve(srv, toks["adm"], x["id"], x["digest"])
    check(r.status == 409, "approved twice: %d" % r.status)
    r = st.req(srv, "POST", "/api/v1/exports/999/approve", auth(toks["adm"]), {"digest": x["digest"]})
    check(r.status == 404, "an absent export: %d" % r.status)
    r = st.req(srv, "POST", "/api/v1/export", auth(toks["ana"]), {"state": "SE", "tlp": "green"})
    check(r.status == 404, "the one-person export route still answers: %d" % r.status)
    return x


def prepare_approved(srv, toks, body, by, approver):
    x = prepare(srv, toks[by], body)
    r = approve(srv, toks[approver], x["id"], x["digest"])
    check(r.status == 200, "approve %s: %d %s" % (body, r.status, r.body[:200]))
    return x


def test_tlp(srv, toks):
    """Ids 2 (green, no one named), 3 (amber, no one named): who sees what."""
    prepare_approved(srv, toks, {"state": "SE", "tlp": "green", "snapshot": D1}, "bob", "adm")
    p3 = prepare_approved(srv, toks, {"state": "SE", "tlp": "amber", "snapshot": D2}, "adm", "ana")
    check(listed(srv, toks["de"]) == [1, 2], "DE sees %s" % listed(srv, toks["de"]))
    check(listed(srv, toks["fi"]) == [2], "FI sees %s" % listed(srv, toks["fi"]))
    check(listed(srv, toks["ana"]) == [1, 2, 3], "the analyst sees %s" % listed(srv, toks["ana"]))
    check(listed(srv, toks["de"], since=1) == [2], "DE since 1: %s" % listed(srv, toks["de"], since=1))
    r = st.req(srv, "GET", "/api/v1/packages?since=x", auth(toks["de"]))
    check(r.status == 400, "since=x: %d" % r.status)
    for who, pid, want in (("fi", 1, 404), ("de", 3, 404), ("fi", 3, 404), ("de", 1, 200), ("fi", 2, 200),
                           ("de", 99, 404)):
        r = st.req(srv, "GET", "/api/v1/packages/%d" % pid, auth(toks[who]))
        check(r.status == want, "package %d to %s: %d, want %d" % (pid, who, r.status, want))
    r = st.req(srv, "GET", "/api/v1/exports", auth(toks["de"]))
    check(r.status == 403, "a peer lists the prepared exports: %d" % r.status)
    r = st.req(srv, "GET", "/api/v1/exports", auth(toks["ana"]))
    keep("exports", r.body)
    ex = r.json()["exports"]
    check([(e["id"], e["prepared_by"], e["approved_by"], e["tlp"]) for e in ex]
          == [(1, "ana", "bob", "amber"), (2, "bob", "adm", "green"), (3, "adm", "ana", "amber")],
          "the list of exports: %s" % ex)
    return p3


def test_altered(srv, toks, p3):
    r = st.req(srv, "GET", "/api/v1/packages/3", auth(toks["adm"]))
    check(r.status == 200 and hashlib.sha256(r.body).hexdigest() == p3["digest"], "package 3 before: %d" % r.status)
    con = sqlite3.connect(A)
    con.execute("UPDATE prepared_export SET bytes = CAST(replace(CAST(bytes AS TEXT), '\"amber\"', '\"clear\"')"
                " AS BLOB) WHERE id = 3")
    con.commit()
    con.close()
    r = st.req(srv, "GET", "/api/v1/packages/3", auth(toks["adm"]))
    check(r.status == 500 and r.code() == "verify" and "altered bytes refused" in r.json()["error"]["message"],
          "altered bytes: %d %s" % (r.status, r.body[:300]))


def test_audit(srv, toks):
    r = st.req(srv, "GET", "/api/v1/audit", auth(toks["adm"]))
    got = [(e["user"], e["action"], e["outcome"]) for e in r.json()["entries"]
           if e["action"].startswith(("export.", "package."))]
    for want in (("ana", "export.prepare", "ok"), ("bob", "export.review", "ok"), ("ana", "export.approve", "failed"),
                 ("bob", "export.approve", "ok"), ("de", "package.serve", "ok"), ("adm", "package.serve", "refused")):
        check(want in got, "audit entry %s missing in %s" % (want, got))
    check(n5(A, "audit", "verify").returncode == 0, "audit verify")


def pull(db, url, tokfile, *extra, ok=(0,)):
    p = n5(db, "pull", url, "--token-file", tokfile, "--json", *extra, ok=ok)
    if p.returncode == 0:
        keep("pull", p.stdout)
    return p


def test_schemas():
    """Every document kept, against its schema in docs/schemas/ (Ajv of tests/js)."""
    top = os.environ["TOP"]
    # not installed is a failure, as in diff.sh and schemas.sh: a silent skip would pass with no check
    if not check(os.path.isdir(os.path.join(top, "tests/js/node_modules/ajv-formats")),
                 "tests/js not installed (scripts/web-deps.sh test; make check does): schemas not checked"):
        return
    for kind, files in docs.items():
        check(files, "no %s document kept" % kind)
        p = subprocess.run(["node", os.path.join(top, "tests/js/validate.mjs"),
                            os.path.join(top, "docs/schemas/%s.schema.json" % kind)] + files,
                           capture_output=True, timeout=120)
        errors = (p.stdout + p.stderr).decode()[:3000]  # validate.mjs prints a document's errors on stdout
        check(p.returncode == 0, "%s documents against their schema: %s" % (kind, errors))


def held(db):
    return rows(db, "SELECT signer, snapshot, tlp, recipients, body FROM package ORDER BY snapshot")


class CutProxy:
    """A loopback HTTP proxy to the server that cuts the body of one path in half once."""

    def __init__(self, port, cut_path):
        self.port, self.cut_path, self.cut_done = port, cut_path, False
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(1)
        self.url = "http://127.0.0.1:%d" % self.sock.getsockname()[1]
        self.stop = False
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while not self.stop:
            try:
                c, _ = self.sock.accept()
            except socket.timeout:
                continue
            with c:
                c.settimeout(30)
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = c.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                path = data.split(b" ")[1].decode() if data.count(b" ") >= 2 else "/"
                up = socket.create_connection(("127.0.0.1", self.port), timeout=30)
                head = data.split(b"\r\n\r\n")[0].replace(b"Connection: keep-alive", b"Connection: close")
                up.sendall(head + b"\r\nConnection: close\r\n\r\n" if b"Connection:" not in head
                           else head + b"\r\n\r\n")
                resp = b""
                while True:
                    chunk = up.recv(65536)
                    if not chunk:
                        break
                    resp += chunk
                up.close()
                if path == self.cut_path and not self.cut_done:
                    self.cut_done = True
                    hdr, body = resp.split(b"\r\n\r\n", 1)
                    c.sendall(hdr + b"\r\n\r\n" + body[:len(body) // 2])
                    continue  # closed mid-body
                c.sendall(resp)

    def close(self):
        self.stop = True
        self.thread.join(timeout=10)
        self.sock.close()


def test_pull(srv, toks):
    """Peer DE (its own server running) pulls from A: twice, then through a cut."""
    url = "http://127.0.0.1:%d" % srv.port
    tok = os.path.join(T, "de.token")
    with st.Server(db=B):
        j = json.loads(pull(B, url, tok).stdout)
        check(j["since"] == 0 and j["version"] == 2 and j["imported"] == 2 and j["held"] == 0
              and [p["id"] for p in j["packages"]] == [1, 2], "first pull: %s" % j)
        got = held(B)
        check([(s, d, t, r) for s, d, t, r, _ in got] == [("SE", D1, "green", ""), ("SE", D4, "amber", "DE")],
              "held after the pull: %s" % [g[:4] for g in got])
        before = (held(B), rows(B, "SELECT url, version FROM pull_progress"))
        j = json.loads(pull(B, url, tok).stdout)
        check(j["listed"] == 0 and j["imported"] == 0 and j["version"] == 2, "second pull: %s" % j)
        check((held(B), rows(B, "SELECT url, version FROM pull_progress")) == before, "the second pull changed B")
    # a wrong token: refused, nothing changes
    bad = os.path.join(T, "bad.token")
    with open(bad, "w") as f:
        f.write("n5g_0123456789abcdef_" + "0" * 64 + "\n")
    p = n5(B, "pull", url, "--token-file", bad, ok=(2,))
    check(b"HTTP 401" in p.stderr, "a bad token: %s" % p.stderr)
    # two more for DE (ids 4, 5); through a proxy (another URL: its progress starts at 0) that cuts 4
    prepare_approved(srv, toks, {"state": "SE", "tlp": "amber", "to": "DE,FI", "snapshot": D2}, "ana", "bob")
    prepare_approved(srv, toks, {"state": "SE", "tlp": "green", "snapshot": D3}, "bob", "ana")
    proxy = CutProxy(srv.port, "/api/v1/packages/4")
    try:
        p = pull(B, proxy.url, tok, ok=(3,))
        check(proxy.cut_done and b"packages/4" in p.stderr and b"run the pull again" in p.stderr,
              "the cut transfer: %s" % p.stderr)
        check(len(held(B)) == 2, "a cut package was imported: %d held" % len(held(B)))
        check(rows(B, "SELECT version FROM pull_progress WHERE url = '%s'" % proxy.url) == [(2,)],
              "progress after the cut: %s" % rows(B, "SELECT * FROM pull_progress"))
        j = json.loads(pull(B, proxy.url, tok).stdout)
        check(j["since"] == 2 and j["imported"] == 2 and j["held"] == 0 and j["version"] == 5,
              "the rerun: %s" % j)
    finally:
        proxy.close()
    check(len(held(B)) == 4 and len({(s, d) for s, d, *_ in held(B)}) == 4, "duplicates: %s" % held(B))
    j = json.loads(pull(B, url, tok).stdout)  # the direct URL: 4 and 5 already held, counted
    check(j["imported"] == 0 and j["held"] == 2 and j["version"] == 5, "the direct URL after the proxy: %s" % j)
    a = [e for e in json.loads(n5(B, "audit", "--json").stdout)["entries"] if e["action"] == "pull"]
    check(any(e["outcome"] == "failed" for e in a) and sum(e["outcome"] == "ok" for e in a) == 8,
          "B's audit of the pulls: %s" % [(e["outcome"], e["detail"][:60]) for e in a])


TAXII = "application/taxii+json;version=2.1"


def taxii(srv, tok, path, accept=TAXII, want=200):
    h = {"Accept": accept} if accept else {}
    if tok:
        h.update(auth(tok))
    r = st.req(srv, "GET", path, h)
    check(r.status == want, "GET %s: %d, want %d: %s" % (path, r.status, want, r.body[:200]))
    if r.status != 401:
        check(r.headers.get("Content-Type") == TAXII, "%s: Content-Type %s" % (path, r.headers.get("Content-Type")))
        keep("taxii", r.body)
    return r


def test_taxii(srv, toks):
    """TAXII 2.1: the required members and status codes of each endpoint, and who sees which collection."""
    taxii(srv, None, "/taxii2/", want=401)
    taxii(srv, None, "/taxii2/api1/collections/", want=401)
    d = taxii(srv, toks["de"], "/taxii2/").json()
    check(isinstance(d.get("title"), str) and d.get("api_roots") == [d.get("default")]
          and d["default"].endswith("/taxii2/api1/"), "discovery: %s" % d)
    a = taxii(srv, toks["de"], "/taxii2/api1/").json()
    check(isinstance(a.get("title"), str) and a.get("versions") == [TAXII]
          and isinstance(a.get("max_content_length"), int), "API root: %s" % a)
    taxii(srv, toks["de"], "/taxii2/api1/", accept="application/json", want=406)
    taxii(srv, toks["de"], "/taxii2/api1/", accept="application/taxii+json;version=2.0", want=406)
    taxii(srv, toks["de"], "/taxii2/api1/", accept="*/*")

    def collections(who):
        cs = taxii(srv, toks[who], "/taxii2/api1/collections/").json()["collections"]
        for c in cs:
            check(set(c) >= {"id", "title", "can_read", "can_write"} and c["can_read"] is True
                  and c["can_write"] is False and re.fullmatch(r"[0-9a-f-]{36}", c["id"]), "collection %s" % c)
        return {c["alias"]: c["id"] for c in cs}
    de, fi, ana = collections("de"), collections("fi"), collections("ana")
    check(sorted(de) == ["shared", "to-DE"] and sorted(fi) == ["shared", "to-FI"]
          and sorted(ana) == ["shared", "to-DE", "to-FI"], "collections: %s %s %s" % (de, fi, ana))
    check(de["shared"] == fi["shared"] == ana["shared"], "the shared collection's id differs between callers")
    base = "/taxii2/api1/collections/"
    taxii(srv, toks["de"], base + fi["to-FI"] + "/", want=404)
    taxii(srv, toks["de"], base + fi["to-FI"] + "/objects/", want=404)
    c = taxii(srv, toks["de"], base + de["to-DE"] + "/").json()
    check(c["id"] == de["to-DE"] and c["media_types"] == ["application/stix+json;version=2.1"], "collection: %s" % c)
    # every object of the shared collection (packages 2 and 5: green, no one named), one page
    r = taxii(srv, toks["fi"], base + fi["shared"] + "/objects/?limit=1000")
    env = r.json()
    objs = env.get("objects", [])
    check(env.get("more") is False and "next" not in env and objs, "the envelope: %s" % str(env)[:200])
    check(all(o.get("spec_version") == "2.1" and o.get("id", "").startswith(o.get("type", "?") + "--")
              for o in objs), "objects without id, type or spec_version 2.1")
    reports = [o for o in objs if o["type"] == "report"]
    assessments = [o for o in reports if o["name"].startswith("5G supply-chain risk assessment of SE")]
    check(sorted(o["name"][-11:-1] for o in assessments) == [D1, D3],
          "the assessments (one per package: snapshots %s, %s): %s" % (D1, D3, [o["name"] for o in assessments]))
    marks = {o["id"] for o in objs if o["type"] == "marking-definition"}
    check(marks == {"marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"}, "the markings: %s" % marks)
    check(len({(o["id"], o.get("modified", o.get("created"))) for o in objs}) == len(objs), "an object twice")
    check(r.headers.get("X-TAXII-Date-Added-First") and r.headers.get("X-TAXII-Date-Added-Last"),
          "no X-TAXII-Date-Added headers")
    # pages of 5 give the same objects
    paged, nxt, n = [], None, 0
    while n < 100:
        n += 1
        q = "?limit=5" + ("&next=" + nxt if nxt else "")
        e = taxii(srv, toks["fi"], base + fi["shared"] + "/objects/" + q).json()
        paged += e.get("objects", [])
        check(len(e.get("objects", [])) <= 5, "a page of more than 5")
        if not e.get("more"):
            break
        nxt = e["next"]
    check([o["id"] for o in paged] == [o["id"] for o in objs], "the pages differ from the whole list")
    m = taxii(srv, toks["fi"], base + fi["shared"] + "/manifest/?limit=1000").json()
    check([(x["id"], x["version"]) for x in m.get("objects", [])]
          == [(o["id"], o.get("modified", o.get("created"))) for o in objs]
          and all(set(x) == {"id", "date_added", "version", "media_type"} for x in m.get("objects", [])),
          "the manifest differs from the objects")
    e = taxii(srv, toks["fi"], base + fi["shared"] + "/objects/?match[type]=report").json()
    check(sorted(o["id"] for o in e.get("objects", [])) == sorted(o["id"] for o in reports), "match[type]=report")
    last = r.headers.get("X-TAXII-Date-Added-Last") or ""
    e = taxii(srv, toks["fi"], base + fi["shared"] + "/objects/?added_after=" + last).json()
    check(e == {"more": False}, "added_after the last: %s" % str(e)[:200])
    one = taxii(srv, toks["fi"], base + fi["shared"] + "/objects/" + reports[0]["id"] + "/").json()
    check([o["id"] for o in one.get("objects", [])] == [reports[0]["id"]], "one object: %s" % str(one)[:200])
    taxii(srv, toks["fi"], base + fi["shared"] + "/objects/report--00000000-0000-4000-8000-000000000000/", want=404)
    taxii(srv, toks["fi"], base + fi["shared"] + "/objects/?limit=0", want=400)
    # the package named to DE only is not in FI's collections; amber to DE and FI is in both
    def assessed(who, name):
        e = taxii(srv, toks[who], base + ana[name] + "/objects/?match[type]=report&limit=1000").json()
        return sorted(o["name"][-11:-1] for o in e.get("objects", [])
                      if o["name"].startswith("5G supply-chain risk assessment"))
    check(assessed("de", "to-DE") == [D2, D4] and assessed("fi", "to-FI") == [D2],
          "the snapshots to DE %s (want %s, %s), to FI %s (want %s)"
          % (assessed("de", "to-DE"), D2, D4, assessed("fi", "to-FI"), D2))


def test_pull_tls(toks):
    """Peer FI pulls over HTTPS from a self-signed A: refused without --cacert, then with it."""
    cert, key = os.path.join(T, "cert.pem"), os.path.join(T, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
    with st.Server("--tls-cert", cert, "--tls-key", key, db=A) as srv:
        url = "https://127.0.0.1:%d" % srv.port
        tok = os.path.join(T, "fi.token")
        p = n5(C, "pull", url, "--token-file", tok, ok=(3,))
        check(b"certificate" in p.stderr.lower() and not held(C), "no --cacert: %s" % p.stderr)
        j = json.loads(pull(C, url, tok, "--cacert", cert).stdout)
        check([p["id"] for p in j["packages"]] == [2, 4, 5] and j["imported"] == 3, "FI over TLS: %s" % j)


def main():
    toks = setup()
    with st.Server("--key", os.path.join(T, "se.key"), db=A) as srv:
        test_four_eyes(srv, toks)
        p3 = test_tlp(srv, toks)
        test_pull(srv, toks)
        test_taxii(srv, toks)
        test_altered(srv, toks, p3)
        test_audit(srv, toks)
    test_pull_tls(toks)
    test_schemas()
    err = open(os.path.join(T, "serve.err"), "rb").read().decode(errors="replace")
    for bad in ("runtime error", "AddressSanitizer", "LeakSanitizer"):
        check(bad not in err, "the server's stderr: %s" % err[err.find(bad) - 200:][:2000])
    failures.extend(st.failures)  # the security headers of every response (server_test.req)
    if failures:
        print("%d failures" % len(failures), file=sys.stderr)
        return 1
    print("exports: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
