#!/bin/bash
# imports.sh HUB DATA - the directory imports' commands (issue 12): import-hsds (3.0 JSON and a
# CSV datapackage), import-ptv (services and channels in two files), import-linkedevents, each
# into the site's draft (nothing published), the same data twice changes nothing, and --url
# against an API server on 127.0.0.1 (tests/e2e/import_server.py): pages followed, a next page on
# another host refused, a stall cut by the time limit, garbage, an error status and an answer
# over the size limit refused with the reason and the draft left as it was. Then the coordinator
# app's import page: an upload (JSON, several PTV files, the CSV tables of a datapackage), the
# CSRF token required in the multipart body, an http:// address refused, a body over the limit.
HUB=$1 DATA=$2
. "$(dirname "$0")/lib.sh"
"$HUB" --db "$HUB_DB" init >/dev/null || fail "hub init"
H() { "$HUB" --db "$HUB_DB" "$@"; }
rev() { hubsql "SELECT rev FROM drafts WHERE site = '$1'"; }
count() { hubsql "SELECT json_array_length(content, '\$.$2') FROM drafts WHERE site = '$1'"; }

H import-hsds "$DATA/hsds3.json" --site koti >"$E2E_DIR/out" 2>&1 || fail "import-hsds: $(cat "$E2E_DIR/out")"
grep -q "^hsds: 8 records, 3 skipped, 8 values left out; draft: 5 added" "$E2E_DIR/out" || fail "summary: $(cat "$E2E_DIR/out")"
grep -q 'service "hsds-svc-3" (Orphan service): organization "org-missing" is not in the input' "$E2E_DIR/out" || fail "report"
check_eq "$(rev koti)" 1 "draft rev after the first import"
check_eq "$(count koti services)" 3 "services in the draft"
check_eq "$(hubsql "SELECT count(*) FROM bundle_versions")" 0 "an import publishes nothing"
H import-hsds "$DATA/hsds3.json" --site koti >"$E2E_DIR/out" 2>&1 || fail "import-hsds again"
grep -q "0 added, 0 changed, 0 removed, 5 unchanged (nothing to save)" "$E2E_DIR/out" || fail "again: $(cat "$E2E_DIR/out")"
check_eq "$(rev koti)" 1 "the same data twice stores nothing"

# A CSV datapackage (its datapackage.json names a table outside the folder: not read)
H import-hsds "$DATA/hsds-csv" --site csv >"$E2E_DIR/out" 2>&1 || fail "import-hsds csv: $(cat "$E2E_DIR/out")"
grep -q "^hsds-csv: 7 records, 1 skipped" "$E2E_DIR/out" || fail "csv summary: $(cat "$E2E_DIR/out")"
check_eq "$(count csv services)" 2 "services from the CSV tables"

H import-ptv "$DATA/ptv-services.json" "$DATA/ptv-channels.json" --site ptv >"$E2E_DIR/out" 2>&1 || fail "import-ptv: $(cat "$E2E_DIR/out")"
grep -q "^ptv: 6 records, 2 skipped" "$E2E_DIR/out" || fail "ptv summary: $(cat "$E2E_DIR/out")"
check_eq "$(hubsql "SELECT json_extract(content, '\$.services[0].name.sv') FROM drafts WHERE site = 'ptv'")" "Barnrådgivning" "PTV Swedish name"

H import-linkedevents "$DATA/linkedevents.json" --site le >"$E2E_DIR/out" 2>&1 || fail "import-linkedevents: $(cat "$E2E_DIR/out")"
grep -q "^linkedevents: 7 records, 4 skipped" "$E2E_DIR/out" || fail "le summary: $(cat "$E2E_DIR/out")"
check_eq "$(count le events)" 3 "events in the draft"

H import-calendar "$DATA/calendar.ics" --site cal >"$E2E_DIR/out" 2>&1 || fail "import-calendar: $(cat "$E2E_DIR/out")"
grep -q "^calendar: 4 records, 2 skipped" "$E2E_DIR/out" || fail "calendar summary: $(cat "$E2E_DIR/out")"
check_eq "$(count cal events)" 2 "calendar events in the draft"

