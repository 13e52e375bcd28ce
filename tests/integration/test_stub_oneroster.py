"""The OneRoster 1.1 stub (tests/stubs/oneroster_stub.py) behaves as a provider does, so
that the provisioning scenarios of issue 4 can trust it: OAuth 2 client credentials with
tokens that expire, paging under a server-side cap, filters, tobedeleted records, the error
envelope, faults on demand, a call log, and a generator for the scale run.

Needs no Borikan stack: it starts its own stub (ports 18420-18439, or from
$BORIKAN_ONEROSTER_PORT) and stops it at the end of the file."""
import atexit
import base64
import http.client
import json
import os
import re
import socket
import subprocess
import time
import urllib.parse

ORDER = 20

HERE = os.path.dirname(os.path.abspath(__file__))
STUB = os.path.join(os.path.dirname(HERE), "stubs", "oneroster_stub.py")
FIXTURE = os.path.join(os.path.dirname(HERE), "stubs", "oneroster-fixture.json")
BASE = "/ims/oneroster/v1p1"
CLIENT_ID = "borikan-test"
SECRET = "s3cret:with/odd+chars"        # the stub's default: ':' '/' '+' must be URL-encoded
SCOPE = "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly"
FIRST_PORT = int(os.environ.get("BORIKAN_ONEROSTER_PORT", "18420"))
PORTS = range(FIRST_PORT, FIRST_PORT + 20)

_procs = []
_main = {}


def start_stub(*args, skip=()):
    """Starts a stub on the first free port of PORTS; returns (port, process, seconds it
    took to be ready)."""
    for port in PORTS:
        if port in skip:
            continue
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/python3", STUB, "--port", str(port),
                              "--parent-pid", str(os.getpid())] + list(args),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = p.stdout.readline()
        if line.startswith("ready "):
            _procs.append(p)
            return port, p, time.monotonic() - t0
        rc = p.wait(timeout=10)
        if rc != 98:          # 98: port taken, try the next one
            raise AssertionError("the stub did not start (rc %s): %s" % (rc, p.stderr.read()))
    raise AssertionError("no free port in %s" % PORTS)


