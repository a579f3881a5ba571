// Names of rankings and parsing of "col=v1,v2" filters.
#include "SegmentQuery.h"

namespace cl {

QString segmentRankingName(SegmentRanking ranking)
{
    switch (ranking) {
    case SegmentRanking::Raw:
        return QStringLiteral("raw");
    case SegmentRanking::Wilson:
        return QStringLiteral("wilson");
    case SegmentRanking::Bayes:
        return QStringLiteral("bayes");
    }
    return {};
}

bool parseSegmentRanking(const QString &name, SegmentRanking *ranking)
{
    for (SegmentRanking r : {SegmentRanking::Raw, SegmentRanking::Wilson, SegmentRanking::Bayes}) {
        if (name.compare(segmentRankingName(r), Qt::CaseInsensitive) == 0) {
            *ranking = r;
            return true;
        }
    }
    return false;
}

bool parseSegmentFilter(const QString &text, SegmentFilter *filter, QString *error)
{
    const int eq = int(text.indexOf(QLatin1Char('=')));
    if (eq <= 0) {
        if (error)
            *error =
                QStringLiteral("filter '%1' is not of the form column=value[,value...]").arg(text);
        return false;
    }
    SegmentFilter f;
    f.column = text.left(eq).trimmed();
    for (const QString &label : text.mid(eq + 1).split(QLatin1Char(','))) {
        const QString t = label.trimmed();
        if (!t.isEmpty())
            f.labels << t;
    }
    if (f.column.isEmpty() || f.labels.isEmpty()) {
        if (error)
            *error = QStringLiteral("filter '%1' names no column or no value").arg(text);
        return false;
    }
    *filter = f;
    return true;
}

} // namespace cl
