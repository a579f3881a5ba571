// `model` and `score`: option parsing, the model pipeline, text/JSON output, CSV export.
#include "ModelCommands.h"

#include "ConnectCommand.h"
#include "jobs/FitJob.h"
#include "regression/ModelRun.h"
#include "store/FrameLoader.h"
#include "store/ModelStore.h"
#include "warehouse/LiveModel.h"
#include "warehouse/WarehouseConnection.h"

#include <QJsonDocument>

#include <cmath>

namespace cl::cli {

const char *const kModelUsage =
    "  model [--workspace PATH] [--dataset ID] [--exclude COL,...] [--include COL,...]\n"
    "        [--reference COL=LEVEL]... [--split time|rolling|random|hash|none] [--seed S] [--l2 "
    "L]\n"
    "        [--threshold T] [--cost-per-call C] [--value-per-subscription V]\n"
    "        [--format table|json]  (profit assumed: a call 5, a subscription 100)\n"
    "  score [--workspace PATH] [--dataset ID] [--run ID] --top 20%|N --out FILE.csv\n"
    "        [--columns a,b,c]  (default: row_id and every column but y and duration; on a live\n"
    "        dataset the table's columns, scored on the engine by the model fitted on every row,\n"
    "        whose columns --exclude COL,... and --include COL,... choose as for model)\n"
    "  runs [--workspace PATH] [--dataset ID]  (the stored model runs, newest first)\n";

namespace {

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &s : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << s.trimmed();
    return out;
}

/// --exclude and --include (each a list, each repeatable) into `spec`; returns whether any was
/// given.
bool takeColumnChoices(Args &args, ModelSpec *spec)
{
    bool any = false;
    for (const QString &e : args.takeAll(QStringLiteral("--exclude"))) {
        spec->exclude << splitList(e);
        any = true;
    }
    for (const QString &e : args.takeAll(QStringLiteral("--include"))) {
        spec->include << splitList(e);
        any = true;
    }
    // "--exclude duration" is the default; saying it again is fine, and wins over --include.
    for (const QString &e : spec->exclude)
        spec->include.removeAll(e);
    return any;
}

/// Resolves --dataset (or the latest dataset). -1 after printing the reason.
/// NaN marks a figure that is not valid for this fit (a penalised fit's SE, p, intervals).
QString fmt(double v, int precision = 4)
{
    if (std::isnan(v))
        return QStringLiteral("-");
    return QString::number(v, 'f', precision);
}

QString fmtP(double p)
{
    if (std::isnan(p))
        return QStringLiteral("-");
    if (p < 1e-4)
        return QStringLiteral("<0.0001");
    return QString::number(p, 'f', 4);
}

QString pct(double v, int precision = 1)
{
    return QString::number(v * 100, 'f', precision) + QLatin1Char('%');
}

/// The warning every output of a run with a post-call column carries.
QString postCallWarning(const QStringList &columns)
{
    return QStringLiteral("WARNING: this model uses %1, known only after the call. It cannot "
                          "choose whom to call: its held-out AUC and gains are not reachable "
                          "before calling, and target lists, the chat and the report never use "
                          "it unless it is named with --run.")
        .arg(columns.join(QStringLiteral(" and ")));
}

/// The metrics of a score: `heading` ("Held-out metrics") over `clients` ("held-out clients").
void printMetrics(const HeldOutMetrics &h, const QString &heading, const QString &clients,
                  QTextStream &out)
{
    out << "\n" << heading << " (" << h.rows << " clients, " << h.positives << " subscribers)\n";
    out << "  AUC                 " << fmt(h.auc.auc) << " (95% CI " << fmt(h.auc.ciLow) << " to "
        << fmt(h.auc.ciHigh) << ", DeLong)\n";
    out << "  Log-loss            " << fmt(h.logLoss) << "\n";
    out << "  Brier score         " << fmt(h.brier) << "\n";
    const ConfusionMatrix &c = h.confusion;
    out << "  Confusion at " << fmt(c.threshold, 2) << "     predicted yes  predicted no\n";
    out << QStringLiteral("    actually yes      %1  %2\n")
               .arg(c.truePositives, 13)
               .arg(c.falseNegatives, 12);
    out << QStringLiteral("    actually no       %1  %2\n")
               .arg(c.falsePositives, 13)
               .arg(c.trueNegatives, 12);
    out << "    sensitivity " << pct(c.sensitivity) << ", specificity " << pct(c.specificity)
        << ", precision " << pct(c.precision) << ", accuracy " << pct(c.accuracy) << "\n";
    out << "  Hosmer-Lemeshow     chi2(" << h.hosmerLemeshow.df
        << ") = " << fmt(h.hosmerLemeshow.chi2, 2) << ", p = " << fmtP(h.hosmerLemeshow.p)
        << "\n\n";
    out << "Decile table (" << clients << " by score, best first)\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QStringLiteral("decile"), 6)
               .arg(QStringLiteral("clients"), 8)
               .arg(QStringLiteral("subscr."), 8)
               .arg(QStringLiteral("rate"), 7)
               .arg(QStringLiteral("lift"), 6)
               .arg(QStringLiteral("cum. capture"), 13)
               .arg(QStringLiteral("scores"), 16);
    for (const DecileRow &d : h.deciles)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                   .arg(d.decile, 6)
                   .arg(d.clients, 8)
                   .arg(d.subscribers, 8)
                   .arg(pct(d.rate), 7)
                   .arg(fmt(d.lift, 2), 6)
                   .arg(pct(d.cumulativeCapture), 13)
                   .arg(QStringLiteral("%1-%2").arg(fmt(d.minScore, 3), fmt(d.maxScore, 3)), 16);
    out << "\n" << h.topSentence << "\n";
}

/// `what`: the data and where the run is kept ("dataset 3 (bank), stored as model run 5").
void printTable(const ModelRunResult &r, const QString &what, const LiveEvaluation *live,
                QTextStream &out)
{
    const LogisticFit &f = r.report.fit;
    const HeldOutMetrics &h = r.report.heldOut;
    const ModelRunSettings &s = r.settings;
    out << "Propensity model (logistic regression) on " << what << "\n";
    out << "Rows used: " << r.design.rows << " (" << r.design.droppedRows
        << " left out for missing values)\n";
    for (const ExcludedColumn &e : r.design.excluded)
        out << "Excluded: " << e.column << " - " << e.reason << "\n";
    for (const QString &c : s.spec.include)
        out << "Included on request although left out by default: " << c << "\n";
    if (!r.design.postCall.isEmpty())
        out << postCallWarning(r.design.postCall) << "\n";
    for (const QString &n : r.design.notes)
        out << "Note: " << n << "\n";
    const SplitKind kind = s.validation.split.kind;
    out << "Split: "
        << (kind == SplitKind::TimeOrdered
                ? QStringLiteral("time-ordered (the last %1% of the rows, in date order, held out)")
                      .arg(s.validation.split.testFraction * 100, 0, 'g', 3)
            : kind == SplitKind::RollingOrigin
                ? QStringLiteral("rolling origin (the last %1% of the rows held out in %2 blocks, "
                                 "each scored by a model fitted on every row before it)")
                      .arg(s.validation.split.testFraction * 100, 0, 'g', 3)
                      .arg(r.report.blocks.size())
            : kind == SplitKind::StratifiedRandom
                ? QStringLiteral("stratified random, seed %1, %2% held out")
                      .arg(s.validation.split.seed)
                      .arg(s.validation.split.testFraction * 100, 0, 'g', 3)
            : kind == SplitKind::RowHash
                ? QStringLiteral("by row hash, %1% held out (the rows whose values hash below "
                                 "that share: the same rows on every engine and in a snapshot)")
                      .arg(s.validation.split.testFraction * 100, 0, 'g', 3)
                : QStringLiteral("none (fitted on all rows, as statsmodels reports a model; no "
                                 "held-out metrics)"))
        << "; train " << (kind == SplitKind::None ? r.report.fit.rows : r.report.trainRows())
        << ", test " << r.report.testRows() << "\n";
    if (!r.report.blocks.empty()) {
        out << "Blocks (month: rows before it / held-out rows / subscribers / AUC):\n";
        for (const RollingBlock &b : r.report.blocks)
            out << "  " << b.label << ": " << b.trainRows << " / " << b.rows << " / " << b.positives
                << " / " << (std::isfinite(b.auc) ? fmt(b.auc, 3) : QStringLiteral("-"))
                << (b.unseenRows
                        ? QStringLiteral(" (%1 rows with an unseen level)").arg(b.unseenRows)
                        : QString())
                << "\n";
        out << "The model shown is the last block's: fitted on the " << r.report.fit.rows
            << " rows before it.\n";
    }
    if (const QString unstable = unstablePredictorsSentence(r.report.fit); !unstable.isEmpty())
        out << "Warning: " << unstable << "\n";
    if (const QString unseen = unseenLevelsSentence(r.report); !unseen.isEmpty())
        out << (r.report.unseenScoredAtAverage ? "Note: " : "Warning: ") << unseen << "\n";
    if (const SplitRates &rates = r.rates; rates.shifted)
        out << "Warning: the held-out rows subscribe at "
            << QString::number(100 * rates.test, 'f', 1) << "%, the training rows at "
            << QString::number(100 * rates.train, 'f', 1)
            << "%: held-out calibration, accuracy and Hosmer-Lemeshow measure that shift as "
               "much as the model; AUC and lift (the ranking) are the figures to judge it by\n";
    if (s.validation.fit.l2 > 0)
        out << "L2 penalty: " << s.validation.fit.l2
            << " on standardised numbers (intercept not penalised); coefficients are shown per "
               "unit of each column. Standard errors, p-values, intervals, the LR test and "
               "AIC/BIC are not valid for a penalised fit and are not shown (-).\n";
    // A converged fit's message only repeats the status and the iterations.
    const bool plain = f.status == LogisticFit::Status::Converged;
    out << "Convergence: " << fitStatusName(f.status) << " after " << f.iterations
        << " iterations, gradient max-norm " << QString::number(f.gradientNorm, 'g', 3)
        << (plain ? QString() : QStringLiteral(" (%1)").arg(f.message)) << "\n\n";

    out << "Coefficients (fitted on the training rows; dummies against the named reference "
           "level)\n";
    const QString header = QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                               .arg(QStringLiteral("term"), -54)
                               .arg(QStringLiteral("coef"), 9)
                               .arg(QStringLiteral("SE"), 8)
                               .arg(QStringLiteral("z"), 8)
                               .arg(QStringLiteral("p"), 8)
                               .arg(QStringLiteral("95% CI"), 19)
                               .arg(QStringLiteral("OR"), 8)
                               .arg(QStringLiteral("OR 95% CI"), 19);
    out << header << "\n" << QString(header.size(), QLatin1Char('-')) << "\n";
    for (const TermEstimate &t : f.terms) {
        const bool intercept = t.column.isEmpty();
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                   .arg(t.name, -54)
                   .arg(fmt(t.estimate), 9)
                   .arg(fmt(t.stdError), 8)
                   .arg(fmt(t.z, 2), 8)
                   .arg(fmtP(t.p), 8)
                   .arg(QStringLiteral("[%1, %2]").arg(fmt(t.ciLow), fmt(t.ciHigh)), 19)
                   .arg(intercept ? QString() : fmt(t.oddsRatio, 3), 8)
                   .arg(intercept
                            ? QString()
                            : QStringLiteral("[%1, %2]").arg(fmt(t.orLow, 3), fmt(t.orHigh, 3)),
                        19)
            << "\n";
    }
    QStringList refs;
    QString lastColumn;
    for (const DesignTerm &t : r.design.terms) {
        if (t.kind == DesignTerm::Kind::Level && t.column != lastColumn) {
            refs << t.column + QStringLiteral(" = ") + t.reference;
            lastColumn = t.column;
        }
    }
    if (!refs.isEmpty())
        out << "Reference levels: " << refs.join(QStringLiteral("; ")) << "\n";

    out << "\nFit statistics (training rows: " << f.rows << ", " << f.positives
        << " subscribers)\n";
    out << "  Log-likelihood      " << fmt(f.logLikelihood, 3) << " (null "
        << fmt(f.nullLogLikelihood, 3) << ")\n";
    out << "  Null deviance       " << fmt(f.nullDeviance, 3) << "; residual deviance "
        << fmt(f.residualDeviance, 3) << "\n";
    out << "  LR test             chi2(" << f.lrDf << ") = " << fmt(f.lrChi2, 2)
        << ", p = " << fmtP(f.lrP) << "\n";
    out << "  AIC / BIC           " << fmt(f.aic, 2) << " / " << fmt(f.bic, 2) << "\n";
    out << "  Pseudo-R2           McFadden " << fmt(f.mcFaddenR2) << ", Nagelkerke "
        << fmt(f.nagelkerkeR2) << ", Tjur " << fmt(f.tjurR2) << "\n";
    if (!f.predictorVif.empty()) {
        out << "  VIF (generalised)   ";
        QStringList parts;
        for (const PredictorVif &v : f.predictorVif)
            parts << QStringLiteral("%1 %2").arg(v.column, fmt(v.gvifAdjusted, 2));
        out << parts.join(QStringLiteral(", ")) << "  (GVIF^(1/(2 df)); above 2.2 ~ VIF 5)\n";
    }
    out << "\nAliased columns: ";
    if (f.aliased.empty())
        out << "none\n";
    for (const AliasedTerm &a : f.aliased)
        out << "\n  " << a.name << " " << a.combination << " (left out)";
    if (!f.aliased.empty())
        out << "\n";
    out << "Separation: " << (f.separation.isEmpty() ? QStringLiteral("none detected") : QString())
        << "\n";
    for (const QString &sep : f.separation)
        out << "  " << sep << "\n";

    // A live evaluation shares out the rows of one score that a cut falls inside.
    const auto tiedNote = [&] {
        if (live && live->subscribersTiedAtCuts > 0)
            out << "Clients with the same score on both sides of a cut (between deciles, "
                   "calibration groups or the top share) are shared out in proportion: "
                   "those figures' subscribers may differ from a cut by row order by up to "
                << QString::number(live->subscribersTiedAtCuts + 1, 'g', 4) << ".\n";
    };
    if (!r.report.hasHeldOut()) {
        if (const LiveEvaluation *inSample = live) {
            out << "\nNo held-out metrics: with --split none the engine fits on every row. The "
                   "figures below are in-sample: measured on the same rows the model "
                   "was fitted on, so they flatter it (the more so, the more parameters per "
                   "subscriber: here "
                << f.parameters << " for " << f.positives
                << "); --split hash holds rows out on the engine.\n";
            printMetrics(inSample->metrics, QStringLiteral("In-sample metrics"),
                         QStringLiteral("clients"), out);
            tiedNote();
        } else {
            out << "\nNo held-out metrics: with --split none every row trains the model. Use "
                   "--split time or random to see how well it ranks clients it has not seen.\n";
        }
        if (!r.design.postCall.isEmpty())
            out << "\n" << postCallWarning(r.design.postCall) << "\n";
        return;
    }
    printMetrics(h, QStringLiteral("Held-out metrics"), QStringLiteral("held-out clients"), out);
    tiedNote();
    if (r.profit.ok())
        out << profitSentence(r.profit) << "\n";
    if (!r.design.postCall.isEmpty())
        out << "\n" << postCallWarning(r.design.postCall) << "\n";
}

/// Prints a run: as JSON, the keys of `json` with its settings, metrics and coefficients;
/// else as the table on `what` (printTable), followed by `tail`.
void printRun(const ModelRunResult &result, const QString &format, QJsonObject json,
              const QString &what, const QString &tail, Io &io,
              const LiveEvaluation *live = nullptr)
{
    if (format == QLatin1String("json")) {
        json.insert(QStringLiteral("settings"), result.settings.toJson());
        json.insert(QStringLiteral("metrics"), result.metricsJson());
        json.insert(QStringLiteral("coefficients"), result.coefficientsJson());
        if (live && !live->heldOut) {
            QJsonObject metrics = scoreMetricsJson(live->metrics);
            metrics.insert(QStringLiteral("subscribers_tied_at_cuts"), live->subscribersTiedAtCuts);
            json.insert(QStringLiteral("in_sample"), metrics);
        }
        if (live)
            json.insert(QStringLiteral("subscribers_tied_at_cuts"), live->subscribersTiedAtCuts);
        io.out << terminalSafeJson(QJsonDocument(json).toJson(QJsonDocument::Indented));
    } else {
        // Column names and levels are data: escaped for the terminal like every text output.
        QString table;
        QTextStream tableOut(&table);
        printTable(result, what, live, tableOut);
        tableOut << tail;
        tableOut.flush();
        io.out << terminalSafe(table);
    }
    io.out.flush();
}

/// `model` on a live dataset: the fit pushed down to its engine, printed as a local run's.
/// `split` was given: else the engine holds rows out by RowHash.
int runLiveModel(const LiveDatasetInfo &info, ModelRunSettings settings, bool splitGiven,
                 const QString &format, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli model: ");
    SplitOptions &split = settings.validation.split;
    if (!splitGiven)
        split.kind = SplitKind::RowHash;
    if (split.kind != SplitKind::None && split.kind != SplitKind::RowHash) {
        io.err << prefix << "dataset " << info.id
               << " is live: the engine holds rows out by a hash of their values (--split "
                  "hash, the default) or fits on every row (--split none); a "
               << splitKindName(split.kind)
               << " split needs the rows' order or a draw: snapshot the table (import --from) "
                  "for it."
               << Qt::endl;
        return 2;
    }
    QString error;
    const auto conn = openWarehouse(info.url, &error);
    if (!conn) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const LiveRun run = LiveModel::run(*conn, info, settings, terminalProgress(io));
    const LiveModelFit &live = run.fit;
    if (run.result.cancelled) {
        io.err << prefix << "cancelled" << Qt::endl;
        return 1;
    }
    if (!live.changed.isEmpty())
        io.err << "warning: " << terminalSafe(live.changed) << Qt::endl;
    if (live.rowsWithoutTarget > 0)
        io.err << "note: " << live.rowsWithoutTarget
               << (live.rowsWithoutTarget == 1 ? " row" : " rows") << " of table "
               << terminalSafe(info.table, LineBreaks::Escape)
               << " left out: the target reads as none of yes/no, 1/0, true/false, y/n, or a "
                  "number is outside its plausible range (an import rejects such rows)"
               << Qt::endl;
    if (!live.ok()) {
        QString why = live.error.isEmpty() ? live.fit.message : live.error;
        if (!live.fit.separation.isEmpty())
            why += QStringLiteral(" (separation: %1)")
                       .arg(live.fit.separation.join(QStringLiteral("; ")));
        io.err << prefix << terminalSafe(why) << Qt::endl;
        return 1;
    }
    // How well it ranks the held-out rows (or, with none, the rows it was fitted on): one
    // more pass.
    const LiveEvaluation &evaluation = run.evaluation;
    const ModelRunResult &result = run.result;
    if (!result.ok()) { // rows held out that could not be evaluated
        io.err << prefix << "no held-out metrics: " << terminalSafe(result.error) << Qt::endl;
        return 1;
    }
    if (!evaluation.ok())
        io.err << "warning: no in-sample metrics: " << terminalSafe(evaluation.error) << Qt::endl;
    const QString engine = conn->engine();
    printRun(result, format,
             QJsonObject{{QStringLiteral("live_dataset_id"), info.id},
                         {QStringLiteral("engine"), info.engine},
                         {QStringLiteral("table"), info.table},
                         {QStringLiteral("fingerprint"), live.fingerprint},
                         {QStringLiteral("stored"), false},
                         {QStringLiteral("rows_without_target"), live.rowsWithoutTarget},
                         {QStringLiteral("engine_queries"), live.queries + evaluation.queries},
                         {QStringLiteral("largest_result_rows"),
                          std::max(live.largestResult, evaluation.largestResult)},
                         {QStringLiteral("engine_result_bytes"), live.bytes + evaluation.bytes},
                         {QStringLiteral("result_rows_bound"), live.cells}},
             QStringLiteral("live dataset %1 (%2, %3 %4 %5), fitted on the engine; not stored")
                 .arg(info.id)
                 .arg(info.name, engine,
                      info.query.isEmpty() ? QStringLiteral("table") : QStringLiteral("query"),
                      info.table),
             QStringLiteral("\nOn the engine: %1 aggregate queries, at most %2 result rows each "
                            "(the rows stayed on %3)\n")
                 .arg(live.queries + evaluation.queries)
                 .arg(std::max(live.largestResult, evaluation.largestResult))
                 .arg(engine),
             io, evaluation.ok() ? &evaluation : nullptr);
    return 0;
}

/// `score` on a live dataset: the model fitted on the engine (default columns, every row),
/// the best-scored rows chosen there, written to `outPath` whole or not at all.
int runLiveScore(const LiveDatasetInfo &info, const ModelSpec &spec,
                 const TargetListRequest &request, const QString &outPath, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli score: ");
    QString error;
    const auto conn = openWarehouse(info.url, &error);
    if (!conn) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    const LiveModelFit live = LiveModel::fit(*conn, info, spec, {}, terminalProgress(io));
    if (!live.changed.isEmpty())
        io.err << "warning: " << terminalSafe(live.changed) << Qt::endl;
    if (!live.ok()) {
        io.err << prefix << terminalSafe(live.error.isEmpty() ? live.fit.message : live.error)
               << Qt::endl;
        return 1;
    }
    const LiveTargetList list =
        LiveModel::targetList(*conn, info, spec, live, request.columns, request.topCount,
                              request.topFraction, terminalProgress(io));
    if (!list.error.isEmpty()) {
        io.err << prefix << terminalSafe(list.error) << Qt::endl;
        return 1;
    }
    if (!LiveModel::writeTargetList(list, outPath, &error)) {
        io.err << prefix << error << Qt::endl;
        return 1;
    }
    io.err << "Wrote " << list.rows.size() << " of " << list.scoredRows << " scored clients to "
           << outPath << ": scored on " << conn->engine()
           << " by the model fitted there on every row of table "
           << terminalSafe(info.table, LineBreaks::Escape) << " ("
           << terminalSafe(live.design.predictors.join(QStringLiteral(", ")))
           << "; the rows not written stayed on the engine)" << Qt::endl;
    return 0;
}

} // namespace

