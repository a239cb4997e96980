#!/usr/bin/env bash
# bench/hub_backends.sh - the hub's stores side by side in one run (not part of the test suite):
# kiosk syncs per second with SQLite, with PostgreSQL and one hub process, and with two hub
# processes on one PostgreSQL; each with a new TLS connection per sync (full handshake), a new
# connection with the TLS session resumed (tickets), and kept-alive connections. Also the hubs'
# own CPU per sync. PostgreSQL runs durable (fsync on, synchronous_commit on), like SQLite's
# synchronous=FULL. Loopback only. Prints a Markdown table (docs/benchmarks.md has one).
#   bash bench/hub_backends.sh BUILD_DIR [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
b=${1:?build dir}
secs=${2:-8}
hub="$b/sync/majakka-hub" bench="$b/bench/bench_hub"
work=$(mktemp -d /tmp/majakka-hubbench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    bash "$top/tests/pg/pg.sh" stop "$work/pg" || true
    rm -rf "$work"
}
trap cleanup EXIT
. "$top/bench/ca.sh"
bench_ca "$work/ca"
PG_DURABLE=1 bash "$top/tests/pg/pg.sh" start "$work/pg" >/dev/null
pgbase=$(cat "$work/pg/url")
head -c 64 /dev/urandom > "$work/ticket.key"

start_hubs() {   # start_hubs DB N: N hub processes on DB; sets URLS, HPIDS
    local db=$1 n=$2
    URLS=() HPIDS=()
    for i in $(seq 1 "$n"); do
        rm -f "$work/hub$i.port"
        "$hub" --db "$db" serve --cert "$work/ca/server.pem" --key "$work/ca/server.key" --port 0 \
            --port-file "$work/hub$i.port" --quiet --tls-ticket-key "$work/ticket.key" 2>>"$work/hub.log" &
        pids+=($!) HPIDS+=($!)
        for _ in $(seq 100); do [ -s "$work/hub$i.port" ] && break; sleep 0.05; done
        URLS+=("https://127.0.0.1:$(cat "$work/hub$i.port")")
    done
}
stop_hubs() { for p in "${HPIDS[@]}"; do kill "$p"; wait "$p" 2>/dev/null || true; done; }

rows=()
run() {   # run LABEL DB NHUBS
    local label=$1 db=$2 n=$3
    local coord
    coord=$("$hub" --db "$db" init | grep -o '[0-9a-f]\{64\}')
    "$hub" --db "$db" publish "$top/assets/demo/bundle.json" --site bench-load >/dev/null
    start_hubs "$db" "$n"
    for conn in sync resume keepalive; do
        local per=$((48 / n)) i=0
        bpids=()
        for u in "${URLS[@]}"; do
            "$bench" "$u" "$work/ca/ca.pem" "$coord" bench-load --kiosks 100 --clients "$per" --seconds "$secs" \
                --conn "$conn" --hub-pid "${HPIDS[$i]}" > "$work/out.$i" 2>"$work/err.$i" &
            bpids+=($!)
            i=$((i + 1))
        done
        for p in "${bpids[@]}"; do wait "$p" || { echo "bench_hub failed: $(tail -2 "$work"/err.*)" >&2; exit 1; }; done
        local sps cpu p99
        sps=$(cat "$work"/out.* | awk -F'\t' '/^hub_syncs_per_s_/ {s += $2} END {printf "%.0f", s}')
        cpu=$(cat "$work"/out.* | awk -F'\t' '/^hub_cpu_per_sync_/ {s += $2; n++} END {printf "%.3f", s / n}')
        p99=$(cat "$work"/out.* | awk -F'\t' '/^hub_sync_latency_/ {if ($3 > m) m = $3} END {printf "%.1f", m}')
        rows+=("| $label | $conn | $sps | $cpu | $p99 |")
        echo "bench: $label, $conn: $sps syncs/s, hub CPU $cpu ms/sync, p99 $p99 ms" >&2
    done
    stop_hubs
}
run "SQLite, 1 hub" "$work/hub.db" 1
psql -X -q "$pgbase/postgres" -c "CREATE DATABASE bench1" >/dev/null
run "PostgreSQL, 1 hub" "$pgbase/bench1" 1
psql -X -q "$pgbase/postgres" -c "CREATE DATABASE bench2" >/dev/null
run "PostgreSQL, 2 hubs" "$pgbase/bench2" 2
echo "| store | connections | syncs/s | hub CPU per sync (ms) | p99 sync (ms) |"
echo "|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
