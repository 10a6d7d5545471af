#!/usr/bin/env python3
"""The client of bench/server-soak.sh: mixed reads and writes for DUR seconds.

Environment: NIS5G the (ASan) binary, DB the workspace, DATA the generated
dataset folder it was imported from, DUR seconds. Starts `nis5g serve` on
127.0.0.1:0, runs four client threads (three readers, one writer) until the
time is up, stops the server with SIGTERM and checks: every answer had the
status expected of it, the server exited 0, and its stderr has no sanitizer
report. Prints the counts; exit status 0 when all holds. Standard library only.
"""
import http.client
import json
import os
import random
import re
import select
import signal
import subprocess
import sys
import threading
import time

NIS5G, DB, DATA = os.environ["NIS5G"], os.environ["DB"], os.environ["DATA"]
DUR = float(os.environ.get("DUR", "600"))
PW = "soak-password-1"
POLICY = 'rule S1 "no high-risk core"\n  deny risk = high and domain = core\n'

lock = threading.Lock()
counts = {}
bad = []


def n5(*args, stdin=None):
    p = subprocess.run([NIS5G, "--db", DB] + list(args), input=stdin, capture_output=True, timeout=600)
    if p.returncode:
        sys.exit("server-soak: nis5g %s: %s" % (" ".join(args), p.stderr.decode(errors="replace")))
    return p.stdout.decode()


def req(port, method, path, headers=None, body=None, want=(200,)):
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    elif isinstance(body, str):
        body = body.encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        conn.request(method, path, body=body, headers=headers)
        r = conn.getresponse()
        data = r.read()
        status, hdrs = r.status, r.headers
    except Exception as e:  # a dropped connection is an error of the soak
        status, hdrs, data = 0, {}, str(e).encode()
    finally:
        conn.close()
    key = "%s %s" % (method, re.sub(r"[?].*|/[0-9a-f]{16}$", "", path))
    with lock:
        counts[key] = counts.get(key, 0) + 1
        if status not in want:
            bad.append("%s %s: %d %s" % (method, path, status, data[:200]))
    return status, hdrs, data


