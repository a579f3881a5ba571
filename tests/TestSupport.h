// Helpers shared by the test suites: locating fixtures and the shared reference data.
#pragma once

#include <QDir>
#include <QFileInfo>
#include <QString>
#include <QTest>

namespace cl::test {

/// Path of a file in ../shared/data/uci-bank-marketing, or empty when the data is absent.
inline QString sharedBankFile(const QString &name)
{
    const QString path = QStringLiteral(CL_SHARED_DATA_DIR "/uci-bank-marketing/") + name;
    return QFileInfo::exists(path) ? path : QString();
}

/// Path of one of our own fixtures in tests/data.
inline QString fixture(const QString &name)
{
    return QStringLiteral(CL_TEST_DATA_DIR "/") + name;
}

} // namespace cl::test

/// Skips the current test, visibly, when a shared reference file is missing.
#define CL_REQUIRE_SHARED(var, name)                                                               \
    const QString var = cl::test::sharedBankFile(QStringLiteral(name));                            \
    if (var.isEmpty())                                                                             \
        QSKIP("../shared/data/uci-bank-marketing/" name " not present: skipped");
