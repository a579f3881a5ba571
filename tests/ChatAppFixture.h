// An AppContext on a fresh workspace holding the chat marker fixture, for the chat widget
// suites: no OpenAI environment variables, the imported dataset current.
#pragma once

#include "AppContext.h"
#include "TestSupport.h"
#include "import/CsvImporter.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace cl::test {

/// A new context on `dir`/<current test function>.campaignlens, or nullptr with a failure.
inline std::unique_ptr<cl::AppContext> chatAppContext(const QTemporaryDir &dir)
{
    qunsetenv("OPENAI_BASE_URL");
    qunsetenv("OPENAI_API_KEY");
    auto context = std::make_unique<cl::AppContext>();
    const QString path =
        dir.filePath(QStringLiteral("%1.campaignlens").arg(QTest::currentTestFunction()));
    if (!context->openWorkspace(path))
        return nullptr;
    cl::ImportOptions opt;
    opt.path = fixture(QStringLiteral("chat_markers.csv"));
    if (!cl::CsvImporter(context->workspace()).run(opt).ok())
        return nullptr;
    context->notifyDatasetsChanged();
    context->setCurrentDataset(context->workspace().latestDataset()->id);
    return context;
}

} // namespace cl::test
