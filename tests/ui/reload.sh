#!/bin/sh
# reload.sh KIOSK SOURCE_DIR OUT_DIR - the demo content under a new content_version is imported
# by a second connection while the kiosk shows a service (tests/ui/reload.script).
set -eu
kiosk=$1 src=$2 out=$3
assets=${MAJAKKA_TEST_ASSETS:-$src/assets}
rm -rf "$out" && mkdir -p "$out/data" && cp -r "$assets/demo" "$out/new"
# content_version is outside the sealed content, so the hashes still hold
sed -i 's/"content_version": *"[^"]*"/"content_version": "reload-test"/' "$out/new/bundle.json"
grep -q '"reload-test"' "$out/new/bundle.json"
sed "s|@BUNDLE@|$out/new/bundle.json|" "$src/tests/ui/reload.script" > "$out/reload.script"
exec "$kiosk" --script "$out/reload.script" --screenshot-dir "$out" --data-dir "$out/data" \
    --assets "$assets" --size 1280x800 --set kiosk.dpi=96
