// ChartFile: PNG and SVG export shared by the segment charts.
#include "ChartFile.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

namespace cl::ChartFile {

bool savePng(const QString &path, QSize size, const Paint &paint)
{
    if (size.isEmpty())
        return false;
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    {
        QPainter painter(&image);
        paint(painter, size);
    }
    return image.save(path, "PNG");
}

bool saveSvg(const QString &path, QSize size, const QString &title, const Paint &paint)
{
    if (size.isEmpty())
        return false;
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    generator.setTitle(title);
    {
        QPainter painter(&generator);
        paint(painter, size);
    }
    return QFileInfo::exists(path);
}

} // namespace cl::ChartFile
