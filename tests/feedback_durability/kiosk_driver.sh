#!/bin/sh
# kiosk_driver.sh KIOSK ASSETS DB N - run.sh's DRIVER on the real kiosk: majakka-kiosk runs the
# UI script command `feedback-repeat N`, which taps faces (and now and then answers the questions
# and sends a comment) through the real screens until the outbox in DB holds N answers, printing
# "thanks <key>" for each stored answer when its thank-you screen is shown. DB must be called
# majakka.db (the kiosk's store in its --data-dir). exec: run.sh's SIGKILL hits the kiosk itself.
# The burst cap is raised (scripted visitors answer faster than people) unless BURST says
# otherwise; answers within feedback.suspect_seconds are still stored, marked suspect.
set -eu
kiosk=$1 assets=$2 db=$3 n=$4
dir=$(dirname "$db")
[ "$(basename "$db")" = majakka.db ] || { echo "kiosk_driver: the store must be DIR/majakka.db" >&2; exit 2; }
script=$dir/feedback-repeat-$n.script
if [ ! -f "$script" ]; then
    printf 'clock 2026-11-24T09:30\nfeedback-repeat %s\nexpect-feedback-rows %s\n' "$n" "$n" > "$script.$$"
    mv "$script.$$" "$script"
fi
exec "$kiosk" --script "$script" --data-dir "$dir" --assets "$assets" --size 1280x800 \
    --set kiosk.dpi=96 --set feedback.burst_per_minute="${BURST:-600}"
