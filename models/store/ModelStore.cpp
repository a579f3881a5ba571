// ModelStore: SQL for model_run and model_score, and the targeting-list CSV export.
#include "ModelStore.h"

#include "data/ColumnRole.h"

#include "Statement.h"
#include "Transaction.h"
#include "Workspace.h"
#include "util/AtomicFile.h"
#include "util/CsvField.h"

#include <QHash>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace cl {

double ModelRunRecord::heldOutAuc() const
{
    // A run fitted on all rows (--split none) has no held-out rows; its metrics still carry
    // an empty held_out block whose AUC reads 0.5, which the run list showed as a result.
    if (metrics.value(QStringLiteral("test_rows")).toDouble(1) <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    return metrics.value(QStringLiteral("held_out"))
        .toObject()
        .value(QStringLiteral("auc"))
        .toObject()
        .value(QStringLiteral("auc"))
        .toDouble(std::numeric_limits<double>::quiet_NaN());
}

namespace {

const QString kRunColumns = QStringLiteral(
    "r.id, r.dataset_id, r.data_sha256, r.created_at, r.settings, r.metrics, r.coefficients, "
    "r.scored_rows");

/// Rows per chunk of stored scores (8 bytes each: 2 MB a chunk).
constexpr size_t kScoresPerChunk = size_t(1) << 18;

ModelRunRecord readRun(Statement &st)
{
    ModelRunRecord r;
    r.id = st.columnInt64(0);
    r.datasetId = st.columnInt64(1);
    r.sourceFingerprint = st.columnText(2);
    r.createdAt = QDateTime::fromString(st.columnText(3), Qt::ISODateWithMs);
    r.settings = QJsonDocument::fromJson(st.columnText(4).toUtf8()).object();
    r.metrics = QJsonDocument::fromJson(st.columnText(5).toUtf8()).object();
    r.coefficients = QJsonDocument::fromJson(st.columnText(6).toUtf8()).array();
    r.scoredRows = st.columnInt64(7);
    return r;
}

QString compactJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

qint64 ModelStore::saveRun(const ModelRunRecord &run, const std::vector<double> &frameScores,
                           QString *error)
{
    Database &db = m_workspace.db();
    const auto info = m_workspace.dataset(run.datasetId);
    if (!info) {
        if (error)
            *error = QStringLiteral("no dataset %1 in %2").arg(run.datasetId).arg(db.path());
        return -1;
    }
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return qint64(-1);
    };
    // One score per row of the silver table, in row id order (the frame's order).
    if (qint64(frameScores.size()) != info->rowsRead)
        return fail(QStringLiteral("%1 scores for the %2 rows of dataset %3")
                        .arg(frameScores.size())
                        .arg(info->rowsRead)
                        .arg(run.datasetId));

    Transaction tx(db);
    if (!tx.isActive())
        return fail(db.lastError());
    const QDateTime created =
        run.createdAt.isValid() ? run.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    Statement insert(db, QStringLiteral("INSERT INTO model_run(dataset_id, data_sha256, "
                                        "created_at, settings, metrics, coefficients, "
                                        "scored_rows) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    insert.bind(1, run.datasetId);
    insert.bind(2,
                run.sourceFingerprint.isEmpty() ? info->source.fingerprint : run.sourceFingerprint);
    insert.bind(3, created.toString(Qt::ISODateWithMs));
    insert.bind(4, compactJson(run.settings));
    insert.bind(5, compactJson(run.metrics));
    insert.bind(6,
                QString::fromUtf8(QJsonDocument(run.coefficients).toJson(QJsonDocument::Compact)));
    insert.bind(7, qint64(std::count_if(frameScores.begin(), frameScores.end(),
                                        [](double v) { return !std::isnan(v); })));
    if (!insert.exec())
        return fail(insert.error());
    const qint64 runId = db.lastInsertRowId();

    // The scores as they are, in chunks of rows: a bank's four million clients are 33 MB
    // written in a fraction of a second, where a table row and an index entry per client took
    // tens of seconds. The ranking is made when a list is asked for.
    Statement chunk(db, QStringLiteral("INSERT INTO model_score_chunk(run_id, chunk, rows, "
                                       "scored, data) VALUES (?, ?, ?, ?, ?)"));
    for (size_t begin = 0, c = 0; begin < frameScores.size(); begin += kScoresPerChunk, ++c) {
        const size_t rows = std::min(kScoresPerChunk, frameScores.size() - begin);
        const double *first = frameScores.data() + begin;
        const qint64 scored =
            std::count_if(first, first + rows, [](double v) { return !std::isnan(v); });
        chunk.reset();
        chunk.bind(1, runId);
        chunk.bind(2, qint64(c));
        chunk.bind(3, qint64(rows));
        chunk.bind(4, scored);
        chunk.bindBlobStatic(5, first, int(rows * sizeof(double)));
        if (!chunk.exec())
            return fail(chunk.error());
    }
    if (!tx.commit())
        return fail(db.lastError());
    return runId;
}

std::optional<ModelRunRecord> ModelStore::run(qint64 runId)
{
    Statement st(m_workspace.db(),
                 QStringLiteral("SELECT %1 FROM model_run r WHERE r.id = ?").arg(kRunColumns));
    st.bind(1, runId);
    if (st.step())
        return readRun(st);
    return std::nullopt;
}

std::optional<ModelRunRecord> ModelStore::latestRun(qint64 datasetId)
{
    Statement st(m_workspace.db(),
                 QStringLiteral("SELECT %1 FROM model_run r WHERE ? < 0 OR r.dataset_id = ? "
                                "ORDER BY r.id DESC LIMIT 1")
                     .arg(kRunColumns));
    st.bind(1, datasetId);
    st.bind(2, datasetId);
    if (st.step())
        return readRun(st);
    return std::nullopt;
}

std::optional<ModelRunRecord> ModelStore::latestTargetingRun(qint64 datasetId)
{
    QStringList quoted;
    for (const QString &c : postCallColumns())
        quoted << QLatin1Char('\'') + c + QLatin1Char('\'');
    Statement st(m_workspace.db(),
                 QStringLiteral("SELECT %1 FROM model_run r WHERE (? < 0 OR r.dataset_id = ?) "
                                "AND NOT EXISTS (SELECT 1 FROM json_each(r.metrics, "
                                "'$.encoding.predictors') WHERE value IN (%2)) "
                                "ORDER BY r.id DESC LIMIT 1")
                     .arg(kRunColumns, quoted.join(QLatin1Char(','))));
    st.bind(1, datasetId);
    st.bind(2, datasetId);
    if (st.step())
        return readRun(st);
    return std::nullopt;
}

QStringList ModelStore::postCallColumnsOf(const ModelRunRecord &run)
{
    QStringList out;
    const QJsonArray predictors = run.metrics.value(QStringLiteral("encoding"))
                                      .toObject()
                                      .value(QStringLiteral("predictors"))
                                      .toArray();
    for (const QJsonValue &p : predictors)
        if (postCallColumns().contains(p.toString()))
            out << p.toString();
    return out;
}

QList<ModelRunRecord> ModelStore::runs(qint64 datasetId)
{
    QList<ModelRunRecord> out;
    Statement st(m_workspace.db(),
                 QStringLiteral("SELECT %1 FROM model_run r WHERE r.dataset_id = ? "
                                "ORDER BY r.id DESC")
                     .arg(kRunColumns));
    st.bind(1, datasetId);
    while (st.step())
        out << readRun(st);
    return out;
}

std::vector<qint64> ModelStore::rowIds(const DatasetInfo &info, QString *error)
{
    std::vector<qint64> ids;
    Database &db = m_workspace.db();
    const QString table = Database::quoteIdentifier(info.silverTable());
    const QString id = Database::quoteIdentifier(info.rowIdColumn);
    // Rows numbered 1..n, as every import writes them: no need to read them.
    Statement range(db, QStringLiteral("SELECT min(%2), max(%2), count(*) FROM %1").arg(table, id));
    if (range.step() && range.columnInt64(0) == 1 && range.columnInt64(1) == range.columnInt64(2)) {
        ids.resize(size_t(range.columnInt64(2)));
        std::iota(ids.begin(), ids.end(), qint64(1));
        return ids;
    }
    Statement all(db, QStringLiteral("SELECT %2 FROM %1 ORDER BY %2").arg(table, id));
    while (all.step())
        ids.push_back(all.columnInt64(0));
    if (!all.ok() && error)
        *error = all.error();
    return all.ok() ? ids : std::vector<qint64>();
}

std::optional<std::vector<std::pair<qint64, double>>>
ModelStore::storedScores(const ModelRunRecord &run, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    Database &db = m_workspace.db();
    std::vector<std::pair<qint64, double>> out;
    Statement chunks(db, QStringLiteral("SELECT chunk, rows, data FROM model_score_chunk "
                                        "WHERE run_id = ? ORDER BY chunk"));
    chunks.bind(1, run.id);
    std::vector<double> scores;
    while (chunks.step()) {
        const QByteArray data = chunks.columnBlob(2);
        const size_t rows = size_t(chunks.columnInt64(1));
        if (chunks.columnInt64(0) != qint64(scores.size() / kScoresPerChunk) ||
            size_t(data.size()) != rows * sizeof(double))
            return fail(QStringLiteral("model run %1: its stored scores are damaged").arg(run.id));
        const size_t at = scores.size();
        scores.resize(at + rows);
        std::memcpy(scores.data() + at, data.constData(), size_t(data.size()));
    }
    if (!chunks.ok())
        return fail(chunks.error());
    if (!scores.empty()) {
        const auto info = m_workspace.dataset(run.datasetId);
        if (!info)
            return fail(
                QStringLiteral("model run %1: dataset %2 is gone").arg(run.id).arg(run.datasetId));
        QString idError;
        const std::vector<qint64> ids = rowIds(*info, &idError);
        if (ids.size() != scores.size())
            return fail(idError.isEmpty()
                            ? QStringLiteral("model run %1 scored %2 rows; its dataset has %3")
                                  .arg(run.id)
                                  .arg(scores.size())
                                  .arg(ids.size())
                            : idError);
        out.reserve(size_t(run.scoredRows));
        for (size_t i = 0; i < scores.size(); ++i)
            if (!std::isnan(scores[i]))
                out.emplace_back(ids[i], scores[i]);
        return out;
    }
    // A run stored before the chunks: one table row per client.
    Statement st(db, QStringLiteral("SELECT row_id, score FROM model_score WHERE run_id = ? "
                                    "AND score IS NOT NULL ORDER BY row_id"));
    st.bind(1, run.id);
    while (st.step())
        out.emplace_back(st.columnInt64(0), st.columnDouble(1));
    if (!st.ok())
        return fail(st.error());
    return out;
}

std::vector<std::pair<qint64, double>> ModelStore::scores(qint64 runId)
{
    const auto record = run(runId);
    if (!record)
        return {};
    return storedScores(*record, nullptr).value_or(std::vector<std::pair<qint64, double>>());
}

bool ModelStore::removeRun(qint64 runId, QString *error)
{
    Database &db = m_workspace.db();
    Transaction tx(db);
    Statement scores(db, QStringLiteral("DELETE FROM model_score WHERE run_id = ?"));
    scores.bind(1, runId);
    Statement chunks(db, QStringLiteral("DELETE FROM model_score_chunk WHERE run_id = ?"));
    chunks.bind(1, runId);
    Statement run(db, QStringLiteral("DELETE FROM model_run WHERE id = ?"));
    run.bind(1, runId);
    const bool ok = scores.exec() && chunks.exec() && run.exec() && tx.commit();
    if (!ok && error)
        *error = db.lastError();
    return ok;
}

qint64 ModelStore::exportTargetList(const TargetListRequest &request, const QString &csvPath,
                                    QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return qint64(-1);
    };
    const auto runRecord = run(request.runId);
    if (!runRecord)
        return fail(QStringLiteral("no model run %1").arg(request.runId));
    const auto info = m_workspace.dataset(runRecord->datasetId);
    if (!info)
        return fail(QStringLiteral("model run %1: dataset %2 is gone")
                        .arg(request.runId)
                        .arg(runRecord->datasetId));
    QStringList known{QStringLiteral("row_id")};
    QStringList attributes{QStringLiteral("row_id")}; // the default: who to call, not the past
    for (const SilverColumn &c : info->columns) {
        known << c.name;
        if (c.name != kTargetColumn && c.role != ColumnRole::Target &&
            c.role != ColumnRole::Duration)
            attributes << c.name;
    }
    const QStringList columns = request.columns.isEmpty() ? attributes : request.columns;
    QStringList select;
    for (const QString &c : columns) {
        if (!known.contains(c))
            return fail(QStringLiteral("no column '%1' in dataset %2 (columns: %3)")
                            .arg(c)
                            .arg(info->id)
                            .arg(known.join(QStringLiteral(", "))));
        select << QStringLiteral("v.") + Database::quoteIdentifier(c);
    }
    qint64 limit = request.topCount;
    if (limit <= 0) {
        if (!(request.topFraction > 0 && request.topFraction <= 1))
            return fail(
                QStringLiteral("top fraction %1 is not in (0, 1]").arg(request.topFraction));
        limit = qint64(std::ceil(request.topFraction * double(runRecord->scoredRows) - 1e-9));
    }
    // The best `limit` scores, ties by row id, ranked here.
    QString scoreError;
    auto scored = storedScores(*runRecord, &scoreError);
    if (!scored)
        return fail(scoreError);
    const auto better = [](const std::pair<qint64, double> &a, const std::pair<qint64, double> &b) {
        return a.second > b.second || (a.second == b.second && a.first < b.first);
    };
    const size_t keep = size_t(std::clamp<qint64>(limit, 0, qint64(scored->size())));
    std::partial_sort(scored->begin(), scored->begin() + std::ptrdiff_t(keep), scored->end(),
                      better);
    scored->resize(keep);
    // Their rows are read from the labelled view a few hundred row ids at a time.
    constexpr size_t kRowsPerQuery = 500;
    const auto fetch = [&](size_t begin, QHash<qint64, QStringList> *rows) -> QString {
        QStringList ids;
        for (size_t i = begin; i < std::min(begin + kRowsPerQuery, scored->size()); ++i)
            ids << QString::number((*scored)[i].first);
        Statement st(m_workspace.db(),
                     QStringLiteral("SELECT v.row_id, %1 FROM %2 v WHERE v.row_id IN (%3)")
                         .arg(select.join(QStringLiteral(", ")),
                              Database::quoteIdentifier(info->silverView()),
                              ids.join(QLatin1Char(','))));
        while (st.step()) {
            QStringList fields;
            for (int c = 1; c < st.columnCount(); ++c)
                fields << (st.isNull(c) ? QString() : csvField(st.columnText(c)));
            rows->insert(st.columnInt64(0), fields);
        }
        return st.ok() ? QString() : st.error();
    };

    // Written whole or not at all: a full disk fails the export instead of leaving a
    // truncated list that looks complete.
    AtomicFile file(csvPath);
    if (!file.open())
        return fail(file.error());
    QStringList header;
    for (const QString &c : columns)
        header << csvField(c);
    const QStringList postCall = postCallColumnsOf(*runRecord);
    header << (postCall.isEmpty() ? QStringLiteral("score")
                                  : QStringLiteral("score_uses_%1_known_after_the_call")
                                        .arg(postCall.join(QStringLiteral("_and_"))));
    QByteArray chunk = header.join(QLatin1Char(',')).toUtf8() + '\n';
    qint64 written = 0;
    for (size_t begin = 0; begin < scored->size(); begin += kRowsPerQuery) {
        QHash<qint64, QStringList> rows;
        if (const QString e = fetch(begin, &rows); !e.isEmpty())
            return fail(e);
        for (size_t i = begin; i < std::min(begin + kRowsPerQuery, scored->size()); ++i) {
            QStringList fields = rows.value((*scored)[i].first);
            fields << QString::number((*scored)[i].second, 'g', 10);
            chunk += fields.join(QLatin1Char(',')).toUtf8() + '\n';
            ++written;
        }
        if (chunk.size() >= (1 << 20)) {
            if (!file.write(chunk))
                return fail(file.error());
            chunk.clear();
        }
    }
    if (!file.write(chunk) || !file.commit())
        return fail(file.error());
    return written;
}

} // namespace cl
