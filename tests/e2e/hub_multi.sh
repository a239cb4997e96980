#!/bin/bash
# hub_multi.sh HUB SYNC DATA - three hub processes on one PostgreSQL behind HAProxy (PostgreSQL
# runs only). HAProxy passes TLS through (mode tcp): each hub keeps its own certificate and
# the kiosks' CA pinning works end to end; HAProxy holds no key. Three kiosks sync through the
# balancer while answers keep arriving; one hub is killed with SIGKILL while uploads are in
# flight (each upload transaction sleeps before COMMIT in test mode). The agents carry on
# through the other two; in the end every answer is at the hub exactly once, and the bundle
# published once is served with the same ETag by every hub still running.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
hub_is_pg || fail "hub_multi runs on PostgreSQL (MAJAKKA_TEST_PG_FILE)"
command -v haproxy >/dev/null || fail "haproxy is not installed"
make_ca ca
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"

declare -a HPID HPORT
start_nth() {   # start_nth N: hub number N on a port of its own
    local n=$1
    rm -f "$E2E_DIR/hub$n.port"
    "$HUB" --db "$HUB_DB" serve --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" --port 0 \
        --port-file "$E2E_DIR/hub$n.port" --test-mode --quiet --test-commit-delay-ms 60 --max-per-address 256 2>>"$E2E_DIR/hub$n.log" &
    HPID[$n]=$!
    E2E_PIDS="$E2E_PIDS ${HPID[$n]}"
    for _ in $(seq 100); do [ -s "$E2E_DIR/hub$n.port" ] && break; sleep 0.05; done
    [ -s "$E2E_DIR/hub$n.port" ] || fail "hub $n did not start: $(tail -3 "$E2E_DIR/hub$n.log")"
    HPORT[$n]=$(cat "$E2E_DIR/hub$n.port")
}
for n in 1 2 3; do start_nth $n; done

for _ in $(seq 50); do
    LBPORT=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$LBPORT") 2>/dev/null || break
done
cat > "$E2E_DIR/haproxy.cfg" <<CFG
global
    maxconn 512
defaults
    mode tcp
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    retries 3
    option redispatch
frontend kiosks
    bind 127.0.0.1:$LBPORT
    default_backend hubs
backend hubs
    balance roundrobin
    server hub1 127.0.0.1:${HPORT[1]} check inter 200ms fall 1 rise 2
    server hub2 127.0.0.1:${HPORT[2]} check inter 200ms fall 1 rise 2
    server hub3 127.0.0.1:${HPORT[3]} check inter 200ms fall 1 rise 2
CFG
haproxy -c -f "$E2E_DIR/haproxy.cfg" >/dev/null 2>&1 || fail "haproxy config: $(haproxy -c -f "$E2E_DIR/haproxy.cfg" 2>&1 | tail -3)"
haproxy -db -f "$E2E_DIR/haproxy.cfg" >"$E2E_DIR/haproxy.out" 2>&1 &
E2E_PIDS="$E2E_PIDS $!"
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$LBPORT") 2>/dev/null && break; sleep 0.05; done
LB="https://127.0.0.1:$LBPORT"

S() { local k=$1; shift; "$SYNC" --store "$E2E_DIR/k$k/majakka.db" --hub "$LB" --ca-file "$E2E_DIR/ca/ca.pem" \
        --timeout-ms 3000 --connect-timeout-ms 1000 --batch 20 "$@"; }
for k in 1 2 3; do
    mkdir -p "$E2E_DIR/k$k"
    code=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Kiosk $k") || fail "enroll code $k"
    S $k enroll "$code" >/dev/null 2>"$E2E_DIR/err" || fail "enroll $k through HAProxy: $(cat "$E2E_DIR/err")"
    # The same keys on every kiosk: they are per kiosk.
    add_answers "$E2E_DIR/k$k/majakka.db" 60 multi
done

