"""The LMS connection settings (issue 4): an administrator saves a Moodle site and a
OneRoster service; the token and the client secret never come back in a page or the log;
"test connection" reports the site's name, its release, missing functions and the number
of terms, or the classified error (invalidtoken, connection refused, a redirect to another
host); http to a real host is refused; only administrators may see or change any of it.

The two services are a small stub of our own here (the full stateful stubs are
tests/stubs/): Moodle's core_webservice_get_site_info with its real error object for an
unknown token (HTTP 200, exception/errorcode/message), and OneRoster 1.1's OAuth 2
client-credentials token endpoint and GET academicSessions with its 401 statusInfoSet
for a missing or unknown bearer token. It keeps state (tokens issued, calls seen)."""
import base64
import http.server
import json
import os
import socket
import threading
import time
import urllib.parse

import harness as h

ORDER = 60

PORT_BASE = int(os.environ.get("BORIKAN_LMS_STUB_PORT", "18440"))
WSTOKEN = "5f4dcc3b5aa765d61d8327deb882cf99"
CLIENT_ID = "borikan:client"              # a ':' in the id: Basic auth must url-encode it
CLIENT_SECRET = "s3cr&t+value/ลับ"          # '&', '+', '/' and Thai: escaped in the body and header
SCOPE = "https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly"
NEEDED = ["core_webservice_get_site_info", "core_course_get_categories",
          "core_course_create_categories", "core_course_get_courses_by_field",
          "core_course_create_courses", "core_course_update_courses",
          "core_user_get_users_by_field", "core_user_create_users", "core_user_update_users",
          "enrol_manual_enrol_users", "core_enrol_get_enrolled_users"]


def free_port(start):
    for p in range(start, start + 20):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", p))
            return p
        except OSError:
            continue
        finally:
            s.close()
    raise AssertionError("no free stub port from %d" % start)


