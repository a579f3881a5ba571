// ModelRun: design, validation and scoring in one call; JSON forms for the workspace.
#include "ModelRun.h"

#include "data/DataFrame.h"
#include "data/MonthRuns.h"
#include "util/MessageText.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace cl {

namespace {

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

QStringList toStringList(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &x : v.toArray())
        out << x.toString();
    return out;
}

/// JSON has no NaN or infinity: those become null.
QJsonValue num(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

/// Inverse of num(): null (NaN or infinity when stored) reads back as NaN.
double fromNum(const QJsonValue &v)
{
    return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

size_t count(const QJsonValue &v)
{
    return size_t(std::max(0.0, v.toDouble()));
}

/// A curve as a flat array x0, y0, x1, y1, ..., thinned for storage.
QJsonArray curveJson(const std::vector<CurvePoint> &points)
{
    const auto rounded = [](double v) { return std::round(v * 1e6) / 1e6; };
    const double step = 1.0 / kStoredCurveResolution;
    QJsonArray a;
    for (size_t i = 0; i < points.size(); ++i) {
        const CurvePoint &p = points[i];
        const bool last = i + 1 == points.size();
        if (!a.isEmpty() && !last) {
            const double x = a[a.size() - 2].toDouble(), y = a[a.size() - 1].toDouble();
            if (std::abs(p.x - x) < step && std::abs(p.y - y) < step)
                continue;
        }
        a.append(rounded(p.x));
        a.append(rounded(p.y));
    }
    return a;
}

std::vector<CurvePoint> curveFromJson(const QJsonValue &v)
{
    const QJsonArray a = v.toArray();
    std::vector<CurvePoint> points;
    points.reserve(size_t(a.size() / 2));
    for (qsizetype i = 0; i + 1 < a.size(); i += 2)
        points.push_back({a[i].toDouble(), a[i + 1].toDouble()});
    return points;
}

/// Rows sorted by descending score, ties by row order.
std::vector<size_t> rankByScore(const std::vector<double> &score)
{
    std::vector<size_t> order(score.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return score[a] > score[b]; });
    return order;
}

} // namespace

QJsonObject ModelRunSettings::toJson() const
{
    QJsonObject refs;
    for (auto it = spec.referenceLevels.cbegin(); it != spec.referenceLevels.cend(); ++it)
        refs.insert(it.key(), it.value());
    QJsonObject o;
    o.insert(QStringLiteral("columns"), toArray(spec.columns));
    o.insert(QStringLiteral("exclude"), toArray(spec.exclude));
    o.insert(QStringLiteral("include"), toArray(spec.include));
    o.insert(QStringLiteral("reference_levels"), refs);
    o.insert(QStringLiteral("cost_per_call"), profit.costPerCall);
    o.insert(QStringLiteral("value_per_subscription"), profit.valuePerSubscription);
    o.insert(QStringLiteral("min_level_share"), spec.minLevelShare);
    o.insert(QStringLiteral("merge_one_outcome_levels"), spec.mergeOneOutcomeLevels);
    o.insert(QStringLiteral("standardize"), spec.standardize);
    o.insert(QStringLiteral("split"), splitKindName(validation.split.kind));
    o.insert(QStringLiteral("test_fraction"), validation.split.testFraction);
    o.insert(QStringLiteral("seed"), QString::number(validation.split.seed));
    o.insert(QStringLiteral("l2"), validation.fit.l2);
    o.insert(QStringLiteral("threshold"), validation.threshold);
    o.insert(QStringLiteral("top_fraction"), validation.topFraction);
    return o;
}

ModelRunSettings ModelRunSettings::fromJson(const QJsonObject &o)
{
    ModelRunSettings s;
    s.spec.columns = toStringList(o.value(QStringLiteral("columns")));
    s.spec.exclude = toStringList(o.value(QStringLiteral("exclude")));
    s.spec.include = toStringList(o.value(QStringLiteral("include")));
    const QJsonObject refs = o.value(QStringLiteral("reference_levels")).toObject();
    for (auto it = refs.begin(); it != refs.end(); ++it)
        s.spec.referenceLevels.insert(it.key(), it.value().toString());
    s.profit.costPerCall = o.value(QStringLiteral("cost_per_call")).toDouble(s.profit.costPerCall);
    s.profit.valuePerSubscription =
        o.value(QStringLiteral("value_per_subscription")).toDouble(s.profit.valuePerSubscription);
    s.spec.minLevelShare =
        o.value(QStringLiteral("min_level_share")).toDouble(s.spec.minLevelShare);
    s.spec.mergeOneOutcomeLevels =
        o.value(QStringLiteral("merge_one_outcome_levels")).toBool(s.spec.mergeOneOutcomeLevels);
    s.spec.standardize = o.value(QStringLiteral("standardize")).toBool(s.spec.standardize);
    splitKindFromName(o.value(QStringLiteral("split")).toString(), &s.validation.split.kind);
    s.validation.split.testFraction =
        o.value(QStringLiteral("test_fraction")).toDouble(s.validation.split.testFraction);
    bool seedOk = false;
    const quint64 seed = o.value(QStringLiteral("seed")).toString().toULongLong(&seedOk);
    if (seedOk)
        s.validation.split.seed = seed;
    s.validation.fit.l2 = o.value(QStringLiteral("l2")).toDouble(0);
    s.validation.threshold = o.value(QStringLiteral("threshold")).toDouble(0.5);
    s.validation.topFraction = o.value(QStringLiteral("top_fraction")).toDouble(0.2);
    return s;
}

