"""The job kind lms-course (issue 4, INTEGRATIONS.md A.1, E.1-E.3): queued with
`borikan-admin lms-create-course SITE CODE TERM TITLE FACULTY`, it finds or creates the
faculty's category of the term and the course in it, in the Moodle site an administrator
saved through /admin/lms. Checked against the stateful Moodle stub (tests/stubs/): one
category and one course with Borikan's idnumbers; a second run only reads; a create whose
answer is lost (the write commits, then the connection hangs) ends with exactly one
course; an invalid token ends the job dead with Moodle's errorcode."""
import calendar
import json
import os
import subprocess
import time
import urllib.request

import harness as h

ORDER = 61

HERE = os.path.dirname(os.path.abspath(__file__))
STUB = os.path.join(HERE, "..", "stubs", "moodle_stub.py")
TOKEN = "0123456789abcdef0123456789abcdef"
PORT = int(os.environ.get("BORIKAN_MOODLE_COURSE_STUB_PORT", "18460"))
WRITES = {"core_course_create_categories", "core_course_create_courses",
          "core_course_update_courses"}

stub = None


class Stub:
    def __init__(self):
        self.port = None
        for p in range(PORT, PORT + 20):
            self.proc = subprocess.Popen(["/usr/bin/python3", STUB, "--port", str(p)],
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 5
            while self.proc.poll() is None and time.monotonic() < deadline:
                try:
                    self.port = p
                    self.control("ping")
                    return
                except OSError:
                    time.sleep(0.05)
            self.stop()
        raise AssertionError("the Moodle stub did not start on %d-%d" % (PORT, PORT + 19))

    def control(self, path, obj=None):
        data = None if obj is None else json.dumps(obj).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/_stub/%s" % (self.port, path),
                                     data=data)
        with urllib.request.urlopen(req, timeout=5) as r:
            return json.loads(r.read().decode())

    def state(self):
        return self.control("state")

    def calls(self):
        return self.control("calls")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def setup_module():
    global stub
    h.ensure_unit("lmsc-ict", "group")
    h.ensure_person("lmsc.admin", "lmsc-ict", roles=["administrator"])
    h.sql("DELETE FROM lms_ledger WHERE site_id IN"
          " (SELECT id FROM lms_site WHERE name LIKE 'lmsc-%')")
    h.sql("DELETE FROM lms_site WHERE name LIKE 'lmsc-%'")
    stub = Stub()


def teardown_module():
    if stub is not None:
        stub.stop()


def save_site(name, token=TOKEN):
    """Saves a site through /admin/lms as an administrator; returns its id."""
    b = h.Browser("th")
    b.login("lmsc.admin")
    r = b.get("/admin/lms")
    assert r.status == 200, r
    csrf = b.hidden("csrf", form_action="/admin/lms")
    base = "http://127.0.0.1:%d" % stub.port
    r = b.post("/admin/lms", {
        "csrf": csrf, "action": "save", "id": "", "name": name,
        "moodle_url": base + "/", "moodle_token": token,
        "roster_base_url": base + "/sis", "roster_token_url": base + "/oauth/token",
        "roster_client_id": "borikan", "roster_secret": "secret-value", "roster_scope": ""})
    assert r.status == 303, (r.status, r.text[:300])
    rows = h.sql("SELECT id FROM lms_site WHERE name = '%s'" % name)
    assert rows, "the site %s was not saved" % name
    return int(rows[0][0])


def run_job(site, code="MA101", term="2569-1", title="คณิตศาสตร์พื้นฐาน", faculty="SCI",
            timeout=40):
    """Queues the job with borikan-admin and waits until it is done or dead."""
    r = h.admin("lms-create-course", str(site), code, term, title, faculty)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
    job = int(r.stdout.strip().splitlines()[-1])
    deadline = time.monotonic() + timeout
    while True:
        rows = h.sql("SELECT state, attempts, COALESCE(last_error, '') FROM job WHERE id = %d"
                     % job)
        state, attempts, err = rows[0][0], int(rows[0][1]), rows[0][2]
        if state in ("done", "dead"):
            return state, attempts, err
        assert time.monotonic() < deadline, "job %d still %s after %ds (%s)" % (
            job, state, timeout, err)
        time.sleep(0.2)


def ours(state, table, idnumber):
    return [x for x in state[table] if x.get("idnumber") == idnumber]


def ledger(site):
    return sorted((r[0], int(r[1]), r[2], r[3]) for r in h.sql(
        "SELECT kind, moodle_id, idnumber, how FROM lms_ledger WHERE site_id = %d" % site))


def called(fn_set):
    return [c["function"] for c in stub.calls() if c["function"] in fn_set]


