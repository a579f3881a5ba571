// LiveDatasets: rows of table live_dataset, columns and levels as JSON.
#include "LiveDatasets.h"

#include "Statement.h"
#include "Workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cl {

const LiveColumn *LiveDatasetInfo::column(const QString &columnName) const
{
    for (const LiveColumn &c : columns) {
        if (c.name == columnName)
            return &c;
    }
    return nullptr;
}

namespace {

QString columnsToJson(const QList<LiveColumn> &columns)
{
    QJsonArray array;
    for (const LiveColumn &c : columns) {
        QJsonObject o{{QStringLiteral("source"), c.source},
                      {QStringLiteral("name"), c.name},
                      {QStringLiteral("role"), c.role},
                      {QStringLiteral("type"), c.type},
                      {QStringLiteral("categorical"), c.categorical}};
        if (c.categorical)
            o.insert(QStringLiteral("levels"), QJsonArray::fromStringList(c.levels));
        if (c.plausible)
            o.insert(QStringLiteral("plausible"), true);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<LiveColumn> columnsFromJson(const QString &text)
{
    QList<LiveColumn> columns;
    const QJsonArray array = QJsonDocument::fromJson(text.toUtf8()).array();
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        LiveColumn c;
        c.source = o.value(QStringLiteral("source")).toString();
        c.name = o.value(QStringLiteral("name")).toString();
        c.role = o.value(QStringLiteral("role")).toString();
        c.type = o.value(QStringLiteral("type")).toString();
        c.categorical = o.value(QStringLiteral("categorical")).toBool();
        c.plausible = o.value(QStringLiteral("plausible")).toBool(); // absent: checked per row
        for (const QJsonValue &l : o.value(QStringLiteral("levels")).toArray())
            c.levels << l.toString();
        columns << c;
    }
    return columns;
}

const QString kSelect = QStringLiteral("SELECT id, name, engine, url, table_name, columns, "
                                       "row_count, subscribers, fingerprint, connected_at, "
                                       "query FROM live_dataset");

LiveDatasetInfo fromRow(const Statement &st)
{
    LiveDatasetInfo d;
    d.id = st.columnInt64(0);
    d.name = st.columnText(1);
    d.engine = st.columnText(2);
    d.url = st.columnText(3);
    d.table = st.columnText(4);
    d.columns = columnsFromJson(st.columnText(5));
    d.rows = st.columnInt64(6);
    d.subscribers = st.columnInt64(7);
    d.fingerprint = st.columnText(8);
    d.connectedAt = QDateTime::fromString(st.columnText(9), Qt::ISODateWithMs);
    d.query = st.columnText(10);
    return d;
}

} // namespace

namespace LiveDatasets {

bool insert(Workspace &ws, LiveDatasetInfo *info, QString *error)
{
    Database &db = ws.db();
    Statement ins(
        db, QStringLiteral("INSERT INTO live_dataset(id, name, engine, url, table_name, columns, "
                           "row_count, subscribers, fingerprint, connected_at, query) VALUES ("
                           "max(coalesce((SELECT max(id) FROM dataset), 0), "
                           "coalesce((SELECT max(id) FROM live_dataset), 0)) + 1, "
                           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int i = 0;
    ins.bind(++i, info->name);
    ins.bind(++i, info->engine);
    ins.bind(++i, info->url);
    ins.bind(++i, info->table);
    ins.bind(++i, columnsToJson(info->columns));
    ins.bind(++i, info->rows);
    ins.bind(++i, info->subscribers);
    ins.bind(++i, info->fingerprint);
    if (!info->connectedAt.isValid())
        info->connectedAt = QDateTime::currentDateTimeUtc();
    ins.bind(++i, info->connectedAt.toString(Qt::ISODateWithMs));
    ins.bind(++i, info->query);
    if (!ins.exec()) {
        if (error)
            *error = QStringLiteral("cannot register the live dataset in %1: %2")
                         .arg(ws.path(), ins.error().isEmpty() ? db.lastError() : ins.error());
        return false;
    }
    info->id = db.lastInsertRowId();
    return true;
}

QList<LiveDatasetInfo> list(Workspace &ws)
{
    QList<LiveDatasetInfo> all;
    Statement st(ws.db(), kSelect + QStringLiteral(" ORDER BY id"));
    while (st.step())
        all << fromRow(st);
    return all;
}

std::optional<LiveDatasetInfo> find(Workspace &ws, qint64 id)
{
    Statement st(ws.db(), kSelect + QStringLiteral(" WHERE id = ?"));
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    return fromRow(st);
}

} // namespace LiveDatasets

} // namespace cl
