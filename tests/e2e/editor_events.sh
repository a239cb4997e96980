#!/bin/bash
# editor_events.sh HUB SYNC DATA - the editor's event and feedback question forms over real HTTPS
# (issue 11): bad input (an unknown weekday, count 0, until before the start) is refused with the
# message at its field and nothing is saved; a coordinator creates an every-other-week event from
# plain choices and cancels one time; the page lists the next times as recur.c computes them
# (compared with dates worked out here); published, the real majakka-sync brings the rule to the
# kiosk's store. Editing a published feedback question raises its version by itself.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
FORM="python3 $(dirname "$0")/form.py"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
hub_user anna coordinator "annan pitkä salasana" tuulikyla
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Aula") || fail "enroll code"
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
start_hub ca --quiet
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>&1 || fail "enroll"
S once 2>"$E2E_DIR/err" || fail "first sync: $(cat "$E2E_DIR/err")"
J="$E2E_DIR/anna.jar"
check_eq "$(web_sign_in "$J" anna "annan pitkä salasana")" 303 "sign-in"

E="$HUB_URL/edit/tuulikyla"
get() { hub_curl -b "$J" -o "$E2E_DIR/$1" -w '%{http_code}' "${@:2}"; }
post() { hub_curl -b "$J" -o "$E2E_DIR/$1" -D "$E2E_DIR/$1.h" -w '%{http_code}' --data-binary @"$E2E_DIR/body" "$2"; }
drafts() { hubsql "SELECT count(*) FROM drafts"; }

# The dates: a Tuesday two to three weeks from today, every other week on Tuesday and Thursday for
# eight weeks, the second Thursday cancelled. Expected times worked out with Python's calendar,
# with Finnish weekdays (no Accept-Language: the pages are in Finnish).
read -r START UNTIL CANCEL EXPECT < <(python3 - <<'PY'
import datetime as d
t = d.date.today() + d.timedelta(days=14)
t += d.timedelta(days=(1 - t.weekday()) % 7)          # a Tuesday
until = t + d.timedelta(weeks=8)
cancel = t + d.timedelta(days=16)                      # the second Thursday (week 3)
times, day = [], t
while day <= until:
    if (day - t).days // 7 % 2 == 0 and day.weekday() in (1, 3) and day != cancel:
        times.append("%s %d.%d.%d 10:00–11:30" % (["ma","ti","ke","to","pe","la","su"][day.weekday()], day.day, day.month, day.year))
    day += d.timedelta(days=1)
print(t.isoformat(), until.isoformat(), cancel.isoformat(), "|".join(times[:8]))
PY
)
[ -n "$EXPECT" ] || fail "working out the dates"

check_eq "$(get new.html "$E/events/new")" 200 "the new event form"
PATHV=$(grep -o 'name="_path" value="[^"]*"' "$E2E_DIR/new.html" | sed 's/.*value="//; s/"$//')
case "$PATHV" in events\[*\]) ;; *) fail "the form's path: $PATHV";; esac
P="$PATHV"
for n in "$P.title.fi" "$P.repeat" "$P.days" "$P.interval" "$P.ends" "$P.until" "$P.count" "$P.exdates[0]" "$P.moves[0].from"; do
    grep -qF "name=\"$n\"" "$E2E_DIR/new.html" || fail "the form has no field $n"
done
grep -qF "name=\"$P.repeat\" value=\"weekly\"" "$E2E_DIR/new.html" || fail "no weekly choice"
grep -q 'id="f-events-[0-9]*-days-TU"' "$E2E_DIR/new.html" || fail "the weekday check boxes have no ids for their labels"
grep -q '<label for="f-events-[0-9]*-days-TU">' "$E2E_DIR/new.html" || fail "the weekday check boxes are not labelled"
grep -Eq '(src|href)="(https?:)?//' "$E2E_DIR/new.html" && fail "the form loads something from elsewhere"
grep -q "<script" "$E2E_DIR/new.html" && fail "the form needs a script"

GOOD=("$P.title.fi=Vauvakahvila" "$P.title.en=Baby café" "$P.where=location" "$P.location=library"
      "$P.start=${START}T10:00" "$P.end=${START}T11:30" "$P.repeat=weekly" "$P.interval=2" "+$P.days=TU" "+$P.days=TH"
      "$P.ends=until" "$P.until=$UNTIL" "$P.exdates[0]=$CANCEL" "+$P.audiences=baby" "+$P.audiences=parent")
