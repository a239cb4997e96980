#!/bin/bash
# run.sh [TRIALS] - crash consistency across the three programs: the real kiosk (headless, giving
# answers through its screens with the UI script command feedback-repeat), the real majakka-sync
# (the `run` daemon) and the real majakka-hub-test over HTTPS on 127.0.0.1 with a generated CA,
# while slip counts grow on the kiosk and bundles are published with `majakka-hub publish`.
# Each trial SIGKILLs one of the three, picked at random, at a random moment, and restarts it.
# Afterwards (the agent catching up with a bounded number of clean runs):
#   - every answer the kiosk's store holds is at the hub exactly once, under this kiosk, with the
#     same content (key, kind, face, question, options); every thanked key is in the kiosk store;
#   - the hub's slip counts equal the kiosk's;
#   - PRAGMA integrity_check is ok on the kiosk store and the hub database;
#   - the kiosk's content version is the last one published.
# TRIALS: the first argument or CRASH_TRIALS (default 20). The programs: KIOSK HUB SYNC (the
# test build of the hub, majakka-hub-test) and ASSETS, BUNDLES (tests/data/bundles); without
# them the ones in build/ of this checkout. CRASH_GAP_MS: the longest time between kills (800);
# CRASH_KIOSK_DUTY: the kiosk's share of the CPU time in percent (25); CRASH_COMMIT_DELAY_MS (80).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
TRIALS=${1:-${CRASH_TRIALS:-20}}
KIOSK=${KIOSK:-$root/build/kiosk/majakka-kiosk}
HUB=${HUB:-$root/build/sync/majakka-hub-test}
SYNC=${SYNC:-$root/build/sync/majakka-sync}
ASSETS=${ASSETS:-$root/assets}
BUNDLES=${BUNDLES:-$root/tests/data/bundles}
GAP_MS=${CRASH_GAP_MS:-800}
KIOSK_DRIVER=${KIOSK_DRIVER:-$root/tests/feedback_durability/kiosk_driver.sh}
for f in "$KIOSK" "$HUB" "$SYNC"; do [ -x "$f" ] || { echo "run.sh: $f is not built" >&2; exit 2; }; done
. "$root/tests/e2e/lib.sh"
W=$E2E_DIR
# On any exit a kiosk left stopped by the throttle below is killed first (a stopped process
# would keep lib.sh's clean-up waiting), then lib.sh cleans up as usual.
trap 'rc=$?; p=$(cat "$W/kiosk.pid" 2>/dev/null); [ -n "$p" ] && kill -9 "$p" 2>/dev/null; (exit $rc); cleanup' EXIT
make_ca ca
KDIR=$W/kiosk
KDB=$KDIR/majakka.db
mkdir -p "$KDIR" "$W/bundles"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Crash kiosk") || fail "enroll code"

# The hub sleeps inside every upload transaction, so some kills land mid-commit. A restart
# takes the same port (the agent keeps its URL); a port still held is retried.
HUB_PORT=0
hub_start() {
    rm -f "$W/hub.port"
    for _ in $(seq 50); do
        "$HUB" --db "$HUB_DB" serve --cert "$W/ca/server.pem" --key "$W/ca/server.key" --port "$HUB_PORT" \
            --port-file "$W/hub.port" --test-mode --quiet --test-commit-delay-ms "${CRASH_COMMIT_DELAY_MS:-80}" 2>>"$W/hub.log" &
        HUB_PID=$!
        E2E_PIDS="$E2E_PIDS $HUB_PID"
        for _ in $(seq 100); do
            [ -s "$W/hub.port" ] && break
            kill -0 "$HUB_PID" 2>/dev/null || break
            sleep 0.02
        done
        [ -s "$W/hub.port" ] && { HUB_PORT=$(cat "$W/hub.port"); HUB_URL="https://127.0.0.1:$HUB_PORT"; return 0; }
        kill -9 "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null
        sleep 0.1
    done
    fail "the hub did not start: $(tail -3 "$W/hub.log")"
}
hub_start
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$W/ca/ca.pem" --timeout-ms 5000 --connect-timeout-ms 1000 --batch 10 "$@"; }

# Bundles: the test fixture under a new content version each time, zero-padded so that versions
# grow. The first is published and pulled before the kiosk starts, so it shows that site.
publish() {
    local v; v=$(printf '2026-11-22.1.crash%05d' "$1")
    sed "s/\"content_version\": \"2026-11-22.1\"/\"content_version\": \"$v\"/" "$BUNDLES/mini.json" > "$W/bundles/b.json.tmp"
    cp "$BUNDLES/mini.ics" "$W/bundles/mini.ics"
    mv "$W/bundles/b.json.tmp" "$W/bundles/b.json"
    "$HUB" --db "$HUB_DB" publish "$W/bundles/b.json" --site tuulikyla >>"$W/publish.log" 2>&1 || return 1
    echo "$v" > "$W/last_published"
}
S enroll "$CODE" >/dev/null 2>"$W/err" || fail "enroll: $(cat "$W/err")"
publish 0 || fail "publish: $(tail -3 "$W/publish.log")"
S once 2>>"$W/sync.log" || fail "first sync: $(tail -3 "$W/sync.log")"

