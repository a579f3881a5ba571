// Transaction: BEGIN IMMEDIATE / COMMIT / ROLLBACK guard.
#include "Transaction.h"

#include "Database.h"

namespace cl {

Transaction::Transaction(Database &db) : m_db(db)
{
    m_active = m_db.exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec(QStringLiteral("COMMIT")))
        return false;
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (m_active) {
        const QString error = m_db.lastError();
        m_db.exec(QStringLiteral("ROLLBACK"));
        m_db.setLastError(error); // keep the reason that made us roll back
        m_active = false;
    }
}

} // namespace cl
