// Two-pass PDF layout: blocks are placed on pages first, then painted with the page count known.
#include "PdfReportWriter.h"

#include "ChartPainter.h"
#include "ReportFonts.h"
#include "report/ReportText.h"
#include "util/AtomicFile.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>
#include <functional>
#include <vector>

namespace cl {

namespace {

constexpr double kPageW = 595.276; // A4 in points
constexpr double kPageH = 841.89;
constexpr double kMargin = 56.7; // 20 mm
constexpr double kBottom = kPageH - kMargin - 10;
constexpr double kWidth = kPageW - 2 * kMargin;
constexpr double kCellPad = 3;

using Op = std::function<void(QPainter &)>;

class Layout
{
public:
    std::vector<std::vector<Op>> pages{1};
    double y = kMargin;

    void newPage()
    {
        pages.emplace_back();
        y = kMargin;
    }
    /// Starts a new page unless `h` fits (a block taller than a page starts at the top).
    void ensure(double h)
    {
        if (y + h > kBottom && y > kMargin + 1)
            newPage();
    }
    void add(Op op) { pages.back().push_back(std::move(op)); }

    static double textHeight(const QFont &font, const QString &text, double width)
    {
        return QFontMetricsF(font)
                   .boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text)
                   .height() +
               1;
    }

    void text(const QString &s, const QFont &font, double indent = 0, double after = 6,
              QColor colour = QColor(0x22, 0x22, 0x22))
    {
        const double w = kWidth - indent;
        const double h = textHeight(font, s, w);
        ensure(h);
        const QRectF r(kMargin + indent, y, w, h);
        add([=](QPainter &p) {
            p.setFont(font);
            p.setPen(colour);
            p.drawText(r, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, s);
        });
        y += h + after;
    }

