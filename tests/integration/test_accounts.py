"""Accounts: sign in and out, sessions, CSRF, throttling, changing one's password."""
import harness as h

ORDER = 60
PASS = "correct horse battery"


def setup_module():
    h.ensure_person("acc.alice", "acc-unit", roles=["requester"])
    h.ensure_person("acc.bob", "acc-unit", roles=["ict-officer"])
    h.ensure_person("acc.carol", "acc-unit", roles=["requester"])
    h.ensure_person("acc.dave", "acc-unit", roles=["requester"])


def test_sign_in_page_gives_a_form_with_a_csrf_token_and_its_cookie():
    b = h.Browser()
    r = b.get("/login")
    assert r.status == 200 and r.ctype == "text/html", r
    token = b.hidden("csrf", form_action="/login")
    assert token and len(token) == 64, "csrf field %r" % token
    assert b.cookies.get("bk_pre") == token, "the pre-sign-in cookie does not carry the token"
    attrs = h.set_cookies(r)["bk_pre"][1]
    assert "HttpOnly" in attrs and "SameSite=Strict" in attrs, attrs


def test_wrong_password_and_unknown_account_get_the_same_answer():
    b = h.Browser()
    b.get("/login")
    csrf = b.hidden("csrf")
    wrong = b.post("/login", {"csrf": csrf, "username": "acc.carol", "password": "nope nope nope"})
    unknown = b.post("/login", {"csrf": csrf, "username": "acc.nobody", "password": "nope nope nope"})
    assert wrong.status == 401 and unknown.status == 401, (wrong, unknown)
    msg_w = h.norm(wrong.html().find(cls="form-error").text())
    msg_u = h.norm(unknown.html().find(cls="form-error").text())
    assert msg_w == msg_u and msg_w, (msg_w, msg_u)
    assert "bk_session" not in h.set_cookies(wrong)


def test_sign_in_without_the_csrf_token_is_refused():
    b = h.Browser()
    b.get("/login")
    r = b.post("/login", {"username": "acc.alice", "password": PASS})
    assert r.status == 403, r
    r = b.post("/login", {"csrf": "0" * 64, "username": "acc.alice", "password": PASS})
    assert r.status == 403, r
    assert "bk_session" not in b.cookies


def test_sign_in_sets_a_secure_cookie_and_a_new_id_every_time():
    ids = []
    for _ in range(2):
        b = h.Browser()
        r = b.login("acc.alice")
        assert r.header("Location") == "/account", r.header("Location")
        value, attrs = h.set_cookies(r)["bk_session"]
        assert "HttpOnly" in attrs and "SameSite=Lax" in attrs and "Path=/" in attrs, attrs
        assert len(value) == 43, "a session id of %d characters" % len(value)
        ids.append(value)
        page = b.get("/account")
        assert page.status == 200, page
        assert "acc.alice" in page.text
    assert ids[0] != ids[1]


def test_the_database_keeps_only_a_hash_of_the_session_id():
    b = h.Browser()
    b.login("acc.alice")
    sid = b.cookies["bk_session"]
    rows = h.sql("SELECT HEX(id_hash) FROM session")
    assert rows, "no session row"
    assert all(sid.upper() not in row[0] and sid not in row[0] for row in rows)
    hashes = h.sql("SELECT password_hash FROM person WHERE username = 'acc.alice'")
    assert hashes[0][0].startswith("$argon2id$"), hashes[0][0][:12]


def test_sign_in_returns_to_the_page_asked_for_but_never_elsewhere():
    b = h.Browser()
    r = b.get("/account")
    assert r.status == 303 and r.header("Location") == "/login?next=/account", r.header("Location")
    b.get("/login?next=/account")
    csrf = b.hidden("csrf")
    nxt = b.hidden("next")
    assert nxt == "/account", nxt
    r = b.post("/login", {"csrf": csrf, "username": "acc.alice", "password": PASS, "next": "/account"})
    assert r.header("Location") == "/account"
    b2 = h.Browser()
    b2.get("/login")
    csrf = b2.hidden("csrf")
    for evil in ("//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"):
        r = b2.post("/login", {"csrf": csrf, "username": "acc.alice", "password": PASS, "next": evil})
        assert r.status == 303 and r.header("Location") == "/account", (evil, r.header("Location"))


def test_sign_out_needs_the_token_and_ends_the_session():
    b = h.Browser()
    b.login("acc.alice")
    old = dict(b.cookies)
    r = b.post("/logout", {})
    assert r.status == 403, "sign-out without a token: %d" % r.status
    page = b.get("/account")
    csrf = b.hidden("csrf", form_action="/logout")
    assert csrf, "the page header has no sign-out form"
    r = b.post("/logout", {"csrf": csrf})
    assert r.status == 303, r
    # The old cookie, replayed, no longer signs anyone in.
    r = h.get("/account", {"Cookie": "bk_session=" + old["bk_session"]})
    assert r.status == 303 and r.header("Location").startswith("/login"), r


def test_password_change_checks_each_field_and_signs_out_other_devices():
    phone, laptop = h.Browser(), h.Browser()
    phone.login("acc.dave")
    laptop.login("acc.dave")
    laptop.get("/account")
    csrf = laptop.hidden("csrf", form_action="/account/password")
    cases = [
        ({"current": "wrong password!", "new": "a new password 1", "confirm": "a new password 1"}, "current"),
        ({"current": PASS, "new": "short", "confirm": "short"}, "new"),
        ({"current": PASS, "new": "acc.dave", "confirm": "acc.dave"}, "new"),
        ({"current": PASS, "new": "a new password 1", "confirm": "a new password 2"}, "confirm"),
    ]
    for fields, bad in cases:
        fields["csrf"] = csrf
        r = laptop.post("/account/password", fields)
        assert r.status == 422, (fields, r)
        inp = r.html().find("input", id="pw-" + bad)
        assert inp is not None and inp.get("aria-invalid") == "true", "field %s not marked" % bad
    r = laptop.post("/account/password", {"csrf": csrf, "current": PASS,
                                          "new": "a new password 1", "confirm": "a new password 1"})
    assert r.status == 303 and r.header("Location") == "/account?done=password", r
    assert laptop.get("/account").status == 200, "the device that changed it stays signed in"
    r = phone.get("/account")
    assert r.status == 303, "another device is still signed in after a password change"
    fresh = h.Browser()
    fresh.login("acc.dave", "a new password 1")


def test_five_failures_lock_the_account_for_a_while():
    b = h.Browser()
    b.get("/login")
    csrf = b.hidden("csrf")
    statuses = [b.post("/login", {"csrf": csrf, "username": "acc.bob", "password": "bad guess %d" % i}).status
                for i in range(5)]
    assert statuses == [401] * 5, statuses
    r = b.post("/login", {"csrf": csrf, "username": "acc.bob", "password": PASS})
    assert r.status == 429, "the right password during the lock: %d" % r.status
    retry = int(r.header("Retry-After") or "0")
    assert 60 <= retry <= 900, retry
    assert "bk_session" not in h.set_cookies(r)
