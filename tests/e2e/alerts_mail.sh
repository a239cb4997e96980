#!/bin/bash
# alerts_mail.sh HUB SYNC DATA - the fleet's alert mail end to end: a real kiosk (majakka-sync)
# reports its printer out of paper; the hub's periodic check mails the site's alert address
# once, over SMTP with STARTTLS and AUTH, to a sink on loopback that this test starts
# (smtp_sink.py); the sink refuses the first message, so the hub must try again. The mail has
# the right To, Subject and body and no token, code or feedback text; further checks and syncs
# send nothing more; a new alert (a refused bundle, then a kiosk not seen for an hour) sends one
# new mail each; an alert that clears and comes back is mailed again. Each mail is in the site's
# language (its content's default language: Finnish, then Swedish and English as the site changes
# it), the subject RFC 2047 encoded UTF-8.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
make_ca ca
MAILS="$E2E_DIR/mails"
mkdir -p "$MAILS" "$E2E_DIR/kiosk"
KDB="$E2E_DIR/kiosk/majakka.db"
python3 "$(dirname "$0")/smtp_sink.py" "$MAILS" --cert "$E2E_DIR/ca/server.pem" --key "$E2E_DIR/ca/server.key" \
    --require-tls --fail 1 2>"$E2E_DIR/sink.log" &
E2E_PIDS="$E2E_PIDS $!"
for _ in $(seq 100); do [ -s "$MAILS/smtp.port" ] && break; sleep 0.05; done
[ -s "$MAILS/smtp.port" ] || fail "the SMTP sink did not start: $(cat "$E2E_DIR/sink.log")"
SMTP_PORT=$(cat "$MAILS/smtp.port")
printf 'relay-secret\n' > "$E2E_DIR/smtp.pw"

"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
COORD=$("$HUB" --db "$HUB_DB" coordinator mail) || fail "coordinator"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Aula (ala-aula)") || fail "enroll code"
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
"$HUB" --db "$HUB_DB" alert-mail --site tuulikyla --to "not an address" 2>/dev/null && fail "a bad address was accepted"
"$HUB" --db "$HUB_DB" alert-mail --site tuulikyla --to coord@tuulikyla.example >/dev/null || fail "alert-mail"
start_hub ca --alert-check-s 1 --public-url "https://hub.example" \
    --smtp-url "smtp://127.0.0.1:$SMTP_PORT" --smtp-from hub@majakka.example --smtp-starttls \
    --smtp-ca-file "$E2E_DIR/ca/ca.pem" --smtp-user alerts --smtp-password-file "$E2E_DIR/smtp.pw" --smtp-timeout-s 10
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
S once 2>"$E2E_DIR/err" || fail "first sync: $(cat "$E2E_DIR/err")"
TOKEN=$(cat "$E2E_DIR/kiosk/hub-token")

# wait_mail N: waits up to 15 s for the N-th mail.
wait_mail() { for _ in $(seq 150); do [ -s "$MAILS/mail.$1.eml" ] && return 0; sleep 0.1; done; fail "mail $1 never came: $(tail -5 "$E2E_DIR/hub.log")"; }
# no_mail N: after three more checks there is still no N-th mail.
no_mail() { sleep 3.5; [ -e "$MAILS/mail.$1.eml" ] && fail "an unexpected mail $1: $(grep -a '^  - ' "$MAILS/mail.$1.eml")"; return 0; }
hdr() { grep -a -m1 "^$2: " "$MAILS/mail.$1.eml" | sed "s/^$2: //" | tr -d '\r'; }
# subj N: the N-th mail's Subject decoded (RFC 2047), and checked to be UTF-8 encoded words
# when it is not ASCII.
subj() { python3 - "$MAILS/mail.$1.eml" <<'PY'
import email, email.header, sys
raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw)
s = m["Subject"]
if any(ord(ch) > 127 for ch in s): sys.exit("a raw 8-bit Subject")
parts = email.header.decode_header(s)
text = "".join(p.decode(c or "ascii") if isinstance(p, bytes) else p for p, c in parts)
if any(ord(ch) > 127 for ch in text) and not all((c or "").lower() == "utf-8" for p, c in parts if isinstance(p, bytes)):
    sys.exit("a non-ASCII Subject not as UTF-8 encoded words: " + s)
print(text)
PY
}

# Healthy: no mail.
no_mail 1
# The printer runs out of paper; a visitor leaves a comment (uploaded with this sync).
sql "$KDB" "INSERT INTO feedback (key, visit_id, created, context, language, kind, comment) VALUES
  ('mail-00001', 'vm', '2026-11-19T10:00', 'home', 'fi', 'comment', 'Salainen palaute: hoitaja oli ihana');
  INSERT OR REPLACE INTO sync_state (key, value) VALUES ('printer_status', 'paper-end')"
S once 2>"$E2E_DIR/err" || fail "sync: $(cat "$E2E_DIR/err")"
wait_mail 1
check_eq "$(hdr 1 To)" "<coord@tuulikyla.example>" "To"
check_eq "$(subj 1)" "Majakka: toimipisteen tuulikyla kioski vaatii huomiota" "Subject (Finnish, the site's language)"
check_eq "$(hdr 1 From)" "Majakka hub <hub@majakka.example>" "From"
grep -aq "^Aula (ala-aula) (k-[0-9a-f]*)" "$MAILS/mail.1.eml" || fail "the mail does not name the kiosk"
grep -aq "^  - Tulostimesta loppui paperi tai se ei ole käytettävissä (uusi): tulostin: paper-end" "$MAILS/mail.1.eml" \
    || fail "the mail lacks the printer alert in Finnish: $(cat "$MAILS/mail.1.eml")"
