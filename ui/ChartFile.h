// ChartFile: a chart widget's picture saved as PNG (on white) or SVG, at a given size.
#pragma once

#include <QSize>
#include <QString>

#include <functional>

class QPainter;

namespace cl::ChartFile {

/// Paints the chart filling `size` on `painter`.
using Paint = std::function<void(QPainter &painter, QSize size)>;

bool savePng(const QString &path, QSize size, const Paint &paint);
bool saveSvg(const QString &path, QSize size, const QString &title, const Paint &paint);

} // namespace cl::ChartFile
