#!/bin/bash
# hub_build.sh HUB HUB_TEST - the shipped hub has no test code (no /test/fault, refuses
# --test-mode) and its TLS offers 1.2+ with forward-secret AEAD suites only.
HUB=$1 HUB_TEST=$2
. "$(dirname "$0")/lib.sh"
strings "$HUB" | grep -q "/test/fault" && fail "majakka-hub contains /test/fault"
strings "$HUB_TEST" | grep -q "/test/fault" || fail "the test build lacks /test/fault (is the check looking at the right thing?)"
make_ca ca
"$HUB" --db "$E2E_DIR/hub.db" init >/dev/null || fail "hub init"
"$HUB" --db "$E2E_DIR/hub.db" serve --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" --port 0 --test-mode \
    2>"$E2E_DIR/err" && fail "majakka-hub accepted --test-mode"
grep -q "test build" "$E2E_DIR/err" || fail "--test-mode refusal: $(cat "$E2E_DIR/err")"
"$HUB" --db "$E2E_DIR/hub.db" serve --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" \
    --port 0 --port-file "$E2E_DIR/hub.port" 2>>"$E2E_DIR/hub.log" &
HUB_PID=$!; E2E_PIDS="$E2E_PIDS $HUB_PID"
for _ in $(seq 100); do [ -s "$E2E_DIR/hub.port" ] && break; sleep 0.05; done
HUB_URL="https://127.0.0.1:$(cat "$E2E_DIR/hub.port")"
check_eq "$(hub_curl -o /dev/null -w '%{http_code}' -X POST -d '{}' "$HUB_URL/test/fault")" 404 "POST /test/fault on the shipped hub"
tls() { echo | timeout 10 openssl s_client -connect "127.0.0.1:$(cat "$E2E_DIR/hub.port")" -CAfile "$E2E_DIR/ca/ca.pem" "$@" 2>&1; }
tls -tls1_3 | grep -q "^New, TLSv1.3, Cipher is TLS_" || fail "TLS 1.3 handshake"
tls -tls1_2 -cipher ECDHE-ECDSA-AES128-GCM-SHA256 | grep -q "Cipher is ECDHE-ECDSA-AES128-GCM-SHA256" || fail "TLS 1.2 ECDHE AEAD"
for c in ECDHE-ECDSA-AES128-SHA ECDHE-ECDSA-AES256-SHA384 ECDHE-ECDSA-AES128-SHA256 AES128-GCM-SHA256 AES256-SHA; do
    tls -tls1_2 -cipher "$c" | grep -q "Cipher is $c" && fail "TLS 1.2 offers $c"
done
for v in -tls1 -tls1_1; do
    tls "$v" -cipher 'ALL:@SECLEVEL=0' | grep -q "^New, TLS" && fail "$v accepted"
done
# SHA-1 signatures are refused for the handshake.
tls -tls1_2 -sigalgs "ECDSA+SHA1" -cipher 'ALL:@SECLEVEL=0' | grep -q "^New, TLS" && fail "a SHA-1 signature accepted"
kill "$HUB_PID"; wait "$HUB_PID"
echo ok
