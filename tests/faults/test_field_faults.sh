#!/usr/bin/env bash
# test_field_faults.sh KIOSK - what a lobby does to a kiosk, none of which may leave the screen
# dark: a config file with a syntax error (start on the defaults, name the line), a corrupt
# store (moved aside with a timestamp, start on the demo content), the data disk read-only
# (the content shown from a copy in $TMPDIR), font files missing or broken (stand-ins). Each run must reach READY=1
# (first frame drawn) on a fake NOTIFY_SOCKET, headless (SDL offscreen).
set -u
kiosk=$1
here=$(cd "$(dirname "$0")/../systemd" && pwd)
fail=0
bad() { echo "FAIL: $*"; fail=1; }
T=$(mktemp -d); pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT
# start_kiosk NAME ARGS...: runs the kiosk until READY=1 (or 15 s), then SIGTERM; $T/NAME.err, .log
start_kiosk() {
    local name=$1; shift
    python3 "$here/notify_listen.py" "$T/$name.sock" "$T/$name.log" 20 & pids+=($!)
    for _ in $(seq 50); do [ -S "$T/$name.sock" ] && break; sleep 0.1; done
    NOTIFY_SOCKET="$T/$name.sock" SDL_VIDEODRIVER=offscreen HOME="$T" "$kiosk" "$@" 2>"$T/$name.err" & local k=$!
    for _ in $(seq 150); do grep -q READY=1 "$T/$name.log" 2>/dev/null && break; kill -0 $k 2>/dev/null || break; sleep 0.1; done
    kill -TERM $k 2>/dev/null; wait $k 2>/dev/null
    grep -q READY=1 "$T/$name.log" || bad "$name: the kiosk did not show a first frame: $(cat "$T/$name.err")"
}

# 1. config with a syntax error on line 3
printf '[kiosk]\nidle_timeout = 90\nthis is not a setting\n' >"$T/bad.ini"
start_kiosk badconfig --config "$T/bad.ini" --data-dir "$T/d1"
grep -q "bad.ini:3: expected key = value (starting on the defaults)" "$T/badconfig.err" ||
    bad "the kiosk did not name the bad line: $(cat "$T/badconfig.err")"
# the same file fixed is read again (the warning is not sticky)
printf '[kiosk]\nidle_timeout = 90\n' >"$T/good.ini"
start_kiosk goodconfig --config "$T/good.ini" --data-dir "$T/d1"
grep -q "defaults" "$T/goodconfig.err" && bad "a good config still warns"

# 2. corrupt store: garbage, then a real store with a page overwritten
mkdir -p "$T/d2"
head -c 65536 /dev/urandom >"$T/d2/majakka.db"
start_kiosk garbage --data-dir "$T/d2"
moved=$(ls "$T"/d2/majakka.db.corrupt-* 2>/dev/null | head -1)
[[ $moved =~ majakka\.db\.corrupt-[0-9]{8}T[0-9]{6}Z$ ]] || bad "garbage store not moved aside with a timestamp: $(ls "$T/d2")"
grep -q "STATUS=showing content demo-" "$T/garbage.log" || bad "not on the demo content after a corrupt store"
grep -q "is corrupt .* moved aside to" "$T/garbage.err" || bad "no log line about the corrupt store"
# a store that opened fine before: now with its pages scribbled over
mkdir -p "$T/d3"
start_kiosk fresh --data-dir "$T/d3"
size=$(stat -c %s "$T/d3/majakka.db")
dd if=/dev/urandom of="$T/d3/majakka.db" bs=4096 seek=2 count=$(( size / 4096 - 2 )) conv=notrunc status=none
rm -f "$T/d3/majakka.db-wal" "$T/d3/majakka.db-shm"
start_kiosk scribbled --data-dir "$T/d3"
ls "$T"/d3/majakka.db.corrupt-* >/dev/null 2>&1 || bad "scribbled store not moved aside: $(cat "$T/scribbled.err")"
# a healthy store is never moved
start_kiosk healthy --data-dir "$T/d1"
ls "$T"/d1/*.corrupt-* >/dev/null 2>&1 && bad "a healthy store was moved aside"
# 3. font files missing (NotoSans-Bold) and broken (NotoSansArabicUI-Regular): stand-ins, a warning
noto=/usr/share/fonts/truetype/noto
mkdir -p "$T/fonts"
for x in NotoSans-Regular NotoSansSymbols2-Regular NotoSansArabicUI-Bold; do ln -s "$noto/$x.ttf" "$T/fonts/"; done
head -c 5000 /dev/urandom >"$T/fonts/NotoSansArabicUI-Regular.ttf"
MAJAKKA_FONT_DIR="$T/fonts" start_kiosk fonts --data-dir "$T/d4"
grep -q "NotoSans-Bold.ttf is missing or broken: using .*NotoSans-Regular.ttf" "$T/fonts.err" || bad "no stand-in for a missing font: $(cat "$T/fonts.err")"
grep -q "NotoSansArabicUI-Regular.ttf is missing or broken: using" "$T/fonts.err" || bad "no stand-in for a broken font"
# no font at all (and no DejaVu in a fake dir): a clear error, not a crash
mkdir -p "$T/nofonts"
if [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    out=$(MAJAKKA_FONT_DIR="$T/nofonts" SDL_VIDEODRIVER=offscreen HOME="$T" timeout 10 "$kiosk" --data-dir "$T/d5" 2>&1); rc=$?
    [ $rc -eq 1 ] && grep -q "no other font could stand in" <<<"$out" || bad "no fonts at all: rc $rc, $out"
fi

# 4. the data disk mounted read-only (a bind mount; needs root, else this part is skipped)
if [ "$(id -u)" -eq 0 ] && mount --bind "$T/d1" "$T/d1" 2>/dev/null; then
    trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; umount "$T/d1" 2>/dev/null; rm -rf "$T"' EXIT
    mount -o remount,bind,ro "$T/d1"
    touch "$T/d1/probe" 2>/dev/null && bad "the bind mount is not read-only"
    TMPDIR="$T" start_kiosk readonly --data-dir "$T/d1"
    grep -q "STATUS=showing content demo-" "$T/readonly.log" || bad "read-only disk: content not shown"
    grep -q "is read-only: showing a copy" "$T/readonly.err" || bad "read-only disk: no log line: $(cat "$T/readonly.err")"
    umount "$T/d1"
else
    echo "note: read-only data disk part skipped (needs root for a read-only bind mount)"
fi
[ $fail -eq 0 ] && echo "ok: bad config line named and defaults used; corrupt stores moved aside, demo shown; font stand-ins; read-only disk served from a copy"
exit $fail
