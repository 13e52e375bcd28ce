#!/usr/bin/python3
"""A stateful stub of Moodle 4.1's REST web services, for the tests (Python standard library).

    moodle_stub.py --port PORT [--state FILE] [--debug] [--lang th] [--max-input-vars N]
                   [--token TOKEN] [--config FILE] [--canary USERNAME:IDNUMBER] [--pidfile FILE]

Answers POST (and GET) /webservice/rest/server.php the way Moodle 4.1.10 does, as described in
/work/shared/docs/INTEGRATIONS.md section A: form-encoded bodies parsed with PHP's bracket syntax
and cut at max_input_vars, strict PARAM_* cleaning, Moodle's error objects with HTTP 200, all-or-
nothing and per-item batches, the real duplicate rules. State is kept in memory and, with --state,
in a JSON file rewritten after every write, so a restarted stub keeps its data.

Everything under /_stub/ is the control API of the tests, never part of Moodle (tests/stubs/README.md).
"""
import argparse
import copy
import hashlib
import html
import json
import os
import re
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RELEASE = "4.1.10 (Build: 20240422)"
VERSION = "2022112810"
DEFAULT_TOKEN = "0123456789abcdef0123456789abcdef"

FUNCTIONS_ORDER = [
    "core_webservice_get_site_info", "core_course_get_categories", "core_course_create_categories",
    "core_course_get_courses_by_field", "core_course_create_courses", "core_course_update_courses",
    "core_user_get_users_by_field", "core_user_create_users", "core_user_update_users",
    "enrol_manual_enrol_users", "enrol_manual_unenrol_users", "core_enrol_get_enrolled_users",
]

# Capabilities the function code checks; a token has all of them unless its config removes some.
ALL_CAPS = [
    "webservice/rest:use", "moodle/course:create", "moodle/course:visibility", "moodle/course:update",
    "moodle/course:changecategory", "moodle/course:changefullname", "moodle/course:changeshortname",
    "moodle/course:changeidnumber", "moodle/course:changesummary", "moodle/course:view",
    "moodle/course:viewhiddencourses", "moodle/category:manage", "moodle/category:viewhiddencategories",
    "moodle/user:create", "moodle/user:update", "moodle/user:viewdetails", "moodle/user:viewhiddendetails",
    "moodle/user:viewalldetails", "moodle/course:useremail", "moodle/site:accessallgroups",
    "moodle/course:viewparticipants", "moodle/course:enrolreview", "moodle/site:viewuseridentity",
    "enrol/manual:enrol", "enrol/manual:unenrol", "moodle/role:assign", "moodle/role:review",
    "moodle/course:setforcedlanguage",
]
CAP_NAMES = {
    "moodle/course:create": "Create courses", "moodle/course:update": "Update course settings",
    "moodle/category:manage": "Manage course categories", "moodle/user:create": "Create users",
    "moodle/user:update": "Update user profiles", "enrol/manual:enrol": "Enrol users",
    "enrol/manual:unenrol": "Unenrol users from the course",
    "moodle/course:viewparticipants": "View participants",
    "moodle/course:enrolreview": "Review course enrolments",
    "moodle/course:changecategory": "Change course category",
    "moodle/course:changefullname": "Change course full name",
    "moodle/course:changeshortname": "Change course short name",
    "moodle/course:changeidnumber": "Change course ID number",
    "moodle/course:changesummary": "Change course summary",
    "moodle/course:visibility": "Hide/show courses",
}

DEFAULT_CONFIG = {
    "tokens": {DEFAULT_TOKEN: {"userid": 3, "service": "borikan", "functions": None,
                               "capabilities": None, "missing_capabilities": [],
                               "assignable_roles": None, "expired": False}},
    "max_input_vars": 1000,
    "debug": False,
    "lang": "en",
    "ws_enabled": True,
    "maintenance": False,
    "allowaccountssameemail": False,
    "roles": {"manager": 1, "coursecreator": 2, "editingteacher": 3, "teacher": 4, "student": 5,
              "guest": 6, "user": 7, "frontpage": 8},
    "assignable_roles": ["editingteacher", "teacher", "student"],
    "langs": ["en", "th"],
    "sitelang": "en",
    "showuseridentity": ["email"],
    "manual_enabled": True,
    "passwordpolicy": True,
    "minpasswordlength": 8, "minpassworddigits": 1, "minpasswordlower": 1,
    "minpasswordupper": 1, "minpasswordnonalphanum": 1,
    "canary": {"username": "canary.borikan", "idnumber": "CANARY-0001",
               "email": "canary@lms.invalid", "firstname": "Canary", "lastname": "Borikan"},
}

AUTHS = ["manual", "nologin", "email", "cas", "db", "ldap", "lti", "mnet", "none", "oauth2",
         "shibboleth", "webservice"]
INTERNAL_AUTHS = {"manual", "nologin", "email", "none", "mnet", "webservice"}
THEMES = ["boost", "classic"]
FORMATS = ["topics", "weeks", "social", "singleactivity", "site"]

MESSAGES = {
    "en": {
        "invalidparameter": "Invalid parameter value detected",
        "invalidtoken": "Invalid token - token not found",
        "accessexception": "Access control exception",
        "sitemaintenance": "The site is undergoing maintenance and is currently not available",
        "invalidrecord": "Can't find data record in database table {a}.",
        "nopermissions": "Sorry, but you do not currently have permissions to do that ({a}).",
        "codingerror": "Coding error detected, it must be fixed by a programmer: {a}",
        "dmlwriteexception": "Error writing to database",
        "shortnametaken": "Short name is already used for another course ({a})",
        "courseidnumbertaken": "ID number is already used for another course ({a})",
        "categoryidnumbertaken": "ID number is already used for another category",
        "idnumbertoolong": "ID number is too long",
        "categorytoolong": "Category name is too long",
        "categorynamerequired": "A category name is required",
        "unknowcategory": "Unknown category",
        "errorinvalidparam": "The param \"{a}\" is invalid.",
        "errorcatcontextnotvalid": "You cannot execute functions in the category context "
                                   "(category id:{a}). The context error message was: "
                                   "Context does not exist",
        "errorcoursecontextnotvalid": "You cannot execute functions in the course context "
                                      "(course id:{a}). The context error message was: "
                                      "Context does not exist",
        "enddatebeforestartdate": "The course end date must be after the start date.",
        "nostartdatenoenddate": "The course end date cannot be set without a start date.",
        "criteriaerror": "Missing permissions to search on a criterion.",
        "wsnoinstance": "Manual enrolment plugin instance doesn't exist or is disabled for the "
                        "course (id = {a})",
        "wsusercannotassign": "You don't have the permission to assign this role ({a}) in this course.",
        "invaliduserid": "Invalid user id",
        "usernotupdatedadmin": "Cannot update admin accounts",
        "usernotupdateddeleted": "User is a deleted user",
        "usernotupdatedguest": "Cannot update the guest user",
        "useremailinvalid": "Invalid email address",
        "useremailduplicate": "Duplicate email address",
        "usernamelowercase": "Only lowercase letters allowed",
        "invalidusername": "The username can only contain alphanumeric lowercase characters "
                           "(letters and numbers), underscore (_), hyphen (-), period (.) or at symbol (@).",
        "invaliduserfield": "The field '{a}' is not valid",
        "wscannotunenrol": "The manual enrolment plugin instance does not allow unenrolling users",
    },
    # Not Moodle's own Thai pack; enough to prove a client never parses `message`.
    "th": {
        "invalidparameter": "ตรวจพบค่าพารามิเตอร์ที่ไม่ถูกต้อง",
        "invalidtoken": "โทเค็นไม่ถูกต้อง - ไม่พบโทเค็น",
        "accessexception": "ข้อยกเว้นในการควบคุมการเข้าถึง",
        "sitemaintenance": "เว็บไซต์อยู่ระหว่างปรับปรุงและยังไม่พร้อมใช้งาน",
        "nopermissions": "ขออภัย คุณไม่มีสิทธิ์ทำสิ่งนี้ ({a})",
        "shortnametaken": "ชื่อย่อนี้มีรายวิชาอื่นใช้แล้ว ({a})",
        "courseidnumbertaken": "รหัสประจำตัวนี้มีรายวิชาอื่นใช้แล้ว ({a})",
        "categoryidnumbertaken": "รหัสประจำตัวนี้มีประเภทรายวิชาอื่นใช้แล้ว",
    },
}


class WSError(Exception):
    """A Moodle exception as the REST server reports it."""

    def __init__(self, exception, errorcode, a=None, debuginfo=None, message=None):
        super().__init__(errorcode)
        self.exception = exception
        self.errorcode = errorcode
        self.a = a
        self.debuginfo = debuginfo
        self.fixed_message = message

    def message(self, lang="en"):
        if self.fixed_message is not None:
            return self.fixed_message
        for table in (MESSAGES.get(lang, {}), MESSAGES["en"]):
            if self.errorcode in table:
                return table[self.errorcode].replace("{a}", "" if self.a is None else str(self.a))
        # moodle_exception with no such string: "error/<errorcode>"
        return "error/" + self.errorcode


def invalid_parameter(debuginfo):
    return WSError("invalid_parameter_exception", "invalidparameter", debuginfo=debuginfo)


def moodle_error(code, a=None, debuginfo=None):
    return WSError("moodle_exception", code, a, debuginfo)


def coding_error(hint, debuginfo=None):
    return WSError("coding_exception", "codingerror", hint, debuginfo)


def missing_record(table):
    return WSError("dml_missing_record_exception", "invalidrecord", table)


def dml_write(debuginfo):
    return WSError("dml_write_exception", "dmlwriteexception", debuginfo=debuginfo)


def no_permission(cap):
    return WSError("required_capability_exception", "nopermissions", CAP_NAMES.get(cap, cap),
                   debuginfo=cap)


# ---------------------------------------------------------------- PHP input: parse_str, max_input_vars

def php_pairs(raw):
    """The name=value pairs of a query string or form body, decoded, in order (PHP's `&` only)."""
    out = []
    for part in raw.split("&"):
        if part == "":
            continue
        name, _, value = part.partition("=")
        name = urllib.parse.unquote_plus(name, errors="replace")
        value = urllib.parse.unquote_plus(value, errors="replace")
        out.append((name, value))
    return out


def php_key(k):
    if re.fullmatch(r"-?(0|[1-9][0-9]*)", k) and -2**63 <= int(k) < 2**63 and k != "-0":
        return int(k)
    return k


