#!/usr/bin/env bash
# Installs what is missing, builds everything and runs all tests with CTest.
# Usage: scripts/test.sh [--sanitize]
#   --sanitize: a second build with clang, ASan and UBSan (so GCC and clang both build the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

build=build
# Line tables only (-g1): backtraces keep their file and line, and the two builds compile about a
# fifth faster than with full debug information (CI's time goal is 25 minutes on 2 cores).
flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
       "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG")
deps=()
if [ "${1:-}" = "--sanitize" ]; then
    build=build-asan
    deps=(--clang)
    # Debug keeps the assertions (thread rules among them); -O1, as AddressSanitizer's
    # documentation advises, keeps the fit's kernels from taking minutes per suite; line tables
    # are all the sanitizers need to name file and line in a report (-gline-tables-only).
    flags=(-DCMAKE_BUILD_TYPE=Debug -DCAMPAIGNLENS_SANITIZE=ON
           -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
           "-DCMAKE_C_FLAGS_DEBUG=-gline-tables-only -O1"
           "-DCMAKE_CXX_FLAGS_DEBUG=-gline-tables-only -O1")
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi

scripts/install-deps.sh "${deps[@]}"
cmake -S . -B "$build" -G Ninja "${flags[@]}"
cmake --build "$build" --parallel "$(nproc)"
# install-deps.sh installed the test servers (postgresql-15, clickhouse-server): a suite that
# needs one fails here instead of skipping.
export CAMPAIGNLENS_REQUIRE_SERVERS=1
# The suites are independent (temporary folders, ports chosen by the OS): one per core.
QT_QPA_PLATFORM=offscreen ctest --test-dir "$build" --output-on-failure --timeout 900 \
    --parallel "$(nproc)"
