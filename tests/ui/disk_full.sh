#!/bin/sh
# disk_full.sh KIOSK SOURCE_DIR OUT_DIR - feedback on a full disk: the store can grow no more
# (the script's disk-full), parents go on giving feedback, the kiosk says sorry and keeps working,
# the staff menu says the disk is full; when room comes back the next answer is stored and the
# warning goes. Afterwards every stored answer is intact (integrity_check) and none was lost.
set -eu
kiosk=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/data"
hash=$(printf '2580\n2580\n' | "$kiosk" --set-staff-pin | sed -n 's/^pin_hash = //p')
{
    echo "clock 2026-11-24T09:30"
    echo "tap-card 2"
    echo "tap-card 0"
    echo "expect-feedback-rows 1"
    echo "tap-id nav.home"
    echo "disk-full"
    # one answer every 7 s (neither suspect nor capped) until the store has no room left
    i=0
    while [ $i -lt 80 ]; do
        echo "wait 7000"; echo "tap-card 2"; echo "tap-card 0"; echo "tap-id nav.home"
        i=$((i + 1))
    done
    echo "tap-card 2"
    echo "tap-card 0"
    echo "expect-text Valitettavasti vastausta ei voitu"   # Finnish, the default: the message wraps, so a part of it
    echo "shot sorry.png"
    echo "tap-id nav.home"
    echo "hold 3% 3% 3100"
    for d in 2 5 8 0; do echo "tap-text $d"; done
    echo "tap-id staff.ok"
    echo "expect-screen staff"
    echo "expect-text Levy on täynnä"
    echo "shot staff-disk-full.png"
    echo "tap-id staff.end"
    echo "disk-free"
    echo "wait 7000"
    echo "tap-card 2"
    echo "tap-card 0"
    echo "expect-no-text Valitettavasti vastausta ei voitu"
    echo "tap-id nav.home"
    echo "hold 3% 3% 3100"
    for d in 2 5 8 0; do echo "tap-text $d"; done
    echo "tap-id staff.ok"
    echo "expect-screen staff"
    echo "expect-no-text Levy on täynnä"
} >"$out/disk_full.script"
"$kiosk" --script "$out/disk_full.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size 1920x1080 --set kiosk.dpi=96 \
    --set "staff.pin_hash=$hash" --set feedback.suspect_seconds=5
db="$out/data/majakka.db"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || { echo "disk_full: integrity_check failed"; exit 1; }
rows=$(sqlite3 "$db" "SELECT count(*) FROM feedback")
[ "$rows" -ge 2 ] && [ "$rows" -le 83 ] || { echo "disk_full: $rows answers stored"; exit 1; }
echo "disk_full: $rows answers stored, the rest refused with a sorry; integrity ok"
