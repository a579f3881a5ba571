// Data-quality summary of a dataset: counts, class balance, warnings and per-column figures.
#include "QualityPanel.h"

#include "AppStyle.h"
#include "PlainWordsPanel.h"
#include "import/DataPlainWords.h"
#include "import/QualitySummary.h"
#include "source/CsvDialect.h"
#include "util/MessageText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGridLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace cl {

namespace {

/// A column type as the import names it ("integer", "categorical"...), translated.
QString typeName(const QString &type)
{
    static const char *const kTypes[] = {QT_TRANSLATE_NOOP("cl::QualityPanel", "integer"),
                                         QT_TRANSLATE_NOOP("cl::QualityPanel", "real"),
                                         QT_TRANSLATE_NOOP("cl::QualityPanel", "text"),
                                         QT_TRANSLATE_NOOP("cl::QualityPanel", "categorical"),
                                         QT_TRANSLATE_NOOP("cl::QualityPanel", "target")};
    for (const char *known : kTypes) {
        if (type == QLatin1String(known))
            return QCoreApplication::translate("cl::QualityPanel", known);
    }
    return type;
}

/// The source's one-line summary in the GUI's language (stored in English at import).
QString sourceSummary(const SourceDescriptor &source)
{
    const QJsonValue dialect = source.details.value(QStringLiteral("dialect"));
    return dialect.isObject() ? CsvDialect::fromJson(dialect.toObject()).describeTranslated()
                              : source.summary();
}

QTableWidgetItem *numberItem(const QString &text, const QString &tip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (!tip.isEmpty())
        item->setToolTip(tip);
    return item;
}

QString formatNumber(double v)
{
    if (std::isnan(v))
        return QString();
    return QLocale().toString(v, 'g', 6);
}

} // namespace

QualityPanel::QualityPanel(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 0, 0, 0);
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::PlainText);
    m_title->setWordWrap(true);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    m_synthetic = new QLabel(tr("Synthetic demo data: generated rows, not real customers"), this);
    m_synthetic->setStyleSheet(
        QStringLiteral("QLabel { background: #e8f0fe; color: #174ea6; border: 1px solid #aecbfa;"
                       " border-radius: 3px; padding: 3px 6px; }"));
    m_synthetic->setWordWrap(true);
    m_source = new QLabel(this);
    m_source->setObjectName(QStringLiteral("qualitySource"));
    m_source->setTextFormat(Qt::PlainText);
    m_source->setWordWrap(true);
    m_source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_source->setStyleSheet(secondaryTextStyle(palette()));
    // Counts as a grid of plain labels: a rich-text table in one label cost the Data tab's
    // first show 60 to 135 ms of layout on the GUI thread (tst_gui_latency).
    m_counts = new QWidget(this);
    m_countsGrid = new QGridLayout(m_counts);
    m_countsGrid->setContentsMargins(0, 0, 0, 0);
    m_countsGrid->setHorizontalSpacing(10);
    m_countsGrid->setVerticalSpacing(2);
    m_countsGrid->setColumnStretch(2, 1);
    m_rejectedButton = new QPushButton(tr("Show &rejected rows…"), this);
    // What the data holds and what to know before acting on it; the import's warnings, as it
    // words them, one click away.
    m_words = new PlainWordsPanel(QStringLiteral("data"),
                                  tr("The import's warnings as it words them"), this);
    m_columns = new QTableWidget(this);
    m_columns->setTabKeyNavigation(false);
    m_columns->setColumnCount(6);
    m_columns->setHorizontalHeaderLabels(
        {tr("Column"), tr("Type"), tr("Role"), tr("Missing"), tr("Unknown"), tr("Levels")});
    m_columns->verticalHeader()->hide();
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->setAlternatingRowColors(true);
    // Nothing is cut (a cut number reads as a smaller one, "categ..." as nothing): in a
    // narrow panel the table scrolls sideways instead.
    m_columns->horizontalHeader()->setStretchLastSection(false);
    m_columns->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_columns->verticalHeader()->setDefaultSectionSize(m_columns->fontMetrics().height() + 6);

    auto *columnsTitle = new QLabel(tr("Columns"), this);
    QFont bold = columnsTitle->font();
    bold.setBold(true);
    columnsTitle->setFont(bold);

    layout->addWidget(m_title);
    layout->addWidget(m_synthetic);
    layout->addWidget(m_words);
    layout->addWidget(m_source);
    layout->addWidget(m_counts);
    layout->addWidget(m_rejectedButton, 0, Qt::AlignLeft);
    layout->addWidget(columnsTitle);
    layout->addWidget(m_columns, 1);
    connect(m_rejectedButton, &QPushButton::clicked, this, &QualityPanel::rejectedRowsRequested);
    clear();
}

void QualityPanel::clear()
{
    m_title->setText(tr("No dataset"));
    m_synthetic->hide();
    m_source->clear();
    setCountRows({});
    m_words->setWords({}, {});
    m_rejectedButton->setEnabled(false);
    m_columns->setRowCount(0);
}

