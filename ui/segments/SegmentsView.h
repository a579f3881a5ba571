// The Segments panel: dimensions, filters, ranking; table, bar chart and heatmap; drill-down.
#pragma once

#include "segments/SegmentQuery.h"
#include "segments/SegmentResult.h"

#include <QSize>
#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QProgressBar;
class QSpinBox;
class QTabWidget;
class QTableView;
class QToolButton;

namespace cl {

class PlainWordsPanel;

class AppContext;
class SegmentBarChart;
class SegmentFilterPanel;
class SegmentHeatmap;
class SegmentProxyModel;
class SegmentRunner;
class SegmentTableModel;

/**
 * Segments of AppContext's current dataset: pick 1 to 3 dimensions, filters, min-n and the
 * ranking; see the result as a sortable table, a bar chart with Wilson intervals and, for
 * two dimensions, a heatmap. Clicking a bar or cell drills down (its levels become filters
 * and the dimensions move on to columns not yet filtered); Back/Forward walk the drill-downs.
 * The frame is loaded once per dataset and queries run on workers (SegmentRunner); the
 * frame loads when the panel is first shown, or at once via loadCurrentDataset().
 * Thread affinity: GUI thread. Does not own the AppContext, which must outlive it.
 */
class SegmentsView : public QWidget
{
    Q_OBJECT
public:
    /// What one Back/Forward step restores.
    struct State
    {
        QStringList by;
        QList<SegmentFilter> filters;
        int minN = 30;
        SegmentRanking ranking = SegmentRanking::Wilson;
        int topN = 20;
        /// Set by a drill-down, cleared by the next new query: the segment drilled into
        /// ("age_band = 60+ · job = retired"), for the summary line; empty otherwise.
        QString drilledInto;
        qint64 drilledClients = 0;
    };

    explicit SegmentsView(AppContext *context, QWidget *parent = nullptr);
    ~SegmentsView() override;

    /// Loads the current dataset's frame (no-op when it is loaded or loading).
    void loadCurrentDataset();

    /// The segmentation asked for by the controls.
    SegmentQuery query() const;
    State state() const { return m_history.empty() ? State{} : m_history[size_t(m_index)]; }
    /// The result shown (ok false before the first one).
    const SegmentResult &result() const;
    bool isBusy() const;

    SegmentRunner *runner() const { return m_runner; }
    SegmentTableModel *tableModel() const { return m_model; }
    SegmentProxyModel *proxyModel() const { return m_proxy; }
    QTableView *tableView() const { return m_table; }
    SegmentBarChart *barChart() const { return m_bars; }
    SegmentHeatmap *heatmap() const { return m_heatmap; }
    /// Tabs of the bar chart (0) and the heatmap (1).
    QTabWidget *chartTabs() const { return m_charts; }

    /// Edits of the current state (as the controls do); each runs a new segmentation.
    void setDimensions(const QStringList &by);
    void setFilters(const QList<SegmentFilter> &filters);
    void setMinN(int minN);
    void setRanking(SegmentRanking ranking);
    void setTopN(int topN);

    /**
     * Drills into a segment (`row` indexes result().rows): a new Back/Forward step. Its
     * levels become filters, and the clients are split by the columns that leave most
     * segments with at least min-n clients (DrillSplit), with fewer dimensions if needed;
     * the summary line says what was done.
     */
    void drillDown(int row);
    void goBack();
    void goForward();
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index + 1 < int(m_history.size()); }

    /// Writes the table (all segments, rank order) as CSV (SegmentFormatter::toCsv).
    bool exportCsv(const QString &path) const;
    /// Renders the chart on show (the heatmap when its tab is current and there are two
    /// dimensions, else the bar chart) at `size`.
    bool exportChartPng(const QString &path, QSize size) const;
    bool exportChartSvg(const QString &path, QSize size) const;
    /// The summary line above the charts (plain text), for tests.
    QString summaryText() const;

Q_SIGNALS:
    /// A new result is in the table and charts.
    void resultShown();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void datasetChanged();
    void frameLoaded(qint64 datasetId, const QString &error);
    void resultReady(const SegmentResult &result);
    void controlsEdited();
    void requery();
    void applyState(const State &state);
    State defaultState() const;
    State stateFromControls() const;
    void updateSummary();
    void dropForwardHistory();
    void pushState(const State &next);
    void updateNavigation();
    void setBusy(bool busy, const QString &text = {});
    bool heatmapShown() const;
    void exportCsvDialog();
    void exportChartDialog(const QString &format);

    AppContext *m_context;
    SegmentRunner *m_runner = nullptr;
    SegmentTableModel *m_model = nullptr;
    SegmentProxyModel *m_proxy = nullptr;
    QComboBox *m_dims[3] = {};
    SegmentFilterPanel *m_filters = nullptr;
    QSpinBox *m_minN = nullptr;
    QComboBox *m_ranking = nullptr;
    QSpinBox *m_topN = nullptr;
    QToolButton *m_back = nullptr;
    QToolButton *m_forward = nullptr;
    QToolButton *m_export = nullptr;
    QLabel *m_summary = nullptr;
    PlainWordsPanel *m_plainWords = nullptr;
    QLabel *m_filterSummary = nullptr;
    QLabel *m_busyLabel = nullptr;
    QProgressBar *m_busy = nullptr;
    QTabWidget *m_charts = nullptr;
    SegmentBarChart *m_bars = nullptr;
    SegmentHeatmap *m_heatmap = nullptr;
    QTableView *m_table = nullptr;
    QWidget *m_controls = nullptr;

    std::vector<State> m_history; ///< drill-down steps; the current one follows control edits
    int m_index = -1;
    int m_drillGeneration = 0; ///< bumped by every query: a pending drill-down split checks it
    bool m_applying = false;   ///< controls are being set from a State: no edits recorded
};

} // namespace cl
