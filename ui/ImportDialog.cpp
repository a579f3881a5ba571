// File > Open dataset: preview, detected settings, column roles, then a worker-thread import.
#include "ImportDialog.h"

#include "FileDialogs.h"
#include "ImportRunner.h"
#include "import/ImportResult.h"
#include "import/LayoutMatcher.h"
#include "util/MessageText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cl {

namespace {

struct DelimiterChoice
{
    char c;
    const char *label;
};
const DelimiterChoice kDelimiters[] = {
    {',', QT_TRANSLATE_NOOP("cl::ImportDialog", "Comma  ,")},
    {';', QT_TRANSLATE_NOOP("cl::ImportDialog", "Semicolon  ;")},
    {'\t', QT_TRANSLATE_NOOP("cl::ImportDialog", "Tab")},
    {'|', QT_TRANSLATE_NOOP("cl::ImportDialog", "Pipe  |")},
};

QString roleLabel(ColumnRole role)
{
    if (role == ColumnRole::None)
        return ImportDialog::tr("— not used by the analyses —");
    if (role == ColumnRole::Target)
        return ImportDialog::tr("target (y: subscribed)");
    return roleName(role);
}

/// A preview cell; numbers are right-aligned as the data view will show them.
QTableWidgetItem *previewItem(const QString &text, bool decimalComma)
{
    auto *item = new QTableWidgetItem(text);
    QString t = text.trimmed();
    if (decimalComma)
        t.replace(QLatin1Char(','), QLatin1Char('.'));
    bool isNumber = false;
    QLocale::c().toDouble(t, &isNumber);
    if (isNumber)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

ImportDialog::ImportDialog(const QString &workspacePath, QWidget *parent)
    : QDialog(parent), m_workspacePath(workspacePath)
{
    setWindowTitle(tr("Open dataset"));
    m_runner = new ImportRunner(workspacePath, this);

    m_file = new QLineEdit(this);
    m_file->setReadOnly(true);
    m_file->setPlaceholderText(tr("Choose a CSV export…"));
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browseButton);

    m_delimiter = new QComboBox(this);
    for (const auto &d : kDelimiters)
        m_delimiter->addItem(tr(d.label), int(d.c));
    m_encoding = new QComboBox(this);
    m_encoding->addItem(QStringLiteral("UTF-8"), int(TextEncoding::Utf8));
    m_encoding->addItem(tr("Windows-1252 / Latin-1"), int(TextEncoding::Windows1252));
    m_header = new QCheckBox(tr("First row holds the column &names"), this);
    m_decimalComma = new QCheckBox(tr("Decimal &comma (1,5)"), this);
    m_detectedLabel = new QLabel(this);
    m_detectedLabel->setWordWrap(true);
    auto *settings = new QGroupBox(tr("How the file is read"), this);
    auto *form = new QFormLayout(settings);
    form->addRow(tr("&Delimiter:"), m_delimiter);
    form->addRow(tr("&Encoding:"), m_encoding);
    form->addRow(QString(), m_header);
    form->addRow(QString(), m_decimalComma);
    form->addRow(m_detectedLabel);

    m_preview = new QTableWidget(this);
    m_preview->setTabKeyNavigation(false);
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_preview->setWordWrap(false);
    m_preview->verticalHeader()->setDefaultSectionSize(m_preview->fontMetrics().height() + 6);
    auto *previewBox = new QGroupBox(tr("Preview: the first rows as they will be read"), this);
    auto *previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    m_roles = new QTableWidget(0, 3, this);
    m_roles->setTabKeyNavigation(false);
    m_roles->setHorizontalHeaderLabels({tr("Column in file"), tr("Used as"), tr("Why")});
    m_roles->verticalHeader()->hide();
    m_roles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_roles->horizontalHeader()->setStretchLastSection(true);
    m_roleMessage = new QLabel(this);
    m_roleMessage->setWordWrap(true);
    m_roleMessage->setStyleSheet(
        QStringLiteral("QLabel { background: #fce8e6; color: #a50e0e; border: 1px solid #f6aea9;"
                       " border-radius: 3px; padding: 4px 6px; }"));
    m_roleMessage->hide();
    auto *rolesBox = new QGroupBox(tr("Column roles"), this);
    auto *rolesLayout = new QVBoxLayout(rolesBox);
    rolesLayout->addWidget(m_roles);
    rolesLayout->addWidget(m_roleMessage);

    m_name = new QLineEdit(this);
    m_strict = new QCheckBox(tr("&Strict: stop at the first row that cannot be read"), this);
    auto *nameForm = new QFormLayout;
    nameForm->addRow(tr("Dataset &name:"), m_name);
    nameForm->addRow(QString(), m_strict);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_phase = new QLabel(this);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_phase);
    progressRow->addWidget(m_progress, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_importButton = m_buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_importButton->setDefault(true);
    m_importButton->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(settings);
    top->addWidget(rolesBox, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    layout->addLayout(top, 2);
    layout->addWidget(previewBox, 2);
    layout->addLayout(nameForm);
    layout->addLayout(progressRow);
    layout->addWidget(m_buttons);
    // Roomy where the screen allows; on a 1366 x 768 screen the title bar must stay on it.
    QSize size(1100, 760);
    if (const QScreen *s = screen())
        size = size.boundedTo(s->availableGeometry().size() - QSize(16, 48));
    resize(size.expandedTo(minimumSizeHint()));

    setTabOrder(m_file, browseButton);
    setTabOrder(browseButton, m_delimiter);
    setTabOrder(m_delimiter, m_encoding);
    setTabOrder(m_encoding, m_header);
    setTabOrder(m_header, m_decimalComma);
    setTabOrder(m_decimalComma, m_roles);
    setTabOrder(m_roles, m_preview);
    setTabOrder(m_preview, m_name);
    setTabOrder(m_name, m_strict);

    connect(browseButton, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportDialog::refreshPreview);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportDialog::refreshPreview);
    connect(m_header, &QCheckBox::toggled, this, &ImportDialog::refreshPreview);
    connect(m_decimalComma, &QCheckBox::toggled, this, &ImportDialog::refreshPreview);
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ImportDialog::reject);
    connect(m_runner, &ImportRunner::progressed, this, [this](double f, const QString &phase) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(int(f * 1000));
        m_phase->setText(shownText(phase));
    });
    connect(m_runner, &ImportRunner::existingChecked, this, &ImportDialog::existingChecked);
    connect(m_runner, &ImportRunner::importFinished, this, &ImportDialog::importFinished);
    setRunning(false);
}

