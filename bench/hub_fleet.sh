#!/usr/bin/env bash
# bench/hub_fleet.sh - a simulated fleet on one hub (not part of the test suite): KIOSKS enrolled
# kiosks each syncing every PERIOD seconds (as majakka-sync's cycle does: answers up, bundle
# check, heartbeat; a new TLS connection per sync), held for SECONDS, open loop (a sync's time
# counts from when it was due). Prints bench_hub's lines: syncs/s, the median and p99 sync time,
# the hub's CPU per sync. Loopback only.
#   bash bench/hub_fleet.sh BUILD_DIR [KIOSKS] [PERIOD] [SECONDS] [DB]    (defaults 10000 300 600, SQLite)
set -euo pipefail
cd "$(dirname "$0")/.."
b=${1:?build dir}
kiosks=${2:-10000} period=${3:-300} secs=${4:-600}
hub="$b/sync/majakka-hub" bench="$b/bench/bench_hub"
work=$(mktemp -d /tmp/majakka-fleet.XXXXXX)
db=${5:-$work/hub.db}
hpid=
cleanup() { [ -n "$hpid" ] && kill "$hpid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
. bench/ca.sh
bench_ca "$work/ca"
coord=$("$hub" --db "$db" init | grep -o '[0-9a-f]\{64\}')
"$hub" --db "$db" publish assets/demo/bundle.json --site bench-fleet >/dev/null
"$hub" --db "$db" serve --cert "$work/ca/server.pem" --key "$work/ca/server.key" --port 0 \
    --port-file "$work/port" --quiet 2>>"$work/hub.log" &
hpid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
rate=$(awk -v k="$kiosks" -v p="$period" 'BEGIN { printf "%.3f", k / p }')
max=$(awk -v r="$rate" -v s="$secs" 'BEGIN { printf "%d", r * s + 100 }')
echo "fleet: $kiosks kiosks every $period s = $rate syncs/s for $secs s (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
"$bench" "https://127.0.0.1:$(cat "$work/port")" "$work/ca/ca.pem" "$coord" bench-fleet --kiosks "$kiosks" \
    --clients 16 --seconds "$secs" --max-syncs "$max" --rate "$rate" --conn sync --hub-pid "$hpid"
echo "fleet: done (load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
