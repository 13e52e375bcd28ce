#!/usr/bin/python3
"""A small real SMTP server for the tests (RFC 5321 subset, Python standard library).

    smtp_sink.py --port PORT --dir DIR [--pidfile FILE]

Each message accepted (after "250" to the end of DATA) is written to DIR as
NNNNNN.eml, the envelope in DIR/NNNNNN.json ({"from", "rcpt"}). It keeps state and
answers with SMTP's own errors: 500 for an unknown command, 503 for a bad sequence,
501 for a malformed address, 554 after DATA without recipients.

Faults on demand, from DIR/control.json (read at every command; absent: none):
  {"rcpt": {"addr@x": "451 4.3.0 Try again later"}}   reply to RCPT TO for that address
  {"stall_mail": true}     hold the reply to MAIL FROM until the flag is gone (a server
                           that hangs); a client that leaves meanwhile delivers nothing
"""
import argparse
import json
import os
import re
import socketserver
import sys
import threading
import time

LOCK = threading.Lock()
ADDR = re.compile(r"^<([^<>\s@]+@[^<>\s@]+)>")


def control(d):
    try:
        with open(os.path.join(d, "control.json"), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def store(d, sender, rcpts, data):
    with LOCK:
        n = len([f for f in os.listdir(d) if f.endswith(".eml")]) + 1
        base = os.path.join(d, "%06d" % n)
        with open(base + ".tmp", "wb") as f:
            f.write(data)
        with open(base + ".json", "w", encoding="utf-8") as f:
            json.dump({"from": sender, "rcpt": rcpts}, f)
        os.rename(base + ".tmp", base + ".eml")


class Handler(socketserver.StreamRequestHandler):
    timeout = 60

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode("ascii"))
        self.wfile.flush()

    def handle(self):
        d = self.server.dir
        self.reply("220 sink.test ESMTP ready")
        sender, rcpts, greeted = None, [], False
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line[:4].upper()
            arg = line[4:].strip()
            if verb in ("EHLO", "HELO"):
                greeted = True
                sender, rcpts = None, []
                if verb == "EHLO":
                    self.wfile.write(b"250-sink.test\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 10485760\r\n")
                    self.wfile.flush()
                else:
                    self.reply("250 sink.test")
            elif verb == "MAIL":
                if not greeted:
                    self.reply("503 5.5.1 EHLO first")
                    continue
                m = ADDR.match(arg[5:].strip()) if arg.upper().startswith("FROM:") else None
                if not m:
                    self.reply("501 5.1.7 Bad sender address syntax")
                    continue
                while control(d).get("stall_mail"):
                    time.sleep(0.1)
                sender, rcpts = m.group(1), []
                self.reply("250 2.1.0 Ok")
            elif verb == "RCPT":
                if sender is None:
                    self.reply("503 5.5.1 MAIL first")
                    continue
                m = ADDR.match(arg[3:].strip()) if arg.upper().startswith("TO:") else None
                if not m:
                    self.reply("501 5.1.3 Bad recipient address syntax")
                    continue
                fault = control(d).get("rcpt", {}).get(m.group(1))
                if fault:
                    self.reply(fault)
                    continue
                rcpts.append(m.group(1))
                self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                if sender is None or not rcpts:
                    self.reply("554 5.5.1 No valid recipients" if sender else "503 5.5.1 MAIL first")
                    continue
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                chunks = []
                while True:
                    l = self.rfile.readline(1 << 20)
                    if not l:
                        return          # the client left: nothing was accepted
                    if l in (b".\r\n", b".\n"):
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    chunks.append(l)
                store(d, sender, rcpts, b"".join(chunks))
                sender, rcpts = None, []
                self.reply("250 2.0.0 Ok: queued")
            elif verb == "RSET":
                sender, rcpts = None, []
                self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                self.reply("221 2.0.0 Bye")
                return
            else:
                self.reply("500 5.5.2 Error: command not recognized")


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--pidfile")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    srv = Server(("127.0.0.1", a.port), Handler)
    srv.dir = a.dir
    if a.pidfile:
        with open(a.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    sys.stderr.write("smtp sink on 127.0.0.1:%d, messages in %s\n" % (a.port, a.dir))
    srv.serve_forever()


if __name__ == "__main__":
    main()
