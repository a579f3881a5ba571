// Numbers as people read them, in one format for the screen and the report.
#pragma once

#include <QLocale>
#include <QString>

namespace cl {

/// Whether `locale` is Norwegian (bokmål, or nynorsk, whose readers get bokmål rather than
/// English; QLocale folds "no" into bokmål). The one test the GUI language, number formats and
/// file dialogs all use.
bool isNorwegian(const QLocale &locale);

/**
 * Formats counts, percentages, plain numbers and p-values in English ("6,665", "11.27%") or
 * Norwegian bokmål ("6 665", "11,27 %"). The report (ReportText), the segment table and the
 * charts format through it, so a number reads the same everywhere.
 * Value type; cheap to copy; any thread.
 */
class NumberText
{
public:
    /// "en" or "nb"; anything else falls back to English.
    explicit NumberText(const QString &language = QStringLiteral("en"));
    /// The format of a user-interface locale: bokmål for Norwegian, English otherwise.
    static NumberText forLocale(const QLocale &locale = QLocale());

    QString language() const { return m_language; }
    const QLocale &locale() const { return m_locale; }
    /// Rate 0..1 as a percentage with `decimals` ("11.27%", "11,27 %").
    QString percent(double rate, int decimals = 2) const;
    /// Whole number with group separators ("41,188", "41 188").
    QString count(qint64 n) const;
    /// Real number with fixed decimals ("0.79", "0,79").
    QString number(double x, int decimals = 2) const;
    /// A p-value with its relation: "p = 0.0123", "p < 0.0001" (below 0.0001).
    QString pValue(double p) const;

private:
    QString m_language;
    QLocale m_locale;
};

} // namespace cl