QString splitKindName(SplitKind kind)
{
    switch (kind) {
    case SplitKind::TimeOrdered:
        return QStringLiteral("time");
    case SplitKind::StratifiedRandom:
        return QStringLiteral("random");
    case SplitKind::RollingOrigin:
        return QStringLiteral("rolling");
    case SplitKind::RowHash:
        return QStringLiteral("hash");
    case SplitKind::None:
        break;
    }
    return QStringLiteral("none");
}

bool splitKindFromName(const QString &name, SplitKind *kind)
{
    for (const SplitKind k : {SplitKind::TimeOrdered, SplitKind::StratifiedRandom, SplitKind::None,
                              SplitKind::RollingOrigin, SplitKind::RowHash})
        if (name == splitKindName(k)) {
            *kind = k;
            return true;
        }
    return false;
}

QString unseenLevelsSentence(const ValidationReport &report)
{
    QStringList parts;
    for (const UnseenLevel &u : report.unseenLevels) {
        const QString as =
            report.unseenScoredAtAverage
                ? QStringLiteral("the average %1 of the rows before it").arg(u.column)
                : QStringLiteral("%1=%2").arg(u.column, u.reference);
        parts << QStringLiteral("%1=%2 (%3 held-out rows, %4% subscribe) is scored as %5")
                     .arg(u.column, u.level)
                     .arg(u.testRows)
                     .arg(u.testRows ? 100.0 * double(u.testPositives) / double(u.testRows) : 0.0,
                          0, 'f', 1)
                     .arg(as);
    }
    if (parts.isEmpty())
        return {};
    if (report.unseenScoredAtAverage)
        return QStringLiteral("No earlier row had some held-out levels, so the model before them "
                              "could not estimate them: %1.")
            .arg(parts.join(QStringLiteral("; ")));
    return QStringLiteral("The training rows never saw some held-out levels, so the model cannot "
                          "estimate them: %1. The held-out figures understate what the model "
                          "would do with those levels; a rolling-origin validation (--split "
                          "rolling) refits before each month, a random split (--split random) "
                          "sees every level, and --split none fits on all rows.")
        .arg(parts.join(QStringLiteral("; ")));
}

std::vector<PredictorVif> unstablePredictors(const LogisticFit &fit)
{
    std::vector<PredictorVif> out;
    for (const PredictorVif &v : fit.predictorVif)
        if (v.gvifAdjusted * v.gvifAdjusted > kUnstableVif)
            out.push_back(v);
    std::stable_sort(out.begin(), out.end(), [](const PredictorVif &a, const PredictorVif &b) {
        return a.gvifAdjusted > b.gvifAdjusted;
    });
    return out;
}

QString unstablePredictorsSentence(const LogisticFit &fit)
{
    const std::vector<PredictorVif> unstable = unstablePredictors(fit);
    if (unstable.empty())
        return {};
    QStringList names, vifs;
    for (const PredictorVif &v : unstable) {
        names << v.column;
        vifs << QString::number(v.gvifAdjusted * v.gvifAdjusted, 'f', 0);
    }
    if (names.size() == 1)
        return englishText(Message::UnstableOne).arg(names.front(), vifs.front()).arg(kUnstableVif);
    return englishText(Message::UnstableMany)
        .arg(names.mid(0, names.size() - 1).join(QStringLiteral(", ")), names.back(),
             vifs.join(QStringLiteral(", ")))
        .arg(kUnstableVif);
}

QString fitStatusName(LogisticFit::Status status)
{
    switch (status) {
    case LogisticFit::Status::Converged:
        return englishText(Message::ConvergedStatus);
    case LogisticFit::Status::NotConverged:
        return englishText(Message::NotConvergedStatus);
    case LogisticFit::Status::Separation:
        return englishText(Message::SeparationStatus);
    case LogisticFit::Status::Cancelled:
        return englishText(Message::Cancelled);
    case LogisticFit::Status::Failed:
        return englishText(Message::FailedStatus);
    }
    return {};
}

