// SegmentsView: controls, Back/Forward history, table/chart/heatmap and exports.
#include "SegmentsView.h"

#include "AppContext.h"
#include "FileDialogs.h"
#include "PlainWordsPanel.h"
#include "SegmentBarChart.h"
#include "SegmentFilterPanel.h"
#include "SegmentHeatmap.h"
#include "SegmentProxyModel.h"
#include "SegmentRunner.h"
#include "report/SegmentPlainWords.h"
#include "segments/DrillSplit.h"
#include "segments/SegmentFormatter.h"
#include "segments/SegmentTableModel.h"
#include "util/AtomicFile.h"
#include "util/MessageText.h"
#include "util/NumberText.h"
#include "util/WorkerPool.h"
#include "warehouse/WarehouseConnection.h"

#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QFile>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace cl {

namespace {

/// Dimensions a drill-down moves on to, in this order, then the rest in frame order.
const QStringList kPreferredDimensions = {QStringLiteral("age_band"),
                                          QStringLiteral("job"),
                                          QStringLiteral("marital"),
                                          QStringLiteral("education"),
                                          QStringLiteral("contact"),
                                          QStringLiteral("month"),
                                          QStringLiteral("day_of_week"),
                                          QStringLiteral("poutcome"),
                                          QStringLiteral("previously_contacted"),
                                          QStringLiteral("housing"),
                                          QStringLiteral("loan"),
                                          QStringLiteral("default")};

QString pct(double fraction, int decimals = 2)
{
    return NumberText::forLocale().percent(fraction, decimals);
}

bool sameQuery(const SegmentsView::State &a, const SegmentsView::State &b)
{
    if (a.by != b.by || a.minN != b.minN || a.ranking != b.ranking ||
        a.filters.size() != b.filters.size())
        return false;
    for (int i = 0; i < a.filters.size(); ++i) {
        if (a.filters[i].column != b.filters[i].column ||
            a.filters[i].labels != b.filters[i].labels)
            return false;
    }
    return true;
}

QString filterText(const QList<SegmentFilter> &filters)
{
    if (filters.isEmpty())
        return QObject::tr("Filters: none (all clients)");
    QStringList parts;
    for (const SegmentFilter &f : filters)
        parts << QStringLiteral("<b>%1</b> ∈ {%2}")
                     .arg(f.column.toHtmlEscaped(),
                          f.labels.join(QStringLiteral(", ")).toHtmlEscaped());
    return QObject::tr("Filters: %1").arg(parts.join(QStringLiteral(" · ")));
}

} // namespace

