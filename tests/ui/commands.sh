#!/bin/sh
# commands.sh KIOSK_TEST SRC [--update] - tests/ui/README.md's list of script commands is the
# driver's own table (majakka-kiosk-test --list-commands): fails when they differ; --update
# rewrites the README's list from the table.
set -eu
drv=$1 src=$2 readme=$2/tests/ui/README.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$drv" --list-commands > "$tmp/table"
[ -s "$tmp/table" ] || { echo "commands: the driver lists no commands" >&2; exit 1; }
# the README's list: the indented lines after "## Script commands"
awk 'f && /^    / { print } /^## Script commands/ { f = 1 }' "$readme" > "$tmp/readme"
if [ "${3:-}" = --update ]; then
    awk '/^## Script commands/ { print; print ""; exit } { print }' "$readme" > "$tmp/new"
    cat "$tmp/table" >> "$tmp/new"
    mv "$tmp/new" "$readme"
    exit 0
fi
if ! diff -u "$tmp/readme" "$tmp/table"; then
    echo "commands: tests/ui/README.md's list differs from the driver's table (sh tests/ui/commands.sh DRIVER SRC --update)" >&2
    exit 1
fi
echo "commands: README lists the $(wc -l < "$tmp/table") commands of the table"
