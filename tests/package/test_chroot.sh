#!/usr/bin/env bash
# test_chroot.sh DEB_DIR CACHE_DIR - installs majakka-kiosk with `apt install ./majakka-kiosk_*.deb`
# into a clean Debian 12 root (debootstrap, minbase) and starts the kiosk from its unit file's
# ExecStart= line on the demo content, headless (SDL offscreen), as the unit's user. READY=1 on a
# NOTIFY_SOCKET this test reads says the first frame was drawn. Then reinstall (an upgrade keeps
# the edited config), remove (keeps the data) and purge (removes data and config).
# The bootstrapped root is cached as CACHE_DIR/bookworm-root.tar.gz and the downloaded packages
# in CACHE_DIR/apt, so a second run needs the mirror only for `apt-get update`.
# Exit 77 (ctest: skipped) with a message when not root, without debootstrap, when the mirror
# (from this machine's apt sources, or $MAJAKKA_DEBIAN_MIRROR) cannot be reached, or when the
# machine does not allow the mounts a chroot needs.
set -u
debs=$1 cache=$2
skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" -eq 0 ] || skip "needs root (chroot, debootstrap)"
command -v debootstrap >/dev/null || skip "debootstrap is not installed"
kdeb=$(ls "$debs"/majakka-kiosk_*.deb 2>/dev/null | head -1)
[ -n "$kdeb" ] || { echo "FAIL: no majakka-kiosk .deb in $debs"; exit 1; }
mirror=${MAJAKKA_DEBIAN_MIRROR:-}
if [ -z "$mirror" ]; then
    mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1)
    [ -n "$mirror" ] || mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
fi
[ -n "$mirror" ] || skip "no Debian mirror in the apt sources (set MAJAKKA_DEBIAN_MIRROR)"
mkdir -p "$cache/apt/partial"
tarball=$cache/bookworm-root.tar.gz
fail=0
bad() { echo "FAIL: $*"; fail=1; }
T=$(mktemp -d /var/tmp/majakka-chroot.XXXXXX)
root=$T/root
cleanup() {
    for m in "$root/var/cache/apt/archives" "$root/dev" "$root/proc"; do
        mountpoint -q "$m" 2>/dev/null && umount -l "$m"
    done
    [ -n "${lpid:-}" ] && kill "$lpid" 2>/dev/null
    # never follow a mount out of the root
    if ! grep -q " $T/" /proc/mounts; then rm -rf --one-file-system "$T"; fi
}
trap cleanup EXIT

