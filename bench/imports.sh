#!/usr/bin/env bash
# bench/imports.sh BUILD_DIR [RUNS] - the imports of issue 12 on a big input (not part of the test
# suite): a directory of 4,000 services with 11,000 schedule rows (bench/gen_imports.py) as an
# HSDS CSV datapackage and as HSDS 3.0 JSON, and a calendar of 10,000 events as a Linked Events
# page and as an iCalendar file, each imported into a fresh site's draft with majakka-hub
# (SQLite), then imported again (nothing changes, nothing stored). Each figure is the whole
# command's wall time (start, read, parse, per-record validation, merge, whole-draft validation,
# store), median and worst of RUNS. Prints a Markdown table (docs/benchmarks.md has one).
set -euo pipefail
cd "$(dirname "$0")/.."
top=$(pwd)
b=${1:?build dir}
runs=${2:-5}
hub="$b/sync/majakka-hub"
work=$(mktemp -d /tmp/majakka-impbench.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 "$top/bench/gen_imports.py" "$work" 4000 11000 10000 >&2
"$hub" --db "$work/hub.db" init >/dev/null
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
stats() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {printf "%d|%d", a[int((NR+1)/2)], a[NR]}'; }
echo "| import into a draft (SQLite) | first: median | worst | again (no change): median | worst | result |"
echo "|---|---|---|---|---|---|"
bench() {   # bench LABEL COMMAND INPUT...
    local label=$1 cmd=$2; shift 2
    local first=() again=() i site line
    for i in $(seq "$runs"); do
        site="b-$cmd-$i"
        local t0; t0=$(now_ms)
        "$hub" --db "$work/hub.db" "$cmd" "$@" --site "$site" > "$work/out" || { cat "$work/out" >&2; exit 1; }
        first+=($(( $(now_ms) - t0 )))
        line=$(grep "records" "$work/out" | tail -1)
        t0=$(now_ms)
        "$hub" --db "$work/hub.db" "$cmd" "$@" --site "$site" > "$work/out2" || { cat "$work/out2" >&2; exit 1; }
        again+=($(( $(now_ms) - t0 )))
        grep -q "nothing to save" "$work/out2" || { echo "bench: the second import changed something" >&2; exit 1; }
    done
    local IFS='|' fm fw am aw
    read -r fm fw <<< "$(stats "${first[@]}")"
    read -r am aw <<< "$(stats "${again[@]}")"
    echo "| $label | $fm ms | $fw ms | $am ms | $aw ms | ${line%%;*} |"
}
bench "HSDS CSV datapackage: 4,000 services, 11,000 schedule rows" import-hsds "$work/hsds-csv"
bench "HSDS 3.0 JSON: the same directory" import-hsds "$work/hsds3.json"
bench "Linked Events: 10,000 events" import-linkedevents "$work/linkedevents.json"
bench "iCalendar: 10,000 events" import-calendar "$work/calendar.ics"
echo
echo "inputs: $(du -sk "$work/hsds-csv" | cut -f1) KiB of CSV, $(( $(stat -c %s "$work/hsds3.json") / 1024 )) KiB of HSDS JSON," \
     "$(( $(stat -c %s "$work/linkedevents.json") / 1024 )) KiB of Linked Events JSON, $(( $(stat -c %s "$work/calendar.ics") / 1024 )) KiB of iCalendar;" \
     "$runs runs; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
