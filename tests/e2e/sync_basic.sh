#!/bin/bash
# sync_basic.sh HUB SYNC BUNDLE_DIR - end to end on loopback over real HTTPS with a test CA:
# enroll -> pull content -> answers on the kiosk store -> sync -> the export shows exactly those
# answers; then the bad requests: malformed JSON, oversized body, wrong token, bad UTF-8, a
# replayed batch, a conflicting key; a revoked token. Each must get a clear 4xx and change nothing.
HUB=$1 SYNC=$2 DATA=$3
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/feedback.sh"
make_ca ca
KDB="$E2E_DIR/kiosk/majakka.db"
mkdir -p "$E2E_DIR/kiosk"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
COORD=$("$HUB" --db "$HUB_DB" coordinator e2e) || fail "coordinator token"
CODE=$("$HUB" --db "$HUB_DB" enroll --site tuulikyla --name "Lobby kiosk") || fail "enroll code"
start_hub ca
S() { "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" --timeout-ms 10000 "$@"; }

# Enroll: the token file is 0600 and the code works once.
S enroll "$CODE" >/dev/null 2>"$E2E_DIR/err" || fail "enroll: $(cat "$E2E_DIR/err")"
check_eq "$(stat -c %a "$E2E_DIR/kiosk/hub-token")" 600 "token file mode"
mv "$E2E_DIR/kiosk/hub-token" "$E2E_DIR/token.saved"
S enroll "$CODE" 2>"$E2E_DIR/err" && fail "a used code enrolled again"
grep -q "already used" "$E2E_DIR/err" || fail "second enroll: $(cat "$E2E_DIR/err")"
mv "$E2E_DIR/token.saved" "$E2E_DIR/kiosk/hub-token"
TOKEN=$(cat "$E2E_DIR/kiosk/hub-token")

# Content: publish, pull, the kiosk has it; a second pull is a 304.
if [ -f "$DATA/mini.json" ]; then
    "$HUB" --db "$HUB_DB" publish "$DATA/mini.json" --site tuulikyla >/dev/null || fail "publish"
    S once 2>"$E2E_DIR/err" || fail "first sync: $(cat "$E2E_DIR/err")"
    check_eq "$(sql "$KDB" "SELECT id FROM site")" "$(jget "$DATA/mini.json" '$.content.site.id')" "site after pull"
    S once 2>/dev/null || fail "second sync"
    grep -q "GET /api/v1/bundle -> 304" "$E2E_DIR/hub.log" || fail "no 304 on an unchanged bundle"
    [ "$(sql "$KDB" "SELECT count(*) FROM events WHERE id LIKE 'ics-%'")" -gt 0 ] || fail "calendar events missing"
    # import-ics makes a new version, which the next sync applies.
    "$HUB" --db "$HUB_DB" import-ics "$DATA/mini.ics" --site tuulikyla >/dev/null || fail "import-ics"
    S once 2>"$E2E_DIR/err" || fail "sync after import-ics: $(cat "$E2E_DIR/err")"
    case "$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")" in
        2026-11-22.1.ics*) ;; *) fail "content version after import-ics" ;;
    esac
    # Publishing over HTTPS: a coordinator token is needed, and a bundle that still names a
    # calendar file is refused (the hub serves self-contained bundles only).
    hub_curl -H "Authorization: Bearer $TOKEN" -o "$E2E_DIR/flat.json" "$HUB_URL/api/v1/bundle" || fail "fetching the bundle"
    check_eq "$(hub_curl -o "$E2E_DIR/body" -w '%{http_code}' -X PUT -H "Authorization: Bearer $COORD" --data-binary @"$DATA/mini.json" "$HUB_URL/api/v1/sites/tuulikyla/bundle")" 422 "publish with a calendar file"
    grep -q "calendar" "$E2E_DIR/body" || fail "422 without the reason: $(cat "$E2E_DIR/body")"
    check_eq "$(hub_curl -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $TOKEN" --data-binary @"$E2E_DIR/flat.json" "$HUB_URL/api/v1/sites/tuulikyla/bundle")" 401 "publish with a kiosk token"
    check_eq "$(hub_curl -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $COORD" --data-binary @"$E2E_DIR/flat.json" "$HUB_URL/api/v1/sites/tuulikyla/bundle")" 200 "publish over HTTPS"
