"""Public filing, tracking and the satisfaction survey: a visitor without an account files
a repair request, confirms it by the link mailed to them, tracks it by number and code, and
answers the survey whose link arrives by mail and shows as a QR code on the closing page."""
import os
import re
import secrets
import shutil
import subprocess
import urllib.parse

import harness as h
import test_request_repair as repair

ORDER = 72
FORM = "/processes/ict-repair/request"
STEP_CHECK_TH = "ตรวจสอบตามรายงานการแจ้งซ่อม"   # the label of step "check"


def setup_module():
    h.ensure_unit("pb-ict", "group")
    h.ensure_person("pb.officer", "pb-ict", roles=["ict-officer"])
    h.smtp_control()
    h.sql("DELETE FROM login_throttle WHERE kind IN ('file', 'track')")


def visitor_address():
    return "visitor.%s@example.org" % secrets.token_hex(4)


def contact(email, name="นายผู้มา ทดสอบ", phone="081-234-5678"):
    return {"requester_name": name, "requester_email": email, "requester_phone": phone}


def file_public(b, email, fields=None, expect=200):
    r = b.get(FORM)
    assert r.status == 200, "the public form: %d" % r.status
    csrf = b.hidden("csrf", form_action=FORM)
    sub = b.hidden("submission", form_action=FORM)
    assert csrf and sub, "the public form has no csrf or submission field"
    data = dict(fields if fields is not None else repair.GOOD, csrf=csrf, submission=sub)
    data.update(contact(email))
    r = b.post(FORM, data)
    assert r.status == expect, "public filing answered %d, expected %d" % (r.status, expect)
    return r


def mail_to(address, kind_subject, timeout=30):
    """The text part of the first mail to address whose subject contains kind_subject."""
    import email.header

    def find():
        for m in h.mails():
            subj = str(email.header.make_header(email.header.decode_header(m["Subject"])))
            if m.envelope["rcpt"] == [address] and kind_subject in subj:
                return h.mail_parts(m)[0]
        return None
    text = h.wait_until(find, timeout, 0.2)
    assert text, "no mail %r to %s" % (kind_subject, address)
    return text


def link_in(text, kind):
    m = re.search(r"(https?://\S+/%s/([a-z2-7]{52}))" % kind, text)
    assert m, "no /%s/ link in the mail:\n%s" % (kind, text)
    return m.group(1), urllib.parse.urlparse(m.group(1)).path


def receipt_of(page):
    doc = page.html()
    number = doc.find("code", cls="request-number")
    code = doc.find("code", cls="tracking-code")
    assert number is not None and code is not None, "the receipt shows no number or code"
    return number.text().strip(), code.text().strip()


def row_of(email):
    rows = h.sql("SELECT id, COALESCE(number, ''), status, step_id, COALESCE(requester_id, 0),"
                 " COALESCE(requester_phone, '') FROM request WHERE requester_email = '%s'"
                 % email.replace("'", ""))
    return rows


def track(b, number, code):
    b.get("/track")
    csrf = b.hidden("csrf", form_action="/track")
    assert csrf, "the tracking form has no csrf field"
    return b.post("/track", {"csrf": csrf, "number": number, "code": code})


# One visitor's request, shared by the scenario's steps (the module runs in order).
S = {}


def test_a_visitor_files_a_repair_and_confirms_it_by_the_mailed_link():
    b = h.Browser()
    email = visitor_address()
    r = file_public(b, email)
    assert "ตรวจสอบอีเมล" in r.text and "Check your e-mail" not in r.text, "not the look-in-your-mail page"
    rows = row_of(email)
    assert len(rows) == 1 and rows[0][1:5] == ["", "unconfirmed", "report", "0"], rows
    assert rows[0][5] == "0812345678", "the phone is kept as its digits: %r" % rows[0][5]
    # Unconfirmed: in nobody's queue (a queue is the open requests waiting for a role).
    assert h.sql("SELECT actor_role FROM request WHERE id = %s" % rows[0][0]) == [[""]]

    text = mail_to(email, "ยืนยันคำขอ")
    assert "Confirm the request" in text and "ยืนยันคำขอ" in text, text
    url, path = link_in(text, "confirm")
    # The link holds 256 bits; the database only their SHA-256.
    token = path.rsplit("/", 1)[1]
    assert h.sql("SELECT COUNT(*) FROM request_token WHERE token_hash = UNHEX(SHA2('%s', 256))"
                 " AND purpose = 'confirm'" % token) == [["1"]]
    assert h.sql("SELECT COUNT(*) FROM request_token WHERE HEX(token_hash) LIKE '%%%s%%'"
                 % token.upper()) == [["0"]]

    page = h.Browser().get(path)
    assert page.status == 200, page
    number, code = receipt_of(page)
    assert re.match(r"^ict-repair-25\d\d-\d{5}$", number), number
    assert re.match(r"^[A-Z2-9]{10}$", code), code
    assert '/track' in page.text, "the receipt does not link to the tracking page"
    rows = row_of(email)
    assert rows[0][1:5] == [number, "open", "check", "0"], rows
    trail = h.sql("SELECT action FROM request_event WHERE request_id = %s ORDER BY id" % rows[0][0])
    assert trail == [["submitted"]], trail
    # The officers have a new task, and the visitor a receipt with number and code.
    assert h.sql("SELECT actor_role FROM request WHERE id = %s" % rows[0][0]) == [["ict-officer"]]
    officer = h.Browser()
    officer.login("pb.officer")
    assert officer.get("/requests/" + number).status == 200
    task = mail_to("pb.officer@example.org", number)
    assert "A request is waiting for you" in task, task
    receipt = mail_to(email, number)
    assert code in receipt and "/track" in receipt, receipt
    S.update(email=email, number=number, code=code, confirm=path, id=rows[0][0])


