"""The Moodle REST stub (tests/stubs/moodle_stub.py) behaves as INTEGRATIONS.md section A says Moodle
4.1 does: the error objects and codes, the all-or-nothing batches, the duplicate rules, PHP's
max_input_vars cut, the faults, and a state that survives a restart. Each test starts its own stub
on a free port of 18400-18419 and stops it at the end; no Borikan server is needed."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
STUB = os.path.join(HERE, "..", "stubs", "moodle_stub.py")
TOKEN = "0123456789abcdef0123456789abcdef"
PORTS = range(18400, 18420)


def free_port():
    for port in PORTS:
        s = socket.socket()
        # the stub reuses addresses too: a port in TIME_WAIT after an earlier stub is free
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise AssertionError("no free port in 18400-18419")


class Stub:
    """A stub process on its own port; `with Stub(...) as m:` stops it on the way out."""

    def __init__(self, *args, port=None):
        self.args = list(args)
        self.port = port

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self.port = self.port or free_port()
        self.proc = subprocess.Popen(["/usr/bin/python3", STUB, "--port", str(self.port)] + self.args,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 5
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise AssertionError("the stub did not start: %s" % self.proc.stderr.read()[-500:])
                time.sleep(0.03)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stderr.close()

    # -- Moodle
    def raw(self, pairs, timeout=5):
        """POSTs form pairs to server.php; returns (HTTP status, body text)."""
        body = urllib.parse.urlencode(pairs).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/webservice/rest/server.php" % self.port, data=body,
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def call(self, function, params=None, token=TOKEN, timeout=5):
        pairs = [("wstoken", token), ("wsfunction", function), ("moodlewsrestformat", "json")]
        pairs += flatten(params or {})
        status, text = self.raw(pairs, timeout)
        assert status == 200, (status, text)
        return json.loads(text)

    # -- control API
    def control(self, path, obj=None):
        data = None if path in ("state", "calls") else json.dumps(obj or {}).encode()
        req = urllib.request.Request("http://127.0.0.1:%d/_stub/%s" % (self.port, path), data=data)
        with urllib.request.urlopen(req, timeout=5) as r:
            return json.loads(r.read().decode())

    def state(self):
        return self.control("state")


def flatten(value, prefix=""):
    """PHP bracket pairs: {"users": [{"username": "x"}]} -> [("users[0][username]", "x")]."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return [(prefix, str(value))]
    out = []
    for k, v in items:
        out += flatten(v, "%s[%s]" % (prefix, k) if prefix else str(k))
    return out


def user(name, **kw):
    return dict({"username": name, "firstname": "ทดสอบ", "lastname": name, "email": name + "@school.invalid",
                 "auth": "oauth2"}, **kw)


def new_course(m, shortname, idnumber=""):
    r = m.call("core_course_create_courses", {"courses": [
        {"fullname": "วิชา " + shortname, "shortname": shortname, "categoryid": 1, "idnumber": idnumber,
         "startdate": 1780000000}]})
    assert isinstance(r, list) and r[0]["shortname"] == shortname, r
    return r[0]["id"]


def test_error_shape_http200_and_null_body():
    with Stub() as m:
        status, text = m.raw([("wstoken", TOKEN), ("wsfunction", "core_course_get_courses_by_field"),
                              ("moodlewsrestformat", "json"), ("field", "shortname"), ("value", "x"),
                              ("colour", "red")])
        err = json.loads(text)
        assert status == 200 and err["errorcode"] == "invalidparameter", (status, text)
        assert set(err) == {"exception", "errorcode", "message"}, "no debuginfo without --debug: %s" % err
        cid = new_course(m, "NULL-1")
        uid = m.call("core_user_create_users", {"users": [user("nullbody")]})[0]["id"]
        status, text = m.raw([("wstoken", TOKEN), ("wsfunction", "enrol_manual_enrol_users"),
                              ("moodlewsrestformat", "json")] + flatten(
            {"enrolments": [{"roleid": 5, "userid": uid, "courseid": cid}]}))
        assert (status, text) == (200, "null"), (status, text)
        status, text = m.raw([("wstoken", TOKEN), ("wsfunction", "core_webservice_get_site_info")])
        assert text.startswith('<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE>'), text[:80]


