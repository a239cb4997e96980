#!/bin/sh
# staff_walk.sh KIOSK SOURCE_DIR LANG WIDTHxHEIGHT OUT_DIR - staff_walk.script in LANG at one size;
# the printed slip (a PNG file) must hold one readable QR code per service.
set -eu
kiosk=$1 src=$2 lang=$3 size=$4 out=$5
rm -rf "$out" && mkdir -p "$out/data" "$out/slips"
hash=$(printf '2580\n2580\n' | "$kiosk" --set-staff-pin | sed -n 's/^pin_hash = //p')
case $lang in ar) logo="97% 3%" ;; *) logo="3% 3%" ;; esac   # the logo is at the start corner
sed -e "s/@LANG@/$lang/g" -e "s#@OUT@#$out#g" -e "s/@LOGO@/$logo/g" "$src/tests/ui/staff_walk.script" >"$out/staff_walk.script"
"$kiosk" --script "$out/staff_walk.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size "$size" --set kiosk.dpi=96 \
    --set "staff.pin_hash=$hash" --set "printer.device=png:$out/slips/" --set printer.dots=384
slip=$(ls "$out"/slips/*.png | head -1)
codes=$(zbarimg -q --raw -Sqrcode.binary "$slip" 2>/dev/null | sed '/^$/d' | wc -l)
[ "$codes" -eq 2 ] || { echo "staff_walk: $codes QR codes read on $slip, expected 2"; exit 1; }
