// ModelView: controls, the worker round trip and the charts of a fitted propensity model.
#include "ModelView.h"

#include "AppContext.h"
#include "AppStyle.h"
#include "ChartWidget.h"
#include "FileDialogs.h"
#include "ForestPlot.h"
#include "KeyboardShortcuts.h"
#include "ModelRunner.h"
#include "PlainWordsPanel.h"

#include "data/ColumnRole.h"
#include "data/DataFrame.h"
#include "regression/ModelPlainWords.h"
#include "store/ModelStore.h"
#include "util/MessageText.h"
#include "util/NumberText.h"
#include "warehouse/WarehouseConnection.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace cl {

namespace {

/// The targeting list's default columns: a local dataset's row id and four columns; a live
/// table has no row id.
constexpr const char *kLocalListColumns = "row_id,age,job,marital,contact";
constexpr const char *kLiveListColumns = "age,job,marital,contact";

/// The held-out "calling the top X%" sentence in the GUI's language (the run keeps English).
QString topSentence(const HeldOutMetrics &h)
{
    const QLocale l;
    return QCoreApplication::translate("cl::ModelView",
                                       "Calling the top %1% by score reaches %2% of the "
                                       "subscribers.")
        .arg(l.toString(h.topFraction * 100, 'g', 3), l.toString(h.topCapture * 100, 'f', 1));
}

/// unseenLevelsSentence() in the GUI's language, naming the Split choices rather than the CLI's
/// options (the run and the CLI keep the English one).
QString shownUnseenLevels(const ValidationReport &report)
{
    const QLocale l;
    QStringList parts;
    for (const UnseenLevel &u : report.unseenLevels) {
        const QString as = report.unseenScoredAtAverage
                               ? QCoreApplication::translate("cl::ModelView",
                                                             "the average %1 of the rows before it")
                                     .arg(u.column)
                               : QStringLiteral("%1=%2").arg(u.column, u.reference);
        const double rate = u.testRows ? 100.0 * double(u.testPositives) / double(u.testRows) : 0.0;
        parts << QCoreApplication::translate(
                     "cl::ModelView", "%1=%2 (%3 held-out rows, %4% subscribe) is scored as %5")
                     .arg(u.column, u.level, l.toString(qulonglong(u.testRows)),
                          l.toString(rate, 'f', 1), as);
    }
    if (parts.isEmpty())
        return {};
    if (report.unseenScoredAtAverage)
        return QCoreApplication::translate("cl::ModelView",
                                           "No earlier row had some held-out levels, so the model "
                                           "before them could not estimate them: %1.")
            .arg(parts.join(QStringLiteral("; ")));
    return QCoreApplication::translate(
               "cl::ModelView",
               "The training rows never saw some held-out levels, so the model cannot estimate "
               "them: %1. The held-out figures understate what the model would do with those "
               "levels; the rolling split refits before each month, a random split sees every "
               "level, and no split fits on all rows.")
        .arg(parts.join(QStringLiteral("; ")));
}

/// profitSentence() in the GUI's language (the run and the CLI keep the English one).
QString shownProfitSentence(const ProfitCurve &c)
{
    if (!c.ok())
        return {};
    const QLocale l;
    return QCoreApplication::translate(
               "cl::ModelView",
               "With a call at %1 and a subscription worth %2 (assumed; set your own), calling "
               "the best %3 of %4 held-out clients (score %5 or more) earns %6, the most of any "
               "list; calling all of them earns %7. A call pays when the chance of a yes is "
               "above %8%.")
        .arg(l.toString(c.assumptions.costPerCall, 'f', 2),
             l.toString(c.assumptions.valuePerSubscription, 'f', 2),
             l.toString(qulonglong(c.best.called)), l.toString(qulonglong(c.everyone.called)),
             l.toString(c.best.lowestScore, 'f', 3), l.toString(c.best.profit, 'f', 0),
             l.toString(c.everyone.profit, 'f', 0), l.toString(100 * c.breakEvenRate, 'g', 3));
}

/// A unit-square curve chart (ROC, gains, calibration) with its texts, no data yet.
ChartSpec curveChart(ChartSpec::Kind kind, const QString &title, const QString &x, const QString &y)
{
    ChartSpec c;
    c.kind = kind;
    c.title = title;
    c.xLabel = x;
    c.yLabel = y;
    c.emptyText = ModelView::tr("Fit a model to see this chart.");
    return c;
}

void setCurve(ChartSpec &c, const std::vector<CurvePoint> &points)
{
    c.xs.clear();
    c.values.clear();
    for (const CurvePoint &p : points) {
        c.xs.push_back(p.x);
        c.values.push_back(p.y);
    }
}

/// A number as NumberText formats it for the interface's language ("0.713", "0,713").
QString num(double v, int precision = 3)
{
    return std::isfinite(v) ? NumberText::forLocale().number(v, precision) : QStringLiteral("n/a");
}

/// "p = 0.0123", "p < 0.0001", as everywhere else (HTML-escaped: the metrics are rich text).
QString pValue(double p)
{
    return std::isfinite(p) ? NumberText::forLocale().pValue(p).toHtmlEscaped()
                            : QStringLiteral("p = n/a");
}

} // namespace

