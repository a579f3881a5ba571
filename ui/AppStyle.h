// The app's look: the desktop's style and palette, a visible keyboard focus, an optional dark
// palette.
#pragma once

#include <QPalette>
#include <QString>

class QApplication;

namespace cl {

/// Which palette the app uses: the desktop's, or a forced light or dark Fusion palette.
enum class PaletteChoice
{
    System,
    Light,
    Dark
};

/// "dark" and "light" (any case) force that palette; anything else follows the desktop.
PaletteChoice paletteChoiceFromName(const QString &name);

/// A dark palette for the Fusion style (screenshots, tests, desktops without a theme).
QPalette darkPalette();

/**
 * Sets the application style: the desktop's style (Fusion for a forced palette) with a clear
 * frame around the button that has keyboard focus, which Fusion draws only as a faint tint
 * that the default button's outline hides. Call once, after the QApplication is made.
 */
void applyAppStyle(QApplication *app, PaletteChoice palette = PaletteChoice::System);

/// A style sheet for secondary text (notes, meters): the grey the light palette always had,
/// a readable grey between text and window on a dark one.
QString secondaryTextStyle(const QPalette &palette);

/// True when the palette's window colour is darker than its text: draw light on dark.
bool isDarkPalette(const QPalette &palette);

} // namespace cl
