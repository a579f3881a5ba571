// Report assembly: computes every figure (segments, model, A/B plans) and writes the sections.
#include "ReportBuilder.h"
#include "SegmentPlainWords.h"

#include "AbTestPlan.h"
#include "AiTextSanitizer.h"
#include "ReportText.h"
#include "ReportWording.h"
#include "data/ColumnRole.h"
#include "data/DataFrame.h"
#include "data/MonthRuns.h"
#include "import/QualitySummary.h"
#include "regression/DesignMatrix.h"
#include "regression/ModelRun.h"
#include "regression/ModelValidation.h"
#include "regression/ProfitCurve.h"
#include "segments/SegmentEngine.h"
#include "segments/SegmentStats.h"
#include "store/ChatStore.h"
#include "store/DatasetInfo.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

QString segmentName(const SegmentRow &row)
{
    return row.labels.join(QStringLiteral(" / "));
}

/// What a test on a quarter of the file's contacts of a segment can detect (the horizon of
/// issue 11): clients per arm, and the smallest rate it detects with 80% power (NaN: none).
struct HorizonTest
{
    qint64 perArm = 0;
    double detectable = std::nan("");
    bool useful() const { return std::isfinite(detectable); }
};

HorizonTest horizonTest(const SegmentRow &row)
{
    HorizonTest h;
    h.perArm = qint64(double(row.clients) * 0.25 / 2);
    if (h.perArm >= 2)
        h.detectable = AbTestPlanner::detectableRate(row.rate, double(h.perArm));
    return h;
}

/// A plan a bank can run: within a year of the segment's monthly contacts, or, when the rows
/// carry no dates, within the contacts of one file like this one.
bool planFeasible(const AbTestPlan &plan)
{
    if (plan.periodsNeeded < 0)
        return false;
    return plan.request.unit == VolumeUnit::Month ? plan.periodsNeeded <= 12
                                                  : plan.periodsNeeded <= 1;
}

QList<bool> numericColumns(int n, std::initializer_list<int> numeric)
{
    QList<bool> right(n, false);
    for (const int i : numeric)
        right[i] = true;
    return right;
}

QStringList segmentRowCells(const SegmentRow &r, const ReportText &t, bool withFlag)
{
    QStringList cells{QString::number(r.rank), segmentName(r),
                      t.count(r.clients),      t.count(r.subscribers),
                      t.percent(r.rate),       t.interval(r.wilsonLow, r.wilsonHigh)};
    if (withFlag)
        cells << (r.small ? t.tr("small") : QString());
    return cells;
}

QString plural(const QStringList &names, const QString &andWord)
{
    if (names.size() <= 1)
        return names.join(QString());
    return names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QLatin1Char(' ') + andWord +
           QLatin1Char(' ') + names.back();
}

/// The chat answer with " [unverified]" after each number that matched nothing in chat, made
/// inert (AiTextSanitizer). The marks go in by position before the text is changed, as a
/// private-use character the sanitizer leaves alone, so that no mark can join a link's brackets.
QString markedAnswer(const ReportPinnedQuestion &q, const ReportText &t)
{
    const QChar mark(0xE000);
    auto spans = q.unverified;
    std::sort(spans.begin(), spans.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    QString out = q.answer;
    out.replace(mark, QChar(QChar::ReplacementCharacter)); // same length: the positions hold
    for (const auto &span : spans) {
        qsizetype end = span.first + span.second;
        if (span.first < 0 || span.second <= 0 || end > out.size())
            continue;
        // "88,8 %": the marker goes after the '%', as ReportNarrative places it.
        if (end + 1 < out.size() && (out[end] == QLatin1Char(' ') || out[end] == QChar(0xa0)) &&
            out[end + 1] == QLatin1Char('%'))
            end += 2;
        else if (end < out.size() && out[end] == QLatin1Char('%'))
            ++end;
        out.insert(end, mark);
    }
    return AiTextSanitizer::sanitize(out).replace(mark, t.unverifiedMark());
}

/// Paragraphs and bulleted lists of a chat answer, with Markdown emphasis dropped for print.
QList<ReportBlock> chatAnswerBlocks(const QString &markdown)
{
    static const QRegularExpression bullet(QStringLiteral("^\\s*(?:[-*•]|\\d+[.)])\\s+"));
    static const QRegularExpression emphasis(QStringLiteral("\\*\\*|__|`"));
    QList<ReportBlock> blocks;
    QStringList paragraph, items;
    auto flushParagraph = [&] {
        if (!paragraph.isEmpty())
            blocks << ReportBlock::paragraph(paragraph.join(QLatin1Char(' ')));
        paragraph.clear();
    };
    auto flushItems = [&] {
        if (!items.isEmpty())
            blocks << ReportBlock::list(items);
        items.clear();
    };
    for (const QString &raw : markdown.split(QLatin1Char('\n'))) {
        QString line = raw.trimmed();
        line.remove(emphasis);
        while (line.startsWith(QLatin1Char('#')))
            line = line.mid(1).trimmed();
        if (line.isEmpty()) {
            flushParagraph();
            flushItems();
            continue;
        }
        const auto m = bullet.match(line);
        if (m.hasMatch()) {
            flushParagraph();
            items << line.mid(m.capturedLength());
        } else {
            flushItems();
            paragraph << line;
        }
    }
    flushParagraph();
    flushItems();
    return blocks;
}

} // namespace

ReportRows ReportRows::of(const DataFrame &frame)
{
    ReportRows r;
    r.columns = &frame;
    r.rows = qint64(frame.rowCount());
    r.subscribers = qint64(frame.positives());
    r.span = monthRuns(frame);
    r.segments = [&frame](const SegmentQuery &query) { return SegmentEngine(frame).run(query); };
    return r;
}

ReportDocument ReportBuilder::build(const DatasetInfo &info, const DataFrame &frame,
                                    const ReportOptions &options)
{
    return build(info, ReportRows::of(frame), options);
}

