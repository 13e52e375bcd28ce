"""The SLA check runs by itself: the job runners queue it every BORIKAN_SLA_INTERVAL
seconds (2 s under ./dev test, two runners), once per interval; an overdue request gets one
"overdue" event and one overdue mail per person to tell (the officers who act at its step
and the ICT head), Thai first with the due date in the Buddhist era and the working days
late, however many intervals pass; and a runner killed in the middle of a check loses
nothing and does nothing twice."""
import datetime
import email.header
import os
import subprocess
import time

import harness as h
import test_request_repair as repair
import test_time_limits as tl

ORDER = 71
INTERVAL = int(os.environ.get("BORIKAN_SLA_INTERVAL", "2"))
OFFICERS = ["sc.officer1@example.org", "sc.officer2@example.org"]
HEAD = "sc.head@example.org"
TEACHER = "sc.teacher@example.org"


def setup_module():
    h.ensure_unit("sc-school", "school")
    h.ensure_unit("sc-ict", "group")
    h.ensure_person("sc.teacher", "sc-school", roles=["requester"])
    h.ensure_person("sc.officer1", "sc-ict", roles=["ict-officer"])
    h.ensure_person("sc.officer2", "sc-ict", roles=["ict-officer"])
    h.ensure_person("sc.head", "sc-ict", roles=["ict-head"])
    h.smtp_control()


def subject(msg):
    return str(email.header.make_header(email.header.decode_header(msg["Subject"])))


def overdue_mails(number):
    """{recipient: [message]} of the overdue notices about number."""
    out = {}
    for m in h.mails():
        s = subject(m)
        if number in s and s.startswith("คำขอเกินกำหนดเวลาให้บริการ"):
            for to in m.envelope["rcpt"]:
                out.setdefault(to, []).append(m)
    return out


def events(number, action):
    return int(h.sql("SELECT COUNT(*) FROM request_event e JOIN request r ON r.id = e.request_id"
                     " WHERE r.number = '%s' AND e.action = '%s'" % (number, action))[0][0])


def file_repair():
    teacher = h.Browser()
    teacher.login("sc.teacher")
    r, _ = repair.file_request(teacher, repair.GOOD)
    assert r.status == 303, r
    number = r.header("Location").split("?")[0].rsplit("/", 1)[1]
    assert repair.state(number)[:2] == ("open", "check"), repair.state(number)
    return number


def past_due():
    """A working day, three working days before today (Thai time), and the days late."""
    hol = tl.holidays()
    today = tl.thai_now().date()
    d = today
    while tl.between(d, today, hol) < 3 or not tl.workday(d, hol):
        d -= datetime.timedelta(days=1)
    return d, tl.between(d, today, hol)


def wait_all_mailed(number, timeout=30):
    want = set(OFFICERS + [HEAD])
    got = h.wait_until(lambda: (lambda m: m if want <= set(m) else None)(overdue_mails(number)),
                       timeout, 0.3)
    assert got, "overdue mails about %s: %s" % (number, {k: len(v) for k, v in
                                                         overdue_mails(number).items()})
    return got


def once_each(mails):
    """Every ICT officer (ours and those of other scenarios) and the ICT head: one mail."""
    counts = {to: len(m) for to, m in mails.items()}
    assert set(OFFICERS + [HEAD]) <= set(counts) and set(counts.values()) == {1}, counts


def last_job():
    return int(h.sql("SELECT COALESCE(MAX(id), 0) FROM job")[0][0])


def sla_jobs_after(job):
    return h.sql("SELECT idem_key, state FROM job WHERE kind = 'sla' AND id > %d ORDER BY id"
                 % job)


