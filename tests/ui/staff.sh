#!/bin/sh
# staff.sh KIOSK FAKE_PRINTER SOURCE_DIR OUT_DIR - staff mode with the fake ESC/POS printer on
# loopback: runs staff.script, then decodes every QR code the printer got (zbarimg) and checks it
# against the slip's own texts, and checks that the store counted each printed slip once per
# service (reprints and test pages not counted).
set -eu
kiosk=$1 fake=$2 src=$3 out=$4
rm -rf "$out" && mkdir -p "$out/data" "$out/printer"
echo ok >"$out/printer/mode"
"$fake" "$out/printer" 300 0 >"$out/port" &
fpid=$!
trap 'echo quit >"$out/printer/mode"; sleep 0.3; kill $fpid 2>/dev/null || true' EXIT
for i in $(seq 50); do [ -s "$out/port" ] && break; sleep 0.1; done
port=$(head -1 "$out/port")
[ -n "$port" ] || { echo "fake printer did not start"; exit 1; }
hash=$(printf '2580\n2580\n' | "$kiosk" --set-staff-pin | sed -n 's/^pin_hash = //p')
sed "s#@FAKE@#$out/printer#g" "$src/tests/ui/staff.script" >"$out/staff.script"
"$kiosk" --script "$out/staff.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size 1920x1080 --set kiosk.dpi=96 \
    --set "staff.pin_hash=$hash" --set "printer.device=tcp:127.0.0.1:$port" --set printer.dots=576 \
    >"$out/stdout"
# two slips and a test page, each rebuilt by the printer as a PNG
for n in 1 2 3; do [ -s "$out/printer/job-$n.png" ] || { echo "job $n was not printed"; ls "$out/printer"; exit 1; }; done
[ ! -e "$out/printer/job-4.png" ] || { echo "a job was printed twice"; exit 1; }
grep '^slip-qr ' "$out/stdout" | sed 's/^slip-qr //' >"$out/expected-all"
[ "$(wc -l <"$out/expected-all")" -eq 4 ] || { echo "expected 2 QR texts per slip:"; cat "$out/stdout"; exit 1; }
for n in 1 2; do
    # each slip has the QR code of each of its services, read back byte for byte
    if [ $n = 1 ]; then head -2 "$out/expected-all"; else tail -2 "$out/expected-all"; fi | sort >"$out/expected-$n"
    zbarimg -q --raw -Sqrcode.binary "$out/printer/job-$n.png" 2>/dev/null | sed '/^$/d' | sort >"$out/decoded-$n" || true
    if ! cmp -s "$out/expected-$n" "$out/decoded-$n"; then
        echo "slip $n: QR codes differ"; diff "$out/expected-$n" "$out/decoded-$n" || true; exit 1
    fi
done
zbarimg -q --raw "$out/printer/job-3.png" 2>/dev/null | grep -qx MAJAKKA-TEST-PRINT || { echo "test page QR not read"; exit 1; }
# slips counted once per service and day; the test page is not counted
total=$(sqlite3 "$out/data/majakka.db" "SELECT coalesce(sum(count), 0) FROM slip_counts WHERE day = '2026-11-24'")
rows=$(sqlite3 "$out/data/majakka.db" "SELECT count(*) FROM slip_counts WHERE day = '2026-11-24'")
[ "$total" = 4 ] && [ "$rows" = 2 ] || { echo "slip counts: $rows rows, total $total (expected 2 rows, 4)"; exit 1; }
status=$(sqlite3 "$out/data/majakka.db" "SELECT value FROM sync_state WHERE key = 'printer_status'")
[ "$status" = ok ] || { echo "printer_status for the heartbeat is '$status'"; exit 1; }
echo "staff: 3 jobs printed once each, 4 QR codes decoded, counts $total"
