// ReportTextDocument: the report's blocks written into a QTextDocument with a cursor.
#include "ReportTextDocument.h"

#include "report/MarkdownWriter.h"

#include <QFontDatabase>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextList>
#include <QTextTable>
#include <QUrl>

namespace cl {

namespace {

QTextCharFormat textFormat(double pointSize = 0, bool bold = false,
                           const QColor &color = QColor(0x22, 0x22, 0x22))
{
    QTextCharFormat f;
    if (pointSize > 0)
        f.setFontPointSize(pointSize);
    f.setFontWeight(bold ? QFont::Bold : QFont::Normal);
    f.setForeground(color);
    return f;
}

QTextBlockFormat blockFormat(double top, double bottom)
{
    QTextBlockFormat f;
    f.setTopMargin(top);
    f.setBottomMargin(bottom);
    return f;
}

/// A paragraph of its own: the first block of the document is reused, later ones are added.
void paragraph(QTextCursor &c, bool &first, const QTextBlockFormat &block,
               const QTextCharFormat &chars)
{
    if (first)
        c.setBlockFormat(block);
    else
        c.insertBlock(block);
    c.setBlockCharFormat(chars);
    c.setCharFormat(chars);
    first = false;
}

} // namespace

void ReportTextDocument::fill(QTextDocument *text, const ReportDocument &doc,
                              const ChartImage &chartImage)
{
    text->clear();
    const double base =
        text->defaultFont().pointSizeF() > 0 ? text->defaultFont().pointSizeF() : 10;
    QTextCursor c(text);
    bool first = true;
    const QColor accent(0x3b, 0x6e, 0xa8);
    paragraph(c, first, blockFormat(0, 10), textFormat(base * 1.8, true));
    c.insertText(doc.title);

    for (const ReportSection &s : doc.sections) {
        paragraph(c, first, blockFormat(14, 6), textFormat(base * 1.5, true, accent));
        c.insertText(s.title);
        for (const ReportBlock &b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::Heading:
                paragraph(c, first, blockFormat(10, 4),
                          textFormat(base * (b.level <= 2 ? 1.25 : 1.1), true));
                c.insertText(b.text);
                break;
            case ReportBlock::Kind::Paragraph:
                paragraph(c, first, blockFormat(0, 8), textFormat());
                c.insertText(b.text);
                break;
            case ReportBlock::Kind::List: {
                QTextListFormat list;
                list.setStyle(QTextListFormat::ListDisc);
                QTextList *items = nullptr;
                for (int i = 0; i < b.items.size(); ++i) {
                    paragraph(c, first, blockFormat(0, i + 1 == b.items.size() ? 8 : 2),
                              textFormat());
                    if (!items)
                        items = c.createList(list);
                    else
                        items->add(c.block());
                    c.insertText(b.items[i]);
                }
                break;
            }
            case ReportBlock::Kind::Label: {
                QTextBlockFormat f = blockFormat(2, 8);
                f.setBackground(QColor(0xfd, 0xf3, 0xe1));
                f.setLeftMargin(4);
                paragraph(c, first, f, textFormat(0, true, QColor(0x6b, 0x45, 0x00)));
                c.insertText(b.text);
                break;
            }
            case ReportBlock::Kind::Code: {
                QTextBlockFormat f = blockFormat(2, 8);
                f.setBackground(QColor(0xf2, 0xf2, 0xf2));
                QTextCharFormat mono = textFormat();
                mono.setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
                const QStringList lines = b.text.split(QLatin1Char('\n'));
                for (const QString &line : lines) {
                    paragraph(c, first, f, mono);
                    c.insertText(line);
                }
                break;
            }
            case ReportBlock::Kind::Table: {
                if (b.header.isEmpty())
                    break;
                paragraph(c, first, blockFormat(0, 0), textFormat());
                QTextTableFormat format;
                format.setBorderCollapse(true);
                format.setBorder(1);
                format.setBorderBrush(QColor(0xc8, 0xcd, 0xd4));
                format.setCellPadding(3);
                format.setCellSpacing(0);
                format.setTopMargin(4);
                format.setBottomMargin(8);
                format.setHeaderRowCount(1);
                const int columns = int(b.header.size());
                QTextTable *table = c.insertTable(int(b.rows.size()) + 1, columns, format);
                for (int r = 0; r <= b.rows.size(); ++r) {
                    for (int col = 0; col < columns; ++col) {
                        QTextCursor cell = table->cellAt(r, col).firstCursorPosition();
                        QTextBlockFormat align;
                        align.setAlignment(b.rightAligned.value(col) ? Qt::AlignRight
                                                                     : Qt::AlignLeft);
                        cell.setBlockFormat(align);
                        cell.insertText(r == 0 ? b.header[col] : b.rows[r - 1].value(col),
                                        textFormat(0, r == 0));
                    }
                }
                c = text->rootFrame()->lastCursorPosition();
                first = false;
                break;
            }
            case ReportBlock::Kind::Image: {
                const ChartSpec *chart = doc.chart(b.chartId);
                if (!chart)
                    break;
                const QString name = MarkdownWriter::imageFileName(chart->id);
                const QImage image = chartImage(*chart);
                text->addResource(QTextDocument::ImageResource, QUrl(name), image);
                paragraph(c, first, blockFormat(4, 2), textFormat());
                QTextImageFormat f;
                f.setName(name);
                c.insertImage(f);
                paragraph(c, first, blockFormat(0, 10),
                          textFormat(base * 0.9, false, QColor(0x55, 0x55, 0x55)));
                c.insertText(b.text);
                break;
            }
            }
        }
    }
}

} // namespace cl
