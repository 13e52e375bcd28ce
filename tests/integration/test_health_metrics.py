"""What the operator's tools read: /healthz and the Prometheus /metrics."""
import time

import harness as h

MANUAL = "borikan_requests_total"


def test_healthz_ok():
    r = h.get("/healthz")
    assert r.status == 200, "/healthz: %d" % r.status
    assert r.body.strip() == b"ok", "/healthz says %r" % r.body[:80]
    assert r.ctype == "text/plain", "/healthz Content-Type %s" % r.header("Content-Type")


def test_metrics_is_prometheus_text():
    r = h.get("/metrics")
    assert r.status == 200, "/metrics: %d" % r.status
    ct = (r.header("Content-Type") or "").replace(" ", "").lower()
    assert ct.startswith("text/plain"), "/metrics Content-Type %s" % ct
    assert "version=0.0.4" in ct, "/metrics Content-Type without version=0.0.4: %s" % ct
    m = h.Metrics(r.text)    # every line parses
    for name, kind in (("borikan_requests_total", "counter"),
                       ("borikan_render_seconds", "histogram"),
                       ("borikan_worker_restarts_total", "counter")):
        assert m.types.get(name) == kind, "# TYPE %s is %r, not %s" % (name, m.types.get(name), kind)


def _manual_200(m):
    return m.value(MANUAL, 0.0, route="manual", status="200")


def test_manual_counter_counts_exactly_the_manual_requests():
    n = 7
    codes = [p.code for p in h.processes()][:3] or ["ict-repair"]
    h.get("/processes/" + codes[0])        # settle: nothing of ours in flight below
    before = _manual_200(h.metrics())
    # other routes and other statuses must not count as manual 200
    h.get("/processes")
    h.get("/healthz")
    h.get("/processes/no-such-process")
    h.get("/processes/%s.xml" % codes[0])
    for i in range(n):
        r = h.get("/processes/" + codes[i % len(codes)] + ("?lang=en" if i % 2 else ""))
        assert r.status == 200, "manual request %d: %d" % (i, r.status)
    # a worker counts a request just after answering it: allow it a moment
    after = None
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        after = _manual_200(h.metrics())
        if after - before >= n:
            break
        time.sleep(0.05)
    time.sleep(0.2)
    final = _manual_200(h.metrics())
    assert final - before == n, (
        'borikan_requests_total{route="manual",status="200"} went from %d to %d after %d '
        "manual requests" % (before, final, n))


def test_not_found_counts_as_404():
    def v():
        return h.metrics().value(MANUAL, 0.0, route="manual", status="404")
    before = v()
    r = h.get("/processes/no-such-process")
    assert r.status == 404
    got = h.wait_until(lambda: v() - before == 1 or None, 3)
    assert got, 'borikan_requests_total{route="manual",status="404"} did not go up by 1'


def test_render_histogram():
    m = h.metrics()
    inf = m.value("borikan_render_seconds_bucket", le="+Inf")
    assert inf is not None, 'no borikan_render_seconds_bucket{le="+Inf"}'
    buckets = sorted(((float(l["le"]), v) for l, v in m.all("borikan_render_seconds_bucket")),
                     key=lambda x: x[0])
    assert len(buckets) >= 5, "only %d render buckets" % len(buckets)
    values = [v for _, v in buckets]
    assert values == sorted(values), "render buckets are not cumulative: %s" % buckets
    count = m.value("borikan_render_seconds_count")
    assert count == inf, "render _count %s != +Inf bucket %s" % (count, inf)
    assert m.value("borikan_render_seconds_sum") is not None, "no borikan_render_seconds_sum"
    # an error page is rendered on every request: the histogram must see it
    h.get("/no/such/page")
    after = h.wait_until(
        lambda: (lambda x: x if x and x > inf else None)(
            h.metrics().value("borikan_render_seconds_bucket", le="+Inf")), 3)
    assert after, "rendering a 404 page did not add to borikan_render_seconds"


def test_worker_restarts_total_present():
    m = h.metrics()
    v = m.value("borikan_worker_restarts_total")
    assert v is not None, "no borikan_worker_restarts_total"
    assert v >= 0 and v == int(v), "borikan_worker_restarts_total = %s" % v


def test_metrics_are_pooled_across_workers():
    """Counters live in shared memory: every worker reports the same totals."""
    samples = set()
    for _ in range(8):
        m = h.metrics()
        samples.add(m.value("borikan_worker_restarts_total"))
    assert len(samples) == 1, "workers disagree on borikan_worker_restarts_total: %s" % samples
    before = h.metrics().value(MANUAL, 0.0, route="healthz", status="200")
    for _ in range(10):
        h.get("/healthz")
    time.sleep(0.2)
    after = [h.metrics().value(MANUAL, 0.0, route="healthz", status="200") for _ in range(4)]
    assert all(a - before == 10 for a in after), (
        "healthz 200 went from %d to %s after 10 requests (per worker counts?)" % (before, after))