A="/edit/tuulikyla/events/new"
bad() {   # bad LABEL FIELD-ID CHANGE...: refused, message at the field, typed kept, nothing saved
    local label=$1 fid=$2; shift 2
    $FORM "$E2E_DIR/new.html" "$A" "${GOOD[@]}" "$@" > "$E2E_DIR/body" || fail "form.py"
    check_eq "$(post bad.html "$HUB_URL$A")" 422 "$label"
    grep -q "id=\"$fid-err\" role=\"alert\"" "$E2E_DIR/bad.html" \
        || fail "$label: no message at $fid: $(grep -o 'class="error".\{0,300\}' "$E2E_DIR/bad.html")"
    grep -q 'value="Vauvakahvila"' "$E2E_DIR/bad.html" || fail "$label: what was typed is lost"
    check_eq "$(drafts)" 0 "$label: a refused save stored a draft"
}
IDP=$(echo "$P" | sed 's/\[/-/; s/\]//')
bad "an unknown weekday" "f-$IDP-days" "+$P.days=XX"
bad "count 0" "f-$IDP-count" "$P.ends=count" "$P.count=0"
bad "a huge count" "f-$IDP-count" "$P.ends=count" "$P.count=99999999999"
bad "until before the start" "f-$IDP-until" "$P.until=2020-01-01"
bad "a start not on a chosen day" "f-$IDP-start" "$P.start=${START}T10:00" "-$P.days=TU" "$P.exdates[0]="
bad "the validator's own check" "f-$IDP-end" "$P.end=${START}T09:00"
grep -q 'is before start' "$E2E_DIR/bad.html" || fail "the validator's message is not shown"
$FORM "$E2E_DIR/new.html" "$A" "${GOOD[@]}" "$P.title.fi=$(head -c 300 /dev/zero | tr '\0' x)" > "$E2E_DIR/body"
check_eq "$(post bad.html "$HUB_URL$A")" 422 "an oversized title"
grep -q "id=\"f-$IDP-title-fi-err\" role=\"alert\">is longer than 200 bytes" "$E2E_DIR/bad.html" || fail "oversized: no message at the title"
printf '%s' "csrf=$(grep -o 'name="csrf" value="[^"]*"' "$E2E_DIR/new.html" | head -1 | sed 's/.*value="//; s/"$//')&_path=$P&$P.title.fi=%FF%FE" > "$E2E_DIR/body"
code=$(post bad.html "$HUB_URL$A")
case "$code" in 400|403|422) ;; *) fail "bad UTF-8: got $code";; esac   # refused before or at the form
check_eq "$(drafts)" 0 "bad UTF-8 stored a draft"

