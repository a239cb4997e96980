#!/bin/bash
# fixture.sh start STATE HUB SYNC KIOSK_TEST SOURCE_DIR | stop STATE
# The ctest fixture of the browser tests (tests/web.cmake): `start` makes a throwaway CA and a
# certificate for 127.0.0.1, a hub database with two sites (the demo content as
# majakka-tuulikyla, tests/data/bundles/mini.json as tuulikyla), the accounts the tests sign in
# with, one enrollment code for the scenario's kiosk and two kiosks that never synced, and starts majakka-hub-test over HTTPS
# on 127.0.0.1 and one headless Debian Chromium that every web.* test drives over its DevTools
# port (loopback). Everything the tests need is in STATE/env.json. `stop` ends both and fails
# on a sanitizer report or a hub that did not stop cleanly. Both servers also end by themselves
# after an hour (a ctest run killed before `stop` leaves nothing behind for long).
set -u
cmd=$1 STATE=$2
fail() { echo "FAIL: $*" >&2; exit 1; }
SKIP=77

stop_pid() {  # stop_pid FILE: SIGTERM the process FILE names, wait up to 10 s, then SIGKILL
    local f=$1 p
    [ -s "$f" ] || return 0
    p=$(cat "$f")
    kill -TERM "$p" 2>/dev/null || { rm -f "$f"; return 0; }
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$p" 2>/dev/null; then kill -KILL "$p" 2>/dev/null; rm -f "$f"; return 1; fi
    rm -f "$f"
}

if [ "$cmd" = stop ]; then
    [ -d "$STATE" ] || exit 0
    rc=0
    stop_pid "$STATE/chromium.pid" || echo "web: chromium needed SIGKILL" >&2
    stop_pid "$STATE/hub.pid" || { echo "FAIL: the hub did not stop on SIGTERM" >&2; rc=1; }
    if [ -f "$STATE/hub.log" ] && ! grep -q "stopped" "$STATE/hub.log"; then
        echo "FAIL: the hub did not stop cleanly: $(tail -5 "$STATE/hub.log")" >&2; rc=1
    fi
    if cat "$STATE"/sanitizer.* "$STATE/hub.log" 2>/dev/null | grep -q "Sanitizer\|runtime error:"; then
        echo "FAIL: sanitizer report:" >&2
        cat "$STATE"/sanitizer.* "$STATE/hub.log" 2>/dev/null | grep -A20 "Sanitizer\|runtime error:" | head -60 >&2
        rc=1
    fi
    exit $rc
fi

[ "$cmd" = start ] || { echo "usage: fixture.sh start STATE HUB SYNC KIOSK_TEST SOURCE_DIR | stop STATE" >&2; exit 2; }
HUB=$3 SYNC=$4 KIOSK=$5 SRC=$6
WEB="$SRC/tests/web"
# A leftover fixture from a run that was killed: stop it first.
[ -d "$STATE" ] && bash "$0" stop "$STATE" >/dev/null 2>&1
rm -rf "$STATE" && mkdir -p "$STATE" || fail "cannot make $STATE"

# The browser and its driver: installed by scripts/setup.sh test. CI must have them; a developer
# who has not run it sees every web test skipped, with the reason.
CHROMIUM=${MAJAKKA_CHROMIUM:-/usr/bin/chromium}
missing=""
[ -x "$CHROMIUM" ] || missing="$CHROMIUM (Debian package chromium)"
command -v node >/dev/null || missing="$missing node (Debian package nodejs)"
[ -f "$WEB/node_modules/playwright-core/package.json" ] && [ -f "$WEB/node_modules/axe-core/axe.min.js" ] \
    || missing="$missing $WEB/node_modules (npm ci in tests/web; scripts/setup.sh test does it)"
if [ -n "$missing" ]; then
    echo "$missing" > "$STATE/skip"
    if [ -n "${CI:-}" ]; then fail "missing for the browser tests: $missing"; fi
    echo "web: skipped, missing: $missing"
    exit $SKIP
fi

export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$STATE/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$STATE/sanitizer:print_stacktrace=1"
export TZ=UTC

. "$SRC/bench/ca.sh"
bench_ca "$STATE/ca"
[ -s "$STATE/ca/server.pem" ] || fail "openssl: no test certificate"
# Chromium trusts exactly this server key (no blanket --ignore-certificate-errors).
SPKI=$(openssl x509 -in "$STATE/ca/server.pem" -pubkey -noout | openssl pkey -pubin -outform der \
       | openssl dgst -sha256 -binary | base64) || fail "openssl: SPKI hash"

