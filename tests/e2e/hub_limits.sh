#!/bin/bash
# hub_limits.sh HUB SYNC DATA - the connection limits are the hub's own and configurable:
# with --max-per-address 3, three idle connections from 127.0.0.1 leave no room for a fourth
# from that address while 127.0.0.3 is still served; with --max-per-address 8 (as behind a
# balancer, where every connection comes from one address) the same three leave room. Bad values
# are refused at start.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
make_ca ca
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
for bad in 0 -1 x 5000; do
    "$HUB" --db "$HUB_DB" serve --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" --port 0 \
        --max-per-address "$bad" 2>"$E2E_DIR/err" && fail "--max-per-address $bad was accepted"
    grep -q "from 1 to 4096" "$E2E_DIR/err" || fail "--max-per-address $bad: $(cat "$E2E_DIR/err")"
done
# hold N: N TCP connections from 127.0.0.1 that send nothing, held for 8 s (bounded).
hold() {
    python3 - "$HUB_PORT" "$1" <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=2)
    socks.append(s)
time.sleep(8)
PY
    HOLD=$!
    E2E_PIDS="$E2E_PIDS $HOLD"
    sleep 1
}
get() { curl -s -o /dev/null -w '%{http_code}' --max-time 4 --cacert "$E2E_DIR/ca/ca.pem" --interface "$1" "$HUB_URL/healthz"; }
start_hub ca --quiet --max-per-address 3
check_eq "$(get 127.0.0.1)" 200 "a request with no other connection"
hold 3
check_eq "$(get 127.0.0.1)" 000 "a 4th connection from the address with --max-per-address 3"
check_eq "$(get 127.0.0.3)" 200 "another address while 127.0.0.1 is at its limit"
kill "$HOLD" 2>/dev/null; wait "$HOLD" 2>/dev/null
stop_hub
start_hub ca --quiet --max-per-address 8
hold 3
check_eq "$(get 127.0.0.1)" 200 "a 4th connection from the address with --max-per-address 8"
kill "$HOLD" 2>/dev/null; wait "$HOLD" 2>/dev/null
stop_hub
echo "ok: per-address connection limit configurable"
