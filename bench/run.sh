#!/usr/bin/env bash
# bench/run.sh - Majakka's benchmark (not part of the test suite). Builds an optimised tree, runs
# every figure, prints a table of medians and writes it to docs/benchmarks.md. Everything runs on
# this machine; network traffic goes only to 127.0.0.1. Takes 4-6 minutes.
#   bash bench/run.sh            (needs the packages of `scripts/setup.sh test`: xvfb, xdotool,
#                                 openssl, chromium)
#   BENCH_NO_CHROMIUM=1 bash bench/run.sh    leaves out the side-by-side with Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
b="$top/build-bench"
work=$(mktemp -d /tmp/majakka-bench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
for c in xdotool Xvfb openssl; do
    command -v "$c" >/dev/null || { echo "bench: needs $c (bash scripts/setup.sh test installs it)" >&2; exit 1; }
done
chromium=""
[ "${BENCH_NO_CHROMIUM:-0}" = 1 ] || chromium=$(command -v chromium || true)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u '+%Y-%m-%d %H:%M UTC')

echo "bench: building (Release) in $b" >&2
cmake -S "$top" -B "$b" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$b" -j2 >/dev/null
kiosk="$b/kiosk/majakka-kiosk" kiosk_test="$b/kiosk/majakka-kiosk-test" hub="$b/sync/majakka-hub" agent="$b/sync/majakka-sync"

rows=()   # "figure|median|p99|unit|target"
add() { rows+=("$1|$2|$3|$4|$5"); }
ms() { awk -v u="$1" 'BEGIN{printf "%.1f", u/1000}'; }             # microseconds -> "12.3" ms
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{print v[int((NR+1)/2)]}'; }
p99() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END{i=int(NR*0.99); if(i<1)i=1; print v[i]}'; }
now_us() { echo $(( $(date +%s%N) / 1000 )); }
say() { echo "bench: $*" >&2; }

# --- Store and content: a generated bundle of 1,000 services and 10,000 events. -------------
say "store, content, search, feedback (bench_core)"
"$b/bench/gen_bundle" "$work/big.json" 1000 10000 >/dev/null
"$b/bench/bench_core" "$work/big.json" "$work" > "$work/core.tsv" 2>/dev/null
while IFS=$'\t' read -r name med p unit; do
    case $name in
    import_bundle) add "import of 1,000 services + 10,000 events" "$med" "$p" "$unit" "≤ 300 ms" ;;
    week_occurrences) add "event occurrences for a week (10,000 events)" "$med" "$p" "$unit" "≤ 10 ms" ;;
    search_keystroke) add "search as you type, per keystroke (1,000 services)" "$med" "$p" "$unit" "≤ 5 ms" ;;
    feedback_commit) add "one feedback answer durably committed" "$med" "$p" "$unit" "≤ 2 ms" ;;
    esac
done < "$work/core.tsv"

# --- One slip to an ESC/POS raster (3 services with QR codes; Finnish and Arabic). ----------
say "slip to ESC/POS (bench_slip)"
"$b/bench/bench_slip" 200 > "$work/slip.tsv" 2>/dev/null
while IFS=$'\t' read -r name med p unit; do
    case $name in
    slip_escpos) add "one slip (3 services, QR codes; fi + ar) to an ESC/POS raster" "$med" "$p" "$unit" "≤ 20 ms" ;;
    slip_first) slip_first=$med ;;
    esac
done < "$work/slip.tsv"

# --- The kiosk on the demo content, headless (software renderer on a memory surface). ------
say "kiosk: headless start, frames"
"$kiosk" --data-dir "$work/demo" --import "$top/assets/demo/bundle.json" >/dev/null
printf 'size 1920 1080\nclock 2026-11-24T09:30\nframe-time\n' > "$work/frame.script"
printf 'size 1920 1080\nclock 2026-11-24T09:30\nframe-time 500\n' > "$work/frames.script"
printf 'size 1920 1080\nclock 2026-11-24T09:30\nshot home.png\n' > "$work/shot.script"
starts=() shots=()
for i in $(seq 15); do
    t0=$(now_us)
    "$kiosk_test" --data-dir "$work/demo" --script "$work/frame.script" > "$work/frame.out" 2>/dev/null
    starts+=($(( $(now_us) - t0 )))
done
# process start to a 1080p PNG of Home on disk, as Chromium's --screenshot below
for i in $(seq 15); do
    t0=$(now_us)
    (cd "$work" && "$kiosk_test" --data-dir "$work/demo" --script "$work/shot.script" >/dev/null 2>&1)
    shots+=($(( $(now_us) - t0 )))
