"""Memo registers and the yearly service log (manual 003 §5.4).

A data-service request: the records office registers the requester's incoming memo, the
officer's unit reserves an outgoing number when the service is logged; replies from the
records office take /1, /2, ... of its own register, concurrent reservations never share a
number, an incoming number is registered once. Then the log page and its CSV export, and
who may read them."""
import csv
import datetime
import io
import re
import threading
import time

import harness as h

ORDER = 67
RUN = "%x" % (int(time.time() * 1000) % 0xfffffff)      # fresh units: registers start at 1
U_REC, U_ICT, U_FAC = "mr-rec-" + RUN, "mr-ict-" + RUN, "mr-fac-" + RUN
REC_FORMAT, ICT_FORMAT = "ศธ 04299/{n}", "ศธ 04299.2/{n}"
INCOMING = "ศธ 0539.1/123"
HYPERLINK = '=HYPERLINK("http://x")'


def fiscal_year(now=None):
    """The Buddhist-era fiscal year now, in Thailand (UTC+7)."""
    t = (now or datetime.datetime.now(datetime.timezone.utc)) + datetime.timedelta(hours=7)
    return t.year + (1 if t.month >= 10 else 0) + 543


def setup_module():
    h.ensure_unit(U_FAC, "faculty")
    h.ensure_unit(U_REC, "group")
    h.ensure_unit(U_ICT, "group")
    h.ensure_person("mr.lect." + RUN, U_FAC, roles=["requester"])
    h.ensure_person("mr.rec." + RUN, U_REC, roles=["records-office"])
    h.ensure_person("mr.dir." + RUN, U_REC, roles=["director"])
    h.ensure_person("mr.head." + RUN, U_ICT, roles=["department-head"])
    h.ensure_person("mr.off." + RUN, U_ICT, roles=["ict-officer"])
    for unit, fmt in ((U_REC, REC_FORMAT), (U_ICT, ICT_FORMAT)):
        r = h.admin("set-memo-format", unit, fmt)
        assert r.returncode == 0, r.stderr


FORM = {"system": "other", "system_other": HYPERLINK, "service_type": "processing",
        "purpose": "วิเคราะห์อัตราการสำเร็จการศึกษาของนักศึกษาคณะครุศาสตร์",
        "data_wanted": "รหัสนักศึกษา ปีที่เข้า ปีที่จบ (ไม่ระบุชื่อ)", "delivery_channel": "email",
        "ict_is_owner": "yes", "memo_number": INCOMING}


def browser(name):
    b = h.Browser()
    b.login(name + "." + RUN)
    return b


def file(b, fields=FORM):
    action = "/processes/data-service/request"
    b.get(action)
    data = dict(fields, csrf=b.hidden("csrf", form_action=action),
                submission=b.hidden("submission", form_action=action))
    r = b.post(action, data)
    assert r.status == 303, "filing: %d" % r.status
    return re.match(r"^/requests/([a-z0-9-]+)", r.header("Location")).group(1)


def prepared(b, number, action, arg=None, note=None, memo=None):
    """The fields of an action form as the page gives them."""
    path = "/requests/" + number
    b.get(path)
    f = {"csrf": b.hidden("csrf", form_action=path), "version": b.hidden("version", form_action=path),
         "action": action}
    for k, v in (("arg", arg), ("note", note), ("memo_number", memo)):
        if v is not None:
            f[k] = v
    return f


def act(b, number, action, arg=None, note=None, memo=None, expect=303):
    r = b.post("/requests/" + number, prepared(b, number, action, arg, note, memo))
    assert r.status == expect, "%s on %s: %d, expected %d" % (action, number, r.status, expect)
    return r


def step(number):
    return tuple(h.sql("SELECT status, step_id FROM request WHERE number = '%s'" % number)[0])


def memos(number):
    return h.sql("SELECT m.direction, m.number, m.fiscal_year, COALESCE(m.seq, '-'), u.code"
                 " FROM memo m JOIN request r ON r.id = m.request_id JOIN unit u ON u.id = m.unit_id"
                 " WHERE r.number = '%s' ORDER BY m.id" % number)


def outgoing(unit_format, n):
    return unit_format.replace("{n}", str(n))


def to_reply(lect, rec, director, memo_in):
    """A request the director rejected: waiting at the records office's reply memo."""
    number = file(lect)
    act(rec, number, "complete", memo=memo_in)
    act(director, number, "reject", note="ไม่อยู่ในขอบเขตการให้บริการ")
    assert step(number) == ("open", "reply_memo"), step(number)
    return number


STATE = {}


def test_set_memo_format_is_validated():
    for bad in ("ศธ 04299", "{n}/{n}", "", "x" * 99 + "{n}", "ศธ\t{n}"):
        r = h.admin("set-memo-format", U_REC, bad)
        assert r.returncode == 2, (bad, r.returncode, r.stdout)
        assert "{n}" in r.stderr, r.stderr
    r = h.admin("set-memo-format", "no-such-unit-" + RUN, "ศธ 1/{n}")
    assert r.returncode == 2 and "no such unit" in r.stderr, r.stderr
    assert h.sql("SELECT memo_format FROM unit WHERE code = '%s'" % U_REC) == [[REC_FORMAT]]


