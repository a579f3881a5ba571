// StorageType: how a column's values are stored (the SQLite type of its raw values).
#pragma once

#include <QString>

namespace cl {

enum class StorageType
{
    Integer,
    Real,
    Text
};

/// "integer", "real", "text" (as the dataset record spells them).
QString storageTypeName(StorageType t);

} // namespace cl
