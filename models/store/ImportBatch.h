// ImportBatch: the cells the import's parser thread hands to its writer, a batch of rows at a time.
#pragma once

#include "RejectedRow.h"
#include "util/UninitVector.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace cl {

/// One cell on its way to SQLite: 16 bytes, the payload chosen by `kind`.
struct ImportCell
{
    enum Kind : uint8_t
    {
        Null,
        Int,
        Real,
        Text
    };
    Kind kind = Null;
    uint32_t length = 0; ///< Text: bytes in the batch's text buffer
    union {
        int64_t i = 0;
        double d;
        uint64_t offset; ///< Text: where it starts in the batch's text buffer
    };

    /// Same number, or both NULL (text cells are never the same: their bytes move).
    bool sameValue(const ImportCell &o) const
    {
        if (kind != o.kind || kind == Text)
            return false;
        if (kind == Null)
            return true;
        uint64_t a, b; // compare the payload's bits, whichever member holds them
        std::memcpy(&a, &i, sizeof a);
        std::memcpy(&b, &o.i, sizeof b);
        return a == b;
    }
};
static_assert(sizeof(ImportCell) == 16);

/// One column's chunk of the columnar copy, encoded off the writer thread and stored by it.
struct EncodedColumnChunk
{
    int column = 0; ///< index into the copy's columns
    int64_t chunk = 0;
    int64_t rows = 0;
    int encoding = 0;
    UninitVector<uint8_t> data;
    std::vector<double> dictionary;
    uint64_t checksum = 0;
};

struct ImportBatch
{
    int rows = 0;
    std::vector<ImportCell> cells; ///< rows x stored columns (silver, then raw remainders)
    std::string text;              ///< text cells point into this
    std::vector<RejectedRow> rejects;
    std::vector<uint8_t> remaindersUsed; ///< per remainder column: a row of the batch has one
    std::vector<uint64_t> hashes;        ///< of the accepted records, for counting duplicates
    int64_t bytesConsumed = 0;
    /// The columnar copy's chunks this batch completed (ColumnStore::Writer::encodeBatch).
    std::vector<EncodedColumnChunk> columnChunks;

    void clear()
    {
        rows = 0;
        cells.clear();
        text.clear();
        rejects.clear();
        std::fill(remaindersUsed.begin(), remaindersUsed.end(), 0);
        hashes.clear();
        bytesConsumed = 0;
        columnChunks.clear();
    }
};

} // namespace cl
