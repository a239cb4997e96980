#!/bin/sh
# feedback.sh KIOSK SOURCE_DIR LANG WIDTHxHEIGHT OUT_DIR - runs feedback.script headless in one
# language at one size (screenshots in OUT_DIR), then checks that nothing typed into a comment
# appears in the kiosk's output.
set -eu
kiosk=$1 src=$2 lang=$3 size=$4 out=$5
comma=","
case $lang in
    ar) word="شكرا" comma="،" ;;
    ru) word="спасибо" ;;
    uk) word="дякую" ;;
    *) word="kiitos" ;;
esac
rm -rf "$out" && mkdir -p "$out/data"
sed -e "s/@LANG@/$lang/g" -e "s/@WORD@/$word/g" -e "s/@COMMA@/$comma/g" "$src/tests/ui/feedback.script" > "$out/feedback.script"
"$kiosk" --script "$out/feedback.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size "$size" --set kiosk.dpi=96 >"$out/log" 2>&1 ||
    { cat "$out/log" >&2; exit 1; }
# nothing of a comment is logged
if grep -q -e 4567 -e 987 -e "$word" "$out/log"; then
    echo "feedback: comment text in the kiosk's output:" >&2; cat "$out/log" >&2; exit 1
fi
