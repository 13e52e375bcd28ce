#!/usr/bin/python3
"""A stateful OneRoster 1.1 REST provider for the tests (Python 3 standard library only).

    oneroster_stub.py --port PORT [--data FILE] [--generate classes=200,students=40]
                      [--client-id ID --client-secret SECRET] [--token-ttl SECONDS]
                      [--max-limit N] [--default-limit N] [--no-total-count]
                      [--variant standard|vendor] [--hang-seconds S] [--parent-pid PID]

Serves 127.0.0.1 only. Prints "ready PORT" on stdout when it listens; exits 98 if the port
is taken. What it emulates (INTEGRATIONS.md B and E.5):
  - POST /token: OAuth 2 client credentials (Basic auth, grant_type, scope), bearer tokens
    that expire after --token-ttl seconds; then every call answers 401 with a statusInfoSet.
  - GET /ims/oneroster/v1p1/...: the 1.1 read endpoints of B.2, with limit/offset paging,
    X-Total-Count, Link (first, prev, next, last), a server-side page cap, filter (<= 2
    clauses, AND or OR), sort/orderBy and fields; 400/401/404/405 with OneRoster's error
    envelope. "getEnrollmentsForClass" (/classes/{id}/enrollments) is not a 1.1 operation
    and answers 404, as a strict server does.
  - /_stub/...: a control API for the tests, never part of OneRoster (see
    README-oneroster.md): calls, faults, reset, data changes, config.
"""
import argparse
import base64
import copy
import datetime
import errno
import http.server
import json
import os
import re
import secrets
import socket
import struct
import sys
import threading
import time
import urllib.parse
import uuid

BASE = "/ims/oneroster/v1p1"
SCOPES = ("https://purl.imsglobal.org/spec/or/v1p1/scope/roster.readonly",
          "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-core.readonly",
          "https://purl.imsglobal.org/spec/or/v1p1/scope/roster-demographics.readonly")
TYPES = ("orgs", "academicSessions", "courses", "classes", "users", "enrollments")
SINGULAR = {"orgs": "org", "academicSessions": "academicSession", "courses": "course",
            "classes": "class", "users": "user", "enrollments": "enrollment"}
REF_TYPE = {"orgs": "org", "academicSessions": "academicSession", "courses": "course",
            "classes": "class", "users": "user", "enrollments": "enrollment"}
COMMON = ("sourcedId", "status", "dateLastModified", "metadata")
# The fields of each entity (B.3): filter, sort and fields accept these (and x.sourcedId
# for references).
FIELDS = {
    "orgs": COMMON + ("name", "type", "identifier", "parent", "children"),
    "academicSessions": COMMON + ("title", "type", "startDate", "endDate", "parent",
                                  "children", "schoolYear"),
    "courses": COMMON + ("title", "schoolYear", "courseCode", "grades", "subjects", "org",
                         "subjectCodes", "resources"),
    "classes": COMMON + ("title", "classCode", "classType", "location", "grades", "subjects",
                         "course", "school", "terms", "subjectCodes", "periods", "resources"),
    "users": COMMON + ("username", "userIds", "enabledUser", "givenName", "familyName",
                       "middleName", "role", "identifier", "email", "sms", "phone", "agents",
                       "orgs", "grades", "password"),
    "enrollments": COMMON + ("user", "class", "school", "role", "primary", "beginDate",
                             "endDate"),
}
# Reference fields: field -> (type of the referred collection, list or single).
REFS = {
    "orgs": {"parent": ("orgs", False), "children": ("orgs", True)},
    "academicSessions": {"parent": ("academicSessions", False),
                         "children": ("academicSessions", True)},
    "courses": {"schoolYear": ("academicSessions", False), "org": ("orgs", False)},
    "classes": {"course": ("courses", False), "school": ("orgs", False),
                "terms": ("academicSessions", True)},
    "users": {"agents": ("users", True), "orgs": ("orgs", True)},
    "enrollments": {"user": ("users", False), "class": ("classes", False),
                    "school": ("orgs", False)},
}
DATETIME_FIELDS = ("dateLastModified",)
DATE_FIELDS = ("startDate", "endDate", "beginDate")
FIXED_STAMP = "2024-05-01T03:00:00.000Z"
NS = uuid.UUID("6f1d3a52-1c0e-4b8e-9a57-0b0f8a3c2e11")

THAI_GIVEN = ("สมชาย", "สมหญิง", "กิตติพงษ์", "ณัฐวุฒิ", "ปิยะนุช", "วรรณา", "ธนพล", "อรอุมา",
              "ศิริพร", "ชยพล", "พิมพ์ชนก", "อนุชา", "จิราพร", "ภูมิพัฒน์", "กมลชนก", "ธีรวัฒน์",
              "สุภาวดี", "วีรยุทธ", "ปวีณา", "ณัฐธิดา", "พงศกร", "ชุติมา", "ศุภกร", "รัตนาภรณ์",
              "ปกรณ์", "นภัสสร", "เอกชัย", "ธิดารัตน์", "กฤษณะ", "มณีรัตน์", "อภิสิทธิ์", "เบญจวรรณ")
THAI_FAMILY = ("ใจดี", "แสงทอง", "ศรีสุข", "วงศ์ไทย", "บุญมา", "ทองดี", "พรหมมา", "สุขเจริญ",
               "รุ่งเรือง", "จันทร์เพ็ญ", "นาคประเสริฐ", "ศักดิ์สิทธิ์", "มีสุข", "เพชรรัตน์",
               "อินทร์แก้ว", "ชัยมงคล", "ธรรมรักษ์", "แก้วมณี", "สายบุญ", "ทองคำ", "ศรีวงศ์",
               "กาญจนวงศ์", "ปัญญาดี", "บุญเรือง", "สมบูรณ์", "วิเศษสุข", "คงกระพัน")
SUBJECT_LETTERS = ("ว", "ค", "ท", "อ", "ส", "พ", "ศ", "ง")


