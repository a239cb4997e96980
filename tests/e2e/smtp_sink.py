#!/usr/bin/env python3
"""smtp_sink.py DIR [--cert PEM --key PEM] [--require-tls] [--fail N]

A small SMTP server for the tests, on 127.0.0.1 only (a free port, written to DIR/smtp.port):
EHLO/HELO, STARTTLS (with --cert/--key), AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
Every accepted message goes to DIR/mail.N.eml (the DATA, dot-unstuffed) and DIR/mail.N.env
(from=, to=, tls=, auth= lines). --require-tls refuses MAIL before STARTTLS; --fail N answers
the first N DATA with 451 (a temporary failure), to test that the hub tries again.
Python's standard library only."""
import argparse, base64, os, socket, socketserver, ssl, sys, threading

ap = argparse.ArgumentParser()
ap.add_argument("dir")
ap.add_argument("--cert")
ap.add_argument("--key")
ap.add_argument("--require-tls", action="store_true")
ap.add_argument("--fail", type=int, default=0)
args = ap.parse_args()
lock = threading.Lock()
state = {"n": 0, "failed": 0}


class Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def send(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        self.tls = False
        self.auth = ""
        self.reset()
        self.send("220 sink.test ESMTP majakka test sink")
        while True:
            raw = self.rfile.readline(4096)
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ", 1)[0].upper()
            arg = line[len(verb):].strip()
            if verb in ("EHLO", "HELO"):
                if verb == "HELO":
                    self.send("250 sink.test")
                    continue
                caps = ["250-sink.test", "250-8BITMIME", "250-AUTH PLAIN"]
                if args.cert and not self.tls:
                    caps.append("250-STARTTLS")
                caps.append("250 SIZE 1000000")
                for c in caps:
                    self.send(c)
            elif verb == "STARTTLS" and args.cert and not self.tls:
                self.send("220 go ahead")
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.load_cert_chain(args.cert, args.key)
                self.connection = ctx.wrap_socket(self.connection, server_side=True)
                self.rfile = self.connection.makefile("rb")
                self.wfile = self.connection.makefile("wb")
                self.tls = True
                self.reset()
            elif verb == "AUTH":
                parts = arg.split(" ")
                if parts[0].upper() != "PLAIN":
                    self.send("504 only PLAIN")
                    continue
                blob = parts[1] if len(parts) > 1 else None
                if blob is None:
                    self.send("334 ")
                    blob = self.rfile.readline(4096).decode().strip()
                try:
                    fields = base64.b64decode(blob).split(b"\0")
                    self.auth = fields[1].decode() + ":" + fields[2].decode()
                    self.send("235 ok")
                except Exception:
                    self.send("501 bad AUTH")
            elif verb == "MAIL":
                if args.require_tls and not self.tls:
                    self.send("530 STARTTLS first")
                    continue
                # MAIL FROM:<addr> [SIZE=n ...]: the address only.
                self.mail_from = arg.split(":", 1)[1].strip().split(" ")[0] if ":" in arg else ""
                self.send("250 ok")
            elif verb == "RCPT":
                self.rcpt.append(arg.split(":", 1)[1].strip().split(" ")[0] if ":" in arg else "")
                self.send("250 ok")
            elif verb == "DATA":
                if not self.mail_from or not self.rcpt:
                    self.send("503 MAIL and RCPT first")
                    continue
                self.send("354 end with .")
                data = []
                while True:
                    l = self.rfile.readline(100000)
                    if not l or l in (b".\r\n", b".\n"):
                        break
                    data.append(l[1:] if l.startswith(b".") else l)
                with lock:
                    if state["failed"] < args.fail:
                        state["failed"] += 1
                        self.send("451 try again later")
                        self.reset()
                        continue
                    state["n"] += 1
                    n = state["n"]
                base = os.path.join(args.dir, "mail.%d" % n)
                with open(base + ".eml.tmp", "wb") as f:
                    f.write(b"".join(data))
                with open(base + ".env", "w") as f:
                    f.write("from=%s\nto=%s\ntls=%s\nauth=%s\n" % (self.mail_from, ",".join(self.rcpt),
                                                                  "yes" if self.tls else "no", self.auth))
                os.rename(base + ".eml.tmp", base + ".eml")
                self.send("250 queued as %d" % n)
                self.reset()
            elif verb == "RSET":
                self.reset()
                self.send("250 ok")
            elif verb == "NOOP":
                self.send("250 ok")
            elif verb == "QUIT":
                self.send("221 bye")
                return
            else:
                self.send("502 not implemented")

    def reset(self):
        self.mail_from = ""
        self.rcpt = []


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


srv = Server(("127.0.0.1", 0), Handler)
tmp = os.path.join(args.dir, "smtp.port.tmp")
with open(tmp, "w") as f:
    f.write("%d\n" % srv.server_address[1])
os.rename(tmp, os.path.join(args.dir, "smtp.port"))
try:
    srv.serve_forever()
except KeyboardInterrupt:
    pass
