#!/usr/bin/env bash
# test_notify.sh KIOSK SYNC HUB - each program, started as systemd would (NOTIFY_SOCKET,
# WATCHDOG_USEC=1 s), sends READY=1 at the right moment, STATUS= lines and WATCHDOG=1 pings from
# its main loop; the socket is a unix datagram socket this test reads.
set -u
kiosk=$1 sync=$2 hub=$3
here=$(cd "$(dirname "$0")" && pwd)
fail=0
bad() { echo "FAIL: $*"; fail=1; }
T=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# listen NAME: starts a fake notify socket $T/NAME.sock logging to $T/NAME.log
listen() {
    python3 "$here/notify_listen.py" "$T/$1.sock" "$T/$1.log" 30 & pids+=($!)
    for _ in $(seq 50); do [ -S "$T/$1.sock" ] && return; sleep 0.1; done
    bad "no socket for $1"
}
# expect NAME PATTERN WHAT
expect() { grep -q -- "$2" "$T/$1.log" || bad "$1: no $3 ($(cut -c1-200 "$T/$1.log" | head -5))"; }
wait_for() { for _ in $(seq 100); do grep -q -- "$2" "$T/$1.log" 2>/dev/null && return; sleep 0.1; done; }

# hub: READY once listening
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -keyout "$T/k.pem" -out "$T/c.pem" 2>/dev/null
listen hub
NOTIFY_SOCKET="$T/hub.sock" WATCHDOG_USEC=1000000 "$hub" --db "$T/hub.db" serve --cert "$T/c.pem" --key "$T/k.pem" \
    --port 0 --port-file "$T/hub.port" --quiet 2>"$T/hub.err" & hpid=$!; pids+=($hpid)
wait_for hub READY=1
sleep 2
[ -s "$T/hub.port" ] || bad "hub wrote no port file"
expect hub "READY=1 | STATUS=listening on 127.0.0.1:[0-9]" "READY=1 with the listening address"
[ "$(grep -c WATCHDOG=1 "$T/hub.log")" -ge 2 ] || bad "hub: fewer than 2 watchdog pings in 2 s"
kill -TERM $hpid; wait $hpid 2>/dev/null
expect hub "STOPPING=1" "STOPPING=1 on SIGTERM"

# sync: READY once the first cycle is scheduled, STATUS with the outbox after it, pings while waiting
listen sync
NOTIFY_SOCKET="$T/sync.sock" WATCHDOG_USEC=1000000 "$sync" --store "$T/kiosk.db" --hub https://127.0.0.1:9 \
    --connect-timeout-ms 500 --backoff-base 5 --interval 10 run 2>"$T/sync.err" & spid=$!; pids+=($spid)
wait_for sync "last sync"
sleep 2
expect sync "READY=1 | STATUS=outbox 0 unsent, content none, first sync starting" "READY=1 before the first cycle"
expect sync "STATUS=outbox 0 unsent, content none, last sync: " "STATUS= after the first cycle"
[ "$(grep -c WATCHDOG=1 "$T/sync.log")" -ge 2 ] || bad "sync: fewer than 2 watchdog pings while waiting"
kill -TERM $spid; wait $spid 2>/dev/null

# kiosk: READY after the first frame (offscreen driver), STATUS with the content version, pings
# from the idle loop, which draws nothing meanwhile
listen kiosk
NOTIFY_SOCKET="$T/kiosk.sock" WATCHDOG_USEC=1000000 SDL_VIDEODRIVER=offscreen HOME="$T" \
    "$kiosk" --data-dir "$T/kdata" 2>"$T/kiosk.err" & kpid=$!; pids+=($kpid)
wait_for kiosk READY=1
sleep 3
expect kiosk "READY=1 | STATUS=showing content demo-[0-9.-]*, outbox 0 unsent, printer none" "READY=1 with the content version"
n=$(grep -c WATCHDOG=1 "$T/kiosk.log")
[ "$n" -ge 4 ] || bad "kiosk: $n watchdog pings in 3 s (want >= 4 at WATCHDOG_USEC=1 s)"
# pings are not frames: no more READY and the loop stays near idle
[ "$(grep -c READY=1 "$T/kiosk.log")" -eq 1 ] || bad "kiosk: READY=1 more than once"
t=$(awk '{print $14+$15}' "/proc/$kpid/stat" 2>/dev/null)
sleep 2
t2=$(awk '{print $14+$15}' "/proc/$kpid/stat" 2>/dev/null)
[ -n "$t" ] && [ $((t2 - t)) -le 20 ] || bad "kiosk used $((t2 - t)) ticks in 2 idle s (a ping must not draw)"
kill -TERM $kpid; wait $kpid; krc=$?
[ $krc -eq 0 ] || bad "kiosk exit $krc: $(cat "$T/kiosk.err")"
expect kiosk "STOPPING=1" "STOPPING=1 on SIGTERM"

# journal priorities: with stderr the journal (JOURNAL_STREAM names it) lines carry "<N>"
: >"$T/j.err"
JOURNAL_STREAM=$(stat -c '%d:%i' "$T/j.err") "$sync" --store "$T/kiosk.db" --hub https://127.0.0.1:9 \
    --connect-timeout-ms 300 once 2>>"$T/j.err"
grep -q '^<3>majakka-sync: ' "$T/j.err" || bad "no <3> error line for the journal: $(cat "$T/j.err")"
printf '[kiosk]\nidle_timeout = 5\n' >"$T/bad.ini"
JOURNAL_STREAM=$(stat -c '%d:%i' "$T/j.err") "$kiosk" --config "$T/bad.ini" --check /nonexistent 2>>"$T/j.err"
grep -q '^<4>majakka-kiosk: .*bad.ini:2: kiosk.idle_timeout.*starting on the defaults' "$T/j.err" ||
    bad "no <4> warning naming the config's bad line: $(cat "$T/j.err")"
"$sync" --store "$T/kiosk.db" --hub https://127.0.0.1:9 --connect-timeout-ms 300 once 2>"$T/plain.err"
grep -q '^majakka-sync: ' "$T/plain.err" || bad "a terminal gets prefixed lines: $(cat "$T/plain.err")"

# without NOTIFY_SOCKET nothing is sent and nothing breaks
"$hub" --version >/dev/null || bad "hub --version"
[ $fail -eq 0 ] && echo "ok: READY=1, STATUS=, WATCHDOG=1 and STOPPING=1 from kiosk, sync and hub; journal priorities"
exit $fail
