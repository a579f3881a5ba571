// What an imported dataset holds and what to know before acting on it, in plain words.
#pragma once

#include "import/QualitySummary.h"
#include "util/NumberText.h"

#include <QCoreApplication>
#include <QString>

namespace cl {

/**
 * The Data tab's plain words: how many clients, how many said yes (also as "about 1 in N"),
 * whether every line of the file was read (or, for a live table, that every row was counted where
 * it is held), and what to know before acting on the data (a
 * column often unknown, a column known only after the call, repeated rows), each from the
 * import's coded warnings. The technical statement is the warnings as the importer words them.
 * Pure; safe on any thread.
 */
struct DataPlainWords
{
    Q_DECLARE_TR_FUNCTIONS(DataPlainWords)

public:
    QString plain;     ///< rich text, no jargon
    QString technical; ///< rich text: the import's warnings, translated

    /// Where the rows are: read from a file into the workspace, or counted in a live table.
    enum class Rows
    {
        FromFile,
        InLiveTable
    };

    static DataPlainWords of(const QualitySummary &quality,
                             const NumberText &numbers = NumberText::forLocale(),
                             Rows rows = Rows::FromFile);
};

} // namespace cl
