// DatasetTables: how an import lays out a dataset's silver table, remainders and raw view.
#pragma once

#include "data/StorageType.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cl {

/// How the raw view rebuilds one source column from the silver table (see DatasetWriter).
struct RawColumnRule
{
    enum class Kind
    {
        Value,       ///< the silver value, or the remainder where there is one
        Target,      ///< the remainder, else 'yes'/'no' from the 0/1 silver value
        Categorical, ///< the remainder, else the label of the silver code (NULL if missing)
        Pdays        ///< the remainder, else the value, else the sentinel where never contacted
    };
    QString name;
    Kind kind = Kind::Value;
    int silver = -1;    ///< silver column; -1 when it has none (free text: the remainder only)
    int remainder = -1; ///< remainder column (index into DatasetTables::remainders), -1 = none
};

/// The tables of one dataset, as the import plan lays them out.
struct DatasetTables
{
    struct Column
    {
        QString name;
        StorageType type = StorageType::Integer; ///< SQL type of the stored values
        bool categorical = false;                ///< dictionary codes (levels in finish())
    };
    /// Silver table, in order, after the row id. Categorical ones hold dictionary codes.
    std::vector<Column> silver;
    /// Raw remainders: added to the silver table (NULL in earlier rows) by the first row that
    /// has one. ImportBatch cells hold the silver columns, then these.
    std::vector<Column> remainders;
    /// The raw view, one rule per source column in source order.
    std::vector<RawColumnRule> raw;
    int previouslyContacted = -1; ///< silver column of previously_contacted, or -1
    int64_t pdaysSentinel = 999;  ///< written back by the raw view where never contacted
};

} // namespace cl
