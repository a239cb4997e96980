#!/bin/bash
# editor.sh HUB SYNC DATA - the content editor over real HTTPS (issue 11): a coordinator edits a
# service's Finnish name in the draft; a bad value is refused with the message at its field and
# nothing is published; a form without its CSRF token changes nothing; What changes lists the
# edit; Publish makes a new version that a real majakka-sync fetches and imports; restoring the
# old version brings the old name back on the kiosk.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
FORM="python3 $(dirname "$0")/form.py"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
hub_user anna coordinator "annan pitkä salasana" tuulikyla
hub_user ville coordinator "villen pitkä salasana" muualla
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Aula") || fail "enroll code"
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
start_hub ca --quiet
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>&1 || fail "enroll"
S once 2>"$E2E_DIR/err" || fail "first sync: $(cat "$E2E_DIR/err")"
kiosk_name() { sql "$KDB" "SELECT json_extract(name, '\$.fi') FROM services WHERE id = 'neuvola'"; }
OLD=$(kiosk_name)
[ -n "$OLD" ] || fail "the kiosk has no service neuvola"

J="$E2E_DIR/anna.jar"
check_eq "$(web_sign_in "$J" anna "annan pitkä salasana")" 303 "sign-in"
V="$E2E_DIR/ville.jar"
check_eq "$(web_sign_in "$V" ville "villen pitkä salasana")" 303 "sign-in (ville)"
E="$HUB_URL/edit/tuulikyla"
A="/edit/tuulikyla/services/neuvola"
get() { hub_curl -b "$J" -o "$E2E_DIR/$1" -w '%{http_code}' "${@:2}"; }
post() { hub_curl -b "$J" -o "$E2E_DIR/$1" -D "$E2E_DIR/$1.h" -w '%{http_code}' --data-binary @"$E2E_DIR/body" "$2"; }
versions() { hubsql "SELECT count(*) FROM bundle_versions WHERE site = 'tuulikyla'"; }

check_eq "$(hub_curl -o /dev/null -w '%{http_code}' "$E/services/neuvola")" 303 "the editor without signing in"
check_eq "$(get form.html "$HUB_URL$A")" 200 "the service form"
grep -q 'name="services\[0\].name.fi"' "$E2E_DIR/form.html" || fail "the Finnish name is not named by its JSON path"
grep -Eq '(src|href)="(https?:)?//' "$E2E_DIR/form.html" && fail "the editor loads something from elsewhere"
grep -q "<script" "$E2E_DIR/form.html" && fail "the form needs a script"

# A bad value: the validator's message at its field, what was typed kept, nothing saved or published.
$FORM "$E2E_DIR/form.html" "$A" "services[0].name.fi=Kirjoitettu nimi" "services[0].opening_hours[0].day=" \
    "services[0].opening_hours[0].open=25:00" > "$E2E_DIR/body" || fail "form.py"
check_eq "$(post bad.html "$HUB_URL$A")" 422 "a bad opening time"
grep -q 'id="f-services-0-opening_hours-0-day-err" role="alert">puuttuu\|id="f-services-0-opening_hours-0-open-err"' "$E2E_DIR/bad.html" \
    || fail "no message at the field: $(grep -o 'class="error".\{0,300\}' "$E2E_DIR/bad.html")"
grep -q 'value="Kirjoitettu nimi"' "$E2E_DIR/bad.html" || fail "what was typed is lost"
check_eq "$(hubsql "SELECT count(*) FROM drafts")" 0 "a refused save stored a draft"
check_eq "$(versions)" 1 "a refused save published"

# Without the CSRF token: refused, nothing changes.
$FORM "$E2E_DIR/form.html" "$A" "services[0].name.fi=Ilman tokenia" '!csrf' > "$E2E_DIR/body"
check_eq "$(post nocsrf.json "$HUB_URL$A")" 403 "a form without its CSRF token"
check_eq "$(hubsql "SELECT count(*) FROM drafts")" 0 "a form without CSRF stored a draft"

# The good edit: saved to the draft, listed in What changes, not yet on the kiosk.
$FORM "$E2E_DIR/form.html" "$A" "services[0].name.fi=Perheneuvola Tuulikylä" > "$E2E_DIR/body"
check_eq "$(post saved.txt "$HUB_URL$A")" 303 "saving the Finnish name"
grep -qi "^location: $A?saved=1" "$E2E_DIR/saved.txt.h" || fail "no redirect back to the form"
check_eq "$(get changes.html "$E/changes")" 200 "what changes"
grep -q "<del>$OLD</del> → <ins>Perheneuvola Tuulikylä</ins>" "$E2E_DIR/changes.html" || fail "what changes does not show old → new"
check_eq "$(versions)" 1 "saving to the draft published"
S once 2>/dev/null || fail "sync before publishing"
check_eq "$(kiosk_name)" "$OLD" "the kiosk got the draft"

# Publish: a new version, which the real sync agent fetches and imports.
$FORM "$E2E_DIR/changes.html" /edit/tuulikyla/publish > "$E2E_DIR/body"
check_eq "$(post pub.txt "$E/publish")" 303 "publish"
check_eq "$(versions)" 2 "versions after publish"
check_eq "$(hubsql "SELECT published_by FROM bundle_versions WHERE version = 2")" anna "who published"
check_eq "$(hubsql "SELECT actor || ' ' || action || ' ' || target FROM audit WHERE action = 'content.publish'")" "anna content.publish tuulikyla" "publish audited"
# A coordinator of another site: 403 on the editor's pages and posts, nothing published.
check_eq "$(hub_curl -b "$V" -o /dev/null -w '%{http_code}' "$E/services/neuvola")" 403 "another site's form"
check_eq "$(hub_curl -b "$V" -o /dev/null -w '%{http_code}' --data-binary @"$E2E_DIR/body" "$E/publish")" 403 "another site's publish"
check_eq "$(versions)" 2 "versions after another site's coordinator tried"
S once 2>"$E2E_DIR/err" || fail "sync after publish: $(cat "$E2E_DIR/err")"
check_eq "$(kiosk_name)" "Perheneuvola Tuulikylä" "the kiosk's service name after publish"
check_eq "$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")" "$(hubsql "SELECT content_version FROM bundles")" "content version on the kiosk"

# Restore version 1: a new version 3 equal to 1; the kiosk shows the old name again.
check_eq "$(get versions.html "$E/versions")" 200 "versions page"
$FORM "$E2E_DIR/versions.html" /edit/tuulikyla/versions/1/restore > "$E2E_DIR/body"
check_eq "$(post restore.txt "$E/versions/1/restore")" 303 "restore"
check_eq "$(versions)" 3 "versions after restore"
check_eq "$(hubsql "SELECT note FROM bundle_versions WHERE version = 3")" "restored version 1" "the restore's note"
check_eq "$(hubsql "SELECT count(*) FROM audit WHERE action = 'content.restore' AND actor = 'anna'")" 1 "restore audited"
S once 2>"$E2E_DIR/err" || fail "sync after restore: $(cat "$E2E_DIR/err")"
check_eq "$(kiosk_name)" "$OLD" "the kiosk's service name after restore"
stop_hub
echo "ok: editor"
