// StorageType: names as the dataset record spells them.
#include "StorageType.h"

namespace cl {

QString storageTypeName(StorageType t)
{
    switch (t) {
    case StorageType::Integer:
        return QStringLiteral("integer");
    case StorageType::Real:
        return QStringLiteral("real");
    case StorageType::Text:
        return QStringLiteral("text");
    }
    return {};
}

} // namespace cl
