#!/usr/bin/env python3
"""Assemble assets/demo/src/*.json into assets/demo/bundle.json.

Each source file is a JSON object holding some of the content keys; lists are
concatenated in file-name order, other values are taken as they are. The hashes
are left as zeros: seal the result with `majakka-kiosk --seal` (this script does
it when given the path of the kiosk binary: build.py build/kiosk/majakka-kiosk).
"""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = ["site", "categories", "organizations", "locations", "services",
         "events", "feedback_questions"]


def main():
    content = {}
    for path in sorted(glob.glob(os.path.join(HERE, "src", "*.json"))):
        with open(path, encoding="utf-8") as f:
            part = json.load(f)
        for key, value in part.items():
            if key not in ORDER:
                sys.exit(f"{path}: unknown content key {key!r}")
            if isinstance(value, list):
                content.setdefault(key, []).extend(value)
            elif key in content:
                sys.exit(f"{path}: {key!r} given twice")
            else:
                content[key] = value
    bundle = {
        "format": 1,
        "content_version": "demo-2026-11-23.1",
        "sha256": "0" * 64,
        "calendar": {"file": "events.ics", "sha256": "0" * 64},
        "x-note": "Fictional demo content: every name, address and contact is made up.",
        "content": {k: content[k] for k in ORDER if k in content},
    }
    out = os.path.join(HERE, "bundle.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(bundle, f, ensure_ascii=False, indent=2)
        f.write("\n")
    counts = ", ".join(f"{k} {len(v)}" for k, v in bundle["content"].items()
                       if isinstance(v, list))
    print(f"wrote {out}: {counts}")
    if len(sys.argv) > 1:
        subprocess.run([sys.argv[1], "--seal", out], check=True)


if __name__ == "__main__":
    main()
