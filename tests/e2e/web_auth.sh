#!/bin/bash
# web_auth.sh HUB SYNC DATA - accounts and access over real HTTPS with curl (issue 11): sign-in
# and its cookie flags, wrong passwords and the growing delay (per account, not for everyone),
# posts without the CSRF token refused with nothing changed, the language (Accept-Language and
# the switch), a site coordinator answered 403 on every route of another site (by session and
# by token) and not on their own, the audit log, sign-out, a disabled account, idle and
# absolute session expiry. With MAJAKKA_TEST_PG_FILE the same on PostgreSQL.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
make_ca ca
H() { "$HUB" --db "$HUB_DB" "$@"; }
H init >/dev/null || fail "hub init"
hub_user anna admin "annan pitkä salasana"
hub_user ville coordinator "villen pitkä salasana" tuulikyla
BOT=$(H coordinator bot --role coordinator --site tuulikyla) || fail "scoped token"
ADMIN_TOKEN=$(H coordinator admin-bot) || fail "admin token"
H publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish tuulikyla"
H publish "$DATA/mini.json" --site muualla >/dev/null || fail "publish muualla"
CODE=$(H enroll --site muualla --name "Muu kioski") || fail "enroll code"
OWNCODE=$(H enroll --site tuulikyla --name "Oma kioski") || fail "enroll code 2"
start_hub ca --quiet
OTHER_KIOSK=$(hub_curl -X POST -d "{\"code\":\"$CODE\"}" "$HUB_URL/api/v1/enroll" | sed 's/.*"kiosk_id":"\([^"]*\)".*/\1/')
hub_curl -X POST -d "{\"code\":\"$OWNCODE\"}" "$HUB_URL/api/v1/enroll" > "$E2E_DIR/own.json"
OWN_KIOSK=$(sed 's/.*"kiosk_id":"\([^"]*\)".*/\1/' "$E2E_DIR/own.json")
KTOKEN=$(sed 's/.*"token":"\([^"]*\)".*/\1/' "$E2E_DIR/own.json")
[ -n "$OTHER_KIOSK" ] && [ -n "$OWN_KIOSK" ] || fail "enroll"
# A self-contained bundle to publish over HTTPS (mini.json names a calendar file).
BUNDLE="$E2E_DIR/flat.json"
hub_curl -H "Authorization: Bearer $KTOKEN" -o "$BUNDLE" "$HUB_URL/api/v1/bundle" || fail "fetching the bundle"
st() { hub_curl -o "$E2E_DIR/out" -w '%{http_code}' "$@"; }

# Signed out: every page sends the browser to the sign-in page; the API says 401.
check_eq "$(st -D "$E2E_DIR/h" "$HUB_URL/dashboard/site/tuulikyla")" 303 "signed out"
grep -qi "^location: /sign-in?next=/dashboard/site/tuulikyla" "$E2E_DIR/h" || fail "not sent to the sign-in page"
check_eq "$(st "$HUB_URL/api/v1/kiosks")" 401 "API signed out"
# The sign-in page: Finnish by default, Swedish for a Swedish browser; its own token cookie.
check_eq "$(st -D "$E2E_DIR/h" "$HUB_URL/sign-in")" 200 "sign-in page"
grep -q '<html lang="fi">' "$E2E_DIR/out" && grep -q "Kirjaudu sisään" "$E2E_DIR/out" || fail "sign-in page not in Finnish"
grep -qiE "^set-cookie: mj_pre=[0-9a-f]{64}; Path=/sign-in; HttpOnly; Secure; SameSite=Strict" "$E2E_DIR/h" || fail "form token cookie"
check_eq "$(st -H "Accept-Language: sv-FI,sv;q=0.9,en;q=0.5" "$HUB_URL/sign-in")" 200 "sign-in page (sv)"
grep -q '<html lang="sv">' "$E2E_DIR/out" && grep -q "Logga in" "$E2E_DIR/out" || fail "sign-in page not in Swedish"
grep -q 'for="f-user"' "$E2E_DIR/out" && grep -q 'autocomplete="current-password"' "$E2E_DIR/out" || fail "unlabelled fields"

