// Issue 15 ("Clipped or unreadable"): every view of the main window at 1366x768 and 1920x1080
// on bank-additional-full, in English and with the Norwegian locale, with nothing elided or
// clipped: labels, buttons, combo boxes, table headers and cells, chart texts and dialogs.
#include "AppContext.h"
#include "AppStyle.h"
#include "ChartWidget.h"
#include "FakeOpenAiServer.h"
#include "GuiLanguage.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "chat/ChatPanel.h"
#include "import/CsvImporter.h"
#include "model/ModelView.h"
#include "render/ChartPainter.h"
#include "report/ReportView.h"
#include "segments/SegmentsView.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPaintEngine>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOption>
#include <QStyleOptionFrame>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>
#include <memory>

using namespace cl;
using cl::test::FakeOpenAiServer;
using cl::test::FakeResponse;

namespace {

/// A text a chart painted: where (widget pixels), and the clip it was painted under.
struct PaintedText
{
    QString text;
    QRectF rect;
    QRectF clip; ///< null when unclipped
};

/// A paint engine that draws nothing and records every text item, with its place.
class TextRecordingEngine : public QPaintEngine
{
public:
    TextRecordingEngine() : QPaintEngine(AllFeatures) {}
    QList<PaintedText> texts;

    bool begin(QPaintDevice *) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState &) override {}
    void drawPixmap(const QRectF &, const QPixmap &, const QRectF &) override {}
    void drawPath(const QPainterPath &) override {}
    void drawPolygon(const QPointF *, int, PolygonDrawMode) override {}
    void drawRects(const QRectF *, int) override {}
    void drawLines(const QLineF *, int) override {}
    void drawEllipse(const QRectF &) override {}
    void drawImage(const QRectF &, const QImage &, const QRectF &,
                   Qt::ImageConversionFlags) override
    {
    }
    void drawTiledPixmap(const QRectF &, const QPixmap &, const QPointF &) override {}
    void drawTextItem(const QPointF &p, const QTextItem &item) override
    {
        const QTransform t = painter()->transform();
        const QRectF r(p.x(), p.y() - item.ascent(), item.width(), item.ascent() + item.descent());
        PaintedText pt;
        pt.text = item.text();
        pt.rect = t.mapRect(r);
        if (painter()->hasClipping())
            pt.clip = t.mapRect(painter()->clipBoundingRect());
        texts.append(pt);
    }
    Type type() const override { return User; }
};

/// A paint device with a widget's size and resolution, painted by TextRecordingEngine.
class TextRecordingDevice : public QPaintDevice
{
public:
    explicit TextRecordingDevice(const QWidget *like) : m_like(like) {}
    QPaintEngine *paintEngine() const override { return &m_engine; }
    QList<PaintedText> texts() const { return m_engine.texts; }

protected:
    int metric(PaintDeviceMetric m) const override
    {
        switch (m) {
        case PdmWidth:
            return m_like->width();
        case PdmHeight:
            return m_like->height();
        case PdmWidthMM:
            return m_like->widthMM();
        case PdmHeightMM:
            return m_like->heightMM();
        case PdmNumColors:
            return 1 << 24;
        case PdmDepth:
            return 32;
        case PdmDpiX:
            return m_like->logicalDpiX();
        case PdmDpiY:
            return m_like->logicalDpiY();
        case PdmPhysicalDpiX:
            return m_like->physicalDpiX();
        case PdmPhysicalDpiY:
            return m_like->physicalDpiY();
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(devicePixelRatioFScale());
        }
        return 0;
    }

private:
    const QWidget *m_like;
    mutable TextRecordingEngine m_engine;
};

/// QHeaderView and QTableView keep what a test needs protected; this reaches it without
/// subclassing the widgets the window made.
struct TableAccess : QTableView
{
    using QTableView::initViewItemOption;
};

