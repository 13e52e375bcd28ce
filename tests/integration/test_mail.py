"""Mail: the engine's notifications go through the job queue to a real SMTP server (the
sink of ./dev test), in Thai and English; a mail server that is down, a job runner killed
in the middle of a send, and a mailbox that refuses every time lose no action and send no
mail twice. Staff see dead jobs and queue them again."""
import email.header
import re
import time

import harness as h
import test_request_repair as repair

ORDER = 70


def setup_module():
    h.ensure_unit("ml-school", "school")
    h.ensure_unit("ml-ict", "group")
    h.ensure_person("ml.teacher", "ml-school", roles=["requester"])
    h.ensure_person("ml.unlucky", "ml-school", roles=["requester"])
    h.ensure_person("ml.officer1", "ml-ict", roles=["ict-officer"])
    h.ensure_person("ml.officer2", "ml-ict", roles=["ict-officer"])
    h.ensure_person("ml.admin", "ml-ict", roles=["administrator"])
    h.smtp_control()


def browser(user):
    b = h.Browser()
    b.login(user)
    return b


def file_repair(b):
    r, _ = repair.file_request(b, repair.GOOD)
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


ESARABAN = {"full_name": "นางสาวสมศรี ทดสอบ", "position": "เจ้าหน้าที่ธุรการ",
            "unit": "โรงเรียนทดสอบ", "email": "somsri@example.org", "phone": "0812345678",
            "request_kind": "new_account", "system_role": "clerk", "notes": ""}


def file_esaraban(b):
    action = "/processes/ict-esaraban-account/request"
    b.get(action)
    data = dict(ESARABAN, csrf=b.hidden("csrf", form_action=action),
                submission=b.hidden("submission", form_action=action))
    r = b.post(action, data)
    assert r.status == 303, "filing: %d" % r.status
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


