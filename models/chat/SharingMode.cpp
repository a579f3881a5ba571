// Names of the data-sharing modes.
#include "SharingMode.h"

namespace cl {

QString sharingModeName(SharingMode mode)
{
    switch (mode) {
    case SharingMode::Aggregates:
        return QStringLiteral("aggregates");
    case SharingMode::Schema:
        return QStringLiteral("schema");
    case SharingMode::Rows:
        return QStringLiteral("rows");
    }
    return {};
}

bool parseSharingMode(const QString &name, SharingMode *mode)
{
    const QString n = name.trimmed().toLower();
    for (SharingMode m : {SharingMode::Aggregates, SharingMode::Schema, SharingMode::Rows}) {
        if (n == sharingModeName(m)) {
            *mode = m;
            return true;
        }
    }
    return false;
}

} // namespace cl
