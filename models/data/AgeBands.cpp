// AgeBands: labels and lookup for half-open age intervals.
#include "AgeBands.h"

#include <algorithm>
#include <cmath>

namespace cl {

AgeBands::AgeBands() : m_edges(defaultEdges()) {}

AgeBands::AgeBands(std::vector<int> edges) : m_edges(std::move(edges))
{
    const bool ascending = std::adjacent_find(m_edges.begin(), m_edges.end(),
                                              [](int a, int b) { return a >= b; }) == m_edges.end();
    if (m_edges.empty() || !ascending) {
        m_edges = defaultEdges();
        m_ok = false;
    }
}

std::vector<int> AgeBands::parseEdges(const QString &text)
{
    std::vector<int> edges;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const int v = part.trimmed().toInt(&ok);
        if (!ok)
            return {};
        edges.push_back(v);
    }
    return edges;
}

QStringList AgeBands::labels() const
{
    QStringList out;
    out << QStringLiteral("<%1").arg(m_edges.front());
    for (size_t i = 0; i + 1 < m_edges.size(); ++i)
        out << QStringLiteral("%1-%2").arg(m_edges[i]).arg(m_edges[i + 1] - 1);
    out << QStringLiteral("%1+").arg(m_edges.back());
    return out;
}

AgeBands AgeBands::fromLabels(const QStringList &labels)
{
    // Every label but the first starts with its band's lowest age: the edges.
    std::vector<int> edges;
    for (qsizetype i = 1; i < labels.size(); ++i) {
        qsizetype digits = 0;
        while (digits < labels[i].size() && labels[i][digits].isDigit())
            ++digits;
        bool ok = false;
        const int edge = labels[i].left(digits).toInt(&ok);
        if (!ok)
            return AgeBands(std::vector<int>{});
        edges.push_back(edge);
    }
    AgeBands bands(edges);
    if (!bands.ok() || bands.labels() != labels)
        return AgeBands(std::vector<int>{});
    return bands;
}

int AgeBands::bandOf(double age) const
{
    if (std::isnan(age))
        return -1;
    // The edges at or below the age (they ascend): a count without branches, where a binary
    // search mispredicted on every row of random ages (0.8% of an import).
    int band = 0;
    for (const int edge : m_edges)
        band += int(age >= edge);
    return band;
}

} // namespace cl
