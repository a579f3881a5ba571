// The core's import warnings, model terms and fit problems in the report's language.
#include "ReportWording.h"

#include "ReportText.h"
#include "import/QualitySummary.h"
#include "regression/DesignMatrix.h"
#include "regression/ModelValidation.h"

#include <QLocale>

namespace cl {

namespace {

bool isEnglish(const ReportText &t)
{
    return t.language() == QLatin1String("en");
}

/// The report key of one of the core's fixed English phrases; nullptr for another text. The
/// English of each key is ReportText's, so the core's phrase and the table cannot drift apart
/// unnoticed (tst_report checks every reason the design can give).
const char *fixedPhraseKey(const QString &english)
{
    static const char *const keys[] = {
        "model.notrequested", "excl.notselected", "excl.user",    "excl.levels",
        "excl.duration",      "excl.campaign",    "excl.pdays",   "excl.prevcontact",
        "excl.previous",      "excl.macro",       "excl.ageband", "model.oneclass",
        "model.singular",     "model.nosplit",    "model.norows", "model.cancelled",
        "type.integer",       "type.real",        "type.text",    "type.categorical",
        "type.target",
    };
    static const ReportText english_(QStringLiteral("en"));
    for (const char *key : keys) {
        if (english == english_.tr(key))
            return key;
    }
    return nullptr;
}

/// A fixed phrase in the report's language; any other text as it is.
QString phrase(const QString &english, const ReportText &t)
{
    const char *key = isEnglish(t) ? nullptr : fixedPhraseKey(english);
    return key ? t.tr(key) : english;
}

} // namespace

QString ReportWording::warning(const QualityWarning &w, const ReportText &t)
{
    if (isEnglish(t) || w.code == QualityWarning::Code::Other)
        return w.englishText();
    const QString p1 = w.params.value(0);
    const QString p2 = w.params.value(1);
    // Parameters are in the C locale ("20.9", "1234"); the report writes them in its own.
    const auto percent = [&t](const QString &cLocale) {
        return t.percent(QLocale::c().toDouble(cLocale) / 100.0, 1);
    };
    const auto count = [&t](const QString &cLocale) {
        return t.count(QLocale::c().toLongLong(cLocale));
    };
    switch (w.code) {
    case QualityWarning::Code::DurationAfterCall:
        return t.tr("qw.duration").arg(p1);
    case QualityWarning::Code::PdaysSentinel:
        return t.tr("qw.pdays").arg(p1, p2);
    case QualityWarning::Code::IdentifierColumn:
        return t.tr("qw.identifier").arg(p1);
    case QualityWarning::Code::UnknownShare:
        return t.tr("qw.unknown").arg(p1, percent(p2));
    case QualityWarning::Code::MissingShare:
        return t.tr("qw.missing").arg(p1, percent(p2));
    case QualityWarning::Code::RowsRejected:
        return t.tr("qw.rejected").arg(count(p1));
    case QualityWarning::Code::DuplicateRows:
        return t.tr("qw.duplicates").arg(count(p1));
    case QualityWarning::Code::ClassImbalance:
        return t.tr("qw.imbalance").arg(percent(p1));
    case QualityWarning::Code::FewRows:
        return t.tr("qw.fewrows").arg(count(p1));
    case QualityWarning::Code::ColumnRenamed:
        return t.tr("qw.renamed").arg(p1, p2);
    case QualityWarning::Code::ValuesOutOfRange:
        return t.tr("qw.outofrange").arg(p1, count(p2), w.params.value(2), w.params.value(3));
    case QualityWarning::Code::Other:
        break;
    }
    return w.englishText();
}

QString ReportWording::term(const TermEstimate &e, const DesignMatrix &design, const ReportText &t)
{
    if (e.designColumn < 0 || size_t(e.designColumn) >= design.terms.size())
        return e.name;
    const DesignTerm &d = design.terms[size_t(e.designColumn)];
    if (d.kind == DesignTerm::Kind::Level)
        return t.tr("term.level").arg(d.column, d.level, d.reference);
    // Standardised numbers (centre and scale set) read "per SD"; others keep their name.
    if (d.kind == DesignTerm::Kind::Numeric && (d.centre != 0 || d.scale != 1)) {
        QLocale l = t.locale();
        l.setNumberOptions(QLocale::OmitGroupSeparator);
        return t.tr("term.persd").arg(d.column, l.toString(d.scale, 'g', 4));
    }
    return e.name;
}

QString ReportWording::exclusionReason(const ExcludedColumn &excluded, const ReportText &t)
{
    return phrase(excluded.reason, t);
}

QString ReportWording::modelProblem(const QString &english, bool requested,
                                    const ValidationReport &validation, const ReportText &t)
{
    if (isEnglish(t))
        return english;
    if (!requested)
        return t.tr("model.notrequested");
    const LogisticFit &fit = validation.fit;
    if (!fit.ok() && english == fit.message) {
        switch (fit.status) {
        case LogisticFit::Status::Separation:
            return t.tr("model.separation").arg(qMax<qsizetype>(1, fit.separation.size()));
        case LogisticFit::Status::NotConverged:
            return t.tr("model.notconverged").arg(fit.iterations);
        case LogisticFit::Status::Cancelled:
            return t.tr("model.cancelled");
        case LogisticFit::Status::Converged:
        case LogisticFit::Status::Failed:
            break;
        }
    }
    return phrase(english, t);
}

QString ReportWording::columnType(const QString &type, const ReportText &t)
{
    return phrase(type, t);
}

} // namespace cl