class Stub:
    """Moodle REST + OneRoster 1.1 on one loopback port, with state."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tokens = {}          # bearer token -> expiry (monotonic)
        self.calls = []           # (method, path, form or query)
        self.functions = list(NEEDED)
        self.terms = [{"sourcedId": "t-%d" % i, "status": "active", "type": "term",
                       "title": "%d/2569" % i, "startDate": "2026-05-16",
                       "endDate": "2026-09-30"} for i in (1, 2)] + [
            {"sourcedId": "t-3", "status": "active", "type": "term", "title": "1/2570",
             "startDate": "2027-05-16", "endDate": "2027-09-30"},
            {"sourcedId": "y-2569", "status": "active", "type": "schoolYear",
             "title": "2569", "startDate": "2026-05-16", "endDate": "2027-03-31"}]
        self.page_cap = 2         # the server caps pages: paging must go on past it
        self.redirect_to = None   # "http://host/..." answers every request with a 302
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def send(self, status, obj, headers=()):
                body = b"" if obj is None else json.dumps(obj).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for k, v in headers:
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def redirected(self):
                if stub.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", stub.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return True
                return False

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(n).decode()
                form = urllib.parse.parse_qs(raw, keep_blank_values=True)
                url = urllib.parse.urlsplit(self.path)
                with stub.lock:
                    stub.calls.append(("POST", url.path, form, url.query,
                                       dict(self.headers)))
                if self.redirected():
                    return
                if url.path == "/moodle/webservice/rest/server.php":
                    return self.moodle(form, url.query)
                if url.path == "/oauth/token":
                    return self.token(form)
                self.send(404, {"error": "no such path"})

            def moodle(self, form, query):
                one = {k: v[0] for k, v in form.items()}
                if one.get("moodlewsrestformat") != "json":
                    body = b"<?xml version='1.0'?><RESPONSE/>"
                    self.send_response(200)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                # Moodle 4.1: an error is HTTP 200 with this object.
                if one.get("wstoken") != WSTOKEN:
                    return self.send(200, {"exception": "moodle_exception",
                                           "errorcode": "invalidtoken",
                                           "message": "Jeton invalide - jeton introuvable"})
                if one.get("wsfunction") != "core_webservice_get_site_info":
                    return self.send(200, {"exception": "dml_missing_record_exception",
                                           "errorcode": "invalidrecord",
                                           "message": "Can't find data record"})
                self.send(200, {"sitename": "มหาวิทยาลัยทดสอบ <LMS> & Co", "username": "ws-borikan",
                                "firstname": "WS", "lastname": "Borikan", "userid": 3,
                                "siteurl": "https://lms.example.ac.th", "lang": "th",
                                "release": "4.1.10 (Build: 20240422)", "version": "2022112810",
                                "functions": [{"name": f, "version": "2022112810"}
                                              for f in stub.functions]})

            def token(self, form):
                auth = self.headers.get("Authorization", "")
                ok = False
                if auth.startswith("Basic "):
                    try:
                        idp, _, secp = base64.b64decode(auth[6:]).decode().partition(":")
                        ok = (urllib.parse.unquote(idp) == CLIENT_ID and
                              urllib.parse.unquote(secp) == CLIENT_SECRET)
                    except ValueError:
                        ok = False
                if not ok:
                    return self.send(401, {"error": "invalid_client"},
                                     [("WWW-Authenticate", 'Basic realm="oneroster"')])
                if form.get("grant_type") != ["client_credentials"]:
                    return self.send(400, {"error": "unsupported_grant_type"})
                if form.get("scope") != [SCOPE]:
                    return self.send(400, {"error": "invalid_scope"})
                tok = base64.b32encode(os.urandom(20)).decode().lower()
                with stub.lock:
                    stub.tokens[tok] = time.monotonic() + 3600
                self.send(200, {"access_token": tok, "token_type": "bearer",
                                "expires_in": 3600, "scope": SCOPE})

            def do_GET(self):
                url = urllib.parse.urlsplit(self.path)
                q = urllib.parse.parse_qs(url.query)
                with stub.lock:
                    stub.calls.append(("GET", url.path, q, url.query, dict(self.headers)))
                if self.redirected():
                    return
                auth = self.headers.get("Authorization", "")
                tok = auth[7:] if auth.startswith("Bearer ") else None
                with stub.lock:
                    valid = tok is not None and stub.tokens.get(tok, 0) > time.monotonic()
                if not valid:
                    return self.send(401, {"statusInfoSet": [{
                        "imsx_codeMajor": "failure", "imsx_severity": "error",
                        "imsx_CodeMinor": {"imsx_codeMinorField": [{
                            "imsx_codeMinorFieldName": "TargetEndSystem",
                            "imsx_codeMinorFieldValue": "unauthorisedrequest"}]},
                        "imsx_description": "Missing or invalid access token"}]})
                if url.path != "/sis/ims/oneroster/v1p1/academicSessions":
                    return self.send(404, {"statusInfoSet": [{
                        "imsx_codeMajor": "failure", "imsx_severity": "error",
                        "imsx_CodeMinor": {"imsx_codeMinorField": [{
                            "imsx_codeMinorFieldName": "TargetEndSystem",
                            "imsx_codeMinorFieldValue": "unknownobject"}]}}]})
                rows = stub.terms
                f = q.get("filter", [None])[0]
                if f is not None:
                    if f != "type='term'":
                        return self.send(400, {"statusInfoSet": [{
                            "imsx_codeMajor": "failure", "imsx_severity": "error",
                            "imsx_CodeMinor": {"imsx_codeMinorField": [{
                                "imsx_codeMinorFieldName": "TargetEndSystem",
                                "imsx_codeMinorFieldValue": "invalid_filter_field"}]}}]})
                    rows = [r for r in rows if r["type"] == "term"]
                limit = min(int(q.get("limit", ["100"])[0]), stub.page_cap)
                offset = int(q.get("offset", ["0"])[0])
                page = rows[offset:offset + limit]
                self.send(200, {"academicSessions": page},
                          [("X-Total-Count", str(len(rows)))])

        self.port = free_port(PORT_BASE)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.port

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


stub = None


def setup_module():
    global stub
    h.ensure_unit("lms-ict", "group")
    h.ensure_person("lms.admin", "lms-ict", roles=["administrator"])
    h.ensure_person("lms.officer", "lms-ict", roles=["ict-officer", "ict-head"])
    h.sql("DELETE FROM lms_site WHERE name LIKE 'lms-test-%'")
    stub = Stub()


def teardown_module():
    if stub is not None:
        stub.stop()


def admin_browser(lang="th"):
    b = h.Browser(lang)
    b.login("lms.admin")
    return b


def fields(name, **over):
    f = {"action": "save", "id": "", "name": name,
         "moodle_url": stub.base + "/moodle/", "moodle_token": WSTOKEN,
         "roster_base_url": stub.base + "/sis", "roster_token_url": stub.base + "/oauth/token",
         "roster_client_id": CLIENT_ID, "roster_secret": CLIENT_SECRET, "roster_scope": ""}
    f.update(over)
    return f


def post(b, path, data, expect):
    r = b.get("/admin/lms")
    assert r.status == 200, r
    csrf = b.hidden("csrf", form_action="/admin/lms")
    assert csrf, "no csrf field on /admin/lms"
    r = b.post(path, dict(data, csrf=csrf))
    assert r.status == expect, "%s: %d, expected %d: %s" % (path, r.status, expect,
                                                           r.text[:300])
    return r


def site_id(name):
    rows = h.sql("SELECT id FROM lms_site WHERE name = '%s'" % name)
    assert rows, "no site %s" % name
    return rows[0][0]


def add_site(b, name, **over):
    r = post(b, "/admin/lms", fields(name, **over), 303)
    assert r.header("Location") == "/admin/lms?done=added", r.header("Location")
    return site_id(name)


def run_connection_test(b, sid):
    t0 = time.monotonic()
    r = post(b, "/admin/lms/test", {"id": sid}, 303)
    took = time.monotonic() - t0
    assert r.header("Location") == "/admin/lms?done=tested"
    doc = b.get("/admin/lms").html()
    m, ro = doc.by_id("test-moodle-%s" % sid), doc.by_id("test-roster-%s" % sid)
    assert m is not None and ro is not None, "no test result for site %s" % sid
    return h.norm(m.text()), h.norm(ro.text()), took


SECRETS = (WSTOKEN, CLIENT_SECRET, urllib.parse.quote(CLIENT_SECRET, safe=""),
           urllib.parse.quote_plus(CLIENT_SECRET))


def assert_no_secret(text, where):
    for s in SECRETS:
        assert s not in text, "a secret (%s...) appears in %s" % (s[:6], where)


def test_settings_are_saved_and_secrets_never_come_back():
    log0 = h.log_size()
    b = admin_browser()
    sid = add_site(b, "lms-test-main")
    row = h.sql("SELECT moodle_url, roster_base_url, roster_client_id, roster_scope,"
                " moodle_token_enc, roster_secret_enc FROM lms_site WHERE id = %s" % sid)[0]
    assert row[:4] == [stub.base + "/moodle/", stub.base + "/sis", CLIENT_ID, SCOPE], row
    # Stored sealed: not the secret, not its encodings.
    assert row[4].startswith("v1:") and row[5].startswith("v1:"), row[4:]
    for s in SECRETS:
        assert s not in row[4] and s not in row[5]

    for lang in ("th", "en"):
        page = b.get("/admin/lms?lang=" + lang)
        assert page.status == 200
        assert_no_secret(page.text, "the page (%s)" % lang)
        doc = page.html()
        sec = doc.by_id("site-%s" % sid)
        assert sec is not None and "lms-test-main" in sec.text()
        tok = doc.by_id("lms-%s-moodle_token" % sid)
        assert tok.get("type") == "password" and tok.get("value") == "", tok
        hint = h.norm(doc.by_id("lms-%s-moodle_token-h" % sid).text())
        assert "••••" in hint, hint
        assert doc.by_id("lms-%s-roster_client_id" % sid).get("value") == CLIENT_ID

    # An empty secret field keeps the stored one; a new name is saved.
    enc_before = h.sql("SELECT moodle_token_enc, roster_secret_enc FROM lms_site"
                       " WHERE id = %s" % sid)[0]
    r = post(b, "/admin/lms", fields("lms-test-main", id=sid, moodle_token="",
                                     roster_secret=""), 303)
    assert r.header("Location") == "/admin/lms?done=saved"
    assert h.sql("SELECT moodle_token_enc, roster_secret_enc FROM lms_site"
                 " WHERE id = %s" % sid)[0] == enc_before
    page = b.get("/admin/lms?done=saved&lang=th")
    assert "บันทึกการตั้งค่าแล้ว" in page.text
    assert_no_secret(page.text, "the page after saving")
    assert_no_secret(h.log_since(log0), "the log")


def test_test_connection_reports_the_site_and_the_terms():
    log0 = h.log_size()
    b = admin_browser("en")
    sid = add_site(b, "lms-test-ok")
    calls0 = len(stub.calls)
    moodle, roster, took = run_connection_test(b, sid)
    assert "มหาวิทยาลัยทดสอบ <LMS> & Co" in moodle, moodle   # escaped, shown as text
    assert "4.1.10" in moodle and "ws-borikan" in moodle, moodle
    assert "Every function the provisioning needs is there" in moodle, moodle
    # 3 terms (the school year is not one), over pages of 2 (the server's cap).
    assert "3 terms found" in roster, roster
    calls = stub.calls[calls0:]
    ws = [c for c in calls if c[1] == "/moodle/webservice/rest/server.php"]
    assert len(ws) == 1 and ws[0][3] == "", "the token must travel in the body, not the URL"
    assert ws[0][2]["wstoken"] == [WSTOKEN] and ws[0][2]["moodlewsrestformat"] == ["json"]
    pages = [c for c in calls if c[1].endswith("/academicSessions")]
    assert len(pages) == 2 and all(p[2].get("filter") == ["type='term'"] for p in pages), \
        [p[3] for p in pages]
    tok = [c for c in calls if c[1] == "/oauth/token"]
    assert len(tok) == 1 and tok[0][4].get("Authorization", "").startswith("Basic ")
    assert h.sql("SELECT JSON_VALUE(last_test_result, '$.roster.terms') FROM lms_site"
                 " WHERE id = %s" % sid) == [["3"]]
    assert took < 10, "the test took %.1f s" % took
    # Thai, too.
    b.lang = "th"
    doc = b.get("/admin/lms?lang=th").html()
    assert "พบภาคเรียน 3 ภาค" in h.norm(doc.by_id("test-roster-%s" % sid).text())
    assert_no_secret(h.log_since(log0), "the log")


def test_missing_functions_are_named():
    b = admin_browser("en")
    sid = add_site(b, "lms-test-missing")
    stub.functions = [f for f in NEEDED if f != "enrol_manual_enrol_users"]
    try:
        moodle, _, _ = run_connection_test(b, sid)
    finally:
        stub.functions = list(NEEDED)
    assert "lacks functions" in moodle and "enrol_manual_enrol_users" in moodle, moodle
    assert "core_user_create_users" not in moodle


def test_a_bad_token_reports_invalidtoken_and_a_bad_secret_the_token_endpoint():
    b = admin_browser("en")
    sid = add_site(b, "lms-test-badtoken", moodle_token="0" * 32,
                   roster_secret="not-the-secret")
    moodle, roster, _ = run_connection_test(b, sid)
    assert "the web-service token is not accepted (invalidtoken)" in moodle, moodle
    assert "refused the client id or secret (HTTP 401 invalid_client)" in roster, roster
    doc = b.get("/admin/lms?lang=th").html()
    assert "(invalidtoken)" in doc.by_id("test-moodle-%s" % sid).text()


def test_a_stopped_service_reports_connection_refused():
    b = admin_browser("en")
    port = free_port(PORT_BASE + 10)       # nothing listens there
    dead = "http://127.0.0.1:%d" % port
    sid = add_site(b, "lms-test-down", moodle_url=dead + "/moodle",
                   roster_base_url=dead + "/sis", roster_token_url=dead + "/oauth/token")
    moodle, roster, took = run_connection_test(b, sid)
    assert moodle.endswith("connection refused"), moodle
    assert roster.endswith("connection refused"), roster
    assert took < 5, took


def test_http_to_another_host_is_refused():
    b = admin_browser("en")
    for field in ("moodle_url", "roster_base_url", "roster_token_url"):
        r = post(b, "/admin/lms", fields("lms-test-plain", **{field: "http://lms.example.ac.th/"}),
                 422)
        doc = r.html()
        err = doc.by_id("lms--%s-e" % field)
        assert err is not None and "must begin with https://" in err.text(), field
        assert_no_secret(r.text, "the refusal page")
        # What was typed comes back, but never a secret.
        assert doc.by_id("lms--name").get("value") == "lms-test-plain"
        assert doc.by_id("lms--moodle_token").get("value") == ""
    r = post(b, "/admin/lms", fields("lms-test-plain", moodle_url="https://u:p@lms.example/"), 422)
    assert "no user name, password" in r.text
    r = post(b, "/admin/lms", fields("", moodle_token="short"), 422)
    doc = r.html()
    assert "Enter the connection name." in doc.by_id("lms--name-e").text()
    assert "16 to 128 characters" in doc.by_id("lms--moodle_token-e").text()
    r = post(b, "/admin/lms", fields("lms-test-plain", moodle_token="", roster_secret=""), 422)
    assert "Enter the web-service token." in r.text and "Enter the client secret." in r.text
    r = admin_browser("th")
    r = post(r, "/admin/lms", fields("lms-test-plain", moodle_url="ftp://x/"), 422)
    assert "ที่อยู่ต้องขึ้นต้นด้วย https://" in r.text
    assert h.sql("SELECT COUNT(*) FROM lms_site WHERE name = 'lms-test-plain'") == [["0"]]


def test_a_redirect_to_another_host_is_not_followed():
    b = admin_browser("en")
    sid = add_site(b, "lms-test-redirect")
    stub.redirect_to = "https://evil.example.net/steal?x=1"
    calls0 = len(stub.calls)
    try:
        moodle, roster, _ = run_connection_test(b, sid)
    finally:
        stub.redirect_to = None
    assert "redirects to evil.example.net" in moodle, moodle
    assert "redirects to evil.example.net" in roster, roster
    # One request each to the stub, none followed anywhere.
    paths = [c[1] for c in stub.calls[calls0:]]
    assert paths == ["/moodle/webservice/rest/server.php", "/oauth/token"], paths


def test_non_administrators_get_403():
    sid = site_id("lms-test-main")
    b = h.Browser("en")
    b.login("lms.officer")
    assert b.get("/admin/lms").status == 403
    b.get("/account")
    csrf = b.hidden("csrf")
    assert csrf
    assert b.post("/admin/lms", fields("lms-test-officer", csrf=csrf)).status == 403
    calls0 = len(stub.calls)
    assert b.post("/admin/lms/test", {"csrf": csrf, "id": sid}).status == 403
    assert len(stub.calls) == calls0, "a refused test still called the services"
    assert h.sql("SELECT COUNT(*) FROM lms_site WHERE name = 'lms-test-officer'") == [["0"]]
    # Signed out: sent to sign in, never the page.
    r = h.get("/admin/lms")
    assert r.status in (302, 303) and "/login" in (r.header("Location") or ""), r
    # An administrator without the page's CSRF token is refused too.
    a = admin_browser()
    a.get("/admin/lms")
    assert a.post("/admin/lms/test", {"id": sid}).status == 403
