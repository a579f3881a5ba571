// PriceTableDialog: a QTableWidget over PriceTable entries, checked on accept.
#include "PriceTableDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cl {

namespace {
/// Accepts the user's locale ("0,15") and the C form ("0.15").
bool parsePrice(const QString &text, double *value)
{
    bool ok = false;
    double v = QLocale().toDouble(text.trimmed(), &ok);
    if (!ok)
        v = QLocale::c().toDouble(text.trimmed(), &ok);
    if (ok && value)
        *value = v;
    return ok && v >= 0;
}
} // namespace

PriceTableDialog::PriceTableDialog(const PriceTable &prices, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Token prices"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("US dollars per million tokens. A model uses its own row, else the "
                                "longest row its name starts with; without a row its cost is "
                                "shown as unknown."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(0, 3, this);
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Input $ per 1M"), tr("Output $ per 1M")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    layout->addWidget(m_table, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *add = buttons->addButton(tr("Add"), QDialogButtonBox::ActionRole);
    auto *remove = buttons->addButton(tr("Remove"), QDialogButtonBox::ActionRole);
    auto *defaults = buttons->addButton(tr("Defaults"), QDialogButtonBox::ResetRole);
    m_error = new QLabel(this);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; }"));
    m_error->hide();
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        for (int c = 0; c < 3; ++c)
            m_table->setItem(row, c,
                             new QTableWidgetItem(c == 0 ? QString() : QStringLiteral("0")));
        m_table->editItem(m_table->item(row, 0));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
    });
    connect(defaults, &QPushButton::clicked, this, [this] { fill(PriceTable::defaults()); });
    fill(prices);
    resize(560, 360);
}

void PriceTableDialog::fill(const PriceTable &prices)
{
    const QMap<QString, PriceTable::Price> all = prices.prices();
    m_table->setRowCount(0);
    const QLocale loc;
    for (auto it = all.begin(); it != all.end(); ++it) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        m_table->setItem(row, 0, new QTableWidgetItem(it.key()));
        m_table->setItem(row, 1, new QTableWidgetItem(loc.toString(it->inputPerMillion, 'g', 10)));
        m_table->setItem(row, 2, new QTableWidgetItem(loc.toString(it->outputPerMillion, 'g', 10)));
    }
}

QString PriceTableDialog::problem() const
{
    QSet<QString> seen;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString model = m_table->item(r, 0) ? m_table->item(r, 0)->text().trimmed() : "";
        if (model.isEmpty())
            return tr("Row %1 has no model name.").arg(r + 1);
        if (seen.contains(model))
            return tr("\"%1\" appears twice.").arg(model);
        seen.insert(model);
        for (int c = 1; c < 3; ++c)
            if (!m_table->item(r, c) || !parsePrice(m_table->item(r, c)->text(), nullptr))
                return tr("\"%1\": prices must be non-negative numbers.").arg(model);
    }
    return {};
}

PriceTable PriceTableDialog::priceTable() const
{
    PriceTable t;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        PriceTable::Price p;
        const QString model = m_table->item(r, 0) ? m_table->item(r, 0)->text().trimmed() : "";
        if (model.isEmpty() || !m_table->item(r, 1) || !m_table->item(r, 2) ||
            !parsePrice(m_table->item(r, 1)->text(), &p.inputPerMillion) ||
            !parsePrice(m_table->item(r, 2)->text(), &p.outputPerMillion))
            continue;
        t.setPrice(model, p);
    }
    return t;
}

void PriceTableDialog::done(int result)
{
    if (result == QDialog::Accepted) {
        const QString p = problem();
        if (!p.isEmpty()) {
            m_error->setText(p);
            m_error->show();
            return;
        }
    }
    QDialog::done(result);
}

} // namespace cl
