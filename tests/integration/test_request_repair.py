"""A repair request from filing to rating, with the warranty branch, and what the
engine refuses on the way (steps that are not yours, stale pages, missing reasons)."""
import re

import harness as h

ORDER = 65


def setup_module():
    h.ensure_unit("rq-school", "school")
    h.ensure_unit("rq-ict", "group")
    h.ensure_person("rq.teacher", "rq-school", roles=["requester"])
    h.ensure_person("rq.other", "rq-school", roles=["requester"])
    h.ensure_person("rq.officer", "rq-ict", roles=["ict-officer"])
    h.ensure_person("rq.director", "rq-ict", roles=["director"])


GOOD = {"equipment": "printer", "asset_number": "7440-001-0001/12", "location": "ห้องธุรการ อาคาร 2",
        "symptom": "เครื่องพิมพ์ไม่ดึงกระดาษ ไฟกะพริบสีส้ม", "contact_phone": "077-205317"}


def file_request(b, fields):
    r = b.get("/processes/ict-repair/request")
    assert r.status == 200, r
    csrf = b.hidden("csrf", form_action="/processes/ict-repair/request")
    sub = b.hidden("submission", form_action="/processes/ict-repair/request")
    assert csrf and sub and len(sub) == 32, (csrf, sub)
    data = dict(fields, csrf=csrf, submission=sub)
    return b.post("/processes/ict-repair/request", data), data


def act(b, number, action, arg=None, note=None, expect=303):
    page = b.get("/requests/" + number)
    assert page.status == 200, page
    csrf = b.hidden("csrf", form_action="/requests/" + number)
    version = b.hidden("version", form_action="/requests/" + number)
    fields = {"csrf": csrf or "", "version": version or "1", "action": action}
    if arg is not None:
        fields["arg"] = arg
    if note is not None:
        fields["note"] = note
    r = b.post("/requests/" + number, fields)
    assert r.status == expect, "%s %s: %d, expected %d" % (action, arg, r.status, expect)
    return r


def state(number):
    rows = h.sql("SELECT status, step_id, COALESCE(satisfaction, 0) FROM request WHERE number = '%s'"
                 % number.replace("'", ""))
    return tuple(rows[0])


def test_the_form_refuses_bad_values_field_by_field_and_keeps_them():
    b = h.Browser()
    b.login("rq.teacher")
    bad = dict(GOOD, equipment="toaster", location="", contact_phone="call me",
               symptom="<script>alert(1)</script>")
    r, _ = file_request(b, bad)
    assert r.status == 422, r
    doc = r.html()
    invalid = {e.get("name") for e in doc.find_all() if e.get("aria-invalid") == "true"}
    assert {"equipment", "location", "contact_phone"} <= invalid, invalid
    assert "symptom" not in invalid, "a valid field was marked"
    assert "<script>alert(1)</script>" not in r.text, "user text came back unescaped"
    area = doc.find("textarea", id="f-symptom")
    assert area is not None and area.text() == "<script>alert(1)</script>", "the typed text was lost"
    assert h.sql("SELECT COUNT(*) FROM request WHERE process_code = 'ict-repair'"
                 " AND form LIKE '%toaster%'") == [["0"]]


def test_repair_with_the_warranty_branch_from_filing_to_rating():
    teacher, officer, other = h.Browser(), h.Browser(), h.Browser()
    teacher.login("rq.teacher")
    officer.login("rq.officer")
    other.login("rq.other")
    r, data = file_request(teacher, GOOD)
    assert r.status == 303, r
    loc = r.header("Location")
    m = re.match(r"^/requests/(ict-repair-25\d\d-\d{5})\?code=([A-Z2-9]{10})$", loc or "")
    assert m, "receipt location %r" % loc
    number = m.group(1)
    receipt = teacher.get(loc)
    assert receipt.status == 200 and m.group(2) in receipt.text, "the receipt shows no tracking code"
    assert state(number) == ("open", "check", "0"), state(number)

    # The same form sent again (a double click) is the same request.
    again = teacher.post("/processes/ict-repair/request", data)
    assert again.status == 303 and again.header("Location") == "/requests/" + number, again.header("Location")

    # Not the requester's step, and not another teacher's request.
    act(teacher, number, "complete", expect=403)
    assert other.get("/requests/" + number).status == 404
    assert state(number) == ("open", "check", "0")

    act(officer, number, "complete", note="รับเรื่องแล้ว")
    assert state(number) == ("open", "diagnose", "0")
    act(officer, number, "branch", arg="handover", expect=403)      # not a branch of this step
    act(officer, number, "branch", arg="vendor", note="อยู่ในประกัน ส่งร้าน")
    assert state(number) == ("open", "vendor", "0")
    act(officer, number, "complete", note="ร้านเปลี่ยนชุดดึงกระดาษ")
    assert state(number) == ("open", "verify", "0")
    act(officer, number, "branch", arg="handover")
    act(officer, number, "complete", note="ส่งมอบคืนแล้ว")
    assert state(number) == ("open", "survey", "0")
    act(officer, number, "rate", arg="5", expect=403)                # only the requester rates
    act(teacher, number, "rate", arg="9", expect=422)
    act(teacher, number, "rate", arg="5", note="รวดเร็วมาก")
    assert state(number) == ("done", "done", "5")

    trail = [row[0] for row in h.sql(
        "SELECT e.action FROM request_event e JOIN request r ON r.id = e.request_id"
        " WHERE r.number = '%s' ORDER BY e.id" % number)]
    assert trail == ["submitted", "completed", "decided", "completed", "decided", "completed",
                     "rated"], trail
    page = teacher.get("/requests/" + number)
    assert "ร้านเปลี่ยนชุดดึงกระดาษ" in page.text, "the trail does not show the officer's note"


