// LiveFits: a live dataset's fit and a local one, compared (the warehouse tests).
#pragma once

#include "CliRun.h"
#include "cli/ModelCommands.h"
#include "store/LiveDatasets.h"
#include "store/Workspace.h"
#include "warehouse/LiveModel.h"
#include "warehouse/WarehouseConnection.h"

#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>
#include <functional>

namespace cl::test {

/// `model --split none --format json` on dataset `id` of workspace `ws`.
inline QJsonObject modelJson(const QString &ws, const QString &id)
{
    const auto r = runCli(cli::runModelCommand,
                          {QStringLiteral("--split"), QStringLiteral("none"),
                           QStringLiteral("--format"), QStringLiteral("json"),
                           QStringLiteral("--workspace"), ws, QStringLiteral("--dataset"), id});
    if (r.code != 0)
        qWarning("model --dataset %s: %s", qPrintable(id), qPrintable(r.err));
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

/// Two fits have the same terms, their estimates and standard errors equal to 1e-9 relative.
inline void compareFits(const QJsonObject &a, const QJsonObject &b)
{
    const QJsonArray ca = a.value(QStringLiteral("coefficients")).toArray();
    const QJsonArray cb = b.value(QStringLiteral("coefficients")).toArray();
    QVERIFY(ca.size() > 20);
    QCOMPARE(cb.size(), ca.size());
    // By term: a live table's levels are numbered in the engine's row order, so the terms
    // of a column may come in another order.
    QHash<QString, QJsonObject> byTerm;
    for (const QJsonValue &v : cb)
        byTerm.insert(v.toObject().value(QStringLiteral("term")).toString(), v.toObject());
    for (qsizetype i = 0; i < ca.size(); ++i) {
        const QJsonObject x = ca[i].toObject();
        const QString term = x.value(QStringLiteral("term")).toString();
        QVERIFY2(byTerm.contains(term), qPrintable(term));
        const QJsonObject y = byTerm.value(term);
        for (const QString &key : {QStringLiteral("estimate"), QStringLiteral("se")}) {
            const double u = x.value(key).toDouble(), v = y.value(key).toDouble();
            QVERIFY2(std::abs(u - v) <= 1e-9 * std::max(std::abs(u), 1e-12),
                     qPrintable(QStringLiteral("%1 %2 %3: %4 vs %5")
                                    .arg(x.value(QStringLiteral("column")).toString(),
                                         x.value(QStringLiteral("level")).toString(), key)
                                    .arg(u, 0, 'g', 17)
                                    .arg(v, 0, 'g', 17)));
        }
    }
}

/// A live fit on every row of bank-additional-full equals the local one: the terms (as
/// compareFits), the rows and subscribers it counted, and the log-likelihood to 1e-9.
inline void compareBankFits(const QJsonObject &local, const QJsonObject &live)
{
    compareFits(local, live);
    if (QTest::currentTestFailed())
        return;
    auto fit = [](const QJsonObject &o) {
        return o.value(QStringLiteral("metrics"))
            .toObject()
            .value(QStringLiteral("fit"))
            .toObject();
    };
    const QJsonObject lf = fit(local), vf = fit(live);
    QCOMPARE(vf.value(QStringLiteral("rows")).toDouble(), 41188.0);
    QCOMPARE(vf.value(QStringLiteral("positives")).toDouble(), 4640.0);
    const double la = lf.value(QStringLiteral("log_likelihood")).toDouble(),
                 lb = vf.value(QStringLiteral("log_likelihood")).toDouble();
    QVERIFY2(la < -1000 && std::abs(la - lb) <= 1e-9 * std::abs(la),
             qPrintable(QStringLiteral("%1 vs %2").arg(la, 0, 'g', 17).arg(lb, 0, 'g', 17)));
}

/// The bytes of the workspace file at `path` and its WAL, hashed.
inline QByteArray workspaceDigest(const QString &path)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &suffix : {QString(), QStringLiteral("-wal")}) {
        QFile f(path + suffix);
        if (f.open(QIODevice::ReadOnly))
            hash.addData(f.readAll());
    }
    return hash.result();
}

/// The server dies during a Newton step of live dataset `liveId` of workspace `ws`: the fit
/// ends with a message that names the engine and the step, and the workspace is as it was.
inline void fitLosesItsServer(const QString &ws, qint64 liveId, const QString &engine,
                              const std::function<void()> &killServer)
{
    std::optional<LiveDatasetInfo> info;
    {
        Workspace w;
        QVERIFY(w.open(ws));
        info = LiveDatasets::find(w, liveId);
    }
    QVERIFY(info.has_value());
    const QByteArray before = workspaceDigest(ws);
    QString error;
    const auto conn = openWarehouse(info->url, &error);
    QVERIFY2(conn, qPrintable(error));
    bool killed = false;
    const LiveModelFit fit =
        LiveModel::fit(*conn, *info, {}, {}, [&](double, const QString &purpose) {
            if (!killed && purpose.contains(QLatin1String("Newton step"))) {
                killed = true;
                killServer();
            }
            return true;
        });
    QVERIFY(killed);
    QVERIFY(!fit.ok());
    // As `model` prints it.
    const QString why = fit.error.isEmpty() ? fit.fit.message : fit.error;
    QVERIFY2(why.contains(engine + QStringLiteral(": a Newton step of the model on table ")) &&
                 why.contains(QLatin1String(" failed: ")),
             qPrintable(why));
    QCOMPARE(workspaceDigest(ws), before);
}

} // namespace cl::test
