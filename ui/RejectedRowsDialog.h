// Shows the rows an import could not read: line, reason and raw text.
#pragma once

#include "store/DatasetInfo.h"

#include <QDialog>

class QTableWidget;

namespace cl {

class Database;

/**
 * Lists a dataset's rejected rows (the first kMaxRows) from the workspace.
 * Thread affinity: GUI thread; reads the Database once in the constructor, does not keep it.
 */
class RejectedRowsDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kMaxRows = 10000;

    RejectedRowsDialog(Database &db, const DatasetInfo &dataset, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    /// Empty unless the rows could not be read.
    QString error() const { return m_error; }

private:
    QTableWidget *m_table = nullptr;
    QString m_error;
};

} // namespace cl
