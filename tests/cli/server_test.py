#!/usr/bin/env python3
"""The server end to end (tests/cli/server.sh runs it; docs/server.md).

Starts `nis5g serve` on 127.0.0.1 with an ephemeral port on a small
generated workspace and checks: the authorization matrix generated from
`serve --routes`, the API against the CLI byte for byte for every query
route, stored policies, sessions and CSRF, login throttling, the security
headers on every response, the audit trail, body limits, readers during an
import, TLS, and the graceful stop on SIGTERM.

Environment (tests/run.sh): NIS5G the binary, T a scratch folder, TOP the
tree, NIS5G_TODAY the fixed "today" shared by the server and the CLI.
Standard library only. Every loop is bounded and every server started is
stopped in a finally clause.
"""
import http.client
import glob
import json
import os
import re
import shutil
import select
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.parse
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)  # ssl.TLSVersion.TLSv1_1, on purpose

NIS5G = os.environ["NIS5G"]
T = os.environ["T"]
DB = os.path.join(T, "ws.db")
PW = "password12"
OLD, NEW = "2026-06-30", "2026-09-30"
TOP = os.environ["TOP"]
OP = "SE-TELIA"  # the operator user's operator
CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
POLICY = """designate Huawei, ZTE high "test \u2014 s\u00e4kerhetsskydd"

rule SE-1 "No high-risk supplier in new installations"
  basis SM03
  deny risk = high and installed >= 2021-01-01

rule CAP-35 "High-risk share of the access network at most 35% per operator"
  basis SM03, SM05
  cap share(risk = high) of domain = ran per operator <= 35% by 2027-07-28
"""

failures = []
responses = 0


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def check(cond, msg):
    if not cond:
        fail(msg)
    return cond


# ---- the command line ----

def n5(*args, stdin=None, ok=(0,), cwd=None, db=DB):
    argv = [NIS5G] + (["--db", db] if db else []) + list(args)
    p = subprocess.run(argv, input=stdin, capture_output=True, cwd=cwd, timeout=300)
    if p.returncode not in ok:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(argv), p.returncode, p.stderr.decode(errors="replace")))
    return p


def add_user(name, role, *extra):
    n5("user", "add", name, "--role", role, *extra, stdin=(PW + "\n").encode())


def token_for(name, *extra):
    return n5("token", "create", name, *extra).stdout.decode().strip().splitlines()[-1]


# ---- the server ----

class Server:
    """`nis5g serve` on 127.0.0.1:0; use as a context manager."""

    def __init__(self, *extra, db=DB):
        self.argv = [NIS5G, "--db", db, "serve", "--listen", "127.0.0.1:0"] + list(extra)
        self.proc = None
        self.tls = "--tls-cert" in extra

    def __enter__(self):
        self.err = open(os.path.join(T, "serve.err"), "ab")
        self.proc = subprocess.Popen(self.argv, stdout=subprocess.PIPE, stderr=self.err)
        line = b""
        deadline = time.monotonic() + 30
        while not line.endswith(b"\n") and time.monotonic() < deadline:
            r, _, _ = select.select([self.proc.stdout], [], [], 1)
            if r:
                c = os.read(self.proc.stdout.fileno(), 1)
                if not c:
                    break
                line += c
        want = "listening on %s://127.0.0.1:" % ("https" if self.tls else "http")
        if not line.decode().startswith(want):
            self.kill()
            raise RuntimeError("serve did not start: %r (stderr in %s)" % (line, self.err.name))
        self.port = int(line.decode().strip().rsplit(":", 1)[1])
        return self

    def stop(self):
        """SIGTERM; (exit status, what it printed after the first line)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            out, _ = self.proc.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self.kill()
            return None, b""
        return self.proc.returncode, out

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)

    def __exit__(self, *exc):
        if self.proc.poll() is None:
            self.stop()
        self.kill()
        self.err.close()


class Resp:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    def code(self):
        try:
            return self.json()["error"]["code"]
        except (ValueError, KeyError, TypeError):
            return None


def security_headers_ok(where, r, tls):
    check(r.getheader("Content-Security-Policy") == CSP, "%s: CSP %r" % (where, r.getheader("Content-Security-Policy")))
    check(r.getheader("X-Content-Type-Options") == "nosniff", "%s: no X-Content-Type-Options nosniff" % where)
    check(r.getheader("Referrer-Policy") == "no-referrer", "%s: no Referrer-Policy no-referrer" % where)
    if tls:
        hsts = r.getheader("Strict-Transport-Security") or ""
        check(hsts.startswith("max-age="), "%s: no Strict-Transport-Security under TLS" % where)


def req(srv, method, path, headers=None, body=None, tls_ctx=None, timeout=120):
    """One request on its own connection; every response's security headers are checked."""
    global responses
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        body = body.encode()
    if tls_ctx:
        conn = http.client.HTTPSConnection("127.0.0.1", srv.port, timeout=timeout, context=tls_ctx)
    else:
        conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        security_headers_ok("%s %s (%d)" % (method, path, r.status), r, tls_ctx is not None)
        responses += 1
        keep_body(method, path, r.status, r.headers, data)
        return Resp(r.status, r.headers, data)
    finally:
        conn.close()


# ---- every JSON body against its schema (docs/schemas/NAME.schema.json) ----

# GET routes answering a CLI document, by path; other bodies by method and path
QUERY_SCHEMAS = {"summary": "summary", "snapshots": "snapshots", "diversity": "diversity",
                 "killswitch": "killswitch", "simulate": "simulate", "whatif/ban": "whatif", "check": "check",
                 "suppliers": "suppliers", "risk": "risk", "measures": "measures",
                 "measures/history": "measures-history", "report": "report", "eu": "eu", "trust": "trust-list",
                 "users": "user-list", "tokens": "token-list", "audit": "audit"}
BODY_SCHEMAS = [("POST", r"/api/v1/session", "session"), ("GET", r"/api/v1/me", "me"),
                ("DELETE", r"/api/v1/session", "logout"), ("GET", r"/api/v1/policies", "policies"),
                ("PUT", r"/api/v1/policies/[^/]+", "policy-put"), ("DELETE", r"/api/v1/policies/[^/]+", "policy-delete"),
                ("POST", r"/api/v1/users", "user-add"), ("POST", r"/api/v1/users/[^/]+/disable", "user-disable"),
                ("POST", r"/api/v1/tokens", "token-create"), ("DELETE", r"/api/v1/tokens/[^/]+", "token-revoke"),
                ("GET", r"/api/v1/audit/verify", "audit-verify"), ("GET", r"/healthz", "healthz"),
                ("POST", r"/api/v1/measures", "measures-set"), ("POST", r"/api/v1/trust", "trust-add"),
                ("DELETE", r"/api/v1/trust/[^/]+", "trust-remove"), ("POST", r"/api/v1/import", "import"),
                ("POST", r"/api/v1/import-package", "import-package")]
kept_bodies = {}  # schema name -> files


def body_schema(method, path, status):
    if status >= 400:
        return "error"
    if status not in (200, 201):
        return None
    if method == "GET" and path.startswith("/api/v1/") and path[8:] in QUERY_SCHEMAS:
        return QUERY_SCHEMAS[path[8:]]
    for m, rx, name in BODY_SCHEMAS:
        if m == method and re.fullmatch(rx, path):
            return name
    return None


def keep_body(method, path, status, headers, data):
    """Keep a few JSON bodies of each kind (the errors of each status) for test_schemas."""
    if not (headers.get("Content-Type") or "").startswith("application/json"):
        return
    name = body_schema(method, path.split("?")[0], status)
    if not name:
        return
    kind = name
    if name == "error":  # a few of each status, and of those with diagnostics
        try:
            diags = bool(json.loads(data)["error"]["diagnostics"])
        except (ValueError, KeyError, TypeError):
            diags = False
        kind = "error-%d%s" % (status, "-diagnostics" if diags else "")
    files = kept_bodies.setdefault(name, [])
    if sum(1 for f in files if os.path.basename(f).startswith("body-%s." % kind)) >= 6:
        return
    f = os.path.join(T, "body-%s.%d.json" % (kind, len(files)))
    with open(f, "wb") as out:
        out.write(data)
    files.append(f)


def test_schemas():
    """The bodies kept by req() valid against their JSON Schemas (ajv, tests/js/validate.mjs)."""
    pairs = []
    for name, files in sorted(kept_bodies.items()):
        if check(os.path.exists(os.path.join(TOP, "docs", "schemas", name + ".schema.json")),
                 "no schema docs/schemas/%s.schema.json" % name):
            pairs += ["%s.schema.json=%s" % (name, f) for f in files]
    p = subprocess.run(["node", os.path.join(TOP, "tests", "js", "validate.mjs"), os.path.join(TOP, "docs", "schemas")]
                       + pairs, capture_output=True, timeout=300)
    bad = [l for l in p.stdout.decode().splitlines() if ": ok (" not in l]
    check(p.returncode == 0, "bodies not valid against their schemas:\n%s%s" % ("\n".join(bad[:40]), p.stderr.decode()[:1000]))
    return "%d bodies, %d schemas" % (len(pairs), len(kept_bodies))


def bearer(tok):
    return {"Authorization": "Bearer " + tok} if tok else {}


# ---- 1. the authorization matrix, from the route table ----

