// Names of the data-sharing modes.
#include "SharingMode.h"

#include <QCoreApplication>

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

QString sharingModeDescription(SharingMode mode, int minGroupSize)
{
    // Translated when the GUI installed its translator; the CLI has none and stays English.
    switch (mode) {
    case SharingMode::Aggregates:
        return minGroupSize >= 1
                   ? QCoreApplication::translate(
                         "cl::SharingMode", "Aggregates only: counts and rates of groups of "
                                            "clients; groups of fewer than %1 clients are never "
                                            "sent.")
                         .arg(minGroupSize)
                   : QCoreApplication::translate("cl::SharingMode",
                                                 "Aggregates only: counts and rates of groups of "
                                                 "clients, never single clients.");
    case SharingMode::Schema:
        return QCoreApplication::translate(
            "cl::SharingMode", "Schema only: column names and category levels; no data values.");
    case SharingMode::Rows:
        return QCoreApplication::translate("cl::SharingMode",
                                           "Rows allowed: row-level client records may be sent.");
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