int runModelCommand(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli model: ");
    ModelRunSettings settings;
    takeColumnChoices(args, &settings.spec);
    for (const QString &r : args.takeAll(QStringLiteral("--reference"))) {
        const int eq = int(r.indexOf(QLatin1Char('=')));
        if (eq <= 0) {
            io.err << prefix << "--reference wants COL=LEVEL, not '" << r << "'" << Qt::endl;
            return 2;
        }
        settings.spec.referenceLevels.insert(r.left(eq).trimmed(), r.mid(eq + 1).trimmed());
    }
    const auto split = args.take(QStringLiteral("--split"));
    const bool splitGiven = split.has_value();
    if (split) {
        if (!splitKindFromName(*split, &settings.validation.split.kind)) {
            io.err << prefix << "--split is time, rolling, random, hash or none, not '" << *split
                   << "'" << Qt::endl;
            return 2;
        }
    }
    // Options that act on the held-out rows, which --split none has not.
    QStringList heldOutOptions;
    for (const auto &[option, target] :
         {std::pair<const char *, double *>{"--cost-per-call", &settings.profit.costPerCall},
          {"--value-per-subscription", &settings.profit.valuePerSubscription}}) {
        if (const auto text = args.take(QString::fromLatin1(option))) {
            heldOutOptions << QString::fromLatin1(option);
            bool ok = false;
            *target = text->toDouble(&ok);
            if (!ok || *target < 0) {
                io.err << prefix << option << " wants an amount >= 0, not '" << *text << "'"
                       << Qt::endl;
                return 2;
            }
        }
    }
    if (!(settings.profit.valuePerSubscription > 0)) {
        io.err << prefix << "--value-per-subscription must be above 0" << Qt::endl;
        return 2;
    }
    if (const auto seed = args.take(QStringLiteral("--seed"))) {
        heldOutOptions << QStringLiteral("--seed");
        bool ok = false;
        settings.validation.split.seed = seed->toULongLong(&ok);
        if (!ok) {
            io.err << prefix << "--seed wants a whole number, not '" << *seed << "'" << Qt::endl;
            return 2;
        }
    }
    if (const auto l2 = args.take(QStringLiteral("--l2"))) {
        bool ok = false;
        settings.validation.fit.l2 = l2->toDouble(&ok);
        if (!ok || settings.validation.fit.l2 < 0 || !std::isfinite(settings.validation.fit.l2)) {
            io.err << prefix << "--l2 wants a number >= 0, not '" << *l2 << "'" << Qt::endl;
            return 2;
        }
    }
    if (const auto t = args.take(QStringLiteral("--threshold"))) {
        heldOutOptions << QStringLiteral("--threshold");
        bool ok = false;
        settings.validation.threshold = t->toDouble(&ok);
        if (!ok || !(settings.validation.threshold > 0 && settings.validation.threshold < 1)) {
            io.err << prefix << "--threshold wants a number between 0 and 1, not '" << *t << "'"
                   << Qt::endl;
            return 2;
        }
    }
    const QString format = args.take(QStringLiteral("--format")).value_or(QStringLiteral("table"));
    if (format != QLatin1String("table") && format != QLatin1String("json")) {
        io.err << prefix << "--format is table or json, not '" << format << "'" << Qt::endl;
        return 2;
    }
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected argument '" << terminalSafe(args.rest().front()) << "'"
               << Qt::endl;
        return 2;
    }
    if (settings.validation.split.kind == SplitKind::None && !heldOutOptions.isEmpty())
        io.err << "warning: " << heldOutOptions.join(QStringLiteral(", "))
               << " act on held-out rows, which --split none has none of: ignored" << Qt::endl;
    Workspace ws;
    if (!openWorkspace(ws, workspacePath, io))
        return 1;
    // A live dataset (issue 14): the fit runs on its engine.
    if (const auto live = chosenLiveDataset(ws, datasetText))
        return runLiveModel(*live, settings, splitGiven, format, io);
    int code = 0;
    const qint64 datasetId = resolveDataset(ws, datasetText, prefix, io, &code);
    if (datasetId < 0)
        return code;
    const DatasetInfo info = *ws.dataset(datasetId);
    QString error;
    // The columns' names, kinds and levels decide which of them the model uses: only those
    // are loaded (and the month, which a rolling origin cuts by), not the whole dataset.
    auto schema = loadFrameSchema(ws, datasetId, &error);
    if (!schema) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    for (const QString &c : settings.spec.exclude + settings.spec.include +
                                settings.spec.referenceLevels.keys() + settings.spec.columns) {
        if (!schema->column(c)) {
            io.err << prefix << "no column '" << terminalSafe(c) << "' in dataset " << datasetId
                   << Qt::endl;
            return 2;
        }
    }
    // Not const: moved into the job below (a const optional would be copied, twice the frame).
    auto frame = loadFrame(ws, datasetId, fitColumns(*schema, settings), &error);
    if (!frame) {
        io.err << prefix << terminalSafe(error) << Qt::endl;
        return 1;
    }
    FitJobConfig job;
    job.workspacePath = ws.path();
    job.datasetId = datasetId;
    job.settings = settings;
    job.frame = std::make_shared<const DataFrame>(std::move(*frame));
    job.schema = std::make_shared<const DataFrame>(std::move(*schema));
    const FitJobResult fitted = runFitJob(job, terminalProgress(io));
    if (!fitted.result || !fitted.result->ok()) {
        const QStringList separation =
            fitted.result ? fitted.result->report.fit.separation : QStringList();
        io.err << prefix
               << terminalSafe(fitted.error +
                               (separation.isEmpty()
                                    ? QString()
                                    : QStringLiteral(" (separation: %1)")
                                          .arg(separation.join(QStringLiteral("; ")))))
               << Qt::endl;
        return 1;
    }
    if (!fitted.ok()) {
        io.err << prefix << "cannot store the model run: " << fitted.error << Qt::endl;
        return 1;
    }
    const ModelRunResult &result = *fitted.result;
    printRun(result, format,
             QJsonObject{{QStringLiteral("run_id"), fitted.runId},
                         {QStringLiteral("dataset_id"), datasetId},
                         {QStringLiteral("data_sha256"), info.source.fingerprint}},
             QStringLiteral("dataset %1 (%2), stored as model run %3")
                 .arg(info.id)
                 .arg(info.name)
                 .arg(fitted.runId),
             {}, io);
    return 0;
}

