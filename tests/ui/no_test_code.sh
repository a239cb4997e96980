#!/bin/sh
# no_test_code.sh KIOSK KIOSK_TEST - the shipped majakka-kiosk carries no UI test driver: its
# --help names no script flag, and none of the driver's commands (their usage strings, the
# hyphenated command names) nor its flags are among the binary's strings.
set -eu
kiosk=$1 drv=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$kiosk" --help > "$tmp/help"
strings -a "$kiosk" > "$tmp/strings"
"$drv" --list-commands > "$tmp/table"
[ -s "$tmp/table" ] || { echo "no_test_code: the driver lists no commands" >&2; exit 1; }
# the driver has them (the check can fail): its own strings hold the usage strings
strings -a "$drv" > "$tmp/drv_strings"
grep -qF 'feedback-repeat N' "$tmp/drv_strings" || { echo "no_test_code: driver strings lack its commands" >&2; exit 1; }
bad=0
for flag in --script --screenshot-dir --list-commands app_run_test script_run; do
    if grep -qF -- "$flag" "$tmp/help" "$tmp/strings"; then echo "no_test_code: majakka-kiosk has \"$flag\"" >&2; bad=1; fi
done
# every command's usage string ("write FILE TEXT"), and every hyphenated command name
sed 's/^    //; s/  .*$//' "$tmp/table" > "$tmp/usages"
while IFS= read -r usage; do
    name=${usage%% *}
    case $usage in *" "*) if grep -qF -- "$usage" "$tmp/strings"; then echo "no_test_code: majakka-kiosk has \"$usage\"" >&2; bad=1; fi ;; esac
    case $name in *-*) if grep -qxF -- "$name" "$tmp/strings" || grep -qF -- "\"$name\"" "$tmp/strings" || grep -qwF -- "$name" "$tmp/help"; then echo "no_test_code: majakka-kiosk has \"$name\"" >&2; bad=1; fi ;; esac
done < "$tmp/usages"
[ $bad = 0 ] || exit 1
echo "no_test_code: none of $(wc -l < "$tmp/usages") script commands in majakka-kiosk or its --help"
