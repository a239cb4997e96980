#!/usr/bin/env bash
# bench/hub_editor.sh - the content editor on a big site (not part of the test suite): a bundle of
# 1,000 services and 10,000 events (bench/gen_bundle) published on a hub (SQLite, or PostgreSQL
# with --pg), then every editor page fetched RUNS times over one kept-alive HTTPS connection on
# loopback, a save of a service's Finnish name (validates the whole draft) and Publish (validate,
# store, gzip). Each figure is the hub's own time for the request (its request log: from the
# request's arrival to the reply handed to TLS), median and worst; curl's time to the last byte
# beside it. Prints a Markdown table (docs/benchmarks.md has one).
#   bash bench/hub_editor.sh BUILD_DIR [RUNS] [--pg]
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
b=${1:?build dir}
runs=${2:-20}
pg=${3:-}
hub="$b/sync/majakka-hub"
work=$(mktemp -d /tmp/majakka-editbench.XXXXXX)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    [ -n "$pg" ] && bash "$top/tests/pg/pg.sh" stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
. "$top/bench/ca.sh"
bench_ca "$work/ca"
if [ -n "$pg" ]; then
    PG_DURABLE=1 bash "$top/tests/pg/pg.sh" start "$work/pg" >/dev/null
    psql -X -q "$(cat "$work/pg/url")/postgres" -c "CREATE DATABASE editbench" >/dev/null
    db="$(cat "$work/pg/url")/editbench"
else
    db="$work/hub.db"
fi
"$b/bench/gen_bundle" "$work/big.json" 1000 10000 >/dev/null
coord=$("$hub" --db "$db" init | grep -o '[0-9a-f]\{64\}')
"$hub" --db "$db" publish "$work/big.json" --site big >/dev/null
"$hub" --db "$db" serve --cert "$work/ca/server.pem" --key "$work/ca/server.key" --port 0 \
    --port-file "$work/hub.port" 2>"$work/hub.log" & pids+=($!)
for _ in $(seq 100); do [ -s "$work/hub.port" ] && break; sleep 0.05; done
url="https://127.0.0.1:$(cat "$work/hub.port")"
C=(curl -sS --cacert "$work/ca/ca.pem" -H "Authorization: Bearer $coord")
svc=$(sqlite3 :memory: "SELECT json_extract(readfile('$work/big.json'), '\$.content.services[500].id')")

# median and max of the hub's logged times for requests matching a pattern (after line $2).
hub_ms() {
    tail -n +"$2" "$work/hub.log" | grep -F "$1 -> " | sed -n 's/.*(\([0-9]*\) ms).*/\1/p' | sort -n |
        awk '{a[NR]=$1} END {if (NR) printf "%d|%d|%d", a[int((NR+1)/2)], a[NR], NR}'
}
row() {   # row LABEL METHOD PATH CURL_MEDIAN_MS
    local st=$1 IFS='|'
    read -r med max n <<< "$(hub_ms "$2 $3" "$5")"
    echo "| $st | $med ms | $max ms | $4 ms | $n |"
}
echo "| request (1,000 services, 10,000 events) | hub: median | hub: worst | curl: median to last byte | runs |"
echo "|---|---|---|---|---|"
for p in "" /changes /versions /site /services "/services/$svc" /services/new /organizations /locations /categories; do
    start=$(($(wc -l < "$work/hub.log") + 1))
    args=()
    for _ in $(seq "$runs"); do args+=(-o /dev/null -w '%{time_total}\n' "$url/edit/big$p"); done
    cm=$("${C[@]}" "${args[@]}" | sort -n | awk '{a[NR]=$1*1000} END {printf "%.0f", a[int((NR+1)/2)]}')
    row "GET /edit/big$p" GET "/edit/big$p" "$cm" "$start"
done
# Save and publish, runs times: each save renames the service, each publish makes a new version.
"${C[@]}" -o "$work/form.html" "$url/edit/big/services/$svc"
start=$(($(wc -l < "$work/hub.log") + 1))
saves=() pubs=()
for i in $(seq "$runs"); do
    python3 "$top/tests/e2e/form.py" "$work/form.html" "/edit/big/services/$svc" "services[500].name.fi=Nimi $i" > "$work/body"
    saves+=("$("${C[@]}" -o /dev/null -w '%{time_total}' --data-binary @"$work/body" "$url/edit/big/services/$svc")")
    pubs+=("$("${C[@]}" -o /dev/null -w '%{time_total}' --data "" "$url/edit/big/publish")")
done
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1*1000} END {printf "%.0f", a[int((NR+1)/2)]}'; }
row "POST a service's Finnish name (whole draft validated)" POST "/edit/big/services/$svc" "$(med "${saves[@]}")" "$start"
row "POST publish (validate, store, gzip)" POST "/edit/big/publish" "$(med "${pubs[@]}")" "$start"
echo
echo "bundle: $(stat -c %s "$work/big.json") bytes; versions kept: $( \
    if [ -n "$pg" ]; then psql -X -A -t "$db" -c 'SELECT count(*) FROM bundle_versions'; else sqlite3 "$db" 'SELECT count(*) FROM bundle_versions'; fi)"
