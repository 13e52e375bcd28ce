"""Queues scoped to the unit: a data-service request waits for the data owner of the system
it names, so it is in that data owner's queue and overdue list only, and only that data
owner may approve it; a request waiting for its requester (the survey) is that requester's
own, in nobody else's tasks."""
import re

import harness as h
import test_request_data_service as ds
import test_request_repair as repair

ORDER = 68


def setup_module():
    # Two data-owner units, named as the data-service form names their systems.
    h.ensure_unit("hr", "data-owner")
    h.ensure_unit("exam", "data-owner")
    h.ensure_unit("qs-faculty", "faculty")
    h.ensure_unit("qs-ict", "group")
    h.ensure_person("qs.lecturer", "qs-faculty", roles=["requester"])
    h.ensure_person("qs.lecturer2", "qs-faculty", roles=["requester"])
    h.ensure_person("qs.hr", "hr", roles=[("data-owner", "hr")])
    h.ensure_person("qs.exam", "exam", roles=[("data-owner", "exam")])
    # Staff who also file requests: their tasks must not gain other requesters' steps.
    h.ensure_person("qs.officer", "qs-ict", roles=["ict-officer", "requester"])
    h.ensure_person("qs.records", "qs-ict", roles=["records-office", "requester"])


FORM = dict(ds.FORM, system="hr", ict_is_owner="no", memo_number="ศธ 0539.9/77")


def browser(user):
    b = h.Browser()
    b.login(user)
    return b


def section(b, sid):
    page = b.get("/queue")
    assert page.status == 200, page
    sec = page.html().by_id(sid)
    return sec.text() if sec is not None else ""


def actor(number):
    return tuple(h.sql("SELECT actor_role, actor_unit FROM request WHERE number = '%s'"
                       % number)[0])


def test_only_the_data_owner_of_the_named_unit_sees_and_approves_the_request():
    lecturer, hr, exam, records = (browser(u) for u in ("qs.lecturer", "qs.hr", "qs.exam",
                                                          "qs.records"))
    number = ds.file(lecturer, "data-service", FORM)
    assert ds.state(number) == ("open", "owner_approval"), ds.state(number)
    assert actor(number) == ("data-owner", "hr"), actor(number)

    assert number in section(hr, "tasks"), "not in the queue of the data owner of hr"
    assert number not in section(exam, "tasks"), "in the queue of the data owner of exam"
    assert number not in section(records, "tasks")
    assert number not in section(lecturer, "tasks")

    # A second one, past due: in hr's overdue list only.
    late = ds.file(lecturer, "data-service", FORM)
    h.sql("UPDATE request SET due_at = CURDATE() - INTERVAL 20 DAY WHERE number = '%s'" % late)
    assert late in section(hr, "overdue"), "not in the overdue list of the data owner of hr"
    assert late not in section(exam, "overdue"), "in the overdue list of the data owner of exam"

    # The engine agrees with the queue: exam may not approve, hr may.
    ds.act(exam, number, "approve", expect=403)
    assert ds.state(number) == ("open", "owner_approval")
    ds.act(hr, number, "approve", note="เห็นชอบ")
    assert ds.state(number) == ("open", "register"), ds.state(number)
    assert actor(number) == ("records-office", ""), actor(number)
    assert number not in section(hr, "tasks"), "still in hr's queue after the approval"
    assert number in section(records, "tasks") or _beyond_first_page(records, number), \
        "not in the records office's queue"


def _beyond_first_page(b, number):
    """The queue is oldest first, 25 a page: a busy test database may list it later."""
    for page in range(2, 40):
        r = b.get("/queue?page=%d" % page)
        sec = r.html().by_id("tasks")
        if sec is None:
            return False
        if number in sec.text():
            return True
        if not re.search(r"page=%d" % (page + 1), r.text):
            return False
    return False


def test_a_request_at_its_requesters_step_is_in_nobody_elses_tasks():
    lecturer, lecturer2, officer, records = (browser(u) for u in (
        "qs.lecturer", "qs.lecturer2", "qs.officer", "qs.records"))
    r, _ = repair.file_request(lecturer, repair.GOOD)
    assert r.status == 303, r
    number = r.header("Location").split("?")[0].rsplit("/", 1)[1]
    repair.act(officer, number, "complete", note="รับเรื่อง")
    repair.act(officer, number, "branch", arg="vendor")
    repair.act(officer, number, "complete", note="ร้านซ่อมแล้ว")
    repair.act(officer, number, "branch", arg="handover")
    repair.act(officer, number, "complete", note="ส่งมอบแล้ว")
    assert repair.state(number)[:2] == ("open", "survey"), repair.state(number)
    assert actor(number) == ("requester", ""), actor(number)
    h.sql("UPDATE request SET due_at = CURDATE() - INTERVAL 20 DAY WHERE number = '%s'" % number)

    # Its requester has it in their own list; nobody has it as a task or as overdue work,
    # neither another requester nor staff who also file requests.
    assert number in section(lecturer, "mine"), "not in the requester's own list"
    for b in (lecturer, lecturer2, officer, records):
        assert number not in section(b, "tasks"), "a requester's step in someone's tasks"
        assert number not in section(b, "overdue"), "a requester's step in an overdue list"
    assert number not in section(lecturer2, "mine")
    assert lecturer2.get("/requests/" + number).status == 404
    repair.act(officer, number, "rate", arg="5", expect=403)
    repair.act(lecturer, number, "rate", arg="5")
    assert repair.state(number)[0] == "done"
    assert actor(number) == ("", ""), actor(number)
