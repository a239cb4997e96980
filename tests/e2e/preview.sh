#!/bin/bash
# preview.sh HUB KIOSK ASSETS MEMORY_MB - the hub's preview routes over HTTPS (curl), drawn by
# the real majakka-kiosk: the picture equals the kiosk's own --preview of the published bundle,
# a saved draft previewed before it is published, orientation and language choices, the checks on every parameter, a refused request with a
# reason and no picture, and coordinators only.
HUB=$1 KIOSK=$2 ASSETS=$3 MEM=$4
. "$(dirname "$0")/lib.sh"
make_ca ca
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
COORD=$("$HUB" --db "$HUB_DB" coordinator preview) || fail "coordinator"
# a coordinator of majakka only, and one of another site
MINE=$("$HUB" --db "$HUB_DB" coordinator mine --role coordinator --site majakka) || fail "site coordinator"
OTHER=$("$HUB" --db "$HUB_DB" coordinator other --role coordinator --site toinen) || fail "other site's coordinator"
"$HUB" --db "$HUB_DB" publish "$ASSETS/demo/bundle.json" --site majakka >/dev/null || fail "publish"
export TMPDIR="$E2E_DIR/tmp"   # where the hub's renderer makes its temporary folders
mkdir -p "$TMPDIR"
start_hub ca --quiet --kiosk "$KIOSK" --kiosk-assets "$ASSETS" --preview-limits "20000,$MEM"
A=(-H "Authorization: Bearer $COORD")
get() { hub_curl -o "$E2E_DIR/$1" -D "$E2E_DIR/$1.h" -w '%{http_code}' "${@:2}"; }

check_eq "$(get home.png "${A[@]}" "$HUB_URL/site/majakka/preview/home.png?lang=fi&orient=landscape&date=2026-11-24")" 200 "home preview"
grep -qi '^content-type: image/png' "$E2E_DIR/home.png.h" || fail "home preview is not image/png"
check_eq "$(identify -format '%wx%h' "$E2E_DIR/home.png")" 1920x1080 "landscape size"
# exactly what the kiosk itself draws from the published bundle
"$KIOSK" --config /dev/null --assets "$ASSETS" --set kiosk.dpi=96 --preview "$ASSETS/demo/bundle.json" --screen home \
    --language fi --size 1920x1080 --clock 2026-11-24T10:00 --out "$E2E_DIR/kiosk-home.png" || fail "kiosk --preview"
d=$(compare -metric AE "$E2E_DIR/home.png" "$E2E_DIR/kiosk-home.png" /dev/null 2>&1)
check_eq "${d%% *}" 0 "pixels differing between the hub's preview and the kiosk's own"

check_eq "$(get events.png "${A[@]}" "$HUB_URL/site/majakka/preview/events.png?lang=ar&orient=portrait&date=2026-11-24")" 200 "events preview"
check_eq "$(identify -format '%wx%h' "$E2E_DIR/events.png")" 1080x1920 "portrait size"
check_eq "$(get svc.png "${A[@]}" "$HUB_URL/site/majakka/preview/service/aitiysneuvola.png?lang=sv&date=2026-11-24")" 200 "service preview"
# a second fetch is served from the cache: the same bytes
get svc2.png "${A[@]}" "$HUB_URL/site/majakka/preview/service/aitiysneuvola.png?lang=sv&date=2026-11-24" >/dev/null
cmp -s "$E2E_DIR/svc.png" "$E2E_DIR/svc2.png" || fail "the cached picture differs"

# refused with a reason, no picture
check_eq "$(get none.json "${A[@]}" "$HUB_URL/site/majakka/preview/service/ei-ole.png")" 422 "unknown service"
grep -q '"preview_refused"' "$E2E_DIR/none.json" && grep -q 'the bundle has no service' "$E2E_DIR/none.json" || fail "no reason: $(cat "$E2E_DIR/none.json")"
check_eq "$(get de.json "${A[@]}" "$HUB_URL/site/majakka/preview/home.png?lang=de")" 422 "a language the site lacks"
grep -q "the site's languages are" "$E2E_DIR/de.json" || fail "no reason: $(cat "$E2E_DIR/de.json")"
for q in "orient=sideways" "lang=FI" "lang=fi;rm" "date=2026-13-01" "date=tomorrow"; do
    check_eq "$(get bad.json "${A[@]}" "$HUB_URL/site/majakka/preview/home.png?$q")" 400 "bad parameter $q"
