"""Time limits in working days: the due date of a new request, the clock stopped while a
request waits for its requester, the 75 % warning and the overdue notice of
`borikan-admin sla-check`, the overdue list of the staff queue, and the holiday calendar
that administrators keep.

Every expected date is computed here, independently of the server, from the rows of
table `holiday` and the rules the product states: Saturdays, Sundays and holidays are not
working days; a request filed on a working day before 16:30 (Thailand, UTC+7) is received
that day, otherwise on the next working day; the limit ends n working days after the day
of receipt."""
import datetime
import re

import harness as h

ORDER = 67
THAI = datetime.timedelta(hours=7)
MONTHS_TH = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
             "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"]

REPAIR = {"equipment": "printer", "asset_number": "7440-001-0002/12", "location": "ห้องพัสดุ",
          "symptom": "เครื่องพิมพ์ขึ้นไฟแดง กระดาษติด", "contact_phone": "077-205318"}
ESARABAN = {"full_name": "นางสาวกานดา ใจดี", "position": "เจ้าหน้าที่ธุรการ",
            "unit": "โรงเรียนบ้านนาเดิม", "email": "kanda@example.org", "phone": "077-123456",
            "request_kind": "new_account", "system_role": "clerk"}


def setup_module():
    h.ensure_unit("tl-school", "school")
    h.ensure_unit("tl-ict", "group")
    h.ensure_person("tl.teacher", "tl-school", roles=["requester"])
    h.ensure_person("tl.officer", "tl-ict", roles=["ict-officer"])
    h.ensure_person("tl.admin", "tl-ict", roles=["administrator"])


# ---- the calendar, computed here ---------------------------------------------------------

def holidays():
    """Every holiday date of 2025-2028 from table holiday (recurring ones from their year)."""
    out = set()
    for day, recurring in h.sql("SELECT DATE_FORMAT(day, '%Y-%m-%d'), recurring FROM holiday"):
        d = datetime.date.fromisoformat(day)
        if recurring == "1":
            for y in range(max(d.year, 2025), 2029):
                try:
                    out.add(d.replace(year=y))
                except ValueError:      # 29 February
                    pass
        else:
            out.add(d)
    return out


def workday(d, hol):
    return d.weekday() < 5 and d not in hol


def add(d, n, hol):
    while n > 0:
        d += datetime.timedelta(days=1)
        if workday(d, hol):
            n -= 1
    return d


def between(a, b, hol):
    """Working days in (a, b]."""
    n = 0
    while a < b:
        a += datetime.timedelta(days=1)
        n += workday(a, hol)
    return n


def thai_now():
    return datetime.datetime.utcnow() + THAI


def receipt(thai_dt, hol):
    d = thai_dt.date()
    if workday(d, hol) and thai_dt.time() < datetime.time(16, 30):
        return d
    return add(d, 1, hol)


def be_long(d):
    return "%d %s %d" % (d.day, MONTHS_TH[d.month - 1], d.year + 543)


# ---- requests ------------------------------------------------------------------------------

def file(b, code, fields):
    action = "/processes/%s/request" % code
    b.get(action)
    data = dict(fields, csrf=b.hidden("csrf", form_action=action),
                submission=b.hidden("submission", form_action=action))
    r = b.post(action, data)
    assert r.status == 303, "filing %s: %d" % (code, r.status)
    return re.match(r"^/requests/([a-z0-9-]+)", r.header("Location")).group(1)


def act(b, number, action, note=None, expect=303):
    b.get("/requests/" + number)
    fields = {"csrf": b.hidden("csrf", form_action="/requests/" + number),
              "version": b.hidden("version", form_action="/requests/" + number),
              "action": action}
    if note is not None:
        fields["note"] = note
    r = b.post("/requests/" + number, fields)
    assert r.status == expect, "%s on %s: %d" % (action, number, r.status)


