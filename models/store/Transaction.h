// Transaction guard: rolls back unless commit() succeeded.
#pragma once

namespace cl {

class Database;

/** BEGIN IMMEDIATE on construction; ROLLBACK in the destructor unless committed. */
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace cl