done
check_eq "$(get bad.json "${A[@]}" "$HUB_URL/site/majakka/preview/search.png")" 404 "unknown screen"
check_eq "$(get bad.json "${A[@]}" "$HUB_URL/site/Not_An_Id/preview/home.png")" 404 "bad site id"
check_eq "$(get bad.json "${A[@]}" "$HUB_URL/site/nowhere/preview/home.png")" 404 "site without content"
check_eq "$(get bad.json -X POST "${A[@]}" "$HUB_URL/site/majakka/preview/home.png")" 405 "POST"
# the page: the three pictures with alt texts and the screens' texts, the choices as a GET form
check_eq "$(get page.html "${A[@]}" "$HUB_URL/site/majakka/preview?lang=sv&orient=portrait&date=2026-11-24&service=aitiysneuvola")" 200 "preview page"
for want in 'src="/site/majakka/preview/home.png?lang=sv&amp;orient=portrait&amp;date=2026-11-24"' \
            'src="/site/majakka/preview/events.png?lang=sv' 'src="/site/majakka/preview/service/aitiysneuvola.png?lang=sv' \
            'alt="' '<form method="get" action="/site/majakka/preview"' '<option value="ar" lang="ar">العربية</option>' \
            'value="portrait" checked' '<li>Mödrarådgivning</li>' '<li>Familjecentret Majakka</li>'; do
    grep -qF -- "$want" "$E2E_DIR/page.html" || fail "the page lacks $want"
done
grep -q '<script' "$E2E_DIR/page.html" && fail "the page has a script"
check_eq "$(grep -o '<img ' "$E2E_DIR/page.html" | wc -l)" 3 "pictures on the page"
# a language the site lacks: the kiosk's reason on the page, and no picture
check_eq "$(get page-de.html "${A[@]}" "$HUB_URL/site/majakka/preview?lang=de")" 200 "page in a language the site lacks"
grep -q "languages are fi, sv, en, ar" "$E2E_DIR/page-de.html" || fail "no reason on the page"
check_eq "$(grep -c '<img ' "$E2E_DIR/page-de.html")" 0 "pictures for a refused language"
# site-scoped: a coordinator of this site may, of another site may not (403), nobody signed out
check_eq "$(get mine.png -H "Authorization: Bearer $MINE" "$HUB_URL/site/majakka/preview/home.png?date=2026-11-24")" 200 "this site's coordinator"
check_eq "$(get other.json -H "Authorization: Bearer $OTHER" "$HUB_URL/site/majakka/preview/home.png")" 403 "another site's coordinator, picture"
check_eq "$(get other.html -H "Authorization: Bearer $OTHER" "$HUB_URL/site/majakka/preview")" 403 "another site's coordinator, page"
check_eq "$(get anon.json "$HUB_URL/site/majakka/preview/home.png")" 303 "without a sign-in"
grep -qi '^location: /sign-in' "$E2E_DIR/anon.json.h" || fail "not sent to the sign-in: $(grep -i location "$E2E_DIR/anon.json.h")"
check_eq "$(get anon.json -H "Authorization: Bearer 0000000000000000000000000000000000000000000000000000000000000000" \
    "$HUB_URL/site/majakka/preview/home.png")" 401 "with a wrong token"
# the hub's pages may show the hub's own pictures, nothing from elsewhere
get dash.html "${A[@]}" "$HUB_URL/dashboard" >/dev/null
grep -qi "^content-security-policy: default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;" "$E2E_DIR/dash.html.h" \
    || fail "CSP: $(grep -i content-security "$E2E_DIR/dash.html.h")"
# a saved draft is what the preview shows (before it is published), the published bundle unchanged
check_eq "$(get svcform.html "${A[@]}" "$HUB_URL/edit/majakka/services/aitiysneuvola")" 200 "the editor's service form"
F=$(grep -o 'name="services\[[0-9]*\]\.name\.sv"' "$E2E_DIR/svcform.html" | head -1 | sed 's/^name="//; s/"$//')
[ -n "$F" ] || fail "no Swedish name field in the service form"
python3 "$(dirname "$0")/form.py" "$E2E_DIR/svcform.html" /edit/majakka/services/aitiysneuvola "$F=Utkastets rådgivning" \
    > "$E2E_DIR/body" || fail "form.py"
check_eq "$(hub_curl "${A[@]}" -o /dev/null -w '%{http_code}' --data-binary @"$E2E_DIR/body" \
    "$HUB_URL/edit/majakka/services/aitiysneuvola")" 303 "saving the draft"
check_eq "$(get draft.html "${A[@]}" "$HUB_URL/site/majakka/preview?lang=sv&date=2026-11-24&service=aitiysneuvola")" 200 "preview page of the draft"
grep -qF '<li>Utkastets rådgivning</li>' "$E2E_DIR/draft.html" || fail "the preview does not show the draft's name"
check_eq "$(get svc3.png "${A[@]}" "$HUB_URL/site/majakka/preview/service/aitiysneuvola.png?lang=sv&date=2026-11-24")" 200 "service preview of the draft"
cmp -s "$E2E_DIR/svc.png" "$E2E_DIR/svc3.png" && fail "the draft's picture is the published one's"
[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary preview folders left behind: $(ls "$TMPDIR")"
[ -n "${PREVIEW_PNG_DIR:-}" ] && cp "$E2E_DIR"/home.png "$E2E_DIR"/events.png "$E2E_DIR"/svc.png "$PREVIEW_PNG_DIR/"
stop_hub
echo "e2e preview: ok"