def clock(number):
    """(due_at, sla_days, paused_at is set, paused_days, filed at in Thai time)."""
    row = h.sql("SELECT COALESCE(DATE_FORMAT(due_at, '%%Y-%%m-%%d'), ''), COALESCE(sla_days, 0),"
                " paused_at IS NOT NULL, paused_days, CAST(UNIX_TIMESTAMP(created_at) AS SIGNED)"
                " FROM request WHERE number = '%s'" % number)[0]
    due = datetime.date.fromisoformat(row[0]) if row[0] else None
    filed = datetime.datetime.utcfromtimestamp(int(row[4])) + THAI
    return due, int(row[1]), row[2] == "1", int(row[3]), filed


def events(number, action):
    return h.sql("SELECT COALESCE(e.person_id, 'NULL') FROM request_event e JOIN request r"
                 " ON r.id = e.request_id WHERE r.number = '%s' AND e.action = '%s'"
                 % (number, action))


def clock_text(b, number):
    page = b.get("/requests/" + number)
    assert page.status == 200, page
    dd = page.html().find("dd", cls="clock")
    assert dd is not None, "the request page shows no due date"
    return h.norm(dd.text())


def sla_check():
    r = h.admin("sla-check")
    assert r.returncode == 0, r.stderr
    m = re.search(r"warned (\d+), overdue (\d+)", r.stdout)
    assert m, r.stdout
    return int(m.group(1)), int(m.group(2))


# ---- the scenarios -------------------------------------------------------------------------

def test_a_repair_request_is_due_five_working_days_after_its_day_of_receipt():
    teacher = h.Browser()
    teacher.login("tl.teacher")
    number = file(teacher, "ict-repair", REPAIR)
    hol = holidays()
    due, sla, paused, paused_days, filed = clock(number)
    expected = add(receipt(filed, hol), 5, hol)
    assert sla == 5, sla
    assert due == expected, "due %s, computed %s (filed %s Thai time)" % (due, expected, filed)
    assert workday(due, hol), "due on a day off: %s" % due
    assert (paused, paused_days) == (False, 0)

    text = clock_text(teacher, number)
    assert be_long(due) in text, "due date %s not shown in the Buddhist era: %r" % (be_long(due), text)
    left = between(thai_now().date(), due, hol)
    assert ("เหลืออีก %d วันทำการ" % left) in text, text
    assert "5 วันทำการ" in text, text
    teacher.lang = "en"
    en = clock_text(teacher, number)
    assert "(B.E. %d)" % (due.year + 543) in en and ("%d working days left" % left) in en, en


def test_returning_pauses_the_clock_and_resubmitting_moves_the_due_date_by_the_days_paused():
    teacher, officer = h.Browser(), h.Browser()
    teacher.login("tl.teacher")
    officer.login("tl.officer")
    number = file(teacher, "ict-esaraban-account", ESARABAN)
    hol = holidays()
    due0, sla, _, _, filed = clock(number)
    assert sla == 2 and due0 == add(receipt(filed, hol), 2, hol), (sla, due0)

    act(officer, number, "return", note="กรุณาแนบคำสั่งแต่งตั้งเจ้าหน้าที่ธุรการ")
    due, _, paused, paused_days, _ = clock(number)
    assert paused and due == due0 and paused_days == 0, (paused, due, paused_days)
    assert "หยุดนับเวลาระหว่างรอผู้ขอรับบริการ" in clock_text(teacher, number)

    # Three working days pass while the requester finds the document.
    today = thai_now().date()
    then = today
    while between(then, today, hol) < 3:
        then -= datetime.timedelta(days=1)
    assert between(then, today, hol) == 3
    at = datetime.datetime.combine(then, datetime.time(10, 0)) - THAI
    epoch = int((at - datetime.datetime(1970, 1, 1)).total_seconds())
    h.sql("UPDATE request SET paused_at = FROM_UNIXTIME(%d) WHERE number = '%s'" % (epoch, number))

    act(teacher, number, "resubmit", note="แนบคำสั่งแล้ว")
    due, _, paused, paused_days, _ = clock(number)
    assert not paused and paused_days == 3, (paused, paused_days)
    assert due == add(due0, 3, hol), "due %s, expected %s + 3 working days = %s" % (
        due, due0, add(due0, 3, hol))
    text = clock_text(teacher, number)
    assert be_long(due) in text and "หยุดนับเวลาแล้วรวม 3 วันทำการ" in text, text
    assert "หยุดนับเวลาระหว่าง" not in text, "still shown as paused: %r" % text