ImportDialog::~ImportDialog() = default;

void ImportDialog::browse()
{
    const QString path =
        FileDialogs::openFile(this, QStringLiteral("dataset"), tr("Open dataset"),
                              tr("CSV files (*.csv *.txt *.tsv);;All files (*)"),
                              m_path.isEmpty() ? QString() : QFileInfo(m_path).absolutePath());
    if (!path.isEmpty())
        setFile(path);
}

void ImportDialog::setFile(const QString &path)
{
    m_path = path;
    m_file->setText(QDir::toNativeSeparators(path));
    m_userRoles.clear();
    m_sniff = DialectDetector::sniffFile(path, 20);
    m_detected = m_sniff.dialect;
    // No CSV at all (empty, binary, unreadable): other settings would not make it one.
    m_fileError = m_sniff.ok ? QString() : m_sniff.error;
    m_name->setText(QFileInfo(path).completeBaseName());
    {
        const QSignalBlocker b1(m_delimiter), b2(m_encoding), b3(m_header), b4(m_decimalComma);
        const int d = m_delimiter->findData(int(m_detected.delimiter));
        if (d < 0)
            m_delimiter->addItem(QStringLiteral("'%1'").arg(QChar(m_detected.delimiter)),
                                 int(m_detected.delimiter));
        m_delimiter->setCurrentIndex(m_delimiter->findData(int(m_detected.delimiter)));
        m_encoding->setCurrentIndex(m_encoding->findData(int(m_detected.encoding)));
        m_header->setChecked(m_detected.hasHeader);
        m_decimalComma->setChecked(m_detected.decimalComma);
    }
    m_detectedLabel->setText(m_sniff.ok ? tr("Detected: %1").arg(m_detected.describeTranslated())
                                        : QString());
    refreshPreview();
}

