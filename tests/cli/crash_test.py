"""Crash safety (issue: nothing lost, nothing corrupted): every command that
writes is killed with SIGKILL at moments drawn from a fixed seed; afterwards
the workspace passes SQLite's integrity check and holds exactly the state
before the command or exactly the state after it (a normalised dump of every
table), and no half-written output file exists under its final name.

Run by tests/cli/crash.sh with $NIS5G, $T and $TOP; TRIALS per command
(default 6) and SEED (default 1) set the size of the run."""
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

NIS5G, T, TOP = os.environ["NIS5G"], os.environ["T"], os.environ["TOP"]
TRIALS = int(os.environ.get("TRIALS", "6"))
rng = random.Random(int(os.environ.get("SEED", "1")))
PW = "crash-test-password\n"
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


def n5(db, *args, stdin=None, ok=(0,)):
    p = subprocess.run([NIS5G, "--db", db] + list(args), input=stdin, capture_output=True, timeout=300)
    if p.returncode not in ok:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p


VOLATILE = [
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"), "TIME"),   # when something happened
    (re.compile(r"'[0-9a-f]{16,}'"), "'HEX'"),                        # ids, hashes of random secrets
    (re.compile(r"X'[0-9a-fA-F]{32,128}'"), "X'HASH'"),               # hashes and keys as BLOBs
    (re.compile(r"'n5g_[0-9a-f_]+'"), "'TOKEN'"),
    (re.compile(r"\$argon2id\$[^']*"), "ARGON2"),
    (re.compile(r"(?<![0-9.])1[7-9][0-9]{8}(?![0-9.])"), "UNIXTIME"),  # tokens' created and expires
]


def state(db):
    """A digest of every table's rows, with what changes from run to run masked."""
    c = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        lines = []
        for line in c.iterdump():
            for rx, repl in VOLATILE:
                line = rx.sub(repl, line)
            lines.append(line)
    finally:
        c.close()
    return ok, hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def copy_db(src, dst):
    for ext in ("", "-wal", "-shm"):
        if os.path.exists(dst + ext):
            os.remove(dst + ext)
    c = sqlite3.connect(src)
    d = sqlite3.connect(dst)
    c.backup(d)
    d.close()
    c.close()


def output_ok(path, kind):
    """An output file is absent or whole."""
    if not os.path.exists(path):
        return True
    data = open(path, "rb").read()
    if kind == "json":
        try:
            json.loads(data)
            return True
        except ValueError:
            return False
    if kind == "key":
        return data.count(b"\n") == 2 and data.startswith(b"nis5g-")
    if kind == "db":
        p = subprocess.run([NIS5G, "--db", path, "verify"], capture_output=True)
        return p.returncode == 0
    return True