def test_sla_check_records_the_warning_and_the_overdue_notice_once_each():
    teacher, officer = h.Browser(), h.Browser()
    teacher.login("tl.teacher")
    officer.login("tl.officer")
    number = file(teacher, "ict-repair", REPAIR)
    hol = holidays()
    today = thai_now().date()

    # Fresh: 5 working days left, nothing to record.
    sla_check()
    assert events(number, "warned") == [] and events(number, "overdue") == []

    # One working day left of five: 80 % used, past the 75 % mark.
    h.sql("UPDATE request SET due_at = '%s' WHERE number = '%s'" % (add(today, 1, hol), number))
    sla_check()
    sla_check()
    assert events(number, "warned") == [["NULL"]], events(number, "warned")
    assert events(number, "overdue") == []
    assert h.sql("SELECT warned_at IS NOT NULL, overdue_at IS NULL FROM request WHERE number = '%s'"
                 % number) == [["1", "1"]]

    # Two working days past its due date.
    past = today
    while between(past, today, hol) < 2:
        past -= datetime.timedelta(days=1)
    while not workday(past, hol):
        past -= datetime.timedelta(days=1)
    h.sql("UPDATE request SET due_at = '%s' WHERE number = '%s'" % (past, number))
    # The job runners run the same check every few seconds (test_sla_schedule.py): this
    # run or theirs records the notice, once; a run after it records nothing.
    first = sla_check()
    assert h.wait_until(lambda: events(number, "overdue") == [["NULL"]], 10, 0.2), first
    second = sla_check()
    assert second == (0, 0), (first, second)
    assert events(number, "overdue") == [["NULL"]], events(number, "overdue")
    assert events(number, "warned") == [["NULL"]], "warned again"
    page = teacher.get("/requests/" + number)
    assert "เกินกำหนดเวลาให้บริการ" in page.text, "the trail does not show the overdue event"
    overdue_by = between(past, today, hol)
    text = clock_text(teacher, number)
    assert ("เกินกำหนด %d วันทำการ" % overdue_by) in text, text

    # The overdue list: the officer acts at this step; the requester does not.
    q = officer.get("/queue")
    sec = q.html().by_id("overdue")
    assert sec is not None, "the officer's queue has no overdue section"
    assert number in sec.text(), "the overdue request is not listed for the officer"
    assert "เกิน %d วันทำการ" % overdue_by in h.norm(sec.text())
    q = teacher.get("/queue")
    mine = q.html().by_id("mine")
    assert mine is not None and number in mine.text(), "the requester's own list lacks it"
    sec = q.html().by_id("overdue")
    assert sec is None or number not in sec.text(), "listed as overdue work for the requester"

    # Done: no longer open, no longer listed, and no more events.
    h.sql("UPDATE request SET status = 'done' WHERE number = '%s'" % number)
    sla_check()
    assert number not in (officer.get("/queue").html().by_id("overdue") or h.Element("x", {})).text()
    assert len(events(number, "overdue")) == 1


def admin_page(b, year=None):
    r = b.get("/admin/holidays" + ("?year=%d" % year if year else ""))
    assert r.status == 200, r
    return r


def post_holiday(b, fields):
    b.get("/admin/holidays")
    return b.post("/admin/holidays", dict(fields, csrf=b.hidden("csrf", form_action="/admin/holidays")))


def test_the_holiday_calendar_is_for_administrators_only():
    officer = h.Browser()
    officer.login("tl.officer")
    assert officer.get("/admin/holidays").status == 403
    officer.get("/queue")
    csrf = officer.hidden("csrf")
    r = officer.post("/admin/holidays", {"csrf": csrf or "", "action": "add", "date": "2026-11-24",
                                         "name_th": "วันหยุด", "name_en": "A holiday"})
    assert r.status == 403, r
    assert h.sql("SELECT COUNT(*) FROM holiday WHERE day = '2026-11-24'") == [["0"]]
    anonymous = h.get("/admin/holidays")
    assert anonymous.status == 303 and anonymous.header("Location").startswith("/login"), anonymous


