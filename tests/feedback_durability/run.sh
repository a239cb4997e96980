#!/bin/bash
# run.sh - the feedback durability test: give N answers with SIGKILLs at random moments, restart
# each time, then prove that every answer whose thank-you was shown is in the outbox exactly once
# and that PRAGMA integrity_check is ok.
#   run.sh CHECKER [N] [KILLS]
# CHECKER is the test driver (driver.c), used for "--check". DRIVER is the command that gives the
# answers: "DRIVER DB N" must give answers until the outbox holds N, printing "thanks <key>" when
# the thank-you is shown. It defaults to CHECKER; tests/feedback.cmake points it at the real kiosk
# (kiosk_driver.sh). Every other run is killed after a random number of its thank-yous, the
# others at a random moment up to MAXMS milliseconds from their start.
set -u
CHECKER=$1
DRIVER=${DRIVER:-$CHECKER}
N=${2:-1000}
KILLS=${3:-30}
MAXMS=${MAXMS:-40}   # the longest a run lives before its SIGKILL, in milliseconds
work=$(mktemp -d /tmp/majakka-durability-XXXXXX)
trap 'rm -rf "$work"' EXIT
db=$work/majakka.db
killed=0
for ((i = 0; i < KILLS; i++)); do
    $DRIVER "$db" "$N" >"$work/out.$i" 2>"$work/err.$i" &
    pid=$!
    # every other run is killed at a random moment after a random number of its thank-yous
    # (about N / KILLS on average), so kills land among the answers whatever the machine's
    # speed; the others at any moment up to MAXMS from the start (start-up included)
    if [ $((i % 2)) -eq 1 ]; then
        want=$((1 + RANDOM % (N * 2 / KILLS + 1)))
        for ((w = 0; w < 3000; w++)); do
            [ "$(grep -cE '^thanks ' "$work/out.$i" 2>/dev/null)" -ge "$want" ] && break
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.005
        done
        sleep "0.0$((RANDOM % 10))"
    else
        ms=$((RANDOM % MAXMS))
        sleep "$((ms / 1000)).$(printf %03d $((ms % 1000)))"
    fi
    if kill -KILL "$pid" 2>/dev/null; then killed=$((killed + 1)); fi
    wait "$pid" 2>/dev/null
    rc=$?
    if [ "$rc" -ne 137 ] && [ "$rc" -ne 0 ]; then
        echo "run $i: driver failed ($rc):"; cat "$work/err.$i"; exit 1
    fi
done
timeout 600 $DRIVER "$db" "$N" >"$work/out.final" 2>"$work/err.final" || {
    echo "final run failed:"; cat "$work/err.final"; exit 1; }
cat "$work"/out.* | grep -E '^thanks [0-9a-f]{32}$' >"$work/keys"
total=$(wc -l <"$work/keys")
uniq=$(sort -u "$work/keys" | wc -l)
before=$(cat "$work"/out.[0-9]* 2>/dev/null | grep -cE '^thanks [0-9a-f]{32}$' || true)
during=$(for f in "$work"/out.[0-9]*; do grep -qE '^thanks ' "$f" && echo x; done | wc -l)
echo "$killed kills, $total thank-yous ($uniq distinct), $before of them before the last run;" \
     "$during killed runs had thanked answers"
[ "$total" -eq "$uniq" ] || { echo "a key was thanked twice"; exit 1; }
"$CHECKER" --check "$db" "$work/keys" "$N"