def now_stamp():
    """The current UTC time as OneRoster writes it (milliseconds, Z)."""
    t = datetime.datetime.now(datetime.timezone.utc)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def parse_when(s):
    """An ISO-8601 date or datetime (Z, +hh:mm, milliseconds or none) as an aware datetime;
    None if it is not one."""
    if not isinstance(s, str):
        return None
    v = s.strip()
    if v.endswith("Z") or v.endswith("z"):
        v = v[:-1] + "+00:00"
    try:
        t = datetime.datetime.fromisoformat(v)
    except ValueError:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=datetime.timezone.utc)
    return t


def sid(kind, key):
    """A deterministic GUID for generated records."""
    return str(uuid.uuid5(NS, "%s:%s" % (kind, key)))


class StubError(Exception):
    """An answer other than 200: HTTP status, codeMinor and description."""

    def __init__(self, status, minor, description, headers=None, major="failure"):
        super().__init__(description)
        self.status, self.minor, self.description = status, minor, description
        self.headers = headers or {}
        self.major = major


def envelope(minor, description, major="failure", severity="error"):
    """OneRoster 1.1's statusInfoSet error body (B.5)."""
    return {"statusInfoSet": [{
        "imsx_codeMajor": major, "imsx_severity": severity,
        "imsx_CodeMinor": {"imsx_codeMinorField": [
            {"imsx_codeMinorFieldName": "TargetEndSystem", "imsx_codeMinorFieldValue": minor}]},
        "imsx_description": description}]}


# ---------------------------------------------------------------------------------------
# Data: normalising fixtures, generating classes.

def ref(kind, ident):
    return {"href": "%s/%s/%s" % (BASE, kind, ident), "sourcedId": ident,
            "type": REF_TYPE[kind]}


def normalise(kind, rec, stamp=None):
    """A record of a fixture made complete: status, dateLastModified, references given as a
    bare sourcedId become {href, sourcedId, type}."""
    if not isinstance(rec, dict) or not isinstance(rec.get("sourcedId"), str) or not rec["sourcedId"]:
        raise ValueError("%s: every record needs a sourcedId string" % kind)
    r = dict(rec)
    r.setdefault("status", "active")
    r.setdefault("dateLastModified", stamp or FIXED_STAMP)
    r.setdefault("metadata", {})
    for field, (target, many) in REFS[kind].items():
        if field not in r or r[field] is None:
            continue
        if many:
            if not isinstance(r[field], list):
                raise ValueError("%s.%s must be a list" % (kind, field))
            r[field] = [ref(target, x) if isinstance(x, str) else x for x in r[field]]
        elif isinstance(r[field], str):
            r[field] = ref(target, r[field])
    return r


def load_fixture(doc):
    """{type: [records]} from a fixture document (the keys of TYPES; "terms" and "schools"
    are accepted as academicSessions and orgs)."""
    if not isinstance(doc, dict):
        raise ValueError("a fixture is a JSON object of collections")
    out = {t: [] for t in TYPES}
    for key, recs in doc.items():
        kind = {"terms": "academicSessions", "schools": "orgs"}.get(key, key)
        if kind not in out:
            raise ValueError("unknown collection %r" % key)
        if not isinstance(recs, list):
            raise ValueError("%s must be a list" % key)
        out[kind].extend(normalise(kind, r) for r in recs)
    return out


def parse_spec(text):
    """"classes=200,students=40" as a dict of ints (and codes=thai|ascii)."""
    spec = {"classes": 0, "students": 0, "teachers": 1, "pool": 0, "codes": "thai", "year": 2567}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        k, _, v = part.partition("=")
        k = k.strip()
        if k not in spec:
            raise ValueError("unknown generator key %r" % k)
        if k == "codes":
            if v not in ("thai", "ascii"):
                raise ValueError("codes is thai or ascii")
            spec[k] = v
        else:
            if not v.strip().isdigit():
                raise ValueError("%s needs a number" % k)
            spec[k] = int(v)
    if spec["pool"] and spec["pool"] < spec["students"]:
        raise ValueError("pool must hold at least one class of students")
    if spec["teachers"] < 1:
        raise ValueError("teachers must be at least 1")
    return spec