def test_the_link_followed_again_says_it_was_used_with_the_number():
    page = h.Browser().get(S["confirm"])
    assert page.status == 200, page
    assert "ถูกใช้แล้ว" in page.text and S["number"] in page.text, "no 'used' message with the number"
    assert h.sql("SELECT COUNT(*) FROM request WHERE requester_email = '%s'" % S["email"]) == [["1"]]
    assert h.sql("SELECT COUNT(*) FROM request_event WHERE request_id = %s" % S["id"]) == [["1"]], \
        "a second click started the request again"


def test_tracking_shows_status_and_step_and_nothing_personal():
    b = h.Browser()
    r = track(b, S["number"], S["code"])
    assert r.status == 200, r
    text = r.html().find("main").text()
    assert S["number"] in text and "กำลังดำเนินการ" in text, text
    assert STEP_CHECK_TH in text, "the current step is not shown: %s" % text
    for secret in ("นายผู้มา", S["email"], "0812345678", "081-234-5678", repair.GOOD["symptom"],
                   repair.GOOD["asset_number"], repair.GOOD["location"]):
        assert secret not in r.text, "the tracking page shows %r" % secret
    # Lowercase and spaces typed around the code still find it.
    r = track(b, S["number"], " %s " % S["code"].lower())
    assert r.status == 200, r


def test_a_wrong_code_and_an_unknown_number_get_the_same_answer():
    b = h.Browser()
    wrong_code = "A" * 10 if S["code"] != "A" * 10 else "B" * 10
    r1 = track(b, S["number"], wrong_code)
    r2 = track(b, "ict-repair-2500-99999", S["code"])
    r3 = track(b, S["number"], "")
    assert r1.status == r2.status == r3.status == 404, (r1.status, r2.status, r3.status)
    assert r1.text == r2.text == r3.text, "the answers differ: an oracle for numbers"
    assert "กำลังดำเนินการ" not in r1.text


def test_an_expired_link_says_so_and_opens_nothing():
    b = h.Browser()
    email = visitor_address()
    file_public(b, email)
    _, path = link_in(mail_to(email, "ยืนยันคำขอ"), "confirm")
    rid = row_of(email)[0][0]
    h.sql("UPDATE request_token SET expires_at = NOW(6) - INTERVAL 1 MINUTE WHERE request_id = %s" % rid)
    page = h.Browser().get(path)
    assert page.status == 410, page
    assert "หมดอายุ" in page.text, "no 'expired' message"
    assert row_of(email)[0][1:3] == ["", "unconfirmed"], row_of(email)
    # An unknown token, and a malformed one.
    assert h.Browser().get("/confirm/" + "a" * 52).status == 404
    assert h.Browser().get("/confirm/abc").status == 404
    # Old unconfirmed requests are purged; confirmed ones stay.
    h.sql("UPDATE request SET created_at = NOW(6) - INTERVAL 8 DAY WHERE id = %s" % rid)
    out = h.admin("purge-unconfirmed")
    assert out.returncode == 0, out.stderr
    assert row_of(email) == [], "the unconfirmed request was not purged"
    assert h.sql("SELECT COUNT(*) FROM request_token WHERE request_id = %s" % rid) == [["0"]]
    assert row_of(S["email"])[0][2] == "open", "a confirmed request was purged"


def test_the_visitor_form_checks_name_email_and_phone():
    b = h.Browser()
    b.get(FORM)
    data = dict(repair.GOOD, csrf=b.hidden("csrf", form_action=FORM),
                submission=b.hidden("submission", form_action=FORM),
                requester_name="ก", requester_email="not-an-address", requester_phone="call me")
    r = b.post(FORM, data)
    assert r.status == 422, r
    invalid = {e.get("name") for e in r.html().find_all() if e.get("aria-invalid") == "true"}
    assert {"requester_name", "requester_email", "requester_phone"} <= invalid, invalid
    assert r.html().find("input", id="f-requester_email").get("value") == "not-an-address"
    assert h.sql("SELECT COUNT(*) FROM request WHERE requester_email = 'not-an-address'") == [["0"]]


