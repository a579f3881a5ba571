// Parsing of numeric fields and inference of column types from sample values.
#pragma once

#include "data/StorageType.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace cl::TypeInference {

/// Strips ASCII spaces and tabs at both ends.
std::string_view trimmed(std::string_view s);
/// Empty, "NA", "N/A", "NULL", "NaN", "?" (any case, trimmed): a missing value.
bool isMissingToken(std::string_view s);
/// Whole-field integer ("42", " -7 ", "+3"). False for anything else.
bool parseInteger(std::string_view s, int64_t &out);
/// Decimal number ("1.5", "-36.4", "1e3"; "1,5" when decimalComma). False otherwise.
bool parseReal(std::string_view s, bool decimalComma, double &out);
/// "1,5"-style number: digits, one comma, digits (and no point).
bool looksLikeDecimalComma(std::string_view s);

/// Counts of what the sample values of one column look like.
struct ColumnEvidence
{
    int64_t missing = 0;
    int64_t integers = 0;
    int64_t reals = 0;
    int64_t texts = 0;
    void add(std::string_view value, bool decimalComma);
};

/// Integer or Real where (nearly) all non-missing values are numbers, else Text.
/// A few stray texts (<= 2% and at most 5 of the sample) still make a numeric column,
/// so that one bad cell becomes a rejected row instead of turning the column to text.
StorageType inferType(const ColumnEvidence &e);

} // namespace cl::TypeInference