def php_register(target, name, value):
    """Stores one variable as php_register_variable_ex does: `a[b][]=v` into nested dicts."""
    name = name.lstrip(" ")
    i = name.find("[")
    if i == -1 or "]" not in name[i:]:
        base, rest = name, ""
        if i != -1:                       # an unmatched "[" becomes "_"
            base = name[:i] + "_" + name[i + 1:]
    else:
        base, rest = name[:i], name[i:]
    base = base.replace(" ", "_").replace(".", "_")
    if base == "":
        return
    keys = [base]
    while rest.startswith("["):
        j = rest.find("]")
        if j == -1:
            break
        keys.append(rest[1:j])
        rest = rest[j + 1:]
    node = target
    for n, k in enumerate(keys):
        last = n == len(keys) - 1
        if k == "" and n > 0:
            ints = [x for x in node if isinstance(x, int)]
            k = max(ints) + 1 if ints else 0
        elif n > 0:
            k = php_key(k)
        if last:
            node[k] = value
        else:
            if not isinstance(node.get(k), dict):
                node[k] = {}
            node = node[k]


def php_parse(pairs):
    arr = {}
    for name, value in pairs:
        php_register(arr, name, value)
    return arr


# ---------------------------------------------------------------- parameter descriptions and cleaning

REQ, DEF, OPT = "required", "default", "optional"


class V:
    """external_value"""

    def __init__(self, ptype, req=REQ, default=None):
        self.t, self.req, self.default = ptype, req, default


class S:
    """external_single_structure"""

    def __init__(self, keys, req=REQ):
        self.keys, self.req, self.default = keys, req, None


class M:
    """external_multiple_structure"""

    def __init__(self, content, req=REQ, default=None):
        self.content, self.req, self.default = content, req, default


def phpstr(v):
    if v is True:
        return "1"
    if v is False or v is None:
        return ""
    return str(v)


def strip_tags(s, allowed=()):
    def repl(m):
        tag = re.match(r"</?([A-Za-z0-9]+)", m.group(0))
        if tag and tag.group(1).lower() in allowed:
            return m.group(0)
        return ""
    s = re.sub(r"<!--.*?(-->|$)", "", s, flags=re.S)
    return re.sub(r"<(?!\s)[^>]*(>|$)", repl, s)


def php_trim(s):
    return s.strip(" \t\n\r\0\x0b")


def clean_param(v, t, cfg):
    s = phpstr(v)
    if t in ("raw",):
        return s
    if t == "raw_trimmed":
        return php_trim(s)
    if t == "int":
        if isinstance(v, int) and not isinstance(v, bool):
            return v
        m = re.match(r"[ \t\n\r\v\f]*([+-]?[0-9]+)", s)
        return int(m.group(1)) if m else 0
    if t == "bool":
        low = s.lower()
        if low in ("on", "yes", "true"):
            return 1
        if low in ("off", "no", "false"):
            return 0
        return 0 if s in ("", "0") else 1
    if t == "alpha":
        return re.sub(r"[^a-zA-Z]", "", s)
    if t == "alphanumext":
        return re.sub(r"[^a-zA-Z0-9_-]", "", s)
    if t in ("safedir",):
        return re.sub(r"[^a-zA-Z0-9_-]", "", s)
    if t == "sequence":
        return re.sub(r"[^0-9,]", "", s)
    if t == "notags":
        return strip_tags(s)
    if t == "text":
        if "</lang>" in s:
            return strip_tags(s, ("lang",))
        if "</span>" in s:
            return strip_tags(s, ("span",))
        return strip_tags(s)
    if t == "username":
        s = php_trim(s).lower()
        s = s.replace(" ", "")
        return re.sub(r"[^-.@_a-z0-9]", "", s)
    if t == "plugin":
        return s if re.fullmatch(r"[a-z][a-z0-9_]*[a-z0-9]", s) and "__" not in s else ""
    if t == "auth":
        p = clean_param(s, "plugin", cfg)
        return p if p in AUTHS else ""
    if t == "lang":
        p = re.sub(r"[^a-zA-Z0-9_-]", "", s)
        return p if p in cfg["langs"] else ""
    if t == "theme":
        p = clean_param(s, "plugin", cfg)
        return p if p in THEMES else ""
    if t == "timezone":
        ok = re.fullmatch(r"(([+-]?(0?[0-9](\.[5|0])?|1[0-3](\.0)?|1[0-2]\.5))|(99)|"
                          r"[A-Za-z0-9]+(/?[A-Za-z_-])+)", s)
        return s if ok else ""
    raise ValueError("unknown PARAM type " + t)


def validate_param(v, t, cfg, debuginfo):
    if isinstance(v, dict):
        raise invalid_parameter(debuginfo)
    cleaned = clean_param(v, t, cfg)
    if phpstr(v) != phpstr(cleaned):
        raise invalid_parameter(debuginfo)
    return cleaned


def validate(desc, v, cfg):
    """external_api::validate_parameters: the cleaned value, or WSError invalidparameter."""
    if v is None:
        return None
    if isinstance(desc, V):
        if isinstance(v, (dict, list)):
            raise invalid_parameter("Scalar type expected, array or object received.")
        if desc.t == "bool" and (v is True or v is False or v in (0, 1, "0", "1")):
            return bool(int(v))
        dbg = 'Invalid external api parameter: the value is "%s", the server was expecting "%s" type' % (
            phpstr(v), desc.t)
        return validate_param(v, desc.t, cfg, dbg)
    if isinstance(desc, S):
        if not isinstance(v, dict):
            raise invalid_parameter("Only arrays accepted. The bad value is: '%s'" % phpstr(v))
        rest = dict(v)
        out = {}
        for key, sub in desc.keys.items():
            if key not in rest:
                if sub.req == REQ:
                    raise invalid_parameter("Missing required key in single structure: " + key)
                if sub.req == DEF:
                    try:
                        out[key] = validate(sub, sub.default, cfg)
                    except WSError as e:
                        if e.errorcode != "invalidparameter":
                            raise
                        raise invalid_parameter("%s => %s: %s" % (key, e.message(), e.debuginfo))
            else:
                try:
                    out[key] = validate(sub, rest[key], cfg)
                except WSError as e:
                    if e.errorcode != "invalidparameter":
                        raise
                    raise invalid_parameter("%s => %s: %s" % (key, e.message(), e.debuginfo))
                del rest[key]
        if rest:
            raise invalid_parameter("Unexpected keys (%s) detected in parameter array."
                                    % ", ".join(str(k) for k in rest))
        return out
    if isinstance(desc, M):
        if isinstance(v, list):
            vals = v
        elif isinstance(v, dict):
            vals = list(v.values())
        else:
            raise invalid_parameter("Only arrays accepted. The bad value is: '%s'" % phpstr(v))
        return [validate(desc.content, x, cfg) for x in vals]
    raise ValueError("bad description")