void QualityPanel::setLiveDataset(const DatasetInfo &dataset, const QString &source)
{
    setDataset(dataset);
    m_source->setText(source);
    m_source->setToolTip(QString());
    const DataPlainWords words =
        DataPlainWords::of(QualitySummary::fromJson(dataset.quality), NumberText::forLocale(),
                           DataPlainWords::Rows::InLiveTable);
    m_words->setWords(words.plain, words.technical);
}

void QualityPanel::setDataset(const DatasetInfo &dataset)
{
    const QualitySummary q = QualitySummary::fromJson(dataset.quality);
    const QLocale l;
    m_title->setText(shownText(dataset.name));
    m_synthetic->setVisible(dataset.synthetic);
    m_source->setText(tr("%1 · %2 · imported %3")
                          .arg(dataset.source.label, sourceSummary(dataset.source),
                               l.toString(dataset.importedAt.toLocalTime(), QLocale::ShortFormat)));
    m_source->setToolTip(dataset.source.location);

    const double rate = q.subscriberRate();
    setCountRows({
        {tr("Data lines"), l.toString(q.dataLines), tr("= rows read + rejected")},
        {tr("Rows read"), l.toString(q.rowsRead), {}},
        {tr("Rejected"), l.toString(q.rowsRejected),
         q.rowsRejected ? tr("kept in the rejects table") : QString()},
        {tr("Duplicates"), l.toString(q.duplicates), tr("kept, counted")},
        {tr("Subscribed (y = 1)"), l.toString(q.subscribers),
         l.toString(100.0 * rate, 'f', 2) + QStringLiteral(" %")},
        {tr("Not subscribed"), l.toString(q.rowsRead - q.subscribers),
         l.toString(100.0 * (1.0 - rate), 'f', 2) + QStringLiteral(" %")},
    });
    m_rejectedButton->setEnabled(q.rowsRejected > 0);
    m_rejectedButton->setText(q.rowsRejected > 0
                                  ? tr("Show %1 &rejected rows…").arg(l.toString(q.rowsRejected))
                                  : tr("No rejected rows"));

    const DataPlainWords words = DataPlainWords::of(q);
    m_words->setWords(words.plain, words.technical);

    m_columns->setSortingEnabled(false);
    m_columns->setRowCount(int(q.columns.size()));
    for (int i = 0; i < q.columns.size(); ++i) {
        const ColumnQuality &c = q.columns[i];
        auto *name = new QTableWidgetItem(c.name);
        QString tip = c.sourceName.isEmpty() ? tr("derived by the import")
                                             : tr("source column '%1'").arg(c.sourceName);
        if (!std::isnan(c.min))
            tip += tr("\nmin %1, mean %2, max %3")
                       .arg(formatNumber(c.min), formatNumber(c.mean), formatNumber(c.max));
        if (!c.analysed)
            tip += tr("\nkept in the raw table only");
        name->setToolTip(tip);
        m_columns->setItem(i, 0, name);
        m_columns->setItem(i, 1, new QTableWidgetItem(typeName(c.type)));
        // The role only says something when it differs from the column's own name.
        m_columns->setItem(i, 2, new QTableWidgetItem(c.role == c.name ? QString() : c.role));
        m_columns->setItem(i, 3, numberItem(l.toString(c.missing)));
        m_columns->setItem(i, 4, numberItem(l.toString(c.unknown)));
        m_columns->setItem(i, 5, numberItem(c.distinct >= 0 ? l.toString(c.distinct) : QString()));
        if (c.missing > 0)
            m_columns->item(i, 3)->setForeground(QColor(0xb0, 0x3a, 0x00));
    }
    bool anyRole = false;
    for (int i = 0; i < m_columns->rowCount(); ++i)
        anyRole = anyRole || !m_columns->item(i, 2)->text().isEmpty();
    m_columns->setColumnHidden(2, !anyRole);
}

void QualityPanel::setCountRows(const QList<std::array<QString, 3>> &rows)
{
    // The grid keeps its labels from one dataset to the next; rows not needed are hidden.
    while (m_countLabels.size() < rows.size()) {
        const int r = int(m_countLabels.size());
        std::array<QLabel *, 3> labels{};
        for (int c = 0; c < 3; ++c) {
            labels[size_t(c)] = new QLabel(m_counts);
            labels[size_t(c)]->setTextFormat(Qt::PlainText);
        }
        QFont bold = labels[1]->font();
        bold.setBold(true);
        labels[1]->setFont(bold);
        labels[1]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        labels[2]->setWordWrap(true); // only the remarks wrap in a narrow panel
        for (int c = 0; c < 3; ++c)
            m_countsGrid->addWidget(labels[size_t(c)], r, c);
        m_countLabels.append(labels);
    }
    for (int r = 0; r < m_countLabels.size(); ++r) {
        for (int c = 0; c < 3; ++c) {
            QLabel *label = m_countLabels[r][size_t(c)];
            label->setText(r < rows.size() ? rows[r][size_t(c)] : QString());
            label->setVisible(r < rows.size());
        }
    }
}

} // namespace cl