CsvDialect ImportDialog::dialect() const
{
    CsvDialect d = m_detected;
    d.delimiter = char(m_delimiter->currentData().toInt());
    d.encoding = TextEncoding(m_encoding->currentData().toInt());
    d.hasHeader = m_header->isChecked();
    d.decimalComma = m_decimalComma->isChecked();
    return d;
}

void ImportDialog::refreshPreview()
{
    if (m_path.isEmpty())
        return;
    const CsvDialect d = dialect();
    if (m_fileError.isEmpty()) {
        m_sniff = DialectDetector::sniffFile(m_path, 20, &d);
    } else {
        m_sniff = SniffResult();
        m_sniff.error = m_fileError;
    }
    m_preview->clear();
    if (!m_sniff.ok) {
        m_preview->setRowCount(0);
        m_preview->setColumnCount(1);
        m_preview->setHorizontalHeaderLabels({tr("Cannot read this file")});
        m_roleMessage->setText(shownText(m_sniff.error));
        m_roleMessage->show();
        m_roles->setRowCount(0);
        m_importButton->setEnabled(false);
        return;
    }
    m_preview->setColumnCount(int(m_sniff.header.size()));
    m_preview->setHorizontalHeaderLabels(m_sniff.header);
    m_preview->setRowCount(int(m_sniff.rows.size()));
    for (int r = 0; r < m_sniff.rows.size(); ++r) {
        const QStringList &row = m_sniff.rows[r];
        for (int c = 0; c < row.size() && c < m_sniff.header.size(); ++c)
            m_preview->setItem(r, c, previewItem(row[c], d.decimalComma));
        if (row.size() != m_sniff.header.size()) {
            for (int c = 0; c < m_preview->columnCount(); ++c) {
                if (!m_preview->item(r, c))
                    m_preview->setItem(r, c, new QTableWidgetItem);
                m_preview->item(r, c)->setBackground(QColor(0xfc, 0xe8, 0xe6));
                m_preview->item(r, c)->setForeground(QColor(0x3c, 0x0a, 0x06)); // any palette
                m_preview->item(r, c)->setToolTip(
                    tr("%1 fields, expected %2: this row will be rejected")
                        .arg(row.size())
                        .arg(m_sniff.header.size()));
            }
        }
    }
    m_preview->resizeColumnsToContents();
    for (int c = 0; c < m_preview->columnCount(); ++c)
        m_preview->setColumnWidth(c, std::min(m_preview->columnWidth(c), 220));
    refreshRoles();
}

void ImportDialog::refreshRoles()
{
    const LayoutMatch match = LayoutMatcher::match(m_sniff.header, m_userRoles);
    const QList<ColumnRole> roles = allRoles();
    m_roles->setRowCount(int(match.columns.size()));
    for (int i = 0; i < match.columns.size(); ++i) {
        const ColumnMapping &m = match.columns[i];
        m_roles->setItem(i, 0, new QTableWidgetItem(m.sourceName));
        auto *combo = new QComboBox(m_roles);
        combo->addItem(roleLabel(ColumnRole::None), int(ColumnRole::None));
        for (ColumnRole r : roles)
            combo->addItem(roleLabel(r), int(r));
        combo->setCurrentIndex(combo->findData(int(m.role)));
        const QString source = m.sourceName;
        connect(combo, &QComboBox::activated, this,
                [this, source](int index) { roleChosen(source, index); });
        m_roles->setCellWidget(i, 1, combo);
        QString why = m.byUser ? tr("chosen by you") : shownText(m.note);
        if (why.isEmpty() && m.role != ColumnRole::None)
            why = tr("name matches");
        m_roles->setItem(i, 2, new QTableWidgetItem(why));
    }
    m_roles->resizeColumnToContents(0);
    m_roles->setColumnWidth(1, 220);
    const QString layoutText = match.layout == QLatin1String("custom")
                                   ? tr("Custom layout: check the roles below.")
                                   : tr("Known layout: %1.").arg(match.layout);
    m_detectedLabel->setText(
        tr("Detected: %1\n%2").arg(m_detected.describeTranslated(), layoutText));
    if (!match.ok()) {
        m_roleMessage->setText(
            tr("%1.\nChoose which column says whether the client subscribed (yes/no, 1/0 or "
               "true/false) and set it to “target” above.")
                .arg(shownText(QString(match.error).remove(englishText(Message::MapTargetHint)))));
        m_roleMessage->show();
    } else {
        m_roleMessage->hide();
    }
    m_importButton->setEnabled(match.ok() && !m_running);
}