def multipart(fields, files):
    b = "soak-boundary"
    out = ["--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (b, k, v) for k, v in fields.items()]
    for name, text in files.items():
        out.append("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                   "Content-Type: text/csv\r\n\r\n%s\r\n" % (b, name, name, text))
    out.append("--%s--\r\n" % b)
    return "".join(out).encode(), "multipart/form-data; boundary=" + b


def reader(port, tok, ops, vendor, end, rnd):
    paths = ["/api/v1/summary", "/api/v1/diversity", "/api/v1/killswitch?vendors=" + vendor,
             "/api/v1/whatif/ban?vendor=" + vendor, "/api/v1/measures", "/api/v1/snapshots",
             "/api/v1/suppliers", "/api/v1/risk", "/api/v1/policies", "/api/v1/measures/history",
             "/api/v1/simulate?trials=32&seed=%d", "/api/v1/stix?state=MT", "/api/v1/oscal/assessment?state=MT",
             "/api/v1/audit?limit=20", "/healthz"]
    h = {"Authorization": "Bearer " + tok}
    while time.monotonic() < end:
        p = rnd.choice(paths)
        if "%d" in p:
            p = p % rnd.randrange(1000)
        req(port, "GET", p, h)
        # refused requests, answered 4xx and changing nothing
        if rnd.random() < 0.1:
            req(port, "GET", "/api/v1/summary", {"Authorization": "Bearer n5g_bogus"}, want=(401,))
            req(port, "POST", "/api/v1/measures", h, '{"scope":', want=(400,))
            req(port, "GET", "/api/v1/policies/..%2fsecret", h, want=(400, 404))


def writer(port, tok, ops, end, rnd):
    h = {"Authorization": "Bearer " + tok}
    statuses = ["planned", "partial", "implemented", "none"]
    i = 0
    while time.monotonic() < end:
        i += 1
        scope = rnd.choice(ops)
        req(port, "POST", "/api/v1/measures", h,
            {"scope": scope, "measure": rnd.choice(["TM03", "SM03", "TM05"]), "status": rnd.choice(statuses),
             "evidence": "soak %d" % i})
        name = "soak%d" % (i % 5)
        req(port, "PUT", "/api/v1/policies/" + name, {**h, "Content-Type": "text/plain"}, POLICY)
        req(port, "GET", "/api/v1/check?policy=" + name, h)
        if i % 2:
            req(port, "DELETE", "/api/v1/policies/" + name, h)
        s, _, d = req(port, "POST", "/api/v1/tokens", h, {"user": "soak", "expires_days": 1}, want=(201,))
        if s == 201:
            made = json.loads(d)
            req(port, "GET", "/api/v1/me", {"Authorization": "Bearer " + made["token"]})
            req(port, "DELETE", "/api/v1/tokens/" + made["id"], h)
        s, hd, d = req(port, "POST", "/api/v1/session", None, {"user": "dash", "password": PW})
        if s == 200:
            ck = {"Cookie": hd["Set-Cookie"].split(";")[0]}
            csrf = json.loads(d)["csrf"]
            req(port, "GET", "/api/v1/summary", ck)
            req(port, "POST", "/api/v1/measures", {**ck, "X-CSRF-Token": csrf},
                {"scope": scope, "measure": "TM01", "status": "planned"})
            req(port, "POST", "/api/v1/measures", ck, {"scope": scope, "measure": "TM01", "status": "planned"},
                want=(403,))
            req(port, "DELETE", "/api/v1/session", {**ck, "X-CSRF-Token": csrf})
        if i % 10 == 0:
            # an upload of an old date (the latest snapshot stays the one of the readers) ...
            files = {n: open(os.path.join(DATA, n)).read() for n in sorted(os.listdir(DATA)) if n.endswith(".csv")}
            body, ctype = multipart({"as_of": "2020-01-%02d" % (1 + i // 10 % 28)}, files)
            req(port, "POST", "/api/v1/import", {**h, "Content-Type": ctype}, body)
            # ... and a malformed one, refused whole
            body, ctype = multipart({"as_of": "2020-02-01"}, {"../elements.csv": "x"})
            req(port, "POST", "/api/v1/import", {**h, "Content-Type": ctype}, body, want=(400,))


def start():
    err = open(DB + ".serve.err", "wb")
    p = subprocess.Popen([NIS5G, "--db", DB, "serve", "--listen", "127.0.0.1:0", "--threads", "4",
                          "--max-per-ip", "1000"], stdout=subprocess.PIPE, stderr=err)
    line, deadline = b"", time.monotonic() + 60
    while not line.endswith(b"\n") and time.monotonic() < deadline:
        if select.select([p.stdout], [], [], 1)[0]:
            c = os.read(p.stdout.fileno(), 1)
            if not c:
                break
            line += c
    if not line.startswith(b"listening on http://127.0.0.1:"):
        p.kill()
        sys.exit("server-soak: the server did not start: %r" % line)
    return p, int(line.decode().strip().rsplit(":", 1)[1])


def main():
    n5("user", "add", "soak", "--role", "admin", stdin=(PW + "\n").encode())
    n5("user", "add", "dash", "--role", "analyst", stdin=(PW + "\n").encode())
    tok = n5("token", "create", "soak").strip().splitlines()[-1]
    summary = json.loads(n5("summary", "--json"))
    ops = [o["operator"] for o in summary.get("operators", [])] or ["MT"]
    sup = json.loads(n5("suppliers", "--json")).get("suppliers") or [{}]
    vendor = sup[0].get("vendor", "Huawei")
    proc, port = start()
    t0 = time.monotonic()
    end = t0 + DUR
    rss = []
    threads = [threading.Thread(target=reader, args=(port, tok, ops, vendor, end, random.Random(k)))
               for k in range(3)]
    threads.append(threading.Thread(target=writer, args=(port, tok, ops, end, random.Random(99))))
    for t in threads:
        t.start()
    while time.monotonic() < end:
        with open("/proc/%d/status" % proc.pid) as f:
            rss += [int(l.split()[1]) for l in f if l.startswith("VmRSS")]
        time.sleep(min(10, max(0.1, end - time.monotonic())))
    for t in threads:
        t.join()
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=300)
    except subprocess.TimeoutExpired:
        proc.kill()
        bad.append("the server did not stop within 300 s of SIGTERM")
    stderr = open(DB + ".serve.err", "rb").read().decode(errors="replace")
    reports = [l for l in stderr.splitlines()
               if re.search(r"AddressSanitizer|LeakSanitizer|runtime error|UndefinedBehaviorSanitizer", l)]
    total = sum(counts.values())
    print("server-soak: %.0f s, %d requests (%.0f/s), %d unexpected answers" %
          (time.monotonic() - t0, total, total / max(1, time.monotonic() - t0), len(bad)))
    for k in sorted(counts):
        print("  %6d  %s" % (counts[k], k))
    print("  server RSS (KiB) every 10 s: %s" % " ".join(map(str, rss)))
    print("  server exit status %s; sanitizer reports: %d" % (proc.returncode, len(reports)))
    for b in bad[:20]:
        print("  unexpected: " + b)
    for l in reports[:20]:
        print("  " + l)
    if stderr.strip() and reports:
        print(stderr[-4000:])
    ok = not bad and proc.returncode == 0 and not reports
    print("server-soak: %s" % ("ok: no error, no leak, no sanitizer report" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
