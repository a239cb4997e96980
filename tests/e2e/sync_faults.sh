#!/bin/bash
# sync_faults.sh HUB SYNC DATA - the agent against a failing hub: connection refused, 500, 503
# with Retry-After, a reply stalled past the timeout, a truncated reply, bad JSON, a certificate
# from an unknown CA, a wrong public-key pin, a bad bundle. After each, nothing is marked sent
# that the hub did not acknowledge, and in the end every answer is at the hub exactly once.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
make_ca ca
make_ca rogue
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Fault kiosk") || fail "enroll code"
start_hub ca
# Generous timeouts (the suite may run beside heavy tests); TMO shortens them for the stall.
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms "${TMO:-10000}" --connect-timeout-ms 3000 --batch 20 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
add_answers "$KDB" 30 f
unsent() { sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL"; }
at_hub() { hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback"; }
# expect_fail EXIT PATTERN DESCRIPTION: one `once` that must fail with EXIT and say PATTERN.
expect_fail() {
    local code=0
    S once 2>"$E2E_DIR/err" || code=$?
    check_eq "$code" "$1" "$3: exit status ($(tr '\n' ' ' < "$E2E_DIR/err"))"
    grep -qi -- "$2" "$E2E_DIR/err" || fail "$3: expected '$2' in: $(cat "$E2E_DIR/err")"
}

fault 500;                       expect_fail 75 "HTTP 500" "500";               check_eq "$(unsent)" 30 "outbox after 500"
fault badjson;                   expect_fail 75 "not JSON" "bad JSON";          check_eq "$(unsent)" 30 "outbox after bad JSON"
check_eq "$(at_hub)" "20/20" "hub stored the batch whose answer was garbled"
# Truncated: the hub stored the first batch but the answer broke off; it is resent, counted once.
fault truncate;                  expect_fail 75 "transfer closed\|partial\|bytes remaining" "truncated reply"
check_eq "$(unsent)" 30 "outbox after a truncated reply"
check_eq "$(at_hub)" "20/20" "hub after a truncated reply"
# Stalled past the client's timeout: the hub commits late; the retry finds duplicates.
fault stall '"stall_s":4';       TMO=1500 expect_fail 75 "timeout\|timed out" "stalled reply"
check_eq "$(unsent)" 30 "outbox after a stall"
# SIGTERM stops the daemon at once, even in the middle of a stalled request.
fault stall '"stall_s":3'
"$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 30000 run --interval 60 2>"$E2E_DIR/err" &
RUN_PID=$!
sleep 1
t0=$(date +%s%N)
kill -TERM "$RUN_PID"
st=0; wait "$RUN_PID" || st=$?
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check_eq "$st" 0 "daemon exit status after SIGTERM ($(tr '\n' ' ' < "$E2E_DIR/err"))"
[ "$ms" -lt 3000 ] || fail "the daemon took $ms ms to stop"
grep -q "majakka-sync: stopped" "$E2E_DIR/err" || fail "no stop message: $(cat "$E2E_DIR/err")"
sleep 2.5 # let the stalled request finish on the hub before the next fault is armed
# 503 with Retry-After: the daemon waits at least that long before the next attempt.
fault 503 '"retry_after":2'
S run --max-cycles 2 --backoff-base 1 --backoff-cap 1 2>"$E2E_DIR/err" || fail "run after 503: $(cat "$E2E_DIR/err")"
grep -q "HTTP 503" "$E2E_DIR/err" || fail "503 not seen: $(cat "$E2E_DIR/err")"
grep -q "next attempt in 2 s" "$E2E_DIR/err" || fail "Retry-After not honoured: $(cat "$E2E_DIR/err")"
check_eq "$(unsent)" 0 "outbox after recovering"
check_eq "$(at_hub)" "30/30" "hub after the faults (exactly once)"
grep -q "(20 already at hub)\|already at hub" "$E2E_DIR/err" || fail "no duplicates reported after truncate/stall"

# A bad bundle is refused on the kiosk with a reason; the old content stays.
if [ -f "$DATA/mini.json" ]; then
    "$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
    S once 2>/dev/null || fail "pull"
    before=$(sql "$KDB" "SELECT count(*) FROM services")
    cv=$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")
    sql "$KDB" "DELETE FROM sync_state WHERE key='bundle_etag'"
    fault badbundle '"count":2'
    S once 2>"$E2E_DIR/err" || fail "bad bundle sync failed: $(cat "$E2E_DIR/err")"
    grep -q "bundle rejected, old content kept: .*sha256" "$E2E_DIR/err" || fail "bad bundle: $(cat "$E2E_DIR/err")"
    check_eq "$(sql "$KDB" "SELECT count(*) FROM services")" "$before" "services after a bad bundle"
    check_eq "$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")" "$cv" "content version after a bad bundle"
    [ -n "$(sql "$KDB" "SELECT value FROM sync_state WHERE key='content_error'")" ] || fail "content_error not recorded"
    # The same bytes again under a new ETag (the hub makes one per second): remembered by their
    # hash, not applied again, and the cycle still reaches its heartbeat (issue 17).
    [ -n "$(sql "$KDB" "SELECT value FROM sync_state WHERE key='bundle_refused_sha256'")" ] || fail "refused hash not recorded"
    sleep 1.1
    sql "$KDB" "DELETE FROM sync_state WHERE key='bundle_etag'"
    S once 2>"$E2E_DIR/err" || fail "second sync with the refused bundle failed: $(cat "$E2E_DIR/err")"
    grep -q "bundle rejected" "$E2E_DIR/err" && fail "the refused bundle was applied again: $(cat "$E2E_DIR/err")"
    [ -n "$(sql "$KDB" "SELECT value FROM sync_state WHERE key='bundle_etag'")" ] || fail "new ETag not remembered"
    check_eq "$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")" "$cv" "content version after the refused bundle again"
