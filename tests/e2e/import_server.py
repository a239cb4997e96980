#!/usr/bin/env python3
"""import_server.py PORTFILE DATA_DIR - an API server on 127.0.0.1 for tests/e2e/imports.sh: paged
Linked Events, HSDS and PTV answers built from the fixtures in DATA_DIR, and the ways a real one
fails: a next page on another host, a stall, garbage, an error status, an answer too big."""
import http.server, json, socketserver, sys, time, urllib.parse

PORTFILE, DATA = sys.argv[1], sys.argv[2]
LE = json.load(open(DATA + "/linkedevents.json"))
HSDS = json.load(open(DATA + "/hsds3.json"))
PTV = json.load(open(DATA + "/ptv-services.json"))
CHANNELS = json.load(open(DATA + "/ptv-channels.json"))


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, status, body, ctype="application/json"):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urllib.parse.urlparse(self.path)
        q = urllib.parse.parse_qs(u.query)
        page = int(q.get("page", ["1"])[0])
        base = "http://127.0.0.1:%d" % self.server.server_address[1]
        ev = LE["data"]
        if u.path == "/le":
            if page == 1:
                self.send(200, {"meta": {"count": len(ev), "next": base + "/le?page=2", "previous": None}, "data": ev[:3]})
            else:
                self.send(200, {"meta": {"count": len(ev), "next": None, "previous": base + "/le"}, "data": ev[3:]})
        elif u.path == "/le-elsewhere":
            self.send(200, {"meta": {"next": "http://localhost:%d/le?page=2" % self.server.server_address[1]}, "data": ev[:3]})
        elif u.path == "/hsds":
            self.send(200, {"total_items": len(HSDS), "total_pages": 2, "page_number": page, "size": 3,
                            "contents": HSDS[:3] if page == 1 else HSDS[3:]})
        elif u.path == "/ptv":
            self.send(200, {"pageNumber": 1, "pageCount": 1, "itemList": PTV["itemList"] + CHANNELS})
        elif u.path == "/stall":
            time.sleep(30)
            self.send(200, {"data": []})
        elif u.path == "/garbage":
            self.send(200, b"<html><body>Service Unavailable</body></html>", "text/html")
        elif u.path == "/error":
            self.send(500, {"detail": "server error"})
        elif u.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            try:
                self.wfile.write(b'{"data": [' + b" " * (40 << 20) + b"]}")
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send(404, {"detail": "not found"})


class S(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


srv = S(("127.0.0.1", 0), H)
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
