#!/bin/bash
# fleet_web.sh HUB SYNC DATA - the fleet pages over real HTTPS with curl, signed in as a
# browser: enroll a kiosk from the browser (the code on the page and in its QR code, read back
# with rsvg-convert and zbarimg) and a real majakka-sync enrolls with it; rename; move to another
# site (its next sync fetches that site's content); revoke with its confirmation step (its next
# sync is refused); the alert address; a site coordinator answered 403 on another site's kiosk,
# for every page and post, with nothing changed; posts without the CSRF token refused; the audit
# log has every change and never the code. With MAJAKKA_TEST_PG_FILE the same on PostgreSQL.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
make_ca ca
H() { "$HUB" --db "$HUB_DB" "$@"; }
H init >/dev/null || fail "hub init"
hub_user anna admin "annan pitkä salasana"
hub_user ville coordinator "villen pitkä salasana" tuulikyla
H publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish tuulikyla"
H publish "$DATA/mini.json" --site kirjasto >/dev/null || fail "publish kirjasto"
# kirjasto's content is another version (its calendar added), so a move shows in the kiosk.
H import-ics "$DATA/mini.ics" --site kirjasto >/dev/null || fail "import-ics kirjasto"
OTHER_CODE=$(H enroll --site muualla --name "Muu kioski") || fail "enroll code"
start_hub ca --quiet
OTHER=$(hub_curl -X POST -d "{\"code\":\"$OTHER_CODE\"}" "$HUB_URL/api/v1/enroll" | sed 's/.*"kiosk_id":"\([^"]*\)".*/\1/')
[ -n "$OTHER" ] || fail "enrolling the other site's kiosk"
st() { hub_curl -o "$E2E_DIR/out" -w '%{http_code}' "$@"; }
A="$E2E_DIR/anna.jar" V="$E2E_DIR/ville.jar"
check_eq "$(web_sign_in "$V" ville "villen pitkä salasana")" 303 "coordinator sign-in"
check_eq "$(web_sign_in "$A" anna "annan pitkä salasana")" 303 "admin sign-in"

# The fleet page: the enroll form, the coordinator's own sites only.
check_eq "$(st -b "$V" "$HUB_URL/fleet")" 200 "fleet page"
VCSRF=$(page_csrf "$E2E_DIR/out")
[ ${#VCSRF} = 64 ] || fail "no CSRF token on the fleet page"
grep -q 'action="/fleet/enroll"' "$E2E_DIR/out" || fail "no enroll form"
grep -q "Muu kioski\|muualla" "$E2E_DIR/out" && fail "the coordinator sees another site on the fleet page"
grep -Eq '(src|href)="(https?:)?//|<script' "$E2E_DIR/out" && fail "the fleet page loads something from elsewhere"

# Enroll from the browser: a bad name keeps what was typed and makes no code.
codes=$(hubsql "SELECT count(*) FROM enroll_codes")
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "site=tuulikyla&hours=24" --data-urlencode $'name=two\nlines' "$HUB_URL/fleet/enroll")" 400 "enroll with a bad name"
grep -q 'aria-invalid="true"' "$E2E_DIR/out" || fail "the bad name is not marked at its field"
check_eq "$(hubsql "SELECT count(*) FROM enroll_codes")" "$codes" "codes after a refused enroll"
check_eq "$(st -b "$V" -d "site=tuulikyla&hours=24&name=x" "$HUB_URL/fleet/enroll")" 403 "enroll without CSRF"
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "site=muualla&hours=24&name=x" "$HUB_URL/fleet/enroll")" 403 "enroll at another site"
check_eq "$(hubsql "SELECT count(*) FROM enroll_codes")" "$codes" "codes after refused enrolls"
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "site=tuulikyla&hours=24" --data-urlencode "name=Aula (ala-aula)" "$HUB_URL/fleet/enroll")" 200 "enroll"
cp "$E2E_DIR/out" "$E2E_DIR/code.html"
CODE=$(grep -o '<p class="code" id="enroll-code">[A-Z0-9-]*</p>' "$E2E_DIR/code.html" | sed 's/<[^>]*>//g')
[[ "$CODE" =~ ^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$ ]] || fail "no code on the page: '$CODE'"
grep -q 'id="enroll-expiry"' "$E2E_DIR/code.html" || fail "no expiry on the page"
grep -q "majakka-sync enroll $CODE" "$E2E_DIR/code.html" || fail "the kiosk's command is not on the page"
# The QR code: an inline SVG (no script, nothing fetched) that decodes to the code.
sed -n 's/.*\(<svg[^>]*class="qr".*<\/svg>\).*/\1/p' "$E2E_DIR/code.html" > "$E2E_DIR/qr.svg"
[ -s "$E2E_DIR/qr.svg" ] || fail "no QR code SVG on the page"
rsvg-convert -w 400 -h 400 -b white -o "$E2E_DIR/qr.png" "$E2E_DIR/qr.svg" || fail "rsvg-convert"
check_eq "$(zbarimg --raw -q "$E2E_DIR/qr.png" | tr -d '\r\n')" "$CODE" "the QR code"
# The code never goes to the audit log or the hub's log; the store has only its hash.
[ "$(hubsql "SELECT count(*) FROM enroll_codes WHERE code_hash = '$CODE'")" = 0 ] || fail "code stored in clear"

