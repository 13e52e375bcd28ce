"""Thai first, English on request: ?lang= (remembered in a cookie), then the cookie, then
Accept-Language; Thai when nothing asks for English."""
import harness as h

PAGE = "/processes/ict-repair"


def lang_of(resp):
    assert resp.status == 200, "status %d" % resp.status
    lang = h.html_lang(resp.html())
    assert resp.header("Content-Language") == lang, \
        "Content-Language %r but <html lang=%r>" % (resp.header("Content-Language"), lang)
    return lang


def test_query_en_gives_english_and_sets_the_cookie():
    r = h.get(PAGE + "?lang=en")
    assert lang_of(r) == "en", "?lang=en gave <html lang=%r>" % lang_of(r)
    cookies = h.set_cookies(r)
    assert "lang" in cookies, "no Set-Cookie: lang=… in %s" % r.header_all("Set-Cookie")
    value, attrs = cookies["lang"]
    assert value == "en", "Set-Cookie lang=%r" % value
    assert "path=/" in attrs.replace(" ", "").lower().split(";"), \
        "the lang cookie is not for the whole site: %r" % attrs


def test_query_th_sets_the_cookie_back_to_thai():
    r = h.get(PAGE + "?lang=th", {"Cookie": "lang=en"})
    assert lang_of(r) == "th"
    assert h.set_cookies(r).get("lang", (None,))[0] == "th", \
        "?lang=th did not set lang=th: %s" % r.header_all("Set-Cookie")


def test_cookie_en_without_query_gives_english():
    r = h.get(PAGE, {"Cookie": "lang=en"})
    assert lang_of(r) == "en", "Cookie lang=en gave %r" % lang_of(r)


def test_cookie_among_other_cookies():
    r = h.get(PAGE, {"Cookie": "session=abc; lang=en; theme=dark"})
    assert lang_of(r) == "en", "Cookie '…; lang=en; …' gave %r" % lang_of(r)


def test_accept_language_english_without_cookie():
    r = h.get(PAGE, {"Accept-Language": "en-US,en;q=0.9"})
    assert lang_of(r) == "en", "Accept-Language en-US gave %r" % lang_of(r)
    assert "lang" not in h.set_cookies(r), "negotiation alone should not set a cookie"


def test_accept_language_thai():
    r = h.get(PAGE, {"Accept-Language": "th-TH"})
    assert lang_of(r) == "th", "Accept-Language th-TH gave %r" % lang_of(r)


def test_accept_language_q_values():
    assert lang_of(h.get(PAGE, {"Accept-Language": "th;q=0.5, en;q=0.8"})) == "en"
    assert lang_of(h.get(PAGE, {"Accept-Language": "en;q=0.3, th"})) == "th"


def test_nothing_asked_gives_thai():
    r = h.get(PAGE)
    assert lang_of(r) == "th", "no preference gave %r" % lang_of(r)
    r = h.get(PAGE, {"Accept-Language": "fr-FR,de;q=0.8"})
    assert lang_of(r) == "th", "Accept-Language fr, de gave %r" % lang_of(r)


def test_cookie_beats_accept_language():
    r = h.get(PAGE, {"Cookie": "lang=th", "Accept-Language": "en-US,en;q=0.9"})
    assert lang_of(r) == "th", "Cookie th + Accept-Language en gave %r" % lang_of(r)
    r = h.get(PAGE, {"Cookie": "lang=en", "Accept-Language": "th-TH"})
    assert lang_of(r) == "en", "Cookie en + Accept-Language th gave %r" % lang_of(r)


def test_query_beats_cookie():
    r = h.get(PAGE + "?lang=en", {"Cookie": "lang=th"})
    assert lang_of(r) == "en"


def test_pages_vary_on_cookie_and_accept_language():
    """A shared cache must not give one visitor's language to another."""
    r = h.get(PAGE)
    vary = ",".join(r.header_all("Vary")).lower()
    assert "cookie" in vary and "accept-language" in vary, "Vary: %r" % vary


def _switch(doc):
    links = [a for a in doc.find_all("a") if "lang-switch" in a.classes]
    assert len(links) == 1, "%d links of class lang-switch" % len(links)
    return links[0]


def test_lang_switch_points_to_the_other_language():
    for path in (PAGE, "/processes", "/"):
        th = h.get(path).html()
        a = _switch(th)
        assert a.get("href") == path + "?lang=en", \
            "on the Thai %s the switch points to %r" % (path, a.get("href"))
        r = h.get(a.get("href"))
        assert lang_of(r) == "en", "following the switch of %s gave %r" % (path, lang_of(r))
        b = _switch(r.html())
        assert b.get("href") == path + "?lang=th", \
            "on the English %s the switch points to %r" % (path, b.get("href"))
        assert lang_of(h.get(b.get("href"))) == "th"
