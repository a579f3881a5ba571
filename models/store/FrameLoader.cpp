// loadFrame: one pass over the silver table into dictionary-coded columns.
#include "FrameLoader.h"

#include "Statement.h"
#include "Workspace.h"

#include <cmath>
#include <limits>

namespace cl {

std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId, QString *error)
{
    const auto info = workspace.dataset(datasetId);
    if (!info) {
        if (error)
            *error = QStringLiteral("no dataset %1 in %2").arg(datasetId).arg(workspace.path());
        return std::nullopt;
    }
    Database &db = workspace.db();
    std::vector<FrameColumn> columns;
    int targetIndex = -1;
    QStringList select;
    for (const SilverColumn &c : info->columns) {
        select << Database::quoteIdentifier(c.name);
        if (c.name == kTargetColumn) {
            targetIndex = int(columns.size());
        }
        FrameColumn f;
        f.name = c.name;
        f.kind = c.categorical ? ColumnKind::Categorical : ColumnKind::Numeric;
        f.derived = c.derived;
        columns.push_back(std::move(f));
    }
    if (targetIndex < 0) {
        if (error)
            *error = QStringLiteral("dataset %1 has no target column").arg(datasetId);
        return std::nullopt;
    }
    Statement levels(db, QStringLiteral("SELECT column_name, code, label FROM category_level "
                                        "WHERE dataset_id = ? ORDER BY column_name, code"));
    levels.bind(1, datasetId);
    while (levels.step()) {
        const QString name = levels.columnText(0);
        for (auto &f : columns) {
            if (f.name == name && f.isCategorical()) {
                const int code = levels.columnInt(1);
                while (f.levels.size() <= code)
                    f.levels << QString();
                f.levels[code] = levels.columnText(2);
            }
        }
    }
    const size_t n = size_t(info->rowsRead);
    for (auto &f : columns) {
        if (f.isCategorical())
            f.codes.reserve(n);
        else
            f.values.reserve(n);
    }
    std::vector<uint8_t> target;
    target.reserve(n);
    Statement st(db, QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                         .arg(select.join(QStringLiteral(", ")),
                              Database::quoteIdentifier(info->silverTable()),
                              Database::quoteIdentifier(info->rowIdColumn)));
    const double nan = std::numeric_limits<double>::quiet_NaN();
    while (st.step()) {
        for (int c = 0; c < int(columns.size()); ++c) {
            FrameColumn &f = columns[size_t(c)];
            if (c == targetIndex) {
                target.push_back(uint8_t(st.columnInt(c)));
            } else if (f.isCategorical()) {
                f.codes.push_back(st.isNull(c) ? FrameColumn::kMissingCode : st.columnInt(c));
            } else {
                f.values.push_back(st.isNull(c) ? nan : st.columnDouble(c));
            }
        }
    }
    if (!st.ok()) {
        if (error)
            *error = st.error();
        return std::nullopt;
    }
    DataFrame frame;
    frame.setTarget(std::move(target));
    for (int c = 0; c < int(columns.size()); ++c) {
        if (c != targetIndex)
            frame.addColumn(std::move(columns[size_t(c)]));
    }
    return frame;
}

std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 QString *error)
{
    Workspace workspace;
    if (!workspace.open(workspacePath, error, Workspace::Access::ReadOnly))
        return nullptr;
    std::optional<DataFrame> frame = loadFrame(workspace, datasetId, error);
    if (!frame) {
        if (error && error->isEmpty())
            *error = QStringLiteral("dataset %1 could not be read").arg(datasetId);
        return nullptr;
    }
    return std::make_shared<const DataFrame>(std::move(*frame));
}

} // namespace cl