fi

# Feedback: 250 answers (two batches of 200 + 50), exactly once at the hub.
add_answers "$KDB" 250 e2e
sql "$KDB" "INSERT INTO slip_counts (day, service_id, count) VALUES ('2026-11-20', 'neuvola', 3)"
S once 2>"$E2E_DIR/err" || { [ -n "${E2E_GDB:-}" ] && gdb -batch -ex run -ex bt --args "$SYNC" --store "$KDB" --hub "$HUB_URL" --ca-file "$E2E_DIR/ca/ca.pem" once; fail "sync: $(cat "$E2E_DIR/err")"; }
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "kiosk outbox after sync"
check_eq "$(hubsql "SELECT count(*), count(DISTINCT key) FROM feedback")" "250|250" "hub rows"
check_eq "$(hubsql "SELECT count FROM slip_counts")" 3 "slip count at hub"
check_eq "$(sql "$KDB" "SELECT sent_count FROM slip_counts")" 3 "slip sent_count"

# The export (CLI and HTTP) holds exactly the kiosk's keys, with a BOM and CRLF.
"$HUB" --db "$HUB_DB" export --from 2026-11-01 --to 2026-11-30 --site tuulikyla > "$E2E_DIR/export.csv" || fail "export"
check_eq "$(head -c 3 "$E2E_DIR/export.csv" | od -An -tx1 | tr -d ' ')" efbbbf "CSV byte order mark"
tail -n +2 "$E2E_DIR/export.csv" | cut -d, -f1 | sort > "$E2E_DIR/hub.keys"
sql "$KDB" "SELECT key FROM feedback ORDER BY key" | sort > "$E2E_DIR/kiosk.keys"
cmp -s "$E2E_DIR/hub.keys" "$E2E_DIR/kiosk.keys" || fail "exported keys differ from the kiosk's"
grep -q $'\r$' "$E2E_DIR/export.csv" || fail "CSV lines do not end in CRLF"
grep -q "soita \*\*\*" "$E2E_DIR/export.csv" || fail "phone number not masked in the export"
! grep -q "040 123 4567" "$E2E_DIR/export.csv" || fail "a phone number is in the export unmasked"
grep -q "شكرا" "$E2E_DIR/export.csv" || fail "Arabic lost in the export"
hub_curl -H "Authorization: Bearer $COORD" "$HUB_URL/api/v1/feedback.csv?site=tuulikyla&suspect=exclude" > "$E2E_DIR/http.csv"
check_eq "$(( $(wc -l < "$E2E_DIR/http.csv") - 1 ))" "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE suspect = 0")" "HTTP export without suspect presses"

