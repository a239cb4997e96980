#!/bin/bash
# edit_bundle.sh KIOSK ASSETS_DEMO OUT_DIR SERVICE_ID FI_NAME VERSION - a copy of a bundle folder
# (bundle.json and its calendar) with one service's Finnish name and the content version
# changed, sealed again by the kiosk (--seal) and checked (--check): what a coordinator's edit
# and Publish produce, for tests that run where the editor does not.
set -eu
kiosk=$1 src=$2 out=$3 id=$4 name=$5 ver=$6
rm -rf "$out" && cp -r "$src" "$out"
python3 - "$out/bundle.json" "$id" "$name" "$ver" <<'PY'
import json, sys
path, sid, name, ver = sys.argv[1:]
b = json.load(open(path, encoding="utf-8"))
hit = [s for s in b["content"]["services"] if s["id"] == sid]
if not hit:
    sys.exit(f"no service {sid}")
hit[0]["name"]["fi"] = name
b["content_version"] = ver
json.dump(b, open(path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
"$kiosk" --seal "$out/bundle.json" >/dev/null
"$kiosk" --check "$out/bundle.json" >/dev/null
