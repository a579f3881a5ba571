// What the chat may send to the model: aggregates only, the schema only, or rows.
#pragma once

#include <QString>

namespace cl {

/// Data-sharing mode of a chat session. Aggregates is the default.
enum class SharingMode
{
    Aggregates, ///< Tool results are aggregates; groups of fewer than k clients suppressed.
    Schema,     ///< Only the data dictionary; data tools are refused.
    Rows        ///< Explicit opt-in: run_sql may return row-level records.
};

/// "aggregates", "schema", "rows".
QString sharingModeName(SharingMode mode);
/// Inverse of sharingModeName (case-insensitive); false when unknown.
bool parseSharingMode(const QString &name, SharingMode *mode);

/// What the mode lets leave the machine, in plain words, e.g. "Aggregates only: counts and
/// rates of groups of at least 10 clients; groups of fewer than 10 clients are never sent."
/// `minGroupSize` < 1: k unknown (history of an older answer), left out of the words.
QString sharingModeDescription(SharingMode mode, int minGroupSize);

/// Workspace setting keys (table `setting`) that remember the choice per workspace. Written only
/// by an explicit act: the GUI's confirmed switch or Settings, or `ask --remember`.
inline const QString kSharingModeSetting = QStringLiteral("chat.share_mode");
inline const QString kSuppressionKSetting = QStringLiteral("chat.min_group_size");

/// Default k: groups with fewer clients are never sent in aggregates mode.
constexpr int kDefaultSuppressionK = 10;

} // namespace cl
