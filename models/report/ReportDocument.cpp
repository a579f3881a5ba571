// Constructors of report blocks and look-ups of the report document.
#include "ReportDocument.h"

namespace cl {

ReportBlock ReportBlock::heading(const QString &text, int level)
{
    ReportBlock b;
    b.kind = Kind::Heading;
    b.text = text;
    b.level = level;
    return b;
}

ReportBlock ReportBlock::paragraph(const QString &text)
{
    ReportBlock b;
    b.kind = Kind::Paragraph;
    b.text = text;
    return b;
}

ReportBlock ReportBlock::list(const QStringList &items)
{
    ReportBlock b;
    b.kind = Kind::List;
    b.items = items;
    return b;
}

ReportBlock ReportBlock::table(const QStringList &header, const QList<QStringList> &rows,
                               const QList<bool> &rightAligned)
{
    ReportBlock b;
    b.kind = Kind::Table;
    b.header = header;
    b.rows = rows;
    b.rightAligned = rightAligned;
    while (b.rightAligned.size() < header.size())
        b.rightAligned << false;
    return b;
}

ReportBlock ReportBlock::image(const QString &chartId, const QString &caption)
{
    ReportBlock b;
    b.kind = Kind::Image;
    b.chartId = chartId;
    b.text = caption;
    return b;
}

ReportBlock ReportBlock::label(const QString &text)
{
    ReportBlock b;
    b.kind = Kind::Label;
    b.text = text;
    return b;
}

ReportBlock ReportBlock::code(const QString &text)
{
    ReportBlock b;
    b.kind = Kind::Code;
    b.text = text;
    return b;
}

const ChartSpec *ReportDocument::chart(const QString &id) const
{
    for (const ChartSpec &c : charts) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QStringList ReportDocument::sectionTitles() const
{
    QStringList titles;
    for (const ReportSection &s : sections)
        titles << s.title;
    return titles;
}

} // namespace cl
