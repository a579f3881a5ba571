// File > Connect to warehouse… (issue 14) against a real PostgreSQL 15 started here: test
// connection, columns and first rows, a live dataset stored without its password, a snapshot
// with progress, a cancelled snapshot that leaves the workspace as it was.
#include "AppContext.h"
#include "DataView.h"
#include "DatasetTableModel.h"
#include "FakeOpenAiServer.h"
#include "MainWindow.h"
#include "TestSupport.h"
#include "WarehouseDialog.h"
#include "chat/ChatPanel.h"
#include "cli/ModelCommands.h"
#include "model/ModelView.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"
#include "support/LiveChecks.h"
#include "support/PgTestServer.h"
#include "tst_chat_support.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTextEdit>
#include <QtTest>

#include <memory>

using namespace cl;

namespace {
/// How long a wait for the server's answer may last before the test fails: generous, since CI
/// runs the sanitizer build with another suite on the same two cores. A wait ends as soon as
/// its condition holds, so a passing run is no slower.
constexpr int kServerWaitMs = 90000;
} // namespace

#define REQUIRE_SERVER() CL_REQUIRE_SERVER(cl::test::PgTestServer)
#define REQUIRE_BANK() CL_REQUIRE_BANK(cl::test::PgTestServer)

class TestWarehouseGui : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<cl::test::PgTestServer> m_server;
    QTemporaryDir m_dir;
    QString m_ws;
    QString m_liveId;   ///< set once the bank table is loaded (REQUIRE_BANK)
    qint64 m_live = -1; ///< the live dataset connectLiveStoresNoPassword registered

    /// A dialog whose Test connection on `table` has finished with `ok`.
    std::unique_ptr<WarehouseDialog> probed(const QString &url, const QString &table, bool ok)
    {
        auto dialog = std::make_unique<WarehouseDialog>(m_ws);
        dialog->setConnection(url, table);
        QSignalSpy done(dialog.get(), &WarehouseDialog::probed);
        dialog->testConnection();
        if (!done.wait(60000))
            return nullptr;
        return done.first().first().toBool() == ok ? std::move(dialog) : nullptr;
    }

    /// With CL_LAYOUT_SHOTS=DIR: `window` at 1366x768 and 1920x1080 as DIR/NAME-WIDTH.png.
    static void saveShots(QWidget &window, const QString &name)
    {
        const QString shots = qEnvironmentVariable("CL_LAYOUT_SHOTS");
        if (shots.isEmpty())
            return;
        for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
            window.resize(size);
            QTest::qWait(200);
            window.grab().save(QStringLiteral("%1/%2-%3.png").arg(shots, name).arg(size.width()));
        }
    }

    /// The visible fields' and buttons' Alt+letters of `dialog`: at least 7, none twice.
    static void checkMnemonics(const QWidget &dialog)
    {
        QStringList letters;
        for (const QWidget *w : dialog.findChildren<QWidget *>()) {
            if (!w->isVisibleTo(&dialog))
                continue;
            QString text;
            if (const auto *l = qobject_cast<const QLabel *>(w); l && l->buddy())
                text = l->text();
            else if (const auto *b = qobject_cast<const QAbstractButton *>(w))
                text = b->text();
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            if (at >= 0 && at + 1 < text.size())
                letters << text.mid(at + 1, 1).toLower();
        }
        QVERIFY2(letters.size() >= 7, qPrintable(letters.join(QLatin1Char(' '))));
        QVERIFY2(QSet<QString>(letters.begin(), letters.end()).size() == letters.size(),
                 qPrintable(letters.join(QLatin1Char(' '))));
    }

    /// The Data view's line under its table (rows shown, sort, filter).
    static QString rowLabel(const DataView *data)
    {
        QString all;
        for (const QLabel *l : data->findChildren<QLabel *>())
            if (l->wordWrap() && l->text().contains(QLatin1String("live dataset")))
                all += l->text();
        return all;
    }

    static qsizetype datasetCount(const QString &path)
    {
        Workspace ws;
        return ws.open(path) ? ws.datasets().size() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!cl::test::startServer(m_server, "PostgreSQL"))
            return;
        m_ws = m_dir.filePath(QStringLiteral("ws.campaignlens"));
        Workspace ws;
        QString error;
        QVERIFY2(ws.open(m_ws, &error), qPrintable(error));
        const QString bank = cl::test::sharedBankFile(QStringLiteral("bank-additional-full.csv"));
        if (bank.isEmpty())
            return;
        QFile file(bank);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray data = file.readAll();
        QVERIFY2(m_server->psql(
                     cl::test::bankTableSql(QStringLiteral("bank"), data.left(data.indexOf('\n')))),
                 qPrintable(m_server->error()));
        QVERIFY2(m_server->psql(QStringLiteral("COPY bank FROM STDIN WITH (FORMAT csv, "
                                               "DELIMITER ';', HEADER true)"),
                                data),
                 qPrintable(m_server->error()));
        m_liveId = QStringLiteral("bank");
    }

    void testShowsColumnsRolesAndFirstRows()
    {
        REQUIRE_BANK();
        const auto dialog = probed(m_server->url(), QStringLiteral("bank"), true);
        QVERIFY(dialog);
        const auto *summary = dialog->findChild<QLabel *>(QStringLiteral("warehouseSummary"));
        QVERIFY2(summary->text().contains(QLatin1String("PostgreSQL table bank")) &&
                     summary->text().contains(QLatin1String("11.3%")),
                 qPrintable(summary->text()));
        // The file's 21 columns, the derived age band and previously_contacted, each with its
        // role.
        const auto *columns = dialog->findChild<QTableWidget *>(QStringLiteral("warehouseColumns"));
        QCOMPARE(columns->rowCount(), 23);
        QCOMPARE(columns->item(22, 0)->text(), QStringLiteral("(derived: previously_contacted)"));
        QCOMPARE(columns->item(22, 3)->text(), QStringLiteral("2 levels"));
        QCOMPARE(columns->item(21, 1)->text(), QStringLiteral("derived")); // was "not used"
        QCOMPARE(columns->item(22, 1)->text(), QStringLiteral("derived"));
        QCOMPARE(columns->item(1, 0)->text(), QStringLiteral("job"));
        QCOMPARE(columns->item(1, 1)->text(), QStringLiteral("job"));
        QCOMPARE(columns->item(1, 3)->text(), QStringLiteral("12 levels"));
        const auto *preview = dialog->findChild<QTableWidget *>(QStringLiteral("warehousePreview"));
        QCOMPARE(preview->rowCount(), 5);
        QCOMPARE(preview->columnCount(), 21);
        QCOMPARE(preview->item(0, 0)->text(), QStringLiteral("56")); // the file's first row
        if (const QString shots = qEnvironmentVariable("CL_LAYOUT_SHOTS"); !shots.isEmpty())
            for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
                // The larger one with the last columns in view: the derived ones.
                if (size.width() > 1366)
                    const_cast<QTableWidget *>(columns)->scrollToBottom();
                dialog->resize(
                    size.boundedTo(QSize(1000, 720)).expandedTo(dialog->minimumSizeHint()));
                dialog->show();
                QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
                dialog->grab().save(
                    QStringLiteral("%1/warehouse-dialog-%2.png").arg(shots).arg(size.width()));
            }
    }

    void wrongTableNamesTheEngineAndTheTable()
    {
        REQUIRE_SERVER();
        const auto dialog = probed(m_server->url(), QStringLiteral("nosuch"), false);
        QVERIFY(dialog);
        const auto *error = dialog->findChild<QLabel *>(QStringLiteral("warehouseError"));
        QVERIFY2(error->text().contains(QLatin1String("PostgreSQL")) &&
                     error->text().contains(QLatin1String("nosuch")),
                 qPrintable(error->text()));
        QVERIFY(dialog->findChild<QTableWidget *>(QStringLiteral("warehouseColumns"))->rowCount() ==
                0);
    }

    void connectLiveStoresNoPassword()
    {
        REQUIRE_BANK();
        QString url = m_server->url();
        url.replace(QStringLiteral("postgres@"), QStringLiteral("postgres:sekret-pw@"));
        QVERIFY(url.contains(QLatin1String("sekret-pw")));
        const auto dialog = probed(url, QStringLiteral("bank"), true);
        QVERIFY(dialog);
        QSignalSpy connected(dialog.get(), &WarehouseDialog::liveConnected);
        dialog->connectLive();
        QCOMPARE(connected.size(), 1);
        m_live = dialog->liveDatasetId();
        {
            Workspace ws;
            QVERIFY(ws.open(m_ws));
            const auto live = LiveDatasets::find(ws, dialog->liveDatasetId());
            QVERIFY(live);
            QCOMPARE(live->rows, qint64(41188));
            QCOMPARE(live->subscribers, qint64(4640));
            QVERIFY2(!live->url.contains(QLatin1String("sekret")), qPrintable(live->url));
        }
        QFile f(m_ws);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("sekret-pw"));
    }

    void snapshotCancelledLeavesTheWorkspaceAsItWas()
    {
        REQUIRE_BANK();
        const qsizetype before = datasetCount(m_ws);
        const auto dialog = probed(m_server->url(), QStringLiteral("bank"), true);
        QVERIFY(dialog);
        dialog->snapshot();
        dialog->reject(); // Cancel while it runs
        const auto *phase = dialog->findChild<QLabel *>(QStringLiteral("warehousePhase"));
        QTRY_VERIFY_WITH_TIMEOUT(phase->text().contains(QLatin1String("cancelled")), 60000);
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
        QCOMPARE(dialog->datasetId(), qint64(-1));
        QCOMPARE(datasetCount(m_ws), before);
    }

    void snapshotCopiesTheRows()
    {
        REQUIRE_BANK();
        const qsizetype before = datasetCount(m_ws);
        const auto dialog = probed(m_server->url(), QStringLiteral("bank"), true);
        QVERIFY(dialog);
        QSignalSpy finished(dialog.get(), &QDialog::finished);
        dialog->snapshot();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));
        Workspace ws;
        QVERIFY(ws.open(m_ws));
        const auto info = ws.dataset(dialog->datasetId());
        QVERIFY(info);
        QCOMPARE(info->rowsRead, qint64(41188));
        QCOMPARE(info->subscribers, qint64(4640));
        QCOMPARE(info->name, QStringLiteral("bank"));
        QCOMPARE(ws.datasets().size(), before + 1);
    }

    /// The live dataset in the window: in Recent datasets, its engine and table in the status
    /// bar, and the views that need a local copy say so (and what to do) instead of failing.
    void mainWindowMarksTheLiveDataset()
    {
        REQUIRE_BANK();
        QVERIFY(m_live >= 0);
        AppContext context;
        QVERIFY(context.openWorkspace(m_ws));
        MainWindow window(&context);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList recent;
        for (QMenu *menu : window.menuBar()->findChildren<QMenu *>())
            for (QAction *a : menu->actions())
                recent << a->text();
        QVERIFY2(recent.filter(QStringLiteral("(live: postgresql table bank)")).size() == 1,
                 qPrintable(recent.join(QLatin1Char('|'))));
        context.setCurrentDataset(m_live);
        QCOMPARE(context.currentDatasetId(), m_live);
        QStringList status;
        for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
            status << l->text();
        QVERIFY2(status.contains(QStringLiteral("bank — live: PostgreSQL table bank")) &&
                     status.contains(QStringLiteral("41,188 rows")),
                 qPrintable(status.join(QLatin1Char('|'))));
        // Segments are counted on the server: the default segmentation's population is the
        // table's.
        QVERIFY(window.showPanel(QStringLiteral("Segments")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                for (QLabel *l : window.findChildren<QLabel *>())
                    if (l->isVisible() &&
                        l->text().contains(QLatin1String("among 41,188 clients")) &&
                        l->text().contains(
                            QLatin1String("Counted on PostgreSQL (live table bank)")))
                        return true;
                return false;
            }(),
            "segments counted on the server", kServerWaitMs);
        saveShots(window, QStringLiteral("live-segments"));
        // The report is counted on the server too: where its rows are, and its model's held-out
        // rows.
        QVERIFY(window.showPanel(QStringLiteral("Report")));
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                for (QTextEdit *t : window.findChildren<QTextEdit *>()) {
                    const QString text = t->toPlainText();
                    if (t->isVisible() &&
                        text.contains(QLatin1String("on PostgreSQL, live table bank, counted "
                                                    "there when this report was made")) &&
                        text.contains(QLatin1String("4,640 of 41,188 clients subscribed")) &&
                        text.contains(QLatin1String("a row is held out when a hash of its "
                                                    "values falls in the lowest 20%")))
                        return true;
                }
                return false;
            }(),
            "the live report's preview", kServerWaitMs);
        for (QComboBox *c : window.findChildren<QComboBox *>())
            if (c->toolTip().startsWith(QLatin1String("The stored model run")))
                QVERIFY2(!c->isEnabled(), "a live dataset has no stored run to choose");
        saveShots(window, QStringLiteral("live-report"));
        // The Data view: the first rows as the server holds them, and the quality summary
        // counted there (the import's figures: 41,188 rows read, 12 duplicates).
        QVERIFY(window.showPanel(QStringLiteral("Data")));
        auto *data = window.findChild<DataView *>();
        QVERIFY(data);
        QTRY_COMPARE_WITH_TIMEOUT(data->tableView()->model()->rowCount(), 100, kServerWaitMs);
        QCOMPARE(data->tableView()->model()->columnCount(), 21);
        QCOMPARE(data->tableView()->model()->headerData(0, Qt::Horizontal).toString(),
                 QStringLiteral("age"));
        QStringList labels;
        for (QLabel *l : data->findChildren<QLabel *>())
            labels << l->text();
        const QString all = labels.join(QLatin1Char('|'));
        QVERIFY2(all.contains(QLatin1String("bank is a live dataset: the first 100 of its "
                                            "41,188 rows as PostgreSQL holds them")) &&
                     all.contains(QLatin1String("Live: PostgreSQL table bank")) &&
                     labels.contains(QStringLiteral("41,188")) && labels.contains("12"),
                 qPrintable(all));
        // The plain words speak of the table's rows, not of a file's lines.
        QVERIFY2(all.contains(QLatin1String("Every row of the table was counted where it is "
                                            "held; none was copied.")) &&
                     !all.contains(QLatin1String("line of the file")),
                 qPrintable(all));
        // Sorting and filtering run on the server: a click on "age" reads the youngest
        // clients, a second the oldest, and a filter counts its rows there (psql agrees).
        const auto psqlValue = [&](const QString &sql) {
            QString out;
            return m_server->psql(QStringLiteral("COPY (%1) TO STDOUT").arg(sql), {}, &out)
                       ? out.trimmed()
                       : QStringLiteral("error");
        };
        const auto cell = [&](int row, const QString &column) {
            const QAbstractItemModel *m = data->tableView()->model();
            for (int c = 0; c < m->columnCount(); ++c)
                if (m->headerData(c, Qt::Horizontal).toString() == column)
                    return m->index(row, c).data().toString();
            return QStringLiteral("no column");
        };
        QHeaderView *header = data->tableView()->horizontalHeader();
        QVERIFY(header->sectionsClickable());
        const int ageX = header->sectionViewportPosition(0) + header->sectionSize(0) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(ageX, 5));
        QTRY_COMPARE_WITH_TIMEOUT(cell(0, QStringLiteral("age")),
                                  psqlValue(QStringLiteral("SELECT min(age) FROM bank")),
                                  kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(rowLabel(data).contains(QLatin1String(", sorted by age")),
                                 kServerWaitMs);
        QCOMPARE(data->tableView()->model()->rowCount(), 100);
        QVERIFY(cell(99, QStringLiteral("age")).toInt() >= cell(0, QStringLiteral("age")).toInt());
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(ageX, 5));
        QTRY_COMPARE_WITH_TIMEOUT(cell(0, QStringLiteral("age")),
                                  psqlValue(QStringLiteral("SELECT max(age) FROM bank")),
                                  kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            rowLabel(data).contains(QLatin1String("sorted by age, descending")), kServerWaitMs);
        const TableFilter retired{QStringLiteral("job"), TableFilter::Op::Equals,
                                  QStringLiteral("retired")};
        QVERIFY(data->showRowsWhere(retired));
        const QString retiredCount =
            QLocale(QLocale::English)
                .toString(
                    psqlValue(QStringLiteral("SELECT count(*) FROM bank WHERE job = 'retired'"))
                        .toLongLong());
        QTRY_VERIFY2_WITH_TIMEOUT(
            rowLabel(data).contains(QStringLiteral("%1 of its 41,188 rows match job equals "
                                                   "“retired” on PostgreSQL")
                                        .arg(retiredCount)),
            qPrintable(rowLabel(data)), kServerWaitMs);
        for (int r = 0; r < data->tableView()->model()->rowCount(); ++r)
            QCOMPARE(cell(r, QStringLiteral("job")), QStringLiteral("retired"));
        // Still sorted: the oldest retired client first.
        QCOMPARE(cell(0, QStringLiteral("age")),
                 psqlValue(QStringLiteral("SELECT max(age) FROM bank WHERE job = 'retired'")));
        // "contains" ignores case and reads numbers as their text.
        QVERIFY(data->showRowsWhere(
            {QStringLiteral("poutcome"), TableFilter::Op::Contains, QStringLiteral("SUCC")}));
        const QString successCount =
            QLocale(QLocale::English)
                .toString(psqlValue(QStringLiteral(
                                        "SELECT count(*) FROM bank WHERE poutcome = 'success'"))
                              .toLongLong());
        QTRY_VERIFY2_WITH_TIMEOUT(
            rowLabel(data).contains(
                QStringLiteral("%1 of its 41,188 rows match poutcome contains").arg(successCount)),
            qPrintable(rowLabel(data)), kServerWaitMs);
        saveShots(window, QStringLiteral("live-data"));
        data->clearFilter();
        QTRY_VERIFY2_WITH_TIMEOUT(rowLabel(data).contains(QLatin1String("the first 100 of its "
                                                                        "41,188 rows")),
                                  qPrintable(rowLabel(data)), kServerWaitMs);
        // Back on a local dataset, the table is the workspace's again, sortable.
        for (const DatasetInfo &d : context.datasets()) {
            context.setCurrentDataset(d.id);
            break;
        }
        QVERIFY(data->tableView()->model() == static_cast<QAbstractItemModel *>(data->model()));
        QVERIFY(data->tableView()->horizontalHeader()->sectionsClickable());
        labels.clear();
        for (QLabel *l : data->findChildren<QLabel *>())
            labels << l->text();
        QVERIFY2(labels.join(QLatin1Char('|'))
                     .contains(QLatin1String("Every line of the file "
                                             "was read.")),
                 qPrintable(labels.join(QLatin1Char('|'))));
    }

    /// The Model view on the live dataset: the default model fitted on PostgreSQL over every
    /// row, with Cancel, equal to the snapshot's fit on all its rows (1e-9), and no split to
    /// choose; what it did on the server is in the status.
    void modelViewFitsOnTheServer()
    {
        REQUIRE_BANK();
        QVERIFY(m_live >= 0);
        QString localId;
        {
            Workspace ws;
            QVERIFY(ws.open(m_ws));
            for (const DatasetInfo &d : ws.datasets())
                if (d.rowsRead == 41188)
                    localId = QString::number(d.id);
        }
        QVERIFY2(!localId.isEmpty(), "the snapshot of snapshotCopiesTheRows");
        AppContext context;
        QVERIFY(context.openWorkspace(m_ws));
        context.setCurrentDataset(m_live);
        MainWindow window(&context);
        window.resize(1366, 768);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPanel(QStringLiteral("Model")));
        auto *view = window.findChild<ModelView *>();
        QVERIFY(view);
        QPushButton *fitButton = nullptr;
        for (QPushButton *b : view->findChildren<QPushButton *>())
            if (b->text() == QLatin1String("Fit"))
                fitButton = b;
        QVERIFY(fitButton);
        QTRY_VERIFY_WITH_TIMEOUT(fitButton->isEnabled(), kServerWaitMs);
        // Rows are held out by row hash on the server unless asked otherwise.
        QCOMPARE(view->splitKind(), SplitKind::RowHash);
        // A fit cancelled on the server leaves no result.
        QVERIFY(view->fit());
        view->cancelFit();
        QTRY_VERIFY_WITH_TIMEOUT(!view->isFitting(), kServerWaitMs);
        QVERIFY(!view->hasResult());
        QVERIFY(view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(!view->isFitting(), 120000);
        QVERIFY2(view->hasResult(), "the fit on the server");
        const auto status = [&] {
            QStringList all;
            for (QLabel *l : view->findChildren<QLabel *>())
                all << l->text();
            return all.join(QLatin1Char('|'));
        };
        const auto metrics = [&] {
            QString all;
            for (QTextBrowser *b : view->findChildren<QTextBrowser *>())
                all += b->toPlainText() + QLatin1Char('|');
            return all;
        };
        // The held-out rows are the snapshot's under --split hash: the same clients, metrics
        // and estimates.
        const QJsonObject hashed = cl::test::modelJson(m_ws, localId, {}, QStringLiteral("hash"));
        const QJsonObject heldOut = hashed.value(QStringLiteral("metrics"))
                                        .toObject()
                                        .value(QStringLiteral("held_out"))
                                        .toObject();
        const HeldOutMetrics &h = view->result()->report.heldOut;
        QCOMPARE(double(h.rows), heldOut.value(QStringLiteral("rows")).toDouble());
        QCOMPARE(double(h.positives), heldOut.value(QStringLiteral("positives")).toDouble());
        const double auc =
            heldOut.value(QStringLiteral("auc")).toObject().value(QStringLiteral("auc")).toDouble();
        QVERIFY2(std::abs(h.auc.auc - auc) <= 1e-6, qPrintable(QString::number(h.auc.auc)));
        QVERIFY2(status().contains(QLatin1String("clients chosen by a hash of their values were "
                                                 "held out to test it")),
                 qPrintable(status()));
        QTRY_VERIFY2_WITH_TIMEOUT(
            metrics().contains(QStringLiteral("Held out: %L1 clients").arg(qulonglong(h.rows))) &&
                metrics().contains(QLatin1String("(row-hash split)")),
            qPrintable(metrics()), 5000);
        QCOMPARE(view->result()->roc.size(), size_t(11)); // through the decile cuts
        saveShots(window, QStringLiteral("live-model-heldout"));
        window.resize(1366, 768);

        // Fitted on every row when asked: the local fit's estimates.
        view->setSplitKind(SplitKind::None);
        QVERIFY(view->fit());
        QTRY_VERIFY_WITH_TIMEOUT(!view->isFitting(), 120000);
        QVERIFY2(view->hasResult(), "the fit on the server");
        QVERIFY2(status().contains(QLatin1String("Fitted on PostgreSQL over every row of bank "
                                                 "(41,188 clients)")) &&
                     status().contains(QLatin1String("no held-out metrics")),
                 qPrintable(status()));
        // The metrics (filled a turn of the event loop later) say what a live dataset offers:
        // the split by row hash, not one it cannot take.
        QTRY_VERIFY2_WITH_TIMEOUT(metrics().contains(QLatin1String(
                                      "Fitted on all 41,188 clients where PostgreSQL holds them")),
                                  qPrintable(metrics()), 5000);
        QVERIFY2(metrics().contains(QLatin1String("fit it with the split by row hash")) &&
                     !metrics().contains(QLatin1String("Choose a time or random split")),
                 qPrintable(metrics()));
        const QJsonObject local = cl::test::modelJson(m_ws, localId);
        QHash<QString, QJsonObject> byTerm;
        for (const QJsonValue &v : local.value(QStringLiteral("coefficients")).toArray())
            byTerm.insert(v.toObject().value(QStringLiteral("term")).toString(), v.toObject());
        const std::vector<TermEstimate> &terms = view->result()->report.fit.terms;
        QVERIFY(terms.size() > 20);
        QCOMPARE(qsizetype(terms.size()), byTerm.size());
        for (const TermEstimate &t : terms) {
            QVERIFY2(byTerm.contains(t.name), qPrintable(t.name));
            const double e = byTerm.value(t.name).value(QStringLiteral("estimate")).toDouble();
            const double se = byTerm.value(t.name).value(QStringLiteral("se")).toDouble();
            QVERIFY2(std::abs(t.estimate - e) <= 1e-9 * std::max(std::abs(e), 1e-12) &&
                         std::abs(t.stdError - se) <= 1e-9 * se,
                     qPrintable(t.name));
        }
        // The targeting list, chosen on the server: the file `score` writes for the same model.
        const QString gui = m_dir.filePath(QStringLiteral("gui-list.csv"));
        const QString cli = m_dir.filePath(QStringLiteral("cli-list.csv"));
        QSignalSpy written(view, &ModelView::liveTargetListWritten);
        QVERIFY(view->exportLiveTargetList(gui, 1, true, {}));
        QVERIFY(written.wait(60000));
        QVERIFY2(written.first().at(0).toLongLong() == 412,
                 qPrintable(written.first().at(1).toString()));
        const auto score =
            cl::test::runCli(cli::runScoreCommand,
                             {QStringLiteral("--dataset"), QString::number(m_live),
                              QStringLiteral("--top"), QStringLiteral("1%"),
                              QStringLiteral("--out"), cli, QStringLiteral("--workspace"), m_ws});
        QVERIFY2(score.code == 0, qPrintable(score.err));
        QFile a(gui), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray guiBytes = a.readAll();
        QCOMPARE(guiBytes, b.readAll());
        QVERIFY(guiBytes.startsWith("age,job,marital,education,"));
        QVERIFY2(status().contains(QLatin1String("Wrote the best 412 of 41,188 clients")),
                 qPrintable(status()));
        saveShots(window, QStringLiteral("live-model"));
        // Every view, the Data view's live notice included, fits a 1366-pixel screen.
        QVERIFY2(window.minimumSizeHint().width() <= 1366,
                 qPrintable(QString::number(window.minimumSizeHint().width())));
    }

    /// The chat dock on the live dataset: the model's run_sql is answered by the server, and
    /// what goes to the model is the engine's aggregate.
    void chatPanelAsksTheServer()
    {
        REQUIRE_BANK();
        QVERIFY(m_live >= 0);
        qunsetenv("OPENAI_BASE_URL");
        qunsetenv("OPENAI_API_KEY");
        AppContext context;
        QVERIFY(context.openWorkspace(m_ws));
        context.setCurrentDataset(m_live);
        cl::test::FakeOpenAiServer server;
        QVERIFY(server.listen());
        server.enqueue(cl::test::toolCallResponse(
            {{QStringLiteral("run_sql"),
              QJsonObject{{QStringLiteral("sql"),
                           QStringLiteral("SELECT contact, COUNT(*) AS n, AVG(y) AS rate FROM "
                                          "live_%1 GROUP BY contact ORDER BY n DESC")
                               .arg(m_live)}}}},
            true));
        server.enqueue(
            cl::test::textResponse(QStringLiteral("Cellular contacts answer more."), true));
        ChatPanel panel(&context);
        panel.setPreviewRequired(false);
        panel.setConnection(server.baseUrl(), QStringLiteral("gpt-4o-mini"),
                            QStringLiteral("sk-test-KEY"));
        QSignalSpy shown(&panel, &ChatPanel::answerShown);
        QVERIFY(panel.ask(QStringLiteral("Does the contact channel matter?")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, kServerWaitMs);
        QCOMPARE(server.requests().size(), 2);
        // 26,144 cellular contacts (14.74% subscribed), as pandas counts the file.
        const QByteArray second = server.requests().at(1).body;
        QVERIFY2(second.contains("[\\\"cellular\\\",26144,0.1473"), second.right(800).constData());
        bool found = false;
        for (auto *b : panel.findChildren<QTextBrowser *>())
            found |= b->toPlainText().contains(QLatin1String("Cellular contacts answer more"));
        QVERIFY(found);
    }

    /// Rows from a query: tested and previewed as a table is, connected live with the query
    /// stored (without its semicolon) and taken as a snapshot of exactly its rows; a query
    /// the server refuses is named with the engine's words.
    void queryRowsConnectLiveAndSnapshot()
    {
        REQUIRE_BANK();
        WarehouseDialog dialog(m_ws);
        dialog.setQueryConnection(m_server->url(),
                                  QStringLiteral("SELECT * FROM bank WHERE contact = 'cellular';"),
                                  QStringLiteral("cellular"));
        QSignalSpy done(&dialog, &WarehouseDialog::probed);
        dialog.testConnection();
        QVERIFY(done.wait(60000));
        const auto *error = dialog.findChild<QLabel *>(QStringLiteral("warehouseError"));
        QVERIFY2(done.first().first().toBool(), qPrintable(error->text()));
        const auto *summary = dialog.findChild<QLabel *>(QStringLiteral("warehouseSummary"));
        QVERIFY2(
            summary->text().contains(QLatin1String("PostgreSQL query cellular: 26,144 rows")) &&
                summary->text().contains(QLatin1String("3,853 subscribers")),
            qPrintable(summary->text()));
        const auto *preview = dialog.findChild<QTableWidget *>(QStringLiteral("warehousePreview"));
        QCOMPARE(preview->rowCount(), 5);
        int contact = -1;
        for (int c = 0; c < preview->columnCount(); ++c)
            if (preview->horizontalHeaderItem(c)->text() == QLatin1String("contact"))
                contact = c;
        QVERIFY(contact >= 0);
        for (int r = 0; r < preview->rowCount(); ++r)
            QCOMPARE(preview->item(r, contact)->text(), QStringLiteral("cellular"));
        if (const QString shots = qEnvironmentVariable("CL_LAYOUT_SHOTS"); !shots.isEmpty()) {
            dialog.resize(QSize(1000, 720).expandedTo(dialog.minimumSizeHint()));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.grab().save(QStringLiteral("%1/warehouse-query-dialog.png").arg(shots));
        }

        // Alt+letter reaches each field and button, for a query as for a table: no letter
        // is used twice (Address and Table both took Alt+A).
        checkMnemonics(dialog);
        WarehouseDialog tableDialog(m_ws);
        tableDialog.setConnection(m_server->url(), QStringLiteral("bank"));
        checkMnemonics(tableDialog);
        if (QTest::currentTestFailed())
            return;

        QSignalSpy connected(&dialog, &WarehouseDialog::liveConnected);
        dialog.connectLive();
        QCOMPARE(connected.size(), 1);
        {
            Workspace ws;
            QVERIFY(ws.open(m_ws));
            const auto live = LiveDatasets::find(ws, dialog.liveDatasetId());
            QVERIFY(live);
            QCOMPARE(live->query, QStringLiteral("SELECT * FROM bank WHERE contact = 'cellular'"));
            QCOMPARE(live->name, QStringLiteral("cellular"));
            QCOMPARE(live->rows, qint64(26144));
        }

        QSignalSpy finished(&dialog, &QDialog::finished);
        dialog.snapshot();
        QVERIFY(finished.wait(120000));
        QCOMPARE(finished.first().first().toInt(), int(QDialog::Accepted));
        {
            Workspace ws;
            QVERIFY(ws.open(m_ws));
            const auto info = ws.dataset(dialog.datasetId());
            QVERIFY(info);
            QCOMPARE(info->rowsRead, qint64(26144));
            QCOMPARE(info->subscribers, qint64(3853));
            QCOMPARE(info->name, QStringLiteral("cellular"));
        }

        WarehouseDialog refused(m_ws);
        refused.setQueryConnection(m_server->url(), QStringLiteral("SELECT * FROM nosuch"));
        QSignalSpy refusedDone(&refused, &WarehouseDialog::probed);
        refused.testConnection();
        QVERIFY(refusedDone.wait(60000));
        QVERIFY(!refusedDone.first().first().toBool());
        const QString why = refused.findChild<QLabel *>(QStringLiteral("warehouseError"))->text();
        QVERIFY2(why.contains(QLatin1String("PostgreSQL")) && why.contains(QLatin1String("nosuch")),
                 qPrintable(why));
    }
};

QTEST_MAIN(TestWarehouseGui)
#include "tst_warehouse_gui.moc"
