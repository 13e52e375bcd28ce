"""Attachments on a request: a teacher attaches the form and a photo to a repair request,
the officer downloads them with the headers that keep a browser safe, and what is refused
on the way (another teacher, a disguised file, a body too large, no CSRF token)."""
import os
import re
import secrets
import struct
import urllib.parse
import zlib

import harness as h

FILES = os.environ.get("BORIKAN_FILES", os.path.join(h.VAR, "files"))

GOOD = {"equipment": "printer", "asset_number": "7440-001-0009/12", "location": "ห้องสมุด",
        "symptom": "เครื่องพิมพ์กระดาษติด", "contact_phone": "077-205317"}

PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
       b"stream\r\n------BorikanNotTheBoundary\r\n" + bytes(range(256)) * 40 + b"\nendstream\n%%EOF\n")
PDF_NAME = "ใบแจ้งซ่อม เครื่องพิมพ์ (1).pdf"


def png():
    """A real 1x1 PNG."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def setup_module():
    h.ensure_unit("att-school", "school")
    h.ensure_unit("att-ict", "group")
    h.ensure_person("att.teacher", "att-school", roles=["requester"])
    h.ensure_person("att.other", "att-school", roles=["requester"])
    h.ensure_person("att.officer", "att-ict", roles=["ict-officer"])


def file_request(b):
    r = b.get("/processes/ict-repair/request")
    assert r.status == 200, r
    data = dict(GOOD, csrf=b.hidden("csrf", form_action="/processes/ict-repair/request"),
                submission=b.hidden("submission", form_action="/processes/ict-repair/request"))
    r = b.post("/processes/ict-repair/request", data)
    assert r.status == 303, r
    return r.header("Location").split("?")[0].rsplit("/", 1)[1]


def multipart(fields, file=None):
    """(content type, body) as a browser sends them: the file name as raw UTF-8."""
    boundary = "----BorikanTest" + secrets.token_hex(8)
    out = b""
    for name, value in fields.items():
        out += ("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n" % (boundary, name)).encode()
        out += value.encode() + b"\r\n"
    if file is not None:
        fname, content, ctype = file
        out += ("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\n"
                "Content-Type: %s\r\n\r\n" % (boundary, fname.replace('"', "%22"), ctype)).encode()
        out += content + b"\r\n"
    out += ("--%s--\r\n" % boundary).encode()
    return "multipart/form-data; boundary=" + boundary, out


def upload_form(b, number):
    """The upload form of the request page: its csrf token, after checking its shape."""
    page = b.get("/requests/" + number)
    assert page.status == 200, page
    form = page.html().find("form", action="/requests/%s/attachments" % number)
    assert form is not None, "the request page has no upload form"
    assert form.get("enctype") == "multipart/form-data" and form.get("method") == "post", form
    inp = form.find("input", type="file")
    assert inp is not None and inp.get("name") == "file" and ".pdf" in inp.get("accept", ""), inp
    return b.hidden("csrf", form_action="/requests/%s/attachments" % number)


def attach(b, number, fname, content, ctype="application/octet-stream", csrf=True, lang=None):
    token = upload_form(b, number) if csrf else None
    fields = {"csrf": token} if token else {}
    ct, body = multipart(fields, (fname, content, ctype))
    path = "/requests/%s/attachments" % number + ("?lang=" + lang if lang else "")
    return b._keep(h.request("POST", path, headers=b._headers({"Content-Type": ct}), body=body))


def stored_files():
    n = 0
    for d, dirs, files in os.walk(FILES):
        if os.path.relpath(d, FILES).split(os.sep)[0] == "tmp":
            continue
        n += len(files)
    return n


def tmp_files():
    return os.listdir(os.path.join(FILES, "tmp"))


def rows(number):
    return h.sql("SELECT a.id, a.filename, a.size, a.content_type FROM attachment a JOIN request r"
                 " ON r.id = a.request_id WHERE r.number = '%s' ORDER BY a.id" % number)


def test_a_pdf_and_a_png_are_attached_listed_and_downloaded_by_the_officer():
    teacher, officer, other = h.Browser(), h.Browser(), h.Browser()
    teacher.login("att.teacher")
    officer.login("att.officer")
    other.login("att.other")
    number = file_request(teacher)

    page = teacher.get("/requests/" + number)
    button = page.html().find("form", action="/requests/%s/attachments" % number).find("button")
    assert h.norm(button.text()) == "แนบไฟล์", button.text()

    r = attach(teacher, number, PDF_NAME, PDF, "application/pdf")
    assert r.status == 303 and r.header("Location") == "/requests/%s#attachments" % number, r
    r = attach(teacher, number, "printer.png", png(), "image/png")
    assert r.status == 303, r
    got = rows(number)
    assert [(g[1], int(g[2]), g[3]) for g in got] == [
        (PDF_NAME, len(PDF), "application/pdf"), ("printer.png", len(png()), "image/png")], got

    # The page lists both, with size, who and a Buddhist-era date, linked.
    page = officer.get("/requests/" + number)
    items = page.html().by_id("attachments").find_all("li", cls="attachment")
    assert len(items) == 2, items
    first = h.norm(items[0].text())
    assert PDF_NAME in first and "11 KB" in first and "ผู้ใช้ att.teacher" in first, first
    assert re.search(r"25\d\d", first), "no Buddhist-era year: %s" % first
    link = items[0].find("a").get("href")
    assert link == "/requests/%s/attachments/%s" % (number, got[0][0]), link
    en = officer.get("/requests/%s?lang=en" % number)
    assert "Attach" in h.norm(en.html().by_id("attachments").text()), "no English button"

    # The officer downloads the PDF byte for byte, with the safety headers.
    d = officer.get(link)
    assert d.status == 200, d
    assert d.body == PDF, "the download is not the file that was uploaded"
    assert d.ctype == "application/pdf", d.header("Content-Type")
    cd = d.header("Content-Disposition") or ""
    assert cd.startswith("attachment;"), cd
    assert cd.endswith("filename*=UTF-8''" + urllib.parse.quote(PDF_NAME, safe="!#$&+-.^_`|~")), cd
    assert re.search(r'filename="[ -~]+\.pdf"', cd), "no ASCII fallback: %s" % cd
    assert d.header("X-Content-Type-Options") == "nosniff", d.headers
    assert "sandbox" in (d.header("Content-Security-Policy") or ""), d.headers
    p = officer.get("/requests/%s/attachments/%s" % (number, got[1][0]))
    assert p.status == 200 and p.body == png() and p.ctype == "image/png", p

    # Another teacher: neither the page nor the files exist for them.
    assert other.get(link).status == 404
    assert other.get("/requests/" + number).status == 404
    # No such file on this request; and the store itself is not reachable from outside.
    assert officer.get("/requests/%s/attachments/%d" % (number, int(got[1][0]) + 1000)).status == 404
    sha = h.sql("SELECT LOWER(HEX(sha256)) FROM attachment WHERE id = %s" % got[0][0])[0][0]
    assert officer.get("/_files/%s/%s" % (sha[:2], sha)).status == 404
    assert h.get(link).status in (303, 302), "a download without signing in was not sent to /login"

    # Both uploads are in the trail, named.
    trail = h.sql("SELECT e.action, e.note FROM request_event e JOIN request r ON r.id = e.request_id"
                  " WHERE r.number = '%s' AND e.action = 'attached' ORDER BY e.id" % number)
    assert trail == [["attached", PDF_NAME], ["attached", "printer.png"]], trail
    assert "แนบไฟล์" in h.norm(teacher.get("/requests/" + number).html().find("ol", cls="trail").text())


def test_an_html_file_named_pdf_is_refused_with_415_in_both_languages():
    teacher = h.Browser()
    teacher.login("att.teacher")
    number = file_request(teacher)
    html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>\n"
    r = attach(teacher, number, "invoice.pdf", html, "application/pdf")
    assert r.status == 415, r
    assert "ไม่รับไฟล์ประเภทนี้" in h.norm(r.html().find("p", cls="form-error").text()), r.text[:200]
    r = attach(teacher, number, "invoice.pdf", html, "application/pdf", lang="en")
    assert r.status == 415, r
    assert "not accepted" in h.norm(r.html().find("p", cls="form-error").text())
    exe = attach(teacher, number, "setup.pdf", b"MZ\x90\x00" + b"\x00" * 100)
    assert exe.status == 415, exe
    assert rows(number) == [], "a refused file was recorded"
    assert tmp_files() == [], "a refused upload left a temporary file: %s" % tmp_files()


def test_eleven_mib_is_refused_with_413_on_a_bilingual_page():
    teacher = h.Browser()
    teacher.login("att.teacher")
    number = file_request(teacher)
    big = b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)
    r = attach(teacher, number, "big.pdf", big, "application/pdf")
    assert r.status == 413, r
    text = h.norm(r.html().text())
    assert "ใหญ่เกิน" in text and "large" in text.lower(), text[:300]
    assert rows(number) == []
    assert tmp_files() == []


def test_the_same_content_is_stored_once():
    teacher = h.Browser()
    teacher.login("att.teacher")
    first, second = file_request(teacher), file_request(teacher)
    content = ("รายงานการตรวจเช็กเครื่อง %s\n" % secrets.token_hex(8)).encode()
    before = stored_files()
    assert attach(teacher, first, "report.txt", content, "text/plain").status == 303
    assert attach(teacher, second, "รายงาน-สำเนา.txt", content, "text/plain").status == 303
    assert attach(teacher, first, "report-again.txt", content, "text/plain").status == 303
    assert stored_files() == before + 1, "the same content was stored %d times" % (stored_files() - before)
    assert len(rows(first)) == 2 and len(rows(second)) == 1
    assert rows(second)[0][3] == "text/plain; charset=utf-8", rows(second)
    d = teacher.get("/requests/%s/attachments/%s" % (second, rows(second)[0][0]))
    assert d.status == 200 and d.body == content, d


def test_an_upload_without_the_csrf_token_is_refused_with_403():
    teacher = h.Browser()
    teacher.login("att.teacher")
    number = file_request(teacher)
    r = attach(teacher, number, "a.pdf", PDF, "application/pdf", csrf=False)
    assert r.status == 403, r
    ct, body = multipart({"csrf": "0" * 64}, ("a.pdf", PDF, "application/pdf"))
    r = h.request("POST", "/requests/%s/attachments" % number,
                  headers=teacher._headers({"Content-Type": ct}), body=body)
    assert r.status == 403, r
    # Signed out: refused before the body is read.
    anon = h.request("POST", "/requests/%s/attachments" % number, headers={"Content-Type": ct}, body=body)
    assert anon.status == 403, anon
    assert rows(number) == []
    assert tmp_files() == []
