#!/usr/bin/env bash
# test_help.sh KIOSK SYNC HUB MANDIR - every program's --help and --version work on a fresh
# machine (a HOME with nothing in it, no database, a broken config file), touch no file, every
# hub command has its own usage line, and every flag a program's --help names is in its man page.
set -u
kiosk=$1 sync=$2 hub=$3 man=$4
fail=0
bad() { echo "FAIL: $*"; fail=1; }
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
mkdir "$T/home" "$T/cwd"
printf '[kiosk]\nthis line is broken\n' > "$T/broken.ini"
cd "$T/cwd"
run() { env -i PATH=/usr/bin:/bin HOME="$T/home" MAJAKKA_HUB_DB="$T/nodir/hub.db" "$@"; }

for p in "$kiosk" "$sync" "$hub"; do
    name=$(basename "$p")
    for extra in "" "--config $T/broken.ini"; do
        out=$(run "$p" $extra --help 2>"$T/err"); rc=$?
        [ $rc -eq 0 ] || bad "$name $extra --help exits $rc: $(cat "$T/err")"
        grep -q "^usage: $name" <<<"$out" || bad "$name --help prints no usage line"
        out=$(run "$p" $extra --version 2>&1); rc=$?
        [ $rc -eq 0 ] || bad "$name --version exits $rc"
        grep -Eq "^$name [0-9]+\.[0-9]+\.[0-9]+$" <<<"$out" || bad "$name --version printed \"$out\""
    done
    page="$man/$name.1"
    [ -f "$page" ] || { bad "no man page $page"; continue; }
    warn=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [ -z "$warn" ] || bad "$page: groff warns: $warn"
    text=$(sed 's/\\-/-/g' "$page")
    for f in $(run "$p" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
        grep -q -- "$f" <<<"$text" || bad "$name: $f is in --help but not in $page"
    done
done

# Every hub command: a usage line of its own naming its flags, and the command in the man page.
cmds=$(run "$hub" --help | sed -n 's/^  \([a-z-]*\) .*/\1/p')
[ "$(wc -w <<<"$cmds")" -ge 8 ] || bad "hub --help lists only: $cmds"
htext=$(sed 's/\\-/-/g' "$man/majakka-hub.1")
for c in $cmds; do
    line=$(run "$hub" --db "$T/nodir/x.db" "$c" --help); rc=$?
    [ $rc -eq 0 ] || bad "hub $c --help exits $rc"
    grep -q "^usage: majakka-hub \[--db PATH|postgresql://...\] $c" <<<"$line" || bad "hub $c --help: \"$line\""
    grep -q "^\.B.* $c\b\|^\.B $c\$\|^\.BI.*\"\?$c\b\|^\.BR $c" <<<"$htext" || bad "hub command $c not in the man page"
done
# An unknown command is refused before any database is made.
run "$hub" frobnicate >/dev/null 2>&1 && bad "hub accepted an unknown command"
# Sync subcommands are in its man page.
stext=$(sed 's/\\-/-/g' "$man/majakka-sync.1")
for c in enroll once run status; do grep -q "\b$c\b" <<<"$stext" || bad "sync command $c not in the man page"; done

left=$(cd "$T" && find home cwd nodir -mindepth 1 2>/dev/null)
[ -z "$left" ] || bad "--help/--version left files behind: $left"
[ $fail -eq 0 ] && echo "ok: --help, --version and man pages"
exit $fail
