"""Assignment: the ict-head gives a request to one officer (or an officer takes it), the
queue shows it to that officer first and hides it from the others, only the assignee acts,
and the next step is nobody's again. Substitutes: within their dates they approve on behalf
of the absent approver, and not outside them."""
import datetime
import re

import harness as h

ORDER = 66

FORM = {"item_type": "equipment", "item_description": "โปรเจกเตอร์ 1 เครื่อง", "quantity": "1",
        "purpose": "ใช้ในการอบรมครู", "borrow_date": "2030-01-10", "return_date": "2030-01-12",
        "borrower_unit": "โรงเรียนทดสอบ", "contact_phone": "077-205317"}


def setup_module():
    h.ensure_unit("as-school", "school")
    h.ensure_unit("as-ict", "group")
    h.ensure_person("as.teacher", "as-school", roles=["requester"])
    h.ensure_person("as.head", "as-ict", roles=["ict-head"])
    h.ensure_person("as.off1", "as-ict", roles=["ict-officer"])
    h.ensure_person("as.off2", "as-ict", roles=["ict-officer"])
    h.ensure_person("as.sub", "as-ict", roles=["procurement"])
    h.ensure_person("as.admin", "as-ict", roles=["administrator"])


def browser(who):
    b = h.Browser()
    b.login(who)
    return b


def pid(username):
    return h.sql("SELECT id FROM person WHERE username = '%s'" % username)[0][0]


def file_loan(teacher):
    teacher.get("/processes/equipment-loan/request")
    csrf = teacher.hidden("csrf", form_action="/processes/equipment-loan/request")
    sub = teacher.hidden("submission", form_action="/processes/equipment-loan/request")
    r = teacher.post("/processes/equipment-loan/request", dict(FORM, csrf=csrf, submission=sub))
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


def act(b, number, action, arg=None, note=None, expect=303):
    page = b.get("/requests/" + number)
    assert page.status == 200, page
    fields = {"csrf": b.hidden("csrf", form_action="/requests/" + number) or "",
              "version": b.hidden("version", form_action="/requests/" + number) or "1",
              "action": action}
    if arg is not None:
        fields["arg"] = arg
    if note is not None:
        fields["note"] = note
    r = b.post("/requests/" + number, fields)
    assert r.status == expect, "%s %s: %d, expected %d" % (action, arg, r.status, expect)
    return r


def state(number):
    return tuple(h.sql("SELECT status, step_id, COALESCE(assignee_id, 0) FROM request"
                       " WHERE number = '%s'" % number)[0])


def section_numbers(b, section):
    """The request numbers listed in a section of the queue, every page of it."""
    found, page = [], 1
    while page <= 400:
        doc = b.get("/queue?page=%d" % page).html()
        sec = doc.find("section", id=section)
        assert sec is not None, "the queue has no %s section" % section
        found += [m.group(1) for a in sec.find_all("a")
                  for m in [re.search(r"/requests/([a-z0-9-]+)$", a.get("href") or "")] if m]
        if section != "tasks" or sec.find("a", rel="next") is None:
            return found
        page += 1
    return found


def assign_options(b, number):
    doc = b.get("/requests/" + number).html()
    sel = doc.find("select", id="assign-arg")
    return [] if sel is None else [o.get("value") for o in sel.find_all("option")]


def test_the_head_assigns_only_the_assignee_acts_and_a_move_clears_it():
    teacher, head = browser("as.teacher"), browser("as.head")
    off1, off2 = browser("as.off1"), browser("as.off2")
    number = file_loan(teacher)
    assert state(number) == ("open", "check", "0")
    for b in (off1, off2):
        assert number in section_numbers(b, "tasks"), "not in the unassigned section"
        assert number not in section_numbers(b, "assigned")

    # The head may assign to any officer; the requester may not assign at all.
    opts = assign_options(head, number)
    assert pid("as.off1") in opts and pid("as.off2") in opts, opts
    assert pid("as.teacher") not in opts and pid("as.head") not in opts, opts
    act(teacher, number, "assign", arg=pid("as.off1"), expect=403)
    act(head, number, "assign", arg=pid("as.teacher"), expect=403)     # holds no officer role
    act(head, number, "assign", arg=pid("as.off1"), note="ด่วน")
    assert state(number) == ("open", "check", pid("as.off1"))
    ev = h.sql("SELECT e.action, p.username, a.username FROM request_event e"
               " JOIN request r ON r.id = e.request_id JOIN person p ON p.id = e.person_id"
               " JOIN person a ON a.id = e.assignee_id WHERE r.number = '%s'" % number)
    assert ev == [["assigned", "as.head", "as.off1"]], ev
    page = off2.get("/requests/" + number)
    assert "มอบหมายให้ ผู้ใช้ as.off1" in h.norm(page.html().text()), "the page does not say who"

    # The assignee sees it first; the other officer no longer sees it.
    assert number in section_numbers(off1, "assigned")
    assert number not in section_numbers(off1, "tasks")
    assert number not in section_numbers(off2, "tasks") + section_numbers(off2, "assigned")
    # Only the assignee acts; the other officer cannot take it over.
    assert off2.get("/requests/" + number).html().find("button", value="approval") is None
    act(off2, number, "branch", arg="approval", expect=403)
    act(off2, number, "assign", arg=pid("as.off2"), expect=403)
    assert assign_options(off2, number) == []
    act(off1, number, "branch", arg="approval")
    assert state(number) == ("open", "approval", "0"), "the move did not clear the assignee"
    act(head, number, "approve")
    assert state(number) == ("open", "handover", "0")

    # An officer takes it: only themselves.
    assert assign_options(off2, number) == [pid("as.off2")]
    act(off2, number, "assign", arg=pid("as.off1"), expect=403)
    act(off2, number, "assign", arg=pid("as.off2"))
    assert state(number) == ("open", "handover", pid("as.off2"))
    assert number in section_numbers(off2, "assigned")
    assert number not in section_numbers(off1, "tasks")
    act(off1, number, "complete", expect=403)
    act(off2, number, "complete")
    assert state(number) == ("open", "return", "0")
    assert number in section_numbers(off1, "tasks"), "a new step is not everyone's again"


