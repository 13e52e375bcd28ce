"""Shared helpers of the integration tests: HTTP, HTML, the process definitions, the
processes of the stack (master, workers, MariaDB), /metrics, and a bounded request loop.

Python 3 standard library only (Debian's /usr/bin/python3). The environment is the one
`./dev test` exports: BORIKAN_URL, BORIKAN_ROOT, BORIKAN_OUT, BORIKAN_VAR, BORIKAN_WORKERS...
"""
import gzip
import html.parser
import http.client
import os
import re
import signal
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

URL = os.environ.get("BORIKAN_URL", "http://127.0.0.1:8080").rstrip("/")
ROOT = os.environ.get("BORIKAN_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))
OUT = os.environ.get("BORIKAN_OUT", "/tmp/borikan-itest-out")
VAR = os.environ.get("BORIKAN_VAR", os.path.join(ROOT, "var"))
WORKERS = int(os.environ.get("BORIKAN_WORKERS", "2"))
TIMEOUT = 15.0

_u = urllib.parse.urlsplit(URL)
HOST = _u.hostname or "127.0.0.1"
PORT = _u.port or 80


def note(text):
    """A remark for the operator (counts, timings): stderr and $BORIKAN_OUT/notes.txt,
    never stdout, whose lines are the results."""
    import sys
    sys.stderr.write("   note: %s\n" % text)
    sys.stderr.flush()
    try:
        os.makedirs(OUT, exist_ok=True)
        with open(os.path.join(OUT, "integration-notes.txt"), "a", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError:
        pass


def norm(s):
    """Whitespace folded to single spaces, as XSLT's normalize-space()."""
    return " ".join((s or "").split())


# ---- HTTP ------------------------------------------------------------------------------

class Response:
    def __init__(self, status, reason, headers, body):
        self.status = status
        self.reason = reason
        self.headers = headers          # list of (name, value), in order
        self.body = body                # bytes, as received (gzip not undone)

    def header(self, name, default=None):
        """The first header of that name (case-insensitive), or default."""
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return default

    def header_all(self, name):
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def ctype(self):
        return (self.header("Content-Type") or "").split(";")[0].strip().lower()

    @property
    def text(self):
        body = self.body
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            body = gzip.decompress(body)
        return body.decode("utf-8")

    def html(self):
        return parse_html(self.text)

    def __repr__(self):
        return "<%d %s, %s, %d bytes>" % (self.status, self.reason, self.ctype, len(self.body))


def request(method, path, headers=None, body=None, timeout=TIMEOUT):
    """One request on a new connection. path is sent as given (it may hold raw escapes)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        hdrs = {"Connection": "close"}
        hdrs.update(headers or {})
        conn.request(method, path, body=body, headers=hdrs)
        r = conn.getresponse()
        data = r.read()
        return Response(r.status, r.reason, list(r.getheaders()), data)
    finally:
        conn.close()


def get(path, headers=None, **kw):
    return request("GET", path, headers=headers, **kw)


def set_cookies(resp):
    """{name: (value, attributes string)} of the Set-Cookie headers."""
    out = {}
    for v in resp.header_all("Set-Cookie"):
        first, _, attrs = v.partition(";")
        name, _, value = first.strip().partition("=")
        out[name] = (value, attrs)
    return out


# ---- HTML ------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children = []      # Element or str

    def get(self, name, default=None):
        return self.attrs.get(name, default)

    @property
    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self, tag=None):
        """This element and its descendants, document order."""
        stack = [self]
        while stack:
            e = stack.pop()
            if tag is None or e.tag == tag:
                yield e
            stack.extend(c for c in reversed(e.children) if isinstance(c, Element))

    def find_all(self, tag=None, cls=None, **attrs):
        out = []
        for e in self.iter(tag):
            if cls is not None and cls not in e.classes:
                continue
            if any(e.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(e)
        return out

    def find(self, tag=None, cls=None, **attrs):
        r = self.find_all(tag, cls, **attrs)
        return r[0] if r else None

    def by_id(self, id_):
        for e in self.iter():
            if e.attrs.get("id") == id_:
                return e
        return None

    def text(self, skip=()):
        parts = []

        def walk(e):
            for c in e.children:
                if isinstance(c, str):
                    parts.append(c)
                elif c.tag not in skip:
                    walk(c)
        walk(self)
        return "".join(parts)

    def ancestors(self):
        e = self.parent
        while e is not None:
            yield e
            e = e.parent

    def __repr__(self):
        return "<%s %s>" % (self.tag, " ".join('%s="%s"' % kv for kv in self.attrs.items()))


class _TreeBuilder(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.cur = self.root
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        e = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(e)
        if tag not in VOID:
            self.cur = e

    def handle_startendtag(self, tag, attrs):
        e = Element(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(e)

    def handle_endtag(self, tag):
        e = self.cur
        while e is not None and e.tag != tag:
            e = e.parent
        if e is not None and e.parent is not None:
            self.cur = e.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(text):
    """The document as a tree of Element (tag and attribute names lower-cased)."""
    b = _TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def html_lang(doc):
    h = doc.find("html")
    return h.get("lang") if h is not None else None


def internal_leaks(text):
    """Words that should never reach a client: paths, engines, stylesheets, traces."""
    found = []
    for word in ("/work", "mariadb", "mysql", "traceback", "borikan.h", ".xsl", "stack",
                 "sqlstate", "libxml", "libxslt", "segfault", "asan"):
        if word in text.lower():
            found.append(word)
    if "SQL" in text:
        found.append("SQL")
    return found


# ---- process definitions ---------------------------------------------------------------

class Step:
    def __init__(self, el):
        self.id = el.get("id")
        self.kind = el.get("kind")
        lab = el.find("label")
        self.label = {"th": norm(lab.findtext("th")), "en": norm(lab.findtext("en"))}


class Process:
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.raw = f.read()
        root = ET.fromstring(self.raw)
        self.code = root.get("code")
        self.group = root.get("group")
        self.order = int(root.get("order", "1000"))
        t = root.find("title")
        self.title = {"th": norm(t.findtext("th")), "en": norm(t.findtext("en"))}
        self.steps = [Step(s) for s in root.find("steps").findall("step")]
        self.root = root

    def request_fields(self):
        """(name, type, [option values]) of the request form: the form of the first step."""
        first = self.steps[0].id
        for form in self.root.find("forms").findall("form"):
            if form.get("step") in (first, "start"):
                return [(f.get("name"), f.get("type"),
                         [o.get("value") for o in f.findall("option")])
                        for f in form.findall("field")]
        return []


_processes = None


def processes():
    """Every definition of $BORIKAN_ROOT/processes/*.xml, sorted by file name."""
    global _processes
    if _processes is None:
        d = os.path.join(ROOT, "processes")
        _processes = [Process(os.path.join(d, n)) for n in sorted(os.listdir(d))
                      if n.endswith(".xml")]
    return _processes


# ---- processes of the stack ------------------------------------------------------------

def read_pid(path):
    with open(path) as f:
        return int(f.read().strip())


def master_pid():
    return read_pid(os.path.join(VAR, "run", "borikan.pid"))


def mysqld_pid():
    return read_pid(os.path.join(VAR, "run", "db", "mysqld.pid"))


def pid_alive(pid):
    """True if pid exists and is not a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
    except OSError:
        return False
    return st.rpartition(")")[2].split()[0] != "Z"


def children(ppid):
    """Live (non-zombie) children of ppid, from /proc/*/stat."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % d) as f:
                st = f.read()
        except OSError:
            continue
        fields = st.rpartition(")")[2].split()
        # fields[0] = state, fields[1] = ppid
        if len(fields) > 1 and int(fields[1]) == ppid and fields[0] != "Z":
            out.append(int(d))
    return sorted(out)


def comm(pid):
    """The process's name (/proc/PID/comm): job runners call themselves borikan-runner."""
    try:
        with open("/proc/%d/comm" % pid) as f:
            return f.read().strip()
    except OSError:
        return ""


def workers():
    """The request workers of the master (its children that are not job runners)."""
    return [p for p in children(master_pid()) if comm(p) != "borikan-runner"]


def runners():
    """The job runners of the master."""
    return [p for p in children(master_pid()) if comm(p) == "borikan-runner"]


def wait_until(fn, timeout, interval=0.05):
    """Calls fn until it returns a true value; that value, or None at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        v = fn()
        if v:
            return v
        if time.monotonic() >= deadline:
            return None
        time.sleep(interval)


def wait_workers_settled(timeout=15):
    """Waits until the master has exactly BORIKAN_WORKERS live children; their pids."""
    r = wait_until(lambda: (lambda w: w if len(w) == WORKERS else None)(workers()), timeout)
    assert r, "the master %d does not have %d workers: %s" % (master_pid(), WORKERS, workers())
    return r


def wait_healthy(timeout=15):
    def ok():
        try:
            return get("/healthz", timeout=3).status == 200
        except OSError:
            return False
    return wait_until(ok, timeout, 0.1)


def log_path():
    return os.path.join(VAR, "log", "borikan.log")


def log_size():
    try:
        return os.path.getsize(log_path())
    except OSError:
        return 0


def log_since(offset):
    with open(log_path(), "rb") as f:
        f.seek(offset)
        return f.read().decode("utf-8", "replace")


def dev(*args, timeout=300):
    """Runs $BORIKAN_ROOT/dev with the inherited environment; (returncode, output)."""
    p = subprocess.run([os.path.join(ROOT, "dev")] + list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=timeout, cwd=ROOT)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def kill(pid, sig):
    os.kill(pid, sig)


SIGKILL, SIGHUP, SIGTERM = signal.SIGKILL, signal.SIGHUP, signal.SIGTERM


# ---- /metrics --------------------------------------------------------------------------

_metric_line = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$')
_label = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


class Metrics:
    def __init__(self, text):
        self.text = text
        self.samples = []       # (name, {labels}, float)
        self.types = {}
        for line in text.splitlines():
            if line.startswith("# TYPE "):
                parts = line.split()
                if len(parts) >= 4:
                    self.types[parts[2]] = parts[3]
                continue
            if not line.strip() or line.startswith("#"):
                continue
            m = _metric_line.match(line)
            assert m, "not a Prometheus sample line: %r" % line
            labels = dict(_label.findall(m.group(2) or ""))
            self.samples.append((m.group(1), labels, float(m.group(3))))

    def value(self, name, default=None, **labels):
        """The sample of name with exactly these labels."""
        for n, l, v in self.samples:
            if n == name and l == labels:
                return v
        return default

    def all(self, name):
        return [(l, v) for n, l, v in self.samples if n == name]


def metrics():
    r = get("/metrics")
    assert r.status == 200, "/metrics answered %d" % r.status
    return Metrics(r.text)


# ---- a bounded request loop ------------------------------------------------------------

class Loop:
    """Threads requesting paths in turn until stopped, max_seconds or max_requests, at most
    rate requests per second in all (paced, so that the load lasts through what the test
    does). Every request is recorded as (start, end, path, status or error text)."""

    def __init__(self, paths, threads=3, max_seconds=10.0, max_requests=2000, timeout=10,
                 rate=200.0):
        self.paths = paths
        self.interval = threads / float(rate)
        self.nthreads = threads
        self.max_seconds = max_seconds
        self.max_requests = max_requests
        self.timeout = timeout
        self.records = []
        self.lock = threading.Lock()
        self.stop_ev = threading.Event()
        self.threads = []
        self.count = 0

    def _run(self, k):
        i = k
        deadline = self.t0 + self.max_seconds
        due = self.t0 + k * self.interval / self.nthreads
        while not self.stop_ev.is_set() and time.monotonic() < deadline:
            wait = due - time.monotonic()
            if wait > 0:
                if self.stop_ev.wait(wait):
                    return
            due = max(due + self.interval, time.monotonic() - self.interval)
            with self.lock:
                if self.count >= self.max_requests:
                    return
                self.count += 1
            path = self.paths[i % len(self.paths)]
            i += 1
            start = time.monotonic()
            try:
                r = get(path, timeout=self.timeout)
                outcome = r.status
            except Exception as e:  # a reset, a timeout: a failed request
                outcome = "%s: %s" % (type(e).__name__, e)
            end = time.monotonic()
            with self.lock:
                self.records.append((start, end, path, outcome))

    def start(self):
        self.t0 = time.monotonic()
        for k in range(self.nthreads):
            t = threading.Thread(target=self._run, args=(k,), daemon=True)
            t.start()
            self.threads.append(t)
        return self

    def stop(self):
        self.stop_ev.set()
        for t in self.threads:
            t.join(self.timeout + 5)
        return self

    def wait_requests(self, n, timeout):
        """Waits until n requests have completed (the loop is running)."""
        return wait_until(lambda: len(self.records) >= n, timeout, 0.02)

    def failures(self, since=None):
        return [r for r in self.records if r[3] != 200 and (since is None or r[0] >= since)]

    def summary(self):
        by = {}
        for r in self.records:
            by[r[3]] = by.get(r[3], 0) + 1
        return "%d requests in %.1f s, outcomes %s" % (
            len(self.records), (max((r[1] for r in self.records), default=self.t0) - self.t0),
            by)


# ---- accounts and browsing as a signed-in person ------------------------------------------

def admin(*args, stdin=None):
    """Runs borikan-admin against the instance's database, as its administrator."""
    build = os.environ.get("BORIKAN_BUILD", os.path.join(ROOT, "build"))
    env = dict(os.environ)
    env.setdefault("BORIKAN_DB_SOCKET", os.path.join(VAR, "run", "db", "mysqld.sock"))
    env["BORIKAN_DB_USER"] = "root" if os.geteuid() == 0 else env.get("USER", "")
    return subprocess.run([os.path.join(build, "borikan-admin")] + list(args), input=stdin,
                          capture_output=True, text=True, env=env, timeout=60)


def sql(query):
    """One query through the mariadb client, as the administrator; rows of tab-separated text."""
    sock = os.path.join(VAR, "run", "db", "mysqld.sock")
    user = "root" if os.geteuid() == 0 else os.environ.get("USER", "")
    out = subprocess.run(["mariadb", "--no-defaults", "--socket=" + sock, "-u", user, "-N",
                          "-B", "borikan", "-e", query], capture_output=True, text=True,
                         timeout=60, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


_made = set()


def ensure_unit(code, kind="group", parent=None):
    if ("unit", code) in _made:
        return
    args = ["add-unit", code, kind, "หน่วย " + code, "Unit " + code]
    if parent:
        args.append(parent)
    r = admin(*args)
    assert r.returncode == 0 or "already exists" in r.stderr, r.stderr
    _made.add(("unit", code))


def ensure_person(username, unit, roles=(), password="correct horse battery"):
    """A person with a password and roles (role or (role, unit)); idempotent per run."""
    ensure_unit(unit)
    if ("person", username) not in _made:
        r = admin("add-person", username, username + "@example.org", unit,
                  "ผู้ใช้ " + username, "User " + username)
        assert r.returncode == 0 or "already exists" in r.stderr, r.stderr
        r = admin("set-password", username, stdin=password + "\n")
        assert r.returncode == 0, r.stderr
        _made.add(("person", username))
    for role in roles:
        role, runit = role if isinstance(role, tuple) else (role, unit)
        ensure_unit(runit)
        r = admin("grant", username, role, runit)
        assert r.returncode == 0, r.stderr
    return username


class Browser:
    """A cookie jar and the forms of the last page: what a person's browser does."""

    def __init__(self, lang="th"):
        self.cookies = {}
        self.lang = lang
        self.last = None

    def _headers(self, extra=None):
        h = {"Accept-Language": self.lang}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(extra or {})
        return h

    def _keep(self, resp):
        for name, (value, attrs) in set_cookies(resp).items():
            if value == "" or "Max-Age=0" in attrs:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        self.last = resp
        return resp

    def get(self, path):
        return self._keep(request("GET", path, headers=self._headers()))

    def post(self, path, fields, headers=None):
        body = urllib.parse.urlencode(fields).encode()
        h = self._headers({"Content-Type": "application/x-www-form-urlencoded"})
        h.update(headers or {})
        return self._keep(request("POST", path, headers=h, body=body))

    def hidden(self, name, resp=None, form_action=None):
        """The value of hidden input name in the last page (in a form posting to form_action)."""
        doc = (resp or self.last).html()
        for form in doc.find_all("form"):
            if form_action is not None and form.get("action") != form_action:
                continue
            for inp in form.find_all("input"):
                if inp.get("name") == name:
                    return inp.get("value")
        return None

    def login(self, username, password="correct horse battery"):
        self.get("/login")
        csrf = self.hidden("csrf", form_action="/login")
        assert csrf, "the sign-in form has no csrf field"
        r = self.post("/login", {"csrf": csrf, "username": username, "password": password})
        assert r.status == 303, "sign-in of %s answered %d" % (username, r.status)
        return r


# ---- mail: the SMTP sink that `./dev test` runs ------------------------------------------

MAIL_DIR = os.environ.get("BORIKAN_MAIL_DIR", os.path.join(VAR, "mail"))


def mails():
    """Every message the sink accepted, oldest first, as email.message.EmailMessage with
    .envelope = {"from", "rcpt"} attached."""
    import email
    import email.policy
    import json
    out = []
    try:
        names = sorted(n for n in os.listdir(MAIL_DIR) if n.endswith(".eml"))
    except OSError:
        return out
    for n in names:
        with open(os.path.join(MAIL_DIR, n), "rb") as f:
            msg = email.message_from_binary_file(f, policy=email.policy.default)
        with open(os.path.join(MAIL_DIR, n[:-4] + ".json"), encoding="utf-8") as f:
            msg.envelope = json.load(f)
        out.append(msg)
    return out


def mail_parts(msg):
    """(text/plain, text/html) bodies of a message, decoded."""
    text = html_ = None
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and text is None:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and html_ is None:
            html_ = part.get_content()
    return text, html_


def smtp_control(**faults):
    """Sets the sink's faults (see smtp_sink.py); no arguments clears them."""
    import json
    path = os.path.join(MAIL_DIR, "control.json")
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        json.dump(faults, f)
    os.rename(path + ".tmp", path)


def smtp_pid():
    try:
        return read_pid(os.environ.get("BORIKAN_SMTP_PIDFILE", os.path.join(VAR, "run", "smtp.pid")))
    except (OSError, ValueError):
        return None


def smtp_stop():
    pid = smtp_pid()
    if pid and pid_alive(pid):
        os.kill(pid, signal.SIGTERM)
        assert wait_until(lambda: not pid_alive(pid), 10), "the SMTP sink did not stop"


def smtp_start():
    """Starts the sink again on the same port and folder (after smtp_stop)."""
    port = os.environ.get("BORIKAN_SMTP_PORT")
    assert port, "BORIKAN_SMTP_PORT is not set: run under ./dev test"
    pidfile = os.environ.get("BORIKAN_SMTP_PIDFILE", os.path.join(VAR, "run", "smtp.pid"))
    log = open(os.path.join(VAR, "log", "smtp-sink.log"), "ab")
    subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "integration", "smtp_sink.py"),
                      "--port", port, "--dir", MAIL_DIR, "--pidfile", pidfile],
                     stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    import socket

    def up():
        try:
            socket.create_connection(("127.0.0.1", int(port)), 1).close()
            return True
        except OSError:
            return False
    assert wait_until(up, 10, 0.1), "the SMTP sink did not come back on port %s" % port
