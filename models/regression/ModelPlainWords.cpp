#include "ModelPlainWords.h"

#include "ModelRun.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace cl {

namespace {

/// "job = retired" from the term's column and level.
QString group(const TermEstimate &t)
{
    return (t.column + QStringLiteral(" = ") + t.level).toHtmlEscaped();
}

/// The reference level a term is compared with: "(ref admin.)" at the end of its name.
QString reference(const TermEstimate &t)
{
    const qsizetype at = t.name.lastIndexOf(QStringLiteral(" (ref "));
    if (at < 0 || !t.name.endsWith(QLatin1Char(')')))
        return {};
    const QString ref = t.name.mid(at + 6, t.name.size() - at - 7);
    return (t.column + QStringLiteral(" = ") + ref).toHtmlEscaped();
}

} // namespace

std::vector<const TermEstimate *> ModelPlainWords::strongestLevels(const ModelRunResult &run,
                                                                   bool above, int count)
{
    std::vector<const TermEstimate *> out;
    for (const TermEstimate &t : run.report.fit.terms) {
        if (t.level.isEmpty() || !std::isfinite(t.orLow) || !std::isfinite(t.orHigh))
            continue;
        if (above ? t.orLow > 1 : t.orHigh < 1)
            out.push_back(&t);
    }
    std::stable_sort(out.begin(), out.end(), [above](const TermEstimate *a, const TermEstimate *b) {
        return above ? a->oddsRatio > b->oddsRatio : a->oddsRatio < b->oddsRatio;
    });
    if (int(out.size()) > count)
        out.resize(size_t(count));
    return out;
}

ModelPlainWords ModelPlainWords::of(const ModelRunResult &run, const NumberText &numbers)
{
    ModelPlainWords w;
    if (!run.report.fit.ok())
        return w;
    const HeldOutMetrics &h = run.report.heldOut;
    QStringList plain;
    QStringList technical;
    if (h.rows > 0) {
        const double lift = h.topFraction > 0 ? h.topCapture / h.topFraction : 0;
        plain << tr("Calling the %1 of clients this model scores highest would reach %2 of the "
                    "subscribers, %3 times as many as calling at random.")
                     .arg(numbers.percent(h.topFraction, 0), numbers.percent(h.topCapture, 1),
                          numbers.number(lift, 1));
        plain << tr("It ranks a subscriber above a non-subscriber %1 of the time (guessing: "
                    "50%).")
                     .arg(numbers.percent(h.auc.auc, 1));
        technical << tr("Held-out clients: %1. Capture of the top %2 by score: %3 (lift %4). "
                        "AUC %5, 95% CI %6 to %7 (DeLong).")
                         .arg(numbers.count(qint64(h.rows)), numbers.percent(h.topFraction, 0),
                              numbers.percent(h.topCapture, 1), numbers.number(lift, 2),
                              numbers.number(h.auc.auc, 3), numbers.number(h.auc.ciLow, 3),
                              numbers.number(h.auc.ciHigh, 3));
    } else {
        plain << tr("Fitted on every client, so none was kept back to test it: how well it "
                    "picks new clients is not measured here.");
        technical << tr("Split: none; no held-out metrics.");
    }
    const auto up = strongestLevels(run, true);
    const auto down = strongestLevels(run, false);
    const auto names = [](const std::vector<const TermEstimate *> &terms) {
        QStringList items;
        for (const TermEstimate *t : terms)
            items << group(*t);
        return items.join(QStringLiteral(", "));
    };
    // The odds ratios behind the names, each against its reference level.
    const auto ratios = [&](const std::vector<const TermEstimate *> &terms) {
        QStringList items;
        for (const TermEstimate *t : terms) {
            const QString ref = reference(*t);
            items << (ref.isEmpty() ? tr("%1: odds ratio %2 [%3, %4]")
                                    : tr("%1: odds ratio %2 [%3, %4] against %5"))
                         .arg(group(*t), numbers.number(t->oddsRatio, 2),
                              numbers.number(t->orLow, 2), numbers.number(t->orHigh, 2), ref);
        }
        return items.join(QStringLiteral("; "));
    };
    if (!up.empty())
        plain << tr("Most likely to say yes, other things equal: %1.").arg(names(up));
    if (!down.empty())
        plain << tr("Least likely: %1.").arg(names(down));
    if (up.empty() && down.empty())
        plain << tr("No group stands out from its reference beyond chance.");
    if (!up.empty() || !down.empty())
        technical << tr("Groups named: level terms whose 95% Wald interval of the odds ratio lies "
                        "wholly above (or below) 1, the strongest three, the other columns held "
                        "fixed: %1.")
                         .arg(ratios(up) +
                              (up.empty() || down.empty() ? QString() : QStringLiteral("; ")) +
                              ratios(down));
    technical << tr("Logistic regression, %1 terms, %2 Newton iterations.")
                     .arg(run.report.fit.terms.size())
                     .arg(run.report.fit.iterations);
    w.plain = plain.join(QLatin1Char(' '));
    w.technical = technical.join(QLatin1Char(' '));
    return w;
}

} // namespace cl
