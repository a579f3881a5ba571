// Helpers shared by the test suites: locating fixtures and the shared reference data.
#pragma once

#include <QDir>
#include <QFile>
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

/// A field of /proc/self/status in KB ("VmRSS", "VmHWM"); -1 where there is none (not Linux).
inline qint64 residentKb(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(field) && line.size() > qsizetype(qstrlen(field)) &&
            line.at(qstrlen(field)) == ':')
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

/// Starts VmHWM afresh from the current RSS (Linux: "5" to /proc/self/clear_refs).
inline bool resetPeakResident()
{
    QFile refs(QStringLiteral("/proc/self/clear_refs"));
    return refs.open(QIODevice::WriteOnly) && refs.write("5") == 1;
}

/// ASan keeps freed memory in quarantine, so resident memory says little under it.
constexpr bool underAddressSanitizer()
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#else
    return false;
#endif
#else
    return false;
#endif
}

} // namespace cl::test

/// Skips the current test, visibly, when a shared reference file is missing.
#define CL_REQUIRE_SHARED(var, name)                                                               \
    const QString var = cl::test::sharedBankFile(QStringLiteral(name));                            \
    if (var.isEmpty())                                                                             \
        QSKIP("../shared/data/uci-bank-marketing/" name " not present: skipped");
