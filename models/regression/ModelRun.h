// ModelRun: the "build design, fit, validate, score every client" pipeline and its JSON forms.
#pragma once

#include "DesignMatrix.h"
#include "ModelSpec.h"
#include "ModelValidation.h"
#include "ProfitCurve.h"
#include "util/Progress.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace cl {

class DataFrame;

/// Everything a model run is made from: the model, the split, penalty and threshold.
struct ModelRunSettings
{
    ModelSpec spec;
    ValidationOptions validation;
    ProfitAssumptions profit;

    /// Settings as stored with the run (model_run.settings).
    QJsonObject toJson() const;
    /// Inverse of toJson(); missing keys keep their defaults.
    static ModelRunSettings fromJson(const QJsonObject &json);
};

/// One point of a curve: x and y in [0, 1].
struct CurvePoint
{
    double x = 0;
    double y = 0;
};

/// The metrics of a score (AUC, log-loss, Brier, confusion, Hosmer-Lemeshow, deciles, top
/// capture) as model_run.metrics keeps the held-out ones.
QJsonObject scoreMetricsJson(const HeldOutMetrics &h);

/// Outcome of runModel(). Plain data; safe to copy between threads.
struct ModelRunResult
{
    ModelRunSettings settings;
    /// Encoding of the model (terms, excluded columns, notes) and its rows. It does not keep
    /// the frame (design.frame is null): do not call design.at() or fit on it.
    DesignMatrix design;
    ValidationReport report;           ///< fit on the training rows, held-out metrics
    std::vector<uint8_t> testOutcomes; ///< y of each test row (order of report.split.test)
    std::vector<double> frameScores;   ///< probability per frame row; NaN = not scorable
    std::vector<CurvePoint> roc;       ///< held-out ROC: x = 1 - specificity, y = sensitivity
    std::vector<CurvePoint> gains;     ///< held-out cumulative gains: x = share called
    ProfitCurve profit;                ///< held-out expected profit by clients called
    /// Per design term: the SD of a numeric term, in the unit its coefficient is per, over the
    /// rows the reported fit saw (a rolling origin's last fit saw more than the split's
    /// training rows); NaN for the intercept and levels. Kept because the frame is not.
    std::vector<double> termSd;
    /// Subscriber rates of the training and held-out rows (splitRates()), worked out with the
    /// fit: from the frame's rows, which a view must not walk on its thread.
    SplitRates rates;
    bool cancelled = false;
    QString error; ///< why there is no usable model (empty on success)

    bool ok() const { return error.isEmpty() && !cancelled && report.ok(); }
    /// Fit statistics and held-out metrics (model_run.metrics).
    QJsonObject metricsJson() const;
    /// One object per estimated term (model_run.coefficients).
    QJsonArray coefficientsJson() const;

    /**
     * A stored run (model_run's settings, metrics and coefficients) as the result of its fit,
     * to show it again: the fit statistics, terms, held-out metrics, profit, split rates and
     * the curves stored with it (runs stored before the curves were kept have none). It has
     * no scores, design rows or split (report.split is empty: heldOut.rows says whether rows
     * were held out). Pure; safe on a worker thread.
     */
    static ModelRunResult fromStored(const QJsonObject &settings, const QJsonObject &metrics,
                                     const QJsonArray &coefficients);
};

/// A curve as stored with a run: points closer than 1/kStoredCurveResolution to the last point
/// kept on both axes are left out (under a pixel of any chart), values rounded to 1e-6.
constexpr int kStoredCurveResolution = 512;

/**
 * Builds the design of settings.spec over `frame`, fits and validates it (settings.validation)
 * and scores every frame row with the fitted coefficients. `progress` goes from 0 to 1 over
 * the whole run; returning false cancels (result.cancelled). Pure; safe on a worker thread.
 */
ModelRunResult runModel(const DataFrame &frame, const ModelRunSettings &settings,
                        const ProgressCallback &progress = {});

/**
 * ROC curve of `score` for outcomes `y`, from (0,0) to (1,1), for drawing: a point per distinct
 * score, except that a point is left out when it lies less than 1/kRocResolution from the last
 * point kept on both axes (so at most 2 x kRocResolution + 1 points however many clients: a
 * curve of every distinct score of a million held-out clients took the window's thread tens of
 * ms to stroke). The AUC is computed from the scores, never from this curve.
 */
constexpr int kRocResolution = 4096;
std::vector<CurvePoint> rocCurve(const std::vector<double> &score, const std::vector<uint8_t> &y);
/// Cumulative gains at `points` evenly spaced shares called (plus the origin).
std::vector<CurvePoint> gainsCurve(const std::vector<double> &score, const std::vector<uint8_t> &y,
                                   int points = 100);

/// "time", "random", "none", "rolling": the split as the CLI and the stored settings name it.
QString splitKindName(SplitKind kind);
/// Inverse of splitKindName; false (kind unchanged) for another name.
bool splitKindFromName(const QString &name, SplitKind *kind);
/// One sentence naming the held-out levels no training row had and how they were scored
/// (as the reference, or at the average for RollingOrigin); empty when none.
QString unseenLevelsSentence(const ValidationReport &report);

/// A predictor whose generalised VIF, made comparable across degrees of freedom
/// ((GVIF^(1/(2 df)))^2), is above this cannot have its effect read on its own.
inline constexpr double kUnstableVif = 10;
/// Predictors of `fit` above kUnstableVif, most collinear first.
std::vector<PredictorVif> unstablePredictors(const LogisticFit &fit);
/// One sentence, in words, naming the unstable predictors (empty when none): "emp_var_rate
/// and euribor3m move with the other predictors ...".
QString unstablePredictorsSentence(const LogisticFit &fit);

/// "The fit converged", "Not converged", ... for a status.
QString fitStatusName(LogisticFit::Status status);

} // namespace cl
