#!/bin/bash
# dashboard.sh HUB SYNC DATA - the coordinator dashboard with real data from a synced kiosk:
# the HTML pages (kiosks with a stale one marked, faces per week as SVG, follow-up answers,
# masked comments; nothing loaded from elsewhere) for a signed-in account, then real headless
# Chromium screenshots of them.
# DASHBOARD_PNG_DIR=DIR keeps the screenshots there.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
COORD=$("$HUB" --db "$HUB_DB" coordinator dash) || fail "coordinator"
hub_user dash admin "dashboard test password"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Aula (lobby)") || fail "enroll code"
"$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Never seen" >/dev/null
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
start_hub ca --quiet
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" "$@"; }
S enroll "$CODE" >/dev/null 2>&1 || fail "enroll"
# A second kiosk that enrolled and then went quiet (stale).
CODE2=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Kirjasto") || fail "enroll code 2"
hub_curl -X POST -d "{\"code\":\"$CODE2\"}" "$HUB_URL/api/v1/enroll" >/dev/null
add_answers "$KDB" 300 d
sql "$KDB" "INSERT INTO feedback (key, visit_id, created, context, language, kind, comment) VALUES
  ('mask-00001', 'vm', '2026-11-19T10:00', 'home', 'fi', 'comment', 'Hyvä! Mailaa matti.meikalainen@example.fi tai hetu 010190-123A'),
  ('xss-000001', 'vx', '2026-11-19T11:00', 'home', 'en', 'comment', '<script>alert(1)</script> great');
  INSERT INTO feedback (key, visit_id, created, context, language, kind, question_id, question_version, options) VALUES
  ('found-0001', 'vf', '2026-11-19T10:00', 'home', 'fi', 'choice', 'found', 2, '[\"yes\"]'),
  ('found-0002', 'vg', '2026-11-19T10:00', 'home', 'fi', 'choice', 'found', 2, '[\"no\"]'),
  ('found-0003', 'vh', '2026-11-19T10:00', 'home', 'fi', 'choice', 'found', 2, '[\"yes\"]');
  INSERT INTO sync_state (key, value) VALUES ('printer_status', 'paper low')"
S once 2>"$E2E_DIR/err" || fail "sync: $(cat "$E2E_DIR/err")"

# The pages in English here (the words checked below); tests/e2e/web_auth.sh checks the languages.
get() { hub_curl -H "Accept-Language: ${LANG_HDR:-en}" -o "$E2E_DIR/$1" -w '%{http_code}' "${@:2}"; }
check_eq "$(get login.html -D "$E2E_DIR/login.h" "$HUB_URL/dashboard/site/tuulikyla")" 303 "dashboard without signing in"
grep -qi "^location: /sign-in?next=/dashboard/site/tuulikyla" "$E2E_DIR/login.h" || fail "not sent to the sign-in page"
JAR="$E2E_DIR/jar"
check_eq "$(web_sign_in "$JAR" dash "dashboard test password")" 303 "sign-in"
grep -qiE "^set-cookie: mj_session=[0-9a-f]{64}; Path=/; HttpOnly; Secure; SameSite=Strict" "$E2E_DIR/signin-post.h" || fail "no secure session cookie"
check_eq "$(get kiosks.html -D "$E2E_DIR/kiosks.h" -b "$JAR" "$HUB_URL/dashboard")" 200 "kiosks page"
check_eq "$(get bearer.html -H "Authorization: Bearer $COORD" "$HUB_URL/dashboard")" 200 "kiosks page by token"
grep -qi "^content-security-policy: default-src 'none'" "$E2E_DIR/kiosks.h" || fail "no CSP"
for s in "Aula (lobby)" "Kirjasto" "paper low" "stale" "never"; do
    grep -q "$s" "$E2E_DIR/kiosks.html" || fail "kiosks page lacks '$s'"
done
check_eq "$(grep -o 'class="stale"' "$E2E_DIR/kiosks.html" | wc -l)" 1 "stale kiosks marked"
# In Finnish: the question and option texts follow the coordinator's language.
check_eq "$(LANG_HDR=fi get site.html -b "$JAR" "$HUB_URL/dashboard/site/tuulikyla")" 200 "site page by cookie"
for s in "<svg" "what-helped" "staff" "Löysitkö etsimäsi?" "Kyllä" "Mailaa \*\*\* tai hetu \*\*\*" "soita \*\*\*" "شكرا" "&lt;script&gt;"; do
    grep -q "$s" "$E2E_DIR/site.html" || fail "site page lacks '$s'"
