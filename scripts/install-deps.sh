#!/usr/bin/env bash
# Installs the Debian 12 packages CampaignLens builds with (only those that are missing).
# Usage: scripts/install-deps.sh [--gui] [--bench] [--clang] [--fuzz] [--package]
set -euo pipefail

packages=(cmake ninja-build g++ pkg-config qt6-base-dev qt6-svg-dev
          libqt6opengl6-dev libxkbcommon-dev libvulkan-dev libgl-dev libeigen3-dev
          libsqlite3-dev sqlite3 libssl-dev fonts-dejavu-core
          qt6-tools-dev qt6-l10n-tools # lrelease/lupdate: the GUI's translations
          qtkeychain-qt6-dev # optional for the build: the OS keychain for the API key
          # live datasets on PostgreSQL (issue 14): libpq to build, the server for the tests
          libpq-dev postgresql-15
          # and on ClickHouse: the 2-shard test cluster (scripts/clickhouse-cluster.sh)
          clickhouse-server clickhouse-client curl python3 openssl
          zlib1g-dev) # ClickHouse's answers come gzip-compressed: a cut-off one fails to inflate
for arg in "$@"; do
    case "$arg" in
        --gui) packages+=(xvfb xauth qt6-wayland) ;;
        --bench) packages+=(python3-numpy python3-sklearn python3-statsmodels libopenblas0) ;;
        --clang | --fuzz) packages+=(clang libclang-rt-14-dev) ;;
        # scripts/test-deb.sh: cpack's dpkg-shlibdeps, the validators, and the packages the
        # .deb recommends (so that installing it fetches nothing).
        --package) packages+=(dpkg-dev appstream desktop-file-utils qt6-qpa-plugins qt6-wayland) ;;
    esac
done

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing: ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
