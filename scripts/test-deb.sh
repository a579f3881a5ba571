#!/usr/bin/env bash
# The Debian package, tested as a user meets it: CPack builds the .deb from the build tree that
# scripts/test.sh made, the menu entry and the AppStream metadata are validated, apt installs
# it, both installed programs are started (the GUI through its menu entry's Exec line), the
# installed files are checked, and apt removes it again.
# Usage: scripts/test-deb.sh [BUILD_DIR]   (default build; as root or with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
build=${1:-build}

scripts/install-deps.sh --package
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

fail() {
    echo "test-deb: FAILED: $*" >&2
    exit 1
}
[ -f "$build/CPackConfig.cmake" ] || fail "no $build/CPackConfig.cmake: run scripts/test.sh first"
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build/CPackConfig.cmake")
app_id=$(sed -n 's/^CAMPAIGNLENS_APP_ID:STRING=//p' "$build/CMakeCache.txt")
[ -n "$version" ] && [ -n "$app_id" ] || fail "cannot read the version or the app id from $build"

tmp=$(mktemp -d)
remove_installed() {
    if dpkg-query -W -f='${Status}' campaignlens 2>/dev/null | grep -q "install ok installed"; then
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -q campaignlens >/dev/null || true
    fi
}
trap 'remove_installed; rm -rf "$tmp"' EXIT

# 1. The package. Installing an earlier build of the same version would be a no-op for apt,
# so a package left installed is removed first.
remove_installed
rm -f "$build"/campaignlens_*.deb
(cd "$build" && cpack -G DEB >"$tmp/cpack.log" 2>&1) || {
    cat "$tmp/cpack.log"
    fail "cpack"
}
deb=$(ls "$build"/campaignlens_"$version"_*.deb)
echo "test-deb: built $deb ($(du -k "$deb" | cut -f1) KB)"
depends=$(dpkg-deb -f "$deb" Depends)
echo "test-deb: Depends: $depends"
# dpkg-shlibdeps ran: the Qt libraries the programs link are named.
for lib in libqt6widgets6 libqt6gui6 libqt6core6 libsqlite3-0 fonts-dejavu-core; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done

# 2. The menu entry and the AppStream metadata, as packaged.
dpkg-deb -x "$deb" "$tmp/root"
desktop="usr/share/applications/$app_id.desktop"
metainfo="usr/share/metainfo/$app_id.metainfo.xml"
desktop-file-validate "$tmp/root/$desktop" || fail "desktop-file-validate $desktop"
appstreamcli validate --no-net --strict "$tmp/root/$metainfo" || fail "appstreamcli validate"
# Across the tree: the metadata's launchable names a .desktop file that is there.
appstreamcli validate-tree --no-net "$tmp/root" || fail "appstreamcli validate-tree"

# 3. Installed with apt, as a user would.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "$(realpath "$deb")" >"$tmp/apt.log" 2>&1 || {
    cat "$tmp/apt.log"
    fail "apt-get install"
}
for f in /usr/bin/campaignlens /usr/bin/campaignlens-cli "/$desktop" "/$metainfo" \
    /usr/share/icons/hicolor/scalable/apps/campaignlens.svg; do
    [ -f "$f" ] || fail "$f is not installed"
done
# Each PNG has the size its folder says (the PNG header: width and height at bytes 16 to 23).
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}'; }
for size in 16 22 24 32 48 64 128 256 512; do
    png=/usr/share/icons/hicolor/${size}x${size}/apps/campaignlens.png
    [ -f "$png" ] || fail "$png is not installed"
    [ "$(png_size "$png")" = "${size}x${size}" ] || fail "$png is $(png_size "$png")"
done

# 4. The installed programs run.
cli_version=$(/usr/bin/campaignlens-cli --version)
[ "$cli_version" = "campaignlens-cli $version" ] || fail "campaignlens-cli --version printed '$cli_version'"
echo "test-deb: $cli_version"
# The GUI as the menu starts it: the Exec line of the installed entry, found on the PATH of a
# fresh session, with a new home (so the demo workspace is created on first start).
exec_line=$(sed -n 's/^Exec=//p' "/$desktop")
[ "$exec_line" = "campaignlens" ] || fail "Exec=$exec_line (expected campaignlens)"
gui=$(PATH=/usr/bin:/bin command -v "$exec_line")
[ "$gui" = /usr/bin/campaignlens ] || fail "Exec resolves to $gui"
mkdir -p "$tmp/home" "$tmp/run"
chmod 700 "$tmp/run"
HOME="$tmp/home" XDG_DATA_HOME="$tmp/home/.local/share" XDG_CONFIG_HOME="$tmp/home/.config" \
    XDG_RUNTIME_DIR="$tmp/run" QT_QPA_PLATFORM=offscreen \
    timeout 120 "$gui" --screenshot "$tmp/shot.png" --screenshot-delay 500 \
    >"$tmp/gui.log" 2>&1 || {
    cat "$tmp/gui.log"
    fail "the installed campaignlens --screenshot"
}
[ -f "$tmp/shot.png" ] || fail "no screenshot"
shot_bytes=$(stat -c %s "$tmp/shot.png")
shot_size=$(png_size "$tmp/shot.png")
echo "test-deb: screenshot $shot_size, $shot_bytes bytes"
# A window with the demo data in its table (on the offscreen screen of 800 x 800): large, and
# far from one flat colour (an empty window of this size compresses to a few KB).
[ "${shot_size%x*}" -ge 600 ] && [ "${shot_size#*x}" -ge 400 ] || fail "screenshot is $shot_size"
[ "$shot_bytes" -ge 40000 ] || fail "screenshot is $shot_bytes bytes: nearly empty"
[ -s "$tmp/home/.local/share/CampaignLens/CampaignLens/workspace.campaignlens" ] ||
    fail "the GUI created no demo workspace"

# 5. Removed with apt: nothing of it is left.
DEBIAN_FRONTEND=noninteractive $SUDO apt-get remove -y -q campaignlens >"$tmp/apt.log" 2>&1 || {
    cat "$tmp/apt.log"
    fail "apt-get remove"
}
for f in /usr/bin/campaignlens /usr/bin/campaignlens-cli "/$desktop" "/$metainfo" \
    /usr/share/icons/hicolor/scalable/apps/campaignlens.svg \
    /usr/share/icons/hicolor/48x48/apps/campaignlens.png; do
    [ ! -e "$f" ] || fail "$f is still there after apt-get remove"
done

echo "test-deb: passed in $(($(date +%s) - start)) s"