def test_a_non_public_process_refuses_anonymous_filing():
    b = h.Browser()
    r = b.get("/processes/data-service/request")
    assert r.status == 303 and r.header("Location").startswith("/login"), (r.status, r.header("Location"))
    b.get(FORM)     # a pre-sign-in token, as a visitor would have
    csrf = b.hidden("csrf", form_action=FORM)
    r = b.post("/processes/data-service/request",
               dict(contact(visitor_address()), csrf=csrf, submission=secrets.token_hex(16)))
    assert r.status == 403, r
    # And a public form without its token is refused.
    r = h.Browser().post(FORM, dict(repair.GOOD, **contact(visitor_address()),
                                    submission=secrets.token_hex(16)))
    assert r.status == 403, r


def test_the_survey_mail_arrives_when_the_officer_finishes_and_its_qr_code_is_the_link():
    officer = h.Browser()
    officer.login("pb.officer")
    n = S["number"]
    repair.act(officer, n, "complete", note="รับเรื่อง")
    repair.act(officer, n, "branch", arg="repair")
    repair.act(officer, n, "complete", note="เปลี่ยนลูกกลิ้ง")
    repair.act(officer, n, "branch", arg="handover")
    repair.act(officer, n, "complete", note="ส่งมอบแล้ว")
    assert repair.state(n) == ("open", "survey", "0"), repair.state(n)

    url, path = link_in(mail_to(S["email"], "แบบประเมิน"), "survey")
    S.update(survey=path)
    page = officer.get("/requests/" + n)     # the closing page
    assert page.status == 200
    m = re.search(r'<svg[^>]*viewBox="0 0 (\d+) \1"[^>]*>.*?<path[^>]* d="([^"]+)"', page.text, re.S)
    assert m, "the closing page shows no QR code"
    assert 'src="http' not in page.text, "an external image"
    side, d = int(m.group(1)), m.group(2)
    grid = [[0] * side for _ in range(side)]
    for x, y, run, run2 in re.findall(r"M(\d+) (\d+)h(\d+)v1h-(\d+)z", d):
        assert run == run2
        for i in range(int(run)):
            grid[int(y)][int(x) + i] = 1
    ours = ["".join("#" if c else " " for c in row[4:side - 4]) for row in grid[4:side - 4]]
    qrencode = shutil.which("qrencode")
    assert qrencode, "qrencode is not installed (./dev installs Debian's qrencode)"
    ascii_ = subprocess.run([qrencode, "-t", "ASCII", "-m", "0", "-l", "M", "-o", "-", url],
                            capture_output=True, text=True, check=True).stdout
    theirs = [line[::2] for line in ascii_.splitlines() if line]
    assert ours == theirs, "the QR code is not the survey link %s" % url
    assert all(v == 0 for v in grid[0]) and all(row[0] == 0 for row in grid), "no quiet zone"


def test_the_survey_link_works_once_and_closes_the_request():
    b = h.Browser()
    page = b.get(S["survey"])
    assert page.status == 200, page
    csrf = b.hidden("csrf", form_action=S["survey"])
    assert csrf
    r = b.post(S["survey"], {"csrf": csrf, "score": "9", "comment": "x"})
    assert r.status == 422, r
    r = b.post(S["survey"], {"csrf": csrf, "score": "4", "comment": "x" * 1001})
    assert r.status == 422, r
    assert repair.state(S["number"]) == ("open", "survey", "0")
    r = b.post(S["survey"], {"csrf": "", "score": "4"})
    assert r.status == 403, r
    r = b.post(S["survey"], {"csrf": csrf, "score": "4", "comment": "ช่างสุภาพ <b>ดีมาก</b>"})
    assert r.status == 200 and "ขอบคุณ" in r.text, r
    assert repair.state(S["number"]) == ("done", "done", "4"), repair.state(S["number"])
    assert h.sql("SELECT satisfaction_comment FROM request WHERE id = %s" % S["id"]) == \
        [["ช่างสุภาพ <b>ดีมาก</b>"]]
    trail = [row[0] for row in h.sql("SELECT action FROM request_event WHERE request_id = %s"
                                     " ORDER BY id" % S["id"])]
    assert trail[-1] == "rated", trail
    again = h.Browser().get(S["survey"])
    assert again.status == 200 and "ถูกใช้แล้ว" in again.text, again
    r = b.post(S["survey"], {"csrf": csrf, "score": "1"})
    assert r.status == 200 and repair.state(S["number"])[2] == "4", "a second answer changed the score"
    r = track(h.Browser(), S["number"], S["code"])
    assert r.status == 200 and "เสร็จสิ้น" in r.html().find("main").text()


def test_public_filing_is_limited_per_address_with_429():
    h.sql("DELETE FROM login_throttle WHERE kind = 'file'")
    b = h.Browser()
    try:
        for i in range(10):
            file_public(b, visitor_address())
        r = file_public(b, visitor_address(), expect=429)
        wait = r.header("Retry-After")
        assert wait and wait.isdigit() and 0 < int(wait) <= 3600, wait
    finally:
        h.sql("DELETE FROM login_throttle WHERE kind = 'file'")
