// SegmentFormatter: table, CSV and JSON forms of a SegmentResult.
#include "SegmentFormatter.h"

#include "util/CsvField.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#include <cmath>

namespace cl {

namespace {

size_t shownRows(const SegmentResult &result, int top)
{
    return top > 0 ? std::min(result.rows.size(), size_t(top)) : result.rows.size();
}

QString percent(double fraction, int decimals = 2)
{
    return QString::number(fraction * 100.0, 'f', decimals) + QLatin1Char('%');
}

QString filterText(const SegmentQuery &query)
{
    if (query.filters.isEmpty())
        return QStringLiteral("none");
    QStringList parts;
    for (const SegmentFilter &f : query.filters)
        parts << f.column + QLatin1String(" in {") + f.labels.join(QStringLiteral(", ")) +
                     QLatin1Char('}');
    return parts.join(QStringLiteral(" and "));
}

QString rankingText(SegmentRanking ranking)
{
    switch (ranking) {
    case SegmentRanking::Raw:
        return QStringLiteral("raw rate");
    case SegmentRanking::Wilson:
        return QStringLiteral("Wilson 95% lower bound, small segments last");
    case SegmentRanking::Bayes:
        return QStringLiteral("empirical-Bayes rate, small segments last");
    }
    return {};
}

} // namespace

QString SegmentFormatter::segmentName(const SegmentRow &row)
{
    return row.labels.join(QStringLiteral(" / "));
}

QString SegmentFormatter::toTable(const SegmentResult &result, int top)
{
    QString text;
    if (!result.ok)
        return QStringLiteral("error: ") + result.error + QLatin1Char('\n');
    const SegmentQuery &q = result.query;
    text += QStringLiteral("Segments by %1; filters: %2\n")
                .arg(q.by.join(QStringLiteral(" x ")), filterText(q));
    text += QStringLiteral("Population: %1 clients, %2 subscribers, overall rate %3\n")
                .arg(result.population)
                .arg(result.subscribers)
                .arg(percent(result.overallRate));
    text += QStringLiteral("%1 non-empty segments compared (%2 with fewer than %3 clients); "
                           "ranked by %4")
                .arg(result.segmentsCompared)
                .arg(result.smallSegments)
                .arg(q.minN)
                .arg(rankingText(q.ranking));
    const size_t shown = shownRows(result, top);
    if (shown < result.rows.size())
        text += QStringLiteral(", top %1 shown").arg(shown);
    text += QLatin1Char('\n');
    if (result.prior.fitted)
        text += QStringLiteral("Empirical-Bayes prior, %1: alpha %2, beta %3, mean %4\n")
                    .arg(result.prior.method)
                    .arg(result.prior.alpha, 0, 'g', 5)
                    .arg(result.prior.beta, 0, 'g', 5)
                    .arg(percent(result.prior.mean()));
    for (const QString &w : result.warnings)
        text += QStringLiteral("warning: ") + w + QLatin1Char('\n');
    text += QLatin1Char('\n');

    QStringList header = {QStringLiteral("rank")};
    header << q.by;
    header << QStringLiteral("clients") << QStringLiteral("yes") << QStringLiteral("rate")
           << QStringLiteral("95% CI") << QStringLiteral("lift") << QStringLiteral("share")
           << QStringLiteral("EB rate") << QStringLiteral("flag");
    std::vector<QStringList> lines;
    lines.push_back(header);
    for (size_t i = 0; i < shown; ++i) {
        const SegmentRow &r = result.rows[i];
        QStringList cells = {QString::number(r.rank)};
        cells << r.labels;
        cells << QString::number(r.clients) << QString::number(r.subscribers) << percent(r.rate)
              << percent(r.wilsonLow, 1) + QLatin1Char('-') + percent(r.wilsonHigh, 1)
              << QString::number(r.lift, 'f', 2) << percent(r.share, 1) << percent(r.bayesRate)
              << (r.small ? QStringLiteral("small") : QString());
        lines.push_back(cells);
    }
    std::vector<int> width(size_t(header.size()), 0);
    for (const QStringList &cells : lines) {
        for (int c = 0; c < cells.size(); ++c)
            width[size_t(c)] = std::max(width[size_t(c)], int(cells[c].size()));
    }
    const int firstNumeric = 1 + int(q.by.size());
    for (const QStringList &cells : lines) {
        QString line;
        for (int c = 0; c < cells.size(); ++c) {
            if (c > 0)
                line += QStringLiteral("  ");
            const bool left = c >= 1 && c < firstNumeric;
            line += left ? cells[c].leftJustified(width[size_t(c)])
                         : cells[c].rightJustified(width[size_t(c)]);
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        text += line + QLatin1Char('\n');
    }
    if (result.smallSegments > 0)
        text += QStringLiteral("\nsmall: fewer than %1 clients; their rates are unreliable.\n")
                    .arg(q.minN);
    return text;
}

QString SegmentFormatter::toCsv(const SegmentResult &result, int top)
{
    QStringList header = {QStringLiteral("rank")};
    for (const QString &dim : result.query.by)
        header << csvField(dim);
    header << QStringLiteral("clients") << QStringLiteral("subscribers") << QStringLiteral("rate")
           << QStringLiteral("wilson_low") << QStringLiteral("wilson_high")
           << QStringLiteral("lift") << QStringLiteral("share") << QStringLiteral("bayes_rate")
           << QStringLiteral("small");
    QString text = header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    const size_t shown = shownRows(result, top);
    for (size_t i = 0; i < shown; ++i) {
        const SegmentRow &r = result.rows[i];
        QStringList cells = {QString::number(r.rank)};
        for (const QString &label : r.labels)
            cells << csvField(label);
        cells << QString::number(r.clients) << QString::number(r.subscribers)
              << QString::number(r.rate, 'f', 6) << QString::number(r.wilsonLow, 'f', 6)
              << QString::number(r.wilsonHigh, 'f', 6) << QString::number(r.lift, 'f', 6)
              << QString::number(r.share, 'f', 6) << QString::number(r.bayesRate, 'f', 6)
              << (r.small ? QStringLiteral("yes") : QStringLiteral("no"));
        text += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return text;
}

QJsonObject SegmentFormatter::toJson(const SegmentResult &result, int top)
{
    const SegmentQuery &q = result.query;
    QJsonObject query;
    query[QStringLiteral("by")] = QJsonArray::fromStringList(q.by);
    QJsonArray filters;
    for (const SegmentFilter &f : q.filters) {
        filters.append(
            QJsonObject{{QStringLiteral("column"), f.column},
                        {QStringLiteral("labels"), QJsonArray::fromStringList(f.labels)}});
    }
    query[QStringLiteral("filters")] = filters;
    query[QStringLiteral("min_n")] = q.minN;
    query[QStringLiteral("rank")] = segmentRankingName(q.ranking);

    QJsonObject root;
    root[QStringLiteral("ok")] = result.ok;
    if (!result.ok) {
        root[QStringLiteral("error")] = result.error;
        return root;
    }
    root[QStringLiteral("query")] = query;
    root[QStringLiteral("population")] = double(result.population);
    root[QStringLiteral("subscribers")] = double(result.subscribers);
    root[QStringLiteral("overall_rate")] = result.overallRate;
    root[QStringLiteral("segments_compared")] = result.segmentsCompared;
    root[QStringLiteral("small_segments")] = result.smallSegments;
    root[QStringLiteral("warnings")] = QJsonArray::fromStringList(result.warnings);
    QJsonObject prior{{QStringLiteral("fitted"), result.prior.fitted},
                      {QStringLiteral("method"), result.prior.method}};
    if (result.prior.fitted) {
        prior[QStringLiteral("alpha")] = result.prior.alpha;
        prior[QStringLiteral("beta")] = result.prior.beta;
    }
    root[QStringLiteral("prior")] = prior;
    QJsonArray segments;
    const size_t shown = shownRows(result, top);
    for (size_t i = 0; i < shown; ++i) {
        segments.append(segmentJson(result.rows[i], result.rows[i].rank));
    }
    root[QStringLiteral("segments")] = segments;
    return root;
}

QJsonObject SegmentFormatter::segmentJson(const SegmentRow &r, int rank, bool rounded)
{
    const auto rate = [rounded](double v) { return rounded ? std::round(v * 1e4) / 1e4 : v; };
    return QJsonObject{{QStringLiteral("rank"), rank},
                       {QStringLiteral("labels"), QJsonArray::fromStringList(r.labels)},
                       {QStringLiteral("clients"), double(r.clients)},
                       {QStringLiteral("subscribers"), double(r.subscribers)},
                       {QStringLiteral("rate"), rate(r.rate)},
                       {QStringLiteral("wilson_low"), rate(r.wilsonLow)},
                       {QStringLiteral("wilson_high"), rate(r.wilsonHigh)},
                       {QStringLiteral("lift"), rounded ? std::round(r.lift * 100) / 100 : r.lift},
                       {QStringLiteral("share"), rate(r.share)},
                       {QStringLiteral("bayes_rate"), rate(r.bayesRate)},
                       {QStringLiteral("small"), r.small}};
}

QString SegmentFormatter::toJsonText(const SegmentResult &result, int top)
{
    return QString::fromUtf8(QJsonDocument(toJson(result, top)).toJson(QJsonDocument::Indented));
}

} // namespace cl