ModelView::ModelView(AppContext *context, QWidget *parent)
    : QWidget(parent), m_context(context), m_runner(new ModelRunner(this))
{
    // Settings column.
    auto *settingsBox = new QWidget(this);
    auto *settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->setContentsMargins(0, 0, 4, 0);
    auto *columnsGroup = new QGroupBox(tr("Columns in the model"), settingsBox);
    auto *columnsLayout = new QVBoxLayout(columnsGroup);
    m_columns = new QListWidget(columnsGroup);
    m_columns->setMinimumHeight(150);
    m_excludedReasons = new QLabel(columnsGroup);
    m_excludedReasons->setObjectName(QStringLiteral("excludedReasons"));
    m_excludedReasons->setWordWrap(true);
    m_excludedReasons->setStyleSheet(secondaryTextStyle(palette()));
    columnsLayout->addWidget(m_columns, 1);
    columnsLayout->addWidget(m_excludedReasons);
    connect(m_columns, &QListWidget::itemChanged, this, &ModelView::columnToggled);
    m_confirmPostCall = [this](const QString &column) {
        return QMessageBox::warning(
                   this, tr("Include %1?").arg(column),
                   tr("%1 is known only after the call. A model that uses it cannot choose whom "
                      "to call: its AUC and gains look far better than any targeting can reach, "
                      "and its list is ranked by what happens during the call.\n\nEvery "
                      "result of this run will carry a warning, and it will not be the default "
                      "run for targeting lists, the chat or the report.\n\nInclude %1 "
                      "anyway?")
                       .arg(column),
                   QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes;
    };
    settingsLayout->addWidget(columnsGroup, 2);

    auto *refGroup = new QGroupBox(tr("Reference levels"), settingsBox);
    auto *refScroll = new QScrollArea(refGroup);
    refScroll->setWidgetResizable(true);
    refScroll->setFrameShape(QFrame::NoFrame);
    refScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_referenceBox = new QWidget(refScroll);
    m_referenceForm = new QFormLayout(m_referenceBox);
    m_referenceForm->setContentsMargins(0, 0, 0, 0);
    // The combos take the column's width ("university.degree" whole), under their label
    // when both do not fit.
    m_referenceForm->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_referenceForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    refScroll->setWidget(m_referenceBox);
    auto *refLayout = new QVBoxLayout(refGroup);
    refLayout->addWidget(refScroll);
    settingsLayout->addWidget(refGroup, 1);

    auto *fitGroup = new QGroupBox(tr("Validation and fit"), settingsBox);
    auto *form = new QFormLayout(fitGroup);
    m_split = new QComboBox(fitGroup);
    m_split->setMinimumContentsLength(12);
    m_split->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_split->addItem(tr("Time: last 20% held out"), int(SplitKind::TimeOrdered));
    m_split->addItem(tr("Rolling: last 20%, refitted before each month"),
                     int(SplitKind::RollingOrigin));
    m_split->setItemData(1,
                         tr("Each month of the last 20% is scored by a model fitted on every "
                            "earlier row, as the bank would have used it then."),
                         Qt::ToolTipRole);
    m_split->addItem(tr("Random, stratified (seeded)"), int(SplitKind::StratifiedRandom));
    m_split->addItem(tr("Random by row hash: 20% held out"), int(SplitKind::RowHash));
    m_split->setItemData(m_split->count() - 1,
                         tr("A client is held out when a hash of its values falls in the lowest "
                            "20%: the same clients on a warehouse and in its snapshot, and "
                            "repeated rows on one side."),
                         Qt::ToolTipRole);
    m_split->addItem(tr("None: fit on all rows (no held-out metrics)"), int(SplitKind::None));
    m_seed = new QSpinBox(fitGroup);
    m_seed->setRange(0, 2147483647);
    m_seed->setValue(20140601);
    m_seed->setEnabled(false);
    m_l2 = new QDoubleSpinBox(fitGroup);
    m_l2->setRange(0, 1e6);
    m_l2->setDecimals(3);
    m_l2->setToolTip(tr("Ridge penalty on all coefficients but the intercept (0 = none)"));
    m_threshold = new QDoubleSpinBox(fitGroup);
    m_threshold->setRange(0.01, 0.99);
    m_threshold->setSingleStep(0.05);
    m_threshold->setValue(0.5);
    m_threshold->setToolTip(tr("Score from which a client counts as predicted 'yes' in the "
                               "confusion matrix"));
    // A field that does not fit beside its label goes under it, so that the column's
    // minimum is its widest field, not label plus field (1366x768 cut the settings off).
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Split"), m_split);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("L2 penalty"), m_l2);
    form->addRow(tr("Threshold"), m_threshold);
    // Profit: what a call costs and a subscription is worth (defaults are placeholders).
    m_costPerCall = new QDoubleSpinBox(fitGroup);
    m_costPerCall->setRange(0, 1e6);
    m_costPerCall->setValue(ProfitAssumptions().costPerCall);
    m_costPerCall->setToolTip(tr("What one call costs; the default is a placeholder."));
    m_valuePerSubscription = new QDoubleSpinBox(fitGroup);
    m_valuePerSubscription->setRange(0.01, 1e9);
    m_valuePerSubscription->setValue(ProfitAssumptions().valuePerSubscription);
    m_valuePerSubscription->setToolTip(
        tr("What one subscription is worth to the bank; the default is a placeholder."));
    form->addRow(tr("Cost per call"), m_costPerCall);
    form->addRow(tr("Value per subscription"), m_valuePerSubscription);
    settingsLayout->addWidget(fitGroup);

    // Fit, progress and status stay in view under the settings, which scroll on a small screen.
    auto *fitBar = new QWidget(this);
    auto *fitLayout = new QVBoxLayout(fitBar);
    fitLayout->setContentsMargins(0, 4, 4, 0);
    m_fit = new QPushButton(tr("Fit"), fitBar);
    m_fit->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), fitBar);
    m_cancel->setEnabled(false);
    auto *buttons = new QHBoxLayout();
    buttons->addWidget(m_fit);
    buttons->addWidget(m_cancel);
    fitLayout->addLayout(buttons);
    m_progress = new QProgressBar(fitBar);
    m_progress->setRange(0, 100);
    m_progress->setValue(0);
    fitLayout->addWidget(m_progress);
    m_status = new QLabel(fitBar);
    m_status->setWordWrap(true);
    fitLayout->addWidget(m_status);

    // Results.
    auto *forestBox = new QWidget(this);
    auto *forestLayout = new QVBoxLayout(forestBox);
    forestLayout->setContentsMargins(0, 0, 0, 0);
    auto *sortRow = new QHBoxLayout();
    auto *sortLabel = new QLabel(tr("Odds ratios with 95% intervals; sort by"), forestBox);
    sortLabel->setWordWrap(true); // the forest column may be narrow on a small screen
    sortRow->addWidget(sortLabel, 1);
    m_sort = new QComboBox(forestBox);
    m_sort->addItem(tr("odds ratio"));
    m_sort->addItem(tr("name"));
    sortRow->addWidget(m_sort);
    forestLayout->addLayout(sortRow);
    auto *forestScroll = new QScrollArea(forestBox);
    forestScroll->setWidgetResizable(true);
    m_forest = new ForestPlot(forestScroll);
    forestScroll->setWidget(m_forest);
    forestLayout->addWidget(forestScroll, 1);

    auto *charts = new QTabWidget(this);
    m_roc = new ChartWidget(charts);
    m_gains = new ChartWidget(charts);
    m_calibration = new ChartWidget(charts);
    charts->addTab(m_roc, tr("ROC"));
    charts->addTab(m_gains, tr("Gains"));
    charts->addTab(m_calibration, tr("Calibration"));

    auto *tables = new QTabWidget(this);
    m_metrics = new QTextBrowser(tables);
    m_deciles = new QTableWidget(tables);
    m_deciles->setTabKeyNavigation(false);
    m_deciles->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_deciles->verticalHeader()->hide();
    tables->addTab(m_metrics, tr("Metrics"));
    tables->addTab(m_deciles, tr("Deciles"));

    // The forest plot gets the full width on top (its labels and log axis need it); the
    // charts and the metrics share the strip below, so neither is squeezed beside the forest.
    auto *rightSplit = new QSplitter(Qt::Horizontal, this);
    rightSplit->addWidget(charts);
    rightSplit->addWidget(tables);
    rightSplit->setStretchFactor(0, 1);
    rightSplit->setStretchFactor(1, 1);

    auto *resultSplit = new QSplitter(Qt::Vertical, this);
    resultSplit->addWidget(forestBox);
    resultSplit->addWidget(rightSplit);
    resultSplit->setStretchFactor(0, 1);
    resultSplit->setStretchFactor(1, 1);
    resultSplit->setSizes({420, 380}); // scaled to the real height when first shown

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    // The sentence gets a line of its own: beside the list's controls it was squeezed into a
    // column one word wide, and the column list scrolled to its last letters ("tact"), with
    // a desktop's larger font at 1366x768.
    auto *exportRow = new QHBoxLayout();
    exportRow->addWidget(new QLabel(tr("Targeting list: top"), this));
    m_topValue = new QSpinBox(this);
    m_topValue->setRange(1, 100000000);
    m_topValue->setValue(20);
    m_topUnit = new QComboBox(this);
    m_topUnit->addItem(tr("% of clients"));
    m_topUnit->addItem(tr("clients"));
    m_exportColumns = new QLineEdit(this);
    m_exportColumns->setPlaceholderText(tr("columns (comma-separated; empty = all)"));
    m_exportColumns->setText(QLatin1String(kLocalListColumns));
    m_export = new QPushButton(tr("Export CSV..."), this);
    m_export->setEnabled(false);
    exportRow->addWidget(m_topValue);
    exportRow->addWidget(m_topUnit);
    exportRow->addStretch(1);
    // The columns on a row of their own, so that the preset list shows whole.
    auto *columnsRow = new QHBoxLayout();
    auto *columnsLabel = new QLabel(tr("Columns in the list:"), this);
    columnsLabel->setBuddy(m_exportColumns);
    columnsRow->addWidget(columnsLabel);
    columnsRow->addWidget(m_exportColumns, 1);
    columnsRow->addWidget(m_export);

    auto *resultBox = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(4, 0, 0, 0);
    // A run with a column known only after the call says so above everything it shows.
    m_postCallBanner = new QLabel(resultBox);
    m_postCallBanner->setObjectName(QStringLiteral("postCallBanner"));
    m_postCallBanner->setWordWrap(true);
    m_postCallBanner->setStyleSheet(QStringLiteral("QLabel { background: #fde8e8; color: #8a1010; "
                                                   "border: 1px solid #d08080; padding: 6px; }"));
    m_postCallBanner->hide();
    // The runs stored for the dataset, in this session or earlier ones; picking one shows it.
    auto *runRow = new QHBoxLayout();
    auto *runLabelText = new QLabel(tr("Model run"), resultBox);
    m_runPicker = new QComboBox(resultBox);
    m_runPicker->setObjectName(QStringLiteral("modelRunPicker"));
    m_runPicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_runPicker->setMinimumContentsLength(30);
    m_runPicker->setPlaceholderText(tr("no stored run yet"));
    runLabelText->setBuddy(m_runPicker);
    runRow->addWidget(runLabelText);
    runRow->addWidget(m_runPicker, 1);
    resultLayout->addLayout(runRow);
    resultLayout->addWidget(m_postCallBanner);
    // What the run means for whom to call, in plain words; the same figures with their
    // technical names one click away.
    m_plainWords = new PlainWordsPanel(
        QStringLiteral("model"), tr("The same figures with their technical names"), resultBox);
    resultLayout->addWidget(m_plainWords);
    resultLayout->addWidget(resultSplit, 1);
    resultLayout->addWidget(m_summary);
    resultLayout->addLayout(exportRow);
    resultLayout->addLayout(columnsRow);

    auto *mainSplit = new QSplitter(Qt::Horizontal, this);
    auto *settingsColumn = new QWidget(this);
    auto *settingsColumnLayout = new QVBoxLayout(settingsColumn);
    settingsColumnLayout->setContentsMargins(0, 0, 0, 0);
    auto *settingsScroll = new QScrollArea(settingsColumn);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setWidget(settingsBox);
    settingsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    settingsColumnLayout->addWidget(settingsScroll, 1);
    settingsColumnLayout->addWidget(fitBar);
    settingsColumn->setMinimumWidth(260);
    settingsColumn->setMaximumWidth(380);
    mainSplit->addWidget(settingsColumn);
    mainSplit->addWidget(resultBox);
    mainSplit->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(mainSplit);

    connect(m_split, &QComboBox::currentIndexChanged, this,
            [this](int) { m_seed->setEnabled(splitKind() == SplitKind::StratifiedRandom); });
    connect(m_fit, &QPushButton::clicked, this, &ModelView::fit);
    connect(m_cancel, &QPushButton::clicked, this, &ModelView::cancelFit);
    connect(m_sort, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_forest->setSortOrder(index == 1 ? ForestPlot::SortOrder::ByName
                                          : ForestPlot::SortOrder::ByOddsRatio);
    });
    connect(m_export, &QPushButton::clicked, this, &ModelView::exportDialog);
    addButtonShortcut(this, m_fit, tr("Fit the model"), QKeySequence(Qt::CTRL | Qt::Key_R));
    addButtonShortcut(this, m_cancel, tr("Cancel the fit"), QKeySequence(Qt::Key_Escape));
    addButtonShortcut(this, m_export, tr("Export the targeting list"),
                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_runner, &ModelRunner::frameLoaded, this, &ModelView::frameLoaded);
    connect(m_runner, &ModelRunner::fitProgressed, this, &ModelView::fitProgressed);
    connect(m_runner, &ModelRunner::fitFinished, this, &ModelView::fitFinished);
    connect(m_runner, &ModelRunner::runsListed, this, &ModelView::runsListed);
    connect(m_runner, &ModelRunner::storedRunLoaded, this, &ModelView::storedRunLoaded);
    connect(m_runner, &ModelRunner::liveListWritten, this, &ModelView::liveListWritten);
    connect(m_runPicker, &QComboBox::activated, this, &ModelView::runPicked);
    connect(m_context, &AppContext::modelRunsChanged, this, [this](qint64 datasetId) {
        if (datasetId == m_runner->datasetId() && m_runner->frame())
            m_runner->listRuns();
    });
    connect(m_context, &AppContext::datasetChanged, this, &ModelView::datasetChanged);

    m_fit->setEnabled(false);
    m_status->setText(tr("Open a dataset to fit a model."));
    updateCharts();
}

