// Tests of ModelStore and the model pipeline: a run and its scores round trip in one transaction.
#include "import/CsvImporter.h"
#include "regression/ModelRun.h"
#include "store/FrameLoader.h"
#include "store/ModelStore.h"
#include "store/Statement.h"
#include "store/Workspace.h"

#include "TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace cl;

class TestModelStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    int m_count = 0;

    /// A fresh workspace with the mini fixture imported; returns the dataset id.
    qint64 freshWorkspace(Workspace &ws)
    {
        QString error;
        if (!ws.open(m_dir.filePath(QStringLiteral("ws%1.sqlite").arg(++m_count)), &error))
            return -1;
        ImportOptions options;
        options.path = test::fixture(QStringLiteral("mini_bank_additional.csv"));
        const ImportResult r = CsvImporter(ws).run(options);
        return r.ok() ? ws.latestDataset()->id : -1;
    }

    static qint64 count(Workspace &ws, const QString &table)
    {
        Statement st(ws.db(), QStringLiteral("SELECT count(*) FROM %1").arg(table));
        return st.step() ? st.columnInt64(0) : -1;
    }

private Q_SLOTS:
    void schemaHasModelTables()
    {
        Workspace ws;
        QVERIFY(ws.open(m_dir.filePath(QStringLiteral("schema.sqlite"))));
        QCOMPARE(ws.schemaVersion(), Workspace::kSchemaVersion);
        QCOMPARE(count(ws, QStringLiteral("model_run")), 0);
        QCOMPARE(count(ws, QStringLiteral("model_score")), 0);
        QCOMPARE(count(ws, QStringLiteral("model_score_chunk")), 0);
    }

    void runAndScoresRoundTrip()
    {
        Workspace ws;
        const qint64 id = freshWorkspace(ws);
        QVERIFY(id > 0);
        QString error;
        const auto frame = loadFrame(ws, id, &error);
        QVERIFY2(frame, qPrintable(error));
        ModelRunSettings settings;
        settings.validation.split.kind = SplitKind::StratifiedRandom;
        settings.validation.split.seed = 7;
        settings.validation.fit.l2 = 1.0; // the mini fixture is small: keep the fit finite
        const ModelRunResult result = runModel(*frame, settings);
        QVERIFY2(result.ok(), qPrintable(result.error + result.report.fit.message));
        QCOMPARE(result.frameScores.size(), frame->rowCount());

        ModelRunRecord record;
        record.datasetId = id;
        record.settings = result.settings.toJson();
        record.metrics = result.metricsJson();
        record.coefficients = result.coefficientsJson();
        ModelStore store(ws);
        const qint64 runId = store.saveRun(record, result.frameScores, &error);
        QVERIFY2(runId > 0, qPrintable(error));

        const auto back = store.run(runId);
        QVERIFY(back);
        QCOMPARE(back->datasetId, id);
        QCOMPARE(back->sourceFingerprint, ws.dataset(id)->source.fingerprint);
        QVERIFY(back->createdAt.isValid());
        QCOMPARE(back->settings, record.settings);
        QCOMPARE(back->metrics, record.metrics);
        QCOMPARE(back->coefficients, record.coefficients);
        QCOMPARE(back->coefficients.size(), qsizetype(result.report.fit.terms.size()));
        const ModelRunSettings settingsBack = ModelRunSettings::fromJson(back->settings);
        QCOMPARE(settingsBack.validation.split.seed, quint64(7));
        QCOMPARE(settingsBack.validation.fit.l2, 1.0);
        QVERIFY(settingsBack.validation.split.kind == SplitKind::StratifiedRandom);

        const auto scores = store.scores(runId);
        qint64 finite = 0;
        for (double s : result.frameScores)
            finite += std::isnan(s) ? 0 : 1;
        QCOMPARE(qint64(scores.size()), finite);
        QCOMPARE(back->scoredRows, finite);
        size_t k = 0;
        for (size_t i = 0; i < result.frameScores.size(); ++i) {
            if (std::isnan(result.frameScores[i]))
                continue;
            QCOMPARE(scores[k].second, result.frameScores[i]);
            ++k;
        }
        QCOMPARE(store.latestRun(id)->id, runId);
        QCOMPARE(store.latestRun()->id, runId);
        QCOMPARE(store.runs(id).size(), 1);

        // Targeting list: top 3 rows, by descending score.
        TargetListRequest request;
        request.runId = runId;
        request.columns = {QStringLiteral("age"), QStringLiteral("job")};
        request.topCount = 3;
        const QString csv = m_dir.filePath(QStringLiteral("top.csv"));
        QCOMPARE(store.exportTargetList(request, csv, &error), 3);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0], QStringLiteral("age,job,score"));
        double previous = 2;
        for (int i = 1; i < lines.size(); ++i) {
            const double s = lines[i].section(',', -1).toDouble();
            QVERIFY(s <= previous);
            previous = s;
        }
        request.columns = {QStringLiteral("no_such_column")};
        QCOMPARE(store.exportTargetList(request, csv, &error), -1);
        QVERIFY(error.contains(QStringLiteral("no_such_column")));

        QVERIFY(store.removeRun(runId));
        QCOMPARE(count(ws, QStringLiteral("model_score_chunk")), 0);
    }

    // Issue 13: scores are stored in chunks; a run stored before, with a table row per client
    // in model_score, still gives the same scores, count and targeting list.
    // Issue 15: a stored run is shown again after a restart from what the store holds: every
    // figure the Model tab shows comes back as the fit returned it, and the curves within a
    // pixel (1/kStoredCurveResolution) of the fit's.
    void issue15_aStoredRunReadsBackAsItsFit()
    {
        Workspace ws;
        const qint64 id = freshWorkspace(ws);
        QVERIFY(id > 0);
        QString error;
        const auto frame = loadFrame(ws, id, &error);
        QVERIFY2(frame, qPrintable(error));
        ModelRunSettings settings;
        settings.validation.split.kind = SplitKind::StratifiedRandom;
        settings.validation.split.seed = 7;
        settings.validation.fit.l2 = 1.0;
        const ModelRunResult fit = runModel(*frame, settings);
        QVERIFY2(fit.ok(), qPrintable(fit.error + fit.report.fit.message));
        ModelRunRecord record;
        record.datasetId = id;
        record.settings = fit.settings.toJson();
        record.metrics = fit.metricsJson();
        record.coefficients = fit.coefficientsJson();
        ModelStore store(ws);
        const qint64 runId = store.saveRun(record, fit.frameScores, &error);
        QVERIFY2(runId > 0, qPrintable(error));
        const auto back = store.run(runId);
        QVERIFY(back);
        const ModelRunResult r =
            ModelRunResult::fromStored(back->settings, back->metrics, back->coefficients);

        QVERIFY(r.ok());
        QCOMPARE(r.settings.toJson(), fit.settings.toJson());
        const LogisticFit &a = fit.report.fit, &b = r.report.fit;
        QCOMPARE(b.terms.size(), a.terms.size());
        for (size_t i = 0; i < a.terms.size(); ++i) {
            QCOMPARE(b.terms[i].name, a.terms[i].name);
            QCOMPARE(b.terms[i].estimate, a.terms[i].estimate);
            QCOMPARE(b.terms[i].orLow, a.terms[i].orLow);
            QCOMPARE(b.terms[i].p, a.terms[i].p);
        }
        QCOMPARE(b.rows, a.rows);
        QCOMPARE(b.iterations, a.iterations);
        QCOMPARE(b.aic, a.aic);
        QCOMPARE(b.lrP, a.lrP);
        QCOMPARE(b.predictorVif.size(), a.predictorVif.size());
        QCOMPARE(fitStatusName(b.status), fitStatusName(a.status));
        const HeldOutMetrics &h = fit.report.heldOut, &k = r.report.heldOut;
        QVERIFY(h.rows > 0);
        QCOMPARE(k.rows, h.rows);
        QCOMPARE(k.auc.auc, h.auc.auc);
        QCOMPARE(k.auc.ciHigh, h.auc.ciHigh);
        QCOMPARE(k.brier, h.brier);
        QCOMPARE(k.confusion.falseNegatives, h.confusion.falseNegatives);
        QCOMPARE(k.hosmerLemeshow.groups.size(), h.hosmerLemeshow.groups.size());
        QCOMPARE(k.hosmerLemeshow.p, h.hosmerLemeshow.p);
        QCOMPARE(k.deciles.size(), h.deciles.size());
        for (size_t i = 0; i < h.deciles.size(); ++i) {
            QCOMPARE(k.deciles[i].clients, h.deciles[i].clients);
            QCOMPARE(k.deciles[i].cumulativeCapture, h.deciles[i].cumulativeCapture);
        }
        QCOMPARE(k.topSentence, h.topSentence);
        QCOMPARE(profitSentence(r.profit), profitSentence(fit.profit));
        QCOMPARE(r.rates.train, fit.rates.train);
        QCOMPARE(r.rates.shifted, fit.rates.shifted);
        QCOMPARE(unseenLevelsSentence(r.report), unseenLevelsSentence(fit.report));
        QCOMPARE(r.design.postCall, fit.design.postCall);
        QCOMPARE(r.design.excluded.size(), fit.design.excluded.size());

        // Curves: the ends kept, every stored point one of the fit's (rounded to 1e-6), and
        // no point of the fit further than a step from the stored polyline's points.
        for (const auto &[stored, fitted] : {std::pair(&r.roc, &fit.roc), {&r.gains, &fit.gains}}) {
            QVERIFY(stored->size() >= 2);
            QCOMPARE(stored->front().x, 0.0);
            QCOMPARE(stored->back().x, 1.0);
            QCOMPARE(stored->back().y, 1.0);
            for (const CurvePoint &p : *stored)
                QVERIFY(std::any_of(fitted->begin(), fitted->end(), [&](const CurvePoint &q) {
                    return std::abs(q.x - p.x) <= 1e-6 && std::abs(q.y - p.y) <= 1e-6;
                }));
            const double step = 1.0 / kStoredCurveResolution;
            for (const CurvePoint &q : *fitted)
                QVERIFY(std::any_of(stored->begin(), stored->end(), [&](const CurvePoint &p) {
                    return std::abs(q.x - p.x) < step + 1e-6 && std::abs(q.y - p.y) < step + 1e-6;
                }));
        }
    }

    void runsStoredBeforeTheChunksAreStillRead()
    {
        Workspace ws;
        const qint64 id = freshWorkspace(ws);
        QVERIFY(id > 0);
        const qint64 rows = ws.dataset(id)->rowsRead;
        std::vector<double> scores(static_cast<size_t>(rows), 0.0);
        for (size_t i = 0; i < scores.size(); ++i)
            scores[i] = i % 7 == 3 ? std::nan("") : double((i * 37) % 101) / 101.0;
        ModelRunRecord record;
        record.datasetId = id;
        ModelStore store(ws);
        QString error;
        const qint64 runId = store.saveRun(record, scores, &error);
        QVERIFY2(runId > 0, qPrintable(error));
        const auto chunked = store.scores(runId);
        const qint64 scoredRows = store.run(runId)->scoredRows;
        TargetListRequest request;
        request.runId = runId;
        request.topFraction = 0.5;
        const QString newCsv = m_dir.filePath(QStringLiteral("chunked.csv"));
        const QString oldCsv = m_dir.filePath(QStringLiteral("table.csv"));
        QVERIFY(store.exportTargetList(request, newCsv, &error) > 0);
        // As schema 6 stored it: one row per client, NULL where not scored.
        {
            Statement add(ws.db(), QStringLiteral("INSERT INTO model_score VALUES (?, ?, ?)"));
            for (size_t i = 0; i < scores.size(); ++i) {
                add.reset();
                add.bind(1, runId);
                add.bind(2, qint64(i + 1));
                if (std::isnan(scores[i]))
                    add.bindNull(3);
                else
                    add.bind(3, scores[i]);
                QVERIFY(add.exec());
            }
        }
        QVERIFY(ws.db().exec(QStringLiteral("DELETE FROM model_score_chunk")));
        QCOMPARE(store.run(runId)->scoredRows, scoredRows);
        QCOMPARE(store.scores(runId), chunked);
        QVERIFY(store.exportTargetList(request, oldCsv, &error) > 0);
        QFile a(newCsv), b(oldCsv);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray listed = a.readAll();
        QCOMPARE(b.readAll(), listed);
        QCOMPARE(listed.count('\n'), int(std::ceil(0.5 * double(scoredRows))) + 1);
    }

    // A run fitted on all rows has no held-out AUC: `runs` printed 0.5000 for one.
    void aRunWithoutHeldOutRowsHasNoHeldOutAuc()
    {
        ModelRunRecord none;
        none.metrics = QJsonObject{
            {QStringLiteral("test_rows"), 0.0},
            {QStringLiteral("held_out"),
             QJsonObject{{QStringLiteral("auc"), QJsonObject{{QStringLiteral("auc"), 0.5}}}}}};
        QVERIFY(std::isnan(none.heldOutAuc()));
        ModelRunRecord time = none;
        time.metrics.insert(QStringLiteral("test_rows"), 8238.0);
        QCOMPARE(time.heldOutAuc(), 0.5);
    }

    void runModelReportsProgressAndCancels()
    {
        Workspace ws;
        const qint64 id = freshWorkspace(ws);
        QVERIFY(id > 0);
        const auto frame = loadFrame(ws, id);
        QVERIFY(frame);
        ModelRunSettings settings;
        settings.validation.fit.l2 = 1.0;
        std::vector<double> seen;
        const ModelRunResult done = runModel(*frame, settings, [&](double f, const QString &) {
            seen.push_back(f);
            return true;
        });
        QVERIFY(done.ok());
        QVERIFY(seen.size() >= 3);
        QCOMPARE(seen.back(), 1.0);
        for (size_t i = 1; i < seen.size(); ++i)
            QVERIFY(seen[i] >= seen[i - 1]);
        // Cancelling at the first iteration of the fit.
        const ModelRunResult cancelled =
            runModel(*frame, settings, [](double f, const QString &) { return f < 0.05; });
        QVERIFY(cancelled.cancelled);
        QVERIFY(!cancelled.ok());
        QVERIFY(cancelled.frameScores.empty());
    }

    void curvesRunFromOriginToOne()
    {
        const std::vector<double> score{0.9, 0.8, 0.7, 0.6, 0.5, 0.4};
        const std::vector<uint8_t> y{1, 0, 1, 0, 0, 0};
        const auto roc = rocCurve(score, y);
        QCOMPARE(roc.front().x, 0.0);
        QCOMPARE(roc.back().x, 1.0);
        QCOMPARE(roc.back().y, 1.0);
        QCOMPARE(roc[1].y, 0.5); // the best score is a subscriber
        const auto gains = gainsCurve(score, y, 2);
        QCOMPARE(gains.size(), size_t(3));
        QCOMPARE(gains[1].y, 1.0); // both subscribers in the top half
    }

    void rocCurveOfManyClientsStaysSmallAndTrue()
    {
        // A million held-out clients with distinct scores: the curve is drawn, so it keeps a
        // point per 1/4096 of either axis, and its area still is the AUC (Mann-Whitney, here
        // counted directly) to the drawing's resolution.
        const size_t n = 1'000'000;
        std::vector<double> score(n);
        std::vector<uint8_t> y(n);
        uint64_t state = 20140601;
        auto next = [&] {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            return double(state >> 11) / double(1ULL << 53);
        };
        for (size_t i = 0; i < n; ++i) {
            y[i] = next() < 0.11 ? 1 : 0;
            score[i] = next() + (y[i] ? 0.4 : 0.0);
        }
        const auto roc = rocCurve(score, y);
        QVERIFY(roc.size() <= size_t(2 * kRocResolution + 1));
        QVERIFY(roc.size() > size_t(kRocResolution / 2));
        QCOMPARE(roc.front().x, 0.0);
        QCOMPARE(roc.back().x, 1.0);
        QCOMPARE(roc.back().y, 1.0);
        double area = 0;
        for (size_t i = 1; i < roc.size(); ++i) {
            QVERIFY(roc[i].x >= roc[i - 1].x && roc[i].y >= roc[i - 1].y);
            area += (roc[i].x - roc[i - 1].x) * (roc[i].y + roc[i - 1].y) / 2;
        }
        // AUC by ranks: P(score of a subscriber > score of a non-subscriber).
        std::vector<size_t> order(n);
        for (size_t i = 0; i < n; ++i)
            order[i] = i;
        std::sort(order.begin(), order.end(),
                  [&](size_t a, size_t b) { return score[a] < score[b]; });
        double rankSum = 0, positives = 0;
        for (size_t r = 0; r < n; ++r)
            if (y[order[r]]) {
                rankSum += double(r + 1);
                positives += 1;
            }
        const double negatives = double(n) - positives;
        const double auc = (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
        QVERIFY2(std::abs(area - auc) < 1.0 / kRocResolution,
                 qPrintable(QStringLiteral("area %1, AUC %2").arg(area).arg(auc)));
    }

    void failedSaveLeavesNothing()
    {
        Workspace ws;
        const qint64 id = freshWorkspace(ws);
        QVERIFY(id > 0);
        ModelRunRecord record;
        record.datasetId = id;
        ModelStore store(ws);
        QString error;
        // Wrong number of scores: refused before anything is written.
        QCOMPARE(store.saveRun(record, {0.5, 0.5}, &error), -1);
        QVERIFY(error.contains(QStringLiteral("scores")));
        // A failure inside the transaction (scores table gone) rolls the run back too.
        const qint64 rows = ws.dataset(id)->rowsRead;
        QVERIFY(ws.db().exec(QStringLiteral("ALTER TABLE model_score_chunk RENAME TO x; "
                                            "CREATE TABLE model_score_chunk(run_id INTEGER, "
                                            "chunk INTEGER, rows INTEGER CHECK(rows < 0), "
                                            "scored INTEGER, data BLOB)")));
        QCOMPARE(store.saveRun(record, std::vector<double>(size_t(rows), 0.5), &error), -1);
        QCOMPARE(count(ws, QStringLiteral("model_run")), 0);
        QCOMPARE(store.saveRun({/*unknown dataset*/}, {}, &error), -1);
    }
};

QTEST_GUILESS_MAIN(TestModelStore)
#include "tst_model_store.moc"
