// The report's font: DejaVu Sans (has the Norwegian letters), loaded once, with a fallback.
#pragma once

#include <QFont>
#include <QString>

namespace cl {

/**
 * Loads DejaVu Sans (regular, bold, mono) from /usr/share/fonts/truetype/dejavu with
 * QFontDatabase::addApplicationFont on first use; when the files are missing it falls back
 * to the system's general font and says so in fallbackReason(). Needs a QGuiApplication to
 * exist (asserted). Any thread: the first use loads the fonts once (a function-local static,
 * which C++ initialises under a lock; QFontDatabase locks its own state).
 */
class ReportFonts
{
public:
    /// Family of the report text.
    static QString family();
    /// Family for code blocks.
    static QString monoFamily();
    /// A font of `pixelSize` units (the painters work in points), optionally bold.
    static QFont font(int pixelSize, bool bold = false);
    static QFont mono(int pixelSize);
    /// Empty when DejaVu Sans was loaded.
    static QString fallbackReason();
};

} // namespace cl