def trial_set(name, base, argv, stdin=None, out=None, kind=None, ok=(0,)):
    """Run argv to the end on a copy (the 'after' state and its time),
    then kill it at drawn moments on fresh copies."""
    work = os.path.join(T, "w-" + name + ".db")
    copy_db(base, work)
    before = state(work)
    args = [a.replace("@OUT", out or "") for a in argv]
    t0 = time.monotonic()
    n5(work, *args, stdin=stdin, ok=ok)
    took = time.monotonic() - t0
    after = state(work)
    if not out and after == before:  # every trial would be "before" and "after" at once: nothing tested
        fail("%s: the run changed nothing in the workspace" % name)
    if out and os.path.exists(out):
        os.remove(out)
    if out and out.endswith(".key") and os.path.exists(out + ".pub"):
        os.remove(out + ".pub")
    outcomes = {"before": 0, "after": 0}
    for k in range(TRIALS):
        copy_db(base, work)
        delay = rng.uniform(0, took * 1.1)
        p = subprocess.Popen([NIS5G, "--db", work] + args, stdin=subprocess.PIPE if stdin else None,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if stdin:
            p.stdin.write(stdin)
            p.stdin.close()
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        got = state(work)
        if got[0] != "ok":
            fail("%s, kill after %.3f s: integrity_check says %s" % (name, delay, got[0]))
        elif got == before:
            outcomes["before"] += 1
        elif got == after:
            outcomes["after"] += 1
        else:
            fail("%s, kill after %.3f s: neither the state before nor the state after" % (name, delay))
        if out:
            if not output_ok(out, kind):
                fail("%s, kill after %.3f s: a half-written %s" % (name, delay, out))
            for f in (out, out + ".pub"):
                if os.path.exists(f):
                    os.remove(f)
            leftovers = [f for f in os.listdir(os.path.dirname(out)) if ".tmp" in f]
            for f in leftovers:
                os.remove(os.path.join(os.path.dirname(out), f))
    print("crash: %-15s %d trials (a run takes %.2f s): %d before, %d after"
          % (name, TRIALS, took, outcomes["before"], outcomes["after"]))


def pull_trials(base, de):
    """pull: a peer DE pulls from SE's server on loopback the one package
    prepared and approved there (two analysts); killed, DE holds it whole
    (its import, the pull's progress, the audit entry) or not at all."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import server_test as st  # its Server and req

    a = os.path.join(T, "pull-a.db")
    copy_db(base, a)
    for name, role, extra in (("ana", "analyst", []), ("bob", "analyst", []), ("de", "peer", ["--state", "DE"])):
        n5(a, "user", "add", name, "--role", role, *extra, stdin=PW.encode())
    tok = {n: n5(a, "token", "create", n).stdout.decode().strip().splitlines()[-1] for n in ("ana", "bob", "de")}
    tokfile = os.path.join(T, "de.token")
    with open(tokfile, "w") as f:
        f.write(tok["de"] + "\n")
    os.chmod(tokfile, 0o600)
    peer = os.path.join(T, "pull-de.db")
    copy_db(de, peer)
    n5(peer, "trust", "add", "SE", os.path.join(T, "se.key.pub"))
    with st.Server("--key", os.path.join(T, "se.key"), db=a) as srv:
        auth = lambda who: {"Authorization": "Bearer " + tok[who]}
        r = st.req(srv, "POST", "/api/v1/exports", auth("ana"), {"state": "SE", "tlp": "green"})
        x = r.json() if r.status == 201 else {}
        r = st.req(srv, "POST", "/api/v1/exports/%s/approve" % x.get("id"), auth("bob"), {"digest": x.get("digest")})
        if r.status != 200:
            fail("pull: the package was not approved: %d %s" % (r.status, r.body[:200]))
            return
        trial_set("pull", peer, ["pull", "http://127.0.0.1:%d" % srv.port, "--token-file", tokfile])


def main():
    gen = lambda cc, seed, scale: subprocess.run(
        [NIS5G, "generate", "--country", cc, "--scale", scale, "--seed", seed, "-o", os.path.join(T, cc + seed)],
        check=True, capture_output=True)
    gen("SE", "1", "0.05")
    gen("SE", "2", "0.05")
    gen("DE", "3", "0.02")
    base = os.path.join(T, "base.db")
    n5(base, "import", os.path.join(T, "SE1"), "--as-of", "2026-01-01")
    n5(base, "keygen", "--state", "SE", "-o", os.path.join(T, "se.key"))
    de = os.path.join(T, "de.db")
    n5(de, "import", os.path.join(T, "DE3"), "--as-of", "2026-01-01")
    n5(de, "keygen", "--state", "DE", "-o", os.path.join(T, "de.key"))
    pkg = os.path.join(T, "de.pkg")
    n5(de, "export", "--state", "DE", "--key", os.path.join(T, "de.key"), "--tlp", "green", "-o", pkg)
    n5(base, "user", "add", "keeper", "--role", "analyst", stdin=PW.encode())
    withtrust = os.path.join(T, "trust.db")
    copy_db(base, withtrust)
    n5(withtrust, "trust", "add", "DE", os.path.join(T, "de.key.pub"))
    outdir = os.path.join(T, "out")
    os.makedirs(outdir)
    trial_set("import", base, ["import", os.path.join(T, "SE2"), "--as-of", "2026-06-01"])
    trial_set("import-replace", base, ["import", os.path.join(T, "SE2"), "--as-of", "2026-01-01"])
    trial_set("measures set", base, ["measures", "set", "SE", "TM03", "implemented", "--by", "crash"])
    trial_set("trust add", base, ["trust", "add", "DE", os.path.join(T, "de.key.pub")])
    trial_set("import-package", withtrust, ["import-package", pkg])
    trial_set("user add", base, ["user", "add", "newbie", "--role", "analyst"], stdin=PW.encode())
    trial_set("token create", base, ["token", "create", "keeper"])
    trial_set("user disable", base, ["user", "disable", "keeper"])
    trial_set("export", base, ["export", "--state", "SE", "--key", os.path.join(T, "se.key"), "--tlp", "green",
                               "-o", "@OUT"], out=os.path.join(outdir, "se.pkg"), kind="json")
    trial_set("keygen", os.path.join(T, "de.db"), ["keygen", "--state", "DE", "-o", "@OUT"],
              out=os.path.join(outdir, "x.key"), kind="key")
    trial_set("backup", base, ["backup", "@OUT"], out=os.path.join(outdir, "b.db"), kind="db")
    # an operator's submission, and an analyst accepting one (a new snapshot with the decision)
    parts = os.path.join(TOP, "tests/cases/submit")
    sub = os.path.join(T, "submit.db")
    n5(sub, "import", os.path.join(parts, "base"), "--as-of", "2026-01-01")
    trial_set("submit", sub, ["submit", "--operator", "OPA", os.path.join(parts, "opa-v2")])
    pending = os.path.join(T, "pending.db")
    copy_db(sub, pending)
    n5(pending, "submit", "--operator", "OPA", os.path.join(parts, "opa-v2"))
    trial_set("review accept", pending, ["review", "1", "accept", "--comment", "crash"])
    backup = os.path.join(T, "full.db")
    n5(withtrust, "backup", backup)
    trial_set("restore", base, ["restore", backup])
    pull_trials(base, de)
    if failures:
        print("%d failures" % len(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