std::vector<CurvePoint> rocCurve(const std::vector<double> &score, const std::vector<uint8_t> &y)
{
    const size_t n = std::min(score.size(), y.size());
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i)
        pos += y[i] ? 1 : 0;
    const size_t neg = n - pos;
    std::vector<CurvePoint> out{{0, 0}};
    if (pos == 0 || neg == 0)
        return out;
    const std::vector<size_t> order = rankByScore(score);
    size_t tp = 0, fp = 0;
    for (size_t k = 0; k < n; ++k) {
        const size_t i = order[k];
        (y[i] ? tp : fp) += 1;
        // One point per distinct score: ties move the curve diagonally, as the AUC counts them.
        if (k + 1 == n || score[order[k + 1]] != score[i]) {
            const CurvePoint p{double(fp) / double(neg), double(tp) / double(pos)};
            constexpr double step = 1.0 / kRocResolution;
            if (k + 1 == n || p.x - out.back().x >= step || p.y - out.back().y >= step)
                out.push_back(p);
        }
    }
    return out;
}

std::vector<CurvePoint> gainsCurve(const std::vector<double> &score, const std::vector<uint8_t> &y,
                                   int points)
{
    const size_t n = std::min(score.size(), y.size());
    std::vector<CurvePoint> out{{0, 0}};
    size_t pos = 0;
    for (size_t i = 0; i < n; ++i)
        pos += y[i] ? 1 : 0;
    if (n == 0 || pos == 0 || points < 1)
        return out;
    const std::vector<size_t> order = rankByScore(score);
    size_t k = 0, tp = 0;
    for (int p = 1; p <= points; ++p) {
        const size_t upto = size_t(std::ceil(double(p) / points * double(n) - 1e-9));
        for (; k < upto && k < n; ++k)
            tp += y[order[k]] ? 1 : 0;
        out.push_back({double(p) / points, double(tp) / double(pos)});
    }
    return out;
}

namespace {

/// Coefficients of standardised numeric terms back on the columns' own scale (per unit), the
/// intercept adjusted, and the terms made plain again, so that scoring and every output use
/// the original scale: beta = beta_sd / scale, intercept -= sum(beta_sd * centre / scale).
void toOriginalScale(DesignMatrix &design, LogisticFit &fit)
{
    double shift = 0;
    for (size_t j = 0; j < design.terms.size(); ++j) {
        DesignTerm &t = design.terms[j];
        if (t.kind != DesignTerm::Kind::Numeric || j >= fit.coefficients.size())
            continue;
        const double b = fit.coefficients[j];
        shift += b * t.centre / t.scale;
        const QString standardised = t.name;
        fit.coefficients[j] = b / t.scale;
        t.name = t.column;
        for (TermEstimate &e : fit.terms)
            if (e.name == standardised) {
                e.name = t.column;
                e.estimate = fit.coefficients[j];
            }
        t.centre = 0;
        t.scale = 1;
    }
    if (!fit.coefficients.empty())
        fit.coefficients[0] -= shift;
    for (TermEstimate &e : fit.terms) {
        if (e.column.isEmpty() && !fit.coefficients.empty())
            e.estimate = fit.coefficients[0];
        e.oddsRatio = std::exp(e.estimate);
    }
}

/// A penalised fit's Wald errors, p-values and intervals, its LR test and AIC/BIC assume an
/// unpenalised maximum-likelihood estimate: they are withheld (NaN), not printed wrong.
void withoutPenalisedInference(LogisticFit &fit)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (TermEstimate &e : fit.terms) {
        e.stdError = e.z = e.p = e.ciLow = e.ciHigh = e.orLow = e.orHigh = nan;
    }
    fit.lrChi2 = fit.lrP = fit.aic = fit.bic = nan;
}

/// See ModelRunResult::termSd. `rescaled`: the coefficients were moved back to the original
/// scale of standardised values.
std::vector<double> termSdOnFittedRows(const DesignMatrix &design, const ValidationReport &report,
                                       bool rescaled)
{
    const DesignRows fitted = report.blocks.empty() ? DesignRows::list(report.split.train)
                                                    : DesignRows::range(0, report.fit.rows);
    const double n = double(report.fit.rows);
    std::vector<double> sd(design.terms.size(), std::numeric_limits<double>::quiet_NaN());
    for (size_t j = 0; j < design.terms.size(); ++j) {
        const DesignTerm &term = design.terms[j];
        if (term.kind != DesignTerm::Kind::Numeric || n < 2)
            continue;
        const FrameColumn *c = design.frame->column(term.column);
        double sum = 0, sum2 = 0;
        for (size_t k = 0; k < fitted.size(); ++k) {
            const double v = (c->value(design.frameRow[fitted[k]]) - term.centre) / term.scale;
            sum += v;
            sum2 += v * v;
        }
        sd[j] = std::sqrt(std::max(0.0, (sum2 - sum * sum / n) / (n - 1))) *
                (rescaled ? term.scale : 1.0);
    }
    return sd;
}

