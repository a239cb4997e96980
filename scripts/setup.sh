#!/usr/bin/env bash
# setup.sh - the one entry point a newcomer (and CI) uses on a Debian 12 machine.
#   setup.sh demo [kiosk flags...]  install what is missing, build, start a hub with the demo content,
#                                   the sync agent and the kiosk (scripts/demo.sh)
#   setup.sh test                   install what is missing, build normal and sanitizer builds, run every test
# Packages are installed only when missing, so a developer can re-run it without root.
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)

BUILD_PKGS="build-essential cmake pkg-config gettext ca-certificates tzdata
  libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libcurl4-openssl-dev libical-dev
  libjansson-dev libsodium-dev libmicrohttpd-dev libgnutls28-dev zlib1g-dev libcairo2-dev
  libcups2-dev libpng-dev libsystemd-dev libpq-dev libxlsxwriter-dev fonts-noto-core fonts-noto-ui-core openssl curl"
TEST_PKGS="xvfb xauth xdotool zbar-tools openssl chromium imagemagick sqlite3 curl procps poppler-utils
  python3 systemd lintian debootstrap dpkg-dev groff-base cage grim xwayland postgresql haproxy
  librsvg2-bin python3-openpyxl"

install_missing() {
    local missing=()
    for p in $*; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: run as root (or with sudo) to install packages: ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# The browser tests' driver (tests/web: playwright-core and axe-core, pinned in its
# package-lock.json), installed from the lock beside the tests once; they use Debian's chromium.
web_deps() {
    command -v node >/dev/null && command -v npm >/dev/null || install_missing nodejs npm
    local web="$top/tests/web"
    if [ -f "$web/node_modules/.package-lock.json" ] && cmp -s "$web/package-lock.json" "$web/node_modules/.lock-installed"; then
        return 0
    fi
    echo "setup: installing the browser tests' packages (npm ci in tests/web)"
    (cd "$web" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >/dev/null
    cp "$web/package-lock.json" "$web/node_modules/.lock-installed"
}

build() {  # build DIR [cmake args...]
    local dir=$1; shift
    cmake -S "$top" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    cmake --build "$dir" -j2
}

cmd=${1:-demo}
[ $# -gt 0 ] && shift
case "$cmd" in
demo)
    install_missing $BUILD_PKGS
    build "$top/build"
    data="${MAJAKKA_DATA_DIR:-$top/build/demo-data}"
    mkdir -p "$data/slips"
    # staff mode in the demo: a known PIN, and slips "printed" as PNG files (a real kiosk sets
    # its own PIN with --set-staff-pin and a receipt printer in its config, docs/printing.md)
    hash=$(printf '2580\n2580\n' | "$top/build/kiosk/majakka-kiosk" --set-staff-pin | sed -n 's/^pin_hash = //p')
    echo "setup: starting the hub, the sync agent and the kiosk on the demo content (data in $data)"
    echo "setup: staff mode: hold the logo for 3 s, PIN 2580; slips are written to $data/slips/"
    exec bash "$top/scripts/demo.sh" "$top/build" "$data" --set "staff.pin_hash=$hash" \
        --set "printer.device=png:$data/slips/" "$@"
    ;;
test)
    install_missing $BUILD_PKGS $TEST_PKGS
    web_deps
    build "$top/build"
    build "$top/build-asan" -DMAJAKKA_SANITIZE=ON
    status=0
    echo "== tests (normal build)"
    ctest --test-dir "$top/build" --output-on-failure -j2 || status=1
    echo "== tests (AddressSanitizer + UBSan build)"
    ASAN_OPTIONS=detect_leaks=1 ctest --test-dir "$top/build-asan" --output-on-failure -j2 || status=1
    exit $status
    ;;
*)
    echo "usage: $0 demo [--fullscreen] | test" >&2
    exit 2
    ;;
esac