def validate_email(addr):
    if not addr:
        return False
    if re.search(r"[<>]", addr):
        return False
    return re.fullmatch(r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
                        r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*", addr) is not None


def php_empty(v):
    return v is None or v is False or v == 0 or v == "" or v == "0" or v == [] or v == {}


# ---------------------------------------------------------------- the functions' parameter descriptions

def _opt(t):
    return V(t, OPT)


COURSE_FIELDS = {
    "fullname": V("text"), "shortname": V("text"), "categoryid": V("int"), "idnumber": _opt("raw"),
    "summary": _opt("raw"), "summaryformat": V("int", DEF, 1), "format": V("plugin", DEF, "topics"),
    "showgrades": V("int", DEF, 1), "newsitems": V("int", DEF, 5), "startdate": _opt("int"),
    "enddate": _opt("int"), "numsections": _opt("int"), "maxbytes": V("int", DEF, 0),
    "showreports": V("int", DEF, 0), "visible": _opt("int"), "hiddensections": _opt("int"),
    "groupmode": V("int", DEF, 0), "groupmodeforce": V("int", DEF, 0),
    "defaultgroupingid": V("int", DEF, 0), "enablecompletion": _opt("int"),
    "completionnotify": _opt("int"), "lang": _opt("safedir"), "forcetheme": _opt("plugin"),
    "courseformatoptions": M(S({"name": V("alphanumext"), "value": V("raw")}), OPT),
    "customfields": M(S({"shortname": V("alphanumext"), "value": V("raw")}), OPT),
}


def course_update_fields():
    keys = {"id": V("int")}
    for k, d in COURSE_FIELDS.items():
        if isinstance(d, V):
            keys[k] = V(d.t, OPT)
        else:
            keys[k] = d
    return keys


USER_COMMON = {
    "auth": V("auth", DEF, "manual"), "password": _opt("raw"),
    "firstname": V("notags"), "lastname": V("notags"), "email": V("raw_trimmed"),
    "maildisplay": _opt("int"), "city": _opt("notags"), "country": _opt("alpha"),
    "timezone": _opt("timezone"), "description": _opt("raw"), "firstnamephonetic": _opt("notags"),
    "lastnamephonetic": _opt("notags"), "middlename": _opt("notags"), "alternatename": _opt("notags"),
    "interests": _opt("text"), "idnumber": V("raw", DEF, ""), "institution": _opt("text"),
    "department": _opt("text"), "phone1": _opt("notags"), "phone2": _opt("notags"),
    "address": _opt("text"), "lang": V("lang", DEF, "en"), "calendartype": V("plugin", DEF, "gregorian"),
    "theme": _opt("theme"), "mailformat": _opt("int"),
    "customfields": M(S({"type": V("alphanumext"), "value": V("raw")}), OPT),
    "preferences": M(S({"type": V("raw"), "value": V("raw")}), OPT),
}


def create_user_keys():
    keys = {"createpassword": _opt("bool"), "username": V("username")}
    keys.update(USER_COMMON)
    return keys


def update_user_keys():
    keys = {"id": V("int"), "username": _opt("username"), "suspended": _opt("bool"),
            "userpicture": _opt("int")}
    for k, d in USER_COMMON.items():
        keys[k] = V(d.t, OPT) if isinstance(d, V) else d
    return keys


PARAMS = {
    "core_webservice_get_site_info": S({"serviceshortnames": M(V("alphanumext"), DEF, [])}),
    "core_course_get_categories": S({
        "criteria": M(S({"key": V("alpha"), "value": V("raw")}), DEF, []),
        "addsubcategories": V("bool", DEF, 1)}),
    "core_course_create_categories": S({"categories": M(S({
        "name": V("text"), "parent": V("int", DEF, 0), "idnumber": _opt("raw"),
        "description": _opt("raw"), "descriptionformat": V("int", DEF, 1), "theme": _opt("theme")}))}),
    "core_course_get_courses_by_field": S({"field": V("alpha", DEF, ""), "value": V("raw", DEF, "")}),
    "core_course_create_courses": S({"courses": M(S(COURSE_FIELDS))}),
    "core_course_update_courses": S({"courses": M(S(course_update_fields()))}),
    "core_user_get_users_by_field": S({"field": V("alpha"), "values": M(V("raw"))}),
    "core_user_create_users": S({"users": M(S(create_user_keys()))}),
    "core_user_update_users": S({"users": M(S(update_user_keys()))}),
    "enrol_manual_enrol_users": S({"enrolments": M(S({
        "roleid": V("int"), "userid": V("int"), "courseid": V("int"), "timestart": _opt("int"),
        "timeend": _opt("int"), "suspend": _opt("int")}))}),
    "enrol_manual_unenrol_users": S({"enrolments": M(S({
        "userid": V("int"), "courseid": V("int"), "roleid": _opt("int")}))}),
    "core_enrol_get_enrolled_users": S({
        "courseid": V("int"),
        "options": M(S({"name": V("alphanumext"), "value": V("raw")}), DEF, [])}),
}

LIST_PARAM = {
    "core_course_get_categories": "criteria", "core_course_create_categories": "categories",
    "core_course_create_courses": "courses", "core_course_update_courses": "courses",
    "core_user_get_users_by_field": "values", "core_user_create_users": "users",
    "core_user_update_users": "users", "enrol_manual_enrol_users": "enrolments",
    "enrol_manual_unenrol_users": "enrolments", "core_enrol_get_enrolled_users": "options",
}
WRITES = {"core_course_create_categories", "core_course_create_courses", "core_course_update_courses",
          "core_user_create_users", "core_user_update_users", "enrol_manual_enrol_users",
          "enrol_manual_unenrol_users"}
NULL_RETURNS = {"enrol_manual_enrol_users", "enrol_manual_unenrol_users"}


# ---------------------------------------------------------------- state

TABLES = ["categories", "courses", "users", "enrol_instances", "user_enrolments", "role_assignments"]


def initial_data(cfg):
    now = int(time.time())
    d = {t: {} for t in TABLES}
    d["events"] = []
    d["seq"] = {t: 0 for t in TABLES}

    def put(table, rec):
        d["seq"][table] += 1
        rec["id"] = d["seq"][table]
        d[table][rec["id"]] = rec

    put("categories", {"name": "Category 1", "parent": 0, "idnumber": "", "description": "",
                       "descriptionformat": 1, "visible": 1, "visibleold": 1, "theme": "",
                       "timemodified": now})
    put("courses", {"category": 0, "fullname": "Borikan Moodle stub", "shortname": "stub",
                    "idnumber": "", "summary": "", "summaryformat": 1, "format": "site",
                    "startdate": 0, "enddate": 0, "visible": 1, "lang": "", "timecreated": now,
                    "timemodified": now})
    base = {"idnumber": "", "suspended": 0, "deleted": 0, "confirmed": 1, "lang": "en",
            "calendartype": "gregorian", "timecreated": now, "timemodified": now,
            "password_set": True, "password_sha256": "", "customfields": {}, "preferences": {}}
    put("users", dict(base, username="guest", auth="manual", firstname="Guest user", lastname=" ",
                      email="root@localhost"))
    put("users", dict(base, username="admin", auth="manual", firstname="Admin", lastname="User",
                      email="admin@lms.test"))
    put("users", dict(base, username="borikan.ws", auth="webservice", firstname="Borikan",
                      lastname="Web service", email="ws@lms.test"))
    can = cfg.get("canary")
    if can:
        put("users", dict(base, username=can["username"], auth="manual",
                          firstname=can.get("firstname", "Canary"),
                          lastname=can.get("lastname", "User"),
                          email=can.get("email", can["username"] + "@lms.invalid"),
                          idnumber=can.get("idnumber", "")))
    return d


def data_to_json(d):
    out = {t: [d[t][k] for k in sorted(d[t])] for t in TABLES}
    out["events"] = d["events"]
    out["seq"] = d["seq"]
    return out


def data_from_json(j):
    d = {t: {int(r["id"]): r for r in j.get(t, [])} for t in TABLES}
    d["events"] = j.get("events", [])
    d["seq"] = j.get("seq") or {t: max(d[t], default=0) for t in TABLES}
    return d


class Tx:
    """Undo journal: the all-or-nothing batches roll back to where they began (ids are not reused,
    as in a database whose auto-increment survives a rollback)."""

    def __init__(self, d):
        self.d = d
        self.undo = []

    def insert(self, table, rec):
        self.d["seq"][table] += 1
        rec["id"] = self.d["seq"][table]
        self.d[table][rec["id"]] = rec
        self.undo.append(lambda: self.d[table].pop(rec["id"], None))
        return rec

    def update(self, rec, **fields):
        old = {k: (k in rec, rec.get(k)) for k in fields}

        def back():
            for k, (had, v) in old.items():
                if had:
                    rec[k] = v
                else:
                    rec.pop(k, None)
        self.undo.append(back)
        rec.update(fields)

    def delete(self, table, rid):
        rec = self.d[table].pop(rid)
        self.undo.append(lambda: self.d[table].__setitem__(rid, rec))

    def event(self, ev):
        self.d["events"].append(ev)
        self.undo.append(lambda: self.d["events"].remove(ev))

    def rollback(self):
        for u in reversed(self.undo):
            u()
        self.undo = []


# ---------------------------------------------------------------- the stub

class Ctx:
    def __init__(self, stub, token, tokcfg):
        self.stub = stub
        self.d = stub.data
        self.cfg = stub.config
        self.token = token
        self.tok = tokcfg
        self.userid = tokcfg.get("userid", 3)

    def has(self, cap):
        caps = self.tok.get("capabilities")
        if caps is not None and cap not in caps:
            return False
        return cap not in (self.tok.get("missing_capabilities") or [])

    def require(self, cap):
        if not self.has(cap):
            raise no_permission(cap)

    def assignable(self):
        ids = self.tok.get("assignable_roles")
        if ids is None:
            ids = self.cfg.get("assignable_roles", [])
        roles = self.cfg["roles"]
        return {roles[r] if isinstance(r, str) else int(r) for r in ids if not isinstance(r, str) or r in roles}

    def role_short(self, roleid):
        for k, v in self.cfg["roles"].items():
            if v == roleid:
                return k
        return ""


class Stub:
    def __init__(self, config, state_file):
        self.lock = threading.RLock()
        self.base_config = copy.deepcopy(config)
        self.config = copy.deepcopy(config)
        self.state_file = state_file
        self.calls = []
        self.faults = []
        self.release_event = threading.Event()
        self.conns = set()
        self.server = None
        self.down_seconds = 0
        self.port = 0
        self.data = None
        if state_file and os.path.exists(state_file):
            with open(state_file, encoding="utf-8") as f:
                self.data = data_from_json(json.load(f))
        if self.data is None:
            self.data = initial_data(self.config)
            self.save()

    def save(self):
        if not self.state_file:
            return
        tmp = self.state_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data_to_json(self.data), f, ensure_ascii=False)
        os.replace(tmp, self.state_file)

    def release(self):
        ev, self.release_event = self.release_event, threading.Event()
        ev.set()

    def take_fault(self, function):
        with self.lock:
            for f in self.faults:
                if f.get("function") and f["function"] != function:
                    continue
                if f.get("skip", 0) > 0:
                    f["skip"] -= 1
                    continue
                f["count"] -= 1
                if f["count"] <= 0:
                    self.faults.remove(f)
                return f
        return None

    # -------------------------------------------------------- one web-service call

    def call(self, merged, function):
        """Authenticates, validates and runs one call under the lock. Returns the Python result
        (None for the null-returning functions) or raises WSError."""
        cfg = self.config
        token = merged.pop("wstoken", None)
        merged.pop("wsfunction", None)
        if not isinstance(token, str) or token not in cfg["tokens"] or cfg["tokens"][token] is None:
            raise WSError("moodle_exception", "invalidtoken")
        tok = cfg["tokens"][token]
        if tok.get("expired"):
            raise WSError("webservice_access_exception", "accessexception",
                          debuginfo="Invalid token - token expired - check validuntil time for the token")
        if cfg.get("maintenance"):
            raise WSError("moodle_exception", "sitemaintenance")
        if not isinstance(function, str) or function == "":
            raise invalid_parameter("Missing function name")
        if function not in PARAMS:
            raise missing_record("external_functions")
        allowed = tok.get("functions")
        if allowed is not None and function not in allowed:
            raise WSError("webservice_access_exception", "accessexception",
                          debuginfo="Access to the function %s() is not allowed. There could be multiple "
                                    "reasons for this: 1. The service linked to the user token does not "
                                    "contain the function. 2. The service is user-restricted and the user "
                                    "is not listed. 3. The service is IP-restricted and the user IP is not "
                                    "listed. 4. The service is time-restricted and the time has expired. "
                                    "5. The token is time-restricted and the time has expired. 6. The "
                                    "service requires a specific capability which the user does not have. "
                                    "7. The function is called with username/password (no user token is "
                                    "sent) and none of the services has the function to allow the user. "
                                    "These settings can be found in Administration > Site administration "
                                    "> Server > Web services > External services and Manage tokens." % function)
        ctx = Ctx(self, token, tok)
        params = validate(PARAMS[function], merged, cfg)
        tx = Tx(self.data)
        try:
            result = getattr(self, "f_" + function)(ctx, params, tx)
        except BaseException:
            tx.rollback()
            raise
        if function in WRITES:
            self.save()
        return None if function in NULL_RETURNS else result

    # -------------------------------------------------------- helpers over the data

    def category_path(self, cid):
        path = []
        seen = set()
        while cid and cid in self.data["categories"] and cid not in seen:
            seen.add(cid)
            path.append(cid)
            cid = self.data["categories"][cid]["parent"]
        return list(reversed(path))

    def manual_instance(self, courseid, enabled_only=True):
        if enabled_only and not self.config.get("manual_enabled", True):
            return None
        for e in self.data["enrol_instances"].values():
            if e["courseid"] == courseid and e["enrol"] == "manual":
                if enabled_only and e["status"] != 0:
                    continue
                return e
        return None

    def live_user(self, uid):
        u = self.data["users"].get(uid)
        return u if u and not u.get("deleted") else None

    def user_details(self, ctx, u, fields=None, course=None):
        if u.get("deleted"):
            return None
        me = u["id"] == ctx.userid
        vad = me or ctx.has("moodle/user:viewalldetails")
        ident = ctx.cfg.get("showuseridentity", []) if ctx.has("moodle/site:viewuseridentity") else []
        upd = me or ctx.has("moodle/user:update")
        d = {"id": u["id"]}
        if vad:
            d["username"] = u["username"]
        d["firstname"] = u["firstname"]
        d["lastname"] = u["lastname"]
        d["fullname"] = (u["firstname"] + " " + u["lastname"]).strip()
        if u.get("email") and (vad or ctx.has("moodle/course:useremail") or "email" in ident):
            d["email"] = u["email"]
        if u.get("idnumber") and (vad or "idnumber" in ident):
            d["idnumber"] = u["idnumber"]
        for k in ("address", "phone1", "phone2", "department", "institution", "interests", "city",
                  "country", "alternatename", "firstnamephonetic", "lastnamephonetic", "middlename"):
            if u.get(k):
                d[k] = u[k]
        if upd:
            d["auth"] = u["auth"]
            d["suspended"] = bool(u.get("suspended"))
            d["confirmed"] = bool(u.get("confirmed", 1))
            d["lang"] = u.get("lang", "en")
            d["theme"] = u.get("theme", "")
            d["timezone"] = u.get("timezone", "99")
            d["mailformat"] = u.get("mailformat", 1)
        d["description"] = u.get("description", "")
        d["descriptionformat"] = 1
        d["profileimageurlsmall"] = "http://127.0.0.1:%d/theme/image.php/boost/core/1/u/f2" % self.port
        d["profileimageurl"] = "http://127.0.0.1:%d/theme/image.php/boost/core/1/u/f1" % self.port
        if u.get("customfields"):
            d["customfields"] = [{"type": "text", "value": v, "displayvalue": v, "name": k, "shortname": k}
                                 for k, v in sorted(u["customfields"].items())]
        if upd and u.get("preferences"):
            d["preferences"] = [{"name": k, "value": v} for k, v in sorted(u["preferences"].items())]
        if course is not None:
            roles = [ra for ra in self.data["role_assignments"].values()
                     if ra["courseid"] == course["id"] and ra["userid"] == u["id"]]
            seen = set()
            d["roles"] = []
            for ra in sorted(roles, key=lambda r: r["roleid"]):
                if ra["roleid"] in seen:
                    continue
                seen.add(ra["roleid"])
                d["roles"].append({"roleid": ra["roleid"], "name": "",
                                   "shortname": ctx.role_short(ra["roleid"]), "sortorder": 0})
            d["groups"] = []
            d["enrolledcourses"] = self.enrolled_courses(u["id"])
        if fields:
            keep = set(fields) | {"id", "fullname"}
            d = {k: v for k, v in d.items() if k in keep}
        return d

    def active_ue(self, ue, inst, now):
        return (ue["status"] == 0 and inst["status"] == 0 and ue["timestart"] < now
                and (ue["timeend"] == 0 or ue["timeend"] > now))

    def enrolled_courses(self, userid):
        now = int(time.time())
        out = {}
        for ue in self.data["user_enrolments"].values():
            if ue["userid"] != userid:
                continue
            inst = self.data["enrol_instances"].get(ue["enrolid"])
            if not inst or not self.active_ue(ue, inst, now):
                continue
            c = self.data["courses"].get(inst["courseid"])
            if c:
                out[c["id"]] = {"id": c["id"], "fullname": c["fullname"], "shortname": c["shortname"]}
        return [out[k] for k in sorted(out)]

    # -------------------------------------------------------- the functions

    def f_core_webservice_get_site_info(self, ctx, p, tx):
        u = self.data["users"][ctx.userid]
        fns = ctx.tok.get("functions")
        fns = FUNCTIONS_ORDER if fns is None else [f for f in fns if f in PARAMS]
        if p["serviceshortnames"] and ctx.tok.get("service", "borikan") not in p["serviceshortnames"]:
            fns = []
        base = "http://127.0.0.1:%d" % self.port
        return {
            "sitename": "Borikan Moodle stub", "username": u["username"], "firstname": u["firstname"],
            "lastname": u["lastname"], "fullname": u["firstname"] + " " + u["lastname"],
            "lang": u.get("lang", "en"), "userid": u["id"], "siteurl": base,
            "userpictureurl": base + "/theme/image.php/boost/core/1/u/f1",
            "functions": [{"name": f, "version": VERSION} for f in fns],
            "downloadfiles": 1, "uploadfiles": 1, "release": RELEASE, "version": VERSION,
            "mobilecssurl": "", "advancedfeatures": [{"name": "usecomments", "value": 1},
                                                     {"name": "usetags", "value": 1},
                                                     {"name": "enablenotes", "value": 1}],
            "usercanmanageownfiles": True, "userquota": 104857600, "usermaxuploadfilesize": 2097152,
            "userhomepage": 1, "userprivateaccesskey": hashlib.md5(ctx.token.encode()).hexdigest(),
            "siteid": 1, "sitecalendartype": "gregorian", "usercalendartype": "gregorian",
            "userissiteadmin": False, "theme": "boost", "limitconcurrentlogins": 0,
            "policyagreed": 1,
        }

    def category_out(self, ctx, c):
        path = self.category_path(c["id"])
        out = {"id": c["id"], "name": c["name"], "description": c.get("description", ""),
               "descriptionformat": c.get("descriptionformat", 1), "parent": c["parent"],
               "sortorder": c["id"] * 10000,
               "coursecount": sum(1 for x in self.data["courses"].values() if x["category"] == c["id"]),
               "depth": len(path), "path": "/" + "/".join(str(x) for x in path)}
        if ctx.has("moodle/category:manage"):
            out.update({"idnumber": c.get("idnumber", ""), "visible": c.get("visible", 1),
                        "visibleold": c.get("visibleold", 1), "timemodified": c.get("timemodified", 0),
                        "theme": c.get("theme", "")})
        return out

    def f_core_course_get_categories(self, ctx, p, tx):
        conds = []
        seen = set()
        for crit in p["criteria"]:
            key = php_trim(crit["key"])
            if key in seen:
                continue
            seen.add(key)
            val = crit["value"]
            if key == "id":
                v = clean_param(val, "int", ctx.cfg)
                conds.append(lambda c, v=v: c["id"] == v)
            elif key == "ids":
                ids = {int(x) for x in clean_param(val, "sequence", ctx.cfg).split(",") if x}
                conds.append(lambda c, ids=ids: c["id"] in ids)
            elif key == "idnumber":
                if not ctx.has("moodle/category:manage"):
                    raise moodle_error("criteriaerror", debuginfo="You don't have the permissions to "
                                                                  "search on the \"idnumber\" field.")
                conds.append(lambda c, v=val: c.get("idnumber", "") == v)
            elif key == "name":
                v = clean_param(val, "text", ctx.cfg)
                conds.append(lambda c, v=v: c["name"] == v)
            elif key == "parent":
                v = clean_param(val, "int", ctx.cfg)
                conds.append(lambda c, v=v: c["parent"] == v)
            elif key == "visible":
                if not ctx.has("moodle/category:viewhiddencategories"):
                    raise moodle_error("criteriaerror", debuginfo="You don't have the permissions to "
                                                                  "search on the \"visible\" field.")
                v = clean_param(val, "int", ctx.cfg)
                conds.append(lambda c, v=v: c.get("visible", 1) == v)
            elif key == "theme":
                if not ctx.has("moodle/category:manage"):
                    raise moodle_error("criteriaerror", debuginfo="You don't have the permissions to "
                                                                  "search on the \"theme\" field.")
                conds.append(lambda c, v=val: c.get("theme", "") == v)
            else:
                raise moodle_error("criteriaerror", debuginfo="You can not search on this criteria: " + key)
        cats = self.data["categories"]
        found = [c for c in cats.values() if all(f(c) for f in conds)]
        ids = {c["id"] for c in found}
        if p["addsubcategories"]:
            for c in cats.values():
                if c["id"] not in ids and ids & set(self.category_path(c["id"])[:-1]):
                    found.append(c)
                    ids.add(c["id"])
        viewhidden = ctx.has("moodle/category:viewhiddencategories")
        return [self.category_out(ctx, c) for c in sorted(found, key=lambda c: c["id"])
                if c.get("visible", 1) or viewhidden]

    def f_core_course_create_categories(self, ctx, p, tx):
        out = []
        for c in p["categories"]:
            cats = self.data["categories"]
            if c["parent"]:
                if c["parent"] not in cats:
                    raise moodle_error("unknowcategory")
            ctx.require("moodle/category:manage")
            if php_trim(c["name"]) == "":
                raise moodle_error("categorynamerequired")
            if len(c["name"]) > 255:
                raise moodle_error("categorytoolong")
            idn = c.get("idnumber")
            if idn is not None:
                if len(idn) > 100:
                    raise moodle_error("idnumbertoolong")
                if idn != "" and any(x.get("idnumber") == idn for x in cats.values()):
                    raise moodle_error("categoryidnumbertaken", idn)
            visible = 1
            if c["parent"] and not cats[c["parent"]].get("visible", 1):
                visible = 0
            rec = tx.insert("categories", {
                "name": c["name"], "parent": c["parent"], "idnumber": idn or "",
                "description": c.get("description") or "", "descriptionformat": c["descriptionformat"],
                "visible": visible, "visibleold": visible, "theme": c.get("theme") or "",
                "timemodified": int(time.time())})
            out.append({"id": rec["id"], "name": rec["name"]})
        return out

    def course_out(self, ctx, c):
        cat = self.data["categories"].get(c["category"])
        methods = sorted({e["enrol"] for e in self.data["enrol_instances"].values()
                          if e["courseid"] == c["id"] and e["status"] == 0})
        out = {"id": c["id"], "fullname": c["fullname"], "displayname": c["fullname"],
               "shortname": c["shortname"], "courseimage": "", "categoryid": c["category"],
               "categoryname": cat["name"] if cat else "", "sortorder": c["id"],
               "summary": c.get("summary", ""), "summaryformat": c.get("summaryformat", 1),
               "summaryfiles": [], "overviewfiles": [], "showactivitydates": False,
               "showcompletionconditions": False, "contacts": [], "enrollmentmethods": methods,
               "customfields": [{"name": k, "shortname": k, "type": "text", "valueraw": v, "value": v}
                                for k, v in sorted(c.get("customfields", {}).items())]}
        if ctx.has("moodle/course:view"):
            for k, dflt in (("format", "topics"), ("showgrades", 1), ("newsitems", 5), ("startdate", 0),
                            ("enddate", 0), ("maxbytes", 0), ("showreports", 0), ("visible", 1),
                            ("groupmode", 0), ("groupmodeforce", 0), ("defaultgroupingid", 0),
                            ("enablecompletion", 0), ("completionnotify", 0), ("lang", ""),
                            ("theme", "")):
                out[k] = c.get(k, dflt)
            out["marker"] = 0
            out["filters"] = []
            out["courseformatoptions"] = [{"name": k, "value": v}
                                          for k, v in sorted(c.get("courseformatoptions", {}).items())]
        if ctx.has("moodle/course:update"):
            out.update({"idnumber": c.get("idnumber", ""), "legacyfiles": 0, "calendartype": "",
                        "timecreated": c.get("timecreated", 0), "timemodified": c.get("timemodified", 0),
                        "requested": 0, "cacherev": c.get("timemodified", 0), "relativedatesmode": False})
        return out

    def f_core_course_get_courses_by_field(self, ctx, p, tx):
        field, value = p["field"], p["value"]
        courses = list(self.data["courses"].values())
        if field != "":
            if field in ("id", "category"):
                v = clean_param(value, "int", ctx.cfg)
                key = "id" if field == "id" else "category"
                courses = [c for c in courses if c[key] == v]
            elif field == "ids":
                ids = {int(x) for x in clean_param(value, "sequence", ctx.cfg).split(",") if x}
                courses = [c for c in courses if c["id"] in ids]
            elif field == "shortname":
                v = clean_param(value, "text", ctx.cfg)
                courses = [c for c in courses if c["shortname"] == v]
            elif field == "idnumber":
                courses = [c for c in courses if c.get("idnumber", "") == value]
            else:
                raise invalid_parameter("Invalid field name")
        out = []
        for c in sorted(courses, key=lambda c: c["id"]):
            if not c.get("visible", 1) and not (ctx.has("moodle/course:viewhiddencourses")
                                                or ctx.has("moodle/course:update")):
                continue
            out.append(self.course_out(ctx, c))
        return {"courses": out, "warnings": []}

    @staticmethod
    def validate_dates(start, end):
        if not php_empty(start) and not php_empty(end) and end < start:
            return "enddatebeforestartdate"
        if php_empty(start) and not php_empty(end):
            return "nostartdatenoenddate"
        return None

    def f_core_course_create_courses(self, ctx, p, tx):
        out = []
        for c in p["courses"]:
            courses = self.data["courses"]
            cat = self.data["categories"].get(c["categoryid"])
            if cat is None:
                raise moodle_error("errorcatcontextnotvalid", c["categoryid"])
            ctx.require("moodle/course:create")
            if php_trim(c["fullname"]) == "":
                raise moodle_error("errorinvalidparam", "fullname")
            if php_trim(c["shortname"]) == "":
                raise moodle_error("errorinvalidparam", "shortname")
            if "lang" in c and c["lang"] is not None:
                if c["lang"] not in ctx.cfg["langs"]:
                    raise moodle_error("errorinvalidparam", "lang")
            if c.get("forcetheme") and c["forcetheme"] not in THEMES:
                raise moodle_error("errorinvalidparam", "forcetheme")
            visible = c.get("visible")
            if visible is None:
                visible = 1
            if not ctx.has("moodle/course:visibility"):
                visible = cat.get("visible", 1)
            if c["format"] not in FORMATS:
                raise moodle_error("errorinvalidparam", "format")
            # create_course(): the application's own duplicate checks
            if not php_empty(c["shortname"]) and any(x["shortname"] == c["shortname"] for x in courses.values()):
                raise moodle_error("shortnametaken", c["shortname"])
            idn = c.get("idnumber") or ""
            if not php_empty(idn) and any(x.get("idnumber") == idn for x in courses.values()):
                raise moodle_error("courseidnumbertaken", idn)
            start = c.get("startdate") or 0
            end = c.get("enddate") or 0
            err = self.validate_dates(start, end)
            if err:
                raise moodle_error(err)
            if len(c["shortname"]) > 255 or len(c["fullname"]) > 254 or len(idn) > 100:
                raise dml_write("Data too long for column")
            now = int(time.time())
            rec = tx.insert("courses", {
                "category": c["categoryid"], "fullname": c["fullname"], "shortname": c["shortname"],
                "idnumber": idn, "summary": c.get("summary") or "", "summaryformat": c["summaryformat"],
                "format": c["format"], "showgrades": c["showgrades"], "newsitems": c["newsitems"],
                "startdate": start, "enddate": end, "maxbytes": c["maxbytes"],
                "showreports": c["showreports"], "visible": 1 if visible else 0,
                "groupmode": c["groupmode"], "groupmodeforce": c["groupmodeforce"],
                "defaultgroupingid": c["defaultgroupingid"],
                "enablecompletion": c.get("enablecompletion") or 0,
                "completionnotify": c.get("completionnotify") or 0, "lang": c.get("lang") or "",
                "theme": c.get("forcetheme") or "", "timecreated": now, "timemodified": now,
                "courseformatoptions": {o["name"]: o["value"] for o in c.get("courseformatoptions") or []},
                "customfields": {o["shortname"]: o["value"] for o in c.get("customfields") or []}})
            # enrol_manual/defaultenrol = 1: a manual instance comes with every new course
            tx.insert("enrol_instances", {"courseid": rec["id"], "enrol": "manual", "status": 0,
                                          "roleid": ctx.cfg["roles"].get("student", 5)})
            out.append({"id": rec["id"], "shortname": rec["shortname"]})
        return out

    def f_core_course_update_courses(self, ctx, p, tx):
        warnings = []
        for c in p["courses"]:
            itx = Tx(self.data)
            try:
                self.update_one_course(ctx, c, itx)
            except WSError as e:
                itx.rollback()
                warnings.append({"item": "course", "itemid": c["id"], "warningcode": e.errorcode,
                                 "message": e.message(ctx.cfg.get("lang", "en"))})
        return {"warnings": warnings}

    def update_one_course(self, ctx, c, tx):
        courses = self.data["courses"]
        old = courses.get(c["id"])
        if old is None:
            raise missing_record("course")
        ctx.require("moodle/course:update")
        new = {}
        if c.get("categoryid") is not None and c["categoryid"] != old["category"]:
            ctx.require("moodle/course:changecategory")
            if c["categoryid"] not in self.data["categories"]:
                raise missing_record("course_categories")
            new["category"] = c["categoryid"]
        if c.get("fullname") is not None and c["fullname"] != old["fullname"]:
            ctx.require("moodle/course:changefullname")
            if php_trim(c["fullname"]) == "":
                raise moodle_error("errorinvalidparam", "fullname")
            new["fullname"] = c["fullname"]
        if c.get("shortname") is not None and c["shortname"] != old["shortname"]:
            ctx.require("moodle/course:changeshortname")
            if php_trim(c["shortname"]) == "":
                raise moodle_error("errorinvalidparam", "shortname")
            new["shortname"] = c["shortname"]
        if c.get("idnumber") is not None and c["idnumber"] != old.get("idnumber", ""):
            ctx.require("moodle/course:changeidnumber")
            new["idnumber"] = c["idnumber"]
        if c.get("summary") is not None and c["summary"] != old.get("summary", ""):
            ctx.require("moodle/course:changesummary")
            new["summary"] = c["summary"]
        if c.get("visible") is not None and c["visible"] != old.get("visible", 1):
            ctx.require("moodle/course:visibility")
            new["visible"] = 1 if c["visible"] else 0
        if c.get("lang") is not None and c["lang"] not in ctx.cfg["langs"] and c["lang"] != "":
            raise moodle_error("errorinvalidparam", "lang")
        for k in ("summaryformat", "format", "showgrades", "newsitems", "startdate", "enddate",
                  "maxbytes", "showreports", "groupmode", "groupmodeforce", "defaultgroupingid",
                  "enablecompletion", "completionnotify", "lang"):
            if c.get(k) is not None:
                new[k] = c[k]
        if c.get("forcetheme") is not None:
            new["theme"] = c["forcetheme"]
        # update_course(): duplicates are checked against the other courses
        sn = new.get("shortname")
        if not php_empty(sn) and any(x["shortname"] == sn and x["id"] != old["id"] for x in courses.values()):
            raise moodle_error("shortnametaken", sn)
        idn = new.get("idnumber")
        if not php_empty(idn) and any(x.get("idnumber") == idn and x["id"] != old["id"]
                                      for x in courses.values()):
            raise moodle_error("courseidnumbertaken", idn)
        err = self.validate_dates(new.get("startdate", old.get("startdate", 0)),
                                  new.get("enddate", old.get("enddate", 0)))
        if err:
            raise moodle_error(err)
        new["timemodified"] = int(time.time())
        tx.update(old, **new)

    def f_core_user_get_users_by_field(self, ctx, p, tx):
        field = p["field"]
        types = {"id": "int", "idnumber": "raw", "username": "username", "email": "raw_trimmed"}
        if field not in types:
            raise coding_error("invalid field parameter", "The search field '%s' is not supported, look at "
                                                          "the web service documentation" % field)
        cleaned = []
        for v in p["values"]:
            cv = clean_param(v, types[field], ctx.cfg)
            if phpstr(v) != phpstr(cv):
                raise invalid_parameter("The field '%s' value is invalid: %s(cleaned value: %s)"
                                        % (field, v, phpstr(cv)))
            cleaned.append(cv)
        want = set(cleaned)
        out = []
        for u in sorted(self.data["users"].values(), key=lambda u: u["id"]):
            if u.get(field) not in want:
                continue
            det = self.user_details(ctx, u)
            # returned only if the caller can see the searched field
            if det and not php_empty(det.get(field)):
                out.append(det)
        return out

    def check_password(self, pw):
        cfg = self.config
        if not cfg.get("passwordpolicy", True):
            return ""
        msg = ""
        if len(pw) < cfg["minpasswordlength"]:
            msg += "<div>Passwords must be at least %d characters long.</div>" % cfg["minpasswordlength"]
        if sum(ch.isdigit() for ch in pw) < cfg["minpassworddigits"]:
            msg += "<div>Passwords must have at least %d digit(s).</div>" % cfg["minpassworddigits"]
        if sum(ch.islower() for ch in pw) < cfg["minpasswordlower"]:
            msg += "<div>Passwords must have at least %d lower case letter(s).</div>" % cfg["minpasswordlower"]
        if sum(ch.isupper() for ch in pw) < cfg["minpasswordupper"]:
            msg += "<div>Passwords must have at least %d upper case letter(s).</div>" % cfg["minpasswordupper"]
        if sum(not (ch.isdigit() or ch.islower() or ch.isupper()) for ch in pw) < cfg["minpasswordnonalphanum"]:
            msg += ("<div>Passwords must have at least %d special character(s) such as as *, -, or #.</div>"
                    % cfg["minpasswordnonalphanum"])
        return msg

    def f_core_user_create_users(self, ctx, p, tx):
        ctx.require("moodle/user:create")
        out = []
        avail_auths = [a for a in AUTHS if a not in ("mnet", "webservice")]
        for u in p["users"]:
            users = self.data["users"]
            for fld in ("username", "firstname", "lastname"):
                if php_trim(u[fld]) == "":
                    raise invalid_parameter("The field %s cannot be blank" % fld)
            if any(x["username"] == u["username"] for x in users.values()):
                raise invalid_parameter("Username already exists: " + u["username"])
            if u["auth"] not in avail_auths:
                raise invalid_parameter("Invalid authentication type: " + u["auth"])
            if u["lang"] not in ctx.cfg["langs"]:
                raise invalid_parameter("Invalid language code: " + u["lang"])
            if u.get("theme") and u["theme"] not in THEMES:
                raise invalid_parameter("Invalid theme: " + u["theme"])
            internal = u["auth"] in INTERNAL_AUTHS
            if internal and php_empty(u.get("password")) and not u.get("createpassword"):
                raise invalid_parameter("Invalid password: you must provide a password, or set createpassword.")
            if not validate_email(u["email"]):
                raise invalid_parameter("Email address is invalid: " + u["email"])
            if not ctx.cfg.get("allowaccountssameemail"):
                low = u["email"].lower()
                if any(x.get("email", "").lower() == low for x in users.values()):
                    raise invalid_parameter("Email address already exists: " + u["email"])
            createpw = bool(u.get("createpassword"))
            # user_create_user()
            if u["username"] != u["username"].lower():
                raise moodle_error("usernamelowercase")
            if u["username"] != clean_param(u["username"], "username", ctx.cfg):
                raise moodle_error("invalidusername")
            pw_hash, pw_set = "", False
            if internal and not createpw and u.get("password") is not None:
                err = self.check_password(u["password"])
                if err:
                    raise moodle_error(err)
                pw_hash, pw_set = hashlib.sha256(u["password"].encode()).hexdigest(), True
            if (len(u["username"]) > 100 or len(u["email"]) > 100 or len(u["firstname"]) > 100
                    or len(u["lastname"]) > 100 or len(u["idnumber"]) > 255):
                raise dml_write("Data too long for column")
            now = int(time.time())
            rec = {k: v for k, v in u.items()
                   if k not in ("createpassword", "password", "customfields", "preferences") and v is not None}
            rec.update({"suspended": 0, "deleted": 0, "confirmed": 1, "mnethostid": 1,
                        "timecreated": now, "timemodified": now,
                        "password_set": pw_set, "password_sha256": pw_hash,
                        "password_not_cached": not internal,
                        "customfields": {f["type"]: f["value"] for f in u.get("customfields") or []},
                        "preferences": {f["type"]: f["value"] for f in u.get("preferences") or []}})
            rec = tx.insert("users", rec)
            if createpw:
                # setnew_password_and_mail(): the plaintext password is mailed inside the call
                tx.update(rec, password_set=True, password_sha256="(generated)")
                prefs = dict(rec["preferences"], auth_forcepasswordchange="1")
                tx.update(rec, preferences=prefs)
                tx.event({"type": "password_mail", "userid": rec["id"], "username": rec["username"],
                          "email": rec["email"], "time": now})
            out.append({"id": rec["id"], "username": rec["username"]})
        return out

    def f_core_user_update_users(self, ctx, p, tx):
        ctx.require("moodle/user:update")
        warnings = []
        for u in p["users"]:
            itx = Tx(self.data)
            try:
                self.update_one_user(ctx, u, itx)
            except WSError as e:
                itx.rollback()
                warnings.append({"item": "user", "itemid": u["id"], "warningcode": e.errorcode,
                                 "message": e.message(ctx.cfg.get("lang", "en"))})
        return {"warnings": warnings}

    def update_one_user(self, ctx, u, tx):
        users = self.data["users"]
        old = users.get(u["id"])
        if old is None:
            raise moodle_error("invaliduserid", debuginfo="Invalid user ID")
        if old["username"] == "admin" and old["id"] != ctx.userid:
            raise moodle_error("usernotupdatedadmin", debuginfo="Cannot update admin accounts")
        if old.get("deleted"):
            raise moodle_error("usernotupdateddeleted", debuginfo="User is a deleted user")
        if old["username"] == "guest":
            raise moodle_error("usernotupdatedguest", debuginfo="Cannot update guest account")
        if u.get("email") is not None and u["email"] != old.get("email"):
            if not validate_email(u["email"]):
                raise moodle_error("useremailinvalid", debuginfo="Invalid email address")
            if not ctx.cfg.get("allowaccountssameemail"):
                low = u["email"].lower()
                if any(x.get("email", "").lower() == low and x["id"] != old["id"] for x in users.values()):
                    raise moodle_error("useremailduplicate", debuginfo="Duplicate email address")
        # user_update_user()
        if u.get("username") is not None:
            if u["username"] != u["username"].lower():
                raise moodle_error("usernamelowercase")
            if u["username"] != clean_param(u["username"], "username", ctx.cfg):
                raise moodle_error("invalidusername")
        new = {}
        if u.get("password") is not None:
            err = self.check_password(u["password"])
            if err:
                raise moodle_error(err)
            auth = u.get("auth") or old["auth"]
            if auth in INTERNAL_AUTHS:
                new["password_set"] = True
                new["password_sha256"] = hashlib.sha256(u["password"].encode()).hexdigest()
        for k, v in u.items():
            if k in ("id", "password", "customfields", "preferences", "userpicture") or v is None:
                continue
            new[k] = (1 if v else 0) if k == "suspended" else v
        if "username" in new and any(x["username"] == new["username"] and x["id"] != old["id"]
                                     for x in users.values()):
            raise dml_write("Duplicate entry '1-%s' for key 'mdl_user_mneuse_uix'" % new["username"])
        if u.get("customfields"):
            new["customfields"] = dict(old.get("customfields", {}),
                                       **{f["type"]: f["value"] for f in u["customfields"]})
        if u.get("preferences"):
            new["preferences"] = dict(old.get("preferences", {}),
                                      **{f["type"]: f["value"] for f in u["preferences"]})
        new["timemodified"] = int(time.time())
        tx.update(old, **new)

    def f_enrol_manual_enrol_users(self, ctx, p, tx):
        now = int(time.time())
        ues = {(ue["enrolid"], ue["userid"]): ue for ue in self.data["user_enrolments"].values()}
        for e in p["enrolments"]:
            course = self.data["courses"].get(e["courseid"])
            if course is None:
                raise invalid_parameter("Context does not exist")
            ctx.require("enrol/manual:enrol")
            if e["roleid"] not in ctx.assignable():
                raise WSError("moodle_exception", "wsusercannotassign", e["roleid"])
            inst = self.manual_instance(e["courseid"])
            if inst is None:
                # Moodle passes $errorparams as the link, so {$a} is empty in the message
                raise moodle_error("wsnoinstance", "")
            timestart = e.get("timestart") or 0
            timeend = e.get("timeend") or 0
            status = 1 if not php_empty(e.get("suspend")) else 0
            # enrol_user(): an existing enrolment is updated only if something differs
            ue = ues.get((inst["id"], e["userid"]))
            if ue is not None:
                if ue["timestart"] != timestart or ue["timeend"] != timeend or ue["status"] != status:
                    tx.update(ue, timestart=timestart, timeend=timeend, status=status, timemodified=now)
            else:
                ue = tx.insert("user_enrolments", {
                    "enrolid": inst["id"], "courseid": e["courseid"], "userid": e["userid"],
                    "status": status, "timestart": timestart, "timeend": timeend,
                    "modifierid": ctx.userid, "timecreated": now, "timemodified": now})
                ues[(inst["id"], e["userid"])] = ue
            if e["roleid"]:
                # role_assign()
                if self.live_user(e["userid"]) is None:
                    raise coding_error("User ID does not exist or is deleted!")
                if not any(ra["roleid"] == e["roleid"] and ra["courseid"] == e["courseid"]
                           and ra["userid"] == e["userid"] and ra["component"] == ""
                           for ra in self.data["role_assignments"].values()):
                    tx.insert("role_assignments", {"roleid": e["roleid"], "courseid": e["courseid"],
                                                   "userid": e["userid"], "component": "", "itemid": 0,
                                                   "timemodified": now})
        return None

    def f_enrol_manual_unenrol_users(self, ctx, p, tx):
        for e in p["enrolments"]:
            if e["courseid"] not in self.data["courses"]:
                raise invalid_parameter("Context does not exist")
            ctx.require("enrol/manual:unenrol")
            inst = self.manual_instance(e["courseid"], enabled_only=False)
            if inst is None:
                raise moodle_error("wsnoinstance", "")
            if e["userid"] not in self.data["users"]:
                raise invalid_parameter("User id not exist: %d" % e["userid"])
            ue = next((x for x in self.data["user_enrolments"].values()
                       if x["enrolid"] == inst["id"] and x["userid"] == e["userid"]), None)
            if ue is None:
                continue              # not enrolled: a silent no-op
            tx.delete("user_enrolments", ue["id"])
            for ra in list(self.data["role_assignments"].values()):
                if (ra["courseid"] == e["courseid"] and ra["userid"] == e["userid"]
                        and ra["component"] == "enrol_manual"):
                    tx.delete("role_assignments", ra["id"])
            others = any(x["userid"] == e["userid"] and x["courseid"] == e["courseid"]
                         for x in self.data["user_enrolments"].values())
            if not others:
                # the last enrolment in the course: every role goes (and grades, groups, lastaccess)
                for ra in list(self.data["role_assignments"].values()):
                    if ra["courseid"] == e["courseid"] and ra["userid"] == e["userid"]:
                        tx.delete("role_assignments", ra["id"])
        return None

    def f_core_enrol_get_enrolled_users(self, ctx, p, tx):
        onlyactive = onlysuspended = False
        userfields = []
        limitfrom = limitnumber = 0
        sortby, direction = "id", "ASC"
        for o in p["options"]:
            name, value = o["name"], o["value"]
            if name == "onlyactive":
                onlyactive = not php_empty(value)
            elif name == "onlysuspended":
                onlysuspended = not php_empty(value)
            elif name == "userfields":
                userfields = [clean_param(f, "alphanumext", ctx.cfg) for f in value.split(",")]
            elif name == "limitfrom":
                limitfrom = clean_param(value, "int", ctx.cfg)
            elif name == "limitnumber":
                limitnumber = clean_param(value, "int", ctx.cfg)
            elif name == "sortby":
                if value not in ("id", "firstname", "lastname", "siteorder"):
                    raise invalid_parameter("Invalid value for sortby parameter (value: %s),allowed values "
                                            "are: id,firstname,lastname,siteorder" % value)
                sortby = value
            elif name == "sortdirection":
                direction = value.upper()
                if direction not in ("ASC", "DESC"):
                    raise invalid_parameter("Invalid value for sortdirection parameter (value: %s),allowed "
                                            "values are: ASC,DESC" % direction)
        course = self.data["courses"].get(p["courseid"])
        if course is None:
            raise missing_record("course")
        ctx.require("moodle/course:viewparticipants")
        if onlyactive:
            ctx.require("moodle/course:enrolreview")
        if onlyactive and onlysuspended:
            raise coding_error("Both onlyactive and onlysuspended are set, this is probably not what you want!")
        allowed = {"id", "username", "fullname", "firstname", "lastname", "email", "address", "phone1",
                   "phone2", "department", "institution", "interests", "firstaccess", "lastaccess",
                   "auth", "suspended", "confirmed", "lang", "theme", "timezone", "mailformat",
                   "description", "descriptionformat", "city", "url", "country", "profileimageurlsmall",
                   "profileimageurl", "customfields", "groups", "roles", "preferences",
                   "enrolledcourses", "idnumber", "alternatename", "firstnamephonetic",
                   "lastnamephonetic", "middlename"}
        for f in userfields:
            if f not in allowed:
                raise moodle_error("invaliduserfield", f)
        now = int(time.time())
        insts = {e["id"]: e for e in self.data["enrol_instances"].values() if e["courseid"] == course["id"]}
        state = {}
        for ue in self.data["user_enrolments"].values():
            inst = insts.get(ue["enrolid"])
            if inst is None:
                continue
            state[ue["userid"]] = state.get(ue["userid"], False) or self.active_ue(ue, inst, now)
        users = [self.data["users"][uid] for uid in state
                 if uid in self.data["users"] and not self.data["users"][uid].get("deleted")]
        if onlyactive:
            users = [u for u in users if state[u["id"]]]
        if onlysuspended:
            users = [u for u in users if not state[u["id"]]]
        key = {"id": lambda u: u["id"], "siteorder": lambda u: u["id"],
               "firstname": lambda u: (u["firstname"], u["id"]),
               "lastname": lambda u: (u["lastname"], u["id"])}[sortby]
        users.sort(key=key, reverse=(direction == "DESC"))
        if limitfrom > 0:
            users = users[limitfrom:]
        if limitnumber > 0:
            users = users[:limitnumber]
        out = []
        for u in users:
            det = self.user_details(ctx, u, userfields, course)
            if det:
                out.append(det)
        return out

    # -------------------------------------------------------- seeding (control API)

    def seed(self, j):
        """Inserts records as they are (no Moodle rules): for set-ups the functions cannot make,
        such as self or cohort enrolments, a disabled manual instance, or a large existing site.
        All or nothing: a malformed entry leaves the data as it was."""
        tx = Tx(self.data)
        try:
            made = self.seed_tx(j, tx)
        except BaseException:
            tx.rollback()
            raise
        self.save()
        return made

    def seed_tx(self, j, tx):
        now = int(time.time())
        made = {t: [] for t in ("categories", "courses", "users", "enrol_instances", "user_enrolments")}
        for c in j.get("categories", []):
            rec = dict({"parent": 0, "idnumber": "", "description": "", "descriptionformat": 1,
                        "visible": 1, "visibleold": 1, "theme": "", "timemodified": now}, **c)
            made["categories"].append(tx.insert("categories", rec)["id"])
        for c in j.get("courses", []):
            rec = dict({"category": 1, "idnumber": "", "summary": "", "summaryformat": 1,
                        "format": "topics", "startdate": 0, "enddate": 0, "visible": 1, "lang": "",
                        "timecreated": now, "timemodified": now}, **c)
            manual = rec.pop("manual", "enabled")
            rec = tx.insert("courses", rec)
            if manual != "absent":
                tx.insert("enrol_instances", {"courseid": rec["id"], "enrol": "manual",
                                              "status": 0 if manual == "enabled" else 1,
                                              "roleid": self.config["roles"].get("student", 5)})
            made["courses"].append(rec["id"])
        for u in j.get("users", []):
            rec = dict({"auth": "manual", "firstname": "F", "lastname": "L", "idnumber": "",
                        "suspended": 0, "deleted": 0, "confirmed": 1, "lang": "en",
                        "calendartype": "gregorian", "timecreated": now, "timemodified": now,
                        "password_set": False, "password_sha256": "", "customfields": {},
                        "preferences": {}}, **u)
            rec.setdefault("email", rec["username"] + "@lms.invalid")
            made["users"].append(tx.insert("users", rec)["id"])
        for i in j.get("instances", []):
            old = [e for e in self.data["enrol_instances"].values()
                   if e["courseid"] == i["courseid"] and e["enrol"] == i.get("enrol", "manual")]
            if i.get("remove"):
                for e in old:
                    tx.delete("enrol_instances", e["id"])
            elif old:
                tx.update(old[0], status=i.get("status", 0))
            else:
                made["enrol_instances"].append(tx.insert("enrol_instances", {
                    "courseid": i["courseid"], "enrol": i.get("enrol", "manual"),
                    "status": i.get("status", 0), "roleid": self.config["roles"].get("student", 5)})["id"])
        for e in j.get("enrolments", []):
            method = e.get("method", "manual")
            inst = next((x for x in self.data["enrol_instances"].values()
                         if x["courseid"] == e["courseid"] and x["enrol"] == method), None)
            if inst is None:
                inst = tx.insert("enrol_instances", {"courseid": e["courseid"], "enrol": method,
                                                     "status": 0, "roleid": 5})
            ue = tx.insert("user_enrolments", {
                "enrolid": inst["id"], "courseid": e["courseid"], "userid": e["userid"],
                "status": e.get("status", 0), "timestart": e.get("timestart", 0),
                "timeend": e.get("timeend", 0), "modifierid": 2, "timecreated": now, "timemodified": now})
            made["user_enrolments"].append(ue["id"])
            if e.get("roleid"):
                tx.insert("role_assignments", {"roleid": e["roleid"], "courseid": e["courseid"],
                                               "userid": e["userid"],
                                               "component": "" if method == "manual" else "enrol_" + method,
                                               "itemid": 0 if method == "manual" else inst["id"],
                                               "timemodified": now})
        return made


