// RAII SQLite connection: the only owner of a sqlite3 handle in the project.
#pragma once

#include <QString>
#include <QStringList>

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
        ReadOnly,
        /// Read-only without locks or a -shm file (SQLite's immutable=1): for a file in a
        /// folder we cannot write. Changes another process makes meanwhile are not seen.
        ReadOnlyImmutable
    };

    /// How long a statement waits for another connection's lock before SQLITE_BUSY.
    static constexpr int kBusyTimeoutMs = 5000;

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
    /// The last exec() or open() failed because another connection holds a lock.
    bool lastErrorWasBusy() const;
    /// Overrides kBusyTimeoutMs for this connection (0: fail at once when locked).
    void setBusyTimeout(int ms);
    /// Opened read-only, or SQLite fell back to read-only (no write permission).
    bool isReadOnly() const;
    /**
     * PRAGMA quick_check, stopped after `budgetMs` (0: no limit) so that opening a
     * multi-gigabyte file stays quick. Returns the problems found (empty: none);
     * *complete is false when the budget ran out before the whole file was checked.
     */
    QStringList quickCheck(int budgetMs, bool *complete = nullptr);
    /// PRAGMA journal_mode=mode; returns the mode in force afterwards (lowercase).
    QString setJournalMode(const QString &mode);
    qint64 lastInsertRowId() const;
    int changes() const;
    QString path() const { return m_path; }

    /// Quotes an identifier for SQL ("name" with inner quotes doubled).
    static QString quoteIdentifier(const QString &name);
    /// `text` as an SQL string literal ('' for a quote), for SQL that cannot bind a value
    /// (a view's CASE labels, a query re-emitted from a parsed tree).
    static QString quoteLiteral(const QString &text);

    sqlite3 *handle() const { return m_db; }
    void setLastError(const QString &error) { m_lastError = error; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_lastError;
    int m_lastErrorCode = 0;
};

} // namespace cl
