#!/bin/bash
# run.sh [SECONDS] [BUILD_DIR] [TARGET...] - builds the content fuzz targets with Debian's clang
# (libFuzzer + ASan + UBSan) and runs each for SECONDS (default 60) on a copy of its seed corpus,
# with -timeout=10 (a slow input is a finding) and -rss_limit_mb=1024. A crash, leak, timeout or
# out-of-memory fails the run and leaves the input in BUILD_DIR/findings/TARGET; add it to
# tests/fuzz/corpus/TARGET as a regression seed once fixed. Prints executions and coverage.
# FUZZ_SEED=N makes the run repeatable (ctest sets it, so CI explores the same inputs each time;
# a run by hand without it explores new ones).
set -euo pipefail
SECS=${1:-60}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OUT=${2:-$ROOT/build-fuzz}
shift 2 2>/dev/null || shift $#
TARGETS=${*:-bundle ics recur config po imports}
CC=$(command -v clang || command -v clang-14) || { echo "run.sh: clang not installed" >&2; exit 1; }
mkdir -p "$OUT/obj" "$OUT/findings"
FLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -std=c11
 -DMAJAKKA_VERSION=\"fuzz\" -DMAJAKKA_SOURCE_ASSETS=\"$ROOT/assets\" -DMAJAKKA_INSTALLED_ASSETS=\"/usr/share/majakka\"
 -I$ROOT/core -I$ROOT/kiosk $(pkg-config --cflags sqlite3 jansson libical libsodium)"
LIBS="$(pkg-config --libs sqlite3 jansson libical libsodium libsystemd) -lm"
# The library once, instrumented for coverage (fuzzer-no-link), object by object.
objs=()
for src in "$ROOT"/core/*.c; do
    [ "$(basename "$src")" = qrcode.c ] && continue   # libmajakka_qrcode: needs libqrencode, no target uses it
    o="$OUT/obj/$(basename "$src" .c).o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ]; then
        nice "$CC" $FLAGS -fsanitize=fuzzer-no-link -c "$src" -o "$o"
    fi
    objs+=("$o")
done
# The directory importers (sync/imp*.c) need only the core library: compiled for the imports target.
impobjs=()
for src in "$ROOT"/sync/imp.c "$ROOT"/sync/imp_*.c; do
    o="$OUT/obj/sync_$(basename "$src" .c).o"
    if [ ! -f "$o" ] || [ "$src" -nt "$o" ]; then
        nice "$CC" $FLAGS -I"$ROOT/sync" -fsanitize=fuzzer-no-link -c "$src" -o "$o"
    fi
    impobjs+=("$o")
done
status=0
for t in $TARGETS; do
    extra=()
    [ "$t" = imports ] && extra=(-I"$ROOT/sync" "${impobjs[@]}")
    nice "$CC" $FLAGS -fsanitize=fuzzer "$HERE/fuzz_$t.c" "${extra[@]}" "${objs[@]}" $LIBS -o "$OUT/fuzz_$t"
    work="$OUT/corpus-$t"
    rm -rf "$work"; mkdir -p "$work" "$OUT/findings/$t"
    cp "$HERE/corpus/$t/"* "$work/"
    log="$OUT/fuzz_$t.log"
    set +e
    ASAN_OPTIONS=detect_leaks=1 TZ=UTC nice "$OUT/fuzz_$t" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=1024 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
        -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/findings/$t/" "$work" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    printf 'fuzz_%-7s %3s s  %9s executions  coverage %5s edges  %6s features  %s\n' "$t" "$SECS" "$execs" "$cov" "$ft" \
        "$([ $rc -eq 0 ] && echo ok || echo "FAILED (exit $rc, see $log and $OUT/findings/$t)")"
    [ $rc -eq 0 ] || status=1
done
exit $status