ReportDocument ReportBuilder::build(const DatasetInfo &info, const ReportRows &data,
                                    const ReportOptions &options)
{
    const ReportText t(options.language);
    ReportDocument doc;
    doc.language = t.language();
    doc.datasetName = info.name;
    doc.title = t.tr("report.title") + QStringLiteral(": ") + info.name;
    const QDateTime now =
        options.now.isValid() ? options.now.toUTC() : QDateTime::currentDateTimeUtc();
    const QString andWord =
        t.language() == QLatin1String("nb") ? QStringLiteral("og") : QStringLiteral("and");
    const QString ruleLabel = options.aiRequested
                                  ? t.tr("label.noai") + QLatin1Char(' ') + t.tr("label.rulebased")
                                  : t.tr("label.rulebased");

    if (data.rows == 0 || !data.columns || !data.segments) {
        doc.error = QStringLiteral("the dataset has no rows");
        return doc;
    }
    const DataFrame &frame = *data.columns;
    const qint64 rows = data.rows;
    const qint64 subscribers = data.subscribers;
    const double overall = double(subscribers) / double(rows);
    const auto overallCi = SegmentStats::wilson(subscribers, rows);
    const MonthRuns &span = data.span;
    // "PostgreSQL, live table bank" in the report's language; empty for a local dataset.
    const QString liveSource = data.liveEngine.isEmpty()
                                   ? QString()
                                   : t.tr(data.liveQuery ? "livesource.query" : "livesource.table")
                                         .arg(data.liveEngine, data.liveTable);

    // ---- segments -------------------------------------------------------------------
    QStringList by = options.segmentBy;
    if (by.isEmpty()) {
        for (const char *c : {"age_band", "job", "marital"}) {
            const FrameColumn *col = frame.column(QString::fromLatin1(c));
            if (col && col->isCategorical())
                by << QString::fromLatin1(c);
        }
        if (by.isEmpty()) {
            for (const FrameColumn &c : frame.columns()) {
                if (c.isCategorical() && by.size() < 2)
                    by << c.name;
            }
        }
    }
    SegmentQuery query;
    query.by = by;
    query.minN = options.minN;
    query.ranking = SegmentRanking::Wilson;
    const SegmentResult seg = by.isEmpty() ? SegmentResult{} : data.segments(query);
    std::vector<SegmentRow> promising, weakest, raw;
    if (seg.ok) {
        for (const SegmentRow &r : seg.rows) {
            if (!r.small && int(promising.size()) < options.topSegments)
                promising.push_back(r);
        }
        std::vector<SegmentRow> large;
        for (const SegmentRow &r : seg.rows) {
            if (!r.small)
                large.push_back(r);
        }
        std::stable_sort(large.begin(), large.end(), [](const SegmentRow &a, const SegmentRow &b) {
            return a.wilsonHigh < b.wilsonHigh;
        });
        for (const SegmentRow &r : large) {
            if (int(weakest.size()) < options.weakSegments)
                weakest.push_back(r);
        }
        raw = seg.rows;
        rankSegments(raw, SegmentRanking::Raw);
        if (int(raw.size()) > options.topSegments)
            raw.resize(size_t(options.topSegments));
    } else {
        doc.warnings << QStringLiteral("segments: ") +
                            (seg.error.isEmpty() ? QStringLiteral("no categorical column")
                                                 : seg.error);
    }

    // ---- model ----------------------------------------------------------------------
    // The run the caller chose (ReportJob: the stored run the user picked, or the latest),
    // never a fit of the builder's own.
    static const ModelRunResult kNoRun;
    const ModelRunResult *run = options.model.result.get();
    QString modelProblem;
    if (!options.fitModel) {
        modelProblem = QStringLiteral("not requested");
    } else if (!run) {
        modelProblem = options.model.problem.isEmpty() ? QStringLiteral("no model run")
                                                       : options.model.problem;
    } else if (!run->ok()) {
        modelProblem = !run->error.isEmpty()          ? run->error
                       : !run->report.error.isEmpty() ? run->report.error
                                                      : run->report.fit.message;
    } else if (run->settings.validation.split.kind == SplitKind::None) {
        modelProblem = t.tr("model.noheldout").arg(options.model.runId);
    }
    if (!modelProblem.isEmpty())
        run = nullptr;
    const ValidationReport &validation = run ? run->report : kNoRun.report;
    const DesignMatrix &design = run ? run->design : kNoRun.design;
    const bool modelOk = modelProblem.isEmpty();
    // Which run the section shows, so that it can be found in the Model tab.
    QString runSentence;
    if (modelOk) {
        const QString when =
            options.model.createdAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        runSentence = options.model.runId < 0 ? t.tr("model.run.unstored")
                      : options.model.fittedForReport
                          ? t.tr("model.run.new").arg(options.model.runId)
                          : t.tr("model.run").arg(QString::number(options.model.runId), when);
    }
    // Predictors the fit kept: a column whose every design column is a combination of others
    // (cons_price_idx and friends on the bank data, functions of the month) is left out.
    QStringList keptPredictors = design.predictors;
    QStringList aliasedPredictors;
    if (modelOk) {
        QSet<QString> aliased;
        for (const AliasedTerm &a : validation.fit.aliased)
            aliased.insert(a.name);
        keptPredictors.clear();
        for (const QString &p : design.predictors) {
            const bool kept =
                std::any_of(design.terms.begin(), design.terms.end(), [&](const DesignTerm &term) {
                    return term.column == p && !aliased.contains(term.name);
                });
            (kept ? keptPredictors : aliasedPredictors) << p;
        }
    }
    const QString modelProblemText =
        modelOk ? QString()
                : ReportWording::modelProblem(modelProblem, options.fitModel, validation, t);
    QString targetSentence;
    if (modelOk) {
        targetSentence = t.tr("model.target")
                             .arg(t.percent(validation.heldOut.topFraction, 0),
                                  t.percent(validation.heldOut.topCapture, 1));
    }

    // ---- A/B plans --------------------------------------------------------------------
    // A segment is prioritised when it beats the overall rate by an interval corrected for
    // the number of segments compared (Bonferroni: 211 intervals at 95% each would put about
    // ten segments above the overall rate by chance alone).
    const auto beatsOverall = [&](const SegmentRow &r) {
        return SegmentPlainWords::beatsOverall(r, overall, seg.segmentsCompared);
    };
    struct Hypothesis
    {
        SegmentRow row;
        AbTestPlan plan;
    };
    std::vector<Hypothesis> hypotheses;
    for (const SegmentRow &r : promising) {
        if (int(hypotheses.size()) >= options.abHypotheses)
            break;
        AbTestRequest request;
        request.baselineRate = r.rate;
        request.minimumEffect = options.abRelativeEffect;
        request.relativeEffect = true;
        if (span.ordered) {
            request.clientsPerPeriod = double(r.clients) / span.count();
            request.unit = VolumeUnit::Month;
        } else {
            request.clientsPerPeriod = double(r.clients);
            request.unit = VolumeUnit::Campaign;
        }
        const AbTestPlan plan = AbTestPlanner::plan(request);
        if (plan.ok)
            hypotheses.push_back({r, plan});
    }
    auto durationText = [&](const AbTestPlan &plan) {
        if (plan.periodsNeeded < 0)
            return QStringLiteral("-");
        const QString n = t.number(plan.periodsNeeded, 1);
        return plan.request.unit == VolumeUnit::Month ? t.tr("ab.months").arg(n)
                                                      : t.tr("ab.campaigns").arg(n);
    };

    // ---- title ------------------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("title"), t.tr("section.title"), {}};
        const QString range =
            span.ordered ? t.tr("daterange.months")
                               .arg(t.month(span.labels.first()), t.month(span.labels.last()))
                               .arg(span.count())
            : span.count() > 0
                ? t.tr("daterange.shuffled").arg(t.count(span.count() - 1), t.count(rows))
            : !liveSource.isEmpty() ? t.tr("daterange.live")
                                    : t.tr("daterange.unknown");
        QList<QStringList> facts{{t.tr("dataset"), info.name}, {t.tr("rows"), t.count(rows)}};
        if (!liveSource.isEmpty())
            facts << QStringList{t.tr("livesource"), t.tr("livesource.value").arg(liveSource)};
        s.blocks << ReportBlock::table(
            {t.tr("fact"), t.tr("value")},
            facts +
                QList<QStringList>{liveSource.isEmpty()
                                       ? QStringList{t.tr("sha"), info.source.fingerprint.left(16)}
                                       : QStringList{t.tr("fingerprint"), info.source.fingerprint},
                                   {t.tr("daterange"), range},
                                   {t.tr("generated"),
                                    t.locale().toString(now, QStringLiteral("yyyy-MM-dd HH:mm")) +
                                        QStringLiteral(" UTC")},
                                   {t.tr("version"), QStringLiteral(CAMPAIGNLENS_VERSION)},
                                   {t.tr("synthetic"), info.synthetic ? t.tr("yes") : t.tr("no")},
                                   {t.tr("textsource"), t.tr("textsource.rules")}});
        doc.sections << s;
    }

    // ---- summary (rule-based) ---------------------------------------------------------
    {
        ReportSection s{QStringLiteral("summary"), t.tr("section.summary"), {}};
        s.blocks << ReportBlock::label(ruleLabel);
        QStringList paras;
        paras << t.tr("sum.overall")
                     .arg(t.count(subscribers), t.count(rows), t.percent(overall),
                          t.interval(overallCi.first, overallCi.second));
        if (!promising.empty()) {
            const SegmentRow &b = promising.front();
            paras << t.tr("sum.best")
                         .arg(segmentName(b), t.count(b.subscribers), t.count(b.clients),
                              t.percent(b.rate), t.interval(b.wilsonLow, b.wilsonHigh),
                              t.number(b.lift, 1));
        }
        if (!raw.empty() && raw.front().small) {
            const SegmentRow &r = raw.front();
            paras << t.tr("sum.seed").arg(t.percent(r.rate, 1), segmentName(r), t.count(r.clients));
        }
        if (!weakest.empty()) {
            const SegmentRow &w = weakest.front();
            paras << t.tr("sum.weak")
                         .arg(segmentName(w), t.percent(w.rate),
                              t.interval(w.wilsonLow, w.wilsonHigh));
        }
        paras << (modelOk ? t.tr("model.auc")
                                    .arg(t.number(validation.heldOut.auc.auc),
                                         t.number(validation.heldOut.auc.ciLow),
                                         t.number(validation.heldOut.auc.ciHigh)) +
                                QLatin1Char(' ') + targetSentence
                          : t.tr("sum.nomodel"));
        s.blocks << ReportBlock::paragraph(paras.join(QLatin1Char(' ')));
        doc.sections << s;
    }

    // ---- actions (rule-based) ---------------------------------------------------------
    {
        ReportSection s{QStringLiteral("actions"), t.tr("section.actions"), {}};
        s.blocks << ReportBlock::label(ruleLabel);
        QStringList items;
        // Prioritise only what beats the overall rate by its whole interval (bank.csv's report
        // prioritised a segment whose lower bound, 11.46%, was below the overall 11.52%).
        QStringList names;
        double share = 0;
        for (size_t i = 0; i < promising.size() && names.size() < 3; ++i) {
            if (!beatsOverall(promising[i]))
                continue;
            names << segmentName(promising[i]);
            share += promising[i].share;
        }
        if (!names.isEmpty())
            items << t.tr("act.prioritise").arg(plural(names, andWord), t.percent(share, 1));
        else if (!promising.empty())
            items << t.tr("act.noprioritise").arg(t.percent(overall));
        if (!weakest.empty())
            items << t.tr("act.deprioritise")
                         .arg(segmentName(weakest.front()), t.percent(weakest.front().rate));
        if (modelOk)
            items << t.tr("act.model").arg(targetSentence);
        // A test is recommended only where the report shows its plan, and only one that can
        // finish: the A/B section calls a plan over a year of the segment's contacts infeasible.
        const bool abShown =
            options.sections.isEmpty() || options.sections.contains(QStringLiteral("ab"));
        if (abShown) {
            // The test recommended is one that finishes: on a quarter of the segment's contacts,
            // the most sensitive of the hypotheses, and only when the smallest rise it detects
            // is at most half the segment's rate again (a test that can only see a doubling
            // tells a bank nothing it would act on).
            auto first = hypotheses.end();
            double bestRise = 0.5;
            for (auto it = hypotheses.begin(); it != hypotheses.end(); ++it) {
                const HorizonTest ht = horizonTest(it->row);
                if (ht.useful() && ht.detectable / it->row.rate - 1 <= bestRise) {
                    bestRise = ht.detectable / it->row.rate - 1;
                    first = it;
                }
            }
            if (first != hypotheses.end()) {
                const HorizonTest ht = horizonTest(first->row);
                items << t.tr("act.test")
                             .arg(segmentName(first->row), t.count(ht.perArm),
                                  t.percent(first->row.rate), t.percent(ht.detectable),
                                  t.percent(ht.detectable / first->row.rate - 1, 0));
            } else if (!hypotheses.empty())
                items << t.tr("act.notest");
        }
        items << t.tr("act.small");
        s.blocks << ReportBlock::list(items);
        doc.sections << s;
    }

    // ---- data overview ----------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("overview"), t.tr("section.overview"), {}};
        const QualitySummary q = QualitySummary::fromJson(info.quality);
        s.blocks << ReportBlock::table(
            {t.tr("fact"), t.tr("value")},
            {{t.tr("rowsread"), t.count(info.rowsRead > 0 ? info.rowsRead : rows)},
             {t.tr("rejected"), t.count(info.rowsRejected)},
             {t.tr("duplicates"), t.count(q.duplicates)},
             {t.tr("subscribers"), t.count(subscribers)},
             {t.tr("overallrate"), t.percent(overall) + QLatin1Char(' ') +
                                       t.interval(overallCi.first, overallCi.second)}},
            {false, true});
        QList<QStringList> cols;
        for (const ColumnQuality &c : q.columns) {
            if (!c.analysed)
                continue;
            cols << QStringList{c.name, ReportWording::columnType(c.type, t), t.count(c.missing),
                                t.count(c.unknown),
                                c.distinct >= 0 ? QString::number(c.distinct)
                                                : QStringLiteral("-")};
        }
        if (!cols.isEmpty())
            s.blocks << ReportBlock::table(
                {t.tr("column"), t.tr("type"), t.tr("missing"), t.tr("unknown"), t.tr("levels")},
                cols, numericColumns(5, {2, 3, 4}));
        if (!q.warnings.isEmpty()) {
            QStringList warnings;
            for (const QualityWarning &w : q.codedWarnings())
                warnings << ReportWording::warning(w, t);
            s.blocks << ReportBlock::paragraph(t.tr("warnings"));
            s.blocks << ReportBlock::list(warnings);
        }
        doc.sections << s;
    }

    // ---- segments -----------------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("segments"), t.tr("section.segments"), {}};
        if (!seg.ok) {
            s.blocks << ReportBlock::paragraph(doc.warnings.value(0));
        } else {
            s.blocks << ReportBlock::paragraph(
                t.tr("seg.intro")
                    .arg(by.join(QStringLiteral(", ")), t.count(rows))
                    .arg(seg.segmentsCompared)
                    .arg(seg.smallSegments)
                    .arg(options.minN));
            const QStringList header{t.tr("rank"),
                                     t.tr("segment") + QStringLiteral(" (") +
                                         by.join(QStringLiteral(" / ")) + QLatin1Char(')'),
                                     t.tr("clients"),
                                     t.tr("subscribers"),
                                     t.tr("rate"),
                                     t.tr("ci95")};
            auto rowsOf = [&](const std::vector<SegmentRow> &list, bool flag) {
                QList<QStringList> out;
                for (const SegmentRow &r : list)
                    out << segmentRowCells(r, t, flag);
                return out;
            };
            s.blocks << ReportBlock::heading(t.tr("seg.promising"));
            s.blocks << ReportBlock::table(header, rowsOf(promising, false),
                                           numericColumns(6, {0, 2, 3, 4, 5}));
            ChartSpec bars;
            bars.kind = ChartSpec::Kind::RateBars;
            bars.id = QStringLiteral("segments-bars");
            bars.title = t.tr("seg.promising");
            bars.xLabel = t.tr("rate");
            bars.locale = t.language();
            for (const SegmentRow &r : promising) {
                bars.labels << segmentName(r);
                bars.values.push_back(r.rate);
                bars.lows.push_back(r.wilsonLow);
                bars.highs.push_back(r.wilsonHigh);
                bars.flagged.push_back(r.small);
            }
            bars.reference = overall;
            bars.referenceLabel = t.tr("overall") + QLatin1Char(' ') + t.percent(overall);
            if (!promising.empty()) {
                doc.charts.push_back(bars);
                s.blocks << ReportBlock::image(bars.id, t.tr("seg.barcaption"));
            }
            s.blocks << ReportBlock::heading(t.tr("seg.weakest"));
            s.blocks << ReportBlock::table(header, rowsOf(weakest, false),
                                           numericColumns(6, {0, 2, 3, 4, 5}));
            s.blocks << ReportBlock::heading(t.tr("seg.raw"));
            QStringList rawHeader = header;
            rawHeader << t.tr("flag");
            s.blocks << ReportBlock::table(rawHeader, rowsOf(raw, true),
                                           numericColumns(7, {0, 2, 3, 4, 5}));
            int smallInRaw = 0;
            for (const SegmentRow &r : raw)
                smallInRaw += r.small ? 1 : 0;
            s.blocks << ReportBlock::paragraph(t.tr("seg.why")
                                                   .arg(smallInRaw)
                                                   .arg(raw.size())
                                                   .arg(options.minN)
                                                   .arg(seg.segmentsCompared));
            // Heatmap of the first two dimensions.
            if (by.size() >= 2) {
                SegmentQuery q2;
                q2.by = by.mid(0, 2);
                q2.minN = options.minN;
                const SegmentResult r2 = data.segments(q2);
                const FrameColumn *c0 = frame.column(by[0]);
                const FrameColumn *c1 = frame.column(by[1]);
                if (r2.ok && c0 && c1) {
                    ChartSpec heat;
                    heat.kind = ChartSpec::Kind::Heatmap;
                    heat.id = QStringLiteral("segments-heatmap");
                    heat.title = by[0] + QStringLiteral(" \u00d7 ") + by[1];
                    heat.labels = c0->levels;
                    heat.columnLabels = c1->levels;
                    heat.minN = options.minN;
                    heat.locale = t.language();
                    heat.yLabel = by[0];
                    heat.xLabel = by[1];
                    const size_t nr = size_t(c0->levelCount()), nc = size_t(c1->levelCount());
                    heat.values.assign(nr * nc, std::nan(""));
                    heat.counts.assign(nr * nc, 0);
                    for (const SegmentRow &r : r2.rows) {
                        if (r.codes[0] < 0 || r.codes[1] < 0)
                            continue;
                        const size_t k = size_t(r.codes[0]) * nc + size_t(r.codes[1]);
                        heat.values[k] = r.rate;
                        heat.counts[k] = r.clients;
                    }
                    heat.reference = overall;
                    heat.referenceLabel = t.tr("overall") + QLatin1Char(' ') + t.percent(overall);
                    doc.charts.push_back(heat);
                    s.blocks << ReportBlock::image(
                        heat.id, t.tr("seg.heatcaption").arg(by[0], by[1]).arg(options.minN));
                }
            }
        }
        doc.sections << s;
    }

    // ---- model ----------------------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("model"), t.tr("section.model"), {}};
        if (!modelOk) {
            s.blocks << ReportBlock::paragraph(t.tr("model.notfitted").arg(modelProblemText));
        } else {
            const LogisticFit &fit = validation.fit;
            const HeldOutMetrics &m = validation.heldOut;
            QString intro;
            switch (run->settings.validation.split.kind) {
            case SplitKind::RollingOrigin:
                intro = t.tr("model.intro")
                            .arg(keptPredictors.size())
                            .arg(t.count(qint64(validation.split.test.size())))
                            .arg(validation.blocks.size())
                            .arg(t.count(qint64(fit.rows)));
                break;
            case SplitKind::TimeOrdered:
                intro = t.tr(span.ordered ? "model.intro.time" : "model.intro.time.unordered")
                            .arg(keptPredictors.size())
                            .arg(t.count(qint64(validation.split.train.size())),
                                 t.count(qint64(validation.split.test.size())));
                break;
            case SplitKind::RowHash:
                intro = t.tr("model.intro.hash")
                            .arg(keptPredictors.size())
                            .arg(t.count(qint64(validation.trainRows())),
                                 t.count(qint64(validation.testRows())),
                                 t.percent(run->settings.validation.split.testFraction, 0));
                break;
            default:
                intro = t.tr(span.ordered ? "model.intro.random.chosen" : "model.intro.random")
                            .arg(keptPredictors.size())
                            .arg(t.count(qint64(validation.split.train.size())),
                                 t.count(qint64(validation.split.test.size())));
            }
            s.blocks << ReportBlock::paragraph(runSentence);
            s.blocks << ReportBlock::paragraph(
                intro + QLatin1Char(' ') +
                t.tr("model.auc")
                    .arg(t.number(m.auc.auc), t.number(m.auc.ciLow), t.number(m.auc.ciHigh)) +
                QLatin1Char(' ') + targetSentence);
            if (const std::vector<PredictorVif> unstable = unstablePredictors(fit);
                !unstable.empty()) {
                QStringList names;
                for (const PredictorVif &v : unstable)
                    names << QStringLiteral("%1 (VIF %2)")
                                 .arg(v.column, t.number(v.gvifAdjusted * v.gvifAdjusted, 0));
                s.blocks << ReportBlock::paragraph(
                    t.tr("model.unstable").arg(names.join(QStringLiteral(", "))));
            }
            if (!validation.unseenLevels.empty()) {
                qint64 unseenRows = 0;
                QStringList levels;
                for (const UnseenLevel &u : validation.unseenLevels) {
                    unseenRows += qint64(u.testRows);
                    levels << u.column + QLatin1Char('=') + u.level;
                }
                s.blocks << ReportBlock::paragraph(
                    t.tr(validation.unseenScoredAtAverage ? "model.unseen"
                                                          : "model.unseen.reference")
                        .arg(t.count(unseenRows), levels.join(QStringLiteral(", "))));
            }
            if (const SplitRates &rates = run->rates; rates.shifted)
                s.blocks << ReportBlock::paragraph(
                    t.tr("model.shift").arg(t.percent(rates.test), t.percent(rates.train)));
            // Profit, not only rates: the list size that earns most on the held-out rows (a
            // live model's, counted on the engine, which keeps the scores).
            std::vector<uint8_t> testY;
            for (const size_t i : validation.split.test)
                testY.push_back(design.y[i]);
            const ProfitCurve profit =
                validation.testScores.empty() && run->profit.ok()
                    ? run->profit
                    : profitCurve(validation.testScores, testY, ProfitAssumptions());
            if (profit.ok())
                s.blocks << ReportBlock::paragraph(
                    t.tr("model.profit")
                        .arg(t.number(profit.assumptions.costPerCall, 2),
                             t.number(profit.assumptions.valuePerSubscription, 2),
                             t.count(qint64(profit.best.called)),
                             t.count(qint64(profit.everyone.called)),
                             t.number(profit.best.lowestScore, 3), t.number(profit.best.profit, 0),
                             t.number(profit.everyone.profit, 0),
                             t.percent(profit.breakEvenRate, 1)));
            // Effects an analyst can compare: significant ones (p < 0.05) by size, a number
            // per standard deviation of its column (per euro, balance showed OR 1.000 [1.000,
            // 1.000]), a level against its reference. Ranking by |log OR| alone led with
            // education=illiterate 2.13 [0.45, 10.20], p = 0.34.
            struct Effect
            {
                TermEstimate e;
                double sd = 1; ///< the numeric column's SD on the training rows (1 for a level)
                double size = 0;
            };
            // A penalised fit has no p-values or intervals (withheld, not wrong): its effects
            // are ranked by size alone and said to be shrunk.
            const double l2 = run->settings.validation.fit.l2;
            const bool penalised = l2 > 0;
            const QString orTitle = t.tr(penalised ? "model.or.penalised" : "model.or");
            std::vector<Effect> effects;
            int insignificant = 0;
            for (const TermEstimate &e : fit.terms) {
                if (e.column.isEmpty())
                    continue;
                if (!penalised && !(e.p < 0.05)) {
                    ++insignificant;
                    continue;
                }
                Effect x{e, 1, 0};
                for (size_t j = 0; j < design.terms.size(); ++j) {
                    if (design.terms[j].name == e.name && j < run->termSd.size() &&
                        std::isfinite(run->termSd[j]))
                        x.sd = run->termSd[j]; // over the rows the shown fit saw
                }
                x.size = std::abs(e.estimate * x.sd);
                effects.push_back(x);
            }
            std::stable_sort(effects.begin(), effects.end(),
                             [](const Effect &a, const Effect &b) { return a.size > b.size; });
            if (effects.size() > 12)
                effects.resize(12);
            QList<QStringList> orRows;
            ChartSpec forest;
            forest.kind = ChartSpec::Kind::Forest;
            forest.id = QStringLiteral("model-forest");
            forest.title = orTitle;
            forest.xLabel = t.tr("oddsratio");
            forest.yLabel = t.tr("term");
            forest.valueLabel = QStringLiteral("OR [%1]").arg(t.tr("ci95"));
            forest.reference = 1;
            forest.locale = t.language();
            for (const Effect &x : effects) {
                const TermEstimate &e = x.e;
                const bool numeric = x.sd != 1;
                // The SD in the column's unit where the data states one (euribor3m: 1.73
                // percentage points), so that "per SD" can be read without the appendix.
                const QString unitKey = roleUnitKey(roleFromName(e.column));
                const QString sd = t.number(x.sd, x.sd < 10 ? 2 : 0);
                const QString label =
                    !numeric ? ReportWording::term(e, design, t)
                    : unitKey.isEmpty()
                        ? t.tr("model.persd").arg(ReportWording::term(e, design, t), sd)
                        : t.tr("model.persd.unit")
                              .arg(ReportWording::term(e, design, t), sd,
                                   t.tr(unitKey.toLatin1().constData()));
                const double orv = std::exp(e.estimate * x.sd);
                const double lo = penalised ? orv : std::exp(e.ciLow * x.sd);
                const double hi = penalised ? orv : std::exp(e.ciHigh * x.sd);
                const QString none = QStringLiteral("–");
                orRows << QStringList{
                    label, t.number(orv),
                    penalised ? none : QStringLiteral("[%1, %2]").arg(t.number(lo), t.number(hi)),
                    penalised     ? none
                    : e.p < 0.001 ? QStringLiteral("< ") + t.number(0.001, 3)
                                  : t.number(e.p, 3)};
                forest.labels << label;
                forest.values.push_back(orv);
                forest.lows.push_back(lo);
                forest.highs.push_back(hi);
                forest.flagged.push_back(false);
            }
            s.blocks << ReportBlock::heading(orTitle);
            s.blocks << ReportBlock::table(
                {t.tr("term"), t.tr("oddsratio"), t.tr("ci95"), QStringLiteral("p")}, orRows,
                {false, true, true, true});
            if (penalised)
                s.blocks << ReportBlock::paragraph(
                    t.tr("model.or.penalised.note").arg(t.number(l2, 4)));
            else if (insignificant > 0)
                s.blocks << ReportBlock::paragraph(t.tr("model.or.note").arg(insignificant));
            doc.charts.push_back(forest);
            s.blocks << ReportBlock::image(forest.id, t.tr("model.forestcaption"));
            s.blocks << ReportBlock::heading(t.tr("model.gains"));
            QList<QStringList> gainRows;
            ChartSpec gains;
            gains.kind = ChartSpec::Kind::Gains;
            gains.id = QStringLiteral("model-gains");
            gains.title = t.tr("model.gains");
            gains.xLabel = t.tr("share.called");
            gains.yLabel = t.tr("cumcapture");
            gains.locale = t.language();
            gains.points = true;
            gains.xs.push_back(0);
            gains.values.push_back(0);
            for (const DecileRow &d : m.deciles) {
                gainRows << QStringList{QString::number(d.decile),
                                        t.count(qint64(d.clients)),
                                        t.count(qint64(d.subscribers)),
                                        t.percent(d.rate, 1),
                                        t.number(d.lift),
                                        t.percent(d.cumulativeCapture, 1)};
                gains.xs.push_back(double(gains.xs.size()) / double(m.deciles.size()));
                gains.values.push_back(d.cumulativeCapture);
            }
            s.blocks << ReportBlock::table({t.tr("decile"), t.tr("clients"), t.tr("subscribers"),
                                            t.tr("rate"), t.tr("lift"), t.tr("cumcapture")},
                                           gainRows, numericColumns(6, {0, 1, 2, 3, 4, 5}));
            if (!m.deciles.empty()) {
                doc.charts.push_back(gains);
                s.blocks << ReportBlock::image(gains.id, t.tr("model.gainscaption"));
            }
        }
        doc.sections << s;
    }

    // ---- A/B hypotheses -----------------------------------------------------------------
    // A sequential design stops early on a real lift: its boundaries, its largest size and
    // its expected size when the lift is real (issue 11).
    const auto sequentialText = [&](const AbTestPlan &plan) {
        const SequentialPlan seq = AbTestPlanner::sequential(plan, 4);
        if (seq.looks == 0)
            return QStringLiteral("-");
        QStringList bounds;
        for (const double b : seq.boundaries)
            bounds << t.number(b, 2);
        return t.tr("ab.sequential.value")
            .arg(bounds.join(QStringLiteral(" / ")), t.count(seq.maxPerArm),
                 t.count(seq.expectedPerArmEffect));
    };
    {
        ReportSection s{QStringLiteral("ab"), t.tr("section.ab"), {}};
        s.blocks << ReportBlock::label(ruleLabel);
        s.blocks << ReportBlock::paragraph(
            t.tr("ab.intro").arg(t.percent(options.abRelativeEffect, 0)));
        if (hypotheses.empty())
            s.blocks << ReportBlock::paragraph(t.tr("ab.none"));
        int i = 0;
        for (const Hypothesis &h : hypotheses) {
            ++i;
            s.blocks << ReportBlock::heading(
                QStringLiteral("H%1: %2").arg(i).arg(segmentName(h.row)));
            s.blocks << ReportBlock::paragraph(
                t.tr("ab.hypothesis")
                    .arg(segmentName(h.row), t.percent(h.row.rate),
                         t.interval(h.row.wilsonLow, h.row.wilsonHigh), t.number(h.row.lift, 1),
                         t.percent(overall), t.percent(h.plan.targetRate)));
            const bool monthly = h.plan.request.unit == VolumeUnit::Month;
            const HorizonTest horizon = horizonTest(h.row);
            s.blocks << ReportBlock::table(
                {t.tr("setting"), t.tr("value")},
                {{t.tr("ab.baseline"), t.percent(h.plan.request.baselineRate)},
                 {t.tr("ab.target"), t.percent(h.plan.targetRate)},
                 {t.tr("ab.mde"),
                  t.tr("ab.relative")
                      .arg(t.percent(options.abRelativeEffect, 0),
                           t.number((h.plan.targetRate - h.plan.request.baselineRate) * 100, 2))},
                 {t.tr("ab.alpha"), t.number(0.05)},
                 {t.tr("ab.power"), t.number(0.8, 1)},
                 {QStringLiteral("Cohen's h"), t.number(h.plan.cohenH, 4)},
                 {t.tr("ab.n"), t.count(h.plan.nPerArm)},
                 {monthly ? t.tr("ab.volume") : t.tr("ab.volume.campaign"),
                  t.number(h.plan.request.clientsPerPeriod, 1)},
                 {t.tr("ab.duration"), durationText(h.plan)},
                 {t.tr("ab.sequential"), sequentialText(h.plan)},
                 {t.tr("ab.horizon"),
                  horizon.useful()
                      ? t.tr("ab.horizon.value")
                            .arg(t.count(horizon.perArm), t.percent(horizon.detectable),
                                 t.percent(horizon.detectable / h.row.rate - 1, 0))
                      : t.tr("ab.horizon.none")}},
                {false, true});
            // A test that outlasts a year of this segment's contacts (or, without dates, more
            // than the file's own volume) is not a plan anyone runs.
            if (!planFeasible(h.plan))
                s.blocks << ReportBlock::paragraph(
                    t.tr(monthly ? "ab.toolong" : "ab.toolong.campaign")
                        .arg(t.number(h.plan.periodsNeeded, 1)));
        }
        doc.sections << s;
    }

    // ---- Q&A ----------------------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("qa"), t.tr("section.qa"), {}};
        s.blocks << ReportBlock::label(ruleLabel);
        s.blocks << ReportBlock::heading(t.tr("qa.q1"));
        // The same rule as the actions: only segments whose whole interval is above the
        // overall rate are prioritised (the answer used to list them all and star some).
        QStringList names;
        for (size_t i = 0; i < promising.size() && names.size() < 5; ++i) {
            const SegmentRow &r = promising[i];
            if (!beatsOverall(r))
                continue;
            names << QStringLiteral("%1 (%2, %3 %4)")
                         .arg(segmentName(r), t.percent(r.rate), t.count(r.clients),
                              t.tr("clients").toLower());
        }
        s.blocks << ReportBlock::paragraph(names.isEmpty()
                                               ? t.tr("act.noprioritise").arg(t.percent(overall))
                                               : t.tr("qa.a1")
                                                     .arg(names.join(QStringLiteral("; ")))
                                                     .arg(options.minN)
                                                     .arg(t.percent(overall)));
        for (const ReportPinnedQuestion &q : options.pinned) {
            s.blocks << ReportBlock::heading(q.question);
            s.blocks << ReportBlock::label(
                t.tr("qa.pinned.label")
                    .arg(q.model.isEmpty() ? t.tr("qa.pinned.nomodel")
                                           : AiTextSanitizer::sanitize(q.model),
                         q.askedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd"))));
            if (q.answer.trimmed().isEmpty())
                s.blocks << ReportBlock::paragraph(t.tr("qa.pinned.noanswer"));
            else
                s.blocks << chatAnswerBlocks(markedAnswer(q, t));
        }
        doc.sections << s;
    }

    // ---- methods --------------------------------------------------------------------------
    {
        ReportSection s{QStringLiteral("methods"), t.tr("section.methods"), {}};
        s.blocks << ReportBlock::heading(t.tr("m.segments"));
        s.blocks << ReportBlock::paragraph(
            liveSource.isEmpty() ? t.tr("m.segments.text").arg(options.minN)
                                 : t.tr("m.segments.live").arg(liveSource).arg(options.minN));
        s.blocks << ReportBlock::paragraph(t.tr("m.weakest"));
        if (!by.isEmpty() && data.segmentSql) {
            s.blocks << ReportBlock::code(data.segmentSql(by));
        } else if (!by.isEmpty()) {
            const QString cols = by.join(QStringLiteral(", "));
            s.blocks << ReportBlock::code(
                QStringLiteral(
                    "SELECT %1,\n       COUNT(*) AS clients,\n       SUM(y) AS subscribers\n"
                    "FROM %2\nGROUP BY %1;")
                    .arg(cols, info.silverView()));
        }
        s.blocks << ReportBlock::heading(t.tr("m.model"));
        QList<QStringList> settings;
        const double l2 = run ? run->settings.validation.fit.l2 : 0;
        settings << QStringList{t.tr("m.method"),
                                l2 > 0 ? t.tr("m.method.penalised").arg(t.number(l2, 4))
                                       : t.tr("m.method.value")};
        const SplitKind splitKind =
            run ? run->settings.validation.split.kind
                : (span.ordered ? SplitKind::RollingOrigin : SplitKind::StratifiedRandom);
        const SplitOptions split = run ? run->settings.validation.split : SplitOptions();
        const QString held = t.percent(split.testFraction, 0);
        // A live dataset's report without a model: no split to describe.
        if (run || liveSource.isEmpty())
            settings << QStringList{
                t.tr("m.split"),
                splitKind == SplitKind::RollingOrigin ? t.tr("m.split.value").arg(held)
                : splitKind == SplitKind::RowHash     ? t.tr("m.split.hash").arg(held)
                : splitKind == SplitKind::TimeOrdered
                    ? t.tr(span.ordered ? "m.split.time" : "m.split.time.unordered").arg(held)
                    : t.tr(span.ordered ? "m.split.random.chosen" : "m.split.random")
                          .arg(held, QString::number(split.seed))};
        settings << QStringList{t.tr("m.reference"), t.tr("m.reference.value")};
        if (run && design.ok()) {
            settings << QStringList{t.tr("m.predictors"),
                                    keptPredictors.join(QStringLiteral(", "))};
            if (!aliasedPredictors.isEmpty())
                settings << QStringList{t.tr("m.aliased"),
                                        aliasedPredictors.join(QStringLiteral(", "))};
            for (const ExcludedColumn &e : design.excluded)
                settings << QStringList{t.tr("m.excluded").arg(e.column),
                                        ReportWording::exclusionReason(e, t)};
        }
        if (!modelOk)
            settings << QStringList{t.tr("m.status"), modelProblemText};
        s.blocks << ReportBlock::table({t.tr("setting"), t.tr("value")}, settings);
        if (options.sections.isEmpty() || options.sections.contains(QStringLiteral("ab"))) {
            s.blocks << ReportBlock::heading(t.tr("m.ab"));
            s.blocks << ReportBlock::paragraph(t.tr("m.ab.text"));
        }
        s.blocks << ReportBlock::heading(t.tr("m.llm"));
        // The Q&A may quote answers a language model gave in chat: say so, by model.
        QStringList chatModels;
        const bool qaShown =
            options.sections.isEmpty() || options.sections.contains(QStringLiteral("qa"));
        for (const ReportPinnedQuestion &q : options.pinned)
            if (qaShown && !q.answer.isEmpty()) {
                // The model's name came from the server: as untrusted as its answer.
                const QString m = q.model.isEmpty() ? t.tr("qa.pinned.nomodel")
                                                    : AiTextSanitizer::sanitize(q.model);
                if (!chatModels.contains(m))
                    chatModels << m;
            }
        s.blocks << ReportBlock::paragraph(
            chatModels.isEmpty() ? t.tr("m.llm.text")
                                 : t.tr("m.llm.pinned").arg(chatModels.join(QStringLiteral(", "))));
        doc.sections << s;
    }
    // The sections built are the list, in its order (a new one is added to sectionIds()).
    [[maybe_unused]] const QStringList ids = sectionIds();
    Q_ASSERT(std::equal(doc.sections.begin(), doc.sections.end(), ids.begin(), ids.end(),
                        [](const ReportSection &s, const QString &id) { return s.id == id; }));
    keepSections(doc, options.sections);
    doc.ok = true;
    return doc;
}

