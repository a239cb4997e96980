#!/usr/bin/env python3
"""hostile.py - hostile clients against a hub on 127.0.0.1 (used by hub_hostile.sh).

  hostile.py load PORT SECONDS OUT   slow-loris clients (byte-a-while headers, before and after the
                                     TLS handshake), bodies that never end and a flood of connections
                                     opening and closing, all from 127.0.0.2-127.0.0.9, for SECONDS;
                                     writes a JSON summary to OUT
  hostile.py raw PORT CAFILE         reads an HTTP request on stdin, sends it as is over TLS,
                                     prints the reply's status line and headers
Only loopback addresses are ever used.
"""
import json
import socket
import ssl
import sys
import threading
import time

HOST = "127.0.0.1"


def tls_ctx(cafile=None):
    ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not cafile:
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Stats:
    def __init__(self):
        self.mu = threading.Lock()
        self.cut_after = []      # seconds from connect until the hub closed a slow connection
        self.flood = 0
        self.flood_refused = 0

    def cut(self, kind, secs):
        with self.mu:
            self.cut_after.append((kind, secs))


def slow_client(port, src, stop, stats, kind):
    """Connects and sends a byte a second, reconnecting whenever the hub cuts it."""
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            s = socket.create_connection((HOST, port), timeout=5, source_address=(src, 0))
        except OSError:
            time.sleep(0.2)
            continue
        try:
            s.settimeout(1.5)
            if kind == "tcp":            # never finishes the TLS handshake: a byte of garbage a second
                payload, conn = b"\x16\x03\x01\x40\x00" + b"\x01" * 100000, s
            else:
                conn = tls_ctx().wrap_socket(s, server_hostname="127.0.0.1")
                if kind == "headers":    # headers that never end
                    payload = b"GET /api/v1/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X-a: b\r\n" * 100000
                else:                    # a body that never ends (enrollment needs no token)
                    conn.sendall(b"POST /api/v1/enroll HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                                 b"Content-Type: application/json\r\n\r\n")
                    payload = b"1\r\n \r\n" * 100000
            for i in range(len(payload) // 8):
                if stop.is_set():
                    break
                conn.sendall(payload[i * 8:i * 8 + 8] if kind == "body" else payload[i:i + 1])
                try:
                    if conn.recv(1) == b"":
                        raise ConnectionResetError
                except (socket.timeout, ssl.SSLWantReadError):
                    pass
            else:
                continue
            conn.close()
            return
        except (OSError, ssl.SSLError):
            if not stop.is_set():
                stats.cut(kind, time.monotonic() - t0)
        finally:
            try:
                s.close()
            except OSError:
                pass


def flood(port, src, stop, stats, rate):
    """Opens and closes connections, `rate` a second (half of them after a TLS handshake)."""
    n = 0
    t0 = time.monotonic()
    while not stop.is_set():
        try:
            s = socket.create_connection((HOST, port), timeout=2, source_address=(src, 0))
            if n % 2:
                try:
                    tls_ctx().wrap_socket(s, server_hostname="127.0.0.1").close()
                except (OSError, ssl.SSLError):
                    pass
            s.close()
            with stats.mu:
                stats.flood += 1
        except OSError:
            with stats.mu:
                stats.flood_refused += 1
        n += 1
        ahead = n / rate - (time.monotonic() - t0)
        if ahead > 0:
            time.sleep(ahead)


def load(port, seconds, out):
    stop = threading.Event()
    stats = Stats()
    threads = []
    # 4 addresses x 16 (the per-address limit) slow-loris connections after the handshake,
    # 1 x 16 before it, 1 x 8 bodies that never end; 2 addresses flooding.
    plan = [("127.0.0.%d" % a, "headers", 16) for a in (2, 3, 4, 5)] + [("127.0.0.6", "tcp", 16), ("127.0.0.7", "body", 8)]
    for src, kind, n in plan:
        for _ in range(n):
            threads.append(threading.Thread(target=slow_client, args=(port, src, stop, stats, kind), daemon=True))
    for src in ("127.0.0.8", "127.0.0.9"):
        threads.append(threading.Thread(target=flood, args=(port, src, stop, stats, 250), daemon=True))
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join(5)
    cuts = {}
    for kind, secs in stats.cut_after:
        cuts.setdefault(kind, []).append(secs)
    summary = {"flood": stats.flood, "flood_refused": stats.flood_refused,
               "cuts": {k: {"n": len(v), "max_s": round(max(v), 2)} for k, v in cuts.items()}}
    with open(out, "w") as f:
        json.dump(summary, f)
    print(json.dumps(summary))


def raw(port, cafile):
    req = sys.stdin.buffer.read().replace(b"\n", b"\r\n")
    s = socket.create_connection((HOST, port), timeout=10)
    conn = tls_ctx(cafile).wrap_socket(s, server_hostname="127.0.0.1")
    data = b""
    try:
        conn.sendall(req)
    except (OSError, ssl.SSLError):
        pass    # the hub may answer and close before reading everything (431)
    try:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    except (OSError, ssl.SSLError):
        pass
    print(data.split(b"\r\n\r\n")[0].decode("latin-1"))


if __name__ == "__main__":
    if sys.argv[1] == "load":
        load(int(sys.argv[2]), float(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "raw":
        raw(int(sys.argv[2]), sys.argv[3])