def subject(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def mails_about(number, to=None):
    return [m for m in h.mails() if number in subject(m)
            and (to is None or m.envelope["rcpt"] == [to])]


def wait_mails(number, to, n=1, timeout=20):
    got = h.wait_until(lambda: (lambda ms: ms if len(ms) >= n else None)(mails_about(number, to)),
                       timeout, 0.2)
    assert got, "no mail about %s to %s within %d s; jobs: %s" % (
        number, to, timeout, jobs_of(number))
    return got


def jobs_of(number, to=None):
    """(id, state, attempts, max_attempts, last_error, due in seconds, message_id) per mail."""
    cond = "j.idem_key LIKE 'mail:%s:%%'" % number.replace("'", "")
    if to:
        cond += " AND o.to_addr = '%s'" % to.replace("'", "")
    return [(int(r[0]), r[1], int(r[2]), int(r[3]), r[4], float(r[5]), r[6]) for r in h.sql(
        "SELECT j.id, j.state, j.attempts, j.max_attempts, COALESCE(j.last_error, ''),"
        " TIMESTAMPDIFF(MICROSECOND, NOW(6), j.run_after) / 1e6, o.message_id"
        " FROM job j JOIN outbox o ON o.job_id = j.id WHERE %s ORDER BY j.id" % cond)]


def count_message_id(mid):
    return sum(1 for m in h.mails() if m["Message-ID"] == mid)


def test_filing_a_repair_request_mails_the_ict_officers_a_new_task():
    teacher = browser("ml.teacher")
    number = file_repair(teacher)
    for to in ("ml.officer1@example.org", "ml.officer2@example.org"):
        msg = wait_mails(number, to)[0]
        assert msg["To"].addresses[0].addr_spec == to, msg["To"]
        assert msg["From"].addresses[0].addr_spec == "borikan@office.test", msg["From"]
        subj = subject(msg)
        assert subj.startswith("งานใหม่รอดำเนินการ") and "New task" in subj, subj
        assert msg["Date"] and msg["MIME-Version"] == "1.0"
        text, html = h.mail_parts(msg)
        assert text and html, "not both a text and an HTML part"
        link = "%s/requests/%s" % (h.URL, number)
        assert link in text, "the text part has no link to the request: %r" % text
        assert 'href="%s"' % link in html, "the HTML part has no link to the request"
        assert "มีคำขอรอให้ท่านดำเนินการ" in text and "A request is waiting for you" in text, text
        assert text.index("มีคำขอ") < text.index("A request is waiting"), "Thai must come first"
        assert "การซ่อมบำรุงเครื่องคอมพิวเตอร์" in text and "Computer and peripheral repair" in text
        # the Message-ID is the one fixed when the mail was queued, and the job is done
        jobs = jobs_of(number, to)
        assert len(jobs) == 1 and jobs[0][1] == "done", jobs
        assert msg["Message-ID"] == jobs[0][6], (msg["Message-ID"], jobs)
        sent = h.sql("SELECT sent_at IS NOT NULL FROM outbox WHERE message_id = '%s'" % jobs[0][6])
        assert sent == [["1"]], sent
    # The raw Subject line is RFC 2047: only ASCII on the wire.
    raw = open(h.os.path.join(h.MAIL_DIR, sorted(n for n in h.os.listdir(h.MAIL_DIR)
                                                  if n.endswith(".eml"))[-1]), "rb").read()
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert b"Subject: =?UTF-8?B?" in head and max(head) < 128, head[:300]
    # The requester filed it: they are not told of a task that is not theirs.
    assert not mails_about(number, "ml.teacher@example.org")
    # The officer moving it to the next officers' step sends nobody a new mail.
    officer = browser("ml.officer1")
    before = len(mails_about(number))
    repair.act(officer, number, "complete", note="รับเรื่องแล้ว")
    time.sleep(2)
    assert len(mails_about(number)) == before, "a mail for a step the same people act at"


def test_returning_an_esaraban_request_mails_the_requester_the_reason():
    teacher, officer = browser("ml.teacher"), browser("ml.officer1")
    number = file_esaraban(teacher)
    reason = "กรุณาแนบคำสั่งแต่งตั้งผู้ใช้งาน <b>ฉบับจริง</b>"
    repair.act(officer, number, "return", note=reason)
    msg = wait_mails(number, "ml.teacher@example.org")[0]
    subj = subject(msg)
    assert "ส่งกลับ" in subj and "returned" in subj, subj
    text, html = h.mail_parts(msg)
    assert reason in text, "the reason is not in the mail: %r" % text
    assert "&lt;b&gt;ฉบับจริง&lt;/b&gt;" in html and "<b>ฉบับจริง" not in html, \
        "the reason reached the HTML part unescaped"
    assert "Your request was sent back" in text and "/requests/%s" % number in text


def test_with_the_smtp_server_down_the_action_succeeds_and_the_mail_comes_once_later():
    teacher = browser("ml.teacher")
    to = "ml.officer1@example.org"
    h.smtp_stop()
    try:
        number = file_repair(teacher)
        assert repair.state(number)[:2] == ("open", "check"), "the action did not succeed"

        def retried():
            j = jobs_of(number, to)
            return j if j and j[0][2] >= 2 and j[0][1] == "queued" else None
        jobs = h.wait_until(retried, 20, 0.2)
        assert jobs, "the mail was not retried: %s" % jobs_of(number, to)
        job = jobs[0]
        assert job[2] < job[3], "out of attempts already: %s" % (job,)
        assert "smtp" in job[4], "last_error says nothing of SMTP: %r" % job[4]
        assert job[5] > -0.5, "the next attempt is not scheduled later: %s" % (job,)
        # the attempts keep going up while the server is down, with the state queued
        a = job[2]
        assert h.wait_until(lambda: jobs_of(number, to)[0][2] > a, 10, 0.2), jobs_of(number, to)
        assert jobs_of(number, to)[0][1] in ("queued", "running")
        assert not mails_about(number, to)
    finally:
        h.smtp_start()
    done = h.wait_until(lambda: (lambda j: j if j[0][1] == "done" else None)(jobs_of(number, to)),
                        20, 0.2)
    assert done, "not delivered after the server came back: %s" % jobs_of(number, to)
    time.sleep(3)       # a second delivery would come within the back-off
    assert count_message_id(done[0][6]) == 1, "delivered %d times" % count_message_id(done[0][6])


def test_a_job_runner_killed_in_the_middle_of_a_send_is_replaced_and_no_mail_is_lost_or_doubled():
    old = h.runners()
    assert len(old) >= 1, "no job runner: %s" % h.children(h.master_pid())
    log0 = h.log_size()
    teacher = browser("ml.teacher")
    h.smtp_control(stall_mail=True)
    try:
        number = file_repair(teacher)
        running = h.wait_until(lambda: [j for j in jobs_of(number) if j[1] == "running"], 15, 0.1)
        assert running, "no mail job got as far as the server: %s" % jobs_of(number)
        holder = h.sql("SELECT locked_by FROM job WHERE id = %d" % running[0][0])[0][0]
        victim = int(holder.rsplit(":", 1)[1])
        assert victim in old, "job held by %s, runners are %s" % (holder, old)
        time.sleep(0.5)     # in the SMTP exchange, waiting for the server
        h.kill(victim, h.SIGKILL)
        new = h.wait_until(lambda: (lambda r: r if r and victim not in r else None)(h.runners()), 10)
        assert new and len(new) == len(old), "the killed runner was not replaced: %s" % h.runners()
    finally:
        h.smtp_control()
    # the killed runner's claim expires (lease 15 s in tests), then the mail goes out once
    done = h.wait_until(lambda: (lambda js: js if js and all(j[1] == "done" for j in js) else None)(
        jobs_of(number)), 45, 0.5)
    assert done, "not every mail was delivered: %s" % jobs_of(number)
    for j in done:
        assert count_message_id(j[6]) == 1, "%s delivered %d times" % (j[6], count_message_id(j[6]))
    assert re.search(r"job runner %d killed by signal 9.*replac" % victim, h.log_since(log0)), \
        "the master did not log the replacement"


def test_a_mail_refused_every_time_ends_dead_and_staff_queue_it_again():
    unlucky, officer = browser("ml.unlucky"), browser("ml.officer1")
    to = "ml.unlucky@example.org"
    h.smtp_control(rcpt={to: "451 4.2.1 Mailbox busy, try later"})
    try:
        number = file_esaraban(unlucky)
        repair.act(officer, number, "return", note="ขาดเบอร์โทรศัพท์ภายใน")
        dead = h.wait_until(lambda: (lambda j: j if j and j[0][1] == "dead" else None)(
            jobs_of(number, to)), 60, 0.5)
        assert dead, "the job never died: %s" % jobs_of(number, to)
        job = dead[0]
        assert job[2] == job[3] == 8, "dead after %d of %d attempts" % (job[2], job[3])
        assert "451" in job[4], job[4]
        assert not mails_about(number, to)
        assert repair.state(number)[0] == "returned", "the action was lost with its mail"

        # staff see it; nobody else does; a retry needs the CSRF token
        assert browser("ml.teacher").get("/admin/jobs").status == 403
        admin = browser("ml.admin")
        page = admin.get("/admin/jobs")
        assert page.status == 200, page
        row = page.html().by_id("job-%d" % job[0])
        assert row is not None, "the dead job is not listed"
        assert "451" in row.text(), row.text()
        r = admin.post("/admin/jobs", {"job": str(job[0])})
        assert r.status == 403, "a retry without CSRF: %d" % r.status
        csrf = admin.hidden("csrf", resp=page, form_action="/admin/jobs")
    finally:
        h.smtp_control()
    r = admin.post("/admin/jobs", {"job": str(job[0]), "csrf": csrf})
    assert r.status == 303, r
    done = h.wait_until(lambda: (lambda j: j if j[0][1] == "done" else None)(jobs_of(number, to)),
                        20, 0.2)
    assert done, "not delivered after the retry: %s" % jobs_of(number, to)
    assert count_message_id(job[6]) == 1
    assert admin.post("/admin/jobs", {"job": str(job[0]), "csrf": csrf}).status == 404


def test_a_mailbox_that_does_not_exist_is_dead_at_once():
    unlucky, officer = browser("ml.unlucky"), browser("ml.officer1")
    to = "ml.unlucky@example.org"
    h.smtp_control(rcpt={to: "550 5.1.1 No such user"})
    try:
        number = file_esaraban(unlucky)
        repair.act(officer, number, "return", note="ขาดสำเนาบัตร")
        dead = h.wait_until(lambda: (lambda j: j if j and j[0][1] == "dead" else None)(
            jobs_of(number, to)), 15, 0.2)
        assert dead and dead[0][2] == 1, "a permanent refusal was retried: %s" % jobs_of(number, to)
        assert "550" in dead[0][4], dead[0][4]
    finally:
        h.smtp_control()
