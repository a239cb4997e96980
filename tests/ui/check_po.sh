#!/bin/sh
# check_po.sh SOURCE_DIR - every message id the kiosk's code uses is in assets/po/en.po (so no
# screen can fall through to an id), and every .po passes `msgfmt --check`.
set -eu
src=$1
used=$(grep -ohE '"(nav|home|open|aud|services|detail|hours|events|event|search|idle|feedback|fmt|day|month|staff|slip)\.[a-z0-9_]+"' \
       "$src"/kiosk/*.c | tr -d '"' | grep -vE '\.(h|c)$' | sort -u)
have=$(sed -n 's/^msgid "\(..*\)"$/\1/p' "$src/assets/po/en.po" | sort -u)
missing=$(printf '%s\n' "$used" | while read -r id; do
    printf '%s\n' "$have" | grep -qx "$id" || echo "$id"; done)
if [ -n "$missing" ]; then echo "check_po: used but not in en.po: $missing" >&2; exit 1; fi
[ "$(printf '%s\n' "$used" | wc -l)" -gt 50 ] || { echo "check_po: found too few ids" >&2; exit 1; }
for po in "$src"/assets/po/*.po; do msgfmt --check -o /dev/null "$po"; done