def test_incoming_memo_is_registered_and_outgoing_reserved():
    lect, rec, director, head, off = (browser(n) for n in ("mr.lect", "mr.rec", "mr.dir", "mr.head", "mr.off"))
    number = file(lect)
    assert step(number) == ("open", "register"), step(number)
    page = rec.get("/requests/" + number).html()
    field = page.find("input", name="memo_number")
    assert field is not None, "the records office's form has no memo number field"
    assert field.get("value") == INCOMING, field      # the number the requester gave
    assert field.get("maxlength") == "60" and "required" in field.attrs
    # No number, or only spaces: refused with the reason, nothing recorded.
    r = act(rec, number, "complete", memo="   ", expect=422)
    assert "เลขที่บันทึกข้อความที่รับ" in r.text, r.text[:300]
    r = act(rec, number, "complete", memo="ก" * 61, expect=422)
    assert memos(number) == [] and step(number) == ("open", "register")
    act(rec, number, "complete", memo=INCOMING, note="ลงทะเบียนรับแล้ว")
    assert step(number) == ("open", "director_approval"), step(number)
    fy = fiscal_year()
    assert memos(number) == [["incoming", INCOMING, str(fy), "-", U_REC]], memos(number)

    act(director, number, "approve")
    act(head, number, "complete")
    off.get("/requests/" + number)
    act(off, number, "branch", arg="deliver")
    act(off, number, "complete", note="ส่งไฟล์ทางอีเมลแล้ว")
    act(lect, number, "complete")
    act(lect, number, "rate", arg="5")
    assert step(number) == ("open", "log"), step(number)
    page = off.get("/requests/" + number)
    assert page.html().find("p", cls="memo-reserve") is not None, "the log step does not say a number is reserved"
    act(off, number, "complete", note="บันทึกทะเบียนการให้บริการ")
    assert step(number) == ("done", "done"), step(number)
    want_out = outgoing(ICT_FORMAT, 1)
    assert memos(number)[1] == ["outgoing", want_out, str(fy), "1", U_ICT], memos(number)

    # The request page lists both, with Buddhist-era dates; the trail has both events.
    doc = lect.get("/requests/" + number).html()
    items = doc.find_all("li", cls="memo")
    texts = [h.norm(li.text()) for li in items]
    assert len(items) == 2, texts
    assert "memo-incoming" in items[0].classes and INCOMING in texts[0], texts
    assert "memo-outgoing" in items[1].classes and want_out in texts[1], texts
    assert str(fy) in texts[0] and (" %d" % (datetime.date.today().year + 543)) in texts[0], texts
    trail = [li for li in doc.find_all("li", cls="ev")]
    assert any("ev-memo-in" in li.classes and INCOMING in li.text() for li in trail)
    assert any("ev-memo-out" in li.classes and want_out in li.text() for li in trail)
    STATE["full"] = number


def test_replies_number_one_two_and_incoming_twice_is_refused():
    lect, rec, director = (browser(n) for n in ("mr.lect", "mr.rec", "mr.dir"))
    # The same incoming number in the same unit and fiscal year: 422, said clearly.
    number = file(lect)
    r = act(rec, number, "complete", memo=INCOMING, expect=422)
    assert "ลงทะเบียนรับในปีงบประมาณนี้แล้ว" in r.text, r.text[:300]
    assert memos(number) == [] and step(number) == ("open", "register")
    # In English too.
    rec.lang = "en"
    r = act(rec, number, "complete", memo=" " + INCOMING + " ", expect=422)
    assert "already in this fiscal year's incoming register" in r.text
    rec.lang = "th"
    act(rec, number, "complete", memo="ศธ 0539.1/124")
    act(director, number, "reject", note="ไม่อยู่ในขอบเขตการให้บริการ")
    act(rec, number, "complete", note="ออกหนังสือตอบ")
    assert step(number) == ("rejected", "rejected")
    assert memos(number)[1][:2] == ["outgoing", outgoing(REC_FORMAT, 1)], memos(number)
    second = to_reply(lect, rec, director, "ศธ 0539.1/125")
    act(rec, second, "complete")
    assert memos(second)[1][:2] == ["outgoing", outgoing(REC_FORMAT, 2)], memos(second)