def matrix_request(route, role, ids):
    """A sensible request of the route for a caller of role: (path, headers, body)."""
    method, path = route["method"], route["path"]
    headers, body = {}, None
    query = {"/api/v1/whatif/ban": "?vendor=Huawei", "/api/v1/check": "?policy=fixed",
             "/api/v1/simulate": "?trials=64", "/api/v1/oscal/assessment": "?state=SE",
             "/api/v1/stix": "?state=SE", "/api/v1/diff": "?from=%s&to=%s" % (OLD, OLD)}.get(path, "")
    path = path.replace("{state}", "FI").replace("{id}", ids["spare_token"])
    if path.startswith("/api/v1/users/"):
        path = path.replace("{name}", "spare")
    path = path.replace("{name}", "mx").replace("{file}", "app.js")
    if (method, route["path"]) == ("POST", "/api/v1/measures"):
        body = {"scope": OP, "measure": "TM03", "status": "planned", "evidence": "matrix"}
    elif (method, route["path"]) == ("POST", "/api/v1/users"):
        body = {"name": "mx-" + role, "role": "analyst", "password": PW}
    elif (method, route["path"]) == ("POST", "/api/v1/tokens"):
        body = {"user": "ana", "expires_days": 2}
    elif (method, route["path"]) == ("POST", "/api/v1/session"):
        body = {"user": "ana", "password": PW}
    elif (method, route["path"]) == ("POST", "/api/v1/trust"):
        body = {"state": "FI", "public_key": ids["fi_pub"]}
    elif (method, route["path"]) == ("POST", "/api/v1/import"):
        # a tiny dataset of an old date, so the latest snapshot stays the same
        body, ctype = multipart({"as_of": "2020-01-01"},
                                {"operators.csv": "operator,name,country\nOPX,X,SE\n",
                                 "elements.csv": "element,operator,domain,function,vendor\nE1,OPX,core,AMF,Ericsson\n"})
        headers = {"Content-Type": ctype}
    elif (method, route["path"]) == ("POST", "/api/v1/submissions"):
        # analysts and admins name a new operator; an operator's user submits for its own
        fields = {} if role == "operator" else {"operator": "OPX-" + role}
        op = OP if role == "operator" else "OPX-" + role
        files = {"elements.csv": "element,operator,domain,function,vendor\nX-%s,%s,core,AMF,Ericsson\n" % (role, op)}
        if role != "operator":
            files["operators.csv"] = "operator,name,country\n%s,X,SE\n" % op
        body, ctype = multipart(fields, files)
        headers = {"Content-Type": ctype}
    elif (method, route["path"]) == ("POST", "/api/v1/submissions/{id}/review"):
        body = {"decision": "reject", "comment": "matrix"}
    elif (method, route["path"]) == ("POST", "/api/v1/import-package"):
        body = {"not": "a package"}  # refused on its merits (400), past authorization
    elif (method, route["path"]) == ("POST", "/api/v1/exports"):
        body = {"state": "SE", "tlp": "green"}
    elif (method, route["path"]) == ("POST", "/api/v1/exports/{id}/approve"):
        body = {"digest": "0" * 64}  # of no export: 404, past authorization
    elif method == "PUT":
        body, headers = POLICY, {"Content-Type": "text/plain"}
    return path + query, headers, body


