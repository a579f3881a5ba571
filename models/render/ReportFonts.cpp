// Loading of DejaVu Sans for the report (PDF and chart images).
#include "ReportFonts.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QGuiApplication>

namespace cl {

namespace {

struct Loaded
{
    QString family;
    QString mono;
    QString fallback;
};

const Loaded &loaded()
{
    static const Loaded l = [] {
        Q_ASSERT_X(qobject_cast<QGuiApplication *>(QCoreApplication::instance()),
                   "ReportFonts", "fonts need a QGuiApplication");
        Loaded r;
        const QString dir = QStringLiteral("/usr/share/fonts/truetype/dejavu/");
        auto add = [&](const char *file) {
            const QString path = dir + QString::fromLatin1(file);
            if (!QFileInfo::exists(path))
                return QString();
            const int id = QFontDatabase::addApplicationFont(path);
            return id < 0 ? QString() : QFontDatabase::applicationFontFamilies(id).value(0);
        };
        r.family = add("DejaVuSans.ttf");
        add("DejaVuSans-Bold.ttf");
        r.mono = add("DejaVuSansMono.ttf");
        if (r.family.isEmpty()) {
            r.family = QFontDatabase::systemFont(QFontDatabase::GeneralFont).family();
            r.fallback = QStringLiteral("DejaVu Sans not found in %1; using %2").arg(dir, r.family);
        }
        if (r.mono.isEmpty())
            r.mono = QFontDatabase::systemFont(QFontDatabase::FixedFont).family();
        return r;
    }();
    return l;
}

} // namespace

QString ReportFonts::family()
{
    return loaded().family;
}

QString ReportFonts::monoFamily()
{
    return loaded().mono;
}

QString ReportFonts::fallbackReason()
{
    return loaded().fallback;
}

QFont ReportFonts::font(int pixelSize, bool bold)
{
    QFont f(family());
    f.setPixelSize(pixelSize);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    // No shaping means no "fi" ligature glyphs: text copied or searched in the PDF stays
    // plain letters. The report has Latin text only (æ, ø, å are precomposed).
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QFont ReportFonts::mono(int pixelSize)
{
    QFont f(monoFamily());
    f.setPixelSize(pixelSize);
    f.setHintingPreference(QFont::PreferNoHinting);
    return f;
}

} // namespace cl
