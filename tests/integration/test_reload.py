"""SIGHUP to the master (what `./dev reload` does after loading a new catalogue): new workers
replace the old ones, which finish what they were doing; no visitor sees an error."""
import re
import time

import harness as h

ORDER = 85      # disturbs the stack: after the read-only scenarios

PATHS = ["/processes/ict-repair", "/processes", "/healthz", "/processes/ict-repair?lang=en"]


def test_reload_replaces_every_worker_without_a_failed_request():
    master = h.master_pid()
    old = h.wait_workers_settled()
    assert h.wait_healthy(10), "the stack is not healthy before the test"
    restarts0 = h.metrics().value("borikan_worker_restarts_total")
    log0 = h.log_size()

    loop = h.Loop(PATHS, threads=3, max_seconds=10, max_requests=2000).start()
    try:
        assert loop.wait_requests(30, 5), "the request loop did not get going: %s" % loop.summary()
        time.sleep(max(0.0, loop.t0 + 1.0 - time.monotonic()))    # a second of load first
        hup_at = time.monotonic()
        h.kill(master, h.SIGHUP)

        def swapped():
            w = h.workers()
            return w if len(w) == h.WORKERS and not set(w) & set(old) else None
        new = h.wait_until(swapped, 8, 0.01)
        swapped_at = time.monotonic()
        assert new, "8 s after SIGHUP the master %d has children %s (old workers %s)" % (
            master, h.workers(), old)
        time.sleep(1.5)     # the new workers carry the load for a while
    finally:
        loop.stop()

    h.note("reload: %s; old workers gone after %.2f s" % (loop.summary(), swapped_at - hup_at))
    assert len(loop.records) >= 50, "too few requests to judge: %s" % loop.summary()
    failed = loop.failures()
    assert not failed, "%d requests failed during the reload: %s" % (
        len(failed), [(round(f[0] - hup_at, 3), f[2], f[3]) for f in failed][:5])
    assert h.master_pid() == master and h.pid_alive(master), "the master changed or died"
    for pid in old:
        assert not h.pid_alive(pid), "old worker %d still runs" % pid

    log = h.wait_until(lambda: (lambda t: t if all(
        re.search(r"retired worker %d exited with status 0" % p, t) for p in old) else None)(
        h.log_since(log0)), 3)
    assert log, "the old workers %s did not all retire with status 0; log: %r" % (
        old, h.log_since(log0)[-800:])
    assert re.search(r"reload: starting %d new workers" % h.WORKERS, log), \
        "the master did not log the reload"
    assert "replacing it" not in log, "a worker died during the reload: %r" % log[-800:]
    restarts1 = h.metrics().value("borikan_worker_restarts_total")
    assert restarts1 == restarts0, \
        "a reload counted as worker restarts: %s -> %s" % (restarts0, restarts1)


def test_pages_after_reload():
    h.wait_workers_settled()
    for p in h.processes()[:5]:
        r = h.get("/processes/" + p.code)
        assert r.status == 200, "GET /processes/%s after the reload: %d" % (p.code, r.status)
        assert p.title["th"] in h.norm(r.html().find("h1").text())
