#!/usr/bin/env bash
# demo.sh BUILD_DIR DATA_DIR [kiosk flags...] - the whole loop on one machine, started by
# `scripts/setup.sh demo`: a hub on https://localhost:PORT with the demo content published, a
# demo sign-in, the sync agent of the demo kiosk (a short interval) and the kiosk itself in the
# foreground. When the kiosk exits, the hub and the agent are stopped.
# First run only: a self-signed certificate (kept in DATA_DIR/hub/), the hub's database, the
# demo account, and the kiosk's enrollment. MAJAKKA_DEMO_PORT picks another port (8443),
# MAJAKKA_DEMO_INTERVAL another sync interval (10 s, the shortest the agent takes).
set -euo pipefail
build=$1 data=$2
shift 2
top=$(cd "$(dirname "$0")/.." && pwd)
port=${MAJAKKA_DEMO_PORT:-8443}
interval=${MAJAKKA_DEMO_INTERVAL:-10}
site=majakka-tuulikyla
hubdir="$data/hub"
HUB="$build/sync/majakka-hub" SYNC="$build/sync/majakka-sync" KIOSK="$build/kiosk/majakka-kiosk"
url="https://localhost:$port"
H() { "$HUB" --db "$hubdir/hub.db" "$@"; }
say() { echo "setup: $*"; }

mkdir -p "$hubdir" "$data/slips"
chmod 700 "$hubdir"
if [ ! -s "$hubdir/hub.db" ]; then
    say "first run: a self-signed certificate for localhost, the hub's database and the demo content"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj "/CN=localhost" \
        -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -addext "basicConstraints=critical,CA:TRUE" \
        -addext "extendedKeyUsage=serverAuth" \
        -keyout "$hubdir/key.pem" -out "$hubdir/cert.pem" 2>/dev/null
    token=$(H init | sed -n 's/^coordinator token (shown once): //p')
    H publish "$top/assets/demo/bundle.json" --site "$site" >/dev/null
    # The demo's sign-in, kept beside the demo data (only this user can read it).
    if "$HUB" --help | grep -c "^ *user " >/dev/null; then
        printf 'majakka-demo\n' | H user add demo --role admin >/dev/null
        printf 'user name: demo\npassword: majakka-demo\n' > "$hubdir/sign-in.txt"
    else
        printf 'coordinator token: %s\n' "$token" > "$hubdir/sign-in.txt"
    fi
    chmod 600 "$hubdir/sign-in.txt"
fi

pids=()
stop_all() {
    for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'exit 130' INT TERM

"$HUB" --db "$hubdir/hub.db" serve --cert "$hubdir/cert.pem" --key "$hubdir/key.pem" \
    --listen 127.0.0.1 --port "$port" --quiet 2>>"$hubdir/hub.log" &
pids+=($!)
for _ in $(seq 100); do
    curl -s -o /dev/null --max-time 2 --cacert "$hubdir/cert.pem" "$url/dashboard" && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "setup: the hub did not start (port $port taken? MAJAKKA_DEMO_PORT=N picks another): $(tail -2 "$hubdir/hub.log")" >&2; exit 1; }
    sleep 0.1
done
S() { "$SYNC" --store "$data/majakka.db" --hub "$url" --ca-file "$hubdir/cert.pem" "$@"; }
if [ ! -s "$data/hub-token" ]; then
    code=$(H enroll --site "$site" --name "Demo kiosk")
    S enroll "$code" >/dev/null
fi
"$SYNC" --store "$data/majakka.db" --hub "$url" --ca-file "$hubdir/cert.pem" --interval "$interval" run \
    2>>"$data/sync.log" &
pids+=($!)

say "coordinators' dashboard: $url/dashboard (the certificate is self-signed: accept it in the browser)"
sed 's/^/setup: sign in with /' "$hubdir/sign-in.txt"
say "the kiosk fetches what is published every $interval s (agent log: $data/sync.log)"
"$KIOSK" --data-dir "$data" "$@"