/// runModel() before it lets go of the frame.
ModelRunResult runModelOnFrame(const DataFrame &frame, const ModelRunSettings &settings,
                               const ProgressCallback &progress)
{
    ModelRunResult r;
    r.settings = settings;
    if (!reportProgress(progress, 0.0, englishText(Message::BuildingDesignPhase))) {
        r.cancelled = true;
        return r;
    }
    // An L2 penalty on raw columns punishes a coefficient per euro far less than one per
    // year: the penalty is put on standardised numbers, and the fit reported on the original
    // scale below.
    const bool penalised = settings.validation.fit.l2 > 0;
    ModelSpec spec = settings.spec;
    const bool rescale = penalised && !spec.standardize;
    if (rescale)
        spec.standardize = true;
    r.design = buildDesign(frame, spec);
    if (!r.design.ok()) {
        r.error = r.design.error;
        return r;
    }
    // The fit reports 0..1; it gets 0.05..0.9 of the whole.
    const ProgressCallback fitProgress = [&progress](double f, const QString &phase) {
        return reportProgress(progress, 0.05 + 0.85 * f, phase);
    };
    RowPeriods periods;
    if (settings.validation.split.kind == SplitKind::RollingOrigin) {
        const MonthRuns runs = monthRuns(frame);
        if (runs.count() > 0 && !runs.ordered) {
            r.error =
                englishText(Message::RollingOrderError).arg(runs.count() - 1).arg(frame.rowCount());
            return r;
        }
        periods = rowPeriods(runs, r.design);
    }
    r.report = validate(r.design, settings.validation, fitProgress, periods);
    if (r.report.fit.status == LogisticFit::Status::Cancelled) {
        r.cancelled = true;
        return r;
    }
    if (!r.report.ok()) {
        r.error = !r.report.error.isEmpty() ? r.report.error : r.report.fit.message;
        return r;
    }
    // Before toOriginalScale, which resets each term's scale: the SDs need it.
    r.termSd = termSdOnFittedRows(r.design, r.report, rescale);
    r.rates = splitRates(r.design, r.report.split);
    if (rescale)
        toOriginalScale(r.design, r.report.fit);
    if (penalised)
        withoutPenalisedInference(r.report.fit);
    for (size_t i : r.report.split.test)
        r.testOutcomes.push_back(r.design.y[i]);
    r.roc = rocCurve(r.report.testScores, r.testOutcomes);
    r.gains = gainsCurve(r.report.testScores, r.testOutcomes);
    r.profit = profitCurve(r.report.testScores, r.testOutcomes, settings.profit);
    if (!reportProgress(progress, 0.9, englishText(Message::ScoringPhase))) {
        r.cancelled = true;
        return r;
    }
    QString error;
    r.frameScores = scoreFrame(frame, r.design, r.report.fit, &error);
    if (!error.isEmpty()) {
        r.error = error;
        return r;
    }
    reportProgress(progress, 1.0, englishText(Message::DonePhase));
    return r;
}

} // namespace

ModelRunResult runModel(const DataFrame &frame, const ModelRunSettings &settings,
                        const ProgressCallback &progress)
{
    ModelRunResult r = runModelOnFrame(frame, settings, progress);
    // The result is plain data that may outlive the frame: its design reads no values.
    r.design.frame = nullptr;
    return r;
}

QJsonObject scoreMetricsJson(const HeldOutMetrics &h)
{
    QJsonObject held;
    held.insert(QStringLiteral("rows"), double(h.rows));
    held.insert(QStringLiteral("positives"), double(h.positives));
    held.insert(QStringLiteral("auc"), QJsonObject{{QStringLiteral("auc"), num(h.auc.auc)},
                                                   {QStringLiteral("se"), num(h.auc.stdError)},
                                                   {QStringLiteral("ci_low"), num(h.auc.ciLow)},
                                                   {QStringLiteral("ci_high"), num(h.auc.ciHigh)}});
    held.insert(QStringLiteral("log_loss"), num(h.logLoss));
    held.insert(QStringLiteral("brier"), num(h.brier));
    const ConfusionMatrix &c = h.confusion;
    held.insert(QStringLiteral("confusion"),
                QJsonObject{{QStringLiteral("threshold"), c.threshold},
                            {QStringLiteral("tp"), double(c.truePositives)},
                            {QStringLiteral("fp"), double(c.falsePositives)},
                            {QStringLiteral("tn"), double(c.trueNegatives)},
                            {QStringLiteral("fn"), double(c.falseNegatives)},
                            {QStringLiteral("sensitivity"), num(c.sensitivity)},
                            {QStringLiteral("specificity"), num(c.specificity)},
                            {QStringLiteral("precision"), num(c.precision)},
                            {QStringLiteral("accuracy"), num(c.accuracy)}});
    QJsonArray groups;
    for (const CalibrationGroup &g : h.hosmerLemeshow.groups)
        groups.append(QJsonObject{{QStringLiteral("rows"), double(g.rows)},
                                  {QStringLiteral("observed"), g.observed},
                                  {QStringLiteral("expected"), num(g.expected)},
                                  {QStringLiteral("mean_predicted"), num(g.meanPredicted)},
                                  {QStringLiteral("observed_rate"), num(g.observedRate)}});
    held.insert(QStringLiteral("hosmer_lemeshow"),
                QJsonObject{{QStringLiteral("chi2"), num(h.hosmerLemeshow.chi2)},
                            {QStringLiteral("df"), h.hosmerLemeshow.df},
                            {QStringLiteral("p"), num(h.hosmerLemeshow.p)},
                            {QStringLiteral("groups"), groups}});
    QJsonArray deciles;
    for (const DecileRow &d : h.deciles)
        deciles.append(QJsonObject{{QStringLiteral("decile"), d.decile},
                                   {QStringLiteral("clients"), double(d.clients)},
                                   {QStringLiteral("subscribers"), double(d.subscribers)},
                                   {QStringLiteral("rate"), num(d.rate)},
                                   {QStringLiteral("lift"), num(d.lift)},
                                   {QStringLiteral("cumulative_capture"), num(d.cumulativeCapture)},
                                   {QStringLiteral("min_score"), num(d.minScore)},
                                   {QStringLiteral("max_score"), num(d.maxScore)}});
    held.insert(QStringLiteral("deciles"), deciles);
    held.insert(QStringLiteral("top_fraction"), h.topFraction);
    held.insert(QStringLiteral("top_capture"), num(h.topCapture));
    held.insert(QStringLiteral("top_sentence"), h.topSentence);
    return held;
}