def test_concurrent_reservations_never_share_a_number():
    lect, director = browser("mr.lect"), browser("mr.dir")
    recs = [browser("mr.rec") for _ in range(4)]
    numbers = [to_reply(lect, recs[0], director, "ศธ 0539.1/2%02d" % i) for i in range(4)]
    forms = [prepared(b, n, "complete") for b, n in zip(recs, numbers)]
    barrier = threading.Barrier(len(numbers))
    results = [None] * len(numbers)

    def go(i):
        barrier.wait()
        results[i] = recs[i].post("/requests/" + numbers[i], forms[i]).status

    threads = [threading.Thread(target=go, args=(i,)) for i in range(len(numbers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [303] * len(numbers), results
    got = sorted(memos(n)[1][1] for n in numbers)
    want = sorted(outgoing(REC_FORMAT, k) for k in range(3, 3 + len(numbers)))
    assert got == want, (got, want)
    fy = fiscal_year()
    assert h.sql("SELECT c.last FROM memo_counter c JOIN unit u ON u.id = c.unit_id"
                 " WHERE u.code = '%s' AND c.fiscal_year = %d" % (U_REC, fy)) == [[str(2 + len(numbers))]]


def log_row(b, number, query):
    """The <tr> of request number in the log pages of query (walking the pages), or None."""
    for page in range(1, 40):
        r = b.get("/log?%s&page=%d" % (query, page))
        assert r.status == 200, (query, r.status)
        doc = r.html()
        for tr in doc.find_all("tr", cls="log-row"):
            a = tr.find("a")
            if a is not None and a.text() == number:
                return tr, doc
        if doc.find("a", rel="next") is None:
            return None, doc
    return None, None


def test_log_lists_memos_and_score_and_filters():
    number = STATE.get("full")
    assert number, "the full scenario did not run"
    rec = browser("mr.rec")
    fy = fiscal_year()
    tr, doc = log_row(rec, number, "year=%d&process=data-service" % fy)
    assert tr is not None, "the request is not in the log of %d" % fy
    cells = {td.get("class"): h.norm(td.text()) for td in tr.find_all("td")}
    assert cells["log-in"] == INCOMING, cells
    assert cells["log-out"] == outgoing(ICT_FORMAT, 1), cells
    assert cells["log-score"] == "5", cells
    assert cells["log-service"] == "บริการประมวลผลข้อมูล", cells
    assert cells["log-system"] == HYPERLINK, cells
    assert cells["log-within"] == "ภายในเวลา", cells
    assert str(datetime.date.today().year + 543) in cells["log-filed"], cells
    assert "ทั้งหมด" in h.norm(doc.find("p", cls="log-total").text())
    # Default: the current fiscal year.
    assert log_row(rec, number, "process=data-service")[0] is not None
    # Another year, another process: not there.
    assert log_row(rec, number, "year=%d&process=data-service" % (fy - 1))[0] is None
    assert log_row(rec, number, "year=%d&process=ict-repair" % fy)[0] is None
    assert log_row(rec, number, "year=%d&status=open" % fy)[0] is None
    assert log_row(rec, number, "year=%d&status=done" % fy)[0] is not None
    # Filters that are none: 400.
    for q in ("year=abc", "year=1999", "process=no-such-process", "status=lost", "page=0"):
        assert rec.get("/log?" + q).status == 400, q


def test_csv_export_for_excel():
    number = STATE.get("full")
    assert number, "the full scenario did not run"
    rec = browser("mr.rec")
    fy = fiscal_year()
    r = rec.get("/log.csv?year=%d" % fy)
    assert r.status == 200, r.status
    assert r.header("Content-Type") == "text/csv; charset=utf-8", r.header("Content-Type")
    assert r.header("Content-Disposition") == 'attachment; filename="service-log-%d.csv"' % fy
    body = r.body
    assert body.startswith(b"\xef\xbb\xbf"), body[:10]
    assert body.count(b"\n") == body.count(b"\r\n") > 1, "line ends are not all CRLF"
    text = body[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][0] == "เลขที่คำขอ (Request number)", rows[0]
    assert "เลขบันทึกข้อความเข้า (Incoming memo)" in rows[0] and "คะแนนความพึงพอใจ (Satisfaction)" in rows[0]
    mine = [row for row in rows if row and row[0] == number]
    assert len(mine) == 1, "the request is not in the CSV once"
    row = dict(zip(rows[0], mine[0]))
    assert row["ระบบ (System)"] == "'" + HYPERLINK, row       # neutralised, shown as text
    assert '"\'=HYPERLINK(""http://x"")"' in text                 # and quoted per RFC 4180
    assert row["เลขบันทึกข้อความเข้า (Incoming memo)"] == INCOMING
    assert row["เลขบันทึกข้อความออก (Outgoing memo)"] == outgoing(ICT_FORMAT, 1)
    assert row["คะแนนความพึงพอใจ (Satisfaction)"] == "5"
    assert row["วันที่ยื่น (Filed)"].endswith("/%d" % (datetime.date.today().year + 543)), row
    # A process filter names the file and keeps only that process.
    r = rec.get("/log.csv?year=%d&process=ict-repair" % fy)
    assert r.header("Content-Disposition") == 'attachment; filename="service-log-%d-ict-repair.csv"' % fy
    assert number.encode() not in r.body


def test_non_staff_may_not_read_the_log():
    lect = browser("mr.lect")
    assert lect.get("/log").status == 403
    assert lect.get("/log.csv").status == 403
    r = h.get("/log.csv")
    assert r.status == 303 and r.header("Location").startswith("/login"), r
