#!/bin/bash
# kiosk.sh STATE sync | show VERSION NAME [GONE [DETAIL_GONE]] - the scenario's kiosk, in STATE/kiosk:
#   sync   the real majakka-sync, enrolled with the fixture's one-time code on first use, one
#          cycle against the fixture's hub over HTTPS (the test CA); prints the agent's lines
#   show   majakka-kiosk-test on that store (the real screens, headless): the content version
#          VERSION is on screen, Services > the first category lists NAME (and not GONE), its
#          detail shows NAME (and not DETAIL_GONE: a service's description may well mention its
#          old name, as the demo's Lastenneuvola does), and STATE/kiosk/NAME-safe.png is the
#          detail's screenshot
# Exit 0 when all of it holds; the driver's own message when not.
set -u
STATE=$1 cmd=$2
J() { sqlite3 -batch -noheader :memory: "SELECT json_extract(readfile('$STATE/env.json'), '\$.$1')"; }
SYNC=$(J sync) KIOSK=$(J kiosk_test) SRC=$(J source) HUB_URL=$(J origin) CODE=$(J enroll_code)
K="$STATE/kiosk"
mkdir -p "$K"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$STATE/sanitizer"
S() { "$SYNC" --store "$K/majakka.db" --hub "$HUB_URL" --ca-file "$STATE/ca/ca.pem" "$@"; }
case "$cmd" in
sync)
    if [ ! -s "$K/hub-token" ]; then S enroll "$CODE" 2>&1 || exit 1; fi
    S once 2>&1
    ;;
show)
    ver=$3 name=$4 gone=${5:-} dgone=${6:-}
    png="$K/$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_').png"
    {
        echo "clock 2026-11-24T09:30"
        echo "lang fi"
        echo "expect-content-version $ver"
        echo "tap-card 0"
        echo "expect-screen categories"
        echo "tap-card 0"
        echo "expect-screen services"
        echo "expect-text $name"
        [ -n "$gone" ] && echo "expect-no-text $gone"
        echo "tap-text $name"
        echo "expect-screen service"
        echo "expect-text $name"
        [ -n "$dgone" ] && echo "expect-no-text $dgone"
        echo "shot $(basename "$png")"
    } > "$K/show.script"
    "$KIOSK" --script "$K/show.script" --screenshot-dir "$K" --data-dir "$K" --assets "$SRC/assets" \
        --size 1280x800 --set kiosk.dpi=96 2>&1 || exit 1
    [ -s "$png" ] || { echo "no screenshot $png"; exit 1; }
    echo "shot $png"
    ;;
*) echo "usage: kiosk.sh STATE sync | show VERSION NAME [GONE [DETAIL_GONE]]" >&2; exit 2 ;;
esac
