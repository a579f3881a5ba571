// What a chat is grounded in: the dataset, its frame, the workspace and the sharing rules.
#pragma once

#include "AggregateQuery.h"
#include "SharingMode.h"
#include "data/DataFrame.h"
#include "segments/SegmentResult.h"
#include "store/DatasetInfo.h"
#include "store/LiveDatasets.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace cl {

/// Everything the prompt and the tools read. A value type; the frame is shared, read-only.
struct ChatContext
{
    QString workspacePath; ///< For run_sql's own read-only connection.
    DatasetInfo dataset;
    std::shared_ptr<const DataFrame> frame; ///< Loaded silver data; null: no data tools.
    /// Set for a live dataset (a table on an engine): `frame` is null, the tools run on the
    /// engine (a read-only connection opened per call) and `dataset` describes its analysis
    /// columns.
    std::optional<LiveDatasetInfo> live;
    /// A live dataset's one-column segments by categorical column, counted on the engine when
    /// the context was loaded (its levels' clients, for the prompt and the sharing rules).
    QMap<QString, SegmentResult> liveLevels;
    SharingMode mode = SharingMode::Aggregates;
    int minGroupSize = kDefaultSuppressionK; ///< k: smaller groups are never sent (aggregates).
    QString description; ///< Optional analyst's description; empty: a generic one.
    /// Latest model run of the dataset (ModelStore): chatModel() with run_id and created_at;
    /// empty when no model was fitted (always for a live dataset: model_summary fits one then).
    QJsonObject model;
    /// Filters of the aggregate queries run so far in this conversation (run_sql's
    /// differencing check); copies of the context share it.
    std::shared_ptr<AggregateQueryHistory> queryHistory = std::make_shared<AggregateQueryHistory>();

    /// The name run_sql's FROM gives the data: the labelled silver view, or a live dataset's
    /// view on its engine.
    QString viewName() const;
};

} // namespace cl

namespace cl {

class Workspace;

/// A model run as the chat sees it (ChatContext::model, model_summary): its settings, fit
/// statistics (no VIF, aliased terms or iteration figures), held-out metrics (Hosmer-Lemeshow
/// without its groups) and coefficients, from a run's JSON (ModelRunResult::metricsJson()...).
QJsonObject chatModel(const QJsonObject &settings, const QJsonObject &metrics,
                      const QJsonArray &coefficients);

/**
 * Loads the dataset's frame (a live dataset's one-column segments, from its engine) and the
 * remembered sharing settings (setting table:
 * kSharingModeSetting, kSuppressionKSetting) into a context. Empty on error (see `error`).
 * Call on the workspace's thread.
 */
std::optional<ChatContext> loadChatContext(Workspace &workspace, qint64 datasetId,
                                           QString *error = nullptr);
/// The same from the workspace file at `workspacePath`, on a read-only connection of its own:
/// safe on any thread (the chat panel loads its context on a worker).
std::optional<ChatContext> loadChatContext(const QString &workspacePath, qint64 datasetId,
                                           QString *error = nullptr);

/// Remembers the sharing mode (and k) for this workspace.
bool rememberSharing(Workspace &workspace, SharingMode mode, int minGroupSize);

} // namespace cl