def test_the_unassigned_queue_reads_one_index_range():
    # The shape of one part of the group queue (STMT_QUEUE_ROLES): role, unit, unassigned.
    plan = h.sql("EXPLAIN SELECT number FROM request WHERE status = 'open'"
                 " AND actor_role = 'ict-officer' AND actor_unit = '' AND assignee_id IS NULL"
                 " ORDER BY updated_at LIMIT 26")
    text = " ".join(" ".join(row) for row in plan)
    assert "request_group_queue" in text and "filesort" not in text.lower(), text
    plan = h.sql("EXPLAIN SELECT number FROM request WHERE assignee_id = 1 AND status = 'open'"
                 " ORDER BY updated_at LIMIT 100")
    text = " ".join(" ".join(row) for row in plan)
    assert "request_assignee" in text and "filesort" not in text.lower(), text


def thai_today():
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()


def add_substitute(admin, person, sub, start, end, reason):
    admin.get("/admin/people")
    csrf = admin.hidden("csrf", form_action="/admin/people")
    r = admin.post("/admin/people", {"csrf": csrf, "action": "sub-add", "person": person,
                                     "substitute": sub, "from": start.isoformat(),
                                     "to": end.isoformat(), "reason": reason})
    assert r.status == 303, r
    return h.sql("SELECT MAX(id) FROM substitute")[0][0]


def test_a_substitute_approves_on_behalf_within_the_dates_only():
    teacher, off1, sub = browser("as.teacher"), browser("as.off1"), browser("as.sub")
    admin = browser("as.admin")
    h.sql("DELETE FROM substitute WHERE substitute_id = %s" % pid("as.sub"))
    number = file_loan(teacher)
    act(off1, number, "branch", arg="approval")
    assert state(number)[1] == "approval"
    act(sub, number, "approve", expect=403)

    today = thai_today()
    day = datetime.timedelta(days=1)
    # Ended yesterday, and starting tomorrow: neither counts today.
    add_substitute(admin, "as.head", "as.sub", today - 10 * day, today - day, "ลาพักผ่อน")
    add_substitute(admin, "as.head", "as.sub", today + day, today + 5 * day, "ไปราชการ")
    page = sub.get("/requests/" + number)
    assert page.html().find("form", action="/requests/" + number) is None or \
        "approve" not in [i.get("value") for i in page.html().find_all("input", name="action")]
    act(sub, number, "approve", expect=403)
    assert state(number)[1] == "approval"

    # Dates refused by the admin page: the end before the start.
    admin.get("/admin/people")
    csrf = admin.hidden("csrf", form_action="/admin/people")
    r = admin.post("/admin/people", {"csrf": csrf, "action": "sub-add", "person": "as.head",
                                     "substitute": "as.sub", "from": today.isoformat(),
                                     "to": (today - day).isoformat(), "reason": "x"})
    assert r.status == 422 and "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น" in r.text, r

    sid = add_substitute(admin, "as.head", "as.sub", today, today, "ลาป่วย")
    listed = admin.get("/admin/people").html().find("ul", cls="substitutes")
    assert listed is not None and "ลาป่วย" in listed.text()
    page = sub.get("/requests/" + number)
    assert "ท่านปฏิบัติหน้าที่แทน ผู้ใช้ as.head" in h.norm(page.html().text()), "no on-behalf note"
    act(sub, number, "approve", note="อนุมัติแทน")
    assert state(number)[1] == "handover"
    ev = h.sql("SELECT p.username, b.username FROM request_event e JOIN request r ON r.id = e.request_id"
               " JOIN person p ON p.id = e.person_id JOIN person b ON b.id = e.on_behalf_id"
               " WHERE r.number = '%s' AND e.action = 'approved'" % number)
    assert ev == [["as.sub", "as.head"]], ev
    page = teacher.get("/requests/" + number)
    assert "ปฏิบัติหน้าที่แทน ผู้ใช้ as.head" in h.norm(page.html().text()), "the trail does not say"

    # Removed: no longer a substitute, even today.
    admin.get("/admin/people")
    csrf = admin.hidden("csrf", form_action="/admin/people")
    assert admin.post("/admin/people", {"csrf": csrf, "action": "sub-remove", "id": sid}).status == 303
    n2 = file_loan(teacher)
    act(off1, n2, "branch", arg="approval")
    act(sub, n2, "approve", expect=403)
