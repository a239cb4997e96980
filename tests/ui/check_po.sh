#!/bin/sh
# check_po.sh SOURCE_DIR - every message id the kiosk's code uses is in assets/po/en.po (so no
# screen can fall through to an id), and every .po passes `msgfmt --check`; the same for the
# hub's pages and assets/po/hub (below).
set -eu
src=$1
used=$(grep -ohE '"(nav|home|open|aud|services|detail|hours|events|event|search|idle|feedback|fmt|day|month|staff|slip|when)\.[a-z0-9_]+(\.[a-z0-9_]+)*"' \
       "$src"/kiosk/*.c | tr -d '"' | grep -vE '\.(h|c)$' | sort -u)
have=$(sed -n 's/^msgid "\(..*\)"$/\1/p' "$src/assets/po/en.po" | sort -u)
missing=$(printf '%s\n' "$used" | while read -r id; do
    printf '%s\n' "$have" | grep -qx "$id" || echo "$id"; done)
if [ -n "$missing" ]; then echo "check_po: used but not in en.po: $missing" >&2; exit 1; fi
[ "$(printf '%s\n' "$used" | wc -l)" -gt 50 ] || { echo "check_po: found too few ids" >&2; exit 1; }
for po in "$src"/assets/po/*.po; do msgfmt --check -o /dev/null "$po"; done
# The hub's pages (sync/hub_*.c, hub_t): every id they use is in assets/po/hub/en.po, fi.po and
# sv.po (the hub's three languages are complete), and every id in those is in en.po.
hub_used=$(grep -ohE '"web\.[a-z0-9_]+\.[a-z0-9_.]+"' "$src"/sync/*.c | tr -d '"' | sort -u)
[ "$(printf '%s\n' "$hub_used" | wc -l)" -gt 50 ] || { echo "check_po: found too few hub ids" >&2; exit 1; }
hub_en=$(sed -n 's/^msgid "\(..*\)"$/\1/p' "$src/assets/po/hub/en.po" | sort -u)
for lang in en fi sv; do
    have=$(awk '/^msgid "..*"$/ { id = substr($0, 8, length($0) - 8) } /^msgstr "..*"$/ && id { print id; id = "" }' \
           "$src/assets/po/hub/$lang.po" | sort -u)
    missing=$(printf '%s\n%s\n' "$hub_used" "$hub_en" | sort -u | while read -r id; do
        printf '%s\n' "$have" | grep -qx "$id" || echo "$id"; done)
    if [ -n "$missing" ]; then echo "check_po: hub/$lang.po lacks: $missing" >&2; exit 1; fi
done
extra=$(for lang in fi sv; do sed -n 's/^msgid "\(..*\)"$/\1/p' "$src/assets/po/hub/$lang.po"; done | sort -u | \
        while read -r id; do printf '%s\n' "$hub_en" | grep -qx "$id" || echo "$id"; done)
if [ -n "$extra" ]; then echo "check_po: hub ids not in hub/en.po: $extra" >&2; exit 1; fi
for po in "$src"/assets/po/hub/*.po; do msgfmt --check -o /dev/null "$po"; done