done
for s in "matti.meikalainen" "010190-123A" "040 123 4567"; do
    ! grep -q "$s" "$E2E_DIR/site.html" || fail "site page shows '$s' unmasked"
done
grep -q "matti.meikalainen\|010190-123A\|<script>" "$E2E_DIR/site.html" && fail "unmasked or unescaped comment on the page"
grep -Eq '(src|href)="(https?:)?//' "$E2E_DIR/site.html" "$E2E_DIR/kiosks.html" && fail "the dashboard loads something from elsewhere"
check_eq "$(get sx.html -b "$JAR" "$HUB_URL/dashboard/site/tuulikyla?suspect=exclude")" 200 "site page without suspect presses"
grep -q "Excluding suspect" "$E2E_DIR/sx.html" || fail "suspect filter not shown"
grep -q 'name="suspect" value="exclude" checked' "$E2E_DIR/sx.html" || fail "filter form does not keep its state"
check_eq "$(get range.html -b "$JAR" "$HUB_URL/dashboard/site/tuulikyla?from=2026-11-16&to=2026-11-22")" 200 "site page for one week"
check_eq "$(get from.html -b "$JAR" "$HUB_URL/dashboard/site/tuulikyla?from=2026-11-16&to=")" 200 "site page from a date on"
grep -q 'name="from" value="2026-11-16"' "$E2E_DIR/from.html" || fail "an empty 'to' dropped 'from'"
grep -q 'feedback.csv?site=tuulikyla&amp;from=2026-11-16&amp;to=2026-11-22' "$E2E_DIR/range.html" || fail "CSV link ignores the dates"
check_eq "$(grep -o '<rect x="[0-9]*" y="[0-9]*" width="48"' "$E2E_DIR/range.html" | sed 's/ y=.*//' | sort -u | wc -l)" 1 "one week of bars"
# The summary JSON agrees with the kiosk store.
hub_curl -H "Authorization: Bearer $COORD" "$HUB_URL/api/v1/feedback/summary?site=tuulikyla" > "$E2E_DIR/summary.json"
check_eq "$(jget "$E2E_DIR/summary.json" '$.total_faces')" \
    "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE kind='face'")" "faces in the summary"

# Real headless Chromium: the pages render; the screenshots are PNGs of the expected size.
if command -v chromium >/dev/null; then
    shot() {
        local prof; prof=$(mktemp -d "$E2E_DIR/chromium.XXXX")
        # The test CA is not in Chromium's store; TLS itself is checked with curl above.
        timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$prof" \
            --ignore-certificate-errors --window-size=1200,1400 --screenshot="$E2E_DIR/$1" "$2" >/dev/null 2>&1
        [ -s "$E2E_DIR/$1" ] || fail "chromium made no screenshot of $2"
        check_eq "$(head -c 8 "$E2E_DIR/$1" | od -An -tx1 | tr -d ' ')" 89504e470d0a1a0a "$1 is a PNG"
        if command -v identify >/dev/null; then
            check_eq "$(identify -format '%w x %h' "$E2E_DIR/$1")" "1200 x 1400" "$1 size"
            # Not a blank page: more than a handful of colours.
            [ "$(identify -format '%k' "$E2E_DIR/$1")" -gt 20 ] || fail "$1 looks blank"
        fi
    }
    # The signed-in pages as the hub served them (everything is inline, so a saved copy renders
    # the same; signing Chromium in is tests/web's part), and the sign-in page from the hub.
    shot kiosks.png "file://$E2E_DIR/kiosks.html"
    shot site.png "file://$E2E_DIR/site.html"
    shot signin.png "$HUB_URL/sign-in"
    prof=$(mktemp -d "$E2E_DIR/chromium.XXXX")
    timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$prof" \
        --dump-dom "file://$E2E_DIR/site.html" > "$E2E_DIR/dom.html" 2>/dev/null
    grep -q "Löysitkö etsimäsi?" "$E2E_DIR/dom.html" || fail "Chromium did not render the signed-in page"
    if [ -n "${DASHBOARD_PNG_DIR:-}" ]; then mkdir -p "$DASHBOARD_PNG_DIR"; cp "$E2E_DIR"/*.png "$DASHBOARD_PNG_DIR"/; fi
else
    echo "dashboard: chromium not installed, screenshots skipped"
fi
echo "dashboard: ok"
