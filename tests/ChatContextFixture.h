// A chat context over one imported fixture: what the chat tests start from.
#pragma once

#include "TestSupport.h"

#include "chat/ChatContext.h"
#include "import/CsvImporter.h"
#include "store/FrameLoader.h"
#include "store/Workspace.h"

#include <memory>

namespace cl::test {

/// Opens a workspace at `path`, imports tests/data/`fixtureName` and returns a chat context
/// over it (frame loaded) in `mode`; fails the current test on error.
inline void importForChat(Workspace &ws, const QString &path, const QString &fixtureName,
                          SharingMode mode, ChatContext *context)
{
    QString error;
    QVERIFY2(ws.open(path, &error), qPrintable(error));
    ImportOptions opt;
    opt.path = QFileInfo(fixtureName).isAbsolute() ? fixtureName : fixture(fixtureName);
    const ImportResult r = CsvImporter(ws).run(opt);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const auto info = ws.latestDataset();
    QVERIFY(info.has_value());
    auto frame = loadFrame(ws, info->id, &error);
    QVERIFY2(frame.has_value(), qPrintable(error));
    context->workspacePath = ws.path();
    context->dataset = *info;
    context->frame = std::make_shared<const DataFrame>(std::move(*frame));
    context->mode = mode;
}

} // namespace cl::test
