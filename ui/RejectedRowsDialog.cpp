// Shows the rows an import could not read: line, reason and raw text.
#include "RejectedRowsDialog.h"

#include "store/TableQuery.h"
#include "util/MessageText.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cl {

RejectedRowsDialog::RejectedRowsDialog(Database &db, const DatasetInfo &dataset, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Rejected rows of %1").arg(shownText(dataset.name)));
    const QList<RejectedRow> rows = TableQuery::rejectedRows(db, dataset.id, kMaxRows, &m_error);
    const QLocale l;
    auto *intro = new QLabel(
        dataset.rowsRejected > rows.size()
            ? tr("The first %1 of %2 rows that could not be read. They are kept here and left "
                 "out of every analysis.")
                  .arg(l.toString(rows.size()), l.toString(dataset.rowsRejected))
        : rows.size() == 1
            ? tr("1 row could not be read. It is kept here and left out of every analysis.")
            : tr("%1 rows could not be read. They are kept here and left out of every analysis.")
                  .arg(l.toString(rows.size())),
        this);
    intro->setWordWrap(true);
    if (!m_error.isEmpty())
        intro->setText(tr("The rejected rows could not be read: %1").arg(m_error));

    m_table = new QTableWidget(int(rows.size()), 3, this);
    m_table->setTabKeyNavigation(false);
    m_table->setHorizontalHeaderLabels({tr("Line"), tr("Reason"), tr("Raw text")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int i = 0; i < rows.size(); ++i) {
        auto *line = new QTableWidgetItem(l.toString(rows[i].line));
        line->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(i, 0, line);
        m_table->setItem(i, 1, new QTableWidgetItem(shownText(rows[i].reason)));
        // Very long records are cut for display; the workspace keeps them whole.
        auto *raw = new QTableWidgetItem(rows[i].raw.left(2000));
        raw->setFont(fixed);
        raw->setToolTip(rows[i].raw.left(2000));
        m_table->setItem(i, 2, raw);
    }
    m_table->resizeColumnsToContents();
    m_table->setColumnWidth(1, std::min(m_table->columnWidth(1), 420));
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(960, 480);
}

} // namespace cl