def test_duplicate_shortname_is_shortnametaken():
    with Stub() as m:
        new_course(m, "M1-101-2569", "CLS:a")
        r = m.call("core_course_create_courses", {"courses": [
            {"fullname": "x", "shortname": "M1-101-2569", "categoryid": 1, "idnumber": "CLS:b"}]})
        assert (r["exception"], r["errorcode"]) == ("moodle_exception", "shortnametaken"), r
        r = m.call("core_course_create_courses", {"courses": [
            {"fullname": "x", "shortname": "other", "categoryid": 1, "idnumber": "CLS:a"}]})
        assert r["errorcode"] == "courseidnumbertaken", r
        courses = m.state()["courses"]
        assert [c["shortname"] for c in courses] == ["stub", "M1-101-2569"], courses
        assert courses[1]["startdate"] == 1780000000
        found = m.call("core_course_get_courses_by_field", {"field": "idnumber", "value": ""})
        assert len(found["courses"]) == 1 and found["courses"][0]["id"] == 1, \
            "an empty idnumber matches every course without one (the site course here): %s" % found


def test_create_users_batch_with_one_duplicate_rolls_back():
    with Stub("--debug") as m:
        assert m.call("core_user_create_users", {"users": [user("s001")]})[0]["username"] == "s001"
        r = m.call("core_user_create_users", {"users": [user("s002"), user("s001", email="other@x.invalid"),
                                                        user("s003")]})
        assert r["errorcode"] == "invalidparameter", r
        assert r["debuginfo"] == "Username already exists: s001", r
        names = [u["username"] for u in m.state()["users"]]
        assert "s002" not in names and "s003" not in names and names.count("s001") == 1, names
        r = m.call("core_user_create_users", {"users": [user("s004", email="S001@school.invalid")]})
        assert r["debuginfo"] == "Email address already exists: S001@school.invalid", r
        r = m.call("core_user_create_users", {"users": [user("s005", auth="manual", password="short")]})
        assert r["errorcode"] == "<div>Passwords must be at least 8 characters long.</div>" \
                                 "<div>Passwords must have at least 1 digit(s).</div>" \
                                 "<div>Passwords must have at least 1 upper case letter(s).</div>" \
                                 "<div>Passwords must have at least 1 special character(s) such as as *, -, " \
                                 "or #.</div>", r


def test_reenrol_is_idempotent_and_resets_omitted_times():
    with Stub() as m:
        cid = new_course(m, "EN-1")
        uid = m.call("core_user_create_users", {"users": [user("enr1")]})[0]["id"]
        one = {"roleid": 5, "userid": uid, "courseid": cid, "timestart": 1780000000, "timeend": 1790000000}
        assert m.call("enrol_manual_enrol_users", {"enrolments": [one]}) is None
        assert m.call("enrol_manual_enrol_users", {"enrolments": [one]}) is None
        st = m.state()
        assert len(st["user_enrolments"]) == 1 and len(st["role_assignments"]) == 1, st["user_enrolments"]
        assert st["user_enrolments"][0]["timestart"] == 1780000000
        m.call("enrol_manual_enrol_users", {"enrolments": [{"roleid": 5, "userid": uid, "courseid": cid,
                                                            "suspend": 1}]})
        ue = m.state()["user_enrolments"]
        assert len(ue) == 1 and (ue[0]["status"], ue[0]["timestart"], ue[0]["timeend"]) == (1, 0, 0), ue
        active = m.call("core_enrol_get_enrolled_users", {"courseid": cid, "options": [
            {"name": "onlyactive", "value": 1}, {"name": "userfields", "value": "id"}]})
        suspended = m.call("core_enrol_get_enrolled_users", {"courseid": cid, "options": [
            {"name": "onlysuspended", "value": 1}, {"name": "userfields", "value": "id,roles"}]})
        assert active == [] and [u["id"] for u in suspended] == [uid], (active, suspended)
        assert suspended[0]["roles"][0]["shortname"] == "student", suspended
        m.call("enrol_manual_unenrol_users", {"enrolments": [{"userid": uid, "courseid": cid}]})
        assert m.call("enrol_manual_unenrol_users", {"enrolments": [{"userid": uid, "courseid": cid}]}) is None
        assert m.state()["user_enrolments"] == []
        r = m.call("enrol_manual_enrol_users", {"enrolments": [
            {"roleid": 5, "userid": uid, "courseid": cid}, {"roleid": 5, "userid": 999, "courseid": cid}]})
        assert r["errorcode"] == "codingerror" and m.state()["user_enrolments"] == [], r


