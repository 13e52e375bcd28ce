"""Every role against every action at every kind of step, asserted on the server's answer.

A person holding one role tries each action on a request waiting at a task, a decision,
two approvals (one by the data owner of the system the form names, one by the director),
a survey, and a request returned to its requester. The expected answer is worked out here
from the definitions, independently of the server: the step's actor (or approver) may do
what the step's kind allows (303); every other signed-in person who may see the request
gets 403; one who may not see it (another requester) gets 404.
"""
import harness as h

ORDER = 67
ROLES = ["ict-officer", "ict-head", "department-head", "director", "records-office",
         "data-owner", "procurement", "committee", "administrator"]
ACTIONS = {"complete": None, "approve": None, "reject": None, "branch": "*", "return": None,
           "resubmit": None, "rate": "5", "comment": None}


def setup_module():
    h.ensure_unit("mx-school", "school")
    h.ensure_unit("mx-ict", "group")
    h.ensure_unit("registrar", "data-owner")
    h.ensure_person("mx.owner", "mx-school", roles=["requester"])
    h.ensure_person("mx.stranger", "mx-school", roles=["requester"])
    for role in ROLES:
        unit = "registrar" if role == "data-owner" else "mx-ict"
        h.ensure_person("mx." + role, unit, roles=[(role, unit)])


_browsers = {}
_memo = __import__("itertools").count(1)


def browser(name):
    if name not in _browsers:
        b = h.Browser()
        b.login(name)
        _browsers[name] = b
    return _browsers[name]


def csrf(b):
    b.get("/account")
    return b.hidden("csrf", form_action="/logout")


def file(code, fields):
    b = browser("mx.owner")
    action = "/processes/%s/request" % code
    b.get(action)
    r = b.post(action, dict(fields, csrf=b.hidden("csrf", form_action=action),
                            submission=b.hidden("submission", form_action=action)))
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


def row(number):
    status, step, version = h.sql("SELECT status, step_id, version FROM request WHERE number = '%s'"
                                  % number)[0]
    return status, step, version


def attempt(person, number, action, arg):
    b = browser(person)
    _, _, version = row(number)
    # memo_number: a register step needs the incoming memo's number, unique in its register.
    fields = {"csrf": csrf(b), "version": version, "action": action, "note": "ทดสอบสิทธิ์",
              "memo_number": "มข %d/%s" % (next(_memo), number[-5:])}
    if arg is not None:
        fields["arg"] = arg
    return b.post("/requests/" + number, fields).status


REPAIR = {"equipment": "printer", "location": "ห้อง 1", "symptom": "เปิดไม่ติดเลย",
          "contact_phone": "0812345678"}
DATA = {"system": "registrar", "service_type": "extraction", "purpose": "เพื่อการวิจัยสถาบัน",
        "data_wanted": "จำนวนนักศึกษาแยกตามคณะ", "delivery_channel": "email",
        "ict_is_owner": "no", "memo_number": "ศธ 1/1"}


def advance(number, moves):
    for person, action, arg in moves:
        assert attempt(person, number, action, arg) == 303, (person, action, arg, row(number))


# state name → (process, form, moves to reach it, the actor(s), the actions the step allows,
#               the branch arg to try)
STATES = {
    "task": ("ict-repair", REPAIR, [], {"mx.ict-officer"}, {"complete", "comment"}, "diagnose"),
    "decision": ("ict-repair", REPAIR, [("mx.ict-officer", "complete", None)],
                 {"mx.ict-officer"}, {"branch", "comment"}, "repair"),
    "owner-approval": ("data-service", DATA, [], {"mx.data-owner"}, {"approve", "reject", "comment"},
                       "register"),
    "director-approval": ("data-service", DATA, [("mx.data-owner", "approve", None),
                                                 ("mx.records-office", "complete", None)],
                          {"mx.director"}, {"approve", "reject", "comment"}, "assign"),
    "survey": ("ict-repair", REPAIR, [("mx.ict-officer", "complete", None),
                                      ("mx.ict-officer", "branch", "repair"),
                                      ("mx.ict-officer", "complete", None),
                                      ("mx.ict-officer", "branch", "handover"),
                                      ("mx.ict-officer", "complete", None)],
               {"mx.owner"}, {"rate", "comment"}, None),
}


def may_return(code, step_id):
    """{"return"} when the definition lets the step's actor send the request back."""
    proc = h.Process(h.os.path.join(h.ROOT, "processes", code + ".xml"))
    for step in proc.root.find("steps").findall("step"):
        if step.get("id") == step_id and step.get("may-return") == "true":
            return {"return"}
    return set()


def expected(person, actors, allowed, action, may_view):
    if not may_view:
        return 404
    if action == "comment":
        return 303
    return 303 if person in actors and action in allowed else 403


def run_state(name):
    code, form, moves, actors, allowed, branch = STATES[name]
    people = ["mx.owner", "mx.stranger"] + ["mx." + r for r in ROLES]
    number = None
    wrong = []
    for person in people:
        for action, arg in ACTIONS.items():
            if number is None:
                number = file(code, form)
                advance(number, moves)
            before = row(number)
            if arg == "*":
                arg = branch or "done"
            may_view = person != "mx.stranger"
            want = expected(person, actors, allowed | may_return(code, before[1]), action, may_view)
            got = attempt(person, number, action, arg)
            if got != want:
                wrong.append("%s %s: %d, expected %d" % (person, action, got, want))
            if got == 303 and action != "comment":
                number = None          # the request moved on: the next try needs a fresh one
            elif row(number)[:2] != before[:2]:
                wrong.append("%s %s changed the request though refused" % (person, action))
    assert not wrong, "; ".join(wrong)


def test_task_step():
    run_state("task")


def test_decision_step():
    run_state("decision")


def test_approval_by_the_data_owner_of_the_named_system():
    run_state("owner-approval")


def test_approval_by_the_director():
    run_state("director-approval")


def test_survey_step():
    run_state("survey")


def test_returned_request_only_its_requester_sends_again():
    number = file("ict-esaraban-account", {
        "full_name": "นางสาว ทดสอบ สิทธิ์", "position": "ครู", "unit": "โรงเรียน",
        "email": "t@example.org", "phone": "0812345678",
        "request_kind": h.Process(h.os.path.join(h.ROOT, "processes", "ict-esaraban-account.xml"))
        .request_fields()[5][2][0],
        "system_role": h.Process(h.os.path.join(h.ROOT, "processes", "ict-esaraban-account.xml"))
        .request_fields()[6][2][0]})
    assert attempt("mx.ict-officer", number, "return", None) == 303
    wrong = []
    for person in ["mx.stranger"] + ["mx." + r for r in ROLES]:
        for action in ("resubmit", "complete", "return"):
            want = 404 if person == "mx.stranger" else 403
            got = attempt(person, number, action, None)
            if got != want:
                wrong.append("%s %s: %d, expected %d" % (person, action, got, want))
    assert row(number)[0] == "returned"
    assert attempt("mx.owner", number, "complete", None) == 403
    assert attempt("mx.owner", number, "resubmit", None) == 303
    assert not wrong, "; ".join(wrong)