killed=0
for round in $(seq 1 8); do
    pids=""
    # Before the kill, a backlog: several upload transactions per kiosk, spread over the hubs.
    [ "$round" = 3 ] && for k in 1 2 3; do add_answers "$E2E_DIR/k$k/majakka.db" 150 "backlog"; done
    for k in 1 2 3; do S $k once 2>"$E2E_DIR/sync$k.r$round.log" & pids="$pids $!"; done
    if [ "$round" = 3 ]; then
        # Wait until hub 2 is inside an upload transaction (its connection idle in transaction
        # during the commit delay), then SIGKILL it there.
        for _ in $(seq 300); do
            [ "$(hubsql "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'majakka-hub-${HPID[2]}'
                         AND state = 'idle in transaction'")" != 0 ] && { kill -9 "${HPID[2]}"; killed=1; break; }
            sleep 0.01
        done
        [ "$killed" = 1 ] && wait "${HPID[2]}" 2>/dev/null
    fi
    for p in $pids; do wait "$p"; done
    [ "$round" = 3 ] && cat "$E2E_DIR"/sync?.r3.log | grep -v ": ok: \|imported content" > "$E2E_DIR/kill-round.log"
    for k in 1 2 3; do add_answers "$E2E_DIR/k$k/majakka.db" 7 "r$round"; done
done
check_eq "$killed" 1 "hub 2 killed inside an upload transaction"
# The agent cut off usually reports it; libcurl may also resend on a new connection by itself
# (a reused connection that died), which the balancer sends to another hub: fine either way.
echo "hub_multi: agents in the kill round said: $(head -1 "$E2E_DIR/kill-round.log")"
kill -0 "${HPID[1]}" 2>/dev/null && kill -0 "${HPID[3]}" 2>/dev/null || fail "the other hubs died"
# Catch up: a few clean cycles through the two hubs left.
for _ in $(seq 1 10); do
    left=0
    for k in 1 2 3; do
        S $k once 2>>"$E2E_DIR/sync$k.log"
        left=$((left + $(sql "$E2E_DIR/k$k/majakka.db" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")))
    done
    [ "$left" = 0 ] && break
done
total=0
for k in 1 2 3; do
    kdb="$E2E_DIR/k$k/majakka.db"
    check_eq "$(sql "$kdb" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "kiosk $k outbox"
    check_eq "$(sql "$kdb" "SELECT count(*) FROM feedback WHERE sent_at IN ('refused', 'invalid')")" 0 "kiosk $k set-aside rows"
    kid=$(sql "$kdb" "SELECT value FROM sync_state WHERE key='kiosk_id'")
    sql "$kdb" "SELECT key FROM feedback ORDER BY key" > "$E2E_DIR/k$k.keys"
    hubsql "SELECT key FROM feedback WHERE kiosk_id = '$kid' ORDER BY key" > "$E2E_DIR/h$k.keys"
    cmp -s "$E2E_DIR/k$k.keys" "$E2E_DIR/h$k.keys" || fail "kiosk $k: keys at the hub differ: $(diff "$E2E_DIR/k$k.keys" "$E2E_DIR/h$k.keys" | head -3)"
    total=$((total + $(wc -l < "$E2E_DIR/k$k.keys")))
done
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT kiosk_id || ' ' || key) FROM feedback")" "$total/$total" "answers at the hub, exactly once"
# Every hub process still running serves the one published bundle, with the same ETag.
tok=$(cat "$E2E_DIR/k1/hub-token")
for n in 1 3; do
    hub_curl -D "$E2E_DIR/h$n.head" -o /dev/null -H "Authorization: Bearer $tok" "https://127.0.0.1:${HPORT[$n]}/api/v1/bundle" \
        || fail "bundle from hub $n"
    grep -i '^etag:' "$E2E_DIR/h$n.head" | tr -d '\r' > "$E2E_DIR/h$n.etag"
done
[ -s "$E2E_DIR/h1.etag" ] && cmp -s "$E2E_DIR/h1.etag" "$E2E_DIR/h3.etag" || fail "the hubs serve different bundles"
echo "hub_multi: ok ($total answers from 3 kiosks through HAProxy, exactly once; hub 2 killed mid-upload)"