SegmentsView::SegmentsView(AppContext *context, QWidget *parent)
    : QWidget(parent), m_context(context)
{
    m_runner = new SegmentRunner(this);
    m_model = new SegmentTableModel(this);
    m_proxy = new SegmentProxyModel(this);
    m_proxy->setSegmentModel(m_model);

    // Left column: what to segment by, filters, ranking.
    m_controls = new QWidget(this);
    auto *dimsBox = new QGroupBox(tr("Segment by"), m_controls);
    auto *dimsForm = new QFormLayout(dimsBox);
    const QString dimLabels[3] = {tr("&1st"), tr("&2nd"), tr("&3rd")};
    for (int i = 0; i < 3; ++i) {
        m_dims[i] = new QComboBox(dimsBox);
        m_dims[i]->setMinimumContentsLength(14);
        m_dims[i]->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        dimsForm->addRow(dimLabels[i], m_dims[i]);
        connect(m_dims[i], &QComboBox::currentIndexChanged, this, &SegmentsView::controlsEdited);
    }
    auto *filterBox = new QGroupBox(tr("Filters"), m_controls);
    auto *filterLayout = new QVBoxLayout(filterBox);
    m_filters = new SegmentFilterPanel(filterBox);
    filterLayout->addWidget(m_filters);
    connect(m_filters, &SegmentFilterPanel::filtersEdited, this, &SegmentsView::controlsEdited);

    auto *rankBox = new QGroupBox(tr("Ranking"), m_controls);
    auto *rankForm = new QFormLayout(rankBox);
    m_ranking = new QComboBox(rankBox);
    m_ranking->addItem(tr("Wilson lower bound"), int(SegmentRanking::Wilson));
    m_ranking->addItem(tr("Bayes rate"), int(SegmentRanking::Bayes));
    m_ranking->addItem(tr("Raw rate"), int(SegmentRanking::Raw));
    m_ranking->setToolTip(
        tr("Wilson: the lower end of the 95% interval, so a rate must be both high and well "
           "supported.\nBayes: rates shrunk toward a prior fitted on the segments.\nRaw: the "
           "observed rate; tiny segments float to the top."));
    m_minN = new QSpinBox(rankBox);
    m_minN->setRange(0, 1000000);
    m_minN->setValue(30);
    m_minN->setKeyboardTracking(false);
    m_minN->setToolTip(tr("Segments with fewer clients are flagged small, greyed and, for "
                          "Wilson and Bayes, ranked last"));
    m_topN = new QSpinBox(rankBox);
    m_topN->setRange(1, 200);
    m_topN->setValue(SegmentBarChart::kDefaultTopN);
    m_topN->setKeyboardTracking(false);
    m_topN->setToolTip(tr("Bars in the chart: the top segments of the ranking"));
    rankForm->addRow(tr("&Rank by"), m_ranking);
    rankForm->addRow(tr("&Min clients"), m_minN);
    rankForm->addRow(tr("&Bars shown"), m_topN);
    connect(m_ranking, &QComboBox::currentIndexChanged, this, &SegmentsView::controlsEdited);
    connect(m_minN, &QSpinBox::valueChanged, this, &SegmentsView::controlsEdited);
    connect(m_topN, &QSpinBox::valueChanged, this, &SegmentsView::controlsEdited);

    auto *controlsLayout = new QVBoxLayout(m_controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(dimsBox);
    controlsLayout->addWidget(filterBox, 1);
    controlsLayout->addWidget(rankBox);
    m_controls->setMinimumWidth(240);
    m_controls->setMaximumWidth(320);

    // Top bar: history, export, busy indicator.
    auto *backAction =
        new QAction(QIcon::fromTheme(QStringLiteral("go-previous")), tr("Back"), this);
    backAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    backAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    backAction->setToolTip(tr("Back to the segmentation before the last drill-down (Alt+Left)"));
    connect(backAction, &QAction::triggered, this, &SegmentsView::goBack);
    auto *forwardAction =
        new QAction(QIcon::fromTheme(QStringLiteral("go-next")), tr("Forward"), this);
    forwardAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    forwardAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    forwardAction->setToolTip(tr("Redo the drill-down (Alt+Right)"));
    connect(forwardAction, &QAction::triggered, this, &SegmentsView::goForward);
    addAction(backAction);
    addAction(forwardAction);
    m_back = new QToolButton(this);
    m_back->setDefaultAction(backAction);
    m_back->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_forward = new QToolButton(this);
    m_forward->setDefaultAction(forwardAction);
    m_forward->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_export = new QToolButton(this);
    m_export->setText(tr("&Export"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto *exportMenu = new QMenu(m_export);
    exportMenu->addAction(tr("Table as CSV…"), this, &SegmentsView::exportCsvDialog);
    exportMenu->addAction(tr("Chart as PNG…"), this,
                          [this] { exportChartDialog(QStringLiteral("png")); });
    exportMenu->addAction(tr("Chart as SVG…"), this,
                          [this] { exportChartDialog(QStringLiteral("svg")); });
    m_export->setMenu(exportMenu);

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(160);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_busyLabel = new QLabel(this);

    auto *topBar = new QHBoxLayout;
    topBar->addWidget(m_back);
    topBar->addWidget(m_forward);
    topBar->addSpacing(8);
    topBar->addWidget(m_export);
    topBar->addSpacing(12);
    topBar->addWidget(m_busy);
    topBar->addWidget(m_busyLabel);
    topBar->addStretch(1);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // What the table means for whom to call, in plain words, above everything; the intervals,
    // the correction and the Bayes prior one click away.
    m_plainWords = new PlainWordsPanel(QStringLiteral("segment"),
                                       tr("The intervals, the correction for many segments and "
                                          "the Bayes prior behind these words"),
                                       this);
    m_filterSummary = new QLabel(this);
    m_filterSummary->setWordWrap(true);
    m_filterSummary->setTextFormat(Qt::RichText);

    m_bars = new SegmentBarChart(this);
    m_heatmap = new SegmentHeatmap(this);
    m_charts = new QTabWidget(this);
    m_charts->setDocumentMode(true);
    // A chart keeps rows it can label: below its height for the width it scrolls, so that
    // on a 768-pixel screen the table below still shows eight segments.
    const auto scrolled = [this](ChartWidget *chart) {
        QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        policy.setHeightForWidth(true);
        chart->setSizePolicy(policy);
        auto *scroll = new QScrollArea(this);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        scroll->setWidget(chart);
        return scroll;
    };
    m_charts->addTab(scrolled(m_bars), tr("Bar chart"));
    m_charts->addTab(scrolled(m_heatmap), tr("Heatmap (two dimensions)"));
    connect(m_bars, &SegmentBarChart::segmentClicked, this, &SegmentsView::drillDown);
    connect(m_heatmap, &SegmentHeatmap::cellClicked, this, &SegmentsView::drillDown);

    m_table = new QTableView(this);
    m_table->setTabKeyNavigation(false);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    // At least eight segments in view: the chart's size hint would otherwise leave the table
    // three or four rows on a 768-pixel screen.
    // (The header, still without columns here, is counted as one more row.)
    m_table->setMinimumHeight(19 * m_table->verticalHeader()->defaultSectionSize() / 2 +
                              2 * m_table->frameWidth() +
                              m_table->horizontalScrollBar()->sizeHint().height());
    m_table->setToolTip(tr("Double-click a segment to drill down"));
    connect(m_table, &QTableView::doubleClicked, this,
            [this](const QModelIndex &index) { drillDown(m_proxy->mapToSource(index).row()); });

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_charts);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *right = new QVBoxLayout;
    right->addLayout(topBar);
    right->addWidget(m_plainWords);
    right->addWidget(m_summary);
    right->addWidget(m_filterSummary);
    right->addWidget(splitter, 1);

    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_controls);
    layout->addLayout(right, 1);

    connect(m_runner, &SegmentRunner::loadStarted, this, [this] {
        if (const auto live = m_context->currentLive()) {
            m_summary->setText(
                tr("%1 is live: each segmentation is counted on %2 by one query, and only the "
                   "counts come back.")
                    .arg(shownText(live->name), engineName(live->engine)));
            m_filterSummary->clear();
            return;
        }
        const auto info = m_context->currentDataset();
        setBusy(true, info ? tr("Loading %1 rows into memory…")
                                 .arg(NumberText::forLocale().count(info->rowsRead))
                           : tr("Loading…"));
        m_summary->setText(tr("Reading the dataset into memory once; segmentations are "
                              "computed from it in milliseconds."));
        m_filterSummary->clear();
    });
    connect(m_runner, &SegmentRunner::frameLoaded, this, &SegmentsView::frameLoaded);
    connect(m_runner, &SegmentRunner::resultReady, this, &SegmentsView::resultReady);
    connect(m_context, &AppContext::datasetChanged, this, &SegmentsView::datasetChanged);

    m_controls->setEnabled(false);
    m_export->setEnabled(false);
    updateNavigation();
    m_summary->setText(tr("Open a dataset to compare segments."));
}

SegmentsView::~SegmentsView() = default;

const SegmentResult &SegmentsView::result() const
{
    return m_model->result();
}

bool SegmentsView::isBusy() const
{
    return m_runner->isLoading() || m_runner->isRunning();
}

void SegmentsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    loadCurrentDataset();
}

