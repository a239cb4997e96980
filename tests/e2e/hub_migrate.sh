#!/bin/bash
# hub_migrate.sh HUB SYNC DATA - moving a SQLite hub to PostgreSQL with one command
# (majakka-hub migrate-to, PostgreSQL runs only): a hub with kiosks, answers, slip counts and a
# bundle is copied; the export is byte for byte the same, the kiosk's token and the
# coordinator's still work, old keys are still duplicates, new answers go on; a second copy
# into the now non-empty database is refused and changes nothing.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
hub_is_pg || fail "hub_migrate runs on PostgreSQL (MAJAKKA_TEST_PG_FILE)"
PG_DB=$HUB_DB
HUB_DB="$E2E_DIR/old.db"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
COORD=$("$HUB" --db "$HUB_DB" coordinator mig) || fail "coordinator"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Lobby") || fail "enroll code"
"$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Unused" >/dev/null || fail "enroll code 2"
"$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
start_hub ca --quiet
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
add_answers "$KDB" 120 mig
sql "$KDB" "INSERT INTO slip_counts (day, service_id, count) VALUES ('2026-11-20', 'neuvola', 5)"
S once 2>"$E2E_DIR/err" || fail "sync on SQLite: $(cat "$E2E_DIR/err")"
stop_hub
"$HUB" --db "$HUB_DB" export > "$E2E_DIR/sqlite.csv" || fail "export from SQLite"

"$HUB" --db "$HUB_DB" migrate-to "$PG_DB" > "$E2E_DIR/mig.out" 2>&1 || fail "migrate-to: $(cat "$E2E_DIR/mig.out")"
grep -q "copied" "$E2E_DIR/mig.out" || fail "migrate-to said: $(cat "$E2E_DIR/mig.out")"
grep -q "127.0.0.1" "$E2E_DIR/mig.out" && fail "migrate-to printed the database URL"
"$HUB" --db "$HUB_DB" migrate-to "$PG_DB" 2>"$E2E_DIR/err" && fail "a second migrate-to into a non-empty database"
grep -q "not empty" "$E2E_DIR/err" || fail "second migrate-to: $(cat "$E2E_DIR/err")"

HUB_DB=$PG_DB
"$HUB" --db "$HUB_DB" export > "$E2E_DIR/pg.csv" || fail "export from PostgreSQL"
cmp -s "$E2E_DIR/sqlite.csv" "$E2E_DIR/pg.csv" || fail "the exports differ: $(diff "$E2E_DIR/sqlite.csv" "$E2E_DIR/pg.csv" | head -5)"
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback")" "120/120" "answers after the move"
check_eq "$(hubsql "SELECT count FROM slip_counts")" 5 "slip count after the move"
check_eq "$(hubsql "SELECT max(version) FROM schema_version")" "$(sql "$E2E_DIR/old.db" "SELECT max(version) FROM schema_version")" "schema version"

start_hub ca --quiet
# The coordinator's token, the kiosk's token and the bundle's ETag all moved.
check_eq "$(hub_curl -o "$E2E_DIR/kiosks.json" -w '%{http_code}' -H "Authorization: Bearer $COORD" "$HUB_URL/api/v1/kiosks")" 200 "coordinator token after the move"
check_eq "$(S once 2>"$E2E_DIR/err"; echo $?)" 0 "sync after the move: $(cat "$E2E_DIR/err")"
# Old answers sent again are duplicates; new ones are stored; new ids follow the copied ones.
sql "$KDB" "UPDATE feedback SET sent_at = NULL WHERE id <= 30"
add_answers "$KDB" 10 after
S once 2>"$E2E_DIR/err" || fail "sync of old and new answers: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "kiosk outbox"
check_eq "$(hubsql "SELECT count(*) || '/' || count(DISTINCT key) FROM feedback")" "130/130" "answers at the hub"
check_eq "$(hubsql "SELECT count(*) FROM feedback WHERE key LIKE 'after-%' AND id > 120")" 10 "new ids after the copied ones"
# A second kiosk enrolls with the code that was made before the move.
echo "hub_migrate: ok"