QString describe(const QWidget *w)
{
    QString name = w->objectName();
    QString path;
    for (const QWidget *p = w->parentWidget(); p && path.size() < 120; p = p->parentWidget())
        if (!p->objectName().isEmpty() && !p->objectName().startsWith(QLatin1String("qt_")))
            path = p->objectName() + QLatin1Char('/') + path;
    return QStringLiteral("%1%2 (%3)")
        .arg(path, name.isEmpty() ? QStringLiteral("<unnamed>") : name,
             QString::fromLatin1(w->metaObject()->className()));
}

QString withoutMnemonic(QString text)
{
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QLatin1Char('\x01'), QLatin1Char('&'));
    return text;
}

/// The rectangle of `w` that can be seen, in its own coordinates: cut by every ancestor up to
/// the window or to a scroll area's viewport (whose contents scroll into view).
QRect visiblePart(const QWidget *w, const QWidget **cutBy)
{
    QRect r = w->rect();
    QPoint offset(0, 0);
    const QWidget *child = w;
    for (const QWidget *p = w->parentWidget(); p; child = p, p = p->parentWidget()) {
        offset += child->pos();
        if (qobject_cast<const QAbstractScrollArea *>(p->parentWidget()))
            break; // p is a viewport: its contents scroll into view
        const QRect inParent = r.translated(offset);
        const QRect seen = inParent & p->rect();
        if (seen != inParent) {
            *cutBy = p;
            r = seen.translated(-offset);
        }
        if (p->isWindow())
            break;
    }
    return r;
}

class LayoutChecker
{
public:
    QStringList problems;
    QString where;

    void add(const QWidget *w, const QString &text, const QString &what)
    {
        problems << QStringLiteral("[%1] %2 \"%3\": %4")
                        .arg(where, describe(w), text.left(80).replace(QLatin1Char('\n'), ' '),
                             what);
    }

    void check(QWidget *root)
    {
        // A text set in the last event waits for its queued layout pass; run it first, so
        // what is checked is what the next paint shows.
        for (int pass = 0; pass < 3; ++pass) {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        }
        QList<QWidget *> all = root->findChildren<QWidget *>();
        all.prepend(root);
        for (QWidget *w : all) {
            if (!w->isVisible() || w->width() <= 0 || w->height() <= 0)
                continue;
            // The tab bars' scroll arrows and the like are Qt's own business.
            if (w->objectName().startsWith(QLatin1String("qt_")))
                continue;
            if (auto *l = qobject_cast<QLabel *>(w))
                checkLabel(l);
            else if (auto *b = qobject_cast<QAbstractButton *>(w))
                checkButton(b);
            else if (auto *c = qobject_cast<QComboBox *>(w))
                checkCombo(c);
            else if (auto *h = qobject_cast<QHeaderView *>(w))
                checkHeader(h);
            else if (auto *chart = qobject_cast<ChartWidget *>(w))
                checkChart(chart);
            else if (auto *e = qobject_cast<QLineEdit *>(w))
                checkLineEdit(e);
            if (auto *t = qobject_cast<QTableView *>(w))
                checkCells(t);
            if (auto *s = qobject_cast<QScrollArea *>(w))
                checkScrollArea(s);
            if (qobject_cast<QLabel *>(w) || qobject_cast<QAbstractButton *>(w) ||
                qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w))
                checkNotCut(w);
        }
    }

