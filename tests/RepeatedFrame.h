// A frame with its rows repeated: the "same data, repeated" check of issue 11.
#pragma once

#include "data/DataFrame.h"

namespace cl::test {

/// `f` with its rows repeated `times` times (the x100 copy of issue 11).
inline DataFrame repeated(const DataFrame &f, size_t times)
{
    DataFrame out;
    std::vector<uint8_t> y;
    for (size_t t = 0; t < times; ++t)
        y.insert(y.end(), f.target().begin(), f.target().end());
    out.setTarget(y);
    for (const FrameColumn &c : f.columns()) {
        FrameColumn r = c;
        r.codes = CodeColumn();
        for (size_t t = 0; t < times; ++t)
            r.codes.append(c.codes);
        if (!c.isCategorical()) {
            const std::vector<double> once = c.numbers.toVector();
            std::vector<double> values;
            values.reserve(once.size() * times);
            for (size_t t = 0; t < times; ++t)
                values.insert(values.end(), once.begin(), once.end());
            r.numbers = NumberColumn(std::move(values));
        }
        out.addColumn(r);
    }
    return out;
}

} // namespace cl::test
