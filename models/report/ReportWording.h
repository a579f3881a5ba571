// The core's own words (import warnings, model terms, fit problems) in the report's language.
#pragma once

#include <QString>

namespace cl {

class ReportText;
struct DesignMatrix;
struct ExcludedColumn;
struct QualityWarning;
struct TermEstimate;
struct ValidationReport;

/**
 * Words the report prints that the core produced in English: each is rendered from its
 * code (warnings, fit status) or from its parts (terms), so the bokmål report has no
 * English sentence. Data names (columns, levels) stay as they are in the data. English
 * output keeps the core's wording. Stateless; any thread.
 */
class ReportWording
{
public:
    /// An import warning: "'default' er «unknown» for 20,9 % av radene".
    static QString warning(const QualityWarning &warning, const ReportText &text);
    /// A model term: "job=blue-collar (ref admin.)", "job = blue-collar (referanse: admin.)",
    /// "age (per SD 10.4)", "age (per standardavvik 10,4)".
    static QString term(const TermEstimate &term, const DesignMatrix &design,
                        const ReportText &text);
    /// Why a column is left out of the model.
    static QString exclusionReason(const ExcludedColumn &excluded, const ReportText &text);
    /// Why there is no model: `english` is the core's sentence (design, split or fit);
    /// `requested` false when the report was asked to leave the model out.
    static QString modelProblem(const QString &english, bool requested,
                                const ValidationReport &validation, const ReportText &text);
    /// A column's storage type ("integer", "categorical", ...).
    static QString columnType(const QString &type, const ReportText &text);
};

} // namespace cl