void SegmentsView::datasetChanged()
{
    ++m_drillGeneration;
    m_history.clear();
    m_index = -1;
    m_model->setResult(SegmentResult());
    m_bars->setResult(SegmentResult(), m_topN->value());
    m_heatmap->setResult(SegmentResult());
    m_controls->setEnabled(false);
    m_export->setEnabled(false);
    updateNavigation();
    // A big frame costs seconds and memory: load it only when the panel is looked at.
    if (isVisible())
        loadCurrentDataset();
}

void SegmentsView::loadCurrentDataset()
{
    const qint64 id = m_context->currentDatasetId();
    if (const auto live = m_context->currentLive()) {
        m_runner->setLiveDataset(*live);
        return;
    }
    if (id < 0) {
        m_runner->setDataset(QString(), -1);
        m_summary->setText(tr("Open a dataset to compare segments."));
        return;
    }
    m_runner->setDataset(m_context->workspacePath(), id);
}

void SegmentsView::frameLoaded(qint64, const QString &error)
{
    setBusy(false);
    if (!error.isEmpty()) {
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                               .arg(tr("The dataset could not be loaded: %1")
                                        .arg(shownText(error).toHtmlEscaped())));
        return;
    }
    const QStringList columns = m_runner->categoricalColumns();
    QMap<QString, QStringList> levels;
    for (const QString &c : columns)
        levels.insert(c, m_runner->levels(c));
    m_applying = true;
    for (int i = 0; i < 3; ++i) {
        m_dims[i]->clear();
        if (i > 0)
            m_dims[i]->addItem(tr("(none)"), QString());
        for (const QString &c : columns)
            m_dims[i]->addItem(c, c);
    }
    m_filters->setColumns(columns, levels);
    m_applying = false;
    m_controls->setEnabled(!columns.isEmpty());
    m_history = {defaultState()};
    m_index = 0;
    applyState(m_history.front());
}