if [ ! -s "$tarball" ]; then
    echo "== debootstrap bookworm (minbase) from the apt sources' mirror, cached as $tarball"
    if ! timeout 900 nice debootstrap --variant=minbase --cache-dir="$cache/apt" bookworm "$T/boot" "$mirror" >"$T/debootstrap.log" 2>&1; then
        tail -5 "$T/debootstrap.log"
        grep -qiE "Failed getting release|Couldn't download|resolve|connect|Temporary failure" "$T/debootstrap.log" &&
            skip "debootstrap cannot reach the package mirror"
        grep -qiE "Operation not permitted|cannot mount|mknod" "$T/debootstrap.log" &&
            skip "debootstrap needs privileges this machine (a container?) does not give"
        echo "FAIL: debootstrap"; exit 1
    fi
    rm -f "$T"/boot/var/cache/apt/archives/*.deb
    tar -C "$T/boot" -czf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf --one-file-system "$T/boot"
fi
mkdir -p "$root"
tar -C "$root" -xzf "$tarball" || { echo "FAIL: unpack $tarball"; exit 1; }
mount -t proc proc "$root/proc" && mount --bind /dev "$root/dev" && mount --bind "$cache/apt" "$root/var/cache/apt/archives" ||
    skip "cannot mount /proc, /dev and the package cache into the root (a container without privileges?)"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 "$@"; }
echo "== apt install ./$(basename "$kdeb")"
cp "$kdeb" "$root/tmp/"
if ! in_root apt-get update -qq >"$T/update.log" 2>&1; then
    cat "$T/update.log"; skip "apt-get update cannot reach the package mirror"
fi
start=$(date +%s)
in_root apt-get install -y -qq --no-install-recommends "./tmp/$(basename "$kdeb")" >"$T/install.log" 2>&1 ||
    { tail -20 "$T/install.log"; echo "FAIL: apt install"; exit 1; }
echo "installed in $(( $(date +%s) - start )) s"

# What the maintainer scripts did.
in_root getent passwd majakka >/dev/null || bad "no system user majakka"
for g in video input render lp; do
    in_root id -nG majakka | grep -qw "$g" || bad "majakka is not in group $g"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/majakka-kiosk.service" ] || bad "majakka-kiosk.service not enabled"
[ -L "$root/etc/systemd/system/multi-user.target.wants/majakka-sync.service" ] || bad "majakka-sync.service not enabled"
[ -f "$root/etc/majakka/majakka.ini" ] || bad "no /etc/majakka/majakka.ini"

# The kiosk from its unit's command line: ExecStart=, User=, Environment= as systemd would (the
# state directory made like StateDirectory=), SDL's offscreen driver instead of kmsdrm.
unit=$root/lib/systemd/system/majakka-kiosk.service
exec_line=$(sed -n 's/^ExecStart=//p' "$unit")
user=$(sed -n 's/^User=//p' "$unit")
envs=$(sed -n 's/^Environment=//p' "$unit" | grep -v '^SDL_VIDEODRIVER=')
[ -n "$exec_line" ] && [ -n "$user" ] || { echo "FAIL: unit without ExecStart/User"; exit 1; }
case "$exec_line" in /usr/bin/majakka-kiosk\ *) ;; *) bad "ExecStart is $exec_line";; esac
install -d -m 0700 -o "$(in_root id -u "$user")" -g "$(in_root id -g "$user")" "$root/var/lib/majakka"
sock=$root/run/majakka-notify.sock
mkdir -p "$root/run"
python3 - "$sock" "$T/notify.log" <<'PY' &
import socket, sys, os, time
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o777)
s.settimeout(60)
with open(sys.argv[2], "w") as log:
    end = time.time() + 60
    while time.time() < end:
        try: d = s.recv(4096).decode()
        except socket.timeout: break
        log.write(d.replace("\n", " | ") + "\n"); log.flush()
PY
lpid=$!
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
echo "== $exec_line (as $user, SDL offscreen)"
# shellcheck disable=SC2086
chroot --userspec="$user:$user" "$root" env -i PATH=/usr/bin:/bin HOME=/var/lib/majakka LANG=C.UTF-8 $envs \
    SDL_VIDEODRIVER=offscreen NOTIFY_SOCKET=/run/majakka-notify.sock WATCHDOG_USEC=2000000 \
    $exec_line >"$T/kiosk.log" 2>&1 &
kpid=$!
for _ in $(seq 300); do grep -q "READY=1" "$T/notify.log" 2>/dev/null && break; kill -0 $kpid 2>/dev/null || break; sleep 0.1; done
sleep 1.5   # long enough for a watchdog ping (every second with WATCHDOG_USEC=2 s)
kill -0 $kpid 2>/dev/null || bad "the kiosk exited: $(cat "$T/kiosk.log")"
kill -TERM $kpid 2>/dev/null; wait $kpid; krc=$?
[ $krc -eq 0 ] || bad "the kiosk exited $krc on SIGTERM: $(cat "$T/kiosk.log")"
echo "notify messages:"; sort "$T/notify.log" | uniq -c | head -10
grep -q "READY=1" "$T/notify.log" || bad "no READY=1 (first frame) from the installed kiosk"
grep -q "STATUS=showing content demo-" "$T/notify.log" || bad "no STATUS= with the demo content version"
grep -q "WATCHDOG=1" "$T/notify.log" || bad "no WATCHDOG=1 from the kiosk's loop"
[ -s "$root/var/lib/majakka/majakka.db" ] || bad "no store in /var/lib/majakka"
[ "$(stat -c %u "$root/var/lib/majakka/majakka.db")" = "$(in_root id -u "$user")" ] || bad "store not owned by $user"

# Upgrade (same package again) keeps the edited config; remove keeps data; purge removes both.
echo "# edited by the test" >>"$root/etc/majakka/majakka.ini"
in_root dpkg -i "/tmp/$(basename "$kdeb")" >"$T/reinstall.log" 2>&1 || { cat "$T/reinstall.log"; bad "reinstall"; }
grep -q "edited by the test" "$root/etc/majakka/majakka.ini" || bad "the upgrade replaced the edited config"
in_root dpkg -r majakka-kiosk >"$T/remove.log" 2>&1 || { cat "$T/remove.log"; bad "dpkg -r"; }
[ -f "$root/var/lib/majakka/majakka.db" ] || bad "remove deleted the store"
[ -f "$root/etc/majakka/majakka.ini" ] || bad "remove deleted the config"
[ -e "$root/usr/bin/majakka-kiosk" ] && bad "remove left the binary"
in_root dpkg -P majakka-kiosk >"$T/purge.log" 2>&1 || { cat "$T/purge.log"; bad "dpkg -P"; }
[ -e "$root/var/lib/majakka" ] && bad "purge left /var/lib/majakka"
[ -e "$root/etc/majakka/majakka.ini" ] && bad "purge left the config"
[ $fail -eq 0 ] && echo "ok: installed in a clean Debian 12 root, started from the unit's ExecStart, upgrade/remove/purge"
exit $fail
