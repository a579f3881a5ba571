// RAII prepared statement: finalizes in its destructor.
#pragma once

#include <QByteArray>
#include <QString>
#include <QVariant>

struct sqlite3_stmt;

namespace cl {

class Database;

/**
 * A prepared statement on a Database. Bind indexes are 1-based, column indexes 0-based
 * (as in SQLite). step() returns true while a row is available; after the last row or
 * on error it returns false and ok() tells which.
 */
class Statement
{
public:
    Statement(Database &db, const QString &sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }

    void bindNull(int index);
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, double value);
    void bind(int index, const QString &value);
    /// Binds text that must stay alive until the next step()/reset() (no copy).
    void bindTextStatic(int index, const char *utf8, int size);
    void bindBlob(int index, const QByteArray &value);
    /// Binds bytes that must stay alive until the next step()/reset() (no copy).
    void bindBlobStatic(int index, const void *data, int size);
    void bindVariant(int index, const QVariant &value);

    bool step();
    /// Runs to completion (for statements without rows); false on error.
    bool exec();
    void reset();

    int columnCount() const;
    QString columnName(int column) const;
    bool isNull(int column) const;
    qint64 columnInt64(int column) const;
    int columnInt(int column) const { return int(columnInt64(column)); }
    double columnDouble(int column) const;
    QString columnText(int column) const;
    QByteArray columnBlob(int column) const;
    QVariant columnVariant(int column) const;

    sqlite3_stmt *handle() const { return m_stmt; }

private:
    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    bool m_ok = true;
    QString m_error;
};

} // namespace cl