ModelView::~ModelView() = default;

void ModelView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadCurrentDataset();
}

void ModelView::datasetChanged()
{
    m_result.reset();
    m_runId = -1;
    runsListed({});
    showResult();
    if (isVisible())
        loadCurrentDataset();
}

void ModelView::loadCurrentDataset()
{
    const qint64 id = m_context->currentDatasetId();
    const std::optional<LiveDatasetInfo> live = m_context->currentLive();
    // A live dataset is fitted on its engine: rows held out by row hash or none, no penalty.
    // The other splits need the rows' order or a draw.
    if (auto *items = qobject_cast<QStandardItemModel *>(m_split->model())) {
        for (int i = 0; i < m_split->count(); ++i) {
            const auto kind = SplitKind(m_split->itemData(i).toInt());
            items->item(i)->setEnabled(!live || kind == SplitKind::RowHash ||
                                       kind == SplitKind::None);
        }
    }
    m_l2->setEnabled(!live);
    // A live table has no row_id: the list names its clients by their columns.
    if (live && m_exportColumns->text() == QLatin1String(kLocalListColumns))
        m_exportColumns->setText(QLatin1String(kLiveListColumns));
    else if (!live && m_exportColumns->text() == QLatin1String(kLiveListColumns))
        m_exportColumns->setText(QLatin1String(kLocalListColumns));
    if (live) {
        if (splitKind() != SplitKind::None)
            setSplitKind(SplitKind::RowHash);
        m_l2->setValue(0);
        if (m_runner->live() && m_runner->live()->id == live->id &&
            (m_runner->schema() || m_runner->isLoading()))
            return;
        m_fit->setEnabled(false);
        m_status->setText(tr("Reading the levels of %1 on %2...")
                              .arg(shownText(live->name), engineName(live->engine)));
        m_runner->setLiveDataset(*live);
        return;
    }
    if (id < 0) {
        m_runner->setDataset(QString(), -1);
        return;
    }
    if (m_runner->datasetId() == id && !m_runner->live() &&
        (m_runner->frame() || m_runner->isLoading()))
        return;
    m_fit->setEnabled(false);
    m_status->setText(tr("Loading the dataset..."));
    m_runner->setDataset(m_context->workspacePath(), id);
}

