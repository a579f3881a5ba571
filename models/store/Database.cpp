// Database: RAII wrapper of a sqlite3 connection.
#include "Database.h"

#include <sqlite3.h>

#include <QUrl>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace cl {

namespace {

/// Process-wide SQLite settings, applied once before the library initialises: no memory
/// statistics (we never read them, and keeping them takes a global mutex on every allocation).
void configureSqliteOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

} // namespace

Database::~Database()
{
    close();
}

bool Database::open(const QString &path, Mode mode)
{
    close();
    configureSqliteOnce();
    int flags = (mode == Mode::ReadWrite ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                                         : SQLITE_OPEN_READONLY) |
                SQLITE_OPEN_NOMUTEX;
    QByteArray name = path.toUtf8();
    if (mode == Mode::ReadOnlyImmutable) {
        // immutable=1: no locks, no -shm; the only way to read a WAL file in a folder we
        // cannot write (the -shm cannot be created there).
        flags |= SQLITE_OPEN_URI;
        name = "file:" + QUrl::toPercentEncoding(path, "/") + "?immutable=1";
    }
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &db, flags, nullptr);
    m_lastErrorCode = rc;
    if (rc != SQLITE_OK) {
        m_lastError = QStringLiteral("%1: %2").arg(
            path, QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
        sqlite3_close(db);
        return false;
    }
    m_db = db;
    m_path = path;
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    sqlite3_extended_result_codes(m_db, 1);
    return true;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool Database::exec(const QString &sql)
{
    if (!m_db) {
        m_lastError = QStringLiteral("database is not open");
        return false;
    }
    char *msg = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &msg);
    m_lastErrorCode = rc;
    if (rc != SQLITE_OK) {
        m_lastError = QString::fromUtf8(msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

QString Database::setJournalMode(const QString &mode)
{
    if (!m_db)
        return {};
    sqlite3_stmt *st = nullptr;
    const QByteArray sql = QStringLiteral("PRAGMA journal_mode=%1").arg(mode).toUtf8();
    QString result;
    if (sqlite3_prepare_v2(m_db, sql.constData(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        result =
            QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0))).toLower();
    sqlite3_finalize(st);
    return result;
}

bool Database::lastErrorWasBusy() const
{
    const int primary = m_lastErrorCode & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

void Database::setBusyTimeout(int ms)
{
    if (m_db)
        sqlite3_busy_timeout(m_db, ms);
}

bool Database::isReadOnly() const
{
    return m_db && sqlite3_db_readonly(m_db, "main") == 1;
}

QStringList Database::quickCheck(int budgetMs, bool *complete)
{
    if (complete)
        *complete = true;
    if (!m_db)
        return {QStringLiteral("database is not open")};
    // The check of the b-trees is one step of SQLite's program, so a progress handler is not
    // called inside it (a cold 1 GB file went on for over ten seconds past a 3 s budget): a
    // watchdog thread interrupts it instead, and is joined before anything else runs here.
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    std::thread watchdog;
    if (budgetMs > 0) {
        watchdog = std::thread([&] {
            std::unique_lock<std::mutex> lock(mutex);
            if (!done.wait_for(lock, std::chrono::milliseconds(budgetMs), [&] { return finished; }))
                sqlite3_interrupt(m_db);
        });
    }
    const auto stopWatchdog = [&] {
        {
            std::lock_guard<std::mutex> lock(mutex);
            finished = true;
        }
        done.notify_all();
        if (watchdog.joinable())
            watchdog.join();
    };
    QStringList problems;
    sqlite3_stmt *st = nullptr;
    int rc = sqlite3_prepare_v2(m_db, "PRAGMA quick_check(20)", -1, &st, nullptr);
    if (rc == SQLITE_OK) {
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            // One row may hold several problems, one a line, under a "*** in database" title.
            const QString text =
                QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
            for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
                if (line != QLatin1String("ok") && !line.startsWith(QLatin1String("*** ")))
                    problems << line;
            }
        }
    }
    stopWatchdog();
    if (rc == SQLITE_INTERRUPT) {
        if (complete)
            *complete = false;
    } else if (rc != SQLITE_DONE && rc != SQLITE_OK) {
        problems << QString::fromUtf8(sqlite3_errmsg(m_db));
    }
    sqlite3_finalize(st);
    return problems;
}

qint64 Database::lastInsertRowId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : -1;
}

int Database::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

QString Database::quoteIdentifier(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString Database::quoteLiteral(const QString &text)
{
    QString q = text;
    q.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

} // namespace cl