def generate(spec):
    """Deterministic records for spec (parse_spec): one school, a school year with its first
    semester, per class a course, its class, `teachers` teachers (the first primary) and
    `students` students. Students are distinct per class unless pool=N draws them from N."""
    out = {t: [] for t in TYPES}
    if spec["classes"] <= 0:
        return out
    y = spec["year"]
    school = sid("org", "school")
    year_id, term_id = sid("session", "year-%d" % y), sid("session", "term-1-%d" % y)
    ad = y - 543
    out["orgs"].append(normalise("orgs", {
        "sourcedId": school, "name": "โรงเรียนสาธิตจำลอง (Generated Demonstration School)",
        "type": "school", "identifier": "GEN-SCHOOL"}))
    out["academicSessions"].append(normalise("academicSessions", {
        "sourcedId": year_id, "title": "ปีการศึกษา %d" % y, "type": "schoolYear",
        "startDate": "%d-05-16" % ad, "endDate": "%d-03-31" % (ad + 1), "schoolYear": str(ad + 1),
        "children": [term_id]}))
    out["academicSessions"].append(normalise("academicSessions", {
        "sourcedId": term_id, "title": "1/%d" % y, "type": "term",
        "startDate": "%d-05-16" % ad, "endDate": "%d-10-10" % ad, "schoolYear": str(ad + 1),
        "parent": year_id}))
    pool = spec["pool"] or spec["classes"] * spec["students"]
    made = set()
    tcount = 0
    for c in range(spec["classes"]):
        letter = SUBJECT_LETTERS[c % len(SUBJECT_LETTERS)]
        num = "2%04d" % (1101 + c)
        code = (letter if spec["codes"] == "thai" else "SUB") + num
        course_id, class_id = sid("course", c), sid("class", c)
        out["courses"].append(normalise("courses", {
            "sourcedId": course_id, "title": "รายวิชา %s (Course %d)" % (code, c + 1),
            "courseCode": code, "schoolYear": year_id, "org": school}))
        out["classes"].append(normalise("classes", {
            "sourcedId": class_id, "title": "%s ห้อง %d" % (code, c % 12 + 1),
            "classCode": "%s-%d" % (code, c % 12 + 1), "classType": "scheduled",
            "location": "อาคาร %d ห้อง %d" % (c % 5 + 1, 100 + c % 40),
            "course": course_id, "school": school, "terms": [term_id]}))
        for t in range(spec["teachers"]):
            tcount += 1
            uid = sid("teacher", tcount)
            g, f = THAI_GIVEN[(tcount * 5) % len(THAI_GIVEN)], THAI_FAMILY[(tcount * 3) % len(THAI_FAMILY)]
            out["users"].append(normalise("users", {
                "sourcedId": uid, "username": "T%05d" % tcount, "enabledUser": "true",
                "givenName": g, "familyName": f, "role": "teacher", "identifier": "T%05d" % tcount,
                "email": "t%05d@gen-school.example.ac.th" % tcount, "orgs": [school],
                "userIds": [{"type": "staffId", "identifier": "T%05d" % tcount}]}))
            out["enrollments"].append(normalise("enrollments", {
                "sourcedId": sid("enr-t", "%d-%d" % (c, t)), "user": uid, "class": class_id,
                "school": school, "role": "teacher", "primary": t == 0,
                "beginDate": "%d-05-16" % ad, "endDate": "%d-10-10" % ad}))
        for s in range(spec["students"]):
            n = (c * spec["students"] + s) % pool + 1
            uid = sid("student", n)
            if n not in made:
                made.add(n)
                code_s = "%02d%05d" % (y % 100, n)
                u = {"sourcedId": uid, "username": "S" + code_s, "enabledUser": "true",
                     "givenName": THAI_GIVEN[(n * 7) % len(THAI_GIVEN)],
                     "familyName": THAI_FAMILY[(n * 11) % len(THAI_FAMILY)],
                     "role": "student", "identifier": code_s, "orgs": [school],
                     "grades": ["%02d" % (7 + c % 6)],
                     "userIds": [{"type": "studentId", "identifier": code_s}]}
                if n % 10:
                    u["email"] = "s%s@student.gen-school.example.ac.th" % code_s
                else:
                    u["email"] = ""          # some students have no address
                out["users"].append(normalise("users", u))
            out["enrollments"].append(normalise("enrollments", {
                "sourcedId": sid("enr-s", "%d-%d" % (c, s)), "user": uid, "class": class_id,
                "school": school, "role": "student", "primary": False,
                "beginDate": "%d-05-16" % ad, "endDate": "%d-10-10" % ad}))
    return out


