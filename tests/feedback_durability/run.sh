#!/bin/bash
# run.sh - the feedback durability test: give N answers with SIGKILLs at random moments, restart
# each time, then prove that every answer whose thank-you was shown is in the outbox exactly once
# and that PRAGMA integrity_check is ok.
#   run.sh CHECKER [N] [KILLS]
# CHECKER is the test driver (driver.c), used for "--check". DRIVER is the command that gives the
# answers: "DRIVER DB N" must give answers until the outbox holds N, printing "thanks <key>" when
# the thank-you is shown. It defaults to CHECKER; point it at the real kiosk when it can run scripts.
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
    sleep "0.$(printf %03d $((RANDOM % MAXMS)))"
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
echo "$killed kills, $total thank-yous ($uniq distinct)"
[ "$total" -eq "$uniq" ] || { echo "a key was thanked twice"; exit 1; }
"$CHECKER" --check "$db" "$work/keys" "$N"
