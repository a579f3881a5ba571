// ModelStore: SQL for model_run and model_score, and the targeting-list CSV export.
#include "ModelStore.h"

#include "data/ColumnRole.h"

#include "Statement.h"
#include "Transaction.h"
#include "Workspace.h"
#include "util/AtomicFile.h"

#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace cl {

double ModelRunRecord::heldOutAuc() const
{
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
    "(SELECT count(*) FROM model_score s WHERE s.run_id = r.id AND s.score IS NOT NULL)");

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

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
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
    // Row ids first: the frame is the silver table in row id order.
    std::vector<qint64> rowIds;
    rowIds.reserve(frameScores.size());
    {
        Statement ids(db, QStringLiteral("SELECT %2 FROM %1 ORDER BY %2")
                              .arg(Database::quoteIdentifier(info->silverTable()),
                                   Database::quoteIdentifier(info->rowIdColumn)));
        while (ids.step())
            rowIds.push_back(ids.columnInt64(0));
        if (!ids.ok())
            return fail(ids.error());
    }
    if (rowIds.size() != frameScores.size())
        return fail(QStringLiteral("%1 scores for the %2 rows of dataset %3")
                        .arg(frameScores.size())
                        .arg(rowIds.size())
                        .arg(run.datasetId));

    Transaction tx(db);
    if (!tx.isActive())
        return fail(db.lastError());
    const QDateTime created =
        run.createdAt.isValid() ? run.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    Statement insert(db, QStringLiteral("INSERT INTO model_run(dataset_id, data_sha256, "
                                        "created_at, settings, metrics, coefficients) "
                                        "VALUES (?, ?, ?, ?, ?, ?)"));
    insert.bind(1, run.datasetId);
    insert.bind(2,
                run.sourceFingerprint.isEmpty() ? info->source.fingerprint : run.sourceFingerprint);
    insert.bind(3, created.toString(Qt::ISODateWithMs));
    insert.bind(4, compactJson(run.settings));
    insert.bind(5, compactJson(run.metrics));
    insert.bind(6,
                QString::fromUtf8(QJsonDocument(run.coefficients).toJson(QJsonDocument::Compact)));
    if (!insert.exec())
        return fail(insert.error());
    const qint64 runId = db.lastInsertRowId();

    Statement score(db, QStringLiteral("INSERT INTO model_score(run_id, row_id, score) "
                                       "VALUES (?, ?, ?)"));
    for (size_t i = 0; i < rowIds.size(); ++i) {
        score.reset();
        score.bind(1, runId);
        score.bind(2, rowIds[i]);
        if (std::isnan(frameScores[i]))
            score.bindNull(3);
        else
            score.bind(3, frameScores[i]);
        if (!score.exec())
            return fail(score.error());
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

std::vector<std::pair<qint64, double>> ModelStore::scores(qint64 runId)
{
    std::vector<std::pair<qint64, double>> out;
    Statement st(m_workspace.db(),
                 QStringLiteral("SELECT row_id, score FROM model_score WHERE run_id = ? "
                                "AND score IS NOT NULL ORDER BY row_id"));
    st.bind(1, runId);
    while (st.step())
        out.emplace_back(st.columnInt64(0), st.columnDouble(1));
    return out;
}

bool ModelStore::removeRun(qint64 runId, QString *error)
{
    Database &db = m_workspace.db();
    Transaction tx(db);
    Statement scores(db, QStringLiteral("DELETE FROM model_score WHERE run_id = ?"));
    scores.bind(1, runId);
    Statement run(db, QStringLiteral("DELETE FROM model_run WHERE id = ?"));
    run.bind(1, runId);
    const bool ok = scores.exec() && run.exec() && tx.commit();
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
    select << QStringLiteral("s.score");
    qint64 limit = request.topCount;
    if (limit <= 0) {
        if (!(request.topFraction > 0 && request.topFraction <= 1))
            return fail(
                QStringLiteral("top fraction %1 is not in (0, 1]").arg(request.topFraction));
        limit = qint64(std::ceil(request.topFraction * double(runRecord->scoredRows) - 1e-9));
    }
    Statement st(
        m_workspace.db(),
        QStringLiteral("SELECT %1 FROM model_score s JOIN %2 v ON v.row_id = s.row_id "
                       "WHERE s.run_id = ? AND s.score IS NOT NULL "
                       "ORDER BY s.score DESC, s.row_id LIMIT ?")
            .arg(select.join(QStringLiteral(", ")), Database::quoteIdentifier(info->silverView())));
    if (!st.ok())
        return fail(st.error());
    st.bind(1, request.runId);
    st.bind(2, limit);

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
    const int n = int(columns.size()) + 1;
    while (st.step()) {
        QStringList fields;
        for (int c = 0; c < n; ++c) {
            if (st.isNull(c))
                fields << QString();
            else if (c == n - 1)
                fields << QString::number(st.columnDouble(c), 'g', 10);
            else
                fields << csvField(st.columnText(c));
        }
        chunk += fields.join(QLatin1Char(',')).toUtf8() + '\n';
        ++written;
        if (chunk.size() >= (1 << 20)) {
            if (!file.write(chunk))
                return fail(file.error());
            chunk.clear();
        }
    }
    if (!st.ok())
        return fail(st.error());
    if (!file.write(chunk) || !file.commit())
        return fail(file.error());
    return written;
}

} // namespace cl