done
"$kiosk_test" --data-dir "$work/demo" --script "$work/frames.script" > "$work/frames.out" 2>/dev/null
frames=$(grep -o 'frames [0-9]*: mean [0-9.]* ms, median [0-9.]* ms, p99 [0-9.]* ms' "$work/frames.out" | head -1)
fmean=$(echo "$frames" | awk '{print $4}') fp99=$(echo "$frames" | awk '{print $10}')
frame=$(grep -o 'first [0-9.]* ms, cached [0-9.]* ms' "$work/frame.out" | head -1)
kiosk_shot=$(median "${shots[@]}")
add "headless start to the first 1080p frame of Home (and exit)" "$(ms "$(median "${starts[@]}")")" "$(ms "$(p99 "${starts[@]}")")" ms "≤ 100 ms"
add "headless start to a 1080p PNG of Home on disk (and exit)" "$(ms "$kiosk_shot")" "$(ms "$(p99 "${shots[@]}")")" ms "-"
add "one full 1080p Home frame, software renderer (mean / p99 of 500)" "$fmean" "$fp99" ms "≤ 4 ms"
add "the first 1080p Home frame (cold text cache) / the second" \
    "$(echo "$frame" | awk '{print $2}')" "$(echo "$frame" | awk '{print $5}')" ms "-"

# --- 10,000 outbox answers synced to a real hub over HTTPS on loopback. ---------------------
say "sync: 10,000 answers to the hub"
. "$top/bench/ca.sh"
bench_ca "$work/ca"
hdb="$work/hub.db"
coord=$("$hub" --db "$hdb" init | grep -o '[0-9a-f]\{64\}')
"$hub" --db "$hdb" publish "$top/assets/demo/bundle.json" --site bench-load >/dev/null
"$hub" --db "$hdb" serve --cert "$work/ca/server.pem" --key "$work/ca/server.key" --listen 127.0.0.1 --port 0 \
    --port-file "$work/hub.port" --quiet 2>"$work/hub.log" & pids+=($!)
hub_pid=$!
for _ in $(seq 100); do [ -s "$work/hub.port" ] && break; sleep 0.05; done
url="https://127.0.0.1:$(cat "$work/hub.port")"
syncs=()
for r in 1 2 3; do
    kd="$work/kiosk-$r"
    mkdir -p "$kd"
    code=$("$hub" --db "$hdb" enroll --site bench-sync --name "outbox $r")
    "$agent" --store "$kd/majakka.db" --hub "$url" --ca-file "$work/ca/ca.pem" enroll "$code" >/dev/null
    "$b/bench/bench_outbox" "$kd/majakka.db" 10000 >/dev/null
    before=$(sqlite3 "$hdb" "SELECT count(*) FROM feedback")
    t0=$(now_us)
    "$agent" --store "$kd/majakka.db" --hub "$url" --ca-file "$work/ca/ca.pem" once 2>"$work/sync-$r.log"
    syncs+=($(( $(now_us) - t0 )))
    left=$(sqlite3 "$kd/majakka.db" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")
    got=$(( $(sqlite3 "$hdb" "SELECT count(*) FROM feedback") - before ))
    [ "$left" = 0 ] && [ "$got" = 10000 ] || { say "sync run $r: outbox $left, hub got $got"; exit 1; }
done
add "10,000 outbox answers synced to a hub (loopback, HTTPS), 3 runs" "$(ms "$(median "${syncs[@]}")")" \
    "$(ms "$(printf '%s\n' "${syncs[@]}" | sort -n | tail -1)")" ms "≤ 2000 ms"

# --- Hub: many kiosks syncing at once (each sync: feedback batch, bundle 304, heartbeat). ---
say "hub: syncs per second (bench_hub, 10 s per way of connecting)"
: > "$work/hub.tsv"
for conn in sync keepalive; do
    "$b/bench/bench_hub" "$url" "$work/ca/ca.pem" "$coord" bench-load --kiosks 200 --clients 48 --seconds 10 \
        --conn "$conn" --hub-pid "$hub_pid" >> "$work/hub.tsv" 2>"$work/hub-$conn.err" || { say "bench_hub: $(tail -2 "$work/hub-$conn.err")"; exit 1; }
done
while IFS=$'\t' read -r name med p unit; do
    case $name in
    hub_syncs_per_s_sync) add "hub: kiosk syncs/s from 48 clients, a new TLS connection per sync (as majakka-sync)" "$med" "" "$unit" "≥ 1,000" ;;
    hub_syncs_per_s_keepalive) add "hub: kiosk syncs/s from 48 clients, connections kept alive" "$med" "" "$unit" "≥ 1,000" ;;
    hub_cpu_per_sync_sync) add "hub: its own CPU per sync, new connections (2 cores / this = syncs/s the hub alone could do)" "$med" "" "$unit" "-" ;;
    hub_cpu_per_sync_keepalive) add "hub: its own CPU per sync, kept alive" "$med" "" "$unit" "-" ;;
    hub_sync_latency_sync) add "hub: one sync's wall time under that load (new connections)" "$med" "$p" "$unit" "-" ;;
    hub_sync_latency_keepalive) add "hub: one sync's wall time under that load (kept alive)" "$med" "$p" "$unit" "-" ;;
    esac
