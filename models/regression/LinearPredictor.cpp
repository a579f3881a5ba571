// LinearPredictor: per-column coefficient tables built from the terms of a fitted design.
#include "LinearPredictor.h"

#include "data/DataFrame.h"

#include <algorithm>

namespace cl {

LinearPredictor::LinearPredictor(const DataFrame &frame, const std::vector<DesignTerm> &terms,
                                 const std::vector<double> &coefficients)
{
    if (coefficients.size() != terms.size()) {
        m_error = QStringLiteral("%1 coefficients for %2 terms")
                      .arg(coefficients.size())
                      .arg(terms.size());
        return;
    }
    for (size_t j = 0; j < terms.size(); ++j) {
        const DesignTerm &t = terms[j];
        if (t.kind == DesignTerm::Kind::Intercept) {
            m_intercept += coefficients[j];
            continue;
        }
        const FrameColumn *c = frame.column(t.column);
        if (!c || c->isCategorical() != (t.kind == DesignTerm::Kind::Level)) {
            m_error = QStringLiteral("column '%1' is missing or of another kind").arg(t.column);
            m_pieces.clear();
            return;
        }
        if (t.kind == DesignTerm::Kind::Numeric) {
            Piece p;
            p.column = c;
            p.coefficient = coefficients[j];
            p.centre = t.centre;
            p.scale = t.scale;
            p.values = c->numbers.data();
            if (c->numbers.isCoded()) {
                p.codes = &c->numbers.codes();
                for (const double v : c->numbers.bySlot())
                    p.table.push_back(p.coefficient * ((v - p.centre) / p.scale));
            }
            m_pieces.push_back(std::move(p));
            continue;
        }
        // All the levels of one column share one table, placed at its first term.
        auto it = std::find_if(m_pieces.begin(), m_pieces.end(),
                               [c](const Piece &p) { return p.column == c; });
        if (it == m_pieces.end()) {
            Piece p;
            p.column = c;
            p.categorical = true;
            p.codes = &c->codes;
            p.table.assign(size_t(c->levelCount()) + 1, 0.0);
            p.table[0] = kMissing;
            it = m_pieces.insert(m_pieces.end(), std::move(p));
        }
        const int32_t code = c->levelCode(t.level);
        if (code >= 0)
            it->table[size_t(code) + 1] += coefficients[j];
    }
}

void LinearPredictor::addToLevel(const DesignTerm &term, double amount)
{
    for (Piece &p : m_pieces) {
        if (!p.categorical || p.column->name != term.column)
            continue;
        const int32_t code = p.column->levelCode(term.level);
        if (code >= 0)
            p.table[size_t(code) + 1] += amount;
    }
}

} // namespace cl
