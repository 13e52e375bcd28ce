"""Committees: at an approval step with <approvers mode="all"> every member (the holders of
the committee role in the unit the form names) must approve; each approval is recorded,
the request moves on at the last one, one rejection rejects at once, nobody approves twice.

The process is a test fixture (fixtures/committee-test.xml), loaded beside processes/ for
this file and unloaded by its last test."""
import os
import shutil
import tempfile

import harness as h

ORDER = 69
FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "committee-test.xml")


def load_catalogue(extra):
    """Loads processes/*.xml (and extra files), then lets new workers read it (SIGHUP)."""
    d = tempfile.mkdtemp(prefix="bk-committee-")
    try:
        src = os.path.join(h.ROOT, "processes")
        for n in os.listdir(src):
            if n.endswith(".xml") or n == "process.rng":
                shutil.copy(os.path.join(src, n), d)
        for f in extra:
            shutil.copy(f, d)
        r = h.admin("load-processes", d)
        assert r.returncode == 0, r.stderr
    finally:
        shutil.rmtree(d)
    old = set(h.workers())
    h.kill(h.master_pid(), h.SIGHUP)
    assert h.wait_until(lambda: len(set(h.workers()) - old) >= h.WORKERS and
                        not (set(h.workers()) & old), 20), "the workers were not replaced"
    h.wait_workers_settled()


def setup_module():
    h.ensure_unit("cm-school", "school")
    h.ensure_unit("cm-board", "other")
    h.ensure_unit("cm-other", "other")
    h.ensure_person("cm.teacher", "cm-school", roles=["requester"])
    for n in (1, 2, 3):
        h.ensure_person("cm.member%d" % n, "cm-board", roles=["committee"])
    h.ensure_person("cm.outsider", "cm-other", roles=["committee"])
    load_catalogue([FIXTURE])
    assert h.get("/processes/committee-test").status == 200, "the fixture was not loaded"


def browser(who):
    b = h.Browser()
    b.login(who)
    return b


def file_request(b, topic="ขออนุมัติแผนงาน"):
    path = "/processes/committee-test/request"
    b.get(path)
    r = b.post(path, {"csrf": b.hidden("csrf", form_action=path),
                      "submission": b.hidden("submission", form_action=path),
                      "topic": topic, "board": "cm-board"})
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


def act(b, number, action, note=None, expect=303):
    page = b.get("/requests/" + number)
    assert page.status == 200, page
    fields = {"csrf": b.hidden("csrf", form_action="/requests/" + number) or "",
              "version": b.hidden("version", form_action="/requests/" + number) or "1",
              "action": action}
    if note is not None:
        fields["note"] = note
    r = b.post("/requests/" + number, fields)
    assert r.status == expect, "%s: %d, expected %d" % (action, r.status, expect)
    return r


def state(number):
    return tuple(h.sql("SELECT status, step_id FROM request WHERE number = '%s'" % number)[0])


def approvals(number):
    return [row[0] for row in h.sql(
        "SELECT p.username FROM request_event e JOIN request r ON r.id = e.request_id"
        " JOIN person p ON p.id = e.person_id WHERE r.number = '%s' AND e.action = 'approved'"
        " ORDER BY e.id" % number)]


def committee_list(b, number):
    """{name: 'approved'|'awaited'} from the request page."""
    doc = b.get("/requests/" + number).html()
    ul = doc.find("ul", cls="committee")
    assert ul is not None, "the page does not list the committee"
    return {h.norm(li.text()).split(":")[0]: ("approved" if "member-approved" in li.classes else "awaited")
            for li in ul.find_all("li")}


def test_every_member_must_approve_and_nobody_twice():
    teacher = browser("cm.teacher")
    m1, m2, m3 = browser("cm.member1"), browser("cm.member2"), browser("cm.member3")
    outsider = browser("cm.outsider")
    number = file_request(teacher)
    assert state(number) == ("open", "vote")
    assert committee_list(teacher, number) == {
        "ผู้ใช้ cm.member1": "awaited", "ผู้ใช้ cm.member2": "awaited", "ผู้ใช้ cm.member3": "awaited"}
    # A committee member of another unit is not on this committee.
    act(outsider, number, "approve", expect=403)

    act(m1, number, "approve", note="เห็นชอบ")
    assert state(number) == ("open", "vote"), "one approval of three moved the request"
    act(m1, number, "approve", expect=403)                      # not twice
    act(m1, number, "reject", note="เปลี่ยนใจ", expect=403)     # nor a change of mind
    page = m1.get("/requests/" + number)
    assert "ท่านอนุมัติแล้ว รอกรรมการท่านอื่น" in h.norm(page.html().text())
    act(m2, number, "approve")
    assert state(number) == ("open", "vote")
    assert committee_list(teacher, number) == {
        "ผู้ใช้ cm.member1": "approved", "ผู้ใช้ cm.member2": "approved", "ผู้ใช้ cm.member3": "awaited"}
    act(m3, number, "approve", note="ครบองค์")
    assert state(number) == ("done", "done"), "the last approval did not move the request"
    assert approvals(number) == ["cm.member1", "cm.member2", "cm.member3"], approvals(number)
    # Each approval is in the trail with its person.
    trail = h.norm(teacher.get("/requests/" + number).html().text())
    for who in ("cm.member1", "cm.member2", "cm.member3"):
        assert "ผู้ใช้ " + who in trail, who


def test_one_rejection_rejects_at_once():
    teacher, m1, m2 = browser("cm.teacher"), browser("cm.member1"), browser("cm.member2")
    number = file_request(teacher, "แผนที่จะถูกปฏิเสธ")
    act(m1, number, "approve")
    act(m2, number, "reject", expect=422)                       # a rejection gives its reason
    act(m2, number, "reject", note="งบประมาณไม่พอ")
    assert state(number) == ("rejected", "refused")
    act(browser("cm.member3"), number, "approve", expect=403)
    assert h.sql("SELECT COUNT(*) FROM approval_vote v JOIN request r ON r.id = v.request_id"
                 " WHERE r.number = '%s'" % number) == [["0"]], "the votes outlived the step"


def test_a_deactivated_member_is_no_longer_awaited():
    teacher, m1, m2 = browser("cm.teacher"), browser("cm.member1"), browser("cm.member2")
    number = file_request(teacher, "กรรมการลาออก")
    act(m1, number, "approve")
    h.sql("UPDATE person SET active = 0 WHERE username = 'cm.member3'")
    try:
        assert "ผู้ใช้ cm.member3" not in committee_list(teacher, number)
        act(m2, number, "approve")
        assert state(number) == ("done", "done")
    finally:
        h.sql("UPDATE person SET active = 1 WHERE username = 'cm.member3'")


def test_zz_the_fixture_is_unloaded_again():
    load_catalogue([])
    assert h.get("/processes/committee-test").status == 404
    assert h.sql("SELECT retired FROM process WHERE code = 'committee-test'") == [["1"]]
