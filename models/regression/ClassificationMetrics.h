// Held-out metrics of a probability score: AUC (DeLong), log-loss, Brier, confusion, HL, deciles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cl {

/// Area under the ROC curve with DeLong's variance (DeLong, DeLong & Clarke-Pearson 1988).
struct AucResult
{
    double auc = 0.5;
    double stdError = 0;
    double ciLow = 0, ciHigh = 1; ///< 95% Wald interval on the AUC scale, clipped to [0, 1]
};

/// Counts at a threshold: predicted positive means score >= threshold.
struct ConfusionMatrix
{
    double threshold = 0.5;
    size_t truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
    double sensitivity = 0; ///< recall; NaN without positives
    double specificity = 0;
    double precision = 0; ///< NaN when nothing is predicted positive
    double accuracy = 0;
};

/// One group of the Hosmer-Lemeshow test.
struct CalibrationGroup
{
    size_t rows = 0;
    double observed = 0; ///< subscribers
    double expected = 0; ///< sum of predicted probabilities
    double meanPredicted = 0;
    double observedRate = 0;
};

/**
 * Hosmer-Lemeshow goodness of fit: rows sorted by predicted probability (ties by row order)
 * and cut into `groups` groups of equal size (group of row i = floor(i * groups / n)).
 * chi2 = sum (O - E)^2 / (E (1 - E / n_g)), df = groups - 2.
 */
struct HosmerLemeshow
{
    double chi2 = 0;
    int df = 0;
    double p = 1;
    std::vector<CalibrationGroup> groups; ///< lowest predictions first
};

/// One row of the decile (gains) table, best scores first.
struct DecileRow
{
    int decile = 0; ///< 1 = highest scores
    size_t clients = 0;
    size_t subscribers = 0;
    double rate = 0; ///< subscribers / clients
    double lift = 0; ///< rate / overall rate
    size_t cumulativeClients = 0;
    size_t cumulativeSubscribers = 0;
    double cumulativeCapture = 0; ///< share of all subscribers in deciles 1..this
    double minScore = 0, maxScore = 0;
};

/// AUC by mid-ranks (ties count one half) with DeLong's standard error.
AucResult aucDeLong(const std::vector<double> &score, const std::vector<uint8_t> &y);
/// Mean negative log-likelihood; probabilities clipped to [1e-15, 1 - 1e-15] as scikit-learn.
double logLoss(const std::vector<double> &p, const std::vector<uint8_t> &y);
/// Mean squared difference between probability and outcome.
double brierScore(const std::vector<double> &p, const std::vector<uint8_t> &y);
ConfusionMatrix confusionAt(const std::vector<double> &p, const std::vector<uint8_t> &y,
                            double threshold);
HosmerLemeshow hosmerLemeshow(const std::vector<double> &p, const std::vector<uint8_t> &y,
                              int groups = 10);
/// Fills sensitivity, specificity, precision and accuracy from the four counts.
void finishConfusion(ConfusionMatrix &c);
/// Fills each group's mean prediction and observed rate, and chi2, df and p, from the groups'
/// rows, observed and expected counts (for groups counted elsewhere, as on an engine).
void finishHosmerLemeshow(HosmerLemeshow &hl);
/**
 * Gains table: rows sorted by score, highest first (ties by row order), cut into `groups`
 * equal groups (group of rank i = floor(i * groups / n)).
 */
std::vector<DecileRow> decileTable(const std::vector<double> &score, const std::vector<uint8_t> &y,
                                   int groups = 10);
/// Fills each row's rate, lift and cumulative columns from its clients and subscribers
/// (`total` subscribers in all).
void finishDecileTable(std::vector<DecileRow> &rows, size_t total);
/// Share of all subscribers among the ceil(fraction * n) best-scored rows.
double captureAtTop(const std::vector<double> &score, const std::vector<uint8_t> &y,
                    double fraction);

} // namespace cl
