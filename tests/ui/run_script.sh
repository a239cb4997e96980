#!/bin/sh
# run_script.sh KIOSK SOURCE_DIR NAME OUT_DIR [FLAG...] - runs tests/ui/NAME.script headless at
# 1920x1080; any further flags (--set SECTION.KEY=VALUE) go to the kiosk.
set -eu
kiosk=$1 src=$2 name=$3 out=$4
shift 4
rm -rf "$out" && mkdir -p "$out/data"
exec "$kiosk" --script "$src/tests/ui/$name.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "${MAJAKKA_TEST_ASSETS:-$src/assets}" --size 1920x1080 --set kiosk.dpi=96 "$@"
