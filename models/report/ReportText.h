// Words and number formats of the report in English and Norwegian bokmål.
#pragma once

#include "util/NumberText.h"

#include <QLocale>
#include <QString>

namespace cl {

/**
 * The report's translation table and number formats. Keys are English identifiers; a key
 * missing from the table comes back as itself (visible in the output, never empty).
 * Percentages: "11.27%" in English, "11,27 %" in bokmål (QLocale::NorwegianBokmal).
 * Value type; cheap to copy.
 */
class ReportText
{
public:
    /// "en" or "nb"; anything else falls back to English.
    explicit ReportText(const QString &language = QStringLiteral("en"));

    QString language() const { return m_language; }
    const QLocale &locale() const { return m_numbers.locale(); }
    /// The number formats of the report language (shared with the user interface).
    const NumberText &numbers() const { return m_numbers; }
    /// Text of a key in the report language.
    QString tr(const char *key) const;
    /// Rate 0..1 as a percentage with `decimals` ("11.27%", "11,27 %").
    QString percent(double rate, int decimals = 2) const;
    /// "[10.96%, 11.58%]" or "[10,96 %, 11,58 %]".
    QString interval(double low, double high, int decimals = 1) const;
    /// Whole number with group separators ("41,188", "41 188").
    QString count(qint64 n) const;
    /// Real number with fixed decimals in the locale ("0.79", "0,79").
    QString number(double x, int decimals = 2) const;
    /// A month as the data codes it ("may"), in the report language ("mai" in bokmål);
    /// anything that is not one of the twelve codes comes back unchanged.
    QString month(const QString &code) const;
    /// The mark after a generated number that matches nothing computed: " [unverified]",
    /// " [ubekreftet]".
    QString unverifiedMark() const;

    /// Languages with a table: "en", "nb".
    static bool isSupported(const QString &language);

private:
    QString m_language;
    NumberText m_numbers;
};

} // namespace cl
