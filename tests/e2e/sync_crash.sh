#!/bin/bash
# sync_crash.sh HUB SYNC DATA - SIGKILL majakka-sync mid-upload and the hub mid-commit (the hub
# sleeps inside each upload transaction in test mode), repeatedly; then let the agent catch up.
# In the end every answer is at the hub exactly once and both databases are intact.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
CODE=$("$HUB" --db "$HUB_DB" enroll --site demo --name "Crash kiosk") || fail "enroll code"
start_hub ca --quiet --test-commit-delay-ms 150
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 3000 --connect-timeout-ms 1000 --batch 25 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
add_answers "$KDB" 400 c
ROUNDS=${CRASH_ROUNDS:-12}
# The kiosk keeps writing answers while the agent runs and is killed: one store, two processes.
(
    for i in $(seq 1 200); do
        printf ".timeout 10000\nINSERT INTO feedback (key, visit_id, created, context, language, kind, face) VALUES ('live-%06d', 'vl', '2026-11-21T12:00', 'home', 'fi', 'face', 2);\n" "$i" \
            | sqlite3 -batch "$KDB" || echo "writer: insert $i failed" >> "$E2E_DIR/writer.log"
        sleep 0.02
    done
) &
WRITER=$!
E2E_PIDS="$E2E_PIDS $WRITER"
hub_kills=0 sync_kills=0
for round in $(seq 1 "$ROUNDS"); do
    # The agent itself in the background (not a subshell around it), so kill -9 hits it.
    "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 3000 \
        --connect-timeout-ms 1000 --batch 25 once 2>>"$E2E_DIR/sync.log" &
    spid=$!
    sleep "0.$(( RANDOM % 4 + 1 ))$(( RANDOM % 10 ))"
    if [ $(( round % 3 )) = 0 ]; then
        kill9_hub; hub_kills=$((hub_kills + 1))          # mid-commit: the hub sleeps inside the transaction
        wait "$spid" 2>/dev/null
        start_hub ca --quiet --test-commit-delay-ms 150
    else
        kill -9 "$spid" 2>/dev/null && sync_kills=$((sync_kills + 1))
        wait "$spid" 2>/dev/null
    fi
    # More answers arrive while all this happens, as on a real kiosk.
    add_answers "$KDB" 5 "r$round"
done
wait "$WRITER"
[ -s "$E2E_DIR/writer.log" ] && fail "the kiosk's writes failed while syncing: $(head -3 "$E2E_DIR/writer.log")"
# Catch up: bounded number of clean runs.
for _ in $(seq 1 10); do
    [ "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" = 0 ] && break
    S --batch 200 once 2>>"$E2E_DIR/sync.log"
done
total=$(( 400 + 5 * ROUNDS + 200 ))
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "kiosk outbox after catching up"
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback")" "$total/$total" "answers at the hub"
sql "$KDB" "SELECT key FROM feedback ORDER BY key" > "$E2E_DIR/k.keys"
hubsql "SELECT key FROM feedback ORDER BY key" > "$E2E_DIR/h.keys"
cmp -s "$E2E_DIR/k.keys" "$E2E_DIR/h.keys" || fail "the hub's keys differ from the kiosk's"
check_eq "$(sql "$KDB" "PRAGMA integrity_check")" ok "kiosk store integrity"
hub_is_pg || check_eq "$(sql "$HUB_DB" "PRAGMA integrity_check")" ok "hub store integrity"
[ "$hub_kills" -ge 1 ] && [ "$sync_kills" -ge 1 ] || fail "no kills happened ($hub_kills hub, $sync_kills sync)"
echo "sync_crash: ok ($ROUNDS rounds, $sync_kills agent kills, $hub_kills hub kills, $total answers exactly once)"
