// The app's look: the desktop's style and palette, a visible keyboard focus, an optional dark
// palette.
#include "AppStyle.h"

#include <QApplication>
#include <QPainter>
#include <QProxyStyle>
#include <QStyleFactory>
#include <QStyleOption>

namespace cl {

namespace {

/// The base style, with a 2 px highlight frame around a push button that has keyboard focus.
class FocusFrameStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawControl(ControlElement element, const QStyleOption *option, QPainter *painter,
                     const QWidget *widget) const override
    {
        QProxyStyle::drawControl(element, option, painter, widget);
        if (element != CE_PushButton || !(option->state & State_HasFocus) ||
            !(option->state & State_KeyboardFocusChange))
            return;
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(option->palette.color(QPalette::Highlight), 2));
        painter->setBrush(Qt::NoBrush);
        painter->drawRoundedRect(QRectF(option->rect).adjusted(1, 1, -1, -1), 3, 3);
        painter->restore();
    }
};

} // namespace

PaletteChoice paletteChoiceFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("dark"))
        return PaletteChoice::Dark;
    if (n == QLatin1String("light"))
        return PaletteChoice::Light;
    return PaletteChoice::System;
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x21), text(0xe8, 0xe8, 0xea);
    const QColor button(0x35, 0x35, 0x39), highlight(0x3d, 0x8e, 0xe0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x2a));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3e));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x50));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x45));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5a, 0x60));
    p.setColor(QPalette::Dark, QColor(0x9a, 0x9a, 0xa0));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x10));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Link, QColor(0x7a, 0xb7, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb7, 0x9c, 0xff));
    const QColor disabled(0x80, 0x80, 0x86);
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x55));
    return p;
}

bool isDarkPalette(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() <
           palette.color(QPalette::WindowText).lightness();
}

QString secondaryTextStyle(const QPalette &palette)
{
    QColor c(0x5f, 0x63, 0x68);
    if (isDarkPalette(palette)) {
        const QColor a = palette.color(QPalette::WindowText), b = palette.color(QPalette::Window);
        c = QColor::fromRgbF(float(a.redF() * 0.7 + b.redF() * 0.3),
                             float(a.greenF() * 0.7 + b.greenF() * 0.3),
                             float(a.blueF() * 0.7 + b.blueF() * 0.3));
    }
    return QStringLiteral("QLabel { color: %1; }").arg(c.name());
}

void applyAppStyle(QApplication *app, PaletteChoice palette)
{
    if (palette == PaletteChoice::System) {
        // Null: the proxy wraps the desktop's default style.
        app->setStyle(new FocusFrameStyle);
        return;
    }
    app->setStyle(new FocusFrameStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
    QApplication::setPalette(
        palette == PaletteChoice::Dark ? darkPalette() : QApplication::style()->standardPalette());
}

} // namespace cl
