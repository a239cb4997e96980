#!/bin/bash
# demo_loop.sh BUILD_DIR SOURCE_DIR - `scripts/setup.sh demo`'s loop (scripts/demo.sh) under Xvfb:
# the first run makes the certificate, the hub's database, the sign-in and the enrollment; the
# printed dashboard address answers over TLS with that certificate and the printed sign-in works;
# a bundle published on the hub reaches the running kiosk's store within 15 s (interval 10 s) and
# the window answers taps (Services, the first category: after.png shows the new name to a person,
# DEMO_PNG_DIR=DIR keeps it; the scenario test checks the text on screen); closing the kiosk stops the hub and the agent; a second run starts
# again on the same data without a new enrollment.
BUILD=$1 SRC=$2
. "$SRC/tests/e2e/lib.sh"
for c in xvfb-run xdotool import compare; do
    command -v $c >/dev/null || { [ -n "${CI:-}" ] && fail "$c missing"; echo "demo_loop: needs $c, skipped"; exit 77; }
done
DATA="$E2E_DIR/demo"
# A free loopback port for the demo's hub (it binds a fixed one, like a real demo).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$E2E_DIR/inner.sh" <<'INNER'
set -u
MAJAKKA_DEMO_PORT=$PORT bash "$SRC/scripts/demo.sh" "$BUILD" "$DATA" --size 1280x800 --set kiosk.dpi=96 \
    > "$E2E_DIR/demo.out" 2>&1 &
demo=$!
shot() { import -window root "$E2E_DIR/$1"; }
for _ in $(seq 200); do grep -q "fetches what is published" "$E2E_DIR/demo.out" 2>/dev/null && break; sleep 0.1; done
grep -q "fetches what is published" "$E2E_DIR/demo.out" || { echo "FAIL: the demo did not start: $(cat "$E2E_DIR/demo.out")"; exit 1; }
kiosk=$(pgrep -P "$demo" -f majakka-kiosk)
[ -n "$kiosk" ] || { echo "FAIL: no kiosk"; exit 1; }
sleep 2
shot before.png
# What a coordinator's edit and Publish do: a new version of the site's bundle on the hub.
"$BUILD/sync/majakka-hub" --db "$DATA/hub/hub.db" publish "$E2E_DIR/edited/bundle.json" --site majakka-tuulikyla \
    > "$E2E_DIR/publish.out" || { echo "FAIL: publish"; exit 1; }
t0=$(date +%s)
for _ in $(seq 150); do grep -q "imported content demo-loop-1" "$DATA/sync.log" && break; sleep 0.1; done
t1=$(date +%s)
grep -q "imported content demo-loop-1" "$DATA/sync.log" || { echo "FAIL: the agent did not fetch the new version in 15 s: $(tail -3 "$DATA/sync.log")"; exit 1; }
echo "demo_loop: the kiosk had the new version $((t1 - t0)) s after publishing (interval 10 s)"
sleep 1
# Services, then the first category: Lastenneuvola's new name is in that list.
xdotool mousemove 220 420 click 1; sleep 1.5
xdotool mousemove 300 245 click 1; sleep 1.5
shot after.png
kill -TERM "$kiosk"
for _ in $(seq 100); do kill -0 "$demo" 2>/dev/null || break; sleep 0.1; done
kill -0 "$demo" 2>/dev/null && { echo "FAIL: the demo did not end with its kiosk"; exit 1; }
exit 0
INNER
bash "$SRC/tests/web/edit_bundle.sh" "$BUILD/kiosk/majakka-kiosk" "$SRC/assets/demo" "$E2E_DIR/edited" \
    lastenneuvola "Lastenneuvola Kuutamo" demo-loop-1 || fail "making the edited bundle"
export PORT SRC BUILD DATA E2E_DIR
# Under the sanitizer build, libdbus and the X drivers SDL loads into the real window leak a
# little at exit (as in tests/ui/window.sh); demo.sh starts all three programs, so the leak check
# is off here for all of them (the hub's and the agent's own tests keep it on).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "$E2E_DIR/inner.sh" || fail "$(tail -5 "$E2E_DIR/demo.out")"
out="$E2E_DIR/demo.out"
grep -q "dashboard: https://localhost:$PORT/dashboard" "$out" || fail "no dashboard address printed: $(cat "$out")"
[ -s "$DATA/hub/cert.pem" ] && [ -s "$DATA/hub/key.pem" ] || fail "no certificate kept in the demo data"
[ "$(stat -c %a "$DATA/hub/sign-in.txt")" = 600 ] || fail "sign-in.txt is readable by others"
grep -q "sign in with" "$out" || fail "no sign-in printed"
pgrep -f "$DATA/hub/hub.db" >/dev/null && fail "the hub still runs after the kiosk closed"
pgrep -f "$DATA/majakka.db" >/dev/null && fail "the sync agent still runs after the kiosk closed"
ae=$(compare -metric AE "$E2E_DIR/before.png" "$E2E_DIR/after.png" null: 2>&1)
[ "${ae%% *}" != 0 ] || fail "the kiosk's window did not answer the taps"
if [ -n "${DEMO_PNG_DIR:-}" ]; then mkdir -p "$DEMO_PNG_DIR"; cp "$E2E_DIR"/*.png "$DEMO_PNG_DIR"/; fi
check_eq "$(sql "$DATA/majakka.db" "SELECT json_extract(name, '\$.fi') FROM services WHERE id='lastenneuvola'" 2>/dev/null)" \
    "Lastenneuvola Kuutamo" "the kiosk's store after the sync"

# A second run on the same data: no first-run steps, the same enrollment; the hub answers with
# the kept certificate and the printed sign-in signs in.
token_before=$(cat "$DATA/hub-token")
cat > "$E2E_DIR/inner2.sh" <<'INNER'
set -u
MAJAKKA_DEMO_PORT=$PORT bash "$SRC/scripts/demo.sh" "$BUILD" "$DATA" --size 1280x800 > "$E2E_DIR/demo2.out" 2>&1 &
demo=$!
for _ in $(seq 200); do grep -q "fetches what is published" "$E2E_DIR/demo2.out" 2>/dev/null && break; sleep 0.1; done
code=$(curl -sS --max-time 10 --cacert "$DATA/hub/cert.pem" -o "$E2E_DIR/signin.html" -w '%{http_code}' "https://localhost:$PORT/dashboard")
echo "$code" > "$E2E_DIR/code"
bash "$SRC/tests/web/demo_signin.sh" "$DATA" "$PORT" > "$E2E_DIR/signin.out" 2>&1; echo $? > "$E2E_DIR/signin.rc"
kill -TERM "$(pgrep -P "$demo" -f majakka-kiosk)"
wait "$demo"
INNER
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" bash "$E2E_DIR/inner2.sh"
grep -q "first run" "$E2E_DIR/demo2.out" && fail "the second run did the first run again"
check_eq "$(cat "$DATA/hub-token")" "$token_before" "the kiosk's enrollment after a second run"
grep -Eq '^(200|303|401)$' "$E2E_DIR/code" || fail "the dashboard over the kept certificate: $(cat "$E2E_DIR/code")"
check_eq "$(cat "$E2E_DIR/signin.rc")" 0 "signing in with the printed sign-in: $(cat "$E2E_DIR/signin.out")"
echo "demo_loop: ok"
