// NumberVerifier: a regular expression for numbers and a rounding-tolerant match.
#include "NumberVerifier.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <vector>

namespace cl {

namespace {

const QRegularExpression &numberPattern()
{
    // Thousands-separated or plain digits, optional decimals and exponent, optional percent.
    // Not preceded by a letter, digit, '_' or '.', not followed by a letter or '_'.
    static const QRegularExpression re(
        QStringLiteral("(?<![\\w.])([-\\x{2212}]?)(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?"
                       "(?:[eE]([-+]?\\d+))?(?![\\w])(\\s?%)?"),
        QRegularExpression::UseUnicodePropertiesOption);
    return re;
}

} // namespace

QList<NumberMention> NumberVerifier::extract(const QString &text)
{
    QList<NumberMention> out;
    auto it = numberPattern().globalMatch(text);
    while (it.hasNext()) {
        const auto m = it.next();
        NumberMention n;
        n.position = int(m.capturedStart());
        n.length = int(m.capturedLength());
        n.text = m.captured(0);
        QString digits = m.captured(2);
        digits.remove(QLatin1Char(','));
        const QString decimals = m.captured(3);
        n.decimals = int(decimals.size());
        n.value =
            (digits + (decimals.isEmpty() ? QString() : QLatin1Char('.') + decimals)).toDouble();
        if (!m.captured(4).isEmpty()) {
            n.value *= std::pow(10.0, m.captured(4).toInt());
            n.decimals = std::max(0, n.decimals - m.captured(4).toInt());
        }
        if (!m.captured(1).isEmpty())
            n.value = -n.value;
        n.percent = !m.captured(5).isEmpty();
        out << n;
    }
    // "46.4–54.7%" and "46.4 to 54.7%": the first number of a range is a percentage too.
    for (qsizetype i = 0; i + 1 < out.size(); ++i) {
        NumberMention &a = out[i];
        const NumberMention &b = out[i + 1];
        const QString between =
            text.mid(a.position + a.length, b.position - a.position - a.length).trimmed();
        if (!a.percent && b.percent &&
            (between == QStringLiteral("\u2013") || between == QStringLiteral("-") ||
             between == QStringLiteral("\u2014") || between == QLatin1String("to")))
            a.percent = true;
    }
    return out;
}

QList<NumberMention> NumberVerifier::unverified(const QString &answer,
                                                const QStringList &references)
{
    std::vector<double> refs;
    for (const QString &r : references)
        for (const NumberMention &n : extract(r))
            refs.push_back(n.value);
    std::sort(refs.begin(), refs.end());
    const auto within = [&](double target, double tol) {
        const auto lo = std::lower_bound(refs.begin(), refs.end(), target - tol);
        return lo != refs.end() && *lo <= target + tol;
    };
    QList<NumberMention> out;
    for (const NumberMention &n : extract(answer)) {
        const double a = std::abs(n.value);
        if (n.decimals == 0 && ((!n.percent && a <= 10) || a == 95))
            continue;
        const double tol = 0.5 * std::pow(10.0, -n.decimals) + 1e-9;
        bool ok = within(n.value, tol) || within(-n.value, tol);
        if (!ok && n.percent)
            ok = within(n.value / 100.0, tol / 100.0) || within(-n.value / 100.0, tol / 100.0);
        if (!ok)
            out << n;
    }
    return out;
}

QString NumberVerifier::mark(const QString &answer, const QList<NumberMention> &mentions)
{
    QString out = answer;
    QList<NumberMention> sorted = mentions;
    std::sort(sorted.begin(), sorted.end(), [](const NumberMention &a, const NumberMention &b) {
        return a.position > b.position;
    });
    for (const NumberMention &n : sorted)
        out.insert(n.position + n.length, QStringLiteral("[unverified]"));
    return out;
}

} // namespace cl
