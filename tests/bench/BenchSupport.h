// Benchmark helpers: run a child process, measure its wall time and peak RSS.
#pragma once

#include <QString>
#include <QStringList>

namespace cl::bench {

struct ProcessRun
{
    int exitCode = -1;
    double seconds = 0;
    long peakRssKb = 0; ///< ru_maxrss of the child
    int signal = 0;     ///< the signal that ended the child; 0: it exited
};

/// Runs `program args` with stdin from `stdinFile` (may be empty), stdout to `stdoutFile` (empty:
/// /dev/null) and stderr to /dev/null; waits with wait4() to read the child's own peak memory.
/// `addressSpaceBytes` > 0 caps the child's address space (RLIMIT_AS), so that a run too big for
/// the machine fails on its own allocation instead of waking the kernel's OOM killer.
ProcessRun runProcess(const QString &program, const QStringList &args,
                      const QString &stdinFile = {}, const QString &stdoutFile = {},
                      qint64 addressSpaceBytes = 0);

/// The sqlite3 CLI script that imports `csvPath` (semicolons, header skipped) into one typed
/// table `bank`: the peer's best setup (no journal, no syncs, big pages and cache).
QString sqliteImportScript(const QString &csvPath);

/// Path of bank-additional-full.csv beside the checkout (or $CL_BENCH_INPUT); empty if absent.
QString referenceFile();

/// Writes a copy of `source` whose data rows are repeated `times` times (header once).
/// Reuses an existing file of the expected size.
bool makeScaledCopy(const QString &source, int times, const QString &target);

} // namespace cl::bench