private:
    void checkNotCut(QWidget *w)
    {
        const QWidget *cutBy = nullptr;
        const QRect seen = visiblePart(w, &cutBy);
        if (cutBy && seen.size() != w->size())
            add(w, textOf(w),
                QStringLiteral("only %1x%2 of %3x%4 px can be seen: cut by %5")
                    .arg(seen.width())
                    .arg(seen.height())
                    .arg(w->width())
                    .arg(w->height())
                    .arg(describe(cutBy)));
        if (!qobject_cast<QLabel *>(w)) {
            const QSize min = w->minimumSizeHint();
            if (w->width() < min.width() || w->height() < min.height())
                add(w, textOf(w),
                    QStringLiteral("squeezed to %1x%2 px, below its minimum %3x%4")
                        .arg(w->width())
                        .arg(w->height())
                        .arg(min.width())
                        .arg(min.height()));
        }
    }

    static QString textOf(const QWidget *w)
    {
        if (auto *l = qobject_cast<const QLabel *>(w))
            return l->text();
        if (auto *b = qobject_cast<const QAbstractButton *>(w))
            return b->text();
        if (auto *c = qobject_cast<const QComboBox *>(w))
            return c->currentText();
        return {};
    }

    void checkLabel(QLabel *l)
    {
        QString text = l->text();
        if (text.isEmpty() || !l->pixmap().isNull())
            return;
        const bool rich = l->textFormat() == Qt::RichText ||
                          (l->textFormat() == Qt::AutoText && Qt::mightBeRichText(text));
        if (!rich && l->buddy())
            text = withoutMnemonic(text);
        // QLabel's own measure, from the text layout it paints with.
        if (l->wordWrap()) {
            const int needH = l->heightForWidth(l->width());
            if (needH > l->height() + 1)
                add(l, text,
                    QStringLiteral("wrapped at %1 px it needs %2 px of height, has %3")
                        .arg(l->width())
                        .arg(needH)
                        .arg(l->height()));
            // A sentence squeezed into a column a few words wide (beside other widgets in a
            // row) reads one word a line: the Model tab's summary did at a desktop's font.
            const int column = l->fontMetrics().averageCharWidth() * 16;
            if (text.size() > 40 && l->width() < column)
                add(l, text,
                    QStringLiteral("wrapped into a column %1 px wide (< %2, 16 characters)")
                        .arg(l->width())
                        .arg(column));
            if (!rich) {
                // A word longer than the line is cut, not wrapped.
                const int m = l->margin();
                const QRect cr = l->contentsRect().adjusted(m, m, -m, -m);
                const QRect need = l->fontMetrics().boundingRect(
                    QRect(0, 0, cr.width(), 100000), int(l->alignment()) | Qt::TextWordWrap, text);
                if (need.width() > cr.width() + 1)
                    add(l, text,
                        QStringLiteral("a word needs %1 px, the label has %2")
                            .arg(need.width())
                            .arg(cr.width()));
            }
            return;
        }
        const QSize hint = l->sizeHint();
        if (hint.width() > l->width() + 1 || hint.height() > l->height() + 1)
            add(l, text,
                QStringLiteral("needs %1x%2 px, has %3x%4")
                    .arg(hint.width())
                    .arg(hint.height())
                    .arg(l->width())
                    .arg(l->height()));
    }

    /// A line edit showing its preset text scrolled (the start out of sight) at rest.
    void checkLineEdit(QLineEdit *e)
    {
        if (e->text().isEmpty() || e->hasFocus())
            return;
        QStyleOptionFrame opt;
        opt.initFrom(e);
        const QRect r = e->style()
                            ->subElementRect(QStyle::SE_LineEditContents, &opt, e)
                            .marginsRemoved(e->textMargins());
        const int need = e->fontMetrics().horizontalAdvance(e->displayText()) + 4;
        if (need > r.width())
            add(e, e->text(),
                QStringLiteral("text needs %1 px, the field shows %2").arg(need).arg(r.width()));
    }

    void checkButton(QAbstractButton *b)
    {
        const QString text = withoutMnemonic(b->text());
        if (text.isEmpty())
            return;
        const QFontMetrics fm = b->fontMetrics();
        const int textW = fm.horizontalAdvance(text);
        const int iconW = b->icon().isNull() ? 0 : b->iconSize().width() + 4;
        QStyle *style = b->style();
        int room = -1;
        if (auto *push = qobject_cast<QPushButton *>(b)) {
            QStyleOptionButton opt;
            opt.initFrom(push);
            opt.text = push->text();
            opt.icon = push->icon();
            opt.iconSize = push->iconSize();
            opt.rect = push->rect();
            room = style->subElementRect(QStyle::SE_PushButtonContents, &opt, push).width();
            if (push->menu())
                room -= style->pixelMetric(QStyle::PM_MenuButtonIndicator, &opt, push);
        } else if (qobject_cast<QCheckBox *>(b) || qobject_cast<QRadioButton *>(b)) {
            QStyleOptionButton opt;
            opt.initFrom(b);
            opt.text = b->text();
            opt.rect = b->rect();
            room =
                style
                    ->subElementRect(qobject_cast<QCheckBox *>(b) ? QStyle::SE_CheckBoxContents
                                                                  : QStyle::SE_RadioButtonContents,
                                     &opt, b)
                    .width();
        } else if (auto *tool = qobject_cast<QToolButton *>(b)) {
            if (tool->toolButtonStyle() == Qt::ToolButtonIconOnly && !tool->icon().isNull())
                return;
            // A tool button's size hint is its text, icon and frame, nothing more.
            if (tool->width() < tool->sizeHint().width())
                add(b, text,
                    QStringLiteral("%1 px wide, its text and icon need %2")
                        .arg(tool->width())
                        .arg(tool->sizeHint().width()));
            return;
        } else {
            return;
        }
        if (textW + iconW > room)
            add(b, text, QStringLiteral("text needs %1 px, has %2").arg(textW + iconW).arg(room));
    }

    void checkCombo(QComboBox *c)
    {
        QStyleOptionComboBox opt;
        opt.initFrom(c);
        opt.editable = c->isEditable();
        opt.frame = c->hasFrame();
        opt.currentText = c->currentText();
        opt.currentIcon = c->itemIcon(c->currentIndex());
        opt.iconSize = c->iconSize();
        opt.subControls = QStyle::SC_All;
        opt.rect = c->rect();
        QStyle *style = c->style();
        const QRect field =
            style->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxEditField, c);
        const QRect arrow =
            style->subControlRect(QStyle::CC_ComboBox, &opt, QStyle::SC_ComboBoxArrow, c);
        const int need = c->fontMetrics().horizontalAdvance(opt.currentText) +
                         (opt.currentIcon.isNull() ? 0 : opt.iconSize.width() + 4);
        if (need > field.width())
            add(c, opt.currentText,
                QStringLiteral("text needs %1 px, the field has %2").arg(need).arg(field.width()));
        if (arrow.width() < 6 || !c->rect().contains(arrow))
            add(c, opt.currentText, QStringLiteral("its arrow is cut (%1 px)").arg(arrow.width()));
    }

    void checkHeader(QHeaderView *h)
    {
        QAbstractItemModel *model = h->model();
        if (!model)
            return;
        const int count = h->count();
        const int first = h->logicalIndexAt(0);
        if (first < 0)
            return;
        const int extent =
            h->orientation() == Qt::Horizontal ? h->viewport()->width() : h->viewport()->height();
        const QFontMetrics fm = h->fontMetrics();
        for (int visual = h->visualIndex(first); visual < count; ++visual) {
            const int logical = h->logicalIndex(visual);
            if (h->isSectionHidden(logical))
                continue;
            const int pos = h->sectionViewportPosition(logical);
            if (pos >= extent)
                break;
            const int size = h->sectionSize(logical);
            // A section cut by the viewport's edge scrolls into view: its text is not clipped.
            if (pos < 0 || pos + size > extent)
                continue;
            const QString text = model->headerData(logical, h->orientation()).toString();
            if (text.isEmpty())
                continue;
            QStyleOptionHeader opt;
            opt.initFrom(h);
            opt.orientation = h->orientation();
            if (h->orientation() == Qt::Horizontal) {
                opt.state |= QStyle::State_Horizontal;
                opt.rect = QRect(0, 0, size, h->height());
            } else {
                opt.rect = QRect(0, 0, h->width(), size);
            }
            opt.text = text;
            opt.section = logical;
            if (h->isSortIndicatorShown() && h->sortIndicatorSection() == logical)
                opt.sortIndicator = h->sortIndicatorOrder() == Qt::AscendingOrder
                                        ? QStyleOptionHeader::SortDown
                                        : QStyleOptionHeader::SortUp;
            const QRect label = h->style()->subElementRect(QStyle::SE_HeaderLabel, &opt, h);
            int need = 0, lines = 0;
            for (const QString &line : text.split(QLatin1Char('\n'))) {
                need = std::max(need, fm.horizontalAdvance(line));
                ++lines;
            }
            if (need > label.width() || lines * fm.height() > label.height() + 2)
                add(h, text,
                    QStringLiteral("header section %1 needs %2x%3 px, has %4x%5")
                        .arg(logical)
                        .arg(need)
                        .arg(lines * fm.height())
                        .arg(label.width())
                        .arg(label.height()));
        }
    }

    void checkCells(QTableView *t)
    {
        QAbstractItemModel *model = t->model();
        QAbstractItemDelegate *delegate = t->itemDelegate();
        if (!model || !delegate)
            return;
        const int top = t->rowAt(0);
        if (top < 0)
            return;
        const int bottom = t->rowAt(t->viewport()->height() - 1);
        const int lastRow = bottom < 0 ? model->rowCount() - 1 : bottom;
        QStyleOptionViewItem opt;
        (t->*(&TableAccess::initViewItemOption))(&opt);
        for (int row = top; row <= lastRow; ++row) {
            for (int col = 0; col < model->columnCount(); ++col) {
                if (t->isColumnHidden(col))
                    continue;
                const QRect r = t->visualRect(model->index(row, col));
                // Cells at the viewport's edge scroll into view; only whole cells count.
                if (r.isEmpty() || !t->viewport()->rect().contains(r))
                    continue;
                const QModelIndex index = model->index(row, col);
                QStyleOptionViewItem cell = opt;
                cell.rect = r;
                const QSize need = delegate->sizeHint(cell, index);
                if (need.width() > r.width() + 1)
                    add(t, index.data().toString(),
                        QStringLiteral("cell (%1, %2) needs %3 px, has %4")
                            .arg(row)
                            .arg(col)
                            .arg(need.width())
                            .arg(r.width()));
            }
        }
    }

    void checkScrollArea(QScrollArea *s)
    {
        QWidget *content = s->widget();
        if (!content || s->horizontalScrollBarPolicy() != Qt::ScrollBarAlwaysOff)
            return;
        if (content->width() > s->viewport()->width())
            add(s, QString(),
                QStringLiteral("its contents are %1 px wide, %2 px can be seen (no scroll bar)")
                    .arg(content->width())
                    .arg(s->viewport()->width()));
    }

    /// The chart's texts as ChartPainter lays them out at the widget's size: none elided,
    /// none cut by its box or the widget, no two on top of each other.
    void checkChart(ChartWidget *chart)
    {
        TextRecordingDevice device(chart);
        {
            QPainter p(&device);
            constexpr double scale = ChartPainter::kScreenScale;
            p.scale(scale, scale);
            ChartPainter::paint(p, QRectF(0, 0, chart->width() / scale, chart->height() / scale),
                                chart->chart());
        }
        const QList<PaintedText> texts = device.texts();
        const QRectF bounds = QRectF(chart->rect()).adjusted(-1, -1, 1, 1);
        for (int i = 0; i < texts.size(); ++i) {
            const PaintedText &t = texts[i];
            if (t.text.trimmed().isEmpty())
                continue;
            if (t.text.contains(QChar(0x2026)))
                add(chart, t.text, QStringLiteral("chart text elided"));
            else if (!bounds.contains(t.rect))
                add(chart, t.text, QStringLiteral("chart text outside the chart"));
            else if (!t.clip.isNull() && !t.clip.adjusted(-1, -1, 1, 1).contains(t.rect))
                add(chart, t.text,
                    QStringLiteral("chart text cut by its box (%1 px of %2 shown)")
                        .arg(qRound((t.clip & t.rect).width()))
                        .arg(qRound(t.rect.width())));
            for (int j = i + 1; j < texts.size(); ++j) {
                const QRectF both = t.rect.adjusted(1, 1, -1, -1) & texts[j].rect;
                if (!texts[j].text.trimmed().isEmpty() && both.width() > 1 && both.height() > 1)
                    add(chart, t.text + QStringLiteral(" / ") + texts[j].text,
                        QStringLiteral("chart texts overlap"));
            }
        }
    }
};

} // namespace

