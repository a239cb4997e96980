#!/bin/bash
# tls_resume.sh HUB SYNC DATA - TLS session resumption: a client that comes back resumes its
# session from a ticket (TLS 1.3 and TLS 1.2) instead of a full handshake; two hub processes
# started with the same --tls-ticket-key accept each other's tickets (as behind a load
# balancer that passes TLS through), and a hub with another key does not.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
make_ca ca
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
head -c 64 /dev/urandom > "$E2E_DIR/ticket.key"
head -c 64 /dev/urandom > "$E2E_DIR/other.key"
head -c 10 /dev/urandom > "$E2E_DIR/short.key"
"$HUB" --db "$HUB_DB" serve --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" --port 0 \
    --tls-ticket-key "$E2E_DIR/short.key" 2>"$E2E_DIR/err" && fail "a 10-byte ticket key was accepted"
grep -q "at least 64 bytes" "$E2E_DIR/err" || fail "short key: $(cat "$E2E_DIR/err")"
start_hub ca --quiet --tls-ticket-key "$E2E_DIR/ticket.key"; A=$HUB_PORT
start_hub ca --quiet --tls-ticket-key "$E2E_DIR/ticket.key"; B=$HUB_PORT
start_hub ca --quiet --tls-ticket-key "$E2E_DIR/other.key"; C=$HUB_PORT
start_hub ca --quiet; D=$HUB_PORT

# hello VERSION PORT SESS_OUT [SESS_IN]: one HTTPS request with openssl; prints New or Reused.
hello() {
    local in=()
    [ -n "${4:-}" ] && in=(-sess_in "$4")
    (printf 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'; sleep 0.4) |
        timeout 10 openssl s_client "$1" -connect "127.0.0.1:$2" -CAfile "$E2E_DIR/ca/ca.pem" -verify_return_error \
            -sess_out "$3" "${in[@]}" 2>/dev/null | sed -n 's/^\(New\|Reused\), .*/\1/p' | head -1
}
for v in -tls1_3 -tls1_2; do
    check_eq "$(hello $v "$A" "$E2E_DIR/s1")" New "$v first connection"
    check_eq "$(hello $v "$A" "$E2E_DIR/s2" "$E2E_DIR/s1")" Reused "$v returning client, same hub"
    check_eq "$(hello $v "$B" "$E2E_DIR/s3" "$E2E_DIR/s1")" Reused "$v returning client, another hub with the same key"
    check_eq "$(hello $v "$C" "$E2E_DIR/s4" "$E2E_DIR/s1")" New "$v another hub with another key"
    check_eq "$(hello $v "$D" "$E2E_DIR/s5")" New "$v random key: first"
    check_eq "$(hello $v "$D" "$E2E_DIR/s6" "$E2E_DIR/s5")" Reused "$v random key: returning client"
done
# The real agent: one TLS session cache across its cycles, so every cycle after the first resumes
# (the test build's GET /test/tls counts closed TLS connections and the resumed ones).
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Lobby kiosk") || fail "enroll code"
HUB_URL="https://127.0.0.1:$D"
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
tls_count() { curl -s --cacert "$E2E_DIR/ca/ca.pem" "$HUB_URL/test/tls" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
r0=$(tls_count resumed) c0=$(tls_count closed)
S run --interval 1 --max-cycles 4 >/dev/null 2>"$E2E_DIR/err" || fail "agent run: $(cat "$E2E_DIR/err")"
r1=$(tls_count resumed) c1=$(tls_count closed)
[ $((c1 - c0)) -ge 4 ] || fail "the agent's 4 cycles closed $((c1 - c0)) TLS connections"
[ $((r1 - r0)) -ge 3 ] || fail "the agent resumed $((r1 - r0)) of its $((c1 - c0)) TLS connections (expected every cycle after the first)"
echo "tls_resume: ok (agent: $((r1 - r0)) of $((c1 - c0)) connections resumed)"
