#!/usr/bin/env bash
# Installs what is missing, builds, and starts CampaignLens on its built-in demo data.
# Without a display it runs the headless pipeline instead (import demo data, print the
# data-quality summary). Extra arguments go to the app (e.g. --workspace PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --gui
# The same flags as scripts/test.sh, which builds in the same folder (line tables only: -g1).
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG" "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
cmake --build build --parallel "$(nproc)" --target campaignlens campaignlens-cli

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found (DISPLAY/WAYLAND_DISPLAY unset): running the headless pipeline."
    exec ./build/app/campaignlens-cli demo "$@"
fi
exec ./build/app/campaignlens "$@"