void ModelView::frameLoaded(qint64, const QString &error)
{
    const auto frame = m_runner->frame();
    const auto schema = m_runner->schema();
    const std::optional<LiveDatasetInfo> &live = m_runner->live();
    if ((!frame && !live) || !schema) {
        m_status->setText(tr("Cannot load the dataset: %1").arg(shownText(error)));
        return;
    }
    // The default encoding (worked out on the worker) tells which columns are left out by
    // default and why, and which reference level each categorical gets.
    const DefaultDesign &defaults = m_runner->defaultDesign();
    m_defaultExcluded.clear();
    m_defaultReasons.clear();
    for (const ExcludedColumn &e : defaults.excluded) {
        m_defaultExcluded << e.column;
        m_defaultReasons.insert(e.column, shownText(e.reason));
    }
    const QSignalBlocker quiet(m_columns); // ticks set here are no user's act
    m_columns->clear();
    while (m_referenceForm->rowCount() > 0)
        m_referenceForm->removeRow(0);
    for (const FrameColumn &c : schema->columns()) {
        auto *item = new QListWidgetItem(c.name, m_columns);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        const bool excluded = m_defaultExcluded.contains(c.name);
        item->setCheckState(excluded ? Qt::Unchecked : Qt::Checked);
        if (excluded)
            item->setToolTip(m_defaultReasons.value(c.name));
        if (c.isCategorical() && c.levelCount() > 1) {
            auto *combo = new QComboBox(m_referenceBox);
            combo->setObjectName(c.name);
            combo->addItems(c.levels);
            // As wide as its longest level ("university.degree"); under its label if need be.
            combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
            const QString ref = defaults.references.value(c.name);
            if (!ref.isEmpty())
                combo->setCurrentText(ref);
            m_referenceForm->addRow(c.name, combo);
        }
    }
    updateExclusionText();
    m_fit->setEnabled(true);
    if (live) {
        m_status->setText((live->query.isEmpty()
                               ? tr("%L1 clients on %2 (live table %3): the model is fitted "
                                    "there. Choose the columns and the split, and press Fit.")
                               : tr("%L1 clients on %2 (live query %3): the model is fitted "
                                    "there. Choose the columns and the split, and press Fit."))
                              .arg(qulonglong(live->rows))
                              .arg(engineName(live->engine), shownText(live->table)));
        runsListed({});
        Q_EMIT frameReady();
        return;
    }
    m_status->setText(tr("%L1 clients loaded. Choose the settings and press Fit.")
                          .arg(qulonglong(frame->rowCount())));
    runsListed(m_runner->storedRuns());
    // A run stored in an earlier session is shown as after its fit (read on the worker).
    if (const auto latest = m_runner->latestRun(); latest && !m_result && !isFitting()) {
        m_result = latest;
        m_runId = m_runner->latestRunId();
        m_runPicker->setCurrentIndex(m_runPicker->findData(m_runId));
        m_status->setText(tr("%L1 clients loaded. Showing the newest stored model run %2; "
                             "choose the settings and press Fit for a new one.")
                              .arg(qulonglong(frame->rowCount()))
                              .arg(m_runId));
        showResult();
        Q_EMIT runShown(m_runId);
    }
    Q_EMIT frameReady();
}

QString ModelView::runLabel(const ModelRunRecord &run, bool withSettings) const
{
    QString text = tr("Run %1 · %2")
                       .arg(run.id)
                       .arg(QLocale().toString(run.createdAt.toLocalTime(), QLocale::ShortFormat));
    if (const double auc = run.heldOutAuc(); std::isfinite(auc))
        text += tr(" · AUC %1").arg(num(auc));
    if (const QStringList post = ModelStore::postCallColumnsOf(run); !post.isEmpty())
        text += tr(" · uses %1").arg(post.join(QStringLiteral(", ")));
    if (!withSettings)
        return text;
    const ModelRunSettings s = ModelRunSettings::fromJson(run.settings);
    QStringList settings{tr("%1 split").arg(splitDescription(s.validation.split.kind))};
    if (s.validation.fit.l2 > 0)
        settings << tr("L2 %1").arg(s.validation.fit.l2, 0, 'g', 4);
    const QStringList predictors = run.metrics.value(QStringLiteral("encoding"))
                                       .toObject()
                                       .value(QStringLiteral("predictors"))
                                       .toVariant()
                                       .toStringList();
    settings << tr("%n predictor(s)", nullptr, int(predictors.size()));
    return text + QStringLiteral(" · ") + settings.join(QStringLiteral(", "));
}