class Store:
    """The provider's records: {type: {sourcedId: record}} in insertion order, with indexes
    rebuilt lazily after a change. All access under self.lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.data = {t: {} for t in TYPES}
        self.version = 0
        self._ix_version = -1
        self._by_class = {}
        self._by_school = {}

    def load(self, colls, replace=True):
        with self.lock:
            if replace:
                self.data = {t: {} for t in TYPES}
            for t in TYPES:
                for r in colls.get(t, []):
                    self.data[t][r["sourcedId"]] = r
            self.version += 1

    def snapshot(self):
        with self.lock:
            return {t: [copy.deepcopy(r) for r in self.data[t].values()] for t in TYPES}

    def counts(self):
        with self.lock:
            out = {t: len(self.data[t]) for t in TYPES}
            out["students"] = sum(1 for u in self.data["users"].values() if u.get("role") == "student")
            out["teachers"] = sum(1 for u in self.data["users"].values() if u.get("role") == "teacher")
            return out

    def _index(self):
        if self._ix_version == self.version:
            return
        by_class, by_school = {}, {}
        for e in self.data["enrollments"].values():
            c = (e.get("class") or {}).get("sourcedId")
            s = (e.get("school") or {}).get("sourcedId")
            by_class.setdefault(c, []).append(e)
            by_school.setdefault(s, []).append(e)
        self._by_class, self._by_school = by_class, by_school
        self._ix_version = self.version

    def enrollments_of_class(self, cid):
        with self.lock:
            self._index()
            return list(self._by_class.get(cid, []))

    def enrollments_of_school(self, sid_):
        with self.lock:
            self._index()
            return list(self._by_school.get(sid_, []))

    def get(self, kind, ident):
        with self.lock:
            return self.data[kind].get(ident)

    def all(self, kind):
        with self.lock:
            return list(self.data[kind].values())

    # -- changes from /_stub/data -------------------------------------------------------
    def patch(self, ops):
        """Applies a list of change operations (README-oneroster.md); returns how many
        records changed. Raises ValueError on a bad operation (nothing is changed then)."""
        with self.lock:
            saved = {t: dict(v) for t, v in self.data.items()}
            try:
                n = sum(self._op(op) for op in ops)
            except (ValueError, KeyError, TypeError) as e:
                self.data = saved
                raise ValueError(str(e)) from None
            self.version += 1
            return n

    def _kind(self, op):
        kind = {"terms": "academicSessions", "schools": "orgs"}.get(op.get("type"), op.get("type"))
        if kind not in TYPES:
            raise ValueError("unknown type %r" % op.get("type"))
        return kind

    def _op(self, op):
        if not isinstance(op, dict):
            raise ValueError("each operation is an object")
        what, stamp = op.get("op"), op.get("dateLastModified") or now_stamp()
        if what == "upsert":
            kind = self._kind(op)
            raw = op.get("record")
            if not isinstance(raw, dict):
                raise ValueError("upsert needs a record")
            old = self.data[kind].get(raw.get("sourcedId"))
            rec = normalise(kind, dict(old or {}, **raw), stamp)
            rec["dateLastModified"] = raw.get("dateLastModified", stamp)
            self.data[kind][rec["sourcedId"]] = rec
            return 1
        if what == "set":
            kind = self._kind(op)
            rec = self.data[kind].get(op.get("sourcedId"))
            if rec is None:
                raise ValueError("no %s %r" % (kind, op.get("sourcedId")))
            fields = op.get("fields")
            if not isinstance(fields, dict) or "sourcedId" in fields:
                raise ValueError("set needs fields (not sourcedId)")
            new = normalise(kind, dict(rec, **fields))
            new["dateLastModified"] = fields.get("dateLastModified", stamp)
            self.data[kind][rec["sourcedId"]] = new
            return 1
        if what == "delete":
            kind = self._kind(op)
            if self.data[kind].pop(op.get("sourcedId"), None) is None:
                raise ValueError("no %s %r" % (kind, op.get("sourcedId")))
            return 1
        if what in ("drop", "enrol"):
            cid, uid = op.get("class"), op.get("user")
            if isinstance(uid, dict):          # enrol a new person: the user record itself
                u = normalise("users", uid, stamp)
                self.data["users"].setdefault(u["sourcedId"], u)
                uid = u["sourcedId"]
            cls = self.data["classes"].get(cid)
            if cls is None or uid not in self.data["users"]:
                raise ValueError("no class %r or user %r" % (cid, uid))
            mine = [e for e in self.data["enrollments"].values()
                    if e["class"]["sourcedId"] == cid and e["user"]["sourcedId"] == uid]
            if what == "drop":
                if not mine:
                    raise ValueError("user %r is not enrolled in %r" % (uid, cid))
                for e in mine:
                    self.data["enrollments"][e["sourcedId"]] = dict(e, status=op.get("status", "tobedeleted"),
                                                                    dateLastModified=stamp)
                return len(mine)
            role = op.get("role", "student")
            if mine:      # re-enrol: the existing row becomes active again
                for e in mine:
                    self.data["enrollments"][e["sourcedId"]] = dict(e, status="active", role=role,
                                                                    dateLastModified=stamp)
                return len(mine)
            eid = op.get("sourcedId") or sid("enr-x", "%s-%s" % (cid, uid))
            school = (cls.get("school") or {}).get("sourcedId")
            e = {"sourcedId": eid, "user": uid, "class": cid, "role": role,
                 "primary": bool(op.get("primary", False))}
            if school:
                e["school"] = school
            self.data["enrollments"][eid] = normalise("enrollments", e, stamp)
            return 1
        raise ValueError("unknown op %r" % what)


# ---------------------------------------------------------------------------------------
# Filter, sort, fields.

CLAUSE = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)?)\s*"
                    r"(!=|>=|<=|=|>|<|~)\s*'((?:[^']|'')*)'\s*")
JOIN = re.compile(r"(AND|OR)(?=\s)", re.I)


def check_field(kind, name, minor):
    head, _, sub = name.partition(".")
    if head not in FIELDS[kind] or (sub and head not in REFS[kind] and head != "metadata") \
            or (sub and head in REFS[kind] and sub not in ("sourcedId", "type", "href")):
        raise StubError(400, minor, "The field '%s' is not a field of %s." % (name, kind))


def parse_filter(kind, text):
    """[(field, pred, value)], joiner from a filter expression (B.4); StubError 400 when it
    is malformed or names a field the entity lacks."""
    clauses, joins, pos = [], [], 0
    while True:
        m = CLAUSE.match(text, pos)
        if not m:
            raise StubError(400, "invaliddata", "Malformed filter near: %s" % text[pos:pos + 40])
        field, pred, value = m.group(1), m.group(2), m.group(3).replace("''", "'")
        check_field(kind, field, "invalid_filter_field")
        clauses.append((field, pred, value))
        pos = m.end()
        if pos >= len(text):
            break
        j = JOIN.match(text, pos)
        if not j:
            raise StubError(400, "invaliddata", "Malformed filter near: %s" % text[pos:pos + 40])
        joins.append(j.group(1).upper())
        pos = j.end()
    if len(clauses) > 2:
        raise StubError(400, "invaliddata", "A filter has at most two clauses.")
    return clauses, (joins[0] if joins else "AND")


def values_of(rec, field):
    head, _, sub = field.partition(".")
    v = rec.get(head)
    if sub:
        items = v if isinstance(v, list) else [v]
        return [i.get(sub) for i in items if isinstance(i, dict)]
    if isinstance(v, list):
        return v
    return [v]


def as_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def compare(field, have, pred, want):
    """have <pred> want: datetimes and dates as instants, booleans case-insensitively,
    everything else as text; ~ is "contains", case-insensitive."""
    head = field.split(".")[0]
    if pred == "~":
        return want.lower() in as_text(have).lower()
    if head in DATETIME_FIELDS or head in DATE_FIELDS:
        a, b = parse_when(as_text(have)), parse_when(want)
        if a is None or b is None:
            return pred == "!="
    elif isinstance(have, bool) or as_text(have).lower() in ("true", "false"):
        a, b = as_text(have).lower(), want.lower()
    else:
        a, b = as_text(have), want
    return {"=": a == b, "!=": a != b, ">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b}[pred]


def matches(rec, clauses, join):
    results = []
    for field, pred, value in clauses:
        vals = values_of(rec, field)
        if pred == "!=":
            results.append(all(compare(field, v, "!=", value) for v in vals))
        else:
            results.append(any(compare(field, v, pred, value) for v in vals))
    return all(results) if join == "AND" else any(results)


# ---------------------------------------------------------------------------------------
# The server.

class Stub:
    """Configuration, tokens, faults and the call log around a Store."""

    def __init__(self, args):
        self.args = args
        self.store = Store()
        self.initial = None
        self.lock = threading.Lock()
        self.tokens = {}           # token -> expiry (time.monotonic())
        self.faults = []
        self.calls = []
        # Calls being answered: the call log waits for them, so a client that reads the log
        # right after its last answer sees that call (the handler logs after writing).
        self.in_flight = {}         # generation -> calls being answered
        self.generation = 0         # a reset starts a new one: late answers of the old are not logged
        self.settled = threading.Condition()
        self.config = {"max_limit": args.max_limit, "default_limit": args.default_limit,
                       "total_count": not args.no_total_count, "token_ttl": args.token_ttl,
                       "variant": args.variant, "hang_seconds": args.hang_seconds}
        self.initial_config = dict(self.config)

    def reset(self):
        """Back to the state at start (or the last "initial" data): records, settings; no
        faults, no calls. Tokens survive."""
        self.store.load(self.initial)
        with self.settled:
            self.generation += 1
        with self.lock:
            self.faults, self.calls = [], []
            self.config.clear()
            self.config.update(self.initial_config)

    def record(self, entry, generation=None):
        with self.lock:
            if generation is not None and generation != self.generation:
                return      # a call from before the last reset, answered late (a hang)
            entry["n"] = len(self.calls) + 1
            self.calls.append(entry)

    def take_fault(self, path):
        """The fault that applies to this call, if any (counted down)."""
        with self.lock:
            for f in self.faults:
                if f["count"] <= 0:
                    continue
                if f.get("path") and f["path"] not in path:
                    continue
                if f.get("after", 0) > 0:
                    f["after"] -= 1
                    continue
                f["count"] -= 1
                return dict(f)
        return None


ROUTES = []


def route(pattern):
    rx = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")

    def deco(fn):
        ROUTES.append((rx, fn))
        return fn
    return deco


def need(stub, kind, ident, only=None):
    rec = stub.store.get(kind, ident)
    if rec is None or (only and not only(rec)):
        raise StubError(404, "unknownobject", "No %s with sourcedId '%s'." % (SINGULAR[kind], ident))
    return rec


def is_term(r):
    return r.get("type") == "term"


def is_school(r):
    return r.get("type") == "school"


def users_of(stub, enrollments, role):
    """The users of the active enrollments with this role, in enrollment order, once each."""
    seen, out = set(), []
    for e in enrollments:
        if e.get("role") != role or e.get("status") != "active":
            continue
        uid = e["user"]["sourcedId"]
        u = stub.store.get("users", uid)
        if u is not None and uid not in seen:
            seen.add(uid)
            out.append(u)
    return out


def classes_where(stub, pred):
    return [c for c in stub.store.all("classes") if pred(c)]


def ref_id(rec, field):
    v = rec.get(field)
    return v.get("sourcedId") if isinstance(v, dict) else None


def ref_ids(rec, field):
    return [x.get("sourcedId") for x in rec.get(field) or [] if isinstance(x, dict)]


def enrolled_class_ids(stub, uid, role=None):
    return {e["class"]["sourcedId"] for e in stub.store.all("enrollments")
            if e["user"]["sourcedId"] == uid and (role is None or e.get("role") == role)}


# Each handler returns ("one"|"many", collection type, envelope key, records).
@route("/academicSessions")
def _sessions(stub, m):
    return "many", "academicSessions", "academicSessions", stub.store.all("academicSessions")


@route("/academicSessions/{id}")
def _session(stub, m):
    return "one", "academicSessions", "academicSession", need(stub, "academicSessions", m["id"])


@route("/terms")
def _terms(stub, m):
    key = "terms" if stub.config["variant"] == "vendor" else "academicSessions"
    return "many", "academicSessions", key, [r for r in stub.store.all("academicSessions") if is_term(r)]


@route("/terms/{id}")
def _term(stub, m):
    key = "term" if stub.config["variant"] == "vendor" else "academicSession"
    return "one", "academicSessions", key, need(stub, "academicSessions", m["id"], is_term)


@route("/terms/{id}/classes")
def _term_classes(stub, m):
    need(stub, "academicSessions", m["id"], is_term)
    return "many", "classes", "classes", classes_where(stub, lambda c: m["id"] in ref_ids(c, "terms"))


@route("/classes")
def _classes(stub, m):
    return "many", "classes", "classes", stub.store.all("classes")


@route("/classes/{id}")
def _class(stub, m):
    return "one", "classes", "class", need(stub, "classes", m["id"])


@route("/classes/{id}/students")
def _class_students(stub, m):
    need(stub, "classes", m["id"])
    key = "students" if stub.config["variant"] == "vendor" else "users"
    return "many", "users", key, users_of(stub, stub.store.enrollments_of_class(m["id"]), "student")


@route("/classes/{id}/teachers")
def _class_teachers(stub, m):
    need(stub, "classes", m["id"])
    key = "teachers" if stub.config["variant"] == "vendor" else "users"
    return "many", "users", key, users_of(stub, stub.store.enrollments_of_class(m["id"]), "teacher")


@route("/courses")
def _courses(stub, m):
    return "many", "courses", "courses", stub.store.all("courses")


@route("/courses/{id}")
def _course(stub, m):
    return "one", "courses", "course", need(stub, "courses", m["id"])


@route("/courses/{id}/classes")
def _course_classes(stub, m):
    need(stub, "courses", m["id"])
    return "many", "classes", "classes", classes_where(stub, lambda c: ref_id(c, "course") == m["id"])


@route("/users")
def _users(stub, m):
    return "many", "users", "users", stub.store.all("users")


@route("/users/{id}")
def _user(stub, m):
    return "one", "users", "user", need(stub, "users", m["id"])


@route("/users/{id}/classes")
def _user_classes(stub, m):
    need(stub, "users", m["id"])
    ids = enrolled_class_ids(stub, m["id"])
    return "many", "classes", "classes", classes_where(stub, lambda c: c["sourcedId"] in ids)


def role_routes(role):
    plural = role + "s"

    def many(stub, m):
        key = plural if stub.config["variant"] == "vendor" else "users"
        return "many", "users", key, [u for u in stub.store.all("users") if u.get("role") == role]

    def one(stub, m):
        key = role if stub.config["variant"] == "vendor" else "user"
        return "one", "users", key, need(stub, "users", m["id"], lambda u: u.get("role") == role)

    def classes(stub, m):
        need(stub, "users", m["id"], lambda u: u.get("role") == role)
        ids = enrolled_class_ids(stub, m["id"], role)
        return "many", "classes", "classes", classes_where(stub, lambda c: c["sourcedId"] in ids)

    route("/" + plural)(many)
    route("/%s/{id}" % plural)(one)
    route("/%s/{id}/classes" % plural)(classes)


role_routes("student")
role_routes("teacher")


@route("/enrollments")
def _enrollments(stub, m):
    return "many", "enrollments", "enrollments", stub.store.all("enrollments")


@route("/enrollments/{id}")
def _enrollment(stub, m):
    return "one", "enrollments", "enrollment", need(stub, "enrollments", m["id"])


@route("/orgs")
def _orgs(stub, m):
    return "many", "orgs", "orgs", stub.store.all("orgs")


@route("/orgs/{id}")
def _org(stub, m):
    return "one", "orgs", "org", need(stub, "orgs", m["id"])


@route("/schools")
def _schools(stub, m):
    key = "schools" if stub.config["variant"] == "vendor" else "orgs"
    return "many", "orgs", key, [o for o in stub.store.all("orgs") if is_school(o)]


@route("/schools/{id}")
def _school(stub, m):
    key = "school" if stub.config["variant"] == "vendor" else "org"
    return "one", "orgs", key, need(stub, "orgs", m["id"], is_school)


@route("/schools/{sid}/classes")
def _school_classes(stub, m):
    need(stub, "orgs", m["sid"], is_school)
    return "many", "classes", "classes", classes_where(stub, lambda c: ref_id(c, "school") == m["sid"])


def class_in_school(stub, m):
    need(stub, "orgs", m["sid"], is_school)
    return need(stub, "classes", m["cid"], lambda c: ref_id(c, "school") == m["sid"])


@route("/schools/{sid}/classes/{cid}/enrollments")
def _school_class_enrollments(stub, m):
    class_in_school(stub, m)
    return "many", "enrollments", "enrollments", stub.store.enrollments_of_class(m["cid"])


@route("/schools/{sid}/classes/{cid}/students")
def _school_class_students(stub, m):
    class_in_school(stub, m)
    return "many", "users", "users", users_of(stub, stub.store.enrollments_of_class(m["cid"]), "student")


@route("/schools/{sid}/classes/{cid}/teachers")
def _school_class_teachers(stub, m):
    class_in_school(stub, m)
    return "many", "users", "users", users_of(stub, stub.store.enrollments_of_class(m["cid"]), "teacher")


@route("/schools/{sid}/enrollments")
def _school_enrollments(stub, m):
    need(stub, "orgs", m["sid"], is_school)
    return "many", "enrollments", "enrollments", stub.store.enrollments_of_school(m["sid"])


@route("/schools/{sid}/terms")
def _school_terms(stub, m):
    need(stub, "orgs", m["sid"], is_school)
    ids = set()
    for c in classes_where(stub, lambda c: ref_id(c, "school") == m["sid"]):
        ids.update(ref_ids(c, "terms"))
    return "many", "academicSessions", "academicSessions", [
        s for s in stub.store.all("academicSessions") if is_term(s) and s["sourcedId"] in ids]


@route("/schools/{sid}/courses")
def _school_courses(stub, m):
    need(stub, "orgs", m["sid"], is_school)
    return "many", "courses", "courses", [c for c in stub.store.all("courses") if ref_id(c, "org") == m["sid"]]


def school_users(role):
    def fn(stub, m):
        need(stub, "orgs", m["sid"], is_school)
        return "many", "users", "users", [u for u in stub.store.all("users")
                                          if u.get("role") == role and m["sid"] in ref_ids(u, "orgs")]
    return fn


route("/schools/{sid}/students")(school_users("student"))
route("/schools/{sid}/teachers")(school_users("teacher"))


def int_param(q, name, default, minimum):
    if name not in q:
        return default
    v = q[name][-1]
    if not re.fullmatch(r"[0-9]{1,9}", v) or int(v) < minimum:
        raise StubError(400, "invaliddata", "%s must be an integer >= %d, not '%s'." % (name, minimum, v))
    return int(v)


def project(rec, fields):
    return {k: rec[k] for k in fields if k in rec} if fields else rec


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "OneRosterStub/1.1"
    sys_version = ""
    stub = None

    def log_message(self, fmt, *args):     # quiet: the call log is /_stub/calls
        pass

    # -- plumbing ------------------------------------------------------------------------
    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def send(self, status, obj, headers=None, raw=None, ctype="application/json; charset=utf-8"):
        data = raw if raw is not None else json.dumps(obj, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def fail(self, e):
        hdrs = dict(e.headers)
        if e.status == 401:
            hdrs.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"')
        self.send(e.status, envelope(e.minor, e.description, e.major), hdrs)
        return e.status

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    def dispatch(self):
        stub = self.stub
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        raw = self.body()
        if path.startswith("/_stub/"):
            try:
                self.control(path, url.query, raw)
            except (ValueError, TypeError) as e:
                self.send(400, {"error": str(e)})
            return
        with stub.settled:
            gen = stub.generation
            stub.in_flight[gen] = stub.in_flight.get(gen, 0) + 1
        self.generation = gen
        try:
            self.answer(stub, url, path, raw)
        finally:
            with stub.settled:
                stub.in_flight[gen] -= 1
                stub.settled.notify_all()

    def answer(self, stub, url, path, raw):
        entry = {"method": self.command, "path": self.path, "endpoint": path, "status": None, "rows": None,
                 "auth": (self.headers.get("Authorization") or " ").split(" ")[0].lower() or None,
                 "t": round(time.time(), 3)}
        fault = stub.take_fault(path)
        if fault:
            entry["fault"] = fault["mode"]
            if self.inject(fault, entry):
                stub.record(entry, self.generation)
                return
        try:
            if path == "/token":
                entry["status"] = self.token(raw)
            elif path == BASE or path.startswith(BASE + "/"):
                entry["status"], entry["rows"], entry["total"] = self.oneroster(path[len(BASE):], url.query)
            else:
                entry["status"] = self.fail(StubError(404, "unknownobject", "No such endpoint: %s" % path))
        except StubError as e:
            entry["status"] = self.fail(e)
        except Exception as e:      # a bug of the stub: say so, as a server would
            entry["status"] = self.fail(StubError(500, "internal_server_error", "stub: %r" % e))
        stub.record(entry, self.generation)

    def inject(self, fault, entry):
        """Applies a fault; True when the call is answered (or dropped) by it."""
        mode = fault["mode"]
        if mode == "expire-token":
            with self.stub.lock:
                self.stub.tokens = {k: 0.0 for k in self.stub.tokens}
            return False
        if mode in ("http500", "http503", "http429", "failure200"):
            status = {"http500": 500, "http503": 503, "http429": 429, "failure200": 200}[mode]
            minor = {500: "internal_server_error", 200: "internal_server_error"}.get(status, "server_busy")
            hdrs = {}
            if status in (429, 503):
                hdrs["Retry-After"] = str(fault.get("retry_after", 1))
            self.send(status, envelope(minor, "Injected fault: %s" % mode), hdrs)
            entry["status"] = status
            return True
        if mode == "http502":
            self.send(502, None, raw=b"<html><body><h1>502 Bad Gateway</h1></body></html>",
                      ctype="text/html")
            entry["status"] = 502
            return True
        if mode == "hang":
            time.sleep(float(fault.get("seconds", self.stub.config["hang_seconds"])))
            self.close_connection = True
            entry["status"] = 0
            return True
        if mode == "refuse":
            # Reset the connection without an answer (RST: SO_LINGER 0, then close).
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            entry["status"] = 0
            return True
        return False

    # -- OAuth 2 -------------------------------------------------------------------------
    def token(self, raw):
        a = self.stub.args
        if self.command != "POST":
            raise StubError(405, "unsupported", "The token endpoint takes POST.", major="unsupported")
        auth = self.headers.get("Authorization") or ""
        ok = False
        if auth[:6].lower() == "basic ":
            try:
                ident, _, secret = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")
                ok = (secrets.compare_digest(urllib.parse.unquote_plus(ident), a.client_id)
                      and secrets.compare_digest(urllib.parse.unquote_plus(secret), a.client_secret))
            except (ValueError, UnicodeDecodeError):
                ok = False
        if not ok:
            self.send(401, {"error": "invalid_client",
                            "error_description": "Client authentication failed."},
                      {"WWW-Authenticate": 'Basic realm="oneroster"'})
            return 401
        form = urllib.parse.parse_qs(raw.decode("utf-8", "replace"))
        if form.get("grant_type", [""])[0] != "client_credentials":
            self.send(400, {"error": "unsupported_grant_type"})
            return 400
        asked = (form.get("scope", [""])[0]).split()
        if any(s not in SCOPES for s in asked):
            self.send(400, {"error": "invalid_scope"})
            return 400
        scope = " ".join(asked or SCOPES[:1])
        tok = secrets.token_urlsafe(24)
        ttl = int(self.stub.config["token_ttl"])
        with self.stub.lock:
            self.stub.tokens[tok] = time.monotonic() + ttl
        self.send(200, {"access_token": tok, "token_type": "bearer", "expires_in": ttl, "scope": scope},
                  {"Pragma": "no-cache"})
        return 200

    def bearer(self):
        auth = self.headers.get("Authorization") or ""
        if auth[:7].lower() != "bearer ":
            raise StubError(401, "unauthorisedrequest", "A bearer token is required.")
        with self.stub.lock:
            exp = self.stub.tokens.get(auth[7:].strip())
        if exp is None:
            raise StubError(401, "unauthorisedrequest", "The access token is not valid.")
        if time.monotonic() >= exp:
            raise StubError(401, "unauthorisedrequest", "The access token has expired.")

    # -- OneRoster -----------------------------------------------------------------------
    def oneroster(self, sub, query):
        """Answers a OneRoster read; returns (status, rows, total)."""
        self.bearer()
        if self.command not in ("GET", "HEAD"):
            raise StubError(405, "unsupported", "This provider is read-only.", major="unsupported")
        for rx, fn in ROUTES:
            m = rx.match(sub)
            if m:
                break
        else:
            raise StubError(404, "unknownobject", "No such endpoint: %s%s" % (BASE, sub))
        q = urllib.parse.parse_qs(query, keep_blank_values=True)
        shape, kind, key, recs = fn(self.stub, {k: urllib.parse.unquote(v) for k, v in m.groupdict().items()})
        fields = None
        if "fields" in q:
            fields = [f.strip() for f in q["fields"][-1].split(",") if f.strip()]
            for f in fields:
                if f not in FIELDS[kind]:
                    raise StubError(400, "invalid_selection_field", "The field '%s' is not a field of %s." % (f, kind))
        if shape == "one":
            self.send(200, {key: project(recs, fields)})
            return 200, 1, None
        cfg = self.stub.config
        limit = int_param(q, "limit", cfg["default_limit"], 1)
        offset = int_param(q, "offset", 0, 0)
        if "filter" in q:
            clauses, join = parse_filter(kind, q["filter"][-1])
            recs = [r for r in recs if matches(r, clauses, join)]
        if "sort" in q:
            field = q["sort"][-1]
            check_field(kind, field, "invalid_sort_field")
            order = (q.get("orderBy") or ["asc"])[-1].lower()
            if order not in ("asc", "desc"):
                raise StubError(400, "invaliddata", "orderBy is asc or desc.")
            recs = sorted(recs, key=lambda r: as_text((values_of(r, field) or [None])[0]),
                          reverse=order == "desc")
        total = len(recs)
        step = min(limit, cfg["max_limit"]) if cfg["max_limit"] else limit
        page = [project(r, fields) for r in recs[offset:offset + step]]
        headers = {}
        if cfg["total_count"]:
            headers["X-Total-Count"] = str(total)
        headers["Link"] = self.links(sub, q, offset, step, total)
        self.send(200, {key: page}, headers)
        return 200, len(page), total

    def links(self, sub, q, offset, step, total):
        host = self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]

        def at(off):
            params = [(k, v) for k, vs in q.items() if k not in ("limit", "offset") for v in vs]
            params += [("limit", str(step)), ("offset", str(off))]
            return "<http://%s%s%s?%s>" % (host, BASE, sub, urllib.parse.urlencode(params, quote_via=urllib.parse.quote))
        out = []
        if offset + step < total:
            out.append('%s; rel="next"' % at(offset + step))
        if offset > 0:
            out.append('%s; rel="prev"' % at(max(0, offset - step)))
        out.append('%s; rel="first"' % at(0))
        out.append('%s; rel="last"' % at(((max(total, 1) - 1) // step) * step))
        return ", ".join(out)

    # -- control API ---------------------------------------------------------------------
    def control(self, path, query, raw):
        stub = self.stub
        doc = json.loads(raw.decode("utf-8")) if raw.strip() else {}
        q = urllib.parse.parse_qs(query)
        if path == "/_stub/calls" and self.command == "GET":
            since = int((q.get("since") or ["0"])[0])
            with stub.settled:
                stub.settled.wait_for(lambda: stub.in_flight.get(stub.generation, 0) == 0, timeout=2)
            with stub.lock:
                calls = [dict(c) for c in stub.calls[since:]]
            return self.send(200, {"count": len(calls), "calls": calls})
        if path == "/_stub/calls" and self.command == "DELETE":
            with stub.lock:
                stub.calls = []
            return self.send(200, {"ok": True})
        if path == "/_stub/fault" and self.command == "POST":
            if doc.get("mode") not in ("http500", "http503", "http429", "http502", "failure200",
                                       "hang", "refuse", "expire-token"):
                raise ValueError("unknown fault mode %r" % doc.get("mode"))
            f = {"mode": doc["mode"], "count": int(doc.get("count", 1)), "after": int(doc.get("after", 0))}
            for k in ("path", "seconds", "retry_after"):
                if k in doc:
                    f[k] = doc[k]
            if f["mode"] == "expire-token" and not doc.get("path") and not doc.get("after"):
                with stub.lock:        # now, not at the next call
                    stub.tokens = {k: 0.0 for k in stub.tokens}
                return self.send(200, {"ok": True, "expired": len(stub.tokens)})
            with stub.lock:
                stub.faults.append(f)
            return self.send(200, {"ok": True, "faults": len(stub.faults)})
        if path == "/_stub/fault" and self.command == "DELETE":
            with stub.lock:
                stub.faults = []
            return self.send(200, {"ok": True})
        if path == "/_stub/reset" and self.command == "POST":
            stub.reset()
            return self.send(200, {"ok": True, "counts": stub.store.counts()})
        if path == "/_stub/data" and self.command == "GET":
            snap = stub.store.snapshot()
            if q.get("type"):
                kind = {"terms": "academicSessions", "schools": "orgs"}.get(q["type"][0], q["type"][0])
                if kind not in TYPES:
                    raise ValueError("unknown type")
                snap = {kind: snap[kind]}
            return self.send(200, snap)
        if path == "/_stub/data" and self.command == "POST":
            # In this order: clear, fixture, generate, patch; then, if asked, this is the
            # state /_stub/reset returns to.
            if doc.get("clear"):
                stub.store.load({})
            if "fixture" in doc:
                stub.store.load(load_fixture(doc["fixture"]), replace=False)
            if "generate" in doc:
                stub.store.load(generate(parse_spec(doc["generate"])), replace=False)
            n = stub.store.patch(doc.get("patch") or [])
            if doc.get("initial"):
                stub.initial = stub.store.snapshot()
            return self.send(200, {"ok": True, "changed": n, "counts": stub.store.counts()})
        if path == "/_stub/state" and self.command == "GET":
            with stub.lock:
                live = sum(1 for e in stub.tokens.values() if e > time.monotonic())
                faults = [dict(f) for f in stub.faults if f["count"] > 0]
            return self.send(200, {"counts": stub.store.counts(), "config": stub.config,
                                   "tokens_live": live, "faults": faults, "calls": len(stub.calls)})
        if path == "/_stub/config" and self.command == "POST":
            for k, v in doc.items():
                if k not in stub.config:
                    raise ValueError("unknown setting %r" % k)
                if k == "variant" and v not in ("standard", "vendor"):
                    raise ValueError("variant is standard or vendor")
                stub.config[k] = v
            return self.send(200, {"ok": True, "config": stub.config})
        self.send(404, {"error": "no such control call: %s %s" % (self.command, path)})


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def watch_parent(pid):
    while True:
        time.sleep(0.5)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:
            pass


def main():
    p = argparse.ArgumentParser(description="A stateful OneRoster 1.1 REST stub for the tests.")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--data", help="a JSON fixture: {orgs, academicSessions, courses, classes, users, enrollments}")
    p.add_argument("--generate", default="", help="e.g. classes=200,students=40[,teachers=2,pool=N,codes=ascii,year=2567]")
    p.add_argument("--client-id", default="borikan-test")
    p.add_argument("--client-secret", default="s3cret:with/odd+chars")
    p.add_argument("--token-ttl", type=int, default=3600)
    p.add_argument("--max-limit", type=int, default=0, help="server-side page cap (0: none)")
    p.add_argument("--default-limit", type=int, default=100)
    p.add_argument("--no-total-count", action="store_true", help="omit X-Total-Count")
    p.add_argument("--variant", choices=("standard", "vendor"), default="standard",
                   help="vendor: students/teachers/terms/school envelopes instead of users/academicSessions/org")
    p.add_argument("--hang-seconds", type=float, default=30.0)
    p.add_argument("--parent-pid", type=int, default=0, help="exit when this process is gone")
    args = p.parse_args()
    stub = Stub(args)
    colls = {t: [] for t in TYPES}
    try:
        if args.data:
            with open(args.data, encoding="utf-8") as f:
                colls = load_fixture(json.load(f))
        gen = generate(parse_spec(args.generate))
    except (OSError, ValueError) as e:
        sys.stderr.write("oneroster_stub: %s\n" % e)
        return 2
    stub.store.load(colls)
    stub.store.load(gen, replace=False)
    stub.initial = stub.store.snapshot()
    Handler.stub = stub
    try:
        httpd = Server(("127.0.0.1", args.port), Handler)
    except OSError as e:
        sys.stderr.write("oneroster_stub: port %d: %s\n" % (args.port, e))
        return 98 if e.errno == errno.EADDRINUSE else 1
    if args.parent_pid:
        threading.Thread(target=watch_parent, args=(args.parent_pid,), daemon=True).start()
    print("ready %d" % httpd.server_address[1], flush=True)
    try:
        httpd.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
