# lib.sh - shared helpers for the sync end-to-end tests (sourced by the test scripts).
# Everything runs on 127.0.0.1 with ports the hub picks itself (--port 0 --port-file), in a
# temporary folder that is removed at exit together with every server the test started.
set -u
E2E_DIR=$(mktemp -d /tmp/majakka-e2e.XXXXXX)
E2E_PIDS=""
# The hub's database: a SQLite file here, or, when MAJAKKA_TEST_PG_FILE names the test server's
# URL (tests/pg/pg.sh), a database of its own on that PostgreSQL server, dropped at exit.
HUB_PG_BASE=""
if [ -n "${MAJAKKA_TEST_PG_FILE:-}" ]; then
    HUB_PG_BASE=$(cat "$MAJAKKA_TEST_PG_FILE") || { echo "FAIL: no PostgreSQL test server" >&2; exit 1; }
    HUB_PG_NAME="e2e_$$_$RANDOM"
    psql -X -q -v ON_ERROR_STOP=1 "$HUB_PG_BASE/postgres" -c "CREATE DATABASE $HUB_PG_NAME" >/dev/null \
        || { echo "FAIL: creating database $HUB_PG_NAME" >&2; exit 1; }
    HUB_DB="$HUB_PG_BASE/$HUB_PG_NAME"
else
    HUB_DB="$E2E_DIR/hub.db"
fi
hub_is_pg() { [ -n "$HUB_PG_BASE" ]; }
# In sanitizer builds every report lands in a file of its own, checked at exit.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$E2E_DIR/sanitizer"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$E2E_DIR/sanitizer:print_stacktrace=1"
cleanup() {
    local rc=$?
    for p in $E2E_PIDS; do kill "$p" 2>/dev/null; done
    for p in $E2E_PIDS; do wait "$p" 2>/dev/null; done
    if hub_is_pg; then
        psql -X -q "$HUB_PG_BASE/postgres" -c "DROP DATABASE IF EXISTS $HUB_PG_NAME WITH (FORCE)" >/dev/null 2>&1
    fi
    # A sanitizer report from any of our processes fails the test (sanitizer builds).
    if cat "$E2E_DIR"/sanitizer.* "$E2E_DIR"/*.log "$E2E_DIR"/err 2>/dev/null | grep -q "Sanitizer\|runtime error:"; then
        echo "FAIL: sanitizer report:" >&2
        cat "$E2E_DIR"/sanitizer.* "$E2E_DIR"/*.log "$E2E_DIR"/err 2>/dev/null | grep -A20 "Sanitizer\|runtime error:" | head -60 >&2
        rc=1
    fi
    if [ "${E2E_KEEP:-0}" = 1 ]; then echo "kept $E2E_DIR"; else rm -rf "$E2E_DIR"; fi
    exit $rc
}
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
check_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"; }

# make_ca NAME: a CA and a server certificate for 127.0.0.1/localhost signed by it.
make_ca() {
    local d="$E2E_DIR/$1"
    mkdir -p "$d"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Majakka test CA $1" \
        -keyout "$d/ca.key" -out "$d/ca.pem" 2>/dev/null || fail "openssl CA"
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$d/server.key" -out "$d/server.csr" 2>/dev/null || fail "openssl CSR"
    printf "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" > "$d/ext.cnf"
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
        -extfile "$d/ext.cnf" -out "$d/server.pem" 2>/dev/null || fail "openssl sign"
}

# start_hub CA_NAME [extra serve args...]: starts the hub on a free port; sets HUB_PID, HUB_PORT, HUB_URL.
start_hub() {
    local ca="$1"; shift
    rm -f "$E2E_DIR/hub.port"
    "$HUB" --db "$HUB_DB" serve --cert "$E2E_DIR/$ca/server.pem" --key "$E2E_DIR/$ca/server.key" \
        --port 0 --port-file "$E2E_DIR/hub.port" --test-mode "$@" 2>>"$E2E_DIR/hub.log" &
    HUB_PID=$!
    E2E_PIDS="$E2E_PIDS $HUB_PID"
    for _ in $(seq 100); do [ -s "$E2E_DIR/hub.port" ] && break; sleep 0.05; done
    [ -s "$E2E_DIR/hub.port" ] || fail "hub did not start: $(tail -3 "$E2E_DIR/hub.log")"
    HUB_PORT=$(cat "$E2E_DIR/hub.port")
    HUB_URL="https://127.0.0.1:$HUB_PORT"
}

# stop_hub: SIGTERM; the hub must exit cleanly (status 0).
stop_hub() {
    kill "$HUB_PID" 2>/dev/null
    local st=0
    wait "$HUB_PID" 2>/dev/null || st=$?
    [ "$st" = 0 ] || fail "hub exited with status $st: $(tail -5 "$E2E_DIR/hub.log")"
}
kill9_hub() { kill -9 "$HUB_PID" 2>/dev/null; wait "$HUB_PID" 2>/dev/null; }

# hub_curl ARGS...: curl against the hub, trusting the test CA "ca".
hub_curl() { curl -sS --max-time 10 --cacert "$E2E_DIR/ca/ca.pem" "$@"; }

# fault MODE [json extra]: arms a test-mode fault for the next kiosk request(s).
fault() { hub_curl -X POST -d "{\"mode\":\"$1\"${2:+,$2}}" "$HUB_URL/test/fault" >/dev/null || fail "arming fault $1"; }

# sql DB QUERY: the sqlite3 shell, waiting (like the kiosk) while another process writes.
sql() { sqlite3 -batch -noheader -cmd ".timeout 10000" "$@"; }
# hubsql QUERY: a query on the hub's database, whichever backend, rows as a|b lines.
hubsql() {
    if hub_is_pg; then psql -X -q -A -t -F'|' -v ON_ERROR_STOP=1 "$HUB_DB" -c "$1"
    else sql "$HUB_DB" "$1"; fi
}
# jget FILE PATH: a value from a JSON file (SQLite's JSON functions; no other tool needed).
jget() { sqlite3 -batch -noheader :memory: "SELECT json_extract(readfile('$1'), '$2')"; }

# hub_user NAME ROLE PASSWORD [SITE...]: a sign-in account (the password on standard input).
hub_user() {
    local name=$1 role=$2 pw=$3; shift 3
    local args=()
    for s in "$@"; do args+=(--site "$s"); done
    printf '%s\n' "$pw" | "$HUB" --db "$HUB_DB" user add "$name" --role "$role" "${args[@]}" >/dev/null \
        || fail "user add $name"
}
# web_sign_in JAR NAME PASSWORD: signs in as a browser would (the form, its token, the post);
# the cookies stay in the curl cookie jar JAR; prints the HTTP status of the post.
web_sign_in() {
    local jar=$1
    hub_curl -c "$jar" -b "$jar" -o "$E2E_DIR/signin-form.html" "$HUB_URL/sign-in" || fail "sign-in form"
    local pre
    pre=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$E2E_DIR/signin-form.html" | head -1 | sed 's/.*value="//; s/"$//')
    [ ${#pre} = 64 ] || fail "no token in the sign-in form"
    hub_curl -c "$jar" -b "$jar" -o "$E2E_DIR/signin-post.html" -D "$E2E_DIR/signin-post.h" -w '%{http_code}' \
        --data-urlencode "csrf=$pre" --data-urlencode "user=$2" --data-urlencode "password=$3" "$HUB_URL/sign-in"
}
# page_csrf FILE: the CSRF token in a signed-in page.
page_csrf() { grep -o 'name="csrf" value="[0-9a-f]*"' "$1" | head -1 | sed 's/.*value="//; s/"$//'; }