void ReportBuilder::keepSections(ReportDocument &doc, const QStringList &ids)
{
    if (ids.isEmpty())
        return;
    doc.sections.removeIf([&](const ReportSection &s) { return !ids.contains(s.id); });
    QStringList shown; // charts of removed sections are not drawn
    for (const ReportSection &s : doc.sections) {
        for (const ReportBlock &b : s.blocks) {
            if (b.kind == ReportBlock::Kind::Image)
                shown << b.chartId;
        }
    }
    doc.charts.erase(std::remove_if(doc.charts.begin(), doc.charts.end(),
                                    [&](const ChartSpec &c) { return !shown.contains(c.id); }),
                     doc.charts.end());
}

ReportPinnedQuestion ReportPinnedQuestion::fromExchange(const ChatExchangeRecord &record)
{
    ReportPinnedQuestion q;
    q.question = record.question;
    q.answer = record.answer;
    q.model = record.model;
    q.askedAt = record.startedAt;
    for (const UnverifiedMark &m : UnverifiedMark::fromJson(record.unverifiedJson))
        q.unverified << qMakePair(m.position, m.length);
    return q;
}

QStringList ReportBuilder::sectionIds()
{
    return {QStringLiteral("title"),    QStringLiteral("summary"),  QStringLiteral("actions"),
            QStringLiteral("overview"), QStringLiteral("segments"), QStringLiteral("model"),
            QStringLiteral("ab"),       QStringLiteral("qa"),       QStringLiteral("methods")};
}

ModelRunSettings ReportBuilder::defaultRunSettings(const DataFrame &frame)
{
    // Rows in date order: each month of the last 20% is scored by a model fitted on every
    // earlier row (a single time split scored bank-additional-full's 570 September contacts
    // as May, a month its training rows had and September not). Otherwise a "last 20%" is a
    // random sample in disguise, and a seeded stratified split says what it is.
    ModelRunSettings settings;
    settings.validation.split.kind =
        monthRuns(frame).ordered ? SplitKind::RollingOrigin : SplitKind::StratifiedRandom;
    return settings;
}

ReportModelRun ReportBuilder::fitDefaultRun(const DataFrame &frame,
                                            const ProgressCallback &progress,
                                            const std::optional<ModelRunSettings> &settings)
{
    ReportModelRun run;
    run.result = std::make_shared<const ModelRunResult>(
        runModel(frame, settings.value_or(defaultRunSettings(frame)), progress));
    run.createdAt = QDateTime::currentDateTimeUtc();
    return run;
}

} // namespace cl
