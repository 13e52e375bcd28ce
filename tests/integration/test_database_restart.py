"""MariaDB stops and comes back. While it is down /healthz says 503 (a load balancer takes the
node out) but the public pages still answer from the workers' memory; when it is back the same
workers reconnect by themselves; and `./dev up` brings back a stopped database."""
import os
import subprocess
import time

import harness as h

ORDER = 90      # stops the database: the very last scenario


def _db_answers():
    sock = os.path.join(h.VAR, "run", "db", "mysqld.sock")
    try:
        p = subprocess.run(["mariadb-admin", "--no-defaults", "--socket=" + sock, "-u", "root",
                            "ping"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return p.returncode == 0


def _stop_db():
    """SIGTERM to mysqld; waits for it to exit. Its executable and arguments."""
    pid = h.mysqld_pid()
    assert h.pid_alive(pid), "MariaDB (pid %d) is not running before the test" % pid
    exe = os.readlink("/proc/%d/exe" % pid)
    with open("/proc/%d/cmdline" % pid, "rb") as f:
        argv = [a.decode() for a in f.read().split(b"\0") if a]
    h.kill(pid, h.SIGTERM)
    assert h.wait_until(lambda: not h.pid_alive(pid), 60, 0.1), \
        "MariaDB (pid %d) did not exit within 60 s of SIGTERM" % pid
    return exe, argv


def _health_statuses(n):
    out = []
    for _ in range(n):
        try:
            out.append(h.get("/healthz", timeout=10).status)
        except OSError as e:
            out.append(type(e).__name__)
    return out


def _restore():
    """Best effort after a failure: the stack as `./dev up` makes it."""
    if not _db_answers():
        h.dev("up")


def test_database_down_then_back_same_workers_reconnect():
    master = h.master_pid()
    old = h.wait_workers_settled()
    assert h.wait_healthy(10), "the stack is not healthy before the test"
    restarts0 = h.metrics().value("borikan_worker_restarts_total")
    try:
        exe, argv = _stop_db()

        # /healthz: 503 from every worker (several requests reach both)
        got = h.wait_until(lambda: (lambda s: s if all(x == 503 for x in s) else None)(
            _health_statuses(2 * h.WORKERS + 2)), 5, 0.1)
        assert got, "/healthz with the database stopped: %s" % _health_statuses(2 * h.WORKERS + 2)
        r = h.get("/healthz")
        assert not h.internal_leaks(r.text), "/healthz 503 says %r" % r.text

        # the public pages are served from memory
        bad = []
        for path in ["/processes", "/processes?lang=en"] + \
                ["/processes/%s%s" % (p.code, q) for p in h.processes() for q in ("", "?lang=en")]:
            r = h.get(path)
            if r.status != 200:
                bad.append("%s: %d" % (path, r.status))
        assert not bad, "with the database down: %s" % ", ".join(bad[:6])
        assert h.get("/processes/ict-repair.xml").status == 200, "the definition needs the database"
        assert h.get("/metrics").status == 200, "/metrics needs the database"
        assert h.workers() == old, "workers changed while the database was down: %s -> %s" % (
            old, h.workers())

        # the database comes back (as it was started), the same workers reconnect
        subprocess.run(["setsid", "-f", exe] + argv[1:], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       timeout=30)
        assert h.wait_until(_db_answers, 60, 0.2), "MariaDB did not come back within 60 s"
        up_at = time.monotonic()
        ok = h.wait_until(lambda: all(s == 200 for s in _health_statuses(2 * h.WORKERS + 2)),
                          5, 0.1)
        took = time.monotonic() - up_at
        assert ok, "/healthz 5 s after the database came back: %s" % (
            _health_statuses(2 * h.WORKERS + 2))
        h.note("database restart: /healthz 200 on every worker %.2f s after MariaDB answered"
               % took)
        assert h.workers() == old, "the workers were restarted: %s -> %s" % (old, h.workers())
        assert h.master_pid() == master
        restarts1 = h.metrics().value("borikan_worker_restarts_total")
        assert restarts1 == restarts0, "borikan_worker_restarts_total %s -> %s" % (
            restarts0, restarts1)
    except BaseException:
        _restore()
        raise


def test_dev_up_brings_back_a_stopped_database():
    """`./dev up` is idempotent: it starts what is not running (and reloads the workers)."""
    master = h.master_pid()
    h.wait_workers_settled()
    try:
        _stop_db()
        assert h.get("/healthz").status == 503, "/healthz is not 503 with the database stopped"
        rc, out = h.dev("up")
        assert rc == 0, "dev up failed (%d): %s" % (rc, out[-600:])
        assert _db_answers(), "MariaDB is not running after dev up"
        assert h.wait_healthy(10), "/healthz is not 200 within 10 s of dev up"
        assert h.master_pid() == master, "dev up started a second master"
        h.wait_workers_settled()
        for path in ("/processes", "/processes/ict-repair?lang=en"):
            r = h.get(path)
            assert r.status == 200, "GET %s after dev up: %d" % (path, r.status)
    except BaseException:
        _restore()
        raise
