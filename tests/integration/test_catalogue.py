"""The catalogue (/processes) lists every process, in its group, linked to its manual page."""
import harness as h

GROUPS = ["service", "programme", "monitoring"]


def _links(section):
    """{code: <a>} of the links to manual pages in section, and the codes in order."""
    order, links = [], {}
    for a in section.find_all("a"):
        href = a.get("href") or ""
        if href.startswith("/processes/") and "#" not in href and "?" not in href:
            code = href[len("/processes/"):]
            order.append(code)
            links[code] = a
    return links, order


def check_catalogue(path, lang):
    r = h.get(path)
    assert r.status == 200, "GET %s: %d" % (path, r.status)
    assert r.ctype == "text/html", "GET %s: Content-Type %s" % (path, r.header("Content-Type"))
    doc = r.html()
    assert h.html_lang(doc) == lang, "GET %s: <html lang=%r>, expected %r" % (
        path, h.html_lang(doc), lang)
    sections = {}
    for g in GROUPS:
        s = doc.find("section", id="group-" + g)
        assert s is not None, "GET %s: no <section id=group-%s>" % (path, g)
        sections[g] = s
    found = {g: _links(sections[g]) for g in GROUPS}
    problems = []
    for p in h.processes():
        where = [g for g in GROUPS if p.code in found[g][0]]
        if where != [p.group]:
            problems.append("%s (group %s) is listed in %s" % (p.code, p.group, where or "no group"))
            continue
        text = h.norm(found[p.group][0][p.code].text())
        if text != p.title[lang]:
            problems.append("%s: link text %r, not the title %r" % (p.code, text, p.title[lang]))
    known = {p.code for p in h.processes()}
    for g in GROUPS:
        extra = [c for c in found[g][1] if c not in known]
        if extra:
            problems.append("group-%s links to unknown processes %s" % (g, extra))
        expected = [p.code for p in sorted((p for p in h.processes() if p.group == g),
                                           key=lambda p: (p.order, p.code))]
        if [c for c in found[g][1] if c in known] != expected:
            problems.append("group-%s is not in the order of the definitions' order attribute: %s"
                            % (g, found[g][1]))
    assert not problems, "GET %s: %s" % (path, "; ".join(problems))
    return doc


def test_catalogue_lists_every_process_in_its_group_thai_by_default():
    check_catalogue("/processes", "th")


def test_catalogue_in_english():
    check_catalogue("/processes?lang=en", "en")


def test_every_catalogue_link_opens_a_manual():
    doc = h.get("/processes").html()
    bad = []
    codes = set()
    for g in GROUPS:
        codes.update(_links(doc.find("section", id="group-" + g))[0])
    assert codes, "the catalogue links to no manual page"
    for code in sorted(codes):
        r = h.get("/processes/" + code)
        if r.status != 200:
            bad.append("%s: %d" % (code, r.status))
    assert not bad, "links that do not open: %s" % ", ".join(bad)


def test_group_counts():
    """The jump links at the top show how many processes each group has."""
    doc = h.get("/processes").html()
    problems = []
    for g in GROUPS:
        want = sum(1 for p in h.processes() if p.group == g)
        a = doc.find("a", href="#group-" + g)
        if a is None:
            problems.append("no link to #group-%s" % g)
            continue
        count = a.parent.find("span", cls="count")
        got = h.norm(count.text()) if count is not None else None
        if got != str(want):
            problems.append("group %s: count %r, expected %d" % (g, got, want))
    assert not problems, "; ".join(problems)