def multipart(fields, files):
    """A multipart/form-data body and its Content-Type."""
    b = "nis5g-test-boundary"
    out = []
    for k, v in fields.items():
        out.append("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v))
    for name, text in files.items():
        out.append("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   "Content-Type: text/csv\r\n\r\n%s\r\n" % (b, name, name, text))
    out.append("--%s--\r\n" % b)
    return "".join(out).encode(), "multipart/form-data; boundary=" + b


def test_matrix(srv, toks, ids):
    routes = json.loads(n5("serve", "--routes", db=None).stdout)["routes"]
    check(len(routes) > 20, "serve --routes lists %d routes" % len(routes))
    callers = [("anonymous", None)] + [(r, toks[r]) for r in ("admin", "analyst", "operator", "peer")]
    n = 0
    for route in routes:
        for role, tok in callers:
            path, headers, body = matrix_request(route, role, ids)
            headers.update(bearer(tok))
            r = req(srv, route["method"], path, headers, body)
            n += 1
            what = "%s %s as %s: %d %s" % (route["method"], path, role, r.status, r.body[:200])
            if route["anyone"]:
                check(r.status < 400, what + " (anyone may)")
            elif role == "anonymous":
                check(r.status == 401 and r.code() == "unauthenticated", what + " (want 401)")
            elif role not in route["roles"]:
                check(r.status == 403 and r.code() == "forbidden", what + " (want 403)")
            elif (route["method"], route["path"], role) == ("POST", "/api/v1/submissions", "operator"):
                # the operator's whole part is one element: other operators' links into it may refuse it
                check(r.status == 200 or (r.status == 400 and r.code() == "input"),
                      what + " (the role may: 200, or refused on its merits)")
            elif (route["method"], route["path"]) == ("POST", "/api/v1/import-package"):
                check(r.status == 400 and r.code() in ("parse", "verify", "input", "usage"),
                      what + " (the role may: the bad package refused with 400)")
            else:
                ok = 200 <= r.status < 300 or (r.status == 404 and "{" in route["path"])
                check(ok, what + " (the role may: want 2xx)")
    # the operator sets its own operator's measure: exactly 200
    own = {"scope": OP, "measure": "TM04", "status": "partial"}
    r = req(srv, "POST", "/api/v1/measures", bearer(toks["operator"]), own)
    check(r.status == 200, "operator, own scope: %d %s" % (r.status, r.body[:200]))
    # another operator's scope is answered exactly like one that does not exist
    other = req(srv, "POST", "/api/v1/measures", bearer(toks["operator"]),
                {"scope": "SE-TELE2", "measure": "TM03", "status": "implemented"})
    none = req(srv, "POST", "/api/v1/measures", bearer(toks["operator"]),
               {"scope": "SE-NOPE", "measure": "TM03", "status": "implemented"})
    check(other.status == none.status == 404, "another operator's scope: %d, none: %d" % (other.status, none.status))
    check(other.code() == none.code() == "not_found", "error codes %s / %s" % (other.code(), none.code()))
    if other.code() and none.code():
        m = [x.json()["error"]["message"] for x in (other, none)]
        check(m[0].replace("SE-TELE2", "X") == m[1].replace("SE-NOPE", "X"),
              "another operator's scope is told apart by the message: %s" % m)
    hist = n5("measures", "history", "--scope", "SE-TELE2", "--measure", "TM03", "--json").stdout
    check(b"implemented" not in hist, "the operator changed another operator's measure")
    return n


def test_bad_credentials(srv, toks):
    me = "/api/v1/me"
    r = req(srv, "GET", me, bearer(toks["admin"]))
    check(r.status == 200 and r.json()["role"] == "admin", "admin /me: %d %s" % (r.status, r.body))
    r = req(srv, "GET", me, bearer(toks["operator"]))
    check(r.status == 200 and r.json().get("operator") == OP, "operator /me: %s" % r.body)
    cases = {
        "garbage token": bearer("n5g_0123456789abcdef_" + "0" * 64),
        "not a token": bearer("hello"),
        "empty bearer": {"Authorization": "Bearer "},
        "Basic": {"Authorization": "Basic YWRtOnBhc3N3b3JkMTI="},
        "lower-case scheme": {"Authorization": "bearer " + toks["admin"]},
    }
    # a disabled user's token
    add_user("victim", "analyst")
    vt = token_for("victim")
    check(req(srv, "GET", me, bearer(vt)).status == 200, "victim's token before the disable")
    r = req(srv, "POST", "/api/v1/users/victim/disable", bearer(toks["admin"]))
    check(r.status == 200, "disable victim: %d %s" % (r.status, r.body))
    cases["disabled user's token"] = bearer(vt)
    # a revoked token (created and revoked through the API)
    r = req(srv, "POST", "/api/v1/tokens", bearer(toks["admin"]), {"user": "ana", "expires_days": 1})
    check(r.status == 201, "token create: %d %s" % (r.status, r.body))
    made = r.json()
    check(req(srv, "GET", me, bearer(made["token"])).status == 200, "a token just made does not work")
    r = req(srv, "DELETE", "/api/v1/tokens/" + made["id"], bearer(toks["admin"]))
    check(r.status == 200, "token revoke: %d %s" % (r.status, r.body))
    cases["revoked token"] = bearer(made["token"])
    # an expired token: its expiry moved into the past in the workspace
    et = token_for("ana", "--expires", "1")
    check(req(srv, "GET", me, bearer(et)).status == 200, "a fresh token does not work")
    subprocess.run(["sqlite3", DB, "UPDATE api_token SET expires = CAST(strftime('%%s','now') AS INTEGER) - 5 "
                    "WHERE id = '%s'" % et.split("_")[1]], check=True, timeout=60)
    cases["expired token"] = bearer(et)
    for what, h in cases.items():
        r = req(srv, "GET", me, h)
        check(r.status == 401 and r.code() == "unauthenticated", "%s: %d %s" % (what, r.status, r.body))
    return made["id"]


# ---- 2. the API and the CLI give the same bytes ----

def parity_cases():
    """(query, [query-string pairs]) to try; positional parameters by name."""
    return [
        ("summary", []), ("summary", [("snapshot", OLD)]),
        ("snapshots", []),
        ("diff", []), ("diff", [("from", OLD), ("to", OLD)]), ("diff", [("from", "2020-01-01"), ("policy", "se")]),
        ("diff", [("from", "2019-01-01")]),
        ("diversity", []), ("diversity", [("by", "operator,domain"), ("weight", "subscribers")]),
        ("diversity", [("by", "function")]), ("diversity", [("by", "vendor")]),
        ("killswitch", []), ("killswitch", [("vendors", "Huawei"), ("vendors", "Ericsson+Nokia")]),
        ("killswitch", [("vendors", "Huawei"), ("lost", "2")]),
        ("simulate", [("trials", "64"), ("seed", "5"), ("fail", "core=0.1")]),
        ("simulate", [("trials", "32"), ("outage-hours", "3"), ("fail", "ran=0.05"), ("fail", "core=0.2")]),
        ("whatif ban", [("vendor", "Huawei")]),
        ("whatif ban", [("vendor", "Huawei"), ("domains", "ran,core"), ("rate", "40/month")]),
        ("whatif ban", [("vendor", "NoSuchVendor")]),
        ("check", [("policy", "se")]), ("check", [("policy", "se"), ("at", "2030-01-01")]),
        ("suppliers", []), ("suppliers", [("policy", "se")]),
        ("risk", []), ("risk", [("operator", OP)]), ("risk", [("policy", "se"), ("at", "2026-01-01")]),
        ("measures", []), ("measures", [("scope", OP)]), ("measures", [("scope", "SE"), ("snapshot", OLD)]),
        ("measures history", []), ("measures history", [("scope", OP), ("measure", "TM04")]),
        ("measures history", [("operator", OP)]), ("snapshots", [("operator", OP)]),
        ("report", []), ("report", [("policy", "se")]),
        ("eu", []),
        ("stix", [("state", "SE")]), ("stix", [("state", "SE"), ("tlp", "green"), ("policy", "se")]),
        ("oscal catalog", []),
        ("oscal assessment", [("state", "SE")]), ("oscal assessment", [("state", "SE"), ("snapshot", OLD)]),
        ("oscal catalog", [("oscal-version", "1.1.2")]),
        ("oscal assessment", [("state", "SE"), ("oscal-version", "1.1.2")]),
        ("oscal poam", []), ("oscal poam", [("policy", "se"), ("at", "2026-01-01")]),
        ("oscal poam", [("policy", "se"), ("oscal-version", "1.1.2"), ("snapshot", OLD)]),
        ("oscal poam", [("oscal-version", "2.0")]),
        ("trust list", []),
        ("submissions", []), ("submissions", [("status", "pending")]), ("submissions", [("operator", "OPX-admin")]),
        ("elements", [("limit", "20")]),
        ("elements", [("vendor", "Huawei"), ("domain", "ran"), ("sort", "installed"), ("desc", "1"),
                      ("offset", "5"), ("limit", "10")]),
        ("elements", [("high_risk", "1"), ("sort", "vendor"), ("status", "active"), ("status", "planned"),
                      ("limit", "30"), ("snapshot", OLD)]),
        ("elements", [("rule", "SE-1"), ("policy", "se"), ("at", "2026-01-01"), ("sort", "site"), ("limit", "50")]),
        ("elements", [("vendor", "NoSuchVendor"), ("limit", "5")]),
        ("elements", [("sort", "bogus"), ("limit", "5")]),
    ]


POSITIONAL = {"vendors", "vendor", "from", "to"}
FLAGS = {"desc": "--desc", "high_risk": "--high-risk"}  # ?desc=1 is --desc on the command line
OUTFILE = {"stix", "oscal catalog", "oscal assessment", "oscal poam"}


def cli_for(query, pairs, out):
    """The command line asking the same question: (argv, the file to read or None)."""
    argv = query.split()
    for k, v in pairs:
        if query == "elements" and k in FLAGS:
            argv.append(FLAGS[k])
        elif query == "elements" and k == "vendor":
            argv += ["--vendor", v]
        else:
            argv += [v] if k in POSITIONAL else ["--" + k, v]
    if query == "report":
        return argv + ["-o", out], os.path.join(out, "report.json")
    if query in OUTFILE:
        return argv + ["-o", out], out
    return argv + ["--json"], None


def test_parity(srv, toks, routes):
    with open(os.path.join(T, "se"), "w") as f:  # the CLI's file has the stored policy's name
        f.write(POLICY)
    r = req(srv, "PUT", "/api/v1/policies/se", {**bearer(toks["analyst"]), "Content-Type": "text/plain"}, POLICY)
    check(r.status == 200, "PUT policy se: %d %s" % (r.status, r.body))
    by_query = {}
    for x in routes:
        if x["method"] == "GET" and x["query"]:
            by_query.setdefault(x["query"], []).append(x["path"])
    cases = parity_cases()
    check(set(by_query) == {q for q, _ in cases}, "query routes without a parity case: %s"
          % (set(by_query) ^ {q for q, _ in cases}))
    n = 0
    runs = [(q, pairs, p) for q, pairs in cases for p in by_query.get(q, [])]
    for i, (query, pairs, route_path) in enumerate(runs):
        qs = urllib.parse.urlencode(pairs)  # '+' becomes %2B, '=' %3D, ',' %2C
        path = route_path + ("?" + qs if qs else "")
        r = req(srv, "GET", path, bearer(toks["analyst"]))
        argv, outfile = cli_for(query, pairs, os.path.join(T, "parity-%d" % i))
        html = route_path.endswith(".html")
        if html:  # the page the command writes beside report.json
            outfile = os.path.join(os.path.dirname(outfile), "report.html")
        p = n5(*argv, ok=(0, 1, 2), cwd=T)
        what = "%s vs nis5g %s" % (path, " ".join(argv))
        n += 1
        if p.returncode == 2:
            # bad input on the command line: the API refuses it too, with the same message
            msg = p.stderr.decode().strip()
            check(400 <= r.status < 500, "%s: CLI refused (%s), API %d" % (what, msg, r.status))
            check(r.code() is not None and r.json()["error"]["message"] in msg,
                  "%s: messages differ: API %s, CLI %s" % (what, r.body[:300], msg))
            continue
        if not check(r.status == 200, "%s: %d %s" % (what, r.status, r.body[:300])):
            continue
        cli = open(outfile, "rb").read() if outfile else p.stdout
        check(r.body == cli, "%s: the bytes differ (API %d bytes, CLI %d)" % (what, len(r.body), len(cli)))
        check(r.headers.get("Content-Type", "").startswith("text/html" if html else "application/json"),
              "%s: Content-Type" % what)
    # the CISO Assistant library: the file `nis5g export-library` writes
    r = req(srv, "GET", "/api/v1/library", bearer(toks["analyst"]))
    lib = os.path.join(T, "library.yaml")
    n5("export-library", "-o", lib, cwd=T)
    check(r.status == 200 and r.body == open(lib, "rb").read(),
          "GET /api/v1/library: %d, not the bytes of nis5g export-library" % r.status)
    check(r.headers.get("Content-Type", "").startswith("application/yaml"), "GET /api/v1/library: Content-Type")
    n += 1
    # a stored policy that does not exist, and a parameter the query does not have
    r = req(srv, "GET", "/api/v1/check?policy=nosuch", bearer(toks["analyst"]))
    check(r.status in (400, 404) and "nosuch" in r.body.decode(), "check with a policy not stored: %d %s" % (r.status, r.body[:200]))
    r = req(srv, "GET", "/api/v1/summary?bogus=1", bearer(toks["analyst"]))
    check(r.status == 400 and r.code() == "usage", "unknown parameter: %d %s" % (r.status, r.body[:200]))
    r = req(srv, "GET", "/api/v1/summary?snapshot=2026-02-30", bearer(toks["analyst"]))
    check(r.status == 400, "a bad date: %d %s" % (r.status, r.body[:200]))
    return n


# ---- 2b. an operator's user: the same queries on its own operator's data ----

def csv_rows(name):
    lines = open(os.path.join(T, "se1", name), encoding="utf-8").read().splitlines()
    return [l.split(",") for l in lines[1:]]


def test_scoped(srv, toks):
    adm, op = bearer(toks["admin"]), bearer(toks["operator"])
    operators = csv_rows("operators.csv")
    others = [o[0] for o in operators if o[0] != OP]
    secrets = others + [o[1] for o in operators if o[0] != OP]  # ids and names
    check(len(others) >= 2, "the dataset has other operators: %s" % others)
    # the summary: its own operator's rows of the national one, no national totals
    a = req(srv, "GET", "/api/v1/summary", adm).json()
    r = req(srv, "GET", "/api/v1/summary", op)
    if check(r.status == 200, "operator summary: %d %s" % (r.status, r.body[:200])):
        o = r.json()
        check(o["operators"] == [x for x in a["operators"] if x["operator"] == OP],
              "operator summary rows: %s" % o["operators"])
        check(o["counts"] == [x for x in a["counts"] if x["operator"] == OP], "operator summary counts differ")
        own = [x for x in a["operators"] if x["operator"] == OP][0]
        check(o["totals"]["operators"] == 1 and o["totals"]["elements"] == sum(own["elements"].values()),
              "operator summary totals: %s" % o["totals"])
    # every query open to it answers, and names no other operator anywhere
    n = 0
    for path in ("summary", "summary?snapshot=" + OLD, "diversity", "diversity?by=operator,domain",
                 "killswitch", "killswitch?vendors=Huawei&lost=3", "simulate?trials=64", "whatif/ban?vendor=Huawei",
                 "check?policy=se", "suppliers", "risk", "risk?policy=se", "measures", "measures?scope=SE",
                 "elements?limit=10000", "elements?format=csv&limit=10000&sort=operator&desc=1",
                 "diff", "diff?from=%s&to=%s" % (OLD, OLD)):
        r = req(srv, "GET", "/api/v1/" + path, op)
        n += 1
        if not check(r.status == 200, "operator GET %s: %d %s" % (path, r.status, r.body[:200])):
            continue
        leaked = [x for x in secrets if x.encode() in r.body]
        check(not leaked, "operator GET %s names other operators: %s" % (path, leaked))
        again = req(srv, "GET", "/api/v1/" + path, op)
        check(again.body == r.body, "operator GET %s: the kept document differs" % path)
    # the diff of its own part of each snapshot: only its own operator's elements
    r = req(srv, "GET", "/api/v1/diff", op)
    if check(r.status == 200, "operator diff: %d %s" % (r.status, r.body[:200])):
        d = r.json()
        check([x["operator"] for x in d["by_operator"]] == [OP], "operator diff by operator: %s" % d["by_operator"])
        check(d["added"] and all(x["operator"] == OP for x in d["added"]) and not d["removed"],
              "operator diff lists other elements: %s" % d["summary"])
    # an older snapshot is scoped too: the matrix's 2020 dataset has only OPX
    r = req(srv, "GET", "/api/v1/summary?snapshot=2020-01-01", op)
    check(r.status == 200 and b"OPX" not in r.body and r.json()["operators"] == [],
          "operator, a snapshot without its operator: %d %s" % (r.status, r.body[:300]))
    # the admin's documents stay the national ones (kept apart from the operator's)
    check(req(srv, "GET", "/api/v1/summary", adm).json() == a, "the admin's summary changed after the operator's")
    # another operator's object is answered exactly like one that does not exist
    site = [x[0] for x in csv_rows("sites.csv") if x[1] == others[0] and "dc" not in x[5].split(";")][0]
    pairs = [("killswitch?vendors=Huawei&explain=%s", site, "SE-NOPE-S1"),
             ("risk?operator=%s", others[0], "SE-NOPE"),
             ("elements?operator=%s", others[0], "SE-NOPE"),
             ("measures?scope=%s", others[0], "SE-NOPE")]
    for fmt, other_id, none_id in pairs:
        x = req(srv, "GET", "/api/v1/" + fmt % other_id, op)
        y = req(srv, "GET", "/api/v1/" + fmt % none_id, op)
        n += 2
        what = "%s: another operator's %d %s, none %d %s" % (fmt, x.status, x.body[:200], y.status, y.body[:200])
        check(x.status == y.status and x.status >= 400 and x.code() == y.code(), what)
        if x.code() and y.code():
            m = [z.json()["error"]["message"] for z in (x, y)]
            check(m[0].replace(other_id, "X") == m[1].replace(none_id, "X"), "told apart by the message: %s" % m)
        check(req(srv, "GET", "/api/v1/" + fmt % other_id, adm).status == 200 or "explain" in fmt,
              "%s: the admin sees it" % fmt)
    n += scoped_snapshots(srv, toks, others, secrets)
    n += scoped_history(srv, toks, others, secrets)
    # national views stay national
    for path in ("report", "eu", "trust"):
        r = req(srv, "GET", "/api/v1/" + path, op)
        check(r.status == 403, "operator GET %s: %d" % (path, r.status))
    return n


def scoped_view(srv, op, path, argv, secrets):
    """An operator's GET of path: 200, the bytes of the CLI's operator view (argv), no other operator named."""
    r = req(srv, "GET", "/api/v1/" + path, op)
    if not check(r.status == 200, "operator GET %s: %d %s" % (path, r.status, r.body[:200])):
        return None
    cli = n5(*argv, "--json").stdout
    check(r.body == cli, "operator GET %s differs from %s --json:\n%s\n%s" % (path, " ".join(argv), r.body[:300], cli[:300]))
    leaked = [x for x in secrets if x.encode() in r.body]
    check(not leaked, "operator GET %s names other operators: %s" % (path, leaked))
    return r.json()


def same_as_absent(srv, op, fmt, other_id, none_id):
    """Another operator's id is answered exactly like one that does not exist."""
    x = req(srv, "GET", "/api/v1/" + fmt % other_id, op)
    y = req(srv, "GET", "/api/v1/" + fmt % none_id, op)
    check(x.status == y.status and x.code() == y.code() and
          x.body.replace(other_id.encode(), b"X") == y.body.replace(none_id.encode(), b"X"),
          "%s: another operator's %d %s, none %d %s" % (fmt, x.status, x.body[:200], y.status, y.body[:200]))
    return 2


def scoped_snapshots(srv, toks, others, secrets):
    """Its snapshots: every snapshot, the counts of its own part only, no source."""
    adm, op = bearer(toks["admin"]), bearer(toks["operator"])
    d = scoped_view(srv, op, "snapshots", ["snapshots", "--operator", OP], secrets)
    whole = req(srv, "GET", "/api/v1/snapshots", adm).json()["snapshots"]
    if not d:
        return 1
    own = d["snapshots"]
    check([x["as_of"] for x in own] == [x["as_of"] for x in whole] and OLD in [x["as_of"] for x in own],
          "the operator's snapshots: %s" % [x["as_of"] for x in own])
    check(all(x["source"] == "" for x in own), "the operator sees import sources")
    for x, w in zip(own, whole):
        check(x["imported_at"] == w["imported_at"] and x["suppliers"] == w["suppliers"] and
              x["products"] == w["products"], "%s: the catalogue's counts differ: %s / %s" % (x["as_of"], x, w))
    by = {x["as_of"]: x for x in own}
    # by hand from the dataset of OLD: its own elements, sites, and links among its own elements
    els = {e[0] for e in csv_rows("elements.csv") if e[1] == OP}
    sites = [x for x in csv_rows("sites.csv") if x[1] == OP]
    want = {"operators": 1, "elements": len(els), "sites": len(sites)}
    got = {k: by.get(OLD, {}).get(k) for k in want}
    check(got == want and 0 < by[OLD]["elements"] < [w for w in whole if w["as_of"] == OLD][0]["elements"],
          "the operator's counts of %s: %s, want %s" % (OLD, got, want))
    # the matrix's 2020 dataset has only OPX: nothing of its own
    z = by.get("2020-01-01", {})
    check([z.get(k) for k in ("operators", "sites", "elements", "links", "measures")] == [0] * 5,
          "a snapshot without its operator: %s" % z)
    return 2 + same_as_absent(srv, op, "snapshots?operator=%s", others[0], "SE-NOPE")


def scoped_history(srv, toks, others, secrets):
    """Its measures history: its own scope's entries and the state's, in order, never another operator's."""
    adm, op = bearer(toks["admin"]), bearer(toks["operator"])
    d = scoped_view(srv, op, "measures/history", ["measures", "history", "--operator", OP], secrets)
    whole = req(srv, "GET", "/api/v1/measures/history", adm).json()["history"]
    check(any(h["scope"] in others for h in whole) and any(h["scope"] == "SE" for h in whole),
          "the national history has other operators' and the state's entries")
    if d:
        check(d["history"] == [h for h in whole if h["scope"] in (OP, "SE")],
              "the operator's history is not the national one filtered to its scope and its state's")
        check(any(h["scope"] == OP and h["by"] == "op" for h in d["history"]), "its own change is missing")
    scoped_view(srv, op, "measures/history?measure=TM04", ["measures", "history", "--operator", OP,
                                                           "--measure", "TM04"], secrets)
    n = 2 + same_as_absent(srv, op, "measures/history?operator=%s", others[0], "SE-NOPE")
    return n + same_as_absent(srv, op, "measures/history?scope=%s", others[0], "SE-NOPE")


# ---- 2c. the element listing: CSV parity, pages, limits, an operator's own ----

def test_elements(srv, toks):
    ana, op = bearer(toks["analyst"]), bearer(toks["operator"])
    n = 0
    for qs, argv in (("limit=25&sort=vendor", ["--limit", "25", "--sort", "vendor"]),
                     ("vendor=Huawei&vendor=Nokia&domain=ran&high_risk=1&offset=3&limit=40&desc=1",
                      ["--vendor", "Huawei", "--vendor", "Nokia", "--domain", "ran", "--high-risk", "--offset", "3",
                       "--limit", "40", "--desc"]),
                     ("rule=SE-1&policy=se&limit=10000", ["--rule", "SE-1", "--policy", "se", "--limit", "10000"]),
                     ("offset=100000000&limit=5", ["--offset", "100000000", "--limit", "5"])):
        r = req(srv, "GET", "/api/v1/elements?format=csv&" + qs, ana)
        cli = n5("elements", "--csv", *argv, cwd=T).stdout
        n += 1
        what = "elements?format=csv&%s" % qs
        if not check(r.status == 200, "%s: %d %s" % (what, r.status, r.body[:300])):
            continue
        check(r.body == cli, "%s: the CSV differs from --csv (API %d bytes, CLI %d)" % (what, len(r.body), len(cli)))
        check(r.headers.get("Content-Type", "").startswith("text/csv"), "%s: Content-Type %s" % (what, r.headers.get("Content-Type")))
        check((r.headers.get("Content-Disposition") or "").startswith("attachment"), "%s: no attachment" % what)
        js = req(srv, "GET", "/api/v1/elements?" + qs, ana)
        ids = [e["id"] for e in js.json()["elements"]]
        check(ids == [l.split(",")[0] for l in r.body.decode().splitlines()[1:]], "%s: CSV rows and JSON page differ" % what)
    # the default page, the largest page, bad values
    d = req(srv, "GET", "/api/v1/elements", ana).json()
    check(d["limit"] == 100 and len(d["elements"]) == min(100, d["total"]) and d["total"] > 100,
          "the default page: limit %s, %d elements of %s" % (d["limit"], len(d["elements"]), d["total"]))
    for qs, word in (("limit=10001", "10000"), ("limit=-1", "-1"), ("limit=ten", "ten"), ("offset=-5", "-5"),
                     ("sort=bogus", "bogus"), ("format=xml", "xml"), ("vendor=NoSuchVendor", "NoSuchVendor"),
                     ("rule=SE-1", "--policy"), ("bogus=1", "bogus")):
        r = req(srv, "GET", "/api/v1/elements?" + qs, ana)
        n += 1
        check(r.status == 400 and r.code() == "usage" and word in r.json()["error"]["message"],
              "elements?%s: %d %s" % (qs, r.status, r.body[:300]))
    r = req(srv, "GET", "/api/v1/elements?limit=10000", ana)
    check(r.status == 200, "limit=10000: %d" % r.status)
    # an operator's user: its own elements only, the same as the national list filtered to it
    whole = req(srv, "GET", "/api/v1/elements?operator=%s&limit=10000" % OP, ana).json()
    own = req(srv, "GET", "/api/v1/elements?limit=10000", op).json()
    check(own["total"] == whole["total"] > 0 and own["elements"] == whole["elements"],
          "the operator's list (%s) is not the national one filtered to it (%s)" % (own["total"], whole["total"]))
    check(all(e["operator"] == OP for e in own["elements"]), "the operator sees other operators' elements")
    r = req(srv, "GET", "/api/v1/elements", bearer(toks["peer"]))
    check(r.status == 403, "a peer: %d" % r.status)
    return n


# ---- 3. stored policies ----

def test_policies(srv, toks):
    h = {**bearer(toks["admin"]), "Content-Type": "text/plain"}
    bad = "rule X-1 \"fine\"\n  deny risk = high and\n  installed >= 2021-13-45\n"
    r = req(srv, "PUT", "/api/v1/policies/broken", h, bad)
    check(r.status == 400 and r.code() == "parse", "a bad policy: %d %s" % (r.status, r.body[:300]))
    d = r.json()["error"]["diagnostics"] if r.code() else []
    check(len(d) >= 1 and all(isinstance(x.get("line"), int) and x["line"] >= 1 and isinstance(x.get("col"), int)
                              and x["col"] >= 1 for x in d), "diagnostics without line and col: %s" % d)
    check(any(x["line"] == 3 for x in d), "the error is on line 3: %s" % d)
    r = req(srv, "GET", "/api/v1/policies/broken", h)
    check(r.status == 404, "a bad policy was stored: GET %d" % r.status)
    r = req(srv, "PUT", "/api/v1/policies/good", h, POLICY)
    check(r.status == 200 and r.json().get("stored") == "good", "PUT good: %d %s" % (r.status, r.body))
    r = req(srv, "GET", "/api/v1/policies/good", h)
    check(r.status == 200 and r.body == POLICY.encode(), "GET good: %d, same bytes: %s" % (r.status, r.body == POLICY.encode()))
    r = req(srv, "GET", "/api/v1/policies", h)
    check(r.status == 200 and "good" in [p["name"] for p in r.json()["policies"]], "policy list: %s" % r.body[:300])
    r = req(srv, "DELETE", "/api/v1/policies/good", h)
    check(r.status == 200, "DELETE good: %d %s" % (r.status, r.body))
    r = req(srv, "GET", "/api/v1/policies/good", h)
    check(r.status == 404, "GET after DELETE: %d" % r.status)
    r = req(srv, "DELETE", "/api/v1/policies/good", h)
    check(r.status == 404, "DELETE twice: %d" % r.status)
    r = req(srv, "PUT", "/api/v1/policies/bad%20name", h, POLICY)
    check(r.status == 400, "a bad policy name: %d %s" % (r.status, r.body[:200]))


# ---- 4. sessions and CSRF ----

def login(srv, user, password):
    return req(srv, "POST", "/api/v1/session", {}, {"user": user, "password": password})


def test_sessions(srv):
    r = login(srv, "ana", PW)
    check(r.status == 200, "login: %d %s" % (r.status, r.body))
    sc = r.headers.get("Set-Cookie", "")
    parts = [p.strip() for p in sc.split(";")]
    name, _, sid = parts[0].partition("=")
    attrs = {p.split("=")[0].lower(): p for p in parts[1:]}
    check(name.startswith("__Host-") and len(sid) >= 32, "cookie name/value: %s" % sc)
    for a in ("httponly", "secure"):
        check(a in attrs, "cookie without %s: %s" % (a, sc))
    check(attrs.get("samesite", "").lower() == "samesite=strict", "cookie SameSite: %s" % sc)
    check(attrs.get("path") == "Path=/", "cookie Path: %s" % sc)
    check("domain" not in attrs, "a __Host- cookie with a Domain: %s" % sc)
    csrf = r.json().get("csrf", "")
    check(len(csrf) >= 32 and csrf not in sc, "csrf token: %r" % csrf)
    ck = {"Cookie": "%s=%s" % (name, sid)}
    r = req(srv, "GET", "/api/v1/me", ck)
    check(r.status == 200 and r.json()["user"] == "ana", "GET with the cookie: %d %s" % (r.status, r.body))
    r = req(srv, "GET", "/api/v1/summary", ck)
    check(r.status == 200, "GET summary with the cookie: %d" % r.status)
    changes = [("POST", "/api/v1/measures", {"scope": OP, "measure": "TM05", "status": "planned"}, {}),
               ("PUT", "/api/v1/policies/sess", POLICY, {"Content-Type": "text/plain"}),
               ("DELETE", "/api/v1/policies/sess", None, {})]
    for method, path, body, extra in changes:
        for bad in (None, "0" * 64, csrf[:-1]):
            h = {**ck, **extra}
            if bad is not None:
                h["X-CSRF-Token"] = bad
            r = req(srv, method, path, h, body)
            check(r.status == 403 and r.code() == "csrf", "%s %s with the cookie, CSRF %r: %d %s"
                  % (method, path, bad, r.status, r.body[:200]))
        r = req(srv, method, path, {**ck, **extra, "X-CSRF-Token": csrf}, body)
        check(r.status == 200, "%s %s with the cookie and CSRF: %d %s" % (method, path, r.status, r.body[:200]))
    r = req(srv, "DELETE", "/api/v1/session", ck)
    check(r.status == 403, "logout without CSRF: %d" % r.status)
    r = req(srv, "DELETE", "/api/v1/session", {**ck, "X-CSRF-Token": csrf})
    check(r.status == 200, "logout: %d %s" % (r.status, r.body))
    check("Max-Age=0" in r.headers.get("Set-Cookie", ""), "logout does not clear the cookie: %s"
          % r.headers.get("Set-Cookie"))
    r = req(srv, "GET", "/api/v1/me", ck)
    check(r.status == 401, "the cookie after logout: %d" % r.status)
    r = req(srv, "GET", "/api/v1/me", {"Cookie": "%s=%s" % (name, "f" * 64)})
    check(r.status == 401, "an unknown session: %d" % r.status)
    # a wrong password, and a user that does not exist: the same answer
    a, b = login(srv, "ana", "wrong password"), login(srv, "nobody", "wrong password")
    check(a.status == b.status == 401 and a.body == b.body, "login failures differ: %s / %s" % (a.body, b.body))
    r = req(srv, "POST", "/api/v1/session", {}, {"user": "ana"})
    check(r.status == 400, "login without a password: %d" % r.status)


# ---- 5. throttling ----

def test_throttle(srv):
    add_user("thr", "analyst")
    got = None
    for _ in range(12):  # 5 free failures, then delays of 1, 2, 4 ... s
        r = login(srv, "thr", "wrong password")
        if r.status == 429:
            ra = r.headers.get("Retry-After", "")
            check(ra.isdigit() and int(ra) >= 1, "Retry-After %r" % ra)
            check(r.code() == "throttled", "429 code: %s" % r.body)
            if ra.isdigit() and int(ra) >= 2:
                got = r
                break
            time.sleep(int(ra) + 0.2 if ra.isdigit() else 1)  # a 1 s delay could run out under our feet
        else:
            check(r.status == 401, "a wrong password: %d" % r.status)
    if not check(got is not None, "no 429 with Retry-After >= 2 after 12 wrong passwords"):
        return
    r = login(srv, "thr", PW)
    check(r.status == 429 and r.headers.get("Retry-After", "").isdigit(),
          "the right password during the delay: %d %s" % (r.status, r.body))
    check("Set-Cookie" not in r.headers, "a throttled login set a cookie")


# ---- 6. headers, unknown paths, wrong methods ----

def test_paths(srv, toks):
    adm = bearer(toks["admin"])
    for path in ("/nope", "/api/v1/nope", "/api/v2/summary", "/api/v1/summary/x", "/api/v1/users/ana/enable"):
        r = req(srv, "GET", path)
        check(r.status == 401, "GET %s anonymous: %d" % (path, r.status))
        r = req(srv, "GET", path, adm)
        check(r.status == 404 and r.code() is not None, "GET %s as admin: %d %s" % (path, r.status, r.body[:100]))
    for method, path in (("POST", "/api/v1/summary"), ("DELETE", "/api/v1/me"), ("PUT", "/api/v1/users"),
                         ("GET", "/api/v1/session"), ("PATCH", "/api/v1/policies/se"), ("POST", "/healthz")):
        for h in ({}, adm):
            r = req(srv, method, path, h)
            check(r.status == 405 and r.code() is not None, "%s %s: %d %s" % (method, path, r.status, r.body[:100]))
    r = req(srv, "HEAD", "/healthz")
    check(r.status == 200, "HEAD /healthz: %d" % r.status)
    r = req(srv, "GET", "/healthz")
    check(r.status == 200 and r.json() == {"status": "ok"}, "healthz: %s" % r.body)
    r = req(srv, "GET", "/api/v1/openapi.json", adm)
    check(r.status == 200 and r.json() == json.loads(n5("serve", "--openapi", db=None).stdout),
          "openapi.json differs from serve --openapi")


# ---- 7. the audit trail ----

def test_audit(srv, toks, revoked_id):
    r = req(srv, "POST", "/api/v1/users", bearer(toks["admin"]),
            {"name": "newbie", "role": "peer", "state": "FR", "password": PW})
    check(r.status == 201, "user add: %d %s" % (r.status, r.body))
    r = req(srv, "POST", "/api/v1/users", bearer(toks["admin"]), {"name": "newbie", "role": "peer", "state": "FR",
                                                                  "password": PW})
    check(r.status == 409, "user add twice: %d %s" % (r.status, r.body))
    r = req(srv, "GET", "/api/v1/users", bearer(toks["admin"]))
    check(r.status == 200 and r.body == n5("user", "list", "--json").stdout, "users differ from user list --json")
    r = req(srv, "GET", "/api/v1/audit", bearer(toks["admin"]))
    check(r.status == 200 and r.body == n5("audit", "--json").stdout, "audit differs from nis5g audit --json")
    entries = r.json()["entries"]

    def has(user, action, outcome, target=None):
        return any(e["user"] == user and e["action"] == action and e["outcome"] == outcome and
                   (target is None or e["target"] == target) and e["address"] == "127.0.0.1" for e in entries)
    want = [("op", "measures.set", "ok", "%s TM04" % OP), ("ana", "measures.set", "ok", None),
            ("ana", "policy.put", "ok", "se"), ("adm", "policy.put", "ok", "good"),
            ("adm", "policy.delete", "ok", "good"), ("adm", "user.add", "ok", "newbie"),
            ("adm", "user.add", "failed", "newbie"), ("adm", "user.disable", "ok", "victim"),
            ("adm", "token.create", "ok", None), ("adm", "token.revoke", "ok", revoked_id),
            ("ana", "login", "ok", "ana"), ("ana", "login", "failed", "ana"), ("nobody", "login", "failed", None),
            ("thr", "login", "denied", None), ("ana", "logout", "ok", None),
            ("peer", "request", "denied", None), ("-", "request", "denied", None),
            ("ana", "request", "denied", None)]  # the CSRF refusals
    for user, action, outcome, target in want:
        check(has(user, action, outcome, target), "no audit entry %s %s %s %s" % (user, action, outcome, target))
    r = req(srv, "GET", "/api/v1/audit?action=policy.put&user=adm", bearer(toks["admin"]))
    check(r.status == 200 and r.body == n5("audit", "--action", "policy.put", "--user", "adm", "--json").stdout,
          "audit filtered differs")
    r = req(srv, "GET", "/api/v1/audit/verify", bearer(toks["admin"]))
    check(r.status == 200 and r.json().get("intact") is True, "audit/verify: %s" % r.body)
    p = n5("audit", "verify", ok=(0, 1, 2, 3))
    check(p.returncode == 0, "audit verify: exit %d %s" % (p.returncode, p.stdout))


# ---- 8. limits ----

def test_limits(srv, toks):
    adm = bearer(toks["admin"])
    big = {"scope": OP, "measure": "TM03", "status": "planned", "evidence": "x" * 5000}
    for h in (adm, {}):
        r = req(srv, "POST", "/api/v1/measures", h, big)
        check(r.status == 413 and r.code() == "limit", "a body over --max-body: %d %s" % (r.status, r.body[:200]))
    r = req(srv, "PUT", "/api/v1/policies/big", {**adm, "Content-Type": "text/plain"}, "# " + "y" * 4100 + "\n")
    check(r.status == 413, "a policy over --max-body: %d" % r.status)
    check(req(srv, "GET", "/api/v1/policies/big", adm).status == 404, "a policy over --max-body was stored")
    for body in (b"{\"scope\": ", b"[1, 2]", b"{\"scope\": \"a\", \"scope\": \"b\"}", b"\xff\xfe"):
        r = req(srv, "POST", "/api/v1/measures", {**adm, "Content-Type": "application/json"}, body)
        check(r.status == 400 and r.code() is not None, "body %r: %d %s" % (body, r.status, r.body[:200]))
    r = req(srv, "POST", "/api/v1/measures", adm, {"scope": OP, "measure": "TM03"})
    check(r.status == 400, "a body without status: %d" % r.status)
    r = req(srv, "POST", "/api/v1/measures", adm, {"scope": OP, "measure": "TM03", "status": "planned", "by": "eve"})
    check(r.status == 400, "a body naming 'by': %d" % r.status)
    r = req(srv, "POST", "/api/v1/measures", adm, {"scope": OP, "measure": "TM03", "status": "sort of"})
    check(r.status == 400, "a bad status: %d %s" % (r.status, r.body[:200]))


# ---- 8b. abuse: each answered 4xx, nothing changed ----

STATE_TABLES = ("snapshot", "snapshot_blob", "measure_history", "identity", "trusted_key", "package",
                "user_account", "api_token", "stored_policy", "prepared_export")


def state_dump():
    """Every row of the tables a request could change (not the audit trail,
    the login throttle or the sessions' last use), to compare before and after."""
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % DB, uri=True)
    try:
        return {t: con.execute("SELECT * FROM %s ORDER BY 1" % t).fetchall() for t in STATE_TABLES}
    finally:
        con.close()


def raw(srv, data):
    """Raw bytes on one connection: the status line and headers of the answer."""
    with socket.create_connection(("127.0.0.1", srv.port), timeout=30) as s:
        s.sendall(data)
        got = b""
        while b"\r\n\r\n" not in got:
            c = s.recv(4096)
            if not c:
                break
            got += c
    return got.split(b"\r\n\r\n")[0].decode("latin-1")


def test_abuse(srv, toks):
    adm = bearer(toks["admin"])
    before = state_dump()
    n = 0

    def refused(method, path, headers=None, body=None, what=None, codes=(400, 401, 403, 404, 405, 413)):
        nonlocal n
        r = req(srv, method, path, {**adm, **(headers or {})}, body)
        n += 1
        check(r.status in codes and (r.status == 404 or r.code() is not None or path.startswith("/taxii2/")),
              "%s: %s %s answers %d %s" % (what or "abuse", method, path, r.status, r.body[:200]))
        for h in r.headers.keys():
            check(h.lower() not in ("x-injected", "set-cookie"), "%s %s: injected header %s" % (method, path, h))
        return r
    # path traversal in every name of a path: policies, export and package
    # ids, trusted states, users, tokens, TAXII collections and objects
    for name in ("..", "..%2f..%2fetc%2fpasswd", "..%2F", "%2e%2e", "a%2fb", ".hidden", "x%00y", "%2fetc%2fpasswd",
                 "..%5c..%5cwin.ini", "x" * 300):
        for method, path, body in (("GET", "/api/v1/policies/%s", None), ("DELETE", "/api/v1/policies/%s", None),
                                   ("PUT", "/api/v1/policies/%s", POLICY),
                                   ("GET", "/api/v1/exports/%s", None), ("GET", "/api/v1/exports/%s/package", None),
                                   ("POST", "/api/v1/exports/%s/approve", {"digest": "0" * 64}),
                                   ("GET", "/api/v1/packages/%s", None), ("DELETE", "/api/v1/trust/%s", None),
                                   ("POST", "/api/v1/users/%s/disable", None), ("DELETE", "/api/v1/tokens/%s", None),
                                   ("GET", "/taxii2/api1/collections/%s/objects/", None),
                                   ("GET", "/taxii2/api1/collections/%s/objects/%s/", None)):
            h = {"Content-Type": "text/plain"} if method == "PUT" else {}
            if path.startswith("/taxii2/"):
                h["Accept"] = "application/taxii+json;version=2.1"
            refused(method, path.replace("%s", name), h, body, "a traversal name %r" % name)
    # upload file names: folders, parents, absolute paths, hidden and odd names
    for fname in ("../elements.csv", "..", "/etc/passwd", "a/elements.csv", ".elements.csv", "elements.csv\r\nX-Injected: 1",
                  "..\\elements.csv", "elements.csv%2f..", ""):
        body, ctype = multipart({"as_of": "2020-01-01"}, {fname: "element,operator,domain,function,vendor\n"})
        refused("POST", "/api/v1/import", {"Content-Type": ctype}, body, "an upload named %r" % fname, (400,))
    check(not os.path.exists(os.path.join(os.path.dirname(T), "elements.csv")), "an upload escaped its folder")
    # malformed multipart: no boundary, a wrong one, no closing one, no
    # disposition, an unknown field, not multipart at all, an empty body
    good, ctype = multipart({"as_of": "2020-01-01"}, {"operators.csv": "operator,name,country\nOPX,X,SE\n"})
    for what, h, body in (("no boundary", {"Content-Type": "multipart/form-data"}, good),
                          ("another boundary", {"Content-Type": "multipart/form-data; boundary=other"}, good),
                          ("no closing boundary", {"Content-Type": ctype}, good[:good.rfind(b"--nis5g")]),
                          ("cut in a header", {"Content-Type": ctype}, good[:60]),
                          ("no disposition", {"Content-Type": ctype},
                           b"--nis5g-test-boundary\r\nContent-Type: text/csv\r\n\r\nx\r\n--nis5g-test-boundary--\r\n"),
                          ("an unknown field", {"Content-Type": ctype},
                           multipart({"as_of": "2020-01-01", "evil": "1"}, {})[0]),
                          ("a JSON body", {"Content-Type": "application/json"}, b'{"as_of": "2020-01-01"}'),
                          ("no content type", {}, good),
                          ("an empty body", {"Content-Type": ctype}, b"")):
        refused("POST", "/api/v1/import", h, body, "malformed multipart (%s)" % what, (400, 415))
    # malformed JSON in every JSON body
    for path in ("/api/v1/session", "/api/v1/measures", "/api/v1/exports", "/api/v1/users", "/api/v1/tokens",
                 "/api/v1/trust", "/api/v1/exports/1/approve"):
        for body in (b'{"a": ', b"[]", b'"x"', b"\xff\xfe\x00", b'{"a": 1, "a": 2}', b"{" * 5000 + b"}" * 5000,
                     b'{"user": ["admin"], "password": {"x": 1}, "state": 7, "digest": null}'):
            refused("POST", path, {"Content-Type": "application/json"}, body, "malformed JSON %r" % body[:20],
                    (400, 404, 413))
    # oversized bodies on every route that takes one (--max-body 4096)
    for method, path in (("POST", "/api/v1/session"), ("POST", "/api/v1/exports"), ("POST", "/api/v1/import"),
                         ("POST", "/api/v1/import-package"), ("PUT", "/api/v1/policies/huge"),
                         ("POST", "/api/v1/users"), ("POST", "/api/v1/tokens"), ("POST", "/api/v1/trust")):
        refused(method, path, {"Content-Type": "application/json"}, b'{"x": "' + b"z" * 8192 + b'"}',
                "an oversized body", (413,))
    # header injection: CR LF in query values, path names and JSON strings
    # reflected in an answer never becomes a header of it
    for method, path, body in (("GET", "/api/v1/summary?snapshot=2020-01-01%0d%0aX-Injected:%201", None),
                               ("GET", "/api/v1/killswitch?vendors=Huawei%0d%0aX-Injected:%201", None),
                               ("GET", "/api/v1/policies/se%0d%0aX-Injected:%201", None),
                               ("POST", "/api/v1/measures",
                                {"scope": "x\r\nX-Injected: 1", "measure": "TM03", "status": "planned"}),
                               ("POST", "/api/v1/session", {"user": "ana\r\nX-Injected: 1", "password": "p\r\n"})):
        refused(method, path, {}, body, "header injection")
    for data in (b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + toks["admin"].encode() +
                 b"\rX-Injected: 1\r\n\r\n",
                 b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: __Host-nis5g=\r\nX-Injected: 1\r\n\r\n",
                 b"GET /api/v1/me\r\nX-Injected: 1 HTTP/1.1\r\nHost: x\r\n\r\n",
                 b"POST /api/v1/measures HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                 b"Authorization: Bearer " + toks["admin"].encode() + b"\r\n\r\n0\r\n\r\n"):
        head = raw(srv, data)
        n += 1
        status = head.split(" ")[1] if head.count(" ") else "none"
        check(status.startswith("4") and "x-injected" not in head.lower(),
              "a raw request %r: %r" % (data[:60], head[:200]))
    after = state_dump()
    for t in STATE_TABLES:
        check(before[t] == after[t], "the abuse requests changed table %s" % t)
    return "%d requests" % n


# ---- 9. readers during an import ----

def test_concurrency(srv, toks):
    old = n5("summary", "--json").stdout
    done = threading.Event()
    bodies, errors = [], []
    lock = threading.Lock()

    def reader():
        for i in range(300):  # at least 30, and on while the import runs
            if i >= 30 and done.is_set():
                break
            try:
                r = req(srv, "GET", "/api/v1/summary", bearer(toks["analyst"]), timeout=60)
                with lock:
                    bodies.append((r.status, r.body))
            except Exception as e:  # noqa: BLE001 - any failure is a finding
                with lock:
                    errors.append(repr(e))
    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        time.sleep(0.05)
        n5("import", os.path.join(T, "se2"), "--as-of", NEW)
    finally:
        done.set()
        for t in threads:
            t.join(timeout=300)
    check(not any(t.is_alive() for t in threads), "a reader thread did not finish")
    new = n5("summary", "--json").stdout
    check(old == n5("summary", "--json", "--snapshot", OLD).stdout, "the old summary changed")
    check(old != new, "the two datasets have the same summary")
    check(not errors, "reader errors: %s" % errors[:3])
    n_old = sum(1 for s, b in bodies if s == 200 and b == old)
    n_new = sum(1 for s, b in bodies if s == 200 and b == new)
    check(n_old + n_new == len(bodies) and len(bodies) >= 120,
          "%d responses: %d old, %d new, %d neither" % (len(bodies), n_old, n_new, len(bodies) - n_old - n_new))
    r = req(srv, "GET", "/api/v1/summary", bearer(toks["analyst"]))
    check(r.body == new, "after the import the summary is not the new one")
    return "%d responses, %d old, %d new" % (len(bodies), n_old, n_new)


# ---- 10. TLS ----

def test_tls():
    cert, key = os.path.join(T, "cert.pem"), os.path.join(T, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
    p = n5("serve", "--listen", "0.0.0.0:0", ok=(0, 1, 2, 3))
    check(p.returncode == 2 and b"without TLS" in p.stderr, "0.0.0.0 without TLS: exit %d %s"
          % (p.returncode, p.stderr))
    p = n5("serve", "--listen", "0.0.0.0:0", "--tls-cert", cert, ok=(0, 1, 2, 3))
    check(p.returncode == 2, "--tls-cert without --tls-key: exit %d" % p.returncode)
    note = ""
    with Server("--tls-cert", cert, "--tls-key", key) as srv:
        ctx = ssl.create_default_context(cafile=cert)
        r = req(srv, "GET", "/healthz", tls_ctx=ctx)  # the helper checks Strict-Transport-Security
        check(r.status == 200, "healthz over TLS: %d" % r.status)
        r = req(srv, "GET", "/api/v1/me", tls_ctx=ctx)
        check(r.status == 401, "anonymous over TLS: %d" % r.status)
        # plain HTTP on the TLS port gets no answer
        try:
            req(srv, "GET", "/healthz", timeout=10)
            fail("plain HTTP answered on the TLS port")
        except (http.client.HTTPException, OSError):
            pass
        for v in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            ctx12 = ssl.create_default_context(cafile=cert)
            ctx12.minimum_version = ctx12.maximum_version = v
            r = req(srv, "GET", "/healthz", tls_ctx=ctx12)
            check(r.status == 200, "healthz over %s: %d" % (v.name, r.status))
        old = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        old.load_verify_locations(cert)
        old.minimum_version = ssl.TLSVersion.TLSv1
        old.maximum_version = ssl.TLSVersion.TLSv1_1
        try:
            old.set_ciphers("DEFAULT:@SECLEVEL=0")
        except ssl.SSLError:
            pass
        try:
            with socket.create_connection(("127.0.0.1", srv.port), timeout=10) as s:
                with old.wrap_socket(s, server_hostname="127.0.0.1"):
                    fail("a TLS 1.1 handshake succeeded")
        except ssl.SSLError as e:
            if "NO_PROTOCOLS_AVAILABLE" in str(e) or "no protocols available" in str(e):
                note = "TLS 1.1 check skipped: the local OpenSSL will not offer TLS 1.1 (%s)" % e.reason
            else:
                note = "TLS 1.1 refused: %s" % e.reason
        except OSError as e:
            print("note: TLS 1.1 refused: %s" % e)
        rc, out = srv.stop()
        check(rc == 0 and b"stopped (SIGTERM)" in out, "TLS server stop: %s %s" % (rc, out))
    return note


# ---- 11. graceful stop ----

def test_graceful(srv, toks):
    result = {}

    def slow():
        try:
            result["r"] = req(srv, "GET", "/api/v1/simulate?trials=300000&fail=ran%3D0.05&fail=core%3D0.1",
                              bearer(toks["analyst"]), timeout=300)
        except Exception as e:  # noqa: BLE001
            result["e"] = repr(e)
    t = threading.Thread(target=slow)
    t0 = time.monotonic()
    t.start()
    time.sleep(0.3)
    srv.proc.send_signal(signal.SIGTERM)
    # while the request finishes, a new connection is not served
    time.sleep(0.1)
    late = "not tried: the server had already exited"
    if srv.proc.poll() is None:
        t1 = time.monotonic()
        try:
            late = "served: %d" % req(srv, "GET", "/healthz", timeout=10).status
        except ConnectionRefusedError:
            late = None
        except (OSError, http.client.HTTPException) as e:
            late = "not refused but %s after %.1f s" % (type(e).__name__, time.monotonic() - t1)
    t.join(timeout=300)
    rc, out = srv.stop()
    took = time.monotonic() - t0
    r = result.get("r")
    check(r is not None and r.status == 200, "the request in flight: %s" % (result.get("e") or (r and r.status)))
    if r is not None and r.status == 200:
        doc = r.json()
        check(doc.get("trials") == 300000 and "sites_lost" in doc, "the request in flight: incomplete JSON")
    check(late is None or late.startswith("not tried"), "a new connection after SIGTERM: %s" % late)
    if late:
        print("note: graceful: %s (the request in flight was too quick to try a new connection meanwhile)" % late)
    check(rc == 0, "serve exit status after SIGTERM: %s" % rc)
    check(out.decode().strip().endswith("stopped (SIGTERM)"), "serve printed %r" % out)
    try:
        socket.create_connection(("127.0.0.1", srv.port), timeout=5).close()
        fail("a connection was accepted after the stop")
    except OSError:
        pass
    return "%.1f s" % took


# ---- the whole ----


# ---- uploads: the import cases through POST /api/v1/import ----

def sanitize(t):
    """As the command line shows dataset text (text.h): no line breaks, no controls."""
    out = []
    for ch in t:
        o = ord(ch)
        out.append(" " if ch in "\t\r\n" else "?" if o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F else ch)
    return "".join(out)


def render(d, cmd="import"):
    """A diagnostic of the API as the command line prints its first line."""
    if d.get("file") and d.get("line"):
        loc = "%s:%d:%d: " % (d["file"], d["line"], d["col"])
    elif d.get("file"):
        loc = "%s: " % d["file"]
    else:
        loc = "nis5g %s: " % cmd
    line = loc + "%s: %s" % (d["severity"], d["message"])
    if "got" in d:
        line += " \u2014 got '%s'" % sanitize(d["got"])
    return line


def case_dir(case, into):
    """The dataset of an import case (tests/cases/import/README.md)."""
    shutil.copytree(os.path.join(TOP, "tests/cases/import/small"), into)
    out, mode, status = None, None, None
    for line in open(case, encoding="utf-8", newline="").read().splitlines(keepends=True):
        w = line.split()
        if line.startswith("--- file ") or line.startswith("--- append "):
            out = open(os.path.join(into, w[2]), "w" if w[1] == "file" else "a", encoding="utf-8", newline="")
        elif line.startswith("--- remove "):
            os.remove(os.path.join(into, w[2]))
            out = None
        elif line.startswith("--- expect"):
            status = int(w[2])
            out = None
        elif out is not None:
            out.write(line)
    return status


def test_upload_cases(toks):
    """Every import case uploaded: the diagnostics of the command line, nothing changed on error."""
    db = os.path.join(T, "uploads.db")
    n5("import", os.path.join(T, "se1"), "--as-of", OLD, db=db)
    n5("user", "add", "up", "--role", "analyst", stdin=(PW + "\n").encode(), db=db)
    tok = n5("token", "create", "up", db=db).stdout.decode().strip().splitlines()[-1]
    cases = sorted(glob.glob(os.path.join(TOP, "tests/cases/import/errors/*.case")))
    check(len(cases) >= 20, "import cases found: %d" % len(cases))
    with Server(db=db) as srv:
        before = req(srv, "GET", "/api/v1/snapshots", bearer(tok)).body
        for case in cases:
            cid = os.path.basename(case)[:-5]
            d = os.path.join(T, "upload-" + cid)
            status = case_dir(case, d)
            files = {f: open(os.path.join(d, f), encoding="utf-8", errors="surrogateescape").read()
                     for f in sorted(os.listdir(d))}
            cli = n5("import", ".", "--as-of", "2020-01-01", ok=(0, 1, 2, 3), cwd=d,
                     db=os.path.join(T, "upload-%s.db" % cid))
            want = [l for l in cli.stderr.decode(errors="replace").splitlines()
                    if re.match(r"^[^ ].*: (error|warning|note): ", l)]
            body, ctype = multipart({"as_of": "2020-01-01"}, files)
            r = req(srv, "POST", "/api/v1/import", {**bearer(tok), "Content-Type": ctype}, body)
            what = "upload of case %s" % cid
            if cli.returncode != 0:
                check(r.status == 400, "%s: %d (the CLI exits %d)" % (what, r.status, cli.returncode))
                got = [render(x) for x in (r.json()["error"]["diagnostics"] if r.code() else [])]
                check(got == want, "%s: diagnostics differ\n  API %s\n  CLI %s" % (what, got, want))
                after = req(srv, "GET", "/api/v1/snapshots", bearer(tok)).body
                check(after == before, "%s: a refused upload changed the snapshots" % what)
            else:
                check(r.status == 200, "%s: %d %s" % (what, r.status, r.body[:300]))
                # undo: the next case starts from the same workspace
                before = req(srv, "GET", "/api/v1/snapshots", bearer(tok)).body
            check(status == cli.returncode, "%s: the CLI exits %d, the case expects %s" % (what, cli.returncode, status))
    return len(cases)


# ---- submissions: operators submit, see their own only, an analyst reviews ----

def part_files(folder):
    d = os.path.join(TOP, "tests/cases/submit", folder)
    return {f: open(os.path.join(d, f), encoding="utf-8").read() for f in sorted(os.listdir(d))}


def test_submissions(toks):
    """An operator submits through the API, another operator cannot see it, an analyst accepts it."""
    today = os.environ.get("NIS5G_TODAY", "2026-11-27")
    db = os.path.join(T, "submissions.db")
    n5("import", os.path.join(TOP, "tests/cases/submit/base"), "--as-of", "2026-11-01", db=db)
    tok = {}
    for name, role, extra in (("sa", "operator", ["--operator", "OPA"]), ("sb", "operator", ["--operator", "OPB"]),
                              ("sn", "analyst", [])):
        n5("user", "add", name, "--role", role, *extra, stdin=(PW + "\n").encode(), db=db)
        tok[name] = n5("token", "create", name, db=db).stdout.decode().strip().splitlines()[-1]
    n = 0

    def post(who, files, fields=None):
        body, ctype = multipart(fields or {}, files)
        return req(srv, "POST", "/api/v1/submissions", {**bearer(tok[who]), "Content-Type": ctype}, body)

    with Server(db=db) as srv:
        r = post("sa", part_files("opa-v2"))
        n += 1
        if not check(r.status == 200, "OPA submits: %d %s" % (r.status, r.body[:300])):
            return n
        doc = r.json()
        check(doc["operator"] == "OPA" and doc["status"] == "pending" and doc["submitted_by"] == "sa",
              "the submission: %s" % doc)
        sid = doc["id"]
        r = post("sa", part_files("opc-v2"), {"operator": "OPC"})
        check(r.status == 403 and r.code() == "forbidden", "OPA submits for OPC: %d %s" % (r.status, r.body[:200]))
        # a refused part: the command line's diagnostics, nothing recorded
        r = post("sa", part_files("refused/foreign-row"))
        cli_db = os.path.join(T, "submissions-cli.db")
        n5("import", os.path.join(TOP, "tests/cases/submit/base"), "--as-of", "2026-11-01", db=cli_db)
        cli = n5("submit", "--operator", "OPA", ".", ok=(2,), db=cli_db,
                 cwd=os.path.join(TOP, "tests/cases/submit/refused/foreign-row"))
        want = [l for l in cli.stderr.decode().splitlines() if re.match(r"^[^ ].*: (error|warning|note): ", l)]
        got = [render(x) for x in (r.json()["error"]["diagnostics"] if r.code() else [])]
        check(r.status == 400 and got == want, "a foreign row: %d\n  API %s\n  CLI %s" % (r.status, got, want))
        # OPB sees none of OPA's
        r = req(srv, "GET", "/api/v1/submissions", bearer(tok["sb"]))
        check(r.status == 200 and r.json() == {"submissions": []}, "OPB's list: %d %s" % (r.status, r.body[:200]))
        r = req(srv, "GET", "/api/v1/submissions/%d" % sid, bearer(tok["sb"]))
        check(r.status == 404 and r.code() == "not_found", "OPB reads OPA's: %d %s" % (r.status, r.body[:200]))
        r = req(srv, "GET", "/api/v1/submissions?operator=OPA", bearer(tok["sb"]))
        check(r.status == 200 and r.json() == {"submissions": []}, "OPB asks for OPA's: %s" % r.body[:200])
        # OPA sees its own, byte for byte the command line's
        r = req(srv, "GET", "/api/v1/submissions", bearer(tok["sa"]))
        cli = n5("submissions", "--operator", "OPA", "--json", db=db).stdout
        check(r.status == 200 and r.body == cli, "OPA's list differs from the CLI's: %s" % r.body[:300])
        r = req(srv, "GET", "/api/v1/submissions/%d" % sid, bearer(tok["sa"]))
        cli = n5("submissions", str(sid), "--json", db=db).stdout
        check(r.status == 200 and r.body == cli, "OPA's submission differs from the CLI's: %s" % r.body[:300])
        # the reviewer's diff: the CLI's bytes; OPA's own part for OPA, nothing for OPB
        r = req(srv, "GET", "/api/v1/diff?submission=%d" % sid, bearer(tok["sn"]))
        cli = n5("diff", "--submission", str(sid), "--json", db=db).stdout
        check(r.status == 200 and r.body == cli, "the submission's diff differs from the CLI's: %d %s" % (r.status, r.body[:300]))
        r = req(srv, "GET", "/api/v1/diff?submission=%d" % sid, bearer(tok["sa"]))
        own = r.json() if r.status == 200 else {}
        check(r.status == 200 and own.get("submission") == sid and
              all(x["operator"] == "OPA" for x in own.get("by_operator", [])) and b"OPB" not in r.body and b"OPC" not in r.body,
              "OPA's diff of its submission: %d %s" % (r.status, r.body[:300]))
        r = req(srv, "GET", "/api/v1/diff?submission=%d" % sid, bearer(tok["sb"]))
        check(r.status == 404 and r.code() == "not_found", "OPB diffs OPA's submission: %d %s" % (r.status, r.body[:200]))
        # only analysts and admins review; then the operator sees the decision
        path = "/api/v1/submissions/%d/review" % sid
        r = req(srv, "POST", path, bearer(tok["sa"]), {"decision": "accept", "comment": "mine"})
        check(r.status == 403, "the operator reviews: %d" % r.status)
        r = req(srv, "POST", path, bearer(tok["sn"]), {"decision": "accept", "comment": "vendor swap as planned"})
        check(r.status == 200 and r.json()["status"] == "accepted" and r.json()["reviewed_by"] == "sn",
              "the analyst accepts: %d %s" % (r.status, r.body[:300]))
        r = req(srv, "POST", path, bearer(tok["sn"]), {"decision": "reject", "comment": "again"})
        check(r.status == 409, "a second review: %d %s" % (r.status, r.body[:200]))
        r = req(srv, "GET", "/api/v1/submissions/%d" % sid, bearer(tok["sa"]))
        check(r.json().get("comment") == "vendor swap as planned" and r.json().get("snapshot") == today,
              "OPA sees the decision: %s" % r.body[:300])
        r = req(srv, "GET", "/api/v1/summary", bearer(tok["sn"]))
        merged = os.path.join(T, "merged.db")
        n5("import", os.path.join(TOP, "tests/cases/submit/merged-opa-v2"), "--as-of", today, db=merged)
        check(r.body == n5("summary", "--json", db=merged).stdout, "the accepted snapshot's summary")
        audit = n5("audit", "--json", db=db).stdout.decode()
        check('"action": "submission.review"' in audit and '"user": "sn"' in audit, "the review is not audited")
        n += 10
    return n


# ---- a snapshot replaced by one of the same date: the server's model follows ----

def test_replaced(toks):
    """An import of the latest snapshot's date replaces it in place (same id);
    the server must answer with the new figures, not the cached model."""
    db = os.path.join(T, "replaced.db")
    n5("import", os.path.join(T, "se1"), "--as-of", OLD, db=db)
    n5("user", "add", "rp", "--role", "analyst", stdin=(PW + "\n").encode(), db=db)
    tok = n5("token", "create", "rp", db=db).stdout.decode().strip().splitlines()[-1]
    with Server(db=db) as srv:
        r = req(srv, "GET", "/api/v1/summary", bearer(tok))
        check(r.status == 200 and r.body == n5("summary", "--json", db=db).stdout, "the first summary")
        # the time of import has whole seconds: let the next one be another second
        time.sleep(1.1)
        n5("import", os.path.join(T, "se2"), "--as-of", OLD, db=db)
        r = req(srv, "GET", "/api/v1/summary", bearer(tok))
        check(r.status == 200 and r.body == n5("summary", "--json", db=db).stdout,
              "the summary after the snapshot of %s was replaced is the old one" % OLD)
        # an older snapshot replaced while the latest stays: ?snapshot= follows it too
        n5("import", os.path.join(T, "se1"), "--as-of", NEW, db=db)
        q = "/api/v1/summary?snapshot=" + OLD
        r = req(srv, "GET", q, bearer(tok))
        check(r.status == 200 and r.body == n5("summary", "--snapshot", OLD, "--json", db=db).stdout, "the summary of " + OLD)
        time.sleep(1.1)
        n5("import", os.path.join(T, "se1"), "--as-of", OLD, db=db)
        r = req(srv, "GET", q, bearer(tok))
        check(r.status == 200 and r.body == n5("summary", "--snapshot", OLD, "--json", db=db).stdout,
              "the summary of %s after it was replaced (not the latest) is the old one" % OLD)
    return 4


# ---- slow clients: they do not stop the others, and are closed ----

def test_slow_clients(toks):
    """20 connections that send half a request and wait: a normal request is
    still answered at once, and the server closes them after --timeout."""
    with Server("--timeout", "2") as srv:
        slow = []
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
            s.sendall(b"GET /api/v1/summary HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bear")
            slow.append(s)
        t0 = time.monotonic()
        r = req(srv, "GET", "/api/v1/summary", bearer(toks["analyst"]), timeout=10)
        took = time.monotonic() - t0
        check(r.status == 200 and took < 1.5, "a request beside 20 slow clients: %d in %.2f s" % (r.status, took))
        time.sleep(3.5)
        closed = 0
        for s in slow:
            try:
                s.settimeout(2)
                closed += s.recv(1) == b""
            except OSError:
                closed += 1
            s.close()
        check(closed == 20, "slow clients closed after --timeout: %d of 20" % closed)
        return "%d closed, a normal request in %.2f s" % (closed, took)

def main():
    t_start = time.monotonic()
    timings = []

    def timed(name, f, *a):
        t0 = time.monotonic()
        try:
            v = f(*a)
        except Exception as e:  # noqa: BLE001 - report and go on to the next part
            fail("%s: %s: %s" % (name, type(e).__name__, e))
            v = None
        timings.append("%s %.1fs%s" % (name, time.monotonic() - t0, " (%s)" % v if v else ""))
        return v

    n5("generate", "--country", "SE", "--scale", "0.02", "--seed", "1", "-o", os.path.join(T, "se1"), db=None)
    n5("generate", "--country", "SE", "--scale", "0.02", "--seed", "2", "-o", os.path.join(T, "se2"), db=None)
    n5("import", os.path.join(T, "se1"), "--as-of", OLD)
    n5("keygen", "--state", "SE", "-o", os.path.join(T, "se.key"))  # the own assessment of "eu"
    for name, role, extra in (("adm", "admin", []), ("ana", "analyst", []), ("op", "operator", ["--operator", OP]),
                              ("peer", "peer", ["--state", "DE"]), ("spare", "analyst", [])):
        add_user(name, role, *extra)
    toks = {r: token_for(n) for n, r in (("adm", "admin"), ("ana", "analyst"), ("op", "operator"),
                                         ("peer", "peer"))}
    n5("keygen", "--state", "FI", "-o", os.path.join(T, "fi.key"), db=os.path.join(T, "fi.db"))
    ids = {"spare_token": token_for("ana").split("_")[1],
           "fi_pub": open(os.path.join(T, "fi.key.pub")).read()}
    routes = json.loads(n5("serve", "--routes", db=None).stdout)["routes"]
    with Server("--max-body", "4096", "--key", os.path.join(T, "se.key")) as srv:
        # the matrix's check runs the stored policy "fixed"
        r = req(srv, "PUT", "/api/v1/policies/fixed", {**bearer(toks["admin"]), "Content-Type": "text/plain"}, POLICY)
        check(r.status == 200, "PUT fixed: %d" % r.status)
        timed("matrix", test_matrix, srv, toks, ids)
        revoked = timed("credentials", test_bad_credentials, srv, toks)
        timed("parity", test_parity, srv, toks, routes)
        timed("scoped", test_scoped, srv, toks)
        timed("elements", test_elements, srv, toks)
        timed("policies", test_policies, srv, toks)
        timed("sessions", test_sessions, srv)
        timed("throttle", test_throttle, srv)
        timed("paths", test_paths, srv, toks)
        timed("limits", test_limits, srv, toks)
        timed("abuse", test_abuse, srv, toks)
        timed("audit", test_audit, srv, toks, revoked)
        timed("concurrency", test_concurrency, srv, toks)
        timed("graceful", test_graceful, srv, toks)
    timed("uploads", test_upload_cases, toks)
    timed("submissions", test_submissions, toks)
    timed("replaced", test_replaced, toks)
    timed("slow clients", test_slow_clients, toks)
    timed("schemas", test_schemas)
    note = timed("tls", test_tls)
    if note:
        print("note: " + note)
    err = open(os.path.join(T, "serve.err"), "rb").read().decode(errors="replace")
    for bad in ("runtime error", "AddressSanitizer", "LeakSanitizer", "ThreadSanitizer"):
        check(bad not in err, "the server's stderr: %s" % err[err.find(bad) - 200:][:2000])
    print("server: %d responses; %s; %.1fs in all" % (responses, ", ".join(timings), time.monotonic() - t_start))
    if failures:
        print("%d failures" % len(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