# The three programs. The kiosk is the process kiosk_driver.sh execs (so SIGKILL hits it); its
# script gives answers until the store holds 10,000,000, i.e. until it is killed.
KRUN=0
kiosk_start() {
    KRUN=$((KRUN + 1))
    sh "$KIOSK_DRIVER" "$KIOSK" "$ASSETS" "$KDB" 10000000 >"$W/kiosk.out.$KRUN" 2>"$W/kiosk.err.$KRUN" &
    KIOSK_PID=$!
    E2E_PIDS="$E2E_PIDS $KIOSK_PID"
    echo "$KIOSK_PID" > "$W/kiosk.pid"
}
sync_start() {
    # the binary itself in the background (not the function S, a subshell), so kill -9 hits it
    "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$W/ca/ca.pem" --timeout-ms 5000 --connect-timeout-ms 1000 \
        --batch 10 --interval 1 --backoff-base 1 --backoff-cap 2 run 2>>"$W/sync.log" &
    SYNC_PID=$!
    E2E_PIDS="$E2E_PIDS $SYNC_PID"
}
kiosk_start
sync_start
# The scripted visitors answer as fast as the CPU allows (in virtual time), far faster than
# people and than the agent uploads with the hub's commit delay; the kiosk runs DUTY percent of
# each 100 ms (SIGSTOP/SIGCONT), so the agent completes cycles and pulls bundles in between.
DUTY=${CRASH_KIOSK_DUTY:-25}
(
    while [ "$DUTY" -lt 100 ] && [ ! -e "$W/stop" ]; do
        p=$(cat "$W/kiosk.pid")
        kill -CONT "$p" 2>/dev/null; sleep "$(printf 0.%03d "$DUTY")"
        kill -STOP "$p" 2>/dev/null; sleep "$(printf 0.%03d $((100 - DUTY)))"
    done
    kill -CONT "$(cat "$W/kiosk.pid")" 2>/dev/null
) &
THROTTLE=$!
# Slips: the staff's slip counter on the kiosk store (count only grows; the hub keeps the
# largest it saw), bumped by another connection as the kiosk's print queue does.
(
    i=0
    while [ ! -e "$W/stop" ]; do
        i=$((i + 1))
        printf ".timeout 10000\nINSERT INTO slip_counts (day, service_id, count) VALUES ('2026-11-%02d', 'neuvola', 1) ON CONFLICT (day, service_id) DO UPDATE SET count = count + 1;\n" $((i % 3 + 20)) \
            | sqlite3 -batch "$KDB" || echo "slip $i failed" >>"$W/slips.err"
        sleep 0.05
    done
) &
SLIPS=$!
# Publishing goes on all the time, through the hub's database (as `majakka-hub publish` does
# on a site's server), whichever of the three is down.
(
    v=1
    while [ ! -e "$W/stop" ]; do
        publish "$v" && v=$((v + 1))
        sleep 0.$((RANDOM % 5 + 3))
    done
) &
PUBLISHER=$!
E2E_PIDS="$E2E_PIDS $SLIPS $PUBLISHER $THROTTLE"

kills_kiosk=0 kills_sync=0 kills_hub=0
t0=$(date +%s)
for ((t = 1; t <= TRIALS; t++)); do
    ms=$((50 + RANDOM % GAP_MS))
    sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    case $((RANDOM % 3)) in
        0)  kill -9 "$KIOSK_PID" 2>/dev/null; wait "$KIOSK_PID" 2>/dev/null; st=$?
            [ "$st" = 137 ] || fail "trial $t: the kiosk had exited with $st before the kill: $(tail -3 "$W/kiosk.err.$KRUN")"
            kills_kiosk=$((kills_kiosk + 1)); kiosk_start ;;
        1)  kill -9 "$SYNC_PID" 2>/dev/null; wait "$SYNC_PID" 2>/dev/null; st=$?
            [ "$st" = 137 ] || fail "trial $t: the agent had exited with $st before the kill: $(tail -3 "$W/sync.log")"
            kills_sync=$((kills_sync + 1)); sync_start ;;
        2)  kill -9 "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; st=$?
            [ "$st" = 137 ] || fail "trial $t: the hub had exited with $st before the kill: $(tail -3 "$W/hub.log")"
            kills_hub=$((kills_hub + 1)); hub_start ;;
    esac
