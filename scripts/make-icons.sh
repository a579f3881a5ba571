#!/usr/bin/env bash
# Renders resources/icons/campaignlens.svg to the PNGs of the hicolor icon theme
# (resources/icons/hicolor/NxN/apps/campaignlens.png). The PNGs are committed, so the build
# and `cmake --install` need no SVG renderer; run this again after changing the SVG.
# Uses rsvg-convert (Debian package librsvg2-bin, installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v rsvg-convert >/dev/null; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -q
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends librsvg2-bin
fi

svg=resources/icons/campaignlens.svg
for size in 16 22 24 32 48 64 128 256 512; do
    out="resources/icons/hicolor/${size}x${size}/apps/campaignlens.png"
    mkdir -p "$(dirname "$out")"
    rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio --output "$out" "$svg"
    echo "$out"
done