SegmentsView::State SegmentsView::defaultState() const
{
    State s;
    const QStringList columns = m_runner->categoricalColumns();
    for (const QString &c :
         {QStringLiteral("age_band"), QStringLiteral("job"), QStringLiteral("marital")})
        if (columns.contains(c))
            s.by << c;
    for (int i = 0; s.by.size() < 3 && s.by.size() < columns.size() && i < columns.size(); ++i)
        if (!s.by.contains(columns[i]))
            s.by << columns[i];
    return s;
}

SegmentsView::State SegmentsView::stateFromControls() const
{
    State s;
    for (QComboBox *combo : m_dims) {
        const QString c = combo->currentData().toString();
        if (!c.isEmpty() && !s.by.contains(c))
            s.by << c;
    }
    s.filters = m_filters->filters();
    s.minN = m_minN->value();
    s.ranking = SegmentRanking(m_ranking->currentData().toInt());
    s.topN = m_topN->value();
    return s;
}

SegmentQuery SegmentsView::query() const
{
    const State s = state();
    SegmentQuery q;
    q.by = s.by;
    q.filters = s.filters;
    q.minN = s.minN;
    q.ranking = s.ranking;
    return q;
}

void SegmentsView::applyState(const State &s)
{
    m_applying = true;
    for (int i = 0; i < 3; ++i) {
        const int at = m_dims[i]->findData(s.by.value(i));
        m_dims[i]->setCurrentIndex(std::max(0, at));
    }
    m_filters->setFilters(s.filters);
    m_minN->setValue(s.minN);
    m_ranking->setCurrentIndex(std::max(0, m_ranking->findData(int(s.ranking))));
    m_topN->setValue(s.topN);
    m_applying = false;
    updateNavigation();
    requery();
}

void SegmentsView::controlsEdited()
{
    if (m_applying || m_index < 0)
        return;
    State edited = stateFromControls();
    const bool recount = !sameQuery(edited, m_history[size_t(m_index)]);
    if (!recount) {
        edited.drilledInto = m_history[size_t(m_index)].drilledInto;
        edited.drilledClients = m_history[size_t(m_index)].drilledClients;
    }
    m_history[size_t(m_index)] = edited;
    if (recount) {
        dropForwardHistory();
        requery();
    } else {
        m_bars->setTopN(edited.topN);
    }
}

void SegmentsView::setDimensions(const QStringList &by)
{
    if (m_index < 0)
        return;
    State s = state();
    s.by = by.mid(0, 3);
    if (!sameQuery(s, state())) {
        s.drilledInto.clear();
        dropForwardHistory();
    }
    m_history[size_t(m_index)] = s;
    applyState(s);
}

