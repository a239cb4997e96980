#!/usr/bin/env bash
# pg.sh - a throwaway PostgreSQL server for the tests, from Debian's packages.
#   pg.sh start STATE_DIR   initdb in a temporary folder, start on a free 127.0.0.1 port (unix
#                           socket in that folder too); writes STATE_DIR/url
#                           (postgresql://majakka@127.0.0.1:PORT, a superuser, trust auth on
#                           loopback only) and STATE_DIR/datadir
#   pg.sh stop STATE_DIR    stop it and remove its folder
# initdb refuses to run as root: as root the server runs as the user majakka-test (created
# when missing, no login shell, no home), else as the calling user. Durability settings are
# off (fsync): the tests kill hub processes, never the database server. PG_DURABLE=1 keeps
# them on (the benchmark, to compare with SQLite's synchronous=FULL).
set -euo pipefail
cmd=${1:?start or stop}
state=${2:?state dir}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg.sh: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_user() {
    if [ "$(id -u)" = 0 ]; then setpriv --reuid=majakka-test --regid=majakka-test --init-groups -- "$@"
    else "$@"; fi
}

case "$cmd" in
start)
    if [ -f "$state/datadir" ]; then bash "$0" stop "$state" || true; fi
    mkdir -p "$state"
    rm -f "$state/url" "$state/datadir"
    if [ "$(id -u)" = 0 ] && ! id majakka-test >/dev/null 2>&1; then
        useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin majakka-test
    fi
    dir=$(mktemp -d /tmp/majakka-pg.XXXXXX)
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown majakka-test:majakka-test "$dir"
    echo "$dir" > "$state/datadir"
    as_user "$bin/initdb" -D "$dir/data" -U majakka --auth=trust --locale=C --encoding=UTF8 -N >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # A free port: the first of a few random ones that nobody answers on.
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
    done
    fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && fast=""
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $fast -c max_connections=200" \
        start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://majakka@127.0.0.1:$port" > "$state/url"
    echo "pg.sh: PostgreSQL on 127.0.0.1:$port ($dir)"
    ;;
stop)
    [ -f "$state/datadir" ] || exit 0
    dir=$(cat "$state/datadir")
    as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    rm -f "$state/url" "$state/datadir"
    ;;
*) echo "usage: pg.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
