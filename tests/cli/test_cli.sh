#!/usr/bin/env bash
# test_cli.sh KIOSK DATA - majakka-kiosk's screenless commands as a deployer uses them:
# exit codes, the one-line summaries, and that a refused bundle leaves the store as it was.
set -u
kiosk=$1; data=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then pass=$((pass + 1)); echo "ok   $1"
    else fail=$((fail + 1)); printf 'FAIL %s\n  expected: %s\n  got:      %s\n' "$1" "$2" "$3"; fi
}

out=$("$kiosk" --data-dir "$tmp/d" --import "$data/bundles/mini.json" 2>&1); rc=$?
check "import exit" 0 "$rc"
check "import summary" "imported content 2026-11-22.1: 3 services, 4 events, 3 categories, 3 organizations, 2 locations, 2 questions" "$out"
before=$(sqlite3 "$tmp/d/majakka.db" "SELECT value FROM meta WHERE key='content_sha256'; SELECT count(*) FROM services; SELECT count(*) FROM events")

sed 's/"day": "Mon"/"day": "Mox"/' "$data/bundles/mini.json" > "$tmp/bad.json"
cp "$data/bundles/mini.ics" "$tmp/"
"$kiosk" --seal "$tmp/bad.json" > "$tmp/seal.out" 2>&1; rc=$?
check "seal of a bad bundle fails" 1 "$rc"
out=$("$kiosk" --data-dir "$tmp/d" --import "$tmp/bad.json" 2>&1); rc=$?
check "bad import exit" 1 "$rc"
# Integrity comes first: an edited bundle that was not sealed again is refused for its hash
# (the content checks, "Mox" and the rest, are the unit tests' business).
case "$out" in *"bad.json: sha256: does not match the content (expected "*) check "bad import message" yes yes ;;
     *) check "bad import message" "bad.json: sha256: does not match the content (expected ..." "$out" ;; esac
after=$(sqlite3 "$tmp/d/majakka.db" "SELECT value FROM meta WHERE key='content_sha256'; SELECT count(*) FROM services; SELECT count(*) FROM events")
check "store untouched" "$before" "$after"

cp "$data/bundles/mini.json" "$tmp/good.json"
sed -i 's/"sha256": "[0-9a-f]*"/"sha256": "0000000000000000000000000000000000000000000000000000000000000000"/' "$tmp/good.json"
"$kiosk" --check "$tmp/good.json" > /dev/null 2>&1; rc=$?
check "check refuses a wrong hash" 1 "$rc"
"$kiosk" --seal "$tmp/good.json" > /dev/null 2>&1; rc=$?
check "seal" 0 "$rc"
out=$("$kiosk" --check "$tmp/good.json" 2>&1); rc=$?
check "check after seal" "0 $tmp/good.json: valid, content version 2026-11-22.1" "$rc $out"

out=$("$kiosk" --bogus 2>&1); rc=$?
check "unknown flag" "2 majakka-kiosk: unknown option --bogus (see --help)" "$rc $out"
out=$("$kiosk" --set kiosk.idle_timeout=5 --check "$tmp/good.json" 2>&1); rc=$?
check "bad --set" "2 majakka-kiosk: kiosk.idle_timeout: \"5\" is not a whole number from 10 to 3600" "$rc $out"

printf '[kiosk]\nfullscreen = no\n' > "$tmp/k.ini"
printf '2468\n2468\n' | "$kiosk" --config "$tmp/k.ini" --set-staff-pin > /dev/null 2>&1; rc=$?
check "set staff pin" 0 "$rc"
check "pin hash stored" 1 "$(grep -c '^pin_hash = \$argon2id\$' "$tmp/k.ini")"
check "config mode (group read kept, world bits dropped)" 640 "$(stat -c %a "$tmp/k.ini")"
# Run as root on a config the kiosk's user owns: owner, group and group-read stay, world bits go.
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
    printf '[kiosk]\nfullscreen = no\n' > "$tmp/k2.ini"
    chown nobody:"$(id -gn nobody)" "$tmp/k2.ini"; chmod 0644 "$tmp/k2.ini"; chmod 0711 "$tmp"
    printf '1357\n1357\n' | "$kiosk" --config "$tmp/k2.ini" --set-staff-pin > /dev/null 2>&1; rc=$?
    check "set staff pin as root" 0 "$rc"
    check "config owner kept" "nobody 640" "$(stat -c '%U %a' "$tmp/k2.ini")"
    check "kiosk user reads it" 1 "$(su -s /bin/sh nobody -c "grep -c '^pin_hash' '$tmp/k2.ini'" 2>/dev/null)"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