void SegmentsView::setFilters(const QList<SegmentFilter> &filters)
{
    if (m_index < 0)
        return;
    State s = state();
    s.filters = filters;
    if (!sameQuery(s, state())) {
        s.drilledInto.clear();
        dropForwardHistory();
    }
    m_history[size_t(m_index)] = s;
    applyState(s);
}

void SegmentsView::setMinN(int minN)
{
    m_minN->setValue(minN);
}

void SegmentsView::setRanking(SegmentRanking ranking)
{
    m_ranking->setCurrentIndex(std::max(0, m_ranking->findData(int(ranking))));
}

void SegmentsView::setTopN(int topN)
{
    m_topN->setValue(topN);
}

void SegmentsView::requery()
{
    if (!m_runner->hasFrame() || m_index < 0)
        return;
    ++m_drillGeneration; // a drill-down still choosing its split is superseded
    m_filterSummary->setText(filterText(state().filters));
    setBusy(true, tr("Counting…"));
    m_runner->run(query());
}

void SegmentsView::resultReady(const SegmentResult &result)
{
    setBusy(false);
    m_model->setResult(result);
    m_bars->setResult(result, state().topN);
    m_heatmap->setResult(result);
    m_charts->setTabText(1, result.query.by.size() == 2 ? tr("Heatmap")
                                                        : tr("Heatmap (needs two dimensions)"));
    m_table->resizeColumnsToContents();
    updateSummary();
    m_export->setEnabled(result.ok);
    Q_EMIT resultShown();
}

void SegmentsView::updateSummary()
{
    const SegmentResult &r = result();
    const SegmentPlainWords words = SegmentPlainWords::of(r);
    if (!r.ok) {
        m_plainWords->setWords(QString(), QString());
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                               .arg(shownText(r.error).toHtmlEscaped()));
        return;
    }
    const QLocale l = NumberText::forLocale().locale();
    QString text;
    const State &s = state();
    if (!s.drilledInto.isEmpty() && r.query.by == s.by) {
        QString by = r.query.by.join(QStringLiteral(", "));
        if (r.query.by.size() > 1)
            by = tr("%1 and %2")
                     .arg(QStringList(r.query.by.mid(0, r.query.by.size() - 1))
                              .join(QStringLiteral(", ")),
                          r.query.by.last());
        text +=
            QStringLiteral("<b>") +
            tr("Drilled into %1 (%2 clients): split by %3, %4 segments, %5 with at least %6 "
               "clients.")
                .arg(s.drilledInto.toHtmlEscaped(), l.toString(s.drilledClients),
                     by.toHtmlEscaped(), l.toString(r.segmentsCompared),
                     l.toString(r.segmentsCompared - r.smallSegments), l.toString(r.query.minN)) +
            QStringLiteral("</b><br>");
    }
    text += tr("<b>%1 segments compared</b> among %2 clients (%3 subscribed, overall rate %4)")
                .arg(l.toString(r.segmentsCompared), l.toString(r.population),
                     l.toString(r.subscribers), pct(r.overallRate));
    if (r.smallSegments > 0)
        text += tr("; %1 of them have fewer than %2 clients (grey)")
                    .arg(l.toString(r.smallSegments), l.toString(r.query.minN));
    text += QStringLiteral(".");
    if (const auto live = m_context->currentLive())
        text += QLatin1Char(' ') +
                (live->query.isEmpty() ? tr("Counted on %1 (live table %2).")
                                       : tr("Counted on %1 (live query %2)."))
                    .arg(engineName(live->engine), shownText(live->table).toHtmlEscaped());
    for (const QString &w : r.warnings)
        if (w.contains(QLatin1String("changed since it was connected")))
            text += QStringLiteral("<br><span style='color:#b00020'>%1</span>")
                        .arg(shownText(w).toHtmlEscaped());
    QString technical = words.technical + QStringLiteral("<br>") +
                        tr("Scanning %1 segments finds some high rates by chance: a small segment "
                           "can sit far above %2 by luck alone. Trust a rate by its interval, not "
                           "its size: rank by the Wilson lower bound or the Bayes rate.")
                            .arg(l.toString(r.segmentsCompared), pct(r.overallRate));
    if (r.prior.fitted) {
        const double strength = r.prior.alpha + r.prior.beta;
        QString prior =
            // A prior worth far more clients than the data means no spread beyond chance.
            strength > std::max(1e6, 10.0 * double(r.population))
                ? tr("Bayes prior: no spread between segments beyond chance, so the Bayes rates "
                     "all sit at (nearly) the pooled rate %1.")
                      .arg(pct(r.prior.mean()))
                : tr("Bayes prior fitted on these segments by %1: Beta(α = %2, β = %3), mean "
                     "%4; each Bayes rate pulls its segment toward %4 as if it had %5 more "
                     "clients.")
                      .arg(QCoreApplication::translate("cl::SegmentStats",
                                                       qPrintable(r.prior.method))
                               .toHtmlEscaped(),
                           l.toString(r.prior.alpha, 'g', 4), l.toString(r.prior.beta, 'g', 4),
                           pct(r.prior.mean()), l.toString(strength, 'f', 0));
        if (r.query.ranking == SegmentRanking::Bayes)
            prior = QStringLiteral("<b>") + prior + QStringLiteral("</b>");
        technical += QStringLiteral("<br>") + prior;
    } else if (r.query.ranking == SegmentRanking::Bayes) {
        technical += QStringLiteral("<br>") +
                     tr("Bayes prior not fitted (fewer than two segments): Bayes rates equal the "
                        "raw rates.");
    }
    m_plainWords->setWords(words.plain, technical);
    for (const QString &w : r.warnings)
        text += QStringLiteral("<br><i>%1</i>").arg(shownText(w).toHtmlEscaped());
    m_summary->setText(text);
}