# ---------------------------------------------------------------- HTTP

def php_json(v):
    """json_encode(): ASCII with \\u escapes and escaped slashes."""
    return json.dumps(v, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")


def xmlize(v):
    if isinstance(v, dict):
        return "<SINGLE>\n" + "".join('<KEY name="%s">%s</KEY>\n' % (html.escape(str(k)), xmlize(x))
                                      for k, x in v.items()) + "</SINGLE>\n"
    if isinstance(v, list):
        return "<MULTIPLE>\n" + "".join(xmlize(x) for x in v) + "</MULTIPLE>\n"
    if v is None:
        return '<VALUE null="null"/>\n'
    if isinstance(v, bool):
        v = int(v)
    return "<VALUE>%s</VALUE>\n" % html.escape(str(v), quote=True)


PHP_WARNING = ("<br />\n<b>Warning</b>:  Undefined array key \"customfields\" in "
               "<b>/var/www/moodle/user/externallib.php</b> on line <b>213</b><br />\n")
HTML_502 = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
            "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
HTML_504 = ("<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 "
            "Gateway Time-out</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


def count_items(arr, function):
    key = LIST_PARAM.get(function)
    if key is None:
        return None
    v = arr.get(key)
    return len(v) if isinstance(v, dict) else 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "Apache/2.4"
    sys_version = ""
    timeout = 120

    def setup(self):
        super().setup()
        self.server.stub.conns.add(self.connection)

    def finish(self):
        try:
            super().finish()
        finally:
            self.server.stub.conns.discard(self.connection)

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("moodle_stub: %s\n" % (fmt % args))

    def send(self, code, body, ctype, headers=()):
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, code, obj):
        self.send(code, json.dumps(obj, ensure_ascii=False, indent=1), "application/json; charset=utf-8")

    def drop(self, reset=True):
        """Closes the connection without an answer (RST when reset, else FIN)."""
        self.close_connection = True
        try:
            if reset:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
        except OSError:
            pass

    def read_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self):
        self.route()

    def do_POST(self):
        self.route()

    def route(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.read_body()
        if url.path.startswith("/_stub/"):
            try:
                return self.control(url, body)
            except (KeyError, TypeError, ValueError, AttributeError) as e:
                return self.send_json(400, {"error": "%s: %s" % (type(e).__name__, e)})
        if url.path == "/webservice/rest/server.php":
            return self.webservice(url, body)
        self.send(404, "<html><body><h1>Not Found</h1></body></html>", "text/html; charset=utf-8")

    # -------------------------------------------------------- Moodle

    def webservice(self, url, body):
        stub = self.server.stub
        cfg = stub.config
        maxv = int(cfg.get("max_input_vars", 1000))
        qpairs = php_pairs(url.query)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        bpairs = []
        if self.command == "POST" and ctype == "application/x-www-form-urlencoded":
            bpairs = php_pairs(body.decode("utf-8", errors="replace"))
        full = php_parse(qpairs)
        full.update(php_parse(bpairs))
        # PHP keeps the first max_input_vars variables of each source and drops the rest silently
        merged = php_parse(qpairs[:maxv])
        merged.update(php_parse(bpairs[:maxv]))
        dropped = max(0, len(qpairs) - maxv) + max(0, len(bpairs) - maxv)
        for k in list(merged):
            if isinstance(k, str) and k.startswith("moodlewssetting"):
                merged.pop(k)
        lang = full.get("moodlewssettinglang") if isinstance(full.get("moodlewssettinglang"), str) else None
        lang = lang or cfg.get("lang", "en")
        fmt = merged.pop("moodlewsrestformat", "xml")
        fmt = fmt if fmt in ("xml", "json") else "xml"
        function = merged.get("wsfunction")
        record = {"n": len(stub.calls) + 1, "function": function if isinstance(function, str) else None,
                  "items": count_items(merged, function), "items_sent": count_items(full, function),
                  "vars": len(qpairs) + len(bpairs), "dropped": dropped, "status": None,
                  "time": time.time()}
        with stub.lock:
            stub.calls.append(record)

        if not cfg.get("ws_enabled", True):
            record["status"] = "http403"
            self.send(403, b"", "text/html; charset=utf-8")
            return

        fault = stub.take_fault(record["function"])
        mode = fault["mode"] if fault else None
        commit = bool(fault and (fault.get("commit") or mode == "commit-then-timeout"))
        if fault:
            record["status"] = "fault:" + mode
            record["fault"] = mode
        if mode == "slow":
            time.sleep(float(fault.get("seconds", 2)))
        if mode and mode not in ("slow", "php-warning", "truncated") and not commit:
            return self.fault_answer(fault, fmt, lang)

        try:
            with stub.lock:
                result = stub.call(merged, function)
            status = "ok"
            if fmt == "json":
                out, ctype_out = ("null" if result is None else php_json(result)), "application/json"
            else:
                out = ('<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE>\n'
                       + ("" if result is None else xmlize(result)) + "</RESPONSE>\n")
                ctype_out = "application/xml; charset=utf-8"
        except WSError as e:
            status = e.errorcode
            out, ctype_out = self.error_body(e, fmt, lang)
        if record["status"] is None:
            record["status"] = status
        else:
            record["result"] = status
        if commit:
            record["committed"] = status == "ok"
            return self.fault_answer(fault, fmt, lang, after_commit=True)
        if mode == "php-warning":
            out = PHP_WARNING + out
        elif mode == "truncated":
            out = out[:max(1, len(out) // 2)]
        self.send(200, out, ctype_out, self.moodle_headers())

    def moodle_headers(self):
        return [("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0"),
                ("Expires", "Thu, 01 Jan 1970 00:00:00 GMT"), ("Pragma", "no-cache"),
                ("Accept-Ranges", "none"), ("Access-Control-Allow-Origin", "*")]

    def error_body(self, e, fmt, lang):
        debug = self.server.stub.config.get("debug")
        msg = e.message(lang)
        if fmt == "json":
            obj = {"exception": e.exception, "errorcode": e.errorcode, "message": msg}
            if debug and e.debuginfo is not None:
                obj["debuginfo"] = e.debuginfo
            return php_json(obj), "application/json"
        x = ('<?xml version="1.0" encoding="UTF-8" ?>\n<EXCEPTION class="%s">\n<ERRORCODE>%s</ERRORCODE>\n'
             "<MESSAGE>%s</MESSAGE>\n" % (e.exception, html.escape(e.errorcode), html.escape(msg)))
        if debug and e.debuginfo is not None:
            x += "<DEBUGINFO>%s</DEBUGINFO>\n" % html.escape(e.debuginfo)
        return x + "</EXCEPTION>\n", "application/xml; charset=utf-8"

    def fault_answer(self, fault, fmt, lang, after_commit=False):
        stub = self.server.stub
        mode = fault["mode"]
        if mode == "commit-then-timeout":
            mode = fault.get("then", "hang")
        if mode == "refuse":
            return self.drop(reset=True)
        if mode == "hang":
            ev = stub.release_event
            ev.wait(float(fault.get("seconds", 60)))
            return self.drop(reset=False)
        if mode == "http500":
            return self.send(500, fault.get("body", ""), "text/html; charset=UTF-8")
        if mode == "http502":
            return self.send(502, HTML_502, "text/html")
        if mode == "http503":
            return self.send(503, HTML_502.replace("502 Bad Gateway", "503 Service Temporarily Unavailable"),
                             "text/html")
        if mode == "http504":
            return self.send(504, HTML_504, "text/html")
        if mode == "http403":
            return self.send(403, b"", "text/html; charset=utf-8")
        if mode == "maintenance":
            e = WSError("moodle_exception", "sitemaintenance")
        elif mode == "error":
            e = WSError(fault.get("exception", "moodle_exception"), fault.get("errorcode", "dmlwriteexception"),
                        debuginfo=fault.get("debuginfo"), message=fault.get("message"))
        else:
            return self.drop(reset=True)
        out, ctype = self.error_body(e, fmt, lang)
        self.send(200, out, ctype, self.moodle_headers())

    # -------------------------------------------------------- control API

    def control(self, url, body):
        stub = self.server.stub
        path = url.path
        try:
            j = json.loads(body.decode("utf-8")) if body.strip() else {}
        except ValueError as e:
            return self.send_json(400, {"error": "bad JSON: %s" % e})
        if path == "/_stub/ping":
            return self.send_json(200, {"ok": True})
        if path == "/_stub/calls" and self.command == "GET":
            q = urllib.parse.parse_qs(url.query)
            with stub.lock:
                calls = [dict(c) for c in stub.calls
                         if "function" not in q or c["function"] in q["function"]]
            return self.send_json(200, calls)
        if path == "/_stub/state" and self.command == "GET":
            with stub.lock:
                out = data_to_json(stub.data)
                out["config"] = stub.config
                out["faults"] = stub.faults
                out["calls"] = len(stub.calls)
                text = json.dumps(out, ensure_ascii=False)
            return self.send(200, text, "application/json; charset=utf-8")
        if self.command != "POST":
            return self.send_json(405, {"error": "POST expected"})
        if path == "/_stub/reset":
            with stub.lock:
                stub.calls = []
                stub.faults = []
                if not j.get("calls_only"):
                    stub.config = copy.deepcopy(stub.base_config)
                    stub.data = initial_data(stub.config)
                    stub.save()
            stub.release()
            return self.send_json(200, {"ok": True})
        if path == "/_stub/config":
            with stub.lock:
                for k, v in j.items():
                    if k == "tokens":
                        for tok, tv in v.items():
                            if tv is None:
                                stub.config["tokens"].pop(tok, None)
                            else:
                                stub.config["tokens"][tok] = dict({"userid": 3, "service": "borikan"}, **tv)
                    elif k == "roles":
                        stub.config["roles"].update(v)
                    elif k in stub.config or k in DEFAULT_CONFIG:
                        stub.config[k] = v
                    else:
                        return self.send_json(400, {"error": "unknown config key %s" % k})
                cfg = copy.deepcopy(stub.config)
            return self.send_json(200, cfg)
        if path == "/_stub/fault":
            modes = ("refuse", "http500", "http502", "http503", "http504", "http403", "hang",
                     "commit-then-timeout", "maintenance", "error", "slow", "php-warning", "truncated")
            with stub.lock:
                if j.get("clear"):
                    stub.faults = []
                elif j.get("mode") not in modes:
                    return self.send_json(400, {"error": "mode must be one of " + ", ".join(modes)})
                else:
                    f = dict(j)
                    f["count"] = int(f.get("count", 1))
                    f["skip"] = int(f.get("skip", 0))
                    stub.faults.append(f)
                faults = copy.deepcopy(stub.faults)
            return self.send_json(200, {"faults": faults})
        if path == "/_stub/release":
            stub.release()
            return self.send_json(200, {"ok": True})
        if path == "/_stub/seed":
            with stub.lock:
                made = stub.seed(j)
            return self.send_json(200, made)
        if path == "/_stub/down":
            secs = float(j.get("seconds", 2))
            self.send_json(200, {"ok": True, "seconds": secs})
            self.close_connection = True
            threading.Thread(target=go_down, args=(stub, secs), daemon=True).start()
            return
        return self.send_json(404, {"error": "no such control endpoint"})


def go_down(stub, secs):
    time.sleep(0.05)
    stub.down_seconds = secs
    srv = stub.server
    srv.shutdown()
    for c in list(stub.conns):
        try:
            c.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def load_config(args):
    cfg = copy.deepcopy(DEFAULT_CONFIG)
    if args.config:
        with open(args.config, encoding="utf-8") as f:
            extra = json.load(f)
        for k, v in extra.items():
            if k == "tokens":
                cfg["tokens"] = {t: dict({"userid": 3, "service": "borikan"}, **tv) for t, tv in v.items()}
            else:
                cfg[k] = v
    if args.token:
        cfg["tokens"] = {args.token: cfg["tokens"].get(DEFAULT_TOKEN) or
                         dict(DEFAULT_CONFIG["tokens"][DEFAULT_TOKEN])}
    if args.debug:
        cfg["debug"] = True
    if args.lang:
        cfg["lang"] = args.lang
    if args.max_input_vars is not None:
        cfg["max_input_vars"] = args.max_input_vars
    if args.canary:
        name, _, idn = args.canary.partition(":")
        cfg["canary"] = None if name == "none" else dict(cfg.get("canary") or {}, username=name, idnumber=idn,
                                                        email=name + "@lms.invalid")
    return cfg


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1"])
    ap.add_argument("--state", help="JSON state file, read at start, rewritten after every write")
    ap.add_argument("--config", help="JSON file merged into the default configuration")
    ap.add_argument("--debug", action="store_true", help="include debuginfo in errors")
    ap.add_argument("--lang", help="language of error messages: en (default) or th")
    ap.add_argument("--max-input-vars", type=int, help="PHP max_input_vars (default 1000)")
    ap.add_argument("--token", help="the one web-service token (default %s)" % DEFAULT_TOKEN)
    ap.add_argument("--canary", help="USERNAME:IDNUMBER of the canary user, or 'none'")
    ap.add_argument("--pidfile")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    stub = Stub(load_config(args), args.state)
    stub.port = args.port
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    first = True
    while True:
        srv = Server((args.host, args.port), Handler)
        srv.stub = stub
        srv.verbose = args.verbose
        stub.server = srv
        if first:
            print("moodle_stub listening on http://%s:%d" % (args.host, args.port), flush=True)
            first = False
        try:
            srv.serve_forever(poll_interval=0.05)
        finally:
            srv.server_close()
        if not stub.down_seconds:
            break
        time.sleep(stub.down_seconds)
        stub.down_seconds = 0


if __name__ == "__main__":
    main()