int runScoreCommand(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli score: ");
    const auto top = args.take(QStringLiteral("--top"));
    const auto outPath = args.take(QStringLiteral("--out"));
    if (!top || !outPath) {
        io.err << prefix << "--top 20%|N and --out FILE.csv are required" << Qt::endl;
        return 2;
    }
    TargetListRequest request;
    bool ok = false;
    if (top->endsWith(QLatin1Char('%'))) {
        const double percent = top->chopped(1).toDouble(&ok);
        if (!ok || !(percent > 0 && percent <= 100)) {
            io.err << prefix << "--top wants a percentage in (0, 100], not '" << *top << "'"
                   << Qt::endl;
            return 2;
        }
        request.topFraction = percent / 100.0;
    } else {
        request.topCount = top->toLongLong(&ok);
        if (!ok || request.topCount < 1) {
            io.err << prefix << "--top wants N >= 1 or a percentage like 20%, not '" << *top << "'"
                   << Qt::endl;
            return 2;
        }
    }
    if (const auto columns = args.take(QStringLiteral("--columns")))
        request.columns = splitList(*columns);
    const auto runText = args.take(QStringLiteral("--run"));
    const auto workspacePath = args.take(QStringLiteral("--workspace"));
    const auto datasetText = args.take(QStringLiteral("--dataset"));
    ModelSpec liveSpec;
    const bool columnChoices = takeColumnChoices(args, &liveSpec);
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected argument '" << args.rest().front() << "'" << Qt::endl;
        return 2;
    }
    Workspace ws;
    if (!openWorkspace(ws, workspacePath, io, WorkspaceAccess::ReadAndPublish))
        return 1;
    // A live dataset (issue 14): scored on its engine; it has no stored runs.
    if (const auto live = chosenLiveDataset(ws, datasetText)) {
        if (runText) {
            io.err << prefix << "dataset " << live->id
                   << " is live: its model is fitted on the engine when it scores, and no run "
                      "is stored; leave out --run"
                   << Qt::endl;
            return 2;
        }
        return runLiveScore(*live, liveSpec, request, *outPath, io);
    }
    if (columnChoices) {
        io.err << prefix
               << "--exclude and --include choose the columns of a live dataset's "
                  "model; a local dataset is scored by a stored run (--run)"
               << Qt::endl;
        return 2;
    }
    ModelStore store(ws);
    std::optional<ModelRunRecord> run;
    if (runText) {
        const qint64 id = runText->toLongLong(&ok);
        if (!ok) {
            io.err << prefix << "--run wants a model run id, not '" << *runText << "'" << Qt::endl;
            return 2;
        }
        run = store.run(id);
        if (!run) {
            io.err << prefix << "no model run " << id << " in " << ws.path() << Qt::endl;
            return 1;
        }
    } else {
        int code = 0;
        const qint64 datasetId = resolveDataset(ws, datasetText, prefix, io, &code);
        if (datasetId < 0)
            return code;
        run = store.latestTargetingRun(datasetId);
        if (!run) {
            const auto any = store.latestRun(datasetId);
            if (any)
                io.err << prefix << "the model runs of dataset " << datasetId
                       << " use columns known only after the call ("
                       << ModelStore::postCallColumnsOf(*any).join(QStringLiteral(", "))
                       << "), so they cannot choose whom to call; fit one without them, or "
                          "name run "
                       << any->id << " with --run to export it anyway" << Qt::endl;
            else
                io.err << prefix << "no model run for dataset " << datasetId
                       << " (run `campaignlens-cli model` first)" << Qt::endl;
            return 1;
        }
    }
    if (const QStringList postCall = ModelStore::postCallColumnsOf(*run); !postCall.isEmpty())
        io.err << postCallWarning(postCall) << Qt::endl;
    request.runId = run->id;
    QString error;
    const qint64 written = store.exportTargetList(request, *outPath, &error);
    if (written < 0) {
        io.err << prefix << error << Qt::endl;
        return 1;
    }
    io.err << "Wrote " << written << " of " << run->scoredRows << " scored clients (model run "
           << run->id << ") to " << *outPath << Qt::endl;
    return 0;
}