def test_an_administrator_lists_adds_and_deletes_holidays_and_due_dates_follow():
    admin, teacher = h.Browser(), h.Browser()
    admin.login("tl.admin")
    teacher.login("tl.teacher")

    page = admin_page(admin, 2569)
    rows = page.html().find_all("tr", cls="holiday")
    seeded = int(h.sql("SELECT COUNT(*) FROM holiday WHERE YEAR(day) = 2026")[0][0])
    assert len(rows) == seeded == 22, (len(rows), seeded)
    text = h.norm(page.html().text())
    assert "13 เมษายน 2569" in text and "วันสงกรานต์" in text and "Songkran Festival" in text
    assert "7 ธันวาคม 2569" in text, "the substitution day for Father's Day is not listed"
    # Recurring holidays show on their date in a later year; lunar ones do not.
    text = h.norm(admin_page(admin, 2570).html().text())
    assert "13 เมษายน 2570" in text and "3 มีนาคม 2570" not in text

    # Refused input, field by field, in Thai and in English; nothing stored.
    before = h.sql("SELECT COUNT(*) FROM holiday")
    r = post_holiday(admin, {"action": "add", "date": "2026-02-30", "name_th": " ", "name_en": "x" * 201})
    assert r.status == 422, r
    doc = r.html()
    invalid = {e.get("name") for e in doc.find_all("input") if e.get("aria-invalid") == "true"}
    assert invalid == {"date", "name_th", "name_en"}, invalid
    assert "กรุณาระบุวันที่ให้ถูกต้อง" in r.text and "กรุณาระบุชื่อวันหยุดภาษาไทย" in r.text
    admin.lang = "en"
    admin.cookies.pop("lang", None)
    r = post_holiday(admin, {"action": "add", "date": "2026-04-13", "name_th": "ซ้ำ", "name_en": "Again"})
    assert r.status == 422 and "That date is already a holiday." in r.text, r
    admin.lang = "th"
    assert h.sql("SELECT COUNT(*) FROM holiday") == before

    # A new holiday on a working day inside the limit of a request filed now.
    hol = holidays()
    start = receipt(thai_now(), hol)
    day = add(start, 2, hol)
    base = file(teacher, "ict-repair", REPAIR)
    due_before = clock(base)[0]
    assert due_before == add(start, 5, hol)
    try:
        r = post_holiday(admin, {"action": "add", "date": day.isoformat(),
                                 "name_th": "วันหยุดพิเศษ (ทดสอบ)", "name_en": "Special day (test)"})
        assert r.status == 303, r
        assert r.header("Location") == "/admin/holidays?year=%d&done=added" % (day.year + 543)
        assert h.sql("SELECT name_en, recurring FROM holiday WHERE day = '%s'" % day) == [
            ["Special day (test)", "0"]]
        listed = admin.get(r.header("Location"))
        assert "วันหยุดพิเศษ (ทดสอบ)" in listed.text and "เพิ่มวันหยุดแล้ว" in listed.text

        moved = file(teacher, "ict-repair", REPAIR)
        due_after = clock(moved)[0]
        assert due_after == add(start, 5, holidays()) == add(due_before, 1, hol), (due_before, due_after)
        assert clock(base)[0] == due_before, "a filed request's due date changed"

        hid = h.sql("SELECT id FROM holiday WHERE day = '%s'" % day)[0][0]
        admin.get("/admin/holidays?year=%d" % (day.year + 543))
        csrf = admin.hidden("csrf", form_action="/admin/holidays")
        r = admin.post("/admin/holidays", {"csrf": csrf, "action": "delete", "id": hid,
                                           "year": str(day.year + 543)})
        assert r.status == 303 and r.header("Location").endswith("done=deleted"), r
        assert h.sql("SELECT COUNT(*) FROM holiday WHERE day = '%s'" % day) == [["0"]]
        again = file(teacher, "ict-repair", REPAIR)
        assert clock(again)[0] == due_before
        r = admin.post("/admin/holidays", {"csrf": csrf, "action": "delete", "id": hid,
                                           "year": str(day.year + 543)})
        assert r.status == 404, r
    finally:
        h.sql("DELETE FROM holiday WHERE day = '%s' AND name_en = 'Special day (test)'" % day)
