// What a report says, read back from its Markdown: the checks that nothing in it contradicts
// anything else (issue 11), shared by the local and the live datasets' report tests.
#pragma once

#include "report/ReportText.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace cl::test {

/// A percentage as the report writes it ("11.52%", "11,52 %") as a rate.
inline double parsePercent(QString text)
{
    text.remove(QLatin1Char('%')).remove(QChar(0x00A0)).remove(QChar(0x202F));
    text = text.trimmed().replace(QLatin1Char(','), QLatin1Char('.'));
    return text.toDouble() / 100.0;
}

/**
 * Reads a report's Markdown and lists what contradicts something else in it (issue 11):
 * - an action recommends an A/B test that the A/B section calls not feasible, or any A/B
 *   wording when the A/B section is not in the report;
 * - the appendix says no language model was used while the Q&A quotes a chat answer;
 * - a prioritised segment whose interval's lower bound is not above the overall rate.
 */
inline QStringList contradictions(const QString &md, const cl::ReportText &t)
{
    QStringList found;
    const auto section = [&](const char *key) {
        const QString heading = QStringLiteral("## ") + t.tr(key);
        const qsizetype at = md.indexOf(heading);
        if (at < 0)
            return QString();
        const qsizetype end = md.indexOf(QStringLiteral("\n## "), at + heading.size());
        return md.mid(at, end < 0 ? -1 : end - at);
    };
    const QString actions = section("section.actions");
    const QString ab = section("section.ab");
    const QString testPrefix = t.tr("act.test").section(QStringLiteral("%1"), 0, 0);
    if (ab.isEmpty() && md.contains(QStringLiteral("A/B")))
        found << QStringLiteral("A/B is mentioned though the A/B section is not in the report");
    if (const qsizetype at = actions.indexOf(testPrefix); at >= 0) {
        // The recommended test: its segment has a hypothesis in the A/B section, and every
        // percentage the action quotes is that hypothesis's (baseline, detectable rise).
        const QString line = actions.mid(at + testPrefix.size()).section(QLatin1Char('\n'), 0, 0);
        const QString after = t.tr("act.test").section(QStringLiteral("%1"), 1, 1);
        const QString segment =
            line.left(line.indexOf(after.left(after.indexOf(QLatin1Char(',')))));
        const qsizetype h = ab.indexOf(segment);
        const QString hypothesis =
            h < 0 ? QString() : ab.mid(h, ab.indexOf(QStringLiteral("\n### "), h) - h);
        if (h < 0)
            found << QStringLiteral("the recommended test (%1) has no plan in the A/B section")
                         .arg(segment);
        static const QRegularExpression percent(QStringLiteral(R"([0-9]+(?:[.,][0-9]+)?\s?%)"));
        for (auto it = percent.globalMatch(line); it.hasNext();) {
            const QString p = it.next().captured(0);
            if (h >= 0 && !hypothesis.contains(p) && p != QStringLiteral("80%") &&
                p != QStringLiteral("80 %"))
                found << QStringLiteral("the recommended test quotes %1, which its plan does not")
                             .arg(p);
        }
    }
    const QString noModel = t.tr("m.llm.text").left(30);
    const QString chatLabel = t.tr("qa.pinned.label").section(QStringLiteral("%1"), 0, 0);
    if (md.contains(noModel) && md.contains(chatLabel))
        found << QStringLiteral("no language model was used, yet the Q&A quotes a chat answer");
    // Prioritised segments against the overall rate, read from the segment table's rows.
    const QString prioritise = t.tr("act.prioritise").section(QStringLiteral("%1"), 0, 0);
    const QRegularExpression overallRe(QRegularExpression::escape(t.tr("overallrate")) +
                                       QStringLiteral(R"(\s*\|\s*([0-9.,]+\s*%))"));
    const double overall = parsePercent(overallRe.match(md).captured(1));
    const QString segments = section("section.segments");
    const auto checkLine = [&](const QString &line) {
        for (const QString &row : segments.split(QLatin1Char('\n'))) {
            const QStringList cells = row.split(QLatin1Char('|'));
            if (cells.size() < 8)
                continue;
            const QString name = cells[2].trimmed();
            if (name.isEmpty() || (!line.contains(name + QLatin1Char(' ')) &&
                                   !line.contains(name + QLatin1Char(',')) &&
                                   !line.contains(name + QLatin1Char(';'))))
                continue;
            const QString interval = cells[6].trimmed();
            const double low = parsePercent(interval.mid(1).section(
                QLatin1Char(','), 0, interval.count(QLatin1Char(',')) > 1 ? 1 : 0));
            if (!(low > overall))
                found << QStringLiteral("%1 is prioritised but its lower bound %2 is not above the "
                                        "overall %3")
                             .arg(name, interval, QString::number(overall * 100, 'f', 2));
        }
    };
    if (const qsizetype at = actions.indexOf(prioritise); at >= 0)
        checkLine(actions.mid(at + prioritise.size()).section(QLatin1Char('\n'), 0, 0));
    // The Q&A's rule-based answer prioritises too.
    const QString qa = section("section.qa");
    const QString answerPrefix = t.tr("qa.a1").section(QStringLiteral("%1"), 0, 0);
    if (const qsizetype at = qa.indexOf(answerPrefix); at >= 0)
        checkLine(qa.mid(at + answerPrefix.size()).section(QStringLiteral(". "), 0, 0));
    return found;
}

} // namespace cl::test