done < "$work/hub.tsv"
kill "$hub_pid" 2>/dev/null || true; wait "$hub_pid" 2>/dev/null || true

# --- Real windows under Xvfb: memory and idle CPU. ------------------------------------------
# tree_pids PID: PID and all its descendants.
tree_pids() {
    local all; all=$(ps -e -o pid=,ppid=)
    local list="$1" frontier="$1" next
    while [ -n "$frontier" ]; do
        next=$(echo "$all" | awk -v f=" $frontier " 'index(f, " " $2 " ") {printf "%s ", $1}')
        list="$list $next"; frontier=$next
    done
    echo $list
}
pss_kb() { local s=0 p; for p in $(tree_pids "$1"); do s=$(( s + $(awk '/^Pss:/ {print $2}' /proc/$p/smaps_rollup 2>/dev/null || echo 0) )); done; echo $s; }
# CPU ticks of the tree, children already reaped included (their time moved to the parent).
cpu_ticks() { local s=0 p; for p in $(tree_pids "$1"); do s=$(( s + $(awk '{print $14 + $15 + $16 + $17}' /proc/$p/stat 2>/dev/null || echo 0) )); done; echo $s; }
tck=$(getconf CLK_TCK)
secs() { awk -v d="$1" -v t="$tck" 'BEGIN{printf "%.2f", d/t}'; }

say "kiosk: 60 s idle and memory under Xvfb"
Xvfb :71 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 & pids+=($!)
sleep 1
DISPLAY=:71 "$kiosk" --data-dir "$work/demo" --size 1920x1080 >/dev/null 2>&1 & pids+=($!)
kiosk_pid=$!
sleep 3
kiosk_pss_home=$(pss_kb "$kiosk_pid")
# Idle on Home as a visitor finds it (a kiosk in the middle of a visit asks "Still there?" after
# a minute and counts down, which is not idling): 5 s after start, for 60 s.
sleep 2
a=$(cpu_ticks "$kiosk_pid"); sleep 60; z=$(cpu_ticks "$kiosk_pid")
kill -0 "$kiosk_pid" 2>/dev/null || { say "the kiosk stopped during the idle minute (another process's kill?); run again"; exit 1; }
kiosk_idle=$(( z - a ))
tap() { DISPLAY=:71 xdotool mousemove "$1" "$2" click 1; sleep 0.7; }
tap 330 600; tap 400 330; tap 400 330; tap 260 48     # Services, a category, a service, Home
tap 960 600; tap 260 48; tap 1590 600; tap 260 48     # Events, Home, Feedback, Home
kiosk_pss=$(pss_kb "$kiosk_pid")
add "memory (PSS) after showing the screens, X11 window" "$(awk -v k="$kiosk_pss" 'BEGIN{printf "%.1f", k/1024}')" "" MB "≤ 30 MB"
add "CPU used while idle on Home for 60 s" "$(secs "$kiosk_idle")" "" s "≤ 0.03 s"
kill "$kiosk_pid" || true; wait "$kiosk_pid" 2>/dev/null || true