int runRunsCommand(Args args, Io &io)
{
    const QString prefix = QStringLiteral("campaignlens-cli runs: ");
    Workspace ws;
    int code = 0;
    const qint64 datasetId =
        openDatasetFromArgs(args, ws, prefix, io, &code, WorkspaceAccess::Read);
    if (datasetId < 0)
        return code;
    if (!args.rest().isEmpty()) {
        io.err << prefix << "unexpected '" << terminalSafe(args.rest().front()) << "'" << Qt::endl;
        return 2;
    }
    ModelStore store(ws);
    const QList<ModelRunRecord> runs = store.runs(datasetId);
    const std::optional<ModelRunRecord> targeting = store.latestTargetingRun(datasetId);
    if (runs.isEmpty()) {
        io.out << "no model run is stored for dataset " << datasetId
               << " (campaignlens-cli model fits and stores one)\n";
        io.out.flush();
        return 0;
    }
    io.out << "run  fitted (UTC)      split    held-out AUC  note\n";
    for (const ModelRunRecord &r : runs) {
        const ModelRunSettings settings = ModelRunSettings::fromJson(r.settings);
        const double auc = r.heldOutAuc();
        QString note;
        if (const QStringList post = ModelStore::postCallColumnsOf(r); !post.isEmpty())
            note = QStringLiteral("uses %1, known only after the call: cannot target")
                       .arg(post.join(QStringLiteral(", ")));
        else if (targeting && targeting->id == r.id)
            note = QStringLiteral("the default for score, report and chat");
        QString line =
            QStringLiteral("%1  %2  %3  %4  %5")
                .arg(r.id, 3)
                .arg(r.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")), -16)
                .arg(splitKindName(settings.validation.split.kind), -7)
                .arg(std::isfinite(auc) ? QString::number(auc, 'f', 4) : QStringLiteral("-"), 12)
                .arg(terminalSafe(note));
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1); // no note
        io.out << line << "\n";
    }
    io.out.flush();
    return 0;
}

} // namespace cl::cli
