"""Response headers: the security headers on every kind of answer, lengths, validators and
conditional requests, compression, and pages that a strict CSP does not break."""
import gzip

import harness as h

PAGE = "/processes/ict-repair"
NOT_FOUND = "/no/such/page"
STATIC = "/static/borikan.css"
SAFE_REFERRER = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}


def check_security_headers(r, what):
    csps = r.header_all("Content-Security-Policy")
    assert len(csps) == 1, "%s: %d Content-Security-Policy headers" % (what, len(csps))
    csp = csps[0]
    directives = {}
    for d in csp.split(";"):
        parts = d.split()
        if parts:
            directives[parts[0].lower()] = [p.lower() for p in parts[1:]]
    assert "'unsafe-inline'" not in csp.lower(), "%s: CSP allows 'unsafe-inline': %s" % (what, csp)
    assert "'unsafe-eval'" not in csp.lower(), "%s: CSP allows 'unsafe-eval': %s" % (what, csp)
    assert directives.get("frame-ancestors") == ["'none'"], \
        "%s: CSP frame-ancestors is %s" % (what, directives.get("frame-ancestors"))
    assert "default-src" in directives, "%s: CSP without default-src: %s" % (what, csp)
    nosniff = r.header_all("X-Content-Type-Options")
    assert [v.lower() for v in nosniff] == ["nosniff"], \
        "%s: X-Content-Type-Options %s" % (what, nosniff)
    rp = r.header_all("Referrer-Policy")
    assert len(rp) == 1 and rp[0].lower() in SAFE_REFERRER, "%s: Referrer-Policy %s" % (what, rp)


def test_security_headers_on_a_page():
    r = h.get(PAGE)
    assert r.status == 200, "GET %s: %d" % (PAGE, r.status)
    check_security_headers(r, "GET " + PAGE)


def test_security_headers_on_a_404():
    r = h.get(NOT_FOUND)
    assert r.status == 404, "GET %s: %d" % (NOT_FOUND, r.status)
    check_security_headers(r, "GET " + NOT_FOUND)


def test_security_headers_on_a_static_file():
    r = h.get(STATIC)
    assert r.status == 200, "GET %s: %d" % (STATIC, r.status)
    check_security_headers(r, "GET " + STATIC)


def test_security_headers_on_the_definition_and_health():
    for path in (PAGE + ".xml", "/healthz"):
        r = h.get(path)
        assert r.status == 200, "GET %s: %d" % (path, r.status)
        check_security_headers(r, "GET " + path)


def test_static_file_is_css():
    r = h.get(STATIC)
    assert r.status == 200
    assert r.ctype == "text/css", "GET %s: Content-Type %s" % (STATIC, r.header("Content-Type"))
    with open(h.ROOT + STATIC, "rb") as f:
        assert r.body == f.read(), "GET %s is not the file's content" % STATIC


def test_pages_have_content_length():
    for path in (PAGE, "/processes", PAGE + "?lang=en"):
        r = h.get(path)
        assert r.status == 200, "GET %s: %d" % (path, r.status)
        cl = r.header("Content-Length")
        assert cl is not None, "GET %s: no Content-Length (Transfer-Encoding: %s)" % (
            path, r.header("Transfer-Encoding"))
        assert int(cl) == len(r.body), "GET %s: Content-Length %s, body %d bytes" % (
            path, cl, len(r.body))


def test_pages_have_etag_and_answer_304():
    for path in (PAGE, "/processes", PAGE + "?lang=en"):
        r = h.get(path)
        etag = r.header("ETag")
        assert etag, "GET %s: no ETag" % path
        r2 = h.get(path, {"If-None-Match": etag})
        assert r2.status == 304, "GET %s with If-None-Match %s: %d" % (path, etag, r2.status)
        assert r2.body == b"", "GET %s: a 304 with a %d-byte body" % (path, len(r2.body))
        assert r2.header("ETag") == etag, "GET %s: 304 with ETag %s" % (path, r2.header("ETag"))
        r3 = h.get(path, {"If-None-Match": '"0000000000000000"'})
        assert r3.status == 200 and r3.body == r.body, \
            "GET %s with another ETag: %d" % (path, r3.status)


def _cache_control(r):
    return {d.strip().split("=")[0].lower() for d in ",".join(r.header_all("Cache-Control")).split(",")
            if d.strip()}