class TestLayoutFit : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_workspace;
    QString m_bankFile;

    /// Runs `check` on the next modal dialog `open` shows, then closes that dialog.
    static bool onModalDialog(const std::function<void()> &open,
                              const std::function<void(QDialog *)> &check)
    {
        bool seen = false;
        QTimer timer;
        timer.setInterval(100);
        QObject::connect(&timer, &QTimer::timeout, [&] {
            auto *d = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!d || seen)
                return;
            seen = true;
            QTest::qWait(400); // the dialog's first layout and queued reads
            check(d);
            d->reject();
        });
        timer.start();
        open();
        return seen;
    }

    static void shoot(QWidget *w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("CL_LAYOUT_SHOTS");
        if (!dir.isEmpty())
            w->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // The app's style; CAMPAIGNLENS_PALETTE=dark checks (and shoots) the dark palette.
        applyAppStyle(qApp, paletteChoiceFromName(qEnvironmentVariable("CAMPAIGNLENS_PALETTE")));
        m_bankFile = test::sharedBankFile(QStringLiteral("bank-additional-full.csv"));
        if (m_bankFile.isEmpty())
            QSKIP("../shared/data/uci-bank-marketing/bank-additional-full.csv not present: "
                  "skipped");
        m_workspace = m_dir.filePath(QStringLiteral("layout.campaignlens"));
        AppContext context;
        QString error;
        QVERIFY2(context.openWorkspace(m_workspace, &error), qPrintable(error));
        ImportOptions options;
        options.path = m_bankFile;
        const ImportResult r = CsvImporter(context.workspace()).run(options);
        QVERIFY2(r.ok(), qPrintable(r.error));
    }

    void everyViewFits_data()
    {
        QTest::addColumn<QSize>("screen");
        QTest::addColumn<QString>("locale");
        QTest::newRow("1366x768 en") << QSize(1366, 768) << QStringLiteral("en_US");
        QTest::newRow("1920x1080 en") << QSize(1920, 1080) << QStringLiteral("en_US");
        // Norwegian numbers (non-breaking spaces, decimal commas) are wider.
        QTest::newRow("1366x768 nb") << QSize(1366, 768) << QStringLiteral("nb_NO");
        QTest::newRow("1920x1080 nb") << QSize(1920, 1080) << QStringLiteral("nb_NO");
        // A desktop's font (GTK's default "Sans 10", as Qt's gtk3 platform theme gives it) is
        // larger than the offscreen platform's: the smallest screen in the widest language.
        QTest::newRow("1366x768 nb desktop font") << QSize(1366, 768) << QStringLiteral("nb_NO");
    }

    void everyViewFits()
    {
        QFETCH(QSize, screen);
        QFETCH(QString, locale);
        const QLocale previous;
        QLocale::setDefault(QLocale(locale));
        // The nb rows run the GUI in bokmål, as `--lang nb` or a Norwegian desktop does.
        QVERIFY(installGuiLanguage(locale.left(2) == QLatin1String("nb") ? QStringLiteral("nb")
                                                                         : QStringLiteral("en")));
        const auto restoreLocale = qScopeGuard([previous] {
            QLocale::setDefault(previous);
            installGuiLanguage(QStringLiteral("en"));
        });
        QString tag =
            QStringLiteral("%1x%2-%3").arg(screen.width()).arg(screen.height()).arg(locale.left(2));
        const QFont appFont = QApplication::font();
        const auto restoreFont = qScopeGuard([appFont] { QApplication::setFont(appFont); });
        if (QString::fromLatin1(QTest::currentDataTag()).endsWith(QLatin1String("desktop font"))) {
            QFont desktop(QStringLiteral("Sans Serif"));
            desktop.setPointSizeF(10);
            QApplication::setFont(desktop);
            tag += QStringLiteral("-desktopfont");
        }

        AppContext context;
        QVERIFY(context.openWorkspace(m_workspace));
        qunsetenv("OPENAI_BASE_URL");
        qunsetenv("OPENAI_API_KEY");
        MainWindow window(&context);
        // The screen less a title bar and a task bar, as a maximised window gets it.
        const QSize area(screen.width(), screen.height() - 70);
        window.setWindowState(Qt::WindowNoState);
        window.resize(area);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openInitialDataset();
        QVERIFY(context.currentDatasetId() >= 0);
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("chatDock"));
        QVERIFY(dock);
        window.resizeDocks(
            {dock}, {std::max(dock->minimumSizeHint().width(), std::min(area.width() / 4, 440))},
            Qt::Horizontal);
        QCOMPARE(window.size(), area);

        // A pinned chat answer in the dock, from a scripted server.
        FakeOpenAiServer server;
        QVERIFY(server.listen());
        const QString answer = QStringLiteral(
            "Students and retired clients respond best: 31.4% and 25.2% against 11.3% overall. "
            "Call them first, then clients whose previous campaign succeeded "
            "(poutcome=success, 65.1%). A long identifier such as "
            "previously_contacted_and_university.degree_holders must wrap as well.");
        const QJsonObject msg{{"role", "assistant"}, {"content", answer}};
        server.enqueue(FakeResponse::json(
            200, QJsonDocument(
                     QJsonObject{{"id", "chatcmpl-L"},
                                 {"model", "gpt-4o-mini"},
                                 {"choices",
                                  QJsonArray{QJsonObject{
                                      {"index", 0}, {"message", msg}, {"finish_reason", "stop"}}}},
                                 {"usage", QJsonObject{{"prompt_tokens", 1200},
                                                       {"completion_tokens", 80},
                                                       {"total_tokens", 1280}}}})
                     .toJson(QJsonDocument::Compact)));
        auto *chat = qobject_cast<ChatPanel *>(dock->widget());
        QVERIFY(chat);
        chat->setPreviewRequired(false);
        chat->setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-LAYOUT"));
        QSignalSpy shown(chat, &ChatPanel::answerShown);
        QVERIFY(chat->ask(QStringLiteral("Which segments should we prioritise next?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 15000);
        auto *pin = chat->findChild<QToolButton *>(QStringLiteral("pinToReport"));
        QVERIFY(pin);
        if (!pin->isChecked()) // pinned by an earlier row on the same workspace
            QTest::mouseClick(pin, Qt::LeftButton);
        QVERIFY(pin->isChecked());

        LayoutChecker checker;
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);

        // Data.
        QVERIFY(window.showPanel(QStringLiteral("Data")));
        QTest::qWait(300);
        checker.where = tag + QStringLiteral(" Data");
        checker.check(&window);
        shoot(&window, QStringLiteral("data-") + tag);

        // Segments: the bar chart on the default dimensions, the heatmap on two.
        auto *segments = window.findChild<SegmentsView *>();
        QVERIFY(segments);
        QSignalSpy segmentsShown(segments, &SegmentsView::resultShown);
        QVERIFY(window.showPanel(QStringLiteral("Segments")));
        QTRY_VERIFY_WITH_TIMEOUT(segmentsShown.count() > 0 && !segments->isBusy(), 60000);
        QTest::qWait(200);
        checker.where = tag + QStringLiteral(" Segments/bars");
        checker.check(&window);
        shoot(&window, QStringLiteral("segments-bars-") + tag);
        auto *segmentTable = segments->findChild<QTableView *>();
        QVERIFY(segmentTable);
        const int rowsSeen = segmentTable->viewport()->height() /
                             segmentTable->verticalHeader()->defaultSectionSize();
        if (screen.height() <= 768 && rowsSeen < 8)
            checker.problems << QStringLiteral("[%1] the segment table shows %2 rows (< 8)")
                                    .arg(checker.where)
                                    .arg(rowsSeen);
        segmentsShown.clear();
        segments->setDimensions({QStringLiteral("job"), QStringLiteral("education")});
        QTRY_VERIFY_WITH_TIMEOUT(segmentsShown.count() > 0 && !segments->isBusy(), 30000);
        auto *chartTabs = segments->findChild<QTabWidget *>();
        QVERIFY(chartTabs);
        chartTabs->setCurrentIndex(1);
        QTest::qWait(200);
        checker.where = tag + QStringLiteral(" Segments/heatmap");
        checker.check(&window);
        shoot(&window, QStringLiteral("segments-heatmap-") + tag);

        // Model, after a fit.
        auto *model = window.findChild<ModelView *>();
        QVERIFY(model);
        QSignalSpy frameReady(model, &ModelView::frameReady);
        QVERIFY(window.showPanel(QStringLiteral("Model")));
        QTRY_VERIFY_WITH_TIMEOUT(frameReady.count() > 0, 60000);
        QSignalSpy fitted(model, &ModelView::fitCompleted);
        QSignalSpy failed(model, &ModelView::fitFailed);
        QVERIFY(model->fit());
        QTRY_VERIFY_WITH_TIMEOUT(fitted.count() + failed.count() > 0, 120000);
        QCOMPARE(failed.count(), 0);
        QTest::qWait(300);
        checker.where = tag + QStringLiteral(" Model");
        checker.check(&window);
        shoot(&window, QStringLiteral("model-") + tag);

        // Report, with the pinned question in its preview.
        auto *report = window.findChild<ReportView *>();
        QVERIFY(report);
        QSignalSpy previewed(report, &ReportView::previewUpdated);
        QVERIFY(window.showPanel(QStringLiteral("Report")));
        // "Building the report preview…" counts as an update too: wait for the built one,
        // else the status under Export changes (and wraps) while the checker looks.
        QTRY_VERIFY_WITH_TIMEOUT(previewed.count() > 0 && !report->isBuildingPreview(), 60000);
        QTest::qWait(300);
        checker.where = tag + QStringLiteral(" Report");
        checker.check(&window);
        shoot(&window, QStringLiteral("report-") + tag);

        // The dialogs: File > Open dataset (its preview) and Chat > Settings.
        QVERIFY(onModalDialog([&] { window.openDataset(m_bankFile); },
                              [&](QDialog *d) {
                                  checker.where = tag + QStringLiteral(" Import dialog");
                                  checker.check(d);
                                  shoot(d, QStringLiteral("import-") + tag);
                              }));
        QToolButton *settings = nullptr;
        for (auto *b : chat->findChildren<QToolButton *>())
            if (b->text() == QCoreApplication::translate("cl::ChatPanel", "Settings…"))
                settings = b;
        QVERIFY(settings);
        QVERIFY(onModalDialog([&] { settings->click(); },
                              [&](QDialog *d) {
                                  checker.where = tag + QStringLiteral(" Chat settings");
                                  checker.check(d);
                                  shoot(d, QStringLiteral("chat-settings-") + tag);
                              }));

        checker.problems.removeDuplicates();
        // One line each: QTest cuts a long failure message.
        for (const QString &problem : std::as_const(checker.problems))
            qInfo().noquote() << problem;
        QVERIFY2(checker.problems.isEmpty(),
                 qPrintable(QStringLiteral("%1 texts clipped or elided, listed above")
                                .arg(checker.problems.size())));
    }
};

QTEST_MAIN(TestLayoutFit)
#include "tst_layout_fit.moc"
