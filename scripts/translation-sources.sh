#!/usr/bin/env bash
# Lists the sources whose strings the GUI shows (run from the repository root): all of ui/ and
# app/gui_main.cpp, and the models/ files that word texts the GUI displays. tst_translation and
# scripts/update-translations.sh both use this list.
set -euo pipefail
cd "$(dirname "$0")/.."
find ui -name '*.cpp' | sort
echo app/gui_main.cpp
