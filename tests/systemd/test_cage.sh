#!/usr/bin/env bash
# test_cage.sh KIOSK ASSETS - the kiosk under the Wayland kiosk compositor cage (wlroots' headless
# backend, pixman renderer), with SDL's wayland driver, as a deployment without KMS access would
# run it; READY=1 on a fake NOTIFY_SOCKET says the first frame is shown, grim takes a screenshot,
# and the screenshot must be the Home screen (full output size, the theme's tile blue, many colours).
# cage refuses to run as root: as root the test runs as nobody.
set -u
kiosk=$1 assets=$2
here=$(cd "$(dirname "$0")" && pwd)
for c in cage grim identify python3; do
    command -v $c >/dev/null || { echo "SKIP: $c is not installed (scripts/setup.sh test installs it)"; exit 77; }
done
T=$(mktemp -d)
chmod 755 "$T"
as_user=()
if [ "$(id -u)" -eq 0 ]; then
    chown 65534:65534 "$T"
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
run() { "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$T" XDG_RUNTIME_DIR="$T/rt" TZ=UTC "$@"; }
run mkdir -m 0700 "$T/rt"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; sleep 0.3; rm -rf "$T"' EXIT
# started directly (not through run) so that $! is the process itself, which the trap ends
"${as_user[@]}" env -i PATH=/usr/bin:/bin python3 "$here/notify_listen.py" "$T/notify.sock" "$T/notify.log" 40 & pids+=($!)
for _ in $(seq 50); do [ -S "$T/notify.sock" ] && break; sleep 0.1; done
"${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$T" XDG_RUNTIME_DIR="$T/rt" TZ=UTC WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 SDL_VIDEODRIVER=wayland \
    NOTIFY_SOCKET="$T/notify.sock" timeout 60 cage -- "$kiosk" --fullscreen --data-dir "$T/data" --assets "$assets" \
    >"$T/cage.log" 2>&1 & pids+=($!)
disown $!   # cage aborts on SIGTERM at the end; that is not this test's business
for _ in $(seq 200); do grep -q READY=1 "$T/notify.log" 2>/dev/null && break; sleep 0.1; done
fail=0
bad() { echo "FAIL: $*"; fail=1; }
grep -q READY=1 "$T/notify.log" || { bad "the kiosk sent no READY=1 under cage"; tail -20 "$T/cage.log"; exit 1; }
sleep 0.5
sock=$(cd "$T/rt" && ls | grep '^wayland-[0-9]*$' | head -1)
run WAYLAND_DISPLAY="$sock" grim "$T/shot.png" || bad "grim failed"
[ -s "$T/shot.png" ] || { bad "no screenshot"; exit 1; }
read -r w h k < <(identify -format "%w %h %k\n" "$T/shot.png")
echo "screenshot ${w}x${h}, $k colours"
[ "$w" = 1280 ] && [ "$h" = 720 ] || bad "screenshot is ${w}x${h}, not the headless output's 1280x720"
[ "$k" -ge 100 ] || bad "only $k colours: not the Home screen (text is antialiased)"
# the first tile (Services) in the theme's blue, the background light
tile=$(convert "$T/shot.png" -format "%[pixel:p{220,330}]" info:)
bg=$(convert "$T/shot.png" -format "%[pixel:p{640,240}]" info:)
echo "tile $tile, background $bg"
[[ $tile == "srgb(11,90,140)" ]] || bad "the Services tile is $tile, not the theme blue srgb(11,90,140)"
[[ $tile != "$bg" ]] || bad "tile and background are the same colour"
grep -q "no available video device\|Wayland" "$T/cage.log" && grep -q "SDL_Init" "$T/cage.log" && bad "SDL could not use wayland"
if [ $fail -ne 0 ] && [ -n "${MAJAKKA_KEEP_SHOT:-}" ]; then cp "$T/shot.png" "$MAJAKKA_KEEP_SHOT"; fi
[ $fail -eq 0 ] && echo "ok: the kiosk under cage (headless wlroots), screenshot with grim"
exit $fail