# Bad requests: each a 4xx with an error body, and the hub's rows unchanged.
before=$(hubsql "SELECT count(*) FROM feedback")
expect() { # expect STATUS DESCRIPTION curl-args...
    local want=$1 what=$2; shift 2
    local got; got=$(hub_curl -o "$E2E_DIR/body" -w '%{http_code}' "$@")
    check_eq "$got" "$want" "$what"
    grep -q '"error"' "$E2E_DIR/body" || fail "$what: no error body"
}
REC='{"key":"new-key-0001","visit_id":"v","created":"2026-11-20T10:00","context":"home","language":"fi","kind":"face","face":2}'
expect 400 "malformed JSON" -H "Authorization: Bearer $TOKEN" -d '{"records":[' "$HUB_URL/api/v1/feedback"
expect 401 "wrong token" -H "Authorization: Bearer 0000000000000000000000000000000000000000000000000000000000000000" -d "{\"records\":[$REC]}" "$HUB_URL/api/v1/feedback"
expect 401 "no token" -d "{\"records\":[$REC]}" "$HUB_URL/api/v1/feedback"
head -c 1100000 /dev/zero | tr '\0' ' ' > "$E2E_DIR/big"
expect 413 "oversized body" -H "Authorization: Bearer $TOKEN" --data-binary @"$E2E_DIR/big" "$HUB_URL/api/v1/feedback"
expect 401 "a body without a token is refused before it is read" -X PUT --data-binary @"$E2E_DIR/big" "$HUB_URL/api/v1/sites/tuulikyla/bundle"
expect 413 "oversized chunked body (no Content-Length)" -H "Authorization: Bearer $TOKEN" -H "Transfer-Encoding: chunked" --data-binary @"$E2E_DIR/big" "$HUB_URL/api/v1/feedback"
printf '{"records":[{"key":"new-key-0002","visit_id":"v","created":"2026-11-20T10:00","context":"\xc3\x28","language":"fi","kind":"face","face":2}]}' > "$E2E_DIR/badutf8"
expect 400 "bad UTF-8" -H "Authorization: Bearer $TOKEN" --data-binary @"$E2E_DIR/badutf8" "$HUB_URL/api/v1/feedback"
expect 400 "a bad record spoils the batch" -H "Authorization: Bearer $TOKEN" -d "{\"records\":[$REC,{\"key\":\"x\"}]}" "$HUB_URL/api/v1/feedback"
K1=$(sql "$KDB" "SELECT key FROM feedback WHERE kind='face' ORDER BY id LIMIT 1")
expect 409 "a known key with other content" -H "Authorization: Bearer $TOKEN" -d "{\"records\":[$REC,{\"key\":\"$K1\",\"visit_id\":\"v\",\"created\":\"2026-11-20T10:00\",\"context\":\"home\",\"language\":\"fi\",\"kind\":\"face\",\"face\":1}]}" "$HUB_URL/api/v1/feedback"
expect 400 "heartbeat with a negative outbox" -H "Authorization: Bearer $TOKEN" -d '{"software_version":"1","uptime_s":1,"outbox_length":-1,"printer_status":"ok","free_disk_bytes":1}' "$HUB_URL/api/v1/heartbeat"
expect 401 "coordinator route with a kiosk token" -H "Authorization: Bearer $TOKEN" "$HUB_URL/api/v1/kiosks"
check_eq "$(hubsql "SELECT count(*) FROM feedback")" "$before" "rows after bad requests"

# A replayed batch (the exact records again) is acknowledged and counted zero times.
sql "$KDB" "UPDATE feedback SET sent_at = NULL WHERE id <= 50"
S once 2>"$E2E_DIR/err" || fail "replay sync: $(cat "$E2E_DIR/err")"
grep -q "0 sent (50 already at hub)\|50 sent (50 already at hub)" "$E2E_DIR/err" || fail "replay: $(cat "$E2E_DIR/err")"
check_eq "$(hubsql "SELECT count(*) FROM feedback")" 250 "rows after a replayed batch"

# A kiosk row whose key the hub holds with other content (a restored backup, a bug) is refused
# by index (409) and set aside on the kiosk; the rest of its batch goes through.
sql "$KDB" "UPDATE feedback SET face = 5 - face, sent_at = NULL WHERE key = '$K1'"
add_answers "$KDB" 2 conflict
S once 2>"$E2E_DIR/err" || fail "sync with a conflict: $(cat "$E2E_DIR/err")"
grep -q "the hub refused record $K1, set aside: .*different content" "$E2E_DIR/err" || fail "conflict: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT sent_at FROM feedback WHERE key = '$K1'")" refused "conflicting row"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 0 "outbox after a conflict"
check_eq "$(hubsql "SELECT count(*) FROM feedback")" 252 "rows after a conflict"

# Rows the hub could never accept (a bad time, invalid UTF-8) are set aside on the kiosk with a
# logged reason instead of blocking the outbox.
sql "$KDB" "INSERT INTO feedback (key, visit_id, created, context, language, kind, face) VALUES ('bad-time-1', 'v', 'yesterday', 'home', 'fi', 'face', 2);
  INSERT INTO feedback (key, visit_id, created, context, language, kind, comment) VALUES ('bad-utf8-1', 'v', '2026-11-20T10:00', 'home', 'fi', 'comment', CAST(X'C328' AS TEXT))"
