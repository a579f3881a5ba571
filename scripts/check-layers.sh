#!/usr/bin/env bash
# Fails when a folder includes one it must not (the layers of ARCHITECTURE.md): the static
# libraries make a wrong call fail to link, this makes a wrong include fail too.
set -euo pipefail
cd "$(dirname "$0")/.."

status=0
# forbid FOLDER PATTERN WHY
forbid() {
    local hits
    hits=$(grep -rnE "$2" "$1" --include='*.h' --include='*.cpp' || true)
    if [ -n "$hits" ]; then
        echo "layer violation: $3"
        echo "$hits"
        status=1
    fi
}

forbid models/store '#include "(import|segments|regression|chat|report|render|jobs)/' \
    "models/store is below every other module"
forbid models/store '#include "source/[^S]|#include "source/S[^o]' \
    "models/store knows of sources only the descriptor a dataset records"
forbid models/source '#include "(store|import|segments|regression|chat|report|render|jobs)/' \
    "models/source reads records and knows no workspace: it sits below models/store"
# The plan is the import's pure part: rules and counts on records in memory, no SQL.
for f in models/import/ImportPlan.h models/import/ImportPlan.cpp; do
    forbid "$f" '#include "store/(Database|Statement|Transaction|Workspace|DatasetWriter)\.h"' \
        "the import plan runs no SQL (the writer in models/store does)"
done
forbid models '#include <(QtWidgets/)?Q(Widget|Application|Dialog|MessageBox|MainWindow)\b' \
    "models/ never uses Qt Widgets"
for dir in models/*/; do
    [ "$dir" = models/store/ ] && continue
    forbid "$dir" '#include [<"]sqlite3\.h[>"]' "only models/store includes sqlite3.h"
done
forbid models '#include "(ui|app)/' "the core never includes the app or the widgets"
# Warehouse datasets (issue 14): on store, import and segments; nothing below includes it.
for dir in models/data models/util models/source models/store models/import models/segments \
    models/regression; do
    forbid "$dir" '#include "warehouse/' "models/warehouse sits above store, import and segments"
done
forbid models/warehouse '#include "(chat|report|render|jobs|llm)/' \
    "models/warehouse knows no chat, report or job (they will call it, not the other way)"
for dir in models/*/; do
    [ "$dir" = models/warehouse/ ] && continue
    forbid "$dir" '#include [<"]libpq-fe\.h[>"]' "only models/warehouse includes libpq-fe.h"
done
forbid ui '#include [<"]libpq-fe\.h[>"]' "only models/warehouse includes libpq-fe.h"
forbid app '#include [<"]libpq-fe\.h[>"]' "only models/warehouse includes libpq-fe.h"
exit $status
