// libFuzzer target: dialect detection and the streaming CSV reader on arbitrary bytes,
// fed in chunks whose sizes come from the input itself. Checks that every split of the
// input yields the same records, and that the bit-mask scan of plain records reads what the
// state machine reads.
#include "source/CsvReader.h"
#include "source/DialectDetector.h"
#include "source/TypeInference.h"

#include <QString>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<std::string> records(const std::string &text, char delimiter, size_t chunk,
                                 size_t maxRecord, bool plainScan = true)
{
    size_t offset = 0;
    cl::CsvReader reader(
        [&](char *buffer, int64_t capacity) -> int64_t {
            const size_t n = std::min({chunk, size_t(capacity), text.size() - offset});
            std::memcpy(buffer, text.data() + offset, n);
            offset += n;
            return int64_t(n);
        },
        delimiter, '"', 4096);
    reader.setPlainScan(plainScan);
    reader.setMaxRecordBytes(maxRecord);
    std::vector<std::string> out;
    while (reader.next()) {
        std::string joined = std::to_string(reader.line()) + ':';
        for (auto f : reader.fields()) {
            joined += std::to_string(f.size()) + '=';
            joined.append(f);
            int64_t i = 0;
            double d = 0;
            cl::TypeInference::parseInteger(f, i);
            cl::TypeInference::parseReal(f, true, d);
        }
        if (reader.unterminatedQuote())
            joined += "!";
        if (reader.cutRunawayRecord())
            joined += "~"; // its raw text is what the buffer held: it depends on the reads
        out.push_back(std::move(joined));
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const size_t chunk = 1 + data[0] % 64;
    // Half the inputs with a small limit on a record's length, so that cut records and the
    // lines passed over after them are compared too.
    const size_t maxRecord = (data[0] & 0x80) ? 100 : cl::CsvReader::kMaxRecordBytes;
    const std::string text(reinterpret_cast<const char *>(data) + 1, size - 1);
    QString error;
    const cl::CsvDialect dialect = cl::DialectDetector::detect(text, &error);
    const auto whole = records(text, dialect.delimiter, 1 << 20, maxRecord);
    const auto split = records(text, dialect.delimiter, chunk, maxRecord);
    if (whole != split)
        __builtin_trap(); // the reader must not depend on how reads are split
    if (records(text, dialect.delimiter, chunk, maxRecord, false) != whole)
        __builtin_trap(); // nor on whether the bit-mask scan read a record
    return 0;
}
