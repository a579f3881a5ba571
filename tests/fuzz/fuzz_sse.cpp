// libFuzzer target: the SSE parser and the Chat Completions stream assembler on arbitrary bytes,
// fed in chunks whose sizes come from the input. Checks that every split gives the same result.
#include "llm/ChatCodec.h"
#include "llm/SseParser.h"
#include "llm/StreamAssembler.h"

#include <QByteArray>
#include <QStringList>

#include <cstdint>
#include <cstdlib>

namespace {

struct Outcome
{
    QByteArray events;
    QString text;
    QString content;
    int toolCalls = 0;
    bool failed = false;
    bool done = false;
};

Outcome run(const QByteArray &data, const uint8_t *sizes, size_t nSizes)
{
    Outcome o;
    cl::SseParser parser;
    cl::StreamAssembler assembler;
    size_t k = 0;
    for (qsizetype at = 0; at < data.size();) {
        const qsizetype n = nSizes ? 1 + sizes[k++ % nSizes] % 64 : data.size();
        const QByteArray piece = data.mid(at, n);
        at += n;
        for (const cl::SseEvent &e : parser.feed(piece))
            o.events += e.event + '\x01' + e.id + '\x01' + e.data + '\x02';
        o.text += assembler.feed(piece).text;
    }
    for (const cl::SseEvent &e : parser.finish())
        o.events += e.event + '\x01' + e.id + '\x01' + e.data + '\x02';
    o.text += assembler.finish().text;
    const cl::ChatResult r = assembler.result();
    o.content = r.content;
    o.toolCalls = int(r.toolCalls.size());
    o.failed = assembler.hasFailed();
    o.done = assembler.isDone();
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
    if (size < 1)
        return 0;
    // First byte: how many split sizes follow; the rest is the stream.
    const size_t nSizes = qMin<size_t>(bytes[0] % 16, size - 1);
    const uint8_t *sizes = bytes + 1;
    const QByteArray data(reinterpret_cast<const char *>(bytes + 1 + nSizes),
                          qsizetype(size - 1 - nSizes));

    const Outcome whole = run(data, nullptr, 0);
    const Outcome pieces = run(data, sizes, nSizes);
    static const uint8_t one = 0; // 1-byte pieces
    const Outcome bytewise = run(data, &one, 1);
    if (whole.events != pieces.events || whole.events != bytewise.events)
        std::abort();
    if (!whole.failed && (whole.content != pieces.content || whole.content != bytewise.content ||
                          whole.text != whole.content || whole.toolCalls != pieces.toolCalls ||
                          whole.done != bytewise.done))
        std::abort();
    if (whole.failed != pieces.failed || whole.failed != bytewise.failed)
        std::abort();

    // The non-streamed parsers on the same bytes must not crash either.
    cl::ChatResult result;
    cl::ChatError error;
    cl::ChatCodec::parseResponse(data, &result, &error);
    QStringList models;
    cl::ChatCodec::parseModelList(data, &models, &error);
    QString message, code;
    cl::ChatCodec::parseErrorObject(data, &message, &code);
    return 0;
}
