#!/usr/bin/env python3
"""notify_listen.py SOCKET LOG SECONDS - a fake systemd NOTIFY_SOCKET: a unix datagram socket
whose messages (sd_notify's READY=1, STATUS=..., WATCHDOG=1) are written to LOG, one a line."""
import os, socket, sys, time
path, log, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(0.5)
end = time.time() + secs
with open(log, "w") as f:
    while time.time() < end:
        try:
            d = s.recv(4096).decode("utf-8", "replace")
        except socket.timeout:
            continue
        f.write("%.2f %s\n" % (time.time(), d.replace("\n", " | ")))
        f.flush()
