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

/// Workspace setting keys (table `setting`) that remember the choice per workspace.
inline const QString kSharingModeSetting = QStringLiteral("chat.share_mode");
inline const QString kSuppressionKSetting = QStringLiteral("chat.min_group_size");

/// Default k: groups with fewer clients are never sent in aggregates mode.
constexpr int kDefaultSuppressionK = 10;

} // namespace cl