# A real majakka-sync enrolls with that code and syncs.
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll with the browser's code: $(cat "$E2E_DIR/err")"
S once 2>"$E2E_DIR/err" || fail "first sync: $(cat "$E2E_DIR/err")"
ID=$(hubsql "SELECT id FROM kiosks WHERE name = 'Aula (ala-aula)'")
[ -n "$ID" ] || fail "no kiosk after enrolling"
CV1=$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")

# The kiosk's page, rename.
check_eq "$(st -b "$V" "$HUB_URL/fleet/kiosk/$ID")" 200 "kiosk page"
grep -q "Aula (ala-aula)" "$E2E_DIR/out" || fail "kiosk page without its name"
check_eq "$(st -b "$V" -d "name=Ei" "$HUB_URL/fleet/kiosk/$ID/rename")" 403 "rename without CSRF"
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "name=" "$HUB_URL/fleet/kiosk/$ID/rename")" 400 "rename to nothing"
check_eq "$(st -b "$V" -D "$E2E_DIR/h" --data-urlencode "csrf=$VCSRF" --data-urlencode "name=Neuvolan odotustila" "$HUB_URL/fleet/kiosk/$ID/rename")" 303 "rename"
grep -qi "^location: /fleet/kiosk/$ID?done=renamed" "$E2E_DIR/h" || fail "rename goes back to the kiosk"
check_eq "$(hubsql "SELECT name FROM kiosks WHERE id = '$ID'")" "Neuvolan odotustila" "name after rename"

# Site scoping: the other site's kiosk answers 403 to the coordinator, and nothing changes.
for path in "fleet/kiosk/$OTHER" "fleet/kiosk/$OTHER/revoke" "fleet?site=muualla"; do
    check_eq "$(st -b "$V" "$HUB_URL/$path")" 403 "coordinator GET /$path"
done
for path in rename move revoke; do
    check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "name=Hijacked&site=tuulikyla&confirm=yes" "$HUB_URL/fleet/kiosk/$OTHER/$path")" 403 "coordinator POST $path of another site's kiosk"
done
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "email=evil%40example.com" "$HUB_URL/fleet/site/muualla/alert-mail")" 403 "alert address of another site"
# Nor may a coordinator move their own kiosk to a site not theirs.
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "site=muualla" "$HUB_URL/fleet/kiosk/$ID/move")" 403 "move to another's site"
check_eq "$(hubsql "SELECT site || '|' || name || '|' || coalesce(revoked_at, '-') FROM kiosks WHERE id = '$OTHER'")" "muualla|Muu kioski|-" "the other site's kiosk after refused posts"
check_eq "$(hubsql "SELECT site FROM kiosks WHERE id = '$ID'")" tuulikyla "site after a refused move"
check_eq "$(hubsql "SELECT count(*) FROM site_settings WHERE site = 'muualla'")" 0 "the other site's alert address"

