"""The administration pages: units and people (add, edit, search, deactivate, roles, a
password reset shown once), who may use them, and what comes back of what was typed."""
import harness as h

ORDER = 68


def setup_module():
    h.ensure_unit("ad-office", "office")
    h.ensure_unit("ad-ict", "group", parent="ad-office")
    h.ensure_person("ad.admin", "ad-ict", roles=["administrator"])
    h.ensure_person("ad.officer", "ad-ict", roles=["ict-officer", "ict-head", "director"])
    h.ensure_person("ad.teacher", "ad-office", roles=["requester"])


def admin_browser(lang="th"):
    b = h.Browser(lang)
    b.login("ad.admin")
    return b


def post_form(b, page, fields, expect=303):
    """Posts fields to page with the CSRF token of that page's forms."""
    r = b.get(page)
    assert r.status == 200, r
    csrf = b.hidden("csrf", form_action=page.split("?")[0])
    assert csrf, "no csrf field on %s" % page
    r = b.post(page.split("?")[0], dict(fields, csrf=csrf))
    assert r.status == expect, "%s %s: %d, expected %d" % (page, fields.get("action"), r.status, expect)
    return r


def person_row(doc, username):
    return doc.find("tr", id="person-" + username)


def can_sign_in(username, password):
    b = h.Browser()
    b.get("/login")
    csrf = b.hidden("csrf", form_action="/login")
    r = b.post("/login", {"csrf": csrf, "username": username, "password": password})
    return r.status == 303 and "bk_session" in b.cookies, b


def test_the_index_links_every_admin_page():
    b = admin_browser()
    doc = b.get("/admin").html()
    links = {a.get("href") for a in doc.find_all("a")}
    assert {"/admin/units", "/admin/people", "/admin/holidays", "/admin/jobs"} <= links, links
    for href in ("/admin/units", "/admin/people", "/admin/holidays", "/admin/jobs"):
        assert b.get(href).status == 200, href


def test_a_unit_is_added_then_edited_and_bad_values_are_refused_and_kept():
    b = admin_browser()
    h.sql("DELETE FROM unit WHERE code IN ('ad-new-school')")
    r = post_form(b, "/admin/units", {"action": "add", "code": "ad-new-school", "kind": "school",
                                      "name_th": "โรงเรียนบ้านทดสอบ", "name_en": "Ban Test School",
                                      "parent": "ad-office"})
    assert r.header("Location") == "/admin/units?done=added", r.header("Location")
    row = b.get("/admin/units").html().find("tr", id="unit-ad-new-school")
    assert row is not None, "the new unit is not listed"
    assert "โรงเรียนบ้านทดสอบ" in row.text() and "Ban Test School" in row.text()
    assert row.find("td", cls="parent").text() == "ad-office"
    assert h.sql("SELECT u.kind, p.code FROM unit u JOIN unit p ON p.id = u.parent_id"
                 " WHERE u.code = 'ad-new-school'") == [["school", "ad-office"]]

    # Edit: names, parent (none), memo format.
    page = b.get("/admin/units?edit=ad-new-school")
    assert page.status == 200
    assert page.html().find("input", id="adm-name_th").get("value") == "โรงเรียนบ้านทดสอบ"
    post_form(b, "/admin/units?edit=ad-new-school",
              {"action": "edit", "code": "ad-new-school", "name_th": "โรงเรียนบ้านทดสอบใหม่",
               "name_en": "New Test School", "parent": "ad-ict", "memo_format": "ศธ 04999/{n}"})
    assert h.sql("SELECT u.name_th, u.name_en, p.code, u.memo_format FROM unit u"
                 " JOIN unit p ON p.id = u.parent_id WHERE u.code = 'ad-new-school'") == [
        ["โรงเรียนบ้านทดสอบใหม่", "New Test School", "ad-ict", "ศธ 04999/{n}"]]

    # Refusals: the same code again, a bad kind, an empty name, a loop of parents, a
    # format without {n}; the values typed come back.
    r = post_form(b, "/admin/units", {"action": "add", "code": "ad-new-school", "kind": "castle",
                                      "name_th": "ชื่อที่พิมพ์ไว้", "name_en": " "}, expect=422)
    doc = r.html()
    assert doc.find("input", id="adm-name_th").get("value") == "ชื่อที่พิมพ์ไว้", "the typed name was lost"
    assert doc.find("input", id="adm-code").get("value") == "ad-new-school"
    text = h.norm(doc.text())
    assert "มีหน่วยงานรหัสนี้แล้ว" in text and "ระบุชื่อภาษาอังกฤษ" in text, text[:400]
    en = admin_browser("en")
    r = post_form(en, "/admin/units?edit=ad-office",
                  {"action": "edit", "code": "ad-office", "name_th": "สำนักงาน", "name_en": "Office",
                   "parent": "ad-new-school", "memo_format": "no placeholder"}, expect=422)
    text = h.norm(r.html().text())
    assert "cannot be its own parent" in text and "exactly one {n}" in text, text[:600]
    assert r.html().find("input", id="adm-memo_format").get("value") == "no placeholder"
    assert h.sql("SELECT COALESCE(parent_id, 0) FROM unit WHERE code = 'ad-office'") == [["0"]]
    assert b.get("/admin/units?edit=no-such-unit").status == 404