# A right password: a session cookie with every flag, back to where the browser was going.
A="$E2E_DIR/anna.jar"
check_eq "$(web_sign_in "$A" anna "annan pitkä salasana")" 303 "sign-in"
grep -qiE "^set-cookie: mj_session=[0-9a-f]{64}; Path=/; HttpOnly; Secure; SameSite=Strict" "$E2E_DIR/signin-post.h" \
    || fail "session cookie flags: $(grep -i set-cookie "$E2E_DIR/signin-post.h")"
SID=$(grep -i "^set-cookie: mj_session=" "$E2E_DIR/signin-post.h" | sed 's/.*mj_session=\([0-9a-f]*\);.*/\1/')
[ "$(hubsql "SELECT count(*) FROM sessions WHERE id_hash = '$SID'")" = 0 ] || fail "the session id is stored in clear"
check_eq "$(st -b "$A" "$HUB_URL/dashboard")" 200 "dashboard signed in"
grep -q "Muu kioski" "$E2E_DIR/out" && grep -q "Oma kioski" "$E2E_DIR/out" || fail "an admin sees every kiosk"
CSRF=$(page_csrf "$E2E_DIR/out")
[ ${#CSRF} = 64 ] || fail "no CSRF token on the page"

# Wrong passwords: refused, then (past five) the account waits a growing time, even with the
# right password; another account from the same address signs in meanwhile.
V="$E2E_DIR/ville.jar"
for i in 1 2 3 4 5 6; do check_eq "$(web_sign_in "$V" ville "väärä salasana $i")" 401 "wrong password $i"; done
grep -q "Käyttäjätunnus tai salasana on väärin" "$E2E_DIR/signin-post.html" || fail "no message for a wrong password"
grep -q 'value="ville"' "$E2E_DIR/signin-post.html" || fail "the typed user name is not kept"
check_eq "$(web_sign_in "$V" ville "villen pitkä salasana")" 429 "right password while shut out"
RA=$(grep -i "^retry-after:" "$E2E_DIR/signin-post.h" | tr -dc 0-9)
[ -n "$RA" ] && [ "$RA" -ge 1 ] && [ "$RA" -le 4 ] || fail "Retry-After '$RA'"
check_eq "$(web_sign_in "$V" ville "väärä taas")" 429 "still shut out"
check_eq "$(web_sign_in "$E2E_DIR/other.jar" anna "annan pitkä salasana")" 303 "another account meanwhile"
sleep $((RA + 1))
check_eq "$(web_sign_in "$V" ville "villen pitkä salasana")" 303 "sign-in after the wait"
check_eq "$(st -b "$V" "$HUB_URL/dashboard")" 200 "coordinator's start page"
VCSRF=$(page_csrf "$E2E_DIR/out")
grep -q "Oma kioski" "$E2E_DIR/out" || fail "coordinator does not see their kiosk"
grep -q "Muu kioski\|/dashboard/site/muualla" "$E2E_DIR/out" && fail "coordinator sees another site"

# Posts without the CSRF token (or with a wrong one): 403, and nothing changes.
users_before=$(H user list | wc -l)
check_eq "$(st -b "$A" --data-urlencode "user=eve" -d "role=admin&sites=&password=eve+long+password" "$HUB_URL/admin/users")" 403 "add user without CSRF"
check_eq "$(st -b "$A" -d "csrf=$VCSRF&user=eve&role=admin&password=eve+long+password" "$HUB_URL/admin/users")" 403 "add user with another session's token"
check_eq "$(H user list | wc -l)" "$users_before" "users after refused posts"
ETAG=$(hubsql "SELECT etag FROM bundles WHERE site = 'tuulikyla'")
check_eq "$(st -b "$A" -X PUT --data-binary "@$BUNDLE" "$HUB_URL/api/v1/sites/tuulikyla/bundle")" 403 "publish by session without CSRF"
check_eq "$(hubsql "SELECT etag FROM bundles WHERE site = 'tuulikyla'")" "$ETAG" "bundle after a refused publish"
check_eq "$(st -b "$A" -X POST "$HUB_URL/sign-out")" 403 "sign-out without CSRF"
check_eq "$(st -b "$A" "$HUB_URL/dashboard")" 200 "still signed in after a refused sign-out"
# With the token the same posts work.
check_eq "$(st -b "$A" -d "csrf=$CSRF&user=eve&role=coordinator&sites=muualla&password=eve+long+password" "$HUB_URL/admin/users")" 200 "add user"
H user list | grep -q "^eve	coordinator	active	muualla$" || fail "eve not added: $(H user list)"
check_eq "$(st -b "$A" -H "X-CSRF-Token: $CSRF" -X PUT --data-binary "@$BUNDLE" "$HUB_URL/api/v1/sites/tuulikyla/bundle")" 200 "publish by session"

# A site coordinator (session and token): every route of another site answers 403 ...
walk() {   # walk WHO-ARGS... : prints "route status" for every per-site route of $SITE
    local k=$KIOSK
    echo "page $(st "$@" "$HUB_URL/dashboard/site/$SITE")"
    echo "csv $(st "$@" "$HUB_URL/api/v1/feedback.csv?site=$SITE")"
    echo "summary $(st "$@" "$HUB_URL/api/v1/feedback/summary?site=$SITE")"
    echo "publish $(st "$@" -X PUT --data-binary "@$BUNDLE" "$HUB_URL/api/v1/sites/$SITE/bundle")"
    echo "enroll-code $(st "$@" -X POST -d '{"name":"x"}' "$HUB_URL/api/v1/sites/$SITE/enroll-codes")"
    echo "revoke $(st "$@" -X POST -d '{}' "$HUB_URL/api/v1/kiosks/$k/revoke")"
}
SITE=muualla KIOSK=$OTHER_KIOSK
for who in session token; do
    if [ $who = session ]; then args=(-b "$V" -H "X-CSRF-Token: $VCSRF"); else args=(-H "Authorization: Bearer $BOT"); fi
    walk "${args[@]}" > "$E2E_DIR/walk"
    bad=$(grep -v " 403$" "$E2E_DIR/walk") && fail "another site by $who: not 403: $bad"
    for r in /admin/users /admin/audit /api/v1/feedback.csv /api/v1/feedback/summary; do
        check_eq "$(st "${args[@]}" "$HUB_URL$r")" 403 "$r by a coordinator's $who"
    done
    check_eq "$(st "${args[@]}" -d "csrf=$VCSRF&user=anna&disabled=1" "$HUB_URL/admin/users/disable")" 403 "disable by a coordinator's $who"
done
check_eq "$(hubsql "SELECT count(*) FROM kiosks WHERE id = '$OTHER_KIOSK' AND revoked_at IS NULL")" 1 "the other site's kiosk after the walk"
check_eq "$(hubsql "SELECT disabled FROM users WHERE name = 'anna'")" 0 "anna after the walk"
# ... and none of their own does (the last revokes their own kiosk).
SITE=tuulikyla KIOSK=$OWN_KIOSK
walk -b "$V" -H "X-CSRF-Token: $VCSRF" > "$E2E_DIR/walk"
grep -E " (401|403)$" "$E2E_DIR/walk" && fail "own site refused"
grep -q "^revoke 200$" "$E2E_DIR/walk" || fail "own kiosk not revoked: $(cat "$E2E_DIR/walk")"
# The kiosk list of a coordinator's token holds only their site's kiosks.
hub_curl -H "Authorization: Bearer $BOT" "$HUB_URL/api/v1/kiosks" > "$E2E_DIR/k.json"
grep -q "$OWN_KIOSK" "$E2E_DIR/k.json" && ! grep -q "$OTHER_KIOSK" "$E2E_DIR/k.json" || fail "token's kiosk list: $(cat "$E2E_DIR/k.json")"
check_eq "$(st -H "Authorization: Bearer $ADMIN_TOKEN" "$HUB_URL/api/v1/feedback.csv")" 200 "all sites' export by an admin token"

# The language switch keeps the choice; the pages follow it.
check_eq "$(st -b "$A" -c "$A" -D "$E2E_DIR/h" "$HUB_URL/lang?l=sv&next=/admin/users")" 303 "language switch"
grep -qi "^location: /admin/users" "$E2E_DIR/h" || fail "the switch does not go back"
check_eq "$(st -b "$A" -H "Accept-Language: fi" "$HUB_URL/admin/users")" 200 "users page in Swedish"
grep -q '<html lang="sv">' "$E2E_DIR/out" && grep -q "Lägg till en användare" "$E2E_DIR/out" || fail "the switch is not kept"

# The audit log: who did what, from where; never a password or a token.
check_eq "$(st -b "$A" "$HUB_URL/admin/audit")" 200 "audit page"
for a in signin signin.fail user.add publish kiosk.revoke kiosk.enroll; do
    grep -q ">$a<" "$E2E_DIR/out" || fail "audit page lacks $a"
done
grep -q "127.0.0.1" "$E2E_DIR/out" || fail "audit page lacks the address"
hubsql "SELECT actor, address, action, target, detail FROM audit" > "$E2E_DIR/audit.txt"
grep -q "salasana\|eve long\|$BOT\|$CSRF\|$SID" "$E2E_DIR/audit.txt" && fail "a secret in the audit log"
grep -q "ville|127.0.0.1|kiosk.revoke|$OWN_KIOSK|tuulikyla" "$E2E_DIR/audit.txt" || fail "revoke not audited: $(cat "$E2E_DIR/audit.txt")"

# Sign-out ends the session for good (the old cookie is worth nothing).
cp "$A" "$E2E_DIR/anna-old.jar"
check_eq "$(st -b "$A" -c "$A" -D "$E2E_DIR/h" -d "csrf=$CSRF" "$HUB_URL/sign-out")" 303 "sign-out"
grep -qi "^set-cookie: mj_session=; Path=/; Max-Age=0" "$E2E_DIR/h" || fail "sign-out does not clear the cookie"
check_eq "$(st -b "$E2E_DIR/anna-old.jar" "$HUB_URL/dashboard")" 303 "the old session after sign-out"
# The command line: a disabled account is signed out at once and cannot sign in.
H user disable ville >/dev/null || fail "user disable"
check_eq "$(st -b "$V" "$HUB_URL/dashboard")" 303 "a disabled account's session"
check_eq "$(web_sign_in "$E2E_DIR/v2.jar" ville "villen pitkä salasana")" 401 "a disabled account signs in"
printf 'uusi pitkä salasana\n' | H user passwd anna >/dev/null || fail "user passwd"
check_eq "$(web_sign_in "$E2E_DIR/a2.jar" anna "annan pitkä salasana")" 401 "the old password"
check_eq "$(web_sign_in "$E2E_DIR/a2.jar" anna "uusi pitkä salasana")" 303 "the new password"
H user add nobody --role admin </dev/null >/dev/null 2>&1 && fail "user add without a password"
stop_hub

# Expiry: 2 s idle, 5 s in all.
start_hub ca --quiet --session-idle 2 --session-max 5
check_eq "$(web_sign_in "$E2E_DIR/e.jar" anna "uusi pitkä salasana")" 303 "sign-in (expiry)"
sleep 3
check_eq "$(st -b "$E2E_DIR/e.jar" "$HUB_URL/dashboard")" 303 "after 3 s idle"
check_eq "$(web_sign_in "$E2E_DIR/e.jar" anna "uusi pitkä salasana")" 303 "sign-in (absolute)"
t0=$(date +%s) last=""
while [ $(($(date +%s) - t0)) -lt 9 ]; do
    last=$(st -b "$E2E_DIR/e.jar" "$HUB_URL/dashboard")
    [ "$last" = 303 ] && break
    sleep 1
done
check_eq "$last" 303 "a session used every second, past 5 s"
[ $(($(date +%s) - t0)) -ge 4 ] || fail "the session ended too early"
echo "web_auth: ok"