def stop_stub(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()
    for f in (p.stdout, p.stderr):
        f.close()
    if p in _procs:
        _procs.remove(p)


def _stop_all():
    for p in list(_procs):
        stop_stub(p)


atexit.register(_stop_all)


def setup_module():
    port, p, _ = start_stub("--data", FIXTURE, "--generate", "classes=3,students=25,codes=ascii")
    _main.update(port=port, proc=p)


def teardown_module():
    _stop_all()


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.raw = status, headers, body
        try:
            self.json = json.loads(body.decode("utf-8")) if body else None
        except ValueError:
            self.json = None

    def minor(self):
        """The codeMinor of a statusInfoSet error body."""
        info = self.json["statusInfoSet"][0]
        return info["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]

    def links(self):
        return {rel: url for url, rel in re.findall(r'<([^>]+)>\s*;\s*rel="(\w+)"',
                                                    self.headers.get("link", ""))}

    def __repr__(self):
        return "<%d %s>" % (self.status, self.raw[:300])


def call(method, path, headers=None, body=None, port=None, timeout=5):
    conn = http.client.HTTPConnection("127.0.0.1", port or _main["port"], timeout=timeout)
    try:
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
            headers = dict(headers or {}, **{"Content-Type": "application/json"})
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        return Reply(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
    finally:
        conn.close()


def control(method, what, doc=None, port=None):
    r = call(method, "/_stub/" + what, body=doc if doc is not None else None, port=port)
    assert r.status == 200, r
    return r.json


def basic(ident, secret, encode=True):
    q = urllib.parse.quote if encode else (lambda s, safe="": s)
    return "Basic " + base64.b64encode(("%s:%s" % (q(ident, safe=""), q(secret, safe=""))).encode()).decode()


def fetch_token(ident=CLIENT_ID, secret=SECRET, encode=True, port=None):
    return call("POST", "/token", {"Authorization": basic(ident, secret, encode),
                                   "Content-Type": "application/x-www-form-urlencoded"},
                urllib.parse.urlencode({"grant_type": "client_credentials", "scope": SCOPE}).encode(),
                port=port)


def token(port=None):
    r = fetch_token(port=port)
    assert r.status == 200, r
    return r.json["access_token"]


def get(path, tok, port=None, timeout=5, **params):
    q = ("?" + urllib.parse.urlencode(params, quote_via=urllib.parse.quote)) if params else ""
    return call("GET", BASE + path + q, {"Authorization": "Bearer " + tok}, port=port, timeout=timeout)


def fresh():
    """Data, settings, faults and calls as at start."""
    control("POST", "reset")


def test_a_token_opens_the_roster_and_after_its_lifetime_every_call_is_401():
    fresh()
    control("POST", "config", {"token_ttl": 2})
    t0 = time.monotonic()
    r = fetch_token()
    assert r.status == 200, r
    assert r.json["token_type"] == "bearer" and r.json["expires_in"] == 2 and r.json["scope"] == SCOPE, r.json
    tok = r.json["access_token"]
    assert get("/terms", tok).status == 200
    time.sleep(max(0.0, t0 + 2.2 - time.monotonic()))
    late = get("/terms", tok)
    assert late.status == 401, late
    assert late.minor() == "unauthorisedrequest", late
    assert "invalid_token" in late.headers.get("www-authenticate", ""), late.headers
    assert get("/classes/cls-sci-1", tok).status == 401
    again = get("/terms", token())
    assert again.status == 200, again
    terms = {t["sourcedId"] for t in again.json["academicSessions"]}
    assert {"term-1-2567", "term-2-2567"} <= terms and "ay-2567" not in terms, terms
    fresh()


def test_wrong_client_credentials_get_invalid_client_and_no_token():
    fresh()
    before = control("GET", "state")["tokens_live"]
    wrong = fetch_token(secret="not-the-secret")
    assert wrong.status == 401 and wrong.json["error"] == "invalid_client", wrong
    assert wrong.headers.get("www-authenticate", "").lower().startswith("basic"), wrong.headers
    assert fetch_token(ident="someone-else").status == 401
    # RFC 6749 2.3.1: id and secret are form-urlencoded first; the raw secret's '+' is a space.
    raw = fetch_token(encode=False)
    assert raw.status == 401 and raw.json["error"] == "invalid_client", raw
    bare = call("POST", "/token", {"Content-Type": "application/x-www-form-urlencoded"},
                b"grant_type=client_credentials")
    assert bare.status == 401, bare
    assert control("GET", "state")["tokens_live"] == before
    anon = call("GET", BASE + "/terms")
    assert anon.status == 401 and anon.minor() == "unauthorisedrequest", anon


def test_a_server_cap_below_the_limit_is_complete_only_by_following_the_links():
    fresh()
    control("POST", "config", {"max_limit": 7})
    tok = token()
    course = get("/courses", tok, filter="courseCode='SUB21102'").json["courses"]
    assert len(course) == 1, course
    classes = get("/courses/%s/classes" % course[0]["sourcedId"], tok).json["classes"]
    assert len(classes) == 1, classes
    cid = classes[0]["sourcedId"]
    first = get("/classes/%s/students" % cid, tok, limit=100)
    assert first.status == 200, first
    assert len(first.json["users"]) == 7, len(first.json["users"])      # fewer than asked, not the end
    assert first.headers["x-total-count"] == "25", first.headers
    assert "next" in first.links() and "last" in first.links(), first.headers
    seen = [u["sourcedId"] for u in first.json["users"]]
    page, pages = first, 1
    while "next" in page.links():
        nxt = urllib.parse.urlsplit(page.links()["next"])
        page = call("GET", nxt.path + "?" + nxt.query, {"Authorization": "Bearer " + tok})
        assert page.status == 200 and len(page.json["users"]) <= 7, page
        seen += [u["sourcedId"] for u in page.json["users"]]
        pages += 1
    assert pages == 4, pages
    want = [e["user"]["sourcedId"] for e in control("GET", "data?type=enrollments")["enrollments"]
            if e["class"]["sourcedId"] == cid and e["role"] == "student"]
    assert len(seen) == len(set(seen)) == 25 and set(seen) == set(want), (len(seen), len(want))
    # Past the end: an empty page, still with the total.
    past = get("/classes/%s/students" % cid, tok, limit=100, offset=25)
    assert past.json["users"] == [] and past.headers["x-total-count"] == "25" and "next" not in past.links()
    fresh()


def test_filter_by_course_code_finds_the_course_and_its_classes():
    fresh()
    tok = token()
    r = get("/courses", tok, filter="courseCode='ว21101'")
    assert r.status == 200, r
    assert [c["sourcedId"] for c in r.json["courses"]] == ["crs-sci"], r.json
    assert r.headers["x-total-count"] == "1"
    classes = get("/courses/crs-sci/classes", tok).json["classes"]
    assert sorted(c["sourcedId"] for c in classes) == ["cls-sci-1", "cls-sci-2"], classes
    both = get("/classes", tok, filter="classCode~'ว21101' AND status='active'")
    assert sorted(c["sourcedId"] for c in both.json["classes"]) == ["cls-sci-1", "cls-sci-2"], both
    term = get("/classes", tok, filter="terms.sourcedId='term-2-2567'")
    assert [c["sourcedId"] for c in term.json["classes"]] == ["cls-eng-1"], term
    bad = get("/courses", tok, filter="courseKode='ว21101'")
    assert bad.status == 400 and bad.minor() == "invalid_filter_field", bad


def test_a_dropped_enrolment_is_reported_tobedeleted_and_leaves_the_class_list():
    fresh()
    tok = token()
    r = get("/schools/sch-spk/classes/cls-sci-1/enrollments", tok)
    assert r.status == 200, r
    status = {e["user"]["sourcedId"]: e["status"] for e in r.json["enrollments"]}
    assert status["usr-s-006"] == "tobedeleted" and status["usr-s-005"] == "active", status
    students = [u["sourcedId"] for u in get("/classes/cls-sci-1/students", tok).json["users"]]
    assert "usr-s-006" not in students and "usr-s-005" in students, students
    teachers = get("/classes/cls-sci-1/teachers", tok).json["users"]
    assert sorted(u["sourcedId"] for u in teachers) == ["usr-t-somchai", "usr-t-wichai"], teachers


def test_the_registrar_changes_a_class_between_runs_and_a_delta_shows_only_that():
    fresh()
    tok = token()
    since = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))
    changed = control("POST", "data", {"patch": [
        {"op": "drop", "class": "cls-sci-1", "user": "usr-s-002"},
        {"op": "enrol", "class": "cls-sci-1", "user": {
            "sourcedId": "usr-s-new", "username": "S6700199", "identifier": "6700199",
            "givenName": "ศุภกร", "familyName": "มีสุข", "role": "student", "orgs": ["sch-spk"]}}]})
    assert changed["changed"] == 2, changed
    delta = get("/enrollments", tok, filter="dateLastModified>'%s'" % since)
    got = {(e["user"]["sourcedId"], e["status"]) for e in delta.json["enrollments"]}
    assert got == {("usr-s-002", "tobedeleted"), ("usr-s-new", "active")}, got
    students = [u["sourcedId"] for u in get("/classes/cls-sci-1/students", tok).json["users"]]
    assert "usr-s-new" in students and "usr-s-002" not in students, students
    fresh()
    back = [u["sourcedId"] for u in get("/classes/cls-sci-1/students", tok).json["users"]]
    assert "usr-s-002" in back and "usr-s-new" not in back, back


def test_unknown_ids_and_bad_parameters_get_the_oneroster_error_envelope():
    fresh()
    tok = token()
    r = get("/classes/no-such-class", tok)
    assert r.status == 404, r
    info = r.json["statusInfoSet"][0]
    assert info["imsx_codeMajor"] == "failure" and info["imsx_severity"] == "error", info
    assert r.minor() == "unknownobject" and "no-such-class" in info["imsx_description"], info
    assert get("/users/nobody/classes", tok).status == 404
    assert get("/terms/cls-sci-1", tok).status == 404             # a class is not a term
    nested = get("/classes/cls-sci-1/enrollments", tok)             # not a 1.1 operation
    assert nested.status == 404 and nested.minor() == "unknownobject", nested
    lim = get("/users", tok, limit="lots")
    assert lim.status == 400 and lim.minor() == "invaliddata", lim
    sel = get("/users", tok, fields="sourcedId,shoeSize")
    assert sel.status == 400 and sel.minor() == "invalid_selection_field", sel


def test_injected_server_errors_answer_count_times_on_their_path_then_stop():
    fresh()
    tok = token()
    control("POST", "fault", {"mode": "http500", "count": 2, "path": "/classes"})
    a = get("/classes/cls-sci-1", tok)
    assert a.status == 500 and a.minor() == "internal_server_error", a
    assert get("/terms", tok).status == 200                         # another path: unaffected
    assert get("/classes", tok).status == 500
    assert get("/classes/cls-sci-1", tok).status == 200
    control("POST", "fault", {"mode": "http503", "count": 1, "retry_after": 3})
    busy = get("/users/usr-s-001", tok)
    assert busy.status == 503 and busy.headers.get("retry-after") == "3" and busy.minor() == "server_busy", busy
    assert get("/users/usr-s-001", tok).status == 200


def test_injected_hang_and_refused_connection_are_what_a_client_sees_on_the_wire():
    fresh()
    tok = token()
    control("POST", "fault", {"mode": "hang", "seconds": 1.5, "path": "/terms"})
    try:
        get("/terms", tok, timeout=0.4)
        raise AssertionError("a hung call answered")
    except socket.timeout:      # after the hang the stub closes without an answer: not a timeout
        pass
    control("POST", "fault", {"mode": "refuse", "path": "/terms"})
    try:
        r = get("/terms", tok)
        raise AssertionError("a refused call answered: %r" % r)
    except (ConnectionError, http.client.RemoteDisconnected):
        pass
    assert get("/terms", tok).status == 200


def test_an_expire_token_fault_revokes_the_tokens_in_use():
    fresh()
    tok = token()
    assert get("/terms", tok).status == 200
    control("POST", "fault", {"mode": "expire-token"})
    r = get("/terms", tok)
    assert r.status == 401 and r.minor() == "unauthorisedrequest", r
    assert get("/terms", token()).status == 200


def test_every_call_is_logged_with_its_status_and_rows():
    fresh()
    tok = token()
    get("/classes/cls-sci-1/students", tok, limit=2)
    get("/classes/nope", tok)
    log = control("GET", "calls")
    assert log["count"] == 3, log
    t, page, missing = log["calls"]
    assert (t["method"], t["endpoint"], t["status"], t["auth"]) == ("POST", "/token", 200, "basic"), t
    assert (page["endpoint"], page["status"], page["rows"], page["total"]) == (
        BASE + "/classes/cls-sci-1/students", 200, 2, 5), page
    assert page["auth"] == "bearer" and "limit=2" in page["path"], page
    assert (missing["status"], missing["rows"]) == (404, None), missing
    assert control("GET", "calls?since=2")["calls"] == [missing]


def test_the_generator_makes_200_classes_of_40_students_in_a_few_seconds():
    port, p, took = start_stub("--generate", "classes=200,students=40", skip=(_main["port"],))
    try:
        assert took < 5, "ready after %.1f s" % took
        counts = control("GET", "state", port=port)["counts"]
        assert (counts["classes"], counts["courses"], counts["students"], counts["enrollments"]) == (
            200, 200, 8000, 8200), counts
        tok = token(port=port)
        r = get("/classes", tok, port=port, limit=1, offset=199)
        assert r.headers["x-total-count"] == "200" and len(r.json["classes"]) == 1, r
        last = r.json["classes"][0]["sourcedId"]
        s = get("/classes/%s/students" % last, tok, port=port, limit=100)
        users = s.json["users"]
        assert len(users) == 40 and s.headers["x-total-count"] == "40", s.headers
        assert all(re.search("[\u0e00-\u0e7f]", u["givenName"] + u["familyName"]) for u in users), users[0]
        assert len({u["username"] for u in users}) == 40 and users[0]["username"].startswith("S"), users[0]
        # Deterministic: the same spec again makes the same sourcedIds (nothing new).
        again = control("POST", "data", {"generate": "classes=200,students=40"}, port=port)
        assert again["counts"] == counts, again
    finally:
        stop_stub(p)
