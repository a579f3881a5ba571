// RowHash: the key of a frame row, as LiveModel writes it in SQL.
#include "RowHash.h"

#include "data/ColumnRole.h"
#include "data/DataFrame.h"

#include <QCryptographicHash>

#include <algorithm>
#include <cmath>

namespace cl::RowHash {

QStringList columns(const QStringList &names, const std::vector<bool> &derived)
{
    QStringList out;
    for (qsizetype i = 0; i < names.size(); ++i)
        if (!(size_t(i) < derived.size() && derived[size_t(i)]) &&
            names[i] != roleName(ColumnRole::Pdays))
            out << names[i];
    std::sort(out.begin(), out.end());
    return out;
}

QString numberKey(double value)
{
    if (!std::isfinite(value))
        return {};
    const double rounded = std::clamp(std::floor(value * kScale + 0.5), -kLimit, kLimit);
    return QString::number(static_cast<qint64>(rounded));
}

uint32_t bucket(const QByteArray &key)
{
    const QByteArray md5 = QCryptographicHash::hash(key, QCryptographicHash::Md5);
    const auto byte = [&](int i) { return uint32_t(static_cast<unsigned char>(md5[i])); };
    return byte(0) << 24 | byte(1) << 16 | byte(2) << 8 | byte(3);
}

uint64_t threshold(double testFraction)
{
    const double f = std::clamp(testFraction, 0.0, 1.0);
    return uint64_t(std::floor(f * 4294967296.0));
}

std::vector<uint32_t> buckets(const DataFrame &frame, const std::vector<uint32_t> &rows)
{
    QStringList names;
    std::vector<bool> derived;
    for (const FrameColumn &c : frame.columns()) {
        names << c.name;
        derived.push_back(c.derived);
    }
    std::vector<const FrameColumn *> keyed;
    for (const QString &name : columns(names, derived))
        keyed.push_back(frame.column(name));
    std::vector<uint32_t> out;
    out.reserve(rows.size());
    QByteArray key;
    for (const uint32_t row : rows) {
        key.clear();
        for (const FrameColumn *c : keyed) {
            if (c->isCategorical()) {
                const int32_t code = c->codes[row];
                if (code != FrameColumn::kMissingCode)
                    key += c->levels[code].toUtf8();
            } else {
                key += numberKey(c->value(row)).toLatin1();
            }
            key += kSeparator;
        }
        key += frame.target()[row] ? '1' : '0';
        out.push_back(bucket(key));
    }
    return out;
}

} // namespace cl::RowHash