# The good one.
$FORM "$E2E_DIR/new.html" "$A" "${GOOD[@]}" > "$E2E_DIR/body"
check_eq "$(post saved.txt "$HUB_URL$A")" 303 "saving the new event: $(grep -o 'class="error".\{0,300\}' "$E2E_DIR/saved.txt")"
LOC=$(grep -i '^location:' "$E2E_DIR/saved.txt.h" | tr -d '\r' | sed 's/^[Ll]ocation: //')
case "$LOC" in /edit/tuulikyla/events/vauvakahvila\?saved=1) ;; *) fail "redirect: $LOC";; esac
check_eq "$(get ev.html "$HUB_URL$LOC")" 200 "the saved event's page"
GOT=$(python3 -c "
import re,sys,html
t=open(sys.argv[1],encoding='utf-8').read()
m=re.search(r'<ol class=\"next\">(.*?)</ol>',t,re.S)
print('|'.join(html.unescape(x) for x in re.findall(r'<li>(.*?)</li>',m.group(1))) if m else '')" "$E2E_DIR/ev.html")
check_eq "$GOT" "$EXPECT" "the next times on the page"
grep -q 'value="weekly" checked' "$E2E_DIR/ev.html" || fail "the saved rule is not shown as weekly"
grep -q 'value="2" checked' "$E2E_DIR/ev.html" || fail "the saved rule is not every other week"

# Published: the kiosk gets the rule as the bundle holds it.
get changes.html "$E/changes" >/dev/null
$FORM "$E2E_DIR/changes.html" /edit/tuulikyla/publish > "$E2E_DIR/body"
check_eq "$(post pub.txt "$E/publish")" 303 "publish"
S once 2>"$E2E_DIR/err" || fail "sync after publish: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT rrule FROM events WHERE id = 'vauvakahvila'")" "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=${UNTIL//-/}" "the kiosk's rule"
check_eq "$(sql "$KDB" "SELECT start_local FROM events WHERE id = 'vauvakahvila'")" "${START}T10:00:00" "the kiosk's start"
check_eq "$(sql "$KDB" "SELECT group_concat(exdate) FROM event_exdates WHERE event_id = 'vauvakahvila'")" "$CANCEL" "the kiosk's cancelled date"

# One time moved: an event of its own on the kiosk, not in the editor's list; deleting the series
# deletes it too.
read -r MFROM MSTART < <(python3 -c "
import datetime as d,sys; t=d.date.fromisoformat(sys.argv[1]); print((t+d.timedelta(days=14)).isoformat(), (t+d.timedelta(days=15)).isoformat())" "$START")
EP=$(grep -o 'name="_path" value="[^"]*"' "$E2E_DIR/ev.html" | sed 's/.*value="//; s/"$//')
A2="/edit/tuulikyla/events/vauvakahvila"
$FORM "$E2E_DIR/ev.html" "$A2" "$EP.moves[0].from=$MFROM" "$EP.moves[0].start=${MSTART}T14:00" "$EP.moves[0].end=${MSTART}T15:00" > "$E2E_DIR/body"
check_eq "$(post moved.txt "$HUB_URL$A2")" 303 "moving one time: $(grep -o 'class="error".\{0,300\}' "$E2E_DIR/moved.txt")"
MID="vauvakahvila-m${MFROM//-/}1000"
check_eq "$(get list.html "$E/events")" 200 "the events list"
grep -q "$MID" "$E2E_DIR/list.html" && fail "the moved time is listed as an event of its own"
grep -q "/events/vauvakahvila\"" "$E2E_DIR/list.html" || fail "the series is not listed"
get changes.html "$E/changes" >/dev/null
$FORM "$E2E_DIR/changes.html" /edit/tuulikyla/publish > "$E2E_DIR/body"
check_eq "$(post pub.txt "$E/publish")" 303 "publish the move"
S once 2>"$E2E_DIR/err" || fail "sync after the move: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT start_local FROM events WHERE id = '$MID'")" "${MSTART}T14:00:00" "the moved time on the kiosk"
check_eq "$(sql "$KDB" "SELECT count(*) FROM event_exdates WHERE event_id = 'vauvakahvila' AND exdate = '${MFROM}T10:00:00'")" 1 "the original time cancelled on the kiosk"
get ev2.html "$HUB_URL$A2" >/dev/null
$FORM "$E2E_DIR/ev2.html" "$A2/delete" > "$E2E_DIR/body"
check_eq "$(post del.txt "$HUB_URL$A2/delete")" 303 "deleting the series"
get changes.html "$E/changes" >/dev/null
$FORM "$E2E_DIR/changes.html" /edit/tuulikyla/publish > "$E2E_DIR/body"
check_eq "$(post pub.txt "$E/publish")" 303 "publish the deletion"
S once 2>"$E2E_DIR/err" || fail "sync after the deletion: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT count(*) FROM events WHERE id LIKE 'vauvakahvila%'")" 0 "the series and its moved time on the kiosk after deleting"

# A published feedback question edited: its version goes up by itself.
Q=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['content']['feedback_questions'][0]['id'])" "$DATA/mini.json")
V=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['content']['feedback_questions'][0]['version'])" "$DATA/mini.json")
check_eq "$(get q.html "$E/questions/$Q")" 200 "the question form"
QP=$(grep -o 'name="_path" value="[^"]*"' "$E2E_DIR/q.html" | sed 's/.*value="//; s/"$//')
$FORM "$E2E_DIR/q.html" "/edit/tuulikyla/questions/$Q" "$QP.text.fi=Uusi sanamuoto?" > "$E2E_DIR/body"
check_eq "$(post qs.txt "$E/questions/$Q")" 303 "saving the question: $(grep -o 'class="error".\{0,300\}' "$E2E_DIR/qs.txt")"
get q2.html "$E/questions/$Q" >/dev/null
grep -q "versio $((V + 1))\." "$E2E_DIR/q2.html" || fail "the question's version did not go up to $((V + 1))"
stop_hub
echo "ok: editor_events"
