#!/usr/bin/env bash
# build_debs.sh BUILD_DIR OUT_DIR - the .deb files of this build (cpack), for the package tests.
set -euo pipefail
build=$1 out=$2
rm -rf "$out"; mkdir -p "$out"
nice cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out/cpack" >"$out/cpack.log" 2>&1 ||
    { cat "$out/cpack.log"; exit 1; }
mv "$out"/cpack/*.deb "$out"/
ls "$out"/*.deb
