// Loading a chat context from the workspace: frame, dataset and remembered sharing settings.
#include "ChatContext.h"

#include "EngineAggregateQuery.h"
#include "data/ColumnRole.h"
#include "store/FrameLoader.h"
#include "store/ModelStore.h"
#include "store/Workspace.h"
#include "warehouse/LiveDataset.h"

namespace cl {

QString ChatContext::viewName() const
{
    return live ? EngineAggregateQuery::viewName(*live) : dataset.silverView();
}

QJsonObject chatModel(const QJsonObject &settings, const QJsonObject &metrics,
                      const QJsonArray &coefficients)
{
    QJsonObject held = metrics.value(QStringLiteral("held_out")).toObject();
    QJsonObject hl = held.value(QStringLiteral("hosmer_lemeshow")).toObject();
    hl.remove(QStringLiteral("groups")); // keep the prompt small; the p-value says enough
    held.insert(QStringLiteral("hosmer_lemeshow"), hl);
    QJsonObject fit = metrics.value(QStringLiteral("fit")).toObject();
    for (const char *key : {"vif", "aliased", "gradient_norm", "iterations"})
        fit.remove(QLatin1String(key));
    return QJsonObject{{QStringLiteral("settings"), settings},
                       {QStringLiteral("fit"), fit},
                       {QStringLiteral("held_out"), held},
                       {QStringLiteral("coefficients"), coefficients}};
}

namespace {

void loadSharing(Workspace &workspace, ChatContext *c)
{
    SharingMode mode = SharingMode::Aggregates;
    if (parseSharingMode(workspace.setting(kSharingModeSetting), &mode))
        c->mode = mode;
    bool ok = false;
    const int k = workspace.setting(kSuppressionKSetting).toInt(&ok);
    if (ok && k >= 1)
        c->minGroupSize = k;
}

/// A live dataset's context: its analysis columns as the dataset's, and each categorical
/// column's levels counted on the engine (one grouping-sets query for them all).
std::optional<ChatContext> loadLiveContext(Workspace &workspace, const LiveDatasetInfo &live,
                                           QString *error)
{
    ChatContext c;
    c.workspacePath = workspace.path();
    loadSharing(workspace, &c);
    c.dataset.id = live.id;
    c.dataset.name = live.name;
    c.dataset.rowsRead = live.rows;
    c.dataset.subscribers = live.subscribers;
    c.dataset.importedAt = live.connectedAt;
    c.dataset.source.label =
        QStringLiteral("%1 %2 %3")
            .arg(live.engine,
                 live.query.isEmpty() ? QStringLiteral("table") : QStringLiteral("query"),
                 live.table);
    // The chat's queries check every number per row: they do not read the fingerprint, so
    // they cannot know that a column with no implausible value at the connect still has none.
    c.live = LiveDataset::asOfFingerprint(live, {});
    QString why;
    const std::unique_ptr<WarehouseConnection> conn = openWarehouse(live.url, &why);
    if (!conn) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    const LiveView view = LiveDataset::view(*conn, *c.live);
    for (qsizetype i = 0; i < view.names.size(); ++i) {
        if (view.names[i] == view.target)
            continue;
        SilverColumn column;
        column.name = view.names[i];
        column.categorical = view.categorical[i];
        column.rawType = column.categorical ? StorageType::Text : StorageType::Real;
        if (const LiveColumn *lc = live.column(column.name)) {
            column.role = roleFromName(lc->role);
            column.sourceName = lc->source;
        }
        column.derived = column.sourceName.isEmpty() || column.name == QLatin1String("age_band");
        c.dataset.columns << column;
    }
    // Every categorical column's levels in one pass over the table.
    c.liveLevels = LiveDataset::levelCounts(*conn, *c.live, &why);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return std::nullopt;
    }
    return c;
}

} // namespace

std::optional<ChatContext> loadChatContext(Workspace &workspace, qint64 datasetId, QString *error)
{
    const auto info = workspace.dataset(datasetId);
    if (!info) {
        if (const auto live = LiveDatasets::find(workspace, datasetId))
            return loadLiveContext(workspace, *live, error);
        if (error)
            *error = QStringLiteral("no dataset %1 in %2").arg(datasetId).arg(workspace.path());
        return std::nullopt;
    }
    auto frame = loadFrame(workspace, datasetId, error);
    if (!frame)
        return std::nullopt;
    ChatContext c;
    c.workspacePath = workspace.path();
    c.dataset = *info;
    c.frame = std::make_shared<const DataFrame>(std::move(*frame));
    loadSharing(workspace, &c);
    // The newest run that can rank clients before calling them; a run with duration or
    // campaign only when there is no other, and then with its warning.
    ModelStore store(workspace);
    std::optional<ModelRunRecord> chosen = store.latestTargetingRun(datasetId);
    if (!chosen)
        chosen = store.latestRun(datasetId);
    if (const auto &run = chosen) {
        c.model = chatModel(run->settings, run->metrics, run->coefficients);
        c.model.insert(QStringLiteral("run_id"), double(run->id));
        c.model.insert(QStringLiteral("created_at"), run->createdAt.toString(Qt::ISODate));
        if (const QStringList postCall = ModelStore::postCallColumnsOf(*run); !postCall.isEmpty())
            c.model.insert(QStringLiteral("warning"),
                           QStringLiteral("This model uses %1, known only after the call: it "
                                          "cannot choose whom to call, and its held-out figures "
                                          "are not reachable before calling. Say so whenever "
                                          "you quote it.")
                               .arg(postCall.join(QStringLiteral(" and "))));
    }
    return c;
}

std::optional<ChatContext> loadChatContext(const QString &workspacePath, qint64 datasetId,
                                           QString *error)
{
    Workspace workspace;
    if (!workspace.open(workspacePath, error, Workspace::Access::ReadOnly))
        return std::nullopt;
    return loadChatContext(workspace, datasetId, error);
}

bool rememberSharing(Workspace &workspace, SharingMode mode, int minGroupSize)
{
    return workspace.setSetting(kSharingModeSetting, sharingModeName(mode)) &&
           workspace.setSetting(kSuppressionKSetting, QString::number(minGroupSize));
}

} // namespace cl