QString ImportDialog::roleProblem() const
{
    return m_roleMessage->isHidden() ? QString() : m_roleMessage->text();
}

void ImportDialog::roleChosen(const QString &sourceName, int comboIndex)
{
    const ColumnRole role =
        ColumnRole(comboIndex <= 0 ? int(ColumnRole::None) : int(allRoles().at(comboIndex - 1)));
    m_userRoles[sourceName] = role;
    const int row = m_roles->currentRow();
    refreshRoles();
    if (row >= 0)
        m_roles->setCurrentCell(row, 1);
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    o.path = m_path;
    o.name = m_name->text().trimmed();
    const CsvDialect d = dialect();
    o.delimiter = d.delimiter;
    o.encoding = d.encoding;
    o.hasHeader = d.hasHeader;
    o.decimalComma = d.decimalComma;
    o.roleOverrides = m_userRoles;
    o.strict = m_strict->isChecked();
    return o;
}

void ImportDialog::setRunning(bool running)
{
    m_running = running;
    m_progress->setVisible(running);
    m_phase->setVisible(running);
    m_importButton->setEnabled(!running && !m_path.isEmpty() && roleProblem().isEmpty() &&
                               m_sniff.ok);
    for (QWidget *w : {static_cast<QWidget *>(m_delimiter), static_cast<QWidget *>(m_encoding),
                       static_cast<QWidget *>(m_header), static_cast<QWidget *>(m_decimalComma),
                       static_cast<QWidget *>(m_roles), static_cast<QWidget *>(m_name),
                       static_cast<QWidget *>(m_strict)})
        w->setEnabled(!running);
}

void ImportDialog::startImport()
{
    if (m_path.isEmpty() || m_running)
        return;
    m_cancelRequested = false;
    setRunning(true);
    m_phase->setText(tr("Checking whether this file was imported before…"));
    m_progress->setRange(0, 0);
    m_runner->checkExisting(m_path);
}

void ImportDialog::existingChecked(qint64 datasetId, const QString &datasetName)
{
    if (m_cancelRequested) {
        setRunning(false);
        m_phase->setText(tr("Import cancelled; the workspace is unchanged."));
        m_phase->show();
        return;
    }
    if (datasetId >= 0) {
        QMessageBox box(QMessageBox::Question, tr("File imported before"),
                        tr("This file (same content, SHA-256) was imported before as “%1”.")
                            .arg(shownText(datasetName)),
                        QMessageBox::NoButton, this);
        QPushButton *open = box.addButton(tr("&Open that dataset"), QMessageBox::AcceptRole);
        QPushButton *again = box.addButton(tr("Import &again"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(open);
        box.exec();
        if (box.clickedButton() == open) {
            m_datasetId = datasetId;
            setRunning(false);
            accept();
            return;
        }
        if (box.clickedButton() != again) {
            setRunning(false);
            return;
        }
    }
    m_phase->setText(tr("Importing…"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_runner->startImport(options());
}

void ImportDialog::importFinished(const ImportResult &result)
{
    setRunning(false);
    switch (result.status) {
    case ImportStatus::Imported:
    case ImportStatus::Reused:
        m_datasetId = result.datasetId;
        accept();
        return;
    case ImportStatus::Cancelled:
        m_phase->setText(tr("Import cancelled; the workspace is unchanged."));
        m_phase->show();
        return;
    case ImportStatus::Failed:
        QMessageBox::critical(this, tr("Import failed"),
                              tr("The file was not imported; the workspace is unchanged.\n\n%1")
                                  .arg(shownText(result.error)));
        return;
    }
}

void ImportDialog::reject()
{
    if (m_running) {
        m_cancelRequested = true;
        m_runner->cancel();
        m_phase->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

} // namespace cl
