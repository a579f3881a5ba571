// loadFrame: the columnar copy when it is there and current, else one pass over the silver table.
#include "FrameLoader.h"

#include "ColumnStore.h"
#include "Statement.h"
#include "Workspace.h"
#include "util/MessageText.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace cl {

namespace {

std::optional<DataFrame> failed(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return std::nullopt;
}

std::optional<DatasetInfo> findDataset(Workspace &workspace, qint64 datasetId, QString *error)
{
    auto info = workspace.dataset(datasetId);
    if (!info && error)
        *error = englishText(Message::NoDatasetError).arg(datasetId).arg(workspace.path());
    return info;
}

/// Level labels per categorical column of the dataset.
bool readLevels(Database &db, qint64 datasetId, std::vector<FrameColumn> &columns, QString *error)
{
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
    if (!levels.ok() && error)
        *error = levels.error();
    return levels.ok();
}

} // namespace

std::optional<DataFrame> loadFrameFromSilver(Workspace &workspace, qint64 datasetId,
                                             const QStringList &wanted, QString *error)
{
    const auto info = findDataset(workspace, datasetId, error);
    if (!info)
        return std::nullopt;
    Database &db = workspace.db();
    std::vector<FrameColumn> columns;
    int targetIndex = -1;
    QStringList select;
    for (const QString &name : wanted)
        if (std::none_of(info->columns.begin(), info->columns.end(),
                         [&](const SilverColumn &c) { return c.name == name; }))
            return failed(error,
                          englishText(Message::NoDatasetColumnError).arg(name).arg(datasetId));
    for (const SilverColumn &c : info->columns) {
        if (c.name != kTargetColumn && !wanted.isEmpty() && !wanted.contains(c.name))
            continue;
        select << Database::quoteIdentifier(c.name);
        if (c.name == kTargetColumn)
            targetIndex = int(columns.size());
        FrameColumn f;
        f.name = c.name;
        f.kind = c.categorical ? ColumnKind::Categorical : ColumnKind::Numeric;
        f.derived = c.derived;
        columns.push_back(std::move(f));
    }
    if (targetIndex < 0)
        return failed(error, englishText(Message::NoTargetColumnError).arg(datasetId));
    if (!readLevels(db, datasetId, columns, error))
        return std::nullopt;
    const size_t n = size_t(info->rowsRead);
    // Numbers are coded as they are read (NumberColumn::Builder): never 8 bytes a row for a
    // column of few distinct values.
    std::vector<NumberColumn::Builder> numbers(columns.size());
    for (size_t c = 0; c < columns.size(); ++c) {
        FrameColumn &f = columns[c];
        if (f.isCategorical()) {
            f.codes = CodeColumn::missing(0, f.levelCount());
            f.codes.reserve(n);
        } else if (int(c) != targetIndex) {
            numbers[c].reserve(n);
        }
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
                numbers[size_t(c)].push_back(st.isNull(c) ? nan : st.columnDouble(c));
            }
        }
    }
    if (!st.ok())
        return failed(error, st.error());
    DataFrame frame;
    frame.setTarget(std::move(target));
    for (int c = 0; c < int(columns.size()); ++c) {
        if (c == targetIndex)
            continue;
        FrameColumn &f = columns[size_t(c)];
        if (!f.isCategorical())
            f.numbers = numbers[size_t(c)].finish();
        frame.addColumn(std::move(f));
    }
    return frame;
}

std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId,
                                   const QStringList &columns, QString *error)
{
    const auto info = findDataset(workspace, datasetId, error);
    if (!info)
        return std::nullopt;
    QString why;
    if (auto frame = ColumnStore::read(workspace.db(), *info, columns, &why))
        return frame;
    // Missing or stale: made again from the silver table where the file can be written (once;
    // every later load reads the copy), on a writable connection of its own when this one is
    // read-only. While another process holds the write lock, or the file is read-only, this
    // load reads the silver table instead.
    bool rebuilt = false;
    if (!workspace.isReadOnly() && !workspace.db().isReadOnly()) {
        rebuilt = ColumnStore::rebuild(workspace.db(), *info, &why);
    } else {
        Workspace writable;
        if (writable.open(workspace.path(), nullptr, Workspace::Access::ReadWrite) &&
            !writable.isReadOnly())
            rebuilt = ColumnStore::rebuild(writable.db(), *info, &why);
    }
    if (rebuilt) {
        if (auto frame = ColumnStore::read(workspace.db(), *info, columns, &why))
            return frame;
    }
    return loadFrameFromSilver(workspace, datasetId, columns, error);
}

std::optional<DataFrame> loadFrame(Workspace &workspace, qint64 datasetId, QString *error)
{
    return loadFrame(workspace, datasetId, QStringList(), error);
}

std::optional<DataFrame> loadFrameSchema(Workspace &workspace, qint64 datasetId, QString *error)
{
    const auto info = findDataset(workspace, datasetId, error);
    if (!info)
        return std::nullopt;
    std::vector<FrameColumn> columns;
    for (const SilverColumn &c : info->columns) {
        if (c.name == kTargetColumn)
            continue;
        FrameColumn f;
        f.name = c.name;
        f.kind = c.categorical ? ColumnKind::Categorical : ColumnKind::Numeric;
        f.derived = c.derived;
        columns.push_back(std::move(f));
    }
    if (!readLevels(workspace.db(), datasetId, columns, error))
        return std::nullopt;
    DataFrame frame;
    for (FrameColumn &f : columns)
        frame.addColumn(std::move(f));
    return frame;
}

namespace {

std::shared_ptr<const DataFrame> shareFrame(Workspace &workspace, qint64 datasetId,
                                            const QStringList &columns, QString *error)
{
    std::optional<DataFrame> frame = loadFrame(workspace, datasetId, columns, error);
    if (!frame) {
        if (error && error->isEmpty())
            *error = englishText(Message::UnreadableDatasetError).arg(datasetId);
        return nullptr;
    }
    return std::make_shared<const DataFrame>(std::move(*frame));
}

} // namespace

std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 const QStringList &columns, QString *error)
{
    Workspace workspace;
    if (!workspace.open(workspacePath, error, Workspace::Access::ReadOnly))
        return nullptr;
    return shareFrame(workspace, datasetId, columns, error);
}

std::shared_ptr<const DataFrame> loadSharedFrame(const QString &workspacePath, qint64 datasetId,
                                                 QString *error, FrameColumns which)
{
    Workspace workspace;
    if (!workspace.open(workspacePath, error, Workspace::Access::ReadOnly))
        return nullptr;
    QStringList columns;
    if (const auto info = workspace.dataset(datasetId);
        info && which == FrameColumns::Categorical) {
        for (const SilverColumn &c : info->columns)
            if (c.categorical)
                columns << c.name;
        if (columns.isEmpty()) // none: the target alone would read as "every column"
            columns << kTargetColumn;
    }
    return shareFrame(workspace, datasetId, columns, error);
}

} // namespace cl