DB="$STATE/hub.db"
H() { "$HUB" --db "$DB" "$@"; }
TOKEN=$(H init | sed -n 's/^coordinator token (shown once): //p')
[ ${#TOKEN} = 64 ] || fail "hub init printed no coordinator token"
H publish "$SRC/assets/demo/bundle.json" --site majakka-tuulikyla >/dev/null || fail "publish demo"
H publish "$SRC/tests/data/bundles/mini.json" --site tuulikyla >/dev/null || fail "publish mini"
# The scenario's kiosk (its real sync agent enrolls with this code); one kiosk per site that
# enrolled and then never synced (they show on the start page, in an alert state).
CODE=$(H enroll --site majakka-tuulikyla --name "Kioski") || fail "enroll code"
CODE_A=$(H enroll --site majakka-tuulikyla --name "Aula") || fail "enroll code 2"
CODE_K=$(H enroll --site tuulikyla --name "Kirjasto") || fail "enroll code 3"

# Accounts (majakka-hub user add, issue 11), when this hub has them: an admin and a site
# coordinator who has only tuulikyla.
ADMIN_USER=web-admin ADMIN_PASS="Majakka-web-admin-1" COORD_USER=web-coord COORD_PASS="Majakka-web-coord-1"
accounts=false
if "$HUB" --help 2>/dev/null | grep -q "^ *user "; then
    accounts=true
    printf '%s\n' "$ADMIN_PASS" | H user add "$ADMIN_USER" --role admin >/dev/null \
        || fail "user add $ADMIN_USER"
    printf '%s\n' "$COORD_PASS" | H user add "$COORD_USER" --role coordinator --site tuulikyla >/dev/null \
        || fail "user add $COORD_USER"
fi

# The walk reaches the preview pages: no memory limit on the renderer (a sanitizer build's kiosk
# cannot map its shadow memory under one; the limits are tested in unit.test_hub_preview).
setsid timeout 3600 "$HUB" --db "$DB" serve --cert "$STATE/ca/server.pem" --key "$STATE/ca/server.key" \
    --port 0 --port-file "$STATE/hub.port" --test-mode --preview-limits 20000,-1 </dev/null >"$STATE/hub.log" 2>&1 &
echo $! > "$STATE/hub.pid"
for _ in $(seq 200); do [ -s "$STATE/hub.port" ] && break; sleep 0.05; done
[ -s "$STATE/hub.port" ] || fail "hub did not start: $(tail -3 "$STATE/hub.log")"
PORT=$(cat "$STATE/hub.port")
curl -sS --max-time 10 --cacert "$STATE/ca/ca.pem" -o /dev/null "https://127.0.0.1:$PORT/dashboard" \
    || fail "the hub does not answer over HTTPS"
for c in "$CODE_A" "$CODE_K"; do
    curl -sS --max-time 10 --cacert "$STATE/ca/ca.pem" -o "$STATE/enroll.json" -X POST -d "{\"code\":\"$c\"}" \
        "https://127.0.0.1:$PORT/api/v1/enroll" || fail "enrolling a kiosk"
done
# The tuulikyla kiosk (enrolled last) uploads two months of feedback: the report pages' figures.
KTOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$STATE/enroll.json") \
    || fail "no kiosk token from enrolling"
python3 "$SRC/tests/web/feedback_batch.py" > "$STATE/batch.json" || fail "feedback_batch.py"
curl -sS --max-time 20 --cacert "$STATE/ca/ca.pem" -o "$STATE/batch.out" -w '%{http_code}' -X POST \
    -H "Authorization: Bearer $KTOKEN" -H 'Content-Type: application/json' --data-binary @"$STATE/batch.json" \
    "https://127.0.0.1:$PORT/api/v1/feedback" | grep -qx 200 || fail "uploading feedback: $(cat "$STATE/batch.out")"

mkdir -p "$STATE/home"
HOME="$STATE/home" setsid timeout 3600 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --no-default-browser-check --disable-background-networking --disable-component-update \
    --disable-sync --disable-extensions --disable-dev-shm-usage --password-store=basic --use-mock-keychain \
    --remote-debugging-address=127.0.0.1 --remote-debugging-port=0 --user-data-dir="$STATE/profile" \
    --ignore-certificate-errors-spki-list="$SPKI" --lang=fi about:blank </dev/null >"$STATE/chromium.log" 2>&1 &
echo $! > "$STATE/chromium.pid"
for _ in $(seq 300); do [ -s "$STATE/profile/DevToolsActivePort" ] && break; sleep 0.1; done
CDP_PORT=$(head -1 "$STATE/profile/DevToolsActivePort" 2>/dev/null)
[ -n "$CDP_PORT" ] || fail "chromium did not start: $(tail -5 "$STATE/chromium.log")"

cat > "$STATE/env.json" <<EOF
{
  "origin": "https://127.0.0.1:$PORT",
  "cdp": "http://127.0.0.1:$CDP_PORT",
  "state": "$STATE",
  "source": "$SRC",
  "hub": "$HUB",
  "db": "$DB",
  "sync": "$SYNC",
  "kiosk_test": "$KIOSK",
  "ca": "$STATE/ca/ca.pem",
  "token": "$TOKEN",
  "enroll_code": "$CODE",
  "sites": ["majakka-tuulikyla", "tuulikyla"],
  "accounts": $accounts,
  "admin": {"user": "$ADMIN_USER", "password": "$ADMIN_PASS"},
  "coordinator": {"user": "$COORD_USER", "password": "$COORD_PASS", "sites": ["tuulikyla"]}
}
EOF
echo "web: hub on https://127.0.0.1:$PORT, chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}') on DevTools port $CDP_PORT"