QJsonObject ModelRunResult::metricsJson() const
{
    const LogisticFit &f = report.fit;
    QJsonObject fit;
    fit.insert(QStringLiteral("status"), fitStatusName(f.status));
    fit.insert(QStringLiteral("message"), f.message);
    fit.insert(QStringLiteral("converged"), f.converged);
    fit.insert(QStringLiteral("iterations"), f.iterations);
    fit.insert(QStringLiteral("gradient_norm"), num(f.gradientNorm));
    fit.insert(QStringLiteral("rows"), double(f.rows));
    fit.insert(QStringLiteral("positives"), double(f.positives));
    fit.insert(QStringLiteral("parameters"), f.parameters);
    fit.insert(QStringLiteral("log_likelihood"), num(f.logLikelihood));
    fit.insert(QStringLiteral("null_log_likelihood"), num(f.nullLogLikelihood));
    fit.insert(QStringLiteral("null_deviance"), num(f.nullDeviance));
    fit.insert(QStringLiteral("residual_deviance"), num(f.residualDeviance));
    fit.insert(QStringLiteral("lr_chi2"), num(f.lrChi2));
    fit.insert(QStringLiteral("lr_df"), f.lrDf);
    fit.insert(QStringLiteral("lr_p"), num(f.lrP));
    fit.insert(QStringLiteral("aic"), num(f.aic));
    fit.insert(QStringLiteral("bic"), num(f.bic));
    fit.insert(QStringLiteral("mcfadden_r2"), num(f.mcFaddenR2));
    fit.insert(QStringLiteral("nagelkerke_r2"), num(f.nagelkerkeR2));
    fit.insert(QStringLiteral("tjur_r2"), num(f.tjurR2));
    fit.insert(QStringLiteral("l2"), f.l2);
    fit.insert(QStringLiteral("separation"), toArray(f.separation));
    QJsonArray aliased;
    for (const AliasedTerm &a : f.aliased)
        aliased.append(QJsonObject{{QStringLiteral("term"), a.name},
                                   {QStringLiteral("combination"), a.combination}});
    fit.insert(QStringLiteral("aliased"), aliased);
    QJsonArray vif;
    for (const PredictorVif &v : f.predictorVif)
        vif.append(QJsonObject{{QStringLiteral("column"), v.column},
                               {QStringLiteral("df"), v.df},
                               {QStringLiteral("gvif"), num(v.gvif)},
                               {QStringLiteral("gvif_adjusted"), num(v.gvifAdjusted)}});
    fit.insert(QStringLiteral("vif"), vif);

    QJsonObject enc;
    QJsonArray excluded;
    for (const ExcludedColumn &e : design.excluded)
        excluded.append(QJsonObject{{QStringLiteral("column"), e.column},
                                    {QStringLiteral("reason"), e.reason}});
    enc.insert(QStringLiteral("predictors"), toArray(design.predictors));
    enc.insert(QStringLiteral("excluded"), excluded);
    enc.insert(QStringLiteral("notes"), toArray(design.notes));
    enc.insert(QStringLiteral("post_call"), toArray(design.postCall));
    enc.insert(QStringLiteral("dropped_rows"), double(design.droppedRows));
    enc.insert(QStringLiteral("rows"), double(design.rows));
    QJsonObject refs;
    for (const DesignTerm &t : design.terms) {
        if (t.kind == DesignTerm::Kind::Level)
            refs.insert(t.column, t.reference);
    }
    enc.insert(QStringLiteral("reference_levels"), refs);

    QJsonObject held = scoreMetricsJson(report.heldOut);
    QJsonArray unseen;
    for (const UnseenLevel &u : report.unseenLevels)
        unseen.append(
            QJsonObject{{QStringLiteral("column"), u.column},
                        {QStringLiteral("level"), u.level},
                        {QStringLiteral("scored_as"),
                         report.unseenScoredAtAverage ? QStringLiteral("(average)") : u.reference},
                        {QStringLiteral("rows"), double(u.testRows)},
                        {QStringLiteral("subscribers"), double(u.testPositives)}});
    held.insert(QStringLiteral("unseen_levels"), unseen);
    QJsonArray blocks;
    for (const RollingBlock &b : report.blocks)
        blocks.append(QJsonObject{{QStringLiteral("label"), b.label},
                                  {QStringLiteral("train_rows"), double(b.trainRows)},
                                  {QStringLiteral("rows"), double(b.rows)},
                                  {QStringLiteral("subscribers"), double(b.positives)},
                                  {QStringLiteral("auc"), num(b.auc)},
                                  {QStringLiteral("unseen_rows"), double(b.unseenRows)}});
    if (!blocks.isEmpty())
        held.insert(QStringLiteral("rolling_blocks"), blocks);
    if (profit.ok())
        held.insert(QStringLiteral("profit"),
                    QJsonObject{{QStringLiteral("cost_per_call"), profit.assumptions.costPerCall},
                                {QStringLiteral("value_per_subscription"),
                                 profit.assumptions.valuePerSubscription},
                                {QStringLiteral("best_called"), double(profit.best.called)},
                                {QStringLiteral("best_profit"), profit.best.profit},
                                {QStringLiteral("best_lowest_score"), num(profit.best.lowestScore)},
                                {QStringLiteral("everyone_called"), double(profit.everyone.called)},
                                {QStringLiteral("everyone_profit"), profit.everyone.profit},
                                {QStringLiteral("break_even_rate"), num(profit.breakEvenRate)},
                                {QStringLiteral("sentence"), profitSentence(profit)}});

    QJsonObject o;
    o.insert(QStringLiteral("fit"), fit);
    o.insert(QStringLiteral("encoding"), enc);
    o.insert(QStringLiteral("held_out"), held);
    o.insert(QStringLiteral("train_rows"), double(report.trainRows()));
    o.insert(QStringLiteral("test_rows"), double(report.testRows()));
    // What the Model tab draws and says of a run, so that a stored run is shown as after its fit.
    o.insert(QStringLiteral("split_rates"),
             QJsonObject{{QStringLiteral("train"), num(rates.train)},
                         {QStringLiteral("test"), num(rates.test)},
                         {QStringLiteral("shifted"), rates.shifted}});
    o.insert(QStringLiteral("curves"), QJsonObject{{QStringLiteral("roc"), curveJson(roc)},
                                                   {QStringLiteral("gains"), curveJson(gains)}});
    return o;
}

