// Renders a ReportDocument as GitHub-flavoured Markdown with relative image links.
#pragma once

#include "ReportDocument.h"

#include <QString>

namespace cl {

/**
 * Markdown text of a report. Charts become `![caption](<chart id>.png)`, relative to the
 * folder of report.md, where the export writes the PNG files. Table cells escape '|'.
 * Stateless.
 */
class MarkdownWriter
{
public:
    static QString toMarkdown(const ReportDocument &doc);
    /// File name of a chart's PNG beside report.md.
    static QString imageFileName(const QString &chartId);
};

} // namespace cl