done
t1=$(date +%s)
# Stop: the kiosk by a last SIGKILL, the writers, the daemon; then one last bundle.
touch "$W/stop"; wait "$SLIPS" "$PUBLISHER" "$THROTTLE"
kill -9 "$KIOSK_PID" 2>/dev/null; wait "$KIOSK_PID" 2>/dev/null
kill -TERM "$SYNC_PID" 2>/dev/null; wait "$SYNC_PID" 2>/dev/null
[ -s "$W/slips.err" ] && fail "the kiosk store refused slip counts: $(head -3 "$W/slips.err")"
last_n=$(( $(sed 's/.*crash0*//' "$W/last_published") + 1 ))
publish "$last_n" || fail "last publish: $(tail -3 "$W/publish.log")"
LAST=$(cat "$W/last_published")
# Catch up with a bounded number of clean runs.
for _ in $(seq 1 20); do
    S --batch 200 once 2>>"$W/sync.log" &&
        [ "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" = 0 ] &&
        [ "$(sql "$KDB" "SELECT count(*) FROM slip_counts WHERE sent_count <> count")" = 0 ] &&
        [ "$(sql "$KDB" "SELECT value FROM meta WHERE key = 'content_version'")" = "$LAST" ] && break
    sleep 0.2
done

KID=$(sql "$KDB" "SELECT value FROM sync_state WHERE key = 'kiosk_id'")
[ -n "$KID" ] || fail "no kiosk id in the kiosk store"
# The test's own check (crash.consistency.selfcheck): CRASH_SABOTAGE=lose deletes one of this
# kiosk's answers at the hub, which the checks below must catch.
if [ "${CRASH_SABOTAGE:-}" = lose ]; then
    hubsql "DELETE FROM feedback WHERE id = (SELECT max(id) FROM feedback WHERE kiosk_id = '$KID')" >/dev/null
fi
check_eq "$(sql "$KDB" "PRAGMA integrity_check")" ok "kiosk store integrity"
hub_is_pg || check_eq "$(sql "$HUB_DB" "PRAGMA integrity_check")" ok "hub database integrity"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "kiosk outbox after catching up"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IN ('refused', 'invalid')")" 0 "answers set aside"
# Every thanked answer is in the kiosk's store (no loss between the thank-you and the disk).
cat "$W"/kiosk.out.* | sed -n 's/^thanks \([0-9a-f]\{32\}\)$/\1/p' | sort > "$W/thanked"
thanked=$(wc -l < "$W/thanked")
[ "$(sort -u "$W/thanked" | wc -l)" = "$thanked" ] || fail "a key was thanked twice"
sql "$KDB" "SELECT key FROM feedback ORDER BY key" > "$W/kiosk.keys"
missing=$(comm -23 "$W/thanked" "$W/kiosk.keys" | wc -l)
check_eq "$missing" 0 "thanked answers missing from the kiosk store"
# The kiosk's answers are at the hub exactly once, under this kiosk, with the same content.
rows="key || '|' || kind || '|' || coalesce(face, '') || '|' || coalesce(question_id, '') || '|' || coalesce(options, '')"
sql "$KDB" "SELECT $rows FROM feedback ORDER BY key" > "$W/kiosk.rows"
hubsql "SELECT $rows FROM feedback WHERE kiosk_id = '$KID' ORDER BY key" > "$W/hub.rows"
kn=$(wc -l < "$W/kiosk.rows")
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback WHERE kiosk_id = '$KID'")" "$kn/$kn" "answers at the hub (rows/distinct keys)"
check_eq "$(hubsql "SELECT count(*) FROM feedback WHERE kiosk_id <> '$KID'")" 0 "answers under another kiosk"
cmp -s "$W/kiosk.rows" "$W/hub.rows" || fail "the hub's answers differ from the kiosk's: $(diff "$W/kiosk.rows" "$W/hub.rows" | head -5)"
# Slip counts: the same at both ends.
sql "$KDB" "SELECT day || '|' || service_id || '|' || count FROM slip_counts ORDER BY 1" > "$W/kiosk.slips"
hubsql "SELECT day || '|' || service_id || '|' || count FROM slip_counts WHERE kiosk_id = '$KID' ORDER BY 1" > "$W/hub.slips"
cmp -s "$W/kiosk.slips" "$W/hub.slips" || fail "slip counts differ: kiosk $(tr '\n' ' ' < "$W/kiosk.slips"), hub $(tr '\n' ' ' < "$W/hub.slips")"
slips=$(awk -F'|' '{s += $3} END {print s + 0}' "$W/kiosk.slips")
# The kiosk ends with the last bundle published.
check_eq "$(sql "$KDB" "SELECT value FROM meta WHERE key = 'content_version'")" "$LAST" "kiosk content version"
[ "$kn" -gt 0 ] && [ "$slips" -gt 0 ] || fail "nothing flowed ($kn answers, $slips slips)"
# Uploads a kill cut off (the agent's log of failed POSTs: the hub died mid-request or mid-commit).
cut=$(grep -c "POST /api/v1/feedback" "$W/sync.log")
imports=$(grep -c "imported content" "$W/sync.log")
echo "crash: ok: $TRIALS trials in $((t1 - t0)) s ($kills_kiosk kiosk, $kills_sync agent, $kills_hub hub kills);" \
     "$cut uploads cut off; $kn answers ($thanked thanked) at the hub exactly once, $slips slips, $last_n bundles published," \
     "$imports imported, kiosk on $LAST, integrity ok"
