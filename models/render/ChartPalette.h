// The one palette of every chart, on screen and in the report: change a colour here only.
#pragma once

#include <QColor>
#include <QPalette>

/**
 * Named chart colours. ChartPainter takes every colour from here, and the chart widgets in
 * ui/ paint through ChartPainter, so the Segments and Model tabs, the exported PNG/SVG and
 * the report's PDF cannot drift apart. Plain constants: any thread.
 */
namespace cl::ChartPalette {

/// Bars, forest squares of effects above 1, the main curve (ROC, gains).
inline constexpr QColor bar{0x3b, 0x6e, 0xa8};
/// Bars of segments with fewer than min-n clients (the rate says little).
inline constexpr QColor smallBar{0xbd, 0xc6, 0xd1};
/// Forest plot: an interval wholly below 1.
inline constexpr QColor effectDown{0xc8, 0x5a, 0x1e};
/// Forest plot: an interval that contains 1.
inline constexpr QColor effectNeutral{0x8a, 0x8f, 0x94};
/// Second curve (calibration deciles).
inline constexpr QColor curveAlt{0xc8, 0x5a, 0x1e};
/// 95% interval whiskers, axis text, cell text on light fills.
inline constexpr QColor ink{0x22, 0x22, 0x22};
/// Secondary text (subtitles, notes, empty-chart messages).
inline constexpr QColor mutedInk{0x55, 0x55, 0x55};
/// Grid lines and the heatmap legend's frame.
inline constexpr QColor grid{0xdd, 0xdd, 0xdd};
/// Alternate row band (forest plot).
inline constexpr QColor band{0xf4, 0xf6, 0xf8};
/// The overall rate, odds ratio 1, and the hovered cell's outline.
inline constexpr QColor reference{0xc0, 0x39, 0x2b};
/// Chance line of ROC and gains, the perfect line of calibration.
inline constexpr QColor baseline{0x9a, 0x9a, 0x9a};
/// Heatmap cell with fewer than min-n clients: fill and hatch.
inline constexpr QColor smallFill{0xee, 0xee, 0xee};
inline constexpr QColor smallHatch{0xb0, 0xb0, 0xb0};
/// Heatmap cell with no clients: its dash.
inline constexpr QColor emptyMark{0xaa, 0xaa, 0xaa};
/// Chart background and the lines between heatmap cells.
inline constexpr QColor background{0xff, 0xff, 0xff};
/// Heatmap scale from 0 to the largest rate: YlGnBu, readable in grey and for colour-blind
/// readers.
inline constexpr QColor heatStops[] = {{0xff, 0xff, 0xd9},
                                       {0xc7, 0xe9, 0xb4},
                                       {0x41, 0xb6, 0xc4},
                                       {0x22, 0x5e, 0xa8},
                                       {0x08, 0x1d, 0x58}};
inline constexpr int heatStopCount = int(sizeof(heatStops) / sizeof(heatStops[0]));

/**
 * The colours that depend on the background: ink, grid, bands, empty and small cells. The
 * report, PNG/SVG exports and the report preview always use light(); a chart widget on a dark
 * desktop palette uses forPalette(), so the screen follows the desktop while every file
 * stays light. The data colours above (bars, effects, heat scale) are the same on both.
 */
struct Colors
{
    QColor background, ink, mutedInk, grid, band, baseline, smallBar, smallFill, smallHatch,
        emptyMark;

    /// The report's colours (the constants above).
    static Colors light()
    {
        namespace P = ChartPalette;
        return {P::background, P::ink,      P::mutedInk,  P::grid,       P::band,
                P::baseline,   P::smallBar, P::smallFill, P::smallHatch, P::emptyMark};
    }

    /// light() for a light palette; for a dark one (window darker than its text), colours
    /// taken from its Base, Text and Mid.
    static Colors forPalette(const QPalette &palette)
    {
        const QColor base = palette.color(QPalette::Base);
        const QColor text = palette.color(QPalette::Text);
        if (palette.color(QPalette::Window).lightness() >=
            palette.color(QPalette::WindowText).lightness())
            return light();
        // t = 0: the text colour, t = 1: the background.
        const auto mix = [&](double t) {
            return QColor::fromRgbF(float(text.redF() * (1 - t) + base.redF() * t),
                                    float(text.greenF() * (1 - t) + base.greenF() * t),
                                    float(text.blueF() * (1 - t) + base.blueF() * t));
        };
        return {base,
                text,
                mix(0.3),
                palette.color(QPalette::Mid),
                mix(0.93),
                mix(0.45),
                QColor(0x5b, 0x66, 0x73),
                mix(0.86),
                mix(0.62),
                mix(0.5)};
    }
};

} // namespace cl::ChartPalette
