"""Errors: the right status, an HTML page in the visitor's language, nothing internal."""
import harness as h


def error_page(resp, status, lang, what):
    """Checks resp is the error page of status in lang; returns its document."""
    assert resp.status == status, "%s: %d, expected %d" % (what, resp.status, status)
    assert resp.ctype == "text/html", "%s: Content-Type %s" % (what, resp.header("Content-Type"))
    doc = resp.html()
    assert h.html_lang(doc) == lang, "%s: <html lang=%r>, expected %r" % (
        what, h.html_lang(doc), lang)
    st = [e for e in doc.find_all() if "status" in e.classes]
    assert st, "%s: no element of class status" % what
    assert str(status) in h.norm(st[0].text()), "%s: class=status holds %r" % (
        what, h.norm(st[0].text()))
    leaks = h.internal_leaks(resp.text)
    assert not leaks, "%s: the error page mentions %s" % (what, leaks)
    return doc


def test_unknown_path_404_thai():
    error_page(h.get("/no/such/page"), 404, "th", "GET /no/such/page")


def test_unknown_path_404_english_by_cookie():
    error_page(h.get("/no/such/page", {"Cookie": "lang=en"}), 404, "en",
               "GET /no/such/page with lang=en cookie")


def test_unknown_path_404_english_by_query():
    error_page(h.get("/no/such/page?lang=en"), 404, "en", "GET /no/such/page?lang=en")


def test_unknown_path_404_english_by_accept_language():
    error_page(h.get("/no/such/page", {"Accept-Language": "en"}), 404, "en",
               "GET /no/such/page, Accept-Language en")


def test_404_pages_differ_by_language():
    th = h.get("/no/such/page").html().find("h1")
    en = h.get("/no/such/page?lang=en").html().find("h1")
    assert th is not None and en is not None, "the 404 page has no h1"
    assert h.norm(th.text()) != h.norm(en.text()), "the same 404 title in both languages: %r" % (
        h.norm(th.text()))


def test_unknown_process_404():
    error_page(h.get("/processes/no-such-process"), 404, "th", "GET /processes/no-such-process")
    error_page(h.get("/processes/no-such-process.xml"), 404, "th",
               "GET /processes/no-such-process.xml")
    error_page(h.get("/processes/ICT-REPAIR"), 404, "th", "GET /processes/ICT-REPAIR")


def test_write_methods_on_the_catalogue_405():
    for method in ("POST", "PUT", "DELETE"):
        body = b"a=1" if method in ("POST", "PUT") else None
        hdrs = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
        r = h.request(method, "/processes", headers=hdrs, body=body)
        error_page(r, 405, "th", "%s /processes" % method)
        allow = r.header("Allow")
        assert allow is not None, "%s /processes: 405 without an Allow header" % method
        methods = {m.strip().upper() for m in allow.split(",")}
        assert "GET" in methods and method not in methods, \
            "%s /processes: Allow: %s" % (method, allow)


def test_405_on_a_manual_page_in_english():
    r = h.request("POST", "/processes/ict-repair?lang=en", body=b"")
    error_page(r, 405, "en", "POST /processes/ict-repair?lang=en")
    assert r.header("Allow"), "405 without Allow"


def test_unknown_language_400():
    error_page(h.get("/processes?lang=fr"), 400, "th", "GET /processes?lang=fr")


def test_malformed_escape_400():
    error_page(h.get("/processes?lang=%zz"), 400, "th", "GET /processes?lang=%zz")
    error_page(h.get("/processes?q=%4"), 400, "th", "GET /processes?q=%4")


def test_repeated_key_400():
    r = h.get("/processes?lang=th&lang=en")
    assert r.status == 400, "GET /processes?lang=th&lang=en: %d" % r.status


def test_invalid_utf8_path():
    r = h.get("/processes/%ff")
    assert r.status in (400, 404), "GET /processes/%%ff: %d" % r.status
    error_page(r, r.status, "th", "GET /processes/%ff")


def test_invalid_utf8_query_400():
    error_page(h.get("/processes?x=%c3%28"), 400, "th", "GET /processes?x=%c3%28")


def test_very_long_query_400():
    path = "/processes?x=" + "a" * 3000
    error_page(h.get(path), 400, "th", "GET /processes?x=<3000 a>")



def test_error_pages_carry_no_cache_validators():
    """An error must not be cached as if it were the page."""
    r = h.get("/no/such/page")
    assert r.status == 404
    assert r.header("ETag") is None, "a 404 with ETag %s" % r.header("ETag")
