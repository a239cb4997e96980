#!/bin/sh
# qr.sh KIOSK SOURCE_DIR OUT_DIR - tests/ui/qr.script, then zbarimg must read back exactly the
# MeCard and VEVENT payloads the screen encoded (UTF-8, escapes, line breaks).
set -eu
kiosk=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/data"
"$kiosk" --script "$src/tests/ui/qr.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size 1280x800 --set kiosk.dpi=96
fail=0
for what in mecard vevent; do
    zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$out/$what.png" 2>/dev/null | head -c -1 > "$out/$what.decoded" || true
    if ! cmp -s "$out/$what.qr" "$out/$what.decoded"; then
        echo "qr: $what.png reads differently:" >&2; cat "$out/$what.qr" >&2; echo >&2; cat "$out/$what.decoded" >&2; echo >&2
        fail=1
    fi
done
grep -q 'Äitiysneuvola\\; عيادة' "$out/mecard.qr" && grep -q 'SUMMARY:Vauvakahvila\\, perhekahvila' "$out/vevent.qr" || fail=1
exit $fail
