#!/usr/bin/env bash
# Lists the sources whose strings the GUI shows (run from the repository root): all of ui/ and
# app/gui_main.cpp, and the models/ files that word texts the GUI displays. tst_translation and
# scripts/update-translations.sh both use this list.
set -euo pipefail
cd "$(dirname "$0")/.."
find ui -name '*.cpp' | sort
echo app/gui_main.cpp
# models/: texts the GUI shows, marked with QT_TRANSLATE_NOOP (stored or exported in English,
# translated where shown) or wrapped in QCoreApplication::translate (display only).
printf '%s\n' models/chat/SharingMode.cpp models/import/QualitySummary.cpp \
    models/util/MessageText.cpp models/segments/SegmentStats.cpp \
    models/segments/SegmentTableModel.cpp models/source/CsvDialect.cpp \
    models/regression/ModelPlainWords.cpp models/report/SegmentPlainWords.cpp \
    models/import/DataPlainWords.cpp
