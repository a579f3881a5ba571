#!/usr/bin/env bash
# Installs what is missing, builds everything and runs all tests with CTest.
# Usage: scripts/test.sh [--sanitize]   (--sanitize: a second build with ASan + UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [ "${1:-}" = "--sanitize" ]; then
    build=build-asan
    flags=(-DCMAKE_BUILD_TYPE=Debug -DCAMPAIGNLENS_SANITIZE=ON)
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja "${flags[@]}"
cmake --build "$build" --parallel "$(nproc)"
# The suites are independent (temporary folders, ports chosen by the OS): one per core.
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --timeout 900 \
    --parallel "$(nproc)"
