#!/bin/bash
# demo_signin.sh DATA PORT - signs in on the demo's hub with what DATA/hub/sign-in.txt says (a
# user name and password, or the coordinator token) and fetches the dashboard: exit 0 when the
# signed-in dashboard (its kiosks table) comes back.
set -u
data=$1 port=$2 base="https://localhost:$2"
jar=$(mktemp) page=$(mktemp)
trap 'rm -f "$jar" "$page"' EXIT
C() { curl -sS --max-time 10 --cacert "$data/hub/cert.pem" -b "$jar" -c "$jar" "$@"; }
if grep -q '^coordinator token: ' "$data/hub/sign-in.txt"; then
    token=$(sed -n 's/^coordinator token: //p' "$data/hub/sign-in.txt")
    C -o /dev/null -L "$base/dashboard?token=$token" || exit 1
else
    user=$(sed -n 's/^user name: //p' "$data/hub/sign-in.txt") pass=$(sed -n 's/^password: //p' "$data/hub/sign-in.txt")
    C -o "$page" "$base/sign-in" || exit 1
    # The sign-in form's own hidden fields (its anti-forgery token) go back with the password.
    hidden=$(grep -o '<input type="hidden" name="[a-z_]*" value="[^"]*"' "$page" | sed 's/.*name="\([^"]*\)" value="\([^"]*\)"/--data-urlencode \1=\2/')
    # shellcheck disable=SC2086
    C -o /dev/null $hidden --data-urlencode "user=$user" --data-urlencode "password=$pass" "$base/sign-in" || exit 1
fi
C -o "$page" "$base/dashboard" || exit 1
grep -q "Aula\|Demo kiosk" "$page" || { echo "not signed in: $(head -c 300 "$page")"; exit 1; }