def test_people_are_added_searched_paged_and_given_roles():
    b = admin_browser()
    h.sql("DELETE FROM person WHERE username LIKE 'ad.new%'")
    post_form(b, "/admin/people", {"action": "add", "username": "ad.new1", "email": "ad.new1@example.org",
                                   "unit": "ad-ict", "name_th": "สมศรี ทดสอบ", "name_en": "Somsri Test"})
    assert h.sql("SELECT p.email, u.code, p.active, p.password_hash IS NULL FROM person p"
                 " JOIN unit u ON u.id = p.unit_id WHERE p.username = 'ad.new1'") == [
        ["ad.new1@example.org", "ad-ict", "1", "1"]]
    # Search by name, by e-mail, by username.
    for q in ("สมศรี", "ad.new1@example", "ad.new1"):
        doc = b.get("/admin/people?q=" + h.urllib.parse.quote(q)).html()
        assert person_row(doc, "ad.new1") is not None, "search %r did not find the person" % q
        assert person_row(doc, "ad.teacher") is None, "search %r found someone else" % q
    # Refused: the username taken, a bad address, an unknown unit; values kept.
    r = post_form(b, "/admin/people", {"action": "add", "username": "ad.new1", "email": "not-an-address",
                                       "unit": "zz-none", "name_th": "ซ้ำ", "name_en": "Dup"}, expect=422)
    doc = r.html()
    invalid = {e.get("name") for e in doc.find_all() if e.get("aria-invalid") == "true"}
    assert {"username", "email", "unit"} <= invalid, invalid
    assert doc.find("input", id="adm-email").get("value") == "not-an-address"
    # A search term with LIKE's own characters finds nothing rather than everything.
    doc = b.get("/admin/people?q=%25").html()
    assert not doc.find_all("tr", cls="person"), "'%' matched people"
    # Paging: 25 a page, the next page link.
    for i in range(27):
        h.sql("INSERT IGNORE INTO person (username, email, name_th, name_en, unit_id)"
              " SELECT 'ad.newp%02d', 'ad.newp%02d@example.org', 'หน้า', 'Page', id FROM unit"
              " WHERE code = 'ad-ict'" % (i, i))
    doc = b.get("/admin/people?q=ad.newp").html()
    assert len(doc.find_all("tr", cls="person")) == 25
    nxt = doc.find("a", rel="next")
    assert nxt is not None, "no next page"
    doc2 = b.get(nxt.get("href")).html()
    assert person_row(doc2, "ad.newp25") is not None and person_row(doc2, "ad.newp26") is not None
    assert len(doc2.find_all("tr", cls="person")) == 2

    # Grant and revoke a role in a unit.
    post_form(b, "/admin/people", {"action": "grant", "username": "ad.new1", "role": "ict-officer",
                                   "unit": "ad-ict"})
    assert h.sql("SELECT r.role, u.code FROM person_role r JOIN person p ON p.id = r.person_id"
                 " JOIN unit u ON u.id = r.unit_id WHERE p.username = 'ad.new1'") == [["ict-officer", "ad-ict"]]
    post_form(b, "/admin/people", {"action": "grant", "username": "ad.new1", "role": "wizard",
                                   "unit": "ad-ict"}, expect=422)
    post_form(b, "/admin/people", {"action": "revoke", "username": "ad.new1", "role": "ict-officer",
                                   "unit": "ad-ict"})
    assert h.sql("SELECT COUNT(*) FROM person_role r JOIN person p ON p.id = r.person_id"
                 " WHERE p.username = 'ad.new1'") == [["0"]]


