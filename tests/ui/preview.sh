#!/bin/sh
# preview.sh KIOSK KIOSK_TEST SOURCE_DIR OUT_DIR - majakka-kiosk --preview, the hub's preview renderer:
# - Home, this week's events and a service, in Finnish and Arabic (right to left) at the three
#   reference sizes, match the UI walks' screenshots in tests/ui/ref/ (the same tolerance as walk.sh);
#   --portrait turns the landscape size upright;
# - a service renamed in a bundle shows the new name: in the preview's texts, and the preview's
#   picture equals the kiosk's own rendering of that bundle (the UI test driver, after a sync-import);
# - a bad bundle, an unknown service, a language the site lacks and a bad screen are refused with
#   a clear message, and no picture is written; no temporary store is left behind.
set -eu
kiosk=$1 drv=$2 src=$3 out=$4
rm -rf "$out" && mkdir -p "$out/tmp"
export TMPDIR="$out/tmp"
assets=${MAJAKKA_TEST_ASSETS:-$src/assets}
fail=0
pv() { "$kiosk" --config /dev/null --assets "$assets" --set kiosk.dpi=96 --clock 2026-11-24T09:30 "$@"; }

# the same tolerance as walk.sh: at most 0.5 % of the quarter-size picture differs by over 10 %
same_as_ref() {
    convert "$1" -resize 25% "$1.small.png"
    d=$(compare -metric AE -fuzz 10% "$1.small.png" "$2" "$1.diff.png" 2>&1 >/dev/null || true)
    t=$(identify -format '%[fx:w*h]' "$2")
    awk -v d="${d%% *}" -v t="$t" 'BEGIN { exit !(d + 0 <= t * 0.005) }' || { echo "preview: $1 differs from $2 in $d pixels" >&2; return 1; }
}

for lang in fi ar; do
    for size in 1920x1080 1080x1920 800x480; do
        for s in home:home events:events-week service:aitiysneuvola:service; do
            screen=${s%:*} ref=${s##*:}
            png="$out/$lang-$size-$ref.png"
            pv --preview "$assets/demo/bundle.json" --screen "$screen" --language "$lang" --size "$size" --out "$png"
            same_as_ref "$png" "$src/tests/ui/ref/$lang-$size-$ref.png" || fail=1
        done
    done
done
# portrait: the landscape size turned upright
pv --preview "$assets/demo/bundle.json" --screen events --language ar --size 1920x1080 --portrait --out "$out/portrait.png"
[ "$(identify -format '%wx%h' "$out/portrait.png")" = 1080x1920 ] || { echo "preview: --portrait is not 1080x1920" >&2; fail=1; }
same_as_ref "$out/portrait.png" "$src/tests/ui/ref/ar-1080x1920-events-week.png" || fail=1
# the Arabic preview's texts are Arabic, and the service's Arabic name is on it
pv --preview "$assets/demo/bundle.json" --screen service:aitiysneuvola --language ar --size 1080x1920 \
    --out "$out/ar.png" --texts "$out/ar.txt"
grep -qxF 'عيادة رعاية الحوامل' "$out/ar.txt" || { echo "preview: the Arabic service name is not on the Arabic preview" >&2; fail=1; }

# a renamed service: the preview shows the bundle's name, drawn as the kiosk itself draws it
mkdir -p "$out/renamed"
cp "$assets/demo/bundle.json" "$assets/demo/events.ics" "$out/renamed/"
python3 - "$out/renamed/bundle.json" <<'PY'
import json, sys
p = sys.argv[1]
b = json.load(open(p, encoding="utf-8"))
for s in b["content"]["services"]:
    if s["id"] == "aitiysneuvola":
        s["name"]["fi"] = "Esikatselun neuvola 42"
b["content_version"] = "preview-test.1"
json.dump(b, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
"$kiosk" --seal "$out/renamed/bundle.json" > /dev/null
pv --preview "$out/renamed/bundle.json" --screen service:aitiysneuvola --language fi --size 1920x1080 \
    --out "$out/renamed.png" --texts "$out/renamed.txt"
grep -qxF 'Esikatselun neuvola 42' "$out/renamed.txt" || { echo "preview: the new name is not on the preview" >&2; fail=1; }
cat > "$out/renamed.script" <<EOS
clock 2026-11-24T09:30
lang fi
sync-import $out/renamed/bundle.json
wait 1200
tap-card 0
tap-card 0
tap-card 0
expect-screen service
expect-text Esikatselun neuvola 42
shot kiosk-renamed.png
EOS
mkdir -p "$out/data"
"$drv" --script "$out/renamed.script" --screenshot-dir "$out" --data-dir "$out/data" --assets "$assets" \
    --size 1920x1080 --set kiosk.dpi=96
d=$(compare -metric AE "$out/renamed.png" "$out/kiosk-renamed.png" "$out/renamed.diff.png" 2>&1 >/dev/null || true)
[ "${d%% *}" = 0 ] || { echo "preview: renamed.png differs from the kiosk's own kiosk-renamed.png in $d pixels" >&2; fail=1; }

# refused: the message says why, and no picture is written
refused() {
    want=$1; shift
    if pv "$@" --out "$out/refused.png" 2> "$out/refused.err"; then echo "preview: $* was not refused" >&2; fail=1; fi
    grep -qF -- "$want" "$out/refused.err" || { echo "preview: expected \"$want\", got: $(cat "$out/refused.err")" >&2; fail=1; }
    [ ! -e "$out/refused.png" ] && [ ! -e "$out/refused.png.part" ] || { echo "preview: a refused preview left a picture" >&2; fail=1; }
}
# an edited bundle not sealed again: integrity is checked first (the content checks themselves,
# "Mox" and the rest, are the validator's unit tests' business)
sed 's/"day": "Mon"/"day": "Mox"/' "$out/renamed/bundle.json" > "$out/renamed/bad.json"
refused 'bad.json: sha256: does not match the content' --preview "$out/renamed/bad.json"
printf '{"format": 1, "content_version": ' > "$out/renamed/cut.json"
refused 'cut.json' --preview "$out/renamed/cut.json"
refused 'no service "ei-ole"' --preview "$assets/demo/bundle.json" --screen service:ei-ole
refused "the site's languages are" --preview "$assets/demo/bundle.json" --language de
refused 'expected home, events or service:ID' --preview "$assets/demo/bundle.json" --screen search
refused '--clock' --preview "$assets/demo/bundle.json" --clock tomorrow
[ -z "$(ls -A "$out/tmp")" ] || { echo "preview: temporary stores left in $out/tmp: $(ls "$out/tmp")" >&2; fail=1; }
[ $fail = 0 ] && echo "preview: 18 screens match the references; renamed, Arabic and refused cases as expected"
exit $fail