void ModelView::runsListed(const QList<ModelRunRecord> &runs)
{
    const QSignalBlocker quiet(m_runPicker);
    m_runPicker->clear();
    for (const ModelRunRecord &r : runs) {
        m_runPicker->addItem(runLabel(r, false), r.id);
        m_runPicker->setItemData(m_runPicker->count() - 1, runLabel(r, true), Qt::ToolTipRole);
    }
    m_runPicker->setCurrentIndex(m_runPicker->findData(m_runId)); // -1: a run not stored
}

QList<qint64> ModelView::listedRuns() const
{
    QList<qint64> ids;
    for (int i = 0; i < m_runPicker->count(); ++i)
        ids << m_runPicker->itemData(i).toLongLong();
    return ids;
}

bool ModelView::showStoredRun(qint64 runId)
{
    const int index = m_runPicker->findData(runId);
    if (index < 0)
        return false;
    m_runPicker->setCurrentIndex(index);
    runPicked(index);
    return true;
}

void ModelView::runPicked(int index)
{
    const qint64 id = m_runPicker->itemData(index).toLongLong();
    if (index < 0 || (id == m_runId && m_result))
        return;
    m_status->setText(tr("Reading model run %1...").arg(id));
    m_runner->loadRun(id);
}

void ModelView::storedRunLoaded(std::shared_ptr<const ModelRunResult> result, qint64 runId,
                                const QString &error)
{
    if (m_runPicker->currentData().toLongLong() != runId)
        return; // another run was picked since
    if (!result) {
        m_status->setText(tr("Cannot read model run %1: %2").arg(runId).arg(shownText(error)));
        return;
    }
    m_result = std::move(result);
    m_runId = runId;
    m_status->setText(tr("Showing stored model run %1.").arg(runId));
    showResult();
    Q_EMIT runShown(runId);
}

ModelRunSettings ModelView::settings() const
{
    ModelRunSettings s;
    // Unticked columns are excluded and ticked default exclusions included, so that the
    // encoding still states why duration and the others are left out by default.
    QStringList used;
    for (int i = 0; i < m_columns->count(); ++i) {
        const QListWidgetItem *item = m_columns->item(i);
        const bool ticked = item->checkState() == Qt::Checked;
        const bool byDefault = !m_defaultExcluded.contains(item->text());
        if (ticked)
            used << item->text();
        if (ticked && !byDefault)
            s.spec.include << item->text();
        else if (!ticked && byDefault)
            s.spec.exclude << item->text();
    }
    for (int r = 0; r < m_referenceForm->rowCount(); ++r) {
        auto *item = m_referenceForm->itemAt(r, QFormLayout::FieldRole);
        if (auto *combo = item ? qobject_cast<QComboBox *>(item->widget()) : nullptr) {
            if (used.contains(combo->objectName()))
                s.spec.referenceLevels.insert(combo->objectName(), combo->currentText());
        }
    }
    s.validation.split.kind = splitKind();
    s.validation.split.seed = quint64(m_seed->value());
    s.validation.fit.l2 = m_l2->value();
    s.validation.threshold = m_threshold->value();
    s.profit.costPerCall = m_costPerCall->value();
    s.profit.valuePerSubscription = m_valuePerSubscription->value();
    return s;
}

void ModelView::setPenalty(double l2)
{
    m_l2->setValue(l2);
}

void ModelView::setThreshold(double threshold)
{
    m_threshold->setValue(threshold);
}

void ModelView::setRandomSplit(bool random, quint64 seed)
{
    setSplitKind(random ? SplitKind::StratifiedRandom : SplitKind::TimeOrdered);
    m_seed->setValue(int(seed));
}

void ModelView::setSplitKind(SplitKind kind)
{
    m_split->setCurrentIndex(m_split->findData(int(kind)));
}

SplitKind ModelView::splitKind() const
{
    return SplitKind(m_split->currentData().toInt());
}

QString ModelView::splitDescription(SplitKind kind) const
{
    switch (kind) {
    case SplitKind::TimeOrdered:
        return tr("time-ordered");
    case SplitKind::RollingOrigin:
        return tr("rolling origin");
    case SplitKind::StratifiedRandom:
        return tr("random");
    case SplitKind::RowHash:
        return tr("row-hash");
    case SplitKind::None:
        break;
    }
    return tr("no");
}

bool ModelView::fit()
{
    if (!m_runner->fit(settings()))
        return false;
    setFitting(true);
    m_progress->setValue(0);
    m_status->setText(tr("Fitting..."));
    return true;
}

void ModelView::cancelFit()
{
    m_runner->cancel();
    m_status->setText(tr("Cancelling..."));
}

bool ModelView::isFitting() const
{
    return m_runner->isFitting();
}

void ModelView::setFitting(bool fitting)
{
    m_fit->setEnabled(!fitting && (m_runner->frame() || m_runner->live()));
    m_cancel->setEnabled(fitting);
    m_columns->setEnabled(!fitting);
    m_referenceBox->setEnabled(!fitting);
}

void ModelView::fitProgressed(double fraction, const QString &phase)
{
    m_progress->setValue(int(fraction * 100));
    const QString shown = shownText(phase);
    m_status->setText(shown.left(1).toUpper() + shown.mid(1));
}

void ModelView::fitFinished(std::shared_ptr<const ModelRunResult> result, qint64 runId,
                            const QString &error)
{
    setFitting(false);
    if (result && result->cancelled) {
        m_progress->setValue(0);
        m_status->setText(tr("Fit cancelled; the previous result stays."));
        Q_EMIT fitFailed(tr("cancelled"));
        return;
    }
    if (!result || !result->ok()) {
        m_progress->setValue(0);
        QString text = shownText(error);
        if (result)
            for (const QString &s : result->report.fit.separation)
                text += QLatin1Char('\n') + shownText(s);
        m_status->setText(tr("No model: %1").arg(text));
        Q_EMIT fitFailed(text);
        return;
    }
    m_progress->setValue(100);
    m_result = std::move(result);
    m_runId = runId;
    if (m_runner->live()) {
        // Fitted on the engine: not stored, so no run id and no targeting list here.
        m_status->setText(shownText(m_runner->liveNote()));
        showResult();
        return;
    }
    const LogisticFit &f = m_result->report.fit;
    m_status->setText(runId >= 0 ? tr("Converged in %1 iterations; stored as model run %2 with "
                                      "a score for every client.")
                                       .arg(f.iterations)
                                       .arg(runId)
                                 : shownText(error));
    showResult();
    if (runId >= 0) {
        m_context->notifyModelRunsChanged(m_context->currentDatasetId());
        Q_EMIT fitCompleted(runId);
    } else
        Q_EMIT fitFailed(shownText(error));
}