def test_a_deactivated_person_cannot_sign_in_and_their_sessions_end():
    h.ensure_person("ad.leaver", "ad-ict", roles=["ict-officer"])
    h.sql("UPDATE person SET active = 1 WHERE username = 'ad.leaver'")
    leaver = h.Browser()
    leaver.login("ad.leaver")
    assert leaver.get("/queue").status == 200
    b = admin_browser()
    post_form(b, "/admin/people?q=ad.leaver", {"action": "deactivate", "username": "ad.leaver"})
    r = leaver.get("/queue")
    assert r.status == 303 and r.header("Location").startswith("/login"), "the session lived on"
    assert h.sql("SELECT COUNT(*) FROM session s JOIN person p ON p.id = s.person_id"
                 " WHERE p.username = 'ad.leaver'") == [["0"]]
    ok, _ = can_sign_in("ad.leaver", "correct horse battery")
    assert not ok, "a deactivated person signed in"
    row = person_row(b.get("/admin/people?q=ad.leaver").html(), "ad.leaver")
    assert "ระงับ" in row.text(), "the list does not show the account as deactivated"
    # An administrator cannot deactivate themselves.
    post_form(b, "/admin/people", {"action": "deactivate", "username": "ad.admin"}, expect=422)
    post_form(b, "/admin/people", {"action": "reactivate", "username": "ad.leaver"})
    ok, _ = can_sign_in("ad.leaver", "correct horse battery")
    assert ok, "a reactivated person could not sign in"


def test_a_reset_password_is_shown_once_signs_in_and_ends_old_sessions():
    h.ensure_person("ad.forgetful", "ad-ict", roles=["requester"])
    h.sql("UPDATE person SET active = 1 WHERE username = 'ad.forgetful'")
    old = h.Browser()
    old.login("ad.forgetful")
    before = h.sql("SELECT password_hash FROM person WHERE username = 'ad.forgetful'")[0][0]
    b = admin_browser()
    r = post_form(b, "/admin/people?q=ad.forgetful", {"action": "reset", "username": "ad.forgetful"},
                  expect=200)
    assert "no-store" in (r.header("Cache-Control") or "")
    code = r.html().find("code", cls="new-password")
    assert code is not None, "the answer does not show the new password"
    password = code.text()
    assert len(password) == 16 and not set(password) & set("0O1lI"), password
    after = h.sql("SELECT password_hash FROM person WHERE username = 'ad.forgetful'")[0][0]
    assert after != before and after.startswith("$argon2id$") and password not in after
    # Shown once: the list afterwards does not show it.
    again = b.get("/admin/people?q=ad.forgetful")
    assert password not in again.text and again.html().find("code", cls="new-password") is None
    # The old session ended; the old password is refused; the new one signs in.
    r = old.get("/queue")
    assert r.status == 303 and r.header("Location").startswith("/login"), "the old session lived on"
    assert not can_sign_in("ad.forgetful", "correct horse battery")[0]
    ok, nb = can_sign_in("ad.forgetful", password)
    assert ok, "the new password does not sign in"
    assert nb.get("/queue").status == 200


