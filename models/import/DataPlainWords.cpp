#include "DataPlainWords.h"

#include <QStringList>

#include <cmath>

namespace cl {

namespace {

/// "about 1 in 9" for 11.3%; empty when the share is too large or too small to say it so.
int oneIn(double share)
{
    if (!(share > 0.0) || share > 0.5)
        return 0;
    return int(std::lround(1.0 / share));
}

} // namespace

DataPlainWords DataPlainWords::of(const QualitySummary &q, const NumberText &numbers, Rows rows)
{
    DataPlainWords w;
    if (q.rowsRead <= 0)
        return w;
    QStringList plain;
    const double rate = q.subscriberRate();
    QString first =
        tr("<b>%1 clients, %2 of them said yes</b> (%3)")
            .arg(numbers.count(q.rowsRead), numbers.count(q.subscribers), numbers.percent(rate, 1));
    if (const int n = oneIn(rate))
        first += tr(", about 1 in %1").arg(n);
    plain << first + QLatin1Char('.');
    plain << (rows == Rows::InLiveTable
                  ? tr("Every row of the table was counted where it is held; none was copied.")
              : q.rowsRejected == 0
                  ? tr("Every line of the file was read.")
                  : tr("%1 of %2 lines could not be read: they are listed under rejected rows "
                       "and left out of every figure.")
                        .arg(numbers.count(q.rowsRejected), numbers.count(q.dataLines)));

    QStringList know;
    for (const QualityWarning &warning : q.codedWarnings()) {
        const QStringList &p = warning.params;
        switch (warning.code) {
        case QualityWarning::Code::UnknownShare: {
            const double share = p.value(1).toDouble() / 100.0;
            QString s = tr("%1 is unknown for %2 of the clients")
                            .arg(p.value(0).toHtmlEscaped(), numbers.percent(share, 1));
            if (const int n = oneIn(share))
                s += tr(" (about 1 in %1)").arg(n);
            know << s + tr(": they form a group of their own");
            break;
        }
        case QualityWarning::Code::MissingShare:
            know << tr("%1 is empty for %2 of the clients")
                        .arg(p.value(0).toHtmlEscaped(),
                             numbers.percent(p.value(1).toDouble() / 100.0, 1));
            break;
        case QualityWarning::Code::DurationAfterCall:
            know << tr("%1 is known only after the call, so it cannot choose whom to call: "
                       "models leave it out")
                        .arg(p.value(0).toHtmlEscaped());
            break;
        case QualityWarning::Code::DuplicateRows:
            know << tr("%1 rows repeat an earlier row exactly; they are kept and counted")
                        .arg(numbers.count(p.value(0).toLongLong()));
            break;
        case QualityWarning::Code::FewRows:
            know << tr("with so few clients, the rates of small groups are uncertain");
            break;
        default:
            break; // in the technical detail only
        }
    }
    if (!know.isEmpty())
        plain << tr("Good to know: %1.").arg(know.join(QStringLiteral("; ")));
    w.plain = plain.join(QLatin1Char(' '));

    if (!q.warnings.isEmpty()) {
        QString t = QStringLiteral("<ul style='margin:0; -qt-list-indent:1'>");
        for (const QString &text : q.warnings)
            t += QStringLiteral("<li>%1</li>")
                     .arg(QualityWarning::recognise(text).translatedText().toHtmlEscaped());
        w.technical = t + QStringLiteral("</ul>");
    }
    return w;
}

} // namespace cl
