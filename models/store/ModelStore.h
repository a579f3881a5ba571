// ModelStore: model runs (settings, data hash, metrics, coefficients) and their scores in SQL.
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace cl {

struct DatasetInfo;

class Workspace;

/// One fitted model as recorded in the workspace (table model_run).
struct ModelRunRecord
{
    qint64 id = -1;        ///< -1 until saved
    qint64 datasetId = -1; ///< dataset the model was fitted on
    QString
        sourceFingerprint;   ///< the dataset's source fingerprint at fit time (column data_sha256)
    QDateTime createdAt;     ///< UTC; set by saveRun() when invalid
    QJsonObject settings;    ///< columns, reference levels, split, seed, penalty, threshold
    QJsonObject metrics;     ///< fit statistics and held-out metrics
    QJsonArray coefficients; ///< one object per term (estimate, SE, z, p, CI, OR with CI)
    qint64 scoredRows = 0;   ///< rows with a score (filled by the readers)

    /// The held-out AUC in `metrics`; NaN for a run without held-out rows.
    double heldOutAuc() const;
};

/// Which rows and columns a targeting list holds.
struct TargetListRequest
{
    qint64 runId = -1;
    /// Columns of the labelled silver view; empty = every column but the outcome (y) and
    /// those known only after the call (duration). "score" is always last; for a run that
    /// used a post-call column it is named "score_uses_<column>_known_after_the_call", so the
    /// file itself says its ranking cannot be had before calling.
    QStringList columns;
    /// Keep the best `topCount` rows when > 0, otherwise ceil(topFraction * scored rows).
    qint64 topCount = 0;
    double topFraction = 0.2;
};

/**
 * Reads and writes model runs and per-client scores of a Workspace.
 * Holds a reference to the workspace, which must outlive it. Thread affinity: that of the
 * workspace (a worker opens its own Workspace and makes its own ModelStore).
 */
class ModelStore
{
public:
    explicit ModelStore(Workspace &workspace) : m_workspace(workspace) {}

    /**
     * Writes the run and one score per frame row in one transaction (all or nothing), the
     * scores in chunks of rows (table model_score_chunk; runs stored before kept a table row
     * per client in model_score, and are still read from there).
     * `frameScores[i]` is the score of the i-th row of the dataset's silver table in rowid
     * order (the order of loadFrame()); NaN is stored as NULL (row not scored).
     * Returns the new run id, or -1 with `error`.
     */
    qint64 saveRun(const ModelRunRecord &run, const std::vector<double> &frameScores,
                   QString *error = nullptr);

    std::optional<ModelRunRecord> run(qint64 runId);
    /// The newest run of a dataset (any dataset when datasetId < 0).
    std::optional<ModelRunRecord> latestRun(qint64 datasetId = -1);
    /// The newest run of a dataset that can rank clients before calling them: one without a
    /// column known only after the call (postCallColumns(); duration, campaign). The default
    /// run for targeting lists and the chat.
    std::optional<ModelRunRecord> latestTargetingRun(qint64 datasetId = -1);
    /// The post-call columns (duration, campaign) a run used; empty for a targeting run.
    static QStringList postCallColumnsOf(const ModelRunRecord &run);
    /// Runs of a dataset, newest first.
    QList<ModelRunRecord> runs(qint64 datasetId);
    /// (silver row id, score) of a run, in row order; NULL scores are left out.
    std::vector<std::pair<qint64, double>> scores(qint64 runId);
    bool removeRun(qint64 runId, QString *error = nullptr);

    /**
     * Writes the targeting list of a run as CSV (header, then rows by descending score, ties
     * by row id) from the dataset's labelled silver view. Returns the rows written, or -1
     * with `error` (unknown run or column, file not writable).
     */
    qint64 exportTargetList(const TargetListRequest &request, const QString &csvPath,
                            QString *error = nullptr);

private:
    /// The silver table's row ids in order (the frame's rows).
    std::vector<qint64> rowIds(const DatasetInfo &info, QString *error);
    /// (row id, score) of the scored rows of `run`, in row order.
    std::optional<std::vector<std::pair<qint64, double>>> storedScores(const ModelRunRecord &run,
                                                                       QString *error);

    Workspace &m_workspace;
};

} // namespace cl
