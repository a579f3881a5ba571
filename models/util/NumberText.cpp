// NumberText: English and bokmål number formats.
#include "NumberText.h"

namespace cl {

NumberText::NumberText(const QString &language)
    : m_language(language == QLatin1String("nb") ? QStringLiteral("nb") : QStringLiteral("en")),
      m_locale(m_language == QLatin1String("nb")
                   ? QLocale(QLocale::NorwegianBokmal, QLocale::Norway)
                   : QLocale(QLocale::English, QLocale::UnitedStates))
{
    m_locale.setNumberOptions(QLocale::DefaultNumberOptions);
}

bool isNorwegian(const QLocale &locale)
{
    return locale.language() == QLocale::NorwegianBokmal ||
           locale.language() == QLocale::NorwegianNynorsk;
}

NumberText NumberText::forLocale(const QLocale &locale)
{
    return NumberText(isNorwegian(locale) ? QStringLiteral("nb") : QStringLiteral("en"));
}

QString NumberText::percent(double rate, int decimals) const
{
    const QString n = m_locale.toString(rate * 100, 'f', decimals);
    return m_language == QLatin1String("nb") ? n + QStringLiteral("\u00a0%") : n + QLatin1Char('%');
}

QString NumberText::count(qint64 n) const
{
    return m_locale.toString(n);
}

QString NumberText::number(double x, int decimals) const
{
    return m_locale.toString(x, 'f', decimals);
}

QString NumberText::pValue(double p) const
{
    if (p < 1e-4)
        return QStringLiteral("p < ") + m_locale.toString(0.0001, 'f', 4);
    return QStringLiteral("p = ") + m_locale.toString(p, 'f', 4);
}

} // namespace cl
