#!/bin/sh
# same_qr.sh KIOSK SOURCE_DIR OUT_DIR - the screen and the slip of the same service carry the
# same QR bytes in every language (core/qrpayload.h builds both): same_qr.script opens the first
# service in each language, saves the screenshot with the detail's code and the slip's PNG, and
# both payloads. Run twice: on the demo content (the services' URLs) and on a copy whose services
# have no URL (MeCards with names in each language, phones and addresses). zbarimg must read the
# same bytes from the screenshot and from the slip, equal to both builders' payloads.
set -eu
kiosk=$1 src=$2 out=$3
assets=${MAJAKKA_TEST_ASSETS:-$src/assets}
rm -rf "$out" && mkdir -p "$out"
# the copy without URLs, sealed again (the hashes cover the services)
cp -r "$assets" "$out/assets-mecard"
python3 - "$out/assets-mecard/demo/bundle.json" <<'PY'
import json, sys
p = sys.argv[1]
b = json.load(open(p, encoding="utf-8"))
for s in b["content"]["services"]:
    s.pop("url", None)
json.dump(b, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
"$kiosk" --seal "$out/assets-mecard/demo/bundle.json" >/dev/null
fail=0 n=0
read_qr() {   # the bytes of the one QR code in a PNG (zbarimg adds a newline)
    zbarimg --quiet --raw -Sdisable -Sqrcode.enable -Sqrcode.binary "$1" 2>/dev/null | head -c -1
}
for kind in url mecard; do
    a=$assets; [ $kind = mecard ] && a=$out/assets-mecard
    d=$out/$kind
    mkdir -p "$d/data"
    "$kiosk" --script "$src/tests/ui/same_qr.script" --screenshot-dir "$d" --data-dir "$d/data" \
        --assets "$a" --size 1280x800 --set kiosk.dpi=96 >"$d/stdout"
    for lang in fi ar sv en ru uk so; do
        read_qr "$d/$lang-screen.png" >"$d/$lang-screen.decoded" || true
        read_qr "$d/$lang-slip.png" >"$d/$lang-slip.decoded" || true
        for f in screen.qr slip.qr screen.decoded slip.decoded; do
            if [ ! -s "$d/$lang-$f" ] || ! cmp -s "$d/$lang-screen.qr" "$d/$lang-$f"; then
                echo "same_qr: $kind $lang: $f differs from the screen's payload:" >&2
                cat "$d/$lang-screen.qr" >&2; echo >&2; cat "$d/$lang-$f" >&2 2>/dev/null; echo >&2
                fail=1
            fi
        done
        case $kind in
            url) grep -q '^https://' "$d/$lang-screen.qr" || { echo "same_qr: $lang: not a URL" >&2; fail=1; } ;;
            mecard) grep -q '^MECARD:N:.*;TEL:.*;ADR:.*;;$' "$d/$lang-screen.qr" || { echo "same_qr: $lang: not a MeCard" >&2; fail=1; } ;;
        esac
        n=$((n + 1))
    done
done
# the languages really differ: the MeCards hold the Arabic and the Finnish name
LC_ALL=C grep -q "$(printf 'MECARD:N:[^;]*[\330-\333]')" "$out/mecard/ar-screen.qr" || { echo "same_qr: the Arabic MeCard has no Arabic name" >&2; fail=1; }
cmp -s "$out/mecard/fi-screen.qr" "$out/mecard/ar-screen.qr" && { echo "same_qr: fi and ar gave the same MeCard" >&2; fail=1; }
[ $fail = 0 ] && echo "same_qr: $n screens and slips carry the same QR bytes"
exit $fail
