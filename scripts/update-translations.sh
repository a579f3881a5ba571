#!/usr/bin/env bash
# Refreshes translations/campaignlens_nb.ts from the sources (lupdate), keeping the translations
# already there. The build never does this: it only compiles the .ts (lrelease).
# Usage: scripts/update-translations.sh [lupdate options, e.g. -no-obsolete]
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE=${LUPDATE:-$(command -v lupdate6 || command -v lupdate || echo /usr/lib/qt6/bin/lupdate)}
"$LUPDATE" -locations none -extensions cpp,h "$@" $(scripts/translation-sources.sh) \
    -ts translations/campaignlens_nb.ts