void ModelView::showResult()
{
    std::vector<ForestRow> rows;
    if (m_result) {
        for (const TermEstimate &t : m_result->report.fit.terms) {
            if (t.column.isEmpty())
                continue; // the intercept has no odds ratio
            rows.push_back({t.name, t.oddsRatio, t.orLow, t.orHigh, t.p});
        }
    }
    m_forest->setRows(std::move(rows));
    // A run fitted on every row (no split, or a live dataset) has no held-out clients: no
    // "top 20% reach 0.0%" sentence for a capture nobody measured.
    m_summary->setText(!m_result ? QString()
                       : m_result->report.heldOut.rows == 0
                           ? tr("No clients were held out, so "
                                "how well the scores rank new "
                                "clients is not measured.")
                           : topSentence(m_result->report.heldOut));
    const ModelPlainWords words = m_result ? ModelPlainWords::of(*m_result) : ModelPlainWords();
    m_plainWords->setWords(words.plain, words.technical);
    const QString banner = postCallBanner();
    m_postCallBanner->setText(banner);
    m_postCallBanner->setVisible(!banner.isEmpty());
    // A live fit's list is chosen on the engine (exportLiveTargetList); a local one from the
    // scores stored with the run.
    m_export->setEnabled(m_result && (m_runId >= 0 || (m_runner->live() && m_result->ok())));
    // The rest follows in the next turns of the event loop, each painted on its own: the whole
    // view in one paint took 40 to 50 ms of the GUI thread on a 2-core machine.
    QMetaObject::invokeMethod(
        this,
        [this] {
            updateCharts();
            QMetaObject::invokeMethod(
                this,
                [this] {
                    updateMetrics();
                    updateDeciles();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ModelView::updateCharts()
{
    ChartSpec roc = curveChart(ChartSpec::Kind::Roc, tr("ROC curve (held-out clients)"),
                               tr("false positive rate"), tr("true positive rate"));
    ChartSpec gains = curveChart(ChartSpec::Kind::Gains, tr("Cumulative gains"),
                                 tr("share of clients called"), tr("share of subscribers"));
    ChartSpec calibration = curveChart(ChartSpec::Kind::Calibration, tr("Calibration by decile"),
                                       tr("mean predicted probability"), tr("observed rate"));
    // No result, or one with no held-out clients: the charts say why they are empty.
    const auto showEmpty = [&] {
        m_roc->setChart(roc);
        m_gains->setChart(gains);
        m_calibration->setChart(calibration);
        m_roc->setToolTip(QString());
        m_calibration->setToolTip(QString());
    };
    if (!m_result) {
        showEmpty();
        return;
    }
    const HeldOutMetrics &h = m_result->report.heldOut;
    if (m_result->roc.empty() && h.rows > 0) // stored before the curves were kept with a run
        roc.emptyText = gains.emptyText =
            tr("This run was stored without its curves; fit it again to see them.");
    if (h.rows == 0) {
        // Fitted on every row: no curve to draw, rather than an AUC 0.500 diagonal.
        roc.emptyText = gains.emptyText = calibration.emptyText =
            tr("No clients were held out (the model was fitted on every row): choose a split "
               "other than None to see this chart.");
        showEmpty();
        return;
    }
    // Short titles fit a narrow chart; the details are in the view's tooltip.
    roc.title = tr("ROC: AUC %1").arg(num(h.auc.auc));
    roc.seriesLabel = tr("model");
    roc.baselineLabel = tr("chance");
    setCurve(roc, m_result->roc);
    m_roc->setChart(roc);
    // A live model's curves pass through the decile cuts (its rows stay on the server).
    const QString byDecile =
        m_runner->live()
            ? QLatin1Char(' ') + tr("The curve joins the ten decile cuts, counted on the server.")
            : QString();
    m_roc->setToolTip(tr("ROC curve on the held-out clients: AUC %1 (95% CI %2 to %3)")
                          .arg(num(h.auc.auc), num(h.auc.ciLow), num(h.auc.ciHigh)) +
                      byDecile);
    m_gains->setToolTip(byDecile.trimmed());
    gains.title = tr("Gains: top %1% reach %2%")
                      .arg(h.topFraction * 100, 0, 'g', 3)
                      .arg(h.topCapture * 100, 0, 'f', 1);
    gains.seriesLabel = tr("by score");
    gains.baselineLabel = tr("random");
    gains.markX = h.topFraction;
    gains.markY = h.topCapture;
    gains.markLabel = tr("top %1%").arg(h.topFraction * 100, 0, 'g', 3);
    setCurve(gains, m_result->gains);
    m_gains->setChart(gains);
    std::vector<CurvePoint> points;
    double top = 0;
    for (const CalibrationGroup &g : h.hosmerLemeshow.groups) {
        points.push_back({g.meanPredicted, g.observedRate});
        top = std::max({top, g.meanPredicted, g.observedRate});
    }
    calibration.seriesLabel = tr("deciles");
    calibration.baselineLabel = tr("perfect");
    calibration.points = true;
    // Zoom to the data: subscription rates are small.
    calibration.axisMax = std::min(1.0, std::ceil(top * 10 + 0.5) / 10);
    setCurve(calibration, points);
    m_calibration->setChart(calibration);
    m_calibration->setToolTip(
        tr("Observed rate against mean predicted probability per score decile; Hosmer-Lemeshow "
           "p %1")
            .arg(h.hosmerLemeshow.p < 1e-4 ? QStringLiteral("< 0.0001")
                                           : QStringLiteral("= ") + num(h.hosmerLemeshow.p, 4)));
}

void ModelView::updateMetrics()
{
    if (!m_result) {
        m_metrics->setHtml(QString());
        return;
    }
    const ModelRunResult &r = *m_result;
    const LogisticFit &f = r.report.fit;
    const HeldOutMetrics &h = r.report.heldOut;
    const ConfusionMatrix &c = h.confusion;
    QString html;
    if (const QString unstable = shownText(unstablePredictorsSentence(f)); !unstable.isEmpty())
        html +=
            QStringLiteral("<p style='color:#8a5a00'><b>%1</b></p>").arg(unstable.toHtmlEscaped());
    if (const QString unseen = shownUnseenLevels(r.report); !unseen.isEmpty())
        html += QStringLiteral("<p style='color:#8a5a00'>%1</p>").arg(unseen.toHtmlEscaped());
    if (r.report.heldOut.rows == 0 && m_runner->live()) { // fitted on the engine, every row
        html += tr("<p><b>Fitted on all %L1 clients where %2 holds them: there are no held-out "
                   "metrics, as no client was kept apart. To see how well the model ranks clients "
                   "it has not seen, fit it with the split by row hash.</b></p>")
                    .arg(qulonglong(f.rows))
                    .arg(engineName(m_runner->live()->engine));
    } else if (r.report.heldOut.rows == 0) { // a stored run has no split, only its figures
        html += tr("<p><b>Fitted on all %L1 clients (no split), as statsmodels reports a model: "
                   "there are no held-out metrics. Choose a time or random split to see how well "
                   "it ranks clients it has not seen.</b></p>")
                    .arg(qulonglong(f.rows));
    } else {
        html += tr("<p><b>%1</b></p>").arg(topSentence(h).toHtmlEscaped());
        if (r.profit.ok())
            html += QStringLiteral("<p>%1</p>").arg(shownProfitSentence(r.profit).toHtmlEscaped());
        html += tr("<p>Held out: %L1 clients, %L2 subscribers (%3 split). AUC <b>%4</b> "
                   "(95% CI %5 to %6); log-loss %7; Brier %8.<br>Hosmer-Lemeshow chi2(%9) = %10, "
                   "%11.</p>")
                    .arg(qulonglong(h.rows))
                    .arg(qulonglong(h.positives))
                    .arg(splitDescription(r.settings.validation.split.kind))
                    .arg(num(h.auc.auc), num(h.auc.ciLow), num(h.auc.ciHigh), num(h.logLoss, 4),
                         num(h.brier, 4))
                    .arg(h.hosmerLemeshow.df)
                    .arg(num(h.hosmerLemeshow.chi2, 1), pValue(h.hosmerLemeshow.p));
        if (!r.report.blocks.empty()) {
            QStringList blocks;
            for (const RollingBlock &b : r.report.blocks)
                blocks << tr("%1 %2 (%L3)")
                              .arg(b.label.toHtmlEscaped(),
                                   std::isfinite(b.auc) ? num(b.auc) : QStringLiteral("-"))
                              .arg(qulonglong(b.rows));
            html +=
                tr("<p>The held-out rows were scored in %1 periods (the months of the file), each "
                   "by a model fitted on every earlier row; "
                   "the model shown is the last one (%L2 rows). AUC by month (clients): "
                   "%3.</p>")
                    .arg(r.report.blocks.size())
                    .arg(qulonglong(f.rows))
                    .arg(blocks.join(QStringLiteral(", ")));
        }
        if (const SplitRates &rates = r.rates; rates.shifted)
            html +=
                tr("<p style='color:#8a5a00'>The held-out rows subscribe at %1%, the training "
                   "rows at %2%: calibration, accuracy and Hosmer-Lemeshow measure that shift as "
                   "much as the model. Judge it by AUC and lift (the ranking).</p>")
                    .arg(num(100 * rates.test, 1), num(100 * rates.train, 1));
        html += tr("<table border=1 cellspacing=0 cellpadding=3><tr><th>at %1</th><th>predicted<br>"
                   "yes</th><th>predicted<br>no</th></tr><tr><td>actual "
                   "yes</td><td>%L2</td><td>%L3</td>"
                   "</tr><tr><td>actual no</td><td>%L4</td><td>%L5</td></tr></table>"
                   "<p>Sensitivity %6%, specificity %7%, precision %8%, accuracy %9%.</p>")
                    .arg(num(c.threshold, 2))
                    .arg(qulonglong(c.truePositives))
                    .arg(qulonglong(c.falseNegatives))
                    .arg(qulonglong(c.falsePositives))
                    .arg(qulonglong(c.trueNegatives))
                    .arg(num(c.sensitivity * 100, 1), num(c.specificity * 100, 1),
                         num(c.precision * 100, 1), num(c.accuracy * 100, 1));
    }
    html += tr("<p>Fit (%L1 training clients): %2 in %3 iterations, gradient %4. "
               "Log-likelihood %5 (null %6); null deviance %7; LR chi2(%8) = %9, %10; "
               "AIC %11; BIC %12; pseudo-R2 McFadden %13, Nagelkerke %14, Tjur %15.</p>")
                .arg(qulonglong(f.rows))
                .arg(shownText(fitStatusName(f.status)))
                .arg(f.iterations)
                .arg(QString::number(f.gradientNorm, 'g', 2))
                .arg(num(f.logLikelihood, 2), num(f.nullLogLikelihood, 2), num(f.nullDeviance, 2))
                .arg(f.lrDf)
                .arg(num(f.lrChi2, 1), pValue(f.lrP), num(f.aic, 1), num(f.bic, 1),
                     num(f.mcFaddenR2, 4), num(f.nagelkerkeR2, 4), num(f.tjurR2, 4));
    QStringList vif;
    for (const PredictorVif &v : f.predictorVif)
        vif << QStringLiteral("%1 %2").arg(v.column, num(v.gvifAdjusted, 2));
    if (!vif.isEmpty())
        html += tr("<p>GVIF^(1/(2 df)): %1</p>").arg(vif.join(QStringLiteral(", ")));
    QStringList notes;
    for (const ExcludedColumn &e : r.design.excluded)
        notes << tr("Excluded %1: %2").arg(e.column, shownText(e.reason)).toHtmlEscaped();
    for (const AliasedTerm &a : f.aliased)
        notes
            << tr("Aliased, left out: %1 %2").arg(a.name, shownText(a.combination)).toHtmlEscaped();
    for (const QString &s : f.separation)
        notes << tr("Separation: %1").arg(shownText(s)).toHtmlEscaped();
    for (const QString &n : r.design.notes)
        notes << shownText(n).toHtmlEscaped();
    if (!notes.isEmpty())
        html += QStringLiteral("<ul><li>") + notes.join(QStringLiteral("</li><li>")) +
                QStringLiteral("</li></ul>");
    m_metrics->setHtml(html);
}

void ModelView::updateDeciles()
{
    const QStringList headers{tr("Decile"), tr("Clients"),      tr("Subscribers"), tr("Rate"),
                              tr("Lift"),   tr("Cum. capture"), tr("Scores")};
    m_deciles->clear();
    m_deciles->setColumnCount(int(headers.size()));
    m_deciles->setHorizontalHeaderLabels(headers);
    if (!m_result) {
        m_deciles->setRowCount(0);
        return;
    }
    const auto &rows = m_result->report.heldOut.deciles;
    m_deciles->setRowCount(int(rows.size()));
    for (int i = 0; i < int(rows.size()); ++i) {
        const DecileRow &d = rows[size_t(i)];
        const QStringList cells{QString::number(d.decile),
                                QLocale().toString(qulonglong(d.clients)),
                                QLocale().toString(qulonglong(d.subscribers)),
                                num(d.rate * 100, 1) + QLatin1Char('%'),
                                num(d.lift, 2),
                                num(d.cumulativeCapture * 100, 1) + QLatin1Char('%'),
                                QStringLiteral("%1-%2").arg(num(d.minScore), num(d.maxScore))};
        for (int c = 0; c < int(cells.size()); ++c) {
            auto *item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_deciles->setItem(i, c, item);
        }
    }
    m_deciles->resizeColumnsToContents();
}

qint64 ModelView::exportTargetList(const QString &path, int count, bool percent,
                                   const QStringList &columns, QString *error)
{
    if (m_runId < 0) {
        if (error)
            *error = tr("no stored model run yet");
        return -1;
    }
    TargetListRequest request;
    request.runId = m_runId;
    request.columns = columns;
    if (percent)
        request.topFraction = count / 100.0;
    else
        request.topCount = count;
    return ModelStore(m_context->workspace()).exportTargetList(request, path, error);
}

bool ModelView::exportLiveTargetList(const QString &path, int count, bool percent,
                                     const QStringList &columns)
{
    const auto &live = m_runner->live();
    if (!live || !m_runner->writeLiveTargetList(path, columns, percent ? 0 : count,
                                                percent ? count / 100.0 : 0.0))
        return false;
    m_fit->setEnabled(false);
    m_export->setEnabled(false);
    m_status->setText(tr("Choosing the best clients on %1…").arg(engineName(live->engine)));
    return true;
}

void ModelView::liveListWritten(qint64 rows, qint64 scoredRows, const QString &path,
                                const QString &error)
{
    m_fit->setEnabled(true);
    m_export->setEnabled(bool(m_result));
    const auto &live = m_runner->live();
    if (rows < 0) {
        m_status->setText(tr("No targeting list: %1").arg(shownText(error)));
        QMessageBox::warning(this, tr("Export targeting list"), shownText(error));
    } else if (live) {
        m_status->setText(tr("Wrote the best %L1 of %L2 clients to %3: chosen and scored on %4 "
                             "by the model fitted there; the other rows stayed on the server.")
                              .arg(rows)
                              .arg(scoredRows)
                              .arg(path, engineName(live->engine)));
    }
    Q_EMIT liveTargetListWritten(rows, error);
}

QString ModelView::postCallBanner() const
{
    if (!m_result || m_result->design.postCall.isEmpty())
        return {};
    return tr("This model uses %1, known only after the call. It cannot choose whom to call: its "
              "AUC, gains and targeting list are not reachable before calling. It is not the "
              "default run for targeting lists, the chat or the report.")
        .arg(m_result->design.postCall.join(tr(" and ")));
}

QString ModelView::exclusionText() const
{
    return m_excludedReasons->text();
}

void ModelView::updateExclusionText()
{
    // Columns left out for one reason share one line (four economic indicators, one reason).
    QStringList reasonsInOrder;
    QMap<QString, QStringList> leftOut;
    QStringList lines;
    for (int i = 0; i < m_columns->count(); ++i) {
        const QListWidgetItem *item = m_columns->item(i);
        const QString c = item->text();
        const bool ticked = item->checkState() == Qt::Checked;
        if (!m_defaultReasons.contains(c))
            continue;
        const QString reason = m_defaultReasons.value(c);
        if (!ticked) {
            if (!leftOut.contains(reason))
                reasonsInOrder << reason;
            leftOut[reason] << QStringLiteral("<b>%1</b>").arg(c);
        } else if (postCallColumns().contains(c)) {
            lines << tr("<b style='color:#8a1010'>%1 is included although it is known only after "
                        "the call</b>: the run will carry a warning and cannot be used to choose "
                        "whom to call.")
                         .arg(c);
        } else {
            lines << tr("<b>%1</b> is included although it is left out by default (%2).")
                         .arg(c, reason.toHtmlEscaped());
        }
    }
    for (const QString &reason : std::as_const(reasonsInOrder)) {
        const QStringList &names = leftOut.value(reason);
        lines << (names.size() == 1 ? tr("%1 is left out: %2") : tr("%1 are left out: %2"))
                     .arg(names.join(QStringLiteral(", ")), reason.toHtmlEscaped());
    }
    m_excludedReasons->setText(
        lines.join(QStringLiteral("<br>")) +
        (lines.isEmpty() ? QString() : tr("<br>Tick a column to include it.")));
}

void ModelView::columnToggled(QListWidgetItem *item)
{
    if (item && item->checkState() == Qt::Checked && postCallColumns().contains(item->text()) &&
        m_confirmPostCall && !m_confirmPostCall(item->text())) {
        const QSignalBlocker quiet(m_columns);
        item->setCheckState(Qt::Unchecked);
    }
    updateExclusionText();
}

void ModelView::exportDialog()
{
    if (const QString banner = postCallBanner();
        !banner.isEmpty() &&
        QMessageBox::warning(this, tr("Export targeting list"),
                             banner + tr("\n\nThe list's score column will say so. Export it "
                                         "anyway?"),
                             QMessageBox::Yes | QMessageBox::No,
                             QMessageBox::No) != QMessageBox::Yes)
        return;
    const QString path =
        FileDialogs::saveFile(this, QStringLiteral("targetingList"), tr("Export targeting list"),
                              QStringLiteral("targeting-list.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const bool percent = m_topUnit->currentIndex() == 0;
    if (percent && m_topValue->value() > 100) {
        QMessageBox::warning(this, tr("Export targeting list"), tr("A percentage is at most 100."));
        return;
    }
    QStringList columns;
    for (const QString &c : m_exportColumns->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        columns << c.trimmed();
    if (m_runner->live()) {
        exportLiveTargetList(path, m_topValue->value(), percent, columns);
        return;
    }
    QString error;
    const qint64 rows = exportTargetList(path, m_topValue->value(), percent, columns, &error);
    if (rows < 0)
        QMessageBox::warning(this, tr("Export targeting list"), error);
    else
        m_status->setText(tr("Wrote %L1 clients to %2.").arg(rows).arg(path));
}

} // namespace cl