# Usage errors
H import-ptv --site ptv >/dev/null 2>&1; check_eq $? 2 "no file"
H import-ptv "$DATA/ptv-services.json" --site "bad site" >/dev/null 2>&1; check_eq $? 2 "a bad site id"
H import-hsds /nonexistent.json --site koti >/dev/null 2>&1; check_eq $? 1 "a missing file"

# --url against a server on 127.0.0.1
python3 "$(dirname "$0")/import_server.py" "$E2E_DIR/api.port" "$DATA" &
E2E_PIDS="$E2E_PIDS $!"
for _ in $(seq 100); do [ -s "$E2E_DIR/api.port" ] && break; sleep 0.1; done
API="http://127.0.0.1:$(cat "$E2E_DIR/api.port")"
H import-linkedevents --url "$API/le" --site web >"$E2E_DIR/out" 2>&1 || fail "--url: $(cat "$E2E_DIR/out")"
grep -q "^linkedevents: 7 records, 4 skipped" "$E2E_DIR/out" || fail "both pages: $(cat "$E2E_DIR/out")"
check_eq "$(count web events)" 3 "events from two pages"
H import-linkedevents --url "$API/le" --site web >"$E2E_DIR/out" 2>&1 || fail "--url again"
grep -q "(nothing to save)" "$E2E_DIR/out" || fail "--url twice: $(cat "$E2E_DIR/out")"
H import-hsds --url "$API/hsds" --site webh >"$E2E_DIR/out" 2>&1 || fail "hsds --url: $(cat "$E2E_DIR/out")"
grep -q "^hsds: 8 records" "$E2E_DIR/out" || fail "hsds pages: $(cat "$E2E_DIR/out")"
H import-ptv --url "$API/ptv" --site webp >"$E2E_DIR/out" 2>&1 || fail "ptv --url: $(cat "$E2E_DIR/out")"
grep -q "^ptv: 6 records" "$E2E_DIR/out" || fail "ptv page: $(cat "$E2E_DIR/out")"
R=$(rev web)
refused() {   # refused PATH EXPECTED-TEXT [options]
    local p=$1 want=$2; shift 2
    H import-linkedevents --url "$API$p" --site web "$@" >"$E2E_DIR/out" 2>&1 && fail "$p was accepted"
    grep -q "$want" "$E2E_DIR/out" || fail "$p: $(cat "$E2E_DIR/out")"
    check_eq "$(rev web)" "$R" "$p changed the draft"
}
refused /le-elsewhere "the next page is on another host"
refused /garbage "not JSON"
refused /error "HTTP status 500"
refused /nothing-here "HTTP status 404"
refused /big "more than"
T0=$(date +%s)
refused /stall "no answer within 2000 ms" --timeout-s 2
[ $(( $(date +%s) - T0 )) -lt 10 ] || fail "the stall was not cut by the time limit"
refused /le "more than 1 pages" --max-pages 1
H import-linkedevents --url "ftp://127.0.0.1/x" --site web >/dev/null 2>&1 && fail "an ftp URL was accepted"

