"""Every process definition has its manual page, in Thai and in English, with every section
and a flow chart that draws every step, and its definition is served as loaded.

One test per process and language, generated below from $BORIKAN_ROOT/processes/*.xml.
"""
import os
import re
import subprocess

import harness as h

SECTIONS = ["objective", "scope", "definitions", "responsibilities", "steps", "flowchart",
            "forms", "references", "time-limit"]
DIAMOND_KINDS = {"decision", "approval"}
PILL_KINDS = {"start", "end"}


def test_there_are_definitions():
    ps = h.processes()
    assert len(ps) >= 1, "no processes/*.xml in %s" % h.ROOT
    codes = [p.code for p in ps]
    assert len(set(codes)) == len(codes), "a code is used twice: %s" % codes
    for p in ps:
        assert os.path.basename(p.path) == p.code + ".xml", \
            "%s holds the process %r" % (os.path.basename(p.path), p.code)


def _float(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def _check_shape(p, step, g, problems):
    shapes = [e for e in g.iter() if "fc-shape" in e.classes]
    if not shapes:
        problems.append("step %s: no element of class fc-shape" % step.id)
        return
    shape = shapes[0]
    if step.kind in DIAMOND_KINDS:
        if shape.tag not in ("polygon", "path"):
            problems.append("step %s (%s) is drawn as <%s>, not a diamond"
                            % (step.id, step.kind, shape.tag))
        elif shape.tag == "polygon":
            pts = (shape.get("points") or "").replace(",", " ").split()
            if len(pts) != 8:
                problems.append("step %s (%s): the polygon has %d points, not 4"
                                % (step.id, step.kind, len(pts) // 2))
    elif step.kind in PILL_KINDS:
        rx, hgt = _float(shape.get("rx")), _float(shape.get("height"))
        if shape.tag != "rect" or rx is None or hgt is None:
            problems.append("step %s (%s) is drawn as <%s rx=%s>, not a pill"
                            % (step.id, step.kind, shape.tag, shape.get("rx")))
        elif rx < min(hgt / 2, 24):
            problems.append("step %s (%s): corner radius %s of a %s high box is not a pill"
                            % (step.id, step.kind, rx, hgt))
    else:
        if shape.tag == "polygon":
            problems.append("step %s (%s) is drawn as a diamond" % (step.id, step.kind))


def check_manual(p, lang):
    path = "/processes/%s" % p.code + ("?lang=en" if lang == "en" else "")
    r = h.get(path)
    assert r.status == 200, "GET %s: %d" % (path, r.status)
    assert r.ctype == "text/html", "GET %s: Content-Type %s" % (path, r.header("Content-Type"))
    doc = r.html()
    assert h.html_lang(doc) == lang, "GET %s: <html lang=%r>" % (path, h.html_lang(doc))
    problems = []

    h1 = doc.find("h1")
    if h1 is None or h.norm(h1.text()) != p.title[lang]:
        problems.append("h1 is %r, not the title %r"
                        % (h.norm(h1.text()) if h1 is not None else None, p.title[lang]))

    ids = [s.get("id") for s in doc.find_all("section") if s.get("id") in SECTIONS]
    missing = [s for s in SECTIONS if s not in ids]
    if missing:
        problems.append("sections missing: %s" % ", ".join(missing))
    elif ids != SECTIONS:
        problems.append("sections out of order: %s" % ", ".join(ids))

    svgs = [s for s in doc.find_all("svg") if "flowchart" in s.classes]
    if len(svgs) != 1:
        problems.append("%d <svg class=flowchart>, not 1" % len(svgs))
    else:
        svg = svgs[0]
        if not any(a.get("id") == "flowchart" for a in svg.ancestors()):
            problems.append("the flow chart is not inside section#flowchart")
        groups = {}
        for g in svg.find_all("g"):
            if g.get("data-step") is not None:
                if g.get("data-step") in groups:
                    problems.append("two <g data-step=%r>" % g.get("data-step"))
                groups[g.get("data-step")] = g
        for step in p.steps:
            g = groups.pop(step.id, None)
            if g is None:
                problems.append("step %s: no <g data-step>" % step.id)
                continue
            if "step-" + step.kind not in g.classes:
                problems.append("step %s: class %r lacks step-%s"
                                % (step.id, g.get("class"), step.kind))
            visible = h.norm(g.text(skip=("title",)))
            if step.label[lang] not in visible:
                problems.append("step %s: label %r not drawn (drawn: %r)"
                                % (step.id, step.label[lang], visible[:120]))
            _check_shape(p, step, g, problems)
        if groups:
            problems.append("steps drawn that the definition lacks: %s" % sorted(groups))

    assert not problems, "GET %s: %s" % (path, "; ".join(problems))


def check_definition(p):
    path = "/processes/%s.xml" % p.code
    r = h.get(path)
    assert r.status == 200, "GET %s: %d" % (path, r.status)
    assert r.ctype == "application/xml", "GET %s: Content-Type %s" % (path, r.header("Content-Type"))
    if r.body != p.raw:
        n = next((i for i, (a, b) in enumerate(zip(r.body, p.raw)) if a != b),
                 min(len(r.body), len(p.raw)))
        raise AssertionError("GET %s: %d bytes differ from the file's %d, first at byte %d"
                             % (path, len(r.body), len(p.raw), n))
    rng = os.path.join(h.ROOT, "processes", "process.rng")
    x = subprocess.run(["xmllint", "--noout", "--relaxng", rng, "-"], input=r.body,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
    assert x.returncode == 0, "xmllint refuses GET %s: %s" % (
        path, x.stdout.decode("utf-8", "replace").strip()[-400:])


def _make(fn, *args):
    return lambda: fn(*args)


for _p in h.processes():
    _c = re.sub(r"[^a-z0-9-]", "_", _p.code)
    globals()["test_manual_th[%s]" % _c] = _make(check_manual, _p, "th")
    globals()["test_manual_en[%s]" % _c] = _make(check_manual, _p, "en")
    globals()["test_definition[%s]" % _c] = _make(check_definition, _p)