def test_markup_typed_into_names_comes_back_escaped():
    b = admin_browser()
    h.sql("DELETE FROM person WHERE username = 'ad.xss'")
    evil = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    post_form(b, "/admin/people", {"action": "add", "username": "ad.xss", "email": "ad.xss@example.org",
                                   "unit": "ad-ict", "name_th": evil, "name_en": evil + '"'})
    r = b.get("/admin/people?q=ad.xss")
    assert "<script>alert(1)" not in r.text and "<img src=x" not in r.text, "markup came back raw"
    row = person_row(r.html(), "ad.xss")
    assert evil in row.text(), "the name was not shown as typed"
    # On a refusal too: what was typed comes back as text.
    r = post_form(b, "/admin/units", {"action": "add", "code": "BAD CODE", "kind": "group",
                                      "name_th": evil, "name_en": "x"}, expect=422)
    assert "<script>alert(1)" not in r.text
    assert r.html().find("input", id="adm-name_th").get("value") == evil


ADMIN_GETS = ["/admin", "/admin/units", "/admin/people", "/admin/units?edit=ad-ict",
              "/admin/people?q=ad", "/admin/holidays", "/admin/jobs"]
ADMIN_POSTS = [("/admin/units", {"action": "add", "code": "ad-hack", "kind": "group",
                                 "name_th": "x", "name_en": "x"}),
               ("/admin/units", {"action": "edit", "code": "ad-ict", "name_th": "x", "name_en": "x"}),
               ("/admin/people", {"action": "add", "username": "ad.hack", "email": "h@example.org",
                                  "unit": "ad-ict", "name_th": "x", "name_en": "x"}),
               ("/admin/people", {"action": "grant", "username": "ad.officer", "role": "administrator",
                                  "unit": "ad-ict"}),
               ("/admin/people", {"action": "reset", "username": "ad.admin"}),
               ("/admin/people", {"action": "deactivate", "username": "ad.admin"}),
               ("/admin/people", {"action": "sub-add", "person": "ad.admin", "substitute": "ad.officer",
                                  "from": "2026-01-01", "to": "2026-01-02", "reason": "x"})]


def test_non_administrators_get_403_on_every_admin_page_and_post():
    for who in ("ad.officer", "ad.teacher"):
        b = h.Browser()
        b.login(who)
        b.get("/queue")
        csrf = b.hidden("csrf", form_action="/logout")
        assert csrf
        for path in ADMIN_GETS:
            assert b.get(path).status == 403, "%s got %s" % (who, path)
        for path, fields in ADMIN_POSTS:
            r = b.post(path, dict(fields, csrf=csrf))
            assert r.status == 403, "%s posted %s %s: %d" % (who, path, fields["action"], r.status)
    assert h.sql("SELECT COUNT(*) FROM unit WHERE code = 'ad-hack'") == [["0"]]
    assert h.sql("SELECT COUNT(*) FROM person WHERE username = 'ad.hack'") == [["0"]]
    assert h.sql("SELECT COUNT(*) FROM person_role r JOIN person p ON p.id = r.person_id"
                 " WHERE p.username = 'ad.officer' AND r.role = 'administrator'") == [["0"]]
    # Signed out: sent to sign in, or refused.
    anon = h.Browser()
    assert anon.get("/admin/people").status == 303
    assert anon.post("/admin/people", ADMIN_POSTS[2][1]).status == 403


def test_posts_without_the_csrf_token_are_refused():
    b = admin_browser()
    for path, fields in ADMIN_POSTS:
        r = b.post(path, fields)
        assert r.status == 403, "%s %s without csrf: %d" % (path, fields["action"], r.status)
        r = b.post(path, dict(fields, csrf="0" * 64))
        assert r.status == 403, "%s %s with a wrong csrf: %d" % (path, fields["action"], r.status)
    assert h.sql("SELECT COUNT(*) FROM unit WHERE code = 'ad-hack'") == [["0"]]
    assert h.sql("SELECT active FROM person WHERE username = 'ad.admin'") == [["1"]]