def test_creates_the_category_and_the_course_and_a_second_run_only_reads():
    stub.control("reset", {})
    site = save_site("lmsc-main")
    state, attempts, err = run_job(site)
    assert (state, attempts) == ("done", 1), (state, attempts, err)
    s = stub.state()
    cats = ours(s, "categories", "BK-CAT-SCI-2569-1")
    courses = ours(s, "courses", "BK-MA101-2569-1")
    assert len(cats) == 1 and len(courses) == 1, (cats, courses)
    assert cats[0]["name"] == "SCI 1/2569", cats[0]
    c = courses[0]
    assert c["shortname"] == "MA101-2569-1" and c["fullname"] == "คณิตศาสตร์พื้นฐาน", c
    assert int(c["category"]) == int(cats[0]["id"]), c
    # 16 May 2026 (2569 BE), midnight in Bangkok
    assert int(c["startdate"]) == calendar.timegm((2026, 5, 16, 0, 0, 0)) - 7 * 3600, c
    assert ledger(site) == sorted([
        ("category", int(cats[0]["id"]), "BK-CAT-SCI-2569-1", "created"),
        ("course", int(c["id"]), "BK-MA101-2569-1", "created")]), ledger(site)
    assert sorted(called(WRITES)) == ["core_course_create_categories",
                                      "core_course_create_courses"], stub.calls()

    stub.control("reset", {"calls_only": True})
    state, attempts, err = run_job(site)
    assert (state, attempts) == ("done", 1), (state, attempts, err)
    assert called(WRITES) == [], stub.calls()
    s = stub.state()
    assert len(ours(s, "courses", "BK-MA101-2569-1")) == 1, s["courses"]

    # Another course of the same faculty and term goes into the same category.
    state, attempts, err = run_job(site, code="ma102", title="คณิตศาสตร์เพิ่มเติม")
    assert state == "done", (state, err)
    s = stub.state()
    assert len(ours(s, "categories", "BK-CAT-SCI-2569-1")) == 1, s["categories"]
    c2 = ours(s, "courses", "BK-MA102-2569-1")
    assert len(c2) == 1 and int(c2[0]["category"]) == int(cats[0]["id"]), c2
    assert called(WRITES) == ["core_course_create_courses"], stub.calls()


def test_a_course_made_by_hand_is_adopted_not_duplicated():
    stub.control("reset", {})
    site = save_site("lmsc-adopt")
    stub.control("seed", {"courses": [{"fullname": "ทำเอง", "shortname": "TH101-2569-2",
                                       "idnumber": "BK-TH101-2569-2", "category": 1}]})
    state, attempts, err = run_job(site, code="TH101", term="2569-2", title="ภาษาไทย")
    assert state == "done", (state, err)
    s = stub.state()
    assert len(ours(s, "courses", "BK-TH101-2569-2")) == 1, s["courses"]
    assert called({"core_course_create_courses"}) == [], stub.calls()
    assert ("course", int(ours(s, "courses", "BK-TH101-2569-2")[0]["id"]), "BK-TH101-2569-2",
            "adopted") in ledger(site), ledger(site)


def test_a_create_whose_answer_is_lost_ends_with_exactly_one_course():
    stub.control("reset", {})
    site = save_site("lmsc-lost")
    stub.control("fault", {"mode": "commit-then-timeout", "function": "core_course_create_courses"})
    try:
        state, attempts, err = run_job(site, code="PH201", title="ฟิสิกส์")
    finally:
        stub.control("release", {})
    assert state == "done" and attempts == 2, (state, attempts, err)
    s = stub.state()
    courses = ours(s, "courses", "BK-PH201-2569-1")
    assert len(courses) == 1, s["courses"]
    assert called({"core_course_create_courses"}) == ["core_course_create_courses"], stub.calls()
    assert ("course", int(courses[0]["id"]), "BK-PH201-2569-1", "adopted") in ledger(site)


def test_an_invalid_token_ends_the_job_dead_with_the_errorcode():
    stub.control("reset", {})
    site = save_site("lmsc-badtoken", token="ffffffffffffffffffffffffffffffff")
    state, attempts, err = run_job(site, code="CH101", title="เคมี")
    assert (state, attempts) == ("dead", 1), (state, attempts, err)
    assert "invalidtoken" in err, err
    s = stub.state()
    assert ours(s, "courses", "BK-CH101-2569-1") == [] and \
        ours(s, "categories", "BK-CAT-SCI-2569-1") == [], s
    assert ledger(site) == []


def test_the_command_refuses_a_bad_term():
    r = h.admin("lms-create-course", "1", "MA101", "2569/1", "x", "SCI")
    assert r.returncode == 2 and "2569-1" in r.stderr, (r.returncode, r.stderr)