def test_user_idnumber_is_not_unique():
    with Stub() as m:
        r = m.call("core_user_create_users", {"users": [user("twin1", idnumber="6501"),
                                                        user("twin2", idnumber="6501")]})
        assert [u["username"] for u in r] == ["twin1", "twin2"], r
        found = m.call("core_user_get_users_by_field", {"field": "idnumber", "values": ["6501"]})
        assert sorted(u["username"] for u in found) == ["twin1", "twin2"], found
        assert m.call("core_user_get_users_by_field", {"field": "idnumber", "values": [""]}) == []


def test_max_input_vars_drops_items_silently():
    with Stub("--max-input-vars", "13") as m:
        # 3 control variables + 5 per user: 13 keeps two whole users of three
        three = [user("mv1"), user("mv2"), user("mv3")]
        r = m.call("core_user_create_users", {"users": three})
        assert [u["username"] for u in r] == ["mv1", "mv2"], "two of three created, no error: %s" % r
        calls = m.control("calls")
        assert (calls[-1]["items"], calls[-1]["items_sent"], calls[-1]["dropped"]) == (2, 3, 5), calls[-1]
        # a cut inside an item (username and firstname of the second user kept): the missing key
        m.control("config", {"max_input_vars": 10, "debug": True})
        r = m.call("core_user_create_users", {"users": [user("mv4"), user("mv5")]})
        assert r["errorcode"] == "invalidparameter" and "Missing required key in single structure: lastname" \
            in r["debuginfo"], r
        assert "mv4" not in [u["username"] for u in m.state()["users"]]


def test_invalid_token():
    with Stub() as m:
        r = m.call("core_webservice_get_site_info", token="f" * 32)
        assert (r["exception"], r["errorcode"]) == ("moodle_exception", "invalidtoken"), r
        status, text = m.raw([("wsfunction", "core_webservice_get_site_info"), ("moodlewsrestformat", "json")])
        assert status == 200 and json.loads(text)["errorcode"] == "invalidtoken", text
        r = m.call("core_course_delete_courses")
        assert r["errorcode"] == "invalidrecord", r


def test_missing_capability():
    with Stub() as m:
        m.control("config", {"tokens": {
            "limited": {"functions": ["core_webservice_get_site_info", "core_course_create_courses",
                                      "core_user_get_users_by_field", "enrol_manual_enrol_users"],
                        "missing_capabilities": ["moodle/course:create", "moodle/user:viewalldetails"],
                        "assignable_roles": ["student"]}}})
        info = m.call("core_webservice_get_site_info", token="limited")
        assert info["release"].startswith("4.1") and len(info["functions"]) == 4, info
        r = m.call("core_course_create_courses", {"courses": [
            {"fullname": "x", "shortname": "x", "categoryid": 1}]}, token="limited")
        assert (r["exception"], r["errorcode"]) == ("required_capability_exception", "nopermissions"), r
        r = m.call("core_user_create_users", {"users": [user("nocap")]}, token="limited")
        assert (r["exception"], r["errorcode"]) == ("webservice_access_exception", "accessexception"), r
        # without viewalldetails the canary is silently invisible by idnumber and by username
        for field, value in (("idnumber", "CANARY-0001"), ("username", "canary.borikan")):
            assert m.call("core_user_get_users_by_field", {"field": field, "values": [value]},
                          token="limited") == [], field
            hit = m.call("core_user_get_users_by_field", {"field": field, "values": [value]})
            assert hit[0][field] == value, hit
        cid = new_course(m, "CAP-1")
        r = m.call("enrol_manual_enrol_users", {"enrolments": [{"roleid": 3, "userid": 4, "courseid": cid}]},
                   token="limited")
        assert r["errorcode"] == "wsusercannotassign" and m.state()["user_enrolments"] == [], r