ModelRunResult ModelRunResult::fromStored(const QJsonObject &settingsJson,
                                          const QJsonObject &metrics,
                                          const QJsonArray &coefficients)
{
    ModelRunResult r;
    r.settings = ModelRunSettings::fromJson(settingsJson);

    const QJsonObject fit = metrics.value(QStringLiteral("fit")).toObject();
    LogisticFit &f = r.report.fit;
    const QString status = fit.value(QStringLiteral("status")).toString();
    for (const auto s : {LogisticFit::Status::Converged, LogisticFit::Status::NotConverged,
                         LogisticFit::Status::Separation, LogisticFit::Status::Cancelled,
                         LogisticFit::Status::Failed})
        if (status == fitStatusName(s))
            f.status = s;
    f.message = fit.value(QStringLiteral("message")).toString();
    f.converged = fit.value(QStringLiteral("converged")).toBool();
    f.iterations = fit.value(QStringLiteral("iterations")).toInt();
    f.gradientNorm = fromNum(fit.value(QStringLiteral("gradient_norm")));
    f.rows = count(fit.value(QStringLiteral("rows")));
    f.positives = count(fit.value(QStringLiteral("positives")));
    f.parameters = fit.value(QStringLiteral("parameters")).toInt();
    f.logLikelihood = fromNum(fit.value(QStringLiteral("log_likelihood")));
    f.nullLogLikelihood = fromNum(fit.value(QStringLiteral("null_log_likelihood")));
    f.nullDeviance = fromNum(fit.value(QStringLiteral("null_deviance")));
    f.residualDeviance = fromNum(fit.value(QStringLiteral("residual_deviance")));
    f.lrChi2 = fromNum(fit.value(QStringLiteral("lr_chi2")));
    f.lrDf = fit.value(QStringLiteral("lr_df")).toInt();
    f.lrP = fromNum(fit.value(QStringLiteral("lr_p")));
    f.aic = fromNum(fit.value(QStringLiteral("aic")));
    f.bic = fromNum(fit.value(QStringLiteral("bic")));
    f.mcFaddenR2 = fromNum(fit.value(QStringLiteral("mcfadden_r2")));
    f.nagelkerkeR2 = fromNum(fit.value(QStringLiteral("nagelkerke_r2")));
    f.tjurR2 = fromNum(fit.value(QStringLiteral("tjur_r2")));
    f.l2 = fit.value(QStringLiteral("l2")).toDouble();
    f.separation = toStringList(fit.value(QStringLiteral("separation")));
    for (const QJsonValue &v : fit.value(QStringLiteral("aliased")).toArray())
        f.aliased.push_back(
            {v[QStringLiteral("term")].toString(), v[QStringLiteral("combination")].toString()});
    for (const QJsonValue &v : fit.value(QStringLiteral("vif")).toArray())
        f.predictorVif.push_back(
            {v[QStringLiteral("column")].toString(), v[QStringLiteral("df")].toInt(),
             fromNum(v[QStringLiteral("gvif")]), fromNum(v[QStringLiteral("gvif_adjusted")])});
    for (const QJsonValue &v : coefficients) {
        TermEstimate t;
        t.name = v[QStringLiteral("term")].toString();
        t.column = v[QStringLiteral("column")].toString();
        t.level = v[QStringLiteral("level")].toString();
        t.estimate = fromNum(v[QStringLiteral("estimate")]);
        t.stdError = fromNum(v[QStringLiteral("se")]);
        t.z = fromNum(v[QStringLiteral("z")]);
        t.p = fromNum(v[QStringLiteral("p")]);
        t.ciLow = fromNum(v[QStringLiteral("ci_low")]);
        t.ciHigh = fromNum(v[QStringLiteral("ci_high")]);
        t.oddsRatio = fromNum(v[QStringLiteral("odds_ratio")]);
        t.orLow = fromNum(v[QStringLiteral("or_low")]);
        t.orHigh = fromNum(v[QStringLiteral("or_high")]);
        t.vif = fromNum(v[QStringLiteral("vif")]);
        f.coefficients.push_back(t.estimate);
        f.terms.push_back(std::move(t));
    }

    const QJsonObject enc = metrics.value(QStringLiteral("encoding")).toObject();
    r.design.predictors = toStringList(enc.value(QStringLiteral("predictors")));
    for (const QJsonValue &v : enc.value(QStringLiteral("excluded")).toArray())
        r.design.excluded.push_back(
            {v[QStringLiteral("column")].toString(), v[QStringLiteral("reason")].toString()});
    r.design.notes = toStringList(enc.value(QStringLiteral("notes")));
    r.design.postCall = toStringList(enc.value(QStringLiteral("post_call")));
    r.design.droppedRows = count(enc.value(QStringLiteral("dropped_rows")));
    r.design.rows = count(enc.value(QStringLiteral("rows")));

    const QJsonObject held = metrics.value(QStringLiteral("held_out")).toObject();
    HeldOutMetrics &h = r.report.heldOut;
    h.rows = count(held.value(QStringLiteral("rows")));
    h.positives = count(held.value(QStringLiteral("positives")));
    const QJsonObject auc = held.value(QStringLiteral("auc")).toObject();
    h.auc = {fromNum(auc.value(QStringLiteral("auc"))), fromNum(auc.value(QStringLiteral("se"))),
             fromNum(auc.value(QStringLiteral("ci_low"))),
             fromNum(auc.value(QStringLiteral("ci_high")))};
    h.logLoss = fromNum(held.value(QStringLiteral("log_loss")));
    h.brier = fromNum(held.value(QStringLiteral("brier")));
    const QJsonObject c = held.value(QStringLiteral("confusion")).toObject();
    h.confusion.threshold = c.value(QStringLiteral("threshold")).toDouble(0.5);
    h.confusion.truePositives = count(c.value(QStringLiteral("tp")));
    h.confusion.falsePositives = count(c.value(QStringLiteral("fp")));
    h.confusion.trueNegatives = count(c.value(QStringLiteral("tn")));
    h.confusion.falseNegatives = count(c.value(QStringLiteral("fn")));
    h.confusion.sensitivity = fromNum(c.value(QStringLiteral("sensitivity")));
    h.confusion.specificity = fromNum(c.value(QStringLiteral("specificity")));
    h.confusion.precision = fromNum(c.value(QStringLiteral("precision")));
    h.confusion.accuracy = fromNum(c.value(QStringLiteral("accuracy")));
    const QJsonObject hl = held.value(QStringLiteral("hosmer_lemeshow")).toObject();
    h.hosmerLemeshow.chi2 = fromNum(hl.value(QStringLiteral("chi2")));
    h.hosmerLemeshow.df = hl.value(QStringLiteral("df")).toInt();
    h.hosmerLemeshow.p = fromNum(hl.value(QStringLiteral("p")));
    for (const QJsonValue &v : hl.value(QStringLiteral("groups")).toArray())
        h.hosmerLemeshow.groups.push_back(
            {count(v[QStringLiteral("rows")]), v[QStringLiteral("observed")].toDouble(),
             fromNum(v[QStringLiteral("expected")]), fromNum(v[QStringLiteral("mean_predicted")]),
             fromNum(v[QStringLiteral("observed_rate")])});
    for (const QJsonValue &v : held.value(QStringLiteral("deciles")).toArray()) {
        DecileRow d;
        d.decile = v[QStringLiteral("decile")].toInt();
        d.clients = count(v[QStringLiteral("clients")]);
        d.subscribers = count(v[QStringLiteral("subscribers")]);
        d.rate = fromNum(v[QStringLiteral("rate")]);
        d.lift = fromNum(v[QStringLiteral("lift")]);
        d.cumulativeCapture = fromNum(v[QStringLiteral("cumulative_capture")]);
        d.minScore = fromNum(v[QStringLiteral("min_score")]);
        d.maxScore = fromNum(v[QStringLiteral("max_score")]);
        h.deciles.push_back(d);
    }
    h.topFraction = held.value(QStringLiteral("top_fraction")).toDouble(0.2);
    h.topCapture = fromNum(held.value(QStringLiteral("top_capture")));
    h.topSentence = held.value(QStringLiteral("top_sentence")).toString();
    for (const QJsonValue &v : held.value(QStringLiteral("unseen_levels")).toArray()) {
        const QString as = v[QStringLiteral("scored_as")].toString();
        r.report.unseenScoredAtAverage = as == QLatin1String("(average)");
        r.report.unseenLevels.push_back(
            {v[QStringLiteral("column")].toString(), v[QStringLiteral("level")].toString(), as,
             count(v[QStringLiteral("rows")]), count(v[QStringLiteral("subscribers")])});
    }
    for (const QJsonValue &v : held.value(QStringLiteral("rolling_blocks")).toArray())
        r.report.blocks.push_back(
            {v[QStringLiteral("label")].toString(), count(v[QStringLiteral("train_rows")]),
             count(v[QStringLiteral("rows")]), count(v[QStringLiteral("subscribers")]),
             fromNum(v[QStringLiteral("auc")]), count(v[QStringLiteral("unseen_rows")])});
    if (const QJsonObject p = held.value(QStringLiteral("profit")).toObject(); !p.isEmpty()) {
        r.profit.assumptions.costPerCall = p.value(QStringLiteral("cost_per_call")).toDouble();
        r.profit.assumptions.valuePerSubscription =
            p.value(QStringLiteral("value_per_subscription")).toDouble();
        r.profit.best.called = count(p.value(QStringLiteral("best_called")));
        r.profit.best.profit = p.value(QStringLiteral("best_profit")).toDouble();
        r.profit.best.lowestScore = fromNum(p.value(QStringLiteral("best_lowest_score")));
        r.profit.everyone.called = count(p.value(QStringLiteral("everyone_called")));
        r.profit.everyone.profit = p.value(QStringLiteral("everyone_profit")).toDouble();
        r.profit.breakEvenRate = fromNum(p.value(QStringLiteral("break_even_rate")));
        r.profit.points = {r.profit.best, r.profit.everyone}; // the two points it is read by
    }

    const QJsonObject rates = metrics.value(QStringLiteral("split_rates")).toObject();
    r.rates.train = fromNum(rates.value(QStringLiteral("train")));
    r.rates.test = fromNum(rates.value(QStringLiteral("test")));
    r.rates.shifted = rates.value(QStringLiteral("shifted")).toBool();
    const QJsonObject curves = metrics.value(QStringLiteral("curves")).toObject();
    r.roc = curveFromJson(curves.value(QStringLiteral("roc")));
    r.gains = curveFromJson(curves.value(QStringLiteral("gains")));
    return r;
}

QJsonArray ModelRunResult::coefficientsJson() const
{
    QJsonArray a;
    for (const TermEstimate &t : report.fit.terms) {
        QString reference;
        if (t.designColumn >= 0 && size_t(t.designColumn) < design.terms.size())
            reference = design.terms[size_t(t.designColumn)].reference;
        a.append(QJsonObject{{QStringLiteral("term"), t.name},
                             {QStringLiteral("column"), t.column},
                             {QStringLiteral("level"), t.level},
                             {QStringLiteral("reference"), reference},
                             {QStringLiteral("estimate"), num(t.estimate)},
                             {QStringLiteral("se"), num(t.stdError)},
                             {QStringLiteral("z"), num(t.z)},
                             {QStringLiteral("p"), num(t.p)},
                             {QStringLiteral("ci_low"), num(t.ciLow)},
                             {QStringLiteral("ci_high"), num(t.ciHigh)},
                             {QStringLiteral("odds_ratio"), num(t.oddsRatio)},
                             {QStringLiteral("or_low"), num(t.orLow)},
                             {QStringLiteral("or_high"), num(t.orHigh)},
                             {QStringLiteral("vif"), num(t.vif)}});
    }
    return a;
}

} // namespace cl