# The alert address from the page.
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" -d "email=not+an+address" "$HUB_URL/fleet/site/tuulikyla/alert-mail")" 400 "a bad alert address"
check_eq "$(st -b "$V" --data-urlencode "csrf=$VCSRF" --data-urlencode "email=coord@tuulikyla.example" "$HUB_URL/fleet/site/tuulikyla/alert-mail")" 303 "alert address"
check_eq "$(hubsql "SELECT alert_email FROM site_settings WHERE site = 'tuulikyla'")" "coord@tuulikyla.example" "the stored alert address"

# Move (an admin, to a site the coordinator does not have): the next sync fetches that content.
ACSRF=$(st -b "$A" "$HUB_URL/fleet" >/dev/null; page_csrf "$E2E_DIR/out")
check_eq "$(st -b "$A" --data-urlencode "csrf=$ACSRF" -d "site=kirjasto" "$HUB_URL/fleet/kiosk/$ID/move")" 303 "move"
check_eq "$(hubsql "SELECT site FROM kiosks WHERE id = '$ID'")" kirjasto "site after the move"
S once 2>"$E2E_DIR/err" || fail "sync after the move: $(cat "$E2E_DIR/err")"
CV2=$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")
[ "$CV2" != "$CV1" ] || fail "the moved kiosk did not fetch the new site's content ($CV1)"
check_eq "$CV2" "$(hubsql "SELECT content_version FROM bundles WHERE site = 'kirjasto'")" "content after the move"
# Now the coordinator cannot reach it.
check_eq "$(st -b "$V" "$HUB_URL/fleet/kiosk/$ID")" 403 "the moved kiosk for the coordinator"

# Revoke: the confirmation step first; without confirm=yes nothing happens.
check_eq "$(st -b "$A" "$HUB_URL/fleet/kiosk/$ID/revoke")" 200 "revoke confirmation page"
grep -q 'name="confirm" value="yes"' "$E2E_DIR/out" || fail "no confirmation form"
check_eq "$(st -b "$A" --data-urlencode "csrf=$ACSRF" "$HUB_URL/fleet/kiosk/$ID/revoke")" 400 "revoke without confirming"
check_eq "$(hubsql "SELECT count(*) FROM kiosks WHERE id = '$ID' AND revoked_at IS NULL")" 1 "still active"
check_eq "$(st -b "$A" --data-urlencode "csrf=$ACSRF" -d "confirm=yes" "$HUB_URL/fleet/kiosk/$ID/revoke")" 303 "revoke"
S once 2>"$E2E_DIR/err" && fail "a revoked kiosk synced"
grep -qi "401\|revoked\|refused" "$E2E_DIR/err" || fail "revoked sync: $(cat "$E2E_DIR/err")"
check_eq "$(st -b "$A" "$HUB_URL/fleet/kiosk/$ID")" 200 "revoked kiosk page"
grep -q "/fleet/kiosk/$ID/rename" "$E2E_DIR/out" && fail "a revoked kiosk can still be renamed"

# The audit log has each change, by whom, and never the code.
AUD=$(hubsql "SELECT action || ' ' || target FROM audit ORDER BY id")
for a in "enroll.code tuulikyla" "kiosk.rename $ID" "kiosk.move $ID" "kiosk.revoke $ID" "site.alert_mail tuulikyla"; do
    grep -q "^$a" <<<"$AUD" || fail "audit lacks '$a': $AUD"
done
[ "$(hubsql "SELECT count(*) FROM audit WHERE detail LIKE '%$CODE%' OR target LIKE '%$CODE%'")" = 0 ] || fail "the code is in the audit log"
grep -qF "$CODE" "$E2E_DIR/hub.log" && fail "the code is in the hub's log"
stop_hub
echo "ok: fleet pages"
