// Widget tests: the main window on a small workspace, the data model, the import dialog.
#include "AppContext.h"
#include "DataView.h"
#include "DatasetTableModel.h"
#include "ImportDialog.h"
#include "ImportRunner.h"
#include "MainWindow.h"
#include "RejectedRowsDialog.h"
#include "TestSupport.h"
#include "import/CsvImporter.h"
#include "report/ReportView.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace cl;

class TestUi : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_context;
    int m_counter = 0;

    qint64 importFixture(const QString &path)
    {
        ImportOptions options;
        options.path = path;
        const ImportResult r = CsvImporter(m_context->workspace()).run(options);
        if (!r.ok())
            qWarning() << r.error;
        return r.ok() ? r.datasetId : -1;
    }

    /// A bank-style CSV of `rows` rows written into the temporary folder.
    QString writeLargeFixture(int rows)
    {
        const QString path = m_dir.filePath(QStringLiteral("ui_large_%1.csv").arg(rows));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        // Column 2 counts the rows (0 .. rows - 1): a column with no role, since a count of
        // contacts ("campaign") above 10,000 is rejected as implausible.
        const char *jobs[] = {"admin.", "services", "retired", "student"};
        f.write("age,job,serial,y\n");
        for (int i = 0; i < rows; ++i)
            f.write(QStringLiteral("%1,%2,%3,%4\n")
                        .arg(18 + i % 70)
                        .arg(QLatin1String(jobs[i % 4]))
                        .arg(i)
                        .arg(i % 9 == 0 ? "yes" : "no")
                        .toUtf8());
        return path;
    }

    /// With CL_UI_SHOTS=DIR set, saves a picture of the widget there (to look at it).
    static void saveShot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("CL_UI_SHOTS");
        if (!dir.isEmpty())
            widget->grab().save(dir + QLatin1Char('/') + name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The window keeps its geometry in QSettings: not the user's, in tests.
        QStandardPaths::setTestModeEnabled(true);
    }

    void init()
    {
        m_context = std::make_unique<AppContext>();
        QString error;
        QVERIFY2(m_context->openWorkspace(
                     m_dir.filePath(QStringLiteral("ui%1.campaignlens").arg(++m_counter)), &error),
                 qPrintable(error));
    }

    void mainWindowShowsImportedDataset()
    {
        const qint64 id = importFixture(QFINDTESTDATA("data/ui_small.csv"));
        QVERIFY(id >= 0);
        MainWindow window(m_context.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openInitialDataset(); // the workspace has a dataset: no demo data needed
        QCOMPARE(m_context->currentDatasetId(), id);
        QCOMPARE(window.dataView()->model()->rowCount(), 40);
        QCOMPARE(window.dataView()->model()->columnNames().first(), QStringLiteral("age"));
        auto *tabs = window.findChild<QTabWidget *>();
        QVERIFY(tabs);
        QStringList titles;
        for (int i = 0; i < tabs->count(); ++i)
            titles << tabs->tabText(i);
        QCOMPARE(titles, QStringList({"Data", "Segments", "Model", "Report"}));
        bool rowsShown = false;
        for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
            rowsShown = rowsShown || l->text() == QStringLiteral("40 rows");
        QVERIFY(rowsShown);

        // The Report tab holds the report view (issue 6), which replaced its placeholder.
        QVERIFY(qobject_cast<cl::ReportView *>(tabs->widget(3)));
        QVERIFY(window.showPanel(QStringLiteral("Report")));
        QCOMPARE(tabs->currentIndex(), 3);
        // A new panel gets a tab and a View menu entry.
        QCOMPARE(window.addPanel(new QLabel(QStringLiteral("extra")), QStringLiteral("Extra")), 4);
        bool inViewMenu = false;
        for (QAction *a : window.findChildren<QAction *>())
            inViewMenu = inViewMenu || (a->text() == QStringLiteral("Extra") &&
                                        a->shortcut() == QKeySequence(QStringLiteral("Ctrl+5")));
        QVERIFY(inViewMenu);
    }

    // The panels' minimum widths once added up to more than a 1,400 px screen, so the Chat
    // dock was cut off. With a dataset shown (its warnings and columns), on every tab, the
    // window's minimum must leave room on a 1366x768 screen for a title bar and a task bar.
    void mainWindowMinimumSizeFitsLaptopScreen()
    {
        const qint64 id = importFixture(QFINDTESTDATA("data/mini_bank_additional.csv"));
        QVERIFY(id >= 0);
        MainWindow window(m_context.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openInitialDataset();
        QCOMPARE(m_context->currentDatasetId(), id);
        auto *tabs = window.findChild<QTabWidget *>();
        auto *dock = window.findChild<QDockWidget *>();
        QVERIFY(tabs && dock && dock->isVisible());
        const QSize screen(1366, 768 - 70);
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(50);
            const QSize hint = window.minimumSizeHint();
            QVERIFY2(hint.width() <= screen.width() && hint.height() <= screen.height(),
                     qPrintable(QStringLiteral("%1 tab: window minimum %2 x %3 (the tab %4 x %5, "
                                               "the Chat dock %6 x %7)")
                                    .arg(tabs->tabText(i))
                                    .arg(hint.width())
                                    .arg(hint.height())
                                    .arg(tabs->currentWidget()->minimumSizeHint().width())
                                    .arg(tabs->currentWidget()->minimumSizeHint().height())
                                    .arg(dock->minimumSizeHint().width())
                                    .arg(dock->minimumSizeHint().height())));
        }
    }

    void dataModelPassesModelTester()
    {
        const qint64 id = importFixture(writeLargeFixture(2600));
        QVERIFY(id >= 0);
        DatasetTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDataset(&m_context->workspace(), *m_context->workspace().dataset(id));
        QCOMPARE(model.rowCount(), 2600);
        QCOMPARE(model.index(2599, 2).data().toString(), QStringLiteral("2599"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("admin."));
        QCOMPARE(model.index(0, 0).data(Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
        model.sort(2, Qt::DescendingOrder);
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("2599"));
        QVERIFY(model.setFilter(
            {QStringLiteral("job"), TableFilter::Op::Equals, QStringLiteral("retired")}));
        QCOMPARE(model.rowCount(), 650);
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("2598")); // still sorted
        QString error;
        QVERIFY(!model.setFilter(
            {QStringLiteral("nope"), TableFilter::Op::Equals, QStringLiteral("x")}, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(model.setFilter({}));
        QCOMPARE(model.rowCount(), 2600);
        QCOMPARE(model.levels(1).size(), 4);
        QVERIFY(model.levels(0).isEmpty());

        // The same through the worker path that large datasets take.
        model.setAsyncRows(0);
        QSignalSpy busy(&model, &DatasetTableModel::busyChanged);
        model.sort(1, Qt::AscendingOrder);
        QVERIFY(model.isBusy());
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(busy.size(), 2);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("admin."));
        QCOMPARE(model.index(2599, 1).data().toString(), QStringLiteral("student"));
        QVERIFY(model.setFilter(
            {QStringLiteral("job"), TableFilter::Op::Contains, QStringLiteral("ser")}));
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.rowCount(), 650);
        QCOMPARE(model.index(649, 1).data().toString(), QStringLiteral("services"));
        // A newer query wins over one still running.
        model.sort(2, Qt::DescendingOrder);
        model.sort(2, Qt::AscendingOrder);
        QTRY_VERIFY(!model.isBusy());
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("1"));
    }

    void dataModelKeepsFewPages()
    {
        const qint64 id = importFixture(writeLargeFixture(40000));
        QVERIFY(id >= 0);
        DatasetTableModel model;
        model.setDataset(&m_context->workspace(), *m_context->workspace().dataset(id));
        for (int r = 0; r < model.rowCount(); r += 97)
            QCOMPARE(model.index(r, 2).data().toString(), QString::number(r));
        const int pages = (40000 + DatasetTableModel::kPageRows - 1) / DatasetTableModel::kPageRows;
        QCOMPARE(model.pagesFetched(), pages); // each page read once on a forward scroll
        QCOMPARE(model.index(5, 2).data().toString(), QStringLiteral("5")); // evicted, read again
        QCOMPARE(model.pagesFetched(), pages + 1);
    }

    void largeDatasetPagesStayFast()
    {
        // Opt-in (needs a big file, e.g. the x100 copy the import benchmark makes):
        // CL_UI_LARGE_CSV=/tmp/.../bank-additional-full-x100.csv
        const QString path = qEnvironmentVariable("CL_UI_LARGE_CSV");
        if (path.isEmpty())
            QSKIP("set CL_UI_LARGE_CSV to a large bank CSV to time paging over millions of rows");
        const qint64 id = importFixture(path);
        QVERIFY(id >= 0);
        DatasetTableModel model;
        QElapsedTimer t;
        t.start();
        model.setDataset(&m_context->workspace(), *m_context->workspace().dataset(id));
        qInfo() << "open:" << t.restart() << "ms," << model.rowCount() << "rows";
        // A jump anywhere reads one page: scrolling stays smooth at any depth.
        qint64 worst = 0;
        for (int i = 0; i < 200; ++i) {
            const int r = int((qint64(i) * 7919 * DatasetTableModel::kPageRows) % model.rowCount());
            QElapsedTimer page;
            page.start();
            QVERIFY(model.index(r, 0).data().isValid());
            worst = std::max(worst, page.elapsed());
        }
        qInfo() << "200 random pages:" << t.restart() << "ms, worst" << worst << "ms";
        QVERIFY(worst < 100);
        QSignalSpy busy(&model, &DatasetTableModel::busyChanged);
        model.sort(0, Qt::DescendingOrder);
        QCOMPARE(busy.size(), 1); // sorting millions of rows runs on a worker ...
        QVERIFY(model.index(0, 0).data().isValid()); // ... while the old order stays readable
        QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 60000);
        qInfo() << "sort by" << model.columnNames().first() << ":" << t.restart() << "ms";
        QVERIFY(model.setFilter(
            {QStringLiteral("job"), TableFilter::Op::Equals, QStringLiteral("retired")}));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isBusy(), 60000);
        qInfo() << "filter job = retired:" << t.restart() << "ms," << model.rowCount() << "rows";
        worst = 0;
        for (int i = 0; i < 200; ++i) {
            const int r = int((qint64(i) * 7919 * DatasetTableModel::kPageRows) % model.rowCount());
            QElapsedTimer page;
            page.start();
            QVERIFY(model.index(r, 0).data().isValid());
            worst = std::max(worst, page.elapsed());
        }
        qInfo() << "200 random sorted, filtered pages:" << t.restart() << "ms, worst" << worst
                << "ms";
        QVERIFY(worst < 200);
    }

    void importDialogPreviewShowsDetectedDelimiter()
    {
        ImportDialog dialog(m_context->workspacePath());
        dialog.setFile(QFINDTESTDATA("data/ui_small.csv"));
        QCOMPARE(dialog.dialect().delimiter, ';');
        QVERIFY(dialog.dialect().decimalComma);
        QTableWidget *preview = dialog.previewTable();
        QCOMPARE(preview->columnCount(), 6);
        QCOMPARE(preview->horizontalHeaderItem(1)->text(), QStringLiteral("job"));
        QCOMPARE(preview->rowCount(), 20);
        QCOMPARE(preview->item(0, 1)->text(), QStringLiteral("admin."));
        QVERIFY(dialog.roleProblem().isEmpty());
        QCOMPARE(dialog.options().delimiter.value_or('?'), ';');
        saveShot(&dialog, QStringLiteral("import-dialog.png"));
    }

    void importDialogExplainsMissingTarget()
    {
        ImportDialog dialog(m_context->workspacePath());
        dialog.setFile(QFINDTESTDATA("data/ui_no_target.csv"));
        QCOMPARE(dialog.dialect().delimiter, ',');
        QVERIFY(dialog.roleProblem().contains(QStringLiteral("target")));
        QCOMPARE(dialog.rolesTable()->rowCount(), 4);
        saveShot(&dialog, QStringLiteral("import-dialog-no-target.png"));

        // The user names the target with the combo box of its row.
        auto *combo = qobject_cast<QComboBox *>(dialog.rolesTable()->cellWidget(3, 1));
        QVERIFY(combo);
        const int target = combo->findData(int(ColumnRole::Target));
        QVERIFY(target > 0);
        combo->setCurrentIndex(target);
        Q_EMIT combo->activated(target);
        QVERIFY2(dialog.roleProblem().isEmpty(), qPrintable(dialog.roleProblem()));
        QCOMPARE(dialog.options().roleOverrides.value(QStringLiteral("spend")), ColumnRole::Target);
    }

    void importDialogRefusesBinaryFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("ui_binary.csv"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(64, '\0'); // a zip-like header followed by NUL bytes
        bytes.replace(0, 4, QByteArray("PK\x03\x04", 4));
        f.write(bytes);
        f.close();
        ImportDialog dialog(m_context->workspacePath());
        dialog.setFile(path);
        QVERIFY2(dialog.roleProblem().contains(QStringLiteral("ui_binary.csv")),
                 qPrintable(dialog.roleProblem()));
        QCOMPARE(dialog.previewTable()->rowCount(), 0);
        auto *import = dialog.findChild<QDialogButtonBox *>()->buttons().constFirst();
        for (QAbstractButton *b : dialog.findChild<QDialogButtonBox *>()->buttons())
            if (b->text().contains(QStringLiteral("Import")))
                import = b;
        QVERIFY(!import->isEnabled());
    }

    void rejectedRowsDialogListsLineReasonAndRaw()
    {
        const qint64 id = importFixture(QFINDTESTDATA("data/ui_small.csv"));
        QVERIFY(id >= 0);
        RejectedRowsDialog dialog(m_context->workspace().db(), *m_context->workspace().dataset(id));
        QVERIFY(dialog.error().isEmpty());
        QCOMPARE(dialog.table()->rowCount(), 1);
        QCOMPARE(dialog.table()->item(0, 0)->text(), QStringLiteral("23"));
        QCOMPARE(dialog.table()->item(0, 2)->text(), QStringLiteral("41;admin.;married"));
        saveShot(&dialog, QStringLiteral("rejected-rows.png"));
    }

    void importDialogImportsOnWorker()
    {
        ImportDialog dialog(m_context->workspacePath());
        dialog.setFile(QFINDTESTDATA("data/ui_small.csv"));
        dialog.show();
        dialog.startImport();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        const auto imported = m_context->workspace().dataset(dialog.datasetId());
        QVERIFY(imported);
        QCOMPARE(imported->rowsRead, 40);
        QCOMPARE(imported->rowsRejected, 1);
        QCOMPARE(imported->name, QStringLiteral("ui_small"));
    }

    void importDialogOffersToReuseTheSameFile()
    {
        const qint64 first = importFixture(QFINDTESTDATA("data/ui_small.csv"));
        QVERIFY(first >= 0);
        ImportDialog dialog(m_context->workspacePath());
        dialog.setFile(QFINDTESTDATA("data/ui_small.csv"));
        dialog.show();
        // Answer the question box when it comes up: open the earlier dataset.
        QString question;
        QTimer answer;
        connect(&answer, &QTimer::timeout, this, [&] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            question = box->text();
            for (QAbstractButton *b : box->buttons())
                if (b->text().contains(QStringLiteral("Open that dataset")))
                    b->click();
        });
        answer.start(20);
        dialog.startImport();
        QTRY_COMPARE_WITH_TIMEOUT(dialog.result(), int(QDialog::Accepted), 30000);
        QVERIFY2(question.contains(QStringLiteral("imported before")), qPrintable(question));
        QCOMPARE(dialog.datasetId(), first);
        QCOMPARE(m_context->datasets().size(), 1); // nothing imported twice
    }

    // Regression: after switching datasets the filter box still read "student" while the
    // rows were unfiltered.
    void dataViewClearsFilterOnDatasetChange()
    {
        const qint64 first = importFixture(QFINDTESTDATA("data/ui_small.csv"));
        const qint64 second = importFixture(writeLargeFixture(50));
        QVERIFY(first >= 0 && second >= 0);
        m_context->setCurrentDataset(first);
        DataView view(m_context.get());
        view.reload();
        auto *value = view.findChild<QLineEdit *>(QStringLiteral("filterValue"));
        QVERIFY(value);
        QVERIFY(view.showRowsWhere(
            {QStringLiteral("job"), TableFilter::Op::Contains, QStringLiteral("student")}));
        QTRY_VERIFY(!view.model()->isBusy());
        QVERIFY(view.model()->filter().isActive());
        QCOMPARE(value->text(), QStringLiteral("student"));

        m_context->setCurrentDataset(second);
        QTRY_VERIFY(!view.model()->isBusy());
        QVERIFY(!view.model()->filter().isActive());
        QCOMPARE(value->text(), QString());
        QCOMPARE(view.model()->rowCount(), 50);
    }

    void firstStartLoadsDemoData()
    {
        MainWindow window(m_context.get());
        window.show();
        QSignalSpy loaded(&window, &MainWindow::demoLoaded);
        window.openInitialDataset(); // empty workspace: generate and import the demo data
        QVERIFY(loaded.wait(120000));
        const qint64 id = loaded.first().first().toLongLong();
        QVERIFY(id >= 0);
        QCOMPARE(m_context->currentDatasetId(), id);
        const auto demo = m_context->currentDataset();
        QVERIFY(demo->synthetic);
        QCOMPARE(demo->rowsRead, 41188);
        QCOMPARE(window.dataView()->model()->rowCount(), 41188);
        bool labelled = false;
        for (QLabel *l : window.statusBar()->findChildren<QLabel *>())
            labelled =
                labelled || (l->isVisible() && l->text() == QStringLiteral("synthetic demo data"));
        QVERIFY(labelled);
        saveShot(&window, QStringLiteral("main-window-demo.png"));

        // Filter and sort through the view, as a user (or another panel) would.
        DataView *view = window.dataView();
        QVERIFY(view->showRowsWhere(
            {QStringLiteral("job"), TableFilter::Op::Equals, QStringLiteral("retired")}));
        QTRY_VERIFY(!view->model()->isBusy());
        const int retired = view->model()->rowCount();
        QVERIFY(retired > 0 && retired < 41188);
        view->tableView()->sortByColumn(0, Qt::DescendingOrder);
        QTRY_VERIFY(!view->model()->isBusy());
        QVERIFY(view->model()->index(0, 0).data().toInt() >=
                view->model()->index(retired - 1, 0).data().toInt());
        QVERIFY(!view->showRowsWhere({QStringLiteral("nope"), TableFilter::Op::Equals, {}}));
        saveShot(&window, QStringLiteral("main-window-filtered.png"));
    }

    void importRunnerCancelLeavesWorkspaceUnchanged()
    {
        ImportRunner runner(m_context->workspacePath());
        QSignalSpy finished(&runner, &ImportRunner::importFinished);
        ImportOptions options;
        options.path = writeLargeFixture(40000);
        runner.startImport(options);
        runner.cancel();
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<ImportResult>();
        QCOMPARE(int(result.status), int(ImportStatus::Cancelled));
        QVERIFY(m_context->datasets().isEmpty());
    }

    void importRunnerImportsOnWorker()
    {
        ImportRunner runner(m_context->workspacePath());
        QSignalSpy finished(&runner, &ImportRunner::importFinished);
        QSignalSpy progressed(&runner, &ImportRunner::progressed);
        ImportOptions options;
        options.path = QFINDTESTDATA("data/ui_small.csv");
        runner.startImport(options);
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<ImportResult>();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(result.rowsRead, 40);
        QVERIFY(m_context->workspace().dataset(result.datasetId));

        QSignalSpy checked(&runner, &ImportRunner::existingChecked);
        runner.checkExisting(options.path);
        QVERIFY(checked.wait(30000));
        QCOMPARE(checked.first().first().toLongLong(), result.datasetId);
    }
};

QTEST_MAIN(TestUi)
#include "tst_ui.moc"
