#!/usr/bin/env bash
# test_deb.sh DEB_DIR SOURCE_DIR - what the two .deb files hold and declare, and lintian on them.
set -u
dir=$1 src=$2
fail=0
bad() { echo "FAIL: $*"; fail=1; }
kiosk=$(ls "$dir"/majakka-kiosk_*.deb) hub=$(ls "$dir"/majakka-hub_*.deb) || { echo "FAIL: no .deb in $dir"; exit 1; }
kc=$(dpkg-deb -c "$kiosk" | awk '{print $6}') hc=$(dpkg-deb -c "$hub" | awk '{print $6}')
for f in ./usr/bin/majakka-kiosk ./usr/bin/majakka-sync ./usr/share/majakka/demo/bundle.json ./usr/share/majakka/po/fi.po \
         ./etc/majakka/majakka.ini ./lib/systemd/system/majakka-kiosk.service ./lib/systemd/system/majakka-sync.service \
         ./lib/udev/rules.d/60-majakka-printer.rules ./usr/share/man/man1/majakka-kiosk.1.gz \
         ./usr/share/man/man1/majakka-sync.1.gz ./usr/share/doc/majakka-kiosk/copyright; do
    grep -qx -- "$f" <<<"$kc" || bad "majakka-kiosk lacks $f"
done
for f in ./usr/bin/majakka-hub ./lib/systemd/system/majakka-hub.service ./usr/share/man/man1/majakka-hub.1.gz; do
    grep -qx -- "$f" <<<"$hc" || bad "majakka-hub lacks $f"
done
grep -q "majakka-hub$" <<<"$kc" && bad "majakka-kiosk ships the hub"
grep -q "usr/bin/majakka-kiosk$" <<<"$hc" && bad "majakka-hub ships the kiosk"
# Depends from the binaries' shared libraries (dpkg-shlibdeps), plus adduser for the users.
kd=$(dpkg-deb -f "$kiosk" Depends) hd=$(dpkg-deb -f "$hub" Depends)
for d in adduser libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libcurl4 libsystemd0 fonts-noto-core; do
    grep -q "\b$d\b" <<<"$kd" || bad "majakka-kiosk Depends lacks $d: $kd"
done
for d in adduser libmicrohttpd12 libsqlite3-0 libsystemd0; do
    grep -q "\b$d\b" <<<"$hd" || bad "majakka-hub Depends lacks $d: $hd"
done
grep -q libsdl2 <<<"$hd" && bad "majakka-hub depends on SDL: $hd"
# Maintainer scripts and conffiles.
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
dpkg-deb -e "$kiosk" "$T/k"; dpkg-deb -e "$hub" "$T/h"
grep -qx /etc/majakka/majakka.ini "$T/k/conffiles" 2>/dev/null || bad "majakka.ini is not a conffile"
grep -q "adduser --system.* majakka$" "$T/k/postinst" || bad "kiosk postinst makes no system user"
grep -q "adduser --system.* majakka-hub$" "$T/h/postinst" || bad "hub postinst makes no system user"
grep -q 'deb-systemd-helper enable' "$T/k/postinst" || bad "kiosk postinst enables no unit"
for s in "$T"/k/postrm "$T"/h/postrm; do
    awk '/rm -rf/ && !p {exit 1} /"\$1" = purge/ {p=1}' "$s" || bad "$s deletes data outside purge"
    sh -n "$s" || bad "$s: syntax"
done
# Units point at /usr/bin.
dpkg-deb -x "$kiosk" "$T/kx"; dpkg-deb -x "$hub" "$T/hx"
for u in "$T"/kx/lib/systemd/system/*.service "$T"/hx/lib/systemd/system/*.service; do
    grep -q '^ExecStart=/usr/bin/majakka-' "$u" || bad "$(basename "$u"): ExecStart not in /usr/bin"
    grep -q '^Type=notify' "$u" || bad "$(basename "$u"): not Type=notify"
    grep -q '^WatchdogSec=' "$u" || bad "$(basename "$u"): no WatchdogSec="
done
# The default config: all comments, and the kiosk accepts it with every line uncommented too.
grep -v '^\s*$' "$T/kx/etc/majakka/majakka.ini" | grep -qv '^[#;[]' && bad "majakka.ini has active lines"
# lintian: no error.
out=$(lintian --tag-display-limit 0 "$kiosk" "$hub" 2>&1 | grep -v "root privileges")
echo "$out"
grep -q '^E:' <<<"$out" && bad "lintian reports errors"
[ $fail -eq 0 ] && echo "ok: packages"
exit $fail
