# CPack: a Debian package (cpack -G DEB in the build folder; scripts/test-deb.sh tests it).
# Installs under /usr: both programs, the menu entry, the icons and the AppStream metadata.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "campaignlens")
set(CPACK_PACKAGE_VENDOR "CampaignLens")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "campaign analytics for bank marketing")
set(CPACK_PACKAGE_CONTACT "${CAMPAIGNLENS_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# RelWithDebInfo binaries are 10 times larger with their debug information.
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_PACKAGE_NAME "campaignlens")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # campaignlens_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${CAMPAIGNLENS_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "math")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# The first line is the summary; the rest (each line starting with a space) the long text.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "campaign analytics for bank marketing
 CampaignLens takes a phone campaign export (one row per contact) from CSV to
 decisions: a checked and cleaned SQLite workspace, response rates by segment
 with confidence intervals, a propensity model, questions answered from locally
 computed numbers, and an executive report in English or Norwegian bokmål.
 .
 campaignlens is the desktop app; campaignlens-cli runs the same pipeline
 without a display, for scripts.")
# The libraries come from dpkg-shlibdeps (package dpkg-dev; the Qt plugins the app needs, xcb and
# the SVG icon engine, are in those libraries' packages). What it cannot see: the report's font
# is read from its file. Recommended: input methods and the like, and the Wayland plugin.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-qpa-plugins, qt6-wayland")
include(CPack)