def test_a_page_made_before_someone_else_acted_is_refused_with_409():
    teacher, officer = h.Browser(), h.Browser()
    teacher.login("rq.teacher")
    officer.login("rq.officer")
    r, _ = file_request(teacher, GOOD)
    number = r.header("Location").split("?")[0].rsplit("/", 1)[1]
    page = officer.get("/requests/" + number)
    csrf = officer.hidden("csrf", form_action="/requests/" + number)
    version = officer.hidden("version", form_action="/requests/" + number)
    first = officer.post("/requests/" + number, {"csrf": csrf, "version": version, "action": "complete"})
    assert first.status == 303, first
    second = officer.post("/requests/" + number, {"csrf": csrf, "version": version, "action": "complete"})
    assert second.status == 409, "a stale page acted twice: %d" % second.status
    assert state(number)[1] == "diagnose", state(number)


def test_actions_without_the_csrf_token_are_refused():
    teacher, officer = h.Browser(), h.Browser()
    teacher.login("rq.teacher")
    officer.login("rq.officer")
    r, _ = file_request(teacher, GOOD)
    number = r.header("Location").split("?")[0].rsplit("/", 1)[1]
    r = officer.post("/requests/" + number, {"version": "1", "action": "complete"})
    assert r.status == 403, r
    r = teacher.post("/processes/ict-repair/request", dict(GOOD, submission="a" * 32))
    assert r.status == 403, r
    assert state(number) == ("open", "check", "0")


def test_sql_metacharacters_are_stored_and_shown_verbatim():
    teacher = h.Browser()
    teacher.login("rq.teacher")
    weird = "ห้อง 1'; DROP TABLE request; -- \"x\" \\ %_"
    r, _ = file_request(teacher, dict(GOOD, location=weird))
    assert r.status == 303, r
    number = r.header("Location").split("?")[0].rsplit("/", 1)[1]
    page = teacher.get("/requests/" + number)
    assert weird in h.norm(page.html().text()), "the location was not shown as typed"
    assert h.sql("SELECT COUNT(*) FROM request") != [["0"]]


def test_numbers_have_no_gaps_and_no_duplicates_under_concurrency():
    import threading
    people = [h.ensure_person("rq.c%d" % i, "rq-school", roles=["requester"]) for i in range(6)]
    browsers = []
    for p in people:
        b = h.Browser()
        b.login(p)
        b.get("/processes/ict-repair/request")
        browsers.append((b, b.hidden("csrf", form_action="/processes/ict-repair/request")))
    before = h.sql("SELECT COUNT(*) FROM request WHERE process_code = 'ict-repair'"
                    " AND number IS NOT NULL")[0][0]
    results = []

    def file_many(b, csrf):
        import secrets
        for _ in range(5):
            r = b.post("/processes/ict-repair/request",
                       dict(GOOD, csrf=csrf, submission=secrets.token_hex(16)))
            results.append(r.status)

    threads = [threading.Thread(target=file_many, args=bc) for bc in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(303) == 30, results
    seqs = sorted(int(row[0].rsplit("-", 1)[1]) for row in h.sql(
        "SELECT number FROM request WHERE process_code = 'ict-repair'"
        " AND number IS NOT NULL"))   # a visitor's request has none until confirmed
    assert seqs == list(range(1, len(seqs) + 1)), "gaps or duplicates: %s" % seqs
    assert len(seqs) == int(before) + 30