fi

# Public-key pinning: the right pin works, a wrong one is refused.
PIN="sha256//$(openssl x509 -in "$E2E_DIR/ca/server.pem" -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
add_answers "$KDB" 2 pin
expect_pin() { S --pin "$1" once 2>"$E2E_DIR/err"; }
expect_pin "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" && fail "a wrong pin was accepted"
grep -qi "pinned\|public key" "$E2E_DIR/err" || fail "wrong pin: $(cat "$E2E_DIR/err")"
check_eq "$(unsent)" 2 "outbox after a wrong pin"
expect_pin "$PIN" || fail "the right pin was refused: $(cat "$E2E_DIR/err")"
check_eq "$(unsent)" 0 "outbox after the right pin"

# A certificate from an unknown CA is refused (the agent verifies, always).
stop_hub
start_hub rogue
add_answers "$KDB" 2 rogue
expect_fail 75 "certificate" "unknown CA"
check_eq "$(unsent)" 2 "outbox after an unknown CA"
stop_hub

# Connection refused, and the daemon backs off (no tight loop) with growing ceilings.
expect_fail 75 "connect" "connection refused"
start=$(date +%s)
S run --max-cycles 3 --backoff-base 1 --backoff-cap 4 2>"$E2E_DIR/err"
waits=$(grep -c "next attempt in [1-9][0-9]* s" "$E2E_DIR/err")
check_eq "$waits" 2 "backoff waits between three refused attempts"
[ $(( $(date +%s) - start )) -ge 2 ] || fail "three attempts ran in under 2 s: a tight loop"
check_eq "$(unsent)" 2 "outbox while offline"

# Days offline: a large outbox (3000 answers) is caught up in one cycle once the hub is back.
add_answers "$KDB" 3000 offline
start_hub ca --quiet
t0=$(date +%s%N)
S --batch 200 --timeout-ms 30000 once 2>"$E2E_DIR/err" || fail "catch-up: $(cat "$E2E_DIR/err")"
t1=$(date +%s%N)
check_eq "$(unsent)" 0 "outbox after catching up"
check_eq "$(at_hub)" "3034/3034" "hub after catching up (exactly once)"
echo "sync_faults: caught up 3002 answers in $(( (t1 - t0) / 1000000 )) ms"
echo "sync_faults: ok"
