#!/bin/bash
# bench/preview.sh BUILD_DIR [N] - how long a preview picture takes (docs/preview.md):
#  1. `majakka-kiosk --preview` as a whole process, N times per screen and orientation (start,
#     import of the demo bundle into a temporary store, fonts, layout, drawing, PNG written, store
#     removed): the figure a hub pays per picture it has not cached;
#  2. the hub's route over HTTPS on loopback (curl): the first fetch of each picture (a render in a
#     child process) and the same picture again (from the cache), N dates so each first is cold.
# Prints Markdown rows: screen | orientation | median | p99 (ms). Needs the packages of setup.sh test.
set -eu
b=$(cd "$1" && pwd) n=${2:-20}
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/ca.sh"
kiosk=$b/kiosk/majakka-kiosk hub=$b/sync/majakka-hub
work=$(mktemp -d /tmp/majakka-bench-preview.XXXXXX)
hub_pid=""
trap '[ -n "$hub_pid" ] && kill "$hub_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
now_us() { echo $(( $(date +%s%N) / 1000 )); }
stats() { sort -n | awk '{v[NR] = $1} END { p = int(NR * 0.99 + 0.999); if (p > NR) p = NR; printf "%.1f | %.1f", v[int((NR + 1) / 2)] / 1000, v[p] / 1000 }'; }
export TMPDIR=$work
echo "| screen | orientation | median ms | p99 ms |"
echo "|---|---|---|---|"
for screen in home events service:aitiysneuvola; do
    for size in 1920x1080 1080x1920; do
        for i in $(seq "$n"); do
            t0=$(now_us)
            "$kiosk" --config /dev/null --assets "$top/assets" --set kiosk.dpi=96 --preview "$top/assets/demo/bundle.json" \
                --screen "$screen" --language fi --size "$size" --clock 2026-11-24T09:30 --out "$work/p.png"
            echo $(( $(now_us) - t0 ))
        done > "$work/t"
        [ "$size" = 1920x1080 ] && o=landscape || o=portrait
        echo "| \`majakka-kiosk --preview\`, ${screen%%:*} | $o | $(stats < "$work/t") |"
    done
done
bench_ca "$work/ca"
"$hub" --db "$work/hub.db" init > /dev/null
token=$("$hub" --db "$work/hub.db" coordinator bench)
"$hub" --db "$work/hub.db" publish "$top/assets/demo/bundle.json" --site majakka > /dev/null
"$hub" --db "$work/hub.db" serve --cert "$work/ca/server.pem" --key "$work/ca/server.key" --port 0 \
    --port-file "$work/port" --quiet --kiosk "$kiosk" --kiosk-assets "$top/assets" 2> "$work/hub.log" &
hub_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
url="https://127.0.0.1:$(cat "$work/port")/site/majakka/preview"
fetch() { curl -sS --cacert "$work/ca/ca.pem" -H "Authorization: Bearer $token" -o "$work/h.png" -w '%{time_total}\n' "$1"; }
for screen in home.png events.png service/aitiysneuvola.png; do
    : > "$work/cold"; : > "$work/warm"
    for i in $(seq "$n"); do
        d=$(date -u -d "2026-11-01 + $i days" +%F)
        fetch "$url/$screen?lang=fi&orient=portrait&date=$d" | awk '{print int($1 * 1e6)}' >> "$work/cold"
        fetch "$url/$screen?lang=fi&orient=portrait&date=$d" | awk '{print int($1 * 1e6)}' >> "$work/warm"
    done
    echo "| hub route, ${screen%%[./]*}, first fetch (a render) | portrait | $(stats < "$work/cold") |"
    echo "| hub route, ${screen%%[./]*}, again (cached) | portrait | $(stats < "$work/warm") |"
done
