// The workspace: one SQLite file holding datasets (and later model runs, chats, reports).
#pragma once

#include "Database.h"
#include "DatasetInfo.h"

#include <QList>
#include <QString>

#include <optional>

namespace cl {

/**
 * Opens, creates and migrates a workspace file (PRAGMA user_version, WAL, foreign keys).
 * Owns its Database. Thread affinity: the thread that opened it; a worker that needs the
 * workspace opens its own Workspace on the same path.
 */
class Workspace
{
public:
    static constexpr int kSchemaVersion = 4;

    /// Default file under QStandardPaths::AppDataLocation.
    static QString defaultPath();

    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const { return m_db.isOpen(); }
    QString path() const { return m_db.path(); }
    Database &db() { return m_db; }

    int schemaVersion();
    QList<DatasetInfo> datasets();
    std::optional<DatasetInfo> dataset(qint64 id);
    std::optional<DatasetInfo> findBySha256(const QString &sha256);
    /// The newest dataset, if any.
    std::optional<DatasetInfo> latestDataset();
    bool removeDataset(qint64 id, QString *error = nullptr);

    /// Workspace-wide key/value settings (never secrets).
    QString setting(const QString &key, const QString &fallback = {});
    bool setSetting(const QString &key, const QString &value);

private:
    bool migrate(QString *error);
    /// `info` with its rowIdColumn read from the schema of its silver table.
    DatasetInfo withRowId(DatasetInfo info);

    Database m_db;
};

} // namespace cl
