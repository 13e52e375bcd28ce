"""Data service (manual 003): the data owner of the chosen system approves, then the
director rejects; and a second request where both approve and the officer delivers.
Also an e-saraban account request returned for missing details and sent again."""
import re
import time

import harness as h

# Incoming memo numbers are unique per unit and fiscal year: one series per run.
RUN = "%x" % (int(time.time() * 1000) % 0xfffffff)

ORDER = 66


def setup_module():
    h.ensure_unit("ds-faculty", "faculty")
    h.ensure_unit("registrar", "data-owner")
    h.ensure_unit("finance", "data-owner")
    h.ensure_unit("ds-records", "group")
    h.ensure_unit("ds-ict", "group")
    h.ensure_person("ds.lecturer", "ds-faculty", roles=["requester"])
    h.ensure_person("ds.registrar", "registrar", roles=[("data-owner", "registrar")])
    h.ensure_person("ds.finance", "finance", roles=[("data-owner", "finance")])
    h.ensure_person("ds.records", "ds-records", roles=["records-office"])
    h.ensure_person("ds.director", "ds-records", roles=["director"])
    h.ensure_person("ds.head", "ds-ict", roles=["department-head"])
    h.ensure_person("ds.officer", "ds-ict", roles=["ict-officer"])


FORM = {"system": "registrar", "service_type": "extraction",
        "purpose": "วิเคราะห์อัตราการสำเร็จการศึกษาของนักศึกษาคณะครุศาสตร์",
        "data_wanted": "รหัสนักศึกษา ปีที่เข้า ปีที่จบ (ไม่ระบุชื่อ)", "delivery_channel": "email",
        "ict_is_owner": "no", "memo_number": "ศธ 0539.1/123"}


def file(b, code, fields):
    b.get("/processes/%s/request" % code)
    action = "/processes/%s/request" % code
    data = dict(fields, csrf=b.hidden("csrf", form_action=action),
                submission=b.hidden("submission", form_action=action))
    r = b.post(action, data)
    assert r.status == 303, "filing %s: %d" % (code, r.status)
    return re.match(r"^/requests/([a-z0-9-]+)", r.header("Location")).group(1)


def act(b, number, action, arg=None, note=None, expect=303, memo=None):
    b.get("/requests/" + number)
    fields = {"csrf": b.hidden("csrf", form_action="/requests/" + number) or "",
              "version": b.hidden("version", form_action="/requests/" + number) or "1",
              "action": action}
    if arg is not None:
        fields["arg"] = arg
    if note is not None:
        fields["note"] = note
    if memo is not None:
        fields["memo_number"] = memo
    r = b.post("/requests/" + number, fields)
    assert r.status == expect, "%s on %s: %d, expected %d" % (action, number, r.status, expect)


def state(number):
    return tuple(h.sql("SELECT status, step_id FROM request WHERE number = '%s'" % number)[0])


def browsers(*names):
    out = []
    for n in names:
        b = h.Browser()
        b.login(n)
        out.append(b)
    return out


def test_data_owner_approves_and_the_director_rejects():
    lecturer, registrar, finance, records, director = browsers(
        "ds.lecturer", "ds.registrar", "ds.finance", "ds.records", "ds.director")
    number = file(lecturer, "data-service", FORM)
    assert state(number) == ("open", "owner_approval"), state(number)
    # The data owner of another system may not decide; nor the director, before them.
    act(finance, number, "approve", expect=403)
    act(director, number, "approve", expect=403)
    act(registrar, number, "approve", note="เปิดเผยได้เฉพาะข้อมูลไม่ระบุตัวตน")
    assert state(number) == ("open", "register"), state(number)
    act(registrar, number, "approve", expect=403)          # decided: frozen
    act(records, number, "complete", note="รับหนังสือเลขที่ 456", memo="ศธ 456/" + RUN)
    assert state(number) == ("open", "director_approval")
    act(director, number, "reject", expect=422)             # a rejection needs its reason
    act(director, number, "reject", note="ข้อมูลเกินความจำเป็นของวัตถุประสงค์")
    assert state(number) == ("open", "reply_memo"), state(number)
    act(records, number, "complete", note="ออกหนังสือตอบปฏิเสธ")
    assert state(number) == ("rejected", "rejected"), state(number)
    page = lecturer.get("/requests/" + number)
    assert "ข้อมูลเกินความจำเป็นของวัตถุประสงค์" in page.text


def test_both_approve_and_the_officer_delivers():
    lecturer, registrar, records, director, head, officer = browsers(
        "ds.lecturer", "ds.registrar", "ds.records", "ds.director", "ds.head", "ds.officer")
    number = file(lecturer, "data-service", FORM)
    act(registrar, number, "approve")
    act(records, number, "complete", memo="ศธ 457/" + RUN)
    act(director, number, "approve", note="มอบฝ่ายระบบสารสนเทศ")
    assert state(number) == ("open", "assign")
    act(head, number, "complete", note="มอบหมายให้เจ้าหน้าที่")
    assert state(number) == ("open", "prepare")
    act(officer, number, "branch", arg="deliver")
    act(officer, number, "complete", note="ส่งไฟล์ทางอีเมลแล้ว")
    assert state(number) == ("open", "accept")
    act(officer, number, "complete", expect=403)             # the requester accepts
    act(lecturer, number, "complete", note="ได้รับข้อมูลครบถ้วน")
    act(lecturer, number, "rate", arg="4")
    assert state(number) == ("open", "log")
    act(officer, number, "complete", note="บันทึกทะเบียนการให้บริการ")
    assert state(number) == ("done", "done"), state(number)


def test_ict_owned_data_skips_the_data_owner():
    lecturer, = browsers("ds.lecturer")
    number = file(lecturer, "data-service", dict(FORM, system="grading", ict_is_owner="yes"))
    assert state(number) == ("open", "register"), state(number)
    trail = [r[0] for r in h.sql("SELECT e.action FROM request_event e JOIN request r"
                                 " ON r.id = e.request_id WHERE r.number = '%s' ORDER BY e.id" % number)]
    assert trail == ["submitted", "routed"], trail


def test_esaraban_request_returned_for_missing_details_and_sent_again():
    h.ensure_person("es.clerk", "ds-faculty", roles=["requester"])
    clerk, officer = browsers("es.clerk", "ds.officer")
    officer.get("/processes/ict-esaraban-account")
    form = h.Process(h.os.path.join(h.ROOT, "processes", "ict-esaraban-account.xml"))
    fields = {}
    for f in form.request_fields():
        name, kind, options = f
        if kind in ("select", "radio"):
            fields[name] = options[0]
        elif kind == "email":
            fields[name] = "clerk@example.org"
        elif kind == "tel":
            fields[name] = "0812345678"
        elif kind == "date":
            fields[name] = "2026-12-01"
        elif kind == "number":
            fields[name] = "1"
        elif kind in ("text", "textarea"):
            fields[name] = "ข้อมูลทดสอบ ครบถ้วน"
    number = file(clerk, "ict-esaraban-account", fields)
    step = state(number)[1]
    act(officer, number, "return", expect=422)               # say what is missing
    act(officer, number, "return", note="กรุณาแนบคำสั่งแต่งตั้งผู้ใช้งาน")
    assert state(number) == ("returned", step), state(number)
    act(officer, number, "complete", expect=403)             # nothing to do while it is back
    act(clerk, number, "resubmit", note="แนบคำสั่งแล้ว")
    assert state(number) == ("open", step)
    act(officer, number, "complete")
    assert state(number)[1] != step
