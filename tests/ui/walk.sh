#!/bin/sh
# walk.sh - runs walk.script through the real screens, headless, then checks what a camera sees:
#   walk.sh KIOSK SOURCE_DIR LANG WIDTHxHEIGHT OUT_DIR
# - the "Take with you" QR codes decode (zbarimg) to exactly what the screen meant to encode;
# - the screenshots match tests/ui/ref/ (downscaled, with a tolerance), when references exist;
#   MAJAKKA_UPDATE_REFS=1 writes new references instead (look at them before committing).
set -eu
kiosk=$1 src=$2 lang=$3 size=$4 out=$5
case $lang in
    ar) type="عي" ;;
    ru) type="дет" ;;
    uk) type="дит" ;;
    *) type="neu" ;;
esac
rm -rf "$out" && mkdir -p "$out/data"
sed -e "s/@LANG@/$lang/g" -e "s/@TYPE@/$type/g" -e "s/@DEFAULT@/${MAJAKKA_DEFAULT_LANG:-fi}/g" \
    "$src/tests/ui/walk.script" > "$out/walk.script"
"$kiosk" --script "$out/walk.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size "$size" --set kiosk.dpi=96

fail=0
for what in service event; do
    # zbarimg prints the payload and a newline; compare bytes exactly
    if ! zbarimg --quiet --raw -Sdisable -Sqrcode.enable -Sqrcode.binary "$out/$what.png" 2>/dev/null | head -c -1 > "$out/$what.decoded"; then
        echo "walk: no QR code found in $what.png" >&2; fail=1; continue
    fi
    if ! cmp -s "$out/$what.qr" "$out/$what.decoded"; then
        echo "walk: the QR code in $what.png reads differently from what was encoded:" >&2
        cat "$out/$what.qr" >&2; echo >&2; cat "$out/$what.decoded" >&2; echo >&2
        fail=1
    fi
done

# reference images are kept for Finnish and Arabic (the other languages are walked for overflow)
case $lang in fi|ar) ;; *) exit $fail ;; esac
refdir="$src/tests/ui/ref"
for shot in home categories services service events-week event search idle; do
    ref="$refdir/$lang-$size-$shot.png"
    small="$out/$shot.small.png"
    # references are stored at a quarter of the size: small in git, still telling
    convert "$out/$shot.png" -resize 25% "$small"
    if [ "${MAJAKKA_UPDATE_REFS:-0}" = 1 ]; then mkdir -p "$refdir"; cp "$small" "$ref"; continue; fi
    [ -f "$ref" ] || { echo "walk: no reference $ref (MAJAKKA_UPDATE_REFS=1 makes one)"; continue; }
    # count pixels that differ by more than 10%; allow 0.5% of the picture
    diff=$(compare -metric AE -fuzz 10% "$small" "$ref" "$out/$shot.diff.png" 2>&1 >/dev/null || true)
    total=$(identify -format '%[fx:w*h]' "$ref")
    if [ "$(awk -v d="${diff%% *}" -v t="$total" 'BEGIN { print (d + 0 > t * 0.005) ? 1 : 0 }')" = 1 ]; then
        echo "walk: $shot.png differs from $ref in $diff pixels (see $out/$shot.diff.png)" >&2
        fail=1
    fi
done
exit $fail