grep -aq "^Toimipisteen tuulikyla kioski vaatii huomiota." "$MAILS/mail.1.eml" || fail "the mail's first line is not Finnish"
grep -aiE "attention|printer|fleet page" "$MAILS/mail.1.eml" && fail "English in the Finnish mail"
grep -aq "^Kioskien sivu: https://hub.example/fleet?site=tuulikyla" "$MAILS/mail.1.eml" || fail "no link to the fleet page"
check_eq "$(grep -ac '^  - ' "$MAILS/mail.1.eml")" 1 "alerts in the first mail"
grep -q "^to=<coord@tuulikyla.example>$" "$MAILS/mail.1.env" || fail "envelope recipient: $(cat "$MAILS/mail.1.env")"
grep -q "^from=<hub@majakka.example>$" "$MAILS/mail.1.env" || fail "envelope sender"
grep -q "^tls=yes$" "$MAILS/mail.1.env" || fail "sent without STARTTLS"
grep -q "^auth=alerts:relay-secret$" "$MAILS/mail.1.env" || fail "no SMTP AUTH"
grep -q "mail not sent.*answered 451" "$E2E_DIR/hub.log" || fail "the sink's refusal of the first try is not in the hub's log"
# Nothing secret in it: no token, no enrollment code, no feedback.
for s in "$TOKEN" "$COORD" "$CODE" "Salainen" "hoitaja" "relay-secret"; do
    grep -aqF "$s" "$MAILS/mail.1.eml" && fail "the mail contains '$s'"
done
grep -aqF "relay-secret" "$E2E_DIR/hub.log" && fail "the SMTP password is in the hub's log"
[ "$(hubsql "SELECT count(*) FROM feedback WHERE comment LIKE 'Salainen%'")" = 1 ] || fail "the comment did not arrive"
# The start page shows the alert at its top.
hub_curl -H "Authorization: Bearer $COORD" -H "Accept-Language: en" "$HUB_URL/dashboard" > "$E2E_DIR/start.html" || fail "start page"
grep -q '<section class="alerts".*Aula (ala-aula).*Printer out of paper or offline: paper-end' "$E2E_DIR/start.html" \
    || fail "the start page does not show the alert"
hub_curl -H "Authorization: Bearer $COORD" -H "Accept-Language: fi" "$HUB_URL/fleet" > "$E2E_DIR/fleet.html" || fail "fleet page"
grep -q 'Tulostimesta loppui paperi tai se ei ole käytettävissä: paper-end' "$E2E_DIR/fleet.html" || fail "the fleet page does not show the alert in Finnish"
# Still out of paper: more checks and syncs send nothing more.
S once 2>/dev/null || fail "sync 2"
no_mail 2

# A new alert: the kiosk refuses a bundle. One new mail, the printer no longer "new".
sql "$KDB" "DELETE FROM sync_state WHERE key='bundle_etag'"
fault badbundle
S once 2>"$E2E_DIR/err" || fail "sync with a bad bundle: $(cat "$E2E_DIR/err")"
wait_mail 2
grep -aq "^  - Sisältöpaketti hylättiin (uusi): " "$MAILS/mail.2.eml" || fail "no refused-bundle alert: $(cat "$MAILS/mail.2.eml")"
grep -aq "^  - Tulostimesta loppui paperi tai se ei ole käytettävissä: tulostin: paper-end" "$MAILS/mail.2.eml" \
    || fail "the lasting alert is not listed"
no_mail 3

# The site now speaks Swedish first. The printer comes back, then runs out again: mailed again
# (once), in Swedish.
fault none
"$HUB" --db "$HUB_DB" publish "$DATA/mini-sv.json" --site tuulikyla >/dev/null || fail "publish mini-sv"
sql "$KDB" "UPDATE sync_state SET value = 'ok' WHERE key = 'printer_status'"
S once 2>/dev/null || fail "sync 3"
sleep 2
sql "$KDB" "UPDATE sync_state SET value = 'offline' WHERE key = 'printer_status'"
S once 2>/dev/null || fail "sync 4"
wait_mail 3
grep -aq "^  - Skrivaren har slut på papper eller är inte tillgänglig (ny): skrivare: offline" "$MAILS/mail.3.eml" \
    || fail "the printer alert was not mailed again in Swedish: $(cat "$MAILS/mail.3.eml")"
check_eq "$(subj 3)" "Majakka: en kiosk på tuulikyla behöver åtgärdas" "Subject (Swedish)"
hdr 3 Subject | grep -q '^=?UTF-8?B?' || fail "the Swedish subject is not RFC 2047 encoded: $(hdr 3 Subject)"

# In English now. Not seen for an hour (its last heartbeat moved back by two hours): one mail,
# the time of the last heartbeat in Helsinki time.
"$HUB" --db "$HUB_DB" publish "$DATA/mini-en.json" --site tuulikyla >/dev/null || fail "publish mini-en"
hubsql "UPDATE kiosks SET last_seen = last_seen - 7200" >/dev/null
wait_mail 4
SEEN=$(TZ=Europe/Helsinki date -d "@$(hubsql "SELECT last_seen FROM kiosks LIMIT 1")" '+%Y-%m-%d %H:%M')
grep -aq "^  - Not seen for an hour (new): last seen $SEEN" "$MAILS/mail.4.eml" \
    || fail "no unseen alert at $SEEN (Helsinki time): $(grep -a '^  - ' "$MAILS/mail.4.eml")"
check_eq "$(subj 4)" "Majakka: a kiosk at tuulikyla needs attention" "Subject (English)"
check_eq "$(hdr 4 Subject)" "Majakka: a kiosk at tuulikyla needs attention" "an ASCII subject as it is"
no_mail 5
stop_hub
echo "ok: $(ls "$MAILS"/mail.*.eml | wc -l) alert mails, each once"
