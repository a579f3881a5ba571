// RowHash: a held-out split that every engine makes alike, from each row's own values.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace cl {

class DataFrame;

/**
 * SplitKind::RowHash holds out a row when the first four bytes of the MD5 of its key, read as
 * a big-endian number, are below testFraction x 2^32. The key is the row's analysis values:
 * the columns of rowHashColumns() in that order, then the target (0 or 1), joined by '|'. A
 * categorical column gives its label, a number round(1000 x value) as an integer (clamped to
 * +-10^15), a missing value nothing. So a row's side depends on its values alone: not on its
 * position, the table's order or the engine (LiveModel writes the same key in SQL, and a
 * snapshot of a live table splits as the table does), and the same rows repeated k times
 * are held out alike. (A number held as a 4-byte float on the engine, PostgreSQL's real or
 * ClickHouse's Float32, is widened there but read from its printed text in a snapshot: the
 * two can round to different thousandths, and that row to different sides.)
 */
namespace RowHash {

/// Numbers are keyed at this precision (round(value x kScale)).
inline constexpr double kScale = 1000;
/// A number's key is clamped to +-kLimit (exact as a double and as a 64-bit integer).
inline constexpr double kLimit = 1e15;
inline constexpr char kSeparator = '|';

/// The key columns among `names` (with `derived` per name): sorted by name, derived columns
/// (age_band, ...) and pdays (whose never-contacted sentinel the import and the engine read
/// differently) left out.
QStringList columns(const QStringList &names, const std::vector<bool> &derived);

/// A number's part of the key; empty for a missing value (NaN or infinite).
QString numberKey(double value);

/// The bucket of a key: the first 4 bytes of its MD5 (UTF-8) as a big-endian number.
uint32_t bucket(const QByteArray &key);

/// Rows whose bucket is below this are held out: floor(fraction x 2^32), clamped.
uint64_t threshold(double testFraction);

/// The bucket of each of `rows` of `frame` (the target from frame.target()).
std::vector<uint32_t> buckets(const DataFrame &frame, const std::vector<uint32_t> &rows);

} // namespace RowHash

} // namespace cl