# --- The same Home as a web page in Debian's Chromium. --------------------------------------
cmp_rows=()
if [ -n "$chromium" ]; then
    say "chromium: --headless screenshots, then --kiosk under Xvfb for 60 s"
    # As one would run it on a kiosk: no sandbox (root), no first-run, nothing fetched from outside.
    copts=(--no-sandbox --no-first-run --no-default-browser-check --disable-background-networking
           --disable-component-update --disable-sync --password-store=basic --hide-scrollbars)
    page="file://$top/bench/home.html"
    cshots=()
    for i in $(seq 5); do
        rm -rf "$work/chr-h"
        t0=$(now_us)
        timeout 60 "$chromium" "${copts[@]}" --user-data-dir="$work/chr-h" --headless --window-size=1920,1080 \
            --screenshot="$work/chromium.png" "$page" >/dev/null 2>&1
        cshots+=($(( $(now_us) - t0 )))
        [ -s "$work/chromium.png" ] || { say "chromium wrote no screenshot"; exit 1; }
    done
    chr_shot=$(median "${cshots[@]}")
    rm -rf "$work/chr-k"
    DISPLAY=:71 "$chromium" "${copts[@]}" --user-data-dir="$work/chr-k" --kiosk --window-size=1920,1080 \
        "$page" >/dev/null 2>&1 & pids+=($!)
    chr_pid=$!
    sleep 10
    chr_pss=$(pss_kb "$chr_pid")
    chr_n=$(tree_pids "$chr_pid" | wc -w)
    sleep 5
    a=$(cpu_ticks "$chr_pid"); sleep 60; z=$(cpu_ticks "$chr_pid")
    kill -0 "$chr_pid" 2>/dev/null || { say "chromium stopped during the idle minute; run again"; exit 1; }
    chr_idle=$(( z - a ))
    kill "$chr_pid" || true; wait "$chr_pid" 2>/dev/null || true
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b <= 0) print "-"; else printf "%.0f×", a/b }'; }
    cmp_rows+=("start to a 1080p screenshot of Home (median of 15 / 5)|$(ms "$kiosk_shot") ms|$(ms "$chr_shot") ms|$(ratio "$chr_shot" "$kiosk_shot")")
    cmp_rows+=("memory (PSS), Home in a 1920×1080 window under Xvfb|$(awk -v k="$kiosk_pss_home" 'BEGIN{printf "%.1f", k/1024}') MB|$(awk -v k="$chr_pss" 'BEGIN{printf "%.1f", k/1024}') MB ($chr_n processes)|$(ratio "$chr_pss" "$kiosk_pss_home")")
    cmp_rows+=("CPU while idle on Home for 60 s|$(secs "$kiosk_idle") s|$(secs "$chr_idle") s|$(ratio "$chr_idle" "$kiosk_idle")")
fi

# --- The hub's stores side by side: SQLite, PostgreSQL with one and with two hub processes. ---
say "hub: SQLite / PostgreSQL / two hubs on PostgreSQL (bench/hub_backends.sh)"
backends=$(bash "$top/bench/hub_backends.sh" "$b" 8 2>"$work/backends.err") || { say "hub_backends: $(tail -2 "$work/backends.err")"; exit 1; }

# --- The table, on screen and in docs/benchmarks.md. ----------------------------------------
table="| figure | median | p99 / other | unit | target |
|---|---|---|---|---|"
for r in "${rows[@]}"; do IFS='|' read -r f m p u t <<< "$r"; table+=$'\n'"| $f | $m | ${p:--} | $u | $t |"; done
cmp=""
if [ ${#cmp_rows[@]} -gt 0 ]; then
    cmp="| the same Home screen | majakka-kiosk | chromium $("$chromium" --version 2>/dev/null | awk '{print $2}') | ratio |
|---|---|---|---|"
    for r in "${cmp_rows[@]}"; do IFS='|' read -r f k c q <<< "$r"; cmp+=$'\n'"| $f | $k | $c | $q |"; done
fi
echo "$table"
[ -z "$cmp" ] || { echo; echo "$cmp"; }
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
    echo "# Benchmarks"
    echo
    echo "Measured by \`bash bench/run.sh\` on $started: $cpu, $(nproc) cores,"
    echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), Release build"
    echo "(\`cmake -DCMAKE_BUILD_TYPE=Release\`, gcc $(gcc -dumpversion)). Load average (1, 5, 15 min) at the start: $load_start;"
    echo "at the end: $load_end. The two cores are shared with whatever else runs on the machine."
    echo
    echo "$table"
    if [ -n "$cmp" ]; then
        echo
        echo "Side by side, one run: [bench/home.html](../bench/home.html) (the same Home, demo content) in"
        echo "Chromium — \`chromium --headless --screenshot\` for the start, \`chromium --kiosk\` under Xvfb"
        echo "for memory (PSS summed over all its processes, 10 s after start) and idle CPU — against"
        echo "majakka-kiosk (the start: majakka-kiosk-test \`--script\` with \`shot\`; memory: an X11 window under the same Xvfb, PSS on Home 3 s"
        echo "after start). Ratio = Chromium / majakka-kiosk."
        echo
        echo "$cmp"
    fi
    echo
    echo "The hub's stores side by side (\`bench/hub_backends.sh\`: 48 clients in all, 8 s per row; PostgreSQL"
    echo "durable, fsync and synchronous_commit on; \`resume\` = a new connection per sync with the TLS session resumed):"
    echo
    echo "$backends"
    echo
    echo "The first slip after start (fonts opened, glyphs rendered for the first time) took ${slip_first:-?} ms."
    echo
    cat "$top/bench/NOTES.md"
} > "$top/docs/benchmarks.md"
say "wrote docs/benchmarks.md"
