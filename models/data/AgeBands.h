// Age bands: edges to labels ("<25", "25-34", ..., "65+") and age to band code.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace cl {

/**
 * Half-open age bands defined by ascending edges. Edges {25, 35} give the bands
 * "<25", "25-34" and "35+". The default edges are the seed's six bands.
 */
class AgeBands
{
public:
    AgeBands();
    /// Edges must be ascending and distinct; otherwise the defaults are kept and ok() is false.
    explicit AgeBands(std::vector<int> edges);

    static std::vector<int> defaultEdges() { return {25, 35, 45, 55, 65}; }
    /// Parses "25,35,45" into edges; empty optional-like result (empty vector) on error.
    static std::vector<int> parseEdges(const QString &text);
    /// The bands whose labels() are `labels` ("<25", "25-34", ..., "65+"); the defaults, with
    /// ok() false, for any other list.
    static AgeBands fromLabels(const QStringList &labels);

    bool ok() const { return m_ok; }
    const std::vector<int> &edges() const { return m_edges; }
    QStringList labels() const;
    /// Band code for an age; -1 for a missing age (NaN).
    int bandOf(double age) const;

private:
    std::vector<int> m_edges;
    bool m_ok = true;
};

} // namespace cl