    void table(const ReportBlock &b)
    {
        const QFont body = ReportFonts::font(8);
        const QFont bold = ReportFonts::font(8, true);
        const int n = int(b.header.size());
        if (n == 0)
            return;
        QFontMetricsF fm(body), fb(bold);
        std::vector<double> natural(size_t(n), 0);
        for (int j = 0; j < n; ++j) {
            natural[size_t(j)] = fb.horizontalAdvance(b.header[j]);
            for (const QStringList &row : b.rows)
                natural[size_t(j)] =
                    std::max(natural[size_t(j)], fm.horizontalAdvance(row.value(j)));
            natural[size_t(j)] += 2 * kCellPad + 1;
        }
        double total = 0;
        for (const double w : natural)
            total += w;
        std::vector<double> widths = natural;
        if (total > kWidth) {
            // Shrink the wide columns first: each keeps at least its share of an even split.
            const double even = kWidth / n;
            double fixed = 0, flexible = 0;
            for (const double w : natural)
                (w <= even ? fixed : flexible) += w;
            const double room = kWidth - fixed;
            for (double &w : widths) {
                if (w > even)
                    w = w * room / flexible;
            }
        }
        auto rowHeight = [&](const QStringList &cells, const QFont &font) {
            double h = 0;
            for (int j = 0; j < n; ++j)
                h = std::max(h, textHeight(font, cells.value(j), widths[size_t(j)] - 2 * kCellPad));
            return h + 2 * kCellPad;
        };
        auto drawRow = [&](const QStringList &cells, bool header, double h, bool shade) {
            const double top = y;
            std::vector<double> ws = widths;
            const QList<bool> right = b.rightAligned;
            add([=](QPainter &p) {
                double x = kMargin;
                double tw = 0;
                for (const double w : ws)
                    tw += w;
                if (header)
                    p.fillRect(QRectF(x, top, tw, h), QColor(0xe4, 0xea, 0xf2));
                else if (shade)
                    p.fillRect(QRectF(x, top, tw, h), QColor(0xf7, 0xf7, 0xf7));
                p.setFont(header ? bold : body);
                p.setPen(QColor(0x22, 0x22, 0x22));
                for (int j = 0; j < n; ++j) {
                    const QRectF cell(x + kCellPad, top + kCellPad, ws[size_t(j)] - 2 * kCellPad,
                                      h - 2 * kCellPad);
                    const Qt::Alignment align =
                        (right.value(j) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop;
                    p.drawText(cell, int(Qt::TextWordWrap | align), cells.value(j));
                    x += ws[size_t(j)];
                }
                p.setPen(QPen(QColor(0xcc, 0xcc, 0xcc), 0.5));
                p.drawLine(QPointF(kMargin, top + h), QPointF(kMargin + tw, top + h));
            });
            y += h;
        };
        const double headH = rowHeight(b.header, bold);
        const double firstH = b.rows.isEmpty() ? 0 : rowHeight(b.rows.front(), body);
        ensure(headH + firstH);
        drawRow(b.header, true, headH, false);
        int i = 0;
        for (const QStringList &row : b.rows) {
            const double h = rowHeight(row, body);
            if (y + h > kBottom) {
                newPage();
                drawRow(b.header, true, headH, false);
            }
            drawRow(row, false, h, (i++ % 2) == 1);
        }
        y += 10;
    }
};

} // namespace

bool PdfReportWriter::write(const ReportDocument &doc, const QString &path, QString *error)
{
    const ReportText t(doc.language);
    Layout L;
    const QFont titleFont = ReportFonts::font(20, true);
    const QFont h1 = ReportFonts::font(15, true);
    const QFont h2 = ReportFonts::font(11, true);
    const QFont h3 = ReportFonts::font(10, true);
    const QFont body = ReportFonts::font(9);
    const QFont caption = ReportFonts::font(8);
    const QFont mono = ReportFonts::mono(8);

    L.y = kMargin + 20;
    L.text(doc.title, titleFont, 0, 18);
    bool first = true;
    for (const ReportSection &s : doc.sections) {
        // Every section after the title facts starts on a fresh page only when little room is left.
        if (!first)
            L.ensure(120);
        first = false;
        L.y += 4;
        L.text(s.title, h1, 0, 2);
        {
            const double yy = L.y;
            L.add([=](QPainter &p) {
                p.setPen(QPen(QColor(0x3b, 0x6e, 0xa8), 1));
                p.drawLine(QPointF(kMargin, yy), QPointF(kMargin + kWidth, yy));
            });
            L.y += 8;
        }
        for (const ReportBlock &b : s.blocks) {
            switch (b.kind) {
            case ReportBlock::Kind::Heading:
                L.ensure(70); // keep a heading with what follows
                L.y += 4;
                L.text(b.text, b.level <= 2 ? h2 : h3, 0, 4);
                break;
            case ReportBlock::Kind::Paragraph:
                L.text(b.text, body, 0, 8);
                break;
            case ReportBlock::Kind::List:
                for (const QString &item : b.items) {
                    const double h = Layout::textHeight(body, item, kWidth - 14);
                    L.ensure(h);
                    const double yy = L.y;
                    L.add([=](QPainter &p) {
                        p.setFont(body);
                        p.setPen(QColor(0x22, 0x22, 0x22));
                        p.drawText(QRectF(kMargin + 2, yy, 10, h), Qt::AlignLeft | Qt::AlignTop,
                                   QStringLiteral("\u2022"));
                    });
                    L.text(item, body, 14, 3);
                }
                L.y += 5;
                break;
            case ReportBlock::Kind::Label: {
                const QFont f = ReportFonts::font(8, true);
                const double h = Layout::textHeight(f, b.text, kWidth - 16) + 8;
                L.ensure(h);
                const double yy = L.y;
                const QString text = b.text;
                L.add([=](QPainter &p) {
                    p.fillRect(QRectF(kMargin, yy, kWidth, h), QColor(0xfd, 0xf3, 0xe1));
                    p.fillRect(QRectF(kMargin, yy, 3, h), QColor(0xe6, 0x9b, 0x22));
                    p.setFont(f);
                    p.setPen(QColor(0x6b, 0x45, 0x00));
                    p.drawText(QRectF(kMargin + 10, yy + 4, kWidth - 16, h - 8),
                               Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
                });
                L.y += h + 8;
                break;
            }
            case ReportBlock::Kind::Code: {
                const double h = Layout::textHeight(mono, b.text, kWidth - 12) + 8;
                L.ensure(h);
                const double yy = L.y;
                const QString text = b.text;
                L.add([=](QPainter &p) {
                    p.fillRect(QRectF(kMargin, yy, kWidth, h), QColor(0xf2, 0xf2, 0xf2));
                    p.setFont(mono);
                    p.setPen(QColor(0x22, 0x22, 0x22));
                    p.drawText(QRectF(kMargin + 6, yy + 4, kWidth - 12, h - 8),
                               Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
                });
                L.y += h + 8;
                break;
            }
            case ReportBlock::Kind::Table:
                L.table(b);
                break;
            case ReportBlock::Kind::Image: {
                const ChartSpec *chart = doc.chart(b.chartId);
                if (!chart)
                    break;
                const double h = ChartPainter::preferredHeight(*chart, kWidth);
                const double ch = Layout::textHeight(caption, b.text, kWidth);
                L.ensure(h + ch + 6);
                const QRectF r(kMargin, L.y, kWidth, h);
                L.add([=](QPainter &p) { ChartPainter::paint(p, r, *chart); });
                L.y += h + 4;
                L.text(b.text, caption, 0, 10, QColor(0x55, 0x55, 0x55));
                break;
            }
            }
        }
        L.y += 6;
    }

    // Rendered in memory, then written whole or not at all (QPdfWriter checks no write).
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0));
    writer.setResolution(300);
    writer.setTitle(doc.title);
    writer.setCreator(QStringLiteral("CampaignLens ") + QStringLiteral(CAMPAIGNLENS_VERSION));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error)
            *error = QStringLiteral("cannot write %1").arg(path);
        return false;
    }
    const double scale = 300 / 72.0;
    const int count = int(L.pages.size());
    const QFont footer = ReportFonts::font(7);
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            writer.newPage();
        painter.resetTransform();
        painter.scale(scale, scale);
        for (const Op &op : L.pages[size_t(i)])
            op(painter);
        painter.setFont(footer);
        painter.setPen(QColor(0x77, 0x77, 0x77));
        const QRectF foot(kMargin, kPageH - kMargin + 10, kWidth, 12);
        painter.drawText(foot, Qt::AlignLeft | Qt::AlignVCenter, doc.title);
        painter.drawText(foot, Qt::AlignRight | Qt::AlignVCenter,
                         t.tr("page").arg(i + 1).arg(count));
    }
    if (!painter.end()) {
        if (error)
            *error = QStringLiteral("cannot finish %1").arg(path);
        return false;
    }
    return AtomicFile::writeFile(path, pdf, error);
}

} // namespace cl
