// ModelView: the Model panel (settings, fit with progress, forest plot, ROC, gains, calibration).
#pragma once

#include "regression/ModelRun.h"
#include "store/ModelStore.h"

#include <QWidget>

#include <QMap>

#include <functional>
#include <memory>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTextBrowser;

namespace cl {

class PlainWordsPanel;

class AppContext;
class ChartWidget;
class ForestPlot;
class ModelRunner;

/**
 * The propensity model panel. Left: which columns (duration unticked, with the reason),
 * reference level per categorical, split (time, rolling origin, seeded random or none), L2 penalty,
 * threshold, and Fit / Cancel with a progress bar. Right: the forest plot of odds ratios, ROC with
 * AUC, cumulative gains, calibration by decile, the metrics and the decile table, and the export of
 * a targeting list. A run picker lists the dataset's stored runs; on opening the newest is shown
 * as after its fit, and any picked run is shown the same way. The frame loads and the fit runs on
 * workers (ModelRunner); the stored run is written by the worker and the targeting list by
 * ModelStore. Thread affinity: GUI thread. Owns its widgets and runner; the AppContext outlives it.
 */
class ModelView : public QWidget
{
    Q_OBJECT
public:
    explicit ModelView(AppContext *context, QWidget *parent = nullptr);
    ~ModelView() override;

    /// Loads the context's current dataset (done when the panel is first shown).
    void loadCurrentDataset();
    /// Settings as the controls say.
    ModelRunSettings settings() const;
    void setPenalty(double l2);
    void setThreshold(double threshold);
    void setRandomSplit(bool random, quint64 seed = 20140601);
    void setSplitKind(SplitKind kind);
    SplitKind splitKind() const;

    /// Starts a fit with the current settings; false when no frame is loaded or one runs.
    bool fit();
    void cancelFit();
    bool isFitting() const;
    bool hasResult() const { return bool(m_result); }
    /// The last successful run (nullptr before one).
    std::shared_ptr<const ModelRunResult> result() const { return m_result; }
    qint64 runId() const { return m_runId; }
    /// The stored runs the run picker lists (ids, newest first).
    QList<qint64> listedRuns() const;
    /// Shows stored run `runId` as the picker does (read on a worker; runShown follows); false
    /// when the picker does not list it.
    bool showStoredRun(qint64 runId);
    ForestPlot *forestPlot() const { return m_forest; }
    /// Asks whether a column known only after the call may be used (a dialog by default;
    /// tests answer it). Returning false unticks the column.
    void setPostCallConfirmation(std::function<bool(const QString &column)> confirm)
    {
        m_confirmPostCall = std::move(confirm);
    }
    /// The text of the panel that says which columns are left out or used against advice.
    QString exclusionText() const;
    /// The persistent warning of a run that used a post-call column (empty otherwise).
    QString postCallBanner() const;

    /**
     * Writes the targeting list of the last run: the best `count` clients when `percent` is
     * false, else the best `count`% of the scored clients; `columns` empty = all columns.
     * Returns rows written or -1 with `error`.
     */
    qint64 exportTargetList(const QString &path, int count, bool percent,
                            const QStringList &columns = {}, QString *error = nullptr);
    /// The same for a live dataset's fit: the best clients chosen and scored on its engine, the
    /// file written on a worker; false when there is no live fit or one is running.
    /// liveTargetListWritten follows.
    bool exportLiveTargetList(const QString &path, int count, bool percent,
                              const QStringList &columns = {});

Q_SIGNALS:
    void frameReady();
    void fitCompleted(qint64 runId);
    void fitFailed(const QString &reason);
    /// A stored run is shown (the newest on opening, or one picked), as after its fit.
    void runShown(qint64 runId);
    /// exportLiveTargetList() ended: `rows` written, or -1 with `error`.
    void liveTargetListWritten(qint64 rows, const QString &error);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QString splitDescription(SplitKind kind) const;
    void datasetChanged();
    void frameLoaded(qint64 datasetId, const QString &error);
    void fitProgressed(double fraction, const QString &phase);
    void liveListWritten(qint64 rows, qint64 scoredRows, const QString &path, const QString &error);
    void fitFinished(std::shared_ptr<const ModelRunResult> result, qint64 runId,
                     const QString &error);
    void showResult();
    void runsListed(const QList<ModelRunRecord> &runs);
    void runPicked(int index);
    void storedRunLoaded(std::shared_ptr<const ModelRunResult> result, qint64 runId,
                         const QString &error);
    /// "Run 5 · date · AUC · uses duration"; `withSettings` adds the split, L2 and predictors
    /// (the picker's tooltip: in the picker itself they were cut at 1366x768).
    QString runLabel(const ModelRunRecord &run, bool withSettings) const;
    void updateCharts();
    void updateMetrics();
    void updateDeciles();
    void setFitting(bool fitting);
    void exportDialog();
    void columnToggled(QListWidgetItem *item);
    void updateExclusionText();

    AppContext *m_context;
    ModelRunner *m_runner;
    std::shared_ptr<const ModelRunResult> m_result;
    qint64 m_runId = -1;
    QStringList m_defaultExcluded;
    QMap<QString, QString> m_defaultReasons; ///< column -> why it is left out by default
    std::function<bool(const QString &)> m_confirmPostCall;
    QLabel *m_postCallBanner;
    QComboBox *m_runPicker;

    QListWidget *m_columns;
    QLabel *m_excludedReasons;
    QFormLayout *m_referenceForm;
    QWidget *m_referenceBox;
    QComboBox *m_split;
    QSpinBox *m_seed;
    QDoubleSpinBox *m_l2;
    QDoubleSpinBox *m_threshold;
    QDoubleSpinBox *m_costPerCall;
    QDoubleSpinBox *m_valuePerSubscription;
    QPushButton *m_fit;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_summary;
    PlainWordsPanel *m_plainWords;

    QComboBox *m_sort;
    ForestPlot *m_forest;
    ChartWidget *m_roc;
    ChartWidget *m_gains;
    ChartWidget *m_calibration;
    QTableWidget *m_deciles;
    QTextBrowser *m_metrics;

    QSpinBox *m_topValue;
    QComboBox *m_topUnit;
    QLineEdit *m_exportColumns;
    QPushButton *m_export;
};

} // namespace cl
