#!/bin/sh
# window.sh KIOSK SOURCE_DIR OUT_DIR - the real window and event loop under Xvfb: full screen
# without decorations, something drawn, Escape and Alt+F4 do not close it, a click on the
# Services tile opens Services, and SIGTERM ends it cleanly (exit 0) within a few seconds.
# Waits poll the screen (up to 60 s), so a busy machine slows the test down but does not fail it.
set -eu
kiosk=$1 src=$2 out=$3
rm -rf "$out" && mkdir -p "$out/data"
command -v xvfb-run >/dev/null && command -v xdotool >/dev/null || { echo "window: needs xvfb and xdotool"; exit 77; }
cat > "$out/inner.sh" <<INNER
set -eu
# Under the sanitizer build, libdbus and the X drivers SDL loads leak a little at exit; the
# leak check stays on for every headless test, where only our code runs.
ASAN_OPTIONS=\${ASAN_OPTIONS:+\$ASAN_OPTIONS:}detect_leaks=0 "$kiosk" --data-dir "$out/data" \
    --assets "\${MAJAKKA_TEST_ASSETS:-$src/assets}" --fullscreen \
    --set kiosk.dpi=96 --set kiosk.idle_timeout=600 2> "$out/kiosk.log" &
pid=\$!
corner() { import -window root "\$1" && convert "\$1" -format '%[pixel:p{1279,799}]' info:; }
# the window covers the screen once the corner is the Home background, not Xvfb's black
i=0
while :; do
    c=\$(corner "$out/start.png")
    case \$c in *"0,0,0"*|black) ;; *) break ;; esac
    i=\$((i + 1)); [ \$i -lt 120 ] || { echo "window: the kiosk did not fill the screen (\$c)" >&2; kill \$pid; exit 1; }
    sleep 0.5
done
xdotool key Escape; xdotool key alt+F4; sleep 1
kill -0 \$pid || { echo "window: the kiosk quit on Escape or Alt+F4" >&2; exit 1; }
# the Services tile: the first of three in the middle band of a 1280x800 landscape Home
xdotool mousemove 220 420 click 1
i=0
while :; do
    sleep 0.5
    import -window root "$out/services.png"
    ae=\$(compare -metric AE "$out/start.png" "$out/services.png" null: 2>&1 || true)
    case \$ae in [0-9]*) ;; *) echo "window: compare failed: \$ae" >&2; kill \$pid; exit 1 ;; esac
    [ "\${ae%% *}" = 0 ] || break
    i=\$((i + 1)); [ \$i -lt 120 ] || { echo "window: the click on Services changed nothing" >&2; kill \$pid; exit 1; }
done
kill -TERM \$pid
i=0; while [ \$i -lt 30 ] && kill -0 \$pid 2>/dev/null; do sleep 0.5; i=\$((i + 1)); done
if kill -0 \$pid 2>/dev/null; then echo "window: still running 15 s after SIGTERM" >&2; kill -9 \$pid; exit 1; fi
wait \$pid
INNER
xvfb-run -a -s "-screen 0 1280x800x24" sh "$out/inner.sh"
