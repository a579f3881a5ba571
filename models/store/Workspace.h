// The workspace: one SQLite file holding datasets (and later model runs, chats, reports).
#pragma once

#include "Database.h"
#include "DatasetInfo.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace cl {

/**
 * Opens, creates and migrates a workspace file (PRAGMA user_version, WAL, foreign keys).
 * Owns its Database. Thread affinity: the thread that opened it; a worker that needs the
 * workspace opens its own Workspace on the same path.
 *
 * Every open checks the file for damage (PRAGMA quick_check, bounded in time; a file found
 * sound is not checked again by the same process until it changes, nor while a connection of
 * this process that found it sound holds it open for writing). A damaged workspace is never
 * opened for writing; opened read-only, damage() says what is wrong.
 */
class Workspace
{
public:
    static constexpr int kSchemaVersion = 11;
    /// Time bounds of the damage check on open: a 300 MB workspace takes about 0.7 s, so
    /// files of several GB are checked only in part (integrityCheckComplete() says so).
    static constexpr int kCheckBudgetWriteMs = 3000;
    static constexpr int kCheckBudgetReadMs = 1000;

    enum class Access
    {
        ReadWrite, ///< created when missing, migrated, refused when damaged or read-only
        /// Never writes: works on a read-only file or folder and while another process
        /// imports. An older schema is migrated only when the file is writable.
        ReadOnly,
        /// A new file that no other connection opens (NewWorkspace's temporary file): written
        /// without a log and without syncs; finishBuild() makes it an ordinary workspace.
        Build
    };

    Workspace() = default;
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    /// Default file under QStandardPaths::AppDataLocation.
    static QString defaultPath();

    /// What a file is, as inspectFile() finds it.
    enum class FileKind
    {
        Workspace,      ///< a CampaignLens workspace this version can open
        Missing,        ///< no such file (or a folder)
        NotSqlite,      ///< cannot be read as a SQLite database (`detail` says why)
        OtherDatabase,  ///< a SQLite database (or an empty file) without a workspace's schema
        NewerWorkspace, ///< made by a newer CampaignLens (schema above kSchemaVersion)
    };
    /**
     * Looks at `path` without writing to it (open() creates and migrates, so it would turn any
     * SQLite file into a workspace): for the GUI's "Open workspace", which refuses such files.
     * `detail` gets SQLite's error for NotSqlite. Any thread.
     */
    static FileKind inspectFile(const QString &path, QString *detail = nullptr);

    bool open(const QString &path, QString *error = nullptr, Access access = Access::ReadWrite);
    bool isOpen() const { return m_db.isOpen(); }
    /// Closes the connection (the destructor does too).
    void close();
    bool isReadOnly() const { return m_readOnly; }
    /// False while a workspace is built (Access::Build): writes go straight into the file.
    bool writesLog() const { return !m_building; }
    /**
     * Ends Access::Build: the file gets its write-ahead log mode (as every workspace has),
     * is closed and synced to disk. False with *error set when any step fails.
     */
    bool finishBuild(QString *error);
    /// Problems the check on open found; empty when none (or the file was not checked).
    QStringList damage() const { return m_damage; }
    /// False when the check on open ran out of time before the end of the file.
    bool integrityCheckComplete() const { return m_checkComplete; }
    /// A file this process has just built whole from nothing (NewWorkspace) is as sound as
    /// SQLite wrote it: the next open, in any process, need not check it until it changes.
    static void rememberBuiltFile(const QString &path);
    /// Damage checks this process has run so far (each open that did not skip it), for tests.
    static int damageChecksRun();
    /// "PATH is damaged (PRAGMA quick_check: ...)"; empty when no damage was found.
    QString damageSummary() const;
    /// How to save what can still be read (sqlite3 .recover, or CSV per dataset).
    QString recoveryAdvice();
    QString path() const { return m_db.path(); }
    Database &db() { return m_db; }

    int schemaVersion();
    QList<DatasetInfo> datasets();
    std::optional<DatasetInfo> dataset(qint64 id);
    /// The newest dataset whose source had this fingerprint (the same data read before).
    std::optional<DatasetInfo> findByFingerprint(const QString &fingerprint);
    /// Whether a dataset came from a source of this kind and size in bytes: only then can a
    /// file about to be imported be one read before (equal content has equal size), so only
    /// then is it worth hashing before it is read.
    bool hasSourceOfSize(const QString &kind, qint64 bytes);
    /// Writes the catalogue row of `info` (its id included) on `db`, a connection to this
    /// workspace's file that may be inside a transaction (the importer's). The one writer of
    /// table dataset.
    static bool insertDataset(Database &db, const DatasetInfo &info);
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
    bool openForReading(const QString &path, QString *error);
    bool openForBuilding(const QString &path, QString *error);
    bool checkIntegrity(int budgetMs);
    /// Ends this connection's part in vouching for the file (see open()).
    void releaseSoundWriter();

    Database m_db;
    bool m_readOnly = false;
    bool m_building = false;
    bool m_checkComplete = true;
    bool m_wasChecked = false; ///< the file was found sound (now or before) when it was opened
    QString m_soundWriterKey;  ///< canonical path while this writer vouches for the file
    QStringList m_damage;
};

} // namespace cl