def test_two_runners_check_once_per_interval_and_mail_each_overdue_notice_once():
    assert len(h.runners()) == 2, "expected two job runners: %s" % h.runners()
    number = file_repair()
    due, late = past_due()
    t0, job0 = time.time(), last_job()
    h.sql("UPDATE request SET due_at = '%s' WHERE number = '%s'" % (due, number))

    assert h.wait_until(lambda: events(number, "overdue") >= 1, 10 * INTERVAL, 0.2), \
        "no overdue event within %d s" % (10 * INTERVAL)
    mails = wait_all_mailed(number)
    time.sleep(4 * INTERVAL)            # more checks: nothing new may come of them
    mails = overdue_mails(number)
    once_each(mails)
    assert TEACHER not in mails, "the requester was told of the officers' lateness"
    assert events(number, "overdue") == 1 and events(number, "warned") == 1, (
        events(number, "overdue"), events(number, "warned"))

    # Thai first, then English: the number, the step, the due date in the Buddhist era,
    # the working days late.
    text, html = h.mail_parts(mails[HEAD][0])
    s = subject(mails[HEAD][0])
    assert s.index("คำขอเกินกำหนดเวลาให้บริการ") < s.index("Request overdue"), s
    assert text.index("เกินกำหนด %d วันทำการ" % late) < text.index("%d working days late" % late), text
    assert tl.be_long(due) in text, "due date %s not in the Buddhist era: %r" % (tl.be_long(due), text)
    assert "(B.E. %d)" % (due.year + 543) in text and "ตรวจสอบตามรายงานการแจ้งซ่อม" in text, text
    assert "Check the report" in text and number in text, text
    assert "เกินกำหนด %d วันทำการ" % late in html, html

    # One job per interval, whichever runner queued it: consecutive intervals, none twice.
    elapsed = time.time() - t0
    jobs = sla_jobs_after(job0)
    keys = [k for k, _ in jobs]
    assert len(keys) == len(set(keys)), keys
    assert elapsed / INTERVAL - 2 <= len(keys) <= elapsed / INTERVAL + 2, (elapsed, keys)
    stamps = [datetime.datetime.strptime(k.split(":", 1)[1], "%Y%m%d%H%M%S") for k in keys]
    for a, b in zip(stamps, stamps[1:]):
        gap = (b - a).total_seconds()
        assert gap >= INTERVAL and gap % INTERVAL == 0, (a, b)
    m = h.metrics()
    assert (m.value("borikan_job_duration_seconds_count", kind="sla") or 0) >= len(keys), \
        m.all("borikan_job_duration_seconds_count")
    assert (m.value("borikan_job_duration_seconds_count", kind="mail") or 0) >= 3
    assert m.types.get("borikan_job_duration_seconds") == "histogram"


def locker(number, due, seconds):
    """A client that makes number overdue and then holds its row for seconds."""
    sock = os.path.join(h.VAR, "run", "db", "mysqld.sock")
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "")
    q = ("UPDATE request SET due_at = '%s' WHERE number = '%s';"
         " BEGIN; SELECT id FROM request WHERE number = '%s' FOR UPDATE;"
         " SELECT SLEEP(%d); COMMIT;" % (due, number, number, seconds))
    return subprocess.Popen(["mariadb", "--no-defaults", "--socket=" + sock, "-u", user, "-N",
                             "-B", "borikan", "-e", q], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def blocked_check():
    """(job id, runner pid) of an SLA job waiting for a row lock, or None."""
    if int(h.sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                 " WHERE trx_state = 'LOCK WAIT'")[0][0]) == 0:
        return None
    rows = h.sql("SELECT id, locked_by FROM job WHERE kind = 'sla' AND state = 'running'"
                 " ORDER BY id LIMIT 1")
    return (int(rows[0][0]), int(rows[0][1].rsplit(":", 1)[1])) if rows else None


def test_a_runner_killed_during_the_check_loses_nothing_and_does_nothing_twice():
    restarts0 = h.metrics().value("borikan_runner_restarts_total")
    assert restarts0 is not None, "no borikan_runner_restarts_total in /metrics"
    due, late = past_due()
    # The check must meet the held row: a check that came between the UPDATE and the lock
    # (a millisecond) leaves nothing to interrupt, so try with another request.
    for attempt in range(3):
        number = file_repair()
        hold = locker(number, due, 10)
        blocked = h.wait_until(blocked_check, 8, 0.1)
        if blocked and events(number, "overdue") == 0:
            break
        hold.wait(20)
    else:
        raise AssertionError("no SLA check ever waited for the held request")
    job, victim = blocked
    runners = h.runners()
    assert victim in runners, "job %d held by %d; runners %s" % (job, victim, runners)
    h.kill(victim, h.SIGKILL)
    assert hold.wait(20) == 0, hold.stderr.read()

    # The other runner (or the replacement) records the notice and queues its mails once.
    assert h.wait_until(lambda: events(number, "overdue") == 1, 10 * INTERVAL, 0.2), \
        "the overdue notice was lost"
    wait_all_mailed(number)
    new = h.wait_until(lambda: (lambda r: r if len(r) == 2 and victim not in r else None)(
        h.runners()), 10, 0.2)
    assert new, "the killed runner was not replaced: %s" % h.runners()
    # The killed runner's job: queued again when its lease ran out (15 s), then done.
    state = h.wait_until(lambda: (lambda r: r if r[0] == "done" else None)(
        h.sql("SELECT state, attempts FROM job WHERE id = %d" % job)[0]), 40, 0.5)
    assert state and state[1] == "2", "job %d after the kill: %s" % (
        job, h.sql("SELECT state, attempts, last_error FROM job WHERE id = %d" % job))
    time.sleep(2 * INTERVAL)
    mails = overdue_mails(number)
    once_each(mails)
    assert events(number, "overdue") == 1 and events(number, "warned") == 1
    text, _ = h.mail_parts(mails[OFFICERS[0]][0])
    assert "เกินกำหนด %d วันทำการ" % late in text, text
    restarts = h.metrics().value("borikan_runner_restarts_total")
    assert restarts >= restarts0 + 1, (restarts0, restarts)
