"""A worker that dies (SIGKILL, as the OOM killer would) is replaced by the master at once,
and the visitors see at most the one request it was answering fail."""
import os
import re
import time

import harness as h

ORDER = 80      # disturbs the stack: after the read-only scenarios

PATHS = ["/processes/ict-repair", "/healthz"]


def test_killed_worker_is_replaced_and_at_most_one_request_fails():
    master = h.master_pid()
    old = h.wait_workers_settled()
    assert h.wait_healthy(10), "the stack is not healthy before the test"
    restarts0 = h.metrics().value("borikan_worker_restarts_total")
    assert restarts0 is not None, "no borikan_worker_restarts_total"
    log0 = h.log_size()

    loop = h.Loop(PATHS, threads=3, max_seconds=10, max_requests=2000).start()
    replaced_at = None
    try:
        assert loop.wait_requests(30, 5), "the request loop did not get going: %s" % loop.summary()
        time.sleep(max(0.0, loop.t0 + 1.0 - time.monotonic()))    # a second of load first
        victim = old[0]
        killed_at = time.monotonic()
        os.kill(victim, h.SIGKILL)

        def replaced():
            w = h.workers()
            return w if len(w) == h.WORKERS and victim not in w else None
        now = h.wait_until(replaced, 5, 0.01)
        replaced_at = time.monotonic()
        assert now, "5 s after SIGKILL of worker %d the master %d has workers %s" % (
            victim, master, h.workers())
        new = [p for p in now if p not in old]
        assert len(new) == 1, "after killing %d: workers %s (before: %s)" % (victim, now, old)
        # keep the load on while the new worker starts and serves
        time.sleep(2.0)
    finally:
        loop.stop()

    h.note("worker kill: %s; replaced after %.2f s" % (loop.summary(), replaced_at - killed_at))
    failed = loop.failures()
    late = loop.failures(since=replaced_at)
    h.note("worker kill: %d failed requests around the kill: %s" % (
        len(failed), [(round(f[0] - killed_at, 3), f[2], f[3]) for f in failed][:5]))
    assert len(loop.records) >= 50, "too few requests to judge: %s" % loop.summary()
    assert not late, "%d requests started after the replacement failed: %s" % (
        len(late), [(round(f[0] - replaced_at, 3), f[2], f[3]) for f in late][:5])
    assert len(failed) <= 1, "%d requests failed around the kill (at most 1 allowed): %s" % (
        len(failed), [(round(f[0] - killed_at, 3), f[2], f[3]) for f in failed][:5])
    assert h.master_pid() == master and h.pid_alive(master), "the master changed or died"

    restarts1 = h.metrics().value("borikan_worker_restarts_total")
    assert restarts1 == restarts0 + 1, "borikan_worker_restarts_total went from %s to %s" % (
        restarts0, restarts1)

    pattern = re.compile(r"worker %d killed by signal 9.*replac" % victim)
    logged = h.wait_until(lambda: pattern.search(h.log_since(log0)), 3)
    assert logged, "the master did not log the replacement of worker %d; log since: %r" % (
        victim, h.log_since(log0)[-600:])
    ready = re.compile(r"borikan-worker\[%d\] info: worker ready" % new[0])
    assert h.wait_until(lambda: ready.search(h.log_since(log0)), 5), \
        "the replacement worker %d never logged that it was ready" % new[0]


def test_pages_still_served_after_the_kill():
    """The pool serves manual and catalogue pages in both languages after the kill."""
    h.wait_workers_settled()
    for i in range(3 * h.WORKERS):
        for path, lang in (("/processes/ict-repair", "th"), ("/processes?lang=en", "en")):
            r = h.get(path)
            assert r.status == 200, "GET %s: %d" % (path, r.status)
            assert h.html_lang(r.html()) == lang
