// SourceDescriptor: its JSON form (column dataset.source).
#include "SourceDescriptor.h"

namespace cl {

QJsonObject SourceDescriptor::toJson() const
{
    return QJsonObject{{QStringLiteral("kind"), kind},
                       {QStringLiteral("label"), label},
                       {QStringLiteral("location"), location},
                       {QStringLiteral("fingerprint"), fingerprint},
                       {QStringLiteral("details"), details}};
}

SourceDescriptor SourceDescriptor::fromJson(const QJsonObject &json)
{
    SourceDescriptor d;
    d.kind = json.value(QStringLiteral("kind")).toString();
    d.label = json.value(QStringLiteral("label")).toString();
    d.location = json.value(QStringLiteral("location")).toString();
    d.fingerprint = json.value(QStringLiteral("fingerprint")).toString();
    d.details = json.value(QStringLiteral("details")).toObject();
    return d;
}

} // namespace cl