def test_cache_control():
    """Pages may be cached a little; one that sets the lang cookie only by its browser;
    errors, /healthz and /metrics never."""
    r = h.get(PAGE)
    cc = _cache_control(r)
    assert "max-age" in cc and "no-store" not in cc and "private" not in cc, \
        "GET %s: Cache-Control %s" % (PAGE, r.header_all("Cache-Control"))
    r = h.get(PAGE + "?lang=en")
    assert h.set_cookies(r), "GET %s?lang=en set no cookie" % PAGE
    cc = _cache_control(r)
    assert ("private" in cc or "no-store" in cc) and "public" not in cc, \
        "GET %s?lang=en sets a cookie but Cache-Control is %s" % (PAGE, r.header_all("Cache-Control"))
    for path, status in ((NOT_FOUND, 404), ("/processes?lang=fr", 400), ("/healthz", 200),
                         ("/metrics", 200)):
        r = h.get(path)
        assert r.status == status, "GET %s: %d" % (path, r.status)
        assert "no-store" in _cache_control(r), "GET %s: Cache-Control %s" % (
            path, r.header_all("Cache-Control"))


def test_etag_differs_between_languages():
    th = h.get(PAGE).header("ETag")
    en = h.get(PAGE + "?lang=en").header("ETag")
    assert th and en and th != en, "the Thai and English pages share the ETag %s" % th


def test_definition_answers_304():
    r = h.get(PAGE + ".xml")
    etag = r.header("ETag")
    assert etag, "GET %s.xml: no ETag" % PAGE
    r2 = h.get(PAGE + ".xml", {"If-None-Match": etag})
    assert r2.status == 304 and r2.body == b"", "If-None-Match on %s.xml: %d" % (PAGE, r2.status)


def test_head_gives_headers_only():
    g = h.get(PAGE)
    r = h.request("HEAD", PAGE)
    assert r.status == 200, "HEAD %s: %d" % (PAGE, r.status)
    assert r.body == b"", "HEAD %s: a body of %d bytes" % (PAGE, len(r.body))
    assert r.header("ETag") == g.header("ETag"), "HEAD and GET disagree on the ETag"
    assert r.ctype == "text/html"


def test_catalogue_is_gzipped_when_asked():
    plain = h.get("/processes")
    r = h.get("/processes", {"Accept-Encoding": "gzip"})
    assert r.status == 200, "GET /processes: %d" % r.status
    assert (r.header("Content-Encoding") or "").lower() == "gzip", \
        "GET /processes with Accept-Encoding gzip: Content-Encoding %r" % r.header("Content-Encoding")
    assert len(r.body) < len(plain.body) / 2, "gzip saved little: %d of %d bytes" % (
        len(r.body), len(plain.body))
    assert gzip.decompress(r.body) == plain.body, "the gzipped catalogue is not the catalogue"
    vary = ",".join(r.header_all("Vary")).lower()
    assert "accept-encoding" in vary, "gzip without Vary: Accept-Encoding (%r)" % vary


def test_no_gzip_when_not_asked():
    r = h.get("/processes")
    assert r.header("Content-Encoding") is None, "Content-Encoding %s without Accept-Encoding" % (
        r.header("Content-Encoding"))


def _inline_problems(doc):
    out = []
    for e in doc.iter():
        if e.tag == "script" and not e.get("src"):
            out.append("an inline <script>")
        if e.tag == "style":
            out.append("a <style> element")
        if "style" in e.attrs:
            out.append("style= on <%s class=%r>" % (e.tag, e.get("class")))
        handlers = [a for a in e.attrs if a.startswith("on")]
        if handlers:
            out.append("%s= on <%s>" % (handlers[0], e.tag))
        for a in ("href", "src", "action"):
            if (e.get(a) or "").strip().lower().startswith("javascript:"):
                out.append("a javascript: URL on <%s>" % e.tag)
    return out


def test_pages_have_no_inline_script_or_style():
    paths = ["/", "/processes", "/processes?lang=en", NOT_FOUND]
    paths += ["/processes/" + p.code for p in h.processes()]
    paths += ["/processes/" + p.code + "?lang=en" for p in h.processes()]
    problems = []
    for path in paths:
        r = h.get(path)
        assert r.status in (200, 404), "GET %s: %d" % (path, r.status)
        found = _inline_problems(r.html())
        if found:
            problems.append("%s: %s" % (path, ", ".join(sorted(set(found))[:3])))
    assert not problems, "; ".join(problems)