void SegmentsView::drillDown(int row)
{
    const SegmentResult &r = result();
    if (m_index < 0 || !r.ok || row < 0 || size_t(row) >= r.rows.size())
        return;
    const SegmentRow &segment = r.rows[size_t(row)];
    State next = state();
    for (int d = 0; d < r.query.by.size(); ++d) {
        const QString &column = r.query.by[d];
        const SegmentFilter filter{column, {segment.labels.value(d)}};
        auto it = std::find_if(next.filters.begin(), next.filters.end(),
                               [&](const SegmentFilter &f) { return f.column == column; });
        if (it != next.filters.end())
            *it = filter;
        else
            next.filters.append(filter);
    }
    // The drilled columns now hold one value each: split the segment by the columns not yet
    // filtered that leave most segments with at least min-n clients (at most as many
    // dimensions as before, so the chart type stays when it can).
    const QStringList columns = m_runner->categoricalColumns();
    QStringList candidates;
    for (const QString &c : kPreferredDimensions)
        if (columns.contains(c))
            candidates << c;
    for (const QString &c : columns)
        if (!candidates.contains(c))
            candidates << c;
    candidates.erase(std::remove_if(candidates.begin(), candidates.end(),
                                    [&](const QString &c) {
                                        return std::any_of(
                                            next.filters.cbegin(), next.filters.cend(),
                                            [&](const SegmentFilter &f) { return f.column == c; });
                                    }),
                     candidates.end());
    next.drilledInto = SegmentFormatter::segmentName(segment);
    next.drilledClients = segment.clients;
    // Keep the filter list in column order, as the filter panel reports it.
    std::stable_sort(next.filters.begin(), next.filters.end(),
                     [&](const SegmentFilter &a, const SegmentFilter &b) {
                         return columns.indexOf(a.column) < columns.indexOf(b.column);
                     });
    const auto frame = m_runner->frame();
    if (!frame) {
        next.by = candidates.mid(0, r.query.by.size());
        pushState(next);
        return;
    }
    // Scoring the splits reads every row once (tens of ms on millions): on a worker. A newer
    // query (see requery) supersedes it.
    const int generation = ++m_drillGeneration;
    setBusy(true, tr("Choosing how to split…"));
    auto *watcher = new QFutureWatcher<DrillSplit>(this);
    connect(watcher, &QFutureWatcher<DrillSplit>::finished, this,
            [this, watcher, next, generation]() mutable {
                watcher->deleteLater();
                if (generation != m_drillGeneration || m_index < 0)
                    return;
                const DrillSplit split = watcher->result();
                if (!split.by.isEmpty())
                    next.by = split.by;
                pushState(next);
            });
    const int dims = int(r.query.by.size());
    watcher->setFuture(
        runInBackground([frame, filters = next.filters, candidates, dims, minN = next.minN] {
            return DrillSplit::choose(*frame, filters, candidates, dims, minN);
        }));
}