add_answers "$KDB" 1 good-after-bad
S once 2>"$E2E_DIR/err" || fail "sync with invalid rows: $(cat "$E2E_DIR/err")"
grep -q "set aside: record.created: \"yesterday\" is not a date-time" "$E2E_DIR/err" || fail "bad time: $(cat "$E2E_DIR/err")"
grep -q "set aside: text is not valid UTF-8" "$E2E_DIR/err" || fail "bad UTF-8: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT group_concat(sent_at) FROM feedback WHERE key LIKE 'bad-%'")" "invalid,invalid" "rows set aside"
check_eq "$(hubsql "SELECT count(*) FROM feedback")" 253 "rows after invalid ones"

# Long answers: 500 with the longest comment (2000 bytes), visit id and context allowed make a
# body over the hub's 1 MiB limit in one batch of 500; the agent cuts batches by size instead.
sql "$KDB" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 500)
  INSERT INTO feedback (key, visit_id, created, context, language, kind, comment)
  SELECT printf('long-%05d', i), printf('%.64d', i), '2026-11-20T10:00', printf('%.100d', i), 'fi', 'comment',
         replace(hex(zeroblob(500)), '00', 'ää') FROM c"
S --batch 500 once 2>"$E2E_DIR/err" || fail "sync of long comments: $(cat "$E2E_DIR/err")"
check_eq "$(hubsql "SELECT count(*), max($(hub_is_pg && echo "octet_length(comment)" || echo "length(CAST(comment AS BLOB))")) FROM feedback WHERE key LIKE 'long-%'")" "500|2000" "long comments at the hub"
grep -q "POST /api/v1/feedback -> 413" "$E2E_DIR/hub.log" && [ "$(grep -c "POST /api/v1/feedback -> 413" "$E2E_DIR/hub.log")" != 2 ] && fail "the agent sent an oversized batch"

# Health reached the hub.
hub_curl -H "Authorization: Bearer $COORD" "$HUB_URL/api/v1/kiosks" > "$E2E_DIR/kiosks.json"
check_eq "$(sqlite3 :memory: "SELECT json_array_length(readfile('$E2E_DIR/kiosks.json'), '$.kiosks')")" 1 "one kiosk only"
check_eq "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].name')" "Lobby kiosk" "kiosk name"
check_eq "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].stale')" 0 "kiosk stale"
check_eq "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].health.outbox_length')" 0 "health outbox"
check_eq "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].health.printer_status')" unknown "health printer"
[ "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].health.free_disk_bytes')" -gt 0 ] || fail "health free disk"
check_eq "$(jget "$E2E_DIR/kiosks.json" '$.kiosks[0].health.content_version')" "$(sql "$KDB" "SELECT value FROM meta WHERE key='content_version'")" "health content version"

# Revoked: the next sync is refused with 401 and a clear message, nothing changes.
KID=$(sql "$KDB" "SELECT value FROM sync_state WHERE key='kiosk_id'")
"$HUB" --db "$HUB_DB" revoke "$KID" >/dev/null || fail "revoke"
add_answers "$KDB" 3 after-revoke
S once 2>"$E2E_DIR/err" && fail "a revoked kiosk synced"
grep -q "HTTP 401" "$E2E_DIR/err" || fail "revoked: $(cat "$E2E_DIR/err")"
check_eq "$(sql "$KDB" "SELECT count(*) FROM feedback WHERE sent_at IS NULL")" 3 "outbox kept after revoke"
S status > "$E2E_DIR/status" 2>&1 || fail "status"
grep -q "^outbox: 3 unsent" "$E2E_DIR/status" || fail "status: $(cat "$E2E_DIR/status")"
grep -q "^last_error: upload: HTTP 401" "$E2E_DIR/status" || fail "status: $(cat "$E2E_DIR/status")"
stop_hub
echo "sync_basic: ok"
