// RAII SQLite connection: the only owner of a sqlite3 handle in the project.
#pragma once

#include <QString>

struct sqlite3;

namespace cl {

/**
 * One SQLite connection. Owns the handle and closes it in the destructor.
 * Thread affinity: use from one thread at a time (opened with SQLITE_OPEN_NOMUTEX).
 * Only models/store includes sqlite3.h; everything else goes through this class,
 * Statement and Transaction.
 */
class Database
{
public:
    enum class Mode
    {
        ReadWrite,
        ReadOnly
    };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    /// Opens (creating when ReadWrite) the file; ":memory:" for a private in-memory database.
    bool open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const { return m_db != nullptr; }

    /// Runs one or more statements without results. False on error, see lastError().
    bool exec(const QString &sql);
    QString lastError() const { return m_lastError; }
    /// PRAGMA journal_mode=mode; returns the mode in force afterwards (lowercase).
    QString setJournalMode(const QString &mode);
    qint64 lastInsertRowId() const;
    int changes() const;
    QString path() const { return m_path; }

    /// Quotes an identifier for SQL ("name" with inner quotes doubled).
    static QString quoteIdentifier(const QString &name);

    sqlite3 *handle() const { return m_db; }
    void setLastError(const QString &error) { m_lastError = error; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_lastError;
};

} // namespace cl
