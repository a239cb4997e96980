#!/bin/bash
# net_faults.sh [ANSWERS] - the agent catching up through an unlucky network: majakka-sync talks
# to majakka-hub-test (HTTPS, generated CA) through faultproxy.py on loopback, which delays,
# drops, resets mid-body and cuts replies short. ANSWERS (default 5000, or NET_ANSWERS) are
# queued on the kiosk store first (a kiosk offline for a day); a slip count too. The agent's
# `once` runs (at most 400 + ANSWERS / 10) until the outbox is empty; then every answer is at
# the hub exactly once with the same content, the slip count arrived, the bundle published
# meanwhile was applied, and integrity_check is ok at both ends. Programs: HUB SYNC BUNDLES as in run.sh.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-${NET_ANSWERS:-5000}}
HUB=${HUB:-$root/build/sync/majakka-hub-test}
SYNC=${SYNC:-$root/build/sync/majakka-sync}
BUNDLES=${BUNDLES:-$root/tests/data/bundles}
. "$root/tests/e2e/lib.sh"
. "$root/tests/e2e/feedback.sh"
W=$E2E_DIR
make_ca ca
KDB=$W/kiosk/majakka.db
mkdir -p "$W/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Net kiosk") || fail "enroll code"
start_hub ca --quiet
python3 "$here/faultproxy.py" "$W/proxy.port" "$HUB_PORT" "${NET_SEED:-$RANDOM}" >"$W/proxy.out" 2>"$W/proxy.err" &
PROXY=$!
E2E_PIDS="$E2E_PIDS $PROXY"
for _ in $(seq 100); do [ -s "$W/proxy.port" ] && break; sleep 0.05; done
[ -s "$W/proxy.port" ] || fail "the proxy did not start: $(cat "$W/proxy.err")"
PURL="https://127.0.0.1:$(cat "$W/proxy.port")"
S() { "$SYNC" --store "$KDB" --hub "$1" --ca-file "$W/ca/ca.pem" --timeout-ms 8000 --connect-timeout-ms 2000 --batch 200 "${@:2}"; }
S "$HUB_URL" enroll "$CODE" >/dev/null 2>"$W/err" || fail "enroll: $(cat "$W/err")"
add_answers "$KDB" "$N" net
sql "$KDB" "INSERT INTO slip_counts (day, service_id, count) VALUES ('2026-11-20', 'neuvola', 7)"
sed 's/"content_version": "2026-11-22.1"/"content_version": "2026-11-22.1.net"/' "$BUNDLES/mini.json" > "$W/b.json"
cp "$BUNDLES/mini.ics" "$W/"
"$HUB" --db "$HUB_DB" publish "$W/b.json" --site tuulikyla >/dev/null || fail "publish"
runs=0 failed=0
t0=$(date +%s)
# Most runs end in a fault after a batch or two: the bound grows with the queue.
maxruns=$((400 + N / 10))
while [ "$runs" -lt "$maxruns" ]; do
    runs=$((runs + 1))
    S "$PURL" once 2>>"$W/sync.log" || failed=$((failed + 1))
    [ "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" = 0 ] &&
        [ "$(sql "$KDB" "SELECT count(*) FROM slip_counts WHERE sent_count <> count")" = 0 ] &&
        [ "$(sql "$KDB" "SELECT value FROM meta WHERE key = 'content_version'")" = 2026-11-22.1.net ] && break
done
t1=$(date +%s)
kill -TERM "$PROXY"; wait "$PROXY"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "outbox after $runs runs through the proxy"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IN ('refused', 'invalid')")" 0 "answers set aside"
rows="key || '|' || kind || '|' || coalesce(face, '') || '|' || coalesce(question_id, '') || '|' || coalesce(options, '') || '|' || suspect"
sql "$KDB" "SELECT $rows FROM feedback ORDER BY key" > "$W/kiosk.rows"
hubsql "SELECT $rows FROM feedback ORDER BY key" > "$W/hub.rows"
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback")" "$N/$N" "answers at the hub (rows/distinct)"
cmp -s "$W/kiosk.rows" "$W/hub.rows" || fail "the hub's answers differ from the kiosk's: $(diff "$W/kiosk.rows" "$W/hub.rows" | head -5)"
check_eq "$(hubsql "SELECT count FROM slip_counts")" 7 "slip count at the hub"
check_eq "$(sql "$KDB" "PRAGMA integrity_check")" ok "kiosk store integrity"
hub_is_pg || check_eq "$(sql "$HUB_DB" "PRAGMA integrity_check")" ok "hub database integrity"
fates=$(cat "$W/proxy.out")
for f in drop reset cut; do
    case "$fates" in *" $f=0"*|"$f=0"*) fail "the proxy never used the fault $f ($fates)" ;; esac
done
stop_hub
echo "net_faults: ok: $N answers exactly once after $runs runs ($failed failed) in $((t1 - t0)) s; proxy: $fates"
