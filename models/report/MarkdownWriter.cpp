// Markdown form of the report: headings, pipe tables, lists, code blocks, image links.
#include "MarkdownWriter.h"

namespace cl {

namespace {

QString cell(QString text)
{
    text.replace(QLatin1Char('|'), QStringLiteral("\\|"));
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text;
}

} // namespace

QString MarkdownWriter::imageFileName(const QString &chartId)
{
    return chartId + QStringLiteral(".png");
}

QString MarkdownWriter::toMarkdown(const ReportDocument &doc)
{
    QString md;
    md += QStringLiteral("# ") + doc.title + QStringLiteral("\n\n");
    for (const ReportSection &s : doc.sections) {
        md += QStringLiteral("## ") + s.title + QStringLiteral("\n\n");
        for (const ReportBlock &b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::Heading:
                md += QString(b.level + 1, QLatin1Char('#')) + QLatin1Char(' ') + b.text +
                      QStringLiteral("\n\n");
                break;
            case ReportBlock::Kind::Paragraph:
                md += b.text + QStringLiteral("\n\n");
                break;
            case ReportBlock::Kind::Label:
                md += QStringLiteral("> **") + b.text + QStringLiteral("**\n\n");
                break;
            case ReportBlock::Kind::List:
                for (const QString &item : b.items)
                    md += QStringLiteral("- ") + item + QLatin1Char('\n');
                md += QLatin1Char('\n');
                break;
            case ReportBlock::Kind::Code:
                md += QStringLiteral("```sql\n") + b.text + QStringLiteral("\n```\n\n");
                break;
            case ReportBlock::Kind::Image:
                md += QStringLiteral("![%1](%2)\n\n").arg(cell(b.text), imageFileName(b.chartId));
                break;
            case ReportBlock::Kind::Table: {
                QStringList head, rule;
                for (int i = 0; i < b.header.size(); ++i) {
                    head << cell(b.header[i]);
                    rule << (b.rightAligned.value(i) ? QStringLiteral("---:")
                                                     : QStringLiteral("---"));
                }
                md += QStringLiteral("| ") + head.join(QStringLiteral(" | ")) +
                      QStringLiteral(" |\n");
                md += QStringLiteral("|") + rule.join(QStringLiteral("|")) + QStringLiteral("|\n");
                for (const QStringList &row : b.rows) {
                    QStringList cells;
                    for (int i = 0; i < b.header.size(); ++i)
                        cells << cell(row.value(i));
                    md += QStringLiteral("| ") + cells.join(QStringLiteral(" | ")) +
                          QStringLiteral(" |\n");
                }
                md += QLatin1Char('\n');
                break;
            }
            }
        }
    }
    return md;
}

} // namespace cl