# The coordinator app's import page
make_ca ca
hub_user anna coordinator "annan pitkä salasana" webform
hub_user ville coordinator "villen pitkä salasana" muualla
start_hub ca --quiet
J="$E2E_DIR/anna.jar"
check_eq "$(web_sign_in "$J" anna "annan pitkä salasana")" 303 "sign-in"
P="$HUB_URL/edit/webform/import"
check_eq "$(hub_curl -b "$J" -o "$E2E_DIR/imp.html" -w '%{http_code}' "$P")" 200 "the import page"
grep -q 'enctype="multipart/form-data"' "$E2E_DIR/imp.html" || fail "no upload form"
grep -q 'name="url"' "$E2E_DIR/imp.html" || fail "no address form"
grep -q "<script" "$E2E_DIR/imp.html" && fail "the import page needs a script"
TOK=$(page_csrf "$E2E_DIR/imp.html")
[ ${#TOK} = 64 ] || fail "no CSRF token on the import page"
up() { hub_curl -b "$J" -o "$E2E_DIR/up.html" -w '%{http_code}' "$@" "$P"; }
check_eq "$(up -F "csrf=$TOK" -F format=linkedevents -F "file=@$DATA/linkedevents.json")" 200 "upload"
grep -q "linkedevents: 7 records, 4 skipped, 1 values left out; draft: 3 added" "$E2E_DIR/up.html" || fail "upload summary: $(grep -o 'notice[^<]*<[^<]*' "$E2E_DIR/up.html")"
grep -q "cancelled (event_status EventCancelled)" "$E2E_DIR/up.html" || fail "the report is not shown"
grep -q 'href="/edit/webform/changes"' "$E2E_DIR/up.html" || fail "no link to What changes"
check_eq "$(count webform events)" 3 "events from the upload"
check_eq "$(hubsql "SELECT count(*) FROM bundle_versions WHERE site = 'webform'")" 0 "an upload publishes nothing"
R=$(rev webform)
check_eq "$(up -F "csrf=$TOK" -F format=linkedevents -F "file=@$DATA/linkedevents.json")" 200 "the same upload again"
grep -q "(nothing to save)" "$E2E_DIR/up.html" || fail "the same upload twice changed something"
check_eq "$(rev webform)" "$R" "the same upload twice stored a revision"
check_eq "$(up -F format=linkedevents -F "file=@$DATA/linkedevents.json")" 403 "an upload without the CSRF token"
WRONG=${TOK%?}$([ "${TOK: -1}" = 0 ] && echo 1 || echo 0)   # the last digit changed (never the token itself)
check_eq "$(up -F "csrf=$WRONG" -F format=ptv -F "file=@$DATA/ptv-services.json")" 403 "an upload with a wrong CSRF token"
check_eq "$(up -F "csrf=$TOK" -F format=ptv -F "file=@$DATA/ptv-services.json" -F "file=@$DATA/ptv-channels.json")" 200 "PTV upload"
grep -q "ptv: 6 records, 2 skipped" "$E2E_DIR/up.html" || fail "PTV upload summary"
CSV=()
for t in organizations services locations physical_addresses service_at_location phones languages regular_schedule holiday_schedule; do
    CSV+=(-F "file=@$DATA/hsds-csv/$t.csv")
done
check_eq "$(up -F "csrf=$TOK" -F format=hsds "${CSV[@]}")" 200 "an HSDS datapackage's tables"
grep -q "hsds-csv: 7 records, 1 skipped" "$E2E_DIR/up.html" || fail "CSV upload summary"
check_eq "$(up -F "csrf=$TOK" -F format=hsds -F "file=@$DATA/linkedevents.json")" 422 "Linked Events as HSDS"
check_eq "$(up -F "csrf=$TOK" -F format=calendar -F "file=@$DATA/calendar.ics")" 200 "a calendar upload"
grep -q "calendar: 4 records, 2 skipped" "$E2E_DIR/up.html" || fail "calendar upload summary"
R=$(rev webform)
check_eq "$(hub_curl -b "$J" -o "$E2E_DIR/u.html" -w '%{http_code}' --data-urlencode "csrf=$TOK" --data-urlencode format=linkedevents \
    --data-urlencode "url=$API/le" "$P")" 422 "an http:// address from the app"
grep -q "https://" "$E2E_DIR/u.html" || fail "no reason for the refused address"
check_eq "$(rev webform)" "$R" "a refused import changed the draft"
head -c $((17 << 20)) /dev/zero | tr '\0' 'a' > "$E2E_DIR/big.json"
check_eq "$(up -F "csrf=$TOK" -F format=hsds -F "file=@$E2E_DIR/big.json")" 413 "an upload over 16 MiB"
V="$E2E_DIR/ville.jar"
check_eq "$(web_sign_in "$V" ville "villen pitkä salasana")" 303 "sign-in (ville)"
check_eq "$(hub_curl -b "$V" -o /dev/null -w '%{http_code}' "$P")" 403 "another site's import page"
stop_hub
echo "imports: ok"
