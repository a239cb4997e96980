#!/usr/bin/env bash
# bench/run.sh - Majakka's benchmark (not part of the test suite). Builds an optimised tree, runs
# every figure it has, prints a table of medians and writes it to docs/benchmarks.md.
#   bash bench/run.sh            (needs the packages of `scripts/setup.sh test`, plus xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
b="$top/build-bench"
work=$(mktemp -d)
xvfb_pid=""; kiosk_pid=""
cleanup() { [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null; [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
command -v xdotool >/dev/null || { echo "bench: needs xdotool (apt-get install xdotool)" >&2; exit 1; }

echo "bench: building (Release) in $b" >&2
cmake -S "$top" -B "$b" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$b" -j2 >/dev/null
kiosk="$b/kiosk/majakka-kiosk"

rows=()   # "figure|median|p99|unit|target"
add() { rows+=("$1|$2|$3|$4|$5"); }

# Store and content: a generated bundle of 1,000 services and 10,000 events.
"$b/bench/gen_bundle" "$work/big.json" 1000 10000 >/dev/null
"$b/bench/bench_core" "$work/big.json" "$work" > "$work/core.tsv" 2>/dev/null
while IFS=$'\t' read -r name med p99 unit; do
    case $name in
    import_bundle) add "import of 1,000 services + 10,000 events" "$med" "$p99" "$unit" "≤ 300 ms" ;;
    week_occurrences) add "event occurrences for a week (10,000 events)" "$med" "$p99" "$unit" "≤ 10 ms" ;;
    search_keystroke) add "search as you type, per keystroke (1,000 services)" "$med" "$p99" "$unit" "≤ 5 ms" ;;
    feedback_commit) add "one feedback answer durably committed" "$med" "$p99" "$unit" "≤ 2 ms" ;;
    esac
done < "$work/core.tsv"

# The kiosk on the demo content. Headless start: process start, store open, fonts, first frame
# rendered (software renderer on a memory surface), exit; median of 15 runs.
"$kiosk" --data-dir "$work/demo" --import "$top/assets/demo/bundle.json" >/dev/null
printf 'size 1920 1080\nclock 2026-11-24T09:30\nframe-time\n' > "$work/frame.script"
starts=()
for i in $(seq 15); do
    t0=$(date +%s%N)
    "$kiosk" --data-dir "$work/demo" --script "$work/frame.script" > "$work/frame.out" 2>/dev/null
    starts+=($(( ($(date +%s%N) - t0) / 1000 )))
done
sorted=($(printf '%s\n' "${starts[@]}" | sort -n))
add "headless start to first 1080p frame (and exit)" "$(awk -v u="${sorted[7]}" 'BEGIN{printf "%.1f", u/1000}')" \
    "$(awk -v u="${sorted[14]}" 'BEGIN{printf "%.1f", u/1000}')" ms "≤ 100 ms"
frame=$(grep -o 'first [0-9.]* ms, cached [0-9.]* ms' "$work/frame.out" | head -1)
add "one 1080p Home frame, software renderer (first / with text cache)" \
    "$(echo "$frame" | awk '{print $2}')" "$(echo "$frame" | awk '{print $5}')" ms "≤ 4 ms"

# A real window under Xvfb: memory after walking the screens, CPU while idle on Home for 60 s.
Xvfb :71 -screen 0 1920x1080x24 >/dev/null 2>&1 & xvfb_pid=$!
sleep 1
DISPLAY=:71 "$kiosk" --data-dir "$work/demo" --size 1920x1080 >/dev/null 2>&1 & kiosk_pid=$!
sleep 2
tap() { DISPLAY=:71 xdotool mousemove "$1" "$2" click 1; sleep 0.7; }
tap 330 600; tap 400 330; tap 400 330; tap 260 48     # Services, a category, a service, Home
tap 960 600; tap 260 48; tap 1590 600; tap 260 48     # Events, Home, Feedback, Home
pss=$(awk '/^Pss:/ {print $2}' /proc/$kiosk_pid/smaps_rollup)
add "memory (PSS) after showing the screens, X11 window" "$(awk -v k="$pss" 'BEGIN{printf "%.1f", k/1024}')" "" MB "≤ 30 MB"
sleep 5
tck=$(getconf CLK_TCK)
a=$(awk '{print $14 + $15}' /proc/$kiosk_pid/stat)
sleep 60
z=$(awk '{print $14 + $15}' /proc/$kiosk_pid/stat)
add "CPU used while idle on Home for 60 s" "$(awk -v d=$((z - a)) -v t="$tck" 'BEGIN{printf "%.2f", d/t}')" "" s "≤ 0.03 s"

# The table, on screen and in docs/benchmarks.md.
table="| figure | median | p99 / other | unit | target |
|---|---|---|---|---|"
for r in "${rows[@]}"; do IFS='|' read -r f m p u t <<< "$r"; table+=$'\n'"| $f | $m | ${p:--} | $u | $t |"; done
echo "$table"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
{
    echo "# Benchmarks"
    echo
    echo "Measured by \`bash bench/run.sh\` on $(date -u +%Y-%m-%d): $cpu, $(nproc) cores,"
    echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), Release build."
    echo
    echo "$table"
    echo
    cat "$top/bench/NOTES.md"
} > "$top/docs/benchmarks.md"
echo "bench: wrote docs/benchmarks.md" >&2
