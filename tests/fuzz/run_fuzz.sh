#!/bin/bash
# run_fuzz.sh SRC_DIR SECONDS TARGET... - builds each libFuzzer target with Debian's clang
# (-fsanitize=fuzzer,address,undefined) in a temporary folder and runs it for SECONDS with time
# and memory limits (a slow input counts as a finding), starting from tests/fuzz/corpus/TARGET.
# A finding fails the run and leaves the input in the temporary folder's crash-* file.
# Targets: mask (core/mask.c), text (core/qrpayload.c, bidi.c, linebreak.c), form (sync/hub_form.c).
set -u
src=$1 secs=$2; shift 2
CLANG=${CLANG:-$(command -v clang || command -v clang-14)} || { echo "no clang"; exit 1; }
work=$(mktemp -d /tmp/majakka-fuzz.XXXXXX)
trap 'rm -rf "$work"' EXIT
rc=0
for t in "$@"; do
    case "$t" in
        mask) files="$src/core/mask.c $src/core/util.c" ;;
        text) files="$src/core/qrpayload.c $src/core/bidi.c $src/core/linebreak.c $src/core/util.c" ;;
        form) files="$src/sync/hub_form.c $src/core/util.c" ;;
        *) echo "unknown target $t"; exit 2 ;;
    esac
    "$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -D_POSIX_C_SOURCE=200809L \
        -D_DEFAULT_SOURCE -I"$src/core" -I"$src/sync" -o "$work/fuzz_$t" "$src/tests/fuzz/fuzz_$t.c" $files || { echo "build of $t failed"; exit 1; }
    mkdir -p "$work/corpus_$t"
    cp "$src/tests/fuzz/corpus/$t"/* "$work/corpus_$t/"
    (cd "$work" && "./fuzz_$t" -max_total_time="$secs" -timeout=2 -rss_limit_mb=512 -max_len=4096 -print_final_stats=1 ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
        "corpus_$t" 2>"$work/$t.log")
    st=$?
    grep -E "stat::number_of_executed_units|cov:" "$work/$t.log" | tail -2
    if [ $st != 0 ]; then
        echo "FAIL: fuzz_$t found something:"; grep -A15 "oracle\|ERROR" "$work/$t.log" | head -30
        for c in "$work"/crash-* "$work"/timeout-* "$work"/oom-*; do [ -f "$c" ] && { echo "input (hex):"; od -An -tx1 "$c" | head -5; }; done
        rc=1
    fi
done
exit $rc
