// Statement: RAII prepared statement with typed binding and column access.
#include "Statement.h"

#include "Database.h"

#include <sqlite3.h>

namespace cl {

Statement::Statement(Database &db, const QString &sql) : m_db(db)
{
    if (!db.handle()) {
        m_ok = false;
        m_error = QStringLiteral("database is not open");
        return;
    }
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db.handle(), utf8.constData(), int(utf8.size()), &m_stmt, nullptr) !=
        SQLITE_OK) {
        m_ok = false;
        m_error = QString::fromUtf8(sqlite3_errmsg(db.handle()));
        db.setLastError(m_error);
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

void Statement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void Statement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void Statement::bind(int index, const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
}

void Statement::bindTextStatic(int index, const char *utf8, int size)
{
    sqlite3_bind_text(m_stmt, index, utf8, size, SQLITE_STATIC);
}

void Statement::bindBlobStatic(int index, const void *data, int size)
{
    sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_STATIC);
}

void Statement::bindBlob(int index, const QByteArray &value)
{
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
}

void Statement::bindVariant(int index, const QVariant &value)
{
    switch (value.typeId()) {
    case QMetaType::UnknownType:
        bindNull(index);
        break;
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::Bool:
    case QMetaType::UInt:
        value.isNull() ? bindNull(index) : bind(index, value.toLongLong());
        break;
    case QMetaType::Double:
        value.isNull() ? bindNull(index) : bind(index, value.toDouble());
        break;
    case QMetaType::QByteArray:
        bindBlob(index, value.toByteArray());
        break;
    default:
        value.isNull() ? bindNull(index) : bind(index, value.toString());
    }
}

bool Statement::step()
{
    if (!m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE) {
        m_ok = false;
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db.handle()));
        m_db.setLastError(m_error);
    }
    return false;
}

bool Statement::exec()
{
    while (step()) {
    }
    return m_ok;
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

QString Statement::columnName(int column) const
{
    return QString::fromUtf8(sqlite3_column_name(m_stmt, column));
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::columnText(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::columnBlob(int column) const
{
    const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

QVariant Statement::columnVariant(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return columnInt64(column);
    case SQLITE_FLOAT:
        return columnDouble(column);
    case SQLITE_TEXT:
        return columnText(column);
    case SQLITE_BLOB:
        return columnBlob(column);
    default:
        return {};
    }
}

} // namespace cl