void SegmentsView::pushState(const State &next)
{
    m_history.resize(size_t(m_index) + 1);
    m_history.push_back(next);
    ++m_index;
    applyState(next);
}

void SegmentsView::goBack()
{
    if (!canGoBack())
        return;
    --m_index;
    applyState(m_history[size_t(m_index)]);
}

void SegmentsView::goForward()
{
    if (!canGoForward())
        return;
    ++m_index;
    applyState(m_history[size_t(m_index)]);
}

void SegmentsView::dropForwardHistory()
{
    // As in a browser: a new query at this step makes the steps after it unreachable.
    m_history.resize(size_t(m_index) + 1);
    updateNavigation();
}

void SegmentsView::updateNavigation()
{
    m_back->defaultAction()->setEnabled(canGoBack());
    m_forward->defaultAction()->setEnabled(canGoForward());
}

void SegmentsView::setBusy(bool busy, const QString &text)
{
    m_busy->setVisible(busy);
    m_busyLabel->setText(busy ? text : QString());
    if (m_runner->isLoading())
        m_controls->setEnabled(false);
}

QString SegmentsView::summaryText() const
{
    QTextDocument doc;
    doc.setHtml(m_summary->text());
    return doc.toPlainText();
}

bool SegmentsView::heatmapShown() const
{
    return m_charts->currentIndex() == 1 && m_heatmap->hasGrid();
}

bool SegmentsView::exportCsv(const QString &path) const
{
    if (!result().ok)
        return false;
    return AtomicFile::writeFile(path, SegmentFormatter::toCsv(result()).toUtf8());
}

bool SegmentsView::exportChartPng(const QString &path, QSize size) const
{
    return heatmapShown() ? m_heatmap->savePng(path, size) : m_bars->savePng(path, size);
}

bool SegmentsView::exportChartSvg(const QString &path, QSize size) const
{
    return heatmapShown() ? m_heatmap->saveSvg(path, size) : m_bars->saveSvg(path, size);
}

void SegmentsView::exportCsvDialog()
{
    const QString path =
        FileDialogs::saveFile(this, QStringLiteral("segmentsCsv"), tr("Export segments as CSV"),
                              QStringLiteral("segments.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty() && !exportCsv(path))
        QMessageBox::warning(this, tr("Export"), tr("Could not write %1.").arg(path));
}

void SegmentsView::exportChartDialog(const QString &format)
{
    const QString name =
        (heatmapShown() ? QStringLiteral("segments-heatmap.") : QStringLiteral("segments-bars.")) +
        format;
    const QString path = FileDialogs::saveFile(
        this, QStringLiteral("chart"), tr("Export chart"), name,
        format == QLatin1String("png") ? tr("PNG images (*.png)") : tr("SVG drawings (*.svg)"));
    if (path.isEmpty())
        return;
    // The chart as laid out on screen, scaled up (not re-laid out) to at least 900 x 560.
    const QSize shown = (heatmapShown() ? static_cast<QWidget *>(m_heatmap) : m_bars)->size();
    const double factor =
        std::max({1.0, 900.0 / std::max(1, shown.width()), 560.0 / std::max(1, shown.height())});
    const QSize size(int(shown.width() * factor), int(shown.height() * factor));
    const bool ok =
        format == QLatin1String("png") ? exportChartPng(path, size) : exportChartSvg(path, size);
    if (!ok)
        QMessageBox::warning(this, tr("Export"), tr("Could not write %1.").arg(path));
}

} // namespace cl