def test_uppercase_username_refused():
    with Stub() as m:
        r = m.call("core_user_create_users", {"users": [user("ok.one"), user("Somchai.K")]})
        assert (r["exception"], r["errorcode"]) == ("invalid_parameter_exception", "invalidparameter"), r
        r = m.call("core_user_get_users_by_field", {"field": "username", "values": ["Canary.Borikan"]})
        assert r["errorcode"] == "invalidparameter", r
        for bad in (("auth", "saml9"), ("lang", "xx")):
            r = m.call("core_user_create_users", {"users": [user("bad.one", **dict([bad]))]})
            assert r["errorcode"] == "invalidparameter", (bad, r)
        r = m.call("enrol_manual_enrol_users", {"enrolments": [
            {"roleid": 5, "userid": 4, "courseid": 1, "suspend": "true"}]})
        assert r["errorcode"] == "invalidparameter", r
        assert [u["username"] for u in m.state()["users"]][-1] == "canary.borikan"


def test_commit_then_timeout_applies_the_write():
    with Stub() as m:
        m.control("fault", {"mode": "commit-then-timeout", "function": "core_course_create_courses"})
        try:
            m.call("core_course_create_courses", {"courses": [
                {"fullname": "x", "shortname": "CT-1", "categoryid": 1, "idnumber": "CLS:ct"}]}, timeout=0.5)
            raise AssertionError("the call was answered")
        except (socket.timeout, TimeoutError, urllib.error.URLError) as e:
            assert "timed out" in str(e), e
        m.control("release")
        found = m.call("core_course_get_courses_by_field", {"field": "idnumber", "value": "CLS:ct"})
        assert [c["shortname"] for c in found["courses"]] == ["CT-1"], found
        # refused, 502 and maintenance write nothing
        m.control("fault", {"mode": "refuse"})
        try:
            m.call("core_course_create_courses", {"courses": [
                {"fullname": "x", "shortname": "CT-2", "categoryid": 1}]})
            raise AssertionError("a refused call was answered")
        except (ConnectionError, urllib.error.URLError, OSError):
            pass
        m.control("fault", {"mode": "http502"})
        status, _ = m.raw([("wstoken", TOKEN), ("wsfunction", "core_course_create_courses")] + flatten(
            {"courses": [{"fullname": "x", "shortname": "CT-3", "categoryid": 1}]}))
        assert status == 502
        m.control("fault", {"mode": "maintenance"})
        r = m.call("core_webservice_get_site_info")
        assert r["errorcode"] == "sitemaintenance", r
        assert [c["shortname"] for c in m.state()["courses"]] == ["stub", "CT-1"]


def test_state_file_survives_a_restart():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "moodle.json")
        m = Stub("--state", path)
        with m:
            cid = new_course(m, "ST-1", "CLS:st")
            m.call("core_user_create_users", {"users": [user("keep.me", idnumber="KEEP")]})
        with Stub("--state", path, port=m.port) as m2:
            found = m2.call("core_course_get_courses_by_field", {"field": "idnumber", "value": "CLS:st"})
            assert [c["id"] for c in found["courses"]] == [cid], found
            u = m2.call("core_user_get_users_by_field", {"field": "idnumber", "values": ["KEEP"]})
            assert [x["username"] for x in u] == ["keep.me"], u
            assert new_course(m2, "ST-2") == cid + 1, "ids go on after a restart"


def test_calls_are_counted():
    with Stub() as m:
        m.call("core_webservice_get_site_info")
        m.call("core_user_create_users", {"users": [user("c1"), user("c2")]})
        m.call("core_user_create_users", {"users": [user("c1")]})
        calls = m.control("calls")
        got = [(c["function"], c["items"], c["status"]) for c in calls]
        assert got == [("core_webservice_get_site_info", None, "ok"),
                       ("core_user_create_users", 2, "ok"),
                       ("core_user_create_users", 1, "invalidparameter")], got
        m.control("reset", {"calls_only": True})
        assert m.control("calls") == [] and len(m.state()["users"]) == 6
