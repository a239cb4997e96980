#!/usr/bin/env python3
"""faultproxy.py LISTEN_PORT_FILE TARGET_PORT [SEED] - a TCP proxy on 127.0.0.1 that spoils
connections the way an unlucky network does, for the agent <-> hub fault test (net_faults.sh).
Faults (see Conn):
  drop      a new connection closed at once, before a byte is passed
  latency   a client chunk delayed 0-150 ms
  reset     a client chunk passed for a random number of bytes, then both sides get a RST
            (SO_LINGER 0): a reset mid-body
  cut       the chunk passes whole, the reply is cut short after a random number of bytes and
            the connection reset: the hub may have committed what the agent never hears of
It listens on a free port, written to LISTEN_PORT_FILE, and prints the count of each fault
to stdout at exit (SIGTERM). Loopback only."""
import asyncio, random, signal, socket, struct, sys

FATES = ["ok", "latency", "drop", "reset", "cut"]
counts = {f: 0 for f in FATES}


def rst(writer):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
    writer.transport.abort()


class Conn:
    """One proxied connection. The agent keeps its connection alive over many requests, so a
    fate is drawn at the connection's start (drop: 15%) and again for every chunk the client
    sends (a request or part of one): passed (70%), delayed (10%), reset after part of it (10%),
    or passed with the reply cut short after a random number of bytes (10%)."""

    def __init__(self, cw, sw):
        self.cw, self.sw, self.cut_after, self.dead = cw, sw, None, False

    def kill(self):
        if not self.dead:
            self.dead = True
            rst(self.cw)
            rst(self.sw)

    async def up(self, reader):
        try:
            while not self.dead:
                data = await reader.read(4096)
                if not data:
                    break
                r = random.random()
                if r < 0.10:
                    counts["latency"] += 1
                    await asyncio.sleep(random.random() * 0.15)
                elif r < 0.20:
                    counts["reset"] += 1
                    self.sw.write(data[: random.randint(0, len(data))])
                    await self.sw.drain()
                    self.kill()
                    return
                elif r < 0.30 and self.cut_after is None:
                    counts["cut"] += 1
                    self.cut_after = random.randint(0, 3000)
                else:
                    counts["ok"] += 1
                self.sw.write(data)
                await self.sw.drain()
        except (ConnectionError, OSError):
            pass
        self.kill()

    async def down(self, reader):
        try:
            while not self.dead:
                data = await reader.read(4096)
                if not data:
                    break
                if self.cut_after is not None:
                    if len(data) >= self.cut_after:
                        self.cw.write(data[: self.cut_after])
                        await self.cw.drain()
                        self.kill()
                        return
                    self.cut_after -= len(data)
                self.cw.write(data)
                await self.cw.drain()
        except (ConnectionError, OSError):
            pass
        self.kill()


async def handle(creader, cwriter, target):
    if random.random() < 0.15:
        counts["drop"] += 1
        cwriter.close()
        return
    try:
        sreader, swriter = await asyncio.open_connection("127.0.0.1", target)
    except OSError:
        rst(cwriter)
        return
    c = Conn(cwriter, swriter)
    await asyncio.gather(c.up(creader), c.down(sreader))


async def main():
    port_file, target = sys.argv[1], int(sys.argv[2])
    if len(sys.argv) > 3:
        random.seed(int(sys.argv[3]))
    server = await asyncio.start_server(lambda r, w: handle(r, w, target), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(port_file + ".tmp", "w") as f:
        f.write(f"{port}\n")
    import os
    os.replace(port_file + ".tmp", port_file)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    async with server:
        await stop.wait()
    print(" ".join(f"{k}={v}" for k, v in counts.items()), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
