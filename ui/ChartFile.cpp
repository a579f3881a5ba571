// ChartFile: PNG and SVG export shared by the chart widgets.
#include "ChartFile.h"

#include "render/ChartPalette.h"
#include "util/AtomicFile.h"

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace cl::ChartFile {

bool savePng(const QString &path, QSize size, const Paint &paint)
{
    if (size.isEmpty())
        return false;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(ChartPalette::background);
    {
        QPainter painter(&image);
        paint(painter, size);
    }
    // Encoded in memory and written whole or not at all (see AtomicFile).
    QByteArray png;
    QBuffer buffer(&png);
    return buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG") &&
           AtomicFile::writeFile(path, png);
}

bool saveSvg(const QString &path, QSize size, const QString &title, const Paint &paint)
{
    if (size.isEmpty())
        return false;
    QByteArray svg;
    QBuffer buffer(&svg);
    if (!buffer.open(QIODevice::WriteOnly))
        return false;
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    {
        QPainter painter(&generator);
        paint(painter, size);
    }
    return !svg.isEmpty() && AtomicFile::writeFile(path, svg);
}

} // namespace cl::ChartFile
